"""render_pdf: real PDFs, checked by extracting their text."""

import io

import pytest
from pypdf import PdfReader

from saksarkiv.pdf import RefusedResource, render_pdf, static_url_fetcher


@pytest.fixture
def print_template():
    return "test_rapport.html"  # tests/templates/


def pdf_text(data: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages), reader


def test_pdf_has_header_footer_and_page_x_of_y(print_template):
    data = render_pdf(print_template, {"tittel": "Restanseliste Byggesak", "rader": range(120)})
    assert data.startswith(b"%PDF")
    text, reader = pdf_text(data)
    pages = len(reader.pages)
    assert pages >= 2
    assert "Restanseliste Byggesak" in text
    assert "Fjordvik kommune" in text
    assert f"Side 1 av {pages}" in text and f"Side {pages} av {pages}" in text
    assert "Rad nummer 119" in text


def test_markup_in_data_is_text_not_html(print_template):
    data = render_pdf(
        print_template, {"tittel": '<img src="http://eksempel.no/x.png">Æøå', "rader": []}
    )
    text, _ = pdf_text(data)
    assert "Æøå" in text and "<img" in text


def test_archival_variant_is_pdf_a(print_template):
    data = render_pdf(print_template, {"tittel": "Arkivversjon", "rader": [1]}, archival=True)
    _, reader = pdf_text(data)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "pdfaid:conformance" in xmp
    assert ">2<" in xmp or 'pdfaid:part="2"' in xmp


def test_url_fetcher_reads_static_files_and_refuses_everything_else():
    fetcher = static_url_fetcher()
    css = fetcher.fetch("file:///static/css/print.css")
    assert b"@page" in css.read()
    css.close()
    for url in [
        "http://127.0.0.1:8000/static/css/print.css",
        "file:///etc/passwd",
        "/static/../../etc/passwd",
        "/media/dokument.pdf",
    ]:
        with pytest.raises(RefusedResource):
            fetcher.fetch(url)
