"""Pages of plans, goals and strategies and of each unit's verksemdsplan (issue 21 item 1).
Everyone logged in reads them; every change goes through its service and rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from journal.models import Saksmappe
from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.models import AdministrativEnhet, Endringslogg
from saksarkiv.services import DomainError
from saksarkiv.templatetags.tilgang import endringsverdi

from ..forms.plan import EndrePlanForm, MaalForm, PlanForm, StrategiForm, VelMaalForm
from ..models import Maal, Maalnivaa, Plan, Plantype, Strategi, Verksemdsplan
from ..services import brev as brevtenester
from ..services import plan as tenester
from ..tillatelser import plan as regler


def _aar(request) -> int:
    try:
        aar = int(request.GET.get("aar", ""))
    except ValueError:
        return timezone.localdate().year
    return aar if tenester.MINSTE_AAR <= aar <= tenester.STORSTE_AAR else timezone.localdate().year


def _maal_med_strategiar():
    return Prefetch(
        "maal",
        queryset=Maal.objects.order_by("nummer").prefetch_related(
            Prefetch("strategiar", queryset=Strategi.objects.order_by("nummer"))
        ),
    )


# --- The plan register ------------------------------------------------------------------------


def _vis_planar(request, form=None, status=200):
    planar = Plan.objects.order_by("-aktiv", "type", "namn").prefetch_related(
        _maal_med_strategiar()
    )
    context = {
        "planar": planar,
        "kan": regler.planar(request.user).kan,
        "form": form or PlanForm(),
        "aar": _aar(request),
    }
    return render(request, "verksemdsplan/plan/planar.html", context, status=status)


@login_required
def planar(request):
    """«Planer og mål»: the plans with their goals and strategies; the form to register a
    plan for those who may."""
    if request.method != "POST":
        return _vis_planar(request)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _vis_planar(request, form, UGYLDIG)
    try:
        plan_ = tenester.registrer_plan(request.user, **form.cleaned_data)
    except DomainError as error:
        return _vis_planar(request, form, vis_feil(form, error))
    messages.success(request, _("Planen er registrert."))
    return redirect("verksemdsplan:plan", plan_.pk)


# The history's words: actions and fields whose model has no label of its own, and the codes
# stored for a plan's type and a goal's level.
HANDLINGAR = {"opprettet": gettext_lazy("Opprettet"), "endret": gettext_lazy("Endret")}
FELTNAMN = {
    "saksmappe": gettext_lazy("Vedtatt i sak"),
    "forelder": gettext_lazy("Under hovedmål"),
    "maal": gettext_lazy("Mål"),
}
KODAR = {"type": Plantype, "nivaa": Maalnivaa}


def _verdi(felt: str, verdi):
    if felt in KODAR and verdi in KODAR[felt].values:
        return KODAR[felt](verdi).label
    return endringsverdi(verdi)


def _historikk(user, plan_) -> list[dict]:
    """The audit entries of the plan, its goals and its strategies, newest first."""
    typar = ContentType.objects.get_for_models(Plan, Maal, Strategi)
    maal = [m.pk for m in plan_.maal.all()]
    strategiar = [s.pk for m in plan_.maal.all() for s in m.strategiar.all()]
    hvilke = (
        Q(content_type=typar[Plan], objekt_id=str(plan_.pk))
        | Q(content_type=typar[Maal], objekt_id__in=[str(pk) for pk in maal])
        | Q(content_type=typar[Strategi], objekt_id__in=[str(pk) for pk in strategiar])
    )
    modell = {ct.pk: m for m, ct in typar.items()}
    rader = []
    for e in (
        Endringslogg.objects.readable_by(user).filter(hvilke).order_by("-tidspunkt", "-pk")[:100]
    ):
        model = modell[e.content_type_id]
        endringer = []
        # A creation names what was created; its every field «– → value» says nothing more.
        for felt, verdi in e.endringer.items() if e.handling != "opprettet" else ():
            try:
                namn = FELTNAMN.get(felt) or model._meta.get_field(felt).verbose_name
            except FieldDoesNotExist:  # a field since removed: its stored name
                namn = felt
            endringer.append({"felt": capfirst(namn), "for": _verdi(felt, verdi.get("for")),
                              "etter": _verdi(felt, verdi.get("etter"))})  # fmt: skip
        rader.append({
            "tidspunkt": e.tidspunkt,
            "av": e.aktor_navn,
            "hva": f"{capfirst(model._meta.verbose_name)} {e.objekt_tekst}",
            "handling": HANDLINGAR.get(e.handling) or capfirst(e.handling),
            "endringer": endringer,
        })  # fmt: skip
    return rader


def _vis_plan(request, plan_, status=200, **skjema):
    plan_ = (
        Plan.objects.select_related("saksmappe")
        .prefetch_related(_maal_med_strategiar())
        .get(pk=plan_.pk)
    )
    sak = plan_.saksmappe
    context = {
        "plan": plan_,
        "kan": regler.plan(request.user, plan_).kan,
        "sak_synleg": sak is not None
        and Saksmappe.objects.visible_to(request.user).filter(pk=sak.pk).exists(),
        "historikk": _historikk(request.user, plan_),
        "maal_form": skjema.get("maal_form") or MaalForm(plan=plan_),
        "strategi_form": skjema.get("strategi_form") or StrategiForm(plan=plan_),
    }
    return render(request, "verksemdsplan/plan/plan.html", context, status=status)


@login_required
@require_GET
def plan(request, pk):
    return _vis_plan(request, get_object_or_404(Plan, pk=pk))


def _registrer(request, pk, skjema, namn, tjeneste, melding):
    plan_ = get_object_or_404(Plan, pk=pk)
    form = skjema(request.POST, plan=plan_)
    if not form.is_valid():
        return _vis_plan(request, plan_, UGYLDIG, **{namn: form})
    try:
        tjeneste(request.user, plan_, form.cleaned_data)
    except DomainError as error:
        return _vis_plan(request, plan_, vis_feil(form, error), **{namn: form})
    messages.success(request, melding)
    return redirect("verksemdsplan:plan", plan_.pk)


@login_required
@require_POST
def ny_maal(request, pk):
    return _registrer(
        request, pk, MaalForm, "maal_form",
        lambda user, p, data: tenester.registrer_maal(user, p, **data), _("Målet er registrert."),
    )  # fmt: skip


@login_required
@require_POST
def ny_strategi(request, pk):
    def tjeneste(user, p, data):
        maal = data.pop("maal")
        return tenester.registrer_strategi(user, maal, **data)

    return _registrer(request, pk, StrategiForm, "strategi_form", tjeneste,
                      _("Strategien er registrert."))  # fmt: skip


# --- Changing a plan, a goal or a strategy -----------------------------------------------------


def _endre(request, plan_, form, tjeneste, *, overskrift, knapp, melding):
    """The change form of a plan, goal or strategy: 403 for those the rule refuses; the
    service's refusal beside its field, nothing saved."""
    regler.plan(request.user, plan_).krev_side("endre")
    status = 200
    if request.method == "POST":
        status = UGYLDIG
        if form.is_valid():
            try:
                tjeneste(dict(form.cleaned_data))
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, melding)
                return redirect("verksemdsplan:plan", plan_.pk)
    context = {"plan": plan_, "form": form, "overskrift": overskrift, "knapp": knapp}
    return render(request, "verksemdsplan/plan/endre.html", context, status=status)


