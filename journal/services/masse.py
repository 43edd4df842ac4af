"""Bulk actions from the worklists (issue 15, item 4): archive journalises, leaders
distribute and answer approvals, caseworkers write off — many posts in one request.

There is no bulk rule and no bulk write. `utfor()` runs the SAME single-post service for
each row, which locks the row, asks the row's permission rule
(`tillatelser.journalpost(actor, post).krev(…)` / `tillatelser.godkjenning(…)`) and records
the row's own audit entry. Each row runs in its own transaction (a savepoint when the caller
holds one), so a refused row is left exactly as it was and never half-done, and the rows
done before it stay done. Refusals are collected per row with the post's number and the
rule's Norwegian reason.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from saksarkiv.services import DomainError

from ..models import Avskrivningsmaate, Journalpost
from . import avskrivning, fordeling, godkjenning, journalposter

# More than this in one request is refused as a whole: the user is told to split it up.
MAKS_RADER = 200

# Write-off methods that need no reply document: BU and NN are set by finishing the reply
# (avskrivning.avskriv_besvart_ved_ferdigstilling), BE names an e-mail that belongs in the
# archive, and *** is no write-off at all. Those stay on the post page, one post at a time.
AVSKRIVNINGSMAATER = (
    Avskrivningsmaate.TATT_TIL_ETTERRETNING,
    Avskrivningsmaate.TATT_TIL_ORIENTERING,
    Avskrivningsmaate.TELEFON,
)

STORSTE_ID = 2**63  # a primary key is a bigint
INGEN_TILGANG = 403
KONFLIKT = 409


@dataclass(frozen=True)
class Avvist:
    """One refused row: the post's number as the user knows it, and why."""

    id: int
    nummer: str
    grunn: str
    status: int = KONFLIKT


@dataclass
class Resultat:
    handling: "Handling"
    utfort: list[str] = field(default_factory=list)
    avvist: list[Avvist] = field(default_factory=list)

    @property
    def oppsummering(self) -> str:
        """«12 journalført, 2 avvist»."""
        deler = [f"{len(self.utfort)} {self.handling.utfort}"]
        if self.avvist:
            deler.append(f"{len(self.avvist)} avvist")
        return ", ".join(deler)

    @property
    def status(self) -> int:
        """The HTTP answer when no row was done: 403 when every row was refused for who the
        user is, else 409 (a row's state). Rows done: 200."""
        if self.utfort:
            return 200
        if self.avvist and all(a.status == INGEN_TILGANG for a in self.avvist):
            return INGEN_TILGANG
        return KONFLIKT


@dataclass(frozen=True)
class Handling:
    kode: str
    knapp: str  # the button
    utfort: str  # «journalført» in the summary
    # (actor, post, params) → runs the single-post service, raises its DomainError.
    kjor: Callable[..., object]
    # Checks the parameters once, before any row (a DomainError with the field).
    sjekk: Callable[[object, dict], None] = lambda actor, params: None


def _journalfor(actor, post, params):
    return journalposter.endre_status(actor, post, "journalfor")


def _sjekk_fordel(actor, params):
    enhet = params.get("enhet")
    if enhet is None:
        raise DomainError("Velg enhet.", field="enhet")
    fordeling.krev_saksbehandler_i(enhet, params.get("saksbehandler"))


def _fordel(actor, post, params):
    return fordeling.fordel(
        actor, post, enhet=params["enhet"], saksbehandler=params.get("saksbehandler")
    )


def _svar(godkjent: bool):
    def kjor(actor, post, params):
        flagg = godkjenning.apen_godkjenning(post)
        if flagg is None:
            raise DomainError("Journalposten venter ikke på godkjenning.")
        return godkjenning.besvar_godkjenning(
            actor, flagg, godkjent=godkjent, kommentar=params.get("kommentar", "")
        )

    return kjor


def _sjekk_avvis(actor, params):
    if not (params.get("kommentar") or "").strip():
        raise DomainError("Skriv hva som må rettes.", field="kommentar")


def _sjekk_avskriv(actor, params):
    if params.get("avskrivningsmaate") not in AVSKRIVNINGSMAATER:
        raise DomainError(
            "Velg en avskrivningsmåte som ikke krever svarbrev (TE, TO eller TLF).",
            field="avskrivningsmaate",
        )


def _avskriv(actor, post, params):
    return avskrivning.avskriv(
        actor, post, params["avskrivningsmaate"], merknad=params.get("merknad", "")
    )


HANDLINGER = {
    h.kode: h
    for h in (
        Handling("journalfor", "Journalfør valgte", "journalført", _journalfor),
        Handling("fordel", "Fordel valgte", "fordelt", _fordel, _sjekk_fordel),
        Handling("godkjenn", "Godkjenn valgte", "godkjent", _svar(True)),
        Handling("avvis", "Ikke godkjenn valgte", "sendt tilbake", _svar(False), _sjekk_avvis),
        Handling("avskriv", "Avskriv valgte", "avskrevet", _avskriv, _sjekk_avskriv),
    )
}


def les_ider(verdier: Iterable) -> list[int]:
    """The posted ids, each once and in the order given; bad input or too many refused as a
    whole with a message for the user."""
    ider = []
    for verdi in verdier:
        try:
            ider.append(int(verdi))
        except (TypeError, ValueError):
            raise DomainError("Ugyldig valg av journalposter.", field="ider") from None
        if not 0 < ider[-1] < STORSTE_ID:
            raise DomainError("Ugyldig valg av journalposter.", field="ider")
    ider = list(dict.fromkeys(ider))
    if not ider:
        raise DomainError("Velg minst én journalpost i listen.", field="ider")
    if len(ider) > MAKS_RADER:
        raise DomainError(
            f"Du kan velge høyst {MAKS_RADER} journalposter om gangen (du valgte {len(ider)}). "
            "Avgrens listen og gjør resten i neste omgang.",
            field="ider",
        )
    return ider


def utfor(actor, handling: str, ids: Iterable, **params) -> Resultat:
    """Run `handling` on each post in `ids` through its single-post service. Refused rows
    (the rule's refusal, a validation error, a state changed meanwhile) are reported with
    their number and reason; the others are done, each with its own audit entry."""
    h = HANDLINGER.get(handling)
    if h is None:
        raise DomainError("Ukjent handling.", field="handling")
    ider = les_ider(ids)
    h.sjekk(actor, params)
    # Every logged-in user may know of every post (screened); the rows' services decide.
    poster = Journalpost.objects.known_to(actor).select_related("saksmappe").in_bulk(ider)
    resultat = Resultat(h)
    for pk in ider:
        post = poster.get(pk)
        if post is None:
            resultat.avvist.append(
                Avvist(pk, f"id {pk}", "Fant ikke journalposten.", INGEN_TILGANG)
            )
            continue
        nummer = post.saksdokumentnummer
        try:
            with transaction.atomic():
                h.kjor(actor, post, params)
        except DomainError as feil:
            resultat.avvist.append(Avvist(pk, nummer, feil.message, feil.status or KONFLIKT))
        except ValidationError as feil:
            resultat.avvist.append(Avvist(pk, nummer, " ".join(feil.messages)))
        else:
            resultat.utfort.append(nummer)
    return resultat
