"""Forms of the journal post page. They only parse input; the rules live in services."""

from django import forms

from saksarkiv.widgets import DatoFelt

from ..models import (
    Avskrivningsmaate,
    Ekspedisjonsmaate,
    Journalposttype,
    Korrespondanseparttype,
)
from .felles import (
    AdresseMixin,
    SaksnummerField,
    SkjermingMixin,
    enhet_field,
    finn_sak,
    kontakt_widget,
    person_field,
    person_sok_field,
)


class JournalpostForm(SkjermingMixin):
    journalposttype = forms.ChoiceField(label="Type", choices=Journalposttype.choices)
    dokumentdato = DatoFelt(label="Dokumentdato", required=False)
    forfallsdato = DatoFelt(label="Forfallsdato", required=False, help_text="Svarfrist.")
    ekspedisjonsmaate = forms.ChoiceField(
        label="Ekspedisjonsmåte",
        choices=[("", "—"), *Ekspedisjonsmaate.choices],
        required=False,
    )
    skjerm_korrespondanseparter = forms.BooleanField(
        label="Skjerm avsender/mottaker", required=False
    )
    skjerm_dokumenter = forms.BooleanField(label="Skjerm dokumentene", required=False, initial=True)

    rader = (
        ("tilgangskode", "skjermingshjemmel"),
        ("dokumentdato", "forfallsdato"),
    )

    def __init__(self, *args, typer=None, endre=False, **kwargs):
        super().__init__(*args, **kwargs)
        if typer is not None:
            self.fields["journalposttype"].choices = [
                c for c in Journalposttype.choices if c[0] in typer
            ]
        if endre:
            del self.fields["journalposttype"]


class KorrespondansepartForm(AdresseMixin):
    prefix = "korr"
    field_order = ["korrespondanseparttype", "navn"]
    rader = (("postnummer", "poststed"), ("person", "enhet"))

    korrespondanseparttype = forms.ChoiceField(label="Type", choices=Korrespondanseparttype.choices)
    navn = forms.CharField(
        label="Navn",
        max_length=200,
        required=False,
        widget=kontakt_widget(),
        help_text="Navn eller kortkode fra kontaktregisteret, eller fritekst. Tom for intern "
        "person/enhet.",
    )
    person = person_sok_field(label="Intern person")
    enhet = enhet_field(required=False, label="Intern enhet")


class KopiForm(forms.Form):
    prefix = "kopi"

    person = person_sok_field(required=True, label="Send kopi til")


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
