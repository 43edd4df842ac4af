"""Pages of the plans' measures and of the action and economy plan's year (issue 21 items 1
and 3): a plan's measures grouped by goal with the register form, one measure's edit page,
and the HØP year — prioritised measures with totals, verbal points, «Send til
virksomhetsplan». Everyone logged in reads; every change goes through its service and rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.services import DomainError

from ..forms.tiltak import EndreTiltakForm, PrioriterForm, SendForm, TiltakForm, VerbalpunktForm
from ..models import Plan, Plantype, Prioritering, Tiltak, Verbalpunkt
from ..services import tiltak as tenester
from ..tillatelser import tiltak as regler

# --- A plan's measures ------------------------------------------------------------------------


def _vis_tiltak(request, plan, form=None, status=200):
    kan = regler.plan(request.user, plan)
    context = {
        "plan": plan,
        "grupper": tenester.tiltak_per_maal(plan),
        "kan": kan.kan,
        "grunn": kan.grunn,
        "form": form or TiltakForm(plan=plan),
    }
    return render(request, "verksemdsplan/tiltak/liste.html", context, status=status)


@login_required
def tiltak(request, pk):
    """«Tiltak i planen»: the measures by goal; the register form for the plan writers."""
    plan = get_object_or_404(Plan, pk=pk)
    if request.method != "POST":
        return _vis_tiltak(request, plan)
    form = TiltakForm(request.POST, plan=plan)
    if not form.is_valid():
        return _vis_tiltak(request, plan, form, UGYLDIG)
    try:
        tenester.registrer_tiltak(request.user, plan, **form.cleaned_data)
    except DomainError as error:
        return _vis_tiltak(request, plan, form, vis_feil(form, error))
    messages.success(request, _("Tiltaket er registrert."))
    return redirect("verksemdsplan:tiltak", plan.pk)


@login_required
def endre_tiltak(request, pk):
    tiltak_ = get_object_or_404(Tiltak.objects.select_related("plan"), pk=pk)
    regler.tiltak(request.user, tiltak_).krev_side("endre")
    status = 200
    if request.method == "POST":
        form = EndreTiltakForm(request.POST, tiltak=tiltak_)
        status = UGYLDIG
        if form.is_valid():
            try:
                tenester.endre_tiltak(request.user, tiltak_, **form.cleaned_data)
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, _("Tiltaket er lagret."))
                return redirect("verksemdsplan:tiltak", tiltak_.plan_id)
    else:
        form = EndreTiltakForm(
            initial={f: getattr(tiltak_, f) for f in tenester.TILTAKSFELT}, tiltak=tiltak_
        )
    context = {"tiltak": tiltak_, "plan": tiltak_.plan, "form": form}
    return render(request, "verksemdsplan/tiltak/endre.html", context, status=status)


# --- The action and economy plan's year ---------------------------------------------------------


def _hop(pk, aar=None) -> Plan:
    hop = get_object_or_404(Plan, pk=pk, type=Plantype.HOP)
    if aar is not None and not hop.fra_aar <= aar <= hop.til_aar:
        raise Http404(_("Året er utenfor planperioden."))
    return hop


@login_required
@require_GET
def okonomiplan_no(request, pk):
    """The HØP's page for this year (or the nearest year of its period)."""
    hop = _hop(pk)
    aar = min(max(timezone.localdate().year, hop.fra_aar), hop.til_aar)
    return _vis_hop(request, hop, aar)


def _vis_hop(request, hop, aar, status=200, **skjema):
    kan = regler.okonomiplan(request.user, hop, aar)
    prioriteringar = list(tenester.prioriteringar(hop, aar))
    for p in prioriteringar:
        p.kan_fjerne = regler.prioritering(request.user, p).kan.fjern
    punkt = list(tenester.verbalpunkt(hop, aar))
    valbare = tenester.valbare_tiltak(hop, aar)
    context = {
        "hop": hop,
        "aar": aar,
        "aarsliste": range(hop.fra_aar, hop.til_aar + 1),
        "prioriteringar": prioriteringar,
        "verbalpunkt": punkt,
        "summar": tenester.summar(prioriteringar),
        "ventar": sum(1 for o in [*prioriteringar, *punkt] if o.oppdrag_id is None),
        "kan": kan.kan,
        "grunn": kan.grunn,
        "prioriter_form": skjema.get("prioriter") or PrioriterForm(valbare=valbare),
        "verbalpunkt_form": skjema.get("verbalpunkt") or VerbalpunktForm(),
        "send_form": skjema.get("send") or SendForm(),
    }
    return render(request, "verksemdsplan/tiltak/okonomiplan.html", context, status=status)


