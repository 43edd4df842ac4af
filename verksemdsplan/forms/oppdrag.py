"""Forms and the list filter of assignments. The rules are the service's; the forms read
input and say what is missing beside the field before the service (or the database's check
constraint) would."""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from saksarkiv.models import AdministrativEnhet, Bruker, Rolle, Rolletype
from saksarkiv.widgets import DatoFelt, EnhetFelt, PersonFelt

from ..models import Maal, Oppdrag, Oppdragskategori, Oppdragspunkt, Oppdragsstatus, Strategi
from ..tillatelser.oppdrag import AVSLUTTA

DATOFEIL = {"invalid": _("Skriv datoen som dd.mm.åååå, for eksempel 05.12.2026.")}
LENKEFEIL = _("Knytt oppdraget til et mål eller en strategi.")


def eigarar():
    """Active people with a valid role: those who can own an assignment."""
    roller = Rolle.objects.gyldige().filter(person=OuterRef("pk"))
    return (
        Bruker.objects.filter(is_active=True).filter(Exists(roller))
        .order_by("first_name", "last_name", "pk")
    )  # fmt: skip


def eininger_for(user):
    """The units the user may create assignments for: every unit for the chief executive,
    the leader's units and those below for a leader."""
    from saksarkiv import access

    qs = AdministrativEnhet.objects.filter(aktiv=True).order_by("path")
    if access.has_role(user, Rolletype.RADMANN):
        return qs
    omfang = access.lederomfang(user)
    return qs.filter(omfang) if omfang is not None else qs.none()


class _MaalFelt(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.plan.namn}: {obj.nummer} {obj.tittel}"


class _StrategiFelt(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.maal.nummer}/{obj.nummer} {obj.tittel}"


class _Lenke(forms.Form):
    """The goal or strategy every assignment is tied to («den røde tråden»)."""

    maal = _MaalFelt(
        label=_("Mål"), required=False, queryset=Maal.objects.none(),
        empty_label=_("Velg mål"), help_text=_("Oppdraget knyttes til et mål eller en strategi."),
    )  # fmt: skip
    strategi = _StrategiFelt(label=_("Strategi"), required=False,
                             queryset=Strategi.objects.none(),
                             empty_label=_("Velg strategi"))  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["maal"].queryset = (
            Maal.objects.filter(plan__aktiv=True).select_related("plan")
            .order_by("plan__namn", "nummer")
        )  # fmt: skip
        self.fields["strategi"].queryset = (
            Strategi.objects.filter(maal__plan__aktiv=True).select_related("maal")
            .order_by("maal__plan__namn", "maal__nummer", "nummer")
        )  # fmt: skip

    def clean(self):
        data = super().clean()
        if not data.get("maal") and not data.get("strategi") and "maal" not in self.errors:
            self.add_error("maal", LENKEFEIL)
        return data


