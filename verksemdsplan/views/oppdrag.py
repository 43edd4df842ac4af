"""Assignment pages (issue 21 item 3): «Mine oppdrag» and «Oppdrag i enheten» (lists with
year, category, status and overdue filters), a new assignment, one assignment's page (the
goal or strategy, the decision it came from, the delegation chain as a tree, the status and
delegation forms), and «Opprett oppdrag» from a decision's follow-up. Also the hooks the
decision follow-up pages read (settings.SAKSARKIV_OPPFOLGING_TILLEGG) and the start page's
tile (settings.SAKSARKIV_ARBEIDSBORD). Views are thin: every change through its service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from saksarkiv import access
from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside
from saksarkiv.services import DomainError

from ..forms.oppdrag import DelegerForm, FraVedtakForm, OppdragFilter, OppdragForm, StatusForm
from ..models import Brevstatus, Oppdrag, Oppdragspunkt
from ..services import oppdrag as tenester
from ..tillatelser import oppdrag as regler
from ..tillatelser.oppdrag import AVSLUTTA, OPPRETTANDE

# --- The lists ----------------------------------------------------------------------------------


class _Liste(LoginRequiredMixin, Listeside):
    template_name = "verksemdsplan/oppdrag/liste.html"
    filterset_class = OppdragFilter
    sorteringer = (
        Sortering("frist", gettext_lazy("Frist, tidligste først"), (("frist", False),)),
        Sortering("nyest", gettext_lazy("Frist, seneste først"), (("frist", True),)),
    )
    fane = ""

    def rader(self):
        return Oppdrag.objects.select_related("enhet", "eigar", "maal", "strategi")

    def vis(self, rader):
        idag = timezone.localdate()
        for r in rader:
            r.forfalt = r.frist < idag and r.status not in AVSLUTTA
        return rader

    def get_context_data(self, liste):
        user = self.request.user
        return liste.context() | {
            "fane": self.fane,
            "leder": access.has_role(user, *OPPRETTANDE),
        }


class MineOppdrag(_Liste):
    """«Mine oppdrag»: the assignments the user owns."""

    fane = "mine"

    def get_queryset(self):
        return tenester.mine(self.request.user)


class OppdragIEininga(_Liste):
    """«Oppdrag i enheten»: the leader's units and those below (all for the chief
    executive)."""

    fane = "eininga"

    def get_queryset(self):
        if not access.has_role(self.request.user, *OPPRETTANDE):
            raise PermissionDenied(_("Listen er for lederne og kommunedirektøren."))
        return tenester.i_eininga(self.request.user)


mine = MineOppdrag.as_view()
eininga = OppdragIEininga.as_view()


# --- A new assignment ---------------------------------------------------------------------------


def _punkt(request) -> Oppdragspunkt | None:
    """«Opprett oppdrag» from a point of a published letter (?punkt=)."""
    pk = request.GET.get("punkt", "")
    if not pk.isdigit():
        return None
    punkt = get_object_or_404(
        Oppdragspunkt.objects.select_related("brev__enhet"), pk=pk,
        brev__status=Brevstatus.PUBLISERT,
    )  # fmt: skip
    return punkt


def _ny_side(request, form, status):
    punkt = form.cleaned_data.get("oppdragspunkt") if hasattr(form, "cleaned_data") else None
    return render(request, "verksemdsplan/oppdrag/ny.html", {"form": form, "punkt": punkt},
                  status=status)  # fmt: skip


@login_required
def ny(request):
    if not access.has_role(request.user, *OPPRETTANDE):
        raise PermissionDenied(_("Bare kommunedirektøren og lederne oppretter oppdrag."))
    if request.method != "POST":
        punkt = _punkt(request)
        form = OppdragForm(user=request.user, punkt=punkt)
        return render(request, "verksemdsplan/oppdrag/ny.html", {"form": form, "punkt": punkt})
    form = OppdragForm(request.POST, user=request.user)
    if not form.is_valid():
        return _ny_side(request, form, UGYLDIG)
    try:
        oppdrag = tenester.opprett(request.user, **form.cleaned_data)
    except DomainError as error:
        return _ny_side(request, form, vis_feil(form, error))
    messages.success(request, _("Oppdraget er opprettet."))
    return redirect("verksemdsplan:oppdrag", oppdrag.pk)


# --- One assignment -----------------------------------------------------------------------------


def _hent(pk) -> Oppdrag:
    return get_object_or_404(
        Oppdrag.objects.select_related(
            "enhet", "eigar", "maal__plan", "strategi__maal", "forelder", "oppdragspunkt",
            "vedtak__punkt__mote__utvalg", "vedtak__punkt__behandling__journalpost",
        ), pk=pk,
    )  # fmt: skip


def _vis(request, oppdrag, kode=200, **skjema):
    kan = regler.oppdrag(request.user, oppdrag)
    forfedre, tre = tenester.kjede(oppdrag)
    vedtak = oppdrag.vedtak
    context = {
        "oppdrag": oppdrag,
        "forfedre": forfedre,
        "tre": tre,
        "kan": kan.kan,
        "grunn": kan.grunn,
        "forfalt": oppdrag.frist < timezone.localdate() and oppdrag.status not in AVSLUTTA,
        "status_form": skjema.get("status")
        or StatusForm(
            initial={"status": oppdrag.status, "statuskommentar": oppdrag.statuskommentar}
        ),  # fmt: skip
        "deleger_form": skjema.get("deleger") or DelegerForm(forelder=oppdrag),
    }
    if vedtak is not None:
        post = vedtak.punkt.behandling.journalpost
        context |= {"vedtak": vedtak, "punkt": vedtak.punkt,
                    "vedtakstittel": access.title_for(request.user, post)}  # fmt: skip
    return render(request, "verksemdsplan/oppdrag/oppdrag.html", context, status=kode)


@login_required
def oppdrag(request, pk):
    """Every logged-in employee reads an assignment: the plan is the organisation's."""
    return _vis(request, _hent(pk))


