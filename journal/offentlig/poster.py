"""Which journal posts the public sees, and what of each (DOMAIN.md §7).

Rows: journalised posts (J) of type I and U, plus N when the settings publish notes; never
X, S or drafts, and never a post still under a temporary code (XX): the leader has not yet
decided what to screen, and the routine says such posts reach the postliste only when the
decision is made (seed 003 §9.2.1).

Display: everything goes through the access chokepoint as the anonymous user. A restricted
post shows its offentlig tittel (screened words are already *****), its access code and
legal basis; its correspondents are replaced by «Skjermet» when the post screens them (the
same rule as the internal post page); its documents are never downloadable. Screened names
are replaced in SQL, so they never even reach Python.

The lists are ordered newest first by (journaldato, journalaar, journalsekvensnummer) and
paginated by keyset on that key, which a partial index on journalstatus = 'J' serves (see
the report for the index definition).
"""

import calendar
import datetime
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError, transaction
from django.db.models import Case, CharField, Count, F, Q, QuerySet, Value, When
from psycopg.errors import QueryCanceled

from journal.models import Innstillinger
from saksarkiv import access, keyset
from saksarkiv.keyset import Sortering
from saksarkiv.tekst import uten_kontrolltegn

from ..models import (
    Dokument,
    Journalpost,
    Journalposttype,
    Journalstatus,
    Korrespondansepart,
    Korrespondanseparttype,
    Saksmappe,
)

ANONYM = AnonymousUser()
SIDESTORRELSE = 50
# Counting stops here: «over 1000» is as useful as an exact count of a huge range.
TELLEGRENSE = 1000

KORTE_TYPER = {
    Journalposttype.INNGAENDE: "Inngående",
    Journalposttype.UTGAENDE: "Utgående",
    Journalposttype.NOTAT_MED_OPPFOLGING: "Internt notat",
}
PARTTYPER = dict(Korrespondanseparttype.choices)
# Control characters in stored text: invisible on a page, fatal in XML, and a PDF font has
# no glyph for them. Line breaks become spaces; the rest go (saksarkiv.tekst).
_LINJESKIFT = re.compile(r"[\t\n\r]+")


def ren(tekst: str) -> str:
    return _LINJESKIFT.sub(" ", uten_kontrolltegn(tekst))


NYESTE_FORST = ("-journaldato", "-journalaar", "-journalsekvensnummer")
ELDSTE_FORST = ("journaldato", "journalaar", "journalsekvensnummer")
# The same key oldest first (the export's batches): unique without the id.
ELDSTE = Sortering(
    "eldst",
    "Eldste først",
    (("journaldato", False), ("journalaar", False), ("journalsekvensnummer", False)),
    unik=True,
)


def publiserte_typer(innstillinger: Innstillinger) -> list[str]:
    typer = [Journalposttype.INNGAENDE, Journalposttype.UTGAENDE]
    if innstillinger.postliste_med_notater:
        typer.append(Journalposttype.NOTAT_MED_OPPFOLGING)
    return typer


def offentlige_poster(innstillinger: Innstillinger | None = None) -> QuerySet:
    """The posts on the public journal, each annotated `innsyn` for the anonymous user."""
    innstillinger = innstillinger or Innstillinger.hent()
    return (
        Journalpost.objects.with_innsyn(ANONYM)
        .filter(
            journalstatus=Journalstatus.JOURNALFORT,
            journalposttype__in=publiserte_typer(innstillinger),
        )
        .filter(Q(tilgangskode__isnull=True) | Q(tilgangskode__midlertidig=False))
        .select_related("saksmappe", "administrativ_enhet", "tilgangskode")
    )


def publiserte_dokumenter(innstillinger: Innstillinger | None = None) -> QuerySet:
    """Documents the public may download: readable by the anonymous user (the post has no
    access code) on a public post that does not screen its documents."""
    poster = offentlige_poster(innstillinger).filter(innsyn=True, skjerm_dokumenter=False)
    return Dokument.objects.readable_by(ANONYM).filter(journalpost__in=poster.values("pk"))


def siste_dag(qs: QuerySet) -> datetime.date | None:
    """The latest journal date that has public posts in `qs` (an index scan, one row)."""
    return qs.order_by(*NYESTE_FORST).values_list("journaldato", flat=True).first()


