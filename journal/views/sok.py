"""Search in cases and journal posts, and «Finnes saken fra før?» for the new-case form."""

import django_filters
from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.html import escape
from django.utils.safestring import mark_safe
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
INNHOLD = "innhold"


class JournalpostSokFilter(JournalpostFilter):
    """The post search with «Søk også i dokumentinnhold»: the words then match a post's title
    or the text of a document on it that the user may read (journal.search.innhold_treff)."""

    innhold = django_filters.BooleanFilter(
        method="filter_innhold",
        label="Søk også i dokumentinnhold",
        help_text="Finner også journalposter der ordene står i et dokument du kan lese.",
        widget=forms.CheckboxInput,
    )

    class Meta(JournalpostFilter.Meta):
        fields = [*JournalpostFilter.Meta.fields, INNHOLD]

    def i_innhold(self) -> bool:
        return bool(self.form.cleaned_data.get(INNHOLD))

    def filter_q(self, queryset, name, value):
        if self.i_innhold():
            return search.ord_eller_innhold(queryset, value, self.request.user)
        return super().filter_q(queryset, name, value)

    def filter_innhold(self, queryset, name, value):
        return queryset  # read by filter_q, which combines it with the words


def utdrag_html(utdrag: str) -> str:
    """The snippet escaped, its matched words in <mark>."""
    tekst = escape(utdrag)
    return mark_safe(  # noqa: S308 - escaped above; only our own marks become tags
        tekst.replace(search.TREFF_START, "<mark>").replace(search.TREFF_SLUTT, "</mark>")
    )


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
        JournalpostSokFilter,
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

    def vis(self, rader: list) -> list:
        """With «Søk også i dokumentinnhold», each post whose readable document has the words
        gets `treff_i_dokument` (number, title and snippet): one query for the page."""
        if not (self.fane == JOURNALPOSTER and self._ord() and self.filterset.i_innhold()):
            return rader
        funn = search.innhold_utdrag(self.request.user, self._ord(), [p.pk for p in rader])
        for post in rader:
            if post.pk in funn:
                post.treff_i_dokument = funn[post.pk] | {
                    "utdrag": utdrag_html(funn[post.pk]["utdrag"])
                }
        self.utdrag = [(post, post.treff_i_dokument) for post in rader if post.pk in funn]
        return rader

    def lenke(self, **endringer) -> str:
        return keyset.lenke(self.request, type=self.fane, **endringer)

    def get_context_data(self, liste):
        return liste.context() | {
            "fane": self.fane,
            "faner": _tab_links(self.request, self.fane),
            "tabell": self.partial_name,
            "utdrag": getattr(self, "utdrag", []),
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
