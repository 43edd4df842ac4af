"""Who may do what with the plans' measures (tiltak) and the action and economy plan (issue 21
items 1 and 3). The same people who register plans (plan.py, `kan_skrive_planar`: the chief
executive and the top unit's staff) register measures, prioritise them in the handlings- og
økonomiplan, write its verbal points and send them on to the verksemdsplan; everyone logged
in reads. One rule per object and action, read by the services, templates and write matrix.

Sending on creates assignments through services/oppdrag.py, whose own rule (who creates an
assignment for a unit) applies on top, unit by unit."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei

from ..models import Plan, Plantype, Prioritering, Verbalpunkt
from .plan import kan_skrive_planar


@dataclass(frozen=True)
class Okonomiplanaar:
    """One budget year of a handlings- og økonomiplan: what prioritising, verbal points and
    «send til virksomhetsplan» act on."""

    hop: Plan
    aar: int


TILTAK = Regelsett("tiltakene")
OKONOMIPLAN = Regelsett("handlings- og økonomiplanen")
PRIORITERING = Regelsett("prioriteringen")
VERBALPUNKT = Regelsett("verbalpunktet")


def _skrivar(k: Kontekst) -> Avslag | None:
    if kan_skrive_planar(k.user):
        return None
    return ingen_tilgang(
        _(
            "Bare kommunedirektøren og staben i toppenheten registrerer tiltak og "
            "handlings- og økonomiplanen."
        )
    )


@TILTAK.regel("registrer")
def _registrer(k: Kontekst) -> Avslag | None:
    """k.obj: the plan the measure belongs to."""
    if avslag := _skrivar(k):
        return avslag
    if k.obj.type == Plantype.HOP:
        return nei(
            _(
                "Handlings- og økonomiplanen har ikke egne tiltak: den prioriterer tiltak fra "
                "de andre planene."
            )
        )
    return None


@TILTAK.regel("endre")
def _endre(k: Kontekst) -> Avslag | None:
    """k.obj: the measure."""
    return _skrivar(k)


def _aaret(k: Kontekst) -> Avslag | None:
    aarsplan: Okonomiplanaar = k.obj
    if aarsplan.hop.type != Plantype.HOP:
        return nei(_("Bare en handlings- og økonomiplan prioriterer tiltak og har verbalpunkt."))
    if not aarsplan.hop.fra_aar <= aarsplan.aar <= aarsplan.hop.til_aar:
        return nei(
            _("Året er utenfor planperioden %(fra)s–%(til)s.")
            % {"fra": aarsplan.hop.fra_aar, "til": aarsplan.hop.til_aar}
        )
    return None


@OKONOMIPLAN.regel("prioriter", "verbalpunkt")
def _prioriter(k: Kontekst) -> Avslag | None:
    return _skrivar(k) or _aaret(k)


@OKONOMIPLAN.regel("send")
def _send(k: Kontekst) -> Avslag | None:
    if avslag := _skrivar(k) or _aaret(k):
        return avslag
    aarsplan: Okonomiplanaar = k.obj
    vent = {"hop": aarsplan.hop, "aar": aarsplan.aar, "oppdrag__isnull": True}
    if not (
        Prioritering.objects.filter(**vent).exists() or Verbalpunkt.objects.filter(**vent).exists()
    ):
        return nei(_("Alle prioriterte tiltak og verbalpunkt er allerede sendt videre."))
    return None


@PRIORITERING.regel("fjern")
def _fjern(k: Kontekst) -> Avslag | None:
    if avslag := _skrivar(k):
        return avslag
    if k.obj.oppdrag_id is not None:
        return nei(_("Tiltaket er sendt videre som oppdrag og kan ikke fjernes."))
    return None


@VERBALPUNKT.regel("endre")
def _endre_verbalpunkt(k: Kontekst) -> Avslag | None:
    if avslag := _skrivar(k):
        return avslag
    if k.obj.oppdrag_id is not None:
        return nei(_("Verbalpunktet er sendt videre som oppdrag og kan ikke endres."))
    return None


def plan(user, plan_):
    return TILTAK.for_(user, plan_)


def tiltak(user, tiltak_):
    return TILTAK.for_(user, tiltak_)


def okonomiplan(user, hop, aar: int):
    return OKONOMIPLAN.for_(user, Okonomiplanaar(hop, aar))


def prioritering(user, obj):
    return PRIORITERING.for_(user, obj)


def verbalpunkt(user, obj):
    return VERBALPUNKT.for_(user, obj)
