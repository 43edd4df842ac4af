"""The committee treatments of a journal post: the panel on the post page
(settings.SAKSARKIV_JOURNALPOST_PANELER) and its actions — enrol a committee draft (PS) or a
delegated decision (DS) to committees in order, move or remove them, mark a delegated
decision ready to be reported, and «Referer i utvalg» (RS) on any post."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from journal.views.felles import hent_journalpost
from journal.views.journalposter import enkel_handling, skjema_handling

from .. import services
from ..forms import BehandlingForm, PlanleggForm, RefererForm
from ..models import Behandling, Sakstype


def behandling_panel(request, post, context) -> str | None:
    """«Behandling i utvalg»: the post's treatments and the forms the rules allow."""
    tillatelser = context["tillatelser"]
    behandlinger = list(post.behandlinger.select_related("utvalg", "tilgangskode"))
    kan_melde_opp = post.journalposttype in services.SAKSTYPE_FOR and tillatelser.kan.behandling
    kan_referere = tillatelser.kan.referer
    if not (behandlinger or kan_melde_opp or kan_referere):
        return None
    for b in behandlinger:
        b.kan_endre = (
            tillatelser.kan.referer
            if b.sakstype == Sakstype.REFERAT
            else tillatelser.kan.behandling
        ) and not (b.sakstype == Sakstype.DELEGERT and b.klar)
        b.kan_melde_klar = (
            b.sakstype == Sakstype.DELEGERT and not b.klar and tillatelser.kan.meld_klar
        )
        b.kan_planlegge = b.sakstype == Sakstype.POLITISK and tillatelser.kan.planlegg
    return render_to_string(
        "utvalg/_behandling.html",
        {
            "post": post,
            "behandlinger": behandlinger,
            "sakstype": services.SAKSTYPE_FOR.get(post.journalposttype),
            "kan_melde_opp": kan_melde_opp,
            "kan_referere": kan_referere,
            "behandling_form": context.get("behandling_form") or BehandlingForm(),
            "referer_form": context.get("referer_form") or RefererForm(),
            "planlegg_form": context.get("planlegg_form"),
        },
        request=request,
    )


@login_required
@require_POST
def behandling(request, pk):
    post = hent_journalpost(request.user, pk)
    return skjema_handling(
        request,
        post,
        BehandlingForm,
        "behandling_form",
        lambda d: services.sett_behandling(
            request.user,
            post,
            d["utvalg"],
            sakstype=services.SAKSTYPE_FOR.get(post.journalposttype, ""),
            tilgangskode=d["tilgangskode"],
            skjermingshjemmel=d["skjermingshjemmel"],
        ),  # fmt: skip
        "Saken er meldt opp til utvalget.",
        "#behandling",
    )


@login_required
@require_POST
def referer(request, pk):
    post = hent_journalpost(request.user, pk)
    return skjema_handling(
        request,
        post,
        RefererForm,
        "referer_form",
        lambda d: services.referer(
            request.user,
            post,
            d["utvalg"],
            tilgangskode=d["tilgangskode"],
            skjermingshjemmel=d["skjermingshjemmel"],
        ),  # fmt: skip
        "Journalposten er referert i utvalg.",
        "#behandling",
    )


def _behandling_handling(request, pk, action, melding):
    behandling = get_object_or_404(Behandling, pk=pk)
    post = hent_journalpost(request.user, behandling.journalpost_id)
    return enkel_handling(
        request, post, lambda: action(request.user, behandling), melding, "#behandling"
    )


@login_required
@require_POST
def fjern_behandling(request, pk):
    return _behandling_handling(request, pk, services.fjern_behandling, "Behandlingen er fjernet.")


@login_required
@require_POST
def flytt_behandling(request, pk):
    return _behandling_handling(request, pk, services.flytt_opp, "Rekkefølgen er endret.")


@login_required
@require_POST
def meld_klar(request, pk):
    return _behandling_handling(
        request, pk, services.meld_klar, "Vedtaket er meldt klart til referering."
    )


@login_required
@require_POST
def planlegg(request, pk):
    behandling = get_object_or_404(Behandling.objects.select_related("utvalg"), pk=pk)
    post = hent_journalpost(request.user, behandling.journalpost_id)
    return skjema_handling(
        request,
        post,
        PlanleggForm,
        "planlegg_form",
        lambda d: services.planlegg(request.user, behandling, d["dato"]),
        f"Planlagt møte i {behandling.utvalg.navn} er lagret.",
        "#behandling",
    )
