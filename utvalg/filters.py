import django_filters

from .models import Utvalg, Utvalgstype


class UtvalgFilter(django_filters.FilterSet):
    utvalgstype = django_filters.ChoiceFilter(
        label="Type", choices=Utvalgstype.choices, empty_label="Alle typer"
    )
    aktiv = django_filters.BooleanFilter(label="Bare aktive", method="_aktive")

    class Meta:
        model = Utvalg
        fields = ["utvalgstype"]

    def _aktive(self, queryset, name, value):
        return queryset.filter(aktiv=True) if value else queryset
