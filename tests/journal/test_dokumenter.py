"""Documents on journal posts: upload checks, numbering, checksums, PDF/A, permissions,
downloads through the chokepoint, screening (canary), query count, and e-mail import."""

import datetime
import email.policy
import email.utils
import hashlib
import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse
from django.utils import timezone
from pypdf import PdfReader

import journal.urls as journal_urls
from journal.models import Dokument, Journalpost, Korrespondansepart, Saksmappe
from journal.services import tillatelser
from journal.services.dokumenter import (
    last_opp_dokument,
    storrelse_tekst,
)
from journal.services.epost import importer_epost
from journal.services.registration import opprett_sak, registrer_journalpost
from journal.views.dokumenter import dokumenter_context
from saksarkiv import urls as root_urls
from saksarkiv.models import Endringslogg
from saksarkiv.pdf import render_pdf
from saksarkiv.services import DomainError
from tests.conftest import CANARY

FIXTURES = Path(__file__).parent / "fixtures"


# --- URLs: the post detail page (journal:journalpost) belongs to another module. Until it
# exists, a stub lets the views reverse it; the tests only compare redirect locations.
def _post_detail_stub(request, pk):
    return HttpResponse("")


_journal = list(journal_urls.urlpatterns)
if not any(getattr(p, "name", None) == "journalpost" for p in _journal):
    _journal.append(path("journalposter/<int:pk>/", _post_detail_stub, name="journalpost"))
urlpatterns = [
    *(p for p in root_urls.urlpatterns if getattr(p, "namespace", None) != "journal"),
    path("", include((_journal, "journal"))),
]
pytestmark = pytest.mark.urls(__name__)


# --- Fixtures and helpers -------------------------------------------------------------------
@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media) -> list[Path]:
    return [p for p in Path(media).rglob("*") if p.is_file()] if Path(media).exists() else []


@pytest.fixture
def sak(personas, org):
    return opprett_sak(
        personas.saksbehandler,
        tittel="Byggetillatelse gnr 12 bnr 34",
        administrativ_enhet=org.enhet_a,
    )


@pytest.fixture
def utkast(personas, sak):
    """An outgoing draft (R) of the caseworker."""
    return registrer_journalpost(personas.saksbehandler, sak, journalposttype="U", tittel="Svar")


@pytest.fixture
def inngaende(personas, sak):
    """An incoming post registered by archive (M), no caseworker yet."""
    return registrer_journalpost(personas.arkiv, sak, journalposttype="I", tittel="Søknad")


@pytest.fixture
def skjermet_post(personas, sak):
    return registrer_journalpost(
        personas.arkiv,
        sak,
        journalposttype="I",
        tittel=f"Bekymringsmelding om {CANARY}",
        offentlig_tittel="Bekymringsmelding om *****",
        tilgangskode="U",
    )


@pytest.fixture(scope="module")
def pdfa_bytes():
    return render_pdf("test_rapport.html", {"tittel": "Arkivversjon", "rader": [1]}, archival=True)


