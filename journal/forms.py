"""Forms of the journal pages. They only parse input; the rules live in services."""

import re

from django import forms

from saksarkiv.models import AdministrativEnhet, Bruker, Tilgangskode
from saksarkiv.widgets import DATO

from .models import (
    Avskrivningsmaate,
    Ekspedisjonsmaate,
    Journalposttype,
    Korrespondanseparttype,
    Saksmappe,
)

SAKSNUMMER = re.compile(r"^\s*(\d{4})\s*/\s*(\d{1,7})\s*$")


class EnhetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'– ' * (obj.depth - 1)}{obj.navn}"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


def enhet_field(required=True, label="Administrativ enhet"):
    return EnhetChoiceField(
        AdministrativEnhet.objects.filter(aktiv=True).order_by("path"),
        required=required,
        label=label,
    )


def person_field(queryset=None, required=False, label="Saksbehandler"):
    return PersonChoiceField(
        queryset if queryset is not None else Bruker.objects.filter(is_active=True),
        required=required,
        label=label,
    )


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
    match = SAKSNUMMER.match(value or "")
    if not match:
        raise forms.ValidationError("Skriv saksnummeret som år/nummer, for eksempel 2026/12.")
    sak = (
        Saksmappe.objects.visible_to(user)
        .filter(saksaar=int(match[1]), sakssekvensnummer=int(match[2]))
        .first()
    )
    if sak is None:
        raise forms.ValidationError(f"Fant ingen sak {match[1]}/{match[2]}.")
    return sak


