"""Decision follow-up: every change goes through here (STYLE.md §2), checked by the rules
in vedtak/tillatelser.py and written to the audit log.

Status rules of a line (seed 000; DOMAIN.md §13):
- ikke påbegynt → under arbeid → iverksatt, each step by the caseworker or their leader;
- «iverksatt» needs the date it was done (not in the future);
- «bortfalt» needs a reason;
- a line done may be reopened until the committee closes the follow-up;
- «forsinket» is never set: it is read from the deadline (Oppfolgingslinje.forsinket).
A changed deadline needs its reason, logged with the old and the new date."""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from saksarkiv import access, audit
from saksarkiv.models import AdministrativEnhet, Rolle
from saksarkiv.services import DomainError

from . import tillatelser as regler
from .models import FERDIG, Fristtype, Linjestatus, Oppfolging, Oppfolgingslinje

MAKS_FRIST = datetime.timedelta(days=366 * 10)


def _enhet(saksbehandler) -> AdministrativEnhet:
    """The caseworker's unit: their default caseworker role's, else their first role's."""
    rolle = (
        Rolle.objects.filter(person=saksbehandler)
        .order_by("-standard", "rolle", "pk").select_related("enhet").first()
    )  # fmt: skip
    if rolle is None:
        raise DomainError(f"{saksbehandler.get_full_name() or saksbehandler} har ingen rolle i "
                          "organisasjonen og kan ikke være ansvarlig.",
                          field="saksbehandlere")  # fmt: skip
    return rolle.enhet


def _sjekk_frist(frist, felt="frist") -> None:
    if frist is None:
        raise DomainError("Sett fristen.", field=felt)
    idag = timezone.localdate()
    if frist > idag + MAKS_FRIST:
        raise DomainError("Fristen er mer enn ti år fram i tid.", field=felt)


def _ny_linje(actor, oppfolging: Oppfolging, saksbehandler) -> Oppfolgingslinje:
    if not saksbehandler.is_active:
        raise DomainError(f"{saksbehandler} er ikke aktiv.", field="saksbehandlere")
    try:
        with transaction.atomic():
            linje = Oppfolgingslinje.objects.create(
                oppfolging=oppfolging, saksbehandler=saksbehandler,
                administrativ_enhet=_enhet(saksbehandler), endret_av=actor,
            )  # fmt: skip
    except IntegrityError as error:
        raise DomainError(f"{saksbehandler.get_full_name()} er allerede ansvarlig.",
                          field="saksbehandlere") from error  # fmt: skip
    audit.record_created(actor, linje)
    return linje


@transaction.atomic
def registrer(actor, punkt, *, frist, fristtype: str, saksbehandlere, merknad: str = "",
              verbalpunkt: str = "") -> Oppfolging:  # fmt: skip
    """Register follow-up of a decision: one line per responsible caseworker."""
    from utvalg.models import Sakskartpunkt

    punkt = Sakskartpunkt.objects.select_related("mote").get(pk=punkt.pk)
    regler.punkt(actor, punkt).krev("registrer_oppfolging")
    _sjekk_frist(frist)
    if fristtype not in Fristtype.values:
        raise DomainError("Velg om fristen er en ekspederingsfrist eller en utførerfrist.",
                          field="fristtype")  # fmt: skip
    saksbehandlere = list(dict.fromkeys(saksbehandlere))
    if not saksbehandlere:
        raise DomainError("Velg minst én ansvarlig saksbehandler.", field="saksbehandlere")
    oppfolging = Oppfolging.objects.create(
        punkt=punkt, frist=frist, fristtype=fristtype, merknad=(merknad or "").strip(),
        verbalpunkt=(verbalpunkt or "").strip(), registrert_av=actor,
    )  # fmt: skip
    audit.record_created(actor, oppfolging)
    for sb in saksbehandlere:
        _ny_linje(actor, oppfolging, sb)
    return oppfolging


@transaction.atomic
def ny_linje(actor, oppfolging: Oppfolging, saksbehandler) -> Oppfolgingslinje:
    """Another responsible caseworker (the seed: «gjenta registreringen»)."""
    oppfolging = Oppfolging.objects.select_for_update().get(pk=oppfolging.pk)
    regler.oppfolging(actor, oppfolging).krev("ny_linje")
    return _ny_linje(actor, oppfolging, saksbehandler)


