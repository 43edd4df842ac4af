"""Export the public journal of a period:

    python manage.py offentlig_journal --fra 2026-03-01 --til 2026-03-31 --format xml -o FIL

XML is Noark 5 offentligJournal.xml (validated against Arkivverket's schema), CSV is
semicolon-separated UTF-8 for spreadsheets, PDF is a printable list. `-o -` writes to
standard output. Nothing is written when the export is refused.
"""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from journal.offentlig import eksport
from saksarkiv.services import DomainError

from ..datoer import dato


class Command(BaseCommand):
    help = "Eksporterer offentlig journal for en periode som XML (Noark 5), CSV eller PDF."

    def add_arguments(self, parser):
        parser.add_argument("--fra", help="Første journaldato, ÅÅÅÅ-MM-DD.")
        parser.add_argument("--til", help="Siste journaldato (til og med), ÅÅÅÅ-MM-DD.")
        parser.add_argument("--format", dest="format_", help="xml, csv eller pdf.")
        parser.add_argument("-o", "--output", help="Filen som skal skrives; - for standard ut.")

    def handle(self, *args, fra=None, til=None, format_=None, output=None, **options):
        fra_dato, til_dato = dato(fra, "--fra"), dato(til, "--til")
        if til_dato < fra_dato:
            raise CommandError("--til kan ikke være før --fra.")
        format_ = (format_ or "").strip().lower()
        if format_ not in eksport.FORMATER:
            raise CommandError(
                f"Ukjent format «{format_}»: velg xml, csv eller pdf."
                if format_
                else "Oppgi --format: xml, csv eller pdf."
            )
        if not output:
            raise CommandError(
                "Oppgi filen som skal skrives med -o FIL (eller -o - for standard ut)."
            )
        if output != "-":
            mappe = Path(output).expanduser().resolve().parent
            if not mappe.is_dir():
                raise CommandError(f"Mappen {mappe} finnes ikke.")
        try:
            data = eksport.lag_eksport(format_, fra_dato, til_dato)
        except DomainError as error:
            raise CommandError(error.message) from None
        if output == "-":
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
            return
        try:
            Path(output).expanduser().write_bytes(data)
        except OSError as error:
            raise CommandError(f"Kunne ikke skrive {output}: {error.strerror}.") from None
        if options["verbosity"] > 0:
            self.stderr.write(f"Skrev {len(data)} byte til {output}.")
