"""Documents on journal posts (DOMAIN.md §5): upload with size and format checks, main
document / attachment numbering, SHA-256 checksums and PDF/A detection.

The format is decided by the file's content, never by the browser's content type; the file
name's extension must agree with it. A PDF whose XMP metadata declares PDF/A conformance is
its own archival version.
"""

import codecs
import hashlib
import logging
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import Dokument, Journalpost, TilknyttetRegistreringSom
from ..models.journalpost import Arkivstatus
from . import dokumenttekst, laas, tillatelser

logger = logging.getLogger(__name__)

H = TilknyttetRegistreringSom.HOVEDDOKUMENT
V = TilknyttetRegistreringSom.VEDLEGG


HEAD_SIZE = 64 * 1024
_PDFAID = re.compile(rb"pdfaid:part\s*(?:=\s*[\"']\s*[1-4]|>\s*[1-4])")
_HEADER_LINE = re.compile(rb"^[!-9;-~]+:")


@dataclass(frozen=True)
class Format:
    kode: str
    mimetype: str
    endelser: tuple[str, ...]


FORMATER = {
    f.kode: f
    for f in (
        Format("PDF", "application/pdf", (".pdf",)),
        Format("PNG", "image/png", (".png",)),
        Format("JPEG", "image/jpeg", (".jpg", ".jpeg")),
        Format("TIFF", "image/tiff", (".tif", ".tiff")),
        Format(
            "DOCX",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            (".docx",),
        ),
        Format(
            "XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)
        ),
        Format(
            "PPTX",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            (".pptx",),
        ),
        Format("ODT", "application/vnd.oasis.opendocument.text", (".odt",)),
        Format("ODS", "application/vnd.oasis.opendocument.spreadsheet", (".ods",)),
        Format("TXT", "text/plain", (".txt",)),
        Format("EML", "message/rfc822", (".eml",)),
    )
}
_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_OOXML_MAIN_PARTS = (
    ("word/document.xml", "DOCX"),
    ("xl/workbook.xml", "XLSX"),
    ("ppt/presentation.xml", "PPTX"),
)
_ODF_MIMETYPES = {FORMATER["ODT"].mimetype: "ODT", FORMATER["ODS"].mimetype: "ODS"}


def tillatte_formater() -> list[Format]:
    return [FORMATER[kode] for kode in settings.DOKUMENT_TILLATTE_FORMATER if kode in FORMATER]


def format_for_mimetype(mimetype: str) -> str:
    """The short format name ("PDF", "DOCX") shown in lists."""
    for fmt in FORMATER.values():
        if fmt.mimetype == mimetype:
            return fmt.kode
    return mimetype


def storrelse_tekst(antall_byte: int) -> str:
    """A size in Norwegian style: "812 byte", "14,5 kB", "61,2 MB"."""
    if antall_byte < 1024:
        return f"{antall_byte} byte"
    for enhet, faktor in (("kB", 1024), ("MB", 1024**2), ("GB", 1024**3)):
        verdi = antall_byte / faktor
        if verdi < 1024 or enhet == "GB":
            tekst = f"{verdi:.0f}" if verdi >= 100 else f"{verdi:.1f}"
            return f"{tekst.removesuffix('.0').replace('.', ',')} {enhet}"
    raise AssertionError("unreachable")


def _formats_text() -> str:
    return ", ".join(f.kode for f in tillatte_formater())


@dataclass
class CheckedFile:
    """An uploaded file that passed the checks, ready to be stored."""

    fil: File
    filnavn: str
    format: Format
    storrelse: int
    sjekksum: str
    pdfa: bool

    @property
    def endelse(self) -> str:
        return PurePosixPath(self.filnavn).suffix.lower()


def clean_filename(name: str) -> str:
    """The last path component without control characters, at most 255 characters."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip(" .")
    if len(name) > 255:
        path = PurePosixPath(name)
        name = path.stem[: 255 - len(path.suffix)] + path.suffix
    return name


def _as_file(fil, filnavn: str | None) -> tuple[File, str]:
    if isinstance(fil, bytes | bytearray):
        if not filnavn:
            raise ValueError("filnavn is required when the file is given as bytes")
        return ContentFile(bytes(fil), name=filnavn), filnavn
    filnavn = filnavn or getattr(fil, "name", "") or ""
    if not isinstance(fil, File):  # a plain Python file object
        fil = File(fil, name=filnavn)
    return fil, filnavn


def _looks_like_email(head: bytes) -> bool:
    """A header block (Name: value lines, folded lines allowed) with a From header."""
    block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    names = set()
    for line in block.splitlines():
        if line[:1] in (b" ", b"\t"):
            if not names:
                return False
            continue
        if not _HEADER_LINE.match(line):
            return False
        names.add(line.split(b":", 1)[0].strip().lower())
    return b"from" in names


def _zip_format(fil: File) -> str | None:
    """DOCX/XLSX/PPTX by their main part, ODT/ODS by their mimetype entry."""
    fil.seek(0)
    try:
        with zipfile.ZipFile(fil) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 200:
                    return None
                mimetype = archive.read(info).decode("ascii", "replace").strip()
                return _ODF_MIMETYPES.get(mimetype)
            if "[Content_Types].xml" not in names:
                return None
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise DomainError(
                    "Dokumenter med makroer er ikke tillatt. Lagre dokumentet uten makroer "
                    "(f.eks. som .docx i stedet for .docm) og prøv igjen.",
                    field="fil",
                )
            for part, kode in _OOXML_MAIN_PARTS:
                if part in names:
                    return kode
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, RuntimeError):
        return None
    finally:
        fil.seek(0)
    return None


def _declares_pdfa(fil: File) -> bool:
    """Does the PDF's XMP metadata (document catalogue /Metadata) declare pdfaid:part?"""
    from pypdf import PdfReader

    fil.seek(0)
    try:
        root = PdfReader(fil).trailer["/Root"].get_object()
        metadata = root.get("/Metadata")
        xmp = metadata.get_object().get_data() if metadata is not None else b""
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on broken files: not PDF/A
        return False
    finally:
        fil.seek(0)
    return bool(_PDFAID.search(xmp))


