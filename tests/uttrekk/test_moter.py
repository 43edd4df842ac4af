"""Meetings in the Noark 5 arkivuttrekk (utvalg/uttrekk.py, issue 20 item 3): approved
meetings (PG) of the period as moetemappe with their attendance, agenda items and documents
as moeteregistrering, references between meetings and between the treatments of a postponed
item, screening of an exempt item, and the checker (SA.06) on the result and on a broken copy.

A committee's four meetings, built through the services from today's test clock backwards:
50 days ago (approved, before the period), 40 and 20 days ago (approved, in the period) and 10
days ago (held, its minutes not approved). The period is the last 45 days up to yesterday."""

import datetime as dt
import hashlib
import io
import shutil
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import etree

from journal.models import Journalpost, Saksmappe
from journal.uttrekk import eksport, felles
from journal.uttrekk.kontroll import kontroller
from tests.conftest import CANARY
from tests.journal.flythjelp import ny_sak
from tests.utvalg.motehjelp import framlegg, medlemmer, mote, rs
from utvalg import frammote, innkalling, protokollforing, resultat, sakskart, uttrekk
from utvalg.models import (
    Behandling,
    Fastsak,
    Mote,
    Motesak,
    Motestatus,
    Sakskartpunkt,
    Utvalg,
)
from utvalg.uttrekk import dokument_system_id, punkt_system_id

pytestmark = [pytest.mark.django_db, pytest.mark.datofolsom]

A = {"a": felles.NS_ARKIV, "x": "http://www.w3.org/2001/XMLSchema-instance"}
ADDML = {"d": "http://www.arkivverket.no/standarder/addml"}
DAG = dt.timedelta(days=1)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _hold(personas, moetet, vedtak: dict, *, protokoll=True) -> None:
    """Notice, roll call, the minutes of the last meeting approved (standing item), results
    (`vedtak`: Behandling pk → (result, decision)), closed, minutes published."""
    ms = personas.motesekretaer
    innkalling.publiser(ms, moetet)
    frammote.start_opprop(ms, moetet)
    godkjenning = Sakskartpunkt.objects.filter(mote=moetet, fast=Fastsak.PROTOKOLL).first()
    if godkjenning is not None:
        resultat.avgjor(ms, godkjenning, resultat="VS", vedtak="<p>Protokollen godkjennes.</p>")
    for punkt in Sakskartpunkt.objects.filter(mote=moetet, behandling__in=list(vedtak)):
        res, tekst = vedtak[punkt.behandling_id]
        resultat.avgjor(ms, punkt, resultat=res, vedtak=tekst)
    protokollforing.avslutt(ms, moetet)
    if protokoll:
        protokollforing.publiser_protokoll(ms, moetet)


@pytest.fixture
def moter(personas, org, media, klokke):
    dag = klokke.dag
    ms = personas.motesekretaer
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet", sekretaer=ms)
    medlemmer(personas, fsk, antall_faste=3)
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    b0, unntatt, utsatt, beskyttet, senere = (
        framlegg(personas, sak, fsk, tittel, tittel)
        for tittel in ("Årsmelding", "Tilsetting", "Skolestruktur", "Tilskudd", "Vegplan")
    )
    Journalpost.objects.filter(pk=unntatt.journalpost_id).update(
        tittel=f"Tilsetting {CANARY}", offentlig_tittel="Tilsetting *****", tilgangskode_id="P",
        skjermingshjemmel="Offl. § 25")  # fmt: skip
    Behandling.objects.filter(pk=beskyttet.pk).update(
        tilgangskode_id="U", skjermingshjemmel="Offl. § 13 jf. fvl. § 13")  # fmt: skip
    referat = rs(personas, sak, fsk, tittel="Invitasjon til dugnad")

    m0 = mote(personas, fsk, dato=dag - 50 * DAG)
    sakskart.sett_pa(ms, m0, [b0.pk])
    _hold(personas, m0, {b0.pk: ("VE", "<p>Årsmeldingen tas til orientering.</p>")})
    m1 = mote(personas, fsk, dato=dag - 40 * DAG)
    sakskart.sett_pa(ms, m1, [unntatt.pk, utsatt.pk])
    _hold(personas, m1, {
        unntatt.pk: ("VE", f"<p>{CANARY} tilsettes.</p>"), utsatt.pk: ("UT", ""),
    })  # fmt: skip
    protokollforing.publiser_vedtaksliste(ms, m1)
    m2 = mote(personas, fsk, dato=dag - 20 * DAG)
    sakskart.sett_pa(ms, m2, [utsatt.pk, beskyttet.pk, referat.pk])
    _hold(personas, m2, {
        utsatt.pk: ("VE", "<p>Skolestrukturen vedtas.</p><p>Rådmannen følger opp.</p>"),
        beskyttet.pk: ("VE", "<p>Tilskudd innvilges.</p>"),
    })  # fmt: skip
    m3 = mote(personas, fsk, dato=dag - 10 * DAG)
    sakskart.sett_pa(ms, m3, [senere.pk])
    _hold(personas, m3, {senere.pk: ("VE", "<p>Vegplanen vedtas.</p>")}, protokoll=False)
    # The meeting cases closed yesterday: their posts are extracted as journal posts too.
    Saksmappe.objects.filter(motesak__in=Motesak.objects.filter(utvalg=fsk)).update(
        saksstatus="A", avsluttet_dato=dag - DAG, avsluttet_av=personas.arkiv
    )
    moter_ = [Mote.objects.get(pk=m.pk) for m in (m0, m1, m2, m3)]
    assert [m.status for m in moter_] == [Motestatus.PROTOKOLL_GODKJENT] * 3 + ["G"]
    return {
        "moter": moter_,
        "utsatt": Sakskartpunkt.objects.filter(behandling=utsatt).order_by("mote__dato"),
        "unntatt": Sakskartpunkt.objects.get(behandling=unntatt),
        "beskyttet": Sakskartpunkt.objects.get(behandling=beskyttet),
        "referat": Sakskartpunkt.objects.get(behandling=referat),
    }


