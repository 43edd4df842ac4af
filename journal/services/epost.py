"""Importing an e-mail (.eml) as an incoming journal post (DOMAIN.md §5).

The e-mail itself becomes the main document, rendered to PDF/A (so it is its own archival
version); each attachment becomes an attachment document under the same checks as an
upload. Everything is parsed, checked and rendered before the transaction opens, so a
refused import writes nothing: no case, no post, no numbers, no files.
"""

import datetime
import email
import email.errors
import mimetypes
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import default as default_policy
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from saksarkiv import audit
from saksarkiv.models import AdministrativEnhet
from saksarkiv.pdf import render_pdf
from saksarkiv.services import DomainError

from ..models import (
    Journalpost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
    Saksmappe,
)
from . import tillatelser
from .dokumenter import CheckedFile, H, StoredFiles, V, kontroller_fil, legg_til, storrelse_tekst
from .registration import opprett_sak, registrer_journalpost

OSLO = ZoneInfo("Europe/Oslo")
UTEN_EMNE = "E-post uten emne"
PRINT_TEMPLATE = "journal/print/epost.html"
# Errors the stdlib parser can raise on malformed headers instead of recording a defect.
_PARSE_ERRORS = (
    email.errors.MessageError,
    LookupError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
)


class _TextExtractor(HTMLParser):
    """HTML reduced to plain text: markup dropped, scripts and styles skipped, block
    elements on their own lines. The result is escaped like any other text when printed."""

    BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table"}
    SKIP = {"script", "style", "head", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_til_tekst(html: str) -> str:
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts).replace("\xa0", " ")
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


@dataclass
class ParsedEmail:
    emne: str
    avsender_navn: str
    avsender_epost: str
    fra: str
    til: str
    kopi: str
    dato: datetime.datetime | None
    tekst: str
    vedlegg: list[tuple[str, bytes]] = field(default_factory=list)


def _text_of(part) -> str:
    try:
        content = part.get_content()
    except _PARSE_ERRORS:
        payload = part.get_payload(decode=True) or b""
        content = payload.decode("utf-8", "replace")
    if part.get_content_type() == "text/html":
        return html_til_tekst(content)
    return content.strip()


def _attachment_name(part, number: int) -> str:
    name = part.get_filename()
    if name:
        return name
    if part.get_content_type() == "message/rfc822":
        return f"vedlegg-{number}.eml"
    extension = mimetypes.guess_extension(part.get_content_type()) or ""
    return f"vedlegg-{number}{extension}"


def _attachments(message, body) -> list[tuple[str, bytes]]:
    """Every attachment as (file name, bytes). A forwarded e-mail (message/rfc822) is one
    attachment, not a tree of parts."""
    found: list[tuple[str, bytes]] = []

    def walk(container):
        for part in container.iter_parts():
            if part is body:
                continue
            if part.get_content_type() == "message/rfc822":
                inner = part.get_payload(0)
                found.append((_attachment_name(part, len(found) + 1), inner.as_bytes()))
            elif part.is_multipart():
                walk(part)
            elif part.get_content_disposition() == "attachment" or part.get_filename():
                data = part.get_payload(decode=True) or b""
                found.append((_attachment_name(part, len(found) + 1), data))

    if message.is_multipart():
        walk(message)
    return found


def _local_datetime(message) -> datetime.datetime | None:
    header = message["Date"]
    moment = getattr(header, "datetime", None) if header is not None else None
    if moment is None:
        return None
    if moment.tzinfo is None:  # "-0000": UTC, origin unknown (RFC 5322 §3.3)
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(OSLO)


def _addresses(message, name: str) -> str:
    header = message[name]
    return str(header) if header is not None else ""


