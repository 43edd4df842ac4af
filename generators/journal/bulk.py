"""Bulk data for benchmarks (`manage.py bulkdata`): a whole municipality with N journal posts.

The organisation (bulk_org.py) and the journal (bulk_journal.py) are planned in
Python from one seeded `random.Random` and streamed into the real tables with PostgreSQL's
COPY FROM STDIN (psycopg 3 `cursor.copy()`). Around the load, the secondary indexes (the
worklists' partial indexes and the trigram GIN indexes of journal.0003_sok and 0011),
the unique and the foreign-key constraints of the journal tables are dropped and recreated
from their own definitions, read from the catalogue, so the load is one pass of COPY and one
index build per index. Everything happens in one transaction: a failed load leaves the
database as it was. Afterwards the sequences and the number counters (Nummerteller) continue
after the loaded rows, and the tables are vacuumed and analysed.

This is seed data, not user actions: no services, no audit entries. Use a separate
database (bench/README.md); `--tom` empties the journal and organisation tables first.
"""

import importlib
import random
import time

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Index, UniqueConstraint
from django.utils import timezone

from journal.models import (
    Avskrivning,
    Godkjenning,
    Innstillinger,
    Journalpost,
    Korrespondansepart,
    Saksmappe,
    Sakspart,
)
from saksarkiv.models import (
    AdministrativEnhet,
    Bruker,
    Endringslogg,
    Klarering,
    Nummerteller,
    Rolle,
    Tilgangskode,
)
from utvalg.models import Behandling, Utvalg

from . import katalog as K
from .bulk_journal import Journalgenerator
from .bulk_org import Organisasjon

PASSORD = "saksarkiv"
BATCH = 5000  # cases per COPY round

# The columns of the rows bulk_org / bulk_journal make, per model, in their order.
KOLONNER = {
    AdministrativEnhet: ("id", "path", "depth", "numchild", "kode", "navn", "epost", "aktiv"),
    Bruker: (
        "id", "password", "last_login", "is_superuser", "username", "first_name", "last_name",
        "email", "is_staff", "is_active", "date_joined", "initialer", "stilling", "telefon",
    ),
    Rolle: ("id", "person_id", "enhet_id", "rolle", "gyldig_fra", "gyldig_til", "standard"),
    Klarering: (
        "id", "person_id", "tilgangskode_id", "enhet_id", "gyldig_fra", "gyldig_til", "merknad",
    ),
    Saksmappe: (
        "id", "tittel", "offentlig_tittel", "tilgangskode_id", "skjermingshjemmel", "saksaar",
        "sakssekvensnummer", "saksstatus", "saksansvarlig_id", "administrativ_enhet_id",
        "arkivdel", "ordningsprinsipp", "ordningsverdi", "obs_dato", "obs_merknad",
        "skjerm_parter", "onskes_avsluttet", "presedens", "opprettet", "opprettet_av_id",
        "avsluttet_dato", "avsluttet_av_id",
    ),
    Sakspart: (
        "id", "saksmappe_id", "navn", "rolle", "adresse", "postnummer", "poststed", "epost",
    ),
    Journalpost: (
        "id", "tittel", "offentlig_tittel", "tilgangskode_id", "skjermingshjemmel",
        "saksmappe_id", "journalaar", "journalsekvensnummer", "dokumentnummer",
        "journalposttype", "journalstatus", "behandlingsstatus", "dokumentdato", "journaldato",
        "forfallsdato", "saksbehandler_id", "administrativ_enhet_id",
        "skjerm_korrespondanseparter", "skjerm_dokumenter", "ekspedisjonsmaate", "besvarer_id",
        "avskriv_ved_ferdigstilling", "ekspedert_dato", "avskrevet_dato", "opprettet",
        "opprettet_av_id",
    ),
    Korrespondansepart: (
        "id", "journalpost_id", "korrespondanseparttype", "navn", "adresse", "postnummer",
        "poststed", "epost", "organisasjon", "enhet_id", "person_id",
    ),
    Avskrivning: (
        "id", "journalpost_id", "avskrivningsmaate", "avskrivningsdato", "avskrevet_av_id",
        "avskrives_av_journalpost_id", "merknad",
    ),
    Godkjenning: (
        "id", "journalpost_id", "steg", "sendt_av_id", "sendt_til_id", "sendt", "melding",
        "svar", "besvart", "besvart_av_id", "kommentar",
    ),
    Behandling: (
        "id", "journalpost_id", "utvalg_id", "sakstype", "rekkefolge", "meldt_opp",
        "skjermingshjemmel",
    ),
    # Numbered by the database (no id): see Revisjonslogg.
    Endringslogg: (
        "tidspunkt", "aktor_id", "aktor_navn", "handling", "beskrivelse", "content_type_id",
        "objekt_id", "objekt_tekst", "endringer", "request_id", "tilgangskode_id", "enhet_id",
    ),
}  # fmt: skip
ORGANISASJON = (AdministrativEnhet, Bruker, Rolle, Klarering)
JOURNAL = (Saksmappe, Sakspart, Journalpost, Korrespondansepart, Avskrivning, Godkjenning,
           Behandling)  # fmt: skip