@login_required
def endre_plan(request, pk):
    plan_ = get_object_or_404(Plan.objects.select_related("saksmappe"), pk=pk)
    initial = {f: getattr(plan_, f) for f in ("namn", "type", "fra_aar", "til_aar", "vedteken",
                                              "aktiv")}  # fmt: skip
    initial["saksmappe"] = plan_.saksmappe.saksnummer if plan_.saksmappe else ""
    form = EndrePlanForm(request.POST if request.method == "POST" else None, initial=initial,
                         user=request.user)  # fmt: skip
    return _endre(
        request, plan_, form,
        lambda data: tenester.endre_plan(request.user, plan_, **data),
        overskrift=_("Endre planen"), knapp=_("Lagre planen"), melding=_("Planen er endret."),
    )  # fmt: skip


@login_required
def endre_maal(request, pk):
    maal = get_object_or_404(Maal.objects.select_related("plan"), pk=pk)
    initial = {"nummer": maal.nummer, "tittel": maal.tittel, "skildring": maal.skildring,
               "forelder": maal.forelder_id}  # fmt: skip
    form = MaalForm(request.POST if request.method == "POST" else None, initial=initial,
                    plan=maal.plan, maal=maal)  # fmt: skip
    return _endre(
        request, maal.plan, form,
        lambda data: tenester.endre_maal(request.user, maal, **data),
        overskrift=_("Endre målet %(nummer)s") % {"nummer": maal.nummer},
        knapp=_("Lagre målet"), melding=_("Målet er endret."),
    )  # fmt: skip


@login_required
def endre_strategi(request, pk):
    strategi = get_object_or_404(Strategi.objects.select_related("maal__plan"), pk=pk)
    plan_ = strategi.maal.plan
    initial = {"maal": strategi.maal_id, "nummer": strategi.nummer, "tittel": strategi.tittel,
               "skildring": strategi.skildring}  # fmt: skip
    form = StrategiForm(request.POST if request.method == "POST" else None, initial=initial,
                        plan=plan_)  # fmt: skip
    return _endre(
        request, plan_, form,
        lambda data: tenester.endre_strategi(request.user, strategi, **data),
        overskrift=_("Endre strategien %(nummer)s") % {"nummer": strategi.nummer},
        knapp=_("Lagre strategien"), melding=_("Strategien er endret."),
    )  # fmt: skip


