"""Pages of the monthly and tertial reports: the list (and a new report), one report where
the leader reports and delivers it, its administrative and political PDF, its referral to
political committees as RS, and the chief executive's roll-up setting. Thin: every change
through services/rapport.py (rapport_referat.py) and its rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saksarkiv import access
from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.models import AdministrativEnhet
from saksarkiv.services import DomainError
from saksarkiv.tillatelser import INGEN_TILGANG

from ..forms.rapport import NyRapportForm, OppsettForm, RapportForm, RefererForm
from ..models import Oppsett, Periodetype, Rapport
from ..services import rapport as tenester
from ..services import rapport_innhald, rapport_referat
from ..tillatelser import rapport as regler


def _leia(user):
    """The units the user may write reports for (those they lead and the ones below)."""
    omfang = access.lederomfang(user)
    if omfang is None:
        return AdministrativEnhet.objects.none()
    return AdministrativEnhet.objects.filter(omfang, aktiv=True).order_by("path")


def _vis_liste(request, form=None, status=200):
    omfang = access.rapportomfang(request.user, "enhet__")
    if omfang is None:
        raise PermissionDenied(_("Rapportene er for lederne, kommunedirektøren og arkivet."))
    rapportar = Rapport.objects.filter(omfang).select_related("enhet").order_by(
        "-aar", "-periodetype", "-periode", "enhet__path")[:200]  # fmt: skip
    einingar = _leia(request.user)
    idag = timezone.localdate()
    form = form or NyRapportForm(einingar=einingar, initial={
        "aar": idag.year, "periodetype": Periodetype.MAANAD, "periode": idag.month})  # fmt: skip
    return render(request, "verksemdsplan/rapport/liste.html", {
        "rapportar": rapportar, "form": form,
        "kan_opprette": access.lederomfang(request.user) is not None,
        "kan_endre_oppsett": regler.oppsett(request.user).kan.endre,
    }, status=status)  # fmt: skip


@login_required
def liste(request):
    return _vis_liste(request)


@login_required
@require_POST
def ny(request):
    form = NyRapportForm(request.POST, einingar=_leia(request.user))
    if not form.is_valid():
        if "enhet" in form.errors and not _leia(request.user).exists():
            raise PermissionDenied(_("Bare lederne skriver rapporter."))
        return _vis_liste(request, form, UGYLDIG)
    data = form.cleaned_data
    try:
        rapport = tenester.opprett(
            request.user, data["enhet"], aar=data["aar"], periodetype=data["periodetype"],
            periode=data["periode"],
        )  # fmt: skip
    except DomainError as error:
        return _vis_liste(request, form, vis_feil(form, error))
    messages.success(request, _("Rapporten er opprettet."))
    return redirect("verksemdsplan:rapport", rapport.pk)


def _rapport(request, pk) -> Rapport:
    rapport = get_object_or_404(Rapport.objects.select_related("enhet", "levert_av"), pk=pk)
    regler.rapport(request.user, rapport).krev_side("se")
    return rapport


def _referer_form(request, rapport) -> RefererForm:
    sak = rapport_referat.foreslatt_sak(request.user, rapport)
    initial = {"sak": sak.saksnummer if sak else "", "tittel": rapport_referat.tittel(rapport)}
    return RefererForm(user=request.user, initial=initial)


def _vis(request, rapport, form=None, status=200, referer_form=None, referer_avslag=""):
    context = rapport_innhald.innhald(rapport)
    kan = regler.rapport(request.user, rapport)
    if form is None and kan.kan.rediger:
        form = RapportForm(linjer=context["linjer"], vurderingar=context["vurderingar"],
                           initial={"kommentar": rapport.kommentar})  # fmt: skip
    if referer_form is None and kan.kan.referer:
        referer_form = _referer_form(request, rapport)
    context |= {
        "form": form, "kan": kan.kan, "grunn": kan.grunn,
        "tittel": rapport_innhald.tittel(rapport, politisk=False),
        "kan_endre_oppsett": regler.oppsett(request.user).kan.endre,
        "referer_form": referer_form, "referer_avslag": referer_avslag,
        "referat": rapport_referat.referat(request.user, rapport),
    }  # fmt: skip
    return render(request, "verksemdsplan/rapport/rapport.html", context, status=status)


@login_required
def rapport(request, pk):
    rapport_ = _rapport(request, pk)
    if request.method != "POST":
        return _vis(request, rapport_)
    avslag = regler.rapport(request.user, rapport_)["rediger"]
    if avslag is not None:
        if avslag.status == INGEN_TILGANG:
            raise PermissionDenied(avslag.grunn)
        return _vis(request, rapport_, status=KONFLIKT)  # delivered: read-only, says why
    innhald = rapport_innhald.innhald(rapport_)
    form = RapportForm(request.POST, linjer=innhald["linjer"], vurderingar=innhald["vurderingar"])
    if not form.is_valid():
        return _vis(request, rapport_, form, UGYLDIG)
    lever = "lever" in request.POST
    try:
        tenester.lagre(request.user, rapport_, lever=lever, **form.data_for_teneste())
    except DomainError as error:
        return _vis(request, rapport_, form, vis_feil(form, error))
    messages.success(request, _("Rapporten er levert.") if lever else _("Rapporten er lagret."))
    return redirect("verksemdsplan:rapport", rapport_.pk)


@login_required
@require_POST
def referer(request, pk):
    """«Referer til politisk utvalg»: the form is on the report's page, which comes back
    with the message beside the field when something is refused."""
    rapport_ = _rapport(request, pk)
    avslag = regler.rapport(request.user, rapport_)["referer"]
    if avslag is not None:
        if avslag.status == INGEN_TILGANG:
            raise PermissionDenied(avslag.grunn)
        # Not delivered, or already referred: the page says why.
        return _vis(request, rapport_, status=KONFLIKT, referer_avslag=avslag.grunn)
    form = RefererForm(request.POST, user=request.user)
    if not form.is_valid():
        return _vis(request, rapport_, status=UGYLDIG, referer_form=form)
    data = form.cleaned_data
    try:
        post = rapport_referat.referer(request.user, rapport_, sak=data["sak"],
                                       utvalg=data["utvalg"], tittel=data["tittel"])  # fmt: skip
    except DomainError as error:
        status = vis_feil(form, error)
        return _vis(request, rapport_, status=status, referer_form=form)
    messages.success(request, _("Rapporten er referert som RS, journalpost %(nr)s.")
                     % {"nr": post.journalpostnummer})  # fmt: skip
    return redirect("verksemdsplan:rapport", rapport_.pk)


VARIANTAR = {"administrativ": False, "politisk": True}


@login_required
@require_GET
def pdf(request, pk, variant):
    if variant not in VARIANTAR:
        raise Http404
    rapport_ = _rapport(request, pk)
    data = rapport_innhald.pdf(rapport_, politisk=VARIANTAR[variant])
    svar = HttpResponse(data, content_type="application/pdf")
    namn = f"rapport-{variant}-{rapport_.enhet.kode}-{rapport_.aar}-{rapport_.periodetype}"
    svar["Content-Disposition"] = f'attachment; filename="{namn}{rapport_.periode}.pdf"'
    return svar


@login_required
def oppsett(request):
    kan = regler.oppsett(request.user)
    kan.krev_side("endre")
    status = 200
    if request.method == "POST":
        form = OppsettForm(request.POST)
        if form.is_valid():
            try:
                tenester.endre_oppsett(request.user, form.cleaned_data["samanstilling"])
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, _("Oppsettet er lagret."))
                return redirect("verksemdsplan:rapport_oppsett")
        else:
            status = UGYLDIG
    else:
        form = OppsettForm(initial={"samanstilling": Oppsett.hent().samanstilling})
    return render(request, "verksemdsplan/rapport/oppsett.html", {"form": form}, status=status)
