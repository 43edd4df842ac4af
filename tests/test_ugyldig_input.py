"""Crafted input never gives a 500 (issue «Access on every action», finding 5): a keyset
cursor that does not fit the list's sort key gives the first page (saksarkiv/keyset.py), a
NUL byte in a parameter gives 400, and an overlong login name is refused beside the field
before django-axes sees it."""

import base64

import pytest
from django.urls import reverse

from journal.models import Journalpost
from tests.journal.flythjelp import inngaende, ny_sak

pytestmark = pytest.mark.django_db


def cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


CURSORS = [
    '{"k":["abc",1,1],"n":1}',
    '{"k":[2026,1,1],"n":1e999}',
    '{"k":[[1],[2],[3]],"n":1}',
    '{"k":[{"d":"2026-01-01"},"x",5],"n":1}',
    '{"k":[{"dt":"ikke en tid"},1,1],"n":1}',
    '{"k":[NaN,1,1],"n":1}',
    '{"k":"abc","n":1}',
    '{"k":[1,1,1],"n":-5}',
]


@pytest.fixture
def rader(personas, org):
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Byggesak om tillatelse")
    for _ in range(3):
        inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    return Journalpost.objects.count()


@pytest.mark.parametrize("raw", CURSORS)
@pytest.mark.parametrize(
    ("who", "url", "params"),
    [
        ("saksbehandler", "/sok/", {"q": "tillatelse"}),
        ("saksbehandler", "/restanser/", {}),
        ("saksbehandler", "/innboks/", {}),
        ("arkiv", "/arkivkontroll/", {}),
        ("leder", "/rapporter/restanser/", {}),
    ],
)
def test_a_crafted_cursor_gives_the_first_page(client, personas, rader, who, url, params, raw):
    client.force_login(getattr(personas, who))
    response = client.get(url, {**params, "etter": cursor(raw)})
    assert response.status_code in (200, 400), response.status_code


@pytest.mark.parametrize(
    "url",
    ["/saker/lignende/?tittel=a%00b", "/rapporter/lagrede/?periode=%00", "/sok/?q=bygg%00"],
)
def test_a_nul_byte_is_a_400_not_a_500(client, personas, url):
    client.force_login(personas.leder)
    response = client.get(url)
    assert response.status_code == 400
    assert "Ugyldig tegn" in response.content.decode()


def test_a_nul_byte_in_a_form_is_a_400(client, personas, org):
    client.force_login(personas.saksbehandler)
    response = client.post(
        reverse("journal:ny_sak"), {"tittel": "a\x00b", "administrativ_enhet": org.enhet_a.pk}
    )
    assert response.status_code == 400


def test_an_overlong_login_name_is_refused_beside_the_field(client, personas):
    response = client.post(
        reverse("login"),
        {"username": "x" * 300, "password": "feil-passord"},
        REMOTE_ADDR="10.9.8.7",
    )
    assert response.status_code == 200
    assert "Brukernavnet" in response.content.decode() or "tegn" in response.content.decode()
