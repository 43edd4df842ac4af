"""Forms for the oppdragsbrev. The rules are the services'; the forms only read input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from saksarkiv.models import AdministrativEnhet

from ..models import Oppdragstema
from ..services.brev import MAKS_INNLEIING, MAKS_PUNKT


class _Enhetval(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.navn


class NyttBrevForm(forms.Form):
    prefix = "nytt"

    aar = forms.IntegerField(label=_("År"))
    enhet = _Enhetval(label=_("Enhet"), queryset=AdministrativEnhet.objects.none())
    rader = (("aar", "enhet"),)

    def __init__(self, *args, enheter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = (
            enheter if enheter is not None else AdministrativEnhet.objects.order_by("path")
        )


class InnleiingForm(forms.Form):
    prefix = "innleiing"

    innleiing = forms.CharField(label=_("Innledning"), required=False, max_length=MAKS_INNLEIING,
                                widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip


class PunktForm(forms.Form):
    prefix = "punkt"

    tema = forms.ChoiceField(label=_("Tema"), choices=Oppdragstema.choices)
    tekst = forms.CharField(label=_("Oppdrag"), max_length=MAKS_PUNKT,
                            widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