@pytest.fixture(scope="module")
def pdf_bytes():
    return render_pdf("test_rapport.html", {"tittel": "Vanlig", "rader": [1]})


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def office_zip(main_part: str, *extra: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(main_part, "<document/>")
        for name in extra:
            archive.writestr(name, b"\x00")
    return buffer.getvalue()


def set_status(post, status):
    Journalpost.objects.filter(pk=post.pk).update(journalstatus=status)
    post.refresh_from_db()


def htmx(client):
    client.defaults["HTTP_HX_REQUEST"] = "true"
    return client


# --- Upload: numbering, checksum, formats --------------------------------------------------
@pytest.mark.django_db
def test_first_document_is_main_then_attachments_numbered(personas, utkast, pdf_bytes):
    tekst = "Notat om bålplass på Øya\n".encode()
    docs = [
        last_opp_dokument(personas.saksbehandler, utkast, pdf_bytes, filnavn="Svar.pdf"),
        last_opp_dokument(personas.saksbehandler, utkast, PNG, filnavn="kart.png", tittel="Kart"),
        last_opp_dokument(personas.saksbehandler, utkast, tekst, filnavn="notat.txt"),
    ]
    assert [(d.dokumentnummer, d.tilknyttet_registrering_som) for d in docs] == [
        (1, "H"),
        (2, "V"),
        (3, "V"),
    ]
    assert [d.tittel for d in docs] == ["Svar", "Kart", "notat"]
    assert [d.mimetype for d in docs] == ["application/pdf", "image/png", "text/plain"]
    for doc, data in zip(docs, [pdf_bytes, PNG, tekst], strict=True):
        assert doc.sjekksum == hashlib.sha256(data).hexdigest()
        assert doc.storrelse == len(data)
        with doc.fil.open("rb") as handle:
            assert handle.read() == data
    entry = Endringslogg.objects.filter(handling="dokument lagt til").order_by("id").first()
    assert "Svar.pdf" in entry.beskrivelse and docs[0].sjekksum in entry.beskrivelse


@pytest.mark.django_db
def test_uploaded_file_and_office_formats_are_recognised(personas, utkast):
    upload = SimpleUploadedFile("Vedtak.docx", office_zip("word/document.xml"))
    doc = last_opp_dokument(personas.saksbehandler, utkast, upload)
    assert doc.filnavn == "Vedtak.docx" and doc.mimetype.endswith("wordprocessingml.document")
    sheet = last_opp_dokument(
        personas.saksbehandler, utkast, office_zip("xl/workbook.xml"), filnavn="budsjett.xlsx"
    )
    assert sheet.mimetype.endswith("spreadsheetml.sheet")


@pytest.mark.django_db
def test_pdfa_is_its_own_archival_version_plain_pdf_is_not(personas, utkast, pdfa_bytes, pdf_bytes):
    pdfa = last_opp_dokument(personas.saksbehandler, utkast, pdfa_bytes, filnavn="a.pdf")
    plain = last_opp_dokument(personas.saksbehandler, utkast, pdf_bytes, filnavn="b.pdf")
    assert pdfa.arkivformat.name == pdfa.fil.name
    assert pdfa.arkivformat_sjekksum == pdfa.sjekksum == hashlib.sha256(pdfa_bytes).hexdigest()
    assert not plain.arkivformat and plain.arkivformat_sjekksum == ""


def test_sizes_in_norwegian_style():
    assert storrelse_tekst(812) == "812 byte"
    assert storrelse_tekst(1536) == "1,5 kB"
    assert storrelse_tekst(int(61.2 * 1024 * 1024)) == "61,2 MB"
    assert storrelse_tekst(50 * 1024 * 1024) == "50 MB"


@pytest.mark.django_db
def test_refused_files_save_nothing(personas, utkast, settings, media):
    settings.DOKUMENT_MAKS_STORRELSE = 1024
    refusals = [
        (b"x" * 2048, "stor.txt", "Filen er for stor: 2 kB. Største tillatte størrelse er 1 kB."),
        (b"MZ\x90\x00", "program.exe", "Filtypen .exe er ikke tillatt. Tillatte formater: PDF,"),
        (b"", "tom.pdf", "Filen «tom.pdf» er tom."),
        (PNG, "skjult.pdf", "Innholdet i «skjult.pdf» er ikke PDF"),
        (b"\xff\xfe\x00b\x00i\x00n", "binaer.txt", "er ikke TXT"),
        (office_zip("word/document.xml", "word/vbaProject.bin"), "makro.docx", "makroer"),
        (b"%PDF-1.7", "utenendelse", "har ingen filtype"),
    ]
    for data, name, message in refusals:
        with pytest.raises(DomainError) as caught:
            last_opp_dokument(personas.saksbehandler, utkast, data, filnavn=name)
        assert message in caught.value.message, name
        assert caught.value.field == "fil"
    assert not Dokument.objects.exists()
    assert not stored_files(media)


# --- Who may add documents ------------------------------------------------------------------
@pytest.mark.django_db
def test_permissions_to_add_documents(personas, utkast, inngaende):
    p = personas
    assert tillatelser.journalpost(p.saksbehandler, utkast).kan.legg_til_dokument
    assert tillatelser.journalpost(p.arkiv, utkast).kan.legg_til_dokument
    for outsider in (p.saksbehandler_annen, p.leder, p.politiker):
        assert not tillatelser.journalpost(outsider, utkast).kan.legg_til_dokument
        with pytest.raises(DomainError, match="Bare arkivet og saksbehandleren"):
            last_opp_dokument(outsider, utkast, b"tekst", filnavn="a.txt")
    # The case's responsible caseworker adds to an incoming post not yet journalised.
    assert inngaende.saksbehandler is None and inngaende.journalstatus == "M"
    last_opp_dokument(p.saksbehandler, inngaende, b"skannet", filnavn="skann.txt")

    set_status(utkast, "F")  # approved: only archive now
    assert not tillatelser.journalpost(p.saksbehandler, utkast).kan.legg_til_dokument
    with pytest.raises(DomainError, match="bare arkivet"):
        last_opp_dokument(p.saksbehandler, utkast, b"tekst", filnavn="a.txt")
    last_opp_dokument(p.arkiv, utkast, b"tekst", filnavn="a.txt")

    set_status(utkast, "J")
    for person in (p.arkiv, p.saksbehandler):
        assert not tillatelser.journalpost(person, utkast).kan.legg_til_dokument
        with pytest.raises(DomainError, match="journalført"):
            last_opp_dokument(person, utkast, b"tekst", filnavn="b.txt")
    assert Dokument.objects.count() == 2


# --- Download --------------------------------------------------------------------------------
@pytest.mark.django_db
def test_download_streams_file_with_headers(personas, utkast, pdfa_bytes, login):
    doc = last_opp_dokument(personas.saksbehandler, utkast, pdfa_bytes, filnavn="Søknad æøå.pdf")
    response = login(personas.saksbehandler).get(
        reverse("journal:dokument_last_ned", args=[doc.pk])
    )
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdfa_bytes
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''S%C3%B8knad%20%C3%A6%C3%B8%C3%A5.pdf" in disposition
    archival = login(personas.saksbehandler).get(
        reverse("journal:dokument_last_ned", args=[doc.pk]) + "?arkivformat=1"
    )
    assert archival.status_code == 200 and b"".join(archival.streaming_content) == pdfa_bytes


@pytest.mark.django_db
def test_download_of_missing_archival_version_is_404(personas, utkast, login):
    doc = last_opp_dokument(personas.saksbehandler, utkast, b"hei", filnavn="a.txt")
    url = reverse("journal:dokument_last_ned", args=[doc.pk])
    response = login(personas.saksbehandler).get(url)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert 'filename="a.txt"' in response["Content-Disposition"]
    assert login(personas.saksbehandler).get(url + "?arkivformat=1").status_code == 404


@pytest.mark.django_db
def test_restricted_document_only_for_cleared(personas, skjermet_post, client, login):
    doc = last_opp_dokument(personas.arkiv, skjermet_post, b"hemmelig", filnavn="u.txt")
    url = reverse("journal:dokument_last_ned", args=[doc.pk])
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("login"))
    assert login(personas.saksbehandler_annen).get(url).status_code == 404
    cleared = login(personas.klarert_u).get(url)
    assert cleared.status_code == 200 and b"".join(cleared.streaming_content) == b"hemmelig"


