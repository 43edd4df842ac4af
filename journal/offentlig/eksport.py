"""Exports of the public journal for a period: Noark 5 `offentligJournal.xml` (validated
against Arkivverket's schema before it is handed out), CSV for spreadsheets, and PDF.

The rows and every displayed value come from poster.py (offentlige_poster → vis_poster), read
oldest first in keyset batches, so an export screens exactly as the public pages do and
takes a constant number of queries per batch.
"""

import csv
import datetime
import io
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction
from lxml import etree

from journal.models import Innstillinger
from saksarkiv import keyset
from saksarkiv.models import AdministrativEnhet
from saksarkiv.pdf import render_pdf
from saksarkiv.regneark import celle, dato
from saksarkiv.services import DomainError
from saksarkiv.tekst import uten_kontrolltegn

from ..models import Journalposttype, Korrespondanseparttype
from .poster import (
    ELDSTE,
    ELDSTE_FORST,
    KORTE_TYPER,
    OffentligPost,
    offentlige_poster,
    publiserte_typer,
    vis_poster,
)

XSD_DIR = Path(__file__).resolve().parent / "xsd"
NS = "http://www.arkivverket.no/standarder/noark5/offentligJournal"
BATCH = 1000
# WeasyPrint needs about a second per hundred rows: longer periods go to CSV or XML.
PDF_MAKS = 2000
# Stable Noark systemID (a UUID) per post: derived from its primary key.
SYSTEM_ID_NAVNEROM = uuid.uuid5(uuid.NAMESPACE_URL, "urn:saksarkiv:noark5:systemID")
PARTTYPER = dict(Korrespondanseparttype.choices)


@dataclass(frozen=True)
class Format:
    kode: str
    navn: str
    content_type: str
    endelse: str


FORMATER = {
    "xml": Format("xml", "XML (Noark 5 offentligJournal)", "application/xml", "xml"),
    "csv": Format("csv", "CSV (regneark)", "text/csv; charset=utf-8", "csv"),
    "pdf": Format("pdf", "PDF", "application/pdf", "pdf"),
}


def system_id(post: OffentligPost) -> str:
    return str(uuid.uuid5(SYSTEM_ID_NAVNEROM, f"journalpost/{post.pk}"))


def _periode(fra: datetime.date, til: datetime.date, innstillinger: Innstillinger):
    if til < fra:
        raise DomainError("Til-datoen kan ikke være før fra-datoen.", field="til")
    return offentlige_poster(innstillinger).filter(journaldato__range=(fra, til))


def rader(
    fra: datetime.date, til: datetime.date, innstillinger: Innstillinger | None = None
) -> Iterator[OffentligPost]:
    """The public view of every public post in the period, oldest first."""
    qs = _periode(fra, til, innstillinger or Innstillinger.hent())
    nokkel = None
    while True:
        batch = qs if nokkel is None else qs.filter(keyset.after(ELDSTE.nokkel, nokkel))
        poster = list(batch.order_by(*ELDSTE_FORST)[:BATCH])
        yield from vis_poster(poster)
        if len(poster) < BATCH:
            return
        last = poster[-1]
        nokkel = (last.journaldato, last.journalaar, last.journalsekvensnummer)


def antall(fra, til, innstillinger: Innstillinger | None = None) -> int:
    return _periode(fra, til, innstillinger or Innstillinger.hent()).count()


def parter_tekst(post: OffentligPost) -> str:
    return "; ".join(f"{part.type}: {part.navn}" for part in post.parter)


# --- XML ------------------------------------------------------------------------------------
@cache
def skjema() -> etree.XMLSchema:
    """Arkivverket's offentligJournal.xsd (it imports metadatakatalog.xsd beside it)."""
    return etree.XMLSchema(etree.parse(str(XSD_DIR / "offentligJournal.xsd")))


def _q(name: str) -> str:
    return f"{{{NS}}}{name}"


