"""Archival copies (DOMAIN.md §5, §16): every uploaded document that is not already PDF/A
gets a PDF/A-2b copy, made by a background job.

- The original's format is identified from its content by Siegfried (PRONOM PUID, via
  `pygfried`), on a copy without a file name, so the name cannot decide.
- Office documents (DOCX, ODT, XLSX, ODS, PPTX, text, e-mail) are converted by LibreOffice
  headless, each run with its own profile directory so that parallel runs don't clash.
- Images (scans) and PDFs go through OCRmyPDF (Ghostscript + Tesseract with Norwegian),
  which gives scans a text layer; PDFs that already have text keep it (--skip-text).
- The result must declare PDF/A-2b in its XMP, or the conversion counts as failed.

A failed conversion is kept on the document with its message (status «feilet») and retried
by the scheduled job until `settings.ARKIVKOPI_MAKS_FORSOK` attempts are used. The tools
run as subprocesses: a Celery worker's pool processes may not fork pools of their own, and
a hung tool is killed by its timeout.
"""

import datetime
import difflib
import functools
import hashlib
import io
import logging
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from saksarkiv import audit

from ..models import Dokument
from ..models.journalpost import Arkivstatus
from . import dokumenttekst

log = logging.getLogger(__name__)

PDFA_2B_PUID = "fmt/477"
TIDSAVBRUDD = 600  # seconds per tool run
# A run that started longer ago than this died without finishing: it may be taken again.
FORELDET = datetime.timedelta(hours=1)
FEIL_MAKS = 2000

BILDER = {"image/jpeg", "image/png", "image/tiff"}
# PRONOM ids of the raster images we OCR, for files whose identification gives no MIME type.
BILDE_PUIDS = {"fmt/41", "fmt/42", "fmt/43", "fmt/44", "fmt/11", "fmt/12", "fmt/13",
               "fmt/353", "fmt/153", "fmt/154", "fmt/155", "fmt/156", "x-fmt/387",
               "x-fmt/388", "x-fmt/399"}  # fmt: skip
_PDFAID_PART = re.compile(r"pdfaid:part(?:>|\s*=\s*[\"'])\s*(\d)")
_PDFAID_CONF = re.compile(r"pdfaid:conformance(?:>|\s*=\s*[\"'])\s*([ABUabu])")
_LO_PDFA2 = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


class KonverteringFeilet(Exception):
    """A conversion that did not give a PDF/A-2b, with a Norwegian message."""


@dataclass(frozen=True)
class Identifisert:
    puid: str
    navn: str
    mime: str


@dataclass(frozen=True)
class Resultat:
    data: bytes
    verktoy: str
    puid: str = ""  # the copy's format as Siegfried sees it


# --- Identification and checks -------------------------------------------------------------


def identifiser(sti: Path) -> Identifisert:
    """The file's format from its content (Siegfried's PRONOM match)."""
    import pygfried

    try:
        svar = pygfried.identify(str(sti), detailed=True)
    except OSError as feil:
        return Identifisert("UNKNOWN", f"Kunne ikke identifiseres: {feil}", "")
    treff = svar["files"][0]["matches"][0] if svar["files"][0]["matches"] else {}
    puid = treff.get("id") or "UNKNOWN"
    navn = treff.get("format") or ""
    if treff.get("version"):
        navn = f"{navn} {treff['version']}"
    return Identifisert(puid, navn[:200], treff.get("mime") or "")


def pdfa_nivaa(data: bytes) -> tuple[str, str] | None:
    """(part, conformance) declared by a PDF's XMP metadata, e.g. ("2", "B"); None when the
    file is not a PDF or declares no PDF/A."""
    from pypdf import PdfReader

    try:
        root = PdfReader(io.BytesIO(data)).trailer["/Root"].get_object()
        metadata = root.get("/Metadata")
        xmp = metadata.get_object().get_data().decode("utf-8", "replace") if metadata else ""
    except Exception:  # noqa: BLE001 - pypdf raises many kinds on broken files
        return None
    part, conf = _PDFAID_PART.search(xmp), _PDFAID_CONF.search(xmp)
    if not part:
        return None
    return part.group(1), (conf.group(1).upper() if conf else "")


