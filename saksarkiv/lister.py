"""One list page (issue 14, STYLE.md §4): restricted queryset → FilterSet → sort → keyset
page → HTMX partial. Every list in the product is a `Listeside`: the worklists, search,
«Mine saker», the audit log, the reports and the public journal. The coming API pages with
the same `Listeside.liste()`.

A subclass says what is special about its list and nothing else:

- `get_queryset()`: the rows the user may see (`visible_to`, `readable_by`, a membership
  rule). Required: there is no default, so no list can forget its restriction.
- `filterset_class` and `filter_kwargs()`: the FilterSet over those rows (optional).
- `sorteringer`: the orders a user may choose (`?sorter=`), the first is the default.
- `rader()`: the rows to show by id, with their joins and `innsyn` (optional: without it the
  rows come with their keys in one query).
- `vis(rader)`: turns the page's rows into what the template shows (optional).
- `template_name` / `partial_name`: the page, and the part an HTMX request gets.

The page's context has `filter`, `gyldig`, `side` (keyset.Side), `sortering`,
`sorteringer` (links), `neste`, `forste` and `maks_antall`; `includes/neste_side.html` and
`includes/sortering.html` show the paging and sorting links, and the journal's rows are drawn
by `{% posttabell %}` / `{% sakstabell %}` (journal/templatetags/tabeller.py).
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import render
from django.views import View

from . import keyset
from .keyset import PARAM, Side, Sortering

SORTER = "sorter"
# Query parameters that belong to paging and sorting, not to the filter.
STYRING = (PARAM, SORTER)


@dataclass
class Liste:
    """One list as a page shows it (and as the API will serve it)."""

    filter: object | None
    gyldig: bool
    sortering: Sortering
    sorteringer: list[dict]
    side: Side
    neste: str | None
    forste: str
    maks_antall: str | None = None

    def context(self) -> dict:
        return {
            "filter": self.filter,
            "gyldig": self.gyldig,
            "sortering": self.sortering,
            "sorteringer": self.sorteringer,
            "side": self.side,
            "neste": self.neste,
            "forste": self.forste,
            "maks_antall": self.maks_antall,
        }


def tall(n: int) -> str:
    """10000 → «10 000» (a no-break space), as a count limit is shown."""
    return f"{n:,}".replace(",", "\N{NO-BREAK SPACE}")


class Listeside(View):
    http_method_names = ["get", "head", "options"]
    template_name: str = ""
    partial_name: str | None = None
    filterset_class = None
    sorteringer: tuple[Sortering, ...] = ()
    storrelse = 50
    # Count at most this many rows («over 1 000 treff»); None counts them all.
    maks_antall: int | None = None
    # Query parameters (besides the filter's) that the links keep, e.g. a search tab.
    behold: tuple[str, ...] = ()

    # --- What a list says about itself --------------------------------------------------
    def get_queryset(self):
        raise NotImplementedError("En listeside må si hvilke rader brukeren kan se.")

    def filter_kwargs(self) -> dict:
        return {"request": self.request}

    def filterdata(self):
        """The filter's part of the query string (None when there is none: unbound)."""
        data = self.request.GET.copy()
        for key in (*STYRING, *self.behold):
            data.pop(key, None)
        return data or None

    def get_sorteringer(self) -> tuple[Sortering, ...]:
        return self.sorteringer

    def nokler(self, qs, sortering: Sortering):
        """The queryset the page's keys are read from, and what to count (None: the same).
        A ranked search replaces the first; a membership list counts something cheaper."""
        return qs, None

    def rader(self):
        """The rows shown, fetched by the page's ids (None: with the keys)."""
        return None

    def antall(self) -> int | None:
        """A count the page has already (the worklist's tab counts), or None."""
        return None

    def tell(self) -> bool:
        return True

    def vis(self, rader: list) -> list:
        return rader

    def hent_side(self, qs, sortering: Sortering, **kwargs) -> Side:
        return keyset.side(qs, sortering, self.request.GET.get(PARAM), self.storrelse, **kwargs)

    # --- The pattern itself ---------------------------------------------------------------
    def lenke(self, **endringer) -> str:
        return keyset.lenke(self.request, **endringer)

    def filtrer(self, queryset):
        """(filterset, valid, the filtered rows): an invalid filter shows no rows."""
        if self.filterset_class is None:
            return None, True, queryset
        filterset = self.filterset_class(
            self.filterdata(), queryset=queryset, **self.filter_kwargs()
        )
        gyldig = not filterset.is_bound or filterset.is_valid()
        return filterset, gyldig, (filterset.qs if gyldig else queryset.none())

    def liste(self) -> Liste:
        filterset, gyldig, qs = self.filtrer(self.get_queryset())
        self.filterset, self.gyldig = filterset, gyldig
        valg = self.get_sorteringer()
        sortering = next((s for s in valg if s.verdi == self.request.GET.get(SORTER)), valg[0])
        nokler, telle = self.nokler(qs, sortering)
        side = self.hent_side(
            nokler,
            sortering,
            rader=self.rader(),
            antall=self.antall() if filterset is None or not filterset.is_bound else None,
            telle=telle,
            maks_antall=self.maks_antall,
            tell=self.tell(),
        )
        side.rader = self.vis(side.rader)
        return Liste(
            filter=filterset,
            # hent_side may find the filter too costly after all (the public journal).
            gyldig=self.gyldig,
            sortering=sortering,
            sorteringer=[
                {
                    "navn": s.navn,
                    "query": self.lenke(**{SORTER: s.verdi, PARAM: None}),
                    "aktiv": s is sortering,
                }
                for s in valg
            ],
            side=side,
            neste=self.lenke(**{PARAM: side.neste}) if side.neste else None,
            forste=self.lenke(**{PARAM: None}),
            maks_antall=tall(self.maks_antall) if self.maks_antall else None,
        )

    def get_context_data(self, liste: Liste) -> dict:
        return liste.context()

    def status(self, liste: Liste) -> int:
        """An invalid filter shows its messages beside the fields on a normal page (the
        public journal, whose filter is its whole page, answers 400)."""
        return 200

    def get(self, request, *args, **kwargs) -> HttpResponse:
        liste = self.liste()
        template = self.partial_name if request.htmx and self.partial_name else self.template_name
        return render(request, template, self.get_context_data(liste), status=self.status(liste))
