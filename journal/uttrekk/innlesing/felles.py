"""What the import's two passes share: reading arkivstruktur.xml (streaming), the code
names back to codes, the report and the refusal (see __init__.py)."""

import datetime
import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from lxml import etree

from saksarkiv.services import DomainError

from ..felles import (
    AVSKRIVNINGSMAATE,
    JOURNALPOSTTYPE,
    KLASSIFIKASJONSTYPE,
    KODENAVN,
    METADATANAVN,
    NS_ARKIV,
    PARTTYPE,
    SAKSSTATUS,
    TILKNYTTET,
    XSI,
)

MAKS_FEIL = 200  # faults listed in the report; the count is always complete


def _omvendt(koder: dict) -> dict:
    return {str(navn): kode for kode, navn in koder.items()}


SAKSSTATUS_KODE = _omvendt(SAKSSTATUS)
# The export writes «Arkivert» for J (journalført); the other statuses keep their names.
JOURNALSTATUS_KODE = _omvendt(KODENAVN["journalstatus"]) | {"Journalført": "J"}
JOURNALPOSTTYPE_KODE = _omvendt(JOURNALPOSTTYPE)
PARTTYPE_KODE = _omvendt(PARTTYPE)
TILKNYTTET_KODE = _omvendt(TILKNYTTET)
AVSKRIVNINGSMAATE_KODE = _omvendt(AVSKRIVNINGSMAATE) | {"Besvart med notat": "NN"}
PRINSIPP = {navn: kode for kode, navn in KLASSIFIKASJONSTYPE.items()}
METADATA_FELT = {navn: felt for felt, navn in METADATANAVN.items()}
KODE_FRA_NAVN = {felt: _omvendt(koder) for felt, koder in KODENAVN.items()}
SKJERM_PART = "Skjerming navn part i sak"
SKJERM_AVSENDER = ("Skjerming navn avsender", "Skjerming navn mottaker")
UKJENT = "Ukjent (importert)"


def _q(navn: str, ns: str = NS_ARKIV) -> str:
    return f"{{{ns}}}{navn}"


def _t(el, navn: str, ns: str = NS_ARKIV) -> str:
    return (el.findtext(_q(navn, ns)) or "").strip()


def _alle(el, navn: str, ns: str = NS_ARKIV) -> list:
    return el.findall(_q(navn, ns))


def _xsi_type(el) -> str:
    verdi = el.get(f"{{{XSI}}}type", "")
    return verdi.rsplit(":", 1)[-1]


def _tid(tekst: str) -> datetime.datetime | None:
    if not tekst:
        return None
    verdi = datetime.datetime.fromisoformat(tekst)
    if timezone.is_naive(verdi):
        verdi = timezone.make_aware(verdi)
    return verdi


def _dato(tekst: str) -> datetime.date | None:
    """An xs:date, or the local day of an xs:dateTime (the export writes a date's midnight)."""
    if not tekst:
        return None
    if "T" in tekst:
        return timezone.localtime(_tid(tekst)).date()
    return datetime.date.fromisoformat(tekst[:10])