# --- The partial: screening and query count ---------------------------------------------------
@pytest.mark.django_db
def test_canary_never_reaches_an_uncleared_user(personas, skjermet_post, client):
    last_opp_dokument(
        personas.arkiv, skjermet_post, b"innhold", filnavn=f"{CANARY}.txt", tittel=CANARY
    )
    last_opp_dokument(personas.arkiv, skjermet_post, b"mer", filnavn=f"vedlegg-{CANARY}.txt")
    url = reverse("journal:dokument_last_opp", args=[skjermet_post.pk])

    client.force_login(personas.saksbehandler_annen)
    response = htmx(client).get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "2 dokumenter – skjermet" in content
    assert CANARY not in content and "<form" not in content

    # Rendered as the post detail page will: the context merged into a page's context.
    request = RequestFactory().get("/")
    request.user = personas.saksbehandler_annen
    html = render_to_string(
        "journal/_dokumenter.html", dokumenter_context(request, skjermet_post), request
    )
    assert CANARY not in html and "2 dokumenter – skjermet" in html
    # Its audit entries carry the file name but are as restricted as the post.
    readable = Endringslogg.objects.readable_by(personas.saksbehandler_annen)
    assert not readable.filter(beskrivelse__contains=CANARY).exists()
    assert Endringslogg.objects.filter(beskrivelse__contains=CANARY).exists()

    client.force_login(personas.klarert_u)
    assert CANARY in htmx(client).get(url).content.decode()


