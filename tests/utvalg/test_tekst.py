"""Documents written in the browser (issue 16, items 2–3): templates with merge fields, the
text of a committee draft, delegated decision or letter, cleaning, autosave versions, the
preview PDF, the main document made at F, and the text frozen after it."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from journal.models import Journalpost, Sakspart
from journal.services import godkjenning
from journal.services.journalposter import endre_status
from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.journal.flythjelp import eget, hoveddokument, ny_sak
from utvalg import services, tekst
from utvalg.models import Dokumentmal, Maltype, Tekstdokument, Utvalg

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> tuple[str, str]:
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    return text, xmp


@pytest.fixture
def maler(personas):
    lag = {
        Maltype.SAKSFRAMLEGG: {
            "navn": "Saksframlegg",
            "topp": "<h2>Saksframlegg [[saksnummer]]</h2><p>[[parter]]</p>",
            "saksopplysninger": "<p>Saken gjelder [[sakstittel]].</p>",
            "vurdering": "<p>Vurdering: </p>",
            "innstilling": "<p>[[utvalg]] vedtar:</p>",
            "bunn": "<p>[[saksbehandler]], [[enhet]]</p>",
        },
        Maltype.DELEGERT: {
            "navn": "Delegert vedtak",
            "topp": "<h2>Delegert vedtak</h2>",
            "saksopplysninger": "<p>Søknad.</p>",
            "vurdering": "<p>Vurdert.</p>",
            "innstilling": "<p>Søknaden innvilges.</p>",
        },
        Maltype.PARTSBREV: {
            "navn": "Partsbrev",
            "topp": "<p>[[mottakere]]</p>",
            "brevtekst": "<p>Vedtaket:</p>[[vedtak]]",
        },
    }
    return {
        maltype: tekst.lagre_mal(personas.arkiv, None, maltype=maltype, aktiv=True, **felt)
        for maltype, felt in lag.items()
    }


@pytest.fixture
def sak(personas, org):
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Reguleringsplan for Strandveien")
    Sakspart.objects.create(saksmappe=sak, navn="Ola Nordmann", adresse="Strandveien 1",
                            postnummer="9999", poststed="Fjordvik")  # fmt: skip
    return sak


@pytest.fixture
def fsk():
    return Utvalg.objects.create(kode="FSK", navn="Formannskapet")


def _framlegg(personas, sak, fsk, **kw):
    post = eget(personas.saksbehandler, sak, "S", tittel=kw.pop("tittel", "Reguleringsplan"), **kw)
    services.sett_behandling(personas.saksbehandler, post, fsk, sakstype="PS")
    return post


# --- Templates ----------------------------------------------------------------------------------


def test_templates_are_kept_by_archive_and_secretariat_and_cleaned(personas, maler):
    mal = maler[Maltype.SAKSFRAMLEGG]
    assert Endringslogg.objects.filter(objekt_id=str(mal.pk), handling="opprettet").exists()
    with pytest.raises(IkkeTilgang):
        tekst.lagre_mal(personas.saksbehandler, mal, navn="X", maltype=Maltype.SAKSFRAMLEGG)
    with pytest.raises(DomainError, match=r"Ukjente flettefelt: \[\[ukjent\]\]") as error:
        tekst.lagre_mal(personas.motesekretaer, mal, navn="X", maltype="SF", topp="[[ukjent]]")
    assert error.value.field == "topp"
    lagret = tekst.lagre_mal(
        personas.motesekretaer, mal, navn="Saksframlegg", maltype="SF",
        topp='<h2 onclick="x()">Topp</h2><script>alert(1)</script>',
    )  # fmt: skip
    assert lagret.topp == "<h2>Topp</h2>"


# --- A post's text ------------------------------------------------------------------------------


def test_a_draft_is_written_from_its_template_with_the_case_merged_in(personas, sak, fsk, maler):
    post = _framlegg(personas, sak, fsk)
    t = tekst.start_tekst(personas.saksbehandler, post, maler[Maltype.SAKSFRAMLEGG])
    assert "Reguleringsplan for Strandveien" in t.saksopplysninger
    assert t.innstilling == "<p>Formannskapet vedtar:</p>"
    with pytest.raises(DomainError, match="passer ikke"):
        brev = eget(personas.saksbehandler, sak, "U", tittel="Brev")
        tekst.start_tekst(personas.saksbehandler, brev, maler[Maltype.SAKSFRAMLEGG])
    kst = Utvalg.objects.create(kode="KST", navn="Kommunestyret")
    annen = _framlegg(personas, sak, kst)
    with pytest.raises(IkkeTilgang):
        tekst.start_tekst(personas.saksbehandler_annen, annen, maler[Maltype.SAKSFRAMLEGG])
    opplastet = eget(personas.saksbehandler, sak, "S", tittel="Skrevet i annet system")
    hoveddokument(opplastet, personas.saksbehandler)
    with pytest.raises(DomainError, match="opplastet hoveddokument"):
        tekst.start_tekst(personas.saksbehandler, opplastet, maler[Maltype.SAKSFRAMLEGG])


def test_saving_cleans_the_html_and_refuses_a_stale_window(personas, sak, fsk, maler):
    post = _framlegg(personas, sak, fsk)
    t = tekst.start_tekst(personas.saksbehandler, post, maler[Maltype.SAKSFRAMLEGG])
    lagret = tekst.lagre_tekst(
        personas.saksbehandler, t, versjon=1,
        vurdering=f'<p>Vurdering</p><img src="http://x/{CANARY}.png"><script>{CANARY}</script>',
        vedlegg="Kart\n\n  Planbeskrivelse  \n",
    )  # fmt: skip
    assert lagret.versjon == 2 and lagret.vurdering == "<p>Vurdering</p>"
    assert lagret.vedlegg == "Kart\nPlanbeskrivelse"
    with pytest.raises(DomainError, match="annet vindu"):
        tekst.lagre_tekst(personas.saksbehandler, t, versjon=1, vurdering="<p>Gammel</p>")
    assert Tekstdokument.objects.get(pk=t.pk).vurdering == "<p>Vurdering</p>"


@pytest.mark.datofolsom
def test_the_preview_is_the_pdf_a_the_committee_will_see(personas, sak, fsk, maler):
    post = _framlegg(personas, sak, fsk)
    t = tekst.start_tekst(personas.saksbehandler, post, maler[Maltype.SAKSFRAMLEGG])
    innstilling = "<p>Planen vedtas som foreslått.</p>"
    tekst.lagre_tekst(personas.saksbehandler, t, versjon=1, innstilling=innstilling,
                      vedlegg="Plankart")  # fmt: skip
    text, xmp = pdf_text(tekst.pdf(Tekstdokument.objects.get(pk=t.pk)))
    assert (
        f"Saksframlegg {sak.saksnummer}" in text
        and "Ola Nordmann, Strandveien 1, 9999 Fjordvik" in text
    )
    assert "Saksopplysninger" in text and "Kommunedirektørens innstilling" in text
    assert "Planen vedtas som foreslått." in text and "Plankart" in text
    assert "pdfaid:part" in xmp


@pytest.mark.datofolsom
def test_sending_makes_the_main_document_and_freezes_the_text_until_sent_back(
    personas, sak, fsk, maler, login
):
    sb = personas.saksbehandler
    post = _framlegg(personas, sak, fsk)
    t = tekst.start_tekst(sb, post, maler[Maltype.SAKSFRAMLEGG])
    tekst.lagre_tekst(sb, t, versjon=1, innstilling="<p>Første innstilling.</p>")
    flagg = godkjenning.send_saksframlegg(sb, post, personas.leder)
    hoved = Journalpost.objects.get(pk=post.pk).dokumenter.get(tilknyttet_registrering_som="H")
    text, _xmp = pdf_text(hoved.fil.read())
    assert "Første innstilling." in text and hoved.arkivformat
    with pytest.raises(DomainError, match="mens journalposten er et utkast"):
        tekst.lagre_tekst(
            sb, Tekstdokument.objects.get(pk=t.pk), versjon=2, innstilling="<p>Nei</p>"
        )
    assert (
        login(sb).post(reverse("utvalg:tekst", args=[post.pk]), {"versjon": 2}).status_code == 409
    )
    # Sent back by the leader: written again, and the next send makes a new version of the
    # same main document.
    godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=False, kommentar="Presiser.")
    t = Tekstdokument.objects.get(pk=t.pk)
    tekst.lagre_tekst(sb, t, versjon=t.versjon, innstilling="<p>Presisert innstilling.</p>")
    godkjenning.send_saksframlegg(sb, Journalpost.objects.get(pk=post.pk), personas.leder)
    hoved.refresh_from_db()
    assert (
        Journalpost.objects.get(pk=post.pk)
        .dokumenter.filter(tilknyttet_registrering_som="H")
        .count()
        == 1
    )
    text, _xmp = pdf_text(hoved.fil.read())
    assert "Presisert innstilling." in text and "Første innstilling." not in text


def test_an_empty_section_stops_the_post_from_being_finished(personas, sak, fsk, maler):
    post = _framlegg(personas, sak, fsk)
    t = tekst.start_tekst(personas.saksbehandler, post, maler[Maltype.SAKSFRAMLEGG])
    tekst.lagre_tekst(personas.saksbehandler, t, versjon=1, vurdering="<p></p>")
    with pytest.raises(DomainError, match="Skriv vurdering"):
        godkjenning.send_saksframlegg(personas.saksbehandler, post, personas.leder)
    assert not post.dokumenter.exists()
    assert Journalpost.objects.get(pk=post.pk).journalstatus == "R"


def test_a_letter_to_the_parties_tells_the_delegated_decision(personas, sak, fsk, maler):
    sb = personas.saksbehandler
    vedtak = eget(sb, sak, "U", tittel="Vedtak om dispensasjon")
    services.sett_behandling(sb, vedtak, fsk, sakstype="DS")
    dv = tekst.start_tekst(sb, vedtak, maler[Maltype.DELEGERT])
    tekst.lagre_tekst(sb, dv, versjon=1, innstilling="<p>Dispensasjon gis.</p>")
    endre_status(sb, Journalpost.objects.get(pk=vedtak.pk), "ferdigstill")
    assert vedtak.dokumenter.filter(tilknyttet_registrering_som="H").exists()
    brev = eget(sb, sak, "U", tittel="Melding om vedtak")
    pb = tekst.start_tekst(sb, brev, maler[Maltype.PARTSBREV])
    assert "<p>Dispensasjon gis.</p>" in pb.brevtekst


# --- Pages ----------------------------------------------------------------------------------------


@pytest.mark.datofolsom
def test_the_editor_page_autosaves_and_previews(login, personas, sak, fsk, maler):
    post = _framlegg(personas, sak, fsk)
    client = login(personas.saksbehandler)
    side = client.get(reverse("journal:journalpost", args=[post.pk])).content.decode()
    assert "Skriv fra mal" in side
    url = reverse("utvalg:tekst", args=[post.pk])
    body = client.get(url).content.decode()
    assert "Velg mal" in body and "Saksframlegg" in body and "Partsbrev" not in body
    start = reverse("utvalg:start_tekst", args=[post.pk])
    assert client.post(start, {"start-mal": maler[Maltype.SAKSFRAMLEGG].pk}).status_code == 302
    body = client.get(url).content.decode()
    assert "data-django-prose-editor-default" in body and "js/riktekst.js" in body
    assert 'data-autolagre="' in body and "<script>" not in body
    auto = reverse("utvalg:autolagre", args=[post.pk])
    svar = client.post(auto, {"versjon": 1, "vurdering": "<p>Autolagret</p>"})
    assert svar.status_code == 200 and svar.json()["versjon"] == 2
    assert "Lagret automatisk" in svar.json()["melding"]
    svar = client.post(auto, {"versjon": 1, "vurdering": "<p>Gammel fane</p>"})
    assert svar.status_code == 409 and "annet vindu" in svar.json()["melding"]
    pdf = client.get(reverse("utvalg:tekst_pdf", args=[post.pk]))
    assert pdf["Content-Type"] == "application/pdf" and "Autolagret" in pdf_text(pdf.content)[0]


def test_a_restricted_draft_s_text_is_for_those_who_may_read_it(login, personas, sak, fsk, maler):
    skjerming = {"tilgangskode": "U", "offentlig_tittel": "Tomtesalg til *****",
                 "skjermingshjemmel": "Offl. § 13"}  # fmt: skip
    post = _framlegg(personas, sak, fsk, tittel=f"Tomtesalg til {CANARY}", **skjerming)
    t = tekst.start_tekst(personas.saksbehandler, post, maler[Maltype.SAKSFRAMLEGG])
    tekst.lagre_tekst(personas.saksbehandler, t, versjon=1, vurdering=f"<p>Kjøper {CANARY}</p>")
    for who in ("saksbehandler_annen", "motesekretaer"):
        client = login(getattr(personas, who))
        for name in ("utvalg:tekst", "utvalg:tekst_pdf"):
            response = client.get(reverse(name, args=[post.pk]))
            assert response.status_code in (403, 404), (who, name)
            assert CANARY.encode() not in response.content
    assert login(personas.klarert_u).get(
        reverse("utvalg:tekst_pdf", args=[post.pk])
    ).status_code in (200, 404)


def test_templates_pages_are_for_archive_and_the_secretariat(login, personas, maler):
    assert login(personas.saksbehandler).get(reverse("utvalg:maler")).status_code == 403
    client = login(personas.arkiv)
    assert "Partsbrev" in client.get(reverse("utvalg:maler")).content.decode()
    data = {"navn": "Ny mal", "maltype": "PB", "aktiv": "on", "topp": "[[feil]]"}
    response = client.post(reverse("utvalg:ny_mal"), data)
    assert response.status_code == 400 and "Ukjente flettefelt" in response.content.decode()
    data["topp"] = "<p>[[mottakere]]</p>"
    assert client.post(reverse("utvalg:ny_mal"), data).status_code == 302
    assert Dokumentmal.objects.filter(navn="Ny mal").exists()


def test_a_letter_merges_only_a_decision_its_writer_may_read(personas, sak, fsk, maler):
    sb = personas.saksbehandler
    vedtak = eget(sb, sak, "U", tittel="Vedtak om barnevernstiltak", tilgangskode="U",
                  offentlig_tittel="Vedtak om *****", skjermingshjemmel="Offl. § 13")  # fmt: skip
    services.sett_behandling(sb, vedtak, fsk, sakstype="DS")
    dv = tekst.start_tekst(sb, vedtak, maler[Maltype.DELEGERT])
    tekst.lagre_tekst(sb, dv, versjon=1, innstilling=f"<p>Tiltak for {CANARY}.</p>")
    brev = eget(personas.arkiv, sak, "U", tittel="Melding om vedtak")
    pb = tekst.start_tekst(personas.arkiv, brev, maler[Maltype.PARTSBREV])
    assert CANARY not in pb.brevtekst and tekst.IKKE_FATTET in pb.brevtekst
