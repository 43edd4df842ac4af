"""The committee treatment of a committee draft, as a panel on the journal post page
(settings.SAKSARKIV_JOURNALPOST_PANELER) and the action that adds a committee."""

from django.contrib.auth.decorators import login_required
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from journal.models import Journalposttype
from journal.views.felles import hent_journalpost
from journal.views.journalposter import skjema_handling

from ..forms import BehandlingForm
from ..services import sett_behandling


def behandling_panel(request, post, context) -> str | None:
    """«Behandling i utvalg» on a saksframlegg's page; the form when the rule allows it."""
    if post.journalposttype != Journalposttype.SAKSFRAMLEGG:
        return None
    tillatelser = context["tillatelser"]
    return render_to_string(
        "utvalg/_behandling.html",
        {
            "post": post,
            "behandlinger": post.behandlinger.select_related("utvalg"),
            "kan_endre": tillatelser.kan.behandling,
            "behandling_form": context.get("behandling_form") or BehandlingForm(),
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
        lambda d: sett_behandling(request.user, post, d["utvalg"], sakstype=d["sakstype"]),
        "Behandlingen er lagt til.",
    )
