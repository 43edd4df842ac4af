"""A small, correct Noark 5 v5.0 arkivuttrekk written by hand, for the checker's tests.

No complete official v5.0 example exists (../shared/noark5/SOURCES.md §2), so the tests build
this one: one arkivdel with a classification, one saksmappe, two journal posts (one with a
document file), the two journals, an endringslogg, the schemas and an ADDML made from the
standard's own template (tests/uttrekk/eksempler/noark5-standard/arkivuttrekk.xml) with its
placeholders filled in. Tests break copies of it on purpose.
"""

import hashlib
import shutil
from pathlib import Path

from lxml import etree

from journal.uttrekk.kontroll import NS, XSD_DIR

MAL = Path(__file__).parent / "eksempler" / "noark5-standard" / "arkivuttrekk.xml"
DOKUMENT = b"%PDF-1.7\n% dokumentfil i testuttrekket\n"

ARKIV = "11111111-1111-4111-8111-111111111111"
ARKIVDEL = "22222222-2222-4222-8222-222222222222"
KLASSESYSTEM = "33333333-3333-4333-8333-333333333333"
KLASSE = "44444444-4444-4444-8444-444444444444"
MAPPE = "55555555-5555-4555-8555-555555555555"
JP1 = "66666666-6666-4666-8666-666666666661"
JP2 = "66666666-6666-4666-8666-666666666662"
DOKBESK = "77777777-7777-4777-8777-777777777777"
DOKOBJ = "88888888-8888-4888-8888-888888888888"

HVEM = "<opprettetDato>2025-01-02T10:00:00</opprettetDato><opprettetAv>Ola Nygård</opprettetAv>"
AVSLUTTET = (
    "<avsluttetDato>2025-06-30T10:00:00</avsluttetDato><avsluttetAv>Ola Nygård</avsluttetAv>"
)


def _journalpost(sid, nr, dokument=""):
    return f"""
<registrering xsi:type="journalpost"><systemID>{sid}</systemID>{HVEM}
<arkivertDato>2025-01-03T10:00:00</arkivertDato><arkivertAv>Ola Nygård</arkivertAv>
<referanseArkivdel>{ARKIVDEL}</referanseArkivdel>{dokument}
<tittel>Søknad om byggetillatelse {nr}</tittel>
<journalaar>2025</journalaar><journalsekvensnummer>{nr}</journalsekvensnummer>
<journalpostnummer>{nr}</journalpostnummer><journalposttype>Inngående dokument</journalposttype>
<journalstatus>Arkivert</journalstatus><journaldato>2025-01-02</journaldato>
</registrering>"""


DOKUMENTBESKRIVELSE = f"""
<dokumentbeskrivelse><systemID>{DOKBESK}</systemID><dokumenttype>Brev</dokumenttype>
<dokumentstatus>Dokumentet er ferdigstilt</dokumentstatus><tittel>Søknad</tittel>{HVEM}
<tilknyttetRegistreringSom>Hoveddokument</tilknyttetRegistreringSom><dokumentnummer>1</dokumentnummer>
<tilknyttetDato>2025-01-02T10:00:00</tilknyttetDato><tilknyttetAv>Ola Nygård</tilknyttetAv>
<dokumentobjekt><systemID>{DOKOBJ}</systemID><versjonsnummer>1</versjonsnummer>
<variantformat>Arkivformat</variantformat><format>fmt/476</format>{HVEM}
<referanseDokumentfil>DOKUMENT/1.pdf</referanseDokumentfil>
<sjekksum>{hashlib.sha256(DOKUMENT).hexdigest()}</sjekksum><sjekksumAlgoritme>SHA256</sjekksumAlgoritme>
<filstoerrelse>{len(DOKUMENT)}</filstoerrelse></dokumentobjekt>
</dokumentbeskrivelse>"""

ARKIVSTRUKTUR = f"""<?xml version="1.0" encoding="UTF-8"?>
<arkiv xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<systemID>{ARKIV}</systemID><tittel>Testkommune arkiv</tittel>{HVEM}{AVSLUTTET}
<arkivskaper><arkivskaperID>964963193</arkivskaperID><arkivskaperNavn>Testkommune</arkivskaperNavn></arkivskaper>
<arkivdel><systemID>{ARKIVDEL}</systemID><tittel>Sakarkiv 2025</tittel>
<arkivdelstatus>Avsluttet periode</arkivdelstatus>{HVEM}{AVSLUTTET}
<klassifikasjonssystem><systemID>{KLASSESYSTEM}</systemID><tittel>Arkivnøkkel</tittel>{HVEM}
<klasse><systemID>{KLASSE}</systemID><klasseID>611</klasseID><tittel>Byggesaker</tittel>{HVEM}
<mappe xsi:type="saksmappe"><systemID>{MAPPE}</systemID><mappeID>2025/1</mappeID>
<tittel>Byggesak Storgata 1</tittel>{HVEM}{AVSLUTTET}
<referanseArkivdel>{ARKIVDEL}</referanseArkivdel>
{_journalpost(JP1, 1, DOKUMENTBESKRIVELSE)}{_journalpost(JP2, 2)}
<saksaar>2025</saksaar><sakssekvensnummer>1</sakssekvensnummer><saksdato>2025-01-02</saksdato>
<administrativEnhet>Byggesak</administrativEnhet><saksansvarlig>Kari Hansen</saksansvarlig>
<saksstatus>Avsluttet</saksstatus>
</mappe></klasse></klassifikasjonssystem></arkivdel></arkiv>
"""


