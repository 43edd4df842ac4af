"""The meeting plan (issue 17, item 2): meetings per committee with date, time and place,
kept by the secretaries; moving or cancelling tells the members by e-mail (the outbox and a
Celery task); a year's plan copied to the next on the same week and weekday."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from saksarkiv.models import Endringslogg, Utsending
from saksarkiv.services import DomainError, IkkeTilgang
from tests.factories import BrukerFactory
from utvalg import moteplan, services
from utvalg.models import Medlemsrolle, Mote, Motestatus, Utvalg
from utvalg.tasks import send_motevarsler

pytestmark = pytest.mark.django_db
KL18 = dt.time(18, 0)


@pytest.fixture
def fsk(personas):
    utvalg = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    fra = dt.date(2020, 1, 1)
    for n, rolle in enumerate(("LE", "ME", "ME", "VA")):
        person = BrukerFactory(email=f"medlem{n}@politiker.example" if n < 3 else "")
        services.legg_til_medlem(personas.motesekretaer, utvalg, person=person,
                                 rolle=rolle, fra=fra)  # fmt: skip
    return utvalg


def _mote(personas, fsk, dato=dt.date(2030, 3, 14)):
    return moteplan.planlegg_mote(personas.motesekretaer, fsk, dato=dato, klokkeslett=KL18,
                                  sted="Kommunestyresalen")  # fmt: skip


def test_the_secretary_plans_meetings_and_a_time_is_used_once(personas, fsk):
    mote = _mote(personas, fsk)
    assert mote.status == Motestatus.PLANLAGT and mote.systemid
    assert Endringslogg.objects.filter(objekt_id=str(mote.pk), handling="opprettet").exists()
    with pytest.raises(DomainError, match="allerede et møte") as error:
        _mote(personas, fsk)
    assert error.value.field == "dato"
    with pytest.raises(DomainError, match="Skriv hvor"):
        moteplan.planlegg_mote(personas.motesekretaer, fsk, dato=dt.date(2030, 4, 1),
                               klokkeslett=KL18, sted=" ")  # fmt: skip
    for who in ("saksbehandler", "leder", "politiker"):
        with pytest.raises(IkkeTilgang):
            moteplan.planlegg_mote(getattr(personas, who), fsk, dato=dt.date(2030, 5, 1),
                                   klokkeslett=KL18, sted="Salen")  # fmt: skip
    assert Mote.objects.count() == 1


def test_moving_a_meeting_tells_every_member_with_an_address(personas, fsk, settings):
    mote = _mote(personas, fsk)
    moteplan.endre_mote(personas.motesekretaer, mote, dato=dt.date(2030, 3, 21),
                        klokkeslett=KL18, sted="Rådhuset, møterom 2",
                        merknad="Kollisjon med budsjettseminaret.")  # fmt: skip
    rader = Utsending.objects.filter(nokkel__startswith=f"mote:{mote.pk}:1:")
    assert rader.count() == 3  # the substitute has no address
    assert "er flyttet" in rader[0].emne and "Rådhuset, møterom 2" in rader[0].tekst
    assert (
        "14. mars 2030" in rader[0].tekst and "Kollisjon med budsjettseminaret." in rader[0].tekst
    )
    assert send_motevarsler(f"mote:{mote.pk}:1:") == "3 møtevarsler sendt"
    assert len(mail.outbox) == 3
    # The same again changes nothing and tells nobody.
    samme = {"dato": dt.date(2030, 3, 21), "klokkeslett": KL18, "sted": "Rådhuset, møterom 2"}
    moteplan.endre_mote(personas.motesekretaer, Mote.objects.get(pk=mote.pk), **samme)
    assert Utsending.objects.filter(nokkel__startswith="mote:").count() == 3


def test_cancelling_needs_a_reason_and_ends_the_meeting(personas, fsk):
    mote = _mote(personas, fsk)
    with pytest.raises(DomainError, match="hvorfor møtet avlyses") as error:
        moteplan.avlys_mote(personas.motesekretaer, mote, merknad="")
    assert error.value.field == "merknad"
    moteplan.avlys_mote(personas.motesekretaer, mote, merknad="Ingen saker.")
    mote.refresh_from_db()
    assert mote.status == Motestatus.AVLYST
    assert Utsending.objects.filter(emne__contains="er avlyst").count() == 3
    with pytest.raises(DomainError, match="avlyst"):
        moteplan.endre_mote(personas.motesekretaer, mote, dato=dt.date(2030, 3, 28),
                            klokkeslett=KL18, sted="Salen")  # fmt: skip


def test_a_year_s_plan_is_copied_to_the_same_week_and_weekday(personas, fsk):
    ms = personas.motesekretaer
    for dato in (dt.date(2025, 2, 13), dt.date(2025, 5, 15), dt.date(2025, 9, 11)):
        moteplan.planlegg_mote(ms, fsk, dato=dato, klokkeslett=KL18, sted="Salen")
    avlyst = moteplan.planlegg_mote(ms, fsk, dato=dt.date(2025, 10, 9), klokkeslett=KL18,
                                    sted="Salen")  # fmt: skip
    moteplan.avlys_mote(ms, avlyst, merknad="Avlyst")
    moteplan.planlegg_mote(ms, fsk, dato=dt.date(2026, 9, 10), klokkeslett=KL18, sted="Salen")
    nye = moteplan.kopier_moteplan(ms, fsk, 2025, 2026)
    # Week 7 Thursday; week 20 Thursday is Ascension Day 2026 → Friday; week 37 exists already.
    assert [m.dato for m in nye] == [dt.date(2026, 2, 12), dt.date(2026, 5, 15)]
    assert all(m.klokkeslett == KL18 and m.sted == "Salen" for m in nye)
    with pytest.raises(DomainError, match="senere år"):
        moteplan.kopier_moteplan(ms, fsk, 2026, 2025)
    with pytest.raises(DomainError, match="ingen møter i 2019"):
        moteplan.kopier_moteplan(ms, fsk, 2019, 2020)


def test_the_committee_page_shows_the_plan_and_the_secretary_s_forms(login, personas, fsk):
    _mote(personas, fsk)
    side = reverse("utvalg:utvalg", args=[fsk.pk]) + "?aar=2030"
    body = login(personas.saksbehandler).get(side).content.decode()
    assert "Møteplan 2030" in body and "Kommunestyresalen" in body and "Nytt møte" not in body
    data = {"mote-dato": "2030-06-05", "mote-klokkeslett": "09:00", "mote-sted": "Salen"}
    nytt = reverse("utvalg:nytt_mote", args=[fsk.pk])
    assert login(personas.saksbehandler).post(nytt, data).status_code == 403
    client = login(personas.motesekretaer)
    assert "Nytt møte" in client.get(side).content.decode()
    assert client.post(nytt, data).status_code == 302
    response = client.post(nytt, data)
    assert response.status_code == 400 and "allerede et møte" in response.content.decode()
    mote = Mote.objects.get(dato=dt.date(2030, 6, 5))
    url = reverse("utvalg:mote", args=[mote.pk])
    response = client.post(url, {"handling": "avlys", "avlys-merknad": ""})
    assert response.status_code == 400
    assert (
        client.post(url, {"handling": "avlys", "avlys-merknad": "Ingen saker"}).status_code == 302
    )
    assert Mote.objects.get(pk=mote.pk).status == Motestatus.AVLYST


def test_members_are_those_seated_on_the_meeting_day(personas, fsk):
    sluttet = BrukerFactory(email="sluttet@politiker.example")
    medlem = services.legg_til_medlem(
        personas.motesekretaer, fsk, person=sluttet, rolle=Medlemsrolle.MEDLEM,
        fra=dt.date(2020, 1, 1),
    )  # fmt: skip
    services.avslutt_medlem(personas.motesekretaer, medlem, dt.date(2029, 12, 31))
    mote = _mote(personas, fsk)
    moteplan.avlys_mote(personas.motesekretaer, mote, merknad="Avlyst")
    assert not Utsending.objects.filter(til="sluttet@politiker.example").exists()
