"""Import a Noark 5 v5.0 arkivuttrekk (an old system's archive after a merger, seed 002):

    python manage.py importer_uttrekk DIR [--arkivdel NAVN] [--kontroll] [--uten-moeter]

Checks the whole extraction first and prints the report; refuses (exit status 1, nothing
imported) when anything cannot be taken in. `--kontroll` only checks. After the import the
documents' text is read for search, and the daily job makes the archival copies still missing.
"""

import sys

from django.core.management.base import BaseCommand

from journal.services import dokumenttekst
from journal.uttrekk.innlesing import Avvist, les_inn


class Command(BaseCommand):
    help = "Leser inn et Noark 5-arkivuttrekk (saker, journalposter, dokumenter og historikk)."

    def add_arguments(self, parser):
        parser.add_argument("katalog", help="Katalogen med uttrekket (arkivstruktur.xml m.m.).")
        parser.add_argument(
            "--arkivdel",
            help="Legg alle sakene i denne arkivdelen (f.eks. GAMMEL-KOMMUNE) i stedet for "
            "arkivdelene uttrekket oppgir.",
        )
        parser.add_argument(
            "--kontroll",
            action="store_true",
            help="Bare kontroller om uttrekket kan leses inn; les ikke inn noe.",
        )

        parser.add_argument(
            "--uten-moeter",
            action="store_true",
            help="Les inn sakene og la møtemappene (moetemappe) ligge igjen i uttrekket; de "
            "telles i rapporten.",
        )

    def handle(self, *args, katalog, arkivdel=None, kontroll=False, uten_moeter=False, **options):
        try:
            rapport = les_inn(
                katalog, arkivdel=arkivdel, kun_kontroll=kontroll, uten_moeter=uten_moeter
            )
        except Avvist as avvist:
            self.stdout.write(avvist.rapport.tekst(), ending="")
            self.stdout.flush()
            sys.exit(1)
        self.stdout.write(rapport.tekst(), ending="")
        if rapport.importert:
            antall = dokumenttekst.fyll_manglende()
            self.stdout.write(f"Leste teksten i {antall} dokumenter for søk.")
