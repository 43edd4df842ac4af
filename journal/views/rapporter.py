"""Reports for leaders and archive: the restanse list (page, CSV, PDF), the stored quarterly
lists, and «Overfør restanser» when someone leaves.

Leaders (and deputies, and the chief executive for the whole organisation) see the units
they lead with the units below; archive sees every unit. Rows come from
`Journalpost.objects.visible_to(user)` (journal.rapporter), so titles and senders are
screened for the viewer.
"""

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from journal.models import Innstillinger
from saksarkiv import access
from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.models import (
    LEDERLINJE,
    AdministrativEnhet,
    Rapport,
)
from saksarkiv.services import DomainError

from .. import rapporter
from ..filters import RestanseFilter
from ..forms import OverforForm
from ..models import Journalpost
from ..services import overforing

SIDE = 50


def tillatte_enheter(user):
    """The units whose reports `user` may see, or None for someone who leads nothing."""
    omfang = access.rapportomfang(user)
    return None if omfang is None else AdministrativEnhet.objects.filter(omfang).order_by("path")


def _krev_omfang(user):
    enheter = tillatte_enheter(user)
    if enheter is None:
        raise PermissionDenied("Rapportene er for ledere og arkivet.")
    return enheter


def _standardenhet(user, enheter):
    """The leader's own unit (the highest one they lead); archive: the top of the tree."""
    led = sorted(access.role_units(user, *LEDERLINJE), key=lambda unit: len(unit[1]))
    if led and not access.is_archive(user):
        return led[0][0]
    first = enheter.first()
    return first.pk if first else None


@dataclass
class Rapportvalg:
    filter: RestanseFilter
    gyldig: bool
    enhet: AdministrativEnhet | None = None
    nokler: list = field(default_factory=list)

    @property
    def periode(self) -> str:
        data = self.filter.form.cleaned_data
        fra, til = data.get("fra"), data.get("til")
        if fra and til:
            return f"{fra:%d.%m.%Y}–{til:%d.%m.%Y}"
        if fra:
            return f"fra {fra:%d.%m.%Y}"
        return f"til {til:%d.%m.%Y}" if til else ""


def _rapportvalg(request) -> Rapportvalg:
    """The chosen unit, period and caseworker, and the keys of the restanser they give."""
    user = request.user
    enheter = _krev_omfang(user)
    data = request.GET.copy()
    data.pop("side", None)
    if not data.get("enhet"):
        data["enhet"] = _standardenhet(user, enheter)
    filterset = RestanseFilter(data, queryset=Journalpost.objects.none(), enheter=enheter)
    if not filterset.is_valid():
        return Rapportvalg(filterset, False)
    valg = filterset.form.cleaned_data
    nokler = rapporter.restanse_nokler(
        enhet=valg["enhet"], fra=valg["fra"], til=valg["til"], saksbehandler=valg["saksbehandler"]
    )
    return Rapportvalg(filterset, True, valg["enhet"], nokler)


@require_GET
@login_required
def restanseliste(request):
    valg = _rapportvalg(request)
    innst = Innstillinger.hent()
    dag = timezone.localdate()
    context = {"filter": valg.filter, "gyldig": valg.gyldig, "varsel_dager": innst.varsel_dager}
    if not valg.gyldig:
        return render(request, "journal/rapport_restanser.html", context, status=UGYLDIG)
    page = Paginator(valg.nokler, SIDE).get_page(request.GET.get("side"))
    bygger = rapporter.Radbygger(request.user, dag, innst)
    query = request.GET.copy()
    query.pop("side", None)
    context |= {
        "enhet": valg.enhet,
        "dag": dag,
        "side": page,
        "grupper": rapporter.grupper(bygger.rader(list(page.object_list))),
        "summer": rapporter.oppsummering(valg.nokler, dag, innst.varsel_dager),
        "query": query.urlencode(),
        "periode": valg.periode,
    }
    return render(request, "journal/rapport_restanser.html", context)


def _filnavn(enhet, dag, ending: str) -> str:
    return f"restanseliste-{enhet.kode}-{dag:%Y-%m-%d}.{ending}"


@require_GET
@login_required
def restanseliste_csv(request):
    valg = _rapportvalg(request)
    if not valg.gyldig:
        return restanseliste(request)
    dag = timezone.localdate()
    rader = rapporter.alle_rader(request.user, valg.nokler, dag)
    response = StreamingHttpResponse(
        rapporter.csv_linjer(rader), content_type="text/csv; charset=utf-8"
    )
    filnavn = _filnavn(valg.enhet, dag, "csv")
    response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    return response


