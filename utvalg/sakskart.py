"""The agenda (sakskart, issue 17 item 3): the secretary puts treatments from the
committee's queue on a meeting, orders them and numbers them.

- The agenda opens with the standing items (approval of notice and agenda; of the last
  minutes when the committee has met before), then the referrals (RS), the delegated
  decisions (DS) and the political cases (PS); each group is ordered by hand.
- Numbers (PS 12/26, RS 3/26, DS 4/26) run per committee, case kind and meeting year. They
  come from a locked counter (saksarkiv.nummer) when the secretary numbers the agenda —
  unique and without gaps however many work at once. A numbered item keeps its place and
  its number; withdrawing it leaves it on the agenda as withdrawn (trukket).
- An item put on after the notice went out is a supplementary item (tillegg) for the
  supplementary notice.
- An item on an agenda has left the queue (utvalg/koliste.py); an unnumbered one taken
  off goes back to it.

Every change locks the meeting row first, then the counters in one fixed order, so that
concurrent edits queue instead of deadlocking.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from saksarkiv import audit
from saksarkiv.nummer import neste_nummer
from saksarkiv.services import DomainError

from . import koliste
from . import tillatelser as regler
from .models import Fastsak, Mote, Motestatus, Sakskartpunkt, Sakstype

# The groups in the order the agenda shows them.
GRUPPER = (
    ("fast", "Faste saker"),
    (Sakstype.REFERAT, "Referatsaker"),
    (Sakstype.DELEGERT, "Delegerte saker"),
    (Sakstype.POLITISK, "Politiske saker"),
)
_GRUPPENR = {kode: n for n, (kode, _navn) in enumerate(GRUPPER)}
# Counters are locked in this order, whatever the agenda holds (no deadlocks).
_TELLERREKKEFOLGE = (Sakstype.POLITISK, Sakstype.REFERAT, Sakstype.DELEGERT)
# The agenda can change until the meeting is held.
APEN = (Motestatus.PLANLAGT, Motestatus.INNKALT)


def gruppe(punkt: Sakskartpunkt) -> str:
    return "fast" if punkt.fast else punkt.sakstype


def sorteringsnokkel(punkt: Sakskartpunkt) -> tuple:
    return (_GRUPPENR[gruppe(punkt)], punkt.rekkefolge, punkt.pk or 0)


def serie(utvalg_id: int, sakstype: str) -> str:
    return f"sakskart:{utvalg_id}:{sakstype}"


def aktive(mote: Mote) -> list[Sakskartpunkt]:
    """The meeting's items on the agenda (not withdrawn), in agenda order."""
    punkter = Sakskartpunkt.objects.filter(mote=mote, trukket__isnull=True)
    return sorted(punkter, key=sorteringsnokkel)


def _laas(actor, mote: Mote) -> Mote:
    mote = Mote.objects.select_for_update().select_related("utvalg").get(pk=mote.pk)
    regler.utvalg(actor, mote.utvalg).krev("sakskart")
    if mote.status not in APEN:
        raise DomainError(
            f"Møtet er {mote.get_status_display().lower()}; sakskartet kan ikke endres."
        )
    return mote


def _neste_plass(mote: Mote) -> int:
    siste = Sakskartpunkt.objects.filter(mote=mote).aggregate(m=Max("rekkefolge"))["m"]
    return (siste or 0) + 1


def _har_mott_for(mote: Mote) -> bool:
    return (
        Mote.objects.filter(utvalg=mote.utvalg_id, dato__lt=mote.dato)
        .filter(status__in=(Motestatus.GJENNOMFORT, Motestatus.PROTOKOLL_GODKJENT))
        .exists()
    )


def _faste_saker(actor, mote: Mote) -> None:
    """The standing items, the first time the agenda gets anything."""
    if Sakskartpunkt.objects.filter(mote=mote).exists():
        return
    faste = [Fastsak.INNKALLING] + ([Fastsak.PROTOKOLL] if _har_mott_for(mote) else [])
    for n, fast in enumerate(faste, start=1):
        Sakskartpunkt.objects.create(mote=mote, utvalg=mote.utvalg, fast=fast,
                                     sakstype=Sakstype.POLITISK, rekkefolge=n,
                                     lagt_til_av=actor)  # fmt: skip