# Rader attribute -> model, and the id counter bulk_journal uses for it.
RADER = {
    "saker": (Saksmappe, "sak"), "parter": (Sakspart, "sakspart"),
    "poster": (Journalpost, "post"), "korr": (Korrespondansepart, "korr"),
    "avskr": (Avskrivning, "avskr"), "godkj": (Godkjenning, "godkj"),
    "beh": (Behandling, "beh"),
}  # fmt: skip


class Revisjonslogg:
    """One audit entry per post, «registrert» by whoever registered it, with the post's
    access code and unit (as saksarkiv.audit.record writes it): the audit log's page is
    benchmarked on these."""

    def __init__(self, org: Organisasjon):
        from django.contrib.contenttypes.models import ContentType

        self.navn = {p.id: p.navn for p in org.personer}
        self.content_type = ContentType.objects.get_for_model(Journalpost).pk
        kolonner = KOLONNER[Journalpost]
        self.i = {k: kolonner.index(k) for k in (
            "id", "opprettet", "opprettet_av_id", "tilgangskode_id", "administrativ_enhet_id",
            "journalaar", "journalsekvensnummer",
        )}  # fmt: skip

    def rader(self, poster):
        i = self.i
        for p in poster:
            aktor = p[i["opprettet_av_id"]]
            yield (
                p[i["opprettet"]], aktor, self.navn.get(aktor, ""), "registrert", "",
                self.content_type, str(p[i["id"]]),
                f"Journalpost {p[i['journalaar']]}/{p[i['journalsekvensnummer']]:06d}",
                "{}", "", p[i["tilgangskode_id"]], p[i["administrativ_enhet_id"]],
            )  # fmt: skip


class BulkdataError(Exception):
    """Refused before anything was written; the message is Norwegian."""


def _table(model) -> str:
    return model._meta.db_table


class Kopi:
    """COPY of one model's rows: the generator's columns plus, for fields the model has
    gained since, their default value (so a new field with a default needs no change
    here). A callable default (the systemID's uuid4) is called for every row."""

    def __init__(self, model, freeze: bool):
        known = KOLONNER[model]
        fields = {f.column: f for f in model._meta.concrete_fields}
        missing = [c for c in known if c not in fields]
        if missing:
            raise BulkdataError(f"{_table(model)} mangler kolonnene {', '.join(missing)}.")
        extra, values, per_rad, per_rad_kolonner = [], [], [], []
        for column, f in fields.items():
            if column in known or (f.primary_key and f.db_returning):
                continue  # the database numbers rows the generator leaves unnumbered
            if f.has_default() and callable(f.default):
                per_rad_kolonner.append(column)
                per_rad.append(f.default)
                continue
            if f.has_default():
                value = f.get_db_prep_save(f.get_default(), connection)
            elif f.null:
                value = None
            else:
                raise BulkdataError(
                    f"bulkdata vet ikke hva {_table(model)}.{column} skal inneholde."
                )
            extra.append(column)
            values.append(value)
        self.suffix = tuple(values)
        self.per_rad = tuple(per_rad)
        columns = ", ".join(
            connection.ops.quote_name(c) for c in (*known, *extra, *per_rad_kolonner)
        )
        options = " (FREEZE)" if freeze else ""
        self.sql = f"COPY {_table(model)} ({columns}) FROM STDIN{options}"

    def write(self, cursor, rows) -> int:
        count = 0
        suffix, per_rad = self.suffix, self.per_rad
        with cursor.copy(self.sql) as copy:
            write_row = copy.write_row
            if per_rad:
                for row in rows:
                    write_row(row + suffix + tuple(fn() for fn in per_rad))
                    count += 1
            elif suffix:
                for row in rows:
                    write_row(row + suffix)
                    count += 1
            else:
                for row in rows:
                    write_row(row)
                    count += 1
        return count


