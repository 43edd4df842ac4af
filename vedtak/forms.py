"""Forms of decision follow-up. The rules are the services'; the forms only read input."""

from django import forms

from saksarkiv.models import Bruker, Rolletype
from saksarkiv.widgets import DatoFelt

from .models import Fristtype, Linjestatus


def saksbehandlere():
    """Active people with a caseworker role: those who can be responsible."""
    return (
        Bruker.objects.filter(is_active=True, roller__rolle=Rolletype.SAKSBEHANDLER)
        .distinct().order_by("first_name", "last_name", "pk")
    )  # fmt: skip


class _Navn(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class _Ett(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class RegistrerForm(forms.Form):
    prefix = "oppfolging"

    frist = DatoFelt(label="Frist")
    fristtype = forms.ChoiceField(label="Fristen gjelder", choices=Fristtype.choices,
                                  widget=forms.RadioSelect, initial=Fristtype.UTFORING)  # fmt: skip
    saksbehandlere = _Navn(
        label="Ansvarlige saksbehandlere", queryset=Bruker.objects.none(),
        help_text="Hver får sin egen linje og status. Hold Ctrl (⌘) for å velge flere.",
    )  # fmt: skip
    verbalpunkt = forms.CharField(
        label="Verbalpunkt", max_length=500, required=False,
        help_text="Ved budsjett- og økonomiplanvedtak: punktet som følges opp.",
    )  # fmt: skip
    merknad = forms.CharField(label="Merknad", max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saksbehandlere"].queryset = saksbehandlere()
        self.fields["saksbehandlere"].widget.attrs["size"] = 8


class FristForm(forms.Form):
    prefix = "frist"

    frist = DatoFelt(label="Ny frist")
    grunn = forms.CharField(label="Grunn til endringen", max_length=500)


class LinjeForm(forms.Form):
    prefix = "linje"

    saksbehandler = _Ett(label="Saksbehandler", queryset=Bruker.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saksbehandler"].queryset = saksbehandlere()


class OppdaterForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Linjestatus.choices)
    hva_er_gjort = forms.CharField(label="Hva er gjort", required=False, max_length=4000,
                                   widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    videre_framdrift = forms.CharField(label="Videre framdrift", required=False,
                                       max_length=4000,
                                       widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    utfort = DatoFelt(label="Utført dato", required=False,
                      help_text="Kreves når status er iverksatt.")  # fmt: skip
    bortfalt_grunn = forms.CharField(label="Grunn til bortfall", max_length=1000, required=False,
                                     help_text="Kreves når status er bortfalt.")  # fmt: skip


class RapportForm(forms.Form):
    """What the report covers: a committee and period, a unit, or a year."""

    utvalg = forms.ModelChoiceField(label="Utvalg", required=False, queryset=None,
                                    empty_label="Alle utvalg")  # fmt: skip
    enhet = forms.ModelChoiceField(label="Enhet (med underliggende)", required=False,
                                   queryset=None, empty_label="Alle enheter")  # fmt: skip
    fra = DatoFelt(label="Fra møtedato")
    til = DatoFelt(label="Til møtedato")

    def __init__(self, *args, **kwargs):
        from saksarkiv.models import AdministrativEnhet
        from utvalg.models import Utvalg

        super().__init__(*args, **kwargs)
        self.fields["utvalg"].queryset = Utvalg.objects.filter(aktiv=True).order_by(
            "rekkefolge", "navn")  # fmt: skip
        self.fields["enhet"].queryset = AdministrativEnhet.objects.order_by("path")

    def clean(self):
        data = super().clean()
        if data.get("fra") and data.get("til") and data["fra"] > data["til"]:
            self.add_error("til", "Til-datoen må være etter fra-datoen.")
        return data
