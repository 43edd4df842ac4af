"""Scheduled jobs that are safe to run twice (STYLE.md §5): a claimed (job, period) row and
an outbox for e-mail.

A job body runs through `kjor(jobb, periode, arbeid)`:

1. **Claim.** `Jobbkjoring(jobb, periode)` is fetched or created in its own transaction
   (unique constraint). A period already marked `fullfort` is not worked on again: a rerun
   of a finished period stores and queues nothing.
2. **Work.** The body stores its results under unique keys (reports per unit, outbox rows
   per recipient) and may crash half-way: whatever it committed stays, and a rerun fills
   only the gaps because every write is «create if missing».
3. **Done.** The run is marked `fullfort` with the body's counts.
4. **Send.** The outbox rows of the period that are not sent yet are sent one by one. Each
   row is locked (`SELECT … FOR UPDATE SKIP LOCKED`), sent and marked sent in one short
   transaction, so two senders never take the same row. A crash *between* the SMTP server
   accepting a mail and the commit of its «sent» mark can send that one mail again on the
   rerun; nothing else can be sent twice.

A mail that fails (SMTP refused, bad address) is left unsent with its error and attempt
count; `kjor` reports it and the Celery task retries later. After `MAKS_FORSOK` attempts a
row is given up (it stays in the admin with its error).
"""

import heapq
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import Jobbkjoring, Utsending

logger = logging.getLogger(__name__)

MAKS_FORSOK = 5
BATCH = 500


class JobbUferdig(Exception):
    """Some of a run's e-mails could not be sent; a rerun sends the rest."""


@dataclass(frozen=True)
class Epost:
    """A mail to queue. `nokkel` must identify it within its job and period."""

    nokkel: str
    til: str
    emne: str
    tekst: str
    html: str = ""
    mottaker_id: int | None = None


@dataclass
class Sending:
    sendt: int = 0
    feilet: int = 0


@dataclass
class Kjoreresultat:
    jobb: str
    periode: str
    allerede_fullfort: bool
    resultat: dict = field(default_factory=dict)
    sending: Sending = field(default_factory=Sending)

    def beskrivelse(self) -> str:
        """One line for the command and the log (Norwegian: archive staff read it)."""
        if self.allerede_fullfort:
            hva = f"{self.jobb} {self.periode}: allerede fullført, ingenting nytt lagret"
        else:
            deler = ", ".join(f"{navn} {antall}" for navn, antall in self.resultat.items())
            hva = f"{self.jobb} {self.periode}: fullført ({deler or 'ingenting å gjøre'})"
        return (
            f"{hva}; e-post sendt {self.sending.sendt}"
            + (f", feilet {self.sending.feilet}" if self.sending.feilet else "")
            + "."
        )


class Topp:
    """The k smallest (or largest) keys seen, without keeping the rest: a job that streams
    many rows keeps only what a mail shows. Keys are tuples of ints and must be unique (end
    them with the primary key)."""

    def __init__(self, k: int, storst: bool = False):
        self.k, self.sign, self.heap = k, 1 if storst else -1, []

    def legg_til(self, key: tuple[int, ...], verdi) -> None:
        item = (tuple(self.sign * x for x in key), verdi)
        if len(self.heap) < self.k:
            heapq.heappush(self.heap, item)
        elif item > self.heap[0]:
            heapq.heapreplace(self.heap, item)

    def verdier(self) -> list:
        """The kept values, smallest (or largest) key first."""
        return [verdi for _key, verdi in sorted(self.heap, reverse=True)]


def nokkelprefiks(jobb: str, periode: str) -> str:
    return f"{jobb}:{periode}:"


def krev(jobb: str, periode: str) -> tuple[Jobbkjoring, bool]:
    """Claim the period: (the run row, was it already finished?)."""
    with transaction.atomic():
        kjoring, _created = Jobbkjoring.objects.get_or_create(jobb=jobb, periode=periode)
        Jobbkjoring.objects.filter(pk=kjoring.pk).update(forsok=F("forsok") + 1)
    return kjoring, kjoring.fullfort is not None


