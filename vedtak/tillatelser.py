"""Who may do what with decision follow-up (one rule per object and action, read by the
services, the templates and the write matrix):

- the meeting secretaries and the chief executive register follow-up on a decided political
  case, add responsible caseworkers and change a deadline (with its reason);
- a line is updated by its caseworker, or by a leader of the caseworker's unit (or above);
- a follow-up the committee has closed («avsluttet») is changed no more."""

from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei

REGISTRERENDE = (Rolletype.MOTESEKRETAER, Rolletype.RADMANN)
VEDTATT = ("VS", "VE")  # Behandlingsresultat: decided as recommended, or with changes

PUNKT = Regelsett("vedtaket")
OPPFOLGING = Regelsett("oppfølgingen")
LINJE = Regelsett("oppfølgingslinjen")


def _registrerende(k: Kontekst) -> Avslag | None:
    if access.has_role(k.user, *REGISTRERENDE):
        return None
    return ingen_tilgang("Bare møtesekretærene og kommunedirektøren registrerer "
                         "vedtaksoppfølging.")  # fmt: skip


@PUNKT.regel("registrer_oppfolging")
def _registrer(k: Kontekst) -> Avslag | None:
    punkt = k.obj
    if avslag := _registrerende(k):
        return avslag
    if punkt.behandling_id is None or punkt.sakstype != "PS":
        return nei("Vedtaksoppfølging registreres på vedtak i politiske saker.")
    if punkt.trukket or punkt.resultat not in VEDTATT:
        return nei("Saken er ikke vedtatt: det er ikke noe vedtak å følge opp.")
    return None


@OPPFOLGING.regel("avslutt")
def _avslutt(k: Kontekst) -> Avslag | None:
    """Step two: the committee closes a follow-up carried out (through the report)."""
    if avslag := _registrerende(k):
        return avslag
    if k.obj.avsluttet:
        return nei("Oppfølgingen er allerede avsluttet.")
    if any(linje.status not in ("IV", "BF") for linje in k.obj.linjer.all()):
        return nei("Bare vedtak som er iverksatt (eller bortfalt) for alle ansvarlige kan "
                   "avsluttes.")  # fmt: skip
    return None


@OPPFOLGING.regel("endre_frist", "ny_linje")
def _endre(k: Kontekst) -> Avslag | None:
    if avslag := _registrerende(k):
        return avslag
    if k.obj.avsluttet:
        return nei("Oppfølgingen er avsluttet av utvalget.")
    return None


@LINJE.regel("oppdater")
def _oppdater(k: Kontekst) -> Avslag | None:
    linje = k.obj
    if linje.saksbehandler_id != k.user.pk and not access.leads_unit(
        k.user, linje.administrativ_enhet
    ):
        return ingen_tilgang("Bare den ansvarlige saksbehandleren og lederne hans eller "
                             "hennes oppdaterer oppfølgingen.")  # fmt: skip
    if linje.oppfolging.avsluttet:
        return nei("Oppfølgingen er avsluttet av utvalget.")
    if linje.oppfolging.punkt.mote.status != "PG":
        return nei("Vedtaket følges opp når protokollen er godkjent.")
    return None


# The report back to a committee (issue 19, item 5): referred by the secretaries and the
# chief executive.
RAPPORT = Regelsett("rapporten")


@RAPPORT.regel("referer")
def _referer(k: Kontekst) -> Avslag | None:
    return _registrerende(k)


def rapport(user, utvalg):
    return RAPPORT.for_(user, utvalg)


def punkt(user, obj):
    return PUNKT.for_(user, obj)


def oppfolging(user, obj):
    return OPPFOLGING.for_(user, obj)


def linje(user, obj):
    return LINJE.for_(user, obj)
