"""Exports of the public journal: offentligJournal.xml valid against Arkivverket's schema,
CSV that spreadsheets open safely, PDF, the management command and archive's page."""

import csv
import datetime
import hashlib
import io
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree
from pypdf import PdfReader

from journal.models import Journalpost
from journal.offentlig import eksport
from saksarkiv.services import DomainError

from .conftest import DAG

pytestmark = pytest.mark.django_db

NS = {"o": eksport.NS}
# The sha256 of Arkivverket's files, as journal/offentlig/xsd/README.md records them.
XSD_SHA256 = {
    "offentligJournal.xsd": "e3d9befccf53255be8233d2836ef1de35d9270d95bb3bcbd58ca63544fe170b3",
    "metadatakatalog.xsd": "c7c0a7e7996f60b4c28eacd0e34e6af0d6ca2cfb76f58080221e163fb972a305",
}
NESTE = DAG + datetime.timedelta(days=1)


@pytest.fixture
def periode(bygg):
    """Four public posts over two days, one of them screened, one without correspondents,
    one with a formula-like title; and posts that must stay out."""
    poster = {
        "apen": bygg.post("Søknad om byggetillatelse Nesvegen 3"),
        "skjermet": bygg.post(
            "Klage fra Per Hansen",
            kode="U",
            offentlig_tittel="Klage fra *****",
            skjerm_parter=True,
            parter=(("EA", "Per Hansen", False),),
        ),
        "uten_parter": bygg.post("Svar på søknad", type="U", parter=(), dato=NESTE),
        "formel": bygg.post(
            '=HYPERLINK("http://evil")\x0b tittel',
            parter=(("EA", "+47 Firma AS", True), ("EK", "@kopi", False)),
            dato=NESTE,
        ),
    }
    bygg.post("Utkast", type="U", status="R", dato=NESTE)
    bygg.post("Sperret", kode="XX", offentlig_tittel="*****", dato=NESTE)
    bygg.post("Utenfor perioden", dato=NESTE + datetime.timedelta(days=1))
    return poster