@pytest.fixture
def pakke(moter, klokke, tmp_path) -> Path:
    dag = klokke.dag
    res = eksport.lag_uttrekk(dag - 45 * DAG, dag - DAG, tmp_path / "uttrekk")
    assert res.antall["moetemappe"] == 2
    return tmp_path / "uttrekk"


def _mapper(pakke: Path) -> dict[str, etree._Element]:
    arkiv = etree.parse(str(pakke / "arkivstruktur.xml")).getroot()
    return {
        m.findtext("a:systemID", namespaces=A): m
        for m in arkiv.iterfind(".//a:mappe[@x:type='moetemappe']", A)
    }


def _registreringer(mappe) -> dict[str, etree._Element]:
    return {
        r.findtext("a:systemID", namespaces=A): r
        for r in mappe.iterfind("a:registrering[@x:type='moeteregistrering']", A)
    }


def _nummer(moetet, alle) -> str:
    """The meeting's number among the committee's meetings of its year (none cancelled)."""
    far = [m for m in alle if m.dato.year == moetet.dato.year and m.dato <= moetet.dato]
    return f"{len(far)}/{moetet.dato.year}"


def test_approved_meetings_of_the_period_are_moetemapper_with_attendance(pakke, moter):
    m0, m1, m2, m3 = moter["moter"]
    mapper = _mapper(pakke)
    # Only the approved meetings of the period: not the one before it, not the unapproved.
    assert set(mapper) == {str(m1.systemid), str(m2.systemid)}
    tekst = (pakke / "arkivstruktur.xml").read_text()
    assert str(m0.systemid) not in tekst and str(m3.systemid) not in tekst
    en, to = mapper[str(m1.systemid)], mapper[str(m2.systemid)]
    for mappe, moetet in ((en, m1), (to, m2)):
        assert mappe.findtext("a:moetenummer", namespaces=A) == _nummer(moetet, moter["moter"])
        assert mappe.findtext("a:mappeID", namespaces=A) == f"FSK {_nummer(moetet, moter['moter'])}"
        assert mappe.findtext("a:utvalg", namespaces=A) == "Formannskapet"
        assert mappe.findtext("a:moetedato", namespaces=A) == moetet.dato.isoformat()
        assert mappe.findtext("a:moetested", namespaces=A) == "Kommunestyresalen"
        assert mappe.findtext("a:avsluttetDato", namespaces=A)
        assert mappe.findtext("a:beskrivelse", namespaces=A).startswith("Godkjent i møte")
    # The previous and next meeting only when extracted too (m0 is before the period, m3
    # not approved).
    assert en.find("a:referanseForrigeMoete", A) is None
    assert en.findtext("a:referanseNesteMoete", namespaces=A) == str(m2.systemid)
    assert to.findtext("a:referanseForrigeMoete", namespaces=A) == str(m1.systemid)
    assert to.find("a:referanseNesteMoete", A) is None
    deltakere = [
        (d.findtext("a:moetedeltakerNavn", namespaces=A),
         d.findtext("a:moetedeltakerFunksjon", namespaces=A))
        for d in en.iterfind("a:moetedeltaker", A)
    ]  # fmt: skip
    assert deltakere[0] == ("Fast Medlem0", "Møteleder")
    assert ("Fast Medlem1", "Medlem") in deltakere
    assert deltakere[-1][1] == "Referent"
    assert deltakere[-1][0] == felles._navn(m1.utvalg.sekretaer)
    # In the archive part of the meeting case, in the class of the committee.
    klasse = en.getparent()
    assert klasse.findtext("a:klasseID", namespaces=A) == "FSK"
    assert klasse.getparent().findtext("a:tittel", namespaces=A) == "Utvalg"
    assert klasse.getparent().getparent().findtext("a:tittel", namespaces=A) == "SAK"


