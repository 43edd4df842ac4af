"""What the journal's commands share: a date option read as ÅÅÅÅ-MM-DD."""

import datetime

from django.core.management.base import CommandError


def dato(verdi: str | None, navn: str) -> datetime.date:
    """The option `navn`'s date, or a CommandError in Norwegian saying how to write it."""
    if not verdi:
        raise CommandError(f"Oppgi {navn} som ÅÅÅÅ-MM-DD.")
    try:
        return datetime.date.fromisoformat(verdi.strip())
    except ValueError:
        raise CommandError(
            f"Ugyldig dato for {navn}: «{verdi}». Bruk formatet ÅÅÅÅ-MM-DD, f.eks. 2026-03-01."
        ) from None
