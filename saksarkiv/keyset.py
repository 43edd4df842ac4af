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

from django.core.exceptions import FieldError, ValidationError
from django.db.models import Count, F, Q, QuerySet, Window
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan

PARAM = "etter"


@dataclass(frozen=True)
class Sortering:
    """One way to order a list: URL value, label and the key.

    `nokkel` is a tuple of (name, descending) where name is a field or an annotation made
    by `annotasjoner` (used for NULL-safe keys). The primary key is appended as the last
    tie-breaker unless `unik` says the key is unique already (the public journal's
    (journaldato, journalaar, journalsekvensnummer), which its index serves as it is)."""

    verdi: str
    navn: str
    nokkel: tuple[tuple[str, bool], ...]
    annotasjoner: dict = field(default_factory=dict)
    unik: bool = False

    def annoter(self, qs: QuerySet) -> QuerySet:
        return qs.annotate(**self.annotasjoner) if self.annotasjoner else qs

    def full_nokkel(self) -> tuple[tuple[str, bool], ...]:
        if self.unik:
            return self.nokkel
        return (*self.nokkel, ("pk", self.nokkel[-1][1] if self.nokkel else False))

    def order_by(self) -> list[str]:
        return [f"-{name}" if desc else name for name, desc in self.full_nokkel()]


@dataclass
class Side:
    rader: list
    # None: not counted (the public journal's word search, whose count would cost more
    # than the page).
    antall: int | None
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


def decode(cursor: str | None, length: int | None) -> tuple[list, int] | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        values = [_decode_value(v) for v in data["k"]]
        fra = int(data["n"])
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError, OverflowError):
        return None
    if (length is not None and len(values) != length) or fra < 1:
        return None
    return values, fra


def _som_felt(qs: QuerySet, nokkel, decoded):
    """The cursor's values as the key's fields read them (a date for a date, an int for an
    id), or None — the first page — when a value does not fit: a hand-made cursor must not
    reach the database as a type error."""
    if decoded is None:
        return None
    values, fra = decoded
    query = qs.query.chain()
    try:
        return [
            query.resolve_ref(name).output_field.to_python(value)
            for (name, _desc), value in zip(nokkel, values, strict=True)
        ], fra
    except (ValidationError, FieldError, TypeError, ValueError, OverflowError):
        return None


def lenke(request, **endringer) -> str:
    """The current query string with some parameters changed (a false value removes one):
    the links for sorting, «Neste» and «Første side» keep the user's filter."""
    query = request.GET.copy()
    for key, value in endringer.items():
        query.pop(key, None)
        if value:
            query[key] = value
    return query.urlencode()


