"""Shared fixtures: an organisation with one persona per role (STYLE.md §3)."""

import importlib
from dataclasses import dataclass

import pytest

from saksarkiv.models import AdministrativEnhet, Bruker
from tests import klokke
from tests.factories import BrukerFactory, EnhetFactory, KlareringFactory, RolleFactory

PASSWORD = "riktig-passord-123"
CANARY = "KANARIFUGL"


@dataclass
class Org:
    kommune: AdministrativEnhet
    sektor_a: AdministrativEnhet
    enhet_a: AdministrativEnhet
    sektor_b: AdministrativEnhet
    enhet_b: AdministrativEnhet
    arkiv_enhet: AdministrativEnhet


@dataclass
class Personas:
    arkiv: Bruker
    leder: Bruker  # leads enhet_a
    sektorleder: Bruker  # leads sektor_a (above enhet_a)
    stedfortreder: Bruker  # deputy in enhet_a
    saksbehandler: Bruker  # caseworker in enhet_a
    saksbehandler_annen: Bruker  # caseworker in enhet_b
    leder_annen: Bruker  # leads enhet_b
    radmann: Bruker
    motesekretaer: Bruker
    politiker: Bruker  # no roles; committee membership comes with utvalg
    klarert_u: Bruker  # caseworker in enhet_b cleared for U everywhere

    def all(self) -> dict[str, Bruker]:
        return dict(vars(self))


def ensure_access_codes():
    """Seed the access-code catalogue as migration 0002 does. Transactional tests (live
    server, real worker) flush the database afterwards, data migrations' rows included."""
    from django.apps import apps

    importlib.import_module("saksarkiv.migrations.0002_tilgangskoder").seed(apps, None)


@pytest.fixture
def org(db) -> Org:
    ensure_access_codes()
    kommune = EnhetFactory(kode="KOM", navn="Testvik kommune")
    sektor_a = EnhetFactory(kode="SA", navn="Sektor A", parent=kommune)
    sektor_b = EnhetFactory(kode="SB", navn="Sektor B", parent=kommune)
    enhet_a = EnhetFactory(kode="A1", navn="Byggesak", parent=sektor_a)
    enhet_b = EnhetFactory(kode="B1", navn="Barnevern", parent=sektor_b)
    arkiv_enhet = EnhetFactory(kode="DOK", navn="Dokumentsenteret", parent=kommune)
    units = (kommune, sektor_a, enhet_a, sektor_b, enhet_b, arkiv_enhet)
    for unit in units:  # sorted inserts move siblings' paths: read them back
        unit.refresh_from_db()
    return Org(*units)


def _person(username, *roles, first="Test", last=None):
    person = BrukerFactory(username=username, first_name=first, last_name=last or username.title())
    for rolle, enhet in roles:
        RolleFactory(person=person, rolle=rolle, enhet=enhet, standard=True)
    return person


@pytest.fixture
def personas(org) -> Personas:
    klarert = _person("klarert", ("SB", org.enhet_b))
    KlareringFactory(person=klarert, tilgangskode_id="U")
    return Personas(
        arkiv=_person("arkiv", ("ARK", org.arkiv_enhet), first="Arkiv"),
        leder=_person("leder", ("LED", org.enhet_a), first="Leder"),
        sektorleder=_person("sektorleder", ("LED", org.sektor_a)),
        stedfortreder=_person("stedfortreder", ("SF", org.enhet_a), ("SB", org.enhet_a)),
        saksbehandler=_person("saksbehandler", ("SB", org.enhet_a), first="Sara"),
        saksbehandler_annen=_person("annen", ("SB", org.enhet_b)),
        leder_annen=_person("leder_annen", ("LED", org.enhet_b)),
        radmann=_person("radmann", ("RAD", org.kommune)),
        motesekretaer=_person("motesekretaer", ("MS", org.kommune)),
        politiker=_person("politiker"),
        klarert_u=klarert,
    )


@pytest.fixture
def login(client):
    """login(user) logs the test client in as user and returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


def _transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    transaction = bool(marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))
    return transaction or bool({"transactional_db", "live_server"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _reseed_after_flush(request, django_db_blocker):
    """A transactional test ends with a flush that also empties the rows data migrations
    seeded (the access codes). Seed them again afterwards, so that the tests after it, in any
    order or selection (-m datofolsom), find the database as migrate left it."""
    yield
    if _transactional(request):
        with django_db_blocker.unblock():
            ensure_access_codes()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database with PostgreSQL's clock following the test clock (tests/klokke.py)."""
    from django.db import connection

    with django_db_blocker.unblock():
        klokke.installer_i_postgres(connection)
