"""Word search by Snowball stem in screenable titles (saksarkiv.models.Skjermbar), honouring
screening (STYLE.md §3, §4): the building block every app's search uses. The rules are in
journal/search.py's docstring (the journal's search, the first user of it): a word matches
where a column contains its stem; the restricted title is searched only where the user has
innsyn; ranking uses only the title the user may see.
"""

import re
from collections.abc import Sequence

import snowballstemmer
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.db import connections, models
from django.db.models import Case, F, Func, Q, Value, When
from django.db.models.functions import Lower
from django.db.models.lookups import Contains, IContains

CONFIG = "norwegian"
MAX_WORDS = 10
MAX_WORD_LENGTH = 100
# How many of the newest matches «Beste treff» ranks (see `rangert`).
KANDIDATER = 500
_WORD = re.compile(r"[^\W_]+")  # letters and digits; LIKE's _ and % are separators


class NorwegianVector(Func):
    """to_tsvector('norwegian', text), for ranking («Beste treff»)."""

    function = "to_tsvector"
    template = f"%(function)s('{CONFIG}'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


def words(text: str | None) -> list[str]:
    """The user's search words, lower-cased, without punctuation and duplicates."""
    found = []
    for word in _WORD.findall((text or "").lower()):
        word = word[:MAX_WORD_LENGTH]
        if word not in found:
            found.append(word)
    return found[:MAX_WORDS]


def is_postgresql(qs: models.QuerySet) -> bool:
    return connections[qs.db].vendor == "postgresql"


def stem(word: str) -> str:
    """The Snowball stem of a lower-case word, as PostgreSQL's `norwegian_stem` gives it
    (the same algorithm; tests/journal/test_sok.py compares them). A stemmer object keeps
    state while it works, so each call has its own (12 µs)."""
    return snowballstemmer.stemmer(CONFIG).stemWord(word)


def inneholder(field: str, root: str, postgresql: bool) -> Q:
    """A text column contains a stem: lower(column) LIKE '%stem%' on PostgreSQL, the
    expression of the trigram indexes; icontains on SQLite."""
    return Q(Contains(Lower(field), root)) if postgresql else Q(IContains(F(field), root))


def synlig_tittel(restricted: str, public: str) -> Case:
    """The text the user may see: the restricted column with innsyn, else the public one."""
    return Case(
        When(innsyn=True, then=F(restricted)),
        default=F(public),
        output_field=models.CharField(),
    )


def skjermet_og_lesbar() -> Q:
    """Rows with an access code, the only ones whose title can differ from the public title
    (constraint aapen_tittel), that the user may read. Elsewhere a word in the title is found
    in the public title; the partial indexes on `tittel` cover exactly the rows with a code."""
    return Q(tilgangskode__isnull=False) & Q(innsyn=True)


def ord_filter(
    qs: models.QuerySet,
    q: str | None,
    *,
    restricted: Sequence[str] = ("tittel",),
    public: Sequence[str] = ("offentlig_tittel",),
) -> models.QuerySet:
    """Rows of `qs` (from visible_to(), annotated `innsyn`) where every word of `q` is found in
    a `public` column, or in a `restricted` column of a row with an access code the user has
    innsyn in. The order is the caller's (`rangert` ranks a bounded set of the matches).
    Without words `qs` is returned unchanged."""
    terms = words(q)
    if not terms:
        return qs
    postgresql = is_postgresql(qs)
    for root in {stem(word): None for word in terms}:  # «søknad søknader»: one condition
        condition = Q()
        for field in public:
            condition |= inneholder(field, root, postgresql)
        readable = Q()
        for field in restricted:
            readable |= inneholder(field, root, postgresql)
        qs = qs.filter(condition | (skjermet_og_lesbar() & readable))
    return qs


def rangert(
    qs: models.QuerySet,
    q: str | None,
    *,
    restricted: str = "tittel",
    public: str = "offentlig_tittel",
    kandidater: int = KANDIDATER,
) -> models.QuerySet:
    """The newest `kandidater` rows of `qs` (the model's ordering), annotated `rang`: how well
    the title the user may see matches `q` (full-text rank + word similarity; PostgreSQL).

    No index can serve an ORDER BY on a rank, so ranking every match of a common word in a
    million posts means computing the screened title of each of them (seconds). The newest
    matches come straight off the number index; ranking a bounded set of them keeps a search
    page fast whatever the word. Rank only on what the user may see: ranking by a screened
    title would leak it."""
    terms = words(q)
    newest = qs.order_by(*qs.model._meta.ordering).values("pk")[:kandidater]
    qs = qs.filter(pk__in=newest)
    if not terms:
        return qs.annotate(rang=Value(0.0, output_field=models.FloatField()))
    seen = synlig_tittel(restricted, public)
    query = SearchQuery(terms[0], config=CONFIG)
    for word in terms[1:]:
        query |= SearchQuery(word, config=CONFIG)
    rank = SearchRank(NorwegianVector(seen), query) + TrigramWordSimilarity(" ".join(terms), seen)
    return qs.annotate(rang=rank)
