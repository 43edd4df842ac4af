from django.core.management.base import BaseCommand

from saksarkiv import demo


class Command(BaseCommand):
    help = "Lager demodata for Fjordvik kommune (trygt å kjøre flere ganger)."

    def handle(self, *args, **options):
        verbose = options["verbosity"] > 1
        created = demo.load(log=self.stdout.write if verbose else (lambda m: None))
        summary = ", ".join(f"{n} {kind}" for kind, n in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demodata klar (nye: {summary})."))
        if options["verbosity"] > 0:
            self.stdout.write(f"\nDemobrukere (passord for alle: «{demo.DEMO_PASSORD}»):")
            for username, name, what in demo.demo_logins():
                self.stdout.write(f"  {username:<15} {name:<16} {what}")
