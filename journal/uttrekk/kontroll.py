"""Checker for Noark 5 arkivuttrekk directories, ours or anyone's (issue 20, item 4).

`kontroller(katalog)` returns a `Rapport` like Arkivverket's Arkade 5: each test has Arkade's id
and name (from Arkade's ArkadeTestDisplayNames.nb-NO.resx), a result and its deviations with
their location (file and line, or systemID). Our own analyses that Arkade has no id for are
numbered SA.xx.

Structure tests: N5.01 (the files exist), N5.02 (ADDML checksums), N5.03 (XML valid against its
schema; a schema the package holds must be identical to the standard's), N5.28 (number of
document files). Content cannot be read reliably when a file is missing or invalid, so a failed
N5.01 or N5.03 stops the run before the content controls; the report says so. A wrong ADDML
checksum or file count is reported but does not stop the run: it says nothing about whether
the content can be read.

Memory stays flat: every data file is streamed with `lxml.etree.iterparse` and its elements are
cleared as soon as they are read. What is kept is one entry per systemID (for uniqueness and the
reference checks) and per document file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .kontroll_innhold import Innholdsleser, i_pakken

XSD_DIR = Path(__file__).resolve().parent / "xsd"
ADDML = "arkivuttrekk.xml"
NS = {"a": "http://www.arkivverket.no/standarder/addml"}
# Noark 5 version in the ADDML → the standard's schemas for it.
STANDARDSKJEMA = {"5.0": XSD_DIR, "3.1": XSD_DIR / "v3.1"}
# Above this size a schema-invalid file is validated once more as a whole tree only to get
# line numbers; bigger files are reported with the schema's messages alone (memory stays flat).
LINJENUMMER_GRENSE = 50 * 1024 * 1024
MAKS_AVVIK = 1000  # deviations kept per test; the count goes on
DOKUMENTMAPPER = {"dokument", "dokumenter"}

TESTER = [
    ("N5.01", "Kontroll av eksistens for XML-filene", "struktur"),
    ("N5.02", "Validering av sjekksummer", "struktur"),
    ("N5.03", "Validering av XML i henhold til skjema", "struktur"),
    ("N5.28", "Validering av antall dokumentfiler", "struktur"),
    ("N5.30", "Dokumentfilers sjekksummer", "innhold"),
    ("N5.32", "Refererte dokumenters eksistens", "innhold"),
    ("N5.33", "Dokumentfiler som mangler referanse", "innhold"),
    ("N5.47", "Systemidentifikasjoner", "innhold"),
    ("N5.48", "Arkivdelreferanser", "innhold"),
    ("N5.51", "Klassereferanser", "innhold"),
    ("N5.59", "Antall journalposter", "innhold"),
    ("N5.62", "Endringslogg-referanser til arkivstrukturen", "innhold"),
    ("N5.63", "Elementer som mangler innhold", "innhold"),
    ("SA.01", "Referanser til mapper, registreringer og journalposter", "innhold"),
    ("SA.02", "Antall forekomster oppgitt i ADDML", "analyse"),
    ("SA.03", "Kodeverdier", "analyse"),
    ("SA.04", "Datoer", "analyse"),
    ("SA.05", "Tilleggsinformasjon (additionalInfo) i ADDML", "analyse"),
    ("SA.06", "Møtereferanser (forrige og neste møte, møteregistreringer)", "innhold"),
]
PORTER = ("N5.01", "N5.03")


@dataclass(frozen=True)
class Avvik:
    plassering: str
    melding: str


@dataclass
class Test:
    id: str
    navn: str
    gruppe: str
    avvik: list[Avvik] = field(default_factory=list)
    antall: int = 0
    kjort: bool = False

    def legg_til(self, plassering: str, melding: str) -> None:
        self.antall += 1
        if len(self.avvik) < MAKS_AVVIK:
            self.avvik.append(Avvik(plassering, melding))

    @property
    def resultat(self) -> str:
        if not self.kjort:
            return "ikke kjørt"
        return f"avvik ({self.antall})" if self.antall else "OK"


@dataclass
class Rapport:
    katalog: Path
    tester: dict[str, Test]
    merknader: list[str] = field(default_factory=list)

    @property
    def feilet(self) -> bool:
        return any(t.antall for t in self.tester.values())

    def __getitem__(self, test_id: str) -> Test:
        return self.tester[test_id]

    def som_dict(self) -> dict:
        return {
            "katalog": str(self.katalog),
            "feilet": self.feilet,
            "merknader": self.merknader,
            "tester": [
                {
                    "id": t.id,
                    "navn": t.navn,
                    "gruppe": t.gruppe,
                    "resultat": "ikke kjørt" if not t.kjort else ("avvik" if t.antall else "OK"),
                    "antall_avvik": t.antall,
                    "avvik": [{"plassering": a.plassering, "melding": a.melding} for a in t.avvik],
                }
                for t in self.tester.values()
            ],
        }

    def tekst(self) -> str:
        linjer = [f"Kontroll av arkivuttrekk: {self.katalog}", ""]
        for gruppe, tittel in (
            ("struktur", "Strukturtester"),
            ("innhold", "Innholdskontroller"),
            ("analyse", "Analyser"),
        ):
            linjer.append(tittel)
            for t in self.tester.values():
                if t.gruppe != gruppe:
                    continue
                linjer.append(f"  {t.id:<6} {t.navn}: {t.resultat}")
                for a in t.avvik:
                    linjer.append(f"           {a.plassering}: {a.melding}")
                if t.antall > len(t.avvik):
                    linjer.append(f"           … og {t.antall - len(t.avvik)} avvik til")
            linjer.append("")
        linjer.extend(self.merknader)
        linjer.append("Resultat: " + ("avvik funnet" if self.feilet else "ingen avvik"))
        return "\n".join(linjer) + "\n"


# --- ADDML ---------------------------------------------------------------------------------


@dataclass
class Fil:
    navn: str
    algoritme: str | None
    sjekksum: str | None
    linje: int


@dataclass
class Dataobjekt:
    navn: str
    fil: Fil
    hovedskjema: str | None
    skjemaer: list[Fil]
    forekomster: list[tuple[str, str, str, int]]  # (navn, elementPath, verdi, linje)


@dataclass
class Addml:
    versjon: str | None
    tilleggsinfo: dict[str, tuple[str, int]]  # property name → (value, line)
    dataobjekter: list[Dataobjekt]


def _egenskap(el, navn):
    funnet = el.xpath("a:properties/a:property[@name=$n]", namespaces=NS, n=navn)
    return funnet[0] if funnet else None


def _verdi(el) -> str | None:
    if el is None:
        return None
    v = el.find("a:value", NS)
    return (v.text or "").strip() if v is not None else None


def _fil(fil_el) -> Fil:
    sjekksum = _egenskap(fil_el, "checksum")
    return Fil(
        navn=_verdi(_egenskap(fil_el, "name")) or "",
        algoritme=_verdi(_egenskap(sjekksum, "algorithm")) if sjekksum is not None else None,
        sjekksum=_verdi(_egenskap(sjekksum, "value")) if sjekksum is not None else None,
        linje=fil_el.sourceline or 0,
    )


def les_addml(tre) -> Addml:
    rot = tre.getroot()
    versjon = None
    tilleggsinfo: dict[str, tuple[str, int]] = {}
    dataobjekter = []
    for do in rot.iter(f"{{{NS['a']}}}dataObject"):
        info = _egenskap(do, "info")
        fil_el = _egenskap(do, "file")
        if fil_el is None:
            if info is not None:
                versjon = versjon or _verdi(_egenskap(_egenskap(info, "type"), "version"))
                tillegg = _egenskap(info, "additionalInfo")
                if tillegg is not None:
                    for p in tillegg.iter(f"{{{NS['a']}}}property"):
                        if _verdi(p) is not None:
                            tilleggsinfo[p.get("name")] = (_verdi(p), p.sourceline or 0)
            continue
        skjemaer, hoved = [], None
        for s in do.xpath("a:properties/a:property[@name='schema']", namespaces=NS):
            sf = _egenskap(s, "file")
            if sf is None:
                continue
            skjemaer.append(_fil(sf))
            if _verdi(s) == "main":
                hoved = skjemaer[-1].navn
        forekomster = []
        if info is not None:
            for f in info.xpath(
                "a:properties/a:property[@name='numberOfOccurrences']", namespaces=NS
            ):
                forekomster.append(
                    (
                        _verdi(f) or "",
                        _verdi(_egenskap(f, "elementPath")) or "",
                        _verdi(_egenskap(f, "value")) or "",
                        f.sourceline or 0,
                    )
                )
        dataobjekter.append(
            Dataobjekt(do.get("name") or "", _fil(fil_el), hoved, skjemaer, forekomster)
        )
    return Addml(versjon, tilleggsinfo, dataobjekter)


# --- helpers -------------------------------------------------------------------------------


def sha256(sti: Path) -> str:
    h = hashlib.sha256()
    with open(sti, "rb") as f:
        for blokk in iter(lambda: f.read(1 << 20), b""):
            h.update(blokk)
    return h.hexdigest()


_skjemacache: dict[Path, etree.XMLSchema] = {}


def _skjema(sti: Path) -> etree.XMLSchema:
    """Compile a schema; the standard's own (journal/uttrekk/xsd) are compiled once per process."""
    sti = sti.resolve()
    if not sti.is_relative_to(XSD_DIR):
        return etree.XMLSchema(etree.parse(str(sti)))
    if sti not in _skjemacache:
        _skjemacache[sti] = etree.XMLSchema(etree.parse(str(sti)))
    return _skjemacache[sti]


