"""Bulk actions from the worklists (issue 15, item 4). A list declares its bulk actions in
`MASSEHANDLINGER`; only those lists get the checkbox column and the action bar. The form
posts here; each row goes through its single-post service in `journal.services.masse`.

After the rows are done the user goes back to the list (its filter and sort kept) with a
summary («12 journalført, 2 avvist») and the refused rows, number and reason, above the
list. When no row was done, the answer is this page with the refusals, 403 or 409 as the
rows' rules said (nothing changed); bad input comes back beside its field with 400."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from saksarkiv import access
from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.models import AdministrativEnhet, Bruker, Rolle
from saksarkiv.services import DomainError
from saksarkiv.widgets import enhetsvalg, personvalg

from .. import arbeidslister
from ..models import Avskrivningsmaate
from ..services import fordeling, masse

# The lists with bulk actions (list code → actions, in the bar's order).
MASSEHANDLINGER: dict[str, tuple[str, ...]] = {
    "journalforing": ("journalfor",),
    "ufordelte": ("fordel",),
    "godkjenning_leder": ("godkjenn", "avvis"),
    "endelig_godkjenning": ("godkjenn", "avvis"),
    "innboks": ("avskriv",),
    "restanser": ("avskriv",),
}
# Extra columns a list with bulk actions shows: archive sees each row's screening check.
KOLONNER = {"journalforing": "dok type status tittel dato enhet saksbehandler skjerming"}
FELT = "masse-ider"  # the checkboxes' name (the form's prefix and field)
OKT = "masse_avvist"  # the session key that carries the refusals to the list page


class IdFelt(forms.Field):
    """The ticked rows: ids, each once, at most masse.MAKS_RADER."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        try:
            return masse.les_ider(value or [])
        except DomainError as feil:
            raise forms.ValidationError(feil.message) from None


class MasseForm(forms.Form):
    prefix = "masse"
    rader = (("enhet", "saksbehandler"), ("avskrivningsmaate", "merknad"))

    ider = IdFelt(label="Valgte journalposter")

    def __init__(self, *args, handlinger: tuple[str, ...], user, handling: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.handlinger = handlinger
        self.handling = handling
        omfang = None if access.is_archive(user) else access.lederomfang(user)
        # Archive distributes to every unit, a leader within the units they lead; others
        # to none (the form says so instead of offering an empty choice).
        self.fordeler = access.is_archive(user) or omfang is not None
        if "fordel" in handlinger and self.fordeler:
            enheter = AdministrativEnhet.objects.filter(aktiv=True).order_by("path")
            roller = Rolle.objects.gyldige().filter(rolle__in=fordeling.SAKSBEHANDLERROLLER)
            if omfang is not None:
                enheter = enheter.filter(omfang)
                roller = roller.filter(enhet__in=enheter)
            self.fields["enhet"] = enhetsvalg(
                enheter, label="Fordel til enhet", empty_label="Velg enhet"
            )
            self.fields["saksbehandler"] = personvalg(
                Bruker.objects.filter(pk__in=roller.values("person_id"), is_active=True).order_by(
                    "last_name", "first_name"
                ),
                label="Saksbehandler",
                empty_label="Ingen (lederen fordeler)",
                help_text="Tom: posten venter hos lederen for enheten.",
            )
        if "avskriv" in handlinger:
            self.fields["avskrivningsmaate"] = forms.ChoiceField(
                label="Avskrivningsmåte",
                choices=[
                    (m, f"{Avskrivningsmaate(m).label} ({m})") for m in masse.AVSKRIVNINGSMAATER
                ],
                help_text="Svar med brev eller notat (BU, NN) gjøres på hver journalpost.",
            )
            self.fields["merknad"] = forms.CharField(
                label="Merknad", max_length=300, required=False
            )
        if "godkjenn" in handlinger:
            self.fields["kommentar"] = forms.CharField(
                label="Kommentar",
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Gjelder alle valgte. Påkrevd ved «Ikke godkjent».",
            )

    @property
    def knapper(self) -> list[masse.Handling]:
        return [masse.HANDLINGER[h] for h in self.handlinger]

    def clean(self):
        data = super().clean()
        if self.handling not in self.handlinger:
            raise forms.ValidationError("Velg en handling for de valgte journalpostene.")
        if self.handling == "fordel" and not self.fordeler:
            raise forms.ValidationError("Bare arkivet og lederne for enhetene fordeler post.")
        h = masse.HANDLINGER[self.handling]
        try:
            h.sjekk(None, data)
        except DomainError as feil:
            if feil.field in self.fields and feil.field not in self.errors:
                self.add_error(feil.field, feil.message)
            elif feil.field not in self.fields:
                raise forms.ValidationError(feil.message) from None
        return data

    def params(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "ider"}


def skjema(liste, user) -> MasseForm | None:
    """The bulk form of a list for the list page (None: the list has no bulk actions)."""
    handlinger = MASSEHANDLINGER.get(liste.kode)
    if not handlinger or liste.modell != arbeidslister.POST:
        return None
    return MasseForm(handlinger=handlinger, user=user)


def avvist_for(request, liste) -> list | None:
    """The refusals of the bulk action just done on this list (read once)."""
    lagret = request.session.get(OKT)
    if not lagret or lagret.get("liste") != liste.kode:
        return None
    del request.session[OKT]
    return lagret["avvist"]


def _listeadresse(liste) -> str:
    url = reverse(f"journal:{liste.side}")
    return url + (f"?vis={liste.fane}" if liste.fane else "")


def _tilbake(request, liste) -> str:
    """Back to the list as the user left it (filter, sort, page), never anywhere else."""
    tilbake = request.POST.get("tilbake", "")
    side = reverse(f"journal:{liste.side}")
    if (
        tilbake.startswith(side)
        and (tilbake[len(side) :][:1] in ("", "?"))
        and url_has_allowed_host_and_scheme(tilbake, allowed_hosts={request.get_host()})
    ):
        return tilbake
    return _listeadresse(liste)


def _side(request, liste, form, tilbake, resultat=None, status=200):
    return render(
        request,
        "journal/masse.html",
        {"liste": liste, "form": form, "tilbake": tilbake, "resultat": resultat},
        status=status,
    )


@login_required
@require_POST
def utfor(request, liste):
    arbeidsliste = arbeidslister.ETTER_KODE.get(liste)
    handlinger = MASSEHANDLINGER.get(liste)
    if arbeidsliste is None or not handlinger:
        raise Http404("Listen har ingen massehandlinger.")
    handling = request.POST.get("handling", "")
    form = MasseForm(request.POST, handlinger=handlinger, user=request.user, handling=handling)
    tilbake = _tilbake(request, arbeidsliste)
    if not form.is_valid():
        return _side(request, arbeidsliste, form, tilbake, status=UGYLDIG)
    try:
        resultat = masse.utfor(request.user, handling, form.cleaned_data["ider"], **form.params())
    except DomainError as feil:
        return _side(request, arbeidsliste, form, tilbake, status=vis_feil(form, feil))
    if not resultat.utfort:
        return _side(request, arbeidsliste, form, tilbake, resultat, status=resultat.status)
    messages.success(request, resultat.oppsummering + ".")
    if resultat.avvist:
        request.session[OKT] = {
            "liste": liste,
            "avvist": [{"nummer": a.nummer, "grunn": a.grunn} for a in resultat.avvist],
        }
    return redirect(tilbake)


urlpatterns = [
    path("arbeidslister/<slug:liste>/masse/", utfor, name="masse"),
]
