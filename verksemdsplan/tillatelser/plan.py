"""Who may do what with plans, goals and strategies and with a unit's verksemdsplan (issue 21
item 1). One rule per object and action, read by the services, the templates and the write
matrix:

- plans, their goals and strategies are registered and changed by the chief executive (RAD)
  and by the staff of the top unit — a leader, deputy or caseworker role held in the
  organisation's top unit (the chief executive's staff, where the plan advisers sit). Meeting
  secretaries and archive staff are not plan writers;
- a unit's verksemdsplan (its goals and strategies for a year) is chosen by the unit's
  leader, a leader above it or the chief executive (`access.leads_unit`), while it is a draft;
- it is approved by a leader above the unit (or the chief executive); the top unit's plan by
  the chief executive. An approved plan is final;
- everyone logged in reads the plans and every unit's verksemdsplan.
"""

from django.utils.translation import gettext as _

from saksarkiv import access
from saksarkiv.models import AdministrativEnhet, Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei

from ..models import Planstatus

PLANSKRIVARAR = (Rolletype.LEDER, Rolletype.STEDFORTREDER, Rolletype.SAKSBEHANDLER)


def er_toppeining(enhet) -> bool:
    """The organisation's top unit (the municipality): a root of the unit tree."""
    return enhet.depth == 1


def forelder_eining(enhet):
    """The unit above `enhet` (None for the top unit), read by its materialised path."""
    steg = AdministrativEnhet.steplen
    if len(enhet.path) <= steg:
        return None
    return AdministrativEnhet.objects.filter(path=enhet.path[:-steg]).first()


def kan_skrive_planar(user) -> bool:
    """RAD, or a leader/deputy/caseworker role in a top unit (the roles cached per request)."""
    if access.has_role(user, Rolletype.RADMANN):
        return True
    steg = AdministrativEnhet.steplen
    return any(len(path) == steg for _id, path in access.role_units(user, *PLANSKRIVARAR))


PLANAR = Regelsett("planene")
VERKSEMDSPLAN = Regelsett("virksomhetsplanen")


@PLANAR.regel("registrer")
def _registrer(k: Kontekst) -> Avslag | None:
    if kan_skrive_planar(k.user):
        return None
    return ingen_tilgang(
        _("Bare kommunedirektøren og staben i toppenheten registrerer planer, mål og strategier.")
    )


@PLANAR.regel("endre")
def _endre(k: Kontekst) -> Avslag | None:
    """A plan and its goals and strategies are changed by those who register them."""
    if kan_skrive_planar(k.user):
        return None
    return ingen_tilgang(
        _("Bare kommunedirektøren og staben i toppenheten endrer planer, mål og strategier.")
    )


def _vel(k: Kontekst) -> Avslag | None:
    vp = k.obj
    if not access.leads_unit(k.user, vp.enhet):
        return ingen_tilgang(
            _(
                "Bare lederen for enheten, en leder over den eller kommunedirektøren velger "
                "enhetens mål og strategier."
            )
        )
    if vp.status == Planstatus.GODKJEND:
        return nei(_("Virksomhetsplanen er godkjent og kan ikke endres."))
    return None


@VERKSEMDSPLAN.regel("vel_maal")
def _vel_maal(k: Kontekst) -> Avslag | None:
    return _vel(k)


@VERKSEMDSPLAN.regel("godkjenn")
def _godkjenn(k: Kontekst) -> Avslag | None:
    vp = k.obj
    if er_toppeining(vp.enhet):
        ok = access.has_role(k.user, Rolletype.RADMANN)
    else:
        ok = access.leads_unit(k.user, forelder_eining(vp.enhet))
    if not ok:
        return ingen_tilgang(
            _("Virksomhetsplanen godkjennes av en leder over enheten eller kommunedirektøren.")
        )
    if vp.pk is None:
        return nei(_("Enheten har ingen virksomhetsplan for året ennå."))
    if vp.status == Planstatus.GODKJEND:
        return nei(_("Virksomhetsplanen er allerede godkjent."))
    if not vp.maal.exists():
        return nei(_("Virksomhetsplanen har ingen mål ennå."))
    return None


def planar(user):
    """The rules on the plan register (no object: registering a plan or goal)."""
    return PLANAR.for_(user, None)


def plan(user, plan_):
    """The rules on one plan, its goals and its strategies (changing them)."""
    return PLANAR.for_(user, plan_)


def verksemdsplan(user, vp):
    return VERKSEMDSPLAN.for_(user, vp)
