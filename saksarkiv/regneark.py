"""Cells for CSV files that Norwegian spreadsheets open: every export uses these."""

import csv
import io
from collections.abc import Iterable, Iterator

from django.utils.dateformat import format as date_format

# A cell starting with one of these is run as a formula by spreadsheets (CSV injection).
FORMELTEGN = ("=", "+", "-", "@", "\t", "\r")


def celle(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMELTEGN) else text


def dato(value) -> str:
    """A date as 03.12.2026 (empty for None)."""
    return date_format(value, "d.m.Y") if value else ""


def csv_linjer(rader: Iterable[Iterable]) -> Iterator[str]:
    """Rows as semicolon-separated lines with CRLF, each cell through celle()."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for rad in rader:
        writer.writerow([celle(v) for v in rad])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
