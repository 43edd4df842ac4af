"""Forms of the internal-control checklist: the unit's answers, and the chief executive's
small forms that keep the checklist."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Foremaal, Kontrolltype, Sjekkpunkt, Svarstatus


class SvarForm(forms.Form):
    """One status and comment per active checkpoint: fields `status-<id>`, `kommentar-<id>`."""

    def __init__(self, *args, sjekkpunkt=(), svar=None, **kwargs):
        super().__init__(*args, **kwargs)
        svar = svar or {}
        self.punkt = list(sjekkpunkt)
        valg = [("", _("Ikke besvart")), *Svarstatus.choices]
        for p in self.punkt:
            gamalt = svar.get(p.pk)
            self.fields[f"status-{p.pk}"] = forms.ChoiceField(
                label=_("Status"), choices=valg, required=False,
                initial=gamalt.status if gamalt else "",
            )  # fmt: skip
            self.fields[f"kommentar-{p.pk}"] = forms.CharField(
                label=_("Kommentar"), required=False, max_length=2000,
                initial=gamalt.kommentar if gamalt else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip

    def svar(self) -> dict[int, tuple[str, str]]:
        d = self.cleaned_data
        return {p.pk: (d[f"status-{p.pk}"], d[f"kommentar-{p.pk}"]) for p in self.punkt}


class ForemaalForm(forms.Form):
    prefix = "foremaal"
    namn = forms.CharField(label=_("Nytt formål"), max_length=200)
    rekkefolge = forms.IntegerField(label=_("Rekkefølge"), min_value=1, max_value=999, initial=1)


class KontrolltypeForm(forms.Form):
    prefix = "type"
    foremaal = forms.ModelChoiceField(label=_("Formål"), queryset=Foremaal.objects.all())
    namn = forms.CharField(label=_("Ny kontrolltype"), max_length=200)
    rekkefolge = forms.IntegerField(label=_("Rekkefølge"), min_value=1, max_value=999, initial=1)


class SjekkpunktForm(forms.Form):
    prefix = "punkt"
    type = forms.ModelChoiceField(
        label=_("Kontrolltype"), queryset=Kontrolltype.objects.select_related("foremaal")
    )
    sporsmaal = forms.CharField(
        label=_("Nytt sjekkpunkt"), max_length=300,
        help_text=_("F.eks. «Er vernerunde gjennomført?»"),
    )  # fmt: skip
    rekkefolge = forms.IntegerField(label=_("Rekkefølge"), min_value=1, max_value=999, initial=1)


class AktivForm(forms.Form):
    prefix = "aktiv"
    sjekkpunkt = forms.ModelChoiceField(label=_("Sjekkpunkt"), queryset=Sjekkpunkt.objects.all())
    aktiv = forms.BooleanField(label=_("I bruk"), required=False)


class AarForm(forms.Form):
    aar = forms.IntegerField(label=_("År"), min_value=2000, max_value=2100)
