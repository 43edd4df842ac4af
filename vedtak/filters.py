"""FilterSets of decision follow-up."""

import django_filters
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from utvalg.models import Utvalg

from .models import Oppfolging


class Samlet(models.TextChoices):
    """A follow-up's overall status as the public overview shows it (derived, not stored:
    vedtak.offentlig.status_uttrykk)."""

    IKKE_PABEGYNT = "IP", _("Ikke påbegynt")
    UNDER_ARBEID = "UA", _("Under arbeid")
    FORSINKET = "FO", _("Forsinket")
    IVERKSATT = "IV", _("Iverksatt")
    AVSLUTTET = "AV", _("Avsluttet")


class OffentligOppfolgingFilter(django_filters.FilterSet):
    """The public overview's filter: committee (by its code, as the meeting calendar links
    it), the meeting's year (only years that have follow-up), overall status."""

    utvalg = django_filters.ModelChoiceFilter(
        label=_("Utvalg"), field_name="punkt__mote__utvalg", to_field_name="kode",
        queryset=Utvalg.objects.filter(aktiv=True).order_by("rekkefolge", "navn"),
        empty_label=_("Alle utvalg"),
    )  # fmt: skip
    aar = django_filters.ChoiceFilter(
        label=_("År"), field_name="punkt__mote__dato", lookup_expr="year",
        empty_label=_("Alle år"),
    )  # fmt: skip
    status = django_filters.ChoiceFilter(
        label=_("Status"), field_name="samlet_status", choices=Samlet.choices,
        empty_label=_("Alle"),
    )  # fmt: skip

    class Meta:
        model = Oppfolging
        fields: list[str] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        aarene = (
            self.queryset.order_by().annotate(_aar=ExtractYear("punkt__mote__dato"))
            .values_list("_aar", flat=True).distinct().order_by("-_aar")
        )  # fmt: skip
        # Read when the form is built: one query, only for a page that shows the filter.
        self.filters["aar"].extra["choices"] = lambda: [(a, str(a)) for a in aarene]
