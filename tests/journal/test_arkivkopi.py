"""Archival copies (issue 20, item 1): every uploaded document that is not PDF/A gets a
PDF/A-2b copy from the real tools (LibreOffice, OCRmyPDF with Tesseract's Norwegian data),
checked by its XMP metadata and its text; failures are kept, shown and retried; closing a case
needs the copies."""

import hashlib
import io
import re
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont
from pypdf import PdfReader

from journal import arbeidslister
from journal import tasks as journal_tasks
from journal.models import Dokument
from journal.models.journalpost import Arkivstatus
from journal.services import arkivkopi
from journal.services.dokumenter import last_opp_dokument
from journal.services.registration import registrer_journalpost
from journal.services.saker import hindringer_for_avslutning
from saksarkiv.celery import app as celery_app
from saksarkiv.models import Endringslogg
from saksarkiv.pdf import render_pdf
from tests import klokke as testklokke
from tests.journal.flythjelp import ny_sak

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
SKANNET = "Søknad om løyve til å byggje"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def post(personas, org):
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    return registrer_journalpost(personas.saksbehandler, sak, journalposttype="U", tittel="Svar")


def _libreoffice(tmp_path_factory, kilde: str, innhold: bytes, filter_: str, endelse: str):
    """An office document written by LibreOffice itself from `innhold` (file `kilde`)."""
    mappe = tmp_path_factory.mktemp("kilde")
    (mappe / kilde).write_bytes(innhold)
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(mappe / 'profil').as_uri()}", "--headless",
         "--convert-to", f"{endelse}:{filter_}", "--outdir", str(mappe), str(mappe / kilde)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return (mappe / f"{Path(kilde).stem}.{endelse}").read_bytes()


HTML = (
    "<html><body><h1>Vedtak om løyve</h1><p>Kommunen gir løyve til tilbygg på gnr 12 bnr 34."
    "</p><p>Ærbødig hilsen Åse Øren</p></body></html>"
)


@pytest.fixture(scope="module")
def docx(tmp_path_factory):
    return _libreoffice(tmp_path_factory, "v.html", HTML.encode(), "MS Word 2007 XML", "docx")


@pytest.fixture(scope="module")
def odt(tmp_path_factory, docx):
    """A text document (not the HTML import's web document): made from the DOCX."""
    return _libreoffice(tmp_path_factory, "v.docx", docx, "writer8", "odt")


@pytest.fixture(scope="module")
def skannet_jpeg():
    """A scanned page: Norwegian text drawn on white, saved as JPEG without a resolution."""
    bilde = Image.new("L", (2000, 700), 255)
    tegn = ImageDraw.Draw(bilde)
    tegn.text((100, 250), SKANNET, fill=0, font=ImageFont.truetype(FONT, 80))
    ut = io.BytesIO()
    bilde.save(ut, "JPEG", quality=92)
    return ut.getvalue()


def pdfa_og_tekst(dokument: Dokument) -> tuple[tuple[str, str], str]:
    """The archival copy's (pdfaid:part, pdfaid:conformance) from its XMP, and its text."""
    with dokument.arkivformat.open("rb") as fil:
        data = fil.read()
    assert hashlib.sha256(data).hexdigest() == dokument.arkivformat_sjekksum
    leser = PdfReader(io.BytesIO(data))
    xmp = leser.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    part = re.search(r"pdfaid:part(?:>|=\")(\d)", xmp).group(1)
    conf = re.search(r"pdfaid:conformance(?:>|=\")([A-Z])", xmp).group(1)
    tekst = " ".join(side.extract_text() or "" for side in leser.pages)
    return (part, conf), " ".join(tekst.split())


def konverter(dokument: Dokument) -> Dokument:
    journal_tasks.lag_arkivkopi(dokument.pk)
    dokument.refresh_from_db()
    return dokument


def _sjekk_konvertert(dokument, puid_prefiks: str, verktoy: str):
    assert dokument.arkivstatus == Arkivstatus.KONVERTERT, dokument.konvertering_feil
    assert dokument.format_puid.startswith(puid_prefiks) and dokument.format_navn
    assert dokument.arkivformat_puid == "fmt/477"
    assert dokument.arkivformat.name != dokument.fil.name
    assert dokument.konvertert_med.startswith(verktoy)
    assert dokument.konvertert is not None and dokument.konvertering_feil == ""
    assert dokument.konvertering_forsok == 1
    nivaa, tekst = pdfa_og_tekst(dokument)
    assert nivaa == ("2", "B")
    return tekst


