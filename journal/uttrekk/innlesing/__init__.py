"""Import of a Noark 5 v5.0 arkivuttrekk into Saksarkiv (DOMAIN.md §16, issue 20 item 5).

`les_inn(katalog)` takes in the cases (saksmappe), their posts (journalpost), parts,
correspondents, remarks, write-offs, documents with their files, access codes and screening,
and the history (endringslogg.xml), keeping the systemIDs, case, journal and document numbers
the extraction brings. Used after a municipal merger (seed 002) for the old systems' archives,
into an empty base or as a new archive part (`arkivdel=`).

It works in two passes over arkivstruktur.xml, both streaming:

1. **kontroll**: the files validate against Arkivverket's schemas; every case and post can be
   taken in (known codes and access codes, UUID systemIDs not already here, numbers not taken,
   document files present with the checksum and size the extraction states, references that
   resolve). Every fault goes into the report; one fault refuses the whole import.
2. **innlesing**: in one transaction, per batch of cases. A failure rolls everything back and
   removes the files already stored: nothing is imported half.

What the extraction names but Saksarkiv keeps as rows — users and administrative units — is
matched by name, and created (users inactive, without password; units under the top unit) when
missing. The post's own unit and caseworker are read from loependeJournal.xml when it is there
(arkivstruktur.xml has no field for them), else the case's are used.

An export of the imported period gives the same XML back (the round trip,
tests/uttrekk/test_innlesing.py): the import stores what the export reads.
"""

from collections import Counter
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from lxml import etree

from saksarkiv.models import Endringslogg, Tilgangskode
from saksarkiv.services import DomainError

from ...services import tillatelser
from .. import eksport
from .felles import Avvist, Kontekst, Rapport, _mapper, _q, _t, _xsi_type
from .kontroll import _kontroller_database, _kontroller_mappe
from .skriv import Innleser, Register, _bevarte_tidspunkt, _historikk

__all__ = ["Avvist", "Rapport", "les_inn"]


# --- The entry point -----------------------------------------------------------------------
FILER = (
    ("arkivstruktur.xml", "arkivstruktur.xsd"),
    ("loependeJournal.xml", "loependeJournal.xsd"),
    ("endringslogg.xml", "endringslogg.xsd"),
)


def _arkivskaper(fil: Path) -> tuple[str, str]:
    for _h, el in etree.iterparse(str(fil), tag=_q("arkivskaper"), huge_tree=True):
        return _t(el, "arkivskaperID"), _t(el, "arkivskaperNavn")
    return "", ""


def les_inn(
    katalog,
    *,
    arkivdel: str | None = None,
    bruker=None,
    kun_kontroll: bool = False,
    uten_moeter: bool = False,
) -> Rapport:
    """Check the extraction in `katalog` and import it whole (or, `kun_kontroll`, only check).

    `arkivdel` puts every imported case in that archive part (a new part for an old system's
    archive); else each keeps the arkivdel it comes from. Meeting folders refuse the import
    unless `uten_moeter` leaves them out (counted in the report). Raises `Avvist` with the
    report when anything cannot be taken in: then nothing is imported."""
    if bruker is not None:
        tillatelser.bruker(bruker).krev("arkivuttrekk")
    katalog = Path(katalog)
    rapport = Rapport(katalog)
    struktur = katalog / "arkivstruktur.xml"
    if not struktur.is_file():
        rapport.avvis(f"Katalogen {katalog} har ingen arkivstruktur.xml.")
        raise Avvist(rapport)
    for filnavn, skjemanavn in FILER:
        if (katalog / filnavn).is_file():
            try:
                eksport.valider(katalog / filnavn, skjemanavn)
            except DomainError as exc:
                rapport.avvis(f"{exc.message} (Saksarkiv leser Noark 5 v5.0.)")
    if rapport.avvist:
        raise Avvist(rapport)
    ktx = Kontekst(katalog, rapport, (arkivdel or "").strip() or None, uten_moeter)
    koder = {k.kode: k for k in Tilgangskode.objects.all()}
    for plass, mappe in _mapper(struktur):
        _kontroller_mappe(plass, mappe, ktx, koder)
    if not ktx.saker and not rapport.avvist:
        rapport.avvis("Uttrekket har ingen saksmapper å lese inn.")
    _kontroller_database(ktx)
    if rapport.avvist or kun_kontroll:
        if rapport.avvist:
            raise Avvist(rapport)
        return rapport
    rapport.antall = Counter({k: n for k, n in rapport.antall.items() if k.startswith("møte")})
    innleser = None
    try:
        with transaction.atomic(), _bevarte_tidspunkt():
            register = Register(_arkivskaper(struktur), rapport)
            innleser = Innleser(ktx, register, bruker)
            for plass, mappe in _mapper(struktur, innleser.klasse):
                if _xsi_type(mappe) == "saksmappe":
                    innleser.sak(plass, mappe)
            innleser.avslutt()
            _historikk(katalog, innleser)
            Endringslogg.objects.bulk_create(innleser.importlogg, batch_size=1000)
    except BaseException as exc:
        for navn in innleser.lagret if innleser else []:
            default_storage.delete(navn)
        if isinstance(exc, IntegrityError):
            rapport.avvis(f"Databasen avviste innlesingen (samtidig registrering?): {exc}")
            raise Avvist(rapport) from exc
        raise
    rapport.importert = True
    return rapport