def _uuid(tekst: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(tekst)
    except ValueError:
        return None


# --- The report ----------------------------------------------------------------------------
@dataclass
class Rapport:
    katalog: Path
    feil: list[str] = field(default_factory=list)
    antall_feil: int = 0
    merknader: list[str] = field(default_factory=list)
    antall: Counter = field(default_factory=Counter)
    importert: bool = False

    def avvis(self, tekst: str) -> None:
        self.antall_feil += 1
        if len(self.feil) < MAKS_FEIL:
            self.feil.append(tekst)

    @property
    def avvist(self) -> bool:
        return self.antall_feil > 0

    def tekst(self) -> str:
        linjer = [f"Innlesing av Noark 5-uttrekk: {self.katalog}"]
        tall = ", ".join(f"{navn}: {n}" for navn, n in sorted(self.antall.items()))
        if self.avvist:
            linjer.append(f"AVVIST – ingenting er lest inn. {self.antall_feil} feil:")
            linjer += [f"  - {f}" for f in self.feil]
            if self.antall_feil > len(self.feil):
                linjer.append(f"  … og {self.antall_feil - len(self.feil)} feil til.")
        elif self.importert:
            linjer.append(f"Lest inn: {tall}.")
        else:
            linjer.append(f"Kontrollert, kan leses inn: {tall}.")
        linjer += [f"  Merk: {m}" for m in self.merknader]
        return "\n".join(linjer) + "\n"


class Avvist(DomainError):
    def __init__(self, rapport: Rapport):
        super().__init__(rapport.tekst())
        self.rapport = rapport


# --- Reading arkivstruktur.xml -------------------------------------------------------------
@dataclass
class Plassering:
    arkivdel: str = ""
    prinsipp: str = ""
    verdi: str = ""


def _mapper(fil: Path, ved_klasse=None):
    """(Plassering, mappe element) for every folder, streaming; the element is cleared after.
    `ved_klasse(plassering, felt)` is called at the end of every klasse with its simple
    fields (klasseID, tittel, opprettetDato, …)."""
    stakk: list[tuple[str, dict]] = []
    for hendelse, el in etree.iterparse(
        str(fil), events=("start", "end"), resolve_entities=False, huge_tree=True
    ):
        navn = etree.QName(el).localname
        if hendelse == "start":
            if navn in ("arkivdel", "klassifikasjonssystem", "klasse"):
                stakk.append((navn, {}))
            continue
        forelder = el.getparent()
        fnavn = etree.QName(forelder).localname if forelder is not None else ""
        if navn == "mappe" and fnavn in ("klasse", "arkivdel"):
            if stakk:
                stakk[-1][1].setdefault("_typer", set()).add(_xsi_type(el))
            yield _plassering(stakk), el
            el.clear(keep_tail=True)
            while el.getprevious() is not None:
                del forelder[0]
        elif stakk and fnavn == stakk[-1][0] and len(el) == 0:
            stakk[-1][1].setdefault(navn, (el.text or "").strip())
        if navn in ("arkivdel", "klassifikasjonssystem", "klasse"):
            if navn == "klasse" and ved_klasse is not None:
                ved_klasse(_plassering(stakk), stakk[-1][1])
            stakk.pop()
            if navn != "klasse" or fnavn != "klasse":
                el.clear(keep_tail=True)


def _plassering(stakk) -> Plassering:
    p = Plassering()
    for navn, felt in stakk:
        if navn == "arkivdel":
            p.arkivdel = felt.get("tittel", "")
        elif navn == "klassifikasjonssystem":
            tittel = felt.get("tittel", "")
            type_ = felt.get("klassifikasjonstype", "")
            p.prinsipp = PRINSIPP.get(type_) or (
                "" if tittel == "Uten ordningsprinsipp" else tittel
            )
        elif navn == "klasse":
            klasse_id, tittel = felt.get("klasseID", ""), felt.get("tittel", "")
            tom = klasse_id == "uklassifisert" and tittel == "Uten ordningsverdi"
            p.verdi = "" if tom else klasse_id
    return p


# --- Names to rows -------------------------------------------------------------------------


@dataclass
class Kontekst:
    katalog: Path
    rapport: Rapport
    arkivdel: str | None
    uten_moeter: bool = False
    saker: dict = field(default_factory=dict)  # systemID → saksnummer
    poster: set = field(default_factory=set)
    dokumenter: set = field(default_factory=set)
    referanser: list = field(default_factory=list)  # (fra, til, hva)
    saksnumre: set = field(default_factory=set)
    journalnumre: set = field(default_factory=set)


def _velg_objekt(objekter: list):
    if not objekter:
        return None
    arkiv = [o for o in objekter if _t(o, "variantformat") == "Arkivformat"]
    return max(arkiv or objekter, key=lambda o: int(_t(o, "versjonsnummer") or 0))


def _fil(katalog: Path, relativ: str) -> Path | None:
    relativ = relativ.replace("\\", "/")
    fil = (katalog / relativ).resolve()
    if katalog.resolve() not in fil.parents:
        return None
    return fil


def _sum(fil: Path, algoritme: str) -> str:
    h = hashlib.new(algoritme)
    with fil.open("rb") as f:
        while blokk := f.read(1 << 20):
            h.update(blokk)
    return h.hexdigest()
