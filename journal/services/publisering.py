"""The personal ID guard before a post is published (issue 17, item 7): journalising (J)
puts a post on the public journal, so what the public will read of it — the public title,
unscreened correspondents and the text of unscreened documents — is checked for national
identity numbers first (saksarkiv.personnummer). A hit stops it, naming the place."""

import logging

from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.personnummer import finn, maskert

from ..models import Journalpost

logger = logging.getLogger(__name__)


def _pdf_tekst(felt) -> str:
    try:
        with felt.open("rb") as fil:
            return pdf_tekst(fil.read(), felt.name)
    except OSError as error:
        logger.warning("Kunne ikke lese teksten i %s: %s", felt.name, error)
        return ""


def _tekst(dokument) -> str:
    if dokument.arkivformat:
        return _pdf_tekst(dokument.arkivformat)
    if dokument.mimetype == "application/pdf":
        return _pdf_tekst(dokument.fil)
    if dokument.mimetype.startswith("text/"):
        with dokument.fil.open("rb") as fil:
            return fil.read().decode("utf-8", errors="replace")
    return ""


def _unike(tekst: str) -> list[str]:
    """Each number once per place, however often it is written there."""
    return list(dict.fromkeys(maskert(nr) for nr in finn(tekst)))


def personnummer_funn(post: Journalpost) -> list[str]:
    """Where an identity number would be published with `post`, one line per place."""
    funn = []
    offentlig_tittel = post.offentlig_tittel if post.tilgangskode_id else post.tittel
    for nr in _unike(offentlig_tittel):
        funn.append(f"Tittelen har et fødselsnummer ({nr}).")
    if not post.skjerm_korrespondanseparter:
        for part in post.korrespondanseparter.all():
            for nr in _unike(" ".join((part.navn, part.adresse))):
                funn.append(f"Korrespondanseparten «{part.navn[:40]}» har et fødselsnummer "
                            f"({nr}).")  # fmt: skip
    if not post.skjerm_dokumenter and not post.tilgangskode_id:
        for dokument in post.dokumenter.order_by("dokumentnummer"):
            for nr in _unike(_tekst(dokument)):
                funn.append(f"Dokument {dokument.dokumentnummer} «{dokument.tittel[:60]}» har et "
                            f"fødselsnummer ({nr}).")  # fmt: skip
    return funn
