# The partial indexes on open restanser, in their own migration (transaction) after the
# backfill of 0006 has committed: built in the same transaction as that UPDATE they would
# also hold an entry for every superseded row version.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("journal", "0006_restanse_avskrevet"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="journalpost",
            name="jp_forfall",
        ),
        migrations.AddIndex(
            model_name="journalpost",
            index=models.Index(
                condition=models.Q(
                    ("avskrevet_dato__isnull", True),
                    ("forfallsdato__isnull", False),
                    ("journalposttype__in", ["I", "N"]),
                ),
                fields=["administrativ_enhet", "forfallsdato"],
                name="jp_restanse_forfall",
            ),
        ),
        migrations.AddIndex(
            model_name="journalpost",
            index=models.Index(
                condition=models.Q(
                    ("avskrevet_dato__isnull", True), ("journalposttype__in", ["I", "N"])
                ),
                fields=["saksbehandler", "journaldato"],
                name="jp_restanse_sb",
            ),
        ),
    ]
