"""The agenda in a real browser (issue 17, item 3): the meeting secretary picks cases from
the committee's queue onto a meeting, reorders them with the keyboard alone — the focus
stays on the moved case and a screen reader hears its new place — drags one by its handle,
and numbers the agenda."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.journal.flythjelp import ny_sak
from tests.utvalg.motehjelp import mote, ps, rs
from utvalg.models import Sakskartpunkt, Utvalg


def _rekkefolge(page, gruppe: str) -> list[str]:
    liste = page.locator(f"ol.sakskart[data-gruppe='{gruppe}'] > li")
    return [t.strip() for t in liste.locator(".sakskart__tittel a").all_inner_texts()]


def test_the_secretary_builds_and_orders_an_agenda_by_keyboard(page, log_in, personas, org):
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Politiske saker 2026")
    for tittel in ("Budsjett", "Skolestruktur", "Ny barnehage"):
        ps(personas, sak, fsk, tittel)
    rs(personas, sak, fsk, "Invitasjon til dugnad")
    dato = timezone.localdate() + dt.timedelta(days=30)
    moetet = mote(personas, fsk, dato)

    page.goto(f"/utvalg/moter/{moetet.pk}/")
    log_in(personas.motesekretaer.username, PASSWORD)
    koen = page.get_by_role("region", name="Fra kølisten")
    for tittel in ("Budsjett", "Skolestruktur", "Ny barnehage", "Invitasjon til dugnad"):
        koen.get_by_role("checkbox", name=tittel).check()
    koen.get_by_role("button", name="Sett valgte saker på sakskartet").click()
    expect(page.get_by_text("4 saker er satt på sakskartet.")).to_be_visible()
    assert _rekkefolge(page, "PS") == ["Budsjett", "Skolestruktur", "Ny barnehage"]
    expect(page.get_by_role("heading", name="Faste saker")).to_be_visible()
    expect(page.get_by_role("heading", name="Referatsaker")).to_be_visible()

    # Keyboard only: «Ny barnehage» up twice; the focus stays with it and each move is read.
    opp = page.get_by_role("button", name="Flytt «Ny barnehage» opp")
    opp.focus()
    page.keyboard.press("Enter")
    status = page.locator("#sakskart-status")
    expect(status).to_have_text("«Ny barnehage» flyttet til plass 2 av 3 i politiske saker.")
    expect(opp).to_be_focused()
    page.keyboard.press("Enter")
    expect(status).to_have_text("«Ny barnehage» flyttet til plass 1 av 3 i politiske saker.")
    # First now: «Opp» is off, and the focus moved to its «Ned».
    expect(opp).to_be_disabled()
    expect(page.get_by_role("button", name="Flytt «Ny barnehage» ned")).to_be_focused()
    assert _rekkefolge(page, "PS") == ["Ny barnehage", "Budsjett", "Skolestruktur"]

    # Drag and drop by the handle: «Skolestruktur» to the top.
    liste = page.locator("ol.sakskart[data-gruppe='PS']")
    handtak = liste.locator("li", has_text="Skolestruktur").locator(".sakskart__handtak")
    handtak.drag_to(liste.locator("li", has_text="Ny barnehage"))
    expect(status).to_contain_text("«Skolestruktur» flyttet til plass 1 av 3")
    page.reload()
    assert _rekkefolge(page, "PS") == ["Skolestruktur", "Ny barnehage", "Budsjett"]

    page.get_by_role("button", name="Gi sakene nummer").click()
    expect(page.get_by_text("5 saker har fått nummer.")).to_be_visible()
    aar = f"{dato.year % 100:02d}"
    nummer = page.locator("ol.sakskart .sakskart__nr").all_inner_texts()
    assert [n.strip() for n in nummer] == [f"PS 1/{aar}", f"RS 1/{aar}", f"PS 2/{aar}",
                                           f"PS 3/{aar}", f"PS 4/{aar}"]  # fmt: skip
    # Numbered cases lie still: no handles, no move buttons.
    expect(page.locator(".sakskart__handtak")).to_have_count(0)
    assert Sakskartpunkt.objects.filter(nummer__isnull=True).count() == 0
