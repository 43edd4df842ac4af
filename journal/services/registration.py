"""Creating cases and registering journal posts, with their numbers."""

import datetime

from django.db import transaction
from django.utils import timezone

from saksarkiv import access, audit
from saksarkiv.models import AdministrativEnhet, Tilgangskode
from saksarkiv.services import DomainError

from .. import numbering
from ..models import Journalpost, Journalposttype, Journalstatus, Saksmappe, Saksstatus
from . import regler, tillatelser

REGISTRERENDE_ROLLER = regler.REGISTRERENDE_ROLLER


def _access_code(kode: str | None, hjemmel: str) -> tuple[str | None, str]:
    """Validate an access code and fill in its default legal basis."""
    if not kode:
        return None, ""
    code = Tilgangskode.objects.filter(kode=kode, aktiv=True).first()
    if code is None:
        raise DomainError(f"Tilgangskoden {kode} finnes ikke.", field="tilgangskode")
    hjemmel = hjemmel or code.hjemmel
    if not hjemmel:
        raise DomainError("Oppgi hjemmel for tilgangskoden.", field="skjermingshjemmel")
    return code.kode, hjemmel


def _screening(
    tittel: str, offentlig_tittel: str, kode: str | None, hjemmel: str, what: str
) -> dict:
    """The validated title, public title, access code and legal basis of a new record."""
    tittel = tittel.strip()
    if not tittel:
        raise DomainError(f"{what} må ha en tittel.", field="tittel")
    kode, hjemmel = _access_code(kode, hjemmel)
    return {
        "tittel": tittel,
        "offentlig_tittel": _public_title(tittel, offentlig_tittel.strip(), kode),
        "tilgangskode_id": kode,
        "skjermingshjemmel": hjemmel,
    }


def _public_title(tittel: str, offentlig_tittel: str, kode: str | None) -> str:
    if kode and not offentlig_tittel:
        raise DomainError(
            "Oppgi offentlig tittel: tittelen med skjermede ord erstattet av *****.",
            field="offentlig_tittel",
        )
    if kode and offentlig_tittel.strip() == tittel.strip():
        raise DomainError(
            "Den offentlige tittelen er lik tittelen. Skjerm ordene som skal unntas "
            "med *****, eller fjern tilgangskoden.",
            field="offentlig_tittel",
        )
    # Nothing is screened without a code: the public title is the title (aapen_tittel).
    return offentlig_tittel if kode else tittel


@transaction.atomic
def opprett_sak(
    actor,
    *,
    tittel: str,
    administrativ_enhet: AdministrativEnhet,
    saksansvarlig=None,
    offentlig_tittel: str = "",
    tilgangskode: str | None = None,
    skjermingshjemmel: str = "",
    arkivdel: str = "SAK",
    ordningsprinsipp: str = "",
    ordningsverdi: str = "",
    obs_dato: datetime.date | None = None,
    obs_merknad: str = "",
    skjerm_parter: bool = False,
    presedens: bool = False,
    opprettet: datetime.date | None = None,
) -> Saksmappe:
    """A new case. A caseworker's case starts as R (reservert); archive's as B."""
    tillatelser.bruker(actor).krev("ny_sak")
    screening = _screening(tittel, offentlig_tittel, tilgangskode, skjermingshjemmel, "Saken")
    status = Saksstatus.UNDER_BEHANDLING if access.is_archive(actor) else Saksstatus.RESERVERT
    aar = (opprettet or timezone.localdate()).year
    case = Saksmappe(
        **screening,
        saksaar=aar,
        saksstatus=status,
        saksansvarlig=saksansvarlig or actor,
        administrativ_enhet=administrativ_enhet,
        arkivdel=arkivdel,
        ordningsprinsipp=ordningsprinsipp,
        ordningsverdi=ordningsverdi,
        obs_dato=obs_dato,
        obs_merknad=obs_merknad,
        skjerm_parter=skjerm_parter,
        presedens=presedens,
        opprettet_av=actor,
    )
    # The number is taken last: the counter row is locked only until commit.
    case.sakssekvensnummer = numbering.next_number(numbering.SAK, aar)
    case.save()
    audit.record_created(actor, case)
    return case


@transaction.atomic
def registrer_journalpost(
    actor,
    saksmappe: Saksmappe,
    *,
    journalposttype: str,
    tittel: str,
    offentlig_tittel: str = "",
    administrativ_enhet: AdministrativEnhet | None = None,
    saksbehandler=None,
    tilgangskode: str | None = None,
    skjermingshjemmel: str = "",
    dokumentdato: datetime.date | None = None,
    journaldato: datetime.date | None = None,
    forfallsdato: datetime.date | None = None,
    skjerm_korrespondanseparter: bool = False,
    skjerm_dokumenter: bool = True,
    ekspedisjonsmaate: str = "",
    besvarer: Journalpost | None = None,
    avskriv_ved_ferdigstilling: bool = False,
) -> Journalpost:
    """Register a post in a case: an incoming one (I) by archive starts as M, the
    caseworker's own documents (U, N, X, S) start as R (draft)."""
    if journalposttype not in Journalposttype.values:
        raise DomainError("Ukjent journalposttype.", field="journalposttype")
    if journalposttype == Journalposttype.INNGAENDE:
        status = Journalstatus.MIDLERTIDIG
    else:
        status = Journalstatus.RESERVERT
    locked = Saksmappe.objects.select_for_update().get(pk=saksmappe.pk)
    tillatelser.saksmappe(actor, locked).krev("ny_journalpost")
    screening = _screening(
        tittel, offentlig_tittel, tilgangskode, skjermingshjemmel, "Journalposten"
    )
    journaldato = journaldato or timezone.localdate()
    if forfallsdato and dokumentdato and forfallsdato < dokumentdato:
        raise DomainError("Forfallsdatoen kan ikke være før dokumentdatoen.", field="forfallsdato")
    post = Journalpost(
        saksmappe=locked,
        journalaar=journaldato.year,
        journalposttype=journalposttype,
        journalstatus=status,
        **screening,
        dokumentdato=dokumentdato,
        journaldato=journaldato,
        forfallsdato=forfallsdato,
        skjerm_korrespondanseparter=skjerm_korrespondanseparter,
        skjerm_dokumenter=skjerm_dokumenter,
        ekspedisjonsmaate=ekspedisjonsmaate,
        besvarer=besvarer,
        avskriv_ved_ferdigstilling=avskriv_ved_ferdigstilling,
        saksbehandler=saksbehandler or (None if access.is_archive(actor) else actor),
        administrativ_enhet=administrativ_enhet or locked.administrativ_enhet,
        opprettet_av=actor,
    )
    # Numbers last, in this order: the case row is already locked.
    post.dokumentnummer = numbering.next_document_number(locked)
    post.journalsekvensnummer = numbering.next_number(numbering.JOURNALPOST, journaldato.year)
    post.save()
    audit.record_created(actor, post, "registrert")
    return post
