"""The number counters move to the foundation (saksarkiv.Nummerteller), where every app's
series live: the journal's rows are copied there, then its own table goes."""

from django.db import migrations


def flytt_tellere(apps, schema_editor):
    gammel = apps.get_model("journal", "Nummerteller")
    ny = apps.get_model("saksarkiv", "Nummerteller")
    for rad in gammel.objects.all():
        ny.objects.update_or_create(serie=rad.serie, aar=rad.aar, defaults={"siste": rad.siste})


def tilbake(apps, schema_editor):
    gammel = apps.get_model("journal", "Nummerteller")
    ny = apps.get_model("saksarkiv", "Nummerteller")
    for rad in ny.objects.filter(serie__in=["sak", "journalpost"]):
        gammel.objects.update_or_create(serie=rad.serie, aar=rad.aar, defaults={"siste": rad.siste})


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0014_innstillinger"),
        ("saksarkiv", "0005_nummerteller"),
    ]

    operations = [
        migrations.RunPython(flytt_tellere, tilbake),
        migrations.DeleteModel(name="Nummerteller"),
    ]
