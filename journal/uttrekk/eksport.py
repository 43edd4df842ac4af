"""Noark 5 v5.0 arkivuttrekk of a period (DOMAIN.md §16, issue 20).

`lag_uttrekk(fra, til, katalog)` writes the package Arkivverket takes in:

    arkivstruktur.xml   arkiv → arkivdel → klassifikasjonssystem → klasse → saksmappe →
                        journalpost → dokumentbeskrivelse → dokumentobjekt
    loependeJournal.xml the full journal of the extracted posts
    offentligJournal.xml the same posts as the public sees them (screened, journal.offentlig)
    endringslogg.xml    the audit log of the extracted cases, posts and documents
    arkivuttrekk.xml    ADDML: counts and SHA-256 of the exact bytes written
    *.xsd               the schemas (journal/uttrekk/xsd, Arkivverket's files unchanged)
    DOKUMENT/           the document files, in archival format where the case has one

The rules of the standard:
- only closed cases: saksstatus A whose closing date (avsluttet_dato) is in the period, with
  all their posts; a voided post (journalstatus U) is kept, its documents without files;
- the whole classification: every class (ordningsprinsipp/ordningsverdi, as cases store it)
  of the extracted archive parts, also those without cases in the period;
- no empty elements (a value without content is left out, `_felt`), and the stored systemIDs
  of cases, posts and documents. Units the project keeps no rows for (arkiv, arkivdel,
  klassifikasjonssystem, klasse, the file object of a document) get a UUID derived from their
  identity (uuid5), so that every export names them the same.

Streaming: cases are read per class in batches of felles.BATCH with their posts, correspondents,
documents, remarks and write-offs in one query each; the journals and the log are read with
`.iterator()`. XML goes straight to disk through lxml's xmlfile, and is validated afterwards
by a streaming parse against the schema. Memory stays flat as the period grows.
"""

import datetime
import hashlib
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.utils import timezone
from lxml import etree

from saksarkiv.services import DomainError

from ..offentlig import eksport as offentlig
from ..services.uttrekk import sjekk_periode
from . import addml, arkivstruktur, journaler
from .felles import (
    Fremdrift,
    Resultat,
)

XSD_DIR = Path(__file__).resolve().parent / "xsd"

# (XML file, its schema, the element counted in ADDML)
FILER = (
    ("arkivstruktur.xml", "arkivstruktur.xsd", ("mappe", "registrering")),
    ("endringslogg.xml", "endringslogg.xsd", ("endring",)),
    ("loependeJournal.xml", "loependeJournal.xsd", ("journalregistrering",)),
    ("offentligJournal.xml", "offentligJournal.xsd", ("journalregistrering",)),
)
SKJEMAER = (
    "arkivstruktur.xsd",
    "loependeJournal.xsd",
    "offentligJournal.xsd",
    "endringslogg.xsd",
    "metadatakatalog.xsd",
    "addml.xsd",
)


# --- The package ---------------------------------------------------------------------------
@cache
def skjema(navn: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD_DIR / navn)))


def valider(fil: Path, skjemanavn: str) -> None:
    """Validate a written file against its schema in one streaming pass (the tree is cleared
    as it is read, so a large arkivstruktur.xml does not have to fit in memory)."""
    try:
        for _event, element in etree.iterparse(
            str(fil), events=("end",), schema=skjema(skjemanavn), resolve_entities=False
        ):
            element.clear(keep_tail=True)
            while element.getprevious() is not None:
                del element.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise DomainError(f"{fil.name} er ikke gyldig mot {skjemanavn}: {exc}") from exc


def sha256(fil: Path) -> str:
    sha = hashlib.sha256()
    with fil.open("rb") as f:
        while blokk := f.read(1 << 20):
            sha.update(blokk)
    return sha.hexdigest()


def _skriv(fil: Path, skriv: Callable) -> None:
    with fil.open("wb") as ut, etree.xmlfile(ut, encoding="utf-8") as xf:
        xf.write_declaration()
        skriv(xf)


def _klar_katalog(katalog: Path) -> Path:
    if katalog.exists() and (not katalog.is_dir() or any(katalog.iterdir())):
        raise DomainError(f"Katalogen {katalog} finnes og er ikke tom; velg en ny.", field="o")
    arbeid = katalog.with_name(f"{katalog.name}.under-arbeid")
    if arbeid.exists():
        shutil.rmtree(arbeid)
    arbeid.mkdir(parents=True)
    return arbeid