# --- The tools -----------------------------------------------------------------------------


def _kjor(kommando: list[str], hva: str) -> subprocess.CompletedProcess:
    try:
        prosess = subprocess.run(kommando, capture_output=True, timeout=TIDSAVBRUDD, check=False)
    except FileNotFoundError as feil:
        raise KonverteringFeilet(f"{hva} er ikke installert ({feil.filename}).") from feil
    except subprocess.TimeoutExpired as feil:
        raise KonverteringFeilet(f"{hva} brukte mer enn {TIDSAVBRUDD} sekunder.") from feil
    return prosess


def _utdrag(prosess: subprocess.CompletedProcess) -> str:
    """The tool's own words, without LibreOffice's harmless note about Java."""
    tekst = b"\n".join((prosess.stderr or b"", prosess.stdout or b"")).decode("utf-8", "replace")
    linjer = [ln.strip() for ln in tekst.splitlines() if ln.strip() and "javaldx" not in ln]
    return " ".join(linjer)[-800:]


def _soffice() -> str:
    return shutil.which("soffice") or shutil.which("libreoffice") or "soffice"


@functools.cache
def libreoffice_versjon() -> str:
    try:
        ut = subprocess.run([_soffice(), "--version"], capture_output=True, timeout=120).stdout
    except (OSError, subprocess.TimeoutExpired):
        return "LibreOffice"
    deler = ut.decode("utf-8", "replace").split()
    return " ".join(deler[:2]) if deler else "LibreOffice"


@functools.cache
def ocrmypdf_versjon() -> str:
    try:
        from importlib.metadata import version

        ocr = version("ocrmypdf")
    except Exception:  # noqa: BLE001 - not installed: the run itself will say so
        ocr = "?"
    try:
        tess = subprocess.run(["tesseract", "--version"], capture_output=True, timeout=60)
        tess_v = tess.stdout.decode().split()[1] if tess.stdout else "?"
        gs_v = subprocess.run(["gs", "--version"], capture_output=True, timeout=60)
        gs_v = gs_v.stdout.decode().strip() or "?"
    except (OSError, IndexError, subprocess.TimeoutExpired):
        tess_v = gs_v = "?"
    return f"OCRmyPDF {ocr} (Tesseract {tess_v}, Ghostscript {gs_v})"


def med_libreoffice(kilde: Path, mappe: Path) -> Resultat:
    """An office document to PDF/A-2b with LibreOffice headless, in its own profile."""
    profil = mappe / "lo-profil"
    ut = mappe / "lo-ut"
    ut.mkdir()
    prosess = _kjor(
        [_soffice(), f"-env:UserInstallation={profil.as_uri()}", "--headless", "--norestore",
         "--convert-to", _LO_PDFA2, "--outdir", str(ut), str(kilde)],
        "LibreOffice",
    )  # fmt: skip
    resultater = list(ut.glob("*.pdf"))
    if prosess.returncode != 0 or not resultater:
        grunn = _utdrag(prosess) or f"avsluttet med kode {prosess.returncode} uten resultat"
        raise KonverteringFeilet(f"LibreOffice kunne ikke konvertere dokumentet: {grunn}")
    return Resultat(resultater[0].read_bytes(), libreoffice_versjon())


