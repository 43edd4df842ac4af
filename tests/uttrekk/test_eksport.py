"""Noark 5 arkivuttrekk (journal/uttrekk/eksport.py, issue 20 item 3): every XML file valid
against Arkivverket's schemas, ADDML counts and SHA-256 of the exact bytes, closed cases only,
voided posts without files, the full record in arkivstruktur.xml and the screened one in
offentligJournal.xml, stored systemIDs, and memory that does not grow with the period.

The period is yesterday and today under the test clock; the cases are closed today."""

import datetime
import hashlib
import io
import tracemalloc
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from lxml import etree
from pypdf import PdfWriter

from journal.models import (
    Dokument,
    Journalpost,
    Korrespondansepart,
    Saksmappe,
    Sakspart,
)
from journal.services import saker
from journal.services.avskrivning import avskriv
from journal.services.journalposter import legg_til_merknad
from journal.services.registration import opprett_sak
from journal.uttrekk import eksport, felles
from journal.uttrekk.kontroll import kontroller
from saksarkiv.services import DomainError
from tests.conftest import CANARY
from tests.offentlig.conftest import Bygg

pytestmark = pytest.mark.django_db

EN_DAG = datetime.timedelta(days=1)
A = {"a": felles.NS_ARKIV, "x": "http://www.w3.org/2001/XMLSchema-instance"}
ADDML = {"d": "http://www.arkivverket.no/standarder/addml"}
# Arkivverket's files, byte for byte (../shared/noark5/SOURCES.md).
XSD_SHA256 = {
    "arkivstruktur.xsd": "77acc0f549f4f3856f56429cb30e6b626ddb05d8b8a3d6cae00cb5911b60f58c",
    "loependeJournal.xsd": "a631f05eac6496394e78597ac7d20d9e1269fcaccb6d1a8f5c50c75e53384f27",
    "offentligJournal.xsd": "e3d9befccf53255be8233d2836ef1de35d9270d95bb3bcbd58ca63544fe170b3",
    "endringslogg.xsd": "07cbc86e8b3c4b42ed831cdd5c09aa402a2c4049bbca2d287e184f3138edf1de",
    "metadatakatalog.xsd": "c7c0a7e7996f60b4c28eacd0e34e6af0d6ca2cfb76f58080221e163fb972a305",
    "addml.xsd": "ae2c4c9be0c1f4f291be36db3dfc069085f35eb515b072d3b1230ac89647d5dd",
}
XML_SKJEMA = {
    "arkivstruktur.xml": "arkivstruktur.xsd",
    "loependeJournal.xml": "loependeJournal.xsd",
    "offentligJournal.xml": "offentligJournal.xsd",
    "endringslogg.xml": "endringslogg.xsd",
    "arkivuttrekk.xml": "addml.xsd",
}


def ekte_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": "Vedtak"})
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


PDF = ekte_pdf()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def dag(klokke) -> datetime.date:
    return klokke.dag


@pytest.fixture
def bygg(personas, org, media, dag) -> Bygg:
    sak = opprett_sak(
        personas.arkiv,
        tittel="Byggesak Fjordvegen 5",
        administrativ_enhet=org.enhet_a,
        ordningsprinsipp="GBNR",
        ordningsverdi="12/34",
    )
    return Bygg(personas, org, sak, dag)


def dokument(bygg: Bygg, post, nummer=1, som="H") -> Dokument:
    return Dokument.objects.create(
        journalpost=post,
        tilknyttet_registrering_som=som,
        dokumentnummer=nummer,
        tittel=f"Dokument {nummer}",
        fil=ContentFile(PDF, name="brev.pdf"),
        filnavn="brev.pdf",
        mimetype="application/pdf",
        storrelse=len(PDF),
        sjekksum=hashlib.sha256(PDF).hexdigest(),
        arkivformat=ContentFile(PDF, name="brev-arkiv.pdf"),
        arkivformat_sjekksum=hashlib.sha256(PDF).hexdigest(),
        opprettet_av=bygg.personas.arkiv,
    )


def lukk(sak: Saksmappe, dag, av) -> None:
    """Closed without the service (as imported or seed data is): no audit entry."""
    Saksmappe.objects.filter(pk=sak.pk).update(saksstatus="A", avsluttet_dato=dag, avsluttet_av=av)


