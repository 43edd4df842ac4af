"""The journal post page in a real browser (issue 15 item 5): short, the next step first, the
rest in tabs that work with the keyboard (static/js/faner.js)."""

import pytest
from playwright.sync_api import expect

from journal.services.journalposter import legg_til_korrespondansepart
from journal.services.registration import opprett_sak
from tests.conftest import PASSWORD
from tests.journal.flythjelp import hoveddokument, inngaende

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The page used to be 3,000–4,000 px tall with every form open.
MAKS_HOYDE = 1400


@pytest.fixture
def post(personas, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    sak = opprett_sak(
        personas.saksbehandler, tittel="Byggesøknad Fjordvegen 5", administrativ_enhet=org.enhet_a
    )
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    for i in range(3):
        legg_til_korrespondansepart(
            personas.arkiv, post, korrespondanseparttype="EK", navn=f"Nabo {i}"
        )
        hoveddokument(post, personas.arkiv, som="H" if i == 0 else "V", nummer=i + 1)
    return post


def _hoyde(page) -> int:
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize("persona", ["saksbehandler", "arkiv", "leder"])
def test_the_post_page_is_short(page, log_in, personas, post, persona):
    page.goto(f"/journalposter/{post.pk}/")
    log_in(getattr(personas, persona).username, PASSWORD)
    expect(page.get_by_role("region", name="Neste steg")).to_be_visible()
    assert _hoyde(page) <= MAKS_HOYDE, _hoyde(page)


def test_next_step_and_tabs_by_keyboard(page, log_in, personas, post):
    page.goto(f"/journalposter/{post.pk}/")
    log_in(personas.saksbehandler.username, PASSWORD)
    neste = page.get_by_role("region", name="Neste steg")
    handlinger = neste.get_by_role("group", name="Handlinger")
    expect(handlinger.locator("[data-handling]").first).to_have_attribute("data-handling", "besvar")

    # Tabs: one panel at a time, the arrow keys move between them.
    faner = page.get_by_role("tablist")
    opplysninger = faner.get_by_role("tab", name="Opplysninger")
    dokumenter = faner.get_by_role("tab", name="Dokumenter")
    expect(opplysninger).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("tabpanel")).to_have_count(1)
    parter = page.locator("#korrespondanseparter")
    expect(parter).to_contain_text("Nabo 2")
    expect(parter).to_be_visible()
    opplysninger.focus()
    page.keyboard.press("ArrowRight")
    expect(dokumenter).to_be_focused()
    expect(dokumenter).to_have_attribute("aria-selected", "true")
    expect(parter).to_be_hidden()
    expect(page.get_by_role("tabpanel").get_by_role("table")).to_be_visible()
    page.keyboard.press("End")
    expect(faner.get_by_role("tab", name="Historikk")).to_be_focused()
    page.keyboard.press("Home")
    expect(opplysninger).to_have_attribute("aria-selected", "true")

    # A form opens in place; «Legg til dokument» under «Flere handlinger» opens its tab.
    neste.locator("summary", has_text="Avskriv").click()
    expect(page.get_by_role("form", name="Avskriv")).to_be_visible()
    neste.locator("summary", has_text="Flere handlinger").click()
    neste.get_by_role("link", name="Legg til dokument").click()
    expect(dokumenter).to_have_attribute("aria-selected", "true")
    expect(page.get_by_role("button", name="Last opp")).to_be_visible()


def test_a_saved_form_returns_to_its_tab(page, log_in, personas, post):
    page.goto(f"/journalposter/{post.pk}/")
    log_in(personas.saksbehandler.username, PASSWORD)
    neste = page.get_by_role("region", name="Neste steg")
    neste.locator("summary", has_text="Flere handlinger").click()
    neste.locator("summary", has_text="Ny merknad").click()
    skjema = page.get_by_role("form", name="Ny merknad")
    skjema.get_by_role("textbox").fill("Ringte søker om manglende tegninger.")
    skjema.get_by_role("button", name="Lagre merknad").click()
    expect(page.get_by_role("tab", name="Merknader")).to_have_attribute("aria-selected", "true")
    merknader = page.get_by_role("region", name="Merknader")
    expect(merknader.get_by_text("Ringte søker om manglende tegninger.")).to_be_visible()
