"""Journal post pages: new post in a case, the post page with every action the user may
take on it, and editing. Each action posts to its own URL, calls one service, and on a
refusal shows the post page again with the message beside the form (nothing changed).

The post page is built around the next step (issue 15): one panel at the top, «Neste steg»,
offers the actions in neste_steg.HANDLINGER that the permission rules allow this user now
(tillatelser.journalpost(user, post).kan[handling], the rule each service enforces), the
most important first; what is not this user's daily work waits under «Flere handlinger».
Forms open in place (<details>); the rest of the post is in tabs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from saksarkiv import access
from saksarkiv.forms import KONFLIKT, UGYLDIG, vis_feil
from saksarkiv.navigation import paneler
from saksarkiv.services import DomainError

from .. import forms as f
from ..models import (
    Godkjenning,
    Godkjenningssvar,
    Journalpost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
)
from ..services import (
    avskrivning,
    fordeling,
    godkjenning,
    journalposter,
    sett,
    tillatelser,
)
from ..services.registration import registrer_journalpost
from . import neste_steg
from .dokumenter import dokumenter_context
from .felles import hent_journalpost, hent_sak
from .saker import _historikk, sak_nekter

POST_FELT = list(journalposter.REDIGERBARE_FELT)
EGNE_TYPER = [
    Journalposttype.UTGAENDE,
    Journalposttype.NOTAT_MED_OPPFOLGING,
    Journalposttype.NOTAT_UTEN_OPPFOLGING,
    Journalposttype.SAKSFRAMLEGG,
]


def _typer_for(user) -> list[str]:
    if access.is_archive(user):
        return [Journalposttype.INNGAENDE, *EGNE_TYPER]
    return EGNE_TYPER


@login_required
def ny_journalpost(request, sak_pk):
    sak = hent_sak(request.user, sak_pk)
    if avslag := tillatelser.saksmappe(request.user, sak)["ny_journalpost"]:
        return sak_nekter(request, sak, avslag.feil())
    typer = _typer_for(request.user)
    status = 200
    if request.method == "POST":
        form = f.JournalpostForm(request.POST, typer=typer)
        if form.is_valid():
            data = form.cleaned_data
            try:
                post = registrer_journalpost(
                    request.user,
                    sak,
                    journalposttype=data["journalposttype"],
                    tittel=data["tittel"],
                    offentlig_tittel=data["offentlig_tittel"],
                    tilgangskode=data["tilgangskode"] and data["tilgangskode"].pk,
                    skjermingshjemmel=data["skjermingshjemmel"],
                    dokumentdato=data["dokumentdato"],
                    forfallsdato=data["forfallsdato"],
                    skjerm_korrespondanseparter=data["skjerm_korrespondanseparter"],
                    skjerm_dokumenter=data["skjerm_dokumenter"],
                    ekspedisjonsmaate=data["ekspedisjonsmaate"],
                )
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                messages.success(request, f"Journalpost {post.saksdokumentnummer} er registrert.")
                return redirect("journal:journalpost", post.pk)
        else:
            status = UGYLDIG
    else:
        initial_type = request.GET.get("type")
        form = f.JournalpostForm(
            typer=typer,
            initial={
                "journalposttype": initial_type if initial_type in typer else typer[0],
                "tilgangskode": sak.tilgangskode_id,
                "skjermingshjemmel": sak.skjermingshjemmel,
                "skjerm_dokumenter": True,
            },
        )
    return render(request, "journal/ny_journalpost.html", {"form": form, "sak": sak}, status=status)


def _post_context(request, post, **extra) -> dict:
    user = request.user
    regler_for_post = tillatelser.journalpost(user, post)
    innsyn = regler_for_post.kontekst.innsyn
    vis_parter = innsyn or not post.skjerm_korrespondanseparter
    parter = (
        list(post.korrespondanseparter.select_related("person", "enhet")) if vis_parter else None
    )
    er_restanse = avskrivning.er_restanse_felt(post)  # the post was just read
    # Read once: the page lists them and the «send til godkjenning» rule asks for an open one.
    prefetch_related_objects(
        [post],
        Prefetch(
            "godkjenninger",
            queryset=Godkjenning.objects.select_related("sendt_av", "sendt_til", "besvart_av"),
        ),
    )
    godkjenninger = list(post.godkjenninger.all())
    historikk = list(_historikk(user, post))
    apen_flagg = next((g for g in godkjenninger if g.svar == Godkjenningssvar.VENTER), None)
    kan_sende = regler_for_post.kan.send_godkjenning
    ledere = godkjenning.mulige_godkjennere(post) if kan_sende else None
    overganger = tillatelser.journalstatus_knapper(regler_for_post)
    context = {
        "post": post,
        "sak": post.saksmappe,
        "innsyn": innsyn,
        # Every form on the page shows by the rule its service enforces (tillatelser.py).
        "tillatelser": regler_for_post,
        "parter": parter,
        "antall_parter": len(parter) if parter is not None else post.korrespondanseparter.count(),
        "er_restanse": er_restanse,
        "avskrivninger": post.avskrivninger.select_related(
            "avskrevet_av", "avskrives_av_journalpost__saksmappe"
        ),
        "svar": Journalpost.objects.visible_to(user)
        .filter(besvarer=post)
        .select_related("saksmappe"),
        "godkjenninger": godkjenninger,
        "apen_flagg": apen_flagg,
        "kan_svare_flagg": apen_flagg is not None
        and tillatelser.godkjenning(user, apen_flagg).kan.svar,
        "merknader": post.merknader.select_related("registrert_av") if innsyn else None,
        "historikk": historikk,
        "dokumentdato": neste_steg.dokumentdato(post, historikk),
        "besvarer": neste_steg.besvarer(post),
        "overganger": [o for o in overganger if o.handling != "utgaar"],
        "feil": None,
        "status_form": f.BegrunnelseForm(),
        "part_form": f.KorrespondansepartForm(),
        "kopi_form": f.KopiForm(),
        "merknad_form": f.MerknadForm(),
        "avskriv_form": f.AvskrivForm(),
        "besvar_form": f.BesvarForm(restanse=er_restanse),
        "fordel_form": f.FordelForm(
            initial={"enhet": post.administrativ_enhet_id, "saksbehandler": post.saksbehandler_id}
        ),
        "send_form": f.SendGodkjenningForm(ledere=ledere),
        "svar_form": f.SvarGodkjenningForm(),
        "flytt_form": f.FlyttForm(user=user),
        **dokumenter_context(request, post),
    }
    if post.journalposttype != Journalposttype.SAKSFRAMLEGG:
        del context["send_form"].fields["direkte_til_radmann"]
    if regler_for_post.kan.fordel and not access.is_archive(user):
        context["fordel_form"].fields["saksbehandler"].queryset = fordeling.saksbehandlere_i(
            post.administrativ_enhet
        )
    context.update(extra)
    neste_steg.flytteskjemaer(user, context)
    context["neste_steg"], context["flere_handlinger"] = neste_steg.neste_steg(
        regler_for_post, post, context
    )
    context["flere_apen"] = any(h["apen"] for h in context["flere_handlinger"])
    # What the apps above the journal add to the page (settings.SAKSARKIV_JOURNALPOST_PANELER).
    context["paneler"] = paneler("SAKSARKIV_JOURNALPOST_PANELER", request, post, context)
    context["start_fane"] = neste_steg.start_fane(post, context)
    return context


@login_required
def journalpost(request, pk):
    post = hent_journalpost(request.user, pk)
    context = _post_context(request, post)
    if request.method == "GET" and neste_steg.til_meg(request.user, post, context["parter"]):
        sett.merk_sett(request.user, post)  # no longer new in the user's «Innboks»
    return render(request, "journal/journalpost.html", context)


def _vis_post(request, post, status, **extra):
    post = hent_journalpost(request.user, post.pk)
    return render(
        request, "journal/journalpost.html", _post_context(request, post, **extra), status=status
    )


def _ferdig(request, post, melding, anchor=""):
    messages.success(request, melding)
    return redirect(reverse("journal:journalpost", args=[post.pk]) + anchor)


@login_required
def endre_journalpost(request, pk):
    post = hent_journalpost(request.user, pk)
    if avslag := tillatelser.journalpost(request.user, post)["endre"]:
        return _vis_post(request, post, avslag.status or KONFLIKT, feil=avslag.feil())
    status = 200
    if request.method == "POST":
        form = f.JournalpostForm(request.POST, endre=True)
        if form.is_valid():
            try:
                journalposter.endre_journalpost(request.user, post, **form.cleaned_data)
            except DomainError as error:
                status = vis_feil(form, error)
            else:
                return _ferdig(request, post, f"Journalpost {post.saksdokumentnummer} er lagret.")
        else:
            status = UGYLDIG
    else:
        initial = {name: getattr(post, name) for name in POST_FELT}
        initial["tilgangskode"] = post.tilgangskode_id
        form = f.JournalpostForm(initial=initial, endre=True)
    return render(
        request, "journal/endre_journalpost.html", {"form": form, "post": post}, status=status
    )


@login_required
@require_POST
def post_status(request, pk):
    post = hent_journalpost(request.user, pk)
    form = f.BegrunnelseForm(request.POST)
    form.is_valid()
    handling = request.POST.get("handling", "")
    try:
        post = journalposter.endre_status(
            request.user, post, handling, begrunnelse=form.cleaned_data.get("begrunnelse", "")
        )
    except DomainError as error:
        if error.field == "begrunnelse":
            vis_feil(form, error)
            return _vis_post(request, post, UGYLDIG, status_form=form)
        return _vis_post(request, post, error.status or KONFLIKT, feil=error)
    return _ferdig(
        request,
        post,
        f"Journalpost {post.saksdokumentnummer} har nå status "
        f"{post.get_journalstatus_display().lower()} ({post.journalstatus}).",
    )


def skjema_handling(request, post, form_class, context_key, action, melding, anchor="", **kwargs):
    """Validate a form, run the service with its data, show errors beside the form on the
    post page (the apps above the journal use it for their actions on a post too)."""
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            result = action(form.cleaned_data)
        except DomainError as error:
            status = vis_feil(form, error)
        else:
            if isinstance(result, Journalpost) and result.pk != post.pk:
                messages.success(request, melding)
                return redirect("journal:journalpost", result.pk)
            return _ferdig(request, post, melding, anchor)
    else:
        status = UGYLDIG
    return _vis_post(request, post, status, **{context_key: form})


def enkel_handling(request, post, action, melding, anchor=""):
    """Run a service that needs no form; its refusal is shown on the post page (the apps
    above the journal use it for their buttons on a post too)."""
    try:
        action()
    except DomainError as error:
        return _vis_post(request, post, error.status or KONFLIKT, feil=error)
    return _ferdig(request, post, melding, anchor)


@login_required
@require_POST
def korrespondansepart(request, pk):
    post = hent_journalpost(request.user, pk)
    return skjema_handling(
        request,
        post,
        f.KorrespondansepartForm,
        "part_form",
        lambda d: journalposter.legg_til_korrespondansepart(request.user, post, **d),
        "Korrespondanseparten er lagt til.",
        "#korrespondanseparter",
    )


@login_required
@require_POST
def fjern_korrespondansepart(request, pk):
    part = get_object_or_404(Korrespondansepart, pk=pk)
    post = hent_journalpost(request.user, part.journalpost_id)
    try:
        journalposter.fjern_korrespondansepart(request.user, part)
    except DomainError as error:
        return _vis_post(request, post, error.status or KONFLIKT, feil=error)
    return _ferdig(request, post, "Korrespondanseparten er fjernet.", "#korrespondanseparter")


@login_required
@require_POST
def kopi(request, pk):
    post = hent_journalpost(request.user, pk)
    return skjema_handling(
        request,
        post,
        f.KopiForm,
        "kopi_form",
        lambda d: journalposter.legg_til_korrespondansepart(
            request.user,
            post,
            korrespondanseparttype=Korrespondanseparttype.INTERN_KOPIMOTTAKER,
            person=d["person"],
        ),
        "Kopi er sendt.",
        "#korrespondanseparter",
    )


@login_required
@require_POST
def merknad(request, pk):
    post = hent_journalpost(request.user, pk)
    return skjema_handling(
        request,
        post,
        f.MerknadForm,
        "merknad_form",
        lambda d: journalposter.legg_til_merknad(request.user, post, d["tekst"]),
        "Merknaden er lagret.",
        "#merknader",
    )


@login_required
@require_POST
def avskriv(request, pk):
    post = hent_journalpost(request.user, pk)
    return skjema_handling(
        request,
        post,
        f.AvskrivForm,
        "avskriv_form",
        lambda d: avskrivning.avskriv(
            request.user, post, d["avskrivningsmaate"], merknad=d["merknad"]
        ),
        "Journalposten er avskrevet.",
        "#avskrivning",
    )


@login_required
@require_POST
def besvar(request, pk):
    post = hent_journalpost(request.user, pk)
    return skjema_handling(
        request,
        post,
        f.BesvarForm,
        "besvar_form",
        lambda d: avskrivning.besvar(
            request.user,
            post,
            journalposttype=d["journalposttype"],
            avskriv_ved_ferdigstilling=d["avskriv"],
            tittel=d["tittel"],
            offentlig_tittel=d["offentlig_tittel"],
        ),
        "Svaret er opprettet som utkast. Last opp dokumentet og ferdigstill det.",
    )


@login_required
@require_POST
def fordel(request, pk):
    post = hent_journalpost(request.user, pk)
    return skjema_handling(
        request,
        post,
        f.FordelForm,
        "fordel_form",
        lambda d: fordeling.fordel(
            request.user, post, enhet=d["enhet"], saksbehandler=d["saksbehandler"]
        ),
        "Journalposten er fordelt.",
    )


@login_required
@require_POST
def send_godkjenning(request, pk):
    post = hent_journalpost(request.user, pk)

    def action(d):
        if post.journalposttype == Journalposttype.SAKSFRAMLEGG:
            return godkjenning.send_saksframlegg(
                request.user,
                post,
                d["leder"],
                direkte_til_radmann=d["direkte_til_radmann"],
                melding=d["melding"],
            )
        return godkjenning.send_til_godkjenning(
            request.user, post, d["leder"], melding=d["melding"]
        )

    return skjema_handling(
        request,
        post,
        f.SendGodkjenningForm,
        "send_form",
        action,
        "Sendt til godkjenning.",
        "#godkjenning",
    )


@login_required
@require_POST
def svar_godkjenning(request, pk):
    flagg = get_object_or_404(Godkjenning, pk=pk, svar=Godkjenningssvar.VENTER)
    post = hent_journalpost(request.user, flagg.journalpost_id)
    return skjema_handling(
        request,
        post,
        f.SvarGodkjenningForm,
        "svar_form",
        lambda d: godkjenning.besvar_godkjenning(
            request.user, flagg, godkjent=d["godkjent"], kommentar=d["kommentar"]
        ),
        "Svaret på godkjenningen er registrert.",
        "#godkjenning",
    )


@login_required
@require_POST
def flytt(request, pk):
    post = hent_journalpost(request.user, pk)

    def action(d):
        if d["kopier"]:
            return journalposter.kopier(request.user, post, d["sak"])
        journalposter.flytt(request.user, post, d["sak"])
        return None

    return skjema_handling(
        request,
        post,
        f.FlyttForm,
        "flytt_form",
        action,
        "Journalposten er flyttet eller kopiert.",
        user=request.user,
    )


urlpatterns = [
    path("saker/<int:sak_pk>/journalposter/ny/", ny_journalpost, name="ny_journalpost"),
    path("journalposter/<int:pk>/", journalpost, name="journalpost"),
    path("journalposter/<int:pk>/endre/", endre_journalpost, name="endre_journalpost"),
    path("journalposter/<int:pk>/status/", post_status, name="post_status"),
    path(
        "journalposter/<int:pk>/korrespondanseparter/",
        korrespondansepart,
        name="korrespondansepart",
    ),
    path(
        "journalposter/korrespondanseparter/<int:pk>/fjern/",
        fjern_korrespondansepart,
        name="fjern_korrespondansepart",
    ),
    path("journalposter/<int:pk>/kopi/", kopi, name="kopi"),
    path("journalposter/<int:pk>/merknader/", merknad, name="merknad"),
    path("journalposter/<int:pk>/avskriv/", avskriv, name="avskriv"),
    path("journalposter/<int:pk>/besvar/", besvar, name="besvar"),
    path("journalposter/<int:pk>/fordel/", fordel, name="fordel"),
    path("journalposter/<int:pk>/godkjenning/", send_godkjenning, name="send_godkjenning"),
    path("godkjenninger/<int:pk>/svar/", svar_godkjenning, name="svar_godkjenning"),
    path("journalposter/<int:pk>/flytt/", flytt, name="flytt"),
]