# --- secondary indexes and constraints --------------------------------------------------


def _declared(models) -> dict[str, str]:
    """CREATE statements of the indexes and unique constraints the models declare, as Django
    writes them. PostgreSQL prints some partial-index predicates (IN lists) back in a form
    that differs from the original, so those declared in Meta are recreated from Django."""
    editor = connection.schema_editor()
    found = {}
    for model in models:
        for item in (*model._meta.indexes, *model._meta.constraints):
            if isinstance(item, Index | UniqueConstraint):
                found[item.name] = str(item.create_sql(model, editor))
    return found


def _secondary(cursor, models) -> list[tuple[str, str, str]]:
    """(table, drop statement, create statement) for every index and unique or foreign-key
    constraint on the tables, except the primary keys."""
    declared = _declared(models)
    tables = [_table(m) for m in models]
    cursor.execute(
        """
        SELECT t.relname, i.indexrelid::regclass::text, x.relname, pg_get_indexdef(i.indexrelid)
          FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
          JOIN pg_class x ON x.oid = i.indexrelid
         WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
           AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                            WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))
         ORDER BY 1, 2
        """,
        [tables],
    )
    found = [
        (table, f"DROP INDEX {qualified}", declared.get(name, definition))
        for table, qualified, name, definition in cursor.fetchall()
    ]
    cursor.execute(
        """
        SELECT t.relname, k.conname, pg_get_constraintdef(k.oid), k.contype
          FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
         WHERE k.conrelid = ANY(%s::regclass[]) AND k.contype IN ('u', 'f')
         ORDER BY k.contype DESC, 1, 2
        """,
        [tables],
    )
    for table, name, definition, _kind in cursor.fetchall():
        quoted = connection.ops.quote_name(name)
        create = declared.get(name, f"ALTER TABLE {table} ADD CONSTRAINT {quoted} {definition}")
        found.append((table, f"ALTER TABLE {table} DROP CONSTRAINT {quoted}", create))
    return found


def _cascade(cursor, models) -> list[str]:
    """Every table TRUNCATE … CASCADE on `models` empties (foreign keys pointing to them)."""
    cursor.execute(
        """
        WITH RECURSIVE tabell(oid) AS (
            SELECT unnest(%s::regclass[])::oid
            UNION
            SELECT k.conrelid FROM pg_constraint k JOIN tabell ON k.confrelid = tabell.oid
             WHERE k.contype = 'f'
        )
        SELECT oid::regclass::text FROM tabell ORDER BY 1
        """,
        [[_table(m) for m in models]],
    )
    return [row[0] for row in cursor.fetchall()]


# --- the load ---------------------------------------------------------------------------


def _ensure_codes() -> dict[str, str]:
    """The access-code catalogue (migration saksarkiv.0002 seeds it; a flushed test
    database may have lost it) as {kode: hjemmel}."""
    if Tilgangskode.objects.filter(kode__in=["XX", "U", "P", "E", "S", "MU"]).count() != 6:
        importlib.import_module("saksarkiv.migrations.0002_tilgangskoder").seed(apps, None)
    return dict(Tilgangskode.objects.values_list("kode", "hjemmel"))


def _ensure_committees() -> dict[str, int]:
    for kode, navn, rekkefolge in K.UTVALG:
        Utvalg.objects.get_or_create(kode=kode, defaults={"navn": navn, "rekkefolge": rekkefolge})
    return dict(Utvalg.objects.values_list("kode", "id"))