@transaction.atomic
def sett_pa(actor, mote: Mote, behandlinger: list[int]) -> list[Sakskartpunkt]:
    """Put treatments from the committee's queue on the meeting's agenda, each last in its
    group. Standing items are added with the first."""
    mote = _laas(actor, mote)
    if not behandlinger:
        raise DomainError("Velg minst én sak fra kølisten.", field="behandlinger")
    i_koen = {
        b.pk: b
        for b in koliste.i_koen(mote.utvalg)
        .filter(pk__in=behandlinger)
        .select_for_update(of=("self",))
    }
    borte = [pk for pk in behandlinger if pk not in i_koen]
    if borte:
        raise DomainError(
            "En eller flere av sakene er ikke lenger i kølisten (kanskje satt på et annet "
            "møte nå nettopp). Last siden på nytt.",
            field="behandlinger",
        )
    _faste_saker(actor, mote)
    plass = _neste_plass(mote)
    tillegg = mote.status == Motestatus.INNKALT
    nye = []
    for n, pk in enumerate(dict.fromkeys(behandlinger)):
        b = i_koen[pk]
        try:
            with transaction.atomic():
                punkt = Sakskartpunkt.objects.create(
                    mote=mote, utvalg=mote.utvalg, behandling=b, sakstype=b.sakstype,
                    rekkefolge=plass + n, tillegg=tillegg, lagt_til_av=actor,
                )  # fmt: skip
        except IntegrityError as error:
            raise DomainError(
                "Saken står allerede på et sakskart.", field="behandlinger"
            ) from error
        nye.append(punkt)
    audit.record(actor, mote, "satt på sakskartet", endringer={
        "behandlinger": {"for": None, "etter": [p.behandling_id for p in nye]}},
        beskrivelse=f"{len(nye)} sak{'er' if len(nye) != 1 else ''}"
                    + (" (tilleggssaker)" if tillegg else ""))  # fmt: skip
    return nye


def _punkt(actor, punkt: Sakskartpunkt) -> tuple[Mote, Sakskartpunkt]:
    mote = _laas(actor, punkt.mote)
    punkt = Sakskartpunkt.objects.select_for_update().get(pk=punkt.pk)
    if punkt.trukket:
        raise DomainError("Saken er allerede trukket fra sakskartet.")
    return mote, punkt


@transaction.atomic
def ta_av(actor, punkt: Sakskartpunkt, *, merknad: str = "") -> Sakskartpunkt | None:
    """Take an item off the agenda. Unnumbered: it leaves, and a treatment goes back to
    the queue. Numbered: it stays, withdrawn with its reason, and keeps its number."""
    mote, punkt = _punkt(actor, punkt)
    merknad = (merknad or "").strip()
    if punkt.nummer is None:
        punkt.delete()
        audit.record(actor, mote, "tatt av sakskartet", endringer={
            "behandling": {"for": punkt.behandling_id, "etter": None}},
            beskrivelse=punkt.get_fast_display() or punkt.sakstype)  # fmt: skip
        return None
    if not merknad:
        raise DomainError(
            f"{punkt.saksnummer} er nummerert og blir stående som trukket. Skriv hvorfor.",
            field="merknad",
        )
    punkt.trukket, punkt.merknad = timezone.now(), merknad
    punkt.save(update_fields=["trukket", "merknad"])
    audit.record(actor, mote, "sak trukket fra sakskartet", endringer={
        "saksnummer": {"for": punkt.saksnummer, "etter": None}}, beskrivelse=merknad)  # fmt: skip
    return punkt


