"""Write the Noark 5 arkivuttrekk of the cases closed in a period:

    python manage.py arkivuttrekk --fra 2026-01-01 --til 2026-12-31 -o DIR

DIR must be new or empty. The package (arkivstruktur.xml, loependeJournal.xml,
offentligJournal.xml, endringslogg.xml, arkivuttrekk.xml, the schemas and DOKUMENT/) is built
beside it and renamed into place only when every file validates; nothing is left on refusal.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from journal.uttrekk import eksport
from saksarkiv.services import DomainError

from ..datoer import dato


class Command(BaseCommand):
    help = "Lager Noark 5-arkivuttrekk av sakene som ble avsluttet i en periode."

    def add_arguments(self, parser):
        parser.add_argument("--fra", help="Første avslutningsdato, ÅÅÅÅ-MM-DD.")
        parser.add_argument("--til", help="Siste avslutningsdato (til og med), ÅÅÅÅ-MM-DD.")
        parser.add_argument("-o", "--output", help="Ny eller tom katalog for uttrekket.")

    def handle(self, *args, fra=None, til=None, output=None, **options):
        fra_dato, til_dato = dato(fra, "--fra"), dato(til, "--til")
        if til_dato < fra_dato:
            raise CommandError("--til kan ikke være før --fra.")
        if not output:
            raise CommandError("Oppgi katalogen uttrekket skal skrives til med -o KATALOG.")
        katalog = Path(output).expanduser().resolve()
        if not katalog.parent.is_dir():
            raise CommandError(f"Mappen {katalog.parent} finnes ikke.")
        verbosity = options.get("verbosity", 1)

        def fremdrift(steg: str, antall: int) -> None:
            if verbosity >= 2:
                self.stderr.write(f"{steg}: {antall} journalposter")

        try:
            res = eksport.lag_uttrekk(fra_dato, til_dato, katalog, fremdrift)
        except DomainError as exc:
            raise CommandError(str(exc)) from None
        if verbosity:
            self.stdout.write(
                f"Arkivuttrekk skrevet til {res.katalog}: {res.saksmapper} saksmapper, "
                f"{res.antall['moetemappe']} møtemapper, {res.journalposter} journalposter, "
                f"{res.antall['dokumentfiler']} dokumentfiler, "
                f"{res.antall['endring']} endringer."
            )
