"""Archive numbers: handed out per series and year without gaps (neste_nummer), and read
as people write them: 2026/12 (a case, a journal number, a meeting's case) or 2026/12-3 (a
document within a case), one pattern for every form and filter."""

import re
from dataclasses import dataclass

from django.db import connection, transaction


def neste_nummer(serie: str, aar: int) -> int:
    """The next number in `serie` for `aar`, allocated in the caller's transaction.

    Call it late in the registering transaction: the counter row stays locked until commit,
    so concurrent registrations queue for a few milliseconds instead of colliding, and a
    rolled-back registration gives its number back (no gaps)."""
    from .models import Nummerteller

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Numre tildeles bare inne i en transaksjon.")
    table = connection.ops.quote_name(Nummerteller._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (serie, aar, siste) VALUES (%s, %s, 1) "  # noqa: S608
            f"ON CONFLICT (serie, aar) DO UPDATE SET siste = {table}.siste + 1 "
            "RETURNING siste",
            [serie, aar],
        )
        return cursor.fetchone()[0]


# Up to nine digits: every number fits the database's integer columns.
_NUMMER = re.compile(r"^\s*(\d{4})\s*/\s*(\d{1,9})(?:\s*-\s*(\d{1,6}))?\s*$")


@dataclass(frozen=True)
class Nummer:
    """A number as the user wrote it: 2025/1234, or 2025/1234-5 with a document number."""

    aar: int
    nummer: int
    dokument: int | None = None

    def __str__(self) -> str:
        return f"{self.aar}/{self.nummer}" + (f"-{self.dokument}" if self.dokument else "")


def les_nummer(text: str | None) -> Nummer | None:
    """The number in `text`, or None when it is not one."""
    match = _NUMMER.match(text or "")
    if not match:
        return None
    aar, nummer, dokument = match.groups()
    return Nummer(int(aar), int(nummer), int(dokument) if dokument else None)


def les_saksnummer(text: str | None) -> Nummer | None:
    """A case number (year/number, no document number), or None."""
    nummer = les_nummer(text)
    return nummer if nummer is not None and nummer.dokument is None else None
