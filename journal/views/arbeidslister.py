"""The journal's inboxes: the caseworker's Innboks, the leader's undistributed posts and
approvals, the kopiboks, archive's journalising list and its registration of incoming mail.
Every list comes from `Journalpost.objects.visible_to(user)` with what the table shows
joined in, so a page costs the same few queries however long it is."""

from functools import reduce
from operator import or_

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.urls import path

from saksarkiv import access
from saksarkiv.models import LEDERLINJE, Rolletype
from saksarkiv.services import DomainError

from ..forms import InngaaendeForm
from ..models import (
    Godkjenning,
    Godkjenningssvar,
    Journalpost,
    Journalposttype,
    Journalstatus,
    Korrespondanseparttype,
)
from ..services import avskrivning, inngaaende
from .felles import UGYLDIG, vis_feil

SIDE = 50
T = Journalposttype
J = Journalstatus


def _liste(user):
    return avskrivning.med_restanse(
        Journalpost.objects.visible_to(user).select_related(
            "saksmappe", "administrativ_enhet", "saksbehandler", "tilgangskode"
        )
    )


def _side(request, template, qs, **context):
    page = Paginator(qs, SIDE).get_page(request.GET.get("side"))
    return render(request, template, {"side": page, "query": "", **context})


def _innenfor(units) -> Q:
    """Posts in any of the units (and their subtrees)."""
    return reduce(
        or_,
        (Q(administrativ_enhet__path__startswith=p) for _id, p in units),
        Q(pk__in=[]),
    )


@login_required
def innboks(request):
    """Received posts given to me (I) or addressed to me (N) that are not written off.
    New ones (M) first."""
    user = request.user
    mine = Q(saksbehandler=user, journalposttype=T.INNGAENDE) | Q(
        journalposttype=T.NOTAT_MED_OPPFOLGING,
        korrespondanseparter__person=user,
        korrespondanseparter__korrespondanseparttype=Korrespondanseparttype.INTERN_MOTTAKER,
    )
    qs = (
        _liste(user)
        .filter(mine)
        .filter(avskrivning.restanse_q())
        .exclude(journalstatus__in=[J.RESERVERT, J.FERDIGSTILT])
        .distinct()
        .order_by("-journalstatus", "forfallsdato", "-journaldato", "-journalsekvensnummer")
    )
    return _side(
        request,
        "journal/liste.html",
        qs,
        overskrift="Innboks",
        ingress="Inngående post og notater til deg som ikke er avskrevet. Nye (M) øverst.",
        tom="Innboksen er tom.",
    )


@login_required
def ufordelte(request):
    """«Ufordelte journalposter»: the unit's received posts with no caseworker."""
    user = request.user
    units = access.role_units(user, *LEDERLINJE)
    if not (units or access.is_archive(user)):
        raise PermissionDenied("Listen er for ledere og arkivet.")
    qs = _liste(user).filter(
        saksbehandler__isnull=True,
        journalposttype__in=[T.INNGAENDE, T.NOTAT_MED_OPPFOLGING],
        journalstatus__in=[J.MIDLERTIDIG, J.REGISTRERT_AV_SB],
    )
    if not access.is_archive(user) and not access.has_role(user, Rolletype.RADMANN):
        qs = qs.filter(_innenfor(units))
    return _side(
        request,
        "journal/liste.html",
        qs.order_by("journaldato", "journalsekvensnummer"),
        overskrift="Ufordelte journalposter",
        ingress="Mottatt post uten saksbehandler i enhetene du leder. Åpne posten for å fordele.",
        tom="Ingen ufordelte journalposter.",
    )


@login_required
def godkjenninger(request):
    """Posts waiting for my approval, and what I have sent for approval."""
    user = request.user
    til_meg = (
        _liste(user)
        .filter(godkjenninger__svar=Godkjenningssvar.VENTER, godkjenninger__sendt_til=user)
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
def kopiboks(request):
    user = request.user
    qs = (
        _liste(user)
        .filter(
            korrespondanseparter__person=user,
            korrespondanseparter__korrespondanseparttype=Korrespondanseparttype.INTERN_KOPIMOTTAKER,
        )
        .distinct()
        .order_by("-journaldato", "-journalsekvensnummer")
    )
    return _side(
        request,
        "journal/liste.html",
        qs,
        overskrift="Kopiboks",
        ingress="Journalposter du har fått intern kopi av.",
        tom="Ingen kopier.",
    )


def klar_for_journalforing() -> Q:
    return (
        Q(journalposttype=T.INNGAENDE, journalstatus=J.REGISTRERT_AV_SB)
        | Q(
            journalposttype__in=[T.UTGAENDE, T.NOTAT_MED_OPPFOLGING],
            journalstatus=J.EKSPEDERT,
        )
        | Q(journalposttype=T.NOTAT_UTEN_OPPFOLGING, journalstatus=J.FERDIGSTILT)
        | Q(journalposttype=T.SAKSFRAMLEGG, journalstatus=J.FERDIGSTILT, behandlingsstatus="KL")
    )


@login_required
def journalforing(request):
    """Archive: posts ready to be journalised (J), and incoming posts still waiting for
    their caseworker (M)."""
    user = request.user
    if not access.is_archive(user):
        raise PermissionDenied("Listen er for arkivtjenesten.")
    vis = request.GET.get("vis", "klar")
    if vis == "midlertidig":
        qs = _liste(user).filter(journalstatus=J.MIDLERTIDIG)
    else:
        vis = "klar"
        qs = _liste(user).filter(klar_for_journalforing())
    return _side(
        request,
        "journal/liste.html",
        qs.order_by("journaldato", "journalsekvensnummer"),
        overskrift="Journalføring",
        ingress="Ferdige, ekspederte og kontrollerte journalposter som venter på arkivet.",
        tom="Ingenting venter på journalføring.",
        faner=[
            ("klar", "Klar for journalføring", vis == "klar"),
            ("midlertidig", "Midlertidig registrert (M)", vis == "midlertidig"),
        ],
    )


@login_required
def registrer_inngaaende(request):
    user = request.user
    if not access.is_archive(user):
        raise PermissionDenied("Registrering av inngående post er for arkivtjenesten.")
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
    path("innboks/", innboks, name="innboks"),
    path("ufordelte/", ufordelte, name="ufordelte"),
    path("godkjenninger/", godkjenninger, name="godkjenninger"),
    path("kopiboks/", kopiboks, name="kopiboks"),
    path("journalforing/", journalforing, name="journalforing"),
    path("inngaaende/ny/", registrer_inngaaende, name="registrer_inngaaende"),
]