@pytest.mark.django_db
def test_partial_lists_main_document_first_with_format_size_and_badges(
    personas, utkast, pdfa_bytes, client
):
    last_opp_dokument(personas.saksbehandler, utkast, pdfa_bytes, filnavn="Svar.pdf")
    last_opp_dokument(personas.saksbehandler, utkast, b"x" * 3000, filnavn="liste.txt")
    client.force_login(personas.saksbehandler)
    content = htmx(client).get(reverse("journal:dokument_last_opp", args=[utkast.pk])).content
    content = content.decode()
    assert content.index("Svar.pdf") < content.index("liste.txt")
    assert "PDF/A" in content and "Mangler arkivformat" in content
    assert "2,9 kB" in content
    digest = hashlib.sha256(pdfa_bytes).hexdigest()
    assert f'title="{digest}"' in content and f"{digest[:12]}…" in content
    assert 'enctype="multipart/form-data"' in content and "Legg til vedlegg" in content


@pytest.mark.django_db
def test_partial_query_count_does_not_grow_with_documents(
    personas, utkast, django_assert_max_num_queries
):
    def prepared():
        request = RequestFactory().get("/")
        request.user = type(personas.saksbehandler).objects.get(pk=personas.saksbehandler.pk)
        return request, Journalpost.objects.select_related("saksmappe").get(pk=utkast.pk)

    def render(request, post):
        return render_to_string(
            "journal/_dokumenter.html", dokumenter_context(request, post), request
        )

    last_opp_dokument(personas.saksbehandler, utkast, b"en", filnavn="1.txt")
    request, post = prepared()
    with CaptureQueriesContext(connection) as one:
        render(request, post)
    for n in range(2, 6):
        last_opp_dokument(personas.saksbehandler, utkast, b"flere", filnavn=f"{n}.txt")
    request, post = prepared()
    # The user's roles (once per request) and the documents with their access annotation.
    with django_assert_max_num_queries(2) as five:
        html = render(request, post)
    assert html.count("/last-ned/") == 5
    assert len(five) == len(one)


