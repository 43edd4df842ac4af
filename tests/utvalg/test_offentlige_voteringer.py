"""Votes in public (issue 18, item 9): once a meeting is held, its page at /moter/ shows each
public item's result, decision and votes with how each party voted (those who split named
and linked); each elected member has a public page with seats, attendance and votes on
public items. Exempt items, protected decisions and secret ballots keep what they hide: the
canary never reaches these pages, and no page reads a query per row."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.models import Journalpost
from tests.conftest import CANARY
from tests.factories import BrukerFactory
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from utvalg import frammote, resultat, sakskart, votering
from utvalg.models import Behandling, Medlem, Mote, Motestatus, Utvalg, Votering

pytestmark = pytest.mark.django_db


@pytest.fixture
def holdt(personas, i_gang):  # noqa: F811
    """The meeting held (status G). Present at every item: Fast Medlem0 (leader, AP), Fast
    Medlem1 (AP), vara_a1 (AP, for Fast Medlem2, who reported absence) and vara_b1 (H, for
    Fast Medlem3, who did not come).
    - PS 1, public: the recommendation carried 3–1 with Fast Medlem1 against his party; a
      secret ballot on H's proposal;
    - PS 2, exempt (the canary in its title, proposal and decision), behind closed doors:
      Fast Medlem1 inhabil, vara_a2 stepped in for him;
    - PS 3, protected decision (the canary in its recommendation, decision and the
      secretary's edited phrase)."""
    moetet, seat, ps1 = i_gang
    ms = personas.motesekretaer
    _ps1, ps2, ps3 = [p for p in sakskart.aktive(moetet) if p.behandling_id]
    Journalpost.objects.filter(pk=ps2.behandling.journalpost_id).update(
        tittel=f"Skole {CANARY}", offentlig_tittel="Skole *****", tilgangskode_id="P",
        skjermingshjemmel="Offl. § 25")  # fmt: skip
    Behandling.objects.filter(pk=ps3.behandling_id).update(
        tilgangskode_id="U", skjermingshjemmel="Offl. § 13 jf. fvl. § 13")  # fmt: skip
    alle = {seat[n].pk: "F" for n in ("fast0", "fast1", "vara_a1", "vara_b1")}

    innstilling = votering.foreslaa(ms, ps1, type="IN", tekst="Budsjettet vedtas.")
    alternativ = votering.foreslaa(ms, ps1, type="AL", tekst="Budsjettet sendes tilbake.",
                                   parti=seat["vara_b1"].parti)  # fmt: skip
    votering.stem(ms, ps1, forslag=innstilling, stemmer=alle | {seat["fast1"].pk: "M"})
    votering.stem(ms, ps1, forslag=alternativ, valg=True, hemmelig=True, antall=(1, 2, 1))
    resultat.avgjor(ms, ps1, resultat="VS")

    frammote.endre(ms, ps2, medlem=seat["fast1"], type="IH", avgjort_av="Utvalget",
                   hjemmel="Fvl. § 6 første ledd bokstav a")  # fmt: skip
    frammote.endre(ms, ps2, medlem=seat["vara_a2"], type="VI", for_medlem=seat["fast1"])
    i_ps2 = {k: v for k, v in alle.items() if k != seat["fast1"].pk} | {seat["vara_a2"].pk: "F"}
    unntatt = votering.foreslaa(ms, ps2, type="IN", tekst=f"{CANARY} tilsettes.")
    votering.stem(ms, ps2, forslag=unntatt, stemmer=i_ps2)
    lukket = "Kommuneloven § 11-5 andre ledd bokstav a"
    resultat.avgjor(ms, ps2, resultat="VE", vedtak=f"<p>{CANARY} tilsettes fra 1. mai.</p>",
                    lukket=True, lukket_hjemmel=lukket)  # fmt: skip

    beskyttet = votering.foreslaa(ms, ps3, type="IN", tekst=f"Tilskudd til {CANARY} innvilges.")
    v3 = votering.stem(ms, ps3, forslag=beskyttet, stemmer=alle)
    Votering.objects.filter(pk=v3.pk).update(tekst=f"Tilskuddet til {CANARY} ble vedtatt.")
    resultat.avgjor(ms, ps3, resultat="VS")

    Mote.objects.filter(pk=moetet.pk).update(status=Motestatus.GJENNOMFORT)
    return Mote.objects.get(pk=moetet.pk), seat, (ps1, ps2, ps3)


def _side(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _mote_url(moetet) -> str:
    return reverse("moter:mote", args=[moetet.systemid])


def _medlem_url(medlem: Medlem) -> str:
    return reverse("moter:representant", args=[medlem.person_id])


def test_the_held_meeting_shows_each_party_s_vote_and_never_what_is_exempt(client, holdt):
    moetet, seat, (ps1, ps2, ps3) = holdt
    body = _side(client, _mote_url(moetet))
    assert CANARY not in body
    assert "Protokollen er ikke godkjent" in body
    # PS 1: the proposal, the phrase, the party lines and the one who split, linked.
    assert "Budsjettet vedtas." in body and "Innstillingen ble vedtatt med 3 mot 1 stemmer." in body
    assert re.search(r'<th scope="row">AP</th><td>2</td><td>1</td>', body)
    assert re.search(r'<th scope="row">H</th><td>1</td><td>0</td>', body)
    assert f'<a href="{_medlem_url(seat["fast1"])}">Fast Medlem1</a> (mot)' in body
    assert "Vedtatt som innstilt" in body
    # The secret ballot: counts only, no party lines for it.
    assert "Hemmelig valg: 1 for, 2 mot, 1 blanke." in body
    assert "i votering 2" not in body
    # PS 2: the screened title and the legal bases, nothing of its proposals or votes.
    assert "Skole *****" in body and "Saken er unntatt offentlighet, jf. Offl. § 25." in body
    assert "Behandlet for lukkede dører, jf. Kommuneloven § 11-5 andre ledd bokstav a." in body
    sak2 = body[body.index(f'id="sak-{ps2.pk}"') : body.index(f'id="sak-{ps3.pk}"')]
    assert "Votering" not in sak2 and "inhabil" not in sak2 and "Vedtatt" not in sak2
    # PS 3: the decision and its proposals withheld; the vote's generated phrase only.
    assert "Vedtaket er unntatt offentlighet, jf. Offl. § 13 jf. fvl. § 13." in body
    assert "Forslagene er unntatt offentlighet sammen med vedtaket." in body
    assert "Innstillingen ble enstemmig vedtatt." in body
    # Who met, linked to their pages.
    assert f'<a href="{_medlem_url(seat["vara_a1"])}">Vara vara_a1</a> (AP) for' in body
    assert f'<a href="{_medlem_url(seat["fast2"])}">Fast Medlem2</a> (forfall)' in body

    Mote.objects.filter(pk=moetet.pk).update(status=Motestatus.PROTOKOLL_GODKJENT)
    body = _side(client, _mote_url(moetet))
    assert "ikke godkjent" not in body and "Slik stemte partiene" in body and CANARY not in body


def test_nothing_of_the_treatment_shows_before_the_meeting_is_held(client, holdt):
    moetet, _seat, _punkter = holdt
    Mote.objects.filter(pk=moetet.pk).update(status=Motestatus.INNKALT)
    body = _side(client, _mote_url(moetet))
    assert "Behandling og vedtak" not in body and "Budsjettet vedtas." not in body


def test_a_member_s_page_shows_attendance_and_votes_on_public_items_only(client, holdt):
    moetet, seat, (ps1, ps2, ps3) = holdt
    body = _side(client, _medlem_url(seat["fast1"]))
    assert CANARY not in body
    assert "<h1>Fast Medlem1 (AP)</h1>" in body and "Formannskapet" in body
    assert "Møtt" in body and "Formannskapet 14.03.2030" in body
    assert ps1.saksnummer in body and ps3.saksnummer in body  # public titles, incl. protected
    assert ps2.saksnummer not in body and "Skole" not in body  # exempt: not at all
    assert "Alternativt forslag" not in body  # the secret ballot has no member votes
    rader = re.findall(r"<td>Innstillingen</td><td>(\w+)</td><td>(\w+)</td>", body)
    assert sorted(rader) == [("For", "Vedtatt"), ("Mot", "Vedtatt")]

    body = _side(client, _medlem_url(seat["vara_a1"]))
    assert "Møtte som vara for" in body and f'href="{_medlem_url(seat["fast2"])}"' in body
    assert _side(client, _medlem_url(seat["fast2"])).count("<td>Forfall</td>") == 1
    assert "<td>Ikke møtt</td>" in _side(client, _medlem_url(seat["fast3"]))
    # Stepped in for one exempt item only: no item, no name, no vote.
    body = _side(client, _medlem_url(seat["vara_a2"]))
    assert "Tiltrådte som vara i én sak" in body and "Fast Medlem1" not in body
    assert "Ingen voteringer." in body and CANARY not in body


def test_only_elected_members_of_active_committees_have_a_page(client, personas, holdt):
    _moetet, seat, _punkter = holdt
    assert client.get(reverse("moter:representant", args=[personas.motesekretaer.pk])) \
        .status_code == 404  # fmt: skip
    gammel = Utvalg.objects.create(kode="GML", navn="Nedlagt utvalg", aktiv=False)
    tidligere = BrukerFactory(first_name="Tidligere", last_name="Politiker")
    Medlem.objects.create(utvalg=gammel, person=tidligere, rolle="ME", fra=seat["fast0"].fra)
    assert client.get(reverse("moter:representant", args=[tidligere.pk])).status_code == 404
    body = _side(client, reverse("moter:representanter"), utvalg="FSK")
    assert f'href="{_medlem_url(seat["fast0"])}">Fast Medlem0</a>' in body
    assert "Tidligere" not in body and "motesekretaer" not in body.lower()
    assert body.index("Fast Medlem0") < body.index("Vara vara_a1")  # the leader first
    assert 'href="/moter/representanter/?utvalg=FSK"' in _side(client, reverse("moter:kalender"))


def test_the_pages_read_no_query_per_row(client, personas, holdt, django_assert_max_num_queries):
    moetet, seat, (ps1, _ps2, _ps3) = holdt
    ms = personas.motesekretaer

    def flere_voteringer(antall):  # proposals from members, each voted on
        Mote.objects.filter(pk=moetet.pk).update(status=Motestatus.INNKALT)
        for _ in range(antall):
            f = votering.foreslaa(ms, ps1, type="TI", tekst="Tillegg.",
                                  fremmet_av=[seat["fast0"], seat["vara_b1"]])  # fmt: skip
            votering.stem(ms, ps1, forslag=f, stemmer={
                seat[k].pk: "F" if k != "vara_b1" else "M"
                for k in ("fast0", "fast1", "vara_a1", "vara_b1")})  # fmt: skip
        Mote.objects.filter(pk=moetet.pk).update(status=Motestatus.PROTOKOLL_GODKJENT)

    def antall(url) -> int:
        with CaptureQueriesContext(connection) as sporing:
            _side(client, url)
        return len(sporing.captured_queries)

    flere_voteringer(1)
    mote, medlem = antall(_mote_url(moetet)), antall(_medlem_url(seat["fast1"]))
    flere_voteringer(4)
    with django_assert_max_num_queries(mote):
        body = _side(client, _mote_url(moetet))
    assert body.count("Tilleggsforslag fra Fast Medlem0 og Vara vara_b1: Tillegg.") == 5
    assert CANARY not in body
    with django_assert_max_num_queries(medlem):
        body = _side(client, _medlem_url(seat["fast1"]))
    assert body.count("Tilleggsforslag fra Fast Medlem0 og Vara vara_b1") == 5
    with django_assert_max_num_queries(4):
        _side(client, reverse("moter:representanter"))
