"""Forms for measures in a plan and for the action and economy plan's year. The rules are the
services' (services/tiltak.py); the forms only read input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from saksarkiv.models import AdministrativEnhet
from saksarkiv.widgets import DatoFelt, EnhetFelt

from ..models import Maal, Plan, Strategi, Tiltak
from .oppdrag import DATOFEIL, _Lenke


class _Maalval(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nummer} {obj.tittel}"


class _Strategival(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.maal.nummer}/{obj.nummer} {obj.tittel}"


class _Tiltakval(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        kostnad = f" ({obj.kostnad:,} kr)".replace(",", " ") if obj.kostnad else ""
        return f"{obj.plan.namn}: {obj.nummer} {obj.tittel}{kostnad}"


def _einingar():
    return AdministrativEnhet.objects.filter(aktiv=True).order_by("path")


class TiltakForm(forms.Form):
    """A measure in one plan: its goal or strategy from the same plan."""

    prefix = "tiltak"

    nummer = forms.CharField(label=_("Nummer"), max_length=20, help_text=_("F.eks. 2.1."))
    tittel = forms.CharField(label=_("Tiltak"), max_length=300)
    skildring = forms.CharField(label=_("Beskrivelse"), required=False, max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    maal = _Maalval(
        label=_("Mål"), required=False, queryset=Maal.objects.none(), empty_label=_("Velg mål"),
        help_text=_("Tiltaket knyttes til et mål eller en strategi i planen."),
    )  # fmt: skip
    strategi = _Strategival(label=_("Strategi"), required=False,
                            queryset=Strategi.objects.none(),
                            empty_label=_("Velg strategi"))  # fmt: skip
    okonomisk = forms.BooleanField(label=_("Økonomisk tiltak"), required=False)
    kostnad = forms.IntegerField(label=_("Kostnadsoverslag (kr)"), required=False, min_value=0,
                                 max_value=2_000_000_000)  # fmt: skip

    def __init__(self, *args, plan: Plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maal"].queryset = Maal.objects.filter(plan=plan).order_by("nummer")
        self.fields["strategi"].queryset = (
            Strategi.objects.filter(maal__plan=plan).select_related("maal")
            .order_by("maal__nummer", "nummer")
        )  # fmt: skip


class EndreTiltakForm(TiltakForm):
    aktiv = forms.BooleanField(
        label=_("Aktiv"), required=False,
        help_text=_("Et tiltak som ikke er aktivt, kan ikke prioriteres i økonomiplanen."),
    )  # fmt: skip

    def __init__(self, *args, tiltak: Tiltak, **kwargs):
        super().__init__(*args, plan=tiltak.plan, **kwargs)


class PrioriterForm(forms.Form):
    prefix = "prioriter"

    tiltak = _Tiltakval(label=_("Tiltak"), queryset=Tiltak.objects.none(),
                        empty_label=_("Velg tiltak"))  # fmt: skip
    enhet = EnhetFelt(label=_("Ansvarlig enhet"), queryset=AdministrativEnhet.objects.none(),
                      empty_label=_("Velg enhet"))  # fmt: skip
    belop = forms.IntegerField(label=_("Bevilget beløp (kr)"), required=False, min_value=0,
                               max_value=2_000_000_000)  # fmt: skip

    def __init__(self, *args, valbare, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tiltak"].queryset = valbare
        self.fields["enhet"].queryset = _einingar()


class VerbalpunktForm(_Lenke):
    """A verbal point: goal or strategy from any active plan (the assignment form's choice)."""

    prefix = "verbalpunkt"

    nummer = forms.CharField(label=_("Nummer"), max_length=20)
    tekst = forms.CharField(label=_("Verbalpunkt"), max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    enhet = EnhetFelt(label=_("Ansvarlig enhet"), queryset=AdministrativEnhet.objects.none(),
                      empty_label=_("Velg enhet"))  # fmt: skip

    field_order = ["nummer", "tekst", "maal", "strategi", "enhet"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maal"].help_text = _("Verbalpunktet knyttes til et mål eller en strategi.")
        self.fields["enhet"].queryset = _einingar()

    def clean(self):
        data = forms.Form.clean(self)
        if not data.get("maal") and not data.get("strategi") and "maal" not in self.errors:
            self.add_error("maal", _("Knytt verbalpunktet til et mål eller en strategi."))
        return data


class SendForm(forms.Form):
    prefix = "send"

    frist = DatoFelt(label=_("Frist for oppdragene"), required=False, error_messages=DATOFEIL,
                     help_text=_("Tom: 31.12. i året."))  # fmt: skip
