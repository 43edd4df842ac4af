"""The year wheel (issue 21 item 7): the plan's deadlines for a year. The chief executive
creates a year's default deadlines with one action and edits them; the daily digest reminds
the leaders (verksemdsplan/varsler.py).

The defaults (seed 004's year wheel):
- oppdragsbrev ready 31 January; verksemdsplan ready 31 January;
- each month's report the 10th of the next month (December's 10 January the year after);
- each tertial's report after the tertial: 15 May, 15 September and 15 January the year after.
Creating the defaults adds only those missing (same type and date), so it can be repeated."""

import datetime

from django.db import connection, transaction
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import Aarshjulfrist, Fristtype
from ..tillatelser import aarshjul as regler
from .plan import _aar, _tekst

MAKS_PAAMINNING = 90
STANDARD_PAAMINNING = 7
TERTIALFRISTAR = ((1, 5, 15), (2, 9, 15), (3, 1, 15))  # tertial, month, day (3: next year)


def standardfristar(aar: int) -> list[Aarshjulfrist]:
    """The year's default deadlines (unsaved), in date order."""
    fristar = [
        Aarshjulfrist(aar=aar, type=Fristtype.OPPDRAGSBREV, dato=datetime.date(aar, 1, 31),
                      tittel=_("Oppdragsbrev for %(aar)s ferdig") % {"aar": aar}),
        Aarshjulfrist(aar=aar, type=Fristtype.PLAN, dato=datetime.date(aar, 1, 31),
                      tittel=_("Virksomhetsplan for %(aar)s ferdig") % {"aar": aar}),
    ]  # fmt: skip
    for maaned in range(1, 13):
        dato = datetime.date(aar + maaned // 12, maaned % 12 + 1, 10)
        fristar.append(Aarshjulfrist(
            aar=aar, type=Fristtype.RAPPORT_MAANAD, dato=dato,
            tittel=_("Månedsrapport for %(maaned)s %(aar)s")
            % {"maaned": MONTHS[maaned], "aar": aar},
        ))  # fmt: skip
    for tertial, maaned, dag in TERTIALFRISTAR:
        dato = datetime.date(aar + (tertial == 3), maaned, dag)
        fristar.append(Aarshjulfrist(
            aar=aar, type=Fristtype.RAPPORT_TERTIAL, dato=dato,
            tittel=_("Tertialrapport %(tertial)s. tertial %(aar)s")
            % {"tertial": tertial, "aar": aar},
        ))  # fmt: skip
    for frist in fristar:
        frist.paaminning_dagar = STANDARD_PAAMINNING
    return sorted(fristar, key=lambda f: f.dato)


@transaction.atomic
def opprett_standard(actor, aar: int) -> list[Aarshjulfrist]:
    """Create the year's default deadlines not there yet; refused when all are there."""
    regler.aarshjul(actor).krev("rediger")
    aar = _aar(aar, "aar")
    # Serialise concurrent clicks for the same year on a transaction-level advisory lock.
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [2107, aar])
    finst = set(Aarshjulfrist.objects.filter(aar=aar).values_list("type", "dato"))
    nye = [f for f in standardfristar(aar) if (f.type, f.dato) not in finst]
    if not nye:
        raise DomainError(
            _("Standardfristene for %(aar)s finnes allerede.") % {"aar": aar}, field="aar"
        )
    for frist in nye:
        frist.save()
        audit.record_created(actor, frist)
    return nye


def _felt(tittel, dato, paaminning_dagar, type_) -> dict:
    tittel = _tekst(tittel, "tittel", _("Skriv hva fristen gjelder."), 200)
    if dato is None:
        raise DomainError(_("Sett datoen."), field="dato")
    if paaminning_dagar is None or not 0 <= paaminning_dagar <= MAKS_PAAMINNING:
        raise DomainError(
            _("Påminnelsen kan komme fra 0 til %(n)s dager før.") % {"n": MAKS_PAAMINNING},
            field="paaminning_dagar",
        )
    if type_ not in Fristtype.values:
        raise DomainError(_("Velg type."), field="type")
    return {"tittel": tittel, "dato": dato, "paaminning_dagar": paaminning_dagar, "type": type_}


def _sjekk_aar(aar: int, dato: datetime.date) -> None:
    """A deadline belongs to the year or the start of the next (the last reports)."""
    if not (datetime.date(aar, 1, 1) <= dato <= datetime.date(aar + 1, 6, 30)):
        raise DomainError(
            _("Datoen må ligge i %(aar)s (eller første halvår året etter).") % {"aar": aar},
            field="dato",
        )


@transaction.atomic
def legg_til(actor, aar: int, *, tittel: str, dato, paaminning_dagar: int,
             type: str = Fristtype.ANNA) -> Aarshjulfrist:  # fmt: skip
    regler.aarshjul(actor).krev("rediger")
    aar = _aar(aar, "aar")
    felt = _felt(tittel, dato, paaminning_dagar, type)
    _sjekk_aar(aar, felt["dato"])
    frist = Aarshjulfrist.objects.create(aar=aar, **felt)
    audit.record_created(actor, frist)
    return frist


@transaction.atomic
def endre(actor, frist: Aarshjulfrist, *, tittel: str, dato, paaminning_dagar: int,
          type: str | None = None) -> Aarshjulfrist:  # fmt: skip
    regler.aarshjul(actor, frist).krev("rediger")
    frist = Aarshjulfrist.objects.select_for_update().get(pk=frist.pk)
    felt = _felt(tittel, dato, paaminning_dagar, type or frist.type)
    _sjekk_aar(frist.aar, felt["dato"])
    foer = audit.snapshot(frist)
    for navn, verdi in felt.items():
        setattr(frist, navn, verdi)
    frist.save()
    if endringer := audit.diff(foer, audit.snapshot(frist)):
        audit.record(actor, frist, "endret", endringer=endringer)
    return frist


def aaret(aar: int) -> list[Aarshjulfrist]:
    return list(Aarshjulfrist.objects.filter(aar=aar).order_by("dato", "pk"))


def dagar_til(frist: Aarshjulfrist, idag=None) -> int:
    return (frist.dato - (idag or timezone.localdate())).days
