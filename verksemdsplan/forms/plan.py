"""Forms for plans, goals, strategies and a unit's choice of goals. The rules are the
services'; the forms only read input."""

from django import forms
from django.utils.translation import gettext_lazy as _

from journal.forms import SaksnummerField
from journal.models import Saksmappe
from saksarkiv.nummer import les_saksnummer
from saksarkiv.widgets import DatoFelt

from ..models import Maal, Maalnivaa, Plantype, Strategi


class PlanForm(forms.Form):
    prefix = "plan"

    namn = forms.CharField(label=_("Navn"), max_length=200)
    type = forms.ChoiceField(label=_("Plantype"), choices=Plantype.choices)
    fra_aar = forms.IntegerField(label=_("Fra år"))
    til_aar = forms.IntegerField(label=_("Til år"))
    vedteken = DatoFelt(label=_("Vedtatt"), required=False)
    rader = (("fra_aar", "til_aar", "vedteken"),)


class EndrePlanForm(PlanForm):
    """A plan's own fields, the case it was adopted in (type-ahead over the cases the user
    may see; typed as a number without JavaScript) and whether it is active."""

    saksmappe = SaksnummerField(
        label=_("Vedtatt i sak"), required=False,
        help_text=_("Saksnummeret, f.eks. 2026/12, eller ord i tittelen (velg et forslag)."),
    )  # fmt: skip
    aktiv = forms.BooleanField(
        label=_("Aktiv"), required=False,
        help_text=_("En plan som ikke er aktiv, tilbys ikke når enhetene velger mål for et nytt "
                    "år. Det som allerede er valgt, blir stående."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_saksmappe(self):
        tekst = (self.cleaned_data["saksmappe"] or "").strip()
        if not tekst:
            return None
        nummer = les_saksnummer(tekst)
        if nummer is None:
            raise forms.ValidationError(
                _("Skriv saksnummeret som år/nummer, f.eks. 2026/12, eller velg et forslag.")
            )
        sak = (
            Saksmappe.objects.visible_to(self.user)
            .filter(saksaar=nummer.aar, sakssekvensnummer=nummer.nummer)
            .first()
        )
        if sak is None:
            raise forms.ValidationError(_("Fant ingen sak med det saksnummeret."))
        return sak


class _Maalval(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.nummer} {obj.tittel}"


class MaalForm(forms.Form):
    prefix = "maal"

    forelder = _Maalval(
        label=_("Under hovedmål"), required=False, queryset=Maal.objects.none(),
        empty_label=_("Ingen (dette er et hovedmål)"),
    )  # fmt: skip
    nummer = forms.CharField(label=_("Nummer"), max_length=20, help_text=_("F.eks. 1 eller 1.2."))
    tittel = forms.CharField(label=_("Mål"), max_length=300)
    skildring = forms.CharField(label=_("Beskrivelse"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, plan, maal=None, **kwargs):
        super().__init__(*args, **kwargs)
        hovudmaal = Maal.objects.filter(plan=plan, nivaa=Maalnivaa.HOVUDMAAL).order_by("nummer")
        if maal is not None:  # changing a goal: not under itself
            hovudmaal = hovudmaal.exclude(pk=maal.pk)
        self.fields["forelder"].queryset = hovudmaal


class StrategiForm(forms.Form):
    prefix = "strategi"

    maal = _Maalval(label=_("Mål"), queryset=Maal.objects.none())
    nummer = forms.CharField(label=_("Nummer"), max_length=20)
    tittel = forms.CharField(label=_("Strategi"), max_length=300)
    skildring = forms.CharField(label=_("Beskrivelse"), required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, plan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maal"].queryset = Maal.objects.filter(plan=plan).order_by("nummer")


class VelMaalForm(forms.Form):
    """The goals and strategies a unit takes; the page lists the ones it may take, and the
    service refuses any other (a unit only takes what the unit above has)."""

    maal = forms.ModelMultipleChoiceField(label=_("Mål"), required=False,
                                          queryset=Maal.objects.all())  # fmt: skip
    strategiar = forms.ModelMultipleChoiceField(label=_("Strategier"), required=False,
                                                queryset=Strategi.objects.all())  # fmt: skip