def _too_big(storrelse: int, limit: int) -> DomainError:
    return DomainError(
        f"Filen er for stor: {storrelse_tekst(storrelse)}. "
        f"Største tillatte størrelse er {storrelse_tekst(limit)}.",
        field="fil",
    )


def kontroller_fil(fil, filnavn: str | None = None) -> CheckedFile:
    """Check size and format of a file (UploadedFile, File, or bytes with `filnavn`),
    computing its SHA-256 while streaming through it once. Raises DomainError(field="fil")."""
    fil, filnavn = _as_file(fil, filnavn)
    filnavn = clean_filename(filnavn)
    endelse = PurePosixPath(filnavn).suffix.lower()
    allowed = tillatte_formater()
    expected = next((f for f in allowed if endelse in f.endelser), None)
    if expected is None:
        what = f"Filtypen {endelse}" if endelse else f"Filen «{filnavn}» har ingen filtype, og"
        raise DomainError(
            f"{what} er ikke tillatt. Tillatte formater: {_formats_text()}.", field="fil"
        )
    limit = settings.DOKUMENT_MAKS_STORRELSE
    if fil.size is not None and fil.size > limit:
        raise _too_big(fil.size, limit)

    digest = hashlib.sha256()
    decoder = codecs.getincrementaldecoder("utf-8")()
    storrelse, head, utf8 = 0, b"", True
    fil.seek(0)
    for chunk in fil.chunks():
        storrelse += len(chunk)
        if storrelse > limit:
            raise _too_big(max(storrelse, fil.size or 0), limit)
        digest.update(chunk)
        if len(head) < HEAD_SIZE:
            head += chunk[: HEAD_SIZE - len(head)]
        if utf8:
            try:
                decoder.decode(chunk)
                utf8 = b"\x00" not in chunk
            except UnicodeDecodeError:
                utf8 = False
    if storrelse == 0:
        raise DomainError(f"Filen «{filnavn}» er tom.", field="fil")
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False

    found = _detect(fil, head, utf8, expected)
    if found != expected.kode:
        seen = f" Innholdet ser ut som {found}." if found else ""
        raise DomainError(
            f"Innholdet i «{filnavn}» er ikke {expected.kode}, selv om filnavnet slutter på "
            f"{endelse}.{seen} Tillatte formater: {_formats_text()}.",
            field="fil",
        )
    fmt = FORMATER[found]
    return CheckedFile(
        fil=fil,
        filnavn=filnavn,
        format=fmt,
        storrelse=storrelse,
        sjekksum=digest.hexdigest(),
        pdfa=fmt.kode == "PDF" and _declares_pdfa(fil),
    )


def _detect(fil: File, head: bytes, utf8: bool, expected: Format) -> str | None:
    """The format the content shows. Text can be both TXT and EML: the extension decides."""
    for magic, kode in _MAGIC:
        if head.startswith(magic):
            return kode
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(fil)
    text_kinds = []
    if _looks_like_email(head):
        text_kinds.append("EML")
    if utf8:
        text_kinds.append("TXT")
    if expected.kode in text_kinds:
        return expected.kode
    return text_kinds[0] if text_kinds else None


class StoredFiles(list):
    """Names written to storage in a unit of work, removed again if the work fails."""

    def remove_all(self):
        for name in self:
            default_storage.delete(name)
        self.clear()


