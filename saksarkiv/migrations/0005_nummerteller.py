# The number counters, now the foundation's (journal.0015 moves the journal's rows here).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('saksarkiv', '0004_jobber'),
    ]

    operations = [
        migrations.CreateModel(
            name='Nummerteller',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('serie', models.CharField(max_length=20, verbose_name='serie')),
                ('aar', models.PositiveSmallIntegerField(verbose_name='år')),
                ('siste', models.PositiveIntegerField(verbose_name='siste nummer')),
            ],
            options={
                'verbose_name': 'nummerteller',
                'verbose_name_plural': 'nummertellere',
                'constraints': [models.UniqueConstraint(fields=('serie', 'aar'), name='saksarkiv_nummerteller_serie_aar')],
            },
        ),
    ]
