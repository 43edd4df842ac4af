"""Registering incoming mail (archive)."""

from django import forms

from saksarkiv.models import Bruker
from saksarkiv.widgets import DATO

from .felles import (
    SaksnummerField,
    SkjermingMixin,
    enhet_field,
    finn_sak,
    person_field,
)


class InngaaendeForm(SkjermingMixin):
    """Archive registers incoming mail: into an existing case or a new one, with its
    sender, a scanned main document, and who gets it."""

    saksnummer = SaksnummerField(
        required=False, label="Eksisterende sak", help_text="Tom: opprett ny sak med samme tittel."
    )
    avsender = forms.CharField(label="Avsender", max_length=200)
    adresse = forms.CharField(label="Adresse", max_length=200, required=False)
    postnummer = forms.CharField(label="Postnummer", max_length=10, required=False)
    poststed = forms.CharField(label="Poststed", max_length=60, required=False)
    epost = forms.EmailField(label="E-post", required=False)
    dokumentdato = forms.DateField(label="Dokumentdato", required=False, widget=DATO)
    forfallsdato = forms.DateField(label="Svarfrist", required=False, widget=DATO)
    skjerm_korrespondanseparter = forms.BooleanField(label="Skjerm avsender", required=False)
    administrativ_enhet = enhet_field(label="Enhet")
    saksbehandler = person_field(
        required=False, label="Saksbehandler", queryset=Bruker.objects.filter(is_active=True)
    )
    fil = forms.FileField(label="Hoveddokument", required=False, help_text="Skannet brev (PDF).")
    vedlegg = forms.FileField(label="Vedlegg", required=False)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields[
            "saksbehandler"
        ].help_text = "Tom: posten går til lederen for enheten som ufordelt."

    def clean_saksnummer(self):
        value = self.cleaned_data["saksnummer"]
        return finn_sak(self.user, value) if value.strip() else None