@transaction.atomic
def endre_frist(actor, oppfolging: Oppfolging, *, frist, grunn: str) -> Oppfolging:
    """Move the deadline: the reason is required and logged with the old and new date."""
    oppfolging = Oppfolging.objects.select_for_update().get(pk=oppfolging.pk)
    regler.oppfolging(actor, oppfolging).krev("endre_frist")
    _sjekk_frist(frist)
    grunn = " ".join((grunn or "").split())
    if not grunn:
        raise DomainError("Skriv hvorfor fristen endres.", field="grunn")
    if frist == oppfolging.frist:
        raise DomainError("Fristen er den samme som før.", field="frist")
    foer = oppfolging.frist
    oppfolging.frist = frist
    oppfolging.save(update_fields=["frist"])
    audit.record(actor, oppfolging, "frist endret", beskrivelse=grunn[:500], endringer={
        "frist": {"for": foer.isoformat(), "etter": frist.isoformat()}})  # fmt: skip
    return oppfolging


@transaction.atomic
def oppdater(actor, linje: Oppfolgingslinje, *, status: str, hva_er_gjort: str = "",
             videre_framdrift: str = "", utfort=None, bortfalt_grunn: str = "",
             ) -> Oppfolgingslinje:  # fmt: skip
    """The caseworker (or their leader) records what is done, what comes next, and the
    status."""
    linje = (
        Oppfolgingslinje.objects.select_for_update(of=("self",))
        .select_related("oppfolging__punkt__mote", "administrativ_enhet").get(pk=linje.pk)
    )  # fmt: skip
    regler.linje(actor, linje).krev("oppdater")
    if status not in Linjestatus.values:
        raise DomainError("Velg status.", field="status")
    bortfalt_grunn = (bortfalt_grunn or "").strip()
    if status == Linjestatus.IVERKSATT:
        if utfort is None:
            raise DomainError("Oppgi datoen vedtaket ble iverksatt.", field="utfort")
        if utfort > timezone.localdate():
            raise DomainError("Utført dato kan ikke være fram i tid.", field="utfort")
    else:
        utfort = None
    if status == Linjestatus.BORTFALT:
        if not bortfalt_grunn:
            raise DomainError("Skriv hvorfor vedtaket ikke skal følges opp.",
                              field="bortfalt_grunn")  # fmt: skip
    else:
        bortfalt_grunn = ""
    foer = audit.snapshot(linje)
    linje.status, linje.utfort, linje.bortfalt_grunn = status, utfort, bortfalt_grunn
    linje.hva_er_gjort = (hva_er_gjort or "").strip()
    linje.videre_framdrift = (videre_framdrift or "").strip()
    linje.endret, linje.endret_av = timezone.now(), actor
    linje.save()
    endringer = audit.diff(foer, audit.snapshot(linje))
    endringer.pop("endret", None)
    endringer.pop("endret_av", None)
    if endringer:
        audit.record(actor, linje, "oppfølging oppdatert", endringer=endringer)
    return linje


# --- Lists ------------------------------------------------------------------------------------


def aktive() -> QuerySet:
    """Lines of follow-ups in force: the minutes approved, not closed by the committee."""
    return Oppfolgingslinje.objects.filter(
        oppfolging__punkt__mote__status="PG", oppfolging__avsluttet__isnull=True
    )


def uten_oppfolging() -> QuerySet:
    """Decided political cases of held meetings (G/PG) with no follow-up registered."""
    from utvalg.models import Sakskartpunkt

    return Sakskartpunkt.objects.filter(
        sakstype="PS", behandling__isnull=False, trukket__isnull=True,
        resultat__in=regler.VEDTATT, mote__status__in=("G", "PG"), oppfolginger__isnull=True,
    )  # fmt: skip


def forsinket_q(idag=None) -> Q:
    idag = idag or timezone.localdate()
    return Q(oppfolging__frist__lt=idag) & ~Q(status__in=FERDIG)


def mine(user) -> QuerySet:
    """«Vedtak for oppfølging»: the user's lines in force."""
    return aktive().filter(saksbehandler=user)


def for_leder(user) -> QuerySet:
    """The lines of people in the units the user leads (or deputises for), every unit below
    included; nothing for someone who leads nothing."""
    omfang = access.lederomfang(user, "administrativ_enhet__")
    if omfang is None:
        return Oppfolgingslinje.objects.none()
    return aktive().filter(omfang)
