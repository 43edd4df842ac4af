from django import forms

from .models import Sakstype, Utvalg


class BehandlingForm(forms.Form):
    prefix = "behandling"

    utvalg = forms.ModelChoiceField(queryset=None, label="Utvalg")
    sakstype = forms.ChoiceField(label="Sakstype", choices=Sakstype.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utvalg"].queryset = Utvalg.objects.filter(aktiv=True)