@pytest.fixture
def data(bygg, personas, org, dag):
    arkiv = personas.arkiv
    apen = bygg.post("Søknad om byggetillatelse Fjordvegen 5")
    dokument(bygg, apen)
    dokument(bygg, apen, nummer=2, som="V")
    avskriv(arkiv, apen, "TE")
    legg_til_merknad(arkiv, apen, "Søker ringte om fristen")
    skjermet = bygg.post(
        f"Klage fra {CANARY} Hansen",
        kode="U",
        offentlig_tittel="Klage fra *****",
        skjerm_parter=True,
        parter=(("EA", f"{CANARY} Hansen", False),),
    )
    dokument(bygg, skjermet)
    avskriv(arkiv, skjermet, "TO")
    svar = bygg.post("Vedtak om byggetillatelse", type="U", parter=(("EM", "Ola Nordmann", False),))
    dokument(bygg, svar)
    utgatt = bygg.post("Feilregistrert brev", type="U", status="U")
    dokument(bygg, utgatt)
    Sakspart.objects.create(saksmappe=bygg.sak, navn="Ola Nordmann", rolle="Søker")
    sak = saker.avslutt(arkiv, Saksmappe.objects.get(pk=bygg.sak.pk))

    k_sak = bygg.ny_sak("Reglement for arkiv", ordningsprinsipp="K-kode", ordningsverdi="233")
    notat = bygg.post("Notat om arkivplan", type="X", parter=(), sak=k_sak)
    lukk(k_sak, dag, arkiv)

    gammel = bygg.ny_sak("Gammel sak", ordningsprinsipp="K-kode", ordningsverdi="076")
    bygg.post("Gammel post", type="X", parter=(), sak=gammel)
    lukk(gammel, dag - 100 * EN_DAG, arkiv)

    aapen_sak = bygg.ny_sak("Pågående sak Nesvegen", ordningsprinsipp="K-kode", ordningsverdi="233")
    bygg.post("Post i pågående sak", sak=aapen_sak)
    return {
        "sak": sak,
        "k_sak": Saksmappe.objects.get(pk=k_sak.pk),
        "apen": apen,
        "skjermet": skjermet,
        "svar": svar,
        "utgatt": utgatt,
        "notat": notat,
    }


@pytest.fixture
def pakke(data, dag, tmp_path) -> Path:
    eksport.lag_uttrekk(dag - EN_DAG, dag, tmp_path / "uttrekk")
    return tmp_path / "uttrekk"


def _les(pakke: Path, navn: str) -> etree._Element:
    return etree.parse(str(pakke / navn)).getroot()


def test_the_schemas_are_arkivverkets_files_unchanged():
    for navn, sha in XSD_SHA256.items():
        assert hashlib.sha256((eksport.XSD_DIR / navn).read_bytes()).hexdigest() == sha


@pytest.mark.datofolsom
def test_our_checker_finds_no_deviation_in_our_package(pakke, dag):
    """The export and the checker (journal/uttrekk/kontroll.py, Arkade 5's tests) agree."""
    rapport = kontroller(pakke, dag)
    assert not rapport.feilet, rapport.tekst()


def test_every_xml_file_validates_against_the_schemas(pakke):
    for xml, xsd in XML_SKJEMA.items():
        schema = etree.XMLSchema(etree.parse(str(eksport.XSD_DIR / xsd)))
        assert schema.validate(etree.parse(str(pakke / xml))), (xml, schema.error_log)
        # the copies in the package are the same schemas
        assert hashlib.sha256((pakke / xsd).read_bytes()).hexdigest() == XSD_SHA256[xsd]
    assert not Path(f"{pakke}.under-arbeid").exists()


