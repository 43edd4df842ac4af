"""Case, journal and document numbers (STYLE.md §4).

Call these late in the registering transaction: the counter row stays locked until commit,
so concurrent registrations queue for a few milliseconds instead of colliding, and a
rolled-back registration gives its number back (no gaps). The unique constraints on
Saksmappe and Journalpost are the backstop.
"""

from django.db import transaction

from saksarkiv.nummer import neste_nummer

from .models import Saksmappe

SAK = "sak"
JOURNALPOST = "journalpost"


# The next number in a series for a year: the foundation's counters.
next_number = neste_nummer


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
