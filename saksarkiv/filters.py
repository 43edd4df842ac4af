import django_filters
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import Endringslogg
from .widgets import DATO


class EndringsloggFilter(django_filters.FilterSet):
    fra = django_filters.DateFilter(
        field_name="tidspunkt", lookup_expr="date__gte", label="Fra dato", widget=DATO
    )
    til = django_filters.DateFilter(
        field_name="tidspunkt", lookup_expr="date__lte", label="Til dato", widget=DATO
    )
    aktor = django_filters.CharFilter(
        field_name="aktor_navn", lookup_expr="icontains", label="Endret av"
    )
    objekttype = django_filters.ModelChoiceFilter(
        field_name="content_type",
        label="Objekttype",
        empty_label="Alle",
        queryset=ContentType.objects.filter(
            app_label__in=["saksarkiv", "journal", "utvalg", "vedtak", "verksemdsplan"]
        ).order_by("model"),
    )
    sok = django_filters.CharFilter(method="filter_sok", label="Søk i tekst")

    class Meta:
        model = Endringslogg
        fields = ["fra", "til", "aktor", "objekttype", "sok"]

    def filter_sok(self, queryset, name, value):
        return queryset.filter(
            Q(objekt_tekst__icontains=value)
            | Q(beskrivelse__icontains=value)
            | Q(handling__icontains=value)
        )
