"""Measures in the plans and the action and economy plan (issue 21 items 1 and 3; seed 004:
«prioriterte tiltak i handlings- og økonomiplan vil gå automatisk vidare til oppfølging i
verksemdsplan»). Every change goes through here, checked by verksemdsplan/tillatelser/tiltak.py
and written to the audit log.

- A measure (Tiltak) belongs to a plan that is not the HØP, under one of that plan's goals or
  strategies, economic or not, with an optional cost estimate; deactivated, not deleted.
- The HØP (a Plan of type HOP) prioritises active measures of the active plans for one of its
  years (once per measure and year), with the responsible unit and the amount granted, and
  holds the council's verbal points, each tied to a goal or strategy of an active plan.
- «Send til virksomhetsplan»: every prioritised measure and verbal point of the year without
  an assignment becomes one (services/oppdrag.py `opprett`, so the assignment rules apply)
  for its unit, owned by the unit's leader on the day, deadline 31 December unless given;
  linked both ways. All or nothing; a second run creates only what is new."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv import audit
from saksarkiv.models import Rolle, Rolletype
from saksarkiv.services import DomainError, IkkeTilgang

from ..models import Oppdragskategori, Plan, Plantype, Prioritering, Tiltak, Verbalpunkt
from ..tillatelser import tiltak as regler
from ..tillatelser.oppdrag import kan_opprette_i
from ..tillatelser.plan import er_toppeining
from . import oppdrag as oppdragstenester

TILTAKSFELT = ("nummer", "tittel", "skildring", "maal", "strategi", "okonomisk", "kostnad", "aktiv")
VERBALFELT = ("nummer", "tekst", "maal", "strategi", "enhet")


def _tekst(verdi, felt: str, melding: str, lengd: int) -> str:
    verdi = " ".join((verdi or "").split())
    if not verdi:
        raise DomainError(melding, field=felt)
    if len(verdi) > lengd:
        raise DomainError(_("Teksten kan ha høyst %(n)s tegn.") % {"n": lengd}, field=felt)
    return verdi


def _lang_tekst(verdi, felt: str, lengd: int = 4000) -> str:
    verdi = (verdi or "").strip()
    if len(verdi) > lengd:
        raise DomainError(_("Teksten kan ha høyst %(n)s tegn.") % {"n": lengd}, field=felt)
    return verdi


# --- Measures in a plan -----------------------------------------------------------------------


def _sjekk_lenke_i_plan(plan: Plan, maal, strategi) -> None:
    """A goal or a strategy of the measure's own plan (and a strategy of the goal given)."""
    if maal is None and strategi is None:
        raise DomainError(_("Knytt tiltaket til et mål eller en strategi i planen."), field="maal")
    if maal is not None and maal.plan_id != plan.pk:
        raise DomainError(_("Målet hører til en annen plan."), field="maal")
    if strategi is not None and strategi.maal.plan_id != plan.pk:
        raise DomainError(_("Strategien hører til en annen plan."), field="strategi")
    if maal is not None and strategi is not None and strategi.maal_id != maal.pk:
        raise DomainError(
            _("Strategien hører til et annet mål enn det som er valgt."), field="strategi"
        )


def _rens_tiltak(plan: Plan, data: dict) -> dict:
    rein = {
        "nummer": _tekst(data.get("nummer"), "nummer", _("Skriv tiltakets nummer."), 20),
        "tittel": _tekst(data.get("tittel"), "tittel", _("Skriv tiltaket."), 300),
        "skildring": _lang_tekst(data.get("skildring"), "skildring"),
        "maal": data.get("maal"),
        "strategi": data.get("strategi"),
        "okonomisk": bool(data.get("okonomisk")),
        "kostnad": data.get("kostnad"),
        "aktiv": bool(data.get("aktiv", True)),
    }
    _sjekk_lenke_i_plan(plan, rein["maal"], rein["strategi"])
    if rein["kostnad"] is not None:
        if rein["kostnad"] < 0:
            raise DomainError(_("Kostnadsoverslaget kan ikke være negativt."), field="kostnad")
        if not rein["okonomisk"]:
            raise DomainError(
                _("Bare økonomiske tiltak har kostnadsoverslag. Kryss av for økonomisk tiltak."),
                field="kostnad",
            )
    return rein


def _lagre(obj, felt: str = "nummer", melding: str | None = None):
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError as error:
        raise DomainError(melding or _("Nummeret er allerede brukt."), field=felt) from error
    return obj


