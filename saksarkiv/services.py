"""Use cases that change the organisation and access data. Each takes the acting user,
writes inside a transaction and records the audit entry."""

import datetime

from django.db import transaction

from . import audit
from .models import AdministrativEnhet, Klarering, Rolle, Tilgangskode, today


class DomainError(Exception):
    """A rule refused the change; `message` is Norwegian and shown to the user. Pages answer
    with `status` when it is set (else 400 for a field, 409 for the rest)."""

    status: int | None = None

    def __init__(self, message: str, field: str | None = None, details: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details or []


class IkkeTilgang(DomainError):
    """The actor may not do this to an object whose restricted content they may not read."""

    status = 403


@transaction.atomic
def record_master_data_change(actor, obj, before: dict | None, *, deleted: bool = False):
    """Audit a change to master data saved by the admin (units, codes, roles, people)."""
    if deleted:
        return audit.record(actor, obj, "slettet", endringer=audit.diff(before or {}, {}))
    if before is None:
        return audit.record_created(actor, obj)
    changes = audit.diff(before, audit.snapshot(obj))
    if changes:
        return audit.record(actor, obj, "endret", endringer=changes)
    return None


@transaction.atomic
def grant_role(
    actor,
    person,
    enhet: AdministrativEnhet,
    rolle: str,
    *,
    gyldig_fra: datetime.date | None = None,
    gyldig_til: datetime.date | None = None,
    standard: bool = False,
) -> Rolle:
    """Give `person` a role in `enhet` (or update the dates of the one they have)."""
    gyldig_fra = gyldig_fra or today()
    if gyldig_til is not None and gyldig_til < gyldig_fra:
        raise DomainError("«Gyldig til» kan ikke være før «gyldig fra».", field="gyldig_til")
    existing = Rolle.objects.select_for_update().filter(person=person, enhet=enhet, rolle=rolle)
    role = existing.first()
    before = audit.snapshot(role) if role else None
    if role is None:
        role = Rolle(person=person, enhet=enhet, rolle=rolle)
    role.gyldig_fra, role.gyldig_til, role.standard = gyldig_fra, gyldig_til, standard
    role.save()
    record_master_data_change(actor, role, before)
    return role


@transaction.atomic
def grant_clearance(
    actor,
    person,
    tilgangskode: Tilgangskode | str,
    *,
    enhet: AdministrativEnhet | None = None,
    gyldig_fra: datetime.date | None = None,
    gyldig_til: datetime.date | None = None,
    merknad: str = "",
) -> Klarering:
    """Clear `person` for an access code, in all units or in `enhet` and its subtree."""
    kode = tilgangskode if isinstance(tilgangskode, str) else tilgangskode.kode
    gyldig_fra = gyldig_fra or today()
    if gyldig_til is not None and gyldig_til < gyldig_fra:
        raise DomainError("«Gyldig til» kan ikke være før «gyldig fra».", field="gyldig_til")
    if not Tilgangskode.objects.filter(kode=kode, aktiv=True).exists():
        raise DomainError(f"Tilgangskoden {kode} finnes ikke eller er ikke aktiv.")
    clearance = Klarering.objects.create(
        person=person,
        tilgangskode_id=kode,
        enhet=enhet,
        gyldig_fra=gyldig_fra,
        gyldig_til=gyldig_til,
        merknad=merknad,
    )
    record_master_data_change(actor, clearance, None)
    return clearance


@transaction.atomic
def end_clearance(actor, clearance: Klarering, on: datetime.date | None = None) -> Klarering:
    """End a clearance (it stays on record with its period)."""
    on = on or today()
    before = audit.snapshot(clearance)
    clearance.gyldig_til = max(on, clearance.gyldig_fra)
    clearance.save(update_fields=["gyldig_til"])
    record_master_data_change(actor, clearance, before)
    return clearance
