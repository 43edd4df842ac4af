"""The «Neste steg» panel of the journal post page (issue 15): which of the actions in
HANDLINGER the user may take now, each by its permission rule
(tillatelser.journalpost(user, post).kan[handling], the rule its service enforces), the most
important first, and what the page shows beside them: the tab it opens on, what became of
the post a reply answers, the document's date, and whether the post is the user's own
(«sett av meg» for «Innboks»)."""

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
# The form each action opens (a context key), to open it again when it comes back with errors.
SKJEMA = {
    "fordel": "fordel_form",
    "send_godkjenning": "send_form",
    "besvar": "besvar_form",
    "avskriv": "avskriv_form",
    "korrespondanseparter": "part_form",
    "kopi": "kopi_form",
    "merknad": "merknad_form",
    "kopier": "kopier_form",
    "flytt": "flytt_form",
    "utgaar": "status_form",
}
# Write-off and reply are the caseworker's: archive (not the post's caseworker) finds them
# under «Flere handlinger» when the rules let archive take them.
IKKE_ARKIVETS = ("besvar", "avskriv")


def neste_steg(regler_for_post, post, context) -> tuple[list[dict], list[dict]]:
    """(the actions shown up front, those under «Flere handlinger»), each {handling, tekst,
    apen}: exactly the actions of HANDLINGER the user may take now."""
    kinds = regler_for_post.kontekst.kinds
    arkivet = regler.ARKIV in kinds and regler.SAKSBEHANDLER not in kinds
    neste, flere = [], []
    for handling in HANDLINGER:
        if not regler_for_post.kan[handling]:
            continue
        overgang = regler.overgang_for(post, handling)
        form = context.get(SKJEMA.get(handling, ""))
        rad = {
            "handling": handling,
            "tekst": overgang.knapp if overgang else TEKST[handling],
            "apen": bool(form is not None and form.is_bound and form.errors),
        }
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
