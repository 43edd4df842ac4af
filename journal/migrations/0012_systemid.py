"""Every archival record keeps its own systemID (Noark 5), backfilled for existing rows.

The column is added without a constraint and filled here; the unique index follows in
0013, after this migration has committed, so that it indexes only the new row versions
(as 0006/0007 do). PostgreSQL fills it in one UPDATE per table with gen_random_uuid()."""

import uuid

from django.db import migrations, models

MODELLER = ("saksmappe", "sakspart", "journalpost", "korrespondansepart", "dokument")


def fyll(apps, schema_editor):
    connection = schema_editor.connection
    for navn in MODELLER:
        model = apps.get_model("journal", navn)
        tabell = connection.ops.quote_name(model._meta.db_table)
        if connection.vendor == "postgresql":
            schema_editor.execute(f"UPDATE {tabell} SET systemid = gen_random_uuid()")  # noqa: S608
            continue
        for pk in model.objects.filter(systemid__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(systemid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0011_sok_begrenset"),
    ]

    operations = [
        *[
            migrations.AddField(
                model_name=navn,
                name="systemid",
                field=models.UUIDField(editable=False, null=True, verbose_name="systemID"),
            )
            for navn in MODELLER
        ],
        migrations.RunPython(fyll, migrations.RunPython.noop),
    ]
