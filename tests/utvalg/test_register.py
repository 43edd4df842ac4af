"""The committee register (issue 16, item 1): committees, parties and seats, kept by the
meeting secretaries in the app, read by everyone logged in."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from utvalg import services
from utvalg.models import Medlem, Medlemsrolle, Parti, Utvalg, Utvalgstype

pytestmark = pytest.mark.django_db

FRA = dt.date(2023, 10, 1)
TIL = dt.date(2027, 9, 30)


@pytest.fixture
def partier():
    return {
        kode: Parti.objects.create(kode=kode, navn=navn)
        for kode, navn in (("AP", "Arbeiderpartiet"), ("H", "Høyre"), ("SP", "Senterpartiet"))
    }


@pytest.fixture
def fsk(personas):
    return services.lagre_utvalg(
        personas.motesekretaer, None, navn="Formannskapet", kode="fsk",
        utvalgstype=Utvalgstype.FORMANNSKAP, periode_fra=FRA, periode_til=TIL,
        sekretaer=personas.motesekretaer, innkallingsfrist=5, rekkefolge=20, aktiv=True,
    )  # fmt: skip


def _verv(actor, utvalg, person, rolle, parti=None, **kw):
    return services.legg_til_medlem(
        actor, utvalg, person=person, rolle=rolle, parti=parti, fra=kw.pop("fra", FRA), **kw
    )


def test_the_secretary_creates_a_committee_and_it_is_audited(personas, fsk):
    assert fsk.kode == "FSK" and fsk.sekretaer == personas.motesekretaer
    entry = Endringslogg.objects.get(objekt_id=str(fsk.pk), handling="opprettet")
    assert (
        entry.aktor == personas.motesekretaer
        and entry.endringer["navn"]["etter"] == "Formannskapet"
    )
    services.lagre_utvalg(
        personas.motesekretaer, fsk, navn="Formannskapet", kode="FSK",
        utvalgstype=Utvalgstype.FORMANNSKAP, periode_fra=FRA, periode_til=TIL,
        sekretaer=personas.motesekretaer, innkallingsfrist=7, rekkefolge=20, aktiv=True,
    )  # fmt: skip
    changed = Endringslogg.objects.get(objekt_id=str(fsk.pk), handling="endret")
    assert changed.endringer == {"innkallingsfrist": {"for": 5, "etter": 7}}


@pytest.mark.parametrize("who", ["saksbehandler", "leder", "arkiv", "radmann", "politiker"])
def test_only_meeting_secretaries_keep_the_register(personas, fsk, who):
    user = getattr(personas, who)
    with pytest.raises(IkkeTilgang):
        services.lagre_utvalg(user, None, navn="Nytt", kode="NY")
    with pytest.raises(IkkeTilgang):
        _verv(user, fsk, personas.politiker, Medlemsrolle.MEDLEM)
    assert not Utvalg.objects.filter(kode="NY").exists() and not fsk.medlemmer.exists()


@pytest.mark.parametrize(
    ("verdier", "felt", "melding"),
    [
        ({"kode": " "}, "kode", "Skriv en kort kode"),
        ({"kode": "fsk"}, "kode", "Koden FSK er allerede i bruk."),
        ({"periode_fra": TIL, "periode_til": FRA}, "periode_til", "Perioden kan ikke slutte"),
        ({"sekretaer": "saksbehandler"}, "sekretaer", "er ikke møtesekretær"),
    ],
)
def test_bad_register_input_is_refused_beside_the_field(personas, fsk, verdier, felt, melding):
    data = {"navn": "Hovedutvalg", "kode": "HU", "utvalgstype": Utvalgstype.HOVEDUTVALG}
    data |= {k: getattr(personas, v) if k == "sekretaer" else v for k, v in verdier.items()}
    with pytest.raises(DomainError) as error:
        services.lagre_utvalg(personas.motesekretaer, None, **data)
    assert error.value.field == felt and melding in error.value.message
    assert Utvalg.objects.count() == 1


def test_seats_one_leader_one_deputy_and_one_seat_per_person(personas, fsk, partier):
    ms = personas.motesekretaer
    _verv(ms, fsk, personas.politiker, Medlemsrolle.LEDER, partier["AP"])
    _verv(ms, fsk, personas.leder, Medlemsrolle.NESTLEDER, partier["H"])
    with pytest.raises(DomainError, match="er allerede leder i perioden") as error:
        _verv(ms, fsk, personas.saksbehandler, Medlemsrolle.LEDER, partier["SP"])
    assert error.value.field == "rolle"
    with pytest.raises(DomainError, match="har allerede et verv") as error:
        _verv(ms, fsk, personas.politiker, Medlemsrolle.MEDLEM, partier["AP"])
    assert error.value.field == "person"
    # After the first leader's seat ends, a new leader may take over from the next day.
    forste = Medlem.objects.get(utvalg=fsk, rolle=Medlemsrolle.LEDER)
    services.avslutt_medlem(ms, forste, dt.date(2025, 6, 30))
    ny = _verv(ms, fsk, personas.saksbehandler, Medlemsrolle.LEDER, partier["SP"],
               fra=dt.date(2025, 7, 1))  # fmt: skip
    assert ny.til is None and Medlem.objects.filter(utvalg=fsk).count() == 3  # never deleted


def test_substitutes_come_in_order_within_their_party(personas, fsk, partier):
    ms = personas.motesekretaer
    vara = [
        _verv(ms, fsk, p, Medlemsrolle.VARAMEDLEM, partier["AP"]).vararekkefolge
        for p in (personas.politiker, personas.leder)
    ]
    annet = _verv(ms, fsk, personas.arkiv, Medlemsrolle.VARAMEDLEM, partier["H"])
    fast = _verv(ms, fsk, personas.radmann, Medlemsrolle.MEDLEM, partier["H"], vararekkefolge=4)
    assert vara == [1, 2] and annet.vararekkefolge == 1 and fast.vararekkefolge is None


def test_ending_a_seat_is_checked_and_audited(personas, fsk):
    medlem = _verv(personas.motesekretaer, fsk, personas.politiker, Medlemsrolle.MEDLEM)
    with pytest.raises(DomainError, match="før det begynte"):
        services.avslutt_medlem(personas.motesekretaer, medlem, FRA - dt.timedelta(days=1))
    with pytest.raises(IkkeTilgang):
        services.avslutt_medlem(personas.saksbehandler, medlem, dt.date(2025, 1, 31))
    services.avslutt_medlem(personas.motesekretaer, medlem, dt.date(2025, 1, 31))
    with pytest.raises(DomainError, match="allerede avsluttet"):
        services.avslutt_medlem(personas.motesekretaer, medlem, dt.date(2025, 3, 1))
    entry = Endringslogg.objects.get(handling="medlem avsluttet")
    assert entry.endringer == {"til": {"for": None, "etter": "2025-01-31"}}


# --- Pages ------------------------------------------------------------------------------------


@pytest.mark.datofolsom
def test_the_list_shows_each_committee_with_its_leader_in_few_queries(
    login, personas, fsk, partier, klokke
):
    ms = personas.motesekretaer
    idag = dt.date.today()
    _verv(ms, fsk, personas.politiker, Medlemsrolle.LEDER, partier["AP"], fra=idag)
    client = login(personas.saksbehandler)
    url = reverse("utvalg:liste")
    client.get(url)  # the session's first request stamps it; count the ones after

    def antall():
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(url).content.decode()
        return len(ctx.captured_queries), body

    few, body = antall()
    assert "Formannskapet" in body and personas.politiker.get_full_name() in body
    assert "Nytt utvalg" not in body  # a caseworker reads the register only
    for n in range(5):
        hu = services.lagre_utvalg(ms, None, navn=f"Utvalg {n}", kode=f"U{n}")
        _verv(ms, hu, personas.leder, Medlemsrolle.MEDLEM, fra=idag)
    many, body = antall()
    assert many == few and "Utvalg 4" in body
    assert "Nytt utvalg" in login(ms).get(url).content.decode()


@pytest.mark.datofolsom
def test_the_committee_page_lists_seats_and_the_secretary_adds_one(
    login, personas, fsk, partier, klokke
):
    idag = dt.date.today()
    _verv(personas.motesekretaer, fsk, personas.leder, Medlemsrolle.LEDER, partier["AP"], fra=idag)
    side = reverse("utvalg:utvalg", args=[fsk.pk])
    body = login(personas.saksbehandler).get(side).content.decode()
    assert personas.leder.get_full_name() in body and "Arbeiderpartiet" in body
    assert "Legg til medlem" not in body and "Avslutt vervet" not in body
    # A caseworker's POST is refused and changes nothing.
    data = {"medlem-person": personas.politiker.pk, "medlem-rolle": "VA",
            "medlem-parti": partier["H"].pk, "medlem-fra": idag.isoformat()}  # fmt: skip
    nytt = reverse("utvalg:nytt_medlem", args=[fsk.pk])
    assert login(personas.saksbehandler).post(nytt, data).status_code == 403
    assert fsk.medlemmer.count() == 1
    client = login(personas.motesekretaer)
    assert "Legg til medlem" in client.get(side).content.decode()
    assert client.post(nytt, data).status_code == 302
    assert fsk.medlemmer.get(person=personas.politiker).vararekkefolge == 1
    # The same person again: the message beside the field, nothing saved.
    response = client.post(nytt, data)
    assert response.status_code == 400 and "har allerede et verv" in response.content.decode()
    assert fsk.medlemmer.count() == 2


def test_the_secretary_creates_a_committee_in_the_browser_form(login, personas):
    client = login(personas.motesekretaer)
    data = {"navn": "Eldrerådet", "kode": "eld", "utvalgstype": "RD", "innkallingsfrist": "5",
            "rekkefolge": "10", "aktiv": "on", "sekretaer": personas.motesekretaer.pk,
            "periode_fra": "2023-10-01", "periode_til": "2023-09-30"}  # fmt: skip
    response = client.post(reverse("utvalg:nytt"), data)
    assert response.status_code == 400 and "Perioden kan ikke slutte" in response.content.decode()
    assert not Utvalg.objects.exists()
    data["periode_til"] = "2027-09-30"
    response = client.post(reverse("utvalg:nytt"), data)
    eld = Utvalg.objects.get(kode="ELD")
    assert response.status_code == 302 and response["Location"] == reverse(
        "utvalg:utvalg", args=[eld.pk]
    )
    assert login(personas.saksbehandler).get(reverse("utvalg:nytt")).status_code == 403