def _valider(sti: Path, skjema: etree.XMLSchema, test: Test, navn: str) -> bool:
    """Stream-validate; on failure report the schema's messages (with lines if small enough)."""
    try:
        for _hendelse, el in etree.iterparse(str(sti), schema=skjema, huge_tree=True):
            el.clear(keep_tail=True)
        return True
    except etree.XMLSyntaxError as feil:
        logg = list(feil.error_log) or [feil]
        if sti.stat().st_size <= LINJENUMMER_GRENSE:
            try:
                skjema.validate(etree.parse(str(sti), etree.XMLParser(huge_tree=True)))
                logg = list(skjema.error_log) or logg
            except etree.XMLSyntaxError as e:
                logg = [e]
        for e in logg:
            linje = getattr(e, "line", None) or getattr(e, "lineno", None)
            melding = getattr(e, "message", None) or str(e)
            test.legg_til(f"{navn}, linje {linje}" if linje else navn, melding)
        return False


def _normalisert(sti: Path) -> bytes:
    return sti.read_bytes().replace(b"\r\n", b"\n")


def _dokumentfiler(katalog: Path) -> set[str] | None:
    """Relative paths of the files in the package's document folder, None if it has none."""
    mapper = [p for p in katalog.iterdir() if p.is_dir() and p.name.lower() in DOKUMENTMAPPER]
    if not mapper:
        return None
    filer = set()
    for mappe in mapper:
        for rot, _kataloger, navn in os.walk(mappe):
            for n in navn:
                filer.add((Path(rot) / n).relative_to(katalog).as_posix())
    return filer