def _felt(xf, name: str, value) -> None:
    if value is None or value == "":
        return
    if isinstance(value, datetime.date):
        value = value.isoformat()
    with xf.element(_q(name)):
        xf.write(uten_kontrolltegn(str(value)))


def _arkivskaper() -> tuple[str, str]:
    """(arkivskaperID, arkivskaperNavn): the top unit's code and the municipality's name."""
    topp = AdministrativEnhet.objects.get_root_nodes().first()
    return (topp.kode if topp else "kommune"), settings.SAKSARKIV_KOMMUNE


def _skjerming(post: OffentligPost) -> str:
    deler = []
    if post.skjermet:
        deler.append("Skjerming tittel registrering - utvalgte ord")
    if post.parter_skjermet:
        deler.append("Skjerming navn avsender/mottaker")
    return "; ".join(deler)


def _parter_xml(post: OffentligPost) -> list[tuple[str, str]]:
    """offentligJournal.xsd requires at least one korrespondansepart. A post registered
    without one names its own unit: the internal recipient of an incoming letter, the
    internal sender of the others."""
    if post.parter:
        return [(part.type, part.navn) for part in post.parter]
    intern = (
        Korrespondanseparttype.INTERN_MOTTAKER
        if post.journalposttype == Journalposttype.INNGAENDE
        else Korrespondanseparttype.INTERN_AVSENDER
    )
    return [(PARTTYPER[intern], post.enhet)]


def _registrering(xf, post: OffentligPost) -> None:
    with xf.element(_q("journalregistrering")):
        with xf.element(_q("saksmappe")):
            _felt(xf, "mappeID", post.saksnummer)
            _felt(xf, "saksaar", post.saksaar)
            _felt(xf, "sakssekvensnummer", post.sakssekvensnummer)
            _felt(xf, "offentligTittel", post.sak_tittel)
        with xf.element(_q("journalpost")):
            _felt(xf, "systemID", system_id(post))
            _felt(xf, "registreringsID", post.saksdokumentnummer)
            _felt(xf, "journalaar", post.journalaar)
            _felt(xf, "journalsekvensnummer", post.journalsekvensnummer)
            # Noark's journalpostnummer is the running number within the case.
            _felt(xf, "journalpostnummer", post.dokumentnummer)
            _felt(xf, "offentligTittel", post.tittel)
            _felt(xf, "skjermingMetadata", _skjerming(post))
            _felt(xf, "journaldato", post.journaldato)
            _felt(xf, "dokumentetsDato", post.dokumentdato)
            _felt(xf, "administrativEnhet", post.enhet)
            _felt(xf, "tilgangsrestriksjon", post.tilgangskode)
            _felt(xf, "skjermingshjemmel", post.hjemmel)
            for type_, navn in _parter_xml(post):
                with xf.element(_q("korrespondansepart")):
                    _felt(xf, "korrespondanseparttype", type_)
                    _felt(xf, "korrespondansepartNavn", navn)
    xf.write("\n")


def lag_xml(fra, til, innstillinger: Innstillinger | None = None) -> bytes:
    """offentligJournal.xml for the period, valid against the official schema."""
    innstillinger = innstillinger or Innstillinger.hent()
    total = antall(fra, til, innstillinger)
    if total == 0:
        raise DomainError(
            "Perioden har ingen offentlige journalposter. Noark 5-formatet for offentlig "
            "journal krever minst én; velg en annen periode.",
            field="fra",
        )
    typer = ", ".join(KORTE_TYPER[t].lower() for t in publiserte_typer(innstillinger))
    arkivskaper_id, arkivskaper_navn = _arkivskaper()
    ut = io.BytesIO()
    with etree.xmlfile(ut, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element(_q("offentligJournal"), nsmap={None: NS}):
            xf.write("\n")
            with xf.element(_q("journalhode")):
                _felt(xf, "journalStartDato", fra)
                _felt(xf, "journalSluttDato", til)
                _felt(xf, "seleksjon", f"Journalførte journalposter ({typer}), skjermet")
                _felt(xf, "antallJournalposter", total)
                with xf.element(_q("arkivskaper")):
                    _felt(xf, "arkivskaperID", arkivskaper_id)
                    _felt(xf, "arkivskaperNavn", arkivskaper_navn)
            xf.write("\n")
            for post in rader(fra, til, innstillinger):
                _registrering(xf, post)
    data = ut.getvalue()
    valider_xml(data)
    return data


def valider_xml(data: bytes) -> None:
    """Raise DomainError unless `data` is valid against offentligJournal.xsd."""
    document = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False))
    schema = skjema()
    if not schema.validate(document):
        feil = schema.error_log.last_error
        raise DomainError(f"Eksporten er ikke gyldig mot Noark 5-skjemaet: {feil}")


