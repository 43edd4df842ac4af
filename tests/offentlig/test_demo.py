"""The demo's innsynskrav case (generators/journal/innsynskrav.py): created once, owned by
archive, named in the settings, and «Be om innsyn» works against it."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from generators.journal.innsynskrav import ensure_innsynskrav_sak
from journal.models import Innstillinger, Journalpost, Saksmappe
from journal.services.registration import opprett_sak, registrer_journalpost
from tests.conftest import ensure_access_codes

pytestmark = [pytest.mark.django_db, pytest.mark.datofolsom]


def test_the_demo_points_innsynskrav_at_an_archive_case(client, media):
    # A transactional test run before this one (with --harde-dager, one at the moment
    # before) flushed the access codes the migration seeds.
    ensure_access_codes()
    call_command("demodata", saker=0, verbosity=0)
    assert ensure_innsynskrav_sak() == 1
    sak = Innstillinger.hent().innsynskrav_saksmappe
    assert sak.tittel == f"Innsynskrav {timezone.localdate().year}"
    assert sak.administrativ_enhet.kode == "DOK" and sak.saksansvarlig.username == "ingrid.berg"
    assert sak.saksstatus == "B"
    assert ensure_innsynskrav_sak() == 0 and Saksmappe.objects.count() == 1

    # A public post in another case, then «Be om innsyn» on it lands in the demo case.
    arkivar = sak.saksansvarlig
    annen = opprett_sak(arkivar, tittel="Byggesak", administrativ_enhet=sak.administrativ_enhet)
    post = registrer_journalpost(arkivar, annen, journalposttype="I", tittel="Søknad")
    Journalpost.objects.filter(pk=post.pk).update(journalstatus="J")
    response = client.post(
        reverse("offentlig:innsyn", args=[post.pk]),
        {"navn": "Nina Journalist", "epost": "nina@avisa.no", "melding": ""},
    )
    assert response.status_code == 302
    assert sak.journalposter.get().tittel == f"Innsynskrav: Søknad ({post.journalpostnummer})"
