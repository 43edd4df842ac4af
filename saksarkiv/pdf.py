"""One way to make PDFs (STYLE.md §7): `render_pdf(template, context)`.

Templates extend `print/base.html` (header, footer, "Side x av y"). Resources are read
only from our own static files on disk; every other URL is refused, so a title that
contains markup can never make the renderer fetch anything.
"""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone

PDF_A = "pdf/a-2b"


class RefusedResource(ValueError):
    pass


def _static_path(url: str) -> Path | None:
    """The file on disk behind a /static/… URL, or None for anything else."""
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    if not url.startswith(prefix):
        return None
    relative = posixpath.normpath(unquote(url[len(prefix) :].split("?")[0]))
    if relative.startswith(("..", "/")) or relative == ".":
        return None
    found = finders.find(relative)
    if found:
        return Path(found)
    root = Path(settings.STATIC_ROOT).resolve()
    candidate = (root / relative).resolve()
    if candidate.is_relative_to(root) and candidate.is_file():
        return candidate
    return None


def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class _StaticOnly(URLFetcher):
        """WeasyPrint URL fetcher: files under STATIC_URL from disk, nothing else."""

        def fetch(self, url, headers=None):
            path = _static_path(url.removeprefix("file://"))
            if path is None:
                raise RefusedResource(f"PDF-en kan ikke hente {url!r}: bare egne statiske filer.")
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return _StaticOnly


def static_url_fetcher():
    return _fetcher_class()()


def render_pdf(template: str, context: dict, *, archival: bool = False) -> bytes:
    """Render a template to PDF bytes. `archival=True` produces PDF/A-2b."""
    from weasyprint import HTML

    context = {"kommune": settings.SAKSARKIV_KOMMUNE, "generert": timezone.now(), **context}
    html = render_to_string(template, context)
    document = HTML(string=html, base_url="/", url_fetcher=static_url_fetcher())
    options = {"pdf_variant": PDF_A} if archival else {}
    return document.write_pdf(**options)