@login_required
@require_POST
def status(request, pk):
    oppdrag_ = _hent(pk)
    regler.oppdrag(request.user, oppdrag_).krev_side("oppdater_status")
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _vis(request, oppdrag_, UGYLDIG, status=form)
    try:
        tenester.oppdater_status(request.user, oppdrag_, **form.cleaned_data)
    except DomainError as error:
        return _vis(request, oppdrag_, vis_feil(form, error), status=form)
    messages.success(request, _("Statusen er oppdatert."))
    return redirect("verksemdsplan:oppdrag", oppdrag_.pk)


@login_required
@require_POST
def deleger(request, pk):
    oppdrag_ = _hent(pk)
    regler.oppdrag(request.user, oppdrag_).krev_side("deleger")
    form = DelegerForm(request.POST, forelder=oppdrag_)
    if not form.is_valid():
        return _vis(request, oppdrag_, UGYLDIG, deleger=form)
    try:
        under = tenester.deleger(request.user, oppdrag_, **form.cleaned_data)
    except DomainError as error:
        return _vis(request, oppdrag_, vis_feil(form, error), deleger=form)
    messages.success(request, _("Oppdraget er delegert."))
    return redirect("verksemdsplan:oppdrag", under.pk)


# --- From a decision's follow-up ----------------------------------------------------------------


def _oppfolging(pk):
    from vedtak.models import Oppfolging

    return get_object_or_404(
        Oppfolging.objects.select_related(
            "punkt__mote__utvalg", "punkt__behandling__journalpost"
        ), pk=pk,
    )  # fmt: skip


@login_required
def fra_vedtak(request, pk):
    oppfolging = _oppfolging(pk)
    kan = regler.vedtak(request.user, oppfolging)
    if not access.has_role(request.user, *OPPRETTANDE):
        raise PermissionDenied(kan.grunn.opprett_oppdrag)
    post = oppfolging.punkt.behandling.journalpost
    context = {
        "oppfolging": oppfolging,
        "punkt": oppfolging.punkt,
        "vedtakstittel": access.title_for(request.user, post),
        "ny_tittel": tenester.tittel_fra_vedtak(oppfolging),
        "kan": kan.kan,
        "grunn": kan.grunn,
        "eksisterande": Oppdrag.objects.filter(vedtak=oppfolging).first(),
    }
    mal = "verksemdsplan/oppdrag/fra_vedtak.html"
    if request.method != "POST":
        return render(request, mal, context | {"form": FraVedtakForm(user=request.user)})
    form = FraVedtakForm(request.POST, user=request.user)
    if not form.is_valid():
        return render(request, mal, context | {"form": form}, status=UGYLDIG)
    try:
        ny_ = tenester.opprett_fra_vedtak(request.user, oppfolging, **form.cleaned_data)
    except DomainError as error:
        status_ = vis_feil(form, error)
        return render(request, mal, context | {"form": form}, status=status_)
    messages.success(request, _("Oppdraget er opprettet fra vedtaket."))
    return redirect("verksemdsplan:oppdrag", ny_.pk)


# --- Hooks --------------------------------------------------------------------------------------


def vedtakstillegg(user, oppfolginger) -> dict[int, list[dict]]:
    """For the decision follow-up pages and report (settings.SAKSARKIV_OPPFOLGING_TILLEGG):
    per follow-up, the assignment it became and its current status — or, for those who may,
    the way to make one. One query for any number of follow-ups."""
    ider = [o.pk for o in oppfolginger]
    if not ider:
        return {}
    svar: dict[int, list[dict]] = {}
    for o in Oppdrag.objects.filter(vedtak_id__in=ider).select_related("eigar", "enhet"):
        svar[o.vedtak_id] = [{
            "tekst": _("Oppdrag: %(tittel)s (%(eier)s, %(enhet)s)") % {
                "tittel": o.tittel, "eier": o.eigar.get_full_name() or o.eigar.username,
                "enhet": o.enhet.navn},
            "status": _("Status på oppdraget: %(status)s") % {"status": o.get_status_display()}
            + (f" – {o.statuskommentar}" if o.statuskommentar else ""),
            "url": reverse("verksemdsplan:oppdrag", args=[o.pk]),
        }]  # fmt: skip
    if user is not None and access.has_role(user, *OPPRETTANDE):
        for o in oppfolginger:
            if o.pk not in svar and not o.avsluttet:
                svar[o.pk] = [{
                    "tekst": _("Opprett oppdrag i virksomhetsplanen"), "status": "",
                    "url": reverse("verksemdsplan:fra_vedtak", args=[o.pk]), "handling": True,
                }]  # fmt: skip
    return svar


def arbeidsbord(user) -> list[dict]:
    """The start page's tile: the user's overdue assignments (one query; none for someone
    without a role, and no tile when nothing is overdue)."""
    if not access.role_codes(user):
        return []
    antall = tenester.mine(user).filter(tenester.forfalt_q()).count()
    if not antall:
        return []
    return [{
        "navn": _("Mine oppdrag"), "antall": antall,
        "url": reverse("verksemdsplan:oppdrag_mine") + "?forfalt=on",
        "varsel": _("%(antall)s forfalt") % {"antall": antall},
    }]  # fmt: skip
