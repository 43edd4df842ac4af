"""Archive registers incoming mail in one step: the case (existing or new), the I post with
its sender, the scanned main document and attachments, and who gets it (DOMAIN.md §8)."""

import datetime

from django.db import transaction

from saksarkiv.models import AdministrativEnhet
from saksarkiv.services import DomainError

from ..models import (
    Journalpost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
    Saksmappe,
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
    filer: tuple = (),
) -> Journalpost:
    """A new I post (status M) with its sender and files; a new case is opened with the
    post's title when none is given. Nothing is saved if any part is refused."""
    tillatelser.bruker(actor).krev("registrer_inngaaende")
    if not avsender.strip():
        raise DomainError("Oppgi avsender.", field="avsender")
    fordeling.krev_saksbehandler_i(administrativ_enhet, saksbehandler)
    if saksmappe is None:
        saksmappe = opprett_sak(
            actor,
            tittel=tittel,
            offentlig_tittel=offentlig_tittel,
            tilgangskode=tilgangskode,
            skjermingshjemmel=skjermingshjemmel,
            administrativ_enhet=administrativ_enhet,
            saksansvarlig=saksbehandler,
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
    for fil in filer:
        if fil:
            dokumenter.last_opp_dokument(actor, post, fil)
    return post
