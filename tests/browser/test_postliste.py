"""The public journal in a real browser: axe-core finds no WCAG 2.1 A/AA violations on the
list, an entry, the innsynskrav form and its error state; the search and «Be om innsyn» work
with the keyboard alone, and without JavaScript."""

import re
import shutil
import subprocess

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Journalpost
from tests.offentlig.conftest import Bygg, innsynssak

AXE_PREFIX = settings.BASE_DIR / "var" / "npm"
AXE = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def axe_script():
    """axe-core from the npm registry, as `make test` installs it under var/npm."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip(
                f"axe-core is missing ({AXE}) and npm is not installed to fetch it; "
                "`make test` installs it with npm."
            )
        subprocess.run(
            [npm, "install", "--no-save", "--no-audit", "--no-fund", "--prefix", str(AXE_PREFIX),
             "axe-core@4"],
            check=True, timeout=300, capture_output=True,
        )  # fmt: skip
    return AXE


def axe_violations(page, axe_script, tags=WCAG_21_AA) -> list[dict]:
    """axe's violations on the page: of the WCAG 2.1 A/AA rules, or (tags=None) of every
    rule axe runs by default, best practice included."""
    # Evaluated by the test harness, not added as a <script>: the page's Content-Security-
    # Policy (no inline script) stays on while axe checks it.
    page.evaluate(axe_script.read_text())
    return page.evaluate(
        """async (tags) => {
            const options = tags ? {runOnly: {type: 'tag', values: tags}} : {};
            const result = await axe.run(document, options);
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        tags,
    )


@pytest.fixture
def postliste(personas, org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    bygg = Bygg(personas, org, None)  # the posts are journalised today
    bygg.sak = bygg.ny_sak("Byggesak Fjordvegen 5")
    innsynssak(bygg)
    poster = {
        "apen": bygg.post(
            "Søknad om byggetillatelse Fjordvegen 5",
            parter=(("EA", "Fjordbygg AS", True),),
            dokument="soknad.pdf",
        ),
        "svar": bygg.post(
            "Svar på søknad om byggetillatelse", type="U", parter=(("EM", "Fjordbygg AS", True),)
        ),
        "unntatt": bygg.post(
            "Klage fra Per Hansen",
            kode="U",
            offentlig_tittel="Klage fra *****",
            skjerm_parter=True,
            parter=(("EA", "Per Hansen", False),),
        ),
    }
    return poster


def test_public_pages_have_no_axe_violations(page, postliste, axe_script):
    pages = {
        "postliste": f"/postliste/?fra={timezone.localdate().isoformat()}",
        "søk med feil": "/postliste/?fra=2026-03-05&til=2026-03-01",
        "journalpost": f"/postliste/{postliste['apen'].pk}/",
        "skjermet journalpost": f"/postliste/{postliste['unntatt'].pk}/",
    }
    found = {}
    for navn, url in pages.items():
        page.goto(url)
        found[navn] = axe_violations(page, axe_script)

    # The innsynskrav form in its error state.
    page.goto(f"/postliste/{postliste['apen'].pk}/")
    form = page.get_by_role("region", name="Be om innsyn")
    form.get_by_role("textbox", name="E-post").fill("ikke en adresse")
    form.get_by_role("button", name="Send innsynskrav").click()
    page.wait_for_load_state()
    expect(page.locator("#id_navn_error")).to_contain_text("påkrevet")
    expect(page.locator("#id_epost_error")).to_be_visible()
    found["innsynskrav med feil"] = axe_violations(page, axe_script)
    assert found == {navn: [] for navn in found}


def _tab_to(page, predicate: str, limit: int = 60):
    """Press Tab until `predicate` (JS, given the focused element `el`) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


def test_search_and_innsynskrav_with_the_keyboard_only(page, postliste):
    page.goto("/postliste/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Hopp til hovedinnhold")).to_be_focused()
    _tab_to(page, "el.id === 'id_q'")
    page.keyboard.type("byggetillatelse")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=byggetillatelse" in page.url
    rows = page.get_by_role("table").get_by_role("row")
    expect(rows).to_have_count(3)  # header + the two public posts with the word
    expect(page.get_by_text("Klage fra *****")).to_have_count(0)

    apen = postliste["apen"]
    lenke = f"Be om innsyn i journalpost {apen.journalpostnummer}"
    _tab_to(page, f"el.tagName === 'A' && el.textContent === '{lenke}'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    # The entry carries the search, for its back link (issue 15, defect 3).
    assert re.search(rf"/postliste/{apen.pk}/\?liste=q%3Dbyggetillatelse#be-om-innsyn$", page.url)
    expect(page.get_by_role("link", name="‹ Tilbake til søket")).to_have_attribute(
        "href", "/postliste/?q=byggetillatelse"
    )
    _tab_to(page, "el.id === 'id_navn'")
    page.keyboard.type("Nina Journalist")
    page.keyboard.press("Tab")
    page.keyboard.type("nina@avisa.no")
    page.keyboard.press("Tab")
    page.keyboard.type("Send gjerne dokumentene.")
    page.keyboard.press("Tab")  # past the honeypot, which is out of the tab order
    expect(page.get_by_role("button", name="Send innsynskrav")).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Innsynskravet ditt er mottatt")
    krav = Journalpost.objects.get(tittel__startswith="Innsynskrav:")
    assert krav.tittel.endswith(f"({apen.journalpostnummer})")


def test_the_public_pages_work_without_javascript(browser, live_server, postliste):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="nb-NO"
    )
    try:
        page = context.new_page()
        page.goto("/postliste/")
        search = page.get_by_role("search", name="Søk i postlisten")
        search.get_by_role("textbox", name="Avsender eller mottaker").fill("Fjordbygg")
        search.get_by_role("button", name="Søk").click()
        page.wait_for_load_state()
        expect(
            page.get_by_role("link", name="Søknad om byggetillatelse Fjordvegen 5")
        ).to_be_visible()
        expect(page.get_by_role("link", name="Svar på søknad om byggetillatelse")).to_be_visible()
        page.get_by_role("link", name="Søknad om byggetillatelse Fjordvegen 5").click()
        page.wait_for_load_state()
        with page.expect_download() as download:
            page.get_by_role("link", name="Brev").click()
        assert download.value.suggested_filename == "soknad.pdf"
        form = page.get_by_role("region", name="Be om innsyn")
        form.get_by_role("textbox", name="Navn").fill("Ola Uten Skript")
        form.get_by_role("textbox", name="E-post").fill("ola@example.no")
        form.get_by_role("button", name="Send innsynskrav").click()
        page.wait_for_load_state()
        expect(page.get_by_role("status")).to_contain_text("Innsynskravet ditt er mottatt")
        assert Journalpost.objects.filter(
            tittel__startswith="Innsynskrav:", journaldato=timezone.localdate()
        ).exists()
    finally:
        context.close()
