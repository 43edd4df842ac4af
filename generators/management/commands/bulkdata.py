from django.core.management.base import BaseCommand, CommandError

from generators.journal import bulk


class Command(BaseCommand):
    help = (
        "Lager en hel kommune med N journalposter for ytelsestester (PostgreSQL, COPY). "
        "Bruk en egen database, se bench/README.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--journalposter",
            type=int,
            required=True,
            help="Hvor mange journalposter (om lag én sak per fem poster).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Frø for tilfeldighetene (standard 2026)."
        )
        parser.add_argument(
            "--tom",
            action="store_true",
            help=(
                "Tøm journal- og organisasjonstabellene (og alt som peker på dem, også "
                "endringsloggen) først. Bare med DJANGO_DEBUG=1 i en database som heter *_bench."
            ),
        )
        parser.add_argument(
            "--ja-slett-alt",
            action="store_true",
            help="Tillat --tom i en database som ikke heter *_bench. Alt i den slettes.",
        )

    def handle(self, *args, **options):
        log = self.stdout.write if options["verbosity"] > 0 else (lambda message: None)
        try:
            result = bulk.generer(
                options["journalposter"],
                seed=options["seed"],
                tom=options["tom"],
                ja_slett_alt=options["ja_slett_alt"],
                log=log,
            )
        except bulk.BulkdataError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 0:
            for table, count in result["rader"].items():
                self.stdout.write(f"  {table:<32} {count:>10,}")
            t = result["tider"]
            self.stdout.write(
                self.style.SUCCESS(
                    f"Bulkdata klar på {t['totalt']:.0f} s (innlasting {t['innlasting']:.0f} s, "
                    f"indekser {t['indekser']:.0f} s, analyse {t['analyse']:.0f} s)."
                )
            )
