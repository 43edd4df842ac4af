"""The arkivuttrekk ordered from the archive's page (issue 20, item 3): ordering a run and
moving it through its statuses. The run itself — the export and the checker — is
journal/uttrekk/jobb.py, queued as the Celery task `journal.tasks.lag_arkivuttrekk`.

Statuses, each change compare-and-set on the row (STYLE.md §2):

    venter → kjorer   the task takes the run (a second delivery of the task finds it taken)
    kjorer → ferdig   the package is written and checked (the checker's verdict stored)
    kjorer → feilet   the export refused or failed (its message stored)

At most one run waits or runs at a time: `bestill` refuses a second, and a partial unique
index is the backstop when two orders race.

Progress is written while the export holds its read-only snapshot (PostgreSQL REPEATABLE READ
READ ONLY, journal/offentlig/eksport.py): those writes go through a connection of their own,
committed at once, so the page sees them while the run goes on.
"""

import datetime
import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, connections, transaction
from django.utils import timezone

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import AKTIVE_UTTREKK, Arkivuttrekk
from ..models import Uttrekksstatus as S
from . import tillatelser

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds); a new step is written at once.
FREMDRIFT_INTERVALL = 2.0
STEG = {
    "start": "Teller journalposter",
    "arkivstruktur": "Skriver arkivstruktur.xml",
    "loependeJournal": "Skriver loependeJournal.xml",
    "offentligJournal": "Skriver offentligJournal.xml",
    "endringslogg": "Skriver endringslogg.xml",
    "validering": "Validerer filene mot skjemaene",
    "ferdig": "Uttrekket er skrevet",
    "kontroll": "Kontrollerer uttrekket",
}
OPPTATT = (
    "Et arkivuttrekk venter eller kjører allerede. Vent til det er ferdig før du bestiller et nytt."
)


class UttrekkOpptatt(DomainError):
    status = 409


def katalog_for(kjoring: Arkivuttrekk) -> Path:
    """Where the run's package is written: one new directory per run."""
    return Path(settings.SAKSARKIV_UTTREKK_DIR) / (
        f"arkivuttrekk-{kjoring.pk}-{kjoring.fra:%Y%m%d}-{kjoring.til:%Y%m%d}"
    )


def _ko(pk: int) -> None:
    from ..tasks import lag_arkivuttrekk

    try:
        lag_arkivuttrekk.delay(pk)
    except Exception:  # noqa: BLE001 - any broker error: the run is marked failed, not lost
        logger.exception("Kunne ikke legge arkivuttrekk %s i køen", pk)
        feilet(pk, "Jobben kunne ikke legges i køen. Prøv igjen senere.", fra=S.VENTER)


def sjekk_periode(fra: datetime.date, til: datetime.date) -> None:
    """The period of an extraction: in order, and over (nothing after today)."""
    if til < fra:
        raise DomainError("Til-datoen kan ikke være før fra-datoen.", field="til")
    if til > timezone.localdate():
        raise DomainError(
            "Til-datoen kan ikke være etter i dag: en periode som ikke er over, kan ikke "
            "avleveres.",
            field="til",
        )


def bestill(actor, fra: datetime.date, til: datetime.date) -> Arkivuttrekk:
    """Order the arkivuttrekk of the cases closed from `fra` to `til`: the run row, queued
    once the order is committed."""
    tillatelser.bruker(actor).krev("arkivuttrekk")
    sjekk_periode(fra, til)
    with transaction.atomic():
        if Arkivuttrekk.objects.filter(status__in=AKTIVE_UTTREKK).exists():
            raise UttrekkOpptatt(OPPTATT)
        try:
            with transaction.atomic():
                kjoring = Arkivuttrekk.objects.create(bestilt_av=actor, fra=fra, til=til)
        except IntegrityError:  # another order won the race (the partial unique index)
            raise UttrekkOpptatt(OPPTATT) from None
        audit.record_created(actor, kjoring, "bestilt")
        pk = kjoring.pk
        transaction.on_commit(lambda: _ko(pk))
    return kjoring


