"""The meeting plan (issue 17, item 2): meetings per committee and year with date, time and
place, kept current by the meeting secretaries. A year's plan is copied to the next on the
same week and weekday (the next working day when that is a holiday). Moving or cancelling
a meeting tells its members by e-mail through the outbox (saksarkiv.jobber), sent by a
Celery task after the change is committed. The mails carry the committee, the time and
the place and a link — never a case title (seed 001: nothing exempt in e-mail).
"""

import datetime
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse

from saksarkiv import audit
from saksarkiv.jobber import Epost, legg_i_utboks
from saksarkiv.services import DomainError
from saksarkiv.workdays import first_working_day_on_or_after

from . import tillatelser as regler
from .models import Medlem, Mote, Motestatus, Utvalg

logger = logging.getLogger(__name__)
PREFIKS = "mote:"
AVSLUTTET = (Motestatus.GJENNOMFORT, Motestatus.PROTOKOLL_GODKJENT, Motestatus.AVLYST)


def _krev(actor, utvalg: Utvalg) -> None:
    regler.utvalg(actor, utvalg).krev("moter")


def _sted(sted: str) -> str:
    sted = (sted or "").strip()
    if not sted:
        raise DomainError("Skriv hvor møtet holdes.", field="sted")
    return sted


def _opprett(utvalg, dato, klokkeslett, sted) -> Mote:
    try:
        with transaction.atomic():
            return Mote.objects.create(utvalg=utvalg, dato=dato, klokkeslett=klokkeslett, sted=sted)
    except IntegrityError as error:
        raise DomainError(
            "Utvalget har allerede et møte på dette tidspunktet.", field="dato"
        ) from error


@transaction.atomic
def planlegg_mote(actor, utvalg: Utvalg, *, dato, klokkeslett, sted) -> Mote:
    utvalg = Utvalg.objects.select_for_update().get(pk=utvalg.pk)
    _krev(actor, utvalg)
    mote = _opprett(utvalg, dato, klokkeslett, _sted(sted))
    audit.record_created(actor, mote)
    return mote


def _mottakere(mote: Mote):
    """Everyone seated on the meeting day, substitutes included, who has an e-mail address."""
    seter = Medlem.objects.gyldige(mote.dato).filter(utvalg=mote.utvalg_id)
    return (
        seter.exclude(person__email="")
        .select_related("person")
        .order_by("person_id")
        .distinct("person_id")
    )


def _varsle(mote: Mote, hva: str, foer: dict | None) -> int:
    """Queue one mail per member about the change (`hva`: flyttet/avlyst); sent after
    commit by a Celery task."""
    mote.endringer += 1
    mote.save(update_fields=["endringer"])
    lenke = settings.SAKSARKIV_BASE_URL.rstrip("/") + reverse("utvalg:mote", args=[mote.pk])
    context = {"mote": mote, "hva": hva, "foer": foer, "lenke": lenke,
               "kommune": settings.SAKSARKIV_KOMMUNE}  # fmt: skip
    emne = f"{mote.utvalg.navn}: møtet {mote.dato:%d.%m.%Y} er {hva}"
    tekst = render_to_string("utvalg/epost_mote.txt", context)
    eposter = [
        Epost(
            nokkel=f"{PREFIKS}{mote.pk}:{mote.endringer}:{medlem.person_id}",
            til=medlem.person.email,
            emne=emne,
            tekst=tekst,
            mottaker_id=medlem.person_id,
        )
        for medlem in _mottakere(mote)
    ]
    antall = legg_i_utboks(eposter)
    send_etter_commit(f"{PREFIKS}{mote.pk}:{mote.endringer}:")
    return antall


def send_etter_commit(prefiks: str) -> None:
    """Hand the outbox mails under `prefiks` to the worker once the change is committed
    (the meeting plan, the notices, absence and substitutes). When the broker cannot be
    reached the change stands and the mails wait in the outbox for the next run (logged)."""

    def send() -> None:
        from .tasks import send_motevarsler

        try:
            send_motevarsler.delay(prefiks)
        except Exception:  # any broker error: the change is saved, the outbox keeps the mails
            logger.exception("Kunne ikke legge varsler %s i køen", prefiks)

    transaction.on_commit(send)


