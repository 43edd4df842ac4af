"""Restanser in a known state on a fixed day, for the report, job and transfer tests."""

import datetime
from dataclasses import dataclass

import pytest

from journal.models import Journalpost
from journal.services.avskrivning import avskriv
from journal.services.journalposter import legg_til_korrespondansepart
from tests.conftest import CANARY
from tests.journal.flythjelp import eget, fersk, inngaende, ny_sak, sendt

DAG = datetime.date(2026, 11, 23)  # a Monday
HEMMELIG_TITTEL = f"Barnevernsmelding om {CANARY} Olsen"
OFFENTLIG_TITTEL = "Barnevernsmelding om ***** *****"
HEMMELIG_AVSENDER = f"{CANARY} Avsendersen"


@dataclass
class Restanser:
    forfalt: Journalpost  # I to saksbehandler, due 15.10.2026: overdue
    snart: Journalpost  # I to saksbehandler, due in 3 days
    skjermet: Journalpost  # I to saksbehandler, access code U, screened sender
    avskrevet: Journalpost  # written off: no restanse
    notat: Journalpost  # N from saksbehandler to stedfortreder, sent
    ufordelt: Journalpost  # I in enhet_a without caseworker
    annen_enhet: Journalpost  # I to saksbehandler_annen in enhet_b

    def restanser(self) -> set[int]:
        return {
            p.pk
            for p in (
                self.forfalt,
                self.snart,
                self.skjermet,
                self.notat,
                self.ufordelt,
                self.annen_enhet,
            )
        }


def _dato(post, **fields):
    Journalpost.objects.filter(pk=post.pk).update(**fields)
    return fersk(post)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def restanser(personas, org) -> Restanser:
    arkiv, sb = personas.arkiv, personas.saksbehandler
    sak = ny_sak(sb, org.enhet_a)
    forfalt = _dato(
        inngaende(arkiv, sak, saksbehandler=sb, tittel="Søknad om dispensasjon"),
        journaldato=datetime.date(2026, 10, 1),
        forfallsdato=datetime.date(2026, 10, 15),
    )
    snart = _dato(
        inngaende(arkiv, sak, saksbehandler=sb, tittel="Nabovarsel"),
        journaldato=datetime.date(2026, 11, 2),
        forfallsdato=DAG + datetime.timedelta(days=3),
    )
    skjermet = inngaende(
        arkiv,
        sak,
        saksbehandler=sb,
        tittel=HEMMELIG_TITTEL,
        offentlig_tittel=OFFENTLIG_TITTEL,
        tilgangskode="U",
        skjerm_korrespondanseparter=True,
    )
    legg_til_korrespondansepart(
        arkiv, skjermet, korrespondanseparttype="EA", navn=HEMMELIG_AVSENDER
    )
    skjermet = _dato(skjermet, journaldato=datetime.date(2026, 11, 10))
    avskrevet = inngaende(arkiv, sak, saksbehandler=sb, tittel="Takk for svaret")
    avskriv(sb, avskrevet, "TE")
    notat = eget(sb, sak, "N", tittel="Notat om befaring")
    legg_til_korrespondansepart(
        sb, notat, korrespondanseparttype="IM", person=personas.stedfortreder, enhet=org.enhet_a
    )
    notat = _dato(sendt(notat), journaldato=datetime.date(2026, 11, 20))
    ufordelt = _dato(
        inngaende(arkiv, sak, tittel="Henvendelse uten saksbehandler"),
        journaldato=datetime.date(2026, 11, 20),
    )
    sak_b = ny_sak(personas.saksbehandler_annen, org.enhet_b, tittel="Sak i annen enhet")
    annen_enhet = _dato(
        inngaende(arkiv, sak_b, saksbehandler=personas.saksbehandler_annen, tittel="Annen post"),
        journaldato=datetime.date(2026, 11, 5),
    )
    return Restanser(forfalt, snart, skjermet, fersk(avskrevet), notat, ufordelt, annen_enhet)
