"""Attendance (issue 18, item 1): the roll call at the start of the meeting and the changes
during it, so that each agenda item knows who was present and had the right to vote.

- The roll call starts from the seats called to the meeting: every permanent member is
  «møtt» unless they reported absence (then «forfall»), and each substitute the secretary
  called in meets for the member they replace. The secretary corrects what happened: a
  member who did not come, a substitute who met without the portal's absence report.
- During the meeting, from one item on: a late arrival (KOM) or a leave (GIKK) holds until
  the next change; for that item only, a member declared inhabil leaves the room (with the
  legal basis and who decided), and a substitute may step in for them (VARA_INN).
- `tilstede` walks the agenda in order and says, per item, who was present — all of them
  vote (kommuneloven § 11-9: members present have a duty to vote).

The minutes (issue 18, item 6) read it from here; nothing is typed twice.
"""

from dataclasses import dataclass, field

from django.db import IntegrityError, transaction

from saksarkiv import audit
from saksarkiv.services import DomainError

from . import sakskart
from . import tillatelser as regler
from .models import (
    Endringstype,
    Forfall,
    Frammote,
    Frammoteendring,
    Frammotestatus,
    Medlem,
    Medlemsrolle,
    Mote,
    Motestatus,
    Sakskartpunkt,
)

# The meeting is run while it is called (and until the minutes are made).
I_MOTET = (Motestatus.INNKALT, Motestatus.GJENNOMFORT)


def _laas(actor, mote: Mote) -> Mote:
    mote = Mote.objects.select_for_update(of=("self",)).select_related("utvalg").get(pk=mote.pk)
    regler.utvalg(actor, mote.utvalg).krev("moter")
    if mote.status not in I_MOTET:
        raise DomainError("Frammøtet registreres når innkallingen er sendt, og til protokollen "
                          "er godkjent.")  # fmt: skip
    return mote


def _seter(mote: Mote):
    return Medlem.objects.gyldige(mote.dato).filter(utvalg=mote.utvalg_id)


@transaction.atomic
def start_opprop(actor, mote: Mote) -> list[Frammote]:
    """The roll call as the portal knows it: members present unless they reported absence,
    and the substitutes called in present for them. Once; corrected row by row after."""
    mote = _laas(actor, mote)
    if Frammote.objects.filter(mote=mote).exists():
        raise DomainError("Oppropet er allerede startet.")
    forfall = {f.medlem_id: f for f in Forfall.objects.filter(mote=mote)}
    rader = []
    for seat in _seter(mote).exclude(rolle=Medlemsrolle.VARAMEDLEM).order_by("pk"):
        status = Frammotestatus.FORFALL if seat.pk in forfall else Frammotestatus.MOTT
        rader.append(Frammote(mote=mote, medlem=seat, status=status, registrert_av=actor))
    for f in forfall.values():
        if f.vara_id:
            rader.append(Frammote(mote=mote, medlem_id=f.vara_id, status=Frammotestatus.MOTT,
                                  vara_for_id=f.medlem_id, registrert_av=actor))  # fmt: skip
    Frammote.objects.bulk_create(rader)
    audit.record(actor, mote, "opprop startet", beskrivelse=f"{len(rader)} på listen")
    return rader


@transaction.atomic
def sett_status(actor, frammote: Frammote, status: str) -> Frammote:
    """Correct one row of the roll call."""
    mote = _laas(actor, frammote.mote)
    rad = Frammote.objects.select_for_update().get(pk=frammote.pk, mote=mote)
    if status not in Frammotestatus.values:
        raise DomainError("Velg møtt, forfall eller ikke møtt.", field="status")
    if rad.status != status:
        audit.record(actor, mote, "frammøte endret", endringer={
            "status": {"for": rad.status, "etter": status}},
            beskrivelse=str(rad.medlem.person))  # fmt: skip
        rad.status = status
        rad.save(update_fields=["status"])
    return rad


@transaction.atomic
def vara_motte(actor, mote: Mote, *, vara: Medlem, for_medlem: Medlem) -> Frammote:
    """A substitute met for a member who is not there (also without an absence report)."""
    mote = _laas(actor, mote)
    seter = _seter(mote)
    if not seter.filter(pk=vara.pk, rolle=Medlemsrolle.VARAMEDLEM).exists():
        raise DomainError("Velg et varamedlem i utvalget på møtedagen.", field="vara")
    borte = Frammote.objects.filter(mote=mote, medlem=for_medlem).exclude(
        status=Frammotestatus.MOTT
    )
    if not borte.exists():
        raise DomainError("Varamedlemmet må møte for et medlem som ikke har møtt.",
                          field="for_medlem")  # fmt: skip
    try:
        with transaction.atomic():
            rad = Frammote.objects.create(mote=mote, medlem=vara, status=Frammotestatus.MOTT,
                                          vara_for=for_medlem, registrert_av=actor)  # fmt: skip
    except IntegrityError as error:
        raise DomainError("Varamedlemmet står allerede på listen, eller noen møter allerede "
                          "for medlemmet.", field="vara") from error  # fmt: skip
    audit.record(actor, mote, "vara møtte",
                 beskrivelse=f"{vara.person} for {for_medlem.person}")  # fmt: skip
    return rad


# --- During the meeting ---------------------------------------------------------------------


