"""Case, journal and document numbers (STYLE.md §4).

Call these late in the registering transaction: the counter row stays locked until commit,
so concurrent registrations queue for a few milliseconds instead of colliding, and a
rolled-back registration gives its number back (no gaps). The unique constraints on
Saksmappe and Journalpost are the backstop.
"""

from django.db import connection, transaction

from .models import Nummerteller, Saksmappe

SAK = "sak"
JOURNALPOST = "journalpost"


def next_number(serie: str, aar: int) -> int:
    """The next number in `serie` for `aar`, allocated in the caller's transaction."""
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


def next_document_number(saksmappe: Saksmappe) -> int:
    """The next document number in a case; locks the case row until commit."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Numre tildeles bare inne i en transaksjon.")
    Saksmappe.objects.select_for_update().filter(pk=saksmappe.pk).values("pk").get()
    highest = (
        saksmappe.journalposter.order_by("-dokumentnummer")
        .values_list("dokumentnummer", flat=True)
        .first()
    )
    return (highest or 0) + 1
