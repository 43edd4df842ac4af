"""«Overfør restanser»: when someone leaves, the leader hands all of that person's open work
in a unit to another caseworker in one action (seed 001: «Før en ansatt slutter …»).

What moves, within the chosen unit:
- posts where the person is caseworker and that are still open: restanser (incoming letters
  not finally written off) and everything not yet journalised (M/S, drafts R/F/G, sent E);
  journalised and written-off posts keep their history;
- notes for follow-up (N) addressed to the person that are still restanser: the internal
  recipient becomes the new caseworker;
- open cases (R/B/X) the person is responsible for.
Posts in a closed or void case stay (a closed case is frozen) and are counted as such.

Everything happens in one transaction, with one audit entry per moved post and case plus a
summary entry on the person who left.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q

from saksarkiv import audit
from saksarkiv.models import AdministrativEnhet, Bruker
from saksarkiv.services import DomainError

from ..models import (
    Journalpost,
    Journalposttype,
    Journalstatus,
    Korrespondansepart,
    Korrespondanseparttype,
    Saksmappe,
)
from . import laas, tillatelser
from .avskrivning import restanse_q
from .fordeling import krev_saksbehandler_i
from .regler import AAPNE_SAKSSTATUSER

J = Journalstatus


@dataclass(frozen=True)
class Overforing:
    """What moves (or moved): posts, notes to the person, cases; and what has to stay."""

    poster: int
    notater: int
    saker: int
    blir_igjen: int

    @property
    def totalt(self) -> int:
        return self.poster + self.notater + self.saker


def _navn(person: Bruker) -> str:
    return person.get_full_name() or person.get_username()


def _aapne_poster(fra: Bruker, enhet: AdministrativEnhet):
    """The person's open posts in the unit (closed cases included: the caller splits)."""
    aapen = ~Q(journalstatus__in=[J.JOURNALFORT, J.UTGAR]) | (
        Q(journalposttype=Journalposttype.INNGAENDE) & restanse_q()
    )
    return Journalpost.objects.filter(saksbehandler=fra, administrativ_enhet=enhet).filter(aapen)


def _notater_til(fra: Bruker, enhet: AdministrativEnhet):
    """Internal-recipient parts naming the person on notes that are still restanser, in the
    unit (the part's unit, or the note's when the part names none)."""
    notater = Journalpost.objects.filter(
        restanse_q(),
        journalposttype=Journalposttype.NOTAT_MED_OPPFOLGING,
        saksmappe__saksstatus__in=AAPNE_SAKSSTATUSER,
    )
    return Korrespondansepart.objects.filter(
        Q(enhet=enhet) | Q(enhet__isnull=True, journalpost__administrativ_enhet=enhet),
        person=fra,
        korrespondanseparttype=Korrespondanseparttype.INTERN_MOTTAKER,
        journalpost__in=notater,
    )


def _aapne_saker(fra: Bruker, enhet: AdministrativEnhet):
    return Saksmappe.objects.filter(
        saksansvarlig=fra, administrativ_enhet=enhet, saksstatus__in=AAPNE_SAKSSTATUSER
    )


def krev_overforing(actor, *, fra: Bruker | None, til: Bruker | None, enhet) -> None:
    """Refuse, in Norwegian and beside the field, what may not be transferred."""
    if enhet is None:
        raise DomainError("Velg enhet.", field="enhet")
    tillatelser.enhet(actor, enhet).krev("overfor_restanser")
    if fra is None:
        raise DomainError("Velg personen som skal gi fra seg restansene.", field="fra")
    if til is None:
        raise DomainError("Velg hvem som skal overta.", field="til")
    if fra.pk == til.pk:
        raise DomainError("Velg en annen mottaker enn personen som gir fra seg.", field="til")
    try:
        krev_saksbehandler_i(enhet, til)
    except DomainError as error:
        raise DomainError(
            f"{_navn(til)} har ingen aktiv saksbehandler- eller lederrolle i {enhet.navn} "
            "og kan ikke overta.",
            field="til",
        ) from error


