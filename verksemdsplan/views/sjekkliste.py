"""Pages of the internal-control checklist: the overview across units, a unit's answers for
a year, and the chief executive's page that keeps the checklist. Thin: every change through
services/sjekkliste.py and its rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.models import AdministrativEnhet
from saksarkiv.services import DomainError

from ..forms.sjekkliste import (
    AarForm,
    AktivForm,
    ForemaalForm,
    KontrolltypeForm,
    SjekkpunktForm,
    SvarForm,
)
from ..services import sjekkliste as tenester
from ..tillatelser import sjekkliste as regler


def _aar(request) -> int:
    form = AarForm(request.GET)
    return form.cleaned_data["aar"] if form.is_valid() else timezone.localdate().year


@login_required
def oversikt(request):
    regler.katalog(request.user).krev_side("oversikt")
    aar = _aar(request)
    foremaal, rader = tenester.oversikt(request.user, aar)
    return render(request, "verksemdsplan/sjekkliste/oversikt.html", {
        "aar": aar, "foremaal": foremaal, "rader": rader,
        "kan_halde": regler.katalog(request.user).kan.hald,
    })  # fmt: skip


def _vis_eining(request, enhet, aar, form=None, status=200):
    kan = regler.svar(request.user, enhet)
    foremaal = tenester.katalog()
    punkt = [p for f in foremaal for t in f.typar.all() for p in t.sjekkpunkt.all()]
    svar = tenester.svar_for(enhet, aar)
    form = form or SvarForm(sjekkpunkt=punkt, svar=svar)
    for p in punkt:
        p.eige_svar = svar.get(p.pk)
        if kan.kan.svar:
            p.status_felt, p.kommentar_felt = form[f"status-{p.pk}"], form[f"kommentar-{p.pk}"]
    return render(request, "verksemdsplan/sjekkliste/eining.html", {
        "enhet": enhet, "aar": aar, "foremaal": foremaal, "form": form, "svar": svar,
        "kan_svare": kan.kan.svar,
    }, status=status)  # fmt: skip


@login_required
def eining(request, enhet, aar):
    if not 2000 <= aar <= 2100:
        raise Http404
    enhet = get_object_or_404(AdministrativEnhet, pk=enhet)
    kan = regler.svar(request.user, enhet)
    if request.method != "POST":
        kan.krev_side("se")
        return _vis_eining(request, enhet, aar)
    kan.krev_side("svar")
    punkt = [p for f in tenester.katalog() for t in f.typar.all() for p in t.sjekkpunkt.all()]
    form = SvarForm(request.POST, sjekkpunkt=punkt, svar=tenester.svar_for(enhet, aar))
    if not form.is_valid():
        return _vis_eining(request, enhet, aar, form, UGYLDIG)
    try:
        antal = tenester.svar(request.user, enhet, aar, form.svar())
    except DomainError as error:
        return _vis_eining(request, enhet, aar, form, vis_feil(form, error))
    messages.success(request, _("Sjekklisten er lagret (%(antall)s endret).") % {"antall": antal})
    return redirect("verksemdsplan:sjekkliste_eining", enhet.pk, aar)


SKJEMA = {
    "foremaal": (ForemaalForm, lambda u, d: tenester.nytt_foremaal(u, **d)),
    "type": (KontrolltypeForm, lambda u, d: tenester.ny_kontrolltype(
        u, d["foremaal"], namn=d["namn"], rekkefolge=d["rekkefolge"])),
    "punkt": (SjekkpunktForm, lambda u, d: tenester.nytt_sjekkpunkt(
        u, d["type"], sporsmaal=d["sporsmaal"], rekkefolge=d["rekkefolge"])),
    "aktiv": (AktivForm, lambda u, d: tenester.sett_aktiv(u, d["sjekkpunkt"], d["aktiv"])),
}  # fmt: skip


@login_required
def katalog(request):
    """The chief executive keeps the checklist: føremål → kontrolltype → sjekkpunkt."""
    regler.katalog(request.user).krev_side("hald")
    skjema = {k: f() for k, (f, _t) in SKJEMA.items()}
    status = 200
    if request.method == "POST":
        handling = request.POST.get("handling")
        if handling not in SKJEMA:
            status = UGYLDIG
            messages.error(request, _("Ukjent handling."))
        else:
            klasse, teneste = SKJEMA[handling]
            form = skjema[handling] = klasse(request.POST)
            if form.is_valid():
                try:
                    teneste(request.user, form.cleaned_data)
                except DomainError as error:
                    status = vis_feil(form, error)
                else:
                    messages.success(request, _("Sjekklisten er oppdatert."))
                    return redirect("verksemdsplan:sjekkliste_katalog")
            else:
                status = UGYLDIG
    return render(request, "verksemdsplan/sjekkliste/katalog.html", {
        "foremaal": tenester.katalog(berre_aktive=False), "skjema": skjema,
    }, status=status)  # fmt: skip
