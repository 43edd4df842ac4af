"""Pages of the oppdragsbrev (issue 21 item 2): the list «Oppdragsbrev» (published letters
for everyone, and the drafts of the units a leader leads), one letter with the parent letter
beside it (two columns, stacked on a narrow screen) and its actions. Every change goes
through its service and rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from saksarkiv import access
from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.models import AdministrativEnhet, Rolletype
from saksarkiv.services import DomainError

from ..forms.brev import InnleiingForm, NyttBrevForm, PunktForm
from ..models import Brevstatus, Oppdrag, Oppdragsbrev, Oppdragspunkt, Oppdragstema
from ..services import brev as tenester
from ..tillatelser import brev as regler
from ..tillatelser.oppdrag import OPPRETTANDE

HANDLINGAR = {
    "send": (tenester.send_til_godkjenning,
             gettext_lazy("Oppdragsbrevet er sendt til godkjenning.")),
    "godkjenn": (tenester.godkjenn, gettext_lazy("Oppdragsbrevet er godkjent.")),
    "returner": (tenester.returner, gettext_lazy("Oppdragsbrevet er sendt tilbake til utkast.")),
    "publiser": (tenester.publiser,
                 gettext_lazy("Oppdragsbrevet er publisert for alle ansatte.")),
}  # fmt: skip


def _skriv_einingar(user):
    """The units the user may write a letter for: every unit for RAD (the top unit's is
    theirs), else the units they lead or deputise for."""
    qs = AdministrativEnhet.objects.filter(aktiv=True).order_by("path")
    if access.has_role(user, Rolletype.RADMANN):
        return qs
    return qs.filter(pk__in=access.led_unit_ids(user))


# --- The list -------------------------------------------------------------------------------------


def _vis_liste(request, form=None, status=200):
    idag = timezone.localdate()
    brev = list(
        tenester.synlege(request.user).select_related("enhet").order_by("-aar", "enhet__path")
    )
    fristar = {aar: tenester.frist(aar) for aar in {b.aar for b in brev}}
    for b in brev:
        b.fristdato = fristar[b.aar]
        b.er_forsinka = tenester.forsinka(b, b.fristdato, idag)
        b.innrykk = b.enhet.depth - 1
    einingar = _skriv_einingar(request.user)
    context = {
        "brev": brev,
        "form": form or NyttBrevForm(initial={"aar": idag.year}, enheter=einingar),
        "kan_skrive": bool(form) or einingar.exists(),
    }
    return render(request, "verksemdsplan/brev/liste.html", context, status=status)


@login_required
@require_GET
def liste(request):
    """«Oppdragsbrev»: every published letter, newest year first, in the organisation's
    order; a leader also sees the drafts of the units they lead."""
    return _vis_liste(request)


@login_required
@require_POST
def ny(request):
    form = NyttBrevForm(request.POST)
    if not form.is_valid():
        return _vis_liste(request, form, UGYLDIG)
    try:
        brev = tenester.opprett(request.user, form.cleaned_data["enhet"], form.cleaned_data["aar"])
    except DomainError as error:
        return _vis_liste(request, form, vis_feil(form, error))
    messages.success(request, _("Oppdragsbrevet er opprettet."))
    return redirect("verksemdsplan:brev", brev.pk)


# --- One letter -----------------------------------------------------------------------------------


def _tema(brev) -> list[dict]:
    """The letter's points by theme, in the themes' order (empty themes left out)."""
    per_tema: dict[str, list] = {}
    for p in brev.punkt.all():
        per_tema.setdefault(p.tema, []).append(p)
    return [
        {"kode": kode, "namn": namn, "punkt": per_tema[kode]}
        for kode, namn in Oppdragstema.choices
        if kode in per_tema
    ]


def _hent(pk) -> Oppdragsbrev:
    # Each point with the assignments made from it (not their sub-assignments).
    fra_punktet = Oppdrag.objects.filter(forelder__isnull=True).select_related("enhet")
    punkt = Prefetch(
        "punkt",
        queryset=Oppdragspunkt.objects.order_by("tema", "rekkefolge", "pk").prefetch_related(
            Prefetch("oppdrag", queryset=fra_punktet.order_by("pk"))
        ),
    )
    return get_object_or_404(
        Oppdragsbrev.objects.select_related(
            "enhet", "skrive_av", "godkjend_av", "publisert_av", "forelder__enhet"
        ).prefetch_related(punkt, Prefetch("forelder__punkt", queryset=punkt.queryset)),
        pk=pk,
    )


def _vis(request, brev, status=200, **skjema):
    kan = regler.brev(request.user, brev)
    kan.krev_side("les")
    fristdato = tenester.frist(brev.aar)
    forelder = brev.forelder
    vis_forelder = forelder is not None and regler.brev(request.user, forelder).kan.les
    skriv = kan.kan.skriv
    tema = _tema(brev)
    if skriv:
        for t in tema:
            for p in t["punkt"]:
                p.form = skjema.get(f"punkt-{p.pk}") or PunktForm(
                    initial={"tema": p.tema, "tekst": p.tekst}, prefix=f"punkt-{p.pk}"
                )
    context = {
        "brev": brev,
        "tema": tema,
        "forelder": forelder if vis_forelder else None,
        "forelder_tema": _tema(forelder) if vis_forelder else [],
        "fristdato": fristdato,
        "forsinka": tenester.forsinka(brev, fristdato),
        "kan": kan.kan,
        "grunn": kan.grunn,
        "innleiing_form": skjema.get("innleiing")
        or InnleiingForm(initial={"innleiing": brev.innleiing}),
        "punkt_form": skjema.get("punkt") or PunktForm(),
        "handlingar": [h for h in HANDLINGAR if kan.kan[h]],
        # «Opprett oppdrag» from a point: leaders and the chief executive, once published
        # (the service checks the unit).
        "kan_opprette_oppdrag": brev.status == Brevstatus.PUBLISERT
        and access.has_role(request.user, *OPPRETTANDE),
    }
    return render(request, "verksemdsplan/brev/brev.html", context, status=status)


@login_required
@require_GET
def brev(request, pk):
    return _vis(request, _hent(pk))


def _nekta(request, brev, error):
    """A refusal from the service: the page with the reason (403 for who the user is, 409
    for the letter's state; a user who may not even read the letter gets the 403 page)."""
    messages.error(request, error.message)
    return _vis(request, brev, error.status or KONFLIKT)


@login_required
@require_POST
def innleiing(request, pk):
    brev_ = _hent(pk)
    form = InnleiingForm(request.POST)
    if not form.is_valid():
        return _vis(request, brev_, UGYLDIG, innleiing=form)
    try:
        tenester.endre_innleiing(request.user, brev_, **form.cleaned_data)
    except DomainError as error:
        return _vis(request, brev_, vis_feil(form, error), innleiing=form)
    messages.success(request, _("Innledningen er lagret."))
    return redirect("verksemdsplan:brev", brev_.pk)


@login_required
@require_POST
def nytt_punkt(request, pk):
    brev_ = _hent(pk)
    form = PunktForm(request.POST)
    if not form.is_valid():
        return _vis(request, brev_, UGYLDIG, punkt=form)
    try:
        punkt = tenester.legg_til_punkt(request.user, brev_, **form.cleaned_data)
    except DomainError as error:
        return _vis(request, brev_, vis_feil(form, error), punkt=form)
    messages.success(request, _("Oppdragspunktet er lagt til."))
    return redirect(reverse("verksemdsplan:brev", args=[brev_.pk]) + f"#punkt-{punkt.pk}")


@login_required
@require_POST
def endre_punkt(request, pk):
    punkt = get_object_or_404(Oppdragspunkt, pk=pk)
    brev_ = _hent(punkt.brev_id)
    nokkel = f"punkt-{punkt.pk}"
    if "slett" in request.POST:
        try:
            tenester.slett_punkt(request.user, punkt)
        except DomainError as error:
            return _nekta(request, brev_, error)
        messages.success(request, _("Oppdragspunktet er slettet."))
        return redirect("verksemdsplan:brev", brev_.pk)
    form = PunktForm(request.POST, prefix=nokkel)
    if not form.is_valid():
        return _vis(request, brev_, UGYLDIG, **{nokkel: form})
    try:
        tenester.endre_punkt(request.user, punkt, **form.cleaned_data)
    except DomainError as error:
        return _vis(request, brev_, vis_feil(form, error), **{nokkel: form})
    messages.success(request, _("Oppdragspunktet er endret."))
    return redirect(reverse("verksemdsplan:brev", args=[brev_.pk]) + f"#punkt-{punkt.pk}")


@login_required
@require_POST
def handling(request, pk, handling):
    """The letter's flow: send, godkjenn, returner, publiser."""
    if handling not in HANDLINGAR:
        raise PermissionDenied(_("Ukjent handling."))
    brev_ = _hent(pk)
    tjeneste, melding = HANDLINGAR[handling]
    try:
        tjeneste(request.user, brev_)
    except DomainError as error:
        return _nekta(request, brev_, error)
    messages.success(request, melding)
    return redirect("verksemdsplan:brev", brev_.pk)
