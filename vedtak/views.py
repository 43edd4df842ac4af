"""Decision follow-up pages: «Vedtak for oppfølging» (the caseworker's lines, and the
leader's view of their units'), one line's page where it is updated, and a decision's page
where the secretary registers follow-up, adds caseworkers and moves the deadline. Every
title through the access chokepoint; every action through its service's rule."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from journal.models import Journalpost
from saksarkiv import access
from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside
from saksarkiv.models import Rolletype
from saksarkiv.services import DomainError
from utvalg.models import Sakskartpunkt

from . import rapport, services
from . import tillatelser as regler
from .forms import FristForm, LinjeForm, OppdaterForm, RapportForm, RegistrerForm
from .models import FERDIG, Oppfolging, Oppfolgingslinje

# --- The lists ----------------------------------------------------------------------------------


class _Linjer(LoginRequiredMixin, Listeside):
    template_name = "vedtak/liste.html"
    sorteringer = (
        Sortering("frist", "Frist, eldste først", (("oppfolging__frist", False),)),
        Sortering("nyest", "Frist, seneste først", (("oppfolging__frist", True),)),
    )
    fane = ""

    def rader(self):
        return Oppfolgingslinje.objects.select_related(
            "oppfolging__punkt__mote__utvalg", "oppfolging__punkt__behandling",
            "saksbehandler", "administrativ_enhet",
        )  # fmt: skip

    def vis(self, rader):
        """Each line's decision as the user may see it (the draft's screened title)."""
        poster = (
            Journalpost.objects.visible_to(self.request.user)
            .select_related("saksmappe")
            .in_bulk([r.oppfolging.punkt.behandling.journalpost_id for r in rader])
        )
        idag = timezone.localdate()
        for r in rader:
            r.post = poster.get(r.oppfolging.punkt.behandling.journalpost_id)
            r.er_forsinket = r.forsinket(idag)
        return rader

    def get_context_data(self, liste):
        return liste.context() | {"fane": self.fane, "leder": access.is_leader(self.request.user)}


class MineLinjer(_Linjer):
    """«Vedtak for oppfølging»: the decisions the user is responsible for carrying out."""

    fane = "mine"

    def get_queryset(self):
        return services.mine(self.request.user)


class EnhetensLinjer(_Linjer):
    """The leader's view: what people in the units they lead must carry out."""

    fane = "enhet"

    def get_queryset(self):
        return services.for_leder(self.request.user)


class UtenOppfolging(LoginRequiredMixin, Listeside):
    """For the secretaries and the chief executive: decisions of political cases in held
    meetings with no follow-up registered yet, newest meeting first — where follow-up is
    registered from."""

    template_name = "vedtak/uten_oppfolging.html"
    sorteringer = (
        Sortering("nyest", "Nyeste møte først", (("mote__dato", True), ("nummer", False))),
        Sortering("eldst", "Eldste møte først", (("mote__dato", False), ("nummer", False))),
    )

    def get_queryset(self):
        if not access.has_role(self.request.user, *regler.REGISTRERENDE):
            raise PermissionDenied("Listen er for møtesekretærene og kommunedirektøren.")
        return services.uten_oppfolging()

    def rader(self):
        return Sakskartpunkt.objects.select_related("mote__utvalg", "behandling")

    def vis(self, rader):
        poster = (
            Journalpost.objects.visible_to(self.request.user)
            .select_related("saksmappe")
            .in_bulk([r.behandling.journalpost_id for r in rader])
        )
        for r in rader:
            r.post = poster.get(r.behandling.journalpost_id)
        return rader


uten_oppfolging = UtenOppfolging.as_view()
mine = MineLinjer.as_view()
enhet = EnhetensLinjer.as_view()


# --- One line -------------------------------------------------------------------------------------


def _linje(user, pk) -> Oppfolgingslinje:
    linje = get_object_or_404(
        Oppfolgingslinje.objects.select_related(
            "oppfolging__punkt__mote__utvalg", "oppfolging__punkt__behandling__journalpost",
            "saksbehandler", "administrativ_enhet",
        ), pk=pk,
    )  # fmt: skip
    ser = (
        linje.saksbehandler_id == user.pk
        or access.leads_unit(user, linje.administrativ_enhet)
        or access.has_role(user, *regler.REGISTRERENDE)
    )
    if not ser:
        raise PermissionDenied("Du har ikke tilgang til denne vedtaksoppfølgingen.")
    return linje


