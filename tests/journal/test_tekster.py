"""Issue 15, defect 3: text that disagreed with itself or with the seeds — the approval
state written RE/G as the seeds write it, one name per post type, the worklist filter that
doubled its query parameters."""

import re
from types import SimpleNamespace

import pytest
from django.urls import reverse

from journal.models import Journalposttype
from journal.templatetags.tabeller import _post_celler
from tests.journal.flythjelp import ny_sak

pytestmark = pytest.mark.django_db


def _status(journalstatus, behandlingsstatus):
    post = SimpleNamespace(
        saksmappe=SimpleNamespace(saksnummer="2026/12"),
        dokumentnummer=3,
        journalstatus=journalstatus,
        journalstatus_navn="Godkjent av leder",
        behandlingsstatus=behandlingsstatus,
        get_behandlingsstatus_display=lambda: "Godkjent av leder, til rådmann",
    )
    (celle,) = _post_celler(None, post, ["status"], False, False, None, None)
    return re.sub(r"<[^>]+>", "", str(celle))


def test_approval_state_reads_behandlingsstatus_then_journalstatus():
    assert _status("G", "RE") == "RE/G"
    assert _status("F", "") == "F"


def test_the_case_page_names_the_post_types_as_noark_does(client, login, personas, org):
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    html = login(personas.saksbehandler).get(reverse("journal:sak", args=[sak.pk]))
    html = html.content.decode()
    for kode in ("U", "N", "X", "S"):
        navn = Journalposttype(kode).label
        assert f">{navn} ({kode})</option>" in html, navn
    assert "Notat med oppfølging" not in html


def test_the_worklist_filter_does_not_repeat_its_parameters(client, login, personas):
    url = reverse("journal:arkivkontroll")
    html = login(personas.arkiv).get(url, {"vis": "journalforing"}).content.decode()
    skjema = re.search(r'<form method="get" action="([^"]*)" class="filter" hx-get="([^"]*)"', html)
    # The form sends `vis` as its hidden field: its address must not carry it again.
    assert skjema.groups() == (url, url)
    assert html.count('name="vis" value="journalforing"') == 1