def pdf_tekst(data: bytes) -> str:
    """The PDF's text with table-cell line breaks folded into spaces."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _xml(fra=DAG, til=NESTE) -> etree._Element:
    return etree.fromstring(eksport.lag_xml(fra, til))


def test_the_schemas_are_arkivverkets_files_unchanged():
    for navn, sha256 in XSD_SHA256.items():
        assert hashlib.sha256((eksport.XSD_DIR / navn).read_bytes()).hexdigest() == sha256


def test_xml_validates_against_the_official_schema(periode):
    data = eksport.lag_xml(DAG, NESTE)
    schema = etree.XMLSchema(etree.parse(str(eksport.XSD_DIR / "offentligJournal.xsd")))
    document = etree.fromstring(data)
    assert schema.validate(document), schema.error_log
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")


def test_xml_holds_the_public_view_of_each_post(periode):
    root = _xml()
    assert root.findtext("o:journalhode/o:journalStartDato", namespaces=NS) == "2026-03-02"
    assert root.findtext("o:journalhode/o:journalSluttDato", namespaces=NS) == "2026-03-03"
    assert root.findtext("o:journalhode/o:antallJournalposter", namespaces=NS) == "4"
    assert root.findtext("o:journalhode/o:arkivskaper/o:arkivskaperID", namespaces=NS) == "KOM"
    registreringer = root.findall("o:journalregistrering", NS)
    assert len(registreringer) == 4
    by_title = {
        r.findtext("o:journalpost/o:offentligTittel", namespaces=NS): r for r in registreringer
    }
    assert set(by_title) == {
        "Søknad om byggetillatelse Nesvegen 3",
        "Klage fra *****",
        "Svar på søknad",
        '=HYPERLINK("http://evil") tittel',  # the control character is dropped
    }
    post = periode["skjermet"]
    jp = by_title["Klage fra *****"].find("o:journalpost", NS)
    assert jp.findtext("o:systemID", namespaces=NS) == str(
        uuid.uuid5(eksport.SYSTEM_ID_NAVNEROM, f"journalpost/{post.pk}")
    )
    assert jp.findtext("o:journalsekvensnummer", namespaces=NS) == str(post.journalsekvensnummer)
    assert jp.findtext("o:journalpostnummer", namespaces=NS) == str(post.dokumentnummer)
    assert jp.findtext("o:registreringsID", namespaces=NS) == post.saksdokumentnummer
    assert jp.findtext("o:tilgangsrestriksjon", namespaces=NS) == "U"
    assert jp.findtext("o:skjermingshjemmel", namespaces=NS) == post.skjermingshjemmel
    assert "navn avsender/mottaker" in jp.findtext("o:skjermingMetadata", namespaces=NS)
    part = jp.find("o:korrespondansepart", NS)
    assert part.findtext("o:korrespondanseparttype", namespaces=NS) == "Avsender"
    assert part.findtext("o:korrespondansepartNavn", namespaces=NS) == "Skjermet"
    # A post without correspondents names its own unit as the internal sender.
    uten = by_title["Svar på søknad"].find("o:journalpost/o:korrespondansepart", NS)
    assert uten.findtext("o:korrespondanseparttype", namespaces=NS) == "Intern avsender"
    assert uten.findtext("o:korrespondansepartNavn", namespaces=NS) == "Byggesak"
    assert "Per Hansen" not in etree.tostring(root, encoding="unicode")


def test_an_empty_period_is_refused_for_xml_only(bygg):
    with pytest.raises(DomainError, match="ingen offentlige journalposter"):
        eksport.lag_xml(DAG, DAG)
    rows = list(
        csv.reader(io.StringIO(eksport.lag_csv(DAG, DAG).decode("utf-8-sig")), delimiter=";")
    )
    assert rows == [eksport.CSV_KOLONNER]
    with pytest.raises(DomainError, match="Til-datoen"):
        eksport.lag_csv(NESTE, DAG)


def test_csv_is_semicolon_utf8_with_bom_and_formulas_are_neutralised(periode):
    data = eksport.lag_csv(DAG, NESTE)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == eksport.CSV_KOLONNER
    assert len(rows) == 5
    by_title = {row[5]: row for row in rows[1:]}
    formel = by_title['\'=HYPERLINK("http://evil") tittel']
    assert formel[7] == "Avsender: +47 Firma AS; Kopimottaker: @kopi"  # not at the cell start
    assert formel[0] == "03.03.2026"
    skjermet = by_title["Klage fra *****"]
    assert skjermet[7] == "Avsender: Skjermet" and skjermet[10] == "U"
    for value, expected in [
        ("=1+1", "'=1+1"),
        ("+47", "'+47"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Vanlig", "Vanlig"),
        ("", ""),
    ]:
        assert eksport.celle(value) == expected


def test_pdf_lists_the_period_with_page_numbers(periode):
    data = eksport.lag_pdf(DAG, NESTE)
    text = pdf_tekst(data)
    assert "Offentlig journal 02.03.2026–03.03.2026" in text
    assert "Søknad om byggetillatelse Nesvegen 3" in text and "Klage fra *****" in text
    assert "Side 1 av" in text
    assert "Per Hansen" not in text and "Utkast" not in text


def test_pdf_refuses_a_period_too_long_for_it(periode, monkeypatch):
    monkeypatch.setattr(eksport, "PDF_MAKS", 3)
    with pytest.raises(DomainError, match="PDF lages for høyst 3"):
        eksport.lag_pdf(DAG, NESTE)


def test_exports_read_in_keyset_batches(periode, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setattr(eksport, "BATCH", 1)
    titles = [post.tittel for post in eksport.rader(DAG, NESTE)]
    assert len(titles) == 4 and len(set(titles)) == 4
    monkeypatch.setattr(eksport, "BATCH", 1000)
    with django_assert_max_num_queries(4):  # settings, posts, correspondents, cases
        assert len(list(eksport.rader(DAG, NESTE))) == 4


@pytest.mark.parametrize("format_", ["xml", "csv", "pdf"])
def test_the_command_writes_each_format(periode, tmp_path, format_):
    fil = tmp_path / f"ut.{format_}"
    call_command(
        "offentlig_journal", fra="2026-03-02", til="2026-03-03", format_=format_, output=str(fil),
        verbosity=0,
    )  # fmt: skip
    data = fil.read_bytes()
    if format_ == "pdf":  # PDFs carry their creation time: compare the text
        assert "Søknad om byggetillatelse Nesvegen 3" in pdf_tekst(data)
    else:
        assert data == eksport.lag_eksport(format_, DAG, NESTE)


def test_the_command_parses_its_own_arguments(periode, tmp_path):
    fil = tmp_path / "ut.xml"
    call_command(
        "offentlig_journal",
        "--fra", "2026-03-02", "--til", "2026-03-03", "--format", "XML", "-o", str(fil),
        verbosity=0,
    )  # fmt: skip
    etree.fromstring(fil.read_bytes())


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        ({"fra": "2026-13-01", "til": "2026-03-03"}, "Ugyldig dato for --fra: «2026-13-01»"),
        ({"fra": "2026-03-02", "til": "3. mars"}, "Ugyldig dato for --til"),
        ({"til": "2026-03-03"}, "Oppgi --fra som ÅÅÅÅ-MM-DD."),
        ({"fra": "2026-03-03", "til": "2026-03-02"}, "--til kan ikke være før --fra."),
        ({"fra": "2026-03-02", "til": "2026-03-03", "format_": "docx"}, "Ukjent format «docx»"),
        ({"fra": "2026-03-02", "til": "2026-03-03", "format_": None}, "Oppgi --format"),
        ({"fra": "2026-03-02", "til": "2026-03-03", "output": None}, "Oppgi filen"),
        (
            {"fra": "2026-03-02", "til": "2026-03-03", "output": "/finnes/ikke/ut.xml"},
            "finnes ikke",
        ),
        ({"fra": "2026-01-01", "til": "2026-01-31"}, "ingen offentlige journalposter"),
    ],
)
def test_the_command_refuses_in_norwegian_and_writes_nothing(periode, tmp_path, args, melding):
    fil = tmp_path / "ut.xml"
    kwargs = {"format_": "xml", "output": str(fil), **args}
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    with pytest.raises(CommandError, match=melding.replace("(", r"\(").replace(")", r"\)")):
        call_command("offentlig_journal", verbosity=0, **kwargs)
    assert not fil.exists()


EKSPORT = reverse("offentlig:eksport")


def test_the_export_page_is_for_archive_only(client, login, personas, periode):
    response = client.get(EKSPORT)
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    login(personas.saksbehandler)
    assert client.get(EKSPORT).status_code == 403
    assert (
        client.get(EKSPORT, {"fra": "2026-03-02", "til": "2026-03-03", "format": "csv"}).status_code
        == 403
    )


def test_archive_downloads_the_export_in_the_browser(client, login, personas, periode):
    login(personas.arkiv)
    page = client.get(EKSPORT)
    assert page.status_code == 200 and 'name="format"' in page.content.decode()
    response = client.get(EKSPORT, {"fra": "2026-03-02", "til": "2026-03-03", "format": "xml"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == (
        'attachment; filename="offentligJournal-2026-03-02_2026-03-03.xml"'
    )
    assert eksport.skjema().validate(etree.fromstring(response.content))
    csv_ = client.get(EKSPORT, {"fra": "2026-03-02", "til": "2026-03-02", "format": "csv"})
    assert csv_["Content-Disposition"].endswith('offentlig-journal-2026-03-02.csv"')
    assert csv_.content.startswith(b"\xef\xbb\xbf")


@pytest.mark.parametrize(
    ("params", "melding"),
    [
        ({"fra": "2026-03-03", "til": "2026-03-02", "format": "xml"}, "Til-datoen kan ikke"),
        ({"fra": "", "til": "2026-03-02", "format": "xml"}, "Feltet er påkrevet."),
        ({"fra": "2026-03-02", "til": "2026-03-02", "format": "docx"}, "Velg et gyldig valg"),
        ({"fra": "2026-01-01", "til": "2026-01-31", "format": "xml"}, "ingen offentlige"),
    ],
)
def test_the_export_page_refuses_beside_the_field(
    client, login, personas, periode, params, melding
):
    login(personas.arkiv)
    response = client.get(EKSPORT, params)
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert Journalpost.objects.count() == 7  # nothing was written anywhere


@pytest.mark.django_db(transaction=True)
def test_an_export_reads_one_snapshot(periode):
    """Outside a transaction the export opens its own REPEATABLE READ one, so the XML
    header's count and its rows come from the same moment."""
    with CaptureQueriesContext(connection) as ctx:
        data = eksport.lag_eksport("xml", DAG, NESTE)
    sql = [q["sql"] for q in ctx.captured_queries]
    snapshot = next(i for i, q in enumerate(sql) if "REPEATABLE READ" in q)
    assert all("journal_journalpost" not in q for q in sql[:snapshot])
    root = etree.fromstring(data)
    antall = root.findtext("o:journalhode/o:antallJournalposter", namespaces=NS)
    assert int(antall) == len(root.findall("o:journalregistrering", NS)) == 4


def test_the_command_writes_to_standard_output(periode, capsysbinary):
    call_command("offentlig_journal", fra="2026-03-02", til="2026-03-02", format_="csv", output="-")
    ut = capsysbinary.readouterr().out
    assert ut.startswith(b"\xef\xbb\xbf") and b"Klage fra *****" in ut
