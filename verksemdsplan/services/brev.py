"""Oppdragsbrev (issue 21 item 2): the chief executive's letter to the organisation for a
year, and each unit's own written from the one above. Every change goes through here,
checked by verksemdsplan/tillatelser/brev.py and written to the audit log; status changes
are compare-and-set so two clicks cannot both win.

The year wheel's deadline (Aarshjulfrist of type «oppdragsbrev», else 31 January of the
year) is shown on the letter; a letter not published by then is «forsinket»."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv import access, audit
from saksarkiv.services import DomainError

from ..models import Aarshjulfrist, Brevstatus, Fristtype, Oppdragsbrev, Oppdragspunkt, Oppdragstema
from ..tillatelser import brev as regler
from ..tillatelser.plan import er_toppeining, forelder_eining
from .plan import _aar

MAKS_INNLEIING = 8000
MAKS_PUNKT = 4000


# --- Reading --------------------------------------------------------------------------------------


def synlege(user) -> QuerySet:
    """The letters `user` may read: every published one (for employees), and those of the
    units they lead (every unit below included; the chief executive all)."""
    if not regler.er_tilsett(user):
        return Oppdragsbrev.objects.none()
    q = Q(status=Brevstatus.PUBLISERT)
    if (omfang := access.lederomfang(user, "enhet__")) is not None:
        q |= omfang
    return Oppdragsbrev.objects.filter(q)


def frist(aar: int) -> datetime.date:
    """The year wheel's deadline for the year's oppdragsbrev."""
    dato = (
        Aarshjulfrist.objects.filter(aar=aar, type=Fristtype.OPPDRAGSBREV)
        .order_by("dato").values_list("dato", flat=True).first()
    )  # fmt: skip
    return dato or datetime.date(aar, 1, 31)


def forsinka(brev: Oppdragsbrev, fristdato: datetime.date, idag=None) -> bool:
    idag = idag or timezone.localdate()
    return brev.status != Brevstatus.PUBLISERT and idag > fristdato


# --- Writing --------------------------------------------------------------------------------------


def _laast(brev) -> Oppdragsbrev:
    return (
        Oppdragsbrev.objects.select_for_update(of=("self",))
        .select_related("enhet", "forelder").get(pk=brev.pk)
    )  # fmt: skip


def _innleiing(tekst) -> str:
    tekst = (tekst or "").strip()
    if len(tekst) > MAKS_INNLEIING:
        raise DomainError(
            _("Teksten kan ha høyst %(n)s tegn.") % {"n": MAKS_INNLEIING}, field="innleiing"
        )
    return tekst


@transaction.atomic
def opprett(actor, enhet, aar: int, *, innleiing: str = "") -> Oppdragsbrev:
    """A new draft for the unit and year; below the top unit, from the parent unit's letter."""
    aar = _aar(aar, "aar")
    forelder = None
    if not er_toppeining(enhet):
        forelder = Oppdragsbrev.objects.filter(enhet=forelder_eining(enhet), aar=aar).first()
    brev = Oppdragsbrev(enhet=enhet, aar=aar, forelder=forelder, skrive_av=actor,
                        innleiing=_innleiing(innleiing))  # fmt: skip
    regler.brev(actor, brev).krev("skriv")
    if forelder is None and not er_toppeining(enhet):
        raise DomainError(
            _("Enheten over har ikke skrevet oppdragsbrev for %(aar)s ennå.") % {"aar": aar},
            field="aar",
        )
    try:
        with transaction.atomic():
            brev.save()
    except IntegrityError as error:
        raise DomainError(
            _("Enheten har allerede et oppdragsbrev for %(aar)s.") % {"aar": aar}, field="aar"
        ) from error
    audit.record_created(actor, brev)
    return brev


@transaction.atomic
def endre_innleiing(actor, brev: Oppdragsbrev, *, innleiing: str) -> Oppdragsbrev:
    brev = _laast(brev)
    regler.brev(actor, brev).krev("skriv")
    ny = _innleiing(innleiing)
    if ny != brev.innleiing:
        foer, brev.innleiing = brev.innleiing, ny
        brev.save(update_fields=["innleiing"])
        audit.record(actor, brev, "innledning endret", endringer={
            "innleiing": {"for": foer, "etter": ny}})  # fmt: skip
    return brev


