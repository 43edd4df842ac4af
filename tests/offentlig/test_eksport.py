"""Exports of the public journal: offentligJournal.xml valid against Arkivverket's schema,
CSV that spreadsheets open safely, PDF, the management command and archive's page. The
period is yesterday and today under the test clock (`fra`, `til`)."""

import calendar
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
from tests.klokke import ved

pytestmark = pytest.mark.django_db

NS = {"o": eksport.NS}
# The sha256 of Arkivverket's files, as journal/offentlig/xsd/README.md records them.
XSD_SHA256 = {
    "offentligJournal.xsd": "e3d9befccf53255be8233d2836ef1de35d9270d95bb3bcbd58ca63544fe170b3",
    "metadatakatalog.xsd": "c7c0a7e7996f60b4c28eacd0e34e6af0d6ca2cfb76f58080221e163fb972a305",
}
EN_DAG = datetime.timedelta(days=1)


@pytest.fixture
def fra(dag) -> datetime.date:
    """The period's first day: yesterday."""
    return dag - EN_DAG


@pytest.fixture
def til(dag) -> datetime.date:
    """The period's last day: today."""
    return dag


@pytest.fixture
def datoer(fra, til) -> dict[str, str]:
    """The period and an empty one long before it, as the command and the page take them."""
    tom = fra - 40 * EN_DAG
    return {
        "fra": fra.isoformat(),
        "til": til.isoformat(),
        "tom_fra": (tom - 30 * EN_DAG).isoformat(),
        "tom_til": tom.isoformat(),
    }


def _med_datoer(verdier: dict, datoer: dict[str, str]) -> dict:
    return {k: v.format(**datoer) if isinstance(v, str) else v for k, v in verdier.items()}


@pytest.fixture
def periode(bygg, fra, til):
    """Four public posts over two days, one of them screened, one without correspondents,
    one with a formula-like title; and posts that must stay out."""
    poster = {
        "apen": bygg.post("Søknad om byggetillatelse Nesvegen 3", dato=fra),
        "skjermet": bygg.post(
            "Klage fra Per Hansen",
            kode="U",
            offentlig_tittel="Klage fra *****",
            skjerm_parter=True,
            parter=(("EA", "Per Hansen", False),),
            dato=fra,
        ),
        "uten_parter": bygg.post("Svar på søknad", type="U", parter=(), dato=til),
        "formel": bygg.post(
            '=HYPERLINK("http://evil")\x0b tittel',
            parter=(("EA", "+47 Firma AS", True), ("EK", "@kopi", False)),
            dato=til,
        ),
    }
    bygg.post("Utkast", type="U", status="R", dato=til)
    bygg.post("Sperret", kode="XX", offentlig_tittel="*****", dato=til)
    bygg.post("Utenfor perioden", dato=fra - EN_DAG)
    return poster


def pdf_tekst(data: bytes) -> str:
    """The PDF's text with table-cell line breaks folded into spaces."""
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def _xml(fra, til) -> etree._Element:
    return etree.fromstring(eksport.lag_xml(fra, til))


def test_the_schemas_are_arkivverkets_files_unchanged():
    for navn, sha256 in XSD_SHA256.items():
        assert hashlib.sha256((eksport.XSD_DIR / navn).read_bytes()).hexdigest() == sha256


@pytest.mark.datofolsom
def test_xml_validates_against_the_official_schema(periode, fra, til):
    data = eksport.lag_xml(fra, til)
    schema = etree.XMLSchema(etree.parse(str(eksport.XSD_DIR / "offentligJournal.xsd")))
    document = etree.fromstring(data)
    assert schema.validate(document), schema.error_log
    assert data.startswith(b"<?xml version='1.0' encoding='utf-8'?>")


@pytest.mark.datofolsom
def test_xml_holds_the_public_view_of_each_post(periode, fra, til):
    root = _xml(fra, til)
    assert root.findtext("o:journalhode/o:journalStartDato", namespaces=NS) == fra.isoformat()
    assert root.findtext("o:journalhode/o:journalSluttDato", namespaces=NS) == til.isoformat()
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


@pytest.mark.datofolsom
def test_an_empty_period_is_refused_for_xml_only(bygg, dag):
    with pytest.raises(DomainError, match="ingen offentlige journalposter"):
        eksport.lag_xml(dag, dag)
    rows = list(
        csv.reader(io.StringIO(eksport.lag_csv(dag, dag).decode("utf-8-sig")), delimiter=";")
    )
    assert rows == [eksport.CSV_KOLONNER]
    with pytest.raises(DomainError, match="Til-datoen"):
        eksport.lag_csv(dag, dag - EN_DAG)


