import time

from django.core.management.base import BaseCommand
from django.db import connection

from generators import protokoller
from generators import saksarkiv as demo
from generators import utvalg as utvalg_demo
from generators import verksemdsplan as verksemdsplan_demo
from generators.journal import demo as journal_demo


class Command(BaseCommand):
    help = "Lager demodata for Fjordvik kommune (trygt å kjøre flere ganger)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--saker",
            type=int,
            default=3000,
            help="Omtrent hvor mange saker demojournalen får (med om lag fire journalposter "
            "per sak); 0 hopper over journalen. Standard: 3000.",
        )

    def handle(self, *args, **options):
        quiet = lambda message: None  # noqa: E731
        started = time.perf_counter()
        created = demo.load(log=self.stdout.write if options["verbosity"] > 1 else quiet)
        created |= utvalg_demo.load(log=self.stdout.write if options["verbosity"] > 1 else quiet)
        created |= utvalg_demo.ensure_maler()
        created |= utvalg_demo.ensure_moter()
        journal_log = self.stdout.write if options["verbosity"] > 0 else quiet
        for kind, n in journal_demo.load(saker=options["saker"], log=journal_log).items():
            created[kind] = created.get(kind, 0) + n
        if options["saker"]:
            created |= utvalg_demo.ensure_koer(log=journal_log)
            created |= protokoller.ensure_holdte_moter(log=journal_log)
            created |= utvalg_demo.ensure_sakskart(log=journal_log)
        # After the decisions: one or two of their follow-ups become assignments.
        created |= verksemdsplan_demo.load(
            log=self.stdout.write if options["verbosity"] > 1 else quiet
        )
        if connection.vendor == "postgresql":
            # Fresh tables have no planner statistics until autovacuum gets to them (and a
            # server may run without it): without them the first logins plan badly.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summary = ", ".join(f"{n} {kind}" for kind, n in created.items())
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Demodata klar på {seconds:.0f} s (nye: {summary})."))
        if options["verbosity"] > 0:
            self.stdout.write(f"\nDemobrukere (passord for alle: «{demo.DEMO_PASSORD}»):")
            for username, name, what in demo.demo_logins():
                self.stdout.write(f"  {username:<15} {name:<16} {what}")
