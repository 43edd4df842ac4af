"""The decision page of «Til offentlighetsvurdering»: the leader (or archive on the leader's
behalf) sees a temporarily restricted post with its documents and decides its screening."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path

from saksarkiv import access
from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.services import DomainError
from saksarkiv.tillatelser import INGEN_TILGANG

from ..forms import OffentlighetsvurderingForm
from ..models import Dokument, Journalpost
from ..services import offentlighet, tillatelser
from ..services.dokumenter import format_for_mimetype, storrelse_tekst
from .felles import hent_journalpost

TEMPLATE = "journal/offentlighetsvurdering.html"


def _context(request, post, form, **extra) -> dict:
    user = request.user
    innsyn = access.can_read(user, post)
    vis_parter = innsyn or not post.skjerm_korrespondanseparter
    dokumenter = [
        {
            "dokument": d,
            "format": format_for_mimetype(d.mimetype),
            "storrelse": storrelse_tekst(d.storrelse),
        }
        for d in Dokument.objects.readable_by(user)
        .filter(journalpost=post)
        .order_by("tilknyttet_registrering_som", "dokumentnummer")
    ]
    return {
        "post": post,
        "sak": post.saksmappe,
        "innsyn": innsyn,
        "parter": list(post.korrespondanseparter.all()) if vis_parter else None,
        "dokumenter": dokumenter,
        "frist": offentlighet.frist(post),
        "paa_vegne": offentlighet.paa_vegne_av_leder(user, post),
        "tillatelser": tillatelser.journalpost(user, post),
        "form": form,
        "grupper": form.grupper(),
        "feil": None,
        **extra,
    }


@login_required
def vurder_offentlighet(request, pk):
    post = hent_journalpost(request.user, pk)
    avslag = tillatelser.journalpost(request.user, post)["offentlighetsvurder"]
    if avslag is not None and avslag.status == INGEN_TILGANG:
        raise PermissionDenied(avslag.grunn)
    if request.method != "POST":
        if avslag is not None:
            messages.info(request, avslag.grunn)
            return redirect("journal:journalpost", post.pk)
        form = OffentlighetsvurderingForm(post=post)
        return render(request, TEMPLATE, _context(request, post, form))

    form = OffentlighetsvurderingForm(request.POST, post=post)
    if not form.is_valid():
        return render(request, TEMPLATE, _context(request, post, form), status=UGYLDIG)
    data = form.cleaned_data
    try:
        post = offentlighet.vurder_offentlighet(
            request.user,
            post,
            vedtak=data["vedtak"],
            tilgangskode=data["tilgangskode"],
            skjermingshjemmel=data["skjermingshjemmel"],
            skjermede_ord=data["skjermede_ord"],
            offentlig_tittel=data["offentlig_tittel"],
            skjerm_korrespondanseparter=data["skjerm_korrespondanseparter"],
            skjerm_dokumenter=data["skjerm_dokumenter"],
            vurdert_meroffentlighet=data["vurdert_meroffentlighet"],
            navn_kan_vises=data.get("navn_kan_vises", False),
            merknad=data["merknad"],
            sett_versjon=data["versjon"],
        )
    except DomainError as error:
        status = vis_feil(form, error)
        if status == KONFLIKT:
            # The post changed or the rules refused: show it as it is now, with a fresh form.
            post = hent_journalpost(request.user, post.pk)
            form = OffentlighetsvurderingForm(post=post)
            return render(
                request, TEMPLATE, _context(request, post, form, feil=error), status=status
            )
        return render(request, TEMPLATE, _context(request, post, form), status=status)
    if post.tilgangskode_id is None:
        melding = f"Journalpost {post.saksdokumentnummer} er offentlig: tilgangskoden er fjernet."
    else:
        melding = (
            f"Journalpost {post.saksdokumentnummer} er unntatt offentlighet med "
            f"{post.tilgangskode_id} ({post.skjermingshjemmel})."
        )
    messages.success(request, melding)
    if not access.can_read(request.user, Journalpost.objects.get(pk=post.pk)):
        messages.info(
            request,
            f"Du har ikke klarering for {post.tilgangskode_id} og ser nå den offentlige tittelen.",
        )
    return redirect("journal:journalpost", post.pk)


urlpatterns = [
    path(
        "journalposter/<int:pk>/offentlighetsvurdering/",
        vurder_offentlighet,
        name="vurder_offentlighet",
    ),
]