@transaction.atomic
def registrer_tiltak(actor, plan: Plan, **data) -> Tiltak:
    """A new measure in `plan` (nummer, tittel, skildring, maal/strategi, okonomisk,
    kostnad)."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    regler.plan(actor, plan).krev("registrer")
    rein = _rens_tiltak(plan, data | {"aktiv": True})
    tiltak = _lagre(Tiltak(plan=plan, **rein))
    audit.record_created(actor, tiltak)
    return tiltak


@transaction.atomic
def endre_tiltak(actor, tiltak: Tiltak, **data) -> Tiltak:
    """Edit a measure; `aktiv=False` deactivates it (it is then not prioritised again)."""
    tiltak = Tiltak.objects.select_for_update().select_related("plan").get(pk=tiltak.pk)
    regler.tiltak(actor, tiltak).krev("endre")
    rein = _rens_tiltak(tiltak.plan, {f: getattr(tiltak, f) for f in TILTAKSFELT} | data)
    return _endre(actor, tiltak, TILTAKSFELT, rein)


def _endre(actor, obj, felt, rein: dict):
    """Set the cleaned values, save, and log what changed (before → after); refuse a save
    that changes nothing."""
    foer = audit.snapshot(obj, felt)
    for namn, verdi in rein.items():
        setattr(obj, namn, verdi)
    endringer = audit.diff(foer, audit.snapshot(obj, felt))
    if not endringer:
        raise DomainError(_("Ingenting er endret."))
    _lagre(obj)
    audit.record(actor, obj, "endret", endringer=endringer)
    return obj


def tiltak_per_maal(plan: Plan) -> list[tuple[object, list[Tiltak]]]:
    """The plan's measures grouped by goal (a strategy's measure under the strategy's goal),
    goals in number order: [(maal, [tiltak])]."""
    grupper: dict[int, tuple[object, list[Tiltak]]] = {}
    tiltak = (
        Tiltak.objects.filter(plan=plan)
        .select_related("maal", "strategi__maal")
        .order_by("nummer", "pk")
    )  # fmt: skip
    for t in tiltak:
        maal = t.maal or t.strategi.maal
        grupper.setdefault(maal.pk, (maal, []))[1].append(t)
    return sorted(grupper.values(), key=lambda g: g[0].nummer)


# --- The action and economy plan --------------------------------------------------------------


def _aarsplan(actor, hop: Plan, aar: int, handling: str) -> Plan:
    hop = Plan.objects.select_for_update().get(pk=hop.pk)
    regler.okonomiplan(actor, hop, aar).krev(handling)
    return hop


def valbare_tiltak(hop: Plan, aar: int):
    """Active measures of the active plans (not the HØP) not yet prioritised in the year."""
    return (
        Tiltak.objects.filter(aktiv=True, plan__aktiv=True)
        .exclude(plan__type=Plantype.HOP)
        .exclude(prioriteringar__hop=hop, prioriteringar__aar=aar)
        .select_related("plan")
        .order_by("plan__namn", "nummer")
    )  # fmt: skip


def _sjekk_enhet(enhet) -> None:
    if enhet is None:
        raise DomainError(_("Velg den ansvarlige enheten."), field="enhet")
    if not enhet.aktiv:
        raise DomainError(_("Enheten er ikke aktiv."), field="enhet")


@transaction.atomic
def prioriter(actor, hop: Plan, aar: int, *, tiltak: Tiltak | None, enhet,
              belop: int | None = None) -> Prioritering:  # fmt: skip
    """The HØP takes a measure for the year, with the responsible unit and amount granted."""
    hop = _aarsplan(actor, hop, aar, "prioriter")
    if tiltak is None:
        raise DomainError(_("Velg tiltaket."), field="tiltak")
    tiltak = Tiltak.objects.select_related("plan").get(pk=tiltak.pk)
    if tiltak.plan.type == Plantype.HOP:
        raise DomainError(_("Velg et tiltak fra en av de andre planene."), field="tiltak")
    if not tiltak.aktiv or not tiltak.plan.aktiv:
        raise DomainError(_("Tiltaket er ikke aktivt."), field="tiltak")
    _sjekk_enhet(enhet)
    if belop is not None and belop < 0:
        raise DomainError(_("Beløpet kan ikke være negativt."), field="belop")
    if Prioritering.objects.filter(hop=hop, tiltak=tiltak, aar=aar).exists():
        raise DomainError(_("Tiltaket er allerede prioritert for %(aar)s.") % {"aar": aar},
                          field="tiltak")  # fmt: skip
    prioritering = _lagre(
        Prioritering(hop=hop, tiltak=tiltak, aar=aar, enhet=enhet, belop=belop),
        "tiltak", _("Tiltaket er allerede prioritert for %(aar)s.") % {"aar": aar},
    )  # fmt: skip
    audit.record_created(actor, prioritering, "prioritert")
    return prioritering


@transaction.atomic
def fjern_prioritering(actor, prioritering: Prioritering) -> None:
    """Take a measure out of the year again, while it has not been sent on."""
    prioritering = (
        Prioritering.objects.select_for_update().select_related("tiltak", "hop")
        .get(pk=prioritering.pk)
    )  # fmt: skip
    regler.prioritering(actor, prioritering).krev("fjern")
    audit.record(actor, prioritering.hop, "prioritering fjernet",
                 beskrivelse=f"{prioritering.aar}: {prioritering.tiltak}")  # fmt: skip
    prioritering.delete()


def _rens_verbalpunkt(data: dict) -> dict:
    rein = {
        "nummer": _tekst(data.get("nummer"), "nummer", _("Skriv verbalpunktets nummer."), 20),
        "tekst": _lang_tekst(data.get("tekst"), "tekst"),
        "maal": data.get("maal"),
        "strategi": data.get("strategi"),
        "enhet": data.get("enhet"),
    }
    if not rein["tekst"]:
        raise DomainError(_("Skriv verbalpunktet."), field="tekst")
    maal, strategi = rein["maal"], rein["strategi"]
    if maal is None and strategi is None:
        raise DomainError(_("Knytt verbalpunktet til et mål eller en strategi."), field="maal")
    if maal is not None and not maal.plan.aktiv:
        raise DomainError(_("Målet hører til en plan som ikke er aktiv."), field="maal")
    if strategi is not None and not strategi.maal.plan.aktiv:
        raise DomainError(_("Strategien hører til en plan som ikke er aktiv."), field="strategi")
    if maal is not None and strategi is not None and strategi.maal_id != maal.pk:
        raise DomainError(
            _("Strategien hører til et annet mål enn det som er valgt."), field="strategi"
        )
    _sjekk_enhet(rein["enhet"])
    return rein


@transaction.atomic
def registrer_verbalpunkt(actor, hop: Plan, aar: int, **data) -> Verbalpunkt:
    """A verbal point of the council in the HØP for the year."""
    hop = _aarsplan(actor, hop, aar, "verbalpunkt")
    punkt = _lagre(Verbalpunkt(hop=hop, aar=aar, **_rens_verbalpunkt(data)))
    audit.record_created(actor, punkt)
    return punkt


@transaction.atomic
def endre_verbalpunkt(actor, punkt: Verbalpunkt, **data) -> Verbalpunkt:
    punkt = Verbalpunkt.objects.select_for_update().get(pk=punkt.pk)
    regler.verbalpunkt(actor, punkt).krev("endre")
    rein = _rens_verbalpunkt({f: getattr(punkt, f) for f in VERBALFELT} | data)
    return _endre(actor, punkt, VERBALFELT, rein)


def prioriteringar(hop: Plan, aar: int):
    return (
        Prioritering.objects.filter(hop=hop, aar=aar)
        .select_related("tiltak__plan", "enhet", "oppdrag")
        .order_by("tiltak__plan__namn", "tiltak__nummer")
    )  # fmt: skip


def verbalpunkt(hop: Plan, aar: int):
    return (
        Verbalpunkt.objects.filter(hop=hop, aar=aar)
        .select_related("maal__plan", "strategi__maal", "enhet", "oppdrag")
        .order_by("nummer")
    )  # fmt: skip


def summar(prioriteringar_) -> dict:
    """Totals of the amounts granted: all, economic and non-economic measures."""
    okonomisk = sum(p.belop or 0 for p in prioriteringar_ if p.tiltak.okonomisk)
    ikkje = sum(p.belop or 0 for p in prioriteringar_ if not p.tiltak.okonomisk)
    return {"okonomisk": okonomisk, "ikkje_okonomisk": ikkje, "totalt": okonomisk + ikkje}


# --- Send til virksomhetsplan -------------------------------------------------------------------


def leiar_for(enhet, dag: datetime.date | None = None):
    """The unit's leader valid on the day (the chief executive for the top unit when it has
    no leader role of its own), or None."""
    dag = dag or timezone.localdate()
    roller = (Rolletype.LEDER, Rolletype.RADMANN) if er_toppeining(enhet) else (Rolletype.LEDER,)
    for rolletype in roller:
        rolle = (
            Rolle.objects.gyldige(dag)
            .filter(enhet=enhet, rolle=rolletype, person__is_active=True)
            .select_related("person").order_by("gyldig_fra", "pk").first()
        )  # fmt: skip
        if rolle is not None:
            return rolle.person
    return None


def _tittel(tekst: str) -> str:
    tekst = " ".join(tekst.split())
    return tekst if len(tekst) <= 300 else tekst[:299] + "…"


@transaction.atomic
def send_til_verksemdsplan(actor, hop: Plan, aar: int, *, frist=None) -> list:
    """Every prioritised measure and verbal point of the year without an assignment becomes
    one for its responsible unit. Returns the new assignments."""
    hop = _aarsplan(actor, hop, aar, "send")
    if frist is not None and frist.year != aar:
        raise DomainError(_("Fristen må være i %(aar)s.") % {"aar": aar}, field="frist")
    frist = frist or datetime.date(aar, 12, 31)
    tiltak = list(prioriteringar(hop, aar).filter(oppdrag__isnull=True)
                  .select_related("tiltak__maal", "tiltak__strategi"))  # fmt: skip
    punkt = list(verbalpunkt(hop, aar).filter(oppdrag__isnull=True))
    einingar = {o.enhet_id: o.enhet for o in [*tiltak, *punkt]}
    leiarar = {pk: leiar_for(enhet) for pk, enhet in einingar.items()}
    utan = sorted(einingar[pk].navn for pk, leiar in leiarar.items() if leiar is None)
    if utan:
        raise DomainError(
            _("Ingen leder er registrert for: %(einingar)s. Ingenting er sendt videre.")
            % {"einingar": ", ".join(utan)}
        )
    nekta = sorted(e.navn for e in einingar.values() if not kan_opprette_i(actor, e))
    if nekta:
        raise IkkeTilgang(
            _("Du kan ikke opprette oppdrag for: %(einingar)s. Ingenting er sendt videre.")
            % {"einingar": ", ".join(nekta)}
        )
    nye = []
    for p in tiltak:
        t = p.tiltak
        skildring = t.skildring
        if p.belop:
            skildring = (skildring + "\n\n" if skildring else "") + _(
                "Bevilget i handlings- og økonomiplanen: %(belop)s kr."
            ) % {"belop": f"{p.belop:,}".replace(",", " ")}
        oppdrag = oppdragstenester.opprett(
            actor, aar=aar, kategori=Oppdragskategori.PLANTILTAK, tittel=_tittel(t.tittel),
            enhet=p.enhet, eigar=leiarar[p.enhet_id], frist=frist, maal=t.maal,
            strategi=t.strategi, skildring=skildring[:4000],
        )  # fmt: skip
        if Prioritering.objects.filter(pk=p.pk, oppdrag__isnull=True).update(oppdrag=oppdrag) != 1:
            raise DomainError(_("Noen andre sendte dette videre samtidig. Last siden på nytt."))
        nye.append(oppdrag)
    for v in punkt:
        tittel = _tittel(v.tekst)
        oppdrag = oppdragstenester.opprett(
            actor, aar=aar, kategori=Oppdragskategori.VERBALPUNKT, tittel=tittel,
            enhet=v.enhet, eigar=leiarar[v.enhet_id], frist=frist, maal=v.maal,
            strategi=v.strategi, skildring=v.tekst if tittel != v.tekst else "",
        )  # fmt: skip
        if Verbalpunkt.objects.filter(pk=v.pk, oppdrag__isnull=True).update(oppdrag=oppdrag) != 1:
            raise DomainError(_("Noen andre sendte dette videre samtidig. Last siden på nytt."))
        nye.append(oppdrag)
    audit.record(actor, hop, "sendt til virksomhetsplan", beskrivelse=_(
        "%(aar)s: %(tiltak)s tiltak og %(punkt)s verbalpunkt ble oppdrag."
    ) % {"aar": aar, "tiltak": len(tiltak), "punkt": len(punkt)})  # fmt: skip
    return nye