def test_docx_becomes_pdfa_2b_with_its_text(personas, post, docx):
    dokument = last_opp_dokument(personas.saksbehandler, post, docx, filnavn="Vedtak.docx")
    assert dokument.arkivstatus == Arkivstatus.VENTER and not dokument.arkivformat
    tekst = _sjekk_konvertert(konverter(dokument), "fmt/412", "LibreOffice 7")
    assert "Kommunen gir løyve til tilbygg" in tekst and "Åse Øren" in tekst
    entry = Endringslogg.objects.filter(handling="arkivformat", objekt_id=str(post.pk)).get()
    assert "konvertert til PDF/A-2b med LibreOffice" in entry.beskrivelse
    assert dokument.arkivformat_sjekksum in entry.beskrivelse


def test_odt_becomes_pdfa_2b(personas, post, odt):
    dokument = last_opp_dokument(personas.saksbehandler, post, odt, filnavn="Vedtak.odt")
    tekst = _sjekk_konvertert(konverter(dokument), "fmt/", "LibreOffice")
    assert "OpenDocument" in dokument.format_navn
    assert "Ærbødig hilsen" in tekst


def test_scanned_jpeg_gets_norwegian_ocr_text_layer(personas, post, skannet_jpeg):
    dokument = last_opp_dokument(personas.saksbehandler, post, skannet_jpeg, filnavn="skann.jpg")
    tekst = _sjekk_konvertert(konverter(dokument), "fmt/", "OCRmyPDF")
    assert "JPEG" in dokument.format_navn or "JFIF" in dokument.format_navn
    assert "Tesseract" in dokument.konvertert_med
    for ord_ in SKANNET.split():
        assert ord_ in tekst, tekst


def test_plain_pdf_keeps_its_text_and_becomes_pdfa(personas, post):
    data = render_pdf("test_rapport.html", {"tittel": "Vanlig rapport", "rader": [1]})
    dokument = last_opp_dokument(personas.saksbehandler, post, data, filnavn="rapport.pdf")
    tekst = _sjekk_konvertert(konverter(dokument), "fmt/", "OCRmyPDF")
    assert "Portable Document Format" in dokument.format_navn
    assert "Vanlig rapport" in tekst


def test_pdfa_upload_is_its_own_copy_and_not_converted_again(personas, post):
    data = render_pdf("test_rapport.html", {"tittel": "Arkiv", "rader": [1]}, archival=True)
    dokument = last_opp_dokument(personas.saksbehandler, post, data, filnavn="a.pdf")
    assert dokument.arkivstatus == Arkivstatus.IKKE_NODVENDIG
    assert arkivkopi.konverter(dokument.pk) == ""
    dokument.refresh_from_db()
    assert dokument.arkivformat.name == dokument.fil.name and dokument.konvertering_forsok == 0


def korrupt_docx() -> bytes:
    """Passes the upload check (a zip with a Word main part) but is no real document."""
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w") as arkiv:
        arkiv.writestr("[Content_Types].xml", "<Types/>")
        arkiv.writestr("word/document.xml", "<document/>")
    return ut.getvalue()


