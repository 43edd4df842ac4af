"""Monthly and tertial reports (issue 21 item 6): the unit's leader reports status and
comment per assignment of the unit and year (Rapportlinje), assesses each of the unit's
goals on the five-level scale (Maalvurdering, separate from the computed status) and
delivers the report («lever»): then it is read-only, and every assignment takes the status
and comment reported on it. The chief executive chooses the roll-up rule (Oppsett). Rules:
verksemdsplan/tillatelser/rapport.py; computed status: services/rapport_status.py."""

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import (
    Maal,
    Maalvurdering,
    Oppdrag,
    Oppdragsstatus,
    Oppsett,
    Periodetype,
    Rapport,
    Rapportlinje,
    Rapportstatus,
    Samanstilling,
    Verksemdsplan,
    Vurdering,
)
from ..tillatelser import rapport as regler
from .oppdrag import sjekk_status

PERIODAR = {Periodetype.MAANAD: 12, Periodetype.TERTIAL: 3}


@transaction.atomic
def opprett(actor, enhet, *, aar: int, periodetype: str, periode: int) -> Rapport:
    regler.enhet(actor, enhet).krev("opprett")
    idag = timezone.localdate()
    if periodetype not in PERIODAR:
        raise DomainError(_("Velg månedsrapport eller tertialrapport."), field="periodetype")
    if not 1 <= (periode or 0) <= PERIODAR[periodetype]:
        raise DomainError(_("Perioden må være fra 1 til %(maks)s.")
                          % {"maks": PERIODAR[periodetype]}, field="periode")  # fmt: skip
    if not idag.year - 5 <= (aar or 0) <= idag.year + 1:
        raise DomainError(_("Velg et år fra %(fra)s til %(til)s.")
                          % {"fra": idag.year - 5, "til": idag.year + 1}, field="aar")  # fmt: skip
    try:
        with transaction.atomic():
            rapport = Rapport.objects.create(
                enhet=enhet, aar=aar, periodetype=periodetype, periode=periode
            )
    except IntegrityError as error:
        raise DomainError(_("Enheten har allerede en rapport for perioden."),
                          field="periode") from error  # fmt: skip
    audit.record_created(actor, rapport)
    return rapport


def oppdrag_for(rapport) -> list[Oppdrag]:
    """The unit's assignments for the year, cancelled ones too (they may be reported so)."""
    return list(
        Oppdrag.objects.filter(enhet_id=rapport.enhet_id, aar=rapport.aar)
        .select_related("maal", "strategi__maal", "eigar")
        .order_by("frist", "pk")
    )


def maal_for(rapport, oppdrag: list[Oppdrag] | None = None) -> list[Maal]:
    """The goals the unit assesses: those of its verksemdsplan for the year and those its
    assignments are tied to (directly or through a strategy)."""
    oppdrag = oppdrag_for(rapport) if oppdrag is None else oppdrag
    ider = {o.maal_id or o.strategi.maal_id for o in oppdrag}
    plan = Verksemdsplan.objects.filter(enhet_id=rapport.enhet_id, aar=rapport.aar)
    return list(
        Maal.objects.filter(Q(pk__in=ider) | Q(verksemdsplanar__in=plan))
        .distinct()
        .order_by("plan__namn", "nummer")
    )


def _tekst(tekst, felt: str, maks: int) -> str:
    tekst = (tekst or "").strip()
    if len(tekst) > maks:
        raise DomainError(_("Teksten kan ha høyst %(maks)s tegn.") % {"maks": maks}, field=felt)
    return tekst


