"""Case pages: new case (with «finnes saken fra før?»), the case page with its posts,
parties, related cases and history, editing, and the status actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from saksarkiv import access, audit, keyset
from saksarkiv.forms import KONFLIKT, vis_feil
from saksarkiv.lister import Listeside
from saksarkiv.models import Endringslogg
from saksarkiv.navigation import paneler
from saksarkiv.services import DomainError

from ..forms import PartForm, RelaterForm, SakForm
from ..models import Journalpost, Journalposttype, Saksmappe, Sakspart
from ..services import avskrivning, regler, saker, tillatelser
from ..services.registration import REGISTRERENDE_ROLLER, opprett_sak
from .felles import hent_sak

SAK_FELT = [
    "tittel",
    "offentlig_tittel",
    "tilgangskode",
    "skjermingshjemmel",
    "administrativ_enhet",
    "saksansvarlig",
    "arkivdel",
    "ordningsprinsipp",
    "ordningsverdi",
    "obs_dato",
    "obs_merknad",
    "skjerm_parter",
    "presedens",
]


def _standard_enhet(user):
    units = access.role_units(user, *REGISTRERENDE_ROLLER)
    return units[0][0] if units else None


@login_required
def ny_sak(request):
    if avslag := tillatelser.bruker(request.user)["ny_sak"]:
        raise PermissionDenied(avslag.grunn)
    status = 200
    if request.method == "POST":
        form = SakForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                sak = opprett_sak(
                    request.user,
                    tittel=data["tittel"],
                    offentlig_tittel=data["offentlig_tittel"],
                    tilgangskode=data["tilgangskode"] and data["tilgangskode"].pk,
                    skjermingshjemmel=data["skjermingshjemmel"],
                    administrativ_enhet=data["administrativ_enhet"],
                    saksansvarlig=data["saksansvarlig"],
                    arkivdel=data["arkivdel"],
                    ordningsprinsipp=data["ordningsprinsipp"],
                    ordningsverdi=data["ordningsverdi"],
                    obs_dato=data["obs_dato"],
                    obs_merknad=data["obs_merknad"],
                    skjerm_parter=data["skjerm_parter"],
                    presedens=data["presedens"],
                )
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, f"Sak {sak.saksnummer} er opprettet.")
                return redirect("journal:sak", sak.pk)
        else:
            status = 400
    else:
        form = SakForm(initial={"administrativ_enhet": _standard_enhet(request.user)})
    return render(request, "journal/ny_sak.html", {"form": form}, status=status)


def _sak_context(request, sak, **extra) -> dict:
    user = request.user
    regler_for_sak = tillatelser.saksmappe(user, sak)
    innsyn = regler_for_sak.kontekst.innsyn
    posts = avskrivning.med_restanse(
        Journalpost.objects.visible_to(user)
        .filter(saksmappe=sak)
        .select_related("saksmappe", "saksbehandler", "tilgangskode")
        .order_by("dokumentnummer")
    )
    vis_parter = innsyn or not sak.skjerm_parter
    kinds = regler_for_sak.kontekst.kinds
    aapen = sak.saksstatus in regler.AAPNE_SAKSSTATUSER
    nye_typer = []
    if aapen and regler_for_sak.kan.ny_journalpost:
        # The Noark 5 names of the types, as every other page shows them.
        typer = [
            Journalposttype.UTGAENDE,
            Journalposttype.NOTAT_MED_OPPFOLGING,
            Journalposttype.NOTAT_UTEN_OPPFOLGING,
            Journalposttype.SAKSFRAMLEGG,
        ]
        if access.is_archive(user):
            typer.insert(0, Journalposttype.INNGAENDE)
        nye_typer = [(t, f"{t.label} ({t.value})") for t in typer]
    context = {
        "sak": sak,
        "innsyn": innsyn,
        "journalposter": posts,
        "parter": list(sak.parter.all()) if vis_parter else None,
        "antall_parter": sak.parter.count(),
        "relaterte": sak.relaterte_saker.visible_to(user).select_related("saksansvarlig"),
        "historikk": _historikk(user, sak),
        # Every form on the page shows by the rule its service enforces (tillatelser.py).
        "tillatelser": regler_for_sak,
        "overganger": tillatelser.saksstatus_knapper(regler_for_sak),
        "hindringer": (
            saker.hindringer_for_avslutning(sak) if regler.ARKIV in kinds and aapen else None
        ),
        "nye_typer": nye_typer,
        "part_form": PartForm(),
        "relater_form": RelaterForm(user=user),
        "feil": None,
    }
    context.update(extra)
    # What the apps above the journal add to the page (settings.SAKSARKIV_SAK_PANELER).
    context["paneler"] = paneler("SAKSARKIV_SAK_PANELER", request, sak, context)
    return context


def _historikk(user, obj):
    return (
        audit.history(obj)
        .filter(pk__in=Endringslogg.objects.readable_by(user).values("pk"))
        .select_related("content_type")
        .order_by("-tidspunkt")[:100]
    )


@login_required
def sak(request, pk):
    sak = hent_sak(request.user, pk)
    return render(request, "journal/sak.html", _sak_context(request, sak))


@login_required
def endre_sak(request, pk):
    sak = hent_sak(request.user, pk)
    if avslag := tillatelser.saksmappe(request.user, sak)["endre"]:
        return sak_nekter(request, sak, avslag.feil())
    status = 200
    if request.method == "POST":
        form = SakForm(request.POST, endre=True)
        if form.is_valid():
            values = dict(form.cleaned_data)
            if values["saksansvarlig"] is None:
                values["saksansvarlig"] = sak.saksansvarlig
            try:
                saker.endre_sak(request.user, sak, **values)
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, f"Sak {sak.saksnummer} er lagret.")
                return redirect("journal:sak", sak.pk)
        else:
            status = 400
    else:
        form = SakForm(initial={name: getattr(sak, name) for name in SAK_FELT}, endre=True)
    return render(request, "journal/endre_sak.html", {"form": form, "sak": sak}, status=status)


def sak_nekter(request, sak, error: DomainError, **forms):
    """The case page again, with the refusal on top (nothing changed)."""
    context = _sak_context(request, sak, feil=error, **forms)
    return render(request, "journal/sak.html", context, status=error.status or KONFLIKT)


@login_required
@require_POST
def sak_status(request, pk):
    sak = hent_sak(request.user, pk)
    handling = request.POST.get("handling", "")
    try:
        if handling == "onskes_avsluttet":
            saker.sett_onskes_avsluttet(request.user, sak, True)
            messages.success(request, "Saken er merket «ønskes avsluttet» for arkivet.")
        elif handling == "ikke_onskes_avsluttet":
            saker.sett_onskes_avsluttet(request.user, sak, False)
            messages.success(request, "Merket «ønskes avsluttet» er fjernet.")
        else:
            sak = saker.endre_saksstatus(request.user, sak, handling)
            messages.success(
                request, f"Sak {sak.saksnummer} har nå status {sak.get_saksstatus_display()}."
            )
    except DomainError as error:
        return sak_nekter(request, hent_sak(request.user, pk), error)
    return redirect("journal:sak", pk)


@login_required
@require_POST
def sak_part(request, pk):
    sak = hent_sak(request.user, pk)
    form = PartForm(request.POST)
    if form.is_valid():
        try:
            saker.legg_til_part(request.user, sak, **form.cleaned_data)
        except DomainError as error:
            status = vis_feil(form, error)
        else:
            messages.success(request, "Parten er lagt til.")
            return redirect(reverse("journal:sak", args=[pk]) + "#parter")
    else:
        status = 400
    return render(
        request, "journal/sak.html", _sak_context(request, sak, part_form=form), status=status
    )


@login_required
@require_POST
def fjern_part(request, pk):
    part = get_object_or_404(Sakspart, pk=pk)
    sak = hent_sak(request.user, part.saksmappe_id)
    try:
        saker.fjern_part(request.user, part)
    except DomainError as error:
        return sak_nekter(request, sak, error)
    messages.success(request, "Parten er fjernet.")
    return redirect(reverse("journal:sak", args=[sak.pk]) + "#parter")


@login_required
@require_POST
def relater(request, pk):
    sak = hent_sak(request.user, pk)
    form = RelaterForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            saker.relater(request.user, sak, form.cleaned_data["sak"])
        except DomainError as error:
            status = vis_feil(form, error)
        else:
            messages.success(request, f"Saken viser nå til {form.cleaned_data['sak'].saksnummer}.")
            return redirect(reverse("journal:sak", args=[pk]) + "#relaterte")
    else:
        status = 400
    return render(
        request, "journal/sak.html", _sak_context(request, sak, relater_form=form), status=status
    )


@login_required
@require_POST
def fjern_relasjon(request, pk, annen):
    sak = hent_sak(request.user, pk)
    other = hent_sak(request.user, annen)
    try:
        saker.fjern_relasjon(request.user, sak, other)
    except DomainError as error:
        return sak_nekter(request, sak, error)
    messages.success(request, f"Henvisningen til {other.saksnummer} er fjernet.")
    return redirect(reverse("journal:sak", args=[pk]) + "#relaterte")


class MineSaker(LoginRequiredMixin, Listeside):
    """The caseworker's open cases, newest first: keys from the membership rule (no access
    subquery before the LIMIT), rows through visible_to like the worklists."""

    template_name = "journal/mine_saker.html"
    sorteringer = (
        keyset.Sortering("nyest", "Nyeste først", (("saksaar", True), ("sakssekvensnummer", True))),
    )

    def get_queryset(self):
        return Saksmappe.objects.filter(
            saksansvarlig=self.request.user, saksstatus__in=regler.AAPNE_SAKSSTATUSER
        )

    def rader(self):
        return Saksmappe.objects.visible_to(self.request.user).select_related(
            "administrativ_enhet", "saksansvarlig", "tilgangskode"
        )


mine_saker = MineSaker.as_view()


urlpatterns = [
    path("saker/ny/", ny_sak, name="ny_sak"),
    path("saker/mine/", mine_saker, name="mine_saker"),
    path("saker/<int:pk>/", sak, name="sak"),
    path("saker/<int:pk>/endre/", endre_sak, name="endre_sak"),
    path("saker/<int:pk>/status/", sak_status, name="sak_status"),
    path("saker/<int:pk>/parter/", sak_part, name="sak_part"),
    path("saker/parter/<int:pk>/fjern/", fjern_part, name="fjern_part"),
    path("saker/<int:pk>/relaterte/", relater, name="relater"),
    path("saker/<int:pk>/relaterte/<int:annen>/fjern/", fjern_relasjon, name="fjern_relasjon"),
]
