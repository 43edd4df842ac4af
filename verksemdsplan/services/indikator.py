"""Indicators (issue 21 item 4): every change goes through here (STYLE.md §2), checked by the
rules in verksemdsplan/tillatelser/indikator.py and written to the audit log.

- An indicator's target lies on the side of its baseline its desired direction says (a
  falling-is-good indicator's target is below the baseline); bands 0–100 %, gul ≤ grønn.
- A value belongs to one unit and one period: the month (1–12), the tertial (1–3) or 0 for
  the year, as the indicator's period type says; no value for a period not yet begun; no
  more decimals than the indicator shows.
- Changing a value is a correction, logged with before → after; after the period has ended
  it needs a reason (the CSV import gives its own).
"""

import calendar
import datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import Indikator, Indikatormaal, Indikatorverdi, Periodetype, Retning, Verdikjelde
from ..tillatelser import indikator as regler

KORRIGERT = "verdi korrigert"  # the audit action the detail page lists as history
MIN_AAR = 1990
MAKS_DESIMALAR = 4
MAKS_VERDI = Decimal(10) ** 10  # max_digits 14, decimal_places 4


# --- Periods --------------------------------------------------------------------------------


def perioder(periodetype: str) -> range:
    return {Periodetype.MAANAD: range(1, 13), Periodetype.TERTIAL: range(1, 4)}.get(
        periodetype, range(0, 1)
    )


def periode_start(periodetype: str, aar: int, periode: int) -> datetime.date:
    if periodetype == Periodetype.MAANAD:
        return datetime.date(aar, periode, 1)
    if periodetype == Periodetype.TERTIAL:
        return datetime.date(aar, 4 * (periode - 1) + 1, 1)
    return datetime.date(aar, 1, 1)


def periode_slutt(periodetype: str, aar: int, periode: int) -> datetime.date:
    maanad = {Periodetype.MAANAD: periode, Periodetype.TERTIAL: 4 * periode}.get(periodetype, 12)
    return datetime.date(aar, maanad, calendar.monthrange(aar, maanad)[1])


def sjekk_periode(indikator: Indikator, aar, periode, idag: datetime.date | None = None) -> None:
    """Refuse a year or period the indicator's period type does not have, or one that has
    not begun."""
    idag = idag or timezone.localdate()
    if not isinstance(aar, int) or not MIN_AAR <= aar <= idag.year:
        raise DomainError(_("Året må være mellom {fra} og {til}.").format(fra=MIN_AAR,
                          til=idag.year), field="aar")  # fmt: skip
    if not isinstance(periode, int) or periode not in perioder(indikator.periodetype):
        melding = {
            Periodetype.MAANAD: _("Perioden er en måned: skriv 1–12."),
            Periodetype.TERTIAL: _("Perioden er et tertial: skriv 1–3."),
        }.get(indikator.periodetype, _("Indikatoren måles per år: perioden skal være 0."))
        raise DomainError(melding, field="periode")
    if periode_start(indikator.periodetype, aar, periode) > idag:
        raise DomainError(_("Perioden har ikke begynt ennå."), field="periode")


def sjekk_verdi(indikator: Indikator, verdi) -> Decimal:
    if verdi is None:
        raise DomainError(_("Skriv verdien."), field="verdi")
    try:
        verdi = Decimal(verdi)
    except (InvalidOperation, TypeError, ValueError) as error:
        raise DomainError(_("Verdien må være et tall."), field="verdi") from error
    if not verdi.is_finite() or abs(verdi) >= MAKS_VERDI:
        raise DomainError(_("Verdien er for stor."), field="verdi")
    eksponent = verdi.normalize().as_tuple().exponent
    if isinstance(eksponent, int) and -eksponent > indikator.desimalar:
        if indikator.desimalar == 0:
            raise DomainError(_("Verdien skal være et heltall."), field="verdi")
        raise DomainError(_("Verdien kan ha høyst {n} desimaler.").format(
            n=indikator.desimalar), field="verdi")  # fmt: skip
    return verdi


# --- Values ---------------------------------------------------------------------------------


