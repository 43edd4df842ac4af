"""Restanser in a known state for the report, job and transfer tests, built relative to the
day the test runs (the frozen clock's day, tests/klokke.py), never on a fixed date: the
organisation's roles are valid from the day they are made, and posts are numbered in the
year they are journalised."""

import datetime
from dataclasses import dataclass

import pytest

from journal.models import Journalpost
from journal.services.avskrivning import avskriv
from journal.services.journalposter import legg_til_korrespondansepart
from tests.conftest import CANARY
from tests.journal.flythjelp import eget, fersk, inngaende, ny_sak, sendt

HEMMELIG_TITTEL = f"Barnevernsmelding om {CANARY} Olsen"
OFFENTLIG_TITTEL = "Barnevernsmelding om ***** *****"
HEMMELIG_AVSENDER = f"{CANARY} Avsendersen"

# Days before `dag`: when each restanse was journalised, and the overdue letter's due date.
FORFALT_JOURNALFORT = 53
FORFALT_FRIST = 39  # the overdue letter is this many days past its due date on `dag`
SNART_JOURNALFORT = 21
SKJERMET_JOURNALFORT = 13
ANNEN_ENHET_JOURNALFORT = 18
NOTAT_JOURNALFORT = 3
SNART_FRIST_OM = 3  # days after `dag`: the letter due soon


def dager(n: int) -> datetime.timedelta:
    return datetime.timedelta(days=n)


@dataclass
class Restanser:
    forfalt: Journalpost  # I to saksbehandler, due FORFALT_FRIST days ago: overdue
    snart: Journalpost  # I to saksbehandler, due in SNART_FRIST_OM days
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


@pytest.fixture
def dag(klokke) -> datetime.date:
    """The day the data is made on and the jobs and reports run for: today on the frozen
    clock. A module whose job runs only on some days overrides this fixture with one that
    moves the clock there (`klokke.til_arbeidsdag()`, `klokke.flytt_til(...)`) and returns
    the day; `org` below asks for it first, so nothing is made before the clock moved."""
    return klokke.dag


@pytest.fixture
def org(dag, org):
    """The shared organisation (tests/conftest.py), made on `dag`."""
    return org


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def restanser(dag, personas, org) -> Restanser:
    arkiv, sb = personas.arkiv, personas.saksbehandler
    sak = ny_sak(sb, org.enhet_a, opprettet=dag - dager(FORFALT_JOURNALFORT))
    forfalt = inngaende(
        arkiv,
        sak,
        saksbehandler=sb,
        tittel="Søknad om dispensasjon",
        journaldato=dag - dager(FORFALT_JOURNALFORT),
        forfallsdato=dag - dager(FORFALT_FRIST),
    )
    snart = inngaende(
        arkiv,
        sak,
        saksbehandler=sb,
        tittel="Nabovarsel",
        journaldato=dag - dager(SNART_JOURNALFORT),
        forfallsdato=dag + dager(SNART_FRIST_OM),
    )
    skjermet = inngaende(
        arkiv,
        sak,
        saksbehandler=sb,
        tittel=HEMMELIG_TITTEL,
        offentlig_tittel=OFFENTLIG_TITTEL,
        tilgangskode="U",
        skjerm_korrespondanseparter=True,
        journaldato=dag - dager(SKJERMET_JOURNALFORT),
    )
    legg_til_korrespondansepart(
        arkiv, skjermet, korrespondanseparttype="EA", navn=HEMMELIG_AVSENDER
    )
    avskrevet = inngaende(arkiv, sak, saksbehandler=sb, tittel="Takk for svaret")
    avskriv(sb, avskrevet, "TE")
    notat = eget(
        sb, sak, "N", tittel="Notat om befaring", journaldato=dag - dager(NOTAT_JOURNALFORT)
    )
    legg_til_korrespondansepart(
        sb, notat, korrespondanseparttype="IM", person=personas.stedfortreder, enhet=org.enhet_a
    )
    notat = sendt(notat)
    ufordelt = inngaende(
        arkiv,
        sak,
        tittel="Henvendelse uten saksbehandler",
        journaldato=dag - dager(NOTAT_JOURNALFORT),
    )
    sak_b = ny_sak(
        personas.saksbehandler_annen,
        org.enhet_b,
        tittel="Sak i annen enhet",
        opprettet=dag - dager(ANNEN_ENHET_JOURNALFORT),
    )
    annen_enhet = inngaende(
        arkiv,
        sak_b,
        saksbehandler=personas.saksbehandler_annen,
        tittel="Annen post",
        journaldato=dag - dager(ANNEN_ENHET_JOURNALFORT),
    )
    return Restanser(
        forfalt, snart, fersk(skjermet), fersk(avskrevet), notat, ufordelt, annen_enhet
    )
