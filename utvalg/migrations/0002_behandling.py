"""Behandling moves from the journal to the committees: the journal knows no committee.

A database migrated before the move has the table `journal_behandling` (created by
journal.0002 then): it is renamed and kept, rows and constraints included. A new database
gets the table here."""

import django.db.models.deletion
from django.db import migrations, models

GAMMEL_TABELL = "journal_behandling"


def ta_over_eller_opprett(apps, schema_editor):
    model = apps.get_model("utvalg", "Behandling")
    tabeller = schema_editor.connection.introspection.table_names()
    if GAMMEL_TABELL in tabeller:
        schema_editor.alter_db_table(model, GAMMEL_TABELL, model._meta.db_table)
        # Audit entries about it keep pointing at it: its content type moves along.
        content_types = apps.get_model("contenttypes", "ContentType").objects
        if not content_types.filter(app_label="utvalg", model="behandling").exists():
            content_types.filter(app_label="journal", model="behandling").update(app_label="utvalg")
    else:
        schema_editor.create_model(model)


def tilbake(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("utvalg", "Behandling"))


class Migration(migrations.Migration):
    dependencies = [
        ("utvalg", "0001_utvalg"),
        ("journal", "0011_sok_begrenset"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Behandling",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("sakstype", models.CharField(choices=[("PS", "Politisk sak"), ("DS", "Delegert sak"), ("RS", "Referatsak")], default="PS", max_length=2, verbose_name="sakstype")),
                        ("rekkefolge", models.PositiveSmallIntegerField(default=1, verbose_name="rekkefølge")),
                        ("journalpost", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="behandlinger", to="journal.journalpost")),
                        ("utvalg", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="behandlinger", to="utvalg.utvalg", verbose_name="utvalg")),
                    ],
                    options={
                        "verbose_name": "behandling",
                        "verbose_name_plural": "behandlinger",
                        "ordering": ["rekkefolge", "id"],
                        "constraints": [models.UniqueConstraint(fields=("journalpost", "utvalg"), name="behandling_unikt_utvalg")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(ta_over_eller_opprett, tilbake),
    ]
