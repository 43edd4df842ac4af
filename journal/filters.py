"""Search filters for cases and journal posts (STYLE.md §6: restricted queryset → FilterSet).

The querysets come from `visible_to(user)`. Filters on screenable values (title words, party
names) go through `journal.search`, which matches them only where the user has innsyn.
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError

from saksarkiv.models import AdministrativEnhet, Bruker, Rapport, Tilgangskode
from saksarkiv.nummer import Nummer, les_nummer
from saksarkiv.widgets import DATO, EnhetValg, PersonValg

from . import search
from .models import (
    Journalpost,
    Journalposttype,
    Journalstatus,
    Korrespondansepart,
    Saksmappe,
    Sakspart,
    Saksstatus,
)
from .rapporter import personer_i


class NummerField(forms.CharField):
    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        nummer = les_nummer(value)
        if nummer is None:
            raise ValidationError(
                "Skriv nummeret som 2025/1234 (sak), 2025/004711 (journalpost) "
                "eller 2025/1234-5 (dokument).",
                code="invalid",
            )
        return nummer


class NummerFilter(django_filters.Filter):
    field_class = NummerField


class EnhetField(EnhetValg, django_filters.fields.ModelChoiceField):
    """Units as an indented tree."""


class EnhetFilter(django_filters.ModelChoiceFilter):
    field_class = EnhetField


class PersonField(PersonValg, django_filters.fields.ModelChoiceField):
    pass


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonField


class SokSkjema(forms.Form):
    """A period's «til» not before its «fra»: for the search and worklist filters, the
    reports and the public journal's list and export."""

    def clean(self):
        cleaned = super().clean()
        fra, til = cleaned.get("fra"), cleaned.get("til")
        if fra and til and til < fra:
            self.add_error("til", "Til-datoen kan ikke være før fra-datoen.")
        return cleaned


def _people():
    return Bruker.objects.filter(is_active=True).order_by("last_name", "first_name", "username")


class OrdOgEnhetFilter(django_filters.FilterSet):
    """Words in the title (matched only where the user has innsyn) and a unit with its
    subtree: the filter methods every journal list shares."""

    def filter_q(self, queryset, name, value):
        return search.ord_filter(queryset, value)

    def filter_enhet(self, queryset, name, value):
        return queryset.filter(administrativ_enhet__path__startswith=value.path)


class SokFilter(OrdOgEnhetFilter):
    """What both searches share. Subclasses set the model, the party model and the fields."""

    part_model = None
    part_to_row = ""

    q = django_filters.CharFilter(
        method="filter_q", label="Ord i tittelen", help_text="F.eks. «byggetillatelse Nesvegen»."
    )
    enhet = EnhetFilter(
        method="filter_enhet",
        label="Administrativ enhet",
        queryset=AdministrativEnhet.objects.order_by("path"),
        empty_label="Alle",
        help_text="Med underliggende enheter.",
    )
    tilgangskode = django_filters.ModelChoiceFilter(
        label="Tilgangskode",
        queryset=Tilgangskode.objects.all(),
        empty_label="Alle",
        null_label="Uten tilgangskode",
    )

    def filter_part(self, queryset, name, value):
        return search.part_filter(
            queryset, value, part_model=self.part_model, to_row=self.part_to_row
        )


class SaksmappeFilter(SokFilter):
    part_model = Sakspart
    part_to_row = "saksmappe"

    nummer = NummerFilter(method="filter_nummer", label="Saksnummer", help_text="F.eks. 2025/1234.")
    part = django_filters.CharFilter(method="filter_part", label="Sakspart")
    fra = django_filters.DateFilter(
        field_name="opprettet", lookup_expr="date__gte", label="Opprettet fra", widget=DATO
    )
    til = django_filters.DateFilter(
        field_name="opprettet", lookup_expr="date__lte", label="Opprettet til", widget=DATO
    )
    status = django_filters.ChoiceFilter(
        field_name="saksstatus", label="Saksstatus", choices=Saksstatus.choices, empty_label="Alle"
    )
    saksbehandler = PersonFilter(
        field_name="saksansvarlig", label="Saksansvarlig", queryset=_people(), empty_label="Alle"
    )

    class Meta:
        model = Saksmappe
        form = SokSkjema
        fields = [
            "nummer",
            "q",
            "part",
            "fra",
            "til",
            "status",
            "enhet",
            "saksbehandler",
            "tilgangskode",
        ]

    def filter_nummer(self, queryset, name, value: Nummer):
        # A document number (2025/1234-5) finds its case.
        return queryset.filter(saksaar=value.aar, sakssekvensnummer=value.nummer)