def _sjekk_rekkefolge(liste: list[Sakskartpunkt]) -> None:
    """Numbered items keep their places: first in the group, in number order."""
    nummer = [p.nummer for p in liste if p.nummer is not None]
    antall = len(nummer)
    if any(p.nummer is None for p in liste[:antall]) or nummer != sorted(nummer):
        raise DomainError(
            "Nummererte saker ligger fast i nummerrekkefølge; flytt bare saker uten nummer."
        )


def _lagre_rekkefolge(gamle: list[Sakskartpunkt], nye: list[Sakskartpunkt]) -> None:
    """Give the group's new order the group's own place values (other groups untouched)."""
    plasser = sorted(p.rekkefolge for p in gamle)
    for plass, punkt in zip(plasser, nye, strict=True):
        if punkt.rekkefolge != plass:
            punkt.rekkefolge = plass
            punkt.save(update_fields=["rekkefolge"])


def _gruppe_av(mote: Mote, navn: str) -> list[Sakskartpunkt]:
    return [p for p in aktive(mote) if gruppe(p) == navn]


@dataclass
class Flyttet:
    """Where an item ended up: for the screen-reader announcement."""

    plass: int
    av: int
    gruppe: str


def _gruppenavn(kode: str) -> str:
    return dict(GRUPPER)[kode]


@transaction.atomic
def flytt(actor, punkt: Sakskartpunkt, retning: str) -> Flyttet:
    """Move an item one place up or down within its group (the keyboard's way)."""
    if retning not in ("opp", "ned"):
        raise DomainError("Ukjent retning.")
    mote, punkt = _punkt(actor, punkt)
    liste = _gruppe_av(mote, gruppe(punkt))
    i = next(n for n, p in enumerate(liste) if p.pk == punkt.pk)
    j = i - 1 if retning == "opp" else i + 1
    if not 0 <= j < len(liste):
        raise DomainError(f"Saken står allerede {'først' if j < 0 else 'sist'} i gruppen.")
    ny = list(liste)
    ny[i], ny[j] = ny[j], ny[i]
    _sjekk_rekkefolge(ny)
    _lagre_rekkefolge(liste, ny)
    return Flyttet(j + 1, len(ny), _gruppenavn(gruppe(punkt)))


@transaction.atomic
def ordne(actor, mote: Mote, gruppenavn: str, rekkefolge: list[int]) -> list[Sakskartpunkt]:
    """A group's new order (drag and drop): every item of the group, each once."""
    mote = _laas(actor, mote)
    if gruppenavn not in _GRUPPENR:
        raise DomainError("Ukjent gruppe på sakskartet.")
    liste = _gruppe_av(mote, gruppenavn)
    etter_pk = {p.pk: p for p in liste}
    if sorted(rekkefolge) != sorted(etter_pk) or len(set(rekkefolge)) != len(rekkefolge):
        raise DomainError("Sakskartet er endret i mellomtiden. Last siden på nytt.")
    ny = [etter_pk[pk] for pk in rekkefolge]
    _sjekk_rekkefolge(ny)
    _lagre_rekkefolge(liste, ny)
    audit.record(actor, mote, "sakskart ordnet", beskrivelse=_gruppenavn(gruppenavn))
    return ny


@transaction.atomic
def nummerer(actor, mote: Mote) -> list[Sakskartpunkt]:
    """Number the agenda's unnumbered items in agenda order: per committee, case kind and
    the meeting's year, from the locked counters — numbers already given stay."""
    mote = _laas(actor, mote)
    unummerert = [p for p in aktive(mote) if p.nummer is None]
    if not unummerert:
        raise DomainError("Alle sakene på sakskartet har nummer.")
    aar = mote.dato.year
    for sakstype in _TELLERREKKEFOLGE:
        for punkt in (p for p in unummerert if p.sakstype == sakstype):
            punkt.aar = aar
            punkt.nummer = neste_nummer(serie(mote.utvalg_id, sakstype), aar)
            punkt.save(update_fields=["aar", "nummer"])
    nummer = ", ".join(p.saksnummer for p in sorted(unummerert, key=sorteringsnokkel))
    audit.record(actor, mote, "sakskart nummerert", beskrivelse=nummer)
    return unummerert
