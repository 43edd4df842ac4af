"""The follow-up report (issue 19, items 3 and 5): its content as PDF text and CSV, overdue
in words, the stacked chart, open decisions rolling into later reports, the two-step
closing, the referral to the committee in one step, and who may see it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from saksarkiv import access
from saksarkiv.models import Endringslogg
from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_protokollforing import behandlet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from tests.vedtak.test_oppfolging import _godkjenn
from utvalg.models import Behandling, Sakskartpunkt
from vedtak import rapport, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def fulgt_opp(personas, behandlet):  # noqa: F811
    """PS 2 followed up by two caseworkers (one done, one overdue); PS 3, exempt (the canary
    in its title), by the other caseworker; the minutes approved."""
    moetet, _seat, ps1 = behandlet
    ms = personas.motesekretaer
    idag = timezone.localdate()
    ps2 = Sakskartpunkt.objects.get(mote=moetet, nummer=3)
    begge = [personas.saksbehandler, personas.saksbehandler_annen]
    a = services.registrer(ms, ps1, frist=idag + dt.timedelta(days=10), fristtype="U",
                           saksbehandlere=begge)  # fmt: skip
    b = services.registrer(ms, ps2, frist=idag + dt.timedelta(days=40), fristtype="E",
                           saksbehandlere=[personas.saksbehandler_annen])  # fmt: skip
    _godkjenn(personas, moetet)
    services.oppdater(personas.saksbehandler, a.linjer.get(saksbehandler=personas.saksbehandler),
                      status="IV", utfort=idag, hva_er_gjort="Kontrakten er signert.")  # fmt: skip
    services.endre_frist(ms, a, frist=idag - dt.timedelta(days=2), grunn="Utvalget ba om det")
    a.refresh_from_db()
    return moetet, a, b


def _valg(moetet, **kw):
    aar = moetet.dato.year
    return rapport.Utvalgsvalg(utvalg=moetet.utvalg, fra=dt.date(aar, 1, 1),
                               til=dt.date(aar, 12, 31), **kw)  # fmt: skip


def test_the_report_says_the_status_of_every_decision_and_screens_for_its_reader(
    personas, fulgt_opp
):
    moetet, a, b = fulgt_opp
    ms = personas.motesekretaer
    rader = rapport.rader(ms, _valg(moetet))
    assert [(r.oppfolging, r.status, r.forsinket) for r in rader] == [
        (a, "Forsinket", True), (b, "Ikke påbegynt", False)]  # fmt: skip
    assert rapport.telling(rader)["Forsinket"] == 1
    assert "<svg" in rapport.diagram(rader) and "<script" not in rapport.diagram(rader)
    tekst = " ".join(pdf_tekst(rapport.pdf(ms, _valg(moetet)), "rapport").split())
    assert "PS 2/30" in tekst and "Budsjett" in tekst and "Kontrakten er signert." in tekst
    assert f"Forsinket – fristen gikk ut {a.frist:%d.%m.%Y}" in tekst
    post = b.punkt.behandling.journalpost
    if not access.can_read(ms, post):
        assert CANARY not in tekst and "Skole *****" in tekst
    csv = "".join(rapport.csv_linjer(rader))
    assert csv.splitlines()[0].startswith("Utvalg;Møtedato;Saksnr.")
    assert len(csv.splitlines()) == 4  # a header and one line per responsible caseworker
    # A reader without clearance for the exempt case never gets the canary.
    annen = personas.saksbehandler_annen
    for hvem in (annen, personas.arkiv):
        if not access.can_read(hvem, post):
            tekst = " ".join(pdf_tekst(rapport.pdf(hvem, _valg(moetet)), "rapport").split())
            assert CANARY not in tekst
            assert CANARY not in "".join(rapport.csv_linjer(rapport.rader(hvem, _valg(moetet))))


def test_open_decisions_roll_into_later_reports_until_the_committee_closes_them(
    personas, fulgt_opp
):
    moetet, a, b = fulgt_opp
    ms = personas.motesekretaer
    senere = rapport.Utvalgsvalg(utvalg=moetet.utvalg, fra=moetet.dato + dt.timedelta(days=100),
                                 til=moetet.dato + dt.timedelta(days=200))  # fmt: skip
    assert {r.oppfolging for r in rapport.rader(ms, senere)} == {a, b}
    # Step two needs every line carried out (or given up), and the secretary.
    with pytest.raises(DomainError, match="iverksatt"):
        rapport.avslutt(ms, [a])
    services.oppdater(personas.saksbehandler_annen,
                      a.linjer.get(saksbehandler=personas.saksbehandler_annen), status="BF",
                      bortfalt_grunn="Overtatt av fylkeskommunen")  # fmt: skip
    with pytest.raises(IkkeTilgang):
        rapport.avslutt(personas.saksbehandler, [a])
    assert rapport.avslutt(ms, [a]) == 1
    a.refresh_from_db()
    assert a.avsluttet and Endringslogg.objects.filter(
        objekt_id=str(a.pk), handling="oppfølging avsluttet").exists()  # fmt: skip
    # Closed: in the report of its period, not in later ones; no more changes.
    assert a in {r.oppfolging for r in rapport.rader(ms, _valg(moetet))}
    assert {r.oppfolging for r in rapport.rader(ms, senere)} == {b}
    with pytest.raises(DomainError, match="avsluttet"):
        services.endre_frist(ms, a, frist=timezone.localdate(), grunn="x")


def test_the_report_is_referred_to_the_committee_in_one_step(personas, fulgt_opp):
    moetet, _a, _b = fulgt_opp
    with pytest.raises(IkkeTilgang):
        rapport.referer(personas.leder, _valg(moetet))
    post = rapport.referer(personas.motesekretaer, _valg(moetet))
    assert post.saksmappe.motesak.utvalg == moetet.utvalg and post.journalposttype == "X"
    assert post.dokumenter.filter(tilknyttet_registrering_som="H").exists()
    behandling = Behandling.objects.get(journalpost=post)
    assert (behandling.utvalg, behandling.sakstype) == (moetet.utvalg, "RS")


def test_the_report_page_formats_and_who_sees_it(client, personas, fulgt_opp):
    moetet, _a, _b = fulgt_opp
    url = reverse("vedtak:rapport")
    aar = moetet.dato.year
    valg = {"utvalg": moetet.utvalg_id, "fra": f"{aar}-01-01", "til": f"{aar}-12-31"}
    from saksarkiv.navigation import aktive_punkter, menu_for

    # One menu entry is active: the report's, not the list whose address is its prefix.
    assert aktive_punkter(menu_for(personas.motesekretaer, url)) == ["Vedtaksrapport"]
    client.force_login(personas.motesekretaer)
    side = client.get(url, valg).content.decode()
    assert "PS 2/30" in side and "format=svg" in side and "Referer i utvalg" in side
    svg = client.get(url, valg | {"format": "svg"})
    assert svg["Content-Type"].startswith("image/svg+xml") and b"<script" not in svg.content
    svar = client.get(url, valg | {"format": "csv"})
    assert svar["Content-Type"].startswith("text/csv")
    svar = client.get(url, valg | {"format": "pdf"})
    assert svar["Content-Type"] == "application/pdf"
    svar = client.get(url, valg | {"til": f"{aar - 1}-01-01"})
    assert (
        svar.status_code == 400 and "Til-datoen må være etter fra-datoen." in svar.content.decode()
    )
    # A leader sees their unit's report by default, a caseworker none.
    client.force_login(personas.leder)
    assert client.get(url).status_code == 200
    client.force_login(personas.saksbehandler)
    assert client.get(url).status_code == 403
