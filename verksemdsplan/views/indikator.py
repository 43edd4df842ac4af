"""The indicator pages (issue 21 item 4): the list per unit and year with the current value,
progress, status and trend; an indicator's page with its chart, data table, value entry,
yearly targets and the history of corrections; creating and editing an indicator; the CSV
import. Every action through its service's rule; the pages only read."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.models import AdministrativEnhet
from saksarkiv.services import DomainError

from .. import graf
from ..forms.indikator import AarsmaalForm, ImportForm, IndikatorForm, UtvalForm, VerdiForm
from ..services import indikator as tenester
from ..services import indikator_csv
from ..services import indikator_oversikt as oversikt
from ..tillatelser import indikator as regler

# --- The list -------------------------------------------------------------------------------


@login_required
def liste(request):
    form = UtvalForm(request.GET or None)
    aar, enhet = timezone.localdate().year, None
    if form.is_bound and form.is_valid():
        aar = form.cleaned_data["aar"] or aar
        enhet = form.cleaned_data["enhet"]
    context = {
        "form": form,
        "aar": aar,
        "enhet": enhet,
        "rader": oversikt.oversikt(aar, enhet),
        "kan_opprette": regler.ny(request.user).kan.opprett,
        "kan_importere": regler.kan_importere(request.user),
    }
    return render(request, "verksemdsplan/indikator/liste.html", context)


# --- One indicator --------------------------------------------------------------------------


def _indikator(pk):
    return get_object_or_404(oversikt.indikatorar(), pk=pk)


def _heiltal(tekst, standard: int) -> int:
    try:
        return int(tekst)
    except (TypeError, ValueError):
        return standard


def _periodar(indikator):
    return [(p, oversikt.periodenamn(indikator.periodetype, 0, p, kort=True)
             if indikator.periodetype != "A" else _("Hele året"))
            for p in tenester.perioder(indikator.periodetype)]  # fmt: skip


def _vis(request, indikator, *, enhet=None, aar=None, status=200, **skjema):
    einingar = regler.verdienheter(indikator)
    if enhet is None:
        valt = _heiltal(request.GET.get("enhet"), indikator.enhet_id)
        enhet = next((e for e in einingar if e.pk == valt), indikator.enhet)
    idag = timezone.localdate()
    if aar is None:
        aar = _heiltal(request.GET.get("aar"), idag.year)
        aar = min(max(aar, tenester.MIN_AAR), idag.year)
    verdiar = list(indikator.verdiar.filter(enhet=enhet).order_by("aar", "periode"))
    stand = oversikt.stand(indikator, enhet, aar, verdiar)
    rader = oversikt.tabell(indikator, verdiar, aar)

    def tal(v):
        return oversikt.tal(v, indikator.desimalar)

    svg = graf.linjediagram(
        [graf.Punkt(r.kort, r.verdi.verdi if r.verdi else None, r.maal) for r in rader],
        tittel=_("{indikator} for {enhet}").format(indikator=indikator.namn, enhet=enhet.navn),
        skildring=_("Verdiene per periode med mållinjen. Tallene står i tabellen under "
                    "grafen."),
        id_=f"graf-{indikator.pk}", tal=tal, verdi_tekst=_("Verdi"), maal_tekst=_("Mål"),
    )  # fmt: skip
    kan = regler.indikator(request.user, indikator)
    mine = [e for e in einingar if regler.verdi_for_enhet(request.user, indikator, e) is None]
    context = {
        "indikator": indikator,
        "enhet": enhet,
        "einingar": einingar,
        "aar": aar,
        "aarsval": range(idag.year, min(indikator.basisaar, idag.year - 4) - 1, -1),
        "stand": stand,
        "rader": rader,
        "graf": mark_safe(svg),  # noqa: S308 - an lxml tree, every text escaped (graf.py)
        "korrigeringar": oversikt.korrigeringar(verdiar),
        "kan": kan.kan,
        "grunn": kan.grunn,
        "aarsmaal": list(indikator.aarsmaal.all()),
        "verdiform": skjema.get("verdiform")
        or VerdiForm(
            einingar=AdministrativEnhet.objects.filter(pk__in=[e.pk for e in mine]).order_by(
                "path"),
            periodar=_periodar(indikator),
            initial={"enhet": enhet if enhet in mine else None, "aar": aar},
        ),
        "aarsmaalform": skjema.get("aarsmaalform") or AarsmaalForm(initial={"aar": aar}),
        "tal": tal,
    }  # fmt: skip
    return render(request, "verksemdsplan/indikator/detalj.html", context, status=status)


@login_required
def detalj(request, pk):
    """The indicator's page; a POST enters (or corrects) a value."""
    indikator = _indikator(pk)
    if request.method != "POST":
        return _vis(request, indikator)
    regler.indikator(request.user, indikator).krev_side("registrer")
    mine = [e.pk for e in regler.verdienheter(indikator)
            if regler.verdi_for_enhet(request.user, indikator, e) is None]  # fmt: skip
    form = VerdiForm(request.POST, einingar=AdministrativEnhet.objects.filter(pk__in=mine),
                     periodar=_periodar(indikator))  # fmt: skip
    if not form.is_valid():
        return _vis(request, indikator, status=UGYLDIG, verdiform=form)
    data = form.cleaned_data
    try:
        tenester.registrer_verdi(request.user, indikator, **data)
    except DomainError as error:
        status = vis_feil(form, error)
        return _vis(request, indikator, enhet=data["enhet"], status=status, verdiform=form)
    messages.success(request, _("Verdien er lagret."))
    url = reverse("verksemdsplan:indikator", args=[indikator.pk])
    return redirect(f"{url}?enhet={data['enhet'].pk}&aar={data['aar']}")


