# The system settings (Innstillinger) were created here until they moved to the journal,
# which owns them (journal.0014 takes over the table of databases migrated before the move).
# The migration stays, empty, so that the foundation's history keeps its order.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('saksarkiv', '0002_tilgangskoder'),
    ]

    operations = []