def _journal(rot, antall=2):
    t = "tittel" if rot == "loependeJournal" else "offentligTittel"
    poster = "".join(
        f"""<journalregistrering><saksmappe><saksaar>2025</saksaar><sakssekvensnummer>1</sakssekvensnummer>
<{t}>Byggesak Storgata 1</{t}></saksmappe><journalpost><systemID>{sid}</systemID>
<journalaar>2025</journalaar><journalsekvensnummer>{nr}</journalsekvensnummer>
<journalpostnummer>{nr}</journalpostnummer><{t}>Søknad om byggetillatelse {nr}</{t}>
<journaldato>2025-01-02</journaldato><korrespondansepart>
<korrespondanseparttype>Avsender</korrespondanseparttype>
<korrespondansepartNavn>Per Hansen</korrespondansepartNavn></korrespondansepart>
</journalpost></journalregistrering>"""
        for nr, sid in ((1, JP1), (2, JP2))[:antall]
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{rot} xmlns="http://www.arkivverket.no/standarder/noark5/{rot}">
<journalhode><journalStartDato>2025-01-01</journalStartDato><journalSluttDato>2025-06-30</journalSluttDato>
<antallJournalposter>{antall}</antallJournalposter>
<arkivskaper><arkivskaperID>964963193</arkivskaperID><arkivskaperNavn>Testkommune</arkivskaperNavn></arkivskaper>
</journalhode>{poster}</{rot}>
"""


ENDRINGSLOGG = f"""<?xml version="1.0" encoding="UTF-8"?>
<endringslogg xmlns="http://www.arkivverket.no/standarder/noark5/endringslogg">
<endring><referanseArkivenhet>{JP1}</referanseArkivenhet><referanseMetadata>tittel</referanseMetadata>
<endretDato>2025-01-03T10:00:00</endretDato><endretAv>Ola Nygård</endretAv>
<tidligereVerdi>Søknad</tidligereVerdi><nyVerdi>Søknad om byggetillatelse 1</nyVerdi></endring>
</endringslogg>
"""

ANTALL = {"mappe": "1", "registrering": "2", "endring": "1", "journalregistrering": "2"}


def _sett(el, navn, verdi):
    el.xpath(".//a:property[@name=$n]/a:value", namespaces=NS, n=navn)[0].text = verdi


def skriv_addml(katalog: Path) -> None:
    """Fill the standard's ADDML template with the package's counts and checksums."""
    tre = etree.parse(str(MAL))
    rot = tre.getroot()
    tillegg = rot.xpath(".//a:property[@name='additionalInfo']", namespaces=NS)[0]
    for p in tillegg.iter(f"{{{NS['a']}}}property"):
        v = p.find("a:value", NS)
        if v is not None:
            v.text = {
                "inngaaendeSkille": "skarpt",
                "utgaaendeSkille": "skarpt",
                "antallDokumentfiler": "1",
            }.get(p.get("name"), "false")
    for sjekksum in rot.xpath(".//a:property[@name='checksum']", namespaces=NS):
        fil = sjekksum.getparent().getparent()
        navn = fil.xpath("a:properties/a:property[@name='name']/a:value", namespaces=NS)[0].text
        _sett(sjekksum, "value", hashlib.sha256((katalog / navn).read_bytes()).hexdigest())
    for forekomst in rot.xpath(".//a:property[@name='numberOfOccurrences']", namespaces=NS):
        _sett(forekomst, "value", ANTALL[forekomst.find("a:value", NS).text])
    tre.write(str(katalog / "arkivuttrekk.xml"), xml_declaration=True, encoding="UTF-8")


def lag_pakke(katalog: Path) -> Path:
    katalog.mkdir(parents=True, exist_ok=True)
    (katalog / "arkivstruktur.xml").write_text(ARKIVSTRUKTUR, encoding="utf-8")
    (katalog / "loependeJournal.xml").write_text(_journal("loependeJournal"), encoding="utf-8")
    (katalog / "offentligJournal.xml").write_text(_journal("offentligJournal"), encoding="utf-8")
    (katalog / "endringslogg.xml").write_text(ENDRINGSLOGG, encoding="utf-8")
    for navn in (
        "arkivstruktur",
        "loependeJournal",
        "offentligJournal",
        "endringslogg",
        "metadatakatalog",
    ):
        shutil.copyfile(XSD_DIR / f"{navn}.xsd", katalog / f"{navn}.xsd")
    (katalog / "DOKUMENT").mkdir()
    (katalog / "DOKUMENT" / "1.pdf").write_bytes(DOKUMENT)
    skriv_addml(katalog)
    return katalog