def test_items_are_moeteregistreringer_with_codes_decisions_and_references(pakke, moter):
    m0, m1, m2, _m3 = moter["moter"]
    mapper = _mapper(pakke)
    en = _registreringer(mapper[str(m1.systemid)])
    to = _registreringer(mapper[str(m2.systemid)])
    forst, sist = moter["utsatt"]
    utsatt, behandlet = en[punkt_system_id(forst.pk)], to[punkt_system_id(sist.pk)]
    for r in (utsatt, behandlet):
        assert r.findtext("a:moeteregistreringstype", namespaces=A) == "Saksframlegg"
        assert r.findtext("a:moetesakstype", namespaces=A) == "Politisk sak"
        assert r.findtext("a:tittel", namespaces=A) == "Skolestruktur"
        assert r.findtext("a:administrativEnhet", namespaces=A)
        assert r.findtext("a:saksbehandler", namespaces=A)
    assert utsatt.findtext("a:registreringsID", namespaces=A) == forst.saksnummer
    assert (
        utsatt.findtext("a:moeteregistreringsstatus", namespaces=A)
        == "Utsatt til nytt møte i samme utvalg"
    )
    assert (
        behandlet.findtext("a:moeteregistreringsstatus", namespaces=A)
        == "Ferdig behandlet av utvalget"
    )
    assert behandlet.findtext("a:beskrivelse", namespaces=A) == (
        "Skolestrukturen vedtas.\nRådmannen følger opp."
    )
    # The postponed item points on to its treatment in the next meeting, and back.
    assert utsatt.findtext("a:referanseTilMoeteregistrering", namespaces=A) == (
        punkt_system_id(sist.pk)
    )
    assert utsatt.find("a:referanseFraMoeteregistrering", A) is None
    assert behandlet.findtext("a:referanseFraMoeteregistrering", namespaces=A) == (
        punkt_system_id(forst.pk)
    )
    referat = to[punkt_system_id(moter["referat"].pk)]
    assert referat.findtext("a:moetesakstype", namespaces=A) == "Referatsak"
    # The exempt item: full title, public title and screening; the protected decision.
    unntatt = en[punkt_system_id(moter["unntatt"].pk)]
    assert unntatt.findtext("a:tittel", namespaces=A) == f"Tilsetting {CANARY}"
    assert unntatt.findtext("a:offentligTittel", namespaces=A) == "Tilsetting *****"
    assert unntatt.findtext("a:skjerming/a:tilgangsrestriksjon", namespaces=A) == "P"
    assert unntatt.findtext("a:beskrivelse", namespaces=A) == f"{CANARY} tilsettes."
    beskyttet = to[punkt_system_id(moter["beskyttet"].pk)]
    assert beskyttet.find("a:offentligTittel", A) is None
    assert beskyttet.findtext("a:skjerming/a:tilgangsrestriksjon", namespaces=A) == "U"
    assert beskyttet.findtext("a:skjerming/a:skjermingshjemmel", namespaces=A) == (
        "Offl. § 13 jf. fvl. § 13"
    )
    # Standing items are not treatments of a case: not exported.
    assert len([r for r in en.values() if r.find("a:moetesakstype", A) is not None]) == 2
    addml = etree.parse(str(pakke / "arkivuttrekk.xml")).getroot()
    skjermet = ".//d:property[@name='inneholderSkjermetInformasjon']/d:value"
    assert addml.findtext(skjermet, namespaces=ADDML) == "true"