@pytest.mark.datofolsom
def test_addml_checksums_and_counts_match_the_files(pakke):
    addml = _les(pakke, "arkivuttrekk.xml")
    sjekket = 0
    for prop in addml.iterfind(".//d:property[@name='file']", ADDML):
        navn = prop.findtext("d:properties/d:property[@name='name']/d:value", namespaces=ADDML)
        verdi = prop.findtext(
            ".//d:property[@name='checksum']//d:property[@name='value']/d:value", namespaces=ADDML
        )
        assert hashlib.sha256((pakke / navn).read_bytes()).hexdigest() == verdi, navn
        sjekket += 1
    assert sjekket == 12  # four XML files, each with its schema and metadatakatalog.xsd
    for objekt in addml.iterfind(".//d:dataObject/d:dataObjects/d:dataObject", ADDML):
        fil = _les(pakke, f"{objekt.get('name')}.xml")
        for forekomst in objekt.iterfind(".//d:property[@name='numberOfOccurrences']", ADDML):
            element = forekomst.findtext("d:value", namespaces=ADDML)
            antall = forekomst.findtext(".//d:property[@name='value']/d:value", namespaces=ADDML)
            faktisk = sum(1 for e in fil.iter() if etree.QName(e).localname == element)
            assert int(antall) == faktisk, (objekt.get("name"), element)
    filer = addml.findtext(".//d:property[@name='antallDokumentfiler']/d:value", namespaces=ADDML)
    assert int(filer) == len(list((pakke / "DOKUMENT").rglob("*.*"))) == 4
    skjermet = ".//d:property[@name='inneholderSkjermetInformasjon']/d:value"
    assert addml.findtext(skjermet, namespaces=ADDML) == "true"


@pytest.mark.datofolsom
def test_only_closed_cases_of_the_period_with_stored_system_ids(pakke, data):
    arkiv = _les(pakke, "arkivstruktur.xml")
    mapper = arkiv.findall(".//a:mappe", A)
    assert {m.findtext("a:systemID", namespaces=A) for m in mapper} == {
        str(data["sak"].systemid),
        str(data["k_sak"].systemid),
    }
    assert all(m.get(f"{{{A['x']}}}type") == "saksmappe" for m in mapper)
    assert {m.findtext("a:saksstatus", namespaces=A) for m in mapper} == {"Avsluttet"}
    poster = {
        r.findtext("a:systemID", namespaces=A): r for r in arkiv.iterfind(".//a:registrering", A)
    }
    navn = ("apen", "skjermet", "svar", "utgatt", "notat")
    assert set(poster) == {str(data[n].systemid) for n in navn}
    tekst = (pakke / "arkivstruktur.xml").read_text()
    assert "Pågående sak" not in tekst and "Gammel post" not in tekst
    # the whole classification: both systems, and class 076 without cases in the period
    systemer = {
        k.findtext("a:tittel", namespaces=A)
        for k in arkiv.iterfind(".//a:klassifikasjonssystem", A)
    }
    assert systemer == {"GBNR", "K-kode"}
    klasser = {k.findtext("a:klasseID", namespaces=A) for k in arkiv.iterfind(".//a:klasse", A)}
    assert klasser == {"12/34", "076", "233"}
    apen = poster[str(data["apen"].systemid)]
    assert apen.findtext("a:journalstatus", namespaces=A) == "Arkivert"
    assert (
        apen.findtext("a:avskrivning/a:avskrivningsmaate", namespaces=A) == "Tatt til etterretning"
    )
    assert apen.findtext("a:merknad/a:merknadstekst", namespaces=A) == "Søker ringte om fristen"
    assert apen.findtext("a:antallVedlegg", namespaces=A) == "1"
    beskrivelser = apen.findall("a:dokumentbeskrivelse", A)
    assert {b.findtext("a:systemID", namespaces=A) for b in beskrivelser} == {
        str(d.systemid) for d in data["apen"].dokumenter.all()
    }


@pytest.mark.datofolsom
def test_document_files_carry_their_checksum_and_size(pakke):
    arkiv = _les(pakke, "arkivstruktur.xml")
    objekter = arkiv.findall(".//a:dokumentobjekt", A)
    assert len(objekter) == 4
    for objekt in objekter:
        fil = pakke / objekt.findtext("a:referanseDokumentfil", namespaces=A)
        data = fil.read_bytes()
        assert data == PDF
        assert objekt.findtext("a:sjekksum", namespaces=A) == hashlib.sha256(data).hexdigest()
        assert objekt.findtext("a:filstoerrelse", namespaces=A) == str(len(data))
        assert objekt.findtext("a:variantformat", namespaces=A) == "Arkivformat"
        assert objekt.findtext("a:format", namespaces=A).startswith("fmt/")


