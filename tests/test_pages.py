"""Every page of the foundation × every persona, navigation by role, query counts."""

import pytest
from django.urls import reverse

from saksarkiv import audit
from tests.conftest import CANARY

pytestmark = pytest.mark.django_db

PAGES = ["arbeidsbord", "organisasjon", "endringslogg", "admin:index"]
# Expected status per persona; everything not listed is 200.
EXPECTED = {
    "endringslogg": {"*": 403, "arkiv": 200},
    "admin:index": {"*": 302},  # the admin's own login: no persona is staff
}


def expected_status(page: str, persona: str) -> int:
    rules = EXPECTED.get(page, {})
    return rules.get(persona, rules.get("*", 200))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_for_every_persona(client, personas, org, page):
    audit.record(
        personas.klarert_u,
        org.enhet_a,
        "endret",
        objekt_tekst="Sak 2026/1",
        endringer={"tittel": {"for": CANARY, "etter": CANARY}},
        tilgangskode_id="U",
        enhet_id=org.enhet_a.pk,
    )
    for name, user in personas.all().items():
        client.force_login(user)
        response = client.get(reverse(page))
        assert response.status_code == expected_status(page, name), (page, name)
        if name != "klarert_u":
            assert CANARY not in response.content.decode(), (page, name)
    client.logout()
    response = client.get(reverse(page))
    assert response.status_code == 302, page


def test_menu_follows_the_roles(client, personas):
    client.force_login(personas.arkiv)
    body = client.get(reverse("arbeidsbord")).content.decode()
    assert 'aria-label="Hovedmeny"' in body and ">Endringslogg<" in body
    client.force_login(personas.saksbehandler)
    body = client.get(reverse("arbeidsbord")).content.decode()
    assert ">Endringslogg<" not in body and ">Administrasjon<" not in body
    assert 'aria-current="page"' in body


def test_start_page_shows_roles_and_clearances(client, personas):
    client.force_login(personas.klarert_u)
    body = client.get(reverse("arbeidsbord")).content.decode()
    assert "Saksbehandler" in body and "Barnevern" in body
    assert "Unntatt offentlighet" in body and "Alle enheter" in body


def test_organisation_page_shows_the_tree_with_leaders(client, personas, org):
    client.force_login(personas.saksbehandler)
    body = client.get(reverse("organisasjon")).content.decode()
    assert body.index("Testvik kommune") < body.index("Sektor A") < body.index("Byggesak")
    assert "Leder Leder (leder)" in body
    assert "Test Stedfortreder (stedfortreder)" in body


@pytest.mark.parametrize("page", ["arbeidsbord", "organisasjon", "endringslogg"])
def test_query_count_does_not_grow_with_rows(
    client, personas, org, page, django_assert_max_num_queries
):
    from tests.factories import EnhetFactory, RolleFactory

    for i in range(25):
        unit = EnhetFactory(parent=org.sektor_b, navn=f"Avdeling {i}")
        RolleFactory(person=personas.leder_annen, enhet=unit, rolle="LED")
        audit.record(personas.leder, unit, "endret")
    client.force_login(personas.arkiv)
    client.get(reverse(page))
    # The start page adds the worklist counts (one query) and the user's units.
    with django_assert_max_num_queries(10):
        assert client.get(reverse(page)).status_code == 200


def test_health_check(client):
    response = client.get(reverse("helse"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_unknown_page_is_a_norwegian_404(client, personas):
    client.force_login(personas.saksbehandler)
    response = client.get("/finnes-ikke/")
    assert response.status_code == 404
    assert "Fant ikke siden" in response.content.decode()