class SaksnummerField(forms.CharField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", "Saksnummer")
        kwargs.setdefault("help_text", "For eksempel 2026/12.")
        super().__init__(*args, max_length=20, **kwargs)


class SakForm(SkjermingMixin):
    administrativ_enhet = enhet_field()
    saksansvarlig = person_field(label="Saksansvarlig", required=False)
    arkivdel = forms.CharField(label="Arkivdel", max_length=40, initial="SAK")
    ordningsprinsipp = forms.CharField(
        label="Ordningsprinsipp", max_length=40, required=False, help_text="F.eks. K-kode, GBNR."
    )
    ordningsverdi = forms.CharField(
        label="Ordningsverdi", max_length=100, required=False, help_text="F.eks. 233 eller 12/34."
    )
    obs_dato = forms.DateField(label="OBS-dato", required=False, widget=DATO)
    obs_merknad = forms.CharField(label="Merknad til OBS-dato", max_length=300, required=False)
    skjerm_parter = forms.BooleanField(label="Skjerm navn på parter", required=False)
    presedens = forms.BooleanField(label="Presedens", required=False)

    def __init__(self, *args, endre=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tittel"].widget.attrs.update({"autocomplete": "off"})
        if not endre:
            self.fields["saksansvarlig"].help_text = "Tom: deg selv."


class PartForm(forms.Form):
    prefix = "part"

    navn = forms.CharField(label="Navn", max_length=200)
    rolle = forms.CharField(label="Rolle", max_length=60, required=False, help_text="F.eks. søker.")
    adresse = forms.CharField(label="Adresse", max_length=200, required=False)
    postnummer = forms.CharField(label="Postnummer", max_length=10, required=False)
    poststed = forms.CharField(label="Poststed", max_length=60, required=False)
    epost = forms.EmailField(label="E-post", required=False)


class RelaterForm(forms.Form):
    prefix = "relater"

    sak = SaksnummerField(help_text="Saken det skal vises til (jf. sak), f.eks. 2026/12.")

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_sak(self):
        return finn_sak(self.user, self.cleaned_data["sak"])


class JournalpostForm(SkjermingMixin):
    journalposttype = forms.ChoiceField(label="Type", choices=Journalposttype.choices)
    dokumentdato = forms.DateField(label="Dokumentdato", required=False, widget=DATO)
    forfallsdato = forms.DateField(
        label="Forfallsdato", required=False, widget=DATO, help_text="Svarfrist."
    )
    ekspedisjonsmaate = forms.ChoiceField(
        label="Ekspedisjonsmåte",
        choices=[("", "—"), *Ekspedisjonsmaate.choices],
        required=False,
    )
    skjerm_korrespondanseparter = forms.BooleanField(
        label="Skjerm avsender/mottaker", required=False
    )
    skjerm_dokumenter = forms.BooleanField(label="Skjerm dokumentene", required=False, initial=True)

    def __init__(self, *args, typer=None, endre=False, **kwargs):
        super().__init__(*args, **kwargs)
        if typer is not None:
            self.fields["journalposttype"].choices = [
                c for c in Journalposttype.choices if c[0] in typer
            ]
        if endre:
            del self.fields["journalposttype"]


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


class KorrespondansepartForm(forms.Form):
    prefix = "korr"

    korrespondanseparttype = forms.ChoiceField(label="Type", choices=Korrespondanseparttype.choices)
    navn = forms.CharField(
        label="Navn", max_length=200, required=False, help_text="Tom for intern person/enhet."
    )
    adresse = forms.CharField(label="Adresse", max_length=200, required=False)
    postnummer = forms.CharField(label="Postnummer", max_length=10, required=False)
    poststed = forms.CharField(label="Poststed", max_length=60, required=False)
    epost = forms.EmailField(label="E-post", required=False)
    person = person_field(label="Intern person")
    enhet = enhet_field(required=False, label="Intern enhet")


class KopiForm(forms.Form):
    prefix = "kopi"

    person = person_field(required=True, label="Send kopi til")


class MerknadForm(forms.Form):
    prefix = "merknad"

    tekst = forms.CharField(label="Merknad", widget=forms.Textarea(attrs={"rows": 3}))


class AvskrivForm(forms.Form):
    prefix = "avskriv"

    avskrivningsmaate = forms.ChoiceField(
        label="Avskrivningsmåte", choices=Avskrivningsmaate.choices
    )
    merknad = forms.CharField(label="Merknad", max_length=300, required=False)


class BesvarForm(forms.Form):
    prefix = "besvar"

    journalposttype = forms.ChoiceField(
        label="Svar som",
        choices=[
            (Journalposttype.UTGAENDE, "Utgående brev (U)"),
            (Journalposttype.NOTAT_MED_OPPFOLGING, "Notat (N)"),
        ],
    )
    avskriv = forms.TypedChoiceField(
        label="Avskrivning",
        choices=[("1", "Besvar og avskriv"), ("0", "Besvar uten å avskrive")],
        coerce=lambda v: v == "1",
        initial="1",
        widget=forms.RadioSelect,
    )
    tittel = forms.CharField(label="Tittel på svaret", max_length=500, required=False)
    offentlig_tittel = forms.CharField(label="Offentlig tittel", max_length=500, required=False)

    def __init__(self, *args, restanse: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not restanse:  # already written off: a further reply writes nothing off
            self.fields["avskriv"].choices = [("0", "Besvar uten å avskrive")]
            self.fields["avskriv"].initial = "0"


class FordelForm(forms.Form):
    prefix = "fordel"

    enhet = enhet_field(label="Enhet")
    saksbehandler = person_field(label="Saksbehandler")


class SendGodkjenningForm(forms.Form):
    prefix = "send"

    leder = person_field(required=True, label="Leder")
    melding = forms.CharField(label="Melding", max_length=500, required=False)
    direkte_til_radmann = forms.BooleanField(
        label="Direkte til rådmannen", required=False, help_text="Bare for saksframlegg."
    )

    def __init__(self, *args, ledere=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ledere is not None:
            self.fields["leder"].queryset = ledere


class SvarGodkjenningForm(forms.Form):
    prefix = "svar"

    godkjent = forms.TypedChoiceField(
        label="Svar",
        choices=[("1", "Godkjent"), ("0", "Ikke godkjent")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    kommentar = forms.CharField(
        label="Kommentar",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Påkrevd ved «Ikke godkjent».",
    )


class BegrunnelseForm(forms.Form):
    prefix = "status"

    begrunnelse = forms.CharField(label="Begrunnelse", max_length=500, required=False)


class FlyttForm(forms.Form):
    prefix = "flytt"

    sak = SaksnummerField(label="Til sak")
    kopier = forms.BooleanField(label="Kopier i stedet for å flytte", required=False)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_sak(self):
        return finn_sak(self.user, self.cleaned_data["sak"])
