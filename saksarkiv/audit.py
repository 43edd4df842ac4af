"""The audit log (endringslogg). Services call `record` inside their transaction."""

import datetime
import decimal
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from .models import Endringslogg
from .request_id import current_request_id


def _plain(value):
    """A JSON-friendly form of a field value, readable in the history view."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_plain(v) for v in value]
    return str(value)


def snapshot(obj: models.Model, fields=None) -> dict:
    """The values of an object's concrete fields (foreign keys by their display form)."""
    result = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name in {"password", "last_login"} or field.primary_key and field.name == "id":
            continue
        if field.is_relation:
            related_id = getattr(obj, field.attname)
            result[field.name] = None if related_id is None else str(getattr(obj, field.name))
        else:
            result[field.name] = _plain(getattr(obj, field.attname))
    return result


def diff(before: dict, after: dict) -> dict:
    """{field: {"for": old, "etter": new}} for the fields that changed."""
    keys = set(before) | set(after)
    return {
        key: {"for": before.get(key), "etter": after.get(key)}
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def _actor_name(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return "System"
    return actor.get_full_name() or actor.get_username()


_UNSET = object()


def _follow(obj, path: str):
    """The id at the end of an access-policy field path ("journalpost__tilgangskode")."""
    *hops, last = path.split("__")
    for hop in hops:
        obj = getattr(obj, hop, None)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id", None)


def record(
    actor,
    obj: models.Model,
    handling: str,
    *,
    endringer: dict | None = None,
    beskrivelse: str = "",
    objekt_tekst: str | None = None,
    tilgangskode_id=_UNSET,
    enhet_id=_UNSET,
) -> Endringslogg:
    """Write one audit entry about `obj`.

    `objekt_tekst` (default `str(obj)`) is shown to everyone who may read the log, so
    restricted models keep titles out of `__str__`. The entry takes the object's access code
    and unit from its AccessPolicy, so the log is as restricted as the object; pass
    `tilgangskode_id`/`enhet_id` to override.
    """
    policy = getattr(type(obj), "access_policy", None)
    follows = policy is not None and tilgangskode_id is _UNSET and enhet_id is _UNSET
    if tilgangskode_id is _UNSET:
        tilgangskode_id = _follow(obj, policy.code) if policy else None
    if enhet_id is _UNSET:
        enhet_id = _follow(obj, policy.unit) if policy else None
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    entry = Endringslogg.objects.create(
        aktor=actor if getattr(actor, "is_authenticated", False) else None,
        aktor_navn=_actor_name(actor),
        handling=handling,
        beskrivelse=beskrivelse[:500],
        content_type=content_type,
        objekt_id=str(obj.pk),
        objekt_tekst=(str(obj) if objekt_tekst is None else objekt_tekst)[:300],
        endringer=endringer or {},
        request_id=current_request_id(),
        tilgangskode_id=tilgangskode_id,
        enhet_id=enhet_id,
    )
    if follows:
        # The log is as restricted as the object is now: entries written while it had
        # another code or unit (XX before the decision, the unit before distribution) follow
        # it, in the same transaction as the change this entry records.
        Endringslogg.objects.filter(content_type=content_type, objekt_id=entry.objekt_id).filter(
            ~Q(tilgangskode_id=tilgangskode_id) | ~Q(enhet_id=enhet_id)
        ).update(tilgangskode_id=tilgangskode_id, enhet_id=enhet_id)
    return entry


def history(obj: models.Model):
    """Entries about one object, newest first (the caller filters with visible_to)."""
    return Endringslogg.objects.filter(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        objekt_id=str(obj.pk),
    )


def record_created(actor, obj: models.Model, handling: str = "opprettet") -> Endringslogg:
    """Audit a new object with all its values as "after"."""
    return record(actor, obj, handling, endringer=diff({}, snapshot(obj)))
