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
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from journal.models import Innstillinger
from saksarkiv import access, keyset
from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.keyset import PARAM, Sortering
from saksarkiv.lister import Listeside
from saksarkiv.models import (
    LEDERLINJE,
    AdministrativEnhet,
    Rapport,
)
from saksarkiv.services import DomainError

from .. import rapporter
from ..filters import RapportFilter, RestanseFilter
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
    data.pop(PARAM, None)
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


class Restanseliste(LoginRequiredMixin, Listeside):
    """The restanse report: computed whole (its sums cover every row), grouped per unit and
    caseworker, shown 50 rows a page."""

    template_name = "journal/rapport_restanser.html"
    storrelse = SIDE
    sorteringer = (Sortering("gruppert", "Enhet og saksbehandler", ()),)

    def get(self, request, *args, **kwargs):
        self.dag = timezone.localdate()
        self.innst = Innstillinger.hent()
        return super().get(request, *args, **kwargs)

    def filtrer(self, queryset):
        self.valg = _rapportvalg(self.request)
        return self.valg.filter, self.valg.gyldig, self.valg.nokler

    def get_queryset(self):
        # The keys come from rapporter.restanse_nokler (the unit scope is checked in
        # _rapportvalg); the rows from for_visning(user), through the chokepoint.
        return Journalpost.objects.none()

    def hent_side(self, nokler, sortering, **kwargs):
        return keyset.side_av_liste(nokler, self.request.GET.get(PARAM), self.storrelse)

    def vis(self, nokler):
        return rapporter.Radbygger(self.request.user, self.dag, self.innst).rader(nokler)

    def status(self, liste):
        return 200 if liste.gyldig else UGYLDIG

    def get_context_data(self, liste):
        context = liste.context() | {"varsel_dager": self.innst.varsel_dager, "dag": self.dag}
        if not liste.gyldig:
            return context
        return context | {
            "enhet": self.valg.enhet,
            "grupper": rapporter.grupper(liste.side.rader),
            "summer": rapporter.oppsummering(self.valg.nokler, self.dag, self.innst.varsel_dager),
            "periode": self.valg.periode,
        }


restanseliste = Restanseliste.as_view()


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


class RapportListe(LoginRequiredMixin, Listeside):
    """Stored reports the user may open, newest period first."""

    template_name = "journal/rapport_liste.html"
    filterset_class = RapportFilter
    storrelse = SIDE
    sorteringer = (
        Sortering("nyest", "Nyeste periode først", (("periode", True), ("enhet__path", False))),
    )

    def get(self, request, *args, **kwargs):
        _krev_omfang(request.user)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return lagrede_rapporter(self.request.user)

    def filter_kwargs(self):
        return {}

    def get_context_data(self, liste):
        return liste.context() | {"perioder": self.filterset.perioder}


rapporter_liste = RapportListe.as_view()


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
