"""The text of each document (issue 20, item 2), and on PostgreSQL a full-text GIN index on
it with the Norwegian configuration. The index expression is the one journal.search writes
(saksarkiv.sok.NorwegianVector), so the planner can use it; like journal.0003_sok it is not
declared in the model's Meta, and the embedded SQLite database (make run) skips it."""

from django.db import migrations, models

INDEX = (
    "CREATE INDEX IF NOT EXISTS dok_innhold_fts ON journal_dokument "
    "USING gin (to_tsvector('norwegian'::regconfig, innhold))"
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS dok_innhold_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0019_arkivuttrekk_kjoring"),
    ]

    operations = [
        migrations.AddField(
            model_name="dokument",
            name="innhold",
            field=models.TextField(blank=True, editable=False, verbose_name="tekstinnhold"),
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