def maaneder_for(dag: datetime.date, maaneder: int) -> datetime.date:
    """The same day `maaneder` months before `dag` (the last day of a shorter month)."""
    total = dag.year * 12 + dag.month - 1 - maaneder
    aar, maaned = divmod(total, 12)
    maaned += 1
    return dag.replace(
        year=aar, month=maaned, day=min(dag.day, calendar.monthrange(aar, maaned)[1])
    )


@dataclass(frozen=True)
class Part:
    type: str
    navn: str


@dataclass(frozen=True)
class Dokumentvisning:
    pk: int
    tittel: str
    filnavn: str
    hoveddokument: bool


@dataclass
class OffentligPost:
    """One public entry exactly as the public may see it; nothing screened is in here."""

    pk: int
    journalaar: int
    journalsekvensnummer: int
    journalpostnummer: str
    dokumentnummer: int
    saksaar: int
    sakssekvensnummer: int
    saksnummer: str
    saksdokumentnummer: str
    journalposttype: str
    type_navn: str
    journaldato: datetime.date
    dokumentdato: datetime.date | None
    tittel: str
    sak_tittel: str
    enhet: str
    skjermet: bool
    tilgangskode: str
    hjemmel: str
    parter_skjermet: bool
    parter: list[Part]
    dokumenter_publisert: bool
    dokumenter: list[Dokumentvisning] = field(default_factory=list)
    antall_dokumenter: int = 0

    @property
    def nokkel(self) -> tuple:
        return (self.journaldato, self.journalaar, self.journalsekvensnummer)


def _parter(poster: list[Journalpost], skjermet: set[int]) -> dict[int, list[Part]]:
    """Correspondents per post; screened names are replaced in SQL."""
    synlig_navn = F("navn")
    if skjermet:
        synlig_navn = Case(
            When(journalpost_id__in=skjermet, then=Value(access.SKJERMET_TEKST)),
            default=F("navn"),
            output_field=CharField(),
        )
    rows = (
        Korrespondansepart.objects.filter(journalpost_id__in=[p.pk for p in poster])
        .annotate(synlig_navn=synlig_navn)
        .order_by("journalpost_id", "id")
        .values_list("journalpost_id", "korrespondanseparttype", "synlig_navn")
    )
    parter = defaultdict(list)
    for post_id, parttype, navn in rows:
        parter[post_id].append(Part(PARTTYPER.get(parttype, parttype), ren(navn)))
    return parter


def _leselige_saker(poster: list[Journalpost]) -> set[int]:
    ids = {p.saksmappe_id for p in poster}
    return set(
        Saksmappe.objects.readable_by(ANONYM).filter(pk__in=ids).values_list("pk", flat=True)
    )


def _dokumenter(poster: list[Journalpost], publisert: set[int], innstillinger: Innstillinger):
    """(public documents per post, document count per post): titles and file names only
    for documents the public may download, a count for the others."""
    ids = [p.pk for p in poster]
    antall = dict(
        Dokument.objects.filter(journalpost_id__in=ids)
        .values("journalpost_id")
        .annotate(n=Count("id"))
        .values_list("journalpost_id", "n")
    )
    dokumenter = defaultdict(list)
    if publisert:
        rows = (
            publiserte_dokumenter(innstillinger)
            .filter(journalpost_id__in=publisert)
            .order_by("journalpost_id", "tilknyttet_registrering_som", "dokumentnummer")
            .values_list("journalpost_id", "pk", "tittel", "filnavn", "tilknyttet_registrering_som")
        )
        for post_id, pk, tittel, filnavn, som in rows:
            dokumenter[post_id].append(Dokumentvisning(pk, ren(tittel), ren(filnavn), som == "H"))
    return dokumenter, antall


