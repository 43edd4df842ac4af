"""Treating one item in the meeting, for the secretary: who is present (utvalg/frammote.py),
the proposals, the votes in their order with each present member's vote and the party
lines, and the result with the decision (utvalg/votering.py, utvalg/resultat.py). Plain
forms; refusals come back beside their fields."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from saksarkiv import access
from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.navigation import paneler
from saksarkiv.services import DomainError

from .. import frammote, innkalling, protokoll, resultat, votering
from .. import tillatelser as regler
from ..forms import AvgjorForm, ForslagForm
from ..models import Forslag, Medlem, Mote, Motestatus, Sakskartpunkt, Stemmegivning


def _punkt(pk) -> Sakskartpunkt:
    return get_object_or_404(
        Sakskartpunkt.objects.select_related("mote__utvalg", "behandling__journalpost"),
        pk=pk, trukket__isnull=True,
    )  # fmt: skip


def vis_punkt(request, punkt, status=200, **skjemaer):
    mote = punkt.mote
    regler.utvalg(request.user, mote.utvalg).krev_side("moter")
    til_stede = frammote.tilstede(mote).get(punkt.pk)
    ids = [m.pk for m in til_stede.tilstede] if til_stede else []
    forslag = list(punkt.forslag.prefetch_related("fremmet_av__person").select_related("parti"))
    voteringer = list(
        punkt.voteringer.select_related("forslag", "mot_forslag").prefetch_related(
            *votering.STEMMER
        )
    )
    antall = len(ids)
    data = skjemaer.get("post_data")
    for v in voteringer:
        v.linjer = votering.partilinjer(v)
        v.setning = protokoll.setning(v, antall)
        feil = skjemaer.get("tekst_feil")
        v.ugyldig = feil is not None and feil.field == f"setning-{v.pk}"
        v.skjema_tekst = data.get(f"setning-{v.pk}", "") if data else (v.tekst or v.setning)
    post = punkt.behandling.journalpost if punkt.behandling_id else None
    # The proposals and the decision are the case's content: read through the chokepoint.
    innsyn = post is None or access.can_read(request.user, post)
    context = {
        "innsyn": innsyn,
        "punkt": punkt,
        "mote": mote,
        "tittel": access.title_for(request.user, post) if post else punkt.get_fast_display(),
        "tilstede": til_stede,
        "forslag": forslag,
        "voteringer": voteringer,
        "stemmevalg": Stemmegivning.choices,
        "apen": mote.status in frammote.I_MOTET,
        "laast": mote.status == Motestatus.PROTOKOLL_GODKJENT,
        "tekst_feil": skjemaer.get("tekst_feil"),
        "tekst_vedtak": data.get("vedtak", "") if data else punkt.vedtak,
        "tekst_grunn": data.get("grunn", "") if data else "",
        "forslag_form": skjemaer.get("forslag_form")
        or ForslagForm(tilstede=Medlem.objects.filter(pk__in=ids).select_related("person")),
        "avgjor_form": skjemaer.get("avgjor_form")
        or AvgjorForm(
            initial={
                "resultat": punkt.resultat or "VS",
                "vedtak": punkt.vedtak if innsyn else "",
                "lukket": punkt.lukket,
                "lukket_hjemmel": punkt.lukket_hjemmel,
            }
        ),  # fmt: skip
        "votering_feil": skjemaer.get("votering_feil"),
    }
    # What the apps above add to the page (settings.SAKSARKIV_SAKSKARTPUNKT_PANELER).
    context["paneler"] = paneler("SAKSARKIV_SAKSKARTPUNKT_PANELER", request, punkt, context)
    return render(request, "utvalg/behandling_i_mote.html", context, status=status)


@login_required
def behandling(request, pk):
    return vis_punkt(request, _punkt(pk))


def _tilbake(punkt, anker=""):
    return redirect(reverse("utvalg:behandling_i_mote", args=[punkt.pk]) + anker)


@login_required
@require_POST
def nytt_forslag(request, pk):
    punkt = _punkt(pk)
    regler.utvalg(request.user, punkt.mote.utvalg).krev_side("moter")
    ids = [m.pk for m in frammote.tilstede(punkt.mote).get(punkt.pk).tilstede]
    form = ForslagForm(request.POST, tilstede=Medlem.objects.filter(pk__in=ids))
    if not form.is_valid():
        return vis_punkt(request, punkt, UGYLDIG, forslag_form=form)
    try:
        votering.foreslaa(request.user, punkt, **form.cleaned_data)
    except DomainError as error:
        return vis_punkt(request, punkt, vis_feil(form, error), forslag_form=form)
    messages.success(request, "Forslaget er registrert.")
    return _tilbake(punkt, "#forslag")


@login_required
@require_POST
def ny_votering(request, pk):
    """One vote: the proposal (and the one it is put against), and each present member's
    vote from the radio buttons (stemme-<member id>), or the counts of a secret ballot."""
    punkt = _punkt(pk)
    regler.utvalg(request.user, punkt.mote.utvalg).krev_side("moter")
    post = request.POST
    forslag = Forslag.objects.filter(punkt=punkt, pk=post.get("forslag") or 0).first()
    mot = Forslag.objects.filter(punkt=punkt, pk=post.get("mot_forslag") or 0).first()
    if forslag is None:
        return vis_punkt(request, punkt, UGYLDIG, votering_feil="Velg forslaget det stemmes over.")
    valg, hemmelig = post.get("valg") == "on", post.get("hemmelig") == "on"
    try:
        if hemmelig:
            antall = tuple(int(post.get(f, "") or "x") for f in ("for", "mot", "blank"))
            votering.stem(request.user, punkt, forslag=forslag, mot_forslag=mot, valg=valg,
                          hemmelig=True, antall=antall)  # fmt: skip
        else:
            stemmer = {
                navn.removeprefix("stemme-"): verdi for navn, verdi in post.items()
                if navn.startswith("stemme-") and navn.removeprefix("stemme-").isdigit()
            }  # fmt: skip
            votering.stem(request.user, punkt, forslag=forslag, mot_forslag=mot, valg=valg,
                          stemmer=stemmer)  # fmt: skip
    except ValueError:
        return vis_punkt(request, punkt, UGYLDIG, votering_feil="Antall stemmer må være hele tall.")
    except DomainError as error:
        return vis_punkt(request, punkt, error.status or (UGYLDIG if error.field else KONFLIKT),
                    votering_feil=error.message)  # fmt: skip
    messages.success(request, "Voteringen er registrert.")
    return _tilbake(punkt, "#voteringer")


@login_required
@require_POST
def avgjor(request, pk):
    punkt = _punkt(pk)
    regler.utvalg(request.user, punkt.mote.utvalg).krev_side("moter")
    form = AvgjorForm(request.POST)
    if not form.is_valid():
        return vis_punkt(request, punkt, UGYLDIG, avgjor_form=form)
    try:
        resultat.avgjor(request.user, punkt, **form.cleaned_data)
    except DomainError as error:
        return vis_punkt(request, punkt, vis_feil(form, error), avgjor_form=form)
    messages.success(request, "Resultatet er registrert.")
    return redirect(reverse("utvalg:mote", args=[punkt.mote_id]) + f"#punkt-{punkt.pk}")


@login_required
def forhandsvis_protokoll(request, pk):
    """The minutes as recorded so far (members' or public version), for the secretary to
    check: only what she may read — the full version needs access to every exempt case."""
    mote = get_object_or_404(Mote.objects.select_related("utvalg"), pk=pk)
    regler.utvalg(request.user, mote.utvalg).krev_side("moter")
    offentlig = request.GET.get("versjon") == "offentlig"
    if not offentlig and not innkalling.kan_lese_alt(request.user, mote):
        raise PermissionDenied("Du har ikke tilgang til alle de unntatte sakene og kan bare "
                               "forhåndsvise den offentlige protokollen.")  # fmt: skip
    response = HttpResponse(protokoll.bygg(mote, offentlig=offentlig),
                            content_type="application/pdf")  # fmt: skip
    response["Content-Disposition"] = (
        f'inline; filename="{mote.utvalg.kode.lower()}-{mote.dato:%Y-%m-%d}-protokoll-utkast.pdf"'
    )
    response["Content-Security-Policy"] = "sandbox"
    patch_cache_control(response, private=True, no_store=True)
    return response