@pytest.mark.datofolsom
def test_voided_post_is_kept_without_files(pakke, data):
    arkiv = _les(pakke, "arkivstruktur.xml")
    (utgatt,) = [
        r
        for r in arkiv.iterfind(".//a:registrering", A)
        if r.findtext("a:systemID", namespaces=A) == str(data["utgatt"].systemid)
    ]
    assert utgatt.findtext("a:journalstatus", namespaces=A) == "Utgår"
    assert len(utgatt.findall("a:dokumentbeskrivelse", A)) == 1
    assert utgatt.find(".//a:dokumentobjekt", A) is None
    lj = (pakke / "loependeJournal.xml").read_text()
    assert str(data["utgatt"].systemid) in lj


@pytest.mark.datofolsom
def test_canary_kept_in_the_archive_and_screened_in_the_public_journal(pakke, data):
    assert CANARY in (pakke / "arkivstruktur.xml").read_text()
    assert CANARY in (pakke / "loependeJournal.xml").read_text()
    offentlig = (pakke / "offentligJournal.xml").read_text()
    assert CANARY not in offentlig
    assert "Klage fra *****" in offentlig
    assert str(data["skjermet"].systemid) in offentlig
    arkiv = _les(pakke, "arkivstruktur.xml")
    skjerming = [
        r.find("a:skjerming", A)
        for r in arkiv.iterfind(".//a:registrering", A)
        if r.findtext("a:systemID", namespaces=A) == str(data["skjermet"].systemid)
    ][0]
    assert skjerming.findtext("a:tilgangsrestriksjon", namespaces=A) == "U"
    ord_ = {e.text for e in skjerming.findall("a:skjermingMetadata", A)}
    assert "Skjerming navn avsender" in ord_


@pytest.mark.datofolsom
def test_no_empty_elements(pakke):
    for navn in XML_SKJEMA:
        for element in _les(pakke, navn).iter():
            if len(element) == 0:
                assert (element.text or "").strip(), (navn, element.tag)


@pytest.mark.datofolsom
def test_endringslogg_references_extracted_units(pakke, data):
    logg = etree.parse(str(pakke / "endringslogg.xml")).getroot()
    ns = {"e": felles.NS_LOGG}
    endringer = logg.findall("e:endring", ns)
    refs = {e.findtext("e:referanseArkivenhet", namespaces=ns) for e in endringer}
    arkiv = _les(pakke, "arkivstruktur.xml")
    ids = {e.text for e in arkiv.iterfind(".//a:systemID", A)}
    assert refs <= ids
    # the audited closing of the first case, the recorded closing of the second
    status = {
        e.findtext("e:referanseArkivenhet", namespaces=ns): e.findtext("e:nyVerdi", namespaces=ns)
        for e in endringer
        if e.findtext("e:referanseMetadata", namespaces=ns) == "saksstatus"
    }
    assert status[str(data["sak"].systemid)] == "Avsluttet"
    assert status[str(data["k_sak"].systemid)] == "Avsluttet"


@pytest.mark.datofolsom
def test_command_writes_the_package_and_refuses_bad_input(data, dag, tmp_path, capsys):
    ut = tmp_path / "kommando"
    call_command(
        "arkivuttrekk", "--fra", (dag - EN_DAG).isoformat(), "--til", dag.isoformat(), "-o", str(ut)
    )
    assert "2 saksmapper, 0 møtemapper, 5 journalposter, 4 dokumentfiler" in capsys.readouterr().out
    assert (ut / "arkivuttrekk.xml").is_file()
    with pytest.raises(CommandError, match="ikke tom"):
        call_command(
            "arkivuttrekk", "--fra", dag.isoformat(), "--til", dag.isoformat(), "-o", str(ut)
        )
    tom = tmp_path / "tom"
    langt_tilbake = (dag - 400 * EN_DAG).isoformat()
    with pytest.raises(CommandError, match="Ingen saker"):
        call_command("arkivuttrekk", "--fra", langt_tilbake, "--til", langt_tilbake, "-o", str(tom))
    assert not tom.exists()
    with pytest.raises(CommandError, match="etter i dag"):
        call_command(
            "arkivuttrekk",
            "--fra",
            dag.isoformat(),
            "--til",
            (dag + EN_DAG).isoformat(),
            "-o",
            str(tom),
        )
    with pytest.raises(CommandError, match="Ugyldig dato"):
        call_command(
            "arkivuttrekk", "--fra", "31.12.2026", "--til", dag.isoformat(), "-o", str(tom)
        )
    with pytest.raises(CommandError, match="før"):
        call_command(
            "arkivuttrekk",
            "--fra",
            dag.isoformat(),
            "--til",
            (dag - EN_DAG).isoformat(),
            "-o",
            str(tom),
        )


