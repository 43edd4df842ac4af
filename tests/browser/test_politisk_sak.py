"""A political case in a real browser (issue 16): the caseworker writes a committee draft
from its template in the editor, previews the PDF, enrols it to two committees and sends it
up the chain; the leader and the chief executive approve; the meeting secretary finds it in
both committees' queues, beside a delegated decision and a referral."""

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from journal.models import Journalpost
from journal.services.registration import opprett_sak, registrer_journalpost
from tests.browser.meny import gaa_til
from tests.conftest import PASSWORD
from tests.journal.flythjelp import inngaende
from utvalg import services
from utvalg.models import Dokumentmal, Utvalg


def _switch_user(page, log_in, user):
    if page.get_by_role("button", name="Logg ut").count():
        page.get_by_role("button", name="Logg ut").click()
    log_in(user.username, PASSWORD)


def _svar(page, post):
    page.goto(f"/journalposter/{post.pk}/")
    svar = page.get_by_role("form", name="Svar på godkjenning")
    svar.get_by_role("radio", name="Godkjent", exact=True).check()
    svar.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("Svaret på godkjenningen er registrert.")).to_be_visible()


def test_a_draft_is_written_enrolled_approved_and_queued(page, log_in, personas, org):
    sb = personas.saksbehandler
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet", rekkefolge=20)
    kst = Utvalg.objects.create(kode="KST", navn="Kommunestyret", rekkefolge=30)
    Dokumentmal.objects.create(
        navn="Saksframlegg – politisk sak", maltype="SF",
        topp="<h2>Saksframlegg [[saksnummer]]</h2>", saksopplysninger="<p>Bakgrunn: </p>",
        vurdering="<p></p>", innstilling="<p>Kommunedirektøren rår [[utvalg]] til å vedta:</p>",
    )  # fmt: skip
    sak = opprett_sak(sb, tittel="Ny barnehage i Strandbyen", administrativ_enhet=org.enhet_a)
    post = registrer_journalpost(sb, sak, journalposttype="S", tittel="Ny barnehage – lokalisering")
    # Beside it: a delegated decision ready to be reported and a referral.
    vedtak = registrer_journalpost(sb, sak, journalposttype="U", tittel="Vedtak om tilskudd")
    services.meld_klar(sb, services.sett_behandling(sb, vedtak, fsk, sakstype="DS"))
    invitasjon = inngaende(personas.arkiv, sak, saksbehandler=sb, tittel="Invitasjon til dugnad")
    services.referer(personas.leder, invitasjon, [fsk])

    # The caseworker writes the draft from the template, typing in the editor.
    page.goto(f"/journalposter/{post.pk}/")
    log_in(sb.username, PASSWORD)
    page.get_by_role("region", name="Tekst").get_by_role("link", name="Skriv fra mal").click()
    page.get_by_role("combobox", name="Mal").select_option(label="Saksframlegg – politisk sak")
    page.get_by_role("button", name="Lag teksten fra malen").click()
    expect(page.get_by_text("Teksten er laget fra malen.")).to_be_visible()
    editors = page.get_by_role("textbox").and_(page.locator(".ProseMirror"))
    expect(editors).to_have_count(3)
    editors.nth(1).click()
    page.keyboard.type("Tomten ved skolen er best egnet.")
    editors.nth(2).click()
    page.keyboard.press("End")
    page.keyboard.type(" Barnehagen bygges ved Strandbyen skole.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Teksten er lagret.")).to_be_visible()

    # The preview is the PDF the committee will see.
    pdf = page.request.get(f"/journalposter/{post.pk}/tekst/pdf/")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    text = " ".join(text.split())
    assert "Tomten ved skolen er best egnet." in text
    assert "Barnehagen bygges ved Strandbyen skole." in text

    # Enrolled to the executive committee, then the council.
    page.goto(f"/journalposter/{post.pk}/")
    panel = page.get_by_role("region", name="Behandling i utvalg")
    for utvalg in ("Formannskapet (FSK)", "Kommunestyret (KST)"):
        panel.get_by_role("combobox", name="Utvalg").select_option(label=utvalg)
        panel.get_by_role("button", name="Legg til utvalg").click()
        expect(page.get_by_text("Saken er meldt opp til utvalget.")).to_be_visible()
        panel = page.get_by_role("region", name="Behandling i utvalg")
    expect(panel.get_by_role("listitem")).to_have_count(2)

    # Up the chain: the leader, then the chief executive.
    page.get_by_role("region", name="Neste steg").locator(
        "summary", has_text="Send til godkjenning"
    ).click()
    godkjenning = page.get_by_role("form", name="Send til godkjenning")
    godkjenning.get_by_role("combobox", name="Leder").select_option(
        label=personas.leder.get_full_name()
    )
    godkjenning.get_by_role("button", name="Send til godkjenning").click()
    expect(page.get_by_text("Venter på svar.")).to_be_visible()
    assert (
        Journalpost.objects.get(pk=post.pk)
        .dokumenter.filter(tilknyttet_registrering_som="H")
        .exists()
    )  # the text became the main document
    _switch_user(page, log_in, personas.leder)
    _svar(page, post)
    _switch_user(page, log_in, personas.radmann)
    gaa_til(page, "Leder", "Endelig godkjenning")
    expect(page.get_by_role("link", name="Les dokumentet")).to_be_visible()
    _svar(page, post)

    # The meeting secretary finds it in both queues, with the DS and the RS in the first.
    _switch_user(page, log_in, personas.motesekretaer)
    expect(page.get_by_role("link", name="Køliste Formannskapet")).to_be_visible()
    for utvalg, antall in ((fsk, "3 saker i kø"), (kst, "1 sak i kø")):
        page.goto(f"/utvalg/{utvalg.pk}/koliste/")
        expect(page.get_by_role("status")).to_contain_text(antall)
        ko = page.get_by_role("table", name="Kølisten")
        expect(ko.get_by_role("cell", name="Ny barnehage – lokalisering")).to_be_visible()
        # Nobody planned it for a meeting: it is listed as ready but not planned too.
        ikke_planlagt = page.get_by_role("table", name="Klar, men ikke planlagt")
        expect(
            ikke_planlagt.get_by_role("cell", name="Ny barnehage – lokalisering")
        ).to_be_visible()
    page.goto(f"/utvalg/{fsk.pk}/koliste/")
    ko = page.get_by_role("table", name="Kølisten")
    expect(ko.get_by_role("cell", name="Vedtak om tilskudd")).to_be_visible()
    expect(ko.get_by_role("cell", name="Invitasjon til dugnad")).to_be_visible()
