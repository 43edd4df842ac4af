"""Forms of the case pages. They only parse input; the rules live in services."""

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


class SakForm(SkjermingMixin):
    administrativ_enhet = enhet_field()
    saksansvarlig = person_sok_field(label="Saksansvarlig", required=False)
    arkivdel = forms.CharField(label="Arkivdel", max_length=40, initial="SAK")
    ordningsprinsipp = forms.CharField(
        label="Ordningsprinsipp", max_length=40, required=False, help_text="F.eks. K-kode, GBNR."
    )
    ordningsverdi = forms.CharField(
        label="Ordningsverdi", max_length=100, required=False, help_text="F.eks. 233 eller 12/34."
    )
    obs_dato = DatoFelt(label="OBS-dato", required=False)
    obs_merknad = forms.CharField(label="Merknad til OBS-dato", max_length=300, required=False)
    skjerm_parter = forms.BooleanField(label="Skjerm navn på parter", required=False)
    presedens = forms.BooleanField(label="Presedens", required=False)

    rader = (
        ("administrativ_enhet", "saksansvarlig"),
        ("ordningsprinsipp", "ordningsverdi"),
        ("obs_dato", "obs_merknad"),
    )

    def __init__(self, *args, endre=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tittel"].widget.attrs.update({"autocomplete": "off"})
        if not endre:
            self.fields["saksansvarlig"].help_text = "Tom: deg selv."


class PartForm(AdresseMixin):
    prefix = "part"
    field_order = ["navn", "rolle"]
    rader = (("navn", "rolle"), ("postnummer", "poststed"))

    navn = forms.CharField(label="Navn", max_length=200, widget=kontakt_widget())
    rolle = forms.CharField(label="Rolle", max_length=60, required=False, help_text="F.eks. søker.")


class RelaterForm(forms.Form):
    prefix = "relater"

    sak = SaksnummerField(help_text="Saken det skal vises til (jf. sak), f.eks. 2026/12.")

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_sak(self):
        return finn_sak(self.user, self.cleaned_data["sak"])
