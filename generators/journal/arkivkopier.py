"""The demo's archival copies (issue 20): the rendered letters are PDF/A already («ikke
nødvendig»), and one attachment, a damaged Word file, failed its conversion for real, so
that archive staff find it under *Arkivkontroll → Arkivformat feilet*. Idempotent."""

import hashlib
import io
import uuid
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Case, Max, When

from journal.models import Dokument, Journalpost
from journal.models.journalpost import Arkivstatus
from journal.services import arkivkopi

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _skadet_docx() -> bytes:
    """A zip with a Word main part (it passes the upload check) but no real document."""
    ut = io.BytesIO()
    with zipfile.ZipFile(ut, "w") as arkiv:
        arkiv.writestr("[Content_Types].xml", "<Types/>")
        arkiv.writestr("word/document.xml", "<document/>")
    return ut.getvalue()


def ensure_arkivkopier(log=lambda message: None) -> int:
    """Mark the rendered PDF/A documents as needing no copy, and add the failed one if it is
    missing. Returns 1 when it was added."""
    Dokument.objects.filter(arkivstatus=Arkivstatus.VENTER).exclude(arkivformat="").update(
        arkivstatus=Arkivstatus.IKKE_NODVENDIG
    )
    if Dokument.objects.filter(arkivstatus=Arkivstatus.FEILET).exists():
        return 0
    post = (
        # A public post in an open case: a journalised incoming letter if there is one (how
        # many posts have documents depends on the day the demo is made).
        Journalpost.objects.filter(tilgangskode__isnull=True)
        .exclude(saksmappe__saksstatus__in=("A", "U"))
        .exclude(journalstatus="U")
        .order_by(
            Case(
                When(journalposttype="I", journalstatus="J", then=0),
                When(journalposttype="I", then=1),
                default=2,
            ),
            "-journaldato",
            "pk",
        )  # fmt: skip
        .first()
    )
    if post is None:
        return 0
    data = _skadet_docx()
    nummer = (post.dokumenter.aggregate(n=Max("dokumentnummer"))["n"] or 0) + 1
    dokument = Dokument(
        journalpost=post, tilknyttet_registrering_som="V", dokumentnummer=nummer,
        tittel="Situasjonsplan", filnavn="Situasjonsplan.docx", mimetype=DOCX,
        storrelse=len(data), sjekksum=hashlib.sha256(data).hexdigest(),
        opprettet_av=post.opprettet_av,
    )  # fmt: skip
    navn = Dokument._meta.get_field("fil").generate_filename(dokument, f"{uuid.uuid4().hex}.docx")
    dokument.fil.name = default_storage.save(navn, ContentFile(data))
    dokument.save()
    status = arkivkopi.konverter(dokument.pk)  # the real tools: it fails, with their message
    log(f"  arkivkopier: vedlegg {nummer} på {post.saksdokumentnummer} – {status}")
    return 1