# --- The units' verksemdsplanar ---------------------------------------------------------------


@login_required
@require_GET
def verksemdsplanar(request):
    """Every unit and its verksemdsplan for the year (status, number of goals)."""
    aar = _aar(request)
    planar_ = {
        vp.enhet_id: vp
        for vp in Verksemdsplan.objects.filter(aar=aar).prefetch_related("maal", "strategiar")
    }
    einingar = list(AdministrativEnhet.objects.filter(aktiv=True).order_by("path"))
    for e in einingar:
        e.vp = planar_.get(e.pk)
        e.innrykk = e.depth - 1
    context = {"aar": aar, "einingar": einingar, "forrige": aar - 1, "neste": aar + 1}
    return render(request, "verksemdsplan/plan/verksemdsplanar.html", context)


def _vis_eining(request, enhet, aar, form=None, status=200):
    vp = tenester.for_eining(enhet, aar)
    kan = regler.verksemdsplan(request.user, vp)
    valde_maal = set(vp.maal.values_list("pk", flat=True)) if vp.pk else set()
    valde_strategiar = set(vp.strategiar.values_list("pk", flat=True)) if vp.pk else set()
    tilgjengelege = []
    if kan.kan.vel_maal:
        maal, strategiar = tenester.tilgjengelege(enhet, aar)
        maal, strategiar = list(maal), list(strategiar)
        if vp.pk:  # what the unit chose stays choosable, also when no longer offered
            tilbodne_maal, tilbodne = {m.pk for m in maal}, {s.pk for s in strategiar}
            maal += [m for m in vp.maal.select_related("plan") if m.pk not in tilbodne_maal]
            strategiar += [s for s in vp.strategiar.all() if s.pk not in tilbodne]
        per_maal: dict[int, list] = {}
        for s in strategiar:
            s.valt = s.pk in valde_strategiar
            per_maal.setdefault(s.maal_id, []).append(s)
        for m in maal:
            m.valt = m.pk in valde_maal
            m.valbare_strategiar = per_maal.get(m.pk, [])
            tilgjengelege.append(m)
    valde = []
    if vp.pk:
        strategiar_ = {}
        for s in vp.strategiar.order_by("nummer"):
            strategiar_.setdefault(s.maal_id, []).append(s)
        for m in vp.maal.select_related("plan").order_by("plan__type", "plan__namn", "nummer"):
            m.valde_strategiar = strategiar_.get(m.pk, [])
            valde.append(m)
    context = {
        "enhet": enhet,
        "aar": aar,
        "vp": vp,
        "valde": valde,
        "tilgjengelege": tilgjengelege,
        "kan": kan.kan,
        "grunn": kan.grunn,
        "form": form,
        "forelder": regler.forelder_eining(enhet),
        "brev": brevtenester.synlege(request.user).filter(enhet=enhet, aar=aar).first(),
    }
    return render(request, "verksemdsplan/plan/eining.html", context, status=status)


@login_required
def eining(request, aar, enhet):
    """A unit's verksemdsplan for the year: its goals and strategies; the form to choose them
    for its leaders, and approval for the leader above."""
    enhet_ = get_object_or_404(AdministrativEnhet, pk=enhet)
    if not tenester.MINSTE_AAR <= aar <= tenester.STORSTE_AAR:
        return redirect("verksemdsplan:verksemdsplanar")
    if request.method != "POST":
        return _vis_eining(request, enhet_, aar)
    form = VelMaalForm(request.POST)
    if not form.is_valid():
        return _vis_eining(request, enhet_, aar, form, UGYLDIG)
    try:
        tenester.vel_maal(request.user, enhet_, aar, maal=form.cleaned_data["maal"],
                          strategiar=form.cleaned_data["strategiar"])  # fmt: skip
    except DomainError as error:
        return _vis_eining(request, enhet_, aar, form, vis_feil(form, error))
    messages.success(request, _("Målene og strategiene er lagret."))
    return redirect("verksemdsplan:eining", aar, enhet_.pk)


@login_required
@require_POST
def godkjenn(request, aar, enhet):
    enhet_ = get_object_or_404(AdministrativEnhet, pk=enhet)
    vp = tenester.for_eining(enhet_, aar)
    try:
        if vp.pk is None:
            regler.verksemdsplan(request.user, vp).krev("godkjenn")
        tenester.godkjenn(request.user, vp)
    except DomainError as error:
        messages.error(request, error.message)
        return _vis_eining(request, enhet_, aar, status=error.status or KONFLIKT)
    messages.success(request, _("Virksomhetsplanen er godkjent."))
    return redirect("verksemdsplan:eining", aar, enhet_.pk)