def les_epost(eml_bytes: bytes) -> ParsedEmail:
    """Parse an .eml file. Raises DomainError(field="fil") when it is not a usable e-mail."""
    if not eml_bytes:
        raise DomainError("Filen er tom.", field="fil")
    limit = settings.DOKUMENT_MAKS_STORRELSE
    if len(eml_bytes) > limit:
        raise DomainError(
            f"Filen er for stor: {storrelse_tekst(len(eml_bytes))}. "
            f"Største tillatte størrelse er {storrelse_tekst(limit)}.",
            field="fil",
        )
    try:
        message: EmailMessage = email.message_from_bytes(eml_bytes, policy=default_policy)
        sender_header = message["From"]
        senders = getattr(sender_header, "addresses", ()) if sender_header is not None else ()
        sender = next((a for a in senders if a.addr_spec or a.display_name), None)
        if sender is None:
            raise DomainError(
                "Filen kan ikke leses som en e-post: avsender (From) mangler. "
                "Velg en .eml-fil lagret fra e-postprogrammet.",
                field="fil",
            )
        body = message.get_body(preferencelist=("plain", "html"))
        return ParsedEmail(
            emne=" ".join(str(message["Subject"] or "").split()) or UTEN_EMNE,
            avsender_navn=sender.display_name or sender.addr_spec,
            avsender_epost=sender.addr_spec,
            fra=str(sender_header),
            til=_addresses(message, "To"),
            kopi=_addresses(message, "Cc"),
            dato=_local_datetime(message),
            tekst=_text_of(body) if body is not None else "",
            vedlegg=_attachments(message, body),
        )
    except _PARSE_ERRORS as exc:
        raise DomainError(
            "Filen kan ikke leses som en e-post. Velg en .eml-fil lagret fra e-postprogrammet.",
            field="fil",
        ) from exc


def _valid_email(address: str) -> str:
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def _pdf_name(emne: str) -> str:
    stem = re.sub(r"[^\w\s.-]", "", emne).strip()[:100].strip(" .")
    return f"{stem or 'e-post'}.pdf"


def _check_attachments(parsed: ParsedEmail) -> list[CheckedFile]:
    checked = []
    for name, data in parsed.vedlegg:
        try:
            checked.append(kontroller_fil(data, name))
        except DomainError as exc:
            raise DomainError(
                f"Vedlegget «{name}» kan ikke importeres: {exc.message} Ingenting er lagret.",
                field="fil",
            ) from exc
    return checked


def importer_epost(
    actor,
    eml_bytes: bytes,
    *,
    saksmappe: Saksmappe | None = None,
    ny_sak_tittel: str = "",
    administrativ_enhet: AdministrativEnhet,
    saksbehandler=None,
    tilgangskode: str | None = None,
    skjermingshjemmel: str = "",
    offentlig_tittel: str = "",
) -> Journalpost:
    """Register an e-mail as an incoming post (I) in `saksmappe`, or in a new case titled
    `ny_sak_tittel`: sender as avsender, the e-mail as a PDF/A main document, each
    attachment as a vedlegg. All or nothing."""
    tillatelser.bruker(actor).krev("importer_epost")
    if saksmappe is not None:  # asked again by registrer_journalpost on the locked case
        tillatelser.saksmappe(actor, saksmappe).krev("ny_journalpost")
    if saksmappe is None and not ny_sak_tittel.strip():
        raise DomainError("Velg en sak eller oppgi tittel på en ny sak.", field="saksmappe")
    parsed = les_epost(eml_bytes)
    attachments = _check_attachments(parsed)
    pdf = render_pdf(
        PRINT_TEMPLATE,
        {"tittel": parsed.emne, "epost": parsed, "vedlegg": [c.filnavn for c in attachments]},
        archival=True,
    )
    main = kontroller_fil(pdf, _pdf_name(parsed.emne))

    stored = StoredFiles()
    try:
        with transaction.atomic():
            if saksmappe is None:
                saksmappe = opprett_sak(
                    actor,
                    tittel=ny_sak_tittel,
                    administrativ_enhet=administrativ_enhet,
                    saksansvarlig=saksbehandler,
                )
            post = registrer_journalpost(
                actor,
                saksmappe,
                journalposttype=Journalposttype.INNGAENDE,
                tittel=parsed.emne,
                offentlig_tittel=offentlig_tittel,
                administrativ_enhet=administrativ_enhet,
                saksbehandler=saksbehandler,
                tilgangskode=tilgangskode or None,
                skjermingshjemmel=skjermingshjemmel,
                dokumentdato=parsed.dato.date() if parsed.dato else None,
            )
            Korrespondansepart.objects.create(
                journalpost=post,
                korrespondanseparttype=Korrespondanseparttype.AVSENDER,
                navn=parsed.avsender_navn[:200],
                epost=_valid_email(parsed.avsender_epost),
            )
            legg_til(actor, post, main, tittel=parsed.emne, tilknyttet_som=H, stored=stored)
            for attachment in attachments:
                legg_til(actor, post, attachment, tilknyttet_som=V, stored=stored)
            sent = f" Sendt {parsed.dato:%d.%m.%Y %H:%M}." if parsed.dato else ""
            audit.record(
                actor,
                post,
                "importert fra e-post",
                beskrivelse=f"Avsender: {parsed.fra}.{sent} {len(attachments)} vedlegg.",
            )
            return post
    except BaseException:
        stored.remove_all()
        raise
