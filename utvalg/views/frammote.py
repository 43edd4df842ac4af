"""Attendance on the meeting page, for the secretary (utvalg/frammote.py has the rules):
start the roll call, correct a row, register a substitute who met, and changes during the
meeting per item. Plain forms; each refusal comes back beside its field."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.services import DomainError

from .. import frammote, sakskart
from .. import tillatelser as regler
from ..forms import EndringForm, FrammoteStatusForm, VaraMotteForm
from ..models import Frammote, Frammotestatus, Medlem, Medlemsrolle, Mote, Sakskartpunkt


def _skjemaer(mote, opprop, data=None, hvilket=None):
    seter = (
        Medlem.objects.gyldige(mote.dato)
        .filter(utvalg=mote.utvalg_id)
        .select_related("person", "parti")
    )
    pa_listen = [r.medlem_id for r in opprop]
    borte = [r.medlem_id for r in opprop if r.status != Frammotestatus.MOTT and not r.vara_for_id]
    punkter = Sakskartpunkt.objects.filter(
        mote=mote, trukket__isnull=True, behandling__isnull=False
    )
    return {
        "vara_form": VaraMotteForm(
            data if hvilket == "vara" else None,
            varaer=seter.filter(rolle=Medlemsrolle.VARAMEDLEM).exclude(pk__in=pa_listen),
            borte=seter.filter(pk__in=borte),
        ),
        "endring_form": EndringForm(
            data if hvilket == "endring" else None, punkter=punkter, seter=seter
        ),  # fmt: skip
    }


def kontekst(user, mote: Mote, skjemaer: dict | None = None) -> dict:
    """The meeting page's attendance section (the secretary, once the notice is out)."""
    if not (regler.utvalg(user, mote.utvalg).kan.moter and mote.status in frammote.I_MOTET):
        return {"frammote_vis": False}
    opprop = list(
        Frammote.objects.filter(mote=mote)
        .select_related("medlem__person", "medlem__parti", "vara_for__person")
        .order_by("vara_for_id", "medlem__person__last_name")
    )  # fmt: skip
    per_sak = []
    if opprop:
        tilstede = frammote.tilstede(mote)
        per_sak = [tilstede[p.pk] for p in sakskart.aktive(mote) if p.pk in tilstede]
    return {
        "frammote_vis": True,
        "opprop": opprop,
        "frammote_per_sak": per_sak,
        **(skjemaer or _skjemaer(mote, opprop)),
    }


def _mote(pk) -> Mote:
    return get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)


def _tilbake(mote):
    return redirect(reverse("utvalg:mote", args=[mote.pk]) + "#frammote")


def _vis(request, mote, status, skjemaer):
    from .moter import vis_mote

    return vis_mote(request, mote, status, frammote_skjemaer=skjemaer)


@login_required
@require_POST
def start_opprop(request, pk):
    mote = _mote(pk)
    regler.utvalg(request.user, mote.utvalg).krev_side("moter")
    try:
        rader = frammote.start_opprop(request.user, mote)
    except DomainError as error:
        messages.error(request, error.message)
        return _vis(request, mote, error.status or KONFLIKT, None)
    messages.success(request, f"Oppropet er startet med {len(rader)} på listen. Rett det som "
                              "ikke stemmer.")  # fmt: skip
    return _tilbake(mote)


@login_required
@require_POST
def sett_status(request, pk):
    rad = get_object_or_404(Frammote.objects.select_related("mote__utvalg", "medlem__person"),
                            pk=pk)  # fmt: skip
    regler.utvalg(request.user, rad.mote.utvalg).krev_side("moter")
    form = FrammoteStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Velg møtt, forfall eller ikke møtt.")
        return _vis(request, rad.mote, UGYLDIG, None)
    try:
        frammote.sett_status(request.user, rad, form.cleaned_data["status"])
    except DomainError as error:
        messages.error(request, error.message)
        return _vis(request, rad.mote, error.status or KONFLIKT, None)
    messages.success(request, f"Frammøtet for {rad.medlem.person.get_full_name()} er lagret.")
    return _tilbake(rad.mote)


@login_required
@require_POST
def vara_motte(request, pk):
    mote = _mote(pk)
    regler.utvalg(request.user, mote.utvalg).krev_side("moter")
    opprop = list(Frammote.objects.filter(mote=mote))
    skjemaer = _skjemaer(mote, opprop, request.POST, "vara")
    form = skjemaer["vara_form"]
    if not form.is_valid():
        return _vis(request, mote, UGYLDIG, skjemaer)
    try:
        frammote.vara_motte(request.user, mote, **form.cleaned_data)
    except DomainError as error:
        return _vis(request, mote, vis_feil(form, error), skjemaer)
    messages.success(request, "Varamedlemmet er ført opp som møtt.")
    return _tilbake(mote)


@login_required
@require_POST
def endring(request, pk):
    mote = _mote(pk)
    regler.utvalg(request.user, mote.utvalg).krev_side("moter")
    opprop = list(Frammote.objects.filter(mote=mote))
    skjemaer = _skjemaer(mote, opprop, request.POST, "endring")
    form = skjemaer["endring_form"]
    if not form.is_valid():
        return _vis(request, mote, UGYLDIG, skjemaer)
    data = dict(form.cleaned_data)
    punkt = data.pop("punkt")
    try:
        frammote.endre(request.user, punkt, **data)
    except DomainError as error:
        return _vis(request, mote, vis_feil(form, error), skjemaer)
    messages.success(request, "Endringen i frammøtet er registrert.")
    return _tilbake(mote)
