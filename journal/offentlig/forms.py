"""Forms of the public journal: «Be om innsyn» and archive's export of a period."""

import datetime

from django import forms
from django.utils import timezone

from saksarkiv.widgets import DATO

from ..filters import SokSkjema
from .eksport import FORMATER

# The honeypot: a field people never see or reach, which simple bots fill in.
HONNINGKRUKKE = "nettside"


class InnsynSkjema(forms.Form):
    navn = forms.CharField(
        label="Navn",
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    epost = forms.EmailField(
        label="E-post",
        max_length=254,
        help_text="Kvitteringen og svaret sendes hit.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    melding = forms.CharField(
        label="Melding",
        required=False,
        max_length=2000,
        help_text="Valgfritt: hva du ønsker innsyn i, eller hvordan du vil ha svaret.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def _forrige_maaned(idag: datetime.date) -> tuple[datetime.date, datetime.date]:
    slutt = idag.replace(day=1) - datetime.timedelta(days=1)
    return slutt.replace(day=1), slutt


class EksportSkjema(SokSkjema):
    fra = forms.DateField(label="Journaldato fra", widget=DATO)
    til = forms.DateField(label="Journaldato til og med", widget=DATO)
    format = forms.ChoiceField(
        label="Format",
        choices=[(f.kode, f.navn) for f in FORMATER.values()],
        widget=forms.RadioSelect,
        initial="xml",
    )

    @classmethod
    def standard(cls) -> "EksportSkjema":
        fra, til = _forrige_maaned(timezone.localdate())
        return cls(initial={"fra": fra, "til": til, "format": "xml"})