def forhandsvis(actor, *, fra, til, enhet) -> Overforing:
    """The counts the transfer would move now (nothing is changed)."""
    krev_overforing(actor, fra=fra, til=til, enhet=enhet)
    poster = _aapne_poster(fra, enhet)
    resultat = Overforing(
        poster=poster.filter(saksmappe__saksstatus__in=AAPNE_SAKSSTATUSER).count(),
        notater=_notater_til(fra, enhet).count(),
        saker=_aapne_saker(fra, enhet).count(),
        blir_igjen=poster.exclude(saksmappe__saksstatus__in=AAPNE_SAKSSTATUSER).count(),
    )
    _krev_noe(resultat, fra, enhet)
    return resultat


def _krev_noe(resultat: Overforing, fra: Bruker, enhet) -> None:
    if resultat.totalt == 0:
        tillegg = (
            f" ({resultat.blir_igjen} journalposter ligger i avsluttede saker og kan ikke flyttes)"
            if resultat.blir_igjen
            else ""
        )
        raise DomainError(
            f"{_navn(fra)} har ingen åpne journalposter, notater eller saker i "
            f"{enhet.navn}{tillegg}.",
            field="fra",
        )


@transaction.atomic
def overfor_restanser(actor, *, fra: Bruker, til: Bruker, enhet: AdministrativEnhet) -> Overforing:
    """Move the person's open posts, notes and cases in the unit to `til`."""
    krev_overforing(actor, fra=fra, til=til, enhet=enhet)
    endring = {"for": _navn(fra), "etter": _navn(til)}

    # Cases before posts (services/laas.py): the posts' cases and the person's own cases.
    laas.saker(
        list(_aapne_poster(fra, enhet).values_list("saksmappe_id", flat=True))
        + list(_aapne_saker(fra, enhet).values_list("pk", flat=True))
    )
    alle = (
        _aapne_poster(fra, enhet)
        .select_for_update(of=("self",))
        .select_related("saksmappe")
        .order_by("pk")
    )
    poster, blir_igjen = [], 0
    for post in alle:
        if post.saksmappe.saksstatus in AAPNE_SAKSSTATUSER:
            poster.append(post)
        else:
            blir_igjen += 1
    deler = list(
        _notater_til(fra, enhet).select_for_update(of=("self",)).select_related("journalpost")
    )
    saker = list(_aapne_saker(fra, enhet).select_for_update())
    resultat = Overforing(len(poster), len(deler), len(saker), blir_igjen)
    _krev_noe(resultat, fra, enhet)

    Journalpost.objects.filter(pk__in=[p.pk for p in poster]).update(saksbehandler=til)
    for post in poster:
        audit.record(actor, post, "overført", endringer={"saksbehandler": endring})
    Korrespondansepart.objects.filter(pk__in=[d.pk for d in deler]).update(
        person=til, navn=_navn(til)
    )
    for del_ in deler:
        audit.record(
            actor,
            del_.journalpost,
            "overført",
            endringer={"intern_mottaker": endring},
            beskrivelse="Intern mottaker av notatet byttet ved overføring av restanser.",
        )
    Saksmappe.objects.filter(pk__in=[s.pk for s in saker]).update(saksansvarlig=til)
    for sak in saker:
        audit.record(actor, sak, "overført", endringer={"saksansvarlig": endring})

    audit.record(
        actor,
        fra,
        "restanser overført",
        beskrivelse=(
            f"{resultat.poster} journalposter, {resultat.notater} notater og "
            f"{resultat.saker} saker i {enhet.navn} overført fra {_navn(fra)} til {_navn(til)}."
            + (
                f" {blir_igjen} journalposter i avsluttede saker ble ikke flyttet."
                if blir_igjen
                else ""
            )
        ),
        endringer={
            "journalposter": {"for": None, "etter": resultat.poster},
            "notater": {"for": None, "etter": resultat.notater},
            "saker": {"for": None, "etter": resultat.saker},
            "overtatt_av": endring,
        },
        enhet_id=enhet.pk,
    )
    return resultat
