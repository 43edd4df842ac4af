"""Plans, goals and strategies, and each unit's verksemdsplan (issue 21 item 1). Every change
goes through here, checked by verksemdsplan/tillatelser/plan.py and written to the audit log.

Delegation (the «raude tråden» downwards): the top unit takes its goals and strategies from
the active plans covering the year; every other unit only from the verksemdsplan of its
parent unit for the same year. A strategy is taken together with its goal."""

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import Maal, Maalnivaa, Plan, Planstatus, Plantype, Strategi, Verksemdsplan
from ..tillatelser import plan as regler
from ..tillatelser.plan import er_toppeining, forelder_eining

MINSTE_AAR, STORSTE_AAR = 2000, 2100


def _tekst(verdi, felt: str, melding: str, lengd: int) -> str:
    verdi = " ".join((verdi or "").split())
    if not verdi:
        raise DomainError(melding, field=felt)
    if len(verdi) > lengd:
        raise DomainError(_("Teksten kan ha høyst %(n)s tegn.") % {"n": lengd}, field=felt)
    return verdi


def _aar(verdi, felt: str) -> int:
    if verdi is None or not (MINSTE_AAR <= int(verdi) <= STORSTE_AAR):
        raise DomainError(
            _("Skriv et år mellom %(fra)s og %(til)s.") % {"fra": MINSTE_AAR, "til": STORSTE_AAR},
            field=felt,
        )
    return int(verdi)


# --- Plans, goals and strategies ----------------------------------------------------------------


@transaction.atomic
def registrer_plan(actor, *, namn: str, type: str, fra_aar: int, til_aar: int,
                   vedteken=None) -> Plan:  # fmt: skip
    regler.planar(actor).krev("registrer")
    namn = _tekst(namn, "namn", _("Skriv navnet på planen."), 200)
    if type not in Plantype.values:
        raise DomainError(_("Velg plantype."), field="type")
    fra_aar, til_aar = _aar(fra_aar, "fra_aar"), _aar(til_aar, "til_aar")
    if til_aar < fra_aar:
        raise DomainError(_("Planen kan ikke slutte før den begynner."), field="til_aar")
    if vedteken is not None and vedteken > timezone.localdate():
        raise DomainError(_("Vedtaksdatoen kan ikke være fram i tid."), field="vedteken")
    plan = Plan.objects.create(namn=namn, type=type, fra_aar=fra_aar, til_aar=til_aar,
                               vedteken=vedteken)  # fmt: skip
    audit.record_created(actor, plan)
    return plan


def _lagre(actor, obj, felt="nummer"):
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise DomainError(_("Nummeret er allerede brukt."), field=felt) from error
    audit.record_created(actor, obj)
    return obj


@transaction.atomic
def registrer_maal(actor, plan: Plan, *, nummer: str, tittel: str, skildring: str = "",
                   forelder: Maal | None = None) -> Maal:  # fmt: skip
    """A hovudmål, or a delmål under one of the plan's hovudmål (`forelder`)."""
    regler.planar(actor).krev("registrer")
    nummer = _tekst(nummer, "nummer", _("Skriv målets nummer, f.eks. 1 eller 1.2."), 20)
    tittel = _tekst(tittel, "tittel", _("Skriv målet."), 300)
    if forelder is not None and (
        forelder.plan_id != plan.pk or forelder.nivaa != Maalnivaa.HOVUDMAAL
    ):
        raise DomainError(_("Et delmål står under et hovedmål i samme plan."), field="forelder")
    nivaa = Maalnivaa.DELMAAL if forelder else Maalnivaa.HOVUDMAAL
    maal = Maal(plan=plan, forelder=forelder, nivaa=nivaa, nummer=nummer, tittel=tittel,
                skildring=(skildring or "").strip())  # fmt: skip
    return _lagre(actor, maal)


@transaction.atomic
def registrer_strategi(actor, maal: Maal, *, nummer: str, tittel: str,
                       skildring: str = "") -> Strategi:  # fmt: skip
    regler.planar(actor).krev("registrer")
    nummer = _tekst(nummer, "nummer", _("Skriv strategiens nummer."), 20)
    tittel = _tekst(tittel, "tittel", _("Skriv strategien."), 300)
    strategi = Strategi(maal=maal, nummer=nummer, tittel=tittel,
                        skildring=(skildring or "").strip())  # fmt: skip
    return _lagre(actor, strategi)


# --- A unit's verksemdsplan ---------------------------------------------------------------------


