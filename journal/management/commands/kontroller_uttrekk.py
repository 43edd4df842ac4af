"""Check a Noark 5 arkivuttrekk directory, ours or anyone's, like Arkivverket's Arkade 5:

    python manage.py kontroller_uttrekk DIR [--format tekst|json] [--uttrekksdato ÅÅÅÅ-MM-DD]

Prints the report (test id, name, result and each deviation with its location). Exit status 0
when no test found a deviation, 1 otherwise.
"""

import datetime
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from journal.uttrekk.kontroll import kontroller


class Command(BaseCommand):
    help = "Kontrollerer et Noark 5-arkivuttrekk (struktur, innhold og analyser, som Arkade 5)."

    def add_arguments(self, parser):
        parser.add_argument("katalog", help="Katalogen med arkivuttrekket (arkivuttrekk.xml m.m.).")
        parser.add_argument("--format", dest="format_", default="tekst", help="tekst eller json.")
        parser.add_argument(
            "--uttrekksdato",
            help="Datoen uttrekket ble laget, ÅÅÅÅ-MM-DD (standard: i dag). "
            "Ingen hendelse kan ligge etter den.",
        )

    def handle(self, *args, katalog, format_="tekst", uttrekksdato=None, **options):
        if format_ not in ("tekst", "json"):
            raise CommandError(f"Ukjent format «{format_}». Bruk tekst eller json.")
        dato = timezone.localdate()
        if uttrekksdato:
            try:
                dato = datetime.date.fromisoformat(uttrekksdato.strip())
            except ValueError:
                raise CommandError(
                    f"Ugyldig uttrekksdato «{uttrekksdato}». "
                    "Bruk formatet ÅÅÅÅ-MM-DD, f.eks. 2026-03-01."
                ) from None
        rapport = kontroller(katalog, dato)
        if format_ == "json":
            self.stdout.write(json.dumps(rapport.som_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(rapport.tekst(), ending="")
        if rapport.feilet:
            self.stdout.flush()
            sys.exit(1)