@transaction.atomic
def lagre(actor, rapport: Rapport, *, kommentar: str = "", linjer: dict | None = None,
          vurderingar: dict | None = None, lever: bool = False) -> Rapport:  # fmt: skip
    """Save the report: `linjer` {oppdrag id: (status, comment)}, `vurderingar` {maal id:
    (level or None, comment)}; with `lever` deliver it in the same transaction. Every change
    is audited; nothing is saved when any part is refused."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    regler.rapport(actor, rapport).krev("rediger")
    oppdrag = {o.pk: o for o in oppdrag_for(rapport)}
    maal = {m.pk: m for m in maal_for(rapport, list(oppdrag.values()))}
    foer = audit.snapshot(rapport, ["kommentar"])
    rapport.kommentar = _tekst(kommentar, "kommentar", 4000)
    if endringer := audit.diff(foer, audit.snapshot(rapport, ["kommentar"])):
        rapport.save(update_fields=["kommentar"])
        audit.record(actor, rapport, "endret", endringer=endringer)
    fraa = {linje.oppdrag_id: linje for linje in rapport.linjer.all()}
    for pk, (status, linjekommentar) in (linjer or {}).items():
        if pk not in oppdrag:
            raise DomainError(_("Oppdraget hører ikke til enheten og året."))
        if status not in Oppdragsstatus.values:
            raise DomainError(_("Velg status for oppdraget."), field=f"status-{pk}")
        linjekommentar = _tekst(linjekommentar, f"kommentar-{pk}", 4000)
        # The same rule as a status set on the assignment itself (services.oppdrag).
        sjekk_status(
            oppdrag[pk],
            status,
            linjekommentar,
            felt=f"status-{pk}",
            kommentarfelt=f"kommentar-{pk}",
        )
        linje = fraa.get(pk)
        if linje is None:
            linje = Rapportlinje.objects.create(
                rapport=rapport, oppdrag_id=pk, status=status, kommentar=linjekommentar
            )
            audit.record_created(actor, linje)
        elif (linje.status, linje.kommentar) != (status, linjekommentar):
            foer = audit.snapshot(linje)
            linje.status, linje.kommentar = status, linjekommentar
            linje.save()
            audit.record(actor, linje, "endret",
                         endringer=audit.diff(foer, audit.snapshot(linje)))  # fmt: skip
    _vurder(actor, rapport, maal, vurderingar or {})
    if lever:
        _lever(actor, rapport)
    return rapport


def _vurder(actor, rapport, maal: dict, vurderingar: dict) -> None:
    fraa = {v.maal_id: v for v in rapport.vurderingar.all()}
    for pk, (nivaa, kommentar) in vurderingar.items():
        if pk not in maal:
            raise DomainError(_("Målet hører ikke til enhetens plan."))
        kommentar = _tekst(kommentar, f"vkommentar-{pk}", 2000)
        gamal = fraa.get(pk)
        if nivaa in (None, ""):
            if gamal is not None:
                raise DomainError(_("En vurdering som er gitt, kan endres, men ikke fjernes."),
                                  field=f"vurdering-{pk}")  # fmt: skip
            if kommentar:
                raise DomainError(_("Velg vurdering for målet du kommenterer."),
                                  field=f"vurdering-{pk}")  # fmt: skip
            continue
        if int(nivaa) not in Vurdering.values:
            raise DomainError(_("Velg en av de fem vurderingene."), field=f"vurdering-{pk}")
        if gamal is None:
            ny = Maalvurdering.objects.create(
                rapport=rapport, maal_id=pk, vurdering=int(nivaa), kommentar=kommentar
            )
            audit.record_created(actor, ny)
        elif (gamal.vurdering, gamal.kommentar) != (int(nivaa), kommentar):
            foer = audit.snapshot(gamal)
            gamal.vurdering, gamal.kommentar = int(nivaa), kommentar
            gamal.save()
            audit.record(actor, gamal, "endret",
                         endringer=audit.diff(foer, audit.snapshot(gamal)))  # fmt: skip


def _lever(actor, rapport: Rapport) -> None:
    """Deliver: compare-and-set, then each assignment takes its reported status and
    comment (audited on the assignment)."""
    regler.rapport(actor, rapport).krev("lever")
    naa = timezone.now()
    if not Rapport.objects.filter(pk=rapport.pk, status=Rapportstatus.UTKAST).update(
        status=Rapportstatus.LEVERT, levert=naa, levert_av=actor
    ):
        raise DomainError(_("Rapporten er allerede levert."))
    rapport.status, rapport.levert, rapport.levert_av = Rapportstatus.LEVERT, naa, actor
    audit.record(actor, rapport, "levert")
    for linje in rapport.linjer.select_related("oppdrag").select_for_update(of=("oppdrag",)):
        o = linje.oppdrag
        if (o.status, o.statuskommentar) == (linje.status, linje.kommentar):
            continue
        foer = audit.snapshot(o, ["status", "statuskommentar"])
        o.status, o.statuskommentar = linje.status, linje.kommentar
        o.save(update_fields=["status", "statuskommentar"])
        audit.record(actor, o, "status rapportert", beskrivelse=str(rapport),
                     endringer=audit.diff(foer, audit.snapshot(
                         o, ["status", "statuskommentar"])))  # fmt: skip


@transaction.atomic
def lever(actor, rapport: Rapport) -> Rapport:
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    _lever(actor, rapport)
    return rapport


@transaction.atomic
def endre_oppsett(actor, samanstilling: str) -> Oppsett:
    regler.oppsett(actor).krev("endre")
    if samanstilling not in Samanstilling.values:
        raise DomainError(_("Velg hvordan status skal sammenstilles."), field="samanstilling")
    oppsett = Oppsett.objects.select_for_update().order_by("pk").first()
    if oppsett is None:
        oppsett = Oppsett.objects.create(samanstilling=samanstilling)
        audit.record_created(actor, oppsett)
        return oppsett
    if oppsett.samanstilling != samanstilling:
        foer = audit.snapshot(oppsett)
        oppsett.samanstilling = samanstilling
        oppsett.save()
        audit.record(actor, oppsett, "endret",
                     endringer=audit.diff(foer, audit.snapshot(oppsett)))  # fmt: skip
    return oppsett