def lag_uttrekk(
    fra: datetime.date,
    til: datetime.date,
    katalog: Path,
    fremdrift: Fremdrift | None = None,
) -> Resultat:
    """Write the extraction of the cases closed from `fra` to `til` into `katalog` (new or
    empty). It is built beside it and renamed when complete and valid: a failed run leaves
    nothing behind. DomainError on refusal."""
    fremdrift = fremdrift or (lambda steg, antall: None)
    sjekk_periode(fra, til)
    katalog = Path(katalog)
    with offentlig._ett_oyeblikksbilde():
        antall_poster = journaler.journalposter(fra, til).count()
        if antall_poster == 0:
            raise DomainError(
                "Ingen saker med journalposter ble avsluttet i perioden; et Noark 5-uttrekk "
                "krever minst én journalpost. Velg en annen periode.",
                field="fra",
            )
        arbeid = _klar_katalog(katalog)
        try:
            res = _lag(fra, til, arbeid, antall_poster, fremdrift)
        except BaseException:
            shutil.rmtree(arbeid, ignore_errors=True)
            raise
    if katalog.exists():
        katalog.rmdir()
    arbeid.rename(katalog)
    res.katalog = katalog
    return res


def _lag(fra, til, katalog: Path, antall_poster: int, fremdrift: Fremdrift) -> Resultat:
    res = Resultat(katalog)
    tidspunkt = timezone.now()
    ctx = (katalog, res, fra, til)
    _skriv(
        katalog / "arkivstruktur.xml",
        lambda xf: arkivstruktur.skriv(xf, fra, til, tidspunkt, ctx, fremdrift),
    )
    fremdrift("loependeJournal", 0)
    _skriv(
        katalog / "loependeJournal.xml",
        lambda xf: journaler.loepende(xf, fra, til, antall_poster, res),
    )
    fremdrift("offentligJournal", 0)
    _skriv(
        katalog / "offentligJournal.xml",
        lambda xf: journaler.offentlig_journal(xf, fra, til, antall_poster, res),
    )
    fremdrift("endringslogg", 0)
    _skriv(katalog / "endringslogg.xml", lambda xf: journaler.endringslogg(xf, fra, til, res))
    for navn in SKJEMAER:
        shutil.copyfile(XSD_DIR / navn, katalog / navn)
    fremdrift("validering", 0)
    for filnavn, skjemanavn, _elementer in FILER:
        valider(katalog / filnavn, skjemanavn)
    for navn in [f[0] for f in FILER] + list(SKJEMAER):
        res.sjekksummer[navn] = sha256(katalog / navn)
    antall = {
        "arkivstruktur.xml": {e: res.antall[e] for e in ("mappe", "registrering")},
        "endringslogg.xml": {"endring": res.antall["endring"]},
        "loependeJournal.xml": {"journalregistrering": res.antall["loependeJournal"]},
        "offentligJournal.xml": {"journalregistrering": res.antall["offentligJournal"]},
    }
    arkivskaper_id, arkivskaper_navn = offentlig._arkivskaper()
    data = addml.lag(
        arkivskaper=arkivskaper_navn,
        arkiv=f"Sakarkiv {arkivskaper_navn}",
        fra=fra,
        til=til,
        filer=[(f, s, antall[f]) for f, s, _e in FILER],
        sjekksummer=res.sjekksummer,
        info={
            "inneholderSkjermetInformasjon": res.skjermet,
            "omfatterDokumenterSomErKassert": False,
            "inneholderDokumenterSomSkalKasseres": False,
            "inneholderVirksomhetsspesifikkeMetadata": False,
            "antallDokumentfiler": res.antall["dokumentfiler"],
        },
    )
    (katalog / "arkivuttrekk.xml").write_bytes(data)
    valider(katalog / "arkivuttrekk.xml", "addml.xsd")
    res.sjekksummer["arkivuttrekk.xml"] = sha256(katalog / "arkivuttrekk.xml")
    fremdrift("ferdig", res.antall["registrering"])
    return res