def _lagre_verdi(actor, indikator, enhet, aar, periode, verdi, *, grunn, kjelde, idag):
    """Write one checked value: new, or a correction logged with before → after. Returns
    "ny", "korrigert" or "uendra"."""
    finst = (
        Indikatorverdi.objects.select_for_update()
        .filter(indikator=indikator, enhet=enhet, aar=aar, periode=periode).first()
    )  # fmt: skip
    if finst is None:
        try:
            with transaction.atomic():
                ny = Indikatorverdi.objects.create(
                    indikator=indikator, enhet=enhet, aar=aar, periode=periode, verdi=verdi,
                    kjelde=kjelde, registrert_av=actor,
                )  # fmt: skip
        except IntegrityError as error:
            raise DomainError(_("Verdien ble registrert av noen andre samtidig. Prøv igjen."),
                              field="verdi") from error  # fmt: skip
        audit.record_created(actor, ny)
        return "ny"
    if finst.verdi == verdi:
        return "uendra"
    etter_perioden = idag > periode_slutt(indikator.periodetype, aar, periode)
    if etter_perioden and not grunn:
        raise DomainError(_("Perioden er over: skriv hvorfor verdien korrigeres."),
                          field="grunn")  # fmt: skip
    foer = audit.snapshot(finst, ["verdi", "kjelde", "registrert_av"])
    finst.verdi, finst.kjelde = verdi, kjelde
    finst.registrert, finst.registrert_av = timezone.now(), actor
    finst.save(update_fields=["verdi", "kjelde", "registrert", "registrert_av"])
    endringer = audit.diff(foer, audit.snapshot(finst, ["verdi", "kjelde", "registrert_av"]))
    endringer["verdi"] = {"for": str(foer["verdi"]), "etter": str(verdi)}
    audit.record(actor, finst, KORRIGERT, endringer=endringer, beskrivelse=grunn)
    return "korrigert"


@transaction.atomic
def registrer_verdi(actor, indikator: Indikator, *, enhet, aar, periode, verdi,
                    grunn: str = "") -> Indikatorverdi:  # fmt: skip
    """A leader enters (or corrects) the value of one period for one unit."""
    indikator = Indikator.objects.select_related("enhet").get(pk=indikator.pk)
    regler.indikator(actor, indikator).krev("registrer")
    if enhet is None:
        raise DomainError(_("Velg enheten."), field="enhet")
    if avslag := regler.verdi_for_enhet(actor, indikator, enhet):
        raise avslag.feil()
    idag = timezone.localdate()
    sjekk_periode(indikator, aar, periode, idag)
    verdi = sjekk_verdi(indikator, verdi)
    grunn = " ".join((grunn or "").split())
    utfall = _lagre_verdi(actor, indikator, enhet, aar, periode, verdi, grunn=grunn,
                          kjelde=Verdikjelde.MANUELL, idag=idag)  # fmt: skip
    if utfall == "uendra":
        raise DomainError(_("Verdien er den samme som før."), field="verdi")
    return Indikatorverdi.objects.get(indikator=indikator, enhet=enhet, aar=aar, periode=periode)


# --- The indicator itself -------------------------------------------------------------------

FELT = (
    "namn", "skildring", "maaleining", "desimalar", "periodetype", "retning", "basisverdi",
    "basisaar", "maalverdi", "maalaar", "grense_gronn", "grense_gul", "maal", "enhet", "aktiv",
)  # fmt: skip


