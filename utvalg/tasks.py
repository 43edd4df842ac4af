"""Celery tasks of the committees: the members' notices about moved or cancelled meetings
(utvalg/moteplan.py queues them in the outbox; this sends them, and a retry sends only what
is still unsent)."""

from celery import shared_task

from saksarkiv.jobber import JobbUferdig, send_utsendinger


@shared_task(
    name="utvalg.tasks.send_motevarsler",
    autoretry_for=(JobbUferdig,),
    retry_backoff=60,
    max_retries=5,
)
def send_motevarsler(prefiks: str) -> str:
    sending = send_utsendinger(prefiks)
    if sending.feilet:
        raise JobbUferdig(f"{sending.feilet} møtevarsler kunne ikke sendes")
    return f"{sending.sendt} møtevarsler sendt"
