"""Plans, goals and strategies, and each unit's verksemdsplan (issue 21 item 1). Every change
goes through here, checked by verksemdsplan/tillatelser/plan.py and written to the audit log.

Delegation (the «raude tråden» downwards): the top unit takes its goals and strategies from
the active plans covering the year; every other unit only from the verksemdsplan of its
parent unit for the same year. A strategy is taken together with its goal.

Plans, goals and strategies are corrected afterwards (endre_*) without breaking what the units
have taken: a plan's years keep every year a unit's plan holds its goals, a strategy moves only
to a goal every unit holding it also holds, and a deactivated plan is no longer offered while
what was chosen from it stays."""

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from journal.models import Saksmappe
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


def _planfelt(namn, type, fra_aar, til_aar, vedteken) -> dict:
    """The checked values of a plan's own fields (registering and changing)."""
    namn = _tekst(namn, "namn", _("Skriv navnet på planen."), 200)
    if type not in Plantype.values:
        raise DomainError(_("Velg plantype."), field="type")
    fra_aar, til_aar = _aar(fra_aar, "fra_aar"), _aar(til_aar, "til_aar")
    if til_aar < fra_aar:
        raise DomainError(_("Planen kan ikke slutte før den begynner."), field="til_aar")
    if vedteken is not None and vedteken > timezone.localdate():
        raise DomainError(_("Vedtaksdatoen kan ikke være fram i tid."), field="vedteken")
    return {"namn": namn, "type": type, "fra_aar": fra_aar, "til_aar": til_aar,
            "vedteken": vedteken}  # fmt: skip


@transaction.atomic
def registrer_plan(actor, *, namn: str, type: str, fra_aar: int, til_aar: int,
                   vedteken=None) -> Plan:  # fmt: skip
    regler.planar(actor).krev("registrer")
    plan = Plan.objects.create(**_planfelt(namn, type, fra_aar, til_aar, vedteken))
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


# --- Changing plans, goals and strategies -------------------------------------------------------

PLANFELT = ("namn", "type", "fra_aar", "til_aar", "vedteken", "saksmappe", "aktiv")
MAALFELT = ("nummer", "tittel", "skildring", "nivaa", "forelder")
STRATEGIFELT = ("maal", "nummer", "tittel", "skildring")
ENDRA = "endret"


def _lagre_endring(actor, obj, felt: tuple, foer: dict, nummerfelt="nummer"):
    """Save a changed object and audit the fields that changed (nothing changed: no entry)."""
    endringer = audit.diff(foer, audit.snapshot(obj, felt))
    if not endringer:
        return obj
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise DomainError(_("Nummeret er allerede brukt."), field=nummerfelt) from error
    audit.record(actor, obj, ENDRA, endringer=endringer)
    return obj


def _har_innhald(plan: Plan) -> bool:
    """Goals, measures, prioritisations or verbal points hang on the plan."""
    return (
        plan.maal.exists()
        or plan.tiltak.exists()
        or plan.prioriteringar.exists()
        or plan.verbalpunkt.exists()
    )


def _sjekk_aara(plan: Plan, fra_aar: int, til_aar: int) -> None:
    """Narrowing the years may not leave out a year in which the plan is in use: a unit's
    verksemdsplan holds its goals or strategies, or (an action and economy plan) measures are
    prioritised or verbal points given for it."""
    brukte = Verksemdsplan.objects.filter(
        Q(maal__plan=plan) | Q(strategiar__maal__plan=plan)
    ).values_list("aar", flat=True)
    hop = set(plan.prioriteringar.values_list("aar", flat=True))
    hop |= set(plan.verbalpunkt.values_list("aar", flat=True))
    i_bruk = [(a, False) for a in sorted(set(brukte))] + [(a, True) for a in sorted(hop)]
    for aar_, i_hop in i_bruk:
        if fra_aar <= aar_ <= til_aar:
            continue
        melding = (
            _("Handlings- og økonomiplanen har tiltak eller verbalpunkt for %(aar)s, så "
              "perioden må ta med %(aar)s.")
            if i_hop
            else _("En enhet har mål fra planen i virksomhetsplanen for %(aar)s, så perioden "
                   "må ta med %(aar)s.")
        )  # fmt: skip
        raise DomainError(melding % {"aar": aar_},
                          field="fra_aar" if aar_ < fra_aar else "til_aar")  # fmt: skip