@transaction.atomic
def endre_mote(actor, mote: Mote, *, dato, klokkeslett, sted, merknad: str = "") -> Mote:
    """Change a coming meeting's time or place; its members are told when it moved."""
    mote = Mote.objects.select_for_update().select_related("utvalg").get(pk=mote.pk)
    _krev(actor, mote.utvalg)
    if mote.status in AVSLUTTET:
        raise DomainError(f"Møtet er {mote.get_status_display().lower()} og kan ikke endres.")
    foer = {"dato": mote.dato, "klokkeslett": mote.klokkeslett, "sted": mote.sted}
    mote.dato, mote.klokkeslett, mote.sted = dato, klokkeslett, _sted(sted)
    if foer == {"dato": dato, "klokkeslett": klokkeslett, "sted": mote.sted}:
        return mote
    mote.merknad = (merknad or "").strip()
    try:
        with transaction.atomic():
            mote.save()
    except IntegrityError as error:
        raise DomainError(
            "Utvalget har allerede et møte på dette tidspunktet.", field="dato"
        ) from error
    audit.record(actor, mote, "møte flyttet", endringer={
        k: {"for": str(v), "etter": str(getattr(mote, k))} for k, v in foer.items()
        if v != getattr(mote, k)
    }, beskrivelse=mote.merknad)  # fmt: skip
    _varsle(mote, "flyttet", foer)
    return mote


@transaction.atomic
def avlys_mote(actor, mote: Mote, *, merknad: str) -> Mote:
    mote = Mote.objects.select_for_update().select_related("utvalg").get(pk=mote.pk)
    _krev(actor, mote.utvalg)
    if mote.status in AVSLUTTET:
        raise DomainError(f"Møtet er {mote.get_status_display().lower()}.")
    if not (merknad or "").strip():
        raise DomainError("Skriv hvorfor møtet avlyses.", field="merknad")
    foer = mote.status
    mote.status, mote.merknad = Motestatus.AVLYST, merknad.strip()
    mote.save(update_fields=["status", "merknad"])
    audit.record(actor, mote, "møte avlyst", endringer={
        "status": {"for": foer, "etter": Motestatus.AVLYST}}, beskrivelse=mote.merknad)  # fmt: skip
    _varsle(mote, "avlyst", None)
    return mote


def _samme_uke_og_dag(dag: datetime.date, aar: int) -> datetime.date:
    uke, ukedag = dag.isocalendar()[1:]
    uke = min(uke, datetime.date(aar, 12, 28).isocalendar()[1])  # week 53 → the last
    return first_working_day_on_or_after(datetime.date.fromisocalendar(aar, uke, ukedag))


@transaction.atomic
def kopier_moteplan(actor, utvalg: Utvalg, fra_aar: int, til_aar: int) -> list[Mote]:
    """Next year's plan from this year's: each meeting on the same ISO week and weekday
    (moved to the next working day when that is a holiday), same time and place. Meetings
    already planned on a date are kept; cancelled ones are not copied."""
    utvalg = Utvalg.objects.select_for_update().get(pk=utvalg.pk)
    _krev(actor, utvalg)
    if til_aar <= fra_aar:
        raise DomainError("Kopier til et senere år.", field="til_aar")
    kilde = list(utvalg.moter.filter(dato__year=fra_aar).exclude(status=Motestatus.AVLYST))
    if not kilde:
        raise DomainError(f"{utvalg.navn} har ingen møter i {fra_aar}.", field="fra_aar")
    finnes = set(utvalg.moter.filter(dato__year=til_aar).values_list("dato", flat=True))
    nye = []
    for mote in kilde:
        dato = _samme_uke_og_dag(mote.dato, til_aar)
        if dato.year != til_aar or dato in finnes:
            continue
        nye.append(_opprett(utvalg, dato, mote.klokkeslett, mote.sted))
        finnes.add(dato)
    audit.record(actor, utvalg, "møteplan kopiert",
                 beskrivelse=f"{len(nye)} møter fra {fra_aar} til {til_aar}")  # fmt: skip
    return nye
