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

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Lower
from django.db.models.lookups import Contains

from saksarkiv import access
from saksarkiv.sok import (  # noqa: F401 - the journal's pages and tests ask search.* for these
    CONFIG,
    KANDIDATER,
    NorwegianVector,
    inneholder,
    is_postgresql,
    ord_filter,
    rangert,
    skjermet_og_lesbar,
    stem,
    synlig_tittel,
    words,
)

from .models import Dokument, Saksmappe


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


# Norwegian stop words: Snowball's list, the one PostgreSQL's `norwegian` configuration drops.
# «Søknad om dispensasjon for garasje i Storgata» has three words that say something.
_STOPPORD = """
    og i jeg det at en et den til er som på de med han av ikke ikkje der så var meg seg men
    ett har om vi min mitt ha hadde hun nå over da ved fra du ut sin dem oss opp man kan hans
    hvor eller hva skal selv sjøl her alle vil bli ble blei blitt kunne inn når være kom noen
    noe ville dere deres kun ja etter ned skulle denne for deg si sine sitt mot å meget hvorfor
    dette disse uten hvordan ingen din ditt blir samme hvilken hvilke sånn inni mellom vår hver
    hvem vors hvis både bare enn fordi før mange også slik vært båe begge siden dykk dykkar dei
    deira deires deim di då eg ein eit eitt elles honom hjå ho hoe henne hennar hennes hoss
    hossen ingi inkje korleis korso kva kvar kvarhelst kven kvi kvifor me medan mi mykje no
    nokon noka nokor noko nokre sia sidan so somt somme um upp vere vore verte vort varte
    vart"""
STOPPORD = frozenset(_STOPPORD.split())
# A stem this long has a trigram, so the trigram indexes can find it; shorter words (house
# numbers, «14») only count where a title already matched a longer one.
MIN_SOKESTAMME = 3
# How many of the newest cases with all the words, and with each word, «Finnes saken fra
# før?» ranks (see `lignende_saker_qs`).
LIGNENDE_KANDIDATER = 200


def lignende_ord(tittel: str) -> list[str]:
    """The stems of the words of `tittel` that say something: no stop words, one per stem,
    at most MAX_WORDS of them."""
    tokens = [w for w in re.findall(r"[^\W_]+", tittel.lower()) if w not in STOPPORD]
    return list({stem(word): None for word in words(" ".join(tokens))})


def _har_ord(root: str, postgresql: bool) -> Q:
    """The case has the stem in a title the user may search (as `ord_filter`)."""
    return inneholder("offentlig_tittel", root, postgresql) | (
        skjermet_og_lesbar() & inneholder("tittel", root, postgresql)
    )


def trigrammer(text: str) -> set[str]:
    """pg_trgm's trigrams of a text: each word lower-cased, padded with two spaces before and
    one after."""
    found = set()
    for word in re.findall(r"[^\W_]+", text.lower()):
        padded = f"  {word} "
        found.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return found


def lignende_saker_qs(user, tittel: str) -> models.QuerySet | None:
    """The candidates for «Finnes saken fra før?»: cases visible to `user` with one of the
    words of `tittel` (as `values`: pk, the title the user may see as `sett`, and the case
    number); None when the title has no word to compare (too short, or stop words only).
    `lignende_saker` ranks them.

    Ranking every case with a common word («søknad»: 40 % of all cases) would cost seconds, so
    the set is bounded: the newest LIGNENDE_KANDIDATER cases with all the words, and the
    newest LIGNENDE_KANDIDATER with each word. Each part is one LIKE per stem and column
    (as `ord_filter`), served by the trigram indexes on lower(offentlig_tittel) and (rows with
    a code) lower(tittel). An old case with every word is always among them unless there are
    that many newer ones with every word. Only the title the user may see leaves the database.
    """
    stems = lignende_ord((tittel or "")[:200])
    findable = [root for root in stems if len(root) >= MIN_SOKESTAMME]
    if not findable:
        return None
    visible = Saksmappe.objects.visible_to(user)
    postgresql = is_postgresql(visible)
    newest = ("-saksaar", "-sakssekvensnummer")
    sets = [visible.filter(*(_har_ord(root, postgresql) for root in findable))]
    if len(findable) > 1:
        sets += [visible.filter(_har_ord(root, postgresql)) for root in findable]
    first, *rest = (m.order_by(*newest).values("pk")[:LIGNENDE_KANDIDATER] for m in sets)
    if postgresql:
        # One IN over a UNION of small sets: the planner then expects a few hundred rows (an
        # OR of INs would have it expect the whole table).
        candidates = Q(pk__in=first.union(*rest) if rest else first)
    else:  # SQLite allows no LIMIT inside a UNION
        candidates = Q(pk__in=first)
        for part in rest:
            candidates |= Q(pk__in=part)
    return (
        visible.filter(candidates)
        .annotate(sett=synlig_tittel("tittel", "offentlig_tittel"))
        .values_list("pk", "sett", "saksaar", "sakssekvensnummer")
    )


def _rangert(kandidater, tittel: str) -> list[tuple[int, int, bool]]:
    """(pk, treff, alle_ord) of the candidates, best first: the cases whose visible title
    contains every word of `tittel` first, then by how many of its words it contains
    (`treff`, a word counts where the title contains its stem, so «tillatelse» counts in
    «Byggetillatelser»), then by trigram similarity of the whole titles (pg_trgm's
    `similarity`), and only then newest first."""
    stems = lignende_ord((tittel or "")[:200])
    typed = trigrammer(tittel[:200])
    rows = []
    for pk, sett, aar, nummer in kandidater:
        lower = sett.lower()
        treff = sum(1 for root in stems if root in lower)
        theirs = trigrammer(sett)
        likhet = len(typed & theirs) / (len(typed | theirs) or 1)
        rows.append(((-treff, -likhet, -aar, -nummer), pk, treff))
    rows.sort()
    return [(pk, treff, treff == len(stems)) for _key, pk, treff in rows]


