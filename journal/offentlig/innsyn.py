"""Innsynskrav from the public journal: «Be om innsyn» on a public entry becomes an incoming
post (I) in the case the settings name (Innstillinger.innsynskrav_saksmappe), registered by
the system user «postlisten», with the requester as sender and the request as a text
document. The requester gets a receipt e-mail after commit.

Only public information leaves this module: the new post's title and the receipt are built
from the entry's public view (poster.hent_offentlig), never from the post itself.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from journal.models import Innstillinger
from saksarkiv import services as grunnmur
from saksarkiv.models import Bruker, Rolle, Rolletype
from saksarkiv.services import DomainError
from saksarkiv.workdays import add_working_days

from ..models import Journalpost, Saksstatus
from ..services.inngaaende import registrer_inngaaende
from .poster import OffentligPost, hent_offentlig

logger = logging.getLogger(__name__)

SYSTEMBRUKER = "postlisten"
# Innsynskrav shall be answered «uten ugrunnet opphold»; three working days is the usual
# yardstick, so the post carries it as its due date.
SVARFRIST_ARBEIDSDAGER = 3
MAKS_TITTEL = 500

# Throttle: this many innsynskrav per client address per window.
GRENSE = 5
VINDU_SEKUNDER = 60 * 60

IKKE_SATT_OPP = (
    "Innsynskrav kan ikke sendes her akkurat nå. Send kravet på e-post til kommunens "
    "postmottak, og oppgi journalpostnummeret."
)


@dataclass(frozen=True)
class Kvittering:
    innsynskrav: Journalpost
    gjelder: OffentligPost


def systembruker(enhet) -> Bruker:
    """The actor that registers innsynskrav: a user who cannot log in, with an archive role
    (registering incoming mail is archive's task)."""
    bruker, created = Bruker.objects.get_or_create(
        username=SYSTEMBRUKER,
        defaults={
            "first_name": "Postlisten",
            "last_name": "(innsynskrav)",
            "is_active": False,
            "stilling": "Systembruker for innsynskrav fra den offentlige postlisten",
        },
    )
    if created:
        bruker.set_unusable_password()
        bruker.save(update_fields=["password"])
        grunnmur.record_master_data_change(None, bruker, None)
    if not Rolle.objects.gyldige().filter(person=bruker, rolle=Rolletype.ARKIV).exists():
        grunnmur.grant_role(None, bruker, enhet, Rolletype.ARKIV)
    return bruker


def _tittel(gjelder: OffentligPost) -> str:
    suffix = f" ({gjelder.journalpostnummer})"
    prefix = "Innsynskrav: "
    plass = MAKS_TITTEL - len(prefix) - len(suffix)
    tittel = gjelder.tittel if len(gjelder.tittel) <= plass else gjelder.tittel[: plass - 1] + "…"
    return f"{prefix}{tittel}{suffix}"


def _dokument(gjelder: OffentligPost, navn: str, epost: str, melding: str) -> ContentFile:
    tekst = render_to_string(
        "offentlig/innsynskrav.txt",
        {"gjelder": gjelder, "navn": navn, "epost": epost, "melding": melding},
    )
    return ContentFile(tekst.encode("utf-8"), name="innsynskrav.txt")


def registrer_innsynskrav(pk: int, *, navn: str, epost: str, melding: str = "") -> Kvittering:
    """Register an innsynskrav for public entry `pk`. Raises DomainError (nothing saved)
    when no open case is configured or the entry is not public."""
    navn, epost, melding = navn.strip(), epost.strip(), melding.strip()
    if not navn:
        raise DomainError("Oppgi navnet ditt.", field="navn")
    if not epost:
        raise DomainError("Oppgi e-postadressen din.", field="epost")
    innstillinger = Innstillinger.hent()
    sak = innstillinger.innsynskrav_saksmappe
    if sak is None or sak.saksstatus in (Saksstatus.AVSLUTTET, Saksstatus.UTGAR):
        raise DomainError(IKKE_SATT_OPP)
    gjelder = hent_offentlig(pk, innstillinger)
    if gjelder is None:
        raise DomainError("Journalposten finnes ikke i den offentlige journalen.")
    idag = timezone.localdate()
    with transaction.atomic():
        post = registrer_inngaaende(
            systembruker(sak.administrativ_enhet),
            tittel=_tittel(gjelder),
            avsender=navn,
            epost=epost,
            administrativ_enhet=sak.administrativ_enhet,
            saksmappe=sak,
            dokumentdato=idag,
            forfallsdato=add_working_days(idag, SVARFRIST_ARBEIDSDAGER),
            filer=(_dokument(gjelder, navn, epost, melding),),
        )
        kvittering = Kvittering(innsynskrav=post, gjelder=gjelder)
        transaction.on_commit(lambda: send_kvittering(kvittering, navn=navn, epost=epost))
    return kvittering


def send_kvittering(kvittering: Kvittering, *, navn: str, epost: str) -> bool:
    """The receipt to the requester: public information only. A mail server that fails
    must not undo or hide a registered request, so errors are logged, not raised."""
    context = {"kvittering": kvittering, "navn": navn, "kommune": settings.SAKSARKIV_KOMMUNE}
    emne = f"Innsynskrav mottatt – journalpost {kvittering.gjelder.journalpostnummer}"
    tekst = render_to_string("offentlig/innsyn_kvittering.txt", context)
    try:
        send_mail(emne, tekst, None, [epost])
    except Exception:  # any transport error: the request is registered all the same
        logger.exception(
            "Kunne ikke sende kvittering for innsynskrav %s",
            kvittering.innsynskrav.journalpostnummer,
        )
        return False
    return True


# --- Throttle ------------------------------------------------------------------------------
def _nokkel(adresse: str) -> str:
    return f"postliste:innsynskrav:{adresse}"


def sperret(adresse: str) -> bool:
    """Has this client address used up its innsynskrav for the current window?"""
    return cache.get(_nokkel(adresse), 0) >= GRENSE


def tell_forsok(adresse: str) -> int:
    """Count one innsynskrav attempt from `adresse`; the window starts at the first."""
    nokkel = _nokkel(adresse)
    cache.add(nokkel, 0, VINDU_SEKUNDER)
    try:
        return cache.incr(nokkel)
    except ValueError:  # expired between add and incr
        cache.set(nokkel, 1, VINDU_SEKUNDER)
        return 1
