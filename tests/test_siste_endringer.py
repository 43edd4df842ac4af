"""«Siste endringer» on archive's start page shows what people did to cases and posts, not the
system's own bookkeeping of roles and users (issue 15, item 10)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.services.journalposter import endre_status
from journal.services.registration import opprett_sak
from saksarkiv import audit, services
from tests.conftest import CANARY
from tests.factories import BrukerFactory
from tests.journal.flythjelp import inngaende

pytestmark = pytest.mark.django_db


def _siste_endringer(client, user) -> str:
    client.force_login(user)
    body = client.get(reverse("arbeidsbord")).content.decode()
    match = re.search(r'<section[^>]*aria-labelledby="siste-endringer">(.*?)</section>', body, re.S)
    return match.group(1) if match else ""


def test_only_what_people_did_to_cases_and_posts_is_shown(client, personas, org):
    admin = BrukerFactory(username="sysadm", first_name="Siri", last_name="Systemansvarlig")
    # The bookkeeping: a role given by the system administrator, a user made by the system.
    services.grant_role(admin, personas.saksbehandler, org.enhet_b, "SB")
    ny = BrukerFactory(username="nyansatt", first_name="Nina", last_name="Nyansatt")
    audit.record_created(None, ny)
    # The work: a case and an incoming post, received and journalised.
    sak = opprett_sak(personas.saksbehandler, tittel="Byggesøknad", administrativ_enhet=org.enhet_a)
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    post = endre_status(personas.saksbehandler, post, "motta")
    post = endre_status(personas.arkiv, post, "journalfor")
    # A change the system made to a post by itself (no person) is not someone's work either.
    audit.record(None, post, "systemkontroll")

    html = _siste_endringer(client, personas.arkiv)
    assert "Siste endringer" in html
    items = re.findall(r"<li>(.*?)</li>", html, re.S)
    journalfort = [item for item in items if ": journalfør <a" in item]
    assert len(journalfort) == 1 and "Arkiv Arkiv: journalfør" in journalfort[0]
    assert f'href="{reverse("journal:journalpost", args=[post.pk])}"' in journalfort[0]
    assert post.journalpostnummer in journalfort[0]
    assert any(f'href="{reverse("journal:sak", args=[sak.pk])}"' in item for item in items)
    for hidden in ("Siri", "Systemansvarlig", "Nina", "nyansatt", "rolle", "systemkontroll"):
        assert hidden not in html, hidden
    assert "System" not in re.sub(r"<[^>]+>", "", html)


def test_restricted_work_is_left_out_for_those_who_cannot_read_it(client, personas, org):
    hemmelig = opprett_sak(
        personas.saksbehandler_annen,
        tittel=f"Barnevernssak {CANARY}",
        offentlig_tittel="Barnevernssak *****",
        tilgangskode="U",
        administrativ_enhet=org.enhet_b,
    )
    apen = opprett_sak(
        personas.saksbehandler, tittel="Byggesøknad", administrativ_enhet=org.enhet_a
    )
    html = _siste_endringer(client, personas.arkiv)
    assert apen.saksnummer in html
    assert hemmelig.saksnummer not in html and CANARY not in html
    cleared = _siste_endringer(client, personas.klarert_u)
    assert cleared == ""  # «Siste endringer» is archive's


def test_the_start_page_stays_within_ten_queries(client, personas, org):
    sak = opprett_sak(personas.saksbehandler, tittel="Byggesøknad", administrativ_enhet=org.enhet_a)
    for _ in range(12):
        inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    client.force_login(personas.arkiv)
    client.get(reverse("arbeidsbord"))  # the session's first request stores its timeout
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(reverse("arbeidsbord")).content.decode()
    assert body.count('href="/journalposter/') >= 9
    assert len(ctx.captured_queries) <= 10
