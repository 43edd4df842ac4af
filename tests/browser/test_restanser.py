"""Daily follow-up in a real browser: a caseworker opens «Mine restanser» from the start
page, writes one post off with TE, and the count drops on the list and the start page."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Avskrivning, Journalpost
from journal.services.registration import opprett_sak, registrer_journalpost
from tests.browser.meny import gaa_til
from tests.conftest import PASSWORD


def _tile(page, name):
    return page.get_by_role("link", name=re.compile(rf"^{name} \d+$"))


def test_caseworker_writes_off_a_restanse_and_the_count_drops(page, log_in, personas, org):
    sb = personas.saksbehandler
    sak = opprett_sak(sb, tittel="Klage på vedtak om tilskudd", administrativ_enhet=org.enhet_a)
    today = timezone.localdate()
    for i, tittel in enumerate(("Klage fra Kari Nordmann", "Purring på svar", "Ny opplysning")):
        post = registrer_journalpost(
            personas.arkiv, sak, journalposttype="I", tittel=tittel, saksbehandler=sb
        )
        Journalpost.objects.filter(pk=post.pk).update(
            forfallsdato=today + datetime.timedelta(days=(-2, 3, 40)[i])
        )

    page.goto("/")
    log_in(sb.username, PASSWORD)
    expect(_tile(page, "Mine restanser")).to_have_text(re.compile(r"Mine restanser\s+3$"))
    _tile(page, "Mine restanser").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine restanser")
    expect(page.get_by_role("status")).to_have_text("Viser 1–3 av 3")
    overdue = page.get_by_role("row").filter(has_text="Klage fra Kari Nordmann")
    expect(overdue).to_contain_text("Forfalt")
    expect(page.get_by_role("row").filter(has_text="Purring på svar")).to_contain_text(
        "Forfaller snart"
    )

    overdue.get_by_role("link").first.click()
    # «Avskriv» is a next step in the panel at the top of the post page.
    page.get_by_role("region", name="Neste steg").locator(
        "summary", has_text=re.compile("^Avskriv$")
    ).click()
    form = page.get_by_role("form", name="Avskriv")
    form.get_by_label("Avskrivningsmåte").select_option("TE")
    form.get_by_role("button", name="Avskriv").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Tatt til etterretning (TE)")).to_be_visible()
    assert Avskrivning.objects.filter(
        journalpost__tittel="Klage fra Kari Nordmann", avskrivningsmaate="TE"
    ).exists()

    gaa_til(page, "Mitt arbeid", "Mine restanser")
    expect(page.get_by_role("status")).to_have_text("Viser 1–2 av 2")
    expect(page.get_by_text("Klage fra Kari Nordmann")).to_have_count(0)
    gaa_til(page, "Mitt arbeid", "Mitt arbeidsbord")
    expect(_tile(page, "Mine restanser")).to_have_text(re.compile(r"Mine restanser\s+2$"))
