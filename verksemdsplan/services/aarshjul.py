"""The year wheel (issue 21 item 7): the plan's deadlines for a year. The chief executive
creates a year's default deadlines with one action and edits them; the daily digest reminds
the leaders (verksemdsplan/varsler.py).

The defaults (seed 004's year wheel):
- oppdragsbrev ready 31 January; verksemdsplan ready 31 January;
- each month's report the 10th of the next month (December's 10 January the year after);
- each tertial's report after the tertial: 15 May, 15 September and 15 January the year after.
Creating the defaults adds only those missing (same type and date), so it can be repeated."""

import datetime
import functools

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.dates import MONTHS
from django.utils.functional import lazy
from django.utils.translation import gettext as _

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import Aarshjulfrist, Fristtype
from ..tillatelser import aarshjul as regler
from .plan import _aar, _tekst

MAKS_PAAMINNING = 90
STANDARD_PAAMINNING = 7
TERTIALFRISTAR = ((1, 5, 15), (2, 9, 15), (3, 1, 15))  # tertial, month, day (3: next year)


def _standardtittel(type_: str, aar: int, nr: int) -> str:
    """A default deadline's title in the active language (`nr`: the month or the tertial)."""
    if type_ == Fristtype.OPPDRAGSBREV:
        return _("Oppdragsbrev for %(aar)s ferdig") % {"aar": aar}
    if type_ == Fristtype.PLAN:
        return _("Virksomhetsplan for %(aar)s ferdig") % {"aar": aar}
    if type_ == Fristtype.RAPPORT_MAANAD:
        return _("Månedsrapport for %(maaned)s %(aar)s") % {"maaned": MONTHS[nr], "aar": aar}
    return _("Tertialrapport %(tertial)s. tertial %(aar)s") % {"tertial": nr, "aar": aar}


def _standardnoklar(aar: int) -> list[tuple[str, int, datetime.date]]:
    """(type, month or tertial, date) of the year's default deadlines."""
    noklar = [(Fristtype.OPPDRAGSBREV, 0, datetime.date(aar, 1, 31)),
              (Fristtype.PLAN, 0, datetime.date(aar, 1, 31))]  # fmt: skip
    for maaned in range(1, 13):
        dato = datetime.date(aar + maaned // 12, maaned % 12 + 1, 10)
        noklar.append((Fristtype.RAPPORT_MAANAD, maaned, dato))
    for tertial, maaned, dag in TERTIALFRISTAR:
        dato = datetime.date(aar + (tertial == 3), maaned, dag)
        noklar.append((Fristtype.RAPPORT_TERTIAL, tertial, dato))
    return noklar


def standardfristar(aar: int) -> list[Aarshjulfrist]:
    """The year's default deadlines (unsaved), in date order. Their titles are stored in
    bokmål (settings.LANGUAGE_CODE), whoever creates them; `tittel` shows them in the
    reader's language."""
    with translation.override(settings.LANGUAGE_CODE):
        fristar = [
            Aarshjulfrist(aar=aar, type=type_, dato=dato, paaminning_dagar=STANDARD_PAAMINNING,
                          tittel=_standardtittel(type_, aar, nr))
            for type_, nr, dato in _standardnoklar(aar)
        ]  # fmt: skip
    return sorted(fristar, key=lambda f: f.dato)


@functools.lru_cache(maxsize=32)
def _standardtitlar(aar: int) -> dict[str, tuple[str, int]]:
    """{a default title of the year in any of settings.LANGUAGES: (type, month or tertial)}."""
    titlar = {}
    for sprak, _namn in settings.LANGUAGES:
        with translation.override(sprak):
            for type_, nr, _dato in _standardnoklar(aar):
                titlar.setdefault(_standardtittel(type_, aar, nr), (type_, nr))
    return titlar


def _lagra_tittel(aar: int, tittel: str) -> str:
    """A default title as it is stored (bokmål) when written in another language."""
    if (nokkel := _standardtitlar(aar).get(tittel)) is None:
        return tittel
    with translation.override(settings.LANGUAGE_CODE):
        return _standardtittel(nokkel[0], aar, nokkel[1])


def tittel(frist: Aarshjulfrist) -> str:
    """The deadline's title for the reader: a default title (one the «standard» action
    made, left as it was) in the active language; a title someone wrote, as written."""
    if (nokkel := _standardtitlar(frist.aar).get(frist.tittel)) is None:
        return frist.tittel
    return _standardtittel(nokkel[0], frist.aar, nokkel[1])


# For text rendered later in the reader's language (the daily digest: one run, many readers).
tittel_lazy = lazy(tittel, str)


@transaction.atomic
def opprett_standard(actor, aar: int) -> list[Aarshjulfrist]:
    """Create the year's default deadlines not there yet; refused when all are there."""
    regler.aarshjul(actor).krev("rediger")
    aar = _aar(aar, "aar")
    # Serialise concurrent clicks for the same year on a transaction-level advisory lock
    # (SQLite, `make run`'s embedded default, serialises every write transaction anyway).
    if connection.vendor == "postgresql":
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
    felt["tittel"] = _lagra_tittel(aar, felt["tittel"])
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
    # The edit form shows a default title in the reader's language: saved unchanged, it
    # stays the stored bokmål one (no change in the log).
    felt["tittel"] = _lagra_tittel(frist.aar, felt["tittel"])
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