def _vis_linje(request, linje, form=None, status=200):
    post = linje.oppfolging.punkt.behandling.journalpost
    kan = regler.linje(request.user, linje)
    context = {
        "linje": linje,
        "oppfolging": linje.oppfolging,
        "punkt": linje.oppfolging.punkt,
        "post": post,
        "tittel": access.title_for(request.user, post),
        "kan": kan.kan,
        "hvorfor_ikke": kan["oppdater"],
        "form": form
        or OppdaterForm(
            initial={
                "status": linje.status,
                "hva_er_gjort": linje.hva_er_gjort,
                "videre_framdrift": linje.videre_framdrift,
                "utfort": linje.utfort,
                "bortfalt_grunn": linje.bortfalt_grunn,
            }
        ),  # fmt: skip
        "forsinket": linje.forsinket(),
        "tillegg": rapport.tillegg(request.user, [linje.oppfolging]).get(linje.oppfolging_id, []),
    }
    return render(request, "vedtak/linje.html", context, status=status)


@login_required
def linje(request, pk):
    linje_ = _linje(request.user, pk)
    if request.method != "POST":
        return _vis_linje(request, linje_)
    regler.linje(request.user, linje_).krev_side("oppdater")
    form = OppdaterForm(request.POST)
    if not form.is_valid():
        return _vis_linje(request, linje_, form, UGYLDIG)
    try:
        services.oppdater(request.user, linje_, **form.cleaned_data)
    except DomainError as error:
        return _vis_linje(request, linje_, form, vis_feil(form, error))
    messages.success(request, "Oppfølgingen er oppdatert.")
    return redirect("vedtak:mine")


# --- A decision's follow-up -------------------------------------------------------------------


def _punkt(pk) -> Sakskartpunkt:
    return get_object_or_404(
        Sakskartpunkt.objects.select_related("mote__utvalg", "behandling__journalpost"),
        pk=pk, behandling__isnull=False,
    )  # fmt: skip


def _oppfolginger(punkt):
    return list(
        Oppfolging.objects.filter(punkt=punkt).prefetch_related(
            "linjer__saksbehandler", "linjer__administrativ_enhet"
        )  # fmt: skip
    )


def _vis_punkt(request, punkt, status=200, **skjemaer):
    post = punkt.behandling.journalpost
    kan_registrere = regler.punkt(request.user, punkt).kan.registrer_oppfolging
    if not (kan_registrere or access.has_role(request.user, *regler.REGISTRERENDE)):
        raise PermissionDenied("Vedtaksoppfølging registreres av møtesekretærene og "
                               "kommunedirektøren.")  # fmt: skip
    oppfolginger = _oppfolginger(punkt)
    tillegg = rapport.tillegg(request.user, oppfolginger)
    for o in oppfolginger:
        o.tillegg = tillegg.get(o.pk, [])
        o.kan_endre = regler.oppfolging(request.user, o).kan.endre_frist
        o.frist_form = skjemaer.get(f"frist-{o.pk}") or FristForm(initial={"frist": o.frist})
        o.linje_form = skjemaer.get(f"linje-{o.pk}") or LinjeForm()
    context = {
        "punkt": punkt,
        "post": post,
        "tittel": access.title_for(request.user, post),
        "oppfolginger": oppfolginger,
        "kan_registrere": kan_registrere,
        "form": skjemaer.get("form")
        or RegistrerForm(
            initial={"saksbehandlere": [post.saksbehandler_id] if post.saksbehandler_id else []}
        ),  # fmt: skip
    }
    return render(request, "vedtak/punkt.html", context, status=status)


