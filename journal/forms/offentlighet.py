"""The form of the leader's screening decision (Til offentlighetsvurdering). It only parses
input; the rules live in journal/services/offentlighet.py."""

from django import forms

from saksarkiv.models import Tilgangskode

from ..services.offentlighet import (
    OFFENTLIG,
    UNNTATT,
    navn_med_skjermede_ord,
    navneord_i_tittel,
    ord_i_tittel,
    skjulte_ord,
    versjon,
)

VEDTAK = [
    (OFFENTLIG, "Offentlig – fjern tilgangskoden"),
    (UNNTATT, "Unntatt offentlighet – sett riktig tilgangskode og skjerming"),
]


class Tittelord(forms.CheckboxSelectMultiple):
    """The title's words as checkboxes; a word that is also in a correspondent's or a
    party's name carries `data-navneord`, and static/js/skjerming.js ticks «Skjerm
    avsender/mottaker» when it is ticked."""

    navneord: set[int] = set()

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value in self.navneord:
            option["attrs"]["data-navneord"] = ""
        return option


class OffentlighetsvurderingForm(forms.Form):
    vedtak = forms.ChoiceField(
        label="Kan journalposten stå offentlig i postlisten?",
        choices=VEDTAK,
        widget=forms.RadioSelect,
    )
    tilgangskode = forms.ModelChoiceField(
        Tilgangskode.objects.filter(aktiv=True, midlertidig=False),
        required=False,
        label="Tilgangskode",
        empty_label="Velg kode",
    )
    skjermingshjemmel = forms.CharField(label="Hjemmel", max_length=200, required=False)
    skjermede_ord = forms.TypedMultipleChoiceField(
        label="Skjerm disse ordene i tittelen",
        coerce=int,
        required=False,
        widget=Tittelord,
        help_text="Ordene du krysser av, erstattes med ***** i den offentlige tittelen.",
    )
    offentlig_tittel = forms.CharField(
        label="Eller skriv den offentlige tittelen selv",
        max_length=500,
        required=False,
        help_text="Brukes bare når ingen ord er krysset av over. Skriv ***** for det som skjermes.",
    )
    skjerm_korrespondanseparter = forms.BooleanField(
        label="Skjerm avsender/mottaker", required=False
    )
    navn_kan_vises = forms.BooleanField(
        label="Navnet kan likevel stå offentlig",
        required=False,
        help_text="Ord du skjermer i tittelen, står også i navnet til avsender, mottaker eller "
        "en part. Kryss av bare når navnet bevisst skal stå i postlisten.",
    )
    skjerm_dokumenter = forms.BooleanField(label="Skjerm dokumentene", required=False, initial=True)
    vurdert_meroffentlighet = forms.BooleanField(
        label="Jeg har vurdert meroffentlighet (offl. § 11)",
        required=False,
        help_text="Må krysses av når hele tittelen skjermes.",
    )
    merknad = forms.CharField(
        label="Merknad til vurderingen",
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Vises i historikken for dem som kan lese journalposten.",
    )
    versjon = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, post, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("versjon", versjon(post))
        if post.offentlig_tittel and post.offentlig_tittel != post.tittel:
            # Archive's suggestion from the registration.
            kwargs["initial"].setdefault("offentlig_tittel", post.offentlig_tittel)
        navneord = navneord_i_tittel(post)
        if post.offentlig_tittel and navn_med_skjermede_ord(
            post, skjulte_ord(post.tittel, post.offentlig_tittel)
        ):
            # Archive's suggestion already hides a name: screen the name too.
            kwargs["initial"].setdefault("skjerm_korrespondanseparter", True)
        super().__init__(*args, **kwargs)
        self.fields["skjermede_ord"].choices = list(enumerate(ord_i_tittel(post.tittel)))
        self.fields["skjermede_ord"].widget.navneord = navneord
        if not navneord:
            del self.fields["navn_kan_vises"]
        hjemler = [
            f"{kode.kode}: {kode.hjemmel}"
            for kode in self.fields["tilgangskode"].queryset
            if kode.hjemmel
        ]
        self.fields["skjermingshjemmel"].help_text = (
            "Tom: hjemmelen som hører til koden (" + "; ".join(hjemler) + ")."
            if hjemler
            else "Oppgi lovhjemmelen for unntaket."
        )

    # Which fields belong to which part of the page (the template renders them in groups).
    GRUPPER = (
        ("Avgjørelse", ("vedtak",)),
        (
            "Ved unntak: tilgangskode og skjerming",
            (
                "tilgangskode",
                "skjermingshjemmel",
                "skjermede_ord",
                "offentlig_tittel",
                "skjerm_korrespondanseparter",
                "navn_kan_vises",
                "skjerm_dokumenter",
            ),
        ),
        ("Meroffentlighet", ("vurdert_meroffentlighet", "merknad")),
    )

    def grupper(self):
        return [
            (navn, [self[name] for name in names if name in self.fields])
            for navn, names in self.GRUPPER
        ]
