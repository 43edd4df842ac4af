"""Back to the case (utvalg/ekspedering.py): the «Politisk behandling» panel on the case's
journal posts (settings.SAKSARKIV_JOURNALPOST_PANELER), «Mine vedtak å ekspedere» and its
actions. Titles and decisions go through the access chokepoint."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from journal.models import Journalpost
from saksarkiv.forms import KONFLIKT
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside
from saksarkiv.riktekst import rens
from saksarkiv.services import DomainError

from .. import ekspedering
from ..models import Sakskartpunkt


def politisk_behandling_panel(request, sak, context) -> str | None:
    """«Politisk behandling» on the case page: the treatments of every post in the case,
    in one query; the decision only for those who may read the draft."""
    punkter = ekspedering.behandlinger_i_saken(request.user, sak.pk)
    if not punkter:
        return None
    for p in punkter:
        p.holdt = p.mote.status in ekspedering.HOLDT
        p.vedtak_html = mark_safe(rens(p.vedtak)) if p.innsyn else ""  # noqa: S308 - cleaned
    return render_to_string(
        "utvalg/_politisk_behandling.html",
        {"sak": sak, "punkter": punkter,
         "mine": any(p.behandling.journalpost.saksbehandler_id == request.user.pk
                     and p.holdt and p.resultat in ekspedering.VEDTATT and not p.ekspedert
                     for p in punkter)},
        request=request,
    )  # fmt: skip


class MineVedtak(LoginRequiredMixin, Listeside):
    """«Mine vedtak å ekspedere»: the user's decided political cases from held meetings
    that are not yet marked expedited, the oldest meeting first."""

    template_name = "utvalg/vedtak.html"
    sorteringer = (
        Sortering("eldst", "Eldste møte først", (("mote__dato", False),)),
        Sortering("nyest", "Nyeste møte først", (("mote__dato", True),)),
    )

    def get_queryset(self):
        return ekspedering.a_ekspedere(self.request.user)

    def rader(self):
        return Sakskartpunkt.objects.select_related("mote__utvalg", "behandling", "saksutskrift")

    def vis(self, rader):
        """Each row's draft as the user may see it (screened title, `innsyn`)."""
        poster = (
            Journalpost.objects.visible_to(self.request.user)
            .select_related("saksmappe", "tilgangskode")
            .in_bulk([p.behandling.journalpost_id for p in rader])
        )
        for p in rader:
            p.post = poster.get(p.behandling.journalpost_id)
        return [p for p in rader if p.post is not None]

    def get_context_data(self, liste):
        return liste.context() | {"feil": getattr(self, "feil", None)}


mine_vedtak = MineVedtak.as_view()


def _vis_med_feil(request, error: DomainError):
    """The list again with the refusal on top, answered with its status (403/409)."""
    side = MineVedtak()
    side.setup(request)
    side.feil = error
    liste = side.liste()
    return render(request, side.template_name, side.get_context_data(liste),
                  status=error.status or KONFLIKT)  # fmt: skip


def _handling(request, pk, tjeneste):
    punkt = get_object_or_404(Sakskartpunkt, pk=pk, behandling__isnull=False)
    try:
        return tjeneste(request.user, punkt), punkt
    except DomainError as error:
        return error, punkt


@login_required
@require_POST
def saksutskrift(request, pk):
    svar, punkt = _handling(request, pk, ekspedering.lag_saksutskrift)
    if isinstance(svar, DomainError):
        return _vis_med_feil(request, svar)
    messages.success(request, f"Saksutskriften er registrert i saken som "
                              f"{svar.saksmappe.saksnummer}-{svar.dokumentnummer}.")  # fmt: skip
    return redirect(reverse("utvalg:vedtak") + f"#punkt-{punkt.pk}")


@login_required
@require_POST
def partsbrev(request, pk):
    svar, _punkt = _handling(request, pk, ekspedering.skriv_partsbrev)
    if isinstance(svar, DomainError):
        return _vis_med_feil(request, svar)
    messages.success(request, "Partsbrevet er registrert med vedtaket flettet inn. Skriv ferdig "
                              "og send det som et vanlig utgående brev.")  # fmt: skip
    return redirect("utvalg:tekst", svar.pk)


@login_required
@require_POST
def ekspeder(request, pk):
    svar, punkt = _handling(request, pk, ekspedering.merk_ekspedert)
    if isinstance(svar, DomainError):
        return _vis_med_feil(request, svar)
    messages.success(request, f"{punkt.saksnummer} er merket som ekspedert.")
    return redirect("utvalg:vedtak")