def _bilde_til_ocr_inndata(kilde: Path, mappe: Path) -> tuple[Path, list[str]]:
    """OCRmyPDF takes one single-page image without alpha. Multi-page TIFFs and images with
    transparency become a PDF of their pages first. Images without a resolution get 300 dpi
    (a scanner's usual one)."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        with Image.open(kilde) as bilde:
            dpi = bilde.info.get("dpi") or (0, 0)
            har_dpi = bool(dpi[0] and dpi[0] > 1)
            sider = getattr(bilde, "n_frames", 1)
            alfa = bilde.mode in ("RGBA", "LA", "PA") or "transparency" in bilde.info
            if sider == 1 and not alfa:
                return kilde, ([] if har_dpi else ["--image-dpi", "300"])
            oppløsning = float(dpi[0]) if har_dpi else 300.0
            rammer = [r.convert("RGB") for r in ImageSequence.Iterator(bilde)]
    except (UnidentifiedImageError, OSError, ValueError) as feil:
        raise KonverteringFeilet(f"Bildet kan ikke leses: {feil}") from feil
    pdf = mappe / "bilder.pdf"
    rammer[0].save(pdf, "PDF", resolution=oppløsning, save_all=True, append_images=rammer[1:])
    return pdf, []


def _ocrmypdf(inndata: Path, ut: Path, *valg: str, type_="pdfa-2") -> subprocess.CompletedProcess:
    return _kjor(
        [sys.executable, "-m", "ocrmypdf", "--output-type", type_, "-l", "nor",
         "--jobs", "1", "--quiet", *valg, str(inndata), str(ut)],
        "OCRmyPDF",
    )  # fmt: skip


def _ferdig(prosess: subprocess.CompletedProcess, ut: Path) -> Resultat:
    if prosess.returncode != 0 or not ut.exists():
        grunn = _utdrag(prosess) or f"avsluttet med kode {prosess.returncode}"
        raise KonverteringFeilet(f"OCRmyPDF kunne ikke konvertere filen: {grunn}")
    return Resultat(ut.read_bytes(), ocrmypdf_versjon())


def med_ocrmypdf_bilde(kilde: Path, mappe: Path) -> Resultat:
    """A scan (image) to PDF/A-2b with an OCR text layer in Norwegian."""
    inndata, ekstra = _bilde_til_ocr_inndata(kilde, mappe)
    ut = mappe / "ocr.pdf"
    return _ferdig(_ocrmypdf(inndata, ut, *ekstra), ut)


def _sidetekster(kilde: Path) -> list[str]:
    """Each page's extracted text without white space ([] for a broken PDF)."""
    from pypdf import PdfReader

    try:
        return ["".join((side.extract_text() or "").split()) for side in PdfReader(kilde).pages]
    except Exception:  # noqa: BLE001 - a broken PDF: let OCRmyPDF say what is wrong
        return []


def _tekst_bevart(foer: list[str], etter: list[str]) -> bool:
    """Every page that had text still has (nearly) the same text: Ghostscript's known text
    corruption shows as garbled extracted text."""
    if len(foer) != len(etter):
        return False
    for a, b in zip(foer, etter, strict=True):
        if a and difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() < 0.98:
            return False
    return True


def _forbered_pdf(kilde: Path, mappe: Path) -> Path:
    """Drop what OCRmyPDF's own PDF/A check cannot confirm and an archive copy does not need:
    producers' private trailer keys (LibreOffice's /DocChecksum) and the open action."""
    import pikepdf

    ut = mappe / "forberedt.pdf"
    with pikepdf.open(kilde) as pdf:
        for nokkel in list(pdf.trailer.keys()):
            if nokkel not in ("/Root", "/Info", "/ID", "/Size"):
                del pdf.trailer[nokkel]
        if "/OpenAction" in pdf.Root:
            del pdf.Root["/OpenAction"]
        pdf.save(ut)
    return ut


def _ghostscript_tryggt_for_tekst() -> bool:
    """Ghostscript 10.0.0–10.02.0 corrupts PDFs that already have text (OCRmyPDF refuses
    them); Debian 12 ships 10.0.0."""
    try:
        ut = subprocess.run(["gs", "--version"], capture_output=True, timeout=60).stdout
        versjon = tuple(int(del_) for del_ in ut.decode().strip().split(".")[:3])
    except (OSError, ValueError, subprocess.TimeoutExpired):
        return False
    return not (10, 0, 0) <= versjon < (10, 2, 1)


