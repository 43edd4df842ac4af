"""«Overfør restanser»: who gives up their open posts and cases, and who takes them over."""

from django import forms

from saksarkiv.models import AdministrativEnhet, Bruker
from saksarkiv.widgets import personvalg

from ..filters import EnhetField
from ..rapporter import personer_i
from ..services import fordeling


class OverforForm(forms.Form):
    enhet = EnhetField(
        queryset=AdministrativEnhet.objects.none(), label="Enhet", widget=forms.HiddenInput
    )
    fra = personvalg(
        Bruker.objects.none(),
        label="Restansene til",
        required=True,
        help_text="Personen som slutter eller bytter arbeid.",
        empty_label="Velg person",
    )
    til = personvalg(
        Bruker.objects.none(),
        label="Overføres til",
        required=True,
        help_text="En saksbehandler i samme enhet.",
        empty_label="Velg saksbehandler",
    )

    def __init__(self, *args, enheter, enhet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = enheter
        self.fields["enhet"].error_messages["invalid_choice"] = "Velg en enhet du leder."
        if enhet is not None:
            self.fields["fra"].queryset = personer_i([enhet])
            self.fields["til"].queryset = fordeling.saksbehandlere_i(enhet)
