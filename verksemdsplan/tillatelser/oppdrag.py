"""Who may do what with assignments (issue 21 item 3), one rule per object and action, read
by the services, the templates and the write matrix:

- the chief executive creates assignments anywhere; a leader (or deputy) for the units they
  lead and the units below them;
- the owner of an assignment, or a leader of its unit (or above), delegates it down the
  organisation and updates its status; an assignment completed or cancelled is delegated
  no more;
- the chief executive and the leaders turn a political decision's follow-up into an
  assignment, once (vedtak.Oppfolging ↔ Oppdrag is one-to-one).

Every logged-in employee may read an assignment (the plan is the whole organisation's)."""

from django.utils.translation import gettext as _

from saksarkiv import access
from saksarkiv.models import LEDERROLLER, Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei

from ..models import Oppdrag, Oppdragsstatus

# An assignment in one of these is finished: not delegated, not overdue.
AVSLUTTA = (Oppdragsstatus.FULLFORT, Oppdragsstatus.AVBROTE)
OPPRETTANDE = (Rolletype.RADMANN, *LEDERROLLER)

ENHET = Regelsett("enheten")
OPPDRAG = Regelsett("oppdraget")
VEDTAK = Regelsett("vedtaksoppfølgingen")


def kan_opprette_i(user, enhet) -> bool:
    """The chief executive anywhere; a leader in the units they lead and below."""
    if access.has_role(user, Rolletype.RADMANN):
        return True
    return access.has_role(user, *LEDERROLLER) and access.leads_unit(user, enhet)


@ENHET.regel("opprett_oppdrag")
def _opprett(k: Kontekst) -> Avslag | None:
    if kan_opprette_i(k.user, k.obj):
        return None
    return ingen_tilgang(
        _(
            "Bare kommunedirektøren og lederne for enheten (eller enhetene over) oppretter "
            "oppdrag for den."
        ),
        felt="enhet",
    )


def _eigar_eller_leiar(k: Kontekst) -> bool:
    return k.obj.eigar_id == k.user.pk or access.leads_unit(k.user, k.obj.enhet)


@OPPDRAG.regel("deleger")
def _deleger(k: Kontekst) -> Avslag | None:
    if not _eigar_eller_leiar(k):
        return ingen_tilgang(
            _("Bare eieren av oppdraget og lederne for enheten delegerer det videre.")
        )
    if k.obj.status in AVSLUTTA:
        return nei(_("Et oppdrag som er fullført eller avbrutt, kan ikke delegeres."))
    return None


@OPPDRAG.regel("oppdater_status")
def _oppdater(k: Kontekst) -> Avslag | None:
    if not _eigar_eller_leiar(k):
        return ingen_tilgang(
            _("Bare eieren av oppdraget og lederne for enheten oppdaterer statusen.")
        )
    return None


@VEDTAK.regel("opprett_oppdrag")
def _fra_vedtak(k: Kontekst) -> Avslag | None:
    if not access.has_role(k.user, *OPPRETTANDE):
        return ingen_tilgang(
            _("Bare kommunedirektøren og lederne gjør et vedtak om til et oppdrag.")
        )
    if k.obj.avsluttet:
        return nei(_("Oppfølgingen av vedtaket er avsluttet av utvalget."))
    if _har_oppdrag(k.obj):
        return nei(_("Vedtaket er allerede gjort om til et oppdrag."))
    return None


def _har_oppdrag(oppfolging) -> bool:
    return Oppdrag.objects.filter(vedtak=oppfolging).exists()


def enhet(user, obj):
    return ENHET.for_(user, obj)


def oppdrag(user, obj):
    return OPPDRAG.for_(user, obj)


def vedtak(user, obj):
    return VEDTAK.for_(user, obj)