def med_ocrmypdf_pdf(kilde: Path, mappe: Path) -> Resultat:
    """A PDF to PDF/A-2b. A scanned PDF (no text) gets an OCR text layer. Pages that already
    have text keep it (--skip-text): OCRmyPDF makes the PDF/A itself without Ghostscript
    when its validator approves the file, and otherwise through Ghostscript. Ghostscript
    10.0.0–10.02.0 (Debian 12 has 10.0.0) can garble existing text, which OCRmyPDF refuses
    for --output-type pdfa-2; there we let it convert (--output-type auto) and accept the
    result only when every page's text is unchanged."""
    ut = mappe / "ocr.pdf"
    foer = _sidetekster(kilde)
    if not any(foer):
        return _ferdig(_ocrmypdf(kilde, ut), ut)
    try:
        forberedt = _forbered_pdf(kilde, mappe)
    except Exception as feil:  # noqa: BLE001 - pikepdf raises many kinds on broken files
        raise KonverteringFeilet(f"PDF-en kan ikke leses: {feil}") from feil
    prosess = _ocrmypdf(forberedt, ut, "--skip-text", "--pdfa-backend", "internal",
                        "--rasterizer", "pypdfium")  # fmt: skip
    if prosess.returncode != 0 or not ut.exists():
        ut.unlink(missing_ok=True)
        if _ghostscript_tryggt_for_tekst():
            prosess = _ocrmypdf(forberedt, ut, "--skip-text")
        else:
            prosess = _ocrmypdf(forberedt, ut, "--skip-text", type_="auto")
    resultat = _ferdig(prosess, ut)
    if not _tekst_bevart(foer, _sidetekster(ut)):
        raise KonverteringFeilet(
            "Teksten i PDF-en ble endret under konverteringen til PDF/A (kjent feil i "
            f"Ghostscript 10.0.0–10.02.0; her: {ocrmypdf_versjon()}). Arkivkopien er forkastet. "
            "Last opp originalen (f.eks. DOCX) eller en PDF/A."
        )
    return resultat


def lag_pdfa(kilde: Path, fmt: Identifisert, mappe: Path) -> Resultat:
    """Convert `kilde` (identified as `fmt`) to PDF/A-2b, checked by its XMP."""
    if fmt.puid == "UNKNOWN":
        raise KonverteringFeilet(
            "Filformatet kunne ikke identifiseres fra innholdet, så filen kan ikke konverteres."
        )
    if fmt.mime == "application/pdf" or "Portable Document Format" in fmt.navn:
        resultat = med_ocrmypdf_pdf(kilde, mappe)
    elif fmt.mime in BILDER or fmt.puid in BILDE_PUIDS:
        resultat = med_ocrmypdf_bilde(kilde, mappe)
    else:
        resultat = med_libreoffice(kilde, mappe)
    if pdfa_nivaa(resultat.data) != ("2", "B"):
        raise KonverteringFeilet(f"{resultat.verktoy} laget ikke en gyldig PDF/A-2b.")
    return resultat


# --- The service ---------------------------------------------------------------------------


def aapne() -> Q:
    """Documents still without an archival copy that the job should (re)try."""
    return Q(
        arkivstatus__in=[Arkivstatus.VENTER, Arkivstatus.FEILET],
        konvertering_forsok__lt=settings.ARKIVKOPI_MAKS_FORSOK,
    )


def _ledig(naa) -> Q:
    """Not being converted now: never started, or started by a run that died."""
    return Q(konvertering_startet__isnull=True) | Q(konvertering_startet__lt=naa - FORELDET)


def _ta(dokument_id: int) -> Dokument | None:
    """Claim the document for this run (compare-and-set on `konvertering_startet`), or None
    when it needs no conversion or another run has it."""
    naa = timezone.now()
    ledig = _ledig(naa)
    dokument = Dokument.objects.filter(aapne(), ledig, pk=dokument_id).first()
    if dokument is None:
        return None
    tatt = Dokument.objects.filter(
        ledig, pk=dokument_id, konvertering_forsok=dokument.konvertering_forsok
    ).update(konvertering_startet=naa, konvertering_forsok=dokument.konvertering_forsok + 1)
    if tatt != 1:
        return None
    dokument.refresh_from_db()
    return dokument