class JournalpostFilter(SokFilter):
    part_model = Korrespondansepart
    part_to_row = "journalpost"

    nummer = NummerFilter(
        method="filter_nummer",
        label="Journal- eller dokumentnummer",
        help_text="F.eks. 2025/004711 eller 2025/1234-5.",
    )
    part = django_filters.CharFilter(method="filter_part", label="Avsender / mottaker")
    fra = django_filters.DateFilter(
        field_name="journaldato", lookup_expr="gte", label="Journaldato fra", widget=DATO
    )
    til = django_filters.DateFilter(
        field_name="journaldato", lookup_expr="lte", label="Journaldato til", widget=DATO
    )
    status = django_filters.ChoiceFilter(
        field_name="journalstatus",
        label="Journalstatus",
        choices=Journalstatus.choices,
        empty_label="Alle",
    )
    journalposttype = django_filters.ChoiceFilter(
        label="Journalposttype", choices=Journalposttype.choices, empty_label="Alle"
    )
    saksbehandler = PersonFilter(label="Saksbehandler", queryset=_people(), empty_label="Alle")

    class Meta:
        model = Journalpost
        form = SokSkjema
        fields = [
            "nummer",
            "q",
            "part",
            "fra",
            "til",
            "journalposttype",
            "status",
            "enhet",
            "saksbehandler",
            "tilgangskode",
        ]

    def filter_nummer(self, queryset, name, value: Nummer):
        if value.dokument is not None:
            return queryset.filter(
                saksmappe__saksaar=value.aar,
                saksmappe__sakssekvensnummer=value.nummer,
                dokumentnummer=value.dokument,
            )
        return queryset.filter(journalaar=value.aar, journalsekvensnummer=value.nummer)


class ArbeidslistePostFilter(OrdOgEnhetFilter):
    """Narrowing a worklist of posts: words in the title (only where the user has innsyn),
    type, unit subtree and journal date."""

    q = django_filters.CharFilter(method="filter_q", label="Ord i tittelen")
    journalposttype = django_filters.ChoiceFilter(
        label="Type", choices=Journalposttype.choices, empty_label="Alle"
    )
    enhet = EnhetFilter(
        method="filter_enhet",
        label="Enhet",
        queryset=AdministrativEnhet.objects.order_by("path"),
        empty_label="Alle",
    )
    fra = django_filters.DateFilter(
        field_name="journaldato", lookup_expr="gte", label="Journaldato fra", widget=DATO
    )
    til = django_filters.DateFilter(
        field_name="journaldato", lookup_expr="lte", label="Journaldato til", widget=DATO
    )

    class Meta:
        model = Journalpost
        form = SokSkjema
        fields = ["q", "journalposttype", "enhet", "fra", "til"]


class ArbeidslisteSakFilter(OrdOgEnhetFilter):
    q = django_filters.CharFilter(method="filter_q", label="Ord i tittelen")
    enhet = EnhetFilter(
        method="filter_enhet",
        label="Enhet",
        queryset=AdministrativEnhet.objects.order_by("path"),
        empty_label="Alle",
    )

    class Meta:
        model = Saksmappe
        fields = ["q", "enhet"]


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
        self.filters["saksbehandler"].queryset = personer_i(enheter)


class RapportFilter(django_filters.FilterSet):
    """The stored reports' period choice: the 40 newest periods the user has reports for."""

    periode = django_filters.ChoiceFilter(label="Periode", empty_label="Alle", choices=())

    class Meta:
        model = Rapport
        fields = ["periode"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        perioder = (
            self.queryset.order_by("-periode").values_list("periode", flat=True).distinct()[:40]
        )
        self.filters["periode"].extra["choices"] = [(p, p) for p in perioder]
        self.perioder = self.filters["periode"].extra["choices"]