# --- CSV ------------------------------------------------------------------------------------
CSV_KOLONNER = [
    "Journaldato",
    "Journalpostnummer",
    "Saksnummer",
    "Dokumentnummer",
    "Type",
    "Tittel",
    "Sak",
    "Avsender/mottaker",
    "Enhet",
    "Dokumentdato",
    "Tilgangskode",
    "Hjemmel",
]


def lag_csv(fra, til, innstillinger: Innstillinger | None = None) -> bytes:
    """Semicolon-separated UTF-8 with BOM, as Excel in Norway opens it."""
    ut = io.StringIO(newline="")
    writer = csv.writer(ut, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_KOLONNER)
    for post in rader(fra, til, innstillinger):
        writer.writerow(
            celle(v)
            for v in (
                dato(post.journaldato),
                post.journalpostnummer,
                post.saksnummer,
                post.saksdokumentnummer,
                post.type_navn,
                post.tittel,
                post.sak_tittel,
                parter_tekst(post),
                post.enhet,
                dato(post.dokumentdato),
                post.tilgangskode,
                post.hjemmel,
            )
        )
    return ut.getvalue().encode("utf-8-sig")


# --- PDF ------------------------------------------------------------------------------------
def lag_pdf(fra, til, innstillinger: Innstillinger | None = None) -> bytes:
    innstillinger = innstillinger or Innstillinger.hent()
    total = antall(fra, til, innstillinger)
    if total > PDF_MAKS:
        raise DomainError(
            f"Perioden har {total} journalposter; PDF lages for høyst {PDF_MAKS}. Velg en "
            "kortere periode, eller CSV eller XML.",
            field="til",
        )
    periode = f"{dato(fra)}–{dato(til)}" if fra != til else dato(fra)
    context = {
        "tittel": f"Offentlig journal {periode}",
        "periode": periode,
        "antall": total,
        "rader": list(rader(fra, til, innstillinger)),
    }
    return render_pdf("print/postliste.html", context)


@contextmanager
def _ett_oyeblikksbilde():
    """Read the whole export from one snapshot (PostgreSQL REPEATABLE READ), so the count
    in the XML header and the rows agree while archive journalises posts meanwhile. Inside
    an outer transaction (tests) the caller's own snapshot rules."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def lag_eksport(format_: str, fra, til) -> bytes:
    """The export of the period in `format_` (xml, csv, pdf); DomainError on refusal."""
    lag = {"xml": lag_xml, "csv": lag_csv, "pdf": lag_pdf}.get(format_)
    if lag is None:
        raise DomainError("Velg format: xml, csv eller pdf.", field="format")
    innstillinger = Innstillinger.hent()  # may create the row: before the read-only snapshot
    with _ett_oyeblikksbilde():
        return lag(fra, til, innstillinger)


def filnavn(format_: str, fra, til) -> str:
    periode = fra.isoformat() if fra == til else f"{fra.isoformat()}_{til.isoformat()}"
    if format_ == "xml":
        return f"offentligJournal-{periode}.xml"
    return f"offentlig-journal-{periode}.{FORMATER[format_].endelse}"