def konverter(dokument_id: int) -> str:
    """Make the document's archival copy. Safe to run twice and side by side: a document
    already converted, or taken by another run, is left alone. Returns the new status (or
    "" when nothing was done)."""
    dokument = _ta(dokument_id)
    if dokument is None:
        return ""
    if dokument.arkivformat:  # rendered here as PDF/A (letters, minutes, e-mails)
        Dokument.objects.filter(pk=dokument.pk).update(
            arkivstatus=Arkivstatus.IKKE_NODVENDIG, konvertering_startet=None
        )
        if not dokument.innhold:
            dokumenttekst.fyll(dokument)
        return Arkivstatus.IKKE_NODVENDIG
    fmt = Identifisert("UNKNOWN", "", "")
    with tempfile.TemporaryDirectory(prefix="arkivkopi-") as tmp:
        mappe = Path(tmp)
        kilde = mappe / "dokument"  # no name: the content decides the format
        try:
            with dokument.fil.open("rb") as inn, kilde.open("wb") as ut:
                shutil.copyfileobj(inn, ut, 1024 * 1024)
            fmt = identifiser(kilde)
            if fmt.mime == "application/pdf" and pdfa_nivaa(kilde.read_bytes()):
                return _lagre(dokument, fmt, None, None)
            resultat = lag_pdfa(kilde, fmt, mappe)
            kopi = mappe / "arkivkopi"
            kopi.write_bytes(resultat.data)
            resultat = replace(resultat, puid=identifiser(kopi).puid)
        except KonverteringFeilet as feil:
            return _lagre(dokument, fmt, None, str(feil))
        except Exception as feil:  # noqa: BLE001 - any failure is kept on the document
            log.exception("Arkivkopi av dokument %s feilet", dokument_id)
            return _lagre(dokument, fmt, None, f"Uventet feil: {feil}")
        return _lagre(dokument, fmt, resultat, None)


@transaction.atomic
def _lagre(dokument, fmt: Identifisert, resultat: Resultat | None, feil: str | None) -> str:
    """Record the outcome on the document, with an audit entry on its post."""
    felt = {"format_puid": fmt.puid[:32], "format_navn": fmt.navn, "konvertering_startet": None}
    if resultat is None and feil is None:  # the original is PDF/A: its own archival copy
        status = Arkivstatus.IKKE_NODVENDIG
        felt |= {"arkivformat": dokument.fil.name, "arkivformat_sjekksum": dokument.sjekksum,
                 "arkivformat_puid": fmt.puid[:32], "konvertering_feil": "",
                 "innhold": dokumenttekst.tekst_fra_fil(dokument.fil)}  # fmt: skip
        beskrivelse = f"Dokument {dokument.dokumentnummer} er allerede PDF/A ({fmt.puid})."
    elif feil is not None:
        status = Arkivstatus.FEILET
        felt |= {"konvertering_feil": feil[:FEIL_MAKS]}
        beskrivelse = (
            f"Dokument {dokument.dokumentnummer} ({fmt.puid}): konvertering til PDF/A feilet "
            f"(forsøk {dokument.konvertering_forsok}): {feil[:FEIL_MAKS]}"
        )
    else:
        status = Arkivstatus.KONVERTERT
        sjekksum = hashlib.sha256(resultat.data).hexdigest()
        lagret = dokument.arkivformat.storage.save(
            dokument.arkivformat.field.generate_filename(dokument, f"{uuid.uuid4().hex}.pdf"),
            ContentFile(resultat.data),
        )
        felt |= {"arkivformat": lagret, "arkivformat_sjekksum": sjekksum,
                 "arkivformat_puid": resultat.puid[:32] or PDFA_2B_PUID,
                 "konvertert_med": resultat.verktoy[:200], "konvertert": timezone.now(),
                 "konvertering_feil": "",
                 "innhold": dokumenttekst.tekst(resultat.data)}  # fmt: skip
        beskrivelse = (
            f"Dokument {dokument.dokumentnummer} ({fmt.puid} {fmt.navn}) konvertert til "
            f"PDF/A-2b med {resultat.verktoy}, SHA-256 {sjekksum}"
        )
    Dokument.objects.filter(pk=dokument.pk).update(arkivstatus=status, **felt)
    audit.record(
        None,
        dokument.journalpost,
        "arkivformat feilet" if status == Arkivstatus.FEILET else "arkivformat",
        endringer={"arkivstatus": {"for": dokument.arkivstatus, "etter": status}},
        beskrivelse=beskrivelse,
    )
    return status


def konverter_aapne() -> list[int]:
    """Ids of the documents the scheduled job should (re)try now, oldest first. Read once,
    so that one run tries each document once."""
    return list(
        Dokument.objects.filter(aapne(), _ledig(timezone.now()))
        .order_by("opprettet", "pk")
        .values_list("pk", flat=True)
    )
