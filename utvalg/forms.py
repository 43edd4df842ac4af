from django import forms

from saksarkiv.models import Bruker, Rolletype, Tilgangskode
from saksarkiv.riktekst import RikTekst
from saksarkiv.widgets import DATO, DatoFelt, personvalg

from .models import (
    Behandlingsresultat,
    Dokumentmal,
    Endringstype,
    Forfallsgrunn,
    Forslagstype,
    Frammotestatus,
    Medlem,
    Medlemsrolle,
    Parti,
    Utvalg,
)


class _Skjerming(forms.Form):
    tilgangskode = forms.ModelChoiceField(
        queryset=Tilgangskode.objects.all(),
        label="Tilgangskode for vedtaket",
        required=False,
        empty_label="Ingen: vedtaket er offentlig",
        help_text="Skjermer vedtaket i den offentlige møteprotokollen. En tilgangskode på "
        "journalposten holder hele saksframlegget utenfor den offentlige innkallingen.",
    )
    skjermingshjemmel = forms.CharField(label="Hjemmel", required=False, max_length=200)


def _aktive_utvalg():
    return Utvalg.objects.filter(aktiv=True).order_by("rekkefolge", "navn")


class BehandlingForm(_Skjerming):
    """Enrol a committee draft (PS) or a delegated decision (DS) to one more committee."""

    prefix = "behandling"

    utvalg = forms.ModelChoiceField(queryset=None, label="Utvalg")
    field_order = ["utvalg", "tilgangskode", "skjermingshjemmel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utvalg"].queryset = _aktive_utvalg()


class RefererForm(_Skjerming):
    """«Referer i utvalg»: one or more committees, for information."""

    prefix = "referer"

    utvalg = forms.ModelMultipleChoiceField(
        queryset=None, label="Utvalg", widget=forms.CheckboxSelectMultiple
    )
    field_order = ["utvalg", "tilgangskode", "skjermingshjemmel"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["utvalg"].queryset = _aktive_utvalg()


class PlanleggForm(forms.Form):
    prefix = "planlegg"

    dato = DatoFelt(
        label="Planlagt møtedato", required=False,
        help_text="Tomt: ikke lenger planlagt til et møte.",
    )  # fmt: skip


class UtvalgForm(forms.ModelForm):
    """A committee's register entry; the service checks and saves it."""

    class Meta:
        model = Utvalg
        fields = [
            "navn", "kode", "utvalgstype", "periode_fra", "periode_til", "sekretaer",
            "innkallingsfrist", "rekkefolge", "aktiv",
        ]  # fmt: skip
        widgets = {"periode_fra": DATO, "periode_til": DATO}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sekretaer"] = personvalg(
            Bruker.objects.filter(is_active=True, roller__rolle=Rolletype.MOTESEKRETAER)
            .distinct()
            .order_by("last_name", "first_name"),
            label="Møtesekretær",
            help_text="Den som setter opp møter og sakskart for utvalget.",
        )


class MedlemForm(forms.Form):
    prefix = "medlem"

    person = personvalg(label="Person", required=True)
    rolle = forms.ChoiceField(label="Rolle", choices=Medlemsrolle.choices)
    parti = forms.ModelChoiceField(
        queryset=Parti.objects.all(), label="Parti", required=False, empty_label="Uten parti"
    )
    vararekkefolge = forms.IntegerField(
        label="Vararekkefølge",
        required=False,
        min_value=1,
        max_value=99,
        help_text="For varamedlemmer: nummeret i partiets rekkefølge. Tomt: sist.",
    )
    fra = DatoFelt(label="Fra")
    til = DatoFelt(label="Til", required=False)


class AvsluttMedlemForm(forms.Form):
    prefix = "avslutt"

    til = DatoFelt(label="Siste dag i vervet")


# --- Documents written in the browser -------------------------------------------------------
def _flettehjelp() -> str:
    from .tekst import FLETTEFELT

    return "Flettefelt: " + ", ".join(f"[[{navn}]]" for navn in FLETTEFELT) + "."


