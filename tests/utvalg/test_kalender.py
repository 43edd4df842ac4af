"""The public meeting calendar (issue 17, item 6): /moter/ without login, one meeting's
page, and an iCal feed per committee with stable event ids."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from utvalg import moteplan
from utvalg.models import Mote, Utvalg

pytestmark = pytest.mark.django_db
KL = dt.time(18, 0)


@pytest.fixture
def kst():
    return Utvalg.objects.create(kode="KST", navn="Kommunestyret", rekkefolge=30)


def _mote(utvalg, dato, sted="Kommunestyresalen"):
    return Mote.objects.create(utvalg=utvalg, dato=dato, klokkeslett=KL, sted=sted)


def test_the_calendar_lists_the_year_s_meetings_without_login(client, kst):
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet", rekkefolge=20)
    gammel = Utvalg.objects.create(kode="GML", navn="Nedlagt utvalg", aktiv=False)
    _mote(kst, dt.date(2030, 3, 14))
    _mote(fsk, dt.date(2030, 3, 7), sted="Formannskapssalen")
    _mote(gammel, dt.date(2030, 3, 8))
    _mote(kst, dt.date(2031, 2, 13))
    body = client.get(reverse("moter:kalender"), {"aar": 2030}).content.decode()
    assert "Møtekalender 2030" in body and "Formannskapssalen" in body
    assert body.index("7. mars") < body.index("14. mars")
    assert "Nedlagt utvalg" not in body and "13. februar" not in body
    body = client.get(reverse("moter:kalender"), {"aar": 2030, "utvalg": "FSK"}).content.decode()
    assert "Formannskapssalen" in body and "Kommunestyresalen" not in body
    assert client.get(reverse("moter:kalender"), {"aar": "tull"}).status_code == 200


def test_the_calendar_takes_the_same_queries_for_a_full_year(client, kst):
    _mote(kst, dt.date(2030, 1, 10))
    url = reverse("moter:kalender") + "?aar=2030"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for maaned in range(2, 13):
        _mote(kst, dt.date(2030, maaned, 10))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries) <= 4


def test_a_meeting_s_page_and_its_id(client, kst):
    mote = _mote(kst, dt.date(2030, 3, 14))
    body = client.get(reverse("moter:mote", args=[mote.systemid])).content.decode()
    assert "Kommunestyret, torsdag 14. mars 2030" in body and "Kommunestyresalen" in body
    ukjent = "00000000-0000-0000-0000-000000000000"
    assert client.get(reverse("moter:mote", args=[ukjent])).status_code == 404


@pytest.mark.datofolsom
def test_the_ical_feed_keeps_an_event_s_id_when_the_meeting_moves(
    client, personas, kst, klokke, settings
):
    settings.SAKSARKIV_BASE_URL = "https://saksarkiv.fjordvik.kommune.no"
    idag = dt.date.today()
    mote = _mote(kst, idag + dt.timedelta(days=30))
    url = reverse("moter:ical", args=["kst"])

    def hendelser():
        response = client.get(url)
        assert response["Content-Type"].startswith("text/calendar")
        kal = Calendar.from_ical(response.content)
        return {str(e["uid"]): e for e in kal.walk("VEVENT")}

    foer = hendelser()
    assert list(foer) == [f"{mote.systemid}@saksarkiv.fjordvik.kommune.no"]
    moteplan.endre_mote(personas.motesekretaer, mote, dato=idag + dt.timedelta(days=37),
                        klokkeslett=KL, sted="Rådhuset")  # fmt: skip
    etter = hendelser()
    assert list(etter) == list(foer)  # the same event, moved
    (hendelse,) = etter.values()
    assert hendelse.decoded("dtstart").date() == idag + dt.timedelta(days=37)
    assert int(hendelse["sequence"]) == 1 and str(hendelse["location"]) == "Rådhuset"
    moteplan.avlys_mote(personas.motesekretaer, Mote.objects.get(pk=mote.pk), merknad="Avlyst")
    assert str(next(iter(hendelser().values()))["status"]) == "CANCELLED"
    assert client.get(reverse("moter:ical", args=["ukjent"])).status_code == 404
