"""The committees' rules on journal posts, added to the journal's rule set
(journal/services/tillatelser.py) when the app is ready: the journal knows no committee."""

from journal.models import Journalposttype as T
from journal.models import Journalstatus as J
from journal.services import regler
from journal.services.tillatelser import JOURNALPOST, PostKontekst, aktor_avslag
from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei


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


# --- The committee register -----------------------------------------------------------------
# Committees, their members and parties are kept by the meeting secretaries (DOMAIN.md §1):
# anyone with the MS role, in any unit. Everyone logged in may read the register.
UTVALG = Regelsett("utvalg")


@UTVALG.regel("endre", "ny", "medlemmer")
def _sekretaer(k: Kontekst) -> Avslag | None:
    if access.has_role(k.user, Rolletype.MOTESEKRETAER):
        return None
    return ingen_tilgang("Utvalgsregisteret vedlikeholdes av møtesekretærene.")


def utvalg(user, obj=None):
    """What `user` may do with a committee (None: the register, for «ny»)."""
    return UTVALG.for_(user, obj)