def _moteplan(today) -> int:
    """This year's meeting plan for the committees, as the demo makes it (/moter/ in the
    bench)."""
    from generators.utvalg import MOTERYTME, _motedag
    from utvalg.models import Mote

    rader = []
    for utvalg in Utvalg.objects.filter(kode__in=MOTERYTME):
        maaneder, tid, sted = MOTERYTME[utvalg.kode]
        rader += [
            Mote(utvalg=utvalg, dato=_motedag(today.year, m), klokkeslett=tid, sted=sted,
                 status="P" if _motedag(today.year, m) >= today else "PG")
            for m in maaneder
        ]  # fmt: skip
    Mote.objects.bulk_create(rader, ignore_conflicts=True)
    return len(rader)


BENCH_SUFFIKS = "_bench"


def tomming_nektet(databasenavn: str, debug: bool) -> str | None:
    """Why `--tom` may not empty this database, or None. It TRUNCATEs users, cases and posts
    with CASCADE, the audit log included: only a benchmark database in a development setup
    (DEBUG on, the name ending in _bench), unless the caller says so loudly (--ja-slett-alt)."""
    if debug and databasenavn.endswith(BENCH_SUFFIKS):
        return None
    return (
        f"--tom tømmer brukere, enheter, saker, journalposter og hele endringsloggen i "
        f"«{databasenavn}». Det gjøres bare i en database for ytelsestester: DJANGO_DEBUG=1 og "
        f"et databasenavn som slutter på {BENCH_SUFFIKS} (se bench/README.md). Vil du likevel "
        "tømme denne databasen, legg til --ja-slett-alt."
    )


def _check(tom: bool, org: Organisasjon | None = None, *, ja_slett_alt: bool = False):
    if connection.vendor != "postgresql":
        raise BulkdataError(
            "bulkdata krever PostgreSQL (COPY). Sett DATABASE_URL til en egen "
            "PostgreSQL-database, f.eks. postgres://postgres@127.0.0.1:5432/saksarkiv_bench."
        )
    if tom:
        if not ja_slett_alt and (
            grunn := tomming_nektet(connection.settings_dict["NAME"], settings.DEBUG)
        ):
            raise BulkdataError(grunn)
        return
    for model, what in ((Journalpost, "journalposter"), (Saksmappe, "saker"),
                        (AdministrativEnhet, "administrative enheter")):  # fmt: skip
        if model.objects.exists():
            raise BulkdataError(
                f"Databasen har allerede {what}. Bruk --tom for å tømme journal- og "
                "organisasjonstabellene først (bare i en egen database for ytelsestester)."
            )
    if org is not None:
        taken = Bruker.objects.filter(username__in=[p.username for p in org.personer])
        if taken.exists():
            raise BulkdataError(
                f"Brukernavnet {taken.first().username} finnes allerede. Bruk --tom."
            )


def _first_id(cursor, model) -> int:
    cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {_table(model)}")  # noqa: S608
    return cursor.fetchone()[0]


def _reset_sequences(cursor, models):
    for model in models:
        table = _table(model)
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence(%s, 'id'), COALESCE(MAX(id), 1), "  # noqa: S608
            f"MAX(id) IS NOT NULL) FROM {table}",
            [table],
        )


def _counters(teller: dict):
    """Nummerteller continues after the loaded numbers (journal.numbering)."""
    for (serie, aar), siste in sorted(teller.items()):
        row, created = Nummerteller.objects.get_or_create(
            serie=serie, aar=aar, defaults={"siste": siste}
        )
        if not created and row.siste < siste:
            Nummerteller.objects.filter(pk=row.pk).update(siste=siste)


