"""A meeting's agenda on the meeting page: what everyone logged in reads (titles screened
for the reader through the access chokepoint), and the secretary's actions — put items
from the queue on it, order them (keyboard buttons and drag and drop), number them, take
them off or withdraw them. Each action works without JavaScript (a form and a redirect)
and answers JSON to static/js/sakskart.js."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET, require_POST

from journal.models import Journalpost
from saksarkiv import access
from saksarkiv.forms import KONFLIKT, UGYLDIG
from saksarkiv.services import DomainError

from .. import innkalling, koliste, sakskart
from .. import tillatelser as regler
from ..forms import FlyttForm, OrdneForm, SettPaForm, TrekkForm
from ..models import Mote, Motedokument, Motedokumenttype, Motestatus, Sakskartpunkt

INNKALLINGER = (Motedokumenttype.INNKALLING, Motedokumenttype.OFFENTLIG_INNKALLING)
# The queue beside the agenda shows those that have waited longest.
KO_GRENSE = 200


def synlige_poster(user, ids) -> dict[int, Journalpost]:
    return (
        Journalpost.objects.visible_to(user)
        .select_related("saksmappe", "tilgangskode")
        .in_bulk([i for i in ids if i])
    )


def kontekst(user, mote: Mote, feil: dict | None = None) -> dict:
    """The agenda in its groups, the withdrawn items and — for the secretary while the
    agenda is open — the committee's queue to pick from. A fixed number of queries.
    `feil`: refusals to show, by field ("behandlinger", "trekk-<item>", or "" on top)."""
    feil = feil or {}
    kan = regler.utvalg(user, mote.utvalg).kan.sakskart and mote.status in sakskart.APEN
    punkter = list(
        Sakskartpunkt.objects.filter(mote=mote).select_related(
            "behandling", "behandling__tilgangskode"
        )
    )
    ko = []
    if kan:
        ko = list(
            koliste.i_koen(mote.utvalg)
            .select_related("tilgangskode")
            .order_by("i_koen_fra", "pk")[: KO_GRENSE + 1]
        )
    poster = synlige_poster(user, [p.behandling.journalpost_id for p in punkter if p.behandling] +
                     [b.journalpost_id for b in ko])  # fmt: skip
    for p in punkter:
        p.post = poster.get(p.behandling.journalpost_id) if p.behandling else None
        p.tittel = p.get_fast_display() if p.fast else (
            access.title_for(user, p.post) if p.post else "Skjermet sak")  # fmt: skip
        p.feil = feil.get(f"trekk-{p.pk}")
    aktive = sorted((p for p in punkter if p.trukket is None), key=sakskart.sorteringsnokkel)
    grupper = []
    for kode, navn in sakskart.GRUPPER:
        liste = [p for p in aktive if sakskart.gruppe(p) == kode]
        for n, p in enumerate(liste):
            p.forst, p.sist = n == 0, n == len(liste) - 1
        grupper.append({"kode": kode, "navn": navn, "punkter": liste})
    for b in ko:
        b.post = poster.get(b.journalpost_id)
        b.ventet = koliste.dager_siden(b.i_koen_fra)
    motedokumenter = list(Motedokument.objects.filter(mote=mote, type__in=INNKALLINGER))
    synlige = synlige_poster(user, [d.journalpost_id for d in motedokumenter])
    for d in motedokumenter:
        d.post = synlige.get(d.journalpost_id)
    kan_innkalle = regler.utvalg(user, mote.utvalg).kan.innkall and mote.status in sakskart.APEN
    return {
        "kan_innkalle": kan_innkalle,
        "kan_lese_alt": kan_innkalle
        and innkalling.kan_lese_alt(
            user, mote, 0 if mote.status == Motestatus.PLANLAGT else innkalling.neste_nummer(mote)
        ),
        "motedokumenter": [d for d in motedokumenter if d.post is not None],
        "tilleggssaker": sum(1 for p in aktive if p.tillegg and p.innkalling is None),
        "kan_sakskart": kan,
        "sakskart_feil_behandlinger": feil.get("behandlinger"),
        "sakskart_feil_generelt": [
            m for f, m in feil.items() if f != "behandlinger" and not f.startswith("trekk-")
        ],
        "grupper": grupper,
        "antall_punkter": len(aktive),
        "unummerert": sum(1 for p in aktive if p.nummer is None),
        "trukne": sorted((p for p in punkter if p.trukket), key=lambda p: p.trukket),
        "ko": [b for b in ko[:KO_GRENSE] if b.post is not None],
        "ko_flere": len(ko) > KO_GRENSE,
    }


def _krev(user, mote: Mote) -> None:
    regler.utvalg(user, mote.utvalg).krev_side("sakskart")


def _json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def _tilbake(mote, anker="sakskart"):
    return redirect(reverse("utvalg:mote", args=[mote.pk]) + f"#{anker}")


def _feil(request, mote, error: DomainError, form=None, felt=None):
    """A refusal: JSON for the script, otherwise the meeting page with the message beside
    the field it concerns."""
    status = error.status or (UGYLDIG if error.field else KONFLIKT)
    if _json(request):
        return JsonResponse({"melding": error.message}, status=status)
    from .moter import vis_mote

    return vis_mote(request, mote, status, sakskart_feil={felt or error.field or "": error.message},
                    **({"sett_pa_form": form} if form is not None else {}))  # fmt: skip


@login_required
@require_POST
def sett_pa(request, pk):
    mote = get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)
    _krev(request.user, mote)
    form = SettPaForm(request.POST)
    if not form.is_valid():
        feil = form.errors["behandlinger"][0]
        return _feil(request, mote, DomainError(feil, field="behandlinger"), form)
    try:
        nye = sakskart.sett_pa(request.user, mote, form.cleaned_data["behandlinger"])
    except DomainError as error:
        return _feil(request, mote, error, form, felt="behandlinger")
    tillegg = " som tilleggssaker" if nye and nye[0].tillegg else ""
    messages.success(request, f"{len(nye)} sak{'er' if len(nye) != 1 else ''} er satt på "
                              f"sakskartet{tillegg}.")  # fmt: skip
    return _tilbake(mote)


def _punkt(pk) -> Sakskartpunkt:
    return get_object_or_404(Sakskartpunkt.objects.select_related("mote__utvalg"), pk=pk)


@login_required
@require_POST
def ta_av(request, pk):
    punkt = _punkt(pk)
    mote = punkt.mote
    _krev(request.user, mote)
    form = TrekkForm(request.POST)
    if not form.is_valid():
        return _feil(request, mote, DomainError(form.errors["merknad"][0], field="merknad"),
                     felt=f"trekk-{punkt.pk}")  # fmt: skip
    try:
        trukket = sakskart.ta_av(request.user, punkt, merknad=form.cleaned_data["merknad"])
    except DomainError as error:
        return _feil(request, mote, error, felt=f"trekk-{punkt.pk}")
    if trukket:
        messages.success(request, f"{trukket.saksnummer} er trukket fra sakskartet.")
    else:
        messages.success(request, "Saken er tatt av sakskartet og står i kølisten igjen.")
    return _tilbake(mote)


@login_required
@require_POST
def flytt(request, pk):
    punkt = _punkt(pk)
    mote = punkt.mote
    _krev(request.user, mote)
    form = FlyttForm(request.POST)
    if not form.is_valid():
        return _feil(request, mote, DomainError("Ukjent retning."))
    try:
        flyttet = sakskart.flytt(request.user, punkt, form.cleaned_data["retning"])
    except DomainError as error:
        return _feil(request, mote, error)
    melding = f"Flyttet til plass {flyttet.plass} av {flyttet.av} i {flyttet.gruppe.lower()}."
    if _json(request):
        return JsonResponse({"melding": melding, "plass": flyttet.plass})
    messages.success(request, melding)
    return _tilbake(mote, f"punkt-{punkt.pk}")


@login_required
@require_POST
def ordne(request, pk):
    """Drag and drop: a group's whole new order."""
    mote = get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)
    _krev(request.user, mote)
    form = OrdneForm(request.POST)
    if not form.is_valid():
        return _feil(
            request, mote, DomainError("Sakskartet er endret i mellomtiden. Last siden på nytt.")
        )
    try:
        ny = sakskart.ordne(request.user, mote, form.cleaned_data["gruppe"],
                            form.cleaned_data["rekkefolge"])  # fmt: skip
    except DomainError as error:
        return _feil(request, mote, error)
    melding = "Ny rekkefølge er lagret."
    if _json(request):
        return JsonResponse({"melding": melding, "rekkefolge": [p.pk for p in ny]})
    messages.success(request, melding)
    return _tilbake(mote)


