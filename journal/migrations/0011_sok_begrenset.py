"""Search indexes after the public-title constraint (journal.0010), PostgreSQL only.

- A word is searched in `tittel` only on records with an access code (journal.search): the
  trigram index on lower(tittel) becomes a partial index over those records (about one in
  eight posts).
- Words are matched by a trigram-indexable LIKE on the stem, with full text only as a check
  of the rows found, so the full-text GIN indexes are no longer used: dropped (four fewer
  indexes to keep up on every write).

The embedded SQLite database skips this migration, as it skips journal.0003_sok.
"""

from django.db import migrations

TABLES = (("sak", "journal_saksmappe"), ("jp", "journal_journalpost"))
FULL_TEXT = "to_tsvector('norwegian'::regconfig, {column})"
TRIGRAM = "lower({column}) gin_trgm_ops"


def _create(schema_editor, name, table, expression, where=""):
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression}){where}"
    )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for prefix, table in TABLES:
        _create(
            schema_editor,
            f"{prefix}_tittel_trgm_begrenset",
            table,
            TRIGRAM.format(column="tittel"),
            " WHERE tilgangskode_id IS NOT NULL",
        )
        for name in ("tittel_trgm", "tittel_fts", "offentlig_tittel_fts"):
            schema_editor.execute(f"DROP INDEX IF EXISTS {prefix}_{name}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for prefix, table in TABLES:
        _create(schema_editor, f"{prefix}_tittel_trgm", table, TRIGRAM.format(column="tittel"))
        for column in ("tittel", "offentlig_tittel"):
            _create(schema_editor, f"{prefix}_{column}_fts", table, FULL_TEXT.format(column=column))
        schema_editor.execute(f"DROP INDEX IF EXISTS {prefix}_tittel_trgm_begrenset")


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0010_aapen_tittel"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
