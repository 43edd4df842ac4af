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
from tests.jobber.conftest import HEMMELIG_AVSENDER, OFFENTLIG_TITTEL, dager

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def dag(klokke) -> datetime.date:
    """The quarterly lists are made on the first working day of the quarter: the clock
    moves to that day of the run's quarter before anything is made."""
    forste = jobber.forste_arbeidsdag_i_kvartal(klokke.dag)
    klokke.flytt_til(forste)
    return forste


def periode(dag: datetime.date) -> str:
    """The quarter `dag` is in, as the stored lists name it (2027-K1)."""
    return f"{dag.year}-K{(dag.month + 2) // 3}"


class Krasj(BaseException):
    pass


def pdf_text(rapport) -> str:
    with rapport.fil.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


@pytest.mark.parametrize(
    ("dato", "forste", "forventet"),
    [
        (datetime.date(2027, 1, 4), datetime.date(2027, 1, 4), "2027-K1"),
        (datetime.date(2021, 4, 20), datetime.date(2021, 4, 6), "2021-K2"),  # Easter
        (datetime.date(2026, 7, 1), datetime.date(2026, 7, 1), "2026-K3"),
        (datetime.date(2026, 12, 31), datetime.date(2026, 10, 1), "2026-K4"),
    ],
)
def test_quarter_periods_and_their_first_working_day(dato, forste, forventet):
    assert jobber.kvartal(dato) == forventet
    assert jobber.forste_arbeidsdag_i_kvartal(dato) == forste


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


@pytest.mark.datofolsom
def test_one_stored_list_per_unit_and_one_mail_per_leader(dag, personas, org, restanser):
    resultat = jobber.kvartalsvis(dag)
    assert resultat.resultat == {"rapporter lagret": 2, "e-post lagt i kø": 3}
    stored = {r.enhet: r for r in Rapport.objects.filter(periode=periode(dag))}
    assert set(stored) == {org.enhet_a, org.enhet_b}
    assert stored[org.enhet_a].antall == 5 and stored[org.enhet_b].antall == 1
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted(
        [personas.leder.email, personas.stedfortreder.email, personas.leder_annen.email]
    )
    mail_ = next(m for m in mail.outbox if m.to == [personas.leder.email])
    assert mail_.subject == f"Saksarkiv: restanselister {periode(dag)}"
    body = mail_.body
    assert f"restanselistene for {periode(dag)} er laget ({dag:%d.%m.%Y})" in body
    assert "Byggesak: 5 restanser" in body
    assert reverse("journal:rapport_fil", args=[stored[org.enhet_a].pk]) in body
    assert "Barnevern" not in body


@pytest.mark.datofolsom
def test_the_stored_list_holds_the_rows_but_no_screened_values(dag, personas, org, restanser):
    jobber.kvartalsvis(dag)
    rapport = Rapport.objects.get(enhet=org.enhet_a)
    text = pdf_text(rapport)
    assert "Restanseliste – Byggesak" in text and f"{dag:%d.%m.%Y}" in text
    for post in (restanser.forfalt, restanser.snart, restanser.notat, restanser.ufordelt):
        assert post.journalpostnummer in text
    assert OFFENTLIG_TITTEL in text and "Forfalt" in text
    assert CANARY not in text and HEMMELIG_AVSENDER not in text
    assert "Side 1 av" in text


def test_running_the_quarter_twice_stores_and_sends_one_set(dag, personas, org, restanser):
    jobber.kvartalsvis(dag)
    files = sorted(Rapport.objects.values_list("fil", flat=True))
    second = jobber.kvartalsvis(dag + dager(2))  # same quarter
    assert second.allerede_fullfort
    assert sorted(Rapport.objects.values_list("fil", flat=True)) == files
    assert len(mail.outbox) == 3 == Utsending.objects.count()


def test_a_crash_after_the_first_unit_then_rerun_gives_one_set(
    dag, personas, org, restanser, monkeypatch
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
        jobber.kvartalsvis(dag)
    assert Rapport.objects.count() == 1 and Utsending.objects.count() == 0
    assert Jobbkjoring.objects.get(jobb="kvartal").fullfort is None

    rerendered = []

    def count(enhet, *args):
        made = real(enhet, *args)
        if made:
            rerendered.append(enhet)
        return made

    monkeypatch.setattr(jobber, "_lag_rapport", count)
    rerun = jobber.kvartalsvis(dag)
    assert rerun.resultat["rapporter lagret"] == 1 and rerendered != rendered
    assert Rapport.objects.count() == 2
    assert len(mail.outbox) == 3 == Utsending.objects.filter(sendt__isnull=False).count()


@pytest.mark.datofolsom
def test_monthly_overview_counts_per_unit_and_caseworker(klokke, dag, personas, org, restanser):
    # The overview of the month after the restanser were made (on `dag`), on its first
    # working day: by then the post due three days after `dag` is overdue too.
    neste_maaned = (dag.replace(day=1) + dager(32)).replace(day=1)
    maanedsdag = jobber.forste_arbeidsdag_i_maaned(neste_maaned)
    klokke.flytt_til(maanedsdag)
    jobber.maanedlig(maanedsdag)
    jobber.maanedlig(maanedsdag)  # twice: one set
    by_recipient = {m.to[0]: m.body for m in mail.outbox}
    leaders = {personas.leder, personas.stedfortreder, personas.sektorleder, personas.leder_annen}
    assert set(by_recipient) == {p.email for p in leaders}
    body = by_recipient[personas.leder.email]
    assert f"her er restansene i enhetene du leder per {maanedsdag:%d.%m.%Y}:" in body
    assert "BYGGESAK: 5 restanser, 2 forfalt" in body
    assert "- Sara Saksbehandler: 3, 2 forfalt" in body and "- Ufordelt: 1" in body
    assert "Barnevern" not in body
    assert "BYGGESAK" in by_recipient[personas.sektorleder.email]  # the unit below
    assert "BARNEVERN: 1 restanse," in by_recipient[personas.leder_annen.email]


# --- The stored lists' page ---------------------------------------------------------------------


@pytest.fixture
def lagret(dag, personas, org, restanser):
    jobber.kvartalsvis(dag)
    return {r.enhet_id: r for r in Rapport.objects.all()}


def test_archive_sees_every_stored_list_and_leaders_those_of_their_chain(
    dag, login, personas, org, lagret
):
    a, b = lagret[org.enhet_a.pk], lagret[org.enhet_b.pk]
    body = login(personas.arkiv).get(reverse("journal:rapporter")).content.decode()
    assert "Byggesak" in body and "Barnevern" in body and periode(dag) in body
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


@pytest.mark.datofolsom
def test_the_list_page_filters_by_period(dag, login, personas, org, lagret):
    client = login(personas.arkiv)
    et_aar_for = periode(dag.replace(year=dag.year - 1, day=1))  # the same quarter last year
    assert (
        "Ingen lagrede rapporter"
        in client.get(reverse("journal:rapporter") + f"?periode={et_aar_for}").content.decode()
    )
    body = client.get(reverse("journal:rapporter") + f"?periode={periode(dag)}").content.decode()
    assert "2 rapporter" in body