def legg_til(
    actor,
    post: Journalpost,
    checked: CheckedFile,
    *,
    tittel: str = "",
    tilknyttet_som: str | None = None,
    stored: StoredFiles,
) -> Dokument:
    """Store a checked file as the post's next document. The caller checked permission and
    holds a transaction; `stored` collects the written file names for clean-up."""
    locked = laas.post(post.pk)
    existing = Dokument.objects.filter(journalpost=locked)
    siste = existing.aggregate(siste=Max("dokumentnummer"))["siste"] or 0
    has_main = existing.filter(tilknyttet_registrering_som=H).exists()
    if tilknyttet_som is None:
        tilknyttet_som = V if has_main else H
    elif tilknyttet_som == H and has_main:
        raise DomainError("Journalposten har allerede et hoveddokument.", field="fil")
    elif tilknyttet_som == V and not has_main:
        raise DomainError("Last opp hoveddokumentet før vedleggene.", field="fil")
    elif tilknyttet_som not in (H, V):
        raise DomainError("Ukjent tilknytning: bruk H eller V.", field="tilknyttet_som")
    nummer = siste + 1
    tittel = (tittel.strip() or PurePosixPath(checked.filnavn).stem or checked.filnavn)[:500]
    dokument = Dokument(
        journalpost=locked,
        tilknyttet_registrering_som=tilknyttet_som,
        dokumentnummer=nummer,
        tittel=tittel,
        filnavn=checked.filnavn,
        mimetype=checked.format.mimetype,
        storrelse=checked.storrelse,
        sjekksum=checked.sjekksum,
        opprettet_av=actor,
    )
    # Stored under a generated name: the original name (which may be screened) stays in the
    # database only.
    checked.fil.seek(0)
    dokument.fil.save(f"{uuid.uuid4().hex}{checked.endelse}", checked.fil, save=False)
    stored.append(dokument.fil.name)
    if checked.pdfa:
        dokument.arkivformat.name = dokument.fil.name
        dokument.arkivformat_sjekksum = checked.sjekksum
        dokument.arkivstatus = Arkivstatus.IKKE_NODVENDIG
        checked.fil.seek(0)  # the PDF/A is its own archival copy: its text is searchable now
        dokument.innhold = dokumenttekst.tekst(checked.fil.read(), checked.filnavn)
    dokument.save()
    if not checked.pdfa:
        lag_arkivkopi_etter_commit(dokument.pk)
    som = "hoveddokument" if tilknyttet_som == H else "vedlegg"
    audit.record(
        actor,
        locked,
        "dokument lagt til",
        beskrivelse=(
            f"Dokument {nummer} ({som}): {checked.filnavn}, {checked.format.kode}"
            f"{' (PDF/A)' if checked.pdfa else ''}, {storrelse_tekst(checked.storrelse)}, "
            f"SHA-256 {checked.sjekksum}"
        ),
    )
    return dokument


def lag_arkivkopi_etter_commit(dokument_id: int) -> None:
    """Queue the document's PDF/A conversion once the upload is committed. When the broker
    cannot be reached the upload stands and the scheduled job converts it later (logged)."""

    def queue() -> None:
        from ..tasks import lag_arkivkopi

        try:
            lag_arkivkopi.delay(dokument_id)
        except Exception:  # noqa: BLE001 - any broker error: the scheduled run takes it
            logger.exception("Kunne ikke legge arkivkopi av dokument %s i køen", dokument_id)

    transaction.on_commit(queue)


def ny_versjon(actor, dokument: Dokument, data: bytes, *, beskrivelse: str) -> bool:
    """Replace a generated PDF/A main document (a text written here, the minutes) with a
    new rendering, logged on its post with the old and new checksums. The caller checked
    permission and holds a transaction. False when nothing changed."""
    dokument = Dokument.objects.select_for_update().get(pk=dokument.pk)
    sjekksum = hashlib.sha256(data).hexdigest()
    if sjekksum == dokument.sjekksum:
        return False
    foer = dokument.sjekksum
    dokument.fil.save(f"{uuid.uuid4().hex}.pdf", ContentFile(data), save=False)
    dokument.arkivformat.name = dokument.fil.name
    dokument.sjekksum = dokument.arkivformat_sjekksum = sjekksum
    dokument.arkivstatus = Arkivstatus.IKKE_NODVENDIG
    dokument.storrelse = len(data)
    dokument.innhold = dokumenttekst.tekst(data)
    dokument.save()
    audit.record(actor, dokument.journalpost, "ny versjon av hoveddokumentet",
                 endringer={"sjekksum": {"for": foer, "etter": sjekksum}},
                 beskrivelse=beskrivelse)  # fmt: skip
    return True


def last_opp_dokument(
    actor,
    journalpost: Journalpost,
    fil,
    *,
    filnavn: str | None = None,
    tittel: str = "",
    tilknyttet_som: str | None = None,
) -> Dokument:
    """Add a file to a post: the first document is the main document (H), the rest are
    attachments (V), numbered 1, 2, 3… `fil` is an UploadedFile/File, or bytes with
    `filnavn`."""
    tillatelser.journalpost(actor, journalpost).krev("legg_til_dokument")
    checked = kontroller_fil(fil, filnavn)
    stored = StoredFiles()
    try:
        with transaction.atomic():
            post = laas.post(journalpost.pk)
            # The status may have changed meanwhile.
            tillatelser.journalpost(actor, post).krev("legg_til_dokument")
            return legg_til(
                actor, post, checked, tittel=tittel, tilknyttet_som=tilknyttet_som, stored=stored
            )
    except BaseException:
        stored.remove_all()
        raise
