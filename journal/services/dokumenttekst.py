"""The text of a document for «Søk også i dokumentinnhold» (issue 20, item 2): read from its
PDF/A — the archival copy, or the original when it is PDF/A already (letters, minutes and
uploads that are PDF/A) — and kept on `Dokument.innhold`, which journal.search searches only
where the user may read the document.

The text is read with PDFium (saksarkiv.pdftekst, the personal ID guard's reader). A scan's
text is the OCR layer the archival copy got (journal.services.arkivkopi)."""

import logging
import re

from django.db.models import Q
from django.db.models.fields.files import FieldFile

from saksarkiv.pdftekst import pdf_tekst

from ..models import Dokument

logger = logging.getLogger(__name__)

# PostgreSQL's tsvector holds at most 1 MB: this much text keeps well within it, and a search
# index needs no more of a document than its first few hundred pages.
MAKS_TEGN = 300_000
_MELLOMROM = re.compile(r"\s+")


def tekst(data: bytes, navn: str = "") -> str:
    """The PDF's text as one line of words (no NUL, which PostgreSQL text refuses), capped at
    MAKS_TEGN characters; "" when the file cannot be read (logged)."""
    return _MELLOMROM.sub(" ", pdf_tekst(data, navn).replace("\x00", " ")).strip()[:MAKS_TEGN]


def tekst_fra_fil(felt: FieldFile) -> str:
    """The text of a stored PDF, "" when it cannot be read (logged)."""
    try:
        with felt.open("rb") as fil:
            return tekst(fil.read(), felt.name)
    except OSError as feil:
        logger.warning("Kunne ikke lese teksten i %s: %s", felt.name, feil)
        return ""


def fyll(dokument: Dokument) -> bool:
    """Store the text of the document's PDF/A on it. False when it has no PDF/A (yet): the
    conversion fills it when the archival copy is made."""
    if not dokument.arkivformat:
        return False
    innhold = tekst_fra_fil(dokument.arkivformat)
    Dokument.objects.filter(pk=dokument.pk).update(innhold=innhold)
    dokument.innhold = innhold
    return True


def uten_tekst() -> Q:
    """Documents with a PDF/A whose text has not been read."""
    return ~Q(arkivformat="") & Q(arkivformat__isnull=False) & Q(innhold="")


def fyll_manglende(log=lambda message: None, *, batch: int = 200) -> int:
    """Read the text of every document with a PDF/A whose text is missing (documents from
    before the field existed, or made without the services). Returns how many were read.
    Documents whose PDF yields no text (an image-only PDF/A) stay empty and are read again
    on the next run; that costs a little, and such files are rare."""
    ids = list(Dokument.objects.filter(uten_tekst()).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        for dokument in Dokument.objects.filter(pk__in=ids[start : start + batch]):
            fyll(dokument)
        log(f"  dokumenttekst: {min(start + batch, len(ids))} av {len(ids)}")
    return len(ids)