def start(pk: int) -> Arkivuttrekk | None:
    """venter → kjorer; None when the run is not waiting (taken already: safe to run twice)."""
    with transaction.atomic():
        tatt = Arkivuttrekk.objects.filter(pk=pk, status=S.VENTER).update(
            status=S.KJORER, startet=timezone.now(), steg=STEG["start"]
        )
        if not tatt:
            return None
        kjoring = Arkivuttrekk.objects.get(pk=pk)
        audit.record(
            None, kjoring, "startet", endringer={"status": {"for": S.VENTER, "etter": S.KJORER}}
        )
    return kjoring


class Fremdrift:
    """The progress callback for `lag_uttrekk(…, fremdrift)`: (step, posts done so far).

    Writes the run's step and count at most every FREMDRIFT_INTERVALL seconds, and at once
    when the step changes. When the run started outside a transaction on PostgreSQL the
    export reads inside a read-only snapshot, so the writes go through a connection of their
    own (autocommit); otherwise (SQLite, or a caller's transaction) through the default one.
    """

    def __init__(self, kjoring: Arkivuttrekk, klokke=time.monotonic):
        self.pk = kjoring.pk
        self.klokke = klokke
        self.sist = None
        self.steg = None
        self.antall = 0
        self.egen = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.egen = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, steg: str, antall: int) -> None:
        self.antall = max(self.antall, antall)
        naa = self.klokke()
        if steg == self.steg and self.sist is not None and naa - self.sist < FREMDRIFT_INTERVALL:
            return
        self.sist, self.steg = naa, steg
        self.skriv(STEG.get(steg, steg), self.antall)

    def skriv(self, tekst: str, antall: int, totalt: int | None = None) -> None:
        verdier = {"steg": tekst[:100], "antall_ferdig": antall}
        if totalt is not None:
            verdier["antall_totalt"] = totalt
        if self.egen is None:
            Arkivuttrekk.objects.filter(pk=self.pk, status=S.KJORER).update(**verdier)
            return
        felt = [Arkivuttrekk._meta.get_field(navn).column for navn in verdier]
        sett = ", ".join(f"{self.egen.ops.quote_name(f)} = %s" for f in felt)
        tabell = self.egen.ops.quote_name(Arkivuttrekk._meta.db_table)
        with self.egen.cursor() as cursor:
            cursor.execute(
                f"UPDATE {tabell} SET {sett} WHERE id = %s AND status = %s",  # noqa: S608 - names from the model
                [*verdier.values(), self.pk, S.KJORER],
            )

    def lukk(self) -> None:
        if self.egen is not None:
            self.egen.close()


def fullfor(pk: int, katalog: Path, antall: int, kontroll_feilet: bool, rapport: str) -> None:
    """kjorer → ferdig, with where the package is and the checker's verdict."""
    with transaction.atomic():
        endret = Arkivuttrekk.objects.filter(pk=pk, status=S.KJORER).update(
            status=S.FERDIG,
            ferdig=timezone.now(),
            steg=STEG["ferdig"],
            antall_ferdig=antall,
            katalog=str(katalog),
            kontroll_feilet=kontroll_feilet,
            kontroll_rapport=rapport,
        )
        if not endret:
            return
        audit.record(
            None,
            Arkivuttrekk.objects.get(pk=pk),
            "ferdig",
            endringer={"status": {"for": S.KJORER, "etter": S.FERDIG}},
            beskrivelse="Kontrollen fant avvik."
            if kontroll_feilet
            else "Kontrollen fant ingen avvik.",
        )


def feilet(pk: int, melding: str, fra: str = S.KJORER) -> None:
    """kjorer (or venter, when it could not be queued) → feilet, with the message."""
    with transaction.atomic():
        endret = Arkivuttrekk.objects.filter(pk=pk, status=fra).update(
            status=S.FEILET, ferdig=timezone.now(), feilmelding=melding
        )
        if not endret:
            return
        audit.record(
            None,
            Arkivuttrekk.objects.get(pk=pk),
            "feilet",
            endringer={"status": {"for": fra, "etter": S.FEILET}},
            beskrivelse=melding,
        )