def test_failed_conversion_is_kept_shown_listed_and_retried(
    personas, post, client, settings, django_capture_on_commit_callbacks
):
    settings.ARKIVKOPI_MAKS_FORSOK = 2
    dokument = last_opp_dokument(personas.saksbehandler, post, korrupt_docx(), filnavn="x.docx")
    dokument = konverter(dokument)
    assert dokument.arkivstatus == Arkivstatus.FEILET and not dokument.arkivformat
    assert dokument.format_puid == "x-fmt/263"  # the content is only a ZIP
    assert "LibreOffice kunne ikke konvertere dokumentet" in dokument.konvertering_feil
    assert "javaldx" not in dokument.konvertering_feil
    assert Endringslogg.objects.filter(handling="arkivformat feilet").count() == 1

    # On the post's document list ...
    client.force_login(personas.saksbehandler)
    side = client.get(
        reverse("journal:dokument_last_opp", args=[post.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    assert "Konvertering til PDF/A feilet" in side and "LibreOffice kunne ikke" in side
    # ... in archive's control list, not for others ...
    liste = arbeidslister.ETTER_KODE["arkivformat_feilet"]
    k = arbeidslister.Kontekst(personas.arkiv)
    assert list(liste.queryset(k).values_list("pk", flat=True)) == [post.pk]
    assert not liste.tilgang(arbeidslister.Kontekst(personas.saksbehandler))
    client.force_login(personas.arkiv)
    kontroll = client.get(reverse("journal:arkivkontroll") + "?vis=arkivformat_feilet")
    assert kontroll.status_code == 200 and "Arkivformat feilet" in kontroll.content.decode()
    # ... and blocks closing the case, saying why.
    assert any(
        "mangler arkivformat (PDF/A). Konverteringen feilet" in linje
        for linje in hindringer_for_avslutning(post.saksmappe)
    )

    # The scheduled job retries it until the attempts are used up.
    assert journal_tasks.konverter_ventende_arkivkopier() == "0 arkivkopier laget, 1 feilet."
    dokument.refresh_from_db()
    assert dokument.konvertering_forsok == 2 and dokument.arkivstatus == Arkivstatus.FEILET
    assert journal_tasks.konverter_ventende_arkivkopier() == "0 arkivkopier laget, 0 feilet."
    dokument.refresh_from_db()
    assert dokument.konvertering_forsok == 2


def test_job_converts_waiting_documents_and_leaves_rendered_ones(personas, post, docx, settings):
    """A document whose queued task was lost is converted by the scheduled run; one rendered
    as PDF/A elsewhere (status still «venter») is marked as needing nothing."""
    waiting = last_opp_dokument(personas.saksbehandler, post, docx, filnavn="Vedtak.docx")
    data = render_pdf("test_rapport.html", {"tittel": "Brev", "rader": [1]}, archival=True)
    rendered = last_opp_dokument(personas.saksbehandler, post, data, filnavn="brev.pdf")
    Dokument.objects.filter(pk=rendered.pk).update(arkivstatus=Arkivstatus.VENTER)
    assert journal_tasks.konverter_ventende_arkivkopier() == "2 arkivkopier laget, 0 feilet."
    waiting.refresh_from_db()
    rendered.refresh_from_db()
    assert waiting.arkivstatus == Arkivstatus.KONVERTERT and waiting.arkivformat
    assert rendered.arkivstatus == Arkivstatus.IKKE_NODVENDIG
    assert rendered.arkivformat.name == rendered.fil.name
    # Safe to run twice: nothing is left to do.
    assert journal_tasks.konverter_ventende_arkivkopier() == "0 arkivkopier laget, 0 feilet."


def test_upload_queues_conversion_on_commit(
    personas, post, docx, django_capture_on_commit_callbacks
):
    """The upload hands the document to the worker once committed (here run eagerly, so the
    task body runs as a worker would)."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            dokument = last_opp_dokument(personas.saksbehandler, post, docx, filnavn="v.docx")
        dokument.refresh_from_db()
        assert dokument.arkivstatus == Arkivstatus.VENTER  # nothing before the commit
        for callback in callbacks:
            callback()
    finally:
        celery_app.conf.task_always_eager = eager
    dokument.refresh_from_db()
    assert dokument.arkivstatus == Arkivstatus.KONVERTERT
    assert Path(dokument.arkivformat.path).read_bytes().startswith(b"%PDF-")


def test_text_check_rejects_a_copy_whose_text_changed():
    """The guard against Ghostscript 10.0's known text corruption: a page whose text changed
    fails the copy; OCR text added to a page that had none does not."""
    foer = ["Søknadomløyvetilåbyggje", ""]
    assert arkivkopi._tekst_bevart(foer, ["Søknadomløyvetilåbyggje", "OCR-tekst"])
    assert not arkivkopi._tekst_bevart(foer, ["S\x00knad\x00m\x00\x00yve", ""])
    assert not arkivkopi._tekst_bevart(foer, ["Søknadomløyvetilåbyggje"])


def test_unreadable_stored_file_fails_with_a_message(personas, post, docx):
    dokument = last_opp_dokument(personas.saksbehandler, post, docx, filnavn="Vedtak.docx")
    Path(dokument.fil.path).unlink()
    dokument = konverter(dokument)
    assert dokument.arkivstatus == Arkivstatus.FEILET
    assert dokument.konvertering_feil.startswith("Uventet feil:")
    assert dokument.konvertering_startet is None  # free for the next run


def _ruter(app, routes) -> None:
    """Route tasks anew: Celery builds its router once, from the routes at first use, so an
    earlier test's task would keep this one on the default queue."""
    app.conf.task_routes = routes
    app.amqp.flush_routes()
    app.amqp.__dict__.pop("router", None)


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_converts_an_upload_after_commit(personas, org, docx, media, klokke):
    """Wiring: the committed upload reaches a real Celery worker on Redis (routed to a queue
    of this test's own), which makes the PDF/A copy in the test database."""
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "tests run on Redis"
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    post = registrer_journalpost(personas.saksbehandler, sak, journalposttype="U", tittel="Svar")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = {
        **testklokke.miljo(),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "MEDIA_ROOT": str(media),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "saksarkiv", "worker", "--pool=solo",
         "-Q", queue, "--without-mingle", "--without-gossip", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    routes = celery_app.conf.task_routes
    _ruter(celery_app, {"journal.tasks.lag_arkivkopi": {"queue": queue}})
    try:
        dokument = last_opp_dokument(personas.saksbehandler, post, docx, filnavn="v.docx")
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            dokument.refresh_from_db()
            if dokument.arkivstatus != Arkivstatus.VENTER:
                break
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.5)
    finally:
        _ruter(celery_app, routes)
        worker.terminate()
        output, _ = worker.communicate(timeout=60)
    assert dokument.arkivstatus == Arkivstatus.KONVERTERT, (dokument.konvertering_feil, output)
    assert pdfa_og_tekst(dokument)[0] == ("2", "B")
    assert "journal.tasks.lag_arkivkopi" in output
