"""Pages of plans, goals and strategies and of each unit's verksemdsplan (issue 21 item 1).
Everyone logged in reads them; every change goes through its service and rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.models import AdministrativEnhet
from saksarkiv.services import DomainError

from ..forms.plan import MaalForm, PlanForm, StrategiForm, VelMaalForm
from ..models import Maal, Plan, Strategi, Verksemdsplan
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


def _vis_plan(request, plan_, status=200, **skjema):
    plan_ = Plan.objects.prefetch_related(_maal_med_strategiar()).get(pk=plan_.pk)
    context = {
        "plan": plan_,
        "kan": regler.planar(request.user).kan,
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
