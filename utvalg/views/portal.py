"""The member portal: «Mine møter» for elected members (and anyone with a seat), one
meeting with its notice, agenda, papers and the member's private notes, absence reports,
and the secretary's «Kall inn vara». Content comes through the access chokepoint
(Journalpost/Dokument.objects.visible_to): committee members read their own committees'
exempt papers (utvalg/tilgang.py), nothing of others'."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from journal.models import Dokument, Journalpost
from saksarkiv import access
from saksarkiv.filer import fil_svar
from saksarkiv.forms import KONFLIKT, UGYLDIG
from saksarkiv.services import DomainError, IkkeTilgang

from .. import portal, sakskart
from .. import tillatelser as regler
from ..forms import ForfallForm, NotatForm
from ..models import Forfall, Medlem, Medlemsrolle, Mote, Motedokument, Notat, Sakskartpunkt


@login_required
@require_GET
def oversikt(request):
    """My committees and their meetings: coming ones first, then the last year's."""
    user = request.user
    idag = timezone.localdate()
    seter = list(Medlem.objects.gyldige(idag).filter(person=user).select_related("utvalg", "parti"))
    alle_utvalg = Medlem.objects.filter(person=user).values("utvalg")
    moter = (
        Mote.objects.filter(utvalg__in=alle_utvalg, dato__gte=idag - datetime.timedelta(days=365))
        .select_related("utvalg").order_by("dato", "klokkeslett")
    )  # fmt: skip
    forfall = set(Forfall.objects.filter(medlem__person=user).values_list("mote_id", flat=True))
    vara = set(Forfall.objects.filter(vara__person=user).values_list("mote_id", flat=True))
    innkalt = set(Motedokument.objects.filter(mote__in=moter).values_list("mote_id", flat=True))
    kommende, tidligere = [], []
    for m in moter:
        m.har_forfall, m.er_vara, m.har_innkalling = m.pk in forfall, m.pk in vara, m.pk in innkalt
        (kommende if m.dato >= idag else tidligere).append(m)
    context = {"seter": seter, "kommende": kommende, "tidligere": tidligere[::-1]}
    return render(request, "utvalg/portal.html", context)


def _mote_for(request, pk) -> Mote:
    mote = get_object_or_404(Mote.objects.select_related("utvalg__sekretaer"), pk=pk)
    try:
        portal.krev_sete(request.user, mote)
    except IkkeTilgang as error:
        raise PermissionDenied(error.message) from error
    return mote


def _vis(request, mote, status=200, **skjemaer):
    user = request.user
    seat = portal.sete(user, mote)
    punkter = sorted(
        Sakskartpunkt.objects.filter(mote=mote, innkalling__isnull=False).select_related(
            "behandling"
        ),
        key=sakskart.sorteringsnokkel,
    )
    post_ids = [p.behandling.journalpost_id for p in punkter if p.behandling_id]
    motedokumenter = list(Motedokument.objects.filter(mote=mote))
    poster = (
        Journalpost.objects.visible_to(user).select_related("saksmappe", "tilgangskode")
        .in_bulk(post_ids + [d.journalpost_id for d in motedokumenter])
    )  # fmt: skip
    dokumenter: dict[int, list] = {}
    for d in (
        Dokument.objects.visible_to(user).filter(journalpost__in=post_ids)
        .order_by("journalpost_id", "tilknyttet_registrering_som", "dokumentnummer")
    ):  # fmt: skip
        dokumenter.setdefault(d.journalpost_id, []).append(d)
    notater = {n.punkt_id: n for n in Notat.objects.filter(person=user, punkt__mote=mote)}
    for p in punkter:
        p.post = poster.get(p.behandling.journalpost_id) if p.behandling_id else None
        p.tittel = p.get_fast_display() if p.fast else (
            access.title_for(user, p.post) if p.post else "Skjermet sak")  # fmt: skip
        p.dokumenter = [d for d in dokumenter.get(p.post.pk, []) if d.innsyn] if p.post else []
        p.skjult = bool(p.post and not p.post.innsyn)
        p.notat = notater.get(p.pk)
        p.feil = (skjemaer.get("notat_feil") or {}).get(p.pk)
    hoved = dict(
        Dokument.objects.filter(
            journalpost__in=[d.journalpost_id for d in motedokumenter],
            tilknyttet_registrering_som="H",
        ).values_list("journalpost_id", "pk")
    )
    for d in motedokumenter:
        d.post = poster.get(d.journalpost_id)
        d.hoveddokument = hoved.get(d.journalpost_id)
    eget_forfall = Forfall.objects.filter(mote=mote, medlem__person=user).first()
    kan_melde = (
        seat is not None and eget_forfall is None
        and mote.status in portal.APEN and mote.dato >= timezone.localdate()
        and (seat.rolle != Medlemsrolle.VARAMEDLEM or portal.innkalt_som_vara(user, mote))
    )  # fmt: skip
    context = {
        "mote": mote,
        "sete": seat,
        "vara_for": portal.innkalt_som_vara(user, mote),
        "motedokumenter": [
            d for d in motedokumenter if d.post is not None and d.post.innsyn and d.hoveddokument
        ],
        "grupper": [
            (navn, [p for p in punkter if sakskart.gruppe(p) == kode])
            for kode, navn in sakskart.GRUPPER
        ],  # fmt: skip
        "eget_forfall": eget_forfall,
        "kan_melde": kan_melde,
        "forfall_form": skjemaer.get("forfall_form") or ForfallForm(),
    }
    return render(request, "utvalg/portal_mote.html", context, status=status)


