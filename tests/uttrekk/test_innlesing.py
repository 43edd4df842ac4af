"""Import of a Noark 5 v5.0 arkivuttrekk (journal/uttrekk/innlesing.py, issue 20 item 5):
the round trip export → import into an empty database → export gives the same XML; an
extraction from another system comes in with its systemIDs and numbers; what cannot be taken
in is refused with a report naming each fault, and nothing is imported."""

import datetime
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from journal.models import Dokument, Journalpost, Saksmappe
from journal.uttrekk import eksport
from journal.uttrekk.innlesing import Avvist, les_inn
from saksarkiv.models import Endringslogg
from tests.conftest import ensure_access_codes
from tests.uttrekk import test_eksport
from tests.uttrekk.test_eksport import EN_DAG

# The export tests' fixtures: their data, the frozen day and the media directory.
bygg, dag, data, media = test_eksport.bygg, test_eksport.dag, test_eksport.data, test_eksport.media

EKSEMPLER = Path(__file__).parent / "eksempler"
XML = ("arkivstruktur.xml", "loependeJournal.xml", "offentligJournal.xml", "endringslogg.xml")
# The export's own moment: when the archive and its parts were closed by the export.
EKSPORTTID = re.compile(
    rb"(<(avsluttetDato)>[^<]*</avsluttetDato>\s*<avsluttetAv>Saksarkiv</avsluttetAv>)"
)


def _uten_eksporttid(innhold: bytes) -> bytes:
    return EKSPORTTID.sub(b"<avsluttetDato/>", innhold)


def _filer(katalog: Path) -> dict[str, bytes]:
    return {
        str(f.relative_to(katalog)): f.read_bytes()
        for f in sorted(katalog.rglob("*"))
        if f.is_file() and f.suffix != ".xsd" and f.name != "arkivuttrekk.xml"
    }


@pytest.mark.datofolsom
@pytest.mark.django_db(transaction=True)
def test_round_trip_export_import_into_an_empty_database_export_gives_the_same_xml(
    data, dag, tmp_path
):
    fra = dag - EN_DAG
    eksport.lag_uttrekk(fra, dag, tmp_path / "for")
    call_command("flush", interactive=False, verbosity=0)
    ensure_access_codes()
    assert not Saksmappe.objects.exists()

    rapport = les_inn(tmp_path / "for")
    assert rapport.importert, rapport.tekst()
    eksport.lag_uttrekk(fra, dag, tmp_path / "etter")

    for_, etter = _filer(tmp_path / "for"), _filer(tmp_path / "etter")
    assert sorted(for_) == sorted(etter)
    for navn in XML:
        assert _uten_eksporttid(etter[navn]) == _uten_eksporttid(for_[navn]), navn
    for navn in for_:
        if navn.startswith("DOKUMENT/"):
            assert etter[navn] == for_[navn], navn


# --- An extraction from another system -----------------------------------------------------
SKJERMING = (
    "<skjerming><tilgangsrestriksjon>U</tilgangsrestriksjon>"
    "<skjermingshjemmel>Offl. § 13 jf. fvl. § 13</skjermingshjemmel>"
    "<skjermingMetadata>Skjerming tittel registrering - utvalgte ord</skjermingMetadata>"
    "</skjerming>"
)


def _fremmed(tmp_path: Path, navn="fremmed") -> Path:
    """The hand-written package of another system (tests/uttrekk/kontrollpakke.py), with its
    second post exempt (U) and a canary word in its title."""
    from tests.conftest import CANARY
    from tests.uttrekk import kontrollpakke as k

    katalog = k.lag_pakke(tmp_path / navn)
    fil = katalog / "arkivstruktur.xml"
    tekst = fil.read_text(encoding="utf-8")
    jp2 = tekst.index(f"<systemID>{k.JP2}</systemID>")
    ref = tekst.index("</referanseArkivdel>", jp2) + len("</referanseArkivdel>")
    tekst = tekst[:ref] + SKJERMING + tekst[ref:]
    tekst = tekst.replace(
        "<tittel>Søknad om byggetillatelse 2</tittel>",
        f"<tittel>Klage fra {CANARY} Hansen</tittel><offentligTittel>Klage fra *****"
        "</offentligTittel>",
    )
    fil.write_text(tekst, encoding="utf-8")
    return katalog


def _antall() -> tuple[int, ...]:
    return (
        Saksmappe.objects.count(),
        Journalpost.objects.count(),
        Dokument.objects.count(),
        Endringslogg.objects.count(),
    )


