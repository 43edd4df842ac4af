"""One way to make PDFs (STYLE.md §7): `render_pdf(template, context)`.

Templates extend `print/base.html` (header, footer, "Side x av y"). Resources are read
only from our own static files on disk; every other URL is refused, so a title that
contains markup can never make the renderer fetch anything.
"""

import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

PDF_A = "pdf/a-2b"


class RefusedResource(ValueError):
    pass


def _static_path(url: str) -> Path | None:
    prefix = "/" + settings.STATIC_URL.lstrip("/")
    for start in (prefix, settings.STATIC_URL, "static:"):
        if url.startswith(start):
            relative = url[len(start) :].lstrip("/")
            found = finders.find(relative)
            if found:
                return Path(found)
            candidate = (Path(settings.STATIC_ROOT) / relative).resolve()
            if candidate.is_relative_to(Path(settings.STATIC_ROOT).resolve()) and candidate.exists():
                return candidate
    return None


def static_url_fetcher(url: str, timeout: int = 10, ssl_context=None):
    """WeasyPrint URL fetcher: files under STATIC_URL from disk, nothing else."""
    path = _static_path(url.removeprefix("file://"))
    if path is None:
        raise RefusedResource(f"PDF-en kan ikke hente {url!r}: bare egne statiske filer.")
    return {
        "string": path.read_bytes(),
        "mime_type": mimetypes.guess_type(path.name)[0] or "application/octet-stream",
        "filename": path.name,
    }


def render_pdf(template: str, context: dict, *, archival: bool = False) -> bytes:
    """Render a template to PDF bytes. `archival=True` produces PDF/A-2b."""
    from weasyprint import HTML

    context = {"kommune": settings.SAKSARKIV_KOMMUNE, "generert": timezone.now(), **context}
    html = render_to_string(template, context)
    document = HTML(string=html, base_url="/", url_fetcher=static_url_fetcher)
    options = {"pdf_variant": PDF_A} if archival else {}
    return document.write_pdf(**options)
