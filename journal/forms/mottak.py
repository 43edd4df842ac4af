"""Registering incoming mail (archive)."""

from django import forms

from saksarkiv.widgets import DatoFelt

from .felles import (
    AdresseMixin,
    SaksnummerField,
    SkjermingMixin,
    enhet_field,
    finn_sak,
    kontakt_widget,
    person_sok_field,
)


class InngaaendeForm(SkjermingMixin, AdresseMixin):
    """Archive registers incoming mail: into an existing case or a new one, with its
    sender, a scanned main document, and who gets it."""

    saksnummer = SaksnummerField(
        required=False, label="Eksisterende sak", help_text="Tom: opprett ny sak med samme tittel."
    )
    avsender = forms.CharField(
        label="Avsender",
        max_length=200,
        widget=kontakt_widget(),
        help_text="Navn eller kortkode fra kontaktregisteret, eller fritekst.",
    )
    avsender_som_part = forms.BooleanField(
        label="Legg avsender til som part i saken",
        required=False,
        initial=True,
        help_text="Gjelder når posten registreres i en ny sak.",
    )
    dokumentdato = DatoFelt(label="Dokumentdato", required=False)
    forfallsdato = DatoFelt(label="Svarfrist", required=False)
    skjerm_korrespondanseparter = forms.BooleanField(label="Skjerm avsender", required=False)
    administrativ_enhet = enhet_field(label="Enhet")
    saksbehandler = person_sok_field(required=False, label="Saksbehandler")
    fil = forms.FileField(label="Hoveddokument", required=False, help_text="Skannet brev (PDF).")
    vedlegg = forms.FileField(label="Vedlegg", required=False)

    field_order = [
        "saksnummer",
        "tittel",
        "offentlig_tittel",
        "tilgangskode",
        "skjermingshjemmel",
        "avsender",
        "adresse",
        "postnummer",
        "poststed",
        "epost",
        "avsender_som_part",
    ]
    rader = (
        ("tilgangskode", "skjermingshjemmel"),
        ("postnummer", "poststed"),
        ("dokumentdato", "forfallsdato"),
        ("administrativ_enhet", "saksbehandler"),
        ("fil", "vedlegg"),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields[
            "saksbehandler"
        ].help_text = "Tom: posten går til lederen for enheten som ufordelt."

    def clean_saksnummer(self):
        value = self.cleaned_data["saksnummer"]
        return finn_sak(self.user, value) if value.strip() else None
