"""Writing a committee draft, delegated decision or letter in the browser (utvalg/tekst.py),
its PDF preview, and the document templates archive and the secretariat keep."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from journal.services import tillatelser as journal_tillatelser
from journal.views.felles import hent_journalpost
from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside
from saksarkiv.riktekst import rens
from saksarkiv.services import DomainError

from .. import tekst as tekster
from ..forms import MalForm, StartTekstForm, TekstForm
from ..models import Dokumentmal, Tekstdokument


def tekst_panel(request, post, context) -> str | None:
    """«Tekst» on the page of a committee draft or an outgoing letter: write it here from a
    template, or open and preview what is written (settings.SAKSARKIV_JOURNALPOST_PANELER)."""
    if post.journalposttype not in tekster.MALTYPER_FOR:
        return None
    tillatelser = context["tillatelser"]
    tekst = Tekstdokument.objects.filter(journalpost=post).select_related("mal").first()
    if tekst is None and not tillatelser.kan.skriv_tekst:
        return None
    return render_to_string(
        "utvalg/_tekst_panel.html",
        {
            "post": post,
            "tekst": tekst,
            "kan_skrive": tillatelser.kan.skriv_tekst,
            "kan_lese": tillatelser.kan.les_tekst,
        },  # fmt: skip
        request=request,
    )


def _hent(request, pk):
    post = hent_journalpost(request.user, pk)
    regler = journal_tillatelser.journalpost(request.user, post)
    if avslag := regler["les_tekst"]:
        raise PermissionDenied(avslag.grunn)
    tekst = Tekstdokument.objects.filter(journalpost=post).select_related("mal").first()
    return post, regler, tekst


def _vis(request, post, regler, tekst, status=200, **skjemaer):
    context = {"post": post, "tekst": tekst, "tillatelser": regler}
    if tekst is None:
        context["start_form"] = skjemaer.get("start_form") or StartTekstForm(post=post)
    elif regler.kan.skriv_tekst:
        context["form"] = skjemaer.get("form") or TekstForm(tekst=tekst)
    else:
        verdier = tekster.flettefelt(post, request.user)
        context["seksjoner"] = [
            (overskrift, mark_safe(rens(getattr(tekst, felt))))  # noqa: S308 - cleaned
            for felt, overskrift in tekster.seksjoner(tekst)
        ]
        context["topp"] = mark_safe(tekster.flett(tekst.mal.topp, verdier))  # noqa: S308
    return render(request, "utvalg/tekst.html", context, status=status)


@login_required
def tekst(request, pk):
    post, regler, tekst = _hent(request, pk)
    if request.method != "POST":
        if tekst is None and not regler.kan.skriv_tekst:
            raise Http404("Journalposten har ingen tekst skrevet her.")
        return _vis(request, post, regler, tekst)
    if tekst is None:
        raise Http404("Velg en mal først.")
    form = TekstForm(request.POST, tekst=tekst)
    if not form.is_valid():
        return _vis(request, post, regler, tekst, UGYLDIG, form=form)
    data = dict(form.cleaned_data)
    try:
        tekster.lagre_tekst(request.user, tekst, versjon=data.pop("versjon"), **data)
    except DomainError as error:
        return _vis(request, post, regler, tekst, vis_feil(form, error), form=form)
    messages.success(request, "Teksten er lagret.")
    return redirect("utvalg:tekst", post.pk)


@login_required
@require_POST
def start_tekst(request, pk):
    post, regler, tekst = _hent(request, pk)
    form = StartTekstForm(request.POST, post=post)
    if form.is_valid():
        try:
            tekster.start_tekst(request.user, post, form.cleaned_data["mal"])
        except DomainError as error:
            return _vis(request, post, regler, tekst, vis_feil(form, error), start_form=form)
        messages.success(request, "Teksten er laget fra malen. Skriv videre i seksjonene.")
        return redirect("utvalg:tekst", post.pk)
    return _vis(request, post, regler, tekst, UGYLDIG, start_form=form)


@login_required
@require_POST
def autolagre(request, pk):
    """The editor's autosave: the same checks as «Lagre», answered in JSON."""
    post, _regler, tekst = _hent(request, pk)
    if tekst is None:
        return JsonResponse({"melding": "Velg en mal først."}, status=KONFLIKT)
    form = TekstForm(request.POST, tekst=tekst)
    if not form.is_valid():
        return JsonResponse({"melding": "Ikke lagret: skjemaet er ufullstendig."}, status=UGYLDIG)
    data = dict(form.cleaned_data)
    try:
        lagret = tekster.lagre_tekst(request.user, tekst, versjon=data.pop("versjon"), **data)
    except DomainError as error:
        return JsonResponse({"melding": error.message}, status=error.status or KONFLIKT)
    tid = timezone.localtime(lagret.endret).strftime("%H:%M:%S")
    return JsonResponse({"versjon": lagret.versjon, "melding": f"Lagret automatisk kl. {tid}."})


@login_required
@require_GET
def tekst_pdf(request, pk):
    """The preview: the document exactly as it will be archived and sent to the committee."""
    post, _regler, tekst = _hent(request, pk)
    if tekst is None:
        raise Http404("Journalposten har ingen tekst skrevet her.")
    response = HttpResponse(tekster.pdf(tekst, request.user), content_type="application/pdf")
    navn = f"{post.saksmappe.saksnummer.replace('/', '-')}-{post.dokumentnummer}-utkast.pdf"
    response["Content-Disposition"] = f'inline; filename="{navn}"'
    response["Content-Security-Policy"] = "sandbox"
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- Templates ----------------------------------------------------------------------------------


def _krev_maler(user):
    if not tekster.kan_holde_maler(user):
        raise PermissionDenied("Dokumentmalene vedlikeholdes av arkivet og politisk sekretariat.")


class MalListe(LoginRequiredMixin, Listeside):
    template_name = "utvalg/maler.html"
    sorteringer = (Sortering("type", "Type og navn", (("maltype", False), ("navn", False))),)

    def get(self, request, *args, **kwargs):
        _krev_maler(request.user)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return Dokumentmal.objects.all()


mal_liste = MalListe.as_view()


@login_required
def mal(request, pk=None):
    _krev_maler(request.user)
    eksisterende = get_object_or_404(Dokumentmal, pk=pk) if pk else None
    status = 200
    if request.method == "POST":
        form = MalForm(request.POST, instance=eksisterende)
        if form.is_valid():
            try:
                lagret = tekster.lagre_mal(request.user, eksisterende, **form.cleaned_data)
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, f"Malen «{lagret.navn}» er lagret.")
                return redirect("utvalg:maler")
        else:
            status = UGYLDIG
    else:
        form = MalForm(instance=eksisterende)
    return render(request, "utvalg/mal.html", {"form": form, "mal": eksisterende}, status=status)
