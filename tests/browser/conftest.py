"""Browser harness: Debian's Chromium driven by sync Playwright against pytest-django's
live server.

Playwright cannot download browsers here, so the system Chromium is launched directly. A
missing Chromium fails the browser tests loudly instead of skipping them. Every test under
tests/browser gets the `browser` marker, so `pytest -m "not browser"` leaves them out.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # we run as root
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Keep Chromium off the (closed) network: no update checks, sync or QUIC probes.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TIMEOUT_MS = 10_000
SCREENSHOT_DIR = Path("/tmp/saksarkiv-browser")
BROWSER_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config, items):
    # Hooks in a conftest see every collected item, so restrict the marker to this folder.
    for item in items:
        if Path(item.path).resolve().is_relative_to(BROWSER_DIR):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the item (rep_setup, rep_call, rep_teardown) so fixtures
    # can tell in their teardown whether the test failed.
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}; the browser tests need Debian's Chromium "
            "(apt-get install chromium). Playwright's own browsers cannot be downloaded here.",
            pytrace=False,
        )
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
        except PlaywrightError as exc:
            pytest.fail(f"Could not start Chromium at {CHROMIUM}: {exc}", pytrace=False)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    # live_server runs each test as a TransactionTestCase, whose flush empties the tables
    # seeded by data migrations; the `org` fixture (tests/conftest.py) seeds them again.
    context = browser.new_context(
        base_url=live_server.url,
        locale="nb-NO",
        timezone_id="Europe/Oslo",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    # Every page runs under the Content-Security-Policy: whatever it blocks (an inline
    # script or style, a foreign source) fails the test instead of going unnoticed.
    blocked = []
    page.on(
        "console",
        lambda msg: blocked.append(msg.text) if "Content Security Policy" in msg.text else None,
    )
    yield page
    assert not blocked, f"Content-Security-Policy blokkerte: {blocked}"
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.name)
        try:
            page.screenshot(path=SCREENSHOT_DIR / f"{name}.png", full_page=True)
        except PlaywrightError as exc:  # a crashed page must not hide the real failure
            print(f"Could not save screenshot for {request.node.nodeid}: {exc}")
    context.close()


@pytest.fixture
def log_in(page):
    """log_in(username, password) fills and submits the login form on the current page,
    going to the login page first if the browser is somewhere else."""

    def _log_in(username, password):
        if page.get_by_role("button", name="Logg inn").count() == 0:
            page.goto("/logg-inn/")
        # By accessible name: the labels' text also holds an aria-hidden "*" for required.
        page.get_by_role("textbox", name="Brukernavn", exact=True).fill(username)
        page.get_by_role("textbox", name="Passord", exact=True).fill(password)
        page.get_by_role("button", name="Logg inn").click()
        page.wait_for_load_state()

    return _log_in
