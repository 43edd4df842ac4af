"""The year wheel's page (issue 21 item 7): the year's deadlines month by month (an
accessible list; the wheel drawn beside it as SVG, hidden from screen readers since the list
says the same), and for the chief executive the actions to create the defaults, add and edit
deadlines."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.services import DomainError

from ..forms.aarshjul import FristForm
from ..models import Aarshjulfrist
from ..services import aarshjul as tenester
from ..services.plan import MINSTE_AAR, STORSTE_AAR
from ..tillatelser import aarshjul as regler

RADIUS, SENTRUM = 120, 150


def _punkt(vinkel: float, r: float) -> tuple[float, float]:
    """A point on the wheel: angle 0 at the top, clockwise."""
    return (
        round(SENTRUM + r * math.sin(vinkel), 1),
        round(SENTRUM - r * math.cos(vinkel), 1),
    )


def _hjul(aar: int, fristar) -> dict:
    """The wheel's geometry: twelve month spokes and a dot per deadline (by day of year;
    the deadlines of the next year's start after December, at the end of the wheel)."""
    eiker, tekstar = [], []
    for m in range(12):
        eiker.append(_punkt(2 * math.pi * m / 12, RADIUS))
        x, y = _punkt(2 * math.pi * (m + 0.5) / 12, RADIUS + 16)
        tekstar.append({"x": x, "y": y, "namn": str(MONTHS[m + 1])[:3]})
    prikkar = []
    for f in fristar:
        dag = min((f.dato - f.dato.replace(month=1, day=1)).days, 364)
        if f.dato.year > aar:
            dag = 364
        x, y = _punkt(2 * math.pi * dag / 365, RADIUS - 14)
        prikkar.append({"x": x, "y": y, "frist": f})
    return {"eiker": eiker, "tekstar": tekstar, "prikkar": prikkar, "r": RADIUS, "c": SENTRUM}


def _vis(request, aar: int, form=None, status=200):
    idag = timezone.localdate()
    fristar = tenester.aaret(aar)
    maanader: dict[tuple[int, int], dict] = {}
    for f in fristar:
        f.dagar = (f.dato - idag).days
        f.visningstittel = tenester.tittel(f)  # a default title in the reader's language
        nokkel = (f.dato.year, f.dato.month)
        maanader.setdefault(nokkel, {"namn": MONTHS[f.dato.month], "aar": f.dato.year,
                                     "fristar": []})["fristar"].append(f)  # fmt: skip
    context = {
        "aar": aar,
        "maanader": list(maanader.values()),
        "fristar": fristar,
        "hjul": _hjul(aar, fristar),
        "kan": regler.aarshjul(request.user).kan,
        "form": form or FristForm(),
        "forrige": aar - 1,
        "neste": aar + 1,
        "idag": idag,
    }
    return render(request, "verksemdsplan/aarshjul/aarshjul.html", context, status=status)


@login_required
@require_GET
def aarshjul(request, aar=None):
    """The year's deadlines; without a year, this year's."""
    if aar is None:
        aar = timezone.localdate().year
    if not MINSTE_AAR <= aar <= STORSTE_AAR:
        return redirect("verksemdsplan:aarshjul_no")
    return _vis(request, aar)


@login_required
@require_POST
def standard(request, aar):
    """One action: the year's default deadlines."""
    try:
        nye = tenester.opprett_standard(request.user, aar)
    except DomainError as error:
        messages.error(request, error.message)
        return _vis(request, aar, status=error.status or KONFLIKT)
    messages.success(request, _("%(n)s frister er lagt inn i årshjulet.") % {"n": len(nye)})
    return redirect("verksemdsplan:aarshjul", aar)


@login_required
@require_POST
def ny(request, aar):
    form = FristForm(request.POST)
    if not form.is_valid():
        return _vis(request, aar, form, UGYLDIG)
    try:
        frist = tenester.legg_til(request.user, aar, **form.cleaned_data)
    except DomainError as error:
        return _vis(request, aar, form, vis_feil(form, error))
    messages.success(request, _("Fristen er lagt inn i årshjulet."))
    return redirect(reverse("verksemdsplan:aarshjul", args=[aar]) + f"#frist-{frist.pk}")


@login_required
def frist(request, pk):
    """One deadline: its edit form (for the chief executive)."""
    frist_ = get_object_or_404(Aarshjulfrist, pk=pk)
    kan = regler.aarshjul(request.user, frist_)
    frist_.visningstittel = tenester.tittel(frist_)  # a default title in the reader's language
    if request.method != "POST":
        kan.krev_side("rediger")
        form = FristForm(initial={"tittel": frist_.visningstittel, "type": frist_.type,
                                  "dato": frist_.dato,
                                  "paaminning_dagar": frist_.paaminning_dagar})  # fmt: skip
        return render(request, "verksemdsplan/aarshjul/frist.html", {"frist": frist_, "form": form})
    form = FristForm(request.POST)
    status = UGYLDIG
    if form.is_valid():
        try:
            tenester.endre(request.user, frist_, **form.cleaned_data)
        except DomainError as error:
            status = vis_feil(form, error)
        else:
            messages.success(request, _("Fristen er endret."))
            return redirect(reverse("verksemdsplan:aarshjul", args=[frist_.aar]) + f"#frist-{pk}")
    kan.krev_side("rediger")
    return render(request, "verksemdsplan/aarshjul/frist.html", {"frist": frist_, "form": form},
                  status=status)  # fmt: skip