def _punkt(tema, tekst) -> tuple[str, str]:
    if tema not in Oppdragstema.values:
        raise DomainError(_("Velg tema."), field="tema")
    tekst = (tekst or "").strip()
    if not tekst:
        raise DomainError(_("Skriv oppdraget."), field="tekst")
    if len(tekst) > MAKS_PUNKT:
        raise DomainError(_("Teksten kan ha høyst %(n)s tegn.") % {"n": MAKS_PUNKT}, field="tekst")
    return tema, tekst


@transaction.atomic
def legg_til_punkt(actor, brev: Oppdragsbrev, *, tema: str, tekst: str) -> Oppdragspunkt:
    brev = _laast(brev)
    regler.brev(actor, brev).krev("skriv")
    tema, tekst = _punkt(tema, tekst)
    siste = brev.punkt.filter(tema=tema).aggregate(n=Max("rekkefolge"))["n"] or 0
    punkt = Oppdragspunkt.objects.create(brev=brev, tema=tema, tekst=tekst, rekkefolge=siste + 1)
    audit.record_created(actor, punkt)
    return punkt


@transaction.atomic
def endre_punkt(actor, punkt: Oppdragspunkt, *, tema: str, tekst: str) -> Oppdragspunkt:
    brev = _laast(punkt.brev)
    regler.brev(actor, brev).krev("skriv")
    punkt = Oppdragspunkt.objects.get(pk=punkt.pk, brev=brev)
    tema, tekst = _punkt(tema, tekst)
    foer = audit.snapshot(punkt)
    if tema != punkt.tema:
        siste = brev.punkt.filter(tema=tema).aggregate(n=Max("rekkefolge"))["n"] or 0
        punkt.rekkefolge = siste + 1
    punkt.tema, punkt.tekst = tema, tekst
    punkt.save()
    if endringer := audit.diff(foer, audit.snapshot(punkt)):
        audit.record(actor, punkt, "endret", endringer=endringer)
    return punkt


@transaction.atomic
def slett_punkt(actor, punkt: Oppdragspunkt) -> None:
    brev = _laast(punkt.brev)
    regler.brev(actor, brev).krev("skriv")
    punkt = Oppdragspunkt.objects.get(pk=punkt.pk, brev=brev)
    audit.record(actor, punkt, "slettet", endringer={
        "tekst": {"for": punkt.tekst, "etter": ""}})  # fmt: skip
    punkt.delete()


def _bytt(actor, brev, handling: str, fra: str, til: str, logg: str, **felt) -> Oppdragsbrev:
    """Compare-and-set the status after the rule of `handling` allowed it."""
    brev = _laast(brev)
    regler.brev(actor, brev).krev(handling)
    endra = Oppdragsbrev.objects.filter(pk=brev.pk, status=fra).update(status=til, **felt)
    if endra != 1:  # pragma: no cover - the row is locked above
        raise DomainError(_("Oppdragsbrevet er endret av en annen. Last siden på nytt."))
    brev.refresh_from_db()
    audit.record(actor, brev, logg, endringer={"status": {"for": fra, "etter": til}})
    return brev


@transaction.atomic
def send_til_godkjenning(actor, brev: Oppdragsbrev) -> Oppdragsbrev:
    return _bytt(actor, brev, "send", Brevstatus.UTKAST, Brevstatus.TIL_GODKJENNING,
                 "sendt til godkjenning")  # fmt: skip


@transaction.atomic
def godkjenn(actor, brev: Oppdragsbrev) -> Oppdragsbrev:
    return _bytt(actor, brev, "godkjenn", Brevstatus.TIL_GODKJENNING, Brevstatus.GODKJEND,
                 "godkjent", godkjend=timezone.now(), godkjend_av=actor)  # fmt: skip


@transaction.atomic
def returner(actor, brev: Oppdragsbrev) -> Oppdragsbrev:
    """The approver sends the letter back to its writer as a draft."""
    return _bytt(actor, brev, "returner", Brevstatus.TIL_GODKJENNING, Brevstatus.UTKAST,
                 "sendt tilbake")  # fmt: skip


@transaction.atomic
def publiser(actor, brev: Oppdragsbrev) -> Oppdragsbrev:
    """Published to every employee: from now on read-only (published is final)."""
    return _bytt(actor, brev, "publiser", Brevstatus.GODKJEND, Brevstatus.PUBLISERT,
                 "publisert", publisert=timezone.now(), publisert_av=actor)  # fmt: skip
