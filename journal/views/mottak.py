"""Approvals (sent to me and sent by me) and archive's registration of incoming mail. The
named worklists are in `arbeidsliste.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat
from django.shortcuts import redirect, render
from django.urls import path

from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.services import DomainError

from ..forms import InngaaendeForm
from ..models import (
    Godkjenning,
    Godkjenningssvar,
    Journalpost,
)
from ..services import avskrivning, inngaaende, tillatelser


def _liste(user):
    return avskrivning.med_restanse(
        Journalpost.objects.visible_to(user).select_related(
            "saksmappe", "administrativ_enhet", "saksbehandler", "tilgangskode"
        )
    )


@login_required
def godkjenninger(request):
    """Posts waiting for my approval, and what I have sent for approval."""
    user = request.user
    venter = Godkjenning.objects.filter(
        journalpost=OuterRef("pk"), svar=Godkjenningssvar.VENTER, sendt_til=user
    ).order_by("-sendt")
    til_meg = (
        _liste(user)
        .filter(godkjenninger__svar=Godkjenningssvar.VENTER, godkjenninger__sendt_til=user)
        # Who sent it, when, and the message (the table shows the message with innsyn only).
        .annotate(
            flagg_sendt_av=Subquery(
                venter.annotate(
                    navn=Concat("sendt_av__first_name", Value(" "), "sendt_av__last_name")
                ).values("navn")[:1]
            ),
            flagg_sendt=Subquery(venter.values("sendt")[:1]),
            flagg_melding=Subquery(venter.values("melding")[:1]),
        )
        .order_by("journaldato")
    )
    sendt = (
        Godkjenning.objects.filter(sendt_av=user)
        .select_related("journalpost__saksmappe", "sendt_til")
        .order_by("-sendt")[:30]
    )
    sendte_poster = {
        p.pk: p
        for p in Journalpost.objects.visible_to(user).filter(
            pk__in=[g.journalpost_id for g in sendt]
        )
    }
    return render(
        request,
        "journal/godkjenninger.html",
        {
            "til_meg": til_meg,
            "sendt": [(g, sendte_poster.get(g.journalpost_id)) for g in sendt],
        },
    )


@login_required
def registrer_inngaaende(request):
    user = request.user
    if avslag := tillatelser.bruker(user)["registrer_inngaaende"]:
        raise PermissionDenied(avslag.grunn)
    status = 200
    if request.method == "POST":
        form = InngaaendeForm(request.POST, request.FILES, user=user)
        if form.is_valid():
            d = form.cleaned_data
            try:
                post = inngaaende.registrer_inngaaende(
                    user,
                    tittel=d["tittel"],
                    offentlig_tittel=d["offentlig_tittel"],
                    tilgangskode=d["tilgangskode"] and d["tilgangskode"].pk,
                    skjermingshjemmel=d["skjermingshjemmel"],
                    saksmappe=d["saksnummer"],
                    avsender=d["avsender"],
                    adresse=d["adresse"],
                    postnummer=d["postnummer"],
                    poststed=d["poststed"],
                    epost=d["epost"],
                    avsender_som_part=d["avsender_som_part"],
                    dokumentdato=d["dokumentdato"],
                    forfallsdato=d["forfallsdato"],
                    skjerm_korrespondanseparter=d["skjerm_korrespondanseparter"],
                    administrativ_enhet=d["administrativ_enhet"],
                    saksbehandler=d["saksbehandler"],
                    filer=(d["fil"], d["vedlegg"]),
                )
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(
                    request,
                    f"Journalpost {post.saksdokumentnummer} ({post.journalpostnummer}) er "
                    "registrert.",
                )
                return redirect("journal:journalpost", post.pk)
        else:
            status = UGYLDIG
    else:
        form = InngaaendeForm(user=user)
    return render(request, "journal/registrer_inngaaende.html", {"form": form}, status=status)


urlpatterns = [
    path("godkjenninger/", godkjenninger, name="godkjenninger"),
    path("inngaaende/ny/", registrer_inngaaende, name="registrer_inngaaende"),
]
