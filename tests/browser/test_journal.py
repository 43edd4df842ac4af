"""The journal's main flows in a real browser: incoming letter → distribution → «Besvar og
avskriv» → journalising; and a note sent for approval, rejected, then approved."""

import re

from django.core.files.base import ContentFile
from playwright.sync_api import expect

from journal.models import Avskrivning, Dokument, Journalpost
from journal.services.registration import opprett_sak, registrer_journalpost
from saksarkiv.pdf import render_pdf
from tests.browser.meny import gaa_til
from tests.conftest import PASSWORD

POST_URL = re.compile(r"/journalposter/\d+/$")


def _pdf(title: str) -> bytes:
    return render_pdf("test_rapport.html", {"tittel": title, "rader": [1]}, archival=True)


def _switch_user(page, log_in, user):
    if page.get_by_role("button", name="Logg ut").count():
        page.get_by_role("button", name="Logg ut").click()
    log_in(user.username, PASSWORD)


def _click_action(page, name):
    page.get_by_role("group", name="Handlinger").get_by_role("button", name=name).click()
    page.wait_for_load_state()


def _open_action(page, name):
    """Open an action's form in «Neste steg» and return the form."""
    page.get_by_role("region", name="Neste steg").locator("summary", has_text=name).click()
    return page.get_by_role("form", name=name)


def test_incoming_letter_is_distributed_answered_and_journalised(
    page, log_in, personas, org, tmp_path
):
    letter = tmp_path / "soknad.pdf"
    letter.write_bytes(_pdf("Søknad om byggetillatelse"))
    attachment = tmp_path / "situasjonsplan.pdf"
    attachment.write_bytes(_pdf("Situasjonsplan"))

    # Archive registers the letter with an attachment, for the unit but no caseworker.
    page.goto("/")
    log_in(personas.arkiv.username, PASSWORD)
    gaa_til(page, "Saker og post", "Registrer post")
    page.get_by_role("textbox", name="Tittel", exact=True).fill(
        "Søknad om byggetillatelse – Fjordvegen 5"
    )
    page.get_by_role("textbox", name="Avsender", exact=True).fill("Ola Utbygger")
    page.get_by_role("textbox", name="E-post").fill("ola@example.no")
    page.get_by_role("combobox", name="Enhet").select_option(label="\u2003\u2003A1 – Byggesak")
    page.locator("#id_fil").set_input_files(str(letter))
    page.locator("#id_vedlegg").set_input_files(str(attachment))
    page.get_by_role("button", name="Registrer").click()
    expect(page).to_have_url(POST_URL)
    expect(page.locator("#journalstatus")).to_contain_text("(M)")
    page.get_by_role("tab", name="Dokumenter").click()
    expect(page.get_by_text("soknad.pdf", exact=True)).to_be_visible()
    expect(page.get_by_text("situasjonsplan.pdf", exact=True)).to_be_visible()
    incoming = Journalpost.objects.get(tittel__startswith="Søknad om byggetillatelse")
    assert incoming.saksbehandler is None and incoming.dokumenter.count() == 2

    # The leader finds it among the undistributed posts and gives it to the caseworker.
    _switch_user(page, log_in, personas.leder)
    gaa_til(page, "Leder", "Ufordelte")
    page.get_by_role("link", name=f"{incoming.saksdokumentnummer}").click()
    fordeling = _open_action(page, "Fordel")
    fordeling.get_by_role("combobox", name="Saksbehandler").select_option(
        label=personas.saksbehandler.get_full_name()
    )
    fordeling.get_by_role("button", name="Fordel").click()
    expect(page.get_by_text("Journalposten er fordelt.")).to_be_visible()

    # The caseworker has it in the inbox, acknowledges it and answers with write-off.
    _switch_user(page, log_in, personas.saksbehandler)
    gaa_til(page, "Mitt arbeid", "Innboks")
    page.get_by_role("link", name=incoming.saksdokumentnummer).click()
    _click_action(page, "Merk som mottatt")
    expect(page.locator("#journalstatus")).to_contain_text("(S)")
    besvar = _open_action(page, "Besvar")
    expect(besvar.get_by_role("radio", name="Besvar og avskriv")).to_be_checked()
    besvar.get_by_role("button", name="Lag svar").click()
    expect(page).to_have_url(POST_URL)
    expect(page.locator("#journalstatus")).to_contain_text("(R)")
    page.get_by_role("tab", name="Dokumenter").click()
    page.locator("#id_dok-fil").set_input_files(str(letter))
    page.get_by_role("button", name="Last opp").click()
    expect(page.get_by_text("PDF/A").first).to_be_visible()
    page.reload()
    _click_action(page, "Ferdigstill")
    expect(page.locator("#journalstatus")).to_contain_text("(F)")
    _click_action(page, "Ekspeder")
    expect(page.locator("#journalstatus")).to_contain_text("(E)")
    reply = Journalpost.objects.get(besvarer=incoming)
    assert Avskrivning.objects.filter(
        journalpost=incoming, avskrivningsmaate="BU", avskrives_av_journalpost=reply
    ).exists()

    # Archive journalises both.
    _switch_user(page, log_in, personas.arkiv)
    gaa_til(page, "Arkiv", "Arkivkontroll")
    for post in (incoming, reply):
        page.goto("/journalforing/")
        page.get_by_role("link", name=post.saksdokumentnummer).click()
        _click_action(page, "Journalfør")
        expect(page.locator("#journalstatus")).to_contain_text("(J)")
    incoming.refresh_from_db()
    reply.refresh_from_db()
    assert (incoming.journalstatus, reply.journalstatus) == ("J", "J")
    page.screenshot(path="/tmp/saksarkiv-browser/journalpost.png", full_page=True)