def for_eining(enhet, aar: int) -> Verksemdsplan:
    """The unit's plan for the year, or an unsaved draft when there is none."""
    return Verksemdsplan.objects.filter(enhet=enhet, aar=aar).first() or Verksemdsplan(
        enhet=enhet, aar=aar
    )


def tilgjengelege(enhet, aar: int) -> tuple[QuerySet, QuerySet]:
    """(goals, strategies) the unit may take for the year: from the active plans covering
    the year for the top unit, else from the parent unit's verksemdsplan."""
    if er_toppeining(enhet):
        i_kraft = {"aktiv": True, "fra_aar__lte": aar, "til_aar__gte": aar}
        maal = Maal.objects.filter(**{f"plan__{k}": v for k, v in i_kraft.items()})
        strategiar = Strategi.objects.filter(**{f"maal__plan__{k}": v for k, v in i_kraft.items()})
    else:
        forelder = Verksemdsplan.objects.filter(enhet=forelder_eining(enhet), aar=aar)
        maal = Maal.objects.filter(verksemdsplanar__in=forelder)
        strategiar = Strategi.objects.filter(verksemdsplanar__in=forelder)
    return (
        maal.select_related("plan").order_by("plan__type", "plan__namn", "nummer"),
        strategiar.select_related("maal").order_by("maal__nummer", "nummer"),
    )


@transaction.atomic
def vel_maal(actor, enhet, aar: int, *, maal, strategiar=()) -> Verksemdsplan:
    """Set the goals and strategies delegated to the unit for the year (creating its plan)."""
    aar = _aar(aar, "aar")
    vp, oppretta = Verksemdsplan.objects.get_or_create(enhet=enhet, aar=aar)
    vp = Verksemdsplan.objects.select_for_update().select_related("enhet").get(pk=vp.pk)
    regler.verksemdsplan(actor, vp).krev("vel_maal")
    maal_ids = {m.pk for m in maal}
    strategi = list(strategiar)
    lov_maal, lov_strategiar = tilgjengelege(enhet, aar)
    ulovlege = maal_ids - set(lov_maal.filter(pk__in=maal_ids).values_list("pk", flat=True))
    if ulovlege:
        melding = (
            _("Målet finnes ikke i planene som gjelder for året.")
            if er_toppeining(enhet)
            else _("Enheten kan bare ta mål som virksomhetsplanen til enheten over har.")
        )
        raise DomainError(melding, field="maal")
    strategi_ids = {s.pk for s in strategi}
    lov = set(lov_strategiar.filter(pk__in=strategi_ids).values_list("pk", flat=True))
    if strategi_ids - lov:
        raise DomainError(
            _("Enheten kan bare ta strategier som virksomhetsplanen til enheten over har."),
            field="strategiar",
        )
    if any(s.maal_id not in maal_ids for s in strategi):
        raise DomainError(_("Velg målet til hver strategi du velger."), field="strategiar")
    foer = {
        "maal": sorted(vp.maal.values_list("pk", flat=True)),
        "strategiar": sorted(vp.strategiar.values_list("pk", flat=True)),
    }
    vp.maal.set(maal_ids)
    vp.strategiar.set(strategi_ids)
    etter = {"maal": sorted(maal_ids), "strategiar": sorted(strategi_ids)}
    if oppretta:
        audit.record_created(actor, vp)
    endringer = {k: {"for": foer[k], "etter": etter[k]} for k in foer if foer[k] != etter[k]}
    if endringer:
        audit.record(actor, vp, "mål valgt", endringer=endringer)
    return vp


@transaction.atomic
def godkjenn(actor, vp: Verksemdsplan) -> Verksemdsplan:
    vp = Verksemdsplan.objects.select_for_update().select_related("enhet").get(pk=vp.pk)
    regler.verksemdsplan(actor, vp).krev("godkjenn")
    oppdatert = Verksemdsplan.objects.filter(pk=vp.pk, status=Planstatus.UTKAST).update(
        status=Planstatus.GODKJEND, godkjend=timezone.now(), godkjend_av=actor
    )
    if oppdatert != 1:  # pragma: no cover - the row is locked above
        raise DomainError(_("Virksomhetsplanen er allerede godkjent."))
    vp.refresh_from_db()
    audit.record(actor, vp, "godkjent", endringer={
        "status": {"for": Planstatus.UTKAST, "etter": Planstatus.GODKJEND}})  # fmt: skip
    return vp
