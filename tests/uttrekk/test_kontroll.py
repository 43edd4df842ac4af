"""The arkivuttrekk checker (issue 20, item 4): `kontroller_uttrekk DIR` like Arkade 5.

It passes on a correct Noark 5 v5.0 package (tests/uttrekk/kontrollpakke.py: no complete
official v5.0 example exists), reports exactly what is wrong with the example packages we have,
and names the fault on deliberately broken copies.
"""

import datetime as dt
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from journal.uttrekk.kontroll import TESTER, kontroller

from . import kontrollpakke as pk

EKSEMPLER = Path(__file__).parent / "eksempler"
DATO = dt.date(2025, 7, 1)  # the day the test package was "extracted"
INNHOLD = [i for i, _n, g in TESTER if g != "struktur"]


def avvik(rapport) -> dict[str, list[str]]:
    """Test id → its deviations as «location: message», only for tests that found any."""
    return {
        t.id: [f"{a.plassering}: {a.melding}" for a in t.avvik]
        for t in rapport.tester.values()
        if t.antall
    }


@pytest.fixture
def pakke(tmp_path):
    return pk.lag_pakke(tmp_path / "uttrekk")


def linje(pakke: Path, fil: str, tekst: str, forekomst: int = 1) -> int:
    """The line of `fil` where `tekst` occurs (the first time, or the `forekomst`th)."""
    for nr, innhold in enumerate((pakke / fil).read_text(encoding="utf-8").splitlines(), 1):
        if tekst in innhold:
            forekomst -= 1
            if not forekomst:
                return nr
    raise AssertionError(f"{tekst} finnes ikke i {fil}")


def bryt(pakke: Path, fil: str, gammel: str, ny: str, *, ny_addml=True) -> None:
    """Change one file; rewrite the ADDML so that its checksums still hold (one fault at a time)."""
    sti = pakke / fil
    tekst = sti.read_text(encoding="utf-8")
    assert gammel in tekst
    sti.write_text(tekst.replace(gammel, ny, 1), encoding="utf-8")
    if ny_addml:
        pk.skriv_addml(pakke)


def test_correct_package_passes(pakke):
    rapport = kontroller(pakke, DATO)
    assert avvik(rapport) == {}
    assert all(t.kjort for t in rapport.tester.values())
    assert not rapport.feilet


# --- the example packages ------------------------------------------------------------------


def test_standard_template_lacks_the_data_files():
    # Arkivverket's v5.0 arkivuttrekk.xml (noark5-standard) is a template: the ADDML alone, with
    # placeholder values. Its ADDML is valid; the files it lists are not there, so the
    # structure fails and nothing else is run.
    rapport = kontroller(EKSEMPLER / "noark5-standard", DATO)
    assert avvik(rapport) == {
        "N5.01": [
            "arkivuttrekk.xml, linje 94: Filen arkivstruktur.xml finnes ikke.",
            "arkivuttrekk.xml, linje 224: Filen endringslogg.xml finnes ikke.",
            "arkivuttrekk.xml, linje 319: Filen loependeJournal.xml finnes ikke.",
            "arkivuttrekk.xml, linje 414: Filen offentligJournal.xml finnes ikke.",
        ],
        "N5.28": [
            "arkivuttrekk.xml, linje 83: antallDokumentfiler er «Oppgi antall dokumentfiler i "
            "arkivuttrekket her», uttrekket har 0 dokumentfiler."
        ],
    }
    assert not any(rapport[i].kjort for i in INNHOLD)
    assert "innholdskontrollene og analysene er ikke kjørt" in rapport.tekst()


