"""Run a scheduled job by hand: `python manage.py kjor_jobb daglig|kvartal|maaned
[--dato ÅÅÅÅ-MM-DD]`. The date chooses the period (the day, its quarter or its month); by hand
the job runs even when the date is not the first working day. A finished period is not run
again: the command says so and only sends mail that is still unsent."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from journal import jobber


def _dato(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            f"Ugyldig dato «{text}». Skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-11-23."
        ) from error


class Command(BaseCommand):
    help = (
        "Kjører en planlagt jobb: daglig oversikt, kvartalsvise restanselister eller "
        "månedlig lederoversikt."
    )

    def add_arguments(self, parser):
        parser.add_argument("jobb", choices=sorted(jobber.JOBBER), help="Hvilken jobb.")
        parser.add_argument(
            "--dato",
            help="Dagen jobben kjøres for (ÅÅÅÅ-MM-DD). Standard: i dag. For kvartal og "
            "måned velger datoen perioden den ligger i.",
        )

    def handle(self, *args, jobb: str, dato: str | None = None, **options):
        dag = _dato(dato) if dato else timezone.localdate()
        resultat = jobber.JOBBER[jobb](dag)
        style = self.style.WARNING if resultat.sending.feilet else self.style.SUCCESS
        self.stdout.write(style(resultat.beskrivelse()))
        if resultat.sending.feilet:
            self.stdout.write(
                "Noen e-poster kunne ikke sendes (se Utsendinger i administrasjonen). "
                "Kjør kommandoen på nytt for å prøve igjen."
            )
