from django import forms

from saksarkiv.models import Bruker, Rolletype
from saksarkiv.widgets import DATO, personvalg

from .models import Medlemsrolle, Parti, Sakstype, Utvalg


class BehandlingForm(forms.Form):
    prefix = "behandling"

    utvalg = forms.ModelChoiceField(queryset=None, label="Utvalg")
    sakstype = forms.ChoiceField(label="Sakstype", choices=Sakstype.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utvalg"].queryset = Utvalg.objects.filter(aktiv=True)


class UtvalgForm(forms.ModelForm):
    """A committee's register entry; the service checks and saves it."""

    class Meta:
        model = Utvalg
        fields = [
            "navn", "kode", "utvalgstype", "periode_fra", "periode_til", "sekretaer",
            "innkallingsfrist", "rekkefolge", "aktiv",
        ]  # fmt: skip
        widgets = {"periode_fra": DATO, "periode_til": DATO}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sekretaer"] = personvalg(
            Bruker.objects.filter(is_active=True, roller__rolle=Rolletype.MOTESEKRETAER)
            .distinct()
            .order_by("last_name", "first_name"),
            label="Møtesekretær",
            help_text="Den som setter opp møter og sakskart for utvalget.",
        )


class MedlemForm(forms.Form):
    prefix = "medlem"

    person = personvalg(label="Person", required=True)
    rolle = forms.ChoiceField(label="Rolle", choices=Medlemsrolle.choices)
    parti = forms.ModelChoiceField(
        queryset=Parti.objects.all(), label="Parti", required=False, empty_label="Uten parti"
    )
    vararekkefolge = forms.IntegerField(
        label="Vararekkefølge",
        required=False,
        min_value=1,
        max_value=99,
        help_text="For varamedlemmer: nummeret i partiets rekkefølge. Tomt: sist.",
    )
    fra = forms.DateField(label="Fra", widget=DATO)
    til = forms.DateField(label="Til", widget=DATO, required=False)


class AvsluttMedlemForm(forms.Form):
    prefix = "avslutt"

    til = forms.DateField(label="Siste dag i vervet", widget=DATO)