@pytest.mark.datofolsom
def test_csv_is_semicolon_utf8_with_bom_and_formulas_are_neutralised(periode, fra, til):
    data = eksport.lag_csv(fra, til)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0] == eksport.CSV_KOLONNER
    assert len(rows) == 5
    by_title = {row[5]: row for row in rows[1:]}
    formel = by_title['\'=HYPERLINK("http://evil") tittel']
    assert formel[7] == "Avsender: +47 Firma AS; Kopimottaker: @kopi"  # not at the cell start
    assert formel[0] == til.strftime("%d.%m.%Y")
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


@pytest.mark.datofolsom
def test_pdf_lists_the_period_with_page_numbers(periode, fra, til, klokke):
    data = eksport.lag_pdf(fra, til)
    text = pdf_tekst(data)
    assert f"Offentlig journal {fra:%d.%m.%Y}–{til:%d.%m.%Y}" in text
    assert f"Utskrift {klokke.naa:%d.%m.%Y}" in text  # printed today, Oslo time
    assert "Søknad om byggetillatelse Nesvegen 3" in text and "Klage fra *****" in text
    assert "Side 1 av" in text
    assert "Per Hansen" not in text and "Utkast" not in text


def test_pdf_refuses_a_period_too_long_for_it(periode, fra, til, monkeypatch):
    monkeypatch.setattr(eksport, "PDF_MAKS", 3)
    with pytest.raises(DomainError, match="PDF lages for høyst 3"):
        eksport.lag_pdf(fra, til)


def test_exports_read_in_keyset_batches(
    periode, fra, til, monkeypatch, django_assert_max_num_queries
):
    monkeypatch.setattr(eksport, "BATCH", 1)
    titles = [post.tittel for post in eksport.rader(fra, til)]
    assert len(titles) == 4 and len(set(titles)) == 4
    monkeypatch.setattr(eksport, "BATCH", 1000)
    with django_assert_max_num_queries(4):  # settings, posts, correspondents, cases
        assert len(list(eksport.rader(fra, til))) == 4


@pytest.mark.parametrize("format_", ["xml", "csv", "pdf"])
def test_the_command_writes_each_format(periode, fra, til, tmp_path, format_):
    fil = tmp_path / f"ut.{format_}"
    call_command(
        "offentlig_journal", fra=fra.isoformat(), til=til.isoformat(), format_=format_,
        output=str(fil), verbosity=0,
    )  # fmt: skip
    data = fil.read_bytes()
    if format_ == "pdf":  # PDFs carry their creation time: compare the text
        assert "Søknad om byggetillatelse Nesvegen 3" in pdf_tekst(data)
    else:
        assert data == eksport.lag_eksport(format_, fra, til)


@pytest.mark.datofolsom
def test_the_command_parses_its_own_arguments(periode, fra, til, tmp_path):
    fil = tmp_path / "ut.xml"
    call_command(
        "offentlig_journal",
        "--fra", fra.isoformat(), "--til", til.isoformat(), "--format", "XML", "-o", str(fil),
        verbosity=0,
    )  # fmt: skip
    root = etree.fromstring(fil.read_bytes())
    assert root.findtext("o:journalhode/o:antallJournalposter", namespaces=NS) == "4"


@pytest.mark.parametrize(
    ("args", "melding"),
    [
        ({"fra": "2026-13-01", "til": "{til}"}, "Ugyldig dato for --fra: «2026-13-01»"),
        ({"fra": "{fra}", "til": "3. mars"}, "Ugyldig dato for --til"),
        ({"til": "{til}"}, "Oppgi --fra som ÅÅÅÅ-MM-DD."),
        ({"fra": "{til}", "til": "{fra}"}, "--til kan ikke være før --fra."),
        ({"fra": "{fra}", "til": "{til}", "format_": "docx"}, "Ukjent format «docx»"),
        ({"fra": "{fra}", "til": "{til}", "format_": None}, "Oppgi --format"),
        ({"fra": "{fra}", "til": "{til}", "output": None}, "Oppgi filen"),
        ({"fra": "{fra}", "til": "{til}", "output": "/finnes/ikke/ut.xml"}, "finnes ikke"),
        ({"fra": "{tom_fra}", "til": "{tom_til}"}, "ingen offentlige journalposter"),
    ],
)
def test_the_command_refuses_in_norwegian_and_writes_nothing(
    periode, datoer, tmp_path, args, melding
):
    fil = tmp_path / "ut.xml"
    kwargs = {"format_": "xml", "output": str(fil), **_med_datoer(args, datoer)}
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    with pytest.raises(CommandError, match=melding.replace("(", r"\(").replace(")", r"\)")):
        call_command("offentlig_journal", verbosity=0, **kwargs)
    assert not fil.exists()


EKSPORT = reverse("offentlig:eksport")


def test_the_export_page_is_for_archive_only(client, login, personas, periode, fra, til):
    response = client.get(EKSPORT)
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    login(personas.saksbehandler)
    assert client.get(EKSPORT).status_code == 403
    params = {"fra": fra.isoformat(), "til": til.isoformat(), "format": "csv"}
    assert client.get(EKSPORT, params).status_code == 403


