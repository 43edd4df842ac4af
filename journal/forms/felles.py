"""What the journal's forms share: the pickers, screening fields and case numbers."""

from django import forms
from django.urls import reverse_lazy

from saksarkiv.models import Bruker, Tilgangskode
from saksarkiv.nummer import les_saksnummer
from saksarkiv.widgets import Forslag, PersonSokFelt, enhetsvalg, kort_tekst, personvalg

from ..models import (
    Saksmappe,
)


def enhet_field(required=True, label="Administrativ enhet"):
    return enhetsvalg(required=required, label=label)


def person_field(queryset=None, required=False, label="Saksbehandler"):
    return personvalg(queryset, required=required, label=label)


def person_sok_field(queryset=None, required=False, label="Saksbehandler", **kwargs):
    """A person picked by type-ahead (journal:personvalg) instead of a select of everyone."""
    if queryset is None:
        queryset = Bruker.objects.filter(is_active=True)
    return PersonSokFelt(
        queryset, url=reverse_lazy("journal:personvalg"), required=required, label=label, **kwargs
    )


def kontakt_widget() -> Forslag:
    """A correspondent's name with type-ahead over the contacts register: picking a contact
    (by name or kortkode) fills its address and e-mail into the fields beside it."""
    return Forslag(reverse_lazy("journal:kontaktsok"), attrs={"size": "40"})


class AdresseMixin(forms.Form):
    """A correspondent's or party's postal address: the postcode short, beside the town."""

    adresse = forms.CharField(label="Adresse", max_length=200, required=False)
    postnummer = forms.CharField(
        label="Postnummer",
        max_length=10,
        required=False,
        widget=kort_tekst(6, autocomplete="off", inputmode="numeric"),
    )
    poststed = forms.CharField(label="Poststed", max_length=60, required=False)
    epost = forms.EmailField(label="E-post", required=False)


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
    """A case by its number, with type-ahead over the cases the user may see (by number or
    title, journal:saksvalg); without JavaScript the number is typed."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Saksnummer")
        kwargs.setdefault(
            "help_text",
            "Saksnummeret, for eksempel 2026/12, eller ord fra tittelen (velg et forslag).",
        )
        kwargs.setdefault("widget", Forslag(reverse_lazy("journal:saksvalg"), attrs={"size": "30"}))
        # Room for title words to search by; finn_sak accepts only a number.
        super().__init__(*args, max_length=200, **kwargs)
