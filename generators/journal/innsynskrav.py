"""The demo's case for innsynskrav from the public journal: «Innsynskrav <year>», owned by
archive (Dokumentsenteret, ingrid.berg) and named in the settings, so that «Be om innsyn» on
/postliste/ works in `make run`. Idempotent: once the settings name a case, nothing changes.
"""

from django.db import transaction
from django.utils import timezone

from journal.models import Innstillinger, Saksmappe
from journal.services.registration import opprett_sak
from saksarkiv.models import AdministrativEnhet, Bruker

ARKIVAR = "ingrid.berg"
ARKIVENHET = "DOK"


@transaction.atomic
def ensure_innsynskrav_sak(log=lambda message: None) -> int:
    """Create the case and point Innstillinger.innsynskrav_saksmappe at it; 1 if created."""
    innstillinger = Innstillinger.hent()
    if innstillinger.innsynskrav_saksmappe_id is not None:
        return 0
    arkivar = Bruker.objects.filter(username=ARKIVAR, is_active=True).first()
    enhet = AdministrativEnhet.objects.filter(kode=ARKIVENHET).first()
    if arkivar is None or enhet is None:
        log("Fant ikke arkivet i demoorganisasjonen: ingen sak for innsynskrav.")
        return 0
    tittel = f"Innsynskrav {timezone.localdate().year}"
    sak = Saksmappe.objects.filter(tittel=tittel, administrativ_enhet=enhet).first()
    created = 0
    if sak is None:
        sak = opprett_sak(arkivar, tittel=tittel, administrativ_enhet=enhet, saksansvarlig=arkivar)
        created = 1
    innstillinger.innsynskrav_saksmappe = sak
    innstillinger.save(update_fields=["innsynskrav_saksmappe"])
    log(f"  innsynskrav fra postlisten registreres i sak {sak.saksnummer} «{tittel}»")
    return created
