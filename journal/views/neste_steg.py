"""The «Neste steg» panel of the journal post page (issue 15): which of the actions in
HANDLINGER the user may take now, each by its permission rule
(tillatelser.journalpost(user, post).kan[handling], the rule its service enforces), the most
important first, and what the page shows beside them: the tab it opens on, what became of
the post a reply answers, the document's date, and whether the post is the user's own
(«sett av meg» for «Innboks»)."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from .. import forms as f
from ..models import Avskrivning, Journalposttype, Journalstatus, Korrespondanseparttype
from ..services import regler

# The actions of the «Neste steg» panel, most important first: each is offered when its rule
# allows it. The first group is the daily work the panel shows up front; the second waits
# under «Flere handlinger».
PRIMAERE = (
    "fordel", "offentlighetsvurder", "journalfor", "ferdigstill", "send_godkjenning",
    "ekspeder", "besvar", "avskriv", "motta",
)  # fmt: skip
FLERE = (
    "gjenapne", "endre", "korrespondanseparter", "kopi", "merknad", "legg_til_dokument",
    "kopier", "flytt", "utgaar",
)  # fmt: skip
HANDLINGER = PRIMAERE + FLERE
TEKST = {
    "fordel": "Fordel",
    "offentlighetsvurder": "Offentlighetsvurder",
    "send_godkjenning": "Send til godkjenning",
    "besvar": "Besvar",
    "avskriv": "Avskriv",
    "endre": "Endre opplysninger",
    "korrespondanseparter": "Legg til avsender/mottaker",
    "kopi": "Send intern kopi",
    "merknad": "Ny merknad",
    "legg_til_dokument": "Legg til dokument",
    "kopier": "Kopier til en annen sak",
    "flytt": "Flytt til en annen sak",
    "utgaar": "Sett til utgår",
}


@dataclass(frozen=True)
class Skjema:
    """The form an action opens in place: its context key (to open it again when it comes
    back with errors), the URL it posts to, the submit button, and what it posts besides."""

    form: str
    url: str
    knapp: str
    klasse: str = ""  # extra button class
    handling: str = ""  # posted as «handling» by the button (the status URL's step)
    skjult: tuple[tuple[str, str], ...] = ()
    hjelp: str = ""


SKJEMA = {
    "fordel": Skjema("fordel_form", "journal:fordel", "Fordel"),
    "send_godkjenning": Skjema("send_form", "journal:send_godkjenning", "Send til godkjenning"),
    "besvar": Skjema("besvar_form", "journal:besvar", "Lag svar"),
    "avskriv": Skjema(
        "avskriv_form", "journal:avskriv", "Avskriv",
        hjelp="Avskriv uten nytt dokument. Svarer du med brev eller notat, velg «Besvar».",
    ),
    "korrespondanseparter": Skjema("part_form", "journal:korrespondansepart", "Legg til"),
    "kopi": Skjema("kopi_form", "journal:kopi", "Send kopi"),
    "merknad": Skjema("merknad_form", "journal:merknad", "Lagre merknad"),
    "kopier": Skjema(
        "kopier_form", "journal:flytt", "Kopier", " knapp--sekundar",
        skjult=(("flytt-kopier", "on"),),
    ),
    "flytt": Skjema("flytt_form", "journal:flytt", "Flytt", " knapp--sekundar"),
    "utgaar": Skjema(
        "status_form", "journal:post_status", "Sett til utgår", " knapp--fare", handling="utgaar"
    ),
}  # fmt: skip
# Write-off and reply are the caseworker's: archive (not the post's caseworker) finds them
# under «Flere handlinger» when the rules let archive take them.
IKKE_ARKIVETS = ("besvar", "avskriv")


def neste_steg(regler_for_post, post, context) -> tuple[list[dict], list[dict]]:
    """(the actions shown up front, those under «Flere handlinger»), each {handling, tekst,
    apen} and, for an action with a form, {skjema, form, url}: exactly the actions of
    HANDLINGER the user may take now."""
    kinds = regler_for_post.kontekst.kinds
    arkivet = regler.ARKIV in kinds and regler.SAKSBEHANDLER not in kinds
    neste, flere = [], []
    for handling in HANDLINGER:
        if not regler_for_post.kan[handling]:
            continue
        overgang = regler.overgang_for(post, handling)
        skjema = SKJEMA.get(handling)
        form = context.get(skjema.form) if skjema else None
        rad = {
            "handling": handling,
            "tekst": overgang.knapp if overgang else TEKST[handling],
            "apen": bool(form is not None and form.is_bound and form.errors),
        }
        if skjema:
            rad |= {"skjema": skjema, "form": form, "url": reverse(skjema.url, args=[post.pk])}
        primar = handling in PRIMAERE and not (
            (handling == "fordel" and post.saksbehandler_id)  # re-distribution
            or (handling in IKKE_ARKIVETS and arkivet)
        )
        (neste if primar else flere).append(rad)
    return neste, flere


def flytteskjemaer(user, context) -> None:
    """«Flytt» and «Kopier» post the same form (FlyttForm, with «kopier» ticked or not):
    each gets its own, without the checkbox; a form that came back keeps its errors."""
    tilbake = context["flytt_form"]
    skjemaer = {"flytt_form": f.FlyttForm(user=user), "kopier_form": f.FlyttForm(user=user)}
    if tilbake.is_bound:
        key = "kopier_form" if tilbake.data.get(tilbake.add_prefix("kopier")) else "flytt_form"
        skjemaer[key] = tilbake
    for form in skjemaer.values():
        form.fields.pop("kopier", None)
    context.update(skjemaer)


def besvarer(post) -> dict | None:
    """What became of the post this one answers: to be written off when the reply is
    finished, written off by it (when, how), or answered without a write-off."""
    if post.besvarer_id is None:
        return None
    avskrevet = None
    if post.journalstatus != Journalstatus.RESERVERT:
        avskrevet = Avskrivning.objects.filter(
            journalpost_id=post.besvarer_id, avskrives_av_journalpost=post
        ).first()
    return {
        "post": post.besvarer,
        "avskrivning": avskrevet,
        "venter": post.avskriv_ved_ferdigstilling and post.journalstatus == Journalstatus.RESERVERT,
    }


def dokumentdato(post, historikk):
    """The document's date: as registered, else for an own document the day it was finished
    (its letter carries that date) or sent. A reply made from a received post gets no date
    when it is registered, so «—» on a sent letter was the empty registered field."""
    if post.dokumentdato or post.journalposttype == Journalposttype.INNGAENDE:
        return post.dokumentdato
    ferdig = [
        e.tidspunkt
        for e in historikk
        if (e.endringer or {}).get("journalstatus", {}).get("etter") == Journalstatus.FERDIGSTILT
    ]
    if ferdig:
        return timezone.localdate(min(ferdig))
    return post.ekspedert_dato


def til_meg(user, post, parter) -> bool:
    """Is the post given or addressed to the user (their «Innboks»)?"""
    if post.saksbehandler_id == user.pk:
        return True
    interne = (Korrespondanseparttype.INTERN_MOTTAKER, Korrespondanseparttype.INTERN_KOPIMOTTAKER)
    return any(p.person_id == user.pk and p.korrespondanseparttype in interne for p in parter or ())


def start_fane(post, context) -> str:
    """The tab the page opens on (static/js/faner.js; a #fragment wins): a draft's text and
    committee panels while it is written, the documents of a post that has none yet."""
    if post.journalstatus == Journalstatus.RESERVERT and context["paneler"]:
        return "fane-behandling"
    if context["dok_kan_legge_til"] and not context["dok_antall"]:
        return "fane-dokumenter"
    return ""
