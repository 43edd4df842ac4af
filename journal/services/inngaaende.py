"""Archive registers incoming mail in one step: the case (existing or new), the I post with
its sender, the scanned main document and attachments, and who gets it (DOMAIN.md §8)."""

import datetime

from django.db import transaction

from saksarkiv import audit
from saksarkiv.models import AdministrativEnhet
from saksarkiv.services import DomainError

from ..models import (
    Journalpost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
    Saksmappe,
    Sakspart,
)
from . import dokumenter, fordeling, tillatelser
from .registration import opprett_sak, registrer_journalpost


@transaction.atomic
def registrer_inngaaende(
    actor,
    *,
    tittel: str,
    avsender: str,
    administrativ_enhet: AdministrativEnhet,
    saksmappe: Saksmappe | None = None,
    saksbehandler=None,
    offentlig_tittel: str = "",
    tilgangskode: str | None = None,
    skjermingshjemmel: str = "",
    dokumentdato: datetime.date | None = None,
    forfallsdato: datetime.date | None = None,
    skjerm_korrespondanseparter: bool = False,
    adresse: str = "",
    postnummer: str = "",
    poststed: str = "",
    epost: str = "",
    avsender_som_part: bool = True,
    filer: tuple = (),
) -> Journalpost:
    """A new I post (status M) with its sender and files; a new case is opened with the
    post's title when none is given, and the sender becomes its party (rolle «Avsender»)
    unless `avsender_som_part` is False. Nothing is saved if any part is refused."""
    tillatelser.bruker(actor).krev("registrer_inngaaende")
    if not avsender.strip():
        raise DomainError("Oppgi avsender.", field="avsender")
    fordeling.krev_saksbehandler_i(administrativ_enhet, saksbehandler)
    ny_sak = saksmappe is None
    if ny_sak:
        saksmappe = opprett_sak(
            actor,
            tittel=tittel,
            offentlig_tittel=offentlig_tittel,
            tilgangskode=tilgangskode,
            skjermingshjemmel=skjermingshjemmel,
            administrativ_enhet=administrativ_enhet,
            saksansvarlig=saksbehandler,
            # A screened sender stays screened as the case's party.
            skjerm_parter=skjerm_korrespondanseparter,
        )
    post = registrer_journalpost(
        actor,
        saksmappe,
        journalposttype=Journalposttype.INNGAENDE,
        tittel=tittel,
        offentlig_tittel=offentlig_tittel,
        administrativ_enhet=administrativ_enhet,
        saksbehandler=saksbehandler,
        tilgangskode=tilgangskode,
        skjermingshjemmel=skjermingshjemmel,
        dokumentdato=dokumentdato,
        forfallsdato=forfallsdato,
        skjerm_korrespondanseparter=skjerm_korrespondanseparter,
    )
    Korrespondansepart.objects.create(
        journalpost=post,
        korrespondanseparttype=Korrespondanseparttype.AVSENDER,
        navn=avsender.strip(),
        adresse=adresse.strip(),
        postnummer=postnummer.strip(),
        poststed=poststed.strip(),
        epost=epost.strip(),
    )
    if ny_sak and avsender_som_part:
        _avsender_som_part(actor, saksmappe, avsender, adresse, postnummer, poststed, epost)
    for fil in filer:
        if fil:
            dokumenter.last_opp_dokument(actor, post, fil)
    return post


def _avsender_som_part(actor, sak, navn, adresse, postnummer, poststed, epost) -> Sakspart:
    """The sender as the new case's party. Archive opened the case for this letter in the
    same transaction (registrer_inngaaende's rule), so the case's party rule, which asks
    for innsyn in a restricted case, is not asked again here."""
    part = Sakspart.objects.create(
        saksmappe=sak,
        navn=navn.strip(),
        rolle="Avsender",
        adresse=adresse.strip(),
        postnummer=postnummer.strip(),
        poststed=poststed.strip(),
        epost=epost.strip(),
    )
    audit.record(actor, sak, "part lagt til", endringer={"part": {"for": None, "etter": part.navn}})
    return part