@dataclass
class Tilstede:
    """Who was present at one item (each of them votes), and who was not, and why."""

    punkt: Sakskartpunkt
    tilstede: list = field(default_factory=list)  # [Medlem]
    inhabile: list = field(default_factory=list)  # [Frammoteendring]
    borte: list = field(default_factory=list)  # [Medlem] on leave or not yet come


def _rekkefolge(mote: Mote) -> list[Sakskartpunkt]:
    return sakskart.aktive(mote)


def tilstede(mote: Mote) -> dict[int, Tilstede]:
    """Per agenda item (by id), in agenda order: who was present. Three queries."""
    punkter = _rekkefolge(mote)
    opprop = list(Frammote.objects.filter(mote=mote).select_related("medlem__person",
                                                                     "medlem__parti"))  # fmt: skip
    endringer = list(
        Frammoteendring.objects.filter(mote=mote).select_related("medlem__person", "medlem__parti")
    )
    naa = {f.medlem_id: f.medlem for f in opprop if f.status == Frammotestatus.MOTT}
    alle = {f.medlem_id: f.medlem for f in opprop}
    for e in endringer:
        alle.setdefault(e.medlem_id, e.medlem)
    resultat = {}
    for punkt in punkter:
        her = [e for e in endringer if e.punkt_id == punkt.pk]
        for e in her:  # from this item on
            if e.type == Endringstype.KOM:
                naa[e.medlem_id] = e.medlem
            elif e.type == Endringstype.GIKK:
                naa.pop(e.medlem_id, None)
        denne = dict(naa)
        inhabile = [e for e in her if e.type == Endringstype.INHABIL]
        for e in inhabile:  # this item only
            denne.pop(e.medlem_id, None)
        for e in her:
            if e.type == Endringstype.VARA_INN:
                denne[e.medlem_id] = e.medlem
        resultat[punkt.pk] = Tilstede(
            punkt, sorted(denne.values(), key=_navn), inhabile,
            sorted((m for pk, m in alle.items() if pk not in denne
                    and pk not in {e.medlem_id for e in inhabile}), key=_navn),
        )  # fmt: skip
    return resultat


def _navn(medlem: Medlem) -> tuple:
    return (medlem.person.last_name, medlem.person.first_name, medlem.pk)


@transaction.atomic
def endre(
    actor, punkt: Sakskartpunkt, *, medlem: Medlem, type: str, for_medlem=None,
    hjemmel: str = "", avgjort_av: str = "", merknad: str = "",
) -> Frammoteendring:  # fmt: skip
    """Register a change in attendance from (or, for inhabil and substitutes, at) `punkt`."""
    mote = _laas(actor, punkt.mote)
    punkt = Sakskartpunkt.objects.get(pk=punkt.pk, mote=mote, trukket__isnull=True)
    if not Frammote.objects.filter(mote=mote).exists():
        raise DomainError("Registrer oppropet først.")
    if type not in Endringstype.values:
        raise DomainError("Velg hva som skjedde.", field="type")
    naa = tilstede(mote)[punkt.pk]
    er_her = any(m.pk == medlem.pk for m in naa.tilstede)
    if type == Endringstype.KOM and er_her:
        raise DomainError(f"{medlem.person} er allerede til stede.", field="medlem")
    if type in (Endringstype.GIKK, Endringstype.INHABIL) and not er_her:
        raise DomainError(f"{medlem.person} er ikke til stede ved denne saken.", field="medlem")
    if type == Endringstype.KOM and not _seter(mote).filter(pk=medlem.pk).exists():
        raise DomainError("Velg et medlem av utvalget.", field="medlem")
    if type == Endringstype.INHABIL:
        hjemmel, avgjort_av = hjemmel.strip(), avgjort_av.strip()
        if not hjemmel:
            raise DomainError("Oppgi hjemmelen for inhabiliteten (f.eks. fvl. § 6 første "
                              "ledd bokstav a).", field="hjemmel")  # fmt: skip
        if not avgjort_av:
            raise DomainError("Oppgi hvem som avgjorde inhabiliteten (f.eks. utvalget).",
                              field="avgjort_av")  # fmt: skip
    if type == Endringstype.VARA_INN:
        if er_her:
            raise DomainError(f"{medlem.person} er allerede til stede.", field="medlem")
        if not _seter(mote).filter(pk=medlem.pk, rolle=Medlemsrolle.VARAMEDLEM).exists():
            raise DomainError("Velg et varamedlem i utvalget.", field="medlem")
        if for_medlem is None or not any(e.medlem_id == for_medlem.pk for e in naa.inhabile):
            raise DomainError("Varamedlemmet tiltrer for et medlem som er inhabil i saken.",
                              field="for_medlem")  # fmt: skip
    elif for_medlem is not None:
        raise DomainError("Bare et varamedlem tiltrer for et annet medlem.", field="for_medlem")
    try:
        with transaction.atomic():
            endring = Frammoteendring.objects.create(
                mote=mote, punkt=punkt, medlem=medlem, type=type, for_medlem=for_medlem,
                hjemmel=hjemmel, avgjort_av=avgjort_av, merknad=(merknad or "").strip(),
                registrert_av=actor,
            )  # fmt: skip
    except IntegrityError as error:
        raise DomainError("Endringen er allerede registrert for denne saken.") from error
    audit.record(actor, mote, "frammøte endret",
                 beskrivelse=f"{punkt.saksnummer or punkt.sakstype}: "
                             f"{endring.get_type_display().lower()} – {medlem.person}")  # fmt: skip
    return endring