def test_note_rejected_then_approved(page, log_in, personas, org):
    sb = personas.saksbehandler
    sak = opprett_sak(sb, tittel="Rutine for tilsyn", administrativ_enhet=org.enhet_a)
    note = registrer_journalpost(sb, sak, journalposttype="N", tittel="Forslag til rutine")
    Dokument.objects.create(
        journalpost=note,
        tilknyttet_registrering_som="H",
        tittel="Forslag til rutine",
        fil=ContentFile(_pdf("Forslag"), name="forslag.pdf"),
        filnavn="forslag.pdf",
        mimetype="application/pdf",
        storrelse=100,
        sjekksum="0" * 64,
        opprettet_av=sb,
    )

    page.goto(f"/journalposter/{note.pk}/")
    log_in(sb.username, PASSWORD)
    godkjenning = _open_action(page, "Send til godkjenning")
    godkjenning.get_by_role("combobox", name="Leder").select_option(
        label=personas.leder.get_full_name()
    )
    godkjenning.get_by_role("button", name="Send til godkjenning").click()
    expect(page.get_by_text("Venter på svar.")).to_be_visible()

    _switch_user(page, log_in, personas.leder)
    gaa_til(page, "Mitt arbeid", "Godkjenninger")
    page.get_by_role("link", name=note.saksdokumentnummer).first.click()
    svar = page.get_by_role("form", name="Svar på godkjenning")
    svar.get_by_role("radio", name="Ikke godkjent").check()
    svar.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("Skriv hva som må rettes.")).to_be_visible()  # comment required
    svar = page.get_by_role("form", name="Svar på godkjenning")
    svar.get_by_role("radio", name="Ikke godkjent").check()
    svar.get_by_role("textbox", name="Kommentar").fill("Ta med varsling til tilsynsobjektet.")
    svar.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("«Ta med varsling til tilsynsobjektet.»")).to_be_visible()

    _switch_user(page, log_in, sb)
    page.goto(f"/journalposter/{note.pk}/")
    expect(page.locator("#journalstatus")).to_contain_text("(R)")
    _click_action(page, "Ferdigstill")
    expect(page.get_by_role("alert")).to_contain_text("ikke godkjent")
    expect(page.locator("#journalstatus")).to_contain_text("(R)")
    godkjenning = _open_action(page, "Send til godkjenning")
    godkjenning.get_by_role("combobox", name="Leder").select_option(
        label=personas.leder.get_full_name()
    )
    godkjenning.get_by_role("button", name="Send til godkjenning").click()

    _switch_user(page, log_in, personas.leder)
    page.goto(f"/journalposter/{note.pk}/")
    svar = page.get_by_role("form", name="Svar på godkjenning")
    svar.get_by_role("radio", name="Godkjent", exact=True).check()
    svar.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("Svaret på godkjenningen er registrert.")).to_be_visible()

    _switch_user(page, log_in, sb)
    page.goto(f"/journalposter/{note.pk}/")
    _click_action(page, "Ferdigstill")
    expect(page.locator("#journalstatus")).to_contain_text("(F)")
    page.get_by_role("tab", name="Historikk").click()
    history = page.get_by_role("region", name="Historikk")
    expect(history.get_by_text("Ikke godkjent")).to_be_visible()
    expect(history.get_by_text("Godkjent", exact=True)).to_be_visible()