def generer(
    antall: int, *, seed: int = 2026, tom: bool = False, ja_slett_alt: bool = False, log=print
) -> dict:
    """Load a municipality with `antall` journal posts. Returns row counts and timings."""
    if antall < 1:
        raise BulkdataError("Oppgi minst én journalpost.")
    _check(tom, ja_slett_alt=ja_slett_alt)
    started = time.perf_counter()
    today = timezone.localdate()
    rng = random.Random(seed)
    koder = _ensure_codes()
    counts, timings = {}, {}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
        # Timestamps are written as Oslo wall-clock time.
        cursor.execute("SET LOCAL TIME ZONE 'Europe/Oslo'")
        settings_rows = list(Innstillinger.objects.values())
        if tom:
            emptied = _cascade(cursor, (*ORGANISASJON, *JOURNAL, Nummerteller))
            tables = ", ".join(_table(m) for m in (*ORGANISASJON, *JOURNAL, Nummerteller))
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            log(f"Tømte {len(emptied)} tabeller: {', '.join(emptied)}")
        # After the TRUNCATE: committees point to their secretaries, so CASCADE emptied them.
        utvalg = _ensure_committees()
        counts["utvalg_mote"] = _moteplan(today)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # before the ALTER TABLEs below
        first = {m: _first_id(cursor, m) for m in (*ORGANISASJON, *JOURNAL)}
        org = Organisasjon(rng, first[AdministrativEnhet], first[Bruker])
        _check(tom, org, ja_slett_alt=ja_slett_alt)
        secondary = _secondary(cursor, JOURNAL)
        for _table_name, drop, _create in reversed(secondary):
            cursor.execute(drop)
        log(f"Fjernet {len(secondary)} indekser og skranker for innlastingen.")
        fra = "2000-01-01"
        org_rows = {
            AdministrativEnhet: org.enhet_rows(),
            Bruker: org.bruker_rows(make_password(PASSORD), f"{fra} 08:00:00"),
            Rolle: org.rolle_rows(first[Rolle], fra),
            Klarering: org.klarering_rows(first[Klarering], fra),
        }
        for model, rows in org_rows.items():
            counts[_table(model)] = Kopi(model, tom).write(cursor, rows)
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # check the people's roles now
        log(f"Organisasjon: {len(org.enheter)} enheter, {len(org.personer)} personer.")
        first_ids = {key: first[model] for model, key in RADER.values()}
        gen = Journalgenerator(rng, org, antall, today, koder, utvalg, first_ids)
        gen.planlegg()
        copies = {name: Kopi(model, tom) for name, (model, _key) in RADER.items()}
        logg = Revisjonslogg(org)
        logg_kopi = Kopi(Endringslogg, tom)
        loaded = 0
        for rows in gen.generer(BATCH):
            if not rows.saker:
                continue
            for name in copies:
                batch = getattr(rows, name)
                if batch:
                    n = copies[name].write(cursor, batch)
                    table = _table(RADER[name][0])
                    counts[table] = counts.get(table, 0) + n
            n = logg_kopi.write(cursor, logg.rader(rows.poster))
            counts[_table(Endringslogg)] = counts.get(_table(Endringslogg), 0) + n
            loaded += len(rows.poster)
            if loaded % 100_000 < len(rows.poster) or loaded == antall:
                log(f"  {loaded:>9,} av {antall:,} journalposter ({_since(started)})")
        timings["innlasting"] = time.perf_counter() - started
        for _table_name, _drop, create in secondary:
            step = time.perf_counter()
            cursor.execute(create)
            if time.perf_counter() - step > 1:
                log(f"  {create.split(' USING ')[0][:70]}: {time.perf_counter() - step:.1f} s")
        log(f"Gjenopprettet indekser og skranker ({_since(started)}).")
        timings["indekser"] = time.perf_counter() - started - timings["innlasting"]
        _reset_sequences(cursor, (*ORGANISASJON, *JOURNAL))
        _counters(gen.teller)
        for row in settings_rows:  # TRUNCATE … CASCADE emptied the settings (they point
            row["innsynskrav_saksmappe_id"] = None  # to a case); put them back
            Innstillinger.objects.get_or_create(pk=row.pop("id"), defaults=row)
    step = time.perf_counter()
    with connection.cursor() as cursor:
        for model in (*ORGANISASJON, *JOURNAL, Nummerteller):
            cursor.execute(f"VACUUM (ANALYZE) {_table(model)}")
    timings["analyse"] = time.perf_counter() - step
    timings["totalt"] = time.perf_counter() - started
    log(f"Ferdig: {antall:,} journalposter på {_since(started)}.")
    return {"rader": counts, "tider": timings, "dato": today.isoformat(), "seed": seed}


def _since(started: float) -> str:
    seconds = time.perf_counter() - started
    return (
        f"{int(seconds // 60)} min {seconds % 60:04.1f} s" if seconds >= 60 else f"{seconds:.1f} s"
    )
