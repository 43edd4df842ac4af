"""The standard access-code catalogue (DOMAIN.md §7). Administrators may add more."""

from django.db import migrations

KODER = [
    ("XX", "Midlertidig sperret", "Til vurdering hos leder (offl. § 13)", True, False, 10),
    ("U", "Unntatt offentlighet", "Offl. § 13 jf. fvl. § 13 første ledd nr. 1", False, False, 20),
    ("P", "Personalsaker", "Offl. § 25 / offl. § 13 jf. fvl. § 13", False, False, 30),
    ("E", "Elevsaker", "Offl. § 13 jf. fvl. § 13 første ledd nr. 1", False, False, 40),
    ("S", "Skattesaker", "Offl. § 13 jf. skatteforvaltningsloven § 3-1", False, False, 50),
    ("MU", "Møtedokument unntatt", "Offl. § 14 / koml. § 11-5", False, True, 60),
]


def seed(apps, schema_editor):
    Tilgangskode = apps.get_model("saksarkiv", "Tilgangskode")
    for kode, navn, hjemmel, midlertidig, motedokument, rekkefolge in KODER:
        Tilgangskode.objects.get_or_create(
            kode=kode,
            defaults={
                "navn": navn,
                "hjemmel": hjemmel,
                "midlertidig": midlertidig,
                "motedokument": motedokument,
                "rekkefolge": rekkefolge,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("saksarkiv", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