# --- the run -------------------------------------------------------------------------------


def kontroller(katalog: Path | str, uttrekksdato: dt.date | None = None) -> Rapport:
    katalog = Path(katalog)
    uttrekksdato = uttrekksdato or dt.date.today()
    rapport = Rapport(katalog, {i: Test(i, n, g) for i, n, g in TESTER})
    t = rapport.tester
    t["N5.01"].kjort = True
    if not katalog.is_dir():
        t["N5.01"].legg_til(str(katalog), "Katalogen finnes ikke.")
        return _stoppet(rapport)
    addml_sti = katalog / ADDML
    if not addml_sti.is_file():
        t["N5.01"].legg_til(ADDML, "Filen finnes ikke.")
        return _stoppet(rapport)

    t["N5.03"].kjort = True
    pakkens = katalog / "addml.xsd"
    try:
        addml_skjema = _skjema(pakkens if pakkens.is_file() else XSD_DIR / "addml.xsd")
    except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as e:
        t["N5.03"].legg_til("addml.xsd", f"Skjemaet kan ikke leses: {e}")
        return _stoppet(rapport)
    if not _valider(addml_sti, addml_skjema, t["N5.03"], ADDML):
        return _stoppet(rapport)
    addml = les_addml(etree.parse(str(addml_sti)))
    standard = STANDARDSKJEMA.get(addml.versjon or "")
    if standard is None:
        rapport.merknader.append(
            f"Noark 5-versjon «{addml.versjon}» er ukjent for kontrollen: "
            "skjemaene i uttrekket brukes."
        )

    # N5.01: every file the ADDML lists exists (schemas may come from the standard instead).
    for do in addml.dataobjekter:
        sti = i_pakken(katalog, do.fil.navn)
        if sti is None or not sti.is_file():
            t["N5.01"].legg_til(
                f"{ADDML}, linje {do.fil.linje}", f"Filen {do.fil.navn} finnes ikke."
            )

    # N5.02: SHA-256 in the ADDML against the exact bytes of each file present.
    t["N5.02"].kjort = True
    sjekket = set()
    for do in addml.dataobjekter:
        for fil in [do.fil, *do.skjemaer]:
            sti = i_pakken(katalog, fil.navn)
            if sti is None or not sti.is_file() or fil.navn in sjekket:
                continue
            sjekket.add(fil.navn)
            sted = f"{ADDML}, linje {fil.linje}"
            algoritme = (fil.algoritme or "").upper().replace("-", "")
            if algoritme != "SHA256":
                t["N5.02"].legg_til(
                    sted, f"{fil.navn}: algoritmen «{fil.algoritme}» er ikke SHA-256."
                )
            elif (fil.sjekksum or "").lower() != sha256(sti):
                t["N5.02"].legg_til(
                    sted,
                    f"{fil.navn}: sjekksummen {fil.sjekksum} stemmer ikke med filen "
                    f"({sha256(sti)}).",
                )

    # N5.03: the schemas, then every data file against its main schema.
    if standard is not None:
        for xsd in sorted(katalog.glob("*.xsd")):
            fasit = standard / xsd.name
            if fasit.is_file() and _normalisert(xsd) != _normalisert(fasit):
                t["N5.03"].legg_til(
                    xsd.name, f"Skjemaet er ikke identisk med standardens {xsd.name}."
                )
    gyldige = {}
    for do in addml.dataobjekter:
        sti = i_pakken(katalog, do.fil.navn)
        if sti is None or not sti.is_file() or not do.hovedskjema:
            continue
        skjemasti = katalog / do.hovedskjema
        if not skjemasti.is_file() and standard is not None:
            skjemasti = standard / do.hovedskjema
        if not skjemasti.is_file():
            t["N5.03"].legg_til(
                do.fil.navn,
                f"Skjemaet {do.hovedskjema} finnes verken i uttrekket eller i standarden.",
            )
            continue
        try:
            skjema = _skjema(skjemasti)
        except (etree.XMLSchemaParseError, etree.XMLSyntaxError) as e:
            t["N5.03"].legg_til(do.hovedskjema, f"Skjemaet kan ikke leses: {e}")
            continue
        if _valider(sti, skjema, t["N5.03"], do.fil.navn):
            gyldige[do.fil.navn] = (do, sti)

    # N5.28: antallDokumentfiler against the files in the document folder.
    t["N5.28"].kjort = True
    filer_i_mappe = _dokumentfiler(katalog)
    oppgitt, linje = addml.tilleggsinfo.get("antallDokumentfiler", (None, 0))
    faktisk = len(filer_i_mappe or ())
    if oppgitt is None:
        t["N5.28"].legg_til(ADDML, "antallDokumentfiler er ikke oppgitt.")
    elif not oppgitt.isdigit() or int(oppgitt) != faktisk:
        t["N5.28"].legg_til(
            f"{ADDML}, linje {linje}",
            f"antallDokumentfiler er «{oppgitt}», uttrekket har {faktisk} dokumentfiler.",
        )

    if any(t[p].antall for p in PORTER):
        return _stoppet(rapport)

    leser = Innholdsleser(katalog, uttrekksdato, t)
    rekkefolge = sorted(gyldige, key=lambda n: Path(n).stem != "arkivstruktur")
    antall: dict[str, Counter] = {}
    for navn in rekkefolge:
        do, sti = gyldige[navn]
        antall[navn] = leser.les(navn, sti)
    leser.avslutt(filer_i_mappe)

    # SA.02: numberOfOccurrences in the ADDML against the elements actually there.
    t["SA.02"].kjort = True
    for navn in rekkefolge:
        do, _sti = gyldige[navn]
        for element, sti_uttrykk, verdi, linje in do.forekomster:
            sted = f"{ADDML}, linje {linje}"
            lokalt = sti_uttrykk[2:] if sti_uttrykk.startswith("//") else ""
            if not lokalt or "/" in lokalt:
                t["SA.02"].legg_til(sted, f"elementPath «{sti_uttrykk}» kan ikke tolkes.")
            elif not verdi.isdigit():
                t["SA.02"].legg_til(sted, f"Antall {element} i {navn} er «{verdi}», ikke et tall.")
            elif int(verdi) != antall[navn][lokalt]:
                t["SA.02"].legg_til(
                    sted,
                    f"Antall {element} i {navn} er oppgitt til {verdi}, "
                    f"men er {antall[navn][lokalt]}.",
                )

    _tilleggsinfo(addml, leser, t["SA.05"])
    return rapport


