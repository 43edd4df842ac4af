"""Quarterly restanse lists (stored PDFs per unit, mailed to the unit's leaders), the monthly
leader overview, their periods, and who may open the stored lists."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from journal import jobber
from saksarkiv.models import Jobbkjoring, Rapport, Utsending
from tests.conftest import CANARY
from tests.jobber.conftest import HEMMELIG_AVSENDER, OFFENTLIG_TITTEL

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

KVARTALSDAG = datetime.date(2027, 1, 4)  # 1 January is a Friday and a holiday


class Krasj(BaseException):
    pass


def pdf_text(rapport) -> str:
    with rapport.fil.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.mark.parametrize(
    ("dag", "forste", "periode"),
    [
        (datetime.date(2027, 1, 4), datetime.date(2027, 1, 4), "2027-K1"),
        (datetime.date(2021, 4, 20), datetime.date(2021, 4, 6), "2021-K2"),  # Easter
        (datetime.date(2026, 7, 1), datetime.date(2026, 7, 1), "2026-K3"),
        (datetime.date(2026, 12, 31), datetime.date(2026, 10, 1), "2026-K4"),
    ],
)
def test_quarter_periods_and_their_first_working_day(dag, forste, periode):
    assert jobber.kvartal(dag) == periode
    assert jobber.forste_arbeidsdag_i_kvartal(dag) == forste


def test_first_working_day_of_the_month_skips_holidays_and_weekends():
    assert jobber.forste_arbeidsdag_i_maaned(datetime.date(2026, 5, 20)) == datetime.date(
        2026, 5, 4
    )
    assert jobber.maaned(datetime.date(2026, 5, 20)) == "2026-05"
    forste = datetime.date(2026, 5, 4)
    assert not jobber.i_startvindu(datetime.date(2026, 5, 1), forste)
    assert jobber.i_startvindu(forste, forste)
    assert jobber.i_startvindu(forste + datetime.timedelta(days=jobber.INNHENTING_DAGER), forste)
    assert not jobber.i_startvindu(
        forste + datetime.timedelta(days=jobber.INNHENTING_DAGER + 1), forste
    )


def test_one_stored_list_per_unit_and_one_mail_per_leader(personas, org, restanser):
    resultat = jobber.kvartalsvis(KVARTALSDAG)
    assert resultat.resultat == {"rapporter lagret": 2, "e-post lagt i kø": 3}
    stored = {r.enhet: r for r in Rapport.objects.filter(periode="2027-K1")}
    assert set(stored) == {org.enhet_a, org.enhet_b}
    assert stored[org.enhet_a].antall == 5 and stored[org.enhet_b].antall == 1
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [personas.leder.email, personas.stedfortreder.email, personas.leder_annen.email]
    )
    body = next(m for m in mail.outbox if m.to == [personas.leder.email]).body
    assert "Byggesak: 5 restanser" in body
    assert reverse("journal:rapport_fil", args=[stored[org.enhet_a].pk]) in body
    assert "Barnevern" not in body


def test_the_stored_list_holds_the_rows_but_no_screened_values(personas, org, restanser):
    jobber.kvartalsvis(KVARTALSDAG)
    rapport = Rapport.objects.get(enhet=org.enhet_a)
    text = pdf_text(rapport)
    assert "Restanseliste – Byggesak" in text and "04.01.2027" in text
    for post in (restanser.forfalt, restanser.snart, restanser.notat, restanser.ufordelt):
        assert post.journalpostnummer in text
    assert OFFENTLIG_TITTEL in text and "Forfalt" in text
    assert CANARY not in text and HEMMELIG_AVSENDER not in text
    assert "Side 1 av" in text


def test_running_the_quarter_twice_stores_and_sends_one_set(personas, org, restanser):
    jobber.kvartalsvis(KVARTALSDAG)
    files = sorted(Rapport.objects.values_list("fil", flat=True))
    second = jobber.kvartalsvis(KVARTALSDAG + datetime.timedelta(days=2))  # same quarter
    assert second.allerede_fullfort
    assert sorted(Rapport.objects.values_list("fil", flat=True)) == files
    assert len(mail.outbox) == 3 == Utsending.objects.count()


def test_a_crash_after_the_first_unit_then_rerun_gives_one_set(
    personas, org, restanser, monkeypatch
):
    real = jobber._lag_rapport
    rendered = []

    def render_then_die(enhet, *args):
        if len(rendered) == 1:
            raise Krasj
        rendered.append(enhet)
        return real(enhet, *args)

    monkeypatch.setattr(jobber, "_lag_rapport", render_then_die)
    with pytest.raises(Krasj):
        jobber.kvartalsvis(KVARTALSDAG)
    assert Rapport.objects.count() == 1 and Utsending.objects.count() == 0
    assert Jobbkjoring.objects.get(jobb="kvartal").fullfort is None

    rerendered = []

    def count(enhet, *args):
        made = real(enhet, *args)
        if made:
            rerendered.append(enhet)
        return made

    monkeypatch.setattr(jobber, "_lag_rapport", count)
    rerun = jobber.kvartalsvis(KVARTALSDAG)
    assert rerun.resultat["rapporter lagret"] == 1 and rerendered != rendered
    assert Rapport.objects.count() == 2
    assert len(mail.outbox) == 3 == Utsending.objects.filter(sendt__isnull=False).count()


def test_monthly_overview_counts_per_unit_and_caseworker(personas, org, restanser):
    dag = datetime.date(2026, 12, 1)
    jobber.maanedlig(dag)
    jobber.maanedlig(dag)  # twice: one set
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    leaders = {personas.leder, personas.stedfortreder, personas.sektorleder, personas.leder_annen}
    assert set(by_recipient) == {p.email for p in leaders}
    body = by_recipient[personas.leder.email]
    # On 1 December the post due 26 November is overdue too.
    assert "BYGGESAK: 5 restanser, 2 forfalt" in body
    assert "- Sara Saksbehandler: 3, 2 forfalt" in body and "- Ufordelt: 1" in body
    assert "Barnevern" not in body
    assert "BYGGESAK" in by_recipient[personas.sektorleder.email]  # the unit below
    assert "BARNEVERN: 1 restanse," in by_recipient[personas.leder_annen.email]


# --- The stored lists' page ---------------------------------------------------------------------


@pytest.fixture
def lagret(personas, org, restanser):
    jobber.kvartalsvis(KVARTALSDAG)
    return {r.enhet_id: r for r in Rapport.objects.all()}


def test_archive_sees_every_stored_list_and_leaders_those_of_their_chain(
    login, personas, org, lagret
):
    a, b = lagret[org.enhet_a.pk], lagret[org.enhet_b.pk]
    body = login(personas.arkiv).get(reverse("journal:rapporter")).content.decode()
    assert "Byggesak" in body and "Barnevern" in body and "2027-K1" in body
    for user, ser, ser_ikke in [
        (personas.leder, a, b),
        (personas.stedfortreder, a, b),
        (personas.sektorleder, a, b),
        (personas.leder_annen, b, a),
    ]:
        client = login(user)
        response = client.get(reverse("journal:rapport_fil", args=[ser.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert client.get(reverse("journal:rapport_fil", args=[ser_ikke.pk])).status_code == 404
    assert (
        login(personas.saksbehandler).get(reverse("journal:rapport_fil", args=[a.pk])).status_code
        == 403
    )


def test_the_list_page_filters_by_period(login, personas, org, lagret):
    client = login(personas.arkiv)
    assert (
        "Ingen lagrede rapporter"
        in client.get(reverse("journal:rapporter") + "?periode=2020-K1").content.decode()
    )
    body = client.get(reverse("journal:rapporter") + "?periode=2027-K1").content.decode()
    assert "2 rapporter" in body