@login_required
@require_GET
def okonomiplan(request, pk, aar):
    return _vis_hop(request, _hop(pk, aar), aar)


@login_required
@require_POST
def prioriter(request, pk, aar):
    hop = _hop(pk, aar)
    form = PrioriterForm(request.POST, valbare=tenester.valbare_tiltak(hop, aar))
    if not form.is_valid():
        return _vis_hop(request, hop, aar, UGYLDIG, prioriter=form)
    try:
        tenester.prioriter(request.user, hop, aar, **form.cleaned_data)
    except DomainError as error:
        return _vis_hop(request, hop, aar, vis_feil(form, error), prioriter=form)
    messages.success(request, _("Tiltaket er prioritert."))
    return redirect("verksemdsplan:okonomiplan", hop.pk, aar)


@login_required
@require_POST
def fjern_prioritering(request, pk):
    prioritering = get_object_or_404(Prioritering.objects.select_related("hop"), pk=pk)
    hop, aar = prioritering.hop, prioritering.aar
    try:
        tenester.fjern_prioritering(request.user, prioritering)
    except DomainError as error:
        messages.error(request, error.message)
        return _vis_hop(request, hop, aar, error.status or KONFLIKT)
    messages.success(request, _("Prioriteringen er fjernet."))
    return redirect("verksemdsplan:okonomiplan", hop.pk, aar)


@login_required
@require_POST
def nytt_verbalpunkt(request, pk, aar):
    hop = _hop(pk, aar)
    form = VerbalpunktForm(request.POST)
    if not form.is_valid():
        return _vis_hop(request, hop, aar, UGYLDIG, verbalpunkt=form)
    try:
        tenester.registrer_verbalpunkt(request.user, hop, aar, **form.cleaned_data)
    except DomainError as error:
        return _vis_hop(request, hop, aar, vis_feil(form, error), verbalpunkt=form)
    messages.success(request, _("Verbalpunktet er registrert."))
    return redirect("verksemdsplan:okonomiplan", hop.pk, aar)


@login_required
def verbalpunkt(request, pk):
    punkt = get_object_or_404(Verbalpunkt.objects.select_related("hop"), pk=pk)
    kan = regler.verbalpunkt(request.user, punkt)
    if kan["endre"] is not None and kan["endre"].status is not None:
        kan.krev_side("endre")  # not a plan writer: 403
    status = 200
    if request.method == "POST":
        form = VerbalpunktForm(request.POST)
        status = UGYLDIG
        if form.is_valid():
            try:
                tenester.endre_verbalpunkt(request.user, punkt, **form.cleaned_data)
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, _("Verbalpunktet er lagret."))
                return redirect("verksemdsplan:okonomiplan", punkt.hop_id, punkt.aar)
    else:
        form = VerbalpunktForm(initial={f: getattr(punkt, f) for f in tenester.VERBALFELT})
    context = {"punkt": punkt, "hop": punkt.hop, "form": form, "kan": kan.kan,
               "grunn": kan.grunn}  # fmt: skip
    return render(request, "verksemdsplan/tiltak/verbalpunkt.html", context, status=status)


@login_required
@require_POST
def send(request, pk, aar):
    hop = _hop(pk, aar)
    form = SendForm(request.POST)
    if not form.is_valid():
        return _vis_hop(request, hop, aar, UGYLDIG, send=form)
    try:
        nye = tenester.send_til_verksemdsplan(request.user, hop, aar, **form.cleaned_data)
    except DomainError as error:
        return _vis_hop(request, hop, aar, vis_feil(form, error), send=form)
    messages.success(request, _("Oppdrag opprettet i virksomhetsplanen: %(n)s.") % {"n": len(nye)})
    return redirect("verksemdsplan:okonomiplan", hop.pk, aar)