@transaction.atomic
def endre_plan(actor, plan: Plan, *, namn: str, type: str, fra_aar: int, til_aar: int,
               vedteken=None, saksmappe=None, aktiv: bool = True) -> Plan:  # fmt: skip
    """Correct a plan: name, type, years, adoption date and case, and whether it is active
    (a deactivated plan is no longer offered to the units; what they chose stays)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    regler.plan(actor, plan).krev("endre")
    data = _planfelt(namn, type, fra_aar, til_aar, vedteken)
    if saksmappe is not None and not (
        Saksmappe.objects.visible_to(actor).filter(pk=saksmappe.pk).exists()
    ):
        raise DomainError(_("Fant ingen sak med det saksnummeret."), field="saksmappe")
    if (type == Plantype.HOP) != (plan.type == Plantype.HOP) and _har_innhald(plan):
        raise DomainError(
            _("Planen har mål, tiltak, prioriteringer eller verbalpunkt og kan ikke gjøres om "
              "til eller fra en handlings- og økonomiplan."),
            field="type",
        )  # fmt: skip
    _sjekk_aara(plan, data["fra_aar"], data["til_aar"])
    foer = audit.snapshot(plan, PLANFELT)
    for felt, verdi in (data | {"saksmappe": saksmappe, "aktiv": bool(aktiv)}).items():
        setattr(plan, felt, verdi)
    return _lagre_endring(actor, plan, PLANFELT, foer)


@transaction.atomic
def endre_maal(actor, maal: Maal, *, nummer: str, tittel: str, skildring: str = "",
               forelder: Maal | None = None) -> Maal:  # fmt: skip
    """Correct a goal; a delmål may move under another hovudmål of the plan, and a goal
    without delmål may become one (or a delmål a hovudmål)."""
    maal = (
        Maal.objects.select_for_update(of=("self",))
        .select_related("plan", "forelder")
        .get(pk=maal.pk)
    )
    regler.plan(actor, maal.plan).krev("endre")
    nummer = _tekst(nummer, "nummer", _("Skriv målets nummer, f.eks. 1 eller 1.2."), 20)
    tittel = _tekst(tittel, "tittel", _("Skriv målet."), 300)
    if forelder is not None:
        if (
            forelder.plan_id != maal.plan_id
            or forelder.nivaa != Maalnivaa.HOVUDMAAL
            or forelder.pk == maal.pk
        ):
            raise DomainError(_("Et delmål står under et hovedmål i samme plan."),
                              field="forelder")  # fmt: skip
        if maal.delmaal.exists():
            raise DomainError(_("Et hovedmål med delmål kan ikke bli et delmål."),
                              field="forelder")  # fmt: skip
    foer = audit.snapshot(maal, MAALFELT)
    maal.nummer, maal.tittel, maal.skildring = nummer, tittel, (skildring or "").strip()
    maal.forelder = forelder
    maal.nivaa = Maalnivaa.DELMAAL if forelder else Maalnivaa.HOVUDMAAL
    return _lagre_endring(actor, maal, MAALFELT, foer)


@transaction.atomic
def endre_strategi(actor, strategi: Strategi, *, maal: Maal, nummer: str, tittel: str,
                   skildring: str = "") -> Strategi:  # fmt: skip
    """Correct a strategy; it may move to another goal of the plan, as long as every unit's
    verksemdsplan that holds it also holds the new goal (the «raude tråden»)."""
    strategi = (
        Strategi.objects.select_for_update(of=("self",))
        .select_related("maal__plan")
        .get(pk=strategi.pk)
    )
    regler.plan(actor, strategi.maal.plan).krev("endre")
    nummer = _tekst(nummer, "nummer", _("Skriv strategiens nummer."), 20)
    tittel = _tekst(tittel, "tittel", _("Skriv strategien."), 300)
    if maal is None or maal.plan_id != strategi.maal.plan_id:
        raise DomainError(_("Velg et mål i samme plan."), field="maal")
    if maal.pk != strategi.maal_id:
        uten = (
            Verksemdsplan.objects.filter(strategiar=strategi)
            .exclude(maal=maal)
            .select_related("enhet")
            .order_by("aar", "enhet__path")
            .first()
        )
        if uten is not None:
            raise DomainError(
                _("Virksomhetsplanen for %(enhet)s %(aar)s har strategien, men ikke målet "
                  "%(maal)s. Flytt strategien bare til et mål som alle virksomhetsplanene med "
                  "strategien har.") % {"enhet": uten.enhet.navn, "aar": uten.aar,
                                         "maal": maal.nummer},
                field="maal",
            )  # fmt: skip
    foer = audit.snapshot(strategi, STRATEGIFELT)
    strategi.maal = maal
    strategi.nummer, strategi.tittel = nummer, tittel
    strategi.skildring = (skildring or "").strip()
    return _lagre_endring(actor, strategi, STRATEGIFELT, foer)


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
    # What the unit has chosen stays choosable (its plan may since have been deactivated).
    foer = {
        "maal": sorted(vp.maal.values_list("pk", flat=True)),
        "strategiar": sorted(vp.strategiar.values_list("pk", flat=True)),
    }
    ulovlege = maal_ids - set(foer["maal"])
    ulovlege -= set(lov_maal.filter(pk__in=ulovlege).values_list("pk", flat=True))
    if ulovlege:
        melding = (
            _("Målet finnes ikke i planene som gjelder for året.")
            if er_toppeining(enhet)
            else _("Enheten kan bare ta mål som virksomhetsplanen til enheten over har.")
        )
        raise DomainError(melding, field="maal")
    strategi_ids = {s.pk for s in strategi}
    nye = strategi_ids - set(foer["strategiar"])
    if nye - set(lov_strategiar.filter(pk__in=nye).values_list("pk", flat=True)):
        raise DomainError(
            _("Enheten kan bare ta strategier som virksomhetsplanen til enheten over har."),
            field="strategiar",
        )
    if any(s.maal_id not in maal_ids for s in strategi):
        raise DomainError(_("Velg målet til hver strategi du velger."), field="strategiar")
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
