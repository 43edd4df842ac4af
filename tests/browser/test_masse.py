"""Bulk actions in a real browser (issue 15, item 4): archive journalises 20 posts in one
action from «Til journalføring», and a leader distributes 3 posts at once from «Ufordelte».
The «Velg alle» box is static/js/masse.js's (under the Content-Security-Policy)."""

import re

from playwright.sync_api import expect

from journal.models import Journalpost
from journal.services.registration import opprett_sak, registrer_journalpost
from tests.conftest import PASSWORD


def test_archive_journalises_20_posts_in_one_action(page, log_in, personas, org):
    sb, arkiv = personas.saksbehandler, personas.arkiv
    sak = opprett_sak(sb, tittel="Søknader om skoleskyss", administrativ_enhet=org.enhet_a)
    poster = [
        registrer_journalpost(
            arkiv, sak, journalposttype="I", tittel=f"Søknad {n}", saksbehandler=sb
        )  # fmt: skip
        for n in range(20)
    ]
    # Received by the caseworker (S): ready for archive's check.
    Journalpost.objects.filter(pk__in=[p.pk for p in poster]).update(journalstatus="S")

    page.goto("/arkivkontroll/?vis=journalforing")
    log_in(arkiv.username, PASSWORD)
    page.goto("/arkivkontroll/?vis=journalforing")
    expect(page.get_by_role("heading", level=1)).to_have_text("Til journalføring")
    rader = page.get_by_role("checkbox", name=re.compile(r"^Velg \d{4}\/\d+-\d+$"))
    expect(rader).to_have_count(20)
    expect(page.get_by_role("row").filter(has_text="Søknad 7")).to_contain_text("Offentlig")

    page.get_by_role("checkbox", name="Velg alle").check()
    for n in range(20):
        expect(rader.nth(n)).to_be_checked()
    expect(page.get_by_text("20 valgt.")).to_be_visible()
    page.get_by_role("button", name="Journalfør valgte").click()
    page.wait_for_load_state()

    expect(page.get_by_text("20 journalført.")).to_be_visible()
    assert page.url.endswith("/arkivkontroll/?vis=journalforing")
    expect(page.get_by_text("Ingenting venter på journalføring.")).to_be_visible()
    assert set(
        Journalpost.objects.filter(pk__in=[p.pk for p in poster]).values_list(
            "journalstatus", flat=True
        )
    ) == {"J"}


def test_leader_distributes_3_posts_at_once_from_ufordelte(page, log_in, personas, org):
    arkiv, leder = personas.arkiv, personas.leder
    sak = opprett_sak(arkiv, tittel="Byggesaker", administrativ_enhet=org.enhet_a)
    poster = [
        registrer_journalpost(arkiv, sak, journalposttype="I", tittel=tittel)
        for tittel in ("Nabovarsel", "Klage på gebyr", "Søknad om tilbygg", "Purring")
    ]
    valgt, blir = poster[:3], poster[3]

    page.goto("/")
    log_in(leder.username, PASSWORD)
    page.goto("/ufordelte/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ufordelte journalposter")
    for post in valgt:
        page.get_by_role("checkbox", name=f"Velg {post.saksdokumentnummer}").check()
    expect(page.get_by_text("3 valgt.")).to_be_visible()
    # Some rows ticked: the header box says so.
    alle = page.get_by_role("checkbox", name="Velg alle")
    assert alle.evaluate("boks => boks.indeterminate")
    page.get_by_label("Fordel til enhet").select_option(value=str(org.enhet_a.pk))
    page.get_by_label("Saksbehandler", exact=True).select_option(label="Sara Saksbehandler")
    page.get_by_role("button", name="Fordel valgte").click()
    page.wait_for_load_state()

    expect(page.get_by_text("3 fordelt.")).to_be_visible()
    expect(page.get_by_role("checkbox", name=re.compile(r"^Velg \d"))).to_have_count(1)
    expect(page.get_by_role("row").filter(has_text="Purring")).to_be_visible()
    for post in valgt:
        post.refresh_from_db()
        assert post.saksbehandler == personas.saksbehandler
    blir.refresh_from_db()
    assert blir.saksbehandler is None