class MalForm(forms.ModelForm):
    class Meta:
        model = Dokumentmal
        fields = ["navn", "maltype", "aktiv", "topp", "saksopplysninger", "vurdering",
                  "innstilling", "brevtekst", "bunn"]  # fmt: skip
        widgets = {
            felt: RikTekst()
            for felt in (
                "topp",
                "saksopplysninger",
                "vurdering",
                "innstilling",
                "brevtekst",
                "bunn",
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        hjelp = _flettehjelp()
        for felt in ("topp", "bunn"):
            self.fields[felt].help_text = hjelp
        for felt in ("saksopplysninger", "vurdering", "innstilling", "brevtekst"):
            self.fields[felt].help_text = "Starttekst i seksjonen. " + hjelp


class StartTekstForm(forms.Form):
    prefix = "start"

    mal = forms.ModelChoiceField(queryset=None, label="Mal", empty_label=None)

    def __init__(self, *args, post, **kwargs):
        from .tekst import MALTYPER_FOR

        super().__init__(*args, **kwargs)
        self.fields["mal"].queryset = Dokumentmal.objects.filter(
            aktiv=True, maltype__in=MALTYPER_FOR.get(post.journalposttype, ())
        ).order_by("maltype", "navn")
        self.fields["mal"].label_from_instance = lambda mal: mal.navn


class TekstForm(forms.Form):
    """The sections of one text (as its template's kind has them) and the attachments."""

    versjon = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, tekst, **kwargs):
        from .tekst import seksjoner

        kwargs.setdefault("initial", {})
        kwargs["initial"] |= {"versjon": tekst.versjon, "vedlegg": tekst.vedlegg}
        super().__init__(*args, **kwargs)
        for felt, overskrift in seksjoner(tekst):
            self.fields[felt] = forms.CharField(
                label=overskrift, required=False, widget=RikTekst(),
                initial=getattr(tekst, felt),
            )  # fmt: skip
            if felt == "innstilling":
                self.fields[
                    felt
                ].help_text = (
                    "Alltid et eget felt: møteprotokollen og vedtaksoppfølgingen leser det."
                )
        self.fields["vedlegg"] = forms.CharField(
            label="Vedlegg", required=False, widget=forms.Textarea(attrs={"rows": 4}),
            help_text="Ett vedlegg per linje, slik de skal listes i dokumentet.",
        )  # fmt: skip


# --- The meeting plan -----------------------------------------------------------------------
KLOKKE = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class MoteForm(forms.Form):
    prefix = "mote"

    dato = DatoFelt(label="Dato")
    klokkeslett = forms.TimeField(label="Klokkeslett", widget=KLOKKE)
    sted = forms.CharField(label="Sted", max_length=200)


class EndreMoteForm(MoteForm):
    merknad = forms.CharField(
        label="Melding til medlemmene", max_length=500, required=False,
        help_text="Sendes med varselet om at møtet er flyttet. Ingen sakstitler.",
    )  # fmt: skip


class AvlysForm(forms.Form):
    prefix = "avlys"

    merknad = forms.CharField(
        label="Hvorfor møtet avlyses", max_length=500,
        help_text="Sendes til medlemmene. Ingen sakstitler.",
    )  # fmt: skip


class KopierForm(forms.Form):
    prefix = "kopier"

    fra_aar = forms.IntegerField(label="Fra år", min_value=2000, max_value=2100)
    til_aar = forms.IntegerField(label="Til år", min_value=2000, max_value=2100)


# --- The agenda -------------------------------------------------------------------------------


def _heltall(verdier) -> list[int]:
    try:
        return [int(v) for v in verdier]
    except (TypeError, ValueError) as error:
        raise forms.ValidationError("Ugyldig sak.") from error


class SettPaForm(forms.Form):
    """Treatments from the queue to put on the agenda (checkboxes in the queue table)."""

    behandlinger = forms.MultipleChoiceField(
        label="Saker i kølisten", error_messages={"required": "Velg minst én sak fra kølisten."}
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id: the service checks each against the live queue under lock.
        self.fields["behandlinger"].valid_value = lambda value: str(value).isdigit()

    def clean_behandlinger(self):
        return _heltall(self.cleaned_data["behandlinger"])


class TrekkForm(forms.Form):
    prefix = "trekk"

    merknad = forms.CharField(
        label="Hvorfor saken trekkes", max_length=500, required=False,
        help_text="Kreves når saken har fått nummer; den blir stående som trukket.",
    )  # fmt: skip


class FlyttForm(forms.Form):
    retning = forms.ChoiceField(choices=(("opp", "Opp"), ("ned", "Ned")))


class OrdneForm(forms.Form):
    gruppe = forms.CharField(max_length=4)
    rekkefolge = forms.CharField(max_length=5000)

    def clean_rekkefolge(self):
        return _heltall(v for v in self.cleaned_data["rekkefolge"].split(",") if v.strip())


# --- The member portal ------------------------------------------------------------------------


class ForfallForm(forms.Form):
    prefix = "forfall"

    grunn = forms.ChoiceField(
        label="Grunn", choices=[("", "Velg grunn")] + list(Forfallsgrunn.choices),
        error_messages={"required": "Velg grunnen til forfallet."},
        help_text="Gyldig forfall etter kommuneloven § 8-1.",
    )  # fmt: skip
    merknad = forms.CharField(
        label="Melding til møtesekretæren", max_length=500, required=False,
        help_text="Valgfritt. Skriv ikke helseopplysninger.",
    )  # fmt: skip


class NotatForm(forms.Form):
    tekst = forms.CharField(
        label="Mitt notat", required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Notatet kan ha høyst 5000 tegn."},
    )  # fmt: skip


# --- Attendance -------------------------------------------------------------------------------


class FrammoteStatusForm(forms.Form):
    status = forms.ChoiceField(label="Status", choices=Frammotestatus.choices)


class VaraMotteForm(forms.Form):
    prefix = "vara"

    vara = forms.ModelChoiceField(label="Varamedlem", queryset=Medlem.objects.none(),
                                  error_messages={"required": "Velg varamedlemmet."})  # fmt: skip
    for_medlem = forms.ModelChoiceField(label="Møtte for", queryset=Medlem.objects.none(),
                                        error_messages={"required": "Velg medlemmet."})  # fmt: skip

    def __init__(self, *args, varaer=None, borte=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vara"].queryset = varaer if varaer is not None else Medlem.objects.none()
        self.fields["for_medlem"].queryset = borte if borte is not None else Medlem.objects.none()
        for felt in ("vara", "for_medlem"):
            self.fields[felt].label_from_instance = _medlemsnavn


def _medlemsnavn(medlem) -> str:
    parti = f" ({medlem.parti.kode})" if medlem.parti_id else ""
    return f"{medlem.person.get_full_name()}{parti}"


class EndringForm(forms.Form):
    prefix = "endring"

    punkt = forms.ModelChoiceField(label="Sak", queryset=Medlem.objects.none(),
                                   error_messages={"required": "Velg saken."})  # fmt: skip
    medlem = forms.ModelChoiceField(
        label="Hvem", queryset=Medlem.objects.none(),
        error_messages={"required": "Velg hvem det gjelder."},
    )  # fmt: skip
    type = forms.ChoiceField(label="Hva skjedde", choices=Endringstype.choices)
    for_medlem = forms.ModelChoiceField(
        label="Tiltrer for (bare vara)", queryset=Medlem.objects.none(), required=False
    )
    hjemmel = forms.CharField(label="Hjemmel (inhabilitet)", max_length=200, required=False,
                              help_text="F.eks. fvl. § 6 første ledd bokstav a.")  # fmt: skip
    avgjort_av = forms.CharField(label="Avgjort av (inhabilitet)", max_length=200,
                                 required=False, help_text="F.eks. utvalget.")  # fmt: skip
    merknad = forms.CharField(label="Merknad", max_length=500, required=False)

    def __init__(self, *args, punkter=None, seter=None, **kwargs):
        super().__init__(*args, **kwargs)
        if punkter is not None:
            self.fields["punkt"].queryset = punkter
            self.fields["punkt"].label_from_instance = lambda p: p.saksnummer or p.sakstype
        for felt in ("medlem", "for_medlem"):
            if seter is not None:
                self.fields[felt].queryset = seter
            self.fields[felt].label_from_instance = _medlemsnavn


# --- Treating an item -------------------------------------------------------------------------


class ForslagForm(forms.Form):
    prefix = "forslag"

    type = forms.ChoiceField(label="Type", choices=Forslagstype.choices)
    tekst = forms.CharField(
        label="Forslag", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Tom for innstillingen: teksten hentes fra saksframlegget.",
    )  # fmt: skip
    fremmet_av = forms.ModelMultipleChoiceField(
        label="Fremmet av", queryset=Medlem.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    parti = forms.ModelChoiceField(label="På vegne av partigruppe", queryset=Parti.objects.all(),
                                   required=False)  # fmt: skip

    def __init__(self, *args, tilstede=None, **kwargs):
        super().__init__(*args, **kwargs)
        if tilstede is not None:
            self.fields["fremmet_av"].queryset = tilstede
        self.fields["fremmet_av"].label_from_instance = _medlemsnavn


class AvgjorForm(forms.Form):
    prefix = "resultat"

    resultat = forms.ChoiceField(label="Resultat", choices=Behandlingsresultat.choices)
    vedtak = forms.CharField(
        label="Vedtak", required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Tomt ved «vedtatt som innstilt»: innstillingen blir vedtaket.",
    )  # fmt: skip
    lukket = forms.BooleanField(label="Behandlet for lukkede dører", required=False)
    lukket_hjemmel = forms.CharField(
        label="Hjemmel for lukking", max_length=300, required=False,
        help_text="F.eks. kommuneloven § 11-5 andre ledd bokstav a.",
    )  # fmt: skip
