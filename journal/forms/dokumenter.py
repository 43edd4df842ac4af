"""Forms for uploading documents and importing e-mails. They check input shape only; the
rules (size, format, permission, screening) live in journal.services."""

from django import forms
from django.conf import settings
from django.db.models import Exists, OuterRef

from saksarkiv.models import Bruker, Rolle, Tilgangskode, gyldig_q
from saksarkiv.widgets import enhetsvalg, personvalg

from ..services.dokumenter import storrelse_tekst
from .felles import finn_sak


class DokumentForm(forms.Form):
    fil = forms.FileField(
        label="Fil",
        help_text="PDF, bilde (PNG, JPEG, TIFF), Office/OpenDocument, ren tekst eller e-post.",
        error_messages={
            "required": "Velg en fil.",
            "empty": "Filen er tom.",
            "invalid": "Velg en fil.",
        },
    )
    tittel = forms.CharField(
        label="Tittel",
        max_length=500,
        required=False,
        help_text="Tom: filnavnet brukes som tittel.",
    )

    def __init__(self, *args, prefix: str = "dok", **kwargs):
        super().__init__(*args, prefix=prefix, **kwargs)


class EpostImportForm(forms.Form):
    fil = forms.FileField(
        label="E-postfil (.eml)",
        help_text="Lagre e-posten fra e-postprogrammet som .eml-fil.",
        error_messages={"required": "Velg en e-postfil.", "empty": "Filen er tom."},
        widget=forms.ClearableFileInput(attrs={"accept": ".eml,message/rfc822"}),
    )
    saksnummer = forms.CharField(
        label="Eksisterende sak",
        required=False,
        max_length=20,
        help_text="Saksnummer, f.eks. 2026/12. La stå tom for å opprette ny sak.",
    )
    ny_sak_tittel = forms.CharField(label="Eller: tittel på ny sak", required=False, max_length=500)
    administrativ_enhet = enhetsvalg(
        error_messages={"required": "Velg enhet.", "invalid_choice": "Velg en enhet fra listen."}
    )
    saksbehandler = personvalg(
        Bruker.objects.none(),
        label="Saksbehandler",
        help_text="Valgfritt. Tom: arkivet fordeler posten senere.",
        error_messages={"invalid_choice": "Velg en saksbehandler fra listen."},
    )
    tilgangskode = forms.ModelChoiceField(
        label="Tilgangskode",
        queryset=Tilgangskode.objects.none(),
        to_field_name="kode",
        required=False,
        error_messages={"invalid_choice": "Velg en tilgangskode fra listen."},
    )
    skjermingshjemmel = forms.CharField(
        label="Hjemmel",
        required=False,
        max_length=200,
        help_text="Tom: tilgangskodens standardhjemmel.",
    )
    offentlig_tittel = forms.CharField(
        label="Offentlig tittel",
        required=False,
        max_length=500,
        help_text="Påkrevd med tilgangskode: emnet med skjermede ord erstattet av *****.",
    )

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        # Anyone active with a valid role can be given the post (kept simple on purpose).
        valid_roles = Rolle.objects.filter(gyldig_q(), person=OuterRef("pk"))
        self.fields["saksbehandler"].queryset = Bruker.objects.filter(
            Exists(valid_roles), is_active=True
        ).order_by("last_name", "first_name", "username")
        self.fields["tilgangskode"].queryset = Tilgangskode.objects.filter(aktiv=True)

    def clean_fil(self):
        fil = self.cleaned_data["fil"]
        if not fil.name.lower().endswith(".eml"):
            raise forms.ValidationError("Velg en e-postfil som slutter på .eml.")
        limit = settings.DOKUMENT_MAKS_STORRELSE
        if fil.size > limit:  # refused before the file is read into memory
            raise forms.ValidationError(
                f"Filen er for stor: {storrelse_tekst(fil.size)}. "
                f"Største tillatte størrelse er {storrelse_tekst(limit)}."
            )
        return fil

    def clean_saksnummer(self):
        value = self.cleaned_data["saksnummer"].strip()
        return finn_sak(self.user, value) if value else None

    def clean(self):
        cleaned = super().clean()
        case, title = cleaned.get("saksnummer"), cleaned.get("ny_sak_tittel", "").strip()
        if "saksnummer" in self.errors:
            return cleaned
        if case and title:
            self.add_error(
                "ny_sak_tittel", "Velg enten en eksisterende sak eller en ny sak, ikke begge."
            )
        elif not case and not title:
            self.add_error("saksnummer", "Oppgi saksnummer, eller tittel på en ny sak.")
        return cleaned
