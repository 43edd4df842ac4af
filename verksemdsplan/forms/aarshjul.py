"""Forms for the year wheel. The rules are the services'; the forms only read input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from saksarkiv.widgets import DatoFelt

from ..models import Fristtype
from ..services.aarshjul import MAKS_PAAMINNING, STANDARD_PAAMINNING


class FristForm(forms.Form):
    prefix = "frist"

    tittel = forms.CharField(label=_("Frist for"), max_length=200)
    type = forms.ChoiceField(label=_("Type"), choices=Fristtype.choices, initial=Fristtype.ANNA)
    dato = DatoFelt(label=_("Dato"))
    paaminning_dagar = forms.IntegerField(
        label=_("Påminnelse (dager før)"), min_value=0, max_value=MAKS_PAAMINNING,
        initial=STANDARD_PAAMINNING,
        help_text=_("Lederne får påminnelsen i den daglige oversikten fra så mange dager før."),
    )  # fmt: skip
    rader = (("type", "dato", "paaminning_dagar"),)