def test_meeting_documents_are_moeteregistreringer_with_their_files(pakke, moter):
    _m0, m1, m2, _m3 = moter["moter"]
    mapper = _mapper(pakke)
    en = _registreringer(mapper[str(m1.systemid)])
    dokumenter = {d.type: d for d in m1.dokumenter.select_related("journalpost")}
    assert set(dokumenter) == {"MI", "OI", "MP", "OP", "VL"}  # exempt item: public versions
    typer = {}
    for d in dokumenter.values():
        r = en[dokument_system_id(d)]
        typer[d.type] = r.findtext("a:moeteregistreringstype", namespaces=A)
        assert r.findtext("a:tittel", namespaces=A) == d.journalpost.tittel
        (objekt,) = r.findall("a:dokumentbeskrivelse/a:dokumentobjekt", A)
        fil = pakke / objekt.findtext("a:referanseDokumentfil", namespaces=A)
        data = fil.read_bytes()
        assert data.startswith(b"%PDF-")
        assert objekt.findtext("a:sjekksum", namespaces=A) == hashlib.sha256(data).hexdigest()
        assert objekt.findtext("a:filstoerrelse", namespaces=A) == str(len(data))
        # Derived systemIDs: the post itself is in the extracted meeting case.
        assert r.findtext("a:systemID", namespaces=A) != str(d.journalpost.systemid)
    assert typer == {
        "MI": "Møteinnkalling",
        "OI": "Offentlig møteinnkalling",
        "MP": "Møteprotokoll",
        "OP": "Offentlig møteprotokoll",
        "VL": "Vedtaksliste",
    }
    # The members' notice with the exempt item is restricted (MU) and still extracted.
    innkalling_ = en[dokument_system_id(dokumenter["MI"])]
    assert innkalling_.findtext("a:skjerming/a:tilgangsrestriksjon", namespaces=A) == "MU"
    assert innkalling_.findtext("a:skjerming/a:skjermingDokument", namespaces=A)
    # The ADDML counts the meetings' files too, and the files are each referenced once.
    addml = etree.parse(str(pakke / "arkivuttrekk.xml")).getroot()
    antall = addml.findtext(".//d:property[@name='antallDokumentfiler']/d:value", namespaces=ADDML)
    assert int(antall) == len(list((pakke / "DOKUMENT").rglob("*.*")))
    arkiv = etree.parse(str(pakke / "arkivstruktur.xml")).getroot()
    referert = [e.text for e in arkiv.iterfind(".//a:referanseDokumentfil", A)]
    assert len(referert) == len(set(referert)) == int(antall)


def test_the_checker_passes_and_journal_counts_hold(pakke, klokke):
    rapport = kontroller(pakke, klokke.dag)
    assert not rapport.feilet, rapport.tekst()
    assert rapport["SA.06"].kjort and rapport["N5.59"].kjort


def _bytt(pakke: Path, gammel: str, ny: str) -> None:
    """Change arkivstruktur.xml and keep the ADDML checksum true (one fault at a time)."""
    fil = pakke / "arkivstruktur.xml"
    for_ = hashlib.sha256(fil.read_bytes()).hexdigest()
    tekst = fil.read_text(encoding="utf-8")
    assert gammel in tekst
    fil.write_text(tekst.replace(gammel, ny, 1), encoding="utf-8")
    addml = pakke / "arkivuttrekk.xml"
    etter = hashlib.sha256(fil.read_bytes()).hexdigest()
    addml.write_text(addml.read_text(encoding="utf-8").replace(for_, etter), encoding="utf-8")


def test_the_checker_names_a_dangling_meeting_reference(pakke, moter, klokke, tmp_path):
    _m0, m1, m2, _m3 = moter["moter"]
    brutt = tmp_path / "brutt"
    shutil.copytree(pakke, brutt)
    borte = str(uuid.uuid4())
    _bytt(
        brutt,
        f"<referanseNesteMoete>{m2.systemid}</referanseNesteMoete>",
        f"<referanseNesteMoete>{borte}</referanseNesteMoete>",
    )
    rapport = kontroller(brutt, klokke.dag)
    feil = {t.id: [a.melding for a in t.avvik] for t in rapport.tester.values() if t.antall}
    assert feil == {
        "SA.06": ["referanseNesteMoete peker ikke på en moetemappe i arkivstruktur.xml."]
    }
    assert borte in rapport["SA.06"].avvik[0].plassering
    # A reference to a unit of another kind (the meeting case) is a fault too.
    sak = Saksmappe.objects.get(motesak__utvalg=m1.utvalg, motesak__aar=m1.dato.year)
    annen = tmp_path / "annen"
    shutil.copytree(pakke, annen)
    _bytt(
        annen,
        f"<referanseForrigeMoete>{m1.systemid}</referanseForrigeMoete>",
        f"<referanseForrigeMoete>{sak.systemid}</referanseForrigeMoete>",
    )
    rapport = kontroller(annen, klokke.dag)
    assert [t.id for t in rapport.tester.values() if t.antall] == ["SA.06"]


