"""Reports for leaders and archive: the restanse list (page, CSV, PDF), the stored quarterly
lists, and «Overfør restanser» when someone leaves.

Leaders (and deputies, and the chief executive for the whole organisation) see the units
they lead with the units below; archive sees every unit. Rows come from
`Journalpost.objects.visible_to(user)` (journal.rapporter), so titles and senders are
screened for the viewer.
"""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from saksarkiv import access
from saksarkiv.models import (
    LEDERLINJE,
    AdministrativEnhet,
    Bruker,
    Innstillinger,
    Rapport,
    Rolletype,
)
from saksarkiv.services import DomainError
from saksarkiv.widgets import DATO

from .. import rapporter
from ..filters import EnhetField, EnhetFilter, SokSkjema
from ..models import Journalpost
from ..services import fordeling, overforing
from .felles import UGYLDIG, vis_feil

SIDE = 50


def tillatte_enheter(user):
    """The units whose reports `user` may see, or None for someone who leads nothing."""
    alle = AdministrativEnhet.objects.order_by("path")
    if access.is_archive(user) or access.has_role(user, Rolletype.RADMANN):
        return alle
    paths = [p for _id, p in access.role_units(user, *LEDERLINJE)]
    if not paths:
        return None
    return alle.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))


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


def _personer_i(enheter):
    """People who hold or held a role in the units (people who left keep their restanser)."""
    return (
        Bruker.objects.filter(roller__enhet__in=enheter)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


class RestanseFilter(django_filters.FilterSet):
    """The report's choices. The rows are not a queryset (notes are placed by their
    recipient, see journal.rapporter), so the FilterSet gives the form and its validation
    and `rapporter.restanse_nokler` applies the cleaned values."""

    enhet = EnhetFilter(
        label="Enhet",
        queryset=AdministrativEnhet.objects.none(),
        empty_label=None,
        help_text="Med underliggende enheter.",
    )
    fra = django_filters.DateFilter(label="Journaldato fra", widget=DATO)
    til = django_filters.DateFilter(label="Journaldato til", widget=DATO)
    saksbehandler = django_filters.ModelChoiceFilter(
        label="Saksbehandler", queryset=Bruker.objects.none(), empty_label="Alle"
    )

    class Meta:
        form = SokSkjema
        fields = ["enhet", "fra", "til", "saksbehandler"]

    def __init__(self, *args, enheter, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["enhet"].queryset = enheter
        self.filters["saksbehandler"].queryset = _personer_i(enheter)


@dataclass
class Utvalg:
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


def _utvalg(request) -> Utvalg:
    """The chosen unit, period and caseworker, and the keys of the restanser they give."""
    user = request.user
    enheter = _krev_omfang(user)
    data = request.GET.copy()
    data.pop("side", None)
    if not data.get("enhet"):
        data["enhet"] = _standardenhet(user, enheter)
    filterset = RestanseFilter(data, queryset=Journalpost.objects.none(), enheter=enheter)
    if not filterset.is_valid():
        return Utvalg(filterset, False)
    valg = filterset.form.cleaned_data
    nokler = rapporter.restanse_nokler(
        enhet=valg["enhet"], fra=valg["fra"], til=valg["til"], saksbehandler=valg["saksbehandler"]
    )
    return Utvalg(filterset, True, valg["enhet"], nokler)


@require_GET
@login_required
def restanseliste(request):
    utvalg = _utvalg(request)
    innst = Innstillinger.hent()
    dag = timezone.localdate()
    context = {"filter": utvalg.filter, "gyldig": utvalg.gyldig, "varsel_dager": innst.varsel_dager}
    if not utvalg.gyldig:
        return render(request, "journal/rapport_restanser.html", context, status=UGYLDIG)
    page = Paginator(utvalg.nokler, SIDE).get_page(request.GET.get("side"))
    bygger = rapporter.Radbygger(request.user, dag, innst)
    query = request.GET.copy()
    query.pop("side", None)
    context |= {
        "enhet": utvalg.enhet,
        "dag": dag,
        "side": page,
        "grupper": rapporter.grupper(bygger.rader(list(page.object_list))),
        "summer": rapporter.oppsummering(utvalg.nokler, dag, innst.varsel_dager),
        "query": query.urlencode(),
        "periode": utvalg.periode,
    }
    return render(request, "journal/rapport_restanser.html", context)


def _filnavn(enhet, dag, ending: str) -> str:
    return f"restanseliste-{enhet.kode}-{dag:%Y-%m-%d}.{ending}"


@require_GET
@login_required
def restanseliste_csv(request):
    utvalg = _utvalg(request)
    if not utvalg.gyldig:
        return restanseliste(request)
    dag = timezone.localdate()
    rader = rapporter.alle_rader(request.user, utvalg.nokler, dag)
    response = StreamingHttpResponse(
        rapporter.csv_linjer(rader), content_type="text/csv; charset=utf-8"
    )
    filnavn = _filnavn(utvalg.enhet, dag, "csv")
    response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    return response


@require_GET
@login_required
def restanseliste_pdf(request):
    utvalg = _utvalg(request)
    if not utvalg.gyldig:
        return restanseliste(request)
    dag = timezone.localdate()
    pdf, _antall = rapporter.restanseliste_pdf(
        request.user, utvalg.nokler, enhet=utvalg.enhet, dag=dag, periode=utvalg.periode
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    filnavn = _filnavn(utvalg.enhet, dag, "pdf")
    response["Content-Disposition"] = f'inline; filename="{filnavn}"'
    return response


# --- Stored reports ------------------------------------------------------------------------


def lagrede_rapporter(user):
    """Stored reports `user` may open: archive all; leaders those of units in their chain."""
    enheter = tillatte_enheter(user)
    if enheter is None:
        return Rapport.objects.none()
    return Rapport.objects.filter(enhet__in=enheter).select_related("enhet")


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


class OverforForm(forms.Form):
    enhet = EnhetField(
        queryset=AdministrativEnhet.objects.none(), label="Enhet", widget=forms.HiddenInput
    )
    fra = forms.ModelChoiceField(
        queryset=Bruker.objects.none(),
        label="Restansene til",
        help_text="Personen som slutter eller bytter arbeid.",
        empty_label="Velg person",
    )
    til = forms.ModelChoiceField(
        queryset=Bruker.objects.none(),
        label="Overføres til",
        help_text="En saksbehandler i samme enhet.",
        empty_label="Velg saksbehandler",
    )

    def __init__(self, *args, enheter, enhet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = enheter
        self.fields["enhet"].error_messages["invalid_choice"] = "Velg en enhet du leder."
        if enhet is not None:
            self.fields["fra"].queryset = _personer_i([enhet])
            self.fields["til"].queryset = fordeling.saksbehandlere_i(enhet)


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
