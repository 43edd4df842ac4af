"""Without an access code the public title is the title (journal.models.base.aapen_tittel).

Records registered without a code could keep a public title typed in the form. Nobody saw it
(without a code everyone reads the title), so it is replaced by the title before the
constraint is added.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import F


def align_titles(apps, schema_editor):
    for name in ("Journalpost", "Saksmappe"):
        model = apps.get_model("journal", name)
        model.objects.filter(tilgangskode__isnull=True).exclude(
            offentlig_tittel=F("tittel")
        ).update(offentlig_tittel=F("tittel"))


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0009_til_journalforing_indeks"),
        ("saksarkiv", "0004_jobber"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(align_titles, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name="journalpost",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("tilgangskode__isnull", False),
                    ("offentlig_tittel", models.F("tittel")),
                    _connector="OR",
                ),
                name="journalpost_aapen_tittel",
            ),
        ),
        migrations.AddConstraint(
            model_name="saksmappe",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("tilgangskode__isnull", False),
                    ("offentlig_tittel", models.F("tittel")),
                    _connector="OR",
                ),
                name="saksmappe_aapen_tittel",
            ),
        ),
    ]
