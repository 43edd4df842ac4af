from django import forms

from saksarkiv.models import Bruker, Rolletype, Tilgangskode
from saksarkiv.widgets import DATO, personvalg

from .models import Medlemsrolle, Parti, Utvalg


class _Skjerming(forms.Form):
    tilgangskode = forms.ModelChoiceField(
        queryset=Tilgangskode.objects.all(),
        label="Tilgangskode for vedtaket",
        required=False,
        empty_label="Ingen: vedtaket er offentlig",
        help_text="Skjermer vedtaket i den offentlige møteprotokollen. En tilgangskode på "
        "journalposten holder hele saksframlegget utenfor den offentlige innkallingen.",
    )
    skjermingshjemmel = forms.CharField(label="Hjemmel", required=False, max_length=200)


def _aktive_utvalg():
    return Utvalg.objects.filter(aktiv=True).order_by("rekkefolge", "navn")


class BehandlingForm(_Skjerming):
    """Enrol a committee draft (PS) or a delegated decision (DS) to one more committee."""

    prefix = "behandling"

    utvalg = forms.ModelChoiceField(queryset=None, label="Utvalg")
    field_order = ["utvalg", "tilgangskode", "skjermingshjemmel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utvalg"].queryset = _aktive_utvalg()


class RefererForm(_Skjerming):
    """«Referer i utvalg»: one or more committees, for information."""

    prefix = "referer"

    utvalg = forms.ModelMultipleChoiceField(
        queryset=None, label="Utvalg", widget=forms.CheckboxSelectMultiple
    )
    field_order = ["utvalg", "tilgangskode", "skjermingshjemmel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utvalg"].queryset = _aktive_utvalg()


class PlanleggForm(forms.Form):
    prefix = "planlegg"

    dato = forms.DateField(
        label="Planlagt møtedato", widget=DATO, required=False,
        help_text="Tomt: ikke lenger planlagt til et møte.",
    )  # fmt: skip


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
