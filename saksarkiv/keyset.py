"""Keyset pagination (STYLE.md §4): the next page starts after the last row's sort key
instead of at an OFFSET, so page 500 of a list costs what page 1 does.

A sort order is a tuple of (field or annotation, descending). The primary key is appended
as the last tie-breaker. Fields that can be NULL are sorted through an annotation that
replaces NULL with a value after every real one (see `Sortering.annoter`), so that the
comparison `(a, b, pk) > (va, vb, vpk)` is always defined.

The cursor is the last row's key, JSON-encoded in base64 in the URL (`etter=`). A cursor
that cannot be read gives the first page, never an error.
"""

import base64
import binascii
import datetime
import json
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

PARAM = "etter"


@dataclass(frozen=True)
class Sortering:
    """One way to order a list: URL value, label and the key.

    `nokkel` is a tuple of (name, descending) where name is a field or an annotation made
    by `annotasjoner` (used for NULL-safe keys)."""

    verdi: str
    navn: str
    nokkel: tuple[tuple[str, bool], ...]
    annotasjoner: dict = field(default_factory=dict)

    def annoter(self, qs: QuerySet) -> QuerySet:
        return qs.annotate(**self.annotasjoner) if self.annotasjoner else qs

    def full_nokkel(self) -> tuple[tuple[str, bool], ...]:
        return (*self.nokkel, ("pk", self.nokkel[-1][1] if self.nokkel else False))

    def order_by(self) -> list[str]:
        return [f"-{name}" if desc else name for name, desc in self.full_nokkel()]


@dataclass
class Side:
    rader: list
    antall: int
    fra: int  # 1-based position of the first row, for «Viser 51–100 av 230»
    neste: str | None  # cursor of the next page, None on the last page
    storrelse: int
    # The count stopped at `antall` (a capped count: «over 1 000 treff»).
    flere: bool = False

    @property
    def til(self) -> int:
        return self.fra + len(self.rader) - 1

    @property
    def er_forste(self) -> bool:
        return self.fra == 1


def _encode_value(value):
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    return value


def _decode_value(value):
    if isinstance(value, dict):
        if "dt" in value:
            return datetime.datetime.fromisoformat(value["dt"])
        if "d" in value:
            return datetime.date.fromisoformat(value["d"])
        raise ValueError("ukjent verdi")
    return value


def encode(values: list, fra: int) -> str:
    raw = json.dumps({"k": [_encode_value(v) for v in values], "n": fra}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(cursor: str | None, length: int) -> tuple[list, int] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        values = [_decode_value(v) for v in data["k"]]
        fra = int(data["n"])
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    if len(values) != length or fra < 1:
        return None
    return values, fra


def after(nokkel: tuple[tuple[str, bool], ...], values: list) -> Q:
    """Rows strictly after `values` in the order `nokkel`:
    (a > va) OR (a = va AND b > vb) OR … with > turned into < for descending keys."""
    condition = Q(pk__in=[])
    equal = Q()
    for (name, desc), value in zip(nokkel, values, strict=True):
        condition |= equal & Q(**{f"{name}__{'lt' if desc else 'gt'}": value})
        equal &= Q(**{name: value})
    return condition


def side(
    qs: QuerySet,
    sortering: Sortering,
    cursor: str | None,
    storrelse: int,
    *,
    maks_antall: int | None = None,
    telle: QuerySet | None = None,
) -> Side:
    """One page of `qs` in `sortering` after `cursor`. Two queries: the count and the rows.

    `telle` is counted instead of `qs` when given (e.g. all matches while `qs` is a ranked
    subset). With `maks_antall` the count stops there (`COUNT(*)` over `LIMIT maks_antall + 1`),
    so that a search matching half the archive does not count it all; `Side.flere` tells."""
    counted = (qs if telle is None else telle).order_by()
    flere = False
    if maks_antall is None:
        antall = counted.count()
    else:
        antall = counted.values("pk")[: maks_antall + 1].count()
        flere = antall > maks_antall
        antall = min(antall, maks_antall)
    qs = sortering.annoter(qs)
    nokkel = sortering.full_nokkel()
    decoded = decode(cursor, len(nokkel))
    fra = 1
    if decoded is not None:
        values, fra = decoded
        qs = qs.filter(after(nokkel, values))
    rader = list(qs.order_by(*sortering.order_by())[: storrelse + 1])
    neste = None
    if len(rader) > storrelse:
        rader = rader[:storrelse]
        last = rader[-1]
        neste = encode([_attr(last, name) for name, _desc in nokkel], fra + storrelse)
    return Side(rader=rader, antall=antall, fra=fra, neste=neste, storrelse=storrelse, flere=flere)


def _attr(obj, name: str):
    value = obj
    for part in name.split("__"):
        value = getattr(value, part)
    return value
