"""Forms of the indicator pages. The rules are the services'; the forms only read input
(numbers with a decimal comma, as Norwegians write them)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from saksarkiv import access
from saksarkiv.models import AdministrativEnhet

from ..models import Maal, Periodetype, Retning
from ..services.indikator import MAKS_DESIMALAR


def _tal(label, **kwargs):
    return forms.DecimalField(label=label, max_digits=14, decimal_places=4, localize=True,
                              **kwargs)  # fmt: skip


def leia_einingar(user):
    """The units the user leads (or deputises for), every unit below included."""
    omfang = access.lederomfang(user)
    if omfang is None:
        return AdministrativEnhet.objects.none()
    return AdministrativEnhet.objects.filter(omfang, aktiv=True).order_by("path")


class IndikatorForm(forms.Form):
    prefix = "indikator"
    rader = (("periodetype", "retning"), ("maaleining", "desimalar"), ("basisverdi", "basisaar"),
             ("maalverdi", "maalaar"), ("grense_gronn", "grense_gul"))  # fmt: skip

    namn = forms.CharField(label=_("Navn"), max_length=200)
    skildring = forms.CharField(label=_("Beskrivelse"), required=False, max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    periodetype = forms.ChoiceField(label=_("Periodetype"), choices=Periodetype.choices)
    retning = forms.ChoiceField(label=_("Ønsket retning"), choices=Retning.choices)
    maaleining = forms.CharField(label=_("Måleenhet"), max_length=40,
                                 help_text=_("F.eks. %, dager."))  # fmt: skip
    desimalar = forms.IntegerField(label=_("Desimaler"), min_value=0, max_value=MAKS_DESIMALAR,
                                   initial=0)  # fmt: skip
    basisverdi = _tal(_("Basisverdi"))
    basisaar = forms.IntegerField(label=_("Basisår"), min_value=1990, max_value=2100)
    maalverdi = _tal(_("Målverdi"))
    maalaar = forms.IntegerField(label=_("Målår"), min_value=1990, max_value=2100)
    grense_gronn = forms.IntegerField(label=_("Grønn fra (% av målet)"), min_value=0,
                                      max_value=100, initial=90)  # fmt: skip
    grense_gul = forms.IntegerField(label=_("Gul fra (% av målet)"), min_value=0, max_value=100,
                                    initial=60)  # fmt: skip
    enhet = forms.ModelChoiceField(label=_("Eies av enhet"), queryset=None)
    delegert_til = forms.ModelMultipleChoiceField(
        label=_("Delegert til enheter"), queryset=None, required=False,
        help_text=_("Enhetene som registrerer verdier i tillegg til eieren. Hold Ctrl (⌘) for "
                    "å velge flere."),
    )  # fmt: skip
    maal = forms.ModelChoiceField(label=_("Mål i planen"), queryset=None, required=False,
                                  empty_label=_("Ikke knyttet til et mål"))  # fmt: skip
    aktiv = forms.BooleanField(label=_("Aktiv"), required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = leia_einingar(user)
        self.fields["delegert_til"].queryset = AdministrativEnhet.objects.filter(
            aktiv=True).order_by("path")  # fmt: skip
        self.fields["delegert_til"].widget.attrs["size"] = 8
        self.fields["maal"].queryset = Maal.objects.filter(plan__aktiv=True).select_related(
            "plan").order_by("plan__namn", "nummer")  # fmt: skip


class VerdiForm(forms.Form):
    prefix = "verdi"
    rader = (("aar", "periode"),)

    enhet = forms.ModelChoiceField(label=_("Enhet"), queryset=None)
    aar = forms.IntegerField(label=_("År"))
    periode = forms.TypedChoiceField(label=_("Periode"), coerce=int, choices=())
    verdi = _tal(_("Verdi"))
    grunn = forms.CharField(
        label=_("Grunn til korrigering"), required=False, max_length=500,
        help_text=_("Kreves når en verdi rettes etter at perioden er over."),
    )  # fmt: skip

    def __init__(self, *args, einingar, periodar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = einingar
        self.fields["periode"].choices = periodar
        if len(periodar) == 1:
            self.fields["periode"].initial = periodar[0][0]


class AarsmaalForm(forms.Form):
    prefix = "aarsmaal"
    rader = (("aar", "verdi"),)

    aar = forms.IntegerField(label=_("År"))
    verdi = _tal(_("Mål for året"))


class ImportForm(forms.Form):
    fil = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("Kolonnene indikator (id eller navn), enhet (kode), år, periode og verdi, "
                    "skilt med semikolon som Excel lagrer dem. Desimalkomma går fint."),
    )  # fmt: skip


class UtvalForm(forms.Form):
    """The list's choice of unit and year (GET)."""

    enhet = forms.ModelChoiceField(label=_("Enhet (med underliggende)"), required=False,
                                   queryset=None, empty_label=_("Alle enheter"))  # fmt: skip
    aar = forms.IntegerField(label=_("År"), required=False, min_value=1990, max_value=2100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = AdministrativEnhet.objects.filter(aktiv=True).order_by(
            "path")  # fmt: skip