@login_required
def punkt(request, pk):
    punkt_ = _punkt(pk)
    if request.method != "POST":
        return _vis_punkt(request, punkt_)
    regler.punkt(request.user, punkt_).krev_side("registrer_oppfolging")
    form = RegistrerForm(request.POST)
    if not form.is_valid():
        return _vis_punkt(request, punkt_, UGYLDIG, form=form)
    try:
        services.registrer(request.user, punkt_, **form.cleaned_data)
    except DomainError as error:
        return _vis_punkt(request, punkt_, vis_feil(form, error), form=form)
    messages.success(request, "Vedtaksoppfølgingen er registrert.")
    return redirect(reverse("vedtak:punkt", args=[punkt_.pk]) + "#oppfolginger")


def _oppfolging(pk) -> Oppfolging:
    return get_object_or_404(
        Oppfolging.objects.select_related("punkt__mote__utvalg", "punkt__behandling__journalpost"),
        pk=pk,
    )  # fmt: skip


def _endre_oppfolging(request, pk, handling: str, skjema, tjeneste, melding: str):
    """One change to a registered follow-up from the decision's page: its rule, its form
    (errors beside the field, on the page again), its service."""
    oppfolging = _oppfolging(pk)
    regler.oppfolging(request.user, oppfolging).krev_side(handling)
    form = skjema(request.POST)
    nokkel = f"{form.prefix}-{oppfolging.pk}"
    if not form.is_valid():
        return _vis_punkt(request, oppfolging.punkt, UGYLDIG, **{nokkel: form})
    try:
        tjeneste(request.user, oppfolging, form.cleaned_data)
    except DomainError as error:
        return _vis_punkt(request, oppfolging.punkt, vis_feil(form, error), **{nokkel: form})
    messages.success(request, melding)
    return redirect(reverse("vedtak:punkt", args=[oppfolging.punkt_id]) + "#oppfolginger")


@login_required
@require_POST
def frist(request, pk):
    return _endre_oppfolging(
        request, pk, "endre_frist", FristForm,
        lambda user, o, data: services.endre_frist(user, o, **data), "Fristen er endret.",
    )  # fmt: skip


@login_required
@require_POST
def ny_linje(request, pk):
    return _endre_oppfolging(
        request, pk, "ny_linje", LinjeForm,
        lambda user, o, data: services.ny_linje(user, o, data["saksbehandler"]),
        "Saksbehandleren er lagt til.",
    )  # fmt: skip


# --- Hooks: the item page's panel and the start page's tile ----------------------------------


def panel(request, punkt, context) -> str | None:
    """On the meeting item's page (settings.SAKSARKIV_SAKSKARTPUNKT_PANELER): its follow-up
    and, for the secretary, the way to register it."""
    if punkt.behandling_id is None or punkt.resultat not in regler.VEDTATT:
        return None
    if not access.has_role(request.user, *regler.REGISTRERENDE):
        return None
    return render_to_string("vedtak/_panel.html", {
        "punkt": punkt, "oppfolginger": _oppfolginger(punkt), "idag": timezone.localdate(),
    }, request=request)  # fmt: skip


def arbeidsbord(user) -> list[dict]:
    """The start page's tile for a caseworker with decisions to carry out (one query; none
    for anyone else — their roles are known on every page)."""
    if not access.has_role(user, Rolletype.SAKSBEHANDLER):
        return []
    tall = services.mine(user).exclude(status__in=FERDIG).aggregate(
        antall=Count("pk"), forsinket=Count("pk", filter=services.forsinket_q()))  # fmt: skip
    if not tall["antall"]:
        return []
    flis = {"navn": "Vedtak for oppfølging", "antall": tall["antall"],
            "url": reverse("vedtak:mine")}  # fmt: skip
    if tall["forsinket"]:
        flis["varsel"] = f"{tall['forsinket']} forsinket"
    return [flis]


# --- The report back to the committee (issue 19, item 5) ----------------------------------------


def _kan_se_rapport(user, valg) -> bool:
    """Secretaries, the chief executive and archive see every report; a leader the report
    of a unit they lead."""
    if access.has_role(user, *regler.REGISTRERENDE, Rolletype.ARKIV):
        return True
    return valg.enhet is not None and access.leads_unit(user, valg.enhet)