def after(nokkel: tuple[tuple[str, bool], ...], values: list) -> Q:
    """Rows strictly after `values` in the order `nokkel`.

    One row-value comparison `(a, b, pk) < (va, vb, vpk)` when every key runs the same way:
    a composite index on the key serves it as an index condition. Mixed directions expand
    to (a > va) OR (a = va AND b > vb) OR … with > turned into < for descending keys."""
    retninger = {desc for _name, desc in nokkel}
    if len(retninger) == 1 and len(nokkel) > 1:
        lookup = TupleLessThan if retninger.pop() else TupleGreaterThan
        return Q(lookup(Tuple(*(F(name) for name, _desc in nokkel)), list(values)))
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
    rader: QuerySet | None = None,
    antall: int | None = None,
    telle: QuerySet | None = None,
    maks_antall: int | None = None,
    tell: bool = True,
) -> Side:
    """One page of `qs` in `sortering` after `cursor`.

    With `rader`, two or three queries: the count, the page's sort keys (from `qs`, which
    only needs the filters: no joins, no display annotations) and the page's rows, fetched
    by primary key from `rader` (e.g. `visible_to()` with its `innsyn` and select_related).
    Sorting a list of thousands with every display join and access subquery before the
    LIMIT is what made large lists slow. Without `rader` the rows come with their keys in
    one query (a list whose rows are cheap, like the public journal's).

    The count is `antall` when the caller has it already (tab counts), else `telle` (default
    `qs`) is counted; `tell=False` counts nothing (`Side.antall` is None). With
    `maks_antall` the count stops there (`COUNT(*)` over `LIMIT maks_antall + 1`), so that a
    search matching half the archive does not count it all; `Side.flere` tells."""
    flere = False
    # The plain case counts in the keys query itself (COUNT(*) OVER (): the rows after the
    # cursor, to which the rows before it are added), saving a query over the same rows.
    i_samme = tell and antall is None and telle is None and maks_antall is None
    if tell and antall is None and not i_samme:
        counted = (qs if telle is None else telle).order_by()
        if maks_antall is None:
            antall = counted.count()
        else:
            antall = counted.values("pk")[: maks_antall + 1].count()
            flere = antall > maks_antall
            antall = min(antall, maks_antall)
    qs = sortering.annoter(qs)
    nokkel = sortering.full_nokkel()
    decoded = _som_felt(qs, nokkel, decode(cursor, len(nokkel)))
    fra = 1
    if decoded is not None:
        values, fra = decoded
        qs = qs.filter(after(nokkel, values))
    names = [name for name, _ in nokkel]
    if i_samme:
        qs = qs.annotate(_resten=Window(Count("pk")))
    qs = qs.order_by(*sortering.order_by())
    if rader is None:
        rows = list(qs[: storrelse + 1])
        keys = [(*(_verdi(row, name) for name in names), row) for row in rows]
        resten = rows[0]._resten if i_samme and rows else 0
    else:
        felter = [*names, "pk", *(["_resten"] if i_samme else [])]
        keys = list(qs.values_list(*felter)[: storrelse + 1])
        resten = keys[0][-1] if i_samme and keys else 0
    if i_samme:
        antall = fra - 1 + resten
    neste = None
    if len(keys) > storrelse:
        keys = keys[:storrelse]
        neste = encode(list(keys[-1][: len(names)]), fra + storrelse)
    if rader is None:
        sider = [key[len(names)] for key in keys]
    else:
        ids = [key[len(names)] for key in keys]
        by_id = {row.pk: row for row in rader.filter(pk__in=ids).order_by()}
        sider = [by_id[pk] for pk in ids if pk in by_id]
    return Side(
        rader=sider,
        antall=antall,
        fra=fra,
        neste=neste,
        storrelse=storrelse,
        flere=flere,
    )


def _verdi(row, name: str):
    """A key's value read from a fetched row (`a__b` follows the relation)."""
    for part in name.split("__"):
        row = getattr(row, part)
    return row


def side_av_liste(elementer: list, cursor: str | None, storrelse: int, *, nokkel=None) -> Side:
    """One page of a list that is computed whole and in order anyway (a report that sums
    over all its rows). The cursor carries the ids (`nokkel`, default `.pk`) of the page
    before, and the next page starts after the last of them still in the list: a row written
    off between two pages shifts nothing. Only when every one of them is gone does the
    position decide."""
    nokkel = nokkel or (lambda element: element.pk)
    start = 0
    decoded = decode(cursor, None)
    if decoded is not None:
        forrige, fra = decoded
        plass = {nokkel(element): i for i, element in enumerate(elementer)}
        # Only ids as the list has them: a hand-made cursor's lists or objects are ignored.
        forrige = [pk for pk in forrige if isinstance(pk, int | str) and not isinstance(pk, bool)]
        start = next(
            (plass[pk] + 1 for pk in reversed(forrige) if pk in plass),
            min(fra - 1, len(elementer)),
        )
    rader = elementer[start : start + storrelse]
    neste = None
    if start + storrelse < len(elementer):
        neste = encode([nokkel(rad) for rad in rader], start + storrelse + 1)
    return Side(rader=rader, antall=len(elementer), fra=start + 1, neste=neste, storrelse=storrelse)