@login_required
@require_POST
def nummerer(request, pk):
    mote = get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)
    _krev(request.user, mote)
    try:
        nye = sakskart.nummerer(request.user, mote)
    except DomainError as error:
        return _feil(request, mote, error)
    messages.success(request, f"{len(nye)} sak{'er' if len(nye) != 1 else ''} har fått nummer.")
    return _tilbake(mote)


# --- The notice -----------------------------------------------------------------------------


def _krev_innkall(user, mote: Mote) -> None:
    regler.utvalg(user, mote.utvalg).krev_side("innkall")


@login_required
@require_GET
def forhandsvis_innkalling(request, pk):
    """The members' notice as it would be published now (items without a number yet show
    none): for the secretary to check before it goes out."""
    mote = get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)
    _krev_innkall(request.user, mote)
    nummer = 0 if mote.status == Motestatus.PLANLAGT else innkalling.neste_nummer(mote)
    offentlig = request.GET.get("versjon") == "offentlig"
    if not offentlig and not innkalling.kan_lese_alt(request.user, mote, nummer):
        raise PermissionDenied(
            "Du har ikke tilgang til alle de unntatte sakene og kan bare forhåndsvise den "
            "offentlige versjonen."
        )
    data, _sider = innkalling.bygg(mote, nummer, offentlig=offentlig)
    response = HttpResponse(data, content_type="application/pdf")
    navn = f"{mote.utvalg.kode.lower()}-{mote.dato:%Y-%m-%d}-utkast.pdf"
    response["Content-Disposition"] = f'inline; filename="{navn}"'
    response["Content-Security-Policy"] = "sandbox"
    patch_cache_control(response, private=True, no_store=True)
    return response


@login_required
@require_POST
def publiser_innkalling(request, pk):
    mote = get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)
    _krev_innkall(request.user, mote)
    try:
        dokumenter = innkalling.publiser(request.user, mote)
    except DomainError as error:
        if _json(request):
            return JsonResponse({"melding": error.message, "detaljer": error.details},
                                status=error.status or KONFLIKT)  # fmt: skip
        from .moter import vis_mote

        return vis_mote(request, mote, error.status or KONFLIKT,
                        innkalling_feil=[error.message, *error.details])  # fmt: skip
    hva = "Tilleggsinnkallingen" if dokumenter[0].nummer else "Innkallingen"
    offentlig = (
        " sammen med en offentlig versjon uten de unntatte sakene" if len(dokumenter) > 1 else ""
    )
    messages.success(request, f"{hva} er publisert{offentlig}, og medlemmene får e-post.")
    return _tilbake(mote, "innkalling")
