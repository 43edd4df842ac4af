"""systemID is required and unique; new rows get a fresh UUID (see 0012)."""

import uuid

from django.db import migrations, models

MODELLER = ("saksmappe", "sakspart", "journalpost", "korrespondansepart", "dokument")


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0012_systemid"),
    ]

    operations = [
        migrations.AlterField(
            model_name=navn,
            name="systemid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="systemID"
            ),
        )
        for navn in MODELLER
    ]