class OppdragForm(_Lenke):
    """A new assignment."""

    prefix = "oppdrag"

    aar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
    kategori = forms.ChoiceField(label=_("Kategori"), choices=Oppdragskategori.choices)
    tittel = forms.CharField(label=_("Tittel"), max_length=300)
    skildring = forms.CharField(label=_("Beskrivelse"), required=False, max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    enhet = EnhetFelt(label=_("Enhet"), queryset=AdministrativEnhet.objects.none(),
                      empty_label=_("Velg enhet"))  # fmt: skip
    eigar = PersonFelt(label=_("Eier"), queryset=Bruker.objects.none(),
                       empty_label=_("Velg eier"))  # fmt: skip
    frist = DatoFelt(label=_("Frist"), error_messages=DATOFEIL)
    vekt = forms.IntegerField(label=_("Vekt"), min_value=1, max_value=100, initial=1,
                              help_text=_("Brukes når status sammenstilles."))  # fmt: skip
    # The letter point the assignment comes from («Opprett oppdrag» on the letter's page).
    oppdragspunkt = forms.ModelChoiceField(
        queryset=Oppdragspunkt.objects.select_related("brev__enhet"), required=False,
        widget=forms.HiddenInput,
    )  # fmt: skip

    field_order = ["aar", "kategori", "tittel", "skildring", "enhet", "eigar", "frist", "maal",
                   "strategi", "vekt"]  # fmt: skip

    def __init__(self, *args, user=None, punkt: Oppdragspunkt | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = eininger_for(user)
        self.fields["eigar"].queryset = eigarar()
        self.fields["aar"].initial = timezone.localdate().year
        if punkt is not None:  # prefilled from the letter point
            tekst = " ".join(punkt.tekst.split())
            self.initial.update({
                "oppdragspunkt": punkt.pk, "aar": punkt.brev.aar, "enhet": punkt.brev.enhet_id,
                "tittel": tekst if len(tekst) <= 120 else tekst[:119].rsplit(" ", 1)[0] + "…",
                "skildring": punkt.tekst, "frist": datetime.date(punkt.brev.aar, 12, 31),
            })  # fmt: skip


class DelegerForm(forms.Form):
    """A sub-assignment for a unit below the assignment's."""

    prefix = "deleger"

    enhet = EnhetFelt(label=_("Enhet"), queryset=AdministrativEnhet.objects.none(),
                      empty_label=_("Velg enhet"))  # fmt: skip
    eigar = PersonFelt(label=_("Eier"), queryset=Bruker.objects.none(),
                       empty_label=_("Velg eier"))  # fmt: skip
    frist = DatoFelt(label=_("Frist"), required=False, error_messages=DATOFEIL,
                     help_text=_("Tom: samme frist som oppdraget."))  # fmt: skip
    tittel = forms.CharField(label=_("Tittel"), max_length=300, required=False,
                             help_text=_("Tom: samme tittel som oppdraget."))  # fmt: skip
    skildring = forms.CharField(label=_("Beskrivelse"), required=False, max_length=4000,
                                widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, forelder: Oppdrag, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = (
            AdministrativEnhet.objects.filter(aktiv=True, path__startswith=forelder.enhet.path)
            .exclude(pk=forelder.enhet_id)
            .order_by("path")
        )
        self.fields["eigar"].queryset = eigarar()


class StatusForm(forms.Form):
    prefix = "status"

    status = forms.ChoiceField(label=_("Status"), choices=Oppdragsstatus.choices)
    statuskommentar = forms.CharField(
        label=_("Kommentar til status"), required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kreves ved avvik, utsatt og avbrutt."),
    )  # fmt: skip


class FraVedtakForm(_Lenke):
    """«Opprett oppdrag» from a decision's follow-up."""

    prefix = "oppdrag"

    enhet = EnhetFelt(label=_("Enhet"), queryset=AdministrativEnhet.objects.none(),
                      empty_label=_("Velg enhet"))  # fmt: skip
    eigar = PersonFelt(label=_("Eier"), queryset=Bruker.objects.none(),
                       empty_label=_("Velg eier"))  # fmt: skip

    field_order = ["enhet", "eigar", "maal", "strategi"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enhet"].queryset = eininger_for(user)
        self.fields["eigar"].queryset = eigarar()


# --- The lists' filter --------------------------------------------------------------------------


class OppdragFilter(django_filters.FilterSet):
    """Year, category, status and overdue."""

    aar = django_filters.NumberFilter(label=_("År"), field_name="aar")
    kategori = django_filters.ChoiceFilter(label=_("Kategori"), choices=Oppdragskategori.choices,
                                           empty_label=_("Alle"))  # fmt: skip
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Oppdragsstatus.choices,
                                         empty_label=_("Alle"))  # fmt: skip
    forfalt = django_filters.BooleanFilter(
        label=_("Bare forfalte"), method="filter_forfalt",
        widget=forms.CheckboxInput,
    )  # fmt: skip

    class Meta:
        model = Oppdrag
        fields: list[str] = []

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)

    def filter_forfalt(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(frist__lt=timezone.localdate()).exclude(status__in=AVSLUTTA)