@login_required
@require_GET
def mote(request, pk):
    return _vis(request, _mote_for(request, pk))


@login_required
@require_GET
def dokument(request, pk):
    """A paper the member may read (the chokepoint decides), for reading in the browser."""
    dokument = get_object_or_404(Dokument.objects.readable_by(request.user), pk=pk)
    pdf = bool(dokument.arkivformat)
    return fil_svar(dokument.arkivformat if pdf else dokument.fil,
                    f"dokument-{dokument.pk}.pdf" if pdf else dokument.filnavn,
                    "application/pdf" if pdf else dokument.mimetype, vedlegg=False)  # fmt: skip


@login_required
@require_POST
def forfall(request, pk):
    mote = _mote_for(request, pk)
    form = ForfallForm(request.POST)
    if not form.is_valid():
        return _vis(request, mote, UGYLDIG, forfall_form=form)
    try:
        meldt = portal.meld_forfall(request.user, mote, **form.cleaned_data)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _vis(request, mote, error.status or KONFLIKT, forfall_form=form)
    messages.success(request, f"Forfallet er meldt ({meldt.get_grunn_display().lower()}). "
                              "Møtesekretæren får beskjed og kaller inn vara.")  # fmt: skip
    return redirect("utvalg:portal_mote", mote.pk)


@login_required
@require_POST
def notat(request, pk):
    punkt = get_object_or_404(Sakskartpunkt.objects.select_related("mote__utvalg"), pk=pk)
    mote = _mote_for(request, punkt.mote_id)
    form = NotatForm(request.POST)
    if not form.is_valid():
        return _vis(request, mote, UGYLDIG, notat_feil={punkt.pk: form.errors["tekst"][0]})
    try:
        lagret = portal.lagre_notat(request.user, punkt, form.cleaned_data["tekst"])
    except DomainError as error:
        return _vis(request, mote, error.status or KONFLIKT, notat_feil={punkt.pk: error.message})
    messages.success(request, "Notatet er lagret." if lagret else "Notatet er slettet.")
    return redirect(reverse("utvalg:portal_mote", args=[mote.pk]) + f"#punkt-{punkt.pk}")


@login_required
@require_POST
def kall_inn_vara(request, pk):
    """The secretary calls in the suggested substitute from the meeting page."""
    forfall = get_object_or_404(Forfall.objects.select_related("mote__utvalg"), pk=pk)
    regler.utvalg(request.user, forfall.mote.utvalg).krev_side("moter")
    vara = None
    if request.POST.get("vara"):
        vara = Medlem.objects.filter(pk=request.POST["vara"]).first() if (
            request.POST["vara"].isdigit()) else None  # fmt: skip
        if vara is None:
            messages.error(request, "Velg et varamedlem i utvalget.")
            return redirect(reverse("utvalg:mote", args=[forfall.mote_id]) + "#forfall")
    try:
        forfall = portal.kall_inn_vara(request.user, forfall, vara)
    except DomainError as error:
        from .moter import vis_mote

        return vis_mote(request, forfall.mote, error.status or KONFLIKT,
                        forfall_feil={forfall.pk: error.message})  # fmt: skip
    messages.success(request, f"{forfall.vara.person.get_full_name()} er kalt inn og får e-post.")
    return redirect(reverse("utvalg:mote", args=[forfall.mote_id]) + "#forfall")


def forfall_kontekst(user, mote, feil=None) -> dict:
    """The meeting page's absence list for the secretary, each with its suggestion."""
    if not regler.utvalg(user, mote.utvalg).kan.moter:
        return {"forfall_liste": []}
    liste = list(
        Forfall.objects.filter(mote=mote)
        .select_related("medlem__person", "medlem__parti", "vara__person")
        .order_by("meldt")
    )  # fmt: skip
    for f in liste:
        f.forslag = None if f.vara_id else portal.foreslaatt_vara(mote, f.medlem)
        f.feil = (feil or {}).get(f.pk)
    return {"forfall_liste": liste, "forfall_apen": mote.status in portal.APEN}
