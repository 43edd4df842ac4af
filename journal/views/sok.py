"""Search in cases and journal posts, and «Finnes saken fra før?» for the new-case form."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from saksarkiv import keyset
from saksarkiv.keyset import PARAM, Sortering, side

from .. import search
from ..filters import JournalpostFilter, SaksmappeFilter
from ..models import Journalpost, Saksmappe

PAGE_SIZE = 50
# The count stops here: «over 1 000 treff» is all a user needs to narrow the search.
MAKS_ANTALL = 1000
SAKER = "saker"
JOURNALPOSTER = "journalposter"
# Fields both tabs understand, kept when the user switches tab.
SHARED_FIELDS = ("q", "part", "fra", "til", "enhet", "tilgangskode")


def _search_saker(user):
    return Saksmappe.objects.visible_to(user).select_related(
        "administrativ_enhet", "saksansvarlig", "tilgangskode"
    )


def _search_journalposter(user):
    return Journalpost.objects.visible_to(user).select_related(
        "saksmappe", "administrativ_enhet", "saksbehandler", "tilgangskode"
    )


def _sorteringer(aar: str, nummer: str) -> dict[str, Sortering]:
    """Newest first (served by the number index, the default), oldest first, and «Beste
    treff»: the newest matches ranked by how well the visible title matches the words."""
    return {
        s.verdi: s
        for s in (
            Sortering("nyest", "Nyeste først", ((aar, True), (nummer, True))),
            Sortering("eldst", "Eldste først", ((aar, False), (nummer, False))),
            Sortering(
                "relevans",
                f"Beste treff blant de {search.KANDIDATER} nyeste",
                (("rang", True), (aar, True), (nummer, True)),
            ),
        )
    }


TABS = {
    SAKER: (
        _search_saker,
        SaksmappeFilter,
        "journal/_sok_saker.html",
        _sorteringer("saksaar", "sakssekvensnummer"),
    ),
    JOURNALPOSTER: (
        _search_journalposter,
        JournalpostFilter,
        "journal/_sok_journalposter.html",
        _sorteringer("journalaar", "journalsekvensnummer"),
    ),
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
    base, filter_class, partial, sorteringer = TABS[fane]
    queryset = base(request.user)
    filterset = filter_class(request.GET or None, queryset=queryset, request=request)
    valid = not filterset.is_bound or filterset.is_valid()
    results = filterset.qs if valid else queryset.none()
    q = filterset.form.cleaned_data.get("q") if valid and filterset.is_bound else ""
    valg = dict(sorteringer)
    if not (search.words(q) and search.is_postgresql(results)):
        del valg["relevans"]
    sortering = valg.get(request.GET.get("sorter"), valg["nyest"])
    rows, telle = results, None
    if sortering.verdi == "relevans":
        rows, telle = search.rangert(results, q), results
    page = side(
        rows,
        sortering,
        request.GET.get(PARAM),
        PAGE_SIZE,
        maks_antall=MAKS_ANTALL,
        telle=telle,
        # The page's rows by id from the visible records: the ids already passed the filters,
        # which need not be evaluated again.
        rader=queryset,
    )

    def lenke(**endringer) -> str:
        return keyset.lenke(request, type=fane, **endringer)

    context = {
        "filter": filterset,
        "fane": fane,
        "faner": _tab_links(request, fane),
        "gyldig": valid,
        "side": page,
        "maks_antall": f"{MAKS_ANTALL:,}".replace(",", "\N{NO-BREAK SPACE}"),
        "sortering": sortering,
        "sorteringer": [
            {
                "navn": s.navn,
                "query": lenke(sorter=s.verdi, **{PARAM: None}),
                "aktiv": s is sortering,
            }
            for s in valg.values()
        ],
        "neste": lenke(**{PARAM: page.neste}) if page.neste else None,
        "forste": lenke(**{PARAM: None}),
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