@pytest.mark.datofolsom
def test_archive_downloads_the_export_in_the_browser(client, login, personas, periode, fra, til):
    login(personas.arkiv)
    page = client.get(EKSPORT)
    assert page.status_code == 200 and 'name="format"' in page.content.decode()
    response = client.get(
        EKSPORT, {"fra": fra.isoformat(), "til": til.isoformat(), "format": "xml"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == (
        f'attachment; filename="offentligJournal-{fra.isoformat()}_{til.isoformat()}.xml"'
    )
    assert eksport.skjema().validate(etree.fromstring(response.content))
    csv_ = client.get(EKSPORT, {"fra": fra.isoformat(), "til": fra.isoformat(), "format": "csv"})
    assert csv_["Content-Disposition"].endswith(f'offentlig-journal-{fra.isoformat()}.csv"')
    assert csv_.content.startswith(b"\xef\xbb\xbf")


def _forrige_maaned(dag: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the month before `dag`'s."""
    aar, maaned = (dag.year, dag.month - 1) if dag.month > 1 else (dag.year - 1, 12)
    return datetime.date(aar, maaned, 1), datetime.date(
        aar, maaned, calendar.monthrange(aar, maaned)[1]
    )


@pytest.mark.datofolsom
def test_the_export_page_offers_last_month_in_oslo(client, login, personas, dag):
    login(personas.arkiv)
    html = client.get(EKSPORT).content.decode()
    forste, siste = _forrige_maaned(dag)
    # Dates are shown as dd.mm.åååå (saksarkiv.widgets.DatoInput).
    assert f'name="fra" value="{forste:%d.%m.%Y}"' in html
    assert f'name="til" value="{siste:%d.%m.%Y}"' in html


@pytest.mark.parametrize(
    ("forste", "siste"),
    [
        # Just after midnight in Oslo, UTC is still on the last day of the month before.
        ved("2027-01-01T00:30", "2026-12-01", "2026-12-31", id="nyttarsnatt"),
        ved("2027-03-01T00:15", "2027-02-01", "2027-02-28", id="1-mars"),
        ved("2028-03-01T00:15", "2028-02-01", "2028-02-29", id="1-mars-skuddaar"),
        ved("2027-04-01T01:30", "2027-03-01", "2027-03-31", id="1-april-sommertid"),
    ],
)
def test_last_month_is_counted_from_the_day_in_oslo(client, login, personas, forste, siste):
    login(personas.arkiv)
    html = client.get(EKSPORT).content.decode()

    def vist(iso: str) -> str:  # shown as dd.mm.åååå
        return datetime.date.fromisoformat(iso).strftime("%d.%m.%Y")

    assert f'name="fra" value="{vist(forste)}"' in html
    assert f'name="til" value="{vist(siste)}"' in html


@pytest.mark.parametrize(
    ("params", "melding"),
    [
        ({"fra": "{til}", "til": "{fra}", "format": "xml"}, "Til-datoen kan ikke"),
        ({"fra": "", "til": "{fra}", "format": "xml"}, "Feltet er påkrevet."),
        ({"fra": "{fra}", "til": "{fra}", "format": "docx"}, "Velg et gyldig valg"),
        ({"fra": "{tom_fra}", "til": "{tom_til}", "format": "xml"}, "ingen offentlige"),
    ],
)
def test_the_export_page_refuses_beside_the_field(
    client, login, personas, periode, datoer, params, melding
):
    login(personas.arkiv)
    response = client.get(EKSPORT, _med_datoer(params, datoer))
    assert response.status_code == 400
    assert melding in response.content.decode()
    assert Journalpost.objects.count() == 7  # nothing was written anywhere


@pytest.mark.django_db(transaction=True)
def test_an_export_reads_one_snapshot(periode, fra, til):
    """Outside a transaction the export opens its own REPEATABLE READ one, so the XML
    header's count and its rows come from the same moment."""
    with CaptureQueriesContext(connection) as ctx:
        data = eksport.lag_eksport("xml", fra, til)
    sql = [q["sql"] for q in ctx.captured_queries]
    snapshot = next(i for i, q in enumerate(sql) if "REPEATABLE READ" in q)
    assert all("journal_journalpost" not in q for q in sql[:snapshot])
    root = etree.fromstring(data)
    antall = root.findtext("o:journalhode/o:antallJournalposter", namespaces=NS)
    assert int(antall) == len(root.findall("o:journalregistrering", NS)) == 4


def test_the_command_writes_to_standard_output(periode, fra, capsysbinary):
    dag = fra.isoformat()
    call_command("offentlig_journal", fra=dag, til=dag, format_="csv", output="-")
    ut = capsysbinary.readouterr().out
    assert ut.startswith(b"\xef\xbb\xbf") and b"Klage fra *****" in ut
