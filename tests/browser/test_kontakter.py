"""The contacts register in the browser: archive types a kortkode in «Avsender» when
registering an incoming letter, picks the suggestion, and the letter is saved with the
contact's name and address (issue 15, item 8)."""

import re

from playwright.sync_api import expect

from journal.models import Journalpost, Korrespondanseparttype
from journal.services import kontakter
from tests.conftest import PASSWORD

POST_URL = re.compile(r"/journalposter/\d+/$")


def test_a_kortkode_in_the_sender_field_fills_the_contact(page, log_in, personas, org):
    kontakter.opprett_kontakt(
        personas.arkiv,
        kortkode="STATSF",
        navn="Statsforvalteren i Vestland",
        organisasjon=True,
        organisasjonsnummer="974760673",
        adresse="Postboks 100",
        postnummer="6801",
        poststed="Førde",
        epost="sfvlpost@example.no",
    )
    page.goto("/")
    log_in(personas.arkiv.username, PASSWORD)
    page.goto("/inngaaende/ny/")
    page.get_by_role("textbox", name="Tittel", exact=True).fill("Klage på vedtak om tilskudd")

    avsender = page.get_by_role("textbox", name="Avsender", exact=True)
    avsender.press_sequentially("STATSF", delay=30)
    forslag = page.get_by_role("option", name=re.compile("Statsforvalteren i Vestland"))
    expect(forslag).to_be_visible()
    avsender.press("ArrowDown")
    expect(forslag).to_have_attribute("aria-selected", "true")
    avsender.press("Enter")  # picks the suggestion, does not submit the form
    expect(forslag).to_be_hidden()
    expect(avsender).to_have_value("Statsforvalteren i Vestland")
    expect(page.get_by_role("textbox", name="Adresse")).to_have_value("Postboks 100")
    expect(page.get_by_role("textbox", name="Postnummer")).to_have_value("6801")
    expect(page.get_by_role("textbox", name="Poststed")).to_have_value("Førde")
    expect(page.get_by_role("textbox", name="E-post")).to_have_value("sfvlpost@example.no")
    expect(page.get_by_role("checkbox", name="Legg avsender til som part i saken")).to_be_checked()

    page.get_by_role("combobox", name="Enhet").select_option(label="\u2003\u2003A1 – Byggesak")
    page.get_by_role("textbox", name="Dokumentdato").fill("01.12.2026")
    page.get_by_role("button", name="Registrer").click()
    expect(page).to_have_url(POST_URL)

    post = Journalpost.objects.get(tittel="Klage på vedtak om tilskudd")
    avsendere = post.korrespondanseparter.filter(
        korrespondanseparttype=Korrespondanseparttype.AVSENDER
    )
    assert [(a.navn, a.adresse, a.postnummer, a.poststed, a.epost) for a in avsendere] == [
        ("Statsforvalteren i Vestland", "Postboks 100", "6801", "Førde", "sfvlpost@example.no")
    ]
    assert post.dokumentdato.isoformat() == "2026-12-01"
    part = post.saksmappe.parter.get()
    assert (part.navn, part.adresse) == ("Statsforvalteren i Vestland", "Postboks 100")
