"""Word search in titles and party names, honouring screening (STYLE.md §3, §4).

Every function here takes a queryset from `Model.objects.visible_to(user)`, whose rows carry
the `innsyn` annotation, and matches the user's words against

- `offentlig_tittel` on every row,
- `tittel` only on rows with an access code where the user has innsyn (without a code the
  public title is the title: constraint `aapen_tittel`),
- party names (Sakspart / Korrespondansepart) only on rows where the user has innsyn,

so that nobody can learn a screened word by searching for it and seeing which rows come back.
Ranking (`rangert`) uses only the title the user may see, for the same reason, and ranks a
bounded set: the newest matches.

A word matches where the text contains its Snowball stem: «søknader» finds «søknad»,
«søknaden» and, as Norwegian compounds, «byggesøknad»; «tillatelse» finds «byggetillatelse».
This is a superset of both a full-text match (the stemmer only cuts endings, so every
inflected form starts with the stem) and a plain substring match, and it costs one LIKE per
word and column, which the trigram GIN indexes of migrations `journal.0003_sok` and
`journal.0011_sok_begrenset` serve (on `tittel` they cover only rows with an access code).
Full text is used for ranking only. The same rule runs on the embedded SQLite database
(icontains), since the stemmer is Python's.
"""

import re
from collections.abc import Sequence

import snowballstemmer
from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVectorField,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db import connections, models
from django.db.models import Case, Exists, F, Func, OuterRef, Q, Value, When
from django.db.models.functions import Greatest, Lower
from django.db.models.lookups import Contains, IContains

from saksarkiv import access

from .models import Saksmappe

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


def _contains(field: str, root: str, postgresql: bool) -> Q:
    """A text column contains a stem: lower(column) LIKE '%stem%' on PostgreSQL, the
    expression of the trigram indexes; icontains on SQLite."""
    return Q(Contains(Lower(field), root)) if postgresql else Q(IContains(F(field), root))


def _visible(restricted: str, public: str) -> Case:
    """The text the user may see: the restricted column with innsyn, else the public one."""
    return Case(
        When(innsyn=True, then=F(restricted)),
        default=F(public),
        output_field=models.CharField(),
    )


def _screened_and_readable() -> Q:
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
            condition |= _contains(field, root, postgresql)
        readable = Q()
        for field in restricted:
            readable |= _contains(field, root, postgresql)
        qs = qs.filter(condition | (_screened_and_readable() & readable))
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
    seen = _visible(restricted, public)
    query = SearchQuery(terms[0], config=CONFIG)
    for word in terms[1:]:
        query |= SearchQuery(word, config=CONFIG)
    rank = SearchRank(NorwegianVector(seen), query) + TrigramWordSimilarity(" ".join(terms), seen)
    return qs.annotate(rang=rank)


def part_filter(
    qs: models.QuerySet, q: str | None, *, part_model: type[models.Model], to_row: str
) -> models.QuerySet:
    """Rows of `qs` (annotated `innsyn`) with a party (`part_model`, whose foreign key to the
    row is `to_row`) whose name contains every word of `q`. Party names can be screened, so
    only rows the user has innsyn in can match."""
    terms = words(q)
    if not terms:
        return qs
    parties = part_model._default_manager.filter(**{to_row: OuterRef("pk")})
    postgresql = is_postgresql(qs)
    for word in terms:
        if postgresql:  # lower(navn) LIKE '%word%': the trigram index on lower(navn)
            parties = parties.filter(Contains(Lower("navn"), word))
        else:
            parties = parties.filter(navn__icontains=word)
    return qs.filter(innsyn=True).filter(Exists(parties))


def lignende_saker_qs(user, tittel: str) -> models.QuerySet | None:
    """Cases visible to `user` whose titles resemble `tittel`, best first; None when the
    title is too short to compare.

    PostgreSQL: trigram similarity of the whole title (`%`) or of a part of it (`%>`), served
    by the trigram indexes on lower(offentlig_tittel) and (rows with a code) lower(tittel).
    SQLite: titles
    containing one of the three longest words.
    """
    tittel = " ".join((tittel or "").split())[:200]
    if len(tittel) < 3:
        return None
    qs = Saksmappe.objects.visible_to(user).select_related("administrativ_enhet")
    if is_postgresql(qs):
        text = tittel.lower()

        def similar(field: str) -> Q:
            column = Lower(field)
            return Q(TrigramSimilar(column, text)) | Q(TrigramWordSimilar(column, text))

        seen = Lower(_visible("tittel", "offentlig_tittel"))
        likhet = Greatest(TrigramSimilarity(seen, Value(text)), TrigramWordSimilarity(text, seen))
        return (
            qs.filter(similar("offentlig_tittel") | (_screened_and_readable() & similar("tittel")))
            .annotate(likhet=likhet)
            .order_by("-likhet", "-saksaar", "-sakssekvensnummer")
        )
    longest = sorted((w for w in words(tittel) if len(w) >= 4), key=len, reverse=True)[:3]
    if not longest:
        return None
    condition = Q()
    for word in longest:
        condition |= Q(offentlig_tittel__icontains=word) | (
            _screened_and_readable() & Q(tittel__icontains=word)
        )
    return qs.filter(condition).order_by("-saksaar", "-sakssekvensnummer")


def lignende_saker(user, tittel: str, limit: int = 5) -> list[Saksmappe]:
    """Up to `limit` cases like `tittel` (for «Finnes saken fra før?»), each with `innsyn`
    and `synlig_tittel`, the title the user may see."""
    qs = lignende_saker_qs(user, tittel)
    if qs is None:
        return []
    cases = list(qs[:limit])
    for case in cases:
        case.synlig_tittel = access.title_for(user, case)
    return cases
