"""The public meeting calendar in a real browser: axe-core finds no WCAG 2.1 A/AA violations
on /moter/ and a meeting's page, and the filter works with the keyboard alone and without
JavaScript."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_postliste import axe_script, axe_violations  # noqa: F401 - a fixture
from utvalg.models import Mote, Utvalg


def _plan():
    aar = timezone.localdate().year
    kst = Utvalg.objects.create(kode="KST", navn="Kommunestyret", rekkefolge=30)
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet", rekkefolge=20)
    for maaned in (2, 6, 10):
        Mote.objects.create(utvalg=kst, dato=dt.date(aar, maaned, 12), klokkeslett=dt.time(18),
                            sted="Kommunestyresalen")  # fmt: skip
    Mote.objects.create(utvalg=fsk, dato=dt.date(aar, 3, 5), klokkeslett=dt.time(9),
                        sted="Formannskapssalen", status="A", merknad="Ingen saker")  # fmt: skip
    return aar


def test_the_calendar_is_accessible_and_works_by_keyboard(page, org, axe_script):  # noqa: F811
    aar = _plan()
    page.goto(f"/moter/?aar={aar}")
    expect(page.get_by_role("heading", name=f"Møtekalender {aar}")).to_be_visible()
    assert axe_violations(page, axe_script) == []
    # Keyboard only: the first committee after «Alle utvalg» is the executive committee.
    page.get_by_role("combobox", name="Utvalg").focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("combobox", name="Utvalg")).to_have_value("FSK")
    page.keyboard.press("Tab")  # the year
    page.keyboard.press("Tab")  # «Vis»
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Formannskapet, {aar}")).to_be_visible()
    expect(page.get_by_text("Avlyst", exact=True)).to_be_visible()
    page.get_by_role("link", name="5. mars").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Formannskapet")
    assert axe_violations(page, axe_script) == []


def test_the_calendar_works_without_javascript(browser, live_server, org):
    aar = _plan()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"/moter/?aar={aar}")
        page.get_by_role("combobox", name="Utvalg").select_option(label="Kommunestyret")
        page.get_by_role("button", name="Vis").click()
        expect(page.get_by_role("heading", name=f"Kommunestyret, {aar}")).to_be_visible()
        expect(page.get_by_role("row")).to_have_count(4)  # the header and three meetings
    finally:
        context.close()