def test_refuses_a_reversed_period_and_a_directory_in_use(data, dag, tmp_path):
    with pytest.raises(DomainError, match="før fra-datoen"):
        eksport.lag_uttrekk(dag, dag - EN_DAG, tmp_path / "x")
    brukt = tmp_path / "brukt"
    brukt.mkdir()
    (brukt / "annet.txt").write_text("noe annet")
    with pytest.raises(DomainError, match="ikke tom"):
        eksport.lag_uttrekk(dag - EN_DAG, dag, brukt)
    assert [p.name for p in brukt.iterdir()] == ["annet.txt"]


# --- Streaming ----------------------------------------------------------------------------
def _fyll(bygg: Bygg, fra_nr: int, antall_saker: int, poster_per_sak: int, dag) -> None:
    """Closed cases with posts and a correspondent each, written in bulk."""
    arkiv, enhet = bygg.personas.arkiv, bygg.org.enhet_a
    saker_ = Saksmappe.objects.bulk_create(
        Saksmappe(
            saksaar=dag.year - 1,
            sakssekvensnummer=fra_nr + i,
            tittel=f"Masse-sak {fra_nr + i}",
            offentlig_tittel=f"Masse-sak {fra_nr + i}",
            saksstatus="A",
            avsluttet_dato=dag,
            avsluttet_av=arkiv,
            saksansvarlig=arkiv,
            opprettet_av=arkiv,
            administrativ_enhet=enhet,
            ordningsprinsipp="K-kode",
            ordningsverdi=str(100 + i % 2),
        )
        for i in range(antall_saker)
    )
    poster = Journalpost.objects.bulk_create(
        Journalpost(
            saksmappe=sak,
            journalaar=dag.year - 1,
            journalsekvensnummer=(fra_nr + s) * poster_per_sak + n,
            dokumentnummer=n + 1,
            journalposttype="U",
            journalstatus="J",
            journaldato=dag,
            tittel=f"Brev {n} i sak {sak.sakssekvensnummer} " + "tekst " * 20,
            offentlig_tittel=f"Brev {n} i sak {sak.sakssekvensnummer} " + "tekst " * 20,
            administrativ_enhet=enhet,
            opprettet_av=arkiv,
        )
        for s, sak in enumerate(saker_)
        for n in range(poster_per_sak)
    )
    Korrespondansepart.objects.bulk_create(
        Korrespondansepart(journalpost=p, korrespondanseparttype="EM", navn="Mottaker AS")
        for p in poster
    )


def _topp(fra, til, katalog) -> int:
    tracemalloc.start()
    try:
        res = eksport.lag_uttrekk(fra, til, katalog)
        _naa, topp = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert res.antall["registrering"] > 0
    return topp


@pytest.mark.datofolsom
def test_memory_stays_flat_when_the_period_doubles(bygg, dag, tmp_path, monkeypatch):
    # Small batches, so that N posts already span many of them.
    monkeypatch.setattr(felles, "BATCH", 5)
    monkeypatch.setattr(felles, "POSTBATCH", 20)
    fra = dag - EN_DAG
    _fyll(bygg, 1, 4, 5, dag)
    _topp(fra, dag, tmp_path / "oppvarming")  # caches, schemas, content types
    _fyll(bygg, 100, 20, 8, dag)
    n = _topp(fra, dag, tmp_path / "n")
    _fyll(bygg, 200, 20, 8, dag)
    to_n = _topp(fra, dag, tmp_path / "2n")
    assert to_n < n * 1.3, (n, to_n)


@pytest.mark.datofolsom
def test_a_missing_document_file_stops_the_export_and_leaves_nothing(data, dag, tmp_path):
    dok = data["svar"].dokumenter.get()
    dok.arkivformat.storage.delete(dok.arkivformat.name)
    katalog = tmp_path / "uttrekk"
    with pytest.raises(DomainError, match="finnes ikke i dokumentlageret"):
        eksport.lag_uttrekk(dag - EN_DAG, dag, katalog)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["media"]