def lignende_saker(user, tittel: str, limit: int = 5) -> list[Saksmappe]:
    """Up to `limit` cases like `tittel` (for «Finnes saken fra før?»), best first (issue 15,
    item 9: by how well the words match, not by date), each with `innsyn`, `synlig_tittel`
    (the title the user may see), `treff` (how many of the words it has) and `alle_ord`.
    Two queries: the candidates with their visible titles, ranked here, then the best."""
    kandidater = lignende_saker_qs(user, tittel)
    if kandidater is None:
        return []
    best = _rangert(kandidater, tittel)[:limit]
    cases = Saksmappe.objects.visible_to(user).select_related("administrativ_enhet")
    by_pk = cases.in_bulk([pk for pk, _treff, _alle in best])
    result = []
    for pk, treff, alle in best:
        case = by_pk.get(pk)
        if case is None:  # deleted between the two queries
            continue
        case.synlig_tittel = access.title_for(user, case)
        case.treff, case.alle_ord = treff, alle
        result.append(case)
    return result


# --- Document contents (issue 20, item 2) ---------------------------------------------------
# Marks around the matched words in a snippet, which no PDF text contains: the template
# escapes the text and only then turns them into <mark>.
TREFF_START, TREFF_SLUTT = "\ue000", "\ue001"
UTDRAG_TEGN = 240


def _innholdssok(terms: list[str]) -> SearchQuery:
    return SearchQuery(" ".join(terms), config=CONFIG, search_type="plain")


def innhold_treff(user, q: str | None) -> models.QuerySet | None:
    """The documents `user` may read (`Dokument.objects.readable_by`) whose text has every
    word of `q`; None without words. The match is computed over readable documents only, so
    whether, how often and where a restricted document matches tells nobody else anything.

    PostgreSQL: full text with the Norwegian configuration (whole words by their stem:
    «søknader» finds «søknaden»), served by the GIN index of migration
    `journal.0020_dokument_innhold`. SQLite (make run): the stem as a substring."""
    terms = words(q)
    if not terms:
        return None
    docs = Dokument.objects.readable_by(user)
    if is_postgresql(docs):
        return docs.alias(innhold_vektor=NorwegianVector(F("innhold"))).filter(
            innhold_vektor=_innholdssok(terms)
        )
    for root in {stem(word): None for word in terms}:
        docs = docs.filter(innhold__icontains=root)
    return docs


def ord_eller_innhold(qs: models.QuerySet, q: str | None, user) -> models.QuerySet:
    """Posts of `qs` (from visible_to(user)) with every word of `q` in a title the user may
    search (`ord_filter`), or in the text of one of their documents the user may read."""
    docs = innhold_treff(user, q)
    if docs is None:
        return qs
    return ord_filter(qs, q) | qs.filter(Exists(docs.filter(journalpost=OuterRef("pk"))))


def _utdrag(tekst: str, terms: list[str]) -> str:
    """SQLite's snippet: the text around the first word found, the words marked."""
    lower = tekst.lower()
    roots = [stem(word) for word in terms]
    funn = [i for i in (lower.find(root) for root in roots) if i >= 0]
    start = max(0, min(funn, default=0) - UTDRAG_TEGN // 3)
    utdrag = tekst[start : start + UTDRAG_TEGN]
    for root in sorted(set(roots), key=len, reverse=True):
        utdrag = re.sub(
            rf"(\w*{re.escape(root)}\w*)", rf"{TREFF_START}\1{TREFF_SLUTT}", utdrag, flags=re.I
        )
    return ("…" if start else "") + utdrag + ("…" if start + UTDRAG_TEGN < len(tekst) else "")


def innhold_utdrag(user, q: str | None, post_ids) -> dict[int, dict]:
    """For each of the posts `post_ids`, its first document (by number) that `user` may read
    and whose text has the words of `q`: {post id: {"dokumentnummer", "tittel", "utdrag"}},
    the matched words in the snippet between TREFF_START and TREFF_SLUTT. One query."""
    docs = innhold_treff(user, q)
    if docs is None or not post_ids:
        return {}
    terms = words(q)
    docs = docs.filter(journalpost_id__in=list(post_ids)).order_by(
        "journalpost_id", "dokumentnummer"
    )
    if is_postgresql(docs):
        # DISTINCT ON: the headline only of the document shown, one per post.
        rows = (
            docs.distinct("journalpost_id")
            .annotate(
                utdrag=SearchHeadline(
                    "innhold",
                    _innholdssok(terms),
                    config=CONFIG,
                    start_sel=TREFF_START,
                    stop_sel=TREFF_SLUTT,
                    max_words=35,
                    min_words=15,
                    short_word=2,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                )
            )
            .values_list("journalpost_id", "dokumentnummer", "tittel", "utdrag")
        )
    else:
        rows = (
            (pid, nr, tittel, _utdrag(tekst, terms))
            for pid, nr, tittel, tekst in docs.values_list(
                "journalpost_id", "dokumentnummer", "tittel", "innhold"
            )
        )
    found: dict[int, dict] = {}
    for post_id, nummer, tittel, utdrag in rows:
        found.setdefault(post_id, {"dokumentnummer": nummer, "tittel": tittel, "utdrag": utdrag})
    return found