def fullfor(kjoring: Jobbkjoring, resultat: dict) -> None:
    Jobbkjoring.objects.filter(pk=kjoring.pk).update(fullfort=timezone.now(), resultat=resultat)


def legg_i_utboks(eposter: Iterable[Epost], batch: int | None = None) -> int:
    """Queue mails, `batch` (default BATCH) at a time, each batch committed on its own; a
    key already in the outbox is left as it is. Returns how many were new."""
    batch = batch or BATCH
    nye = 0
    buffer: list[Epost] = []

    def flush():
        nonlocal nye
        keys = [e.nokkel for e in buffer]
        finnes = set(Utsending.objects.filter(nokkel__in=keys).values_list("nokkel", flat=True))
        rows = [
            Utsending(
                nokkel=e.nokkel,
                mottaker_id=e.mottaker_id,
                til=e.til,
                emne=e.emne[:200],
                tekst=e.tekst,
                html=e.html,
            )
            for e in buffer
            if e.nokkel not in finnes
        ]
        # ignore_conflicts: a concurrent run that queued the same key first wins.
        Utsending.objects.bulk_create(rows, ignore_conflicts=True)
        nye += len(rows)
        buffer.clear()

    for epost in eposter:
        buffer.append(epost)
        if len(buffer) >= batch:
            flush()
    if buffer:
        flush()
    return nye


def _send_en(utsending: Utsending, connection) -> None:
    """Hand one mail to the mail backend (raises on failure)."""
    message = EmailMultiAlternatives(
        subject=utsending.emne,
        body=utsending.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[utsending.til],
        connection=connection,
        headers={"X-Saksarkiv-Nokkel": utsending.nokkel},
    )
    if utsending.html:
        message.attach_alternative(utsending.html, "text/html")
    message.send()


def send_utsendinger(prefiks: str = "") -> Sending:
    """Send the unsent outbox rows whose key starts with `prefiks`, one at a time."""
    resultat = Sending()
    ids = list(
        Utsending.objects.filter(
            sendt__isnull=True, forsok__lt=MAKS_FORSOK, nokkel__startswith=prefiks
        )
        .order_by("id")
        .values_list("id", flat=True)
    )
    if not ids:
        return resultat
    connection = get_connection()
    connection.open()
    try:
        for pk in ids:
            with transaction.atomic():
                row = (
                    Utsending.objects.select_for_update(skip_locked=True)
                    .filter(pk=pk, sendt__isnull=True)
                    .first()
                )
                if row is None:  # sent meanwhile, or another sender holds it
                    continue
                row.forsok += 1
                try:
                    _send_en(row, connection)
                except Exception as error:  # any backend failure concerns this mail only
                    logger.warning("E-post %s kunne ikke sendes: %s", row.nokkel, error)
                    row.feil = f"{type(error).__name__}: {error}"[:500]
                    row.save(update_fields=["forsok", "feil"])
                    resultat.feilet += 1
                    continue
                row.sendt = timezone.now()
                row.feil = ""
                row.save(update_fields=["forsok", "sendt", "feil"])
                resultat.sendt += 1
    finally:
        connection.close()
    return resultat


def kjor(jobb: str, periode: str, arbeid: Callable[[], dict]) -> Kjoreresultat:
    """Run `arbeid` for the period unless it is finished, then send what it queued."""
    kjoring, ferdig = krev(jobb, periode)
    resultat = Kjoreresultat(jobb, periode, allerede_fullfort=ferdig)
    if not ferdig:
        resultat.resultat = arbeid()
        fullfor(kjoring, resultat.resultat)
    resultat.sending = send_utsendinger(nokkelprefiks(jobb, periode))
    logger.info(resultat.beskrivelse())
    return resultat
