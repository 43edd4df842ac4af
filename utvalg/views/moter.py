"""The meeting plan on the committee page, and one meeting's page with its agenda: the
secretary plans, moves and cancels meetings and copies a year's plan; everyone logged in
reads them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from saksarkiv.forms import UGYLDIG, vis_feil
from saksarkiv.services import DomainError

from .. import innkalling, moteplan
from .. import tillatelser as regler
from ..forms import AvlysForm, EndreMoteForm, KopierForm, MoteForm
from ..models import Mote, Utvalg
from . import frammote as frammote_views
from . import portal as portal_views
from . import protokoll as protokoll_views
from . import sakskart as sakskart_views
from .register import _vis as vis_utvalg


def _krev(user, utvalg):
    regler.utvalg(user, utvalg).krev_side("moter")


@login_required
@require_POST
def nytt_mote(request, pk):
    utvalg = get_object_or_404(Utvalg.objects.select_related("sekretaer"), pk=pk)
    _krev(request.user, utvalg)
    form = MoteForm(request.POST)
    if form.is_valid():
        try:
            mote = moteplan.planlegg_mote(request.user, utvalg, **form.cleaned_data)
        except DomainError as error:
            return vis_utvalg(request, utvalg, vis_feil(form, error), mote_form=form)
        messages.success(request, f"Møtet {mote.dato:%d.%m.%Y} er lagt inn i møteplanen.")
        return redirect(f"/utvalg/{utvalg.pk}/?aar={mote.dato.year}#moteplan")
    return vis_utvalg(request, utvalg, UGYLDIG, mote_form=form)


@login_required
@require_POST
def kopier_moteplan(request, pk):
    utvalg = get_object_or_404(Utvalg.objects.select_related("sekretaer"), pk=pk)
    _krev(request.user, utvalg)
    form = KopierForm(request.POST)
    if form.is_valid():
        try:
            nye = moteplan.kopier_moteplan(request.user, utvalg, **form.cleaned_data)
        except DomainError as error:
            return vis_utvalg(request, utvalg, vis_feil(form, error), kopier_form=form)
        til = form.cleaned_data["til_aar"]
        messages.success(request, f"{len(nye)} møter er kopiert til {til}.")
        return redirect(f"/utvalg/{utvalg.pk}/?aar={til}#moteplan")
    return vis_utvalg(request, utvalg, UGYLDIG, kopier_form=form)


def vis_mote(
    request,
    mote,
    status=200,
    sakskart_feil=None,
    innkalling_feil=None,
    forfall_feil=None,
    frammote_skjemaer=None,
    protokoll_feil=None,
    **skjemaer,
):
    """The meeting page: its data, its agenda (views/sakskart.py) and the secretary's forms."""
    kan = (
        regler.utvalg(request.user, mote.utvalg).kan.moter and mote.status not in moteplan.AVSLUTTET
    )
    context = (
        {
            "mote": mote,
            "kan_endre": kan,
            "endre_form": skjemaer.get("endre_form")
            or EndreMoteForm(
                initial={"dato": mote.dato, "klokkeslett": mote.klokkeslett, "sted": mote.sted}
            ),  # fmt: skip
            "avlys_form": skjemaer.get("avlys_form") or AvlysForm(),
            "innkalling_feil": innkalling_feil or [],
            "frist": innkalling.frist(mote),
            "valgte": set(skjemaer["sett_pa_form"].data.getlist("behandlinger"))
            if skjemaer.get("sett_pa_form")
            else set(),
        }
        | sakskart_views.kontekst(request.user, mote, sakskart_feil)
        | portal_views.forfall_kontekst(request.user, mote, forfall_feil)
        | frammote_views.kontekst(request.user, mote, frammote_skjemaer)
        | protokoll_views.kontekst(request.user, mote, protokoll_feil)
    )
    return render(request, "utvalg/mote.html", context, status=status)


@login_required
def mote(request, pk):
    mote = get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)
    if request.method != "POST":
        return vis_mote(request, mote)
    _krev(request.user, mote.utvalg)
    handling = request.POST.get("handling")
    form = AvlysForm(request.POST) if handling == "avlys" else EndreMoteForm(request.POST)
    nokkel = "avlys_form" if handling == "avlys" else "endre_form"
    if not form.is_valid():
        return vis_mote(request, mote, UGYLDIG, **{nokkel: form})
    try:
        if handling == "avlys":
            moteplan.avlys_mote(request.user, mote, **form.cleaned_data)
            melding = "Møtet er avlyst, og medlemmene får beskjed."
        else:
            moteplan.endre_mote(request.user, mote, **form.cleaned_data)
            melding = "Møtet er endret, og medlemmene får beskjed."
    except DomainError as error:
        return vis_mote(request, mote, vis_feil(form, error), **{nokkel: form})
    messages.success(request, melding)
    return redirect("utvalg:mote", mote.pk)
