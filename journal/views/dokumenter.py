"""Documents on journal posts: the list partial with its upload form, downloads, and the
e-mail import page."""

from pathlib import PurePosixPath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import engines
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from saksarkiv.filer import fil_svar
from saksarkiv.forms import KONFLIKT
from saksarkiv.models import Rolle
from saksarkiv.services import DomainError
from saksarkiv.tillatelser import INGEN_TILGANG

from ..forms import DokumentForm, EpostImportForm
from ..models import Dokument, Journalpost
from ..services import epost, tillatelser
from ..services.dokumenter import (
    H,
    format_for_mimetype,
    last_opp_dokument,
    storrelse_tekst,
)

PARTIAL = "journal/_dokumenter.html"
# Without JavaScript a refused upload needs a whole page around the partial.
_PAGE = """{% extends "base.html" %}
{% block title %}Legg til dokument{% endblock %}
{% block content %}
<h1>Legg til dokument på journalpost {{ dok_post.journalpostnummer }}</h1>
<p><a href="{{ dok_tilbake_url }}">Tilbake til journalposten</a></p>
{% include "journal/_dokumenter.html" %}
{% endblock %}"""


def _post_url(post) -> str:
    return reverse("journal:journalpost", args=[post.pk])


def _row(dokument) -> dict:
    pdfa = bool(dokument.arkivformat)
    url = reverse("journal:dokument_last_ned", args=[dokument.pk])
    return {
        "nummer": dokument.dokumentnummer,
        "hoveddokument": dokument.tilknyttet_registrering_som == H,
        "tilknyttet": dokument.get_tilknyttet_registrering_som_display(),
        "tittel": dokument.tittel,
        "filnavn": dokument.filnavn,
        "format": format_for_mimetype(dokument.mimetype),
        "storrelse": storrelse_tekst(dokument.storrelse),
        "sjekksum": dokument.sjekksum,
        "sjekksum_kort": f"{dokument.sjekksum[:12]}…",
        "pdfa": pdfa,
        "innsyn": bool(dokument.innsyn),
        "url": url,
        "arkiv_url": f"{url}?arkivformat=1" if pdfa else "",
        # Without a copy: waiting for the conversion job, or failed with its message.
        "arkivstatus": dokument.arkivstatus,
        "konvertering_feil": dokument.konvertering_feil,
    }


def dokumenter_context(request, post: Journalpost, *, form=None) -> dict:
    """Context for `journal/_dokumenter.html` (every key starts with `dok_`). Documents come
    through the chokepoint; on a post with screened documents an uncleared user gets only
    the count, never titles or file names."""
    user = request.user
    documents = list(
        Dokument.objects.visible_to(user)
        .filter(journalpost=post)
        .order_by("tilknyttet_registrering_som", "dokumentnummer")
    )
    screened = post.skjerm_dokumenter and any(not d.innsyn for d in documents)
    may_add = tillatelser.journalpost(user, post).kan.legg_til_dokument
    if may_add and form is None:
        form = DokumentForm()
    return {
        "dok_post": post,
        "dok_boks_id": f"dokumenter-{post.pk}",
        "dok_antall": len(documents),
        "dok_skjermet": screened,
        "dok_liste": [] if screened else [_row(d) for d in documents],
        "dok_kan_legge_til": may_add,
        "dok_skjema": form if may_add else None,
        "dok_last_opp_url": reverse("journal:dokument_last_opp", args=[post.pk]),
        "dok_maks_storrelse": storrelse_tekst(settings.DOKUMENT_MAKS_STORRELSE),
    }


@login_required
@require_GET
def dokument_last_ned(request, pk: int):
    """Stream a document, or with ?arkivformat=1 its PDF/A version. Only documents whose
    content the user may read exist here (404 otherwise)."""
    dokument = get_object_or_404(Dokument.objects.readable_by(request.user), pk=pk)
    if request.GET.get("arkivformat"):
        if not dokument.arkivformat:
            raise Http404("Dokumentet har ikke arkivformat.")
        stored, content_type = dokument.arkivformat, "application/pdf"
        filnavn = dokument.filnavn
        if dokument.arkivformat.name != dokument.fil.name:
            filnavn = f"{PurePosixPath(dokument.filnavn).stem or 'dokument'}.pdf"
    else:
        stored, content_type, filnavn = dokument.fil, dokument.mimetype, dokument.filnavn
    return fil_svar(stored, filnavn, content_type)