# --- Upload view -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_upload_view_redirects_to_post_or_returns_partial(personas, utkast, client):
    client.force_login(personas.saksbehandler)
    url = reverse("journal:dokument_last_opp", args=[utkast.pk])
    response = client.post(
        url, {"dok-fil": SimpleUploadedFile("svar.txt", b"Svar"), "dok-tittel": ""}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:journalpost", args=[utkast.pk])
    response = htmx(client).post(
        url, {"dok-fil": SimpleUploadedFile("vedlegg.txt", b"V"), "dok-tittel": "Vedlegget"}
    )
    assert response.status_code == 200
    assert "Vedlegget" in response.content.decode() and "svar.txt" in response.content.decode()
    assert list(utkast.dokumenter.values_list("tilknyttet_registrering_som", flat=True)) == [
        "H",
        "V",
    ]


@pytest.mark.django_db
def test_upload_view_shows_errors_beside_the_field(personas, utkast, client, media):
    client.force_login(personas.saksbehandler)
    url = reverse("journal:dokument_last_opp", args=[utkast.pk])
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = client.post(
            url, {"dok-fil": SimpleUploadedFile("virus.exe", b"MZ\x90")}, **headers
        )
        assert response.status_code == 400
        content = response.content.decode()
        assert 'class="feltfeil" id="id_dok-fil_error"' in content
        assert "Filtypen .exe er ikke tillatt" in content
    response = client.post(url, {})
    assert response.status_code == 400 and "Velg en fil." in response.content.decode()
    assert not Dokument.objects.exists() and not stored_files(media)


@pytest.mark.django_db
def test_upload_view_refuses_others(personas, utkast, client):
    url = reverse("journal:dokument_last_opp", args=[utkast.pk])
    client.force_login(personas.saksbehandler_annen)
    response = client.post(url, {"dok-fil": SimpleUploadedFile("a.txt", b"a")})
    assert response.status_code == 403
    assert "<form" not in htmx(client).get(url).content.decode()
    assert not Dokument.objects.exists()


# --- E-mail import ---------------------------------------------------------------------------
def epostdato(dag: datetime.date) -> str:
    """A Date header at 23:30 UTC on `dag`: past midnight in Oslo, summer or winter."""
    moment = datetime.datetime.combine(dag, datetime.time(23, 30), tzinfo=datetime.UTC)
    return email.utils.format_datetime(moment)


def make_eml(
    *,
    sender='"Kari Nordmann" <kari@example.no>',
    subject="Søknad om bålplass på Ærøya",
    date=None,  # default: sent the evening two days ago (UTC)
    body="Hei!\nJeg søker om å få lage bålplass ved sjøen.\nHilsen Kari",
    html=None,
    attachments=(),
) -> bytes:
    message = EmailMessage()
    if sender:
        message["From"] = sender
    message["To"] = "Postmottak <postmottak@fjordvik.kommune.no>"
    message["Subject"] = subject
    message["Date"] = date or epostdato(timezone.localdate() - datetime.timedelta(days=2))
    if html is not None:
        message.set_content(html, subtype="html")
    else:
        message.set_content(body)
    for name, data, mimetype in attachments:
        maintype, subtype = mimetype.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes(policy=email.policy.SMTP)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.django_db
def test_email_import_end_to_end(personas, org, pdf_bytes, klokke):
    sendt = klokke.dag - datetime.timedelta(days=2)
    eml = make_eml(
        date=epostdato(sendt),
        attachments=[
            ("situasjonskart.pdf", pdf_bytes, "application/pdf"),
            ("nabovarsel.txt", "Naboene er varslet på Øya.".encode(), "text/plain"),
        ],
    )
    assert b"=?utf-8?" in eml  # the subject travels encoded
    post = importer_epost(
        personas.arkiv, eml, ny_sak_tittel="Bålplass Ærøya", administrativ_enhet=org.enhet_a
    )
    assert post.journalposttype == "I" and post.journalstatus == "M"
    assert post.tittel == "Søknad om bålplass på Ærøya"
    assert post.saksmappe.tittel == "Bålplass Ærøya"
    # 23:30 UTC is 00:30 (winter) or 01:30 (summer) the next day in Oslo.
    assert post.dokumentdato == sendt + datetime.timedelta(days=1)
    assert post.journaldato == klokke.dag
    sender = Korrespondansepart.objects.get(journalpost=post)
    assert (sender.korrespondanseparttype, sender.navn, sender.epost) == (
        "EA",
        "Kari Nordmann",
        "kari@example.no",
    )
    main, kart, varsel = post.dokumenter.order_by("dokumentnummer")
    assert (main.tilknyttet_registrering_som, main.mimetype) == ("H", "application/pdf")
    assert main.arkivformat.name == main.fil.name and main.arkivformat_sjekksum == main.sjekksum
    with main.fil.open("rb") as handle:
        data = handle.read()
    assert hashlib.sha256(data).hexdigest() == main.sjekksum
    xmp = PdfReader(io.BytesIO(data)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp
    text = pdf_text(data)
    assert "Jeg søker om å få lage bålplass ved sjøen." in text
    assert "Kari Nordmann" in text and "situasjonskart.pdf" in text
    assert (kart.tilknyttet_registrering_som, kart.filnavn, kart.dokumentnummer) == (
        "V",
        "situasjonskart.pdf",
        2,
    )
    assert kart.sjekksum == hashlib.sha256(pdf_bytes).hexdigest()
    assert (varsel.filnavn, varsel.mimetype) == ("nabovarsel.txt", "text/plain")


@pytest.mark.django_db
def test_email_fixture_with_legacy_encodings(personas, sak):
    post = importer_epost(
        personas.saksbehandler,
        (FIXTURES / "innsyn_latin1.eml").read_bytes(),
        saksmappe=sak,
        administrativ_enhet=sak.administrativ_enhet,
    )
    assert post.saksmappe == sak and post.tittel == "Innsyn i søknad"
    assert post.saksbehandler == personas.saksbehandler
    assert post.dokumentdato == datetime.date(2026, 7, 14)
    assert post.korrespondanseparter.get().navn == "Per Ås"
    main, referat = post.dokumenter.order_by("dokumentnummer")
    with main.fil.open("rb") as handle:
        assert "innsyn i søknaden om bålplass på Øya" in pdf_text(handle.read())
    assert referat.filnavn == "møtereferat.txt"


@pytest.mark.django_db
def test_html_email_is_printed_as_text(personas, sak):
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
        "<body><p>Første avsnitt med <b>fet skrift</b> &amp; mer.</p>"
        '<img src="http://eksempel.no/sporing.png"><p>Andre avsnitt</p></body></html>'
    )
    post = importer_epost(
        personas.arkiv,
        make_eml(html=html),
        saksmappe=sak,
        administrativ_enhet=sak.administrativ_enhet,
    )
    with post.dokumenter.get().fil.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "Første avsnitt med fet skrift & mer." in text and "Andre avsnitt" in text
    assert "alert" not in text and "color:red" not in text and "<b>" not in text


@pytest.mark.django_db
def test_refused_email_imports_save_nothing(personas, org, sak, media):
    before = (Saksmappe.objects.count(), Journalpost.objects.count())
    cases = [
        (b"\x00\x01\x02 ikke en e-post", "avsender (From) mangler"),
        (make_eml(sender=None), "avsender (From) mangler"),
        (b"", "Filen er tom."),
        (
            make_eml(attachments=[("oppdatering.exe", b"MZ\x90\x00", "application/octet-stream")]),
            "Vedlegget «oppdatering.exe» kan ikke importeres: Filtypen .exe er ikke tillatt.",
        ),
    ]
    for eml, message in cases:
        with pytest.raises(DomainError) as caught:
            importer_epost(
                personas.arkiv, eml, ny_sak_tittel="Ny sak", administrativ_enhet=org.enhet_a
            )
        assert message in caught.value.message
    with pytest.raises(DomainError, match="rolle"):
        importer_epost(
            personas.politiker, make_eml(), saksmappe=sak, administrativ_enhet=org.enhet_a
        )
    assert (Saksmappe.objects.count(), Journalpost.objects.count()) == before
    assert not Korrespondansepart.objects.exists() and not Dokument.objects.exists()
    assert not stored_files(media)


# --- Import view -----------------------------------------------------------------------------
def eml_upload(data=None, name="melding.eml"):
    return SimpleUploadedFile(name, data if data is not None else make_eml(), "message/rfc822")


@pytest.mark.django_db
def test_import_view_happy_path(personas, org, sak, client):
    client.force_login(personas.saksbehandler)
    url = reverse("journal:importer_epost")
    page = client.get(url)
    assert page.status_code == 200 and 'enctype="multipart/form-data"' in page.content.decode()
    response = client.post(
        url,
        {
            "fil": eml_upload(),
            "saksnummer": sak.saksnummer,
            "administrativ_enhet": org.enhet_a.pk,
            "saksbehandler": personas.saksbehandler.pk,
        },
    )
    post = Journalpost.objects.get(journalposttype="I")
    assert response.status_code == 302
    assert response["Location"] == reverse("journal:journalpost", args=[post.pk])
    assert post.saksmappe == sak and post.dokumenter.count() == 1
    message = next(iter(response.wsgi_request._messages))
    assert f"journalpost {post.journalpostnummer}" in message.message


@pytest.mark.django_db
def test_import_view_errors_beside_fields(personas, org, client):
    client.force_login(personas.arkiv)
    url = reverse("journal:importer_epost")
    base = {"administrativ_enhet": org.enhet_a.pk}
    cases = [
        ({"fil": eml_upload()}, "saksnummer", "Oppgi saksnummer, eller tittel på en ny sak."),
        ({"fil": eml_upload(), "saksnummer": "2099/7"}, "saksnummer", "Fant ingen sak"),
        ({"fil": eml_upload(), "saksnummer": "sju"}, "saksnummer", "år/nummer"),
        ({"fil": eml_upload(name="brev.pdf"), "ny_sak_tittel": "X"}, "fil", ".eml"),
        ({"fil": eml_upload(b"tull"), "ny_sak_tittel": "X"}, "fil", "From"),
        (
            {"fil": eml_upload(), "ny_sak_tittel": "X", "tilgangskode": "U"},
            "offentlig_tittel",
            "Oppgi offentlig tittel",
        ),
        (
            {"fil": eml_upload(), "ny_sak_tittel": "X", "saksbehandler": personas.politiker.pk},
            "saksbehandler",
            "Velg en saksbehandler fra listen.",
        ),
    ]
    for data, field, message in cases:
        response = client.post(url, {**base, **data})
        assert response.status_code == 400, data
        content = response.content.decode()
        assert f'id="id_{field}_error"' in content, (field, content)
        assert message in content, message
    assert not Journalpost.objects.exists() and not Saksmappe.objects.exists()


@pytest.mark.django_db
def test_import_view_access(personas, client):
    url = reverse("journal:importer_epost")
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(personas.politiker)
    assert client.get(url).status_code == 403
    assert client.post(url, {"fil": eml_upload()}).status_code == 403