def _rapportvalg(request, data):
    idag = timezone.localdate()
    standard = {"fra": idag.replace(month=1, day=1).isoformat(), "til": idag.isoformat()}
    if not access.has_role(request.user, *regler.REGISTRERENDE, Rolletype.ARKIV):
        ledet = sorted(access.led_unit_ids(request.user))
        if ledet:
            standard["enhet"] = ledet[0]  # a leader starts from the unit they lead
    form = RapportForm(data or standard)
    if not form.is_valid():
        return form, None
    valg = rapport.Utvalgsvalg(**form.cleaned_data)
    if not _kan_se_rapport(request.user, valg):
        raise PermissionDenied("Rapporten er for møtesekretærene, kommunedirektøren, arkivet og "
                               "lederne for sine enheter. Velg en enhet du leder.")  # fmt: skip
    return form, valg


def _rapportlenke(data) -> str:
    """Back to the report with the same choice."""
    valg = {k: data[k] for k in ("utvalg", "enhet", "fra", "til") if data.get(k)}
    return reverse("vedtak:rapport") + ("?" + urlencode(valg) if valg else "")


@login_required
def rapport_side(request):
    form, valg = _rapportvalg(request, request.GET if "fra" in request.GET else None)
    if valg is None:
        return render(request, "vedtak/rapport.html", {"form": form}, status=UGYLDIG)
    format_ = request.GET.get("format")
    filnavn = f"vedtaksoppfolging-{timezone.localdate():%Y-%m-%d}"
    if format_ == "pdf":
        svar = HttpResponse(rapport.pdf(request.user, valg), content_type="application/pdf")
        svar["Content-Disposition"] = f'attachment; filename="{filnavn}.pdf"'
        return svar
    rader = rapport.rader(request.user, valg)
    if format_ == "svg":
        svar = HttpResponse(rapport.diagram(rader), content_type="image/svg+xml; charset=utf-8")
        svar["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
        return svar
    if format_ == "csv":
        svar = StreamingHttpResponse(rapport.csv_linjer(rader),
                                     content_type="text/csv; charset=utf-8")  # fmt: skip
        svar["Content-Disposition"] = f'attachment; filename="{filnavn}.csv"'
        return svar
    sekretar = access.has_role(request.user, *regler.REGISTRERENDE)
    context = {
        "form": form,
        "valg": valg,
        "rader": rader,
        "telling": rapport.telling(rader),
        "query": request.GET.urlencode() if "fra" in request.GET else "",
        "kan_referere": sekretar and valg.utvalg is not None,
        "kan_avslutte": sekretar,
    }
    return render(request, "vedtak/rapport.html", context)


def _avvist(request, error: DomainError):
    """A refused action on the report: its reason, with its status (403 or 409)."""
    if error.status == 403:
        raise PermissionDenied(error.message)
    form = RapportForm(request.POST)
    return render(request, "vedtak/rapport.html", {"form": form, "feil": error.message},
                  status=KONFLIKT)  # fmt: skip


@login_required
@require_POST
def rapport_referer(request):
    form, valg = _rapportvalg(request, request.POST)
    if valg is None:
        return render(request, "vedtak/rapport.html", {"form": form}, status=UGYLDIG)
    try:
        post = rapport.referer(request.user, valg)
    except DomainError as error:
        return _avvist(request, error)
    messages.success(request, f"Rapporten er registrert som {post.saksdokumentnummer} og "
                              f"referert for {valg.utvalg.navn}.")  # fmt: skip
    return redirect("journal:journalpost", post.pk)


@login_required
@require_POST
def avslutt(request):
    valgte = Oppfolging.objects.filter(pk__in=request.POST.getlist("oppfolging")).prefetch_related(
        "linjer")  # fmt: skip
    tilbake = _rapportlenke(request.POST)
    if not valgte:
        messages.error(request, "Velg vedtakene utvalget har avsluttet.")
        return redirect(tilbake)
    try:
        antall = rapport.avslutt(request.user, valgte)
    except DomainError as error:
        return _avvist(request, error)
    messages.success(request, f"{antall} vedtak er avsluttet.")
    return redirect(tilbake)
