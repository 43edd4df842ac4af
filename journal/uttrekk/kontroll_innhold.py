"""The content controls of the arkivuttrekk checker (kontroll.py): one streaming pass per file.

Each data file is read once with `iterparse`; elements are cleared and dropped as soon as they
end, so memory holds only the systemIDs, the references to resolve at the end and the set of
referenced document files. Code lists: ../shared/noark5/CODES.md §1–6 and §12 (the [TG]
kodenavn, which include every value the v5.0 standard makes mandatory; an extraction carries
the kodenavn text).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from pathlib import Path, PurePosixPath

from lxml import etree

XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"

KODER = {
    "saksstatus": {
        "Under behandling",
        "Avsluttet",
        "Utgår",
        "Opprettet av saksbehandler",
        "Avsluttet av saksbehandler",
        "Unntatt prosesstyring",
        "Ferdig fra saksbehandler",
    },
    "journalstatus": {
        "Journalført",
        "Ferdigstilt fra saksbehandler",
        "Godkjent av leder",
        "Ekspedert",
        "Arkivert",
        "Utgår",
        "Midlertidig registrering av innkommet dokument",
        "Saksbehandler har registrert innkommet dokument",
        "Reservert dokument",
    },
    "journalposttype": {
        "Inngående dokument",
        "Utgående dokument",
        "Organinternt dokument for oppfølging",
        "Organinternt dokument uten oppfølging",
        "Saksframlegg",
    },
    "dokumentstatus": {"Dokumentet er under redigering", "Dokumentet er ferdigstilt"},
    "tilknyttetRegistreringSom": {"Hoveddokument", "Vedlegg"},
    "variantformat": {
        "Produksjonsformat",
        "Arkivformat",
        "Dokument hvor deler av innholdet er skjermet",
    },
}

# Dates of things that had happened when the extraction was made: none may lie after it.
# (forfallsdato, kassasjonsdato, skjermingOpphoererDato … may lie in the future.)
FORTIDSDATOER = {
    "opprettetDato",
    "avsluttetDato",
    "arkivertDato",
    "journaldato",
    "dokumentetsDato",
    "mottattDato",
    "sendtDato",
    "saksdato",
    "tilknyttetDato",
    "avskrivningsdato",
    "endretDato",
    "offentlighetsvurdertDato",
    "journalStartDato",
    "journalSluttDato",
    "moetedato",
    "kassertDato",
    "slettetDato",
}

# Reference element → (the kind it must point to, or None for any systemID; the test).
REFERANSER = {
    "referanseArkivdel": ("arkivdel", "N5.48"),
    "referanseForloeper": ("arkivdel", "N5.48"),
    "referanseArvtaker": ("arkivdel", "N5.48"),
    "referanseSekundaerKlassifikasjon": ("klasse", "N5.51"),
    "referanseTilKlasse": ("klasse", "N5.51"),
    "referanseTilMappe": ("mappe", "SA.01"),
    "referanseForrigeMoete": ("moetemappe", "SA.06"),
    "referanseNesteMoete": ("moetemappe", "SA.06"),
    "referanseTilRegistrering": ("registrering", "SA.01"),
    "referanseTilMoeteregistrering": ("moeteregistrering", "SA.06"),
    "referanseFraMoeteregistrering": ("moeteregistrering", "SA.06"),
    "referanseAvskrivesAvJournalpost": ("journalpost", "SA.01"),
    "referanseArkivenhet": (None, "N5.62"),
}
# Kinds of unit known by their xsi:type: a meeting reference must point to one of its kind.
MOETEENHETER = {"moetemappe", "moeteregistrering"}
SKJERMING = {"skjerming", "skjermingMetadata", "skjermingDokument", "tilgangsrestriksjon"}
ALGORITMER = {
    "SHA256": "sha256",
    "SHA1": "sha1",
    "MD5": "md5",
    "SHA512": "sha512",
    "SHA384": "sha384",
}
INNHOLD = ("N5.30", "N5.32", "N5.33", "N5.47", "N5.48", "N5.51", "N5.59", "N5.62", "N5.63")
INNHOLD += ("SA.01", "SA.03", "SA.04", "SA.06")


def i_pakken(katalog: Path, navn: str) -> Path | None:
    """The file `navn` (relative, / or \\ separated) inside `katalog`, or None if it escapes."""
    deler = PurePosixPath(navn.replace("\\", "/")).parts
    if not deler or deler[0] == "/" or ".." in deler:
        return None
    return katalog.joinpath(*deler)


def filsjekksum(sti: Path, algoritme: str = "sha256") -> str:
    h = hashlib.new(algoritme)
    with open(sti, "rb") as f:
        for blokk in iter(lambda: f.read(1 << 20), b""):
            h.update(blokk)
    return h.hexdigest()


def _lokalt(tag) -> str:
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


class Innholdsleser:
    def __init__(self, katalog: Path, uttrekksdato: dt.date, tester: dict):
        self.katalog = katalog
        self.uttrekksdato = uttrekksdato
        self.t = tester
        for test_id in INNHOLD:
            tester[test_id].kjort = True
        self.ider: dict[str, str] = {}  # systemID in arkivstruktur → element (arkivdel, mappe …)
        self.journalpost_ider: set[str] = set()
        self.moete_ider: dict[str, str] = {}  # systemID → moetemappe / moeteregistrering
        # References in arkivstruktur.xml that may point forward: resolved at the end.
        self.utestaaende: list[tuple[str, str, str, int]] = []  # (element, value, file, line)
        self.referert: set[str] = set()
        self.journalposter = 0
        self.journaler: dict[str, tuple[int, int | None, str]] = {}  # stem → (count, stated, loc)
        self.har_skjerming = self.har_kassert = self.skal_kasseres = False
        self.har_virksomhetsspesifikke = False

    def les(self, navn: str, sti: Path) -> Counter:
        """Read one data file; returns the number of elements of each (local) name."""
        art = Path(navn).stem
        antall: Counter = Counter()
        stabel: list[list] = []  # [local name, kind, has a child element]
        dokobj: dict | None = None
        oppgitt_antall = None
        for hendelse, el in etree.iterparse(str(sti), events=("start", "end"), huge_tree=True):
            lokalt = _lokalt(el.tag)
            if not lokalt:
                continue
            if hendelse == "start":
                if stabel:
                    stabel[-1][2] = True
                xsi = el.get(XSI_TYPE)
                stabel.append([lokalt, xsi.rpartition(":")[2] if xsi else lokalt, False])
                if lokalt == "dokumentobjekt":
                    dokobj = {"linje": el.sourceline}
                continue
            _navn, art_el, har_barn = stabel.pop()
            forelder = stabel[-1] if stabel else None
            antall[lokalt] += 1
            tekst = (el.text or "").strip()
            sted = f"{navn}, linje {el.sourceline}"
            if not har_barn and not tekst:
                self.t["N5.63"].legg_til(sted, f"Elementet <{lokalt}> mangler innhold.")
            if lokalt in KODER and tekst and tekst not in KODER[lokalt]:
                self.t["SA.03"].legg_til(sted, f"{lokalt} «{tekst}» er ikke en verdi i kodelisten.")
            if tekst and (lokalt in FORTIDSDATOER or lokalt.lower().endswith("dato")):
                self._dato(lokalt, tekst, sted)
            if lokalt in REFERANSER and tekst:
                self._referanse(lokalt, tekst, navn, el.sourceline, art == "arkivstruktur")

            if art == "arkivstruktur":
                if lokalt == "systemID" and forelder is not None and tekst:
                    if tekst in self.ider:
                        self.t["N5.47"].legg_til(
                            f"{sted}, systemID {tekst}", "systemID finnes fra før i uttrekket."
                        )
                    else:
                        self.ider[tekst] = forelder[0]
                    if forelder[1] == "journalpost":
                        self.journalpost_ider.add(tekst)
                    elif forelder[1] in MOETEENHETER:
                        self.moete_ider[tekst] = forelder[1]
                elif lokalt == "registrering" and art_el == "journalpost":
                    self.journalposter += 1
                elif lokalt in SKJERMING:
                    self.har_skjerming = True
                elif lokalt == "utfoertKassasjon":
                    self.har_kassert = True
                elif lokalt == "kassasjonsvedtak" and tekst == "Kasseres":
                    self.skal_kasseres = True
                elif lokalt == "virksomhetsspesifikkeMetadata":
                    self.har_virksomhetsspesifikke = True
                if dokobj is not None and forelder is not None and forelder[0] == "dokumentobjekt":
                    dokobj[lokalt] = tekst
                elif lokalt == "dokumentobjekt" and dokobj is not None:
                    self._dokumentobjekt(navn, dokobj)
                    dokobj = None
            elif art in ("loependeJournal", "offentligJournal"):
                if lokalt == "systemID" and forelder is not None and forelder[0] == "journalpost":
                    self._referanse("journalpost", tekst, navn, el.sourceline, False)
                elif lokalt == "antallJournalposter":
                    oppgitt_antall = int(tekst) if tekst.isdigit() else -1

            el.clear(keep_tail=True)
            if el.getparent() is not None:
                while el.getprevious() is not None:
                    del el.getparent()[0]
        if art in ("loependeJournal", "offentligJournal"):
            self.journaler[art] = (antall["journalregistrering"], oppgitt_antall, navn)
        return antall

    def _referanse(self, element: str, verdi: str, navn: str, linje: int, kan_vente: bool) -> None:
        """Check that a reference points to a systemID of the right kind in arkivstruktur.xml.

        A reference inside arkivstruktur.xml may point to an element further on (kan_vente):
        it is kept and checked once the whole file is read. The journals and the endringslogg
        are read after arkivstruktur.xml, so their references are checked at once."""
        if element == "journalpost":
            forventet, test = "journalpost", "SA.01"
        else:
            forventet, test = REFERANSER[element]
        if forventet == "journalpost":
            funnet = verdi in self.journalpost_ider
        elif forventet in MOETEENHETER:
            funnet = self.moete_ider.get(verdi) == forventet
        elif forventet is None:
            funnet = verdi in self.ider
        else:
            funnet = self.ider.get(verdi) == forventet
        if funnet:
            return
        if kan_vente:
            self.utestaaende.append((element, verdi, navn, linje))
            return
        hva = f"en {forventet}" if forventet else "en arkivenhet"
        self.t[test].legg_til(
            f"{navn}, linje {linje}, systemID {verdi}",
            f"{element} peker ikke på {hva} i arkivstruktur.xml.",
        )

    def _dato(self, lokalt: str, tekst: str, sted: str) -> None:
        try:
            dato = dt.date.fromisoformat(tekst[:10])
            if len(tekst) > 10 and tekst[10] not in "TZ+-":
                raise ValueError
        except ValueError:
            self.t["SA.04"].legg_til(sted, f"{lokalt} «{tekst}» er ikke en gyldig dato.")
            return
        if lokalt in FORTIDSDATOER and dato > self.uttrekksdato:
            self.t["SA.04"].legg_til(
                sted,
                f"{lokalt} {tekst} ligger etter uttrekksdatoen {self.uttrekksdato.isoformat()}.",
            )

    def _dokumentobjekt(self, navn: str, d: dict) -> None:
        sted = f"{navn}, linje {d['linje']}, systemID {d.get('systemID') or '–'}"
        ref = d.get("referanseDokumentfil") or ""
        sti = i_pakken(self.katalog, ref)
        if sti is None or not sti.is_file():
            self.t["N5.32"].legg_til(sted, f"Dokumentfilen {ref} finnes ikke.")
            return
        self.referert.add(sti.relative_to(self.katalog).as_posix())
        algoritme = ALGORITMER.get((d.get("sjekksumAlgoritme") or "").upper().replace("-", ""))
        if algoritme is None:
            self.t["N5.30"].legg_til(
                sted, f"Ukjent sjekksumalgoritme «{d.get('sjekksumAlgoritme')}»."
            )
        elif (d.get("sjekksum") or "").lower() != (faktisk := filsjekksum(sti, algoritme)):
            self.t["N5.30"].legg_til(
                sted, f"Sjekksummen for {ref} stemmer ikke med filen ({faktisk})."
            )

    def avslutt(self, filer_i_mappe: set[str] | None) -> None:
        """The checks that need every file read: references, journal counts, unreferenced files."""
        for element, verdi, navn, linje in self.utestaaende:
            self._referanse(element, verdi, navn, linje, False)
        for art, (antall, oppgitt, navn) in sorted(self.journaler.items()):
            if oppgitt is not None and oppgitt != antall:
                self.t["N5.59"].legg_til(
                    navn, f"journalhode oppgir {oppgitt} journalposter, filen har {antall}."
                )
            if art == "loependeJournal" and antall != self.journalposter:
                self.t["N5.59"].legg_til(
                    navn, f"{antall} journalposter, men arkivstruktur.xml har {self.journalposter}."
                )
            if art == "offentligJournal" and antall > self.journalposter:
                self.t["N5.59"].legg_til(
                    navn,
                    f"{antall} journalposter, flere enn arkivstruktur.xml sine "
                    f"{self.journalposter}.",
                )
        for fil in sorted((filer_i_mappe or set()) - self.referert):
            self.t["N5.33"].legg_til(fil, "Dokumentfilen er ikke referert fra noe dokumentobjekt.")
