"""Log in, log out, password reset, lockout and keyboard access, in a real browser."""

import re

from django.conf import settings
from playwright.sync_api import expect

from tests.conftest import PASSWORD

LOGIN_URL = re.compile(r"/logg-inn/(\?.*)?$")
START_URL = re.compile(r"/$")
NEW_PASSWORD = "Tidevann-over-Fjordlys-2025"


def test_caseworker_logs_in_sees_start_page_and_logs_out(page, log_in, personas):
    page.goto("/")
    expect(page).to_have_url(LOGIN_URL)  # the start page needs a login

    log_in(personas.saksbehandler.username, PASSWORD)

    expect(page).to_have_url(START_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Mitt arbeidsbord")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_visible()
    roller = page.get_by_role("region", name="Mine roller").get_by_role("table")
    row = roller.get_by_role("row").filter(has=page.get_by_role("cell", name="Byggesak"))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(0)).to_contain_text("Saksbehandler")
    expect(row.get_by_role("cell").nth(1)).to_have_text("Byggesak")

    page.screenshot(path="/tmp/saksarkiv-browser/arbeidsbord.png", full_page=True)

    page.get_by_role("button", name="Logg ut").click()
    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()
    expect(page.get_by_role("button", name="Logg ut")).to_have_count(0)
    page.goto("/")
    expect(page).to_have_url(LOGIN_URL)  # logged out for real


def test_wrong_password_gives_a_clear_message(page, log_in, personas):
    log_in(personas.saksbehandler.username, "feil-passord-999")

    expect(page).to_have_url(LOGIN_URL)
    expect(page.get_by_role("alert")).to_contain_text("Feil brukernavn eller passord")
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()
    expect(page.get_by_role("button", name="Logg ut")).to_have_count(0)
    page.goto("/")
    expect(page).to_have_url(LOGIN_URL)


def test_password_reset_by_email(page, log_in, personas, mailoutbox):
    user = personas.saksbehandler
    page.goto("/logg-inn/")
    page.get_by_role("link", name="Glemt passord?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Glemt passord?")
    page.get_by_role("textbox", name="E-postadresse").fill(user.email)
    page.get_by_role("button", name="Send lenke").click()
    expect(page.get_by_role("heading", name="Sjekk e-posten din")).to_be_visible()

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [user.email]
    assert mail.subject == "Nytt passord i Saksarkiv"
    links = re.findall(r"https?://\S+/nytt-passord/\S+/", mail.body)
    assert len(links) == 1, mail.body
    link = links[0]

    page.goto(link)
    expect(page.get_by_role("heading", name="Velg nytt passord")).to_be_visible()
    page.get_by_role("textbox", name="Nytt passord", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("textbox", name="Bekreft nytt passord", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Lagre passord").click()
    expect(page.get_by_role("heading", name="Passordet er endret")).to_be_visible()

    page.get_by_role("link", name="logge inn").click()
    log_in(user.username, NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Mitt arbeidsbord")).to_be_visible()

    page.goto(link)  # the link works once only
    expect(page.get_by_role("heading", name="Lenken virker ikke")).to_be_visible()
    expect(page.get_by_role("textbox", name="Nytt passord", exact=True)).to_have_count(0)


def test_lockout_after_repeated_failures(page, log_in, personas):
    username = personas.saksbehandler.username
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        log_in(username, "feil-passord-999")
        expect(page.get_by_role("alert")).to_contain_text("Feil brukernavn eller passord")
    log_in(username, "feil-passord-999")
    expect(page.get_by_role("heading", name="Innloggingen er midlertidig sperret")).to_be_visible()

    log_in(username, PASSWORD)  # the right password does not help while locked out

    expect(page.get_by_role("heading", name="Innloggingen er midlertidig sperret")).to_be_visible()
    expect(page.get_by_role("button", name="Logg ut")).to_have_count(0)
    page.goto("/")
    expect(page).to_have_url(LOGIN_URL)


def test_skip_link_is_first_tab_stop(page):
    page.goto("/logg-inn/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hopp til hovedinnhold")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # visible when focused, not left off-screen

    page.keyboard.press("Enter")
    expect(page.locator("main#innhold")).to_be_focused()