def test_an_archive_part_with_meetings_and_no_closed_case_is_written(
    moter, personas, klokke, tmp_path
):
    dag = klokke.dag
    Saksmappe.objects.filter(motesak__utvalg=moter["moter"][0].utvalg).update(
        arkivdel="MØTE", saksstatus="B", avsluttet_dato=None, avsluttet_av=None
    )
    sak = moter["unntatt"].behandling.journalpost.saksmappe
    Saksmappe.objects.filter(pk=sak.pk).update(
        saksstatus="A", avsluttet_dato=dag - DAG, avsluttet_av=personas.arkiv
    )
    eksport.lag_uttrekk(dag - 45 * DAG, dag - DAG, tmp_path / "uttrekk")
    arkiv = etree.parse(str(tmp_path / "uttrekk" / "arkivstruktur.xml")).getroot()
    deler = {d.findtext("a:tittel", namespaces=A): d for d in arkiv.iterfind("a:arkivdel", A)}
    assert set(deler) == {"SAK", "MØTE"}
    systemer = deler["MØTE"].findall("a:klassifikasjonssystem", A)
    assert [s.findtext("a:tittel", namespaces=A) for s in systemer] == ["Utvalg"]
    assert len(deler["MØTE"].findall(".//a:mappe[@x:type='moetemappe']", A)) == 2
    assert deler["SAK"].find(".//a:mappe[@x:type='moetemappe']", A) is None
    rapport = kontroller(tmp_path / "uttrekk", dag)
    assert not rapport.feilet, rapport.tekst()


def test_the_query_count_does_not_grow_with_the_meetings(moter, klokke, tmp_path):
    """Meetings are read per batch with their items, attendance and documents: one meeting
    or two in the period take the same number of queries."""
    dag = klokke.dag

    def sporringer(fra, til) -> int:
        res = felles.Resultat(tmp_path / str(fra))
        ctx = (res.katalog, res, fra, til)
        with (
            CaptureQueriesContext(connection) as fanget,
            etree.xmlfile(io.BytesIO(), encoding="utf-8") as xf,
            xf.element(f"{{{felles.NS_ARKIV}}}arkivdel"),
        ):
            uttrekk.skriv(xf, "SAK", fra, til, ctx, lambda steg, antall: None)
        assert res.antall["moetemappe"] == (2 if til == dag - DAG else 1)
        return len(fanget)

    sporringer(dag - 45 * DAG, dag - DAG)  # content types and the like, cached
    assert sporringer(dag - 45 * DAG, dag - 30 * DAG) == sporringer(dag - 45 * DAG, dag - DAG)


def test_a_meeting_without_history_from_a_written_plan_is_extracted_too(moter, klokke, tmp_path):
    """As the demo's plan is written: approved, with no audit entry, approval time, roll call
    or documents. Its times fall back on the meeting's; a cancelled meeting has no number."""
    dag = klokke.dag
    kst = Utvalg.objects.create(kode="KST", navn="Kommunestyret")
    dato = dag - 30 * DAG
    Mote.objects.create(utvalg=kst, dato=dato, klokkeslett=dt.time(10), sted="Salen",
                        status=Motestatus.AVLYST)  # fmt: skip
    planlagt = Mote.objects.create(utvalg=kst, dato=dato, klokkeslett=dt.time(18), sted="Salen",
                                   status=Motestatus.PROTOKOLL_GODKJENT)  # fmt: skip
    eksport.lag_uttrekk(dag - 45 * DAG, dag - DAG, tmp_path / "uttrekk")
    mappe = _mapper(tmp_path / "uttrekk")[str(planlagt.systemid)]
    assert mappe.findtext("a:moetenummer", namespaces=A) == f"1/{dato.year}"
    start = felles._tid(uttrekk.motetid(dato, dt.time(18)))
    assert mappe.findtext("a:opprettetDato", namespaces=A) == start
    assert mappe.findtext("a:avsluttetDato", namespaces=A) == start
    assert mappe.find("a:registrering", A) is None and mappe.find("a:moetedeltaker", A) is None
    system = mappe.getparent().getparent()
    assert [k.findtext("a:klasseID", namespaces=A) for k in system.iterfind("a:klasse", A)] == [
        "FSK",
        "KST",
    ]
    rapport = kontroller(tmp_path / "uttrekk", dag)
    assert not rapport.feilet, rapport.tekst()