@login_required
@require_POST
def aarsmaal(request, pk):
    indikator = _indikator(pk)
    regler.indikator(request.user, indikator).krev_side("aarsmaal")
    form = AarsmaalForm(request.POST)
    if not form.is_valid():
        return _vis(request, indikator, status=UGYLDIG, aarsmaalform=form)
    try:
        tenester.sett_aarsmaal(request.user, indikator, **form.cleaned_data)
    except DomainError as error:
        status = vis_feil(form, error)
        return _vis(request, indikator, status=status, aarsmaalform=form)
    messages.success(request, _("Målet for året er lagret."))
    return redirect("verksemdsplan:indikator", pk=indikator.pk)


# --- Create and edit ------------------------------------------------------------------------


def _skjema(request, indikator, form, status=200):
    return render(request, "verksemdsplan/indikator/skjema.html",
                  {"indikator": indikator, "form": form}, status=status)  # fmt: skip


def _lagre(request, indikator):
    form = IndikatorForm(request.POST, user=request.user)
    if not form.is_valid():
        return _skjema(request, indikator, form, UGYLDIG)
    data = dict(form.cleaned_data)
    delegert = data.pop("delegert_til")
    try:
        indikator = tenester.lagre_indikator(request.user, indikator, data, delegert)
    except DomainError as error:
        return _skjema(request, indikator, form, vis_feil(form, error))
    messages.success(request, _("Indikatoren er lagret."))
    return redirect("verksemdsplan:indikator", pk=indikator.pk)


@login_required
def ny(request):
    regler.ny(request.user).krev_side("opprett")
    if request.method == "POST":
        return _lagre(request, None)
    return _skjema(request, None, IndikatorForm(user=request.user))


@login_required
def endre(request, pk):
    indikator = _indikator(pk)
    regler.indikator(request.user, indikator).krev_side("endre")
    if request.method == "POST":
        return _lagre(request, indikator)
    initial = {f: getattr(indikator, f) for f in tenester.FELT}
    initial["delegert_til"] = list(indikator.delegert_til.all())
    return _skjema(request, indikator, IndikatorForm(initial=initial, user=request.user))


# --- CSV import -----------------------------------------------------------------------------


IMPORTERT = gettext_lazy("Importert: {nye} nye verdier, {korrigerte} korrigerte, {uendra} uendret.")


@login_required
def importer(request):
    if not regler.kan_importere(request.user):
        raise PermissionDenied(_("Bare ledere og kommunedirektøren importerer verdier."))
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = UGYLDIG
        if form.is_valid():
            try:
                r = indikator_csv.importer(request.user, form.cleaned_data["fil"])
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                melding = IMPORTERT.format(nye=r.nye, korrigerte=r.korrigerte, uendra=r.uendra)
                messages.success(request, melding)
                return redirect("verksemdsplan:indikatorar")
    aar = timezone.localdate().year
    navn = _("Antall avvik")
    eksempel = f"indikator;enhet;år;periode;verdi\n{navn};A1;{aar};1;12"
    context = {"form": form, "eksempel": eksempel}
    return render(request, "verksemdsplan/indikator/import.html", context, status=status)
