"""After the meeting, on the meeting page (utvalg/protokollforing.py has the rules): close
the meeting, publish the minutes and the decisions list, register the chair's approval;
and on an item's page, edit its stock phrases and decision before the lock or correct them
with a reason after. Plain forms; refusals come back beside their fields."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from saksarkiv.forms import KONFLIKT, UGYLDIG
from saksarkiv.services import DomainError

from .. import innkalling, protokollforing
from .. import tillatelser as regler
from ..models import Mote, Motestatus, Sakskartpunkt
from .sakskart import synlige_poster


def kontekst(user, mote: Mote, feil: list | None = None) -> dict:
    """The meeting page's section «Etter møtet»: what is published, and the secretary's
    next step."""
    sekretar = regler.utvalg(user, mote.utvalg).kan.moter
    if mote.status not in (Motestatus.INNKALT, Motestatus.GJENNOMFORT,
                           Motestatus.PROTOKOLL_GODKJENT):  # fmt: skip
        return {"protokoll_vis": False}
    dokumenter = protokollforing.dokumenter(mote)
    synlige = synlige_poster(user, [d.journalpost_id for d in dokumenter])
    for d in dokumenter:
        d.post = synlige.get(d.journalpost_id)
    typer = {d.type for d in dokumenter}
    return {
        "protokoll_vis": sekretar or bool(dokumenter),
        "protokoll_sekretar": sekretar,
        "protokoll_dokumenter": [d for d in dokumenter if d.post is not None],
        "protokoll_publisert": bool(typer & set(protokollforing.PROTOKOLLER)),
        "vedtaksliste_publisert": protokollforing.T.VEDTAKSLISTE in typer,
        "protokoll_feil": feil or [],
        "kan_lese_protokoll": sekretar and innkalling.kan_lese_alt(user, mote),
        "kan_godkjenne_leder": mote.status == Motestatus.GJENNOMFORT
        and regler.mote(user, mote).kan.godkjenn_protokoll,
    }


def _mote(pk) -> Mote:
    return get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)


def _utfor(request, pk, handling, melding):
    mote = _mote(pk)
    try:
        handling(request.user, mote)
    except DomainError as error:
        from .moter import vis_mote

        return vis_mote(request, mote, error.status or KONFLIKT,
                        protokoll_feil=[error.message, *error.details])  # fmt: skip
    messages.success(request, melding)
    return redirect(reverse("utvalg:mote", args=[mote.pk]) + "#protokoll")


@login_required
@require_POST
def avslutt(request, pk):
    return _utfor(request, pk, protokollforing.avslutt,
                  "Møtet er avsluttet. Saksbehandlerne får beskjed om vedtakene.")  # fmt: skip


@login_required
@require_POST
def publiser_protokoll(request, pk):
    return _utfor(request, pk, protokollforing.publiser_protokoll,
                  "Protokollen er publisert i møtesaken (ikke godkjent).")  # fmt: skip


@login_required
@require_POST
def publiser_vedtaksliste(request, pk):
    return _utfor(request, pk, protokollforing.publiser_vedtaksliste,
                  "Vedtakslisten er publisert.")  # fmt: skip


@login_required
@require_POST
def godkjenn(request, pk):
    return _utfor(request, pk, protokollforing.godkjenn_av_leder,
                  "Protokollen er godkjent og låst.")  # fmt: skip


def _punkt(pk) -> Sakskartpunkt:
    return get_object_or_404(
        Sakskartpunkt.objects.select_related("mote__utvalg", "behandling__journalpost"),
        pk=pk, trukket__isnull=True,
    )  # fmt: skip


@login_required
@require_POST
def protokolltekst(request, pk):
    """An item's stock phrases (setning-<vote id>) and decision in the minutes: edited
    before the lock; after it a correction, which needs its reason (grunn)."""
    from .behandling_i_mote import vis_punkt

    punkt = _punkt(pk)
    regler.utvalg(request.user, punkt.mote.utvalg).krev_side("moter")
    setninger = {
        navn.removeprefix("setning-"): verdi for navn, verdi in request.POST.items()
        if navn.startswith("setning-") and navn.removeprefix("setning-").isdigit()
    }  # fmt: skip
    vedtak = request.POST.get("vedtak") if "vedtak" in request.POST else None
    try:
        if punkt.mote.status == Motestatus.PROTOKOLL_GODKJENT:
            protokollforing.korriger(request.user, punkt, grunn=request.POST.get("grunn", ""),
                                     vedtak=vedtak, setninger=setninger)  # fmt: skip
            melding = "Rettelsen er registrert, og protokollen har fått en ny versjon."
        else:
            protokollforing.rediger(request.user, punkt, vedtak=vedtak, setninger=setninger)
            melding = "Protokollteksten er lagret. Lag protokollen på nytt når du er ferdig."
    except DomainError as error:
        return vis_punkt(request, punkt, error.status or (UGYLDIG if error.field else KONFLIKT),
                         tekst_feil=error,
                         post_data=request.POST)  # fmt: skip
    messages.success(request, melding)
    return redirect(reverse("utvalg:behandling_i_mote", args=[punkt.pk]) + "#protokolltekst")
