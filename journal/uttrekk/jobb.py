"""The body of the Celery task `journal.tasks.lag_arkivuttrekk` (issue 20, item 3): one run
ordered from the archive's page (journal/services/uttrekk.py) — the export with its progress
written to the run, then the checker over the package, its verdict stored on the run.

It lives beside the exporter, above the journal core (it reads the public journal through
eksport.py); journal/tasks.py therefore finds it by name (`KJOR`), so that the core services
that import the tasks module do not import the public journal."""

import logging

from django.utils import timezone

from saksarkiv.services import DomainError

from ..services import uttrekk as tjeneste
from . import eksport, journaler
from .kontroll import kontroller

logger = logging.getLogger(__name__)


def kjor(pk: int) -> str:
    """Run the waiting arkivuttrekk `pk`; a run already taken is left alone."""
    kjoring = tjeneste.start(pk)
    if kjoring is None:
        return f"Arkivuttrekk {pk} venter ikke: ingenting å gjøre."
    fremdrift = tjeneste.Fremdrift(kjoring)
    try:
        totalt = journaler.journalposter(kjoring.fra, kjoring.til).count()
        fremdrift.skriv(tjeneste.STEG["start"], 0, totalt)
        katalog = tjeneste.katalog_for(kjoring)
        katalog.parent.mkdir(parents=True, exist_ok=True)
        resultat = eksport.lag_uttrekk(kjoring.fra, kjoring.til, katalog, fremdrift)
        fremdrift.skriv(tjeneste.STEG["kontroll"], resultat.journalposter)
        rapport = kontroller(resultat.katalog, timezone.localdate())
    except DomainError as feil:
        tjeneste.feilet(pk, feil.message)
        return f"Arkivuttrekk {pk} ble avvist: {feil.message}"
    except Exception as feil:  # noqa: BLE001 - any failure is kept on the run, for archive
        logger.exception("Arkivuttrekk %s feilet", pk)
        tjeneste.feilet(pk, f"Uttrekket feilet: {type(feil).__name__}: {feil}"[:2000])
        return f"Arkivuttrekk {pk} feilet."
    finally:
        fremdrift.lukk()
    tjeneste.fullfor(pk, resultat.katalog, resultat.journalposter, rapport.feilet, rapport.tekst())
    return f"Arkivuttrekk {pk} ferdig: {resultat.journalposter} journalposter."
