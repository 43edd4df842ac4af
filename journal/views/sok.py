"""Search in cases and journal posts, and «Finnes saken fra før?» for the new-case form."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from .. import search
from ..filters import JournalpostFilter, SaksmappeFilter
from ..models import Journalpost, Saksmappe

PAGE_SIZE = 50
SAKER = "saker"
JOURNALPOSTER = "journalposter"
# Fields both tabs understand, kept when the user switches tab.
SHARED_FIELDS = ("q", "part", "fra", "til", "enhet", "tilgangskode")


def _search_saker(user):
    return (
        Saksmappe.objects.visible_to(user)
        .select_related("administrativ_enhet", "saksansvarlig", "tilgangskode")
        .order_by("-saksaar", "-sakssekvensnummer")
    )


def _search_journalposter(user):
    return (
        Journalpost.objects.visible_to(user)
        .select_related("saksmappe", "administrativ_enhet", "saksbehandler", "tilgangskode")
        .order_by("-journalaar", "-journalsekvensnummer")
    )


TABS = {
    SAKER: (_search_saker, SaksmappeFilter, "journal/_sok_saker.html"),
    JOURNALPOSTER: (_search_journalposter, JournalpostFilter, "journal/_sok_journalposter.html"),
}


def _tab_links(request, current: str) -> list[dict]:
    links = []
    for name, label in ((SAKER, "Saker"), (JOURNALPOSTER, "Journalposter")):
        query = request.GET.copy()
        for key in list(query):
            if key not in SHARED_FIELDS:
                del query[key]
        query["type"] = name
        links.append({"label": label, "query": query.urlencode(), "current": name == current})
    return links


@require_GET
@login_required
def sok(request):
    """One search page with a tab per record type; HTMX requests get only the result table."""
    fane = request.GET.get("type")
    if fane not in TABS:
        fane = SAKER
    base, filter_class, partial = TABS[fane]
    queryset = base(request.user)
    filterset = filter_class(request.GET or None, queryset=queryset, request=request)
    valid = not filterset.is_bound or filterset.is_valid()
    results = filterset.qs if valid else queryset.none()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    query["type"] = fane
    context = {
        "filter": filterset,
        "fane": fane,
        "faner": _tab_links(request, fane),
        "gyldig": valid,
        "side": page,
        "query": query.urlencode(),
        "tabell": partial,
    }
    return render(request, partial if request.htmx else "journal/sok.html", context)


@require_GET
@login_required
def lignende_saker(request):
    """HTMX fragment for the new-case form: visible cases with a similar title."""
    tittel = request.GET.get("tittel", "").strip()
    if len(tittel) < 3:
        return HttpResponse("")
    cases = search.lignende_saker(request.user, tittel)
    if not cases:
        return HttpResponse("")
    return render(request, "journal/_lignende_saker.html", {"saker": cases})


urlpatterns = [
    path("sok/", sok, name="sok"),
    path("saker/lignende/", lignende_saker, name="lignende_saker"),
]
