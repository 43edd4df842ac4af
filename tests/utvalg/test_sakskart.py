"""The agenda (issue 17, item 3): the secretary puts items from the committee's queue on a
meeting, orders them in their groups (standing items, RS, DS, PS), numbers them per
committee, kind and year — unique and without gaps also when several work at once — and
takes them off or withdraws them; late items are supplementary items."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saksarkiv.models import Bruker, Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.journal.flythjelp import ny_sak
from tests.utvalg.motehjelp import ds, ps, rs
from tests.utvalg.motehjelp import mote as _mote
from utvalg import koliste, sakskart, services
from utvalg.models import Behandling, Mote, Motestatus, Sakskartpunkt, Utvalg

pytestmark = pytest.mark.django_db


@pytest.fixture
def fsk():
    return Utvalg.objects.create(kode="FSK", navn="Formannskapet")


@pytest.fixture
def sak(personas, org):
    return ny_sak(personas.saksbehandler, org.enhet_a, tittel="Reguleringsplan Fjordvik")


def _kart(mote) -> list[tuple]:
    return [(sakskart.gruppe(p), p.behandling_id, p.saksnummer) for p in sakskart.aktive(mote)]


def test_the_agenda_is_built_from_the_queue_in_its_groups(personas, sak, fsk):
    ms = personas.motesekretaer
    a, b = ps(personas, sak, fsk, "Budsjett"), ps(personas, sak, fsk, "Skolestruktur")
    d, r = ds(personas, sak, fsk), rs(personas, sak, fsk)
    mote = _mote(personas, fsk)
    sakskart.sett_pa(ms, mote, [b.pk, d.pk])
    sakskart.sett_pa(ms, mote, [r.pk, a.pk])
    # Standing items first (no earlier meeting: no minutes to approve), then RS, DS, PS.
    assert _kart(mote) == [("fast", None, ""), ("RS", r.pk, ""), ("DS", d.pk, ""),
                           ("PS", b.pk, ""), ("PS", a.pk, "")]  # fmt: skip
    assert sakskart.aktive(mote)[0].get_fast_display() == "Godkjenning av innkalling og saksliste"
    # On the agenda means out of the queue, and the caseworker sees where it went.
    assert not koliste.i_koen(fsk).exists()
    assert koliste.antall_per_utvalg().get(fsk.pk, 0) == 0
    rad = koliste.med_sakskart(Behandling.objects.filter(pk=a.pk)).select_related("journalpost")
    assert koliste.stadium(rad.get()) == "På sakskartet til møtet 14.03.2030"
    assert (
        Endringslogg.objects.filter(objekt_id=str(mote.pk), handling="satt på sakskartet").count()
        == 2
    )
    # Nothing twice, nothing from outside the queue, only the secretaries.
    with pytest.raises(DomainError, match="ikke lenger i kølisten") as error:
        sakskart.sett_pa(ms, mote, [a.pk])
    assert error.value.field == "behandlinger"
    annen = _mote(personas, fsk, dt.date(2030, 4, 11))
    with pytest.raises(DomainError, match="ikke lenger i kølisten"):
        sakskart.sett_pa(ms, annen, [a.pk])
    for who in ("saksbehandler", "leder", "arkiv", "politiker", "radmann"):
        with pytest.raises(IkkeTilgang):
            sakskart.sett_pa(getattr(personas, who), annen, [a.pk])
    # The caseworker cannot pull a referral off the committee behind the secretary's back.
    with pytest.raises(DomainError, match="sakskartet til møtet 14.03.2030"):
        services.fjern_behandling(personas.leder, Behandling.objects.get(pk=r.pk))


def test_the_minutes_of_the_last_meeting_are_a_standing_item_once_the_committee_has_met(
    personas, sak, fsk
):
    forrige = _mote(personas, fsk, dt.date(2030, 2, 14))
    Mote.objects.filter(pk=forrige.pk).update(status=Motestatus.GJENNOMFORT)
    mote = _mote(personas, fsk)
    sakskart.sett_pa(personas.motesekretaer, mote, [rs(personas, sak, fsk).pk])
    assert [p.fast for p in sakskart.aktive(mote)][:2] == ["IS", "PR"]


def test_items_are_ordered_within_their_group_and_numbered_items_stay_put(personas, sak, fsk):
    ms = personas.motesekretaer
    a, b, c = (ps(personas, sak, fsk, t) for t in ("A", "B", "C"))
    mote = _mote(personas, fsk)
    sakskart.sett_pa(ms, mote, [a.pk, b.pk, c.pk])
    punkt = {p.behandling_id: p for p in sakskart.aktive(mote) if p.behandling_id}
    flyttet = sakskart.flytt(ms, punkt[c.pk], "opp")
    assert (flyttet.plass, flyttet.av, flyttet.gruppe) == (2, 3, "Politiske saker")
    assert [x[1] for x in _kart(mote)[1:]] == [a.pk, c.pk, b.pk]
    with pytest.raises(DomainError, match="allerede først"):
        sakskart.flytt(ms, punkt[a.pk], "opp")
    # A group's whole order (drag and drop) must name every item of that group once.
    sakskart.ordne(ms, mote, "PS", [punkt[b.pk].pk, punkt[a.pk].pk, punkt[c.pk].pk])
    assert [x[1] for x in _kart(mote)[1:]] == [b.pk, a.pk, c.pk]
    for feil in ([punkt[b.pk].pk, punkt[a.pk].pk], [punkt[b.pk].pk] * 3):
        with pytest.raises(DomainError, match="endret i mellomtiden"):
            sakskart.ordne(ms, mote, "PS", feil)
    with pytest.raises(IkkeTilgang):
        sakskart.flytt(personas.saksbehandler, punkt[a.pk], "ned")
    # Numbered: PS 1 (the standing item), then the political cases in agenda order.
    sakskart.nummerer(ms, mote)
    assert [x[2] for x in _kart(mote)] == ["PS 1/30", "PS 2/30", "PS 3/30", "PS 4/30"]
    with pytest.raises(DomainError, match="ligger fast"):
        sakskart.flytt(ms, punkt[a.pk], "opp")
    with pytest.raises(DomainError, match="har nummer"):
        sakskart.nummerer(ms, mote)
    # A late item comes after the numbered ones and can be moved only among the unnumbered.
    d = ps(personas, sak, fsk, "D")
    (ny,) = sakskart.sett_pa(ms, mote, [d.pk])
    with pytest.raises(DomainError, match="ligger fast"):
        sakskart.flytt(ms, ny, "opp")


def test_numbers_run_per_committee_kind_and_year_and_are_never_reused(personas, sak, fsk):
    ms = personas.motesekretaer
    hte = Utvalg.objects.create(kode="HTE", navn="Hovedutvalg for teknisk")
    mars, april = _mote(personas, fsk), _mote(personas, fsk, dt.date(2030, 4, 11))
    januar = _mote(personas, fsk, dt.date(2031, 1, 16))
    teknisk = _mote(personas, hte)
    items = [ps(personas, sak, fsk), rs(personas, sak, fsk), ds(personas, sak, fsk),
             rs(personas, sak, fsk, "Brev 2")]  # fmt: skip
    sakskart.sett_pa(ms, mars, [b.pk for b in items])
    sakskart.nummerer(ms, mars)
    assert [x[2] for x in _kart(mars)] == ["PS 1/30", "RS 1/30", "RS 2/30", "DS 1/30", "PS 2/30"]
    # Unnumbered: taken off, back in the queue. Numbered: withdrawn with a reason, kept.
    trekkes = sakskart.aktive(mars)[1]
    with pytest.raises(DomainError, match="Skriv hvorfor") as error:
        sakskart.ta_av(ms, trekkes)
    assert error.value.field == "merknad"
    sakskart.ta_av(ms, trekkes, merknad="Feil utvalg")
    trekkes.refresh_from_db()
    assert trekkes.trukket and trekkes.saksnummer == "RS 1/30"
    assert koliste.i_koen(fsk).filter(pk=trekkes.behandling_id).exists()
    # The withdrawn referral goes on April's agenda with a new number; 1 is not reused.
    sakskart.sett_pa(ms, april, [trekkes.behandling_id, ps(personas, sak, fsk, "Ny").pk])
    uten = next(p for p in sakskart.aktive(april) if p.fast)
    sakskart.ta_av(ms, uten)  # unnumbered standing item: simply gone
    sakskart.nummerer(ms, april)
    assert [x[2] for x in _kart(april)] == ["RS 3/30", "PS 3/30"]
    # Another committee and another year start at 1.
    sakskart.sett_pa(ms, teknisk, [ps(personas, sak, hte).pk])
    sakskart.sett_pa(ms, januar, [ps(personas, sak, fsk, "Neste år").pk])
    sakskart.nummerer(ms, teknisk)
    sakskart.nummerer(ms, januar)
    assert [x[2] for x in _kart(teknisk)] == ["PS 1/30", "PS 2/30"]
    assert [x[2] for x in _kart(januar)] == ["PS 1/31", "PS 2/31"]


def test_items_added_after_the_notice_are_supplementary_and_a_held_meeting_is_closed(
    personas, sak, fsk
):
    ms = personas.motesekretaer
    mote = _mote(personas, fsk)
    sakskart.sett_pa(ms, mote, [ps(personas, sak, fsk).pk])
    Mote.objects.filter(pk=mote.pk).update(status=Motestatus.INNKALT)
    (sent,) = sakskart.sett_pa(ms, mote, [ps(personas, sak, fsk, "Haster").pk])
    assert sent.tillegg and not any(p.tillegg for p in sakskart.aktive(mote)[:2])
    Mote.objects.filter(pk=mote.pk).update(status=Motestatus.GJENNOMFORT)
    with pytest.raises(DomainError, match="gjennomført; sakskartet kan ikke endres"):
        sakskart.ta_av(ms, sent)


def _nummerer_samtidig(moter_pk, user_pk, barrier, feil):
    try:
        user = Bruker.objects.get(pk=user_pk)
        barrier.wait(timeout=60)
        for pk in moter_pk:
            sakskart.nummerer(user, Mote.objects.get(pk=pk))
    except Exception as error:  # noqa: BLE001 - collected and asserted below
        feil.append(repr(error))
        barrier.abort()
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_numbering_several_agendas_at_once_gives_unique_numbers_without_gaps(personas, org, fsk):
    """Four secretaries number eight meetings of one committee at the same time, each on
    its own database connection; the agendas mix kinds in different orders (a standing
    item first on some, a referral first on others) so that the counters are wanted in
    different orders — and still no deadlock, duplicate or gap."""
    ms = personas.motesekretaer
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    moter = []
    for n in range(8):
        mote = _mote(personas, fsk, dt.date(2030, 1, 7) + dt.timedelta(weeks=n))
        items = [rs(personas, sak, fsk, f"Brev {n}-{i}").pk for i in range(3)]
        items.append(ds(personas, sak, fsk, f"Vedtak {n}").pk)
        sakskart.sett_pa(ms, mote, items)
        if n % 2:
            sakskart.ta_av(ms, next(p for p in sakskart.aktive(mote) if p.fast))
        moter.append(mote.pk)
    barrier = threading.Barrier(4)
    feil: list = []
    threads = [
        threading.Thread(target=_nummerer_samtidig, args=(moter[i::4], ms.pk, barrier, feil))
        for i in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not feil, feil
    for sakstype, antall in (("RS", 24), ("DS", 8), ("PS", 4)):
        nummer = sorted(Sakskartpunkt.objects.filter(utvalg=fsk, sakstype=sakstype)
                        .values_list("nummer", flat=True))  # fmt: skip
        assert nummer == list(range(1, antall + 1)), sakstype


@pytest.mark.django_db(transaction=True)
def test_two_secretaries_putting_one_item_on_two_meetings_at_once_one_wins(personas, org, fsk):
    ms = personas.motesekretaer
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    for runde in range(5):
        b = rs(personas, sak, fsk, f"Brev {runde}")
        moter = [_mote(personas, fsk, dt.date(2030, 1, 7) + dt.timedelta(days=7 * (2 * runde + i)))
                 for i in range(2)]  # fmt: skip
        barrier = threading.Barrier(2)
        utfall: list = []

        def sett(mote_pk, utfall=utfall, barrier=barrier, b=b):
            try:
                barrier.wait(timeout=60)
                sakskart.sett_pa(ms, Mote.objects.get(pk=mote_pk), [b.pk])
                utfall.append("ok")
            except DomainError as refusal:
                utfall.append(refusal.message)
            except Exception as error:  # noqa: BLE001
                utfall.append(repr(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=sett, args=(m.pk,)) for m in moter]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert utfall.count("ok") == 1, utfall
        (avslag,) = (u for u in utfall if u != "ok")
        assert "ikke lenger i kølisten" in avslag or "allerede på et sakskart" in avslag, avslag
        assert Sakskartpunkt.objects.filter(behandling=b).count() == 1


# --- The meeting page ------------------------------------------------------------------------


def test_the_meeting_page_shows_the_agenda_screened_for_its_reader(
    client, login, personas, sak, fsk
):
    ms = personas.motesekretaer
    hemmelig = ps(personas, sak, fsk, f"Ansettelse {CANARY}", tilgangskode="U",
                  skjermingshjemmel="Offl. § 25", offentlig_tittel="Ansettelse *****")  # fmt: skip
    apen = ps(personas, sak, fsk, "Budsjett 2031")
    mote = _mote(personas, fsk)
    sakskart.sett_pa(ms, mote, [hemmelig.pk, apen.pk])
    url = reverse("utvalg:mote", args=[mote.pk])
    login(personas.saksbehandler_annen)
    side = client.get(url).content.decode()
    assert "Budsjett 2031" in side and "Ansettelse *****" in side and CANARY not in side
    assert "Gi sakene nummer" not in side and "Fra kølisten" not in side
    login(personas.saksbehandler)
    assert CANARY in client.get(url).content.decode()


def test_the_secretary_works_the_agenda_without_javascript(client, login, personas, sak, fsk):
    ms = personas.motesekretaer
    a, b = ps(personas, sak, fsk, "Budsjett"), ps(personas, sak, fsk, "Skolestruktur")
    mote = _mote(personas, fsk)
    url = reverse("utvalg:mote", args=[mote.pk])
    login(ms)
    side = client.get(url).content.decode()
    assert "Fra kølisten" in side and "Skolestruktur" in side
    # Nothing chosen: the message beside the list, nothing saved.
    svar = client.post(reverse("utvalg:sett_pa_sakskart", args=[mote.pk]), {})
    assert svar.status_code == 400
    assert "Velg minst én sak fra kølisten." in svar.content.decode()
    assert not Sakskartpunkt.objects.exists()
    svar = client.post(reverse("utvalg:sett_pa_sakskart", args=[mote.pk]),
                       {"behandlinger": [a.pk, b.pk]})  # fmt: skip
    assert svar.status_code == 302 and svar.url.endswith("#sakskart")
    punkt_b = Sakskartpunkt.objects.get(behandling=b)
    svar = client.post(reverse("utvalg:flytt_punkt", args=[punkt_b.pk]), {"retning": "opp"})
    assert svar.url.endswith(f"#punkt-{punkt_b.pk}")
    assert [x[1] for x in _kart(mote)[1:]] == [b.pk, a.pk]
    # The script's way: the same action answered in JSON.
    svar = client.post(reverse("utvalg:flytt_punkt", args=[punkt_b.pk]), {"retning": "opp"},
                       headers={"Accept": "application/json"})  # fmt: skip
    assert svar.status_code == 409 and "allerede først" in svar.json()["melding"]
    svar = client.post(reverse("utvalg:flytt_punkt", args=[punkt_b.pk]), {"retning": "ned"},
                       headers={"Accept": "application/json"})  # fmt: skip
    assert svar.json()["melding"] == "Flyttet til plass 2 av 2 i politiske saker."
    client.post(reverse("utvalg:nummerer_sakskart", args=[mote.pk]))
    assert [x[2] for x in _kart(mote)] == ["PS 1/30", "PS 2/30", "PS 3/30"]
    # Withdrawing a numbered item without a reason: the message beside its field.
    svar = client.post(reverse("utvalg:ta_av_sakskart", args=[punkt_b.pk]), {"trekk-merknad": ""})
    assert svar.status_code == 400
    innhold = svar.content.decode()
    assert f'id="trekk-{punkt_b.pk}-feil"' in innhold and "Skriv hvorfor" in innhold
    client.post(reverse("utvalg:ta_av_sakskart", args=[punkt_b.pk]),
                {"trekk-merknad": "Utsatt etter ønske fra rådmannen"})  # fmt: skip
    side = client.get(url).content.decode()
    assert "Trukket" in side and "Utsatt etter ønske fra rådmannen" in side
    # Others are refused, whatever they post.
    login(personas.saksbehandler)
    assert client.post(reverse("utvalg:nummerer_sakskart", args=[mote.pk])).status_code == 403
    assert client.post(reverse("utvalg:ordne_sakskart", args=[mote.pk]),
                       {"gruppe": "PS", "rekkefolge": "1"}).status_code == 403  # fmt: skip


def test_the_meeting_page_costs_the_same_queries_for_a_short_and_a_long_agenda(
    client, login, personas, sak, fsk
):
    ms = personas.motesekretaer
    mote = _mote(personas, fsk)
    url = reverse("utvalg:mote", args=[mote.pk])
    login(ms)

    def teller(n):
        nye = [ps(personas, sak, fsk, f"Sak {n}-{i}").pk for i in range(n)]
        nye += [rs(personas, sak, fsk, f"Brev {n}").pk, ds(personas, sak, fsk, f"Vedtak {n}").pk]
        sakskart.sett_pa(ms, mote, nye)
        for i in range(n):  # and as many waiting in the queue
            ps(personas, sak, fsk, f"Venter {n}-{i}")
        client.get(url)  # the session and the menu's caches warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert teller(1) == teller(6)