@pytest.mark.django_db
def test_another_systems_extraction_comes_in_with_its_systemids_numbers_and_screening(
    personas, org, media, tmp_path
):
    from saksarkiv import access
    from tests.conftest import CANARY
    from tests.uttrekk import kontrollpakke as k

    rapport = les_inn(_fremmed(tmp_path), arkivdel="GAMLE-TESTKOMMUNE")
    assert rapport.importert, rapport.tekst()
    assert rapport.antall["saksmapper"] == 1 and rapport.antall["journalposter"] == 2

    sak = Saksmappe.objects.get(systemid=k.MAPPE)
    assert (sak.saksaar, sak.sakssekvensnummer, sak.saksstatus) == (2025, 1, "A")
    assert (sak.arkivdel, sak.ordningsprinsipp, sak.ordningsverdi) == (
        "GAMLE-TESTKOMMUNE",
        "Arkivnøkkel",
        "611",
    )
    assert sak.administrativ_enhet == org.enhet_a  # «Byggesak» is a unit here already
    assert sak.saksansvarlig.get_full_name() == "Kari Hansen"
    assert not sak.saksansvarlig.is_active and not sak.saksansvarlig.has_usable_password()
    assert sak.avsluttet_dato == datetime.date(2025, 6, 30)

    jp1, jp2 = Journalpost.objects.filter(saksmappe=sak).order_by("dokumentnummer")
    assert str(jp1.systemid) == k.JP1 and (jp1.journalaar, jp1.journalsekvensnummer) == (2025, 1)
    assert (jp1.journalposttype, jp1.journalstatus) == ("I", "J")
    dok = jp1.dokumenter.get()
    assert str(dok.systemid) == k.DOKBESK
    assert dok.arkivformat.read() == k.DOKUMENT and dok.arkivformat_puid == "fmt/476"
    assert jp2.tilgangskode_id == "U" and jp2.offentlig_tittel == "Klage fra *****"
    assert jp2.skjermingshjemmel == "Offl. § 13 jf. fvl. § 13"  # its own, not the code's

    # Screening holds for the imported post as for our own.
    assert access.can_read(personas.klarert_u, jp2)
    assert not access.can_read(personas.saksbehandler_annen, jp2)
    assert CANARY not in access.title_for(personas.saksbehandler_annen, jp2)

    # The history: the change the extraction logged, and the import itself.
    logg = Endringslogg.objects.filter(objekt_id=str(jp1.pk), content_type__model="journalpost")
    endring = logg.get(handling="endret")
    assert endring.endringer == {
        "tittel": {"for": "Søknad", "etter": "Søknad om byggetillatelse 1"}
    }
    assert endring.aktor_navn == "Ola Nygård"
    assert Endringslogg.objects.filter(objekt_id=str(sak.pk), handling="importert").exists()

    # New registrations get numbers after the imported ones.
    from django.db import transaction

    from journal import numbering

    with transaction.atomic():
        assert numbering.next_number(numbering.JOURNALPOST, 2025) == 3
        assert numbering.next_number(numbering.SAK, 2025) == 2


@pytest.mark.django_db
def test_importing_the_same_extraction_again_is_refused_and_changes_nothing(
    personas, org, media, tmp_path
):
    katalog = _fremmed(tmp_path)
    les_inn(katalog)
    for_ = _antall()
    filer = sorted(Path(media).rglob("*"))
    with pytest.raises(Avvist) as avvist:
        les_inn(katalog)
    tekst = avvist.value.rapport.tekst()
    assert "AVVIST – ingenting er lest inn" in tekst
    assert "finnes allerede i Saksarkiv" in tekst
    assert "Saksnummer 2025/1 er allerede brukt" in tekst
    assert "Journalnummer 2025/2 er allerede brukt" in tekst
    assert _antall() == for_
    assert sorted(Path(media).rglob("*")) == filer


@pytest.mark.django_db
def test_a_broken_extraction_is_refused_with_each_fault_named(personas, org, media, tmp_path):
    katalog = _fremmed(tmp_path)
    fil = katalog / "arkivstruktur.xml"
    tekst = fil.read_text(encoding="utf-8")
    tekst = tekst.replace("<tilgangsrestriksjon>U<", "<tilgangsrestriksjon>ZZ<")
    tekst = tekst.replace("<journalposttype>Inngående dokument<", "<journalposttype>Brev<", 1)
    fil.write_text(tekst, encoding="utf-8")
    (katalog / "DOKUMENT" / "1.pdf").write_bytes(b"%PDF-1.7\n% endret etter uttrekket\n")
    for_ = _antall()

    with pytest.raises(Avvist) as avvist:
        les_inn(katalog)
    feil = "\n".join(avvist.value.rapport.feil)
    assert "tilgangskoden «ZZ» finnes ikke i Saksarkiv" in feil
    assert "ukjent journalposttype «Brev»" in feil
    assert "sjekksummen til DOKUMENT/1.pdf stemmer ikke" in feil
    assert "filstørrelsen til DOKUMENT/1.pdf stemmer ikke" in feil
    assert avvist.value.rapport.antall_feil == 4
    assert _antall() == for_

    (katalog / "DOKUMENT" / "1.pdf").unlink()
    with pytest.raises(Avvist) as avvist:
        les_inn(katalog)
    assert "dokumentfilen DOKUMENT/1.pdf finnes ikke i uttrekket" in avvist.value.rapport.tekst()


@pytest.mark.django_db
def test_a_noark_3_1_extraction_is_refused_by_the_v5_schema(personas, org, media, tmp_path):
    """Arkade 5's test data is Noark 5 v3.1: its systemIDs are not UUIDs."""
    katalog = tmp_path / "arkade"
    shutil.copytree(EKSEMPLER / "arkade5-noark5-v3.1", katalog)
    with pytest.raises(Avvist) as avvist:
        les_inn(katalog)
    tekst = avvist.value.rapport.tekst()
    assert "arkivstruktur.xml er ikke gyldig mot arkivstruktur.xsd" in tekst
    assert "Noark 5 v5.0" in tekst
    assert not Saksmappe.objects.exists()


@pytest.mark.django_db
def test_the_command_checks_imports_and_refuses_with_exit_status(
    personas, org, media, tmp_path, capsys
):
    katalog = _fremmed(tmp_path)
    call_command("importer_uttrekk", str(katalog), "--kontroll")
    assert "Kontrollert, kan leses inn: dokumenter: 1, dokumentfiler: 1" in capsys.readouterr().out
    assert not Saksmappe.objects.exists()

    call_command("importer_uttrekk", str(katalog))
    ut = capsys.readouterr().out
    assert "Lest inn:" in ut and "journalposter: 2" in ut and "saksmapper: 1" in ut
    assert Saksmappe.objects.count() == 1

    with pytest.raises(SystemExit) as slutt:
        call_command("importer_uttrekk", str(katalog))
    assert slutt.value.code == 1
    assert "AVVIST" in capsys.readouterr().out
