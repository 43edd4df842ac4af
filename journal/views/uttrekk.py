"""The archive's page «Arkivuttrekk» (issue 20, item 3): order a Noark 5 arkivuttrekk for a
period, follow the run's progress (the run page polls itself with HTMX while it runs) and,
when it is done, read the checker's report and download the package as a .zip.

Only archive staff: the package holds every case of the period unscreened
(tillatelser.bruker(user)["arkivuttrekk"])."""

import tempfile
import zipfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_http_methods

from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.services import DomainError
from saksarkiv.widgets import DatoFelt

from ..models import AKTIVE_UTTREKK, Arkivuttrekk
from ..services import tillatelser
from ..services import uttrekk as tjeneste

SISTE = 20  # runs shown on the page, newest first


class BestillingSkjema(forms.Form):
    fra = DatoFelt(label="Avsluttet fra", help_text="Første avslutningsdato, dd.mm.åååå.")
    til = DatoFelt(
        label="Avsluttet til og med",
        help_text="Siste avslutningsdato, dd.mm.åååå. Perioden må være over.",
    )
    rader = (("fra", "til"),)

    def clean(self):
        data = super().clean()
        fra, til = data.get("fra"), data.get("til")
        if til and til > timezone.localdate():
            self.add_error(
                "til",
                "Til-datoen kan ikke være etter i dag: en periode som ikke er over, kan ikke "
                "avleveres.",
            )
        elif fra and til and til < fra:
            self.add_error("til", "Til-datoen kan ikke være før fra-datoen.")
        return data


def _krev(request) -> None:
    tillatelser.bruker(request.user).krev_side("arkivuttrekk")


def _kjoring(request, pk: int) -> Arkivuttrekk:
    _krev(request)
    return get_object_or_404(Arkivuttrekk.objects.select_related("bestilt_av"), pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def arkivuttrekk(request):
    """The form and the latest runs; POST orders a run and goes to its page."""
    _krev(request)
    status = 200
    if request.method == "POST":
        skjema = BestillingSkjema(request.POST)
        if skjema.is_valid():
            try:
                kjoring = tjeneste.bestill(
                    request.user, skjema.cleaned_data["fra"], skjema.cleaned_data["til"]
                )
            except DomainError as feil:
                status = vis_feil(skjema, feil)
            else:
                return redirect("journal:arkivuttrekk_kjoring", kjoring.pk)
        else:
            status = UGYLDIG
    else:
        skjema = BestillingSkjema()
    kjoringer = list(Arkivuttrekk.objects.select_related("bestilt_av")[:SISTE])
    context = {
        "skjema": skjema,
        "kjoringer": kjoringer,
        "aktiv": Arkivuttrekk.objects.filter(status__in=AKTIVE_UTTREKK).first(),
    }
    return render(request, "journal/arkivuttrekk.html", context, status=status)


@login_required
@require_GET
def arkivuttrekk_kjoring(request, pk: int):
    """One run. An HTMX request (the page's own polling) gets only the status part."""
    kjoring = _kjoring(request, pk)
    mal = (
        "journal/arkivuttrekk_status.html" if request.htmx else "journal/arkivuttrekk_kjoring.html"
    )
    response = render(request, mal, {"kjoring": kjoring})
    patch_cache_control(response, private=True, no_store=True)
    return response


def _pakke(kjoring: Arkivuttrekk) -> Path:
    """The run's package directory, which must lie under SAKSARKIV_UTTREKK_DIR."""
    if kjoring.status != "ferdig" or not kjoring.katalog:
        raise Http404("Uttrekket er ikke ferdig.")
    rot = Path(settings.SAKSARKIV_UTTREKK_DIR).resolve()
    katalog = Path(kjoring.katalog).resolve()
    if not katalog.is_relative_to(rot) or not katalog.is_dir():
        raise Http404("Uttrekket finnes ikke lenger på disken.")
    return katalog


@login_required
@require_GET
def arkivuttrekk_last_ned(request, pk: int):
    """The package as a .zip, written to an anonymous temporary file (gone when the response
    is closed) and streamed from it; its files under the directory's own name."""
    katalog = _pakke(_kjoring(request, pk))
    fil = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    try:
        with zipfile.ZipFile(fil, "w", zipfile.ZIP_DEFLATED) as zf:
            for sti in sorted(katalog.rglob("*")):
                if sti.is_file():
                    zf.write(sti, Path(katalog.name) / sti.relative_to(katalog))
        fil.seek(0)
    except BaseException:
        fil.close()
        raise
    response = FileResponse(
        fil, as_attachment=True, filename=f"{katalog.name}.zip", content_type="application/zip"
    )
    patch_cache_control(response, private=True, no_store=True)
    return response


urlpatterns = [
    path("arkivuttrekk/", arkivuttrekk, name="arkivuttrekk"),
    path("arkivuttrekk/<int:pk>/", arkivuttrekk_kjoring, name="arkivuttrekk_kjoring"),
    path("arkivuttrekk/<int:pk>/zip/", arkivuttrekk_last_ned, name="arkivuttrekk_last_ned"),
]
