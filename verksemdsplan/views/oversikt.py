"""«Oversikt» (issue 21): the verksemdsplan's front page for one unit and year — the «raude
tråden» from the oppdragsbrev to the latest report. Read only; the parts' pages do the work.
Every employee may open it (the letters, plans and indicators are theirs to read); what only
leaders see is decided by each part's rule in services/oversikt.py."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from saksarkiv.models import AdministrativEnhet

from ..services import oversikt as tenester
from ..services.plan import MINSTE_AAR, STORSTE_AAR
from ..tillatelser.brev import er_tilsett


def _tal(verdi, standard: int, lag: int, topp: int) -> int:
    try:
        tal = int(verdi)
    except (TypeError, ValueError):
        return standard
    return tal if lag <= tal <= topp else standard


@login_required
@require_GET
def oversikt(request):
    if not er_tilsett(request.user):
        raise PermissionDenied(_("Virksomhetsplanen er for de ansatte i kommunen."))
    aar = _tal(request.GET.get("aar"), timezone.localdate().year, MINSTE_AAR, STORSTE_AAR)
    einingar = tenester.einingar(request.user)
    valt = _tal(request.GET.get("enhet"), 0, 1, 2**31 - 1)
    if valt:
        enhet = get_object_or_404(AdministrativEnhet, pk=valt, aktiv=True)
        if enhet not in einingar:
            einingar.append(enhet)
    elif einingar:
        enhet = einingar[0]
    else:  # pragma: no cover - an employee holds a role in some unit
        raise PermissionDenied(_("Du har ingen rolle i en enhet."))
    o = tenester.lag(request.user, enhet, aar)
    return render(request, "verksemdsplan/oversikt.html", {
        "o": o, "einingar": einingar, "aar": aar, "forrige": aar - 1, "neste": aar + 1,
        "indikatorstatus": tenester.statustal(o.indikatorar),
    })  # fmt: skip
