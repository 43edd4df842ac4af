"""Search indexes for titles and party names (STYLE.md §4), PostgreSQL only.

Full text: to_tsvector('norwegian', …) on tittel and offentlig_tittel. Substrings («tillatelse»
in «byggetillatelse») and similarity: pg_trgm GIN indexes on lower(…). The expressions match
those journal.search writes, so the planner can use them. They are not declared in the models'
Meta: expression indexes there would tie the models to PostgreSQL, and the embedded SQLite
database (make run) simply skips this migration.
"""

from django.db import migrations

INDEXES = [
    # (name, table, method, expression)
    *(
        (f"{prefix}_{column}_{kind}", table, method, expression.format(column=column))
        for prefix, table in (("sak", "journal_saksmappe"), ("jp", "journal_journalpost"))
        for column in ("tittel", "offentlig_tittel")
        for kind, method, expression in (
            ("fts", "gin", "to_tsvector('norwegian'::regconfig, {column})"),
            ("trgm", "gin", "lower({column}) gin_trgm_ops"),
        )
    ),
    ("sakspart_navn_trgm", "journal_sakspart", "gin", "lower(navn) gin_trgm_ops"),
    ("korrpart_navn_trgm", "journal_korrespondansepart", "gin", "lower(navn) gin_trgm_ops"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, method, expression in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING {method} ({expression})"
        )


def drop_indexes(apps, schema_editor):
    # The pg_trgm extension stays: other objects in the database may use it.
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _method, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0002_arbeidsflyt"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
