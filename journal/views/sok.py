"""Search in cases and journal posts, and «Finnes saken fra før?» for the new-case form."""

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from saksarkiv import keyset
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside

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


class Sok(LoginRequiredMixin, Listeside):
    """One search page with a tab per record type; HTMX requests get only the result table."""

    template_name = "journal/sok.html"
    storrelse = PAGE_SIZE
    behold = ("type",)

    @property
    def maks_antall(self) -> int:
        return MAKS_ANTALL

    def get(self, request, *args, **kwargs):
        self.fane = request.GET.get("type")
        if self.fane not in TABS:
            self.fane = SAKER
        self.base, self.filterset_class, self.partial_name, self.valg = TABS[self.fane]
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.base(self.request.user)

    def _ord(self) -> str:
        if self.filterset is None or not self.filterset.is_bound or not self.gyldig:
            return ""
        return self.filterset.form.cleaned_data.get("q") or ""

    def get_sorteringer(self):
        valg = dict(self.valg)
        if not (search.words(self._ord()) and search.is_postgresql(self.get_queryset())):
            del valg["relevans"]
        return tuple(valg.values())

    def nokler(self, qs, sortering):
        if sortering.verdi == "relevans":
            return search.rangert(qs, self._ord()), qs
        return qs, None

    def rader(self):
        # The page's rows by id from the visible records: the ids already passed the
        # filters, which need not be evaluated again.
        return self.get_queryset()

    def lenke(self, **endringer) -> str:
        return keyset.lenke(self.request, type=self.fane, **endringer)

    def get_context_data(self, liste):
        return liste.context() | {
            "fane": self.fane,
            "faner": _tab_links(self.request, self.fane),
            "tabell": self.partial_name,
        }


sok = Sok.as_view()


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