def _sjekk_indikator(data: dict) -> None:
    if not (data.get("namn") or "").strip():
        raise DomainError(_("Skriv navnet på indikatoren."), field="namn")
    if data.get("periodetype") not in Periodetype.values:
        raise DomainError(_("Velg periodetype."), field="periodetype")
    if data.get("retning") not in Retning.values:
        raise DomainError(_("Velg ønsket retning."), field="retning")
    if not 0 <= (data.get("desimalar") or 0) <= MAKS_DESIMALAR:
        raise DomainError(_("Antall desimaler må være mellom 0 og {n}.").format(
            n=MAKS_DESIMALAR), field="desimalar")  # fmt: skip
    basis, maal = data.get("basisverdi"), data.get("maalverdi")
    if basis is None:
        raise DomainError(_("Skriv basisverdien."), field="basisverdi")
    if maal is None:
        raise DomainError(_("Skriv målverdien."), field="maalverdi")
    if data["retning"] == Retning.STIGANDE and maal <= basis:
        raise DomainError(_("Når stigende er bra, må målverdien være høyere enn basisverdien."),
                          field="maalverdi")  # fmt: skip
    if data["retning"] == Retning.FALLANDE and maal >= basis:
        raise DomainError(_("Når fallende er bra, må målverdien være lavere enn basisverdien."),
                          field="maalverdi")  # fmt: skip
    if data.get("maalaar") is None or data.get("basisaar") is None:
        raise DomainError(_("Skriv basisår og målår."), field="maalaar")
    if data["maalaar"] < data["basisaar"]:
        raise DomainError(_("Målåret kan ikke være før basisåret."), field="maalaar")
    gronn, gul = data.get("grense_gronn"), data.get("grense_gul")
    for felt, grense in (("grense_gronn", gronn), ("grense_gul", gul)):
        if grense is None or not 0 <= grense <= 100:
            raise DomainError(_("Grensen må være mellom 0 og 100 prosent."), field=felt)
    if gul > gronn:
        raise DomainError(_("Grensen for gul kan ikke være høyere enn grensen for grønn."),
                          field="grense_gul")  # fmt: skip


@transaction.atomic
def lagre_indikator(actor, indikator: Indikator | None, data: dict, delegert_til=()) -> Indikator:
    """Create an indicator (indikator None) or change one; `data` holds FELT."""
    data = {k: v for k, v in data.items() if k in FELT}
    enhet = data.get("enhet")
    if enhet is None:
        raise DomainError(_("Velg enheten som eier indikatoren."), field="enhet")
    if indikator is None:
        regler.ny(actor, enhet).krev("opprett")
        foer = None
        indikator = Indikator()
    else:
        indikator = Indikator.objects.select_for_update().get(pk=indikator.pk)
        regler.indikator(actor, indikator).krev("endre")
        if enhet.pk != indikator.enhet_id:
            # Moving an indicator: the user must lead the new owner too.
            regler.ny(actor, enhet).krev("opprett")
        foer = audit.snapshot(indikator) | {"delegert_til": _enhetsliste(indikator)}
    _sjekk_indikator(data)
    data["namn"] = data["namn"].strip()
    for felt, verdi in data.items():
        setattr(indikator, felt, verdi)
    indikator.save()
    indikator.delegert_til.set([e for e in delegert_til if e.pk != enhet.pk])
    if foer is None:
        audit.record(actor, indikator, "opprettet", endringer=audit.diff(
            {}, audit.snapshot(indikator) | {"delegert_til": _enhetsliste(indikator)}))  # fmt: skip
    else:
        endringer = audit.diff(foer, audit.snapshot(indikator) | {
            "delegert_til": _enhetsliste(indikator)})  # fmt: skip
        if endringer:
            audit.record(actor, indikator, "endret", endringer=endringer)
    return indikator


def _enhetsliste(indikator) -> list[str]:
    return sorted(str(e) for e in indikator.delegert_til.all())


@transaction.atomic
def sett_aarsmaal(actor, indikator: Indikator, *, aar, verdi) -> Indikatormaal:
    """Set (or change) the target of one year."""
    indikator = Indikator.objects.select_for_update().select_related("enhet").get(pk=indikator.pk)
    regler.indikator(actor, indikator).krev("aarsmaal")
    if not indikator.aktiv:
        raise DomainError(_("Indikatoren er ikke aktiv."))
    if not isinstance(aar, int) or not MIN_AAR <= aar <= 2100:
        raise DomainError(_("Året må være mellom {fra} og {til}.").format(fra=MIN_AAR,
                          til=2100), field="aar")  # fmt: skip
    verdi = sjekk_verdi(indikator, verdi)
    maal, ny = Indikatormaal.objects.select_for_update().get_or_create(
        indikator=indikator, aar=aar, defaults={"verdi": verdi}
    )
    if ny:
        audit.record_created(actor, maal)
    elif maal.verdi != verdi:
        foer = str(maal.verdi)
        maal.verdi = verdi
        maal.save(update_fields=["verdi"])
        audit.record(actor, maal, "endret", endringer={"verdi": {"for": foer,
                                                                 "etter": str(verdi)}})  # fmt: skip
    return maal
