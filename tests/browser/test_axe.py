"""axe-core (the npm package `make test` installs, as for the public pages) on the pages a
caseworker lives in: the start page, the worklists, a journal post and its case, on a wide
screen and a phone.
Every rule axe runs by default (WCAG 2.0/2.1 A and AA and best practice) must pass; a failure
lists each violation's id, impact and the elements it found."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Journalpost
from journal.services.journalposter import endre_status
from journal.services.registration import opprett_sak
from tests.browser.test_postliste import axe_script, axe_violations  # noqa: F401 - a fixture
from tests.conftest import PASSWORD
from tests.journal.flythjelp import eget, hoveddokument, inngaende


def _brudd(page, axe_script) -> str:  # noqa: F811 - the fixture
    """The violations of every default rule on the page as readable lines; empty if none."""
    linjer = []
    for brudd in axe_violations(page, axe_script, tags=None):
        linjer.append(f"{brudd['id']} ({brudd['impact']}): {brudd['help']}")
        linjer.extend(f"    {node}" for node in brudd["nodes"])
    return "\n".join(linjer)


@pytest.fixture
def saksbehandlers_dag(personas, org):
    """A case of the caseworker's with an overdue received letter (sender, document) and a
    draft reply, and a second letter due soon, so the lists show their marks."""
    sb = personas.saksbehandler
    sak = opprett_sak(sb, tittel="Søknad om tilskudd til lag", administrativ_enhet=org.enhet_a)
    idag = timezone.localdate()
    brev = inngaende(personas.arkiv, sak, saksbehandler=sb, tittel="Søknad om tilskudd")
    hoveddokument(brev, personas.arkiv)
    brev = endre_status(sb, brev, "motta")
    purring = inngaende(personas.arkiv, sak, saksbehandler=sb, tittel="Purring på svar")
    Journalpost.objects.filter(pk=brev.pk).update(forfallsdato=idag - datetime.timedelta(days=2))
    Journalpost.objects.filter(pk=purring.pk).update(forfallsdato=idag + datetime.timedelta(days=2))
    eget(sb, sak, tittel="Svar på søknad om tilskudd", besvarer=brev)
    return sak, brev


SIDER = {
    "arbeidsbord": lambda sak, post: reverse("arbeidsbord"),
    "mine_restanser": lambda sak, post: reverse("journal:restanser"),
    "innboks": lambda sak, post: reverse("journal:innboks"),
    "journalpost": lambda sak, post: reverse("journal:journalpost", args=[post.pk]),
    "sak": lambda sak, post: reverse("journal:sak", args=[sak.pk]),
}


TELEFON = {"width": 390, "height": 844}


@pytest.mark.parametrize(
    "side, bredde",
    [*((side, "skjerm") for side in SIDER), ("mine_restanser", "telefon"), ("sak", "telefon")],
)
def test_the_caseworkers_pages_have_no_axe_violations(
    page,
    log_in,
    personas,
    saksbehandlers_dag,
    side,
    bredde,
    axe_script,  # noqa: F811
):
    sak, post = saksbehandlers_dag
    if bredde == "telefon":
        page.set_viewport_size(TELEFON)
    page.goto("/")
    log_in(personas.saksbehandler.username, PASSWORD)
    page.goto(SIDER[side](sak, post))
    page.wait_for_load_state("networkidle")
    brudd = _brudd(page, axe_script)
    assert not brudd, f"axe fant brudd på {page.url}:\n{brudd}"


def test_the_open_menu_on_a_phone_has_no_axe_violations(
    page,
    log_in,
    personas,
    org,
    axe_script,  # noqa: F811
):
    page.set_viewport_size(TELEFON)
    page.goto("/")
    log_in(personas.arkiv.username, PASSWORD)
    meny = page.get_by_role("navigation", name="Hovedmeny")
    meny.get_by_role("button", name="Meny").click()
    meny.get_by_role("button", name="Arkiv", exact=True).click()
    brudd = _brudd(page, axe_script)
    assert not brudd, f"axe fant brudd på {page.url}:\n{brudd}"
