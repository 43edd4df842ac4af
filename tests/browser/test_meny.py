"""The grouped main menu on a 390 px phone (static/js/meny.js): the «Meny» button opens it,
every entry is reached with Tab (opening each group with Enter), Escape closes the open group
and then the menu; without JavaScript every entry is a plain visible link; wide tables scroll
inside their container (which then joins the tab order) instead of widening the page."""

from django.urls import reverse
from playwright.sync_api import expect

from journal.services.registration import opprett_sak, registrer_journalpost
from saksarkiv.navigation import menu_for
from tests.conftest import PASSWORD

TELEFON = {"width": 390, "height": 844}

AKTIVT = """() => {
  const el = document.activeElement;
  return {
    tag: el.tagName,
    href: el.getAttribute("href"),
    expanded: el.getAttribute("aria-expanded"),
    tekst: el.textContent.trim(),
    iMeny: !!el.closest("#hovedmeny"),
  };
}"""


def _menyens_lenker(user):
    return [p["url"] for g in menu_for(user, "/") for p in g["punkter"]]


def test_the_menu_button_opens_the_menu_and_every_entry_is_reached_by_keyboard(
    page, log_in, personas
):
    page.set_viewport_size(TELEFON)
    page.goto("/")
    log_in(personas.arkiv.username, PASSWORD)
    meny = page.get_by_role("navigation", name="Hovedmeny")
    knapp = meny.get_by_role("button", name="Meny", exact=True)
    expect(knapp).to_be_visible()
    expect(knapp).to_have_attribute("aria-expanded", "false")
    expect(knapp).to_have_attribute("aria-controls", "hovedmeny-grupper")
    expect(meny.get_by_role("button", name="Mitt arbeid")).to_be_hidden()
    expect(meny.get_by_role("link")).to_have_count(0)  # none visible, none in the tab order

    knapp.click()
    expect(knapp).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#hovedmeny-grupper")).to_be_visible()
    grupper = meny.locator(".hovedmeny__gruppeknapp")
    expect(grupper).to_have_text(
        [
            "Mitt arbeid",
            "Saker og post",
            "Møter",
            "Arkiv",
            "Leder",
            "Virksomhetsplan",
            "Rapporter",
            "Admin",
        ]
    )
    expect(meny.get_by_role("button", name="Mitt arbeid")).to_have_attribute(
        "aria-current", "true"
    )  # the start page's group

    # Tab from the menu button through the menu; each closed group is opened with Enter.
    knapp.focus()
    naadd, aapnet = [], []
    for _ in range(100):
        page.keyboard.press("Tab")
        aktiv = page.evaluate(AKTIVT)
        if not aktiv["iMeny"]:
            break
        if aktiv["tag"] == "BUTTON" and aktiv["expanded"] == "false":
            page.keyboard.press("Enter")
            expect(meny.get_by_role("button", name=aktiv["tekst"], exact=True)).to_have_attribute(
                "aria-expanded", "true"
            )
            aapnet.append(aktiv["tekst"])
        elif aktiv["tag"] == "A":
            expect(meny.locator(f'a[href="{aktiv["href"]}"]')).to_be_focused()
            naadd.append(aktiv["href"])
    assert aapnet == grupper.all_text_contents()
    assert naadd == _menyens_lenker(personas.arkiv)
    # Tabbing out of a group closed it, the last one too when focus left the menu.
    expect(meny.locator('.hovedmeny__gruppeknapp[aria-expanded="true"]')).to_have_count(0)

    # Escape closes the open group and gives focus back to its button, then closes the menu.
    arkiv = meny.get_by_role("button", name="Arkiv", exact=True)
    arkiv.click()
    page.keyboard.press("Tab")
    expect(meny.get_by_role("link", name="Arkivkontroll")).to_be_focused()
    page.keyboard.press("Escape")
    expect(arkiv).to_have_attribute("aria-expanded", "false")
    expect(arkiv).to_be_focused()
    expect(meny.get_by_role("link", name="Arkivkontroll")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(knapp).to_have_attribute("aria-expanded", "false")
    expect(knapp).to_be_focused()
    expect(arkiv).to_be_hidden()

    # A link opened from the menu marks its entry and its group on the next page.
    knapp.click()
    arkiv.click()
    meny.get_by_role("link", name="Endringslogg").click()
    expect(page).to_have_url(f"{page.url.split('/', 3)[0]}//{page.url.split('/')[2]}/endringslogg/")
    meny.get_by_role("button", name="Meny").click()
    expect(meny.get_by_role("button", name="Arkiv")).to_have_attribute("aria-current", "true")
    meny.get_by_role("button", name="Arkiv").click()
    expect(meny.get_by_role("link", name="Endringslogg")).to_have_attribute("aria-current", "page")


def test_a_group_closes_on_a_click_elsewhere_and_one_group_is_open_at_a_time(
    page, log_in, personas
):
    page.goto("/")
    log_in(personas.leder.username, PASSWORD)
    meny = page.get_by_role("navigation", name="Hovedmeny")
    expect(meny.get_by_role("button", name="Meny")).to_be_hidden()  # wide screen: no need
    mitt = meny.get_by_role("button", name="Mitt arbeid", exact=True)
    leder = meny.get_by_role("button", name="Leder", exact=True)
    mitt.click()
    expect(meny.get_by_role("link", name="Innboks")).to_be_visible()
    leder.click()
    expect(meny.get_by_role("link", name="Innboks")).to_be_hidden()
    expect(mitt).to_have_attribute("aria-expanded", "false")
    expect(meny.get_by_role("link", name="Ufordelte")).to_be_visible()
    page.get_by_role("contentinfo").click()
    expect(leder).to_have_attribute("aria-expanded", "false")
    expect(meny.get_by_role("link", name="Ufordelte")).to_be_hidden()


def test_without_javascript_every_entry_is_a_visible_link(browser, live_server, personas):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, viewport=TELEFON, locale="nb-NO"
    )
    try:
        page = context.new_page()
        page.goto("/logg-inn/")
        page.get_by_role("textbox", name="Brukernavn", exact=True).fill(
            personas.saksbehandler.username
        )
        page.get_by_role("textbox", name="Passord", exact=True).fill(PASSWORD)
        page.get_by_role("button", name="Logg inn").click()
        meny = page.get_by_role("navigation", name="Hovedmeny")
        expect(meny.get_by_role("button", name="Meny")).to_be_hidden()
        lenker = _menyens_lenker(personas.saksbehandler)
        expect(meny.get_by_role("link")).to_have_count(len(lenker))
        for href in lenker:
            expect(meny.locator(f'a[href="{href}"]')).to_be_visible()
    finally:
        context.close()


