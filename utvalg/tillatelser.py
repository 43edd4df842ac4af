"""The committees' rules on journal posts, added to the journal's rule set
(journal/services/tillatelser.py) when the app is ready: the journal knows no committee."""

from journal.models import Journalposttype as T
from journal.models import Journalstatus as J
from journal.services import regler
from journal.services.tillatelser import JOURNALPOST, PostKontekst, aktor_avslag
from saksarkiv.tillatelser import Avslag, nei


def _behandling(k: PostKontekst) -> Avslag | None:
    """Which committee treats a committee draft is chosen while it is a draft, by its
    caseworker or archive."""
    post = k.obj
    if post.journalposttype != T.SAKSFRAMLEGG:
        return nei("Bare saksframlegg har behandling i utvalg.")
    if post.journalstatus != J.RESERVERT:
        return nei("Behandlingen kan bare endres mens saksframlegget er et utkast.")
    return aktor_avslag(k.kinds, (regler.SAKSBEHANDLER, regler.ARKIV), "endre behandlingen")


def registrer() -> None:
    if "behandling" not in JOURNALPOST.regler:
        JOURNALPOST.legg_til("behandling", _behandling)
