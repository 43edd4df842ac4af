"""The verksemdsplan in a real browser (issue 21): from the chief executive's oppdragsbrev to
a unit's monthly report. The chief executive writes, approves and publishes the year's
letter; the sector leader writes the sector's with the parent letter beside it; an
assignment is created (refused without a goal, the message beside the field) and delegated
to the unit below with the unit's leader as owner; that leader enters the month's indicator
value and sees progress, status, chart and data table; then writes the monthly report,
delivers it, and reads it back read-only and in the PDF. axe-core (default rules) finds no
violations on the letter, the assignment and the report."""

import datetime as dt
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from saksarkiv.pdftekst import pdf_tekst
from tests.browser.meny import gaa_til
from tests.browser.test_postliste import axe_script, axe_violations  # noqa: F401 - the fixture
from tests.conftest import PASSWORD
from verksemdsplan.models import Oppdrag, Oppdragsstatus, Rapportstatus
from verksemdsplan.services import indikator as indikatortenester
from verksemdsplan.services import plan as plantenester

# A fixed mid-year day: the June report, the June value, a deadline later in the year.
pytestmark = pytest.mark.klokke("2026-06-17T10:00")

MAAL = "Digitale tjenester for innbyggerne"
INDIKATOR = "Andel digitale byggesøknader"
PUNKT = "Alle søknader skal kunne sendes digitalt innen utgangen av året."
SEKTORPUNKT = "Sektoren tilbyr digital byggesøknad med veiledning."
OPPDRAG = "Digital byggesøknad"


@pytest.fixture
def verda(personas, org, klokke):
    """A plan with a goal, and an indicator owned by sektor A and delegated to its unit
    Byggesak (enhet_a), with the year's target: the rest is done through the pages."""
    aar = klokke.dag.year
    rad = personas.radmann
    plan = plantenester.registrer_plan(rad, namn="Kommuneplanens samfunnsdel", type="SD",
                                       fra_aar=aar - 1, til_aar=aar + 8)  # fmt: skip
    maal = plantenester.registrer_maal(rad, plan, nummer="1", tittel=MAAL)
    indikator = indikatortenester.lagre_indikator(rad, None, {
        "namn": INDIKATOR, "skildring": "", "maaleining": "%", "desimalar": 0,
        "periodetype": "M", "retning": "S", "basisverdi": Decimal(40), "basisaar": aar - 2,
        "maalverdi": Decimal(80), "maalaar": aar + 4, "grense_gronn": 90, "grense_gul": 60,
        "maal": maal, "enhet": org.sektor_a, "aktiv": True,
    }, delegert_til=[org.enhet_a])  # fmt: skip
    indikatortenester.sett_aarsmaal(rad, indikator, aar=aar, verdi=Decimal(60))
    return {"aar": aar, "maal": maal, "indikator": indikator}


def _som(page, log_in, user):
    """Log out whoever is logged in and log in as `user`, from the start page."""
    if page.get_by_role("button", name="Logg ut").count():
        page.get_by_role("button", name="Logg ut").click()
    page.goto("/")
    log_in(user.username, PASSWORD)


def _ingen_brudd(page, axe_script, hva):  # noqa: F811 - the fixture's value
    """axe with every rule it runs by default (WCAG A/AA and best practice)."""
    brudd = axe_violations(page, axe_script, tags=None)
    assert brudd == [], f"axe på {hva}: {brudd}"


def _enhet(enhet) -> str:
    """A unit as the pickers of long lists show it: indented by its depth, code – name."""
    return "\u2003" * (enhet.depth - 1) + f"{enhet.kode} – {enhet.navn}"


def _brevhandling(page, knapp, melding):
    page.get_by_role("button", name=knapp, exact=True).click()
    expect(page.get_by_text(melding)).to_be_visible()


