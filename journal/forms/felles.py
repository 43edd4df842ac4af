"""What the journal's forms share: the pickers, screening fields and case numbers."""

from django import forms

from saksarkiv.models import Tilgangskode
from saksarkiv.nummer import les_saksnummer
from saksarkiv.widgets import enhetsvalg, personvalg

from ..models import (
    Saksmappe,
)


def enhet_field(required=True, label="Administrativ enhet"):
    return enhetsvalg(required=required, label=label)


def person_field(queryset=None, required=False, label="Saksbehandler"):
    return personvalg(queryset, required=required, label=label)


def tilgangskode_field():
    return forms.ModelChoiceField(
        Tilgangskode.objects.filter(aktiv=True),
        required=False,
        label="Tilgangskode",
        empty_label="Ingen (offentlig)",
    )


class SkjermingMixin(forms.Form):
    """Title, public title, access code and legal basis, in that order."""

    tittel = forms.CharField(label="Tittel", max_length=500)
    offentlig_tittel = forms.CharField(
        label="Offentlig tittel",
        max_length=500,
        required=False,
        help_text="Kreves med tilgangskode: tittelen med skjermede ord erstattet av *****.",
    )
    tilgangskode = tilgangskode_field()
    skjermingshjemmel = forms.CharField(
        label="Hjemmel",
        max_length=200,
        required=False,
        help_text="Tom: hjemmelen som hører til tilgangskoden.",
    )


def finn_sak(user, value: str) -> Saksmappe:
    """A case the user may know of, by its number «2026/12»."""
    nummer = les_saksnummer(value)
    if nummer is None:
        raise forms.ValidationError("Skriv saksnummeret som år/nummer, for eksempel 2026/12.")
    sak = (
        Saksmappe.objects.visible_to(user)
        .filter(saksaar=nummer.aar, sakssekvensnummer=nummer.nummer)
        .first()
    )
    if sak is None:
        raise forms.ValidationError(f"Fant ingen sak med saksnummer {nummer}.")
    return sak


class SaksnummerField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Saksnummer")
        kwargs.setdefault("help_text", "For eksempel 2026/12.")
        super().__init__(*args, max_length=20, **kwargs)