def _stoppet(rapport: Rapport) -> Rapport:
    rapport.merknader.append(
        "Strukturtestene feilet (N5.01 eller N5.03): "
        "innholdskontrollene og analysene er ikke kjørt."
    )
    return rapport


BOOLSKE = {
    "inneholderSkjermetInformasjon": "har_skjerming",
    "omfatterDokumenterSomErKassert": "har_kassert",
    "inneholderDokumenterSomSkalKasseres": "skal_kasseres",
    "inneholderVirksomhetsspesifikkeMetadata": "har_virksomhetsspesifikke",
}
# Noark 5 v5.0's template says «mykt/skarpt»; v3.1 extractions (Arkade's test data) say «skarp».
SKILLE = {"mykt", "skarpt", "myk", "skarp"}


def _tilleggsinfo(addml: Addml, leser: Innholdsleser, test: Test) -> None:
    test.kjort = True
    info = addml.tilleggsinfo
    for navn, flagg in BOOLSKE.items():
        if navn not in info:
            test.legg_til(ADDML, f"{navn} er ikke oppgitt.")
            continue
        verdi, linje = info[navn]
        sted = f"{ADDML}, linje {linje}"
        if verdi not in ("true", "false"):
            test.legg_til(sted, f"{navn} er «{verdi}», ikke true eller false.")
        elif verdi == "false" and getattr(leser, flagg):
            test.legg_til(sted, f"{navn} er false, men arkivstruktur.xml har slike forekomster.")
    for navn in ("inngaaendeSkille", "utgaaendeSkille"):
        if navn in info and info[navn][0] not in SKILLE:
            test.legg_til(
                f"{ADDML}, linje {info[navn][1]}",
                f"{navn} er «{info[navn][0]}», ikke mykt eller skarpt.",
            )
