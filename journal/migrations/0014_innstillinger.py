"""The journal's settings move from the foundation to the journal, which owns them.

A database migrated before the move has the table `saksarkiv_innstillinger` (created by
saksarkiv.0003 then): it is renamed and kept, the row included. A new database gets the
table here."""

import django.db.models.deletion
from django.db import migrations, models

GAMMEL_TABELL = "saksarkiv_innstillinger"


def ta_over_eller_opprett(apps, schema_editor):
    model = apps.get_model("journal", "Innstillinger")
    tabeller = schema_editor.connection.introspection.table_names()
    if GAMMEL_TABELL in tabeller:
        schema_editor.alter_db_table(model, GAMMEL_TABELL, model._meta.db_table)
        # Audit entries about it keep pointing at it: its content type moves along.
        content_types = apps.get_model("contenttypes", "ContentType").objects
        if not content_types.filter(app_label="journal", model="innstillinger").exists():
            content_types.filter(app_label="saksarkiv", model="innstillinger").update(app_label="journal")
    else:
        schema_editor.create_model(model)


def tilbake(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("journal", "Innstillinger"))


class Migration(migrations.Migration):
    dependencies = [
        ("journal", "0013_systemid_unik"),
        ("saksarkiv", "0003_innstillinger"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Innstillinger',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('forfall_dager', models.PositiveSmallIntegerField(default=14, help_text='Forfallslisten viser post med forfall innen så mange dager.', verbose_name='forfallsliste (dager)')),
                        ('obs_dager', models.PositiveSmallIntegerField(default=14, help_text='Oppfølging av saker viser saker med OBS-dato innen så mange dager.', verbose_name='OBS-liste (dager)')),
                        ('varsel_dager', models.PositiveSmallIntegerField(default=5, help_text='Poster som har forfalt eller forfaller innen så mange dager, merkes.', verbose_name='markér som snart forfalt (dager)')),
                        ('xx_frist_arbeidsdager', models.PositiveSmallIntegerField(default=3, help_text='Leder må vurdere XX innen så mange arbeidsdager (helligdager regnes ikke).', verbose_name='frist for offentlighetsvurdering (arbeidsdager)')),
                        ('postliste_med_notater', models.BooleanField(default=False, help_text='Interne notater med oppfølging (N) vises i den offentlige postlisten.', verbose_name='publiser N-notater i postlisten')),
                        ('personnavn_sokbar_maaneder', models.PositiveSmallIntegerField(default=12, help_text='Navn på private personer kan søkes fram i postlisten så mange måneder.', verbose_name='personnavn søkbare (måneder)')),
                        ('innsynskrav_saksmappe', models.ForeignKey(blank=True, help_text='Innsynskrav fra postlisten registreres som inngående post i denne saken.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='journal.saksmappe', verbose_name='sak for innsynskrav')),
                    ],
                    options={
                        'verbose_name': 'innstillinger',
                        'verbose_name_plural': 'innstillinger',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(ta_over_eller_opprett, tilbake),
    ]
