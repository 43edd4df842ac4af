"""Celery tasks for the journal's scheduled jobs (STYLE.md §5). Each takes a date (ISO
string, or none for today in Oslo), calls the job body in `journal.jobber` and is safe to
run twice. The beat schedule is in settings.CELERY_BEAT_SCHEDULE.

The quarterly and monthly tasks fire every morning and decide themselves whether to run:
"the first working day of the quarter" cannot be written as a crontab (holidays move it).
They also run in the few days after it, so a worker that was down catches up; the claimed
period makes those later runs no-ops.

A run where some e-mails could not be sent raises `JobbUferdig`; Celery retries it, and the
rerun sends only what is still unsent.
"""

import datetime

from celery import shared_task
from django.utils import timezone
from django.utils.module_loading import import_string

from saksarkiv import workdays
from saksarkiv.jobber import JobbUferdig, Kjoreresultat
from saksarkiv.request_id import set_request_id

from . import jobber
from .services import arkivkopi

RETRY = {"autoretry_for": (JobbUferdig,), "retry_backoff": 300, "max_retries": 5}


def _dag(dato: str | None) -> datetime.date:
    return datetime.date.fromisoformat(dato) if dato else timezone.localdate()


def _ferdig(resultat: Kjoreresultat) -> str:
    if resultat.sending.feilet:
        raise JobbUferdig(resultat.beskrivelse())
    return resultat.beskrivelse()


@shared_task(name="journal.tasks.daglig_sammendrag", bind=True, **RETRY)
def daglig_sammendrag(self, dato: str | None = None) -> str:
    """The daily digest. Without a date: today, on working days only."""
    set_request_id(f"celery-{self.request.id or 'lokal'}")
    dag = _dag(dato)
    if dato is None and not workdays.is_working_day(dag):
        return f"{dag:%d.%m.%Y} er ingen arbeidsdag: ingen oversikt."
    return _ferdig(jobber.daglig(dag))


@shared_task(name="journal.tasks.kvartalsvise_restanselister", bind=True, **RETRY)
def kvartalsvise_restanselister(self, dato: str | None = None) -> str:
    """The quarterly restanse lists, on the first working day of Jan/Apr/Jul/Oct."""
    set_request_id(f"celery-{self.request.id or 'lokal'}")
    dag = _dag(dato)
    if dato is None and not jobber.i_startvindu(dag, jobber.forste_arbeidsdag_i_kvartal(dag)):
        return "Ikke starten av et kvartal."
    return _ferdig(jobber.kvartalsvis(dag))


@shared_task(name="journal.tasks.maanedlig_lederoversikt", bind=True, **RETRY)
def maanedlig_lederoversikt(self, dato: str | None = None) -> str:
    """The monthly overview to leaders, on the first working day of the month."""
    set_request_id(f"celery-{self.request.id or 'lokal'}")
    dag = _dag(dato)
    if dato is None and not jobber.i_startvindu(dag, jobber.forste_arbeidsdag_i_maaned(dag)):
        return "Ikke starten av en måned."
    return _ferdig(jobber.maanedlig(dag))


@shared_task(name="journal.tasks.lag_arkivkopi", bind=True)
def lag_arkivkopi(self, dokument_id: int) -> str:
    """The PDF/A archival copy of one document, queued when it is uploaded. A failure is
    kept on the document (status «feilet») and retried by `konverter_ventende_arkivkopier`."""
    set_request_id(f"celery-{self.request.id or 'lokal'}")
    return arkivkopi.konverter(dokument_id) or "Ingenting å gjøre."


@shared_task(name="journal.tasks.konverter_ventende_arkivkopier", bind=True)
def konverter_ventende_arkivkopier(self) -> str:
    """Every morning: convert documents still waiting and retry failed ones (each up to
    settings.ARKIVKOPI_MAKS_FORSOK attempts), one at a time in this run."""
    set_request_id(f"celery-{self.request.id or 'lokal'}")
    utfall = [arkivkopi.konverter(pk) for pk in arkivkopi.konverter_aapne()]
    konvertert = sum(1 for u in utfall if u and u != "feilet")
    feilet = utfall.count("feilet")
    return f"{konvertert} arkivkopier laget, {feilet} feilet."


# The run's body sits above the journal core (journal/uttrekk/jobb.py reads the public
# journal); core services import this module, so it is found by name, not imported.
KJOR_ARKIVUTTREKK = "journal.uttrekk.jobb.kjor"


@shared_task(name="journal.tasks.lag_arkivuttrekk", bind=True)
def lag_arkivuttrekk(self, uttrekk_id: int) -> str:
    """One arkivuttrekk ordered from the archive's page (journal/services/uttrekk.py): the
    export with progress, then the checker. A second delivery finds the run taken."""
    set_request_id(f"celery-{self.request.id or 'lokal'}")
    return import_string(KJOR_ARKIVUTTREKK)(uttrekk_id)