def test_from_the_oppdragsbrev_to_a_delivered_monthly_report(
    page,
    log_in,
    personas,
    org,
    verda,
    klokke,
    axe_script,  # noqa: F811
):
    aar, dag = verda["aar"], klokke.dag
    rad, sektorleder, leder = personas.radmann, personas.sektorleder, personas.leder

    # 1. The chief executive writes the municipality's letter, approves and publishes it.
    _som(page, log_in, rad)
    gaa_til(page, "Virksomhetsplan", "Oppdragsbrev")
    nytt = page.get_by_role("group", name="Nytt oppdragsbrev")
    expect(nytt.get_by_role("spinbutton", name="År")).to_have_value(str(aar))
    nytt.get_by_role("combobox", name="Enhet").select_option(label=org.kommune.navn)
    nytt.get_by_role("button", name="Opprett brevet").click()
    expect(page.get_by_text("Oppdragsbrevet er opprettet.")).to_be_visible()
    page.get_by_role("textbox", name="Innledning").fill("Året handler om digitalisering.")
    page.get_by_role("button", name="Lagre innledningen").click()
    expect(page.get_by_text("Innledningen er lagret.")).to_be_visible()
    punkt = page.get_by_role("group", name="Nytt oppdragspunkt")
    punkt.get_by_role("combobox", name="Tema").select_option(label="Digitalisering")
    punkt.get_by_role("textbox", name="Oppdrag").fill(PUNKT)
    punkt.get_by_role("button", name="Legg til punktet").click()
    expect(page.get_by_text("Oppdragspunktet er lagt til.")).to_be_visible()
    _brevhandling(page, "Send til godkjenning", "Oppdragsbrevet er sendt til godkjenning.")
    _brevhandling(page, "Godkjenn brevet", "Oppdragsbrevet er godkjent.")
    _brevhandling(page, "Publiser for alle ansatte", "Oppdragsbrevet er publisert for alle")
    brevet = page.get_by_role("region", name=f"Brevet til {org.kommune.navn}")
    expect(brevet.get_by_role("heading", name="Digitalisering")).to_be_visible()
    expect(brevet).to_contain_text(PUNKT)
    expect(page.get_by_text("Brevet er publisert og kan ikke endres.")).to_be_visible()
    _ingen_brudd(page, axe_script, "kommunens publiserte oppdragsbrev")

    # 2. The sector leader writes the sector's letter with the parent letter beside it.
    _som(page, log_in, sektorleder)
    gaa_til(page, "Virksomhetsplan", "Oppdragsbrev")
    nytt = page.get_by_role("group", name="Nytt oppdragsbrev")
    nytt.get_by_role("combobox", name="Enhet").select_option(label=org.sektor_a.navn)
    nytt.get_by_role("button", name="Opprett brevet").click()
    expect(page.get_by_text("Oppdragsbrevet er opprettet.")).to_be_visible()
    forelder = page.get_by_role("region", name=f"Brevet fra {org.kommune.navn}")
    expect(forelder.get_by_role("heading", name="Digitalisering")).to_be_visible()
    expect(forelder.get_by_role("listitem").filter(has_text=PUNKT)).to_be_visible()
    punkt = page.get_by_role("group", name="Nytt oppdragspunkt")
    punkt.get_by_role("combobox", name="Tema").select_option(label="Digitalisering")
    punkt.get_by_role("textbox", name="Oppdrag").fill(SEKTORPUNKT)
    punkt.get_by_role("button", name="Legg til punktet").click()
    expect(page.get_by_text("Oppdragspunktet er lagt til.")).to_be_visible()
    _ingen_brudd(page, axe_script, "sektorens oppdragsbrev under arbeid")
    _brevhandling(page, "Send til godkjenning", "Oppdragsbrevet er sendt til godkjenning.")
    sektorbrev = page.url

    # The chief executive approves the sector's letter; its writer publishes it.
    _som(page, log_in, rad)
    page.goto(sektorbrev)
    _brevhandling(page, "Godkjenn brevet", "Oppdragsbrevet er godkjent.")
    _som(page, log_in, sektorleder)
    page.goto(sektorbrev)
    _brevhandling(page, "Publiser for alle ansatte", "Oppdragsbrevet er publisert for alle")
    expect(page.get_by_role("region", name=f"Brevet til {org.sektor_a.navn}")).to_contain_text(
        SEKTORPUNKT
    )

    # 3. The assignment: refused without a goal, then created and delegated to Byggesak.
    gaa_til(page, "Virksomhetsplan", "Oppdrag")
    page.get_by_role("link", name="Nytt oppdrag").click()
    skjema = page.get_by_role("group", name="Oppdraget")
    kategori = skjema.get_by_role("combobox", name="Kategori")
    kategori.select_option(label="Administrativ prioritering")
    skjema.get_by_role("textbox", name="Tittel").fill(OPPDRAG)
    skjema.get_by_role("combobox", name="Enhet").select_option(label=_enhet(org.sektor_a))
    skjema.get_by_role("combobox", name="Eier").select_option(label=sektorleder.get_full_name())
    skjema.get_by_role("textbox", name="Frist").fill(
        dt.date(aar, 11, 30).strftime("%d.%m.%Y"))  # fmt: skip
    skjema.get_by_role("button", name="Opprett oppdraget").click()
    maalfelt = page.locator(".felt", has=page.locator("#id_oppdrag-maal"))
    expect(maalfelt.locator(".feltfeil")).to_have_text(
        "Knytt oppdraget til et mål eller en strategi.")  # fmt: skip
    assert not Oppdrag.objects.exists()
    skjema = page.get_by_role("group", name="Oppdraget")
    expect(skjema.get_by_role("textbox", name="Tittel")).to_have_value(OPPDRAG)
    skjema.get_by_role("combobox", name="Mål").select_option(
        label=f"Kommuneplanens samfunnsdel: 1 {MAAL}")  # fmt: skip
    skjema.get_by_role("button", name="Opprett oppdraget").click()
    expect(page.get_by_text("Oppdraget er opprettet.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(OPPDRAG)

    deleger = page.get_by_role("group", name="Deleger til en enhet under")
    deleger.get_by_role("combobox", name="Enhet").select_option(label=_enhet(org.enhet_a))
    deleger.get_by_role("combobox", name="Eier").select_option(label=leder.get_full_name())
    deleger.get_by_role("button", name="Deleger").click()
    expect(page.get_by_text("Oppdraget er delegert.")).to_be_visible()
    om = page.get_by_role("region", name="Oppdraget")
    expect(om).to_contain_text(org.enhet_a.navn)
    expect(om).to_contain_text(leder.get_full_name())
    expect(om).to_contain_text(MAAL)  # inherited from the assignment above
    expect(page.get_by_role("region", name="Delegering").get_by_role(
        "link", name=OPPDRAG)).to_be_visible()  # fmt: skip
    deloppdrag = Oppdrag.objects.get(enhet=org.enhet_a)
    assert deloppdrag.eigar == leder and deloppdrag.forelder.enhet == org.sektor_a
    _ingen_brudd(page, axe_script, "det delegerte oppdraget")

    # 4. The unit's leader enters June's value on the indicator's page.
    _som(page, log_in, leder)
    gaa_til(page, "Virksomhetsplan", "Indikatorer")
    page.get_by_role("link", name=INDIKATOR).first.click()
    verdi = page.get_by_role("group", name="Registrer eller korriger en verdi")
    verdi.get_by_role("combobox", name="Enhet").select_option(label=str(org.enhet_a))
    expect(verdi.get_by_role("spinbutton", name="År")).to_have_value(str(aar))
    verdi.get_by_role("combobox", name="Periode").select_option(index=dag.month - 1)
    verdi.get_by_role("textbox", name="Verdi").fill("58")
    verdi.get_by_role("button", name="Lagre verdien").click()
    expect(page.get_by_text("Verdien er lagret.")).to_be_visible()
    stand = page.get_by_role("region", name=f"{org.enhet_a.navn} i {aar}")
    expect(stand).to_contain_text("58 %")
    expect(stand).to_contain_text("90,0 %")  # (58 − 40) / (60 − 40): the way to the year's target
    expect(stand.locator(".merke").first).to_have_text("Grønn")
    expect(stand.locator("svg[role=img]")).to_be_visible()
    tabell = page.get_by_role("table", name=f"Verdier og mål for {INDIKATOR}, {org.enhet_a.navn}")
    rad_juni = tabell.get_by_role("row").nth(dag.month)  # the header row first
    expect(rad_juni).to_contain_text("58")
    expect(rad_juni).to_contain_text("60")

    # 5. The monthly report: status and comment on the delegated assignment, delivered.
    gaa_til(page, "Virksomhetsplan", "Rapportering")
    ny = page.get_by_role("group", name="Ny rapport")
    ny.get_by_role("combobox", name="Enhet").select_option(label=str(org.enhet_a))
    expect(ny.get_by_role("spinbutton", name="Periode")).to_have_value(str(dag.month))
    ny.get_by_role("button", name="Opprett rapporten").click()
    expect(page.get_by_text("Rapporten er opprettet.")).to_be_visible()
    linje = page.get_by_role("row").filter(has_text=OPPDRAG)
    linje.get_by_role("combobox", name="Status").select_option(label="I rute")
    linje.get_by_role("textbox", name="Kommentar").fill("Søknadsskjemaet er i test.")
    indikatorar = page.get_by_role("region", name="Indikatorer")
    expect(indikatorar.get_by_role("row").filter(has_text=INDIKATOR)).to_contain_text("58 %")
    _ingen_brudd(page, axe_script, "rapporten under arbeid")
    page.get_by_role("button", name="Lagre og lever").click()
    expect(page.get_by_text("Rapporten er levert.")).to_be_visible()

    # Delivered: read-only, with the assignment, its status and the indicator's value.
    expect(page.get_by_role("button", name="Lagre og lever")).to_have_count(0)
    expect(page.get_by_role("main").get_by_role("combobox")).to_have_count(0)
    linje = page.get_by_role("region", name="Oppdrag").get_by_role("row").filter(has_text=OPPDRAG)
    expect(linje).to_contain_text("I rute")
    expect(linje).to_contain_text("Søknadsskjemaet er i test.")
    indikatorar = page.get_by_role("region", name="Indikatorer")
    expect(indikatorar.get_by_role("row").filter(has_text=INDIKATOR)).to_contain_text("58 %")
    _ingen_brudd(page, axe_script, "den leverte rapporten")
    deloppdrag.refresh_from_db()
    assert deloppdrag.status == Oppdragsstatus.I_RUTE
    assert deloppdrag.rapportlinjer.get().rapport.status == Rapportstatus.LEVERT

    # The administrative PDF has the assignment in it.
    lenke = page.get_by_role("link", name="Administrativ rapport (PDF)")
    pdf = page.request.get(lenke.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    tekst = " ".join(pdf_tekst(pdf.body()).split())
    assert OPPDRAG in tekst
    assert "I rute" in tekst
