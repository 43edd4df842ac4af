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

from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
from django.contrib.postgres.search import (
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Greatest, Lower
from django.db.models.lookups import Contains

from saksarkiv import access
from saksarkiv.sok import (  # noqa: F401 - the journal's pages and tests ask search.* for these
    KANDIDATER,
    is_postgresql,
    ord_filter,
    rangert,
    skjermet_og_lesbar,
    stem,
    synlig_tittel,
    words,
)

from .models import Saksmappe


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

        seen = Lower(synlig_tittel("tittel", "offentlig_tittel"))
        likhet = Greatest(TrigramSimilarity(seen, Value(text)), TrigramWordSimilarity(text, seen))
        return (
            qs.filter(similar("offentlig_tittel") | (skjermet_og_lesbar() & similar("tittel")))
            .annotate(likhet=likhet)
            .order_by("-likhet", "-saksaar", "-sakssekvensnummer")
        )
    longest = sorted((w for w in words(tittel) if len(w) >= 4), key=len, reverse=True)[:3]
    if not longest:
        return None
    condition = Q()
    for word in longest:
        condition |= Q(offentlig_tittel__icontains=word) | (
            skjermet_og_lesbar() & Q(tittel__icontains=word)
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
