"""What the files of a Noark 5 arkivuttrekk share: namespaces, code names, the batch
sizes, the selection of the period and small writing helpers (journal/uttrekk)."""

import datetime
import gc
import itertools
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from saksarkiv.tekst import uten_kontrolltegn

from ..models import (
    Avskrivningsmaate,
    Journalposttype,
    Journalstatus,
    Korrespondanseparttype,
    Saksmappe,
    Saksstatus,
    TilknyttetRegistreringSom,
)

NS = "http://www.arkivverket.no/standarder/noark5/"
NS_ARKIV = NS + "arkivstruktur"
NS_LJ = NS + "loependeJournal"
NS_OJ = NS + "offentligJournal"
NS_LOGG = NS + "endringslogg"
NS_ADDML = "http://www.arkivverket.no/standarder/addml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
BATCH = 200
POSTBATCH = 1000
SYSTEM = "Saksarkiv"
NAVNEROM = uuid.uuid5(uuid.NAMESPACE_URL, "urn:saksarkiv:noark5:arkivuttrekk")
ANONYM = AnonymousUser()

SAKSSTATUS = dict(Saksstatus.choices)
# A closed case's posts are archived (Noark 5 v5.0: delivered posts are «Arkivert» or «Utgår»).
JOURNALSTATUS = {**dict(Journalstatus.choices), "J": "Arkivert"}
JOURNALPOSTTYPE = dict(Journalposttype.choices)
PARTTYPE = dict(Korrespondanseparttype.choices)
TILKNYTTET = dict(TilknyttetRegistreringSom.choices)
# The routines' NN is Noark's BN «Besvart med notat» (journal/models/codes.py).
AVSKRIVNINGSMAATE = dict(Avskrivningsmaate.choices)
DOKUMENTTYPE = {"I": "Brev", "U": "Brev", "N": "Notat", "X": "Notat", "S": "Saksframlegg"}
KLASSIFIKASJONSTYPE = {"K-kode": "K-koder", "GBNR": "Gårds- og bruksnummer"}
KODENAVN = {"saksstatus": SAKSSTATUS, "journalstatus": JOURNALSTATUS}
KODENAVN["journalposttype"] = JOURNALPOSTTYPE
METADATANAVN = {
    "offentlig_tittel": "offentligTittel",
    "tilgangskode": "tilgangsrestriksjon",
    "dokumentdato": "dokumentetsDato",
    "administrativ_enhet": "administrativEnhet",
    "ordningsverdi": "klasseID",
}

Fremdrift = Callable[[str, int], None]


@dataclass
class Resultat:
    katalog: Path
    antall: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sjekksummer: dict[str, str] = field(default_factory=dict)
    skjermet: bool = False

    @property
    def saksmapper(self) -> int:
        """Folders that are cases (mappe counts the meetings' moetemapper too)."""
        return self.antall["mappe"] - self.antall["moetemappe"]

    @property
    def journalposter(self) -> int:
        """Registrations that are journal posts (not the meetings' moeteregistreringer)."""
        return self.antall["registrering"] - self.antall["moeteregistrering"]


# --- Small helpers -------------------------------------------------------------------------
def system_id(*deler) -> str:
    """A stable systemID for a unit the project keeps no row for."""
    return str(uuid.uuid5(NAVNEROM, "/".join(str(d) for d in deler)))


def _tid(verdi) -> str | None:
    """xs:dateTime in Oslo time; a date is its midnight."""
    if verdi is None:
        return None
    if not isinstance(verdi, datetime.datetime):
        tz = timezone.get_current_timezone()
        verdi = datetime.datetime.combine(verdi, datetime.time(), tzinfo=tz)
    return timezone.localtime(verdi).isoformat(timespec="seconds")


def _navn(bruker) -> str:
    if bruker is None:
        return ""
    return bruker.get_full_name() or bruker.get_username()


def _felt(xf, ns: str, navn: str, verdi) -> None:
    """One element, left out when it has no value (no empty elements, Noark 5 krav 5)."""
    if verdi is None or verdi == "":
        return
    if isinstance(verdi, datetime.date) and not isinstance(verdi, datetime.datetime):
        verdi = verdi.isoformat()
    tekst = uten_kontrolltegn(str(verdi)).strip()
    if tekst:
        with xf.element(f"{{{ns}}}{navn}"):
            xf.write(tekst)


_lest = [0]


def _rydd(rader: int = 0) -> None:
    """Free finished batches once about POSTBATCH rows have passed. Prefetched rows point
    back at their parents (Django's prefetch caches are reference cycles), which only the
    cyclic collector frees; left to its thresholds, the garbage of many batches piles up
    before a full collection. Collecting after every small class would cost more time."""
    _lest[0] += rader
    if _lest[0] >= POSTBATCH:
        _lest[0] = 0
        gc.collect()


def _batcher(rader: Iterable, storrelse: int) -> Iterator[list]:
    it = iter(rader)
    while batch := list(itertools.islice(it, storrelse)):
        yield batch


def periode_q(fra: datetime.date, til: datetime.date, prefiks: str = "") -> Q:
    """The cases of the extraction: closed (A) on a day in the period."""
    return Q(
        **{
            f"{prefiks}saksstatus": Saksstatus.AVSLUTTET,
            f"{prefiks}avsluttet_dato__range": (fra, til),
        }
    )


def _i_perioden(sak: Saksmappe, fra, til) -> bool:
    return sak.saksstatus == Saksstatus.AVSLUTTET and fra <= sak.avsluttet_dato <= til


def _hjemmel(obj) -> str:
    kode = obj.tilgangskode
    return obj.skjermingshjemmel or kode.hjemmel or kode.navn


def _skjermingsord(obj, *, mappe: bool) -> list[str]:
    """skjermingMetadata (M502) of a restricted case or post."""
    kode = obj.tilgangskode
    if kode is None:
        return []
    if kode.midlertidig:
        return ["Midlertidig skjerming"]
    tittel = f"Skjerming tittel {'mappe' if mappe else 'registrering'} - utvalgte ord"
    ord_ = [tittel]
    if mappe and obj.skjerm_parter:
        ord_.append("Skjerming navn part i sak")
    if not mappe and obj.skjerm_korrespondanseparter:
        ord_ += ["Skjerming navn avsender", "Skjerming navn mottaker"]
    return ord_