def _render_partial(request, post, form=None, status=200):
    context = dokumenter_context(request, post, form=form)
    if request.htmx:
        return render(request, PARTIAL, context, status=status)
    context["dok_tilbake_url"] = _post_url(post)
    page = engines["django"].from_string(_PAGE)
    return HttpResponse(page.render(context, request), status=status)


@login_required
@require_http_methods(["GET", "POST"])
def dokument_last_opp(request, pk: int):
    """GET (HTMX): the document list partial. POST: add a file, then back to the post (or,
    for HTMX, the refreshed partial). Refused input comes back beside the field, 400."""
    posts = Journalpost.objects.visible_to(request.user).select_related("saksmappe")
    post = get_object_or_404(posts, pk=pk)
    if request.method == "GET":
        if not request.htmx:
            return redirect(_post_url(post))
        return render(request, PARTIAL, dokumenter_context(request, post))
    if avslag := tillatelser.journalpost(request.user, post)["legg_til_dokument"]:
        if avslag.status == INGEN_TILGANG:
            raise PermissionDenied(avslag.grunn)
        form = DokumentForm()
        form.add_error(None, avslag.grunn)
        return _render_partial(request, post, form, status=KONFLIKT)
    form = DokumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            last_opp_dokument(
                request.user, post, form.cleaned_data["fil"], tittel=form.cleaned_data["tittel"]
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            if request.htmx:
                return render(request, PARTIAL, dokumenter_context(request, post))
            messages.success(request, "Dokumentet er lagt til.")
            return redirect(_post_url(post))
    return _render_partial(request, post, form, status=400)


# Service error fields → import form fields (None: shown above the form).
_IMPORT_FIELDS = {
    "fil": "fil",
    "saksmappe": "saksnummer",
    "tilgangskode": "tilgangskode",
    "skjermingshjemmel": "skjermingshjemmel",
    "offentlig_tittel": "offentlig_tittel",
}


def _standard_unit(user):
    role = Rolle.objects.gyldige().filter(person=user).order_by("-standard", "id").first()
    return role.enhet_id if role else None


@login_required
@require_http_methods(["GET", "POST"])
def importer_epost(request):
    """Import an .eml file as an incoming post, into an existing case or a new one."""
    if avslag := tillatelser.bruker(request.user)["importer_epost"]:
        raise PermissionDenied(avslag.grunn)
    if request.method == "GET":
        form = EpostImportForm(
            request.user, initial={"administrativ_enhet": _standard_unit(request.user)}
        )
        return render(request, "journal/importer_epost.html", {"form": form})
    form = EpostImportForm(request.user, request.POST, request.FILES)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            post = epost.importer_epost(
                request.user,
                data["fil"].read(),
                saksmappe=data["saksnummer"],
                ny_sak_tittel=data["ny_sak_tittel"],
                administrativ_enhet=data["administrativ_enhet"],
                saksbehandler=data["saksbehandler"],
                tilgangskode=data["tilgangskode"].kode if data["tilgangskode"] else None,
                skjermingshjemmel=data["skjermingshjemmel"],
                offentlig_tittel=data["offentlig_tittel"],
            )
        except DomainError as exc:
            form.add_error(_IMPORT_FIELDS.get(exc.field), exc.message)
            status = exc.status or status
        else:
            messages.success(
                request,
                f"E-posten er importert som journalpost {post.journalpostnummer} "
                f"i sak {post.saksmappe.saksnummer}.",
            )
            return redirect(_post_url(post))
    return render(request, "journal/importer_epost.html", {"form": form}, status=status)


urlpatterns = [
    path("dokumenter/<int:pk>/last-ned/", dokument_last_ned, name="dokument_last_ned"),
    path("journalposter/<int:pk>/dokumenter/", dokument_last_opp, name="dokument_last_opp"),
    path("journalposter/importer-epost/", importer_epost, name="importer_epost"),
]