@require_GET
@login_required
def restanseliste_pdf(request):
    valg = _rapportvalg(request)
    if not valg.gyldig:
        return restanseliste(request)
    dag = timezone.localdate()
    pdf, _antall = rapporter.restanseliste_pdf(
        request.user, valg.nokler, enhet=valg.enhet, dag=dag, periode=valg.periode
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filnavn = _filnavn(valg.enhet, dag, "pdf")
    response["Content-Disposition"] = f'inline; filename="{filnavn}"'
    return response


# --- Stored reports ------------------------------------------------------------------------


def lagrede_rapporter(user):
    """Stored reports `user` may open (the chokepoint: Rapport.objects.readable_by)."""
    return Rapport.objects.readable_by(user).select_related("enhet")


@require_GET
@login_required
def rapporter_liste(request):
    _krev_omfang(request.user)
    qs = lagrede_rapporter(request.user).order_by("-periode", "enhet__path")
    perioder = list(qs.order_by("-periode").values_list("periode", flat=True).distinct()[:40])
    periode = request.GET.get("periode", "")
    if periode:
        qs = qs.filter(periode=periode)
    page = Paginator(qs, SIDE).get_page(request.GET.get("side"))
    return render(
        request,
        "journal/rapport_liste.html",
        {
            "side": page,
            "perioder": perioder,
            "periode": periode,
            "query": f"periode={periode}" if periode else "",
        },
    )


@require_GET
@login_required
def rapport_fil(request, pk):
    _krev_omfang(request.user)
    rapport = lagrede_rapporter(request.user).filter(pk=pk).first()
    if rapport is None:
        raise Http404("Fant ikke rapporten.")
    try:
        fil = rapport.fil.open("rb")
    except FileNotFoundError as error:
        raise Http404("Rapportfilen mangler.") from error
    return FileResponse(
        fil, content_type="application/pdf", filename=rapport.fil.name.rsplit("/", 1)[-1]
    )


# --- Overfør restanser -----------------------------------------------------------------------


def _valg(data) -> str:
    return f"{data['enhet'].pk}:{data['fra'].pk}:{data['til'].pk}"


@login_required
def overfor(request):
    user = request.user
    enheter = _krev_omfang(user)
    valgt = request.POST.get("enhet") or request.GET.get("enhet") or _standardenhet(user, enheter)
    enhet = enheter.filter(pk=valgt).first() if str(valgt or "").isdigit() else None
    status, forhandsvisning = 200, None
    if request.method == "POST":
        form = OverforForm(request.POST, enheter=enheter, enhet=enhet)
        if form.is_valid():
            d = form.cleaned_data
            args = {"fra": d["fra"], "til": d["til"], "enhet": d["enhet"]}
            # Confirm only what was previewed: changed choices get a new preview first.
            forhandsvist = request.POST.get("forhandsvist") == _valg(d)
            try:
                if request.POST.get("handling") == "bekreft" and forhandsvist:
                    resultat = overforing.overfor_restanser(user, **args)
                    messages.success(
                        request,
                        f"Overført til {d['til'].get_full_name()}: {resultat.poster} "
                        f"journalposter, {resultat.notater} notater og {resultat.saker} saker.",
                    )
                    url = reverse("journal:overfor_restanser")
                    return redirect(f"{url}?enhet={d['enhet'].pk}")
                forhandsvisning = overforing.forhandsvis(user, **args)
            except DomainError as error:
                status = vis_feil(form, error)
        else:
            status = UGYLDIG
    else:
        form = OverforForm(initial={"enhet": enhet}, enheter=enheter, enhet=enhet)
    return render(
        request,
        "journal/rapport_overfor.html",
        {
            "form": form,
            "enhet": enhet,
            "enheter": enheter,
            "forhandsvisning": forhandsvisning,
            "forhandsvist": _valg(form.cleaned_data) if forhandsvisning else "",
        },
        status=status,
    )


urlpatterns = [
    path("rapporter/restanser/", restanseliste, name="restanseliste"),
    path("rapporter/restanser/csv/", restanseliste_csv, name="restanseliste_csv"),
    path("rapporter/restanser/pdf/", restanseliste_pdf, name="restanseliste_pdf"),
    path("rapporter/restanser/overfor/", overfor, name="overfor_restanser"),
    # Not "rapporter/": the menu marks an entry active when the path starts with its URL.
    path("rapporter/lagrede/", rapporter_liste, name="rapporter"),
    path("rapporter/lagrede/<int:pk>/fil/", rapport_fil, name="rapport_fil"),
]