def vis_poster(
    poster: list[Journalpost],
    *,
    med_dokumenter: bool = False,
    innstillinger: Innstillinger | None = None,
) -> list[OffentligPost]:
    """The public view of posts from `offentlige_poster()`: two queries for any number of
    posts (correspondents, which cases are readable), two more with documents."""
    if not poster:
        return []
    skjermet_navn = {
        p.pk for p in poster if p.skjerm_korrespondanseparter and not access.can_read(ANONYM, p)
    }
    parter = _parter(poster, skjermet_navn)
    leselige = _leselige_saker(poster)
    publisert = {p.pk for p in poster if access.can_read(ANONYM, p) and not p.skjerm_dokumenter}
    dokumenter, antall = ({}, {})
    if med_dokumenter:
        dokumenter, antall = _dokumenter(poster, publisert, innstillinger or Innstillinger.hent())
    result = []
    for post in poster:
        sak = post.saksmappe
        sak.innsyn = sak.pk in leselige
        skjermet = not access.can_read(ANONYM, post)
        kode = post.tilgangskode
        result.append(
            OffentligPost(
                pk=post.pk,
                journalaar=post.journalaar,
                journalsekvensnummer=post.journalsekvensnummer,
                journalpostnummer=post.journalpostnummer,
                dokumentnummer=post.dokumentnummer,
                saksaar=sak.saksaar,
                sakssekvensnummer=sak.sakssekvensnummer,
                saksnummer=sak.saksnummer,
                saksdokumentnummer=f"{sak.saksnummer}-{post.dokumentnummer}",
                journalposttype=post.journalposttype,
                type_navn=KORTE_TYPER.get(post.journalposttype, post.journalposttype),
                journaldato=post.journaldato,
                dokumentdato=post.dokumentdato,
                tittel=ren(access.title_for(ANONYM, post)),
                sak_tittel=ren(access.title_for(ANONYM, sak)),
                enhet=ren(post.administrativ_enhet.navn),
                skjermet=skjermet,
                tilgangskode=kode.kode if skjermet and kode else "",
                hjemmel=(post.skjermingshjemmel or (kode.hjemmel if kode else ""))
                if skjermet
                else "",
                parter_skjermet=post.pk in skjermet_navn,
                parter=parter.get(post.pk, []),
                dokumenter_publisert=post.pk in publisert,
                dokumenter=dokumenter.get(post.pk, []),
                antall_dokumenter=antall.get(post.pk, 0),
            )
        )
    return result


def hent_offentlig(pk: int, innstillinger: Innstillinger | None = None) -> OffentligPost | None:
    """One public entry with its documents, or None when it is not on the public journal."""
    innstillinger = innstillinger or Innstillinger.hent()
    post = offentlige_poster(innstillinger).filter(pk=pk).first()
    if post is None:
        return None
    return vis_poster([post], med_dokumenter=True, innstillinger=innstillinger)[0]


# --- Time limit for searches ---------------------------------------------------------------
# A public word or name search that matches almost everything (or nothing, through many
# candidates) must not hold a database connection for long: it is stopped and the user is
# asked to narrow it.
SOK_TIDSGRENSE_MS = 3000


class ForTungtSok(Exception):
    """The search was stopped by the time limit."""


@contextmanager
def tidsgrense(millisekunder: int):
    """Run the enclosed queries with a PostgreSQL statement_timeout; ForTungtSok if one
    is cancelled. Elsewhere (SQLite) a no-op."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        yield
        return
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('statement_timeout'), "
                    "set_config('statement_timeout', %s, true)",
                    [f"{millisekunder}ms"],
                )
                (forrige, _ny) = cursor.fetchone()
            yield
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [forrige])
    except OperationalError as exc:
        if isinstance(exc.__cause__, QueryCanceled):
            raise ForTungtSok from exc
        raise


# --- Keyset pages (saksarkiv.keyset, like every list) -------------------------------------
# Newest first on (journaldato, journalaar, journalsekvensnummer), unique without the id, so
# that the partial index jp_postliste serves the order and the cursor as they are.
NYESTE = Sortering(
    "nyest",
    "Nyeste først",
    (("journaldato", True), ("journalaar", True), ("journalsekvensnummer", True)),
    unik=True,
)


def side(qs: QuerySet, markor: str | None, storrelse: int | None = None, *, tell: bool = True):
    """One page of public posts after the cursor: a capped count, the rows with their keys,
    and the two display queries of vis_poster().

    Word and name searches are not counted: their filters are costly per row, and a count
    must test up to TELLEGRENSE rows where the page needs only `storrelse`."""
    resultat = keyset.side(
        qs,
        NYESTE,
        markor,
        storrelse or SIDESTORRELSE,
        maks_antall=TELLEGRENSE if tell else None,
        tell=tell,
    )
    resultat.rader = vis_poster(resultat.rader)
    return resultat
