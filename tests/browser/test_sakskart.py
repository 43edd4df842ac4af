"""The agenda in a real browser (issue 17, item 3): the meeting secretary picks cases from
the committee's queue onto a meeting, reorders them with the keyboard alone — the focus
stays on the moved case and a screen reader hears its new place — drags one by its handle,
and numbers the agenda."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.test_postliste import axe_script, axe_violations  # noqa: F401 - a fixture
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


def test_the_notice_is_published_a_member_reads_the_exempt_draft_the_public_the_public_notice(
    page,
    log_in,
    personas,
    org,
    axe_script,  # noqa: F811
):
    from tests.conftest import CANARY
    from tests.utvalg.motehjelp import framlegg, medlemmer

    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    folk = medlemmer(personas, fsk)
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Saker til formannskapet")
    framlegg(personas, sak, fsk, f"Tilsetting av {CANARY}", f"Intervju med {CANARY}",
             tilgangskode="P", skjermingshjemmel="Offl. § 25",
             offentlig_tittel="Tilsetting av *****")  # fmt: skip
    framlegg(personas, sak, fsk, "Budsjett 2031", "Budsjettforslaget")
    dato = timezone.localdate() + dt.timedelta(days=30)
    moetet = mote(personas, fsk, dato)

    # The secretary puts both on the agenda and publishes the notice.
    page.goto(f"/utvalg/moter/{moetet.pk}/")
    log_in(personas.motesekretaer.username, PASSWORD)
    koen = page.get_by_role("region", name="Fra kølisten")
    koen.get_by_role("checkbox", name="Tilsetting av *****").check()  # screened for her
    koen.get_by_role("checkbox", name="Budsjett 2031").check()
    koen.get_by_role("button", name="Sett valgte saker på sakskartet").click()
    page.get_by_role("button", name="Publiser innkallingen og varsle medlemmene").click()
    expect(
        page.get_by_text("Innkallingen er publisert sammen med en offentlig versjon")
    ).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    # A member opens the exempt draft in the portal.
    log_in(folk["fast1"].username, PASSWORD)
    page.goto("/folkevalgt/")
    page.get_by_role("link", name="Formannskapet,").first.click()
    expect(page.get_by_text(f"Tilsetting av {CANARY}")).to_be_visible()
    lenke = page.get_by_role("link", name=f"Saksframlegg – PS 2/{dato.year % 100:02d}")
    svar = page.request.get(lenke.get_attribute("href"))
    assert svar.status == 200 and svar.headers["content-type"] == "application/pdf"
    page.get_by_role("button", name="Logg ut").click()

    # The public sees the public notice and the screened title, never the canary.
    page.goto(f"/moter/{moetet.systemid}/")
    expect(
        page.get_by_role("link", name="Offentlig møteinnkalling – Formannskapet")
    ).to_be_visible()
    expect(page.get_by_text("Tilsetting av *****")).to_be_visible()
    assert CANARY not in page.content()
    assert axe_violations(page, axe_script) == []
