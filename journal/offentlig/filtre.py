"""Search in the public journal (STYLE.md §6: public queryset → FilterSet).

- Words match the title the public sees: `tittel` only where the anonymous user has innsyn
  (no access code), `offentlig_tittel` everywhere (journal.search.ord_filter).
- A correspondent's name matches only where the post does not screen its correspondents,
  and a private person's name only while the post is younger than the configured number of
  months (Innstillinger.personnavn_sokbar_maaneder); organisations stay searchable.
- Dates: a day or a range of journal dates; with neither dates nor words, the latest day
  that has public posts.
"""

import datetime

import django_filters
from django.db.models import Q, QuerySet
from django.db.models.functions import Lower
from django.db.models.lookups import Contains
from django.utils import timezone

from journal.models import Innstillinger
from saksarkiv.models import AdministrativEnhet
from saksarkiv.widgets import DATO, RaskeValg

from .. import search
from ..filters import SokSkjema
from ..models import Korrespondansepart
from .poster import KORTE_TYPER, maaneder_for, publiserte_typer, siste_dag

MAKS_TEKST = 200


class EnhetField(RaskeValg, django_filters.fields.ModelChoiceField):
    """Units as an indented tree, by name only (the public does not know the unit codes)."""

    etikettfelt = ("depth", "navn")

    def etikett(self, depth, navn) -> str:
        return "\u2003" * (depth - 1) + navn


class EnhetFilter(django_filters.ModelChoiceFilter):
    field_class = EnhetField


def part_filter(
    qs: QuerySet, tekst: str | None, innstillinger: Innstillinger, idag: datetime.date
) -> QuerySet:
    """Posts with a correspondent whose name holds every word of `tekst`, under the
    public rules: never screened names; private persons only within the configured months."""
    ord_ = search.words(tekst)
    if not ord_:
        return qs
    # Uncorrelated: the names are found first (trigram index on lower(navn)), then their
    # posts, so a rare name does not mean testing every post.
    parter = Korrespondansepart.objects.all()
    postgresql = search.is_postgresql(qs)
    for word in ord_:
        if postgresql:  # lower(navn) LIKE '%word%': the trigram index on lower(navn)
            parter = parter.filter(Contains(Lower("navn"), word))
        else:
            parter = parter.filter(navn__icontains=word)
    sokbare = Q(organisasjon=True)
    maaneder = innstillinger.personnavn_sokbar_maaneder
    if maaneder:
        sokbare |= Q(journalpost__journaldato__gte=maaneder_for(idag, maaneder))
    synlige_navn = Q(innsyn=True) | Q(skjerm_korrespondanseparter=False)
    # One IN (…): the planner can start from the few matching names (a semi-join).
    return qs.filter(synlige_navn, pk__in=parter.filter(sokbare).values("journalpost_id"))


class PostlisteFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_ord",
        label="Ord i tittelen",
        max_length=MAKS_TEKST,
        help_text="F.eks. «byggetillatelse» eller «reguleringsplan Nesvegen».",
    )
    part = django_filters.CharFilter(
        method="filter_part", label="Avsender eller mottaker", max_length=MAKS_TEKST
    )
    fra = django_filters.DateFilter(
        method="ingen",
        label="Journaldato fra",
        widget=DATO,
        help_text="Én dag: fyll ut bare denne.",
    )
    til = django_filters.DateFilter(method="ingen", label="Journaldato til og med", widget=DATO)
    enhet = EnhetFilter(
        method="filter_enhet",
        label="Enhet",
        queryset=AdministrativEnhet.objects.order_by("path"),
        empty_label="Alle",
        help_text="Med underliggende enheter.",
    )
    type = django_filters.ChoiceFilter(
        field_name="journalposttype", label="Type", empty_label="Alle", choices=()
    )

    class Meta:
        form = SokSkjema
        fields: list[str] = []

    def __init__(self, data=None, queryset=None, *, innstillinger: Innstillinger, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.innstillinger = innstillinger
        self.idag = timezone.localdate()
        self.periode: tuple[datetime.date, datetime.date] | None = None
        self.soker_tekst = False  # words or a name: a search, not a listing
        self.filters["type"].extra["choices"] = [
            (kode, KORTE_TYPER[kode]) for kode in publiserte_typer(innstillinger)
        ]
        maaneder = innstillinger.personnavn_sokbar_maaneder
        self.filters["part"].extra["help_text"] = (
            f"Navn på privatpersoner kan søkes fram i {maaneder} måneder etter journaldatoen; "
            "navn på virksomheter alltid."
            if maaneder
            else "Bare navn på virksomheter kan søkes fram."
        )

    def ingen(self, queryset, name, value):
        return queryset  # the dates are applied together in filter_queryset()

    def filter_ord(self, queryset, name, value):
        # The list has its own order (newest first): drop the ranking's.
        return search.ord_filter(queryset, value).order_by()

    def filter_part(self, queryset, name, value):
        return part_filter(queryset, value, self.innstillinger, self.idag)

    def filter_enhet(self, queryset, name, value):
        return queryset.filter(administrativ_enhet__path__startswith=value.path)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        data = self.form.cleaned_data
        fra, til = data.get("fra"), data.get("til")
        self.soker_tekst = bool(search.words(data.get("q")) or search.words(data.get("part")))
        if fra or til:
            fra, til = fra or til, til or fra
        elif not self.soker_tekst:
            fra = til = siste_dag(queryset)
        if fra is None:
            return queryset
        self.periode = (fra, til)
        if fra == til:
            return queryset.filter(journaldato=fra)
        return queryset.filter(journaldato__range=(fra, til))