def _arkade_med_crlf(tmp_path) -> Path:
    # SOURCES.md: the ADDML's SHA-256 values match only the CRLF form these files were written
    # in on Windows; git stored them as LF. Restore the bytes the checksums were made from.
    kopi = tmp_path / "arkade"
    shutil.copytree(EKSEMPLER / "arkade5-noark5-v3.1", kopi)
    for fil in kopi.glob("*.xml"):
        fil.write_bytes(fil.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return kopi


def test_arkade_v31_example_reports_its_real_deviations(tmp_path):
    # Arkade 5's test extraction (Noark 5 v3.1, checked against the v3.1 schemas) is valid but
    # is not a consistent archive: Arkade uses it to test checksums only. Its ADDML keeps the
    # template's counts (20000 mapper, 100000 registreringer, 100000 document files), its
    # journals list four posts of which arkivstruktur.xml holds two (under other systemIDs), its
    # endringslogg and two references point to nothing, and the two document files are absent.
    rapport = kontroller(_arkade_med_crlf(tmp_path), DATO)
    funnet = avvik(rapport)
    assert sorted(funnet) == ["N5.28", "N5.32", "N5.51", "N5.59", "N5.62", "SA.01", "SA.02"]
    assert funnet["N5.28"] == [
        "arkivuttrekk.xml, linje 95: "
        "antallDokumentfiler er «100000», uttrekket har 0 dokumentfiler."
    ]
    # v3.1 dokumentobjekt has no systemID, hence «–»
    assert funnet["N5.32"] == [
        f"arkivstruktur.xml, linje {nr}, systemID –: Dokumentfilen dokumenter\\{fil} finnes ikke."
        for nr, fil in ((145, "5000000.pdf"), (232, "5000001.pdf"))
    ]
    assert funnet["N5.51"] == [
        "arkivstruktur.xml, linje 50, systemID klasse-8e45c136-2bca-250a-8394-45a13e6bf132: "
        "referanseTilKlasse peker ikke på en klasse i arkivstruktur.xml."
    ]
    assert funnet["N5.59"] == [
        "loependeJournal.xml: 4 journalposter, men arkivstruktur.xml har 2.",
        "offentligJournal.xml: 4 journalposter, flere enn arkivstruktur.xml sine 2.",
    ]
    assert len(funnet["N5.62"]) == 2
    assert rapport["SA.01"].antall == 9
    # the v3.1 ADDML counts «//registrering» in the journals, which hold journalregistrering
    assert funnet["SA.02"] == [
        f"arkivuttrekk.xml, linje {nr}: Antall {hva} i {fil} er oppgitt til {oppgitt}, men er {er}."
        for nr, hva, fil, oppgitt, er in (
            (208, "mappe", "arkivstruktur.xml", 20000, 1),
            (219, "registrering", "arkivstruktur.xml", 100000, 2),
            (390, "registrering", "loependeJournal.xml", 4, 0),
            (483, "registrering", "offentligJournal.xml", 4, 0),
        )
    ]


def test_arkade_example_as_stored_in_git_fails_the_checksums():
    rapport = kontroller(EKSEMPLER / "arkade5-noark5-v3.1", DATO)
    assert [a.melding.split(":")[0] for a in rapport["N5.02"].avvik] == [
        "arkivstruktur.xml",
        "endringslogg.xml",
        "loependeJournal.xml",
        "offentligJournal.xml",
    ]
    assert rapport["N5.30"].kjort  # a checksum says nothing about whether the content is readable


# --- broken copies -------------------------------------------------------------------------


def test_wrong_addml_checksum(pakke):
    bryt(
        pakke,
        "endringslogg.xml",
        "tittel</referanseMetadata>",
        "offentligTittel</referanseMetadata>",
        ny_addml=False,
    )
    funnet = avvik(kontroller(pakke, DATO))
    assert list(funnet) == ["N5.02"]
    assert funnet["N5.02"][0].startswith("arkivuttrekk.xml, linje ")
    assert "endringslogg.xml: sjekksummen" in funnet["N5.02"][0]


def test_wrong_document_checksum(pakke):
    (pakke / "DOKUMENT" / "1.pdf").write_bytes(b"%PDF-1.7\n% endret etterpaa\n")
    funnet = avvik(kontroller(pakke, DATO))
    faktisk = hashlib.sha256(b"%PDF-1.7\n% endret etterpaa\n").hexdigest()
    assert funnet == {
        "N5.30": [
            f"arkivstruktur.xml, linje {linje(pakke, 'arkivstruktur.xml', '<dokumentobjekt>')}, "
            f"systemID {pk.DOKOBJ}: "
            f"Sjekksummen for DOKUMENT/1.pdf stemmer ikke med filen ({faktisk})."
        ]
    }


def test_missing_document_file(pakke):
    (pakke / "DOKUMENT" / "1.pdf").unlink()
    funnet = avvik(kontroller(pakke, DATO))
    nr = linje(pakke, "arkivstruktur.xml", "<dokumentobjekt>")
    assert funnet["N5.32"] == [
        f"arkivstruktur.xml, linje {nr}, systemID {pk.DOKOBJ}: "
        "Dokumentfilen DOKUMENT/1.pdf finnes ikke."
    ]
    nr = linje(pakke, "arkivuttrekk.xml", "antallDokumentfiler")
    assert funnet["N5.28"] == [
        f"arkivuttrekk.xml, linje {nr}: antallDokumentfiler er «1», uttrekket har 0 dokumentfiler."
    ]
    assert sorted(funnet) == ["N5.28", "N5.32"]


def test_unreferenced_document_file(pakke):
    (pakke / "DOKUMENT" / "2.pdf").write_bytes(b"%PDF-1.7\n")
    funnet = avvik(kontroller(pakke, DATO))
    assert funnet["N5.33"] == [
        "DOKUMENT/2.pdf: Dokumentfilen er ikke referert fra noe dokumentobjekt."
    ]


def test_duplicate_systemid(pakke):
    bryt(pakke, "arkivstruktur.xml", f"<systemID>{pk.DOKBESK}", f"<systemID>{pk.DOKOBJ}")
    nr = linje(pakke, "arkivstruktur.xml", pk.DOKOBJ, 2)
    assert avvik(kontroller(pakke, DATO)) == {
        "N5.47": [
            f"arkivstruktur.xml, linje {nr}, systemID {pk.DOKOBJ}: "
            "systemID finnes fra før i uttrekket."
        ]
    }


def test_dangling_arkivdel_reference(pakke):
    feil = "99999999-9999-4999-8999-999999999999"
    bryt(
        pakke,
        "arkivstruktur.xml",
        f"<referanseArkivdel>{pk.ARKIVDEL}",
        f"<referanseArkivdel>{feil}",
    )
    nr = linje(pakke, "arkivstruktur.xml", feil)
    assert avvik(kontroller(pakke, DATO)) == {
        "N5.48": [
            f"arkivstruktur.xml, linje {nr}, systemID {feil}: "
            "referanseArkivdel peker ikke på en arkivdel i arkivstruktur.xml."
        ]
    }


def test_journal_post_missing_from_arkivstruktur(pakke):
    bryt(
        pakke,
        "loependeJournal.xml",
        f"<systemID>{pk.JP2}",
        "<systemID>99999999-9999-4999-8999-999999999999",
    )
    funnet = avvik(kontroller(pakke, DATO))
    assert list(funnet) == ["SA.01"]
    assert "journalpost peker ikke på en journalpost" in funnet["SA.01"][0]


def test_endringslogg_reference_to_nothing(pakke):
    bryt(pakke, "endringslogg.xml", pk.JP1, "99999999-9999-4999-8999-999999999999")
    assert list(avvik(kontroller(pakke, DATO))) == ["N5.62"]


def test_empty_element_and_undeclared_business_metadata(pakke):
    bryt(
        pakke,
        "arkivstruktur.xml",
        f"<referanseArkivdel>{pk.ARKIVDEL}</referanseArkivdel>\n",
        f"<referanseArkivdel>{pk.ARKIVDEL}</referanseArkivdel>\n"
        "<virksomhetsspesifikkeMetadata><gnr>12</gnr><bnr></bnr></virksomhetsspesifikkeMetadata>\n",
    )
    funnet = avvik(kontroller(pakke, DATO))
    nr = linje(pakke, "arkivstruktur.xml", "<bnr>")
    assert funnet["N5.63"] == [f"arkivstruktur.xml, linje {nr}: Elementet <bnr> mangler innhold."]
    assert len(funnet["SA.05"]) == 1
    assert "inneholderVirksomhetsspesifikkeMetadata er false" in funnet["SA.05"][0]
    assert sorted(funnet) == ["N5.63", "SA.05"]


def test_schema_invalid_file_stops_the_content_controls(pakke):
    bryt(pakke, "arkivstruktur.xml", "<journalaar>2025</journalaar>", "")
    rapport = kontroller(pakke, DATO)
    funnet = avvik(rapport)
    assert list(funnet) == ["N5.03"]
    nr = linje(pakke, "arkivstruktur.xml", "<journalsekvensnummer>")
    assert funnet["N5.03"][0].startswith(f"arkivstruktur.xml, linje {nr}: Element ")
    assert "journalsekvensnummer" in funnet["N5.03"][0]
    assert not any(rapport[i].kjort for i in INNHOLD)
    assert rapport["N5.47"].resultat == "ikke kjørt"


def test_package_schema_differing_from_the_standard(pakke):
    bryt(pakke, "endringslogg.xsd", "<!-- Rotelementet -->", "<!-- endret -->")
    funnet = avvik(kontroller(pakke, DATO))
    assert funnet["N5.03"] == [
        "endringslogg.xsd: Skjemaet er ikke identisk med standardens endringslogg.xsd."
    ]


def test_addml_count_mismatch(pakke):
    bryt(
        pakke,
        "arkivuttrekk.xml",
        '<property dataType="integer" name="value">\n                        <value>2</value>',
        '<property dataType="integer" name="value">\n                        <value>3</value>',
        ny_addml=False,
    )
    funnet = avvik(kontroller(pakke, DATO))
    assert list(funnet) == ["SA.02"]
    assert (
        "Antall registrering i arkivstruktur.xml er oppgitt til 3, men er 2." in funnet["SA.02"][0]
    )


def test_journal_count_in_journalhode(pakke):
    bryt(pakke, "offentligJournal.xml", "<antallJournalposter>2<", "<antallJournalposter>3<")
    assert avvik(kontroller(pakke, DATO)) == {
        "N5.59": ["offentligJournal.xml: journalhode oppgir 3 journalposter, filen har 2."]
    }


def test_code_value_and_future_date(pakke):
    bryt(pakke, "arkivstruktur.xml", "<journalstatus>Arkivert<", "<journalstatus>Ferdig<")
    funnet = avvik(kontroller(pakke, dt.date(2025, 6, 1)))
    nr = linje(pakke, "arkivstruktur.xml", "Ferdig")
    assert funnet["SA.03"] == [
        f"arkivstruktur.xml, linje {nr}: journalstatus «Ferdig» er ikke en verdi i kodelisten."
    ]
    # avsluttetDato 2025-06-30 of arkiv, arkivdel and mappe and the journals' journalSluttDato
    # lie after an extraction on 1 June
    assert len(funnet["SA.04"]) == 5
    assert (
        "avsluttetDato 2025-06-30T10:00:00 ligger etter uttrekksdatoen 2025-06-01."
        in funnet["SA.04"][0]
    )


# --- the command ---------------------------------------------------------------------------


def test_command_ok_exits_zero(pakke, capsys):
    call_command("kontroller_uttrekk", str(pakke), "--uttrekksdato", "2025-07-01")
    ut = capsys.readouterr().out
    assert "N5.47  Systemidentifikasjoner: OK" in ut
    assert ut.rstrip().endswith("Resultat: ingen avvik")


def test_command_names_the_fault_and_exits_one(pakke, capsys):
    (pakke / "DOKUMENT" / "1.pdf").unlink()
    with pytest.raises(SystemExit) as avslutt:
        call_command(
            "kontroller_uttrekk", str(pakke), "--format", "json", "--uttrekksdato", "2025-07-01"
        )
    assert avslutt.value.code == 1
    data = json.loads(capsys.readouterr().out)
    assert data["feilet"] is True
    n532 = next(t for t in data["tester"] if t["id"] == "N5.32")
    assert n532["resultat"] == "avvik"
    nr = linje(pakke, "arkivstruktur.xml", "<dokumentobjekt>")
    assert n532["avvik"][0]["plassering"] == (
        f"arkivstruktur.xml, linje {nr}, systemID {pk.DOKOBJ}"
    )


def test_command_text_for_a_missing_directory(tmp_path, capsys):
    with pytest.raises(SystemExit) as avslutt:
        call_command("kontroller_uttrekk", str(tmp_path / "finnes-ikke"))
    assert avslutt.value.code == 1
    assert "Katalogen finnes ikke." in capsys.readouterr().out


@pytest.mark.parametrize("argumenter", [["--format", "pdf"], ["--uttrekksdato", "1.7.2025"]])
def test_command_refuses_bad_options(pakke, argumenter):
    with pytest.raises(CommandError):
        call_command("kontroller_uttrekk", str(pakke), *argumenter)
