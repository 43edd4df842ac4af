"""Decision follow-up in a real browser (issue 19): the secretary registers follow-up with
two caseworkers from the meeting item's page; the minutes are approved; one caseworker
completes their line; the report shows one line done and one open and is referred to the
committee."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from tests.conftest import PASSWORD
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_protokollforing import behandlet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from tests.vedtak.test_oppfolging import _godkjenn
from utvalg.models import Behandling


def test_follow_up_from_registration_to_the_report_to_the_committee(
    page,
    log_in,
    personas,
    behandlet,  # noqa: F811
):
    moetet, _seat, ps1 = behandlet
    ms, sb, annen = personas.motesekretaer, personas.saksbehandler, personas.saksbehandler_annen
    frist = timezone.localdate() + dt.timedelta(days=30)

    page.goto(f"/utvalg/sakskart/{ps1.pk}/behandling/")
    log_in(ms.username, PASSWORD)
    page.get_by_role("link", name=f"Registrer vedtaksoppfølging for {ps1.saksnummer}").click()
    page.locator("#id_oppfolging-frist").fill(frist.strftime("%d.%m.%Y"))
    page.get_by_label("Utførerfrist").check()
    page.get_by_role("listbox", name="Ansvarlige saksbehandlere").select_option(
        label=[sb.get_full_name(), annen.get_full_name()])  # fmt: skip
    page.get_by_role("button", name="Registrer oppfølgingen").click()
    expect(page.get_by_text("Vedtaksoppfølgingen er registrert.")).to_be_visible()
    expect(page.get_by_text(f"{sb.get_full_name()} (")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    _godkjenn(personas, moetet)  # the committee approves the minutes (tested in test_motet)

    # One caseworker carries it out, from the start page's tile.
    log_in(sb.username, PASSWORD)
    page.get_by_role("link", name="Vedtak for oppfølging").first.click()
    page.get_by_role("link", name=f"Oppdater {ps1.saksnummer}").click()
    page.get_by_label("Status").select_option(label="Iverksatt")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Oppgi datoen vedtaket ble iverksatt.").first).to_be_visible()
    page.get_by_label("Utført dato").fill(timezone.localdate().strftime("%d.%m.%Y"))
    page.get_by_label("Hva er gjort").fill("Avtalen er signert.")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Oppfølgingen er oppdatert.")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    # The report: one line done, one open; referred to the committee.
    log_in(ms.username, PASSWORD)
    aar = moetet.dato.year
    page.goto(f"/vedtaksoppfolging/rapport/?utvalg={moetet.utvalg_id}&fra={aar}-01-01"
              f"&til={aar}-12-31")  # fmt: skip
    rad = page.locator(f"#oppfolging-{ps1.oppfolginger.get().pk}")
    expect(rad).to_contain_text(f"{sb.get_full_name()} (")
    expect(rad).to_contain_text("iverksatt")
    expect(rad).to_contain_text("Avtalen er signert.")
    expect(rad).to_contain_text("ikke påbegynt")
    expect(page.get_by_role("img", name="Stablet søylediagram")).to_be_visible()
    page.get_by_role("button", name="Referer i utvalg").click()
    expect(page.get_by_text("referert for Formannskapet")).to_be_visible()
    referert = Behandling.objects.filter(utvalg=moetet.utvalg, sakstype="RS")
    assert referert.filter(journalpost__tittel__startswith="Vedtaksoppfølging").exists()