def test_a_wide_table_scrolls_in_its_container_on_a_phone(page, log_in, personas, org):
    sb = personas.saksbehandler
    sak = opprett_sak(sb, tittel="Klage på vedtak om tilskudd", administrativ_enhet=org.enhet_a)
    for tittel in ("Klage fra Kari Nordmann", "Purring på svar", "Ny opplysning"):
        registrer_journalpost(
            personas.arkiv, sak, journalposttype="I", tittel=tittel, saksbehandler=sb
        )
    page.set_viewport_size(TELEFON)
    page.goto("/")
    log_in(sb.username, PASSWORD)
    page.goto(reverse("journal:restanser"))
    expect(page.get_by_role("table")).to_be_visible()
    bredder = page.evaluate(
        """() => ({side: document.documentElement.scrollWidth,
                   vindu: document.documentElement.clientWidth,
                   tabell: document.querySelector("main table").scrollWidth})"""
    )
    # The table is wider than the phone, yet the page is not: its container scrolls.
    assert bredder["tabell"] > bredder["vindu"] >= bredder["side"], bredder
    # A keyboard user can scroll it: the container is in the tab order.
    expect(page.locator("main table").locator("xpath=..")).to_have_attribute("tabindex", "0")
    page.set_viewport_size({"width": 1600, "height": 900})
    expect(page.locator("main table").locator("xpath=..")).not_to_have_attribute("tabindex", "0")
