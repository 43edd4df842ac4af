"""The public overview of decision follow-up (issue 19, item 6): decisions followed up from
approved minutes only, the overall status derived from the lines and the deadline, the
screened title for an exempt item and nothing of an exempt item's or a protected decision's
text or what is done for it — on the page and in the CSV (the canary) — filters, a CSV of
the same rows, no caseworker names, and a fixed number of queries."""

import datetime as dt
import html
import re
from urllib.parse import parse_qsl

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import CANARY
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_protokollforing import behandlet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from tests.vedtak.test_oppfolging import _godkjenn
from utvalg.models import Behandling, Sakskartpunkt
from vedtak import services
from vedtak.models import Oppfolging
from vedtak.offentlig import OffentligOppfolging

pytestmark = pytest.mark.django_db

OVERSIKT = reverse("vedtak_offentlig:oversikt")
CSV = reverse("vedtak_offentlig:csv")


def _csv(client, query="") -> str:
    svar = client.get(CSV + query)
    assert svar.status_code == 200 and svar["Content-Type"].startswith("text/csv")
    assert "attachment" in svar["Content-Disposition"]
    return b"".join(svar.streaming_content).decode("utf-8-sig")


@pytest.fixture
def fulgt(personas, behandlet):  # noqa: F811
    """Follow-up of PS 2 (public, two caseworkers) and of the exempt item (the canary in its
    title and decision, and in what is done), from a meeting not yet approved."""
    moetet, _seat, ps1 = behandlet
    ps2 = Sakskartpunkt.objects.get(
        mote=moetet, behandling__journalpost__tilgangskode__isnull=False, resultat="VS"
    )
    idag = timezone.localdate()
    ms = personas.motesekretaer
    offentlig = services.registrer(
        ms, ps1, frist=idag + dt.timedelta(days=30), fristtype="U",
        saksbehandlere=[personas.saksbehandler, personas.saksbehandler_annen],
        merknad="Intern merknad", verbalpunkt="Rådmannen legger fram en plan.",
    )  # fmt: skip
    unntatt = services.registrer(ms, ps2, frist=idag + dt.timedelta(days=60), fristtype="E",
                                 saksbehandlere=[personas.saksbehandler])  # fmt: skip
    return moetet, ps1, ps2, offentlig, unntatt


def test_only_approved_minutes_and_never_the_canary(client, personas, fulgt):
    moetet, ps1, ps2, offentlig, unntatt = fulgt
    assert CANARY in ps2.behandling.journalpost.tittel and CANARY in ps2.vedtak
    # Before the minutes are approved, nothing is public.
    svar = client.get(OVERSIKT)
    assert svar.status_code == 200 and "Ingen vedtak passer" in svar.content.decode()
    assert ps1.saksnummer not in svar.content.decode()
    assert ps1.saksnummer not in _csv(client)

    _godkjenn(personas, moetet)
    sb = personas.saksbehandler
    services.oppdater(sb, unntatt.linjer.get(), status="UA",
                      hva_er_gjort=f"Samtale med {CANARY}.")  # fmt: skip
    services.oppdater(sb, offentlig.linjer.get(saksbehandler=sb), status="UA",
                      hva_er_gjort="Planarbeidet er startet.")  # fmt: skip
    side = client.get(OVERSIKT).content.decode()
    fil = _csv(client)
    for tekst in (side, fil):
        assert CANARY not in tekst
        # The exempt item: its screened title, its number, «unntatt», its status.
        assert "Skole *****" in tekst and ps2.saksnummer in tekst
        assert "Vedtaket er unntatt offentlighet, jf. Offl. § 25" in tekst
        # The public item: title, decision text, verbal point, what is done, status.
        assert ps1.behandling.journalpost.offentlig_tittel in tekst and ps1.saksnummer in tekst
        assert "Budsjettet vedtas." in tekst
        assert "Rådmannen legger fram en plan." in tekst
        assert "Planarbeidet er startet." in tekst and "Under arbeid" in tekst
        assert "Formannskapet" in tekst
        # Neither the caseworkers nor the internal remark.
        for person in (personas.saksbehandler, personas.saksbehandler_annen):
            assert person.get_full_name() not in tekst and person.last_name not in tekst
        assert "Intern merknad" not in tekst
    assert reverse("moter:mote", args=[moetet.systemid]) in side
    assert "Utvalg;Møtedato;Saksnummer;Tittel" in fil.splitlines()[0]
    assert len(fil.splitlines()) == 3


def test_a_protected_decision_shows_neither_its_text_nor_what_is_done(client, personas, fulgt):
    moetet, ps1, _ps2, offentlig, _unntatt = fulgt
    Behandling.objects.filter(pk=ps1.behandling_id).update(
        tilgangskode_id="P", skjermingshjemmel="Offl. § 13")  # fmt: skip
    Sakskartpunkt.objects.filter(pk=ps1.pk).update(vedtak=f"<p>{CANARY} kjøpes.</p>")
    Oppfolging.objects.filter(pk=offentlig.pk).update(verbalpunkt=f"{CANARY} forhandles.")
    _godkjenn(personas, moetet)
    sb = personas.saksbehandler
    services.oppdater(sb, offentlig.linjer.get(saksbehandler=sb), status="UA",
                      hva_er_gjort=f"Møte med {CANARY}.")  # fmt: skip
    for tekst in (client.get(OVERSIKT).content.decode(), _csv(client)):
        assert CANARY not in tekst
        # The post is public: its title stays; the decision does not.
        assert ps1.behandling.journalpost.offentlig_tittel in tekst
        assert "Vedtaket er unntatt offentlighet, jf. Offl. § 13" in tekst
        assert "Under arbeid" in tekst


def test_the_overall_status(client, personas, fulgt):
    moetet, ps1, _ps2, offentlig, unntatt = fulgt
    _godkjenn(personas, moetet)
    sb, annen = personas.saksbehandler, personas.saksbehandler_annen
    idag = timezone.localdate()

    def status(o) -> str:
        svar = client.get(OVERSIKT)
        side = svar.content.decode()
        rad = side.split(f'id="vedtak-{o.pk}"')[1].split("</tr>")[0]
        return " ".join(rad.split("<td>")[4].split())

    assert status(offentlig).startswith("Ikke påbegynt")
    services.oppdater(sb, offentlig.linjer.get(saksbehandler=sb), status="UA")
    assert status(offentlig).startswith("Under arbeid")
    # Past the deadline and not done: forsinket.
    services.endre_frist(personas.motesekretaer, offentlig, frist=idag - dt.timedelta(days=1),
                         grunn="Feil frist")  # fmt: skip
    assert "Forsinket" in status(offentlig)
    # Every line done (iverksatt or bortfalt): iverksatt, with the latest date.
    forrige = idag - dt.timedelta(days=3)
    services.oppdater(sb, offentlig.linjer.get(saksbehandler=sb), status="IV", utfort=forrige)
    assert "Forsinket" in status(offentlig)  # one line is still open
    services.oppdater(annen, offentlig.linjer.get(saksbehandler=annen), status="BF",
                      bortfalt_grunn="Erstattet av nytt vedtak.")  # fmt: skip
    assert status(offentlig) == f'Iverksatt <time datetime="{forrige:%Y-%m-%d}">' \
                                f"{forrige:%d.%m.%Y}</time></td>"  # fmt: skip
    # Closed by the committee.
    Oppfolging.objects.filter(pk=unntatt.pk).update(avsluttet=timezone.now())
    assert status(unntatt).startswith(f'Avsluttet <time datetime="{idag:%Y-%m-%d}">')
    # The filter by status, committee and year; the CSV follows it.
    svar = client.get(OVERSIKT, {"status": "IV"}).content.decode()
    assert f'id="vedtak-{offentlig.pk}"' in svar and f'id="vedtak-{unntatt.pk}"' not in svar
    assert _csv(client, "?status=AV").count("\r\n") == 2
    aar = moetet.dato.year
    for query, antall in (({"aar": aar}, 2), ({"utvalg": moetet.utvalg.kode}, 2),
                          ({"status": "UA"}, 0)):  # fmt: skip
        side = client.get(OVERSIKT, query).content.decode()
        assert side.count('id="vedtak-') == antall, query
    assert f'<option value="{aar}">{aar}</option>' in client.get(OVERSIKT).content.decode()


def test_bad_input_is_a_norwegian_400_never_a_500(client, personas, fulgt):
    moetet = fulgt[0]
    _godkjenn(personas, moetet)
    galt = ({"aar": "1999"}, {"aar": "x"}, {"status": "ZZ"}, {"utvalg": "finnes-ikke"},
            {"etter": "%%%"}, {"sorter": "frist", "etter": "eyJrIjpbMV0sIm4iOjF9"})  # fmt: skip
    for query in galt:
        svar = client.get(OVERSIKT, query)
        ugyldig = "etter" not in query
        assert svar.status_code == (400 if ugyldig else 200), query
        assert CANARY not in svar.content.decode()
        assert ("Velg et gyldig valg" in svar.content.decode()) is ugyldig
        svar = client.get(CSV, query)
        assert svar.status_code == (400 if ugyldig else 200), query


def test_the_page_and_the_csv_read_a_fixed_number_of_queries(
    client, personas, fulgt, django_assert_max_num_queries
):
    moetet, ps1, _ps2, _offentlig, _unntatt = fulgt
    _godkjenn(personas, moetet)
    client.get(OVERSIKT)
    with django_assert_max_num_queries(5):
        assert client.get(OVERSIKT).content.decode().count('id="vedtak-') == 2
    with django_assert_max_num_queries(4):
        _csv(client)
    idag = timezone.localdate()
    for n in range(8):
        services.registrer(personas.radmann, ps1, frist=idag + dt.timedelta(days=n),
                           fristtype="E", saksbehandlere=[personas.saksbehandler],
                           verbalpunkt=f"Punkt {n}")  # fmt: skip
    with django_assert_max_num_queries(5):
        assert client.get(OVERSIKT).content.decode().count('id="vedtak-') == 10
    with django_assert_max_num_queries(4):
        assert _csv(client).count("\r\n") == 11


def test_the_items_of_a_meeting_in_their_order_page_by_page(client, personas, fulgt, monkeypatch):
    moetet, ps1, _ps2, _offentlig, unntatt = fulgt
    _godkjenn(personas, moetet)
    idag = timezone.localdate()
    for n in range(5):
        services.registrer(personas.radmann, ps1, frist=idag + dt.timedelta(days=n),
                           fristtype="E", saksbehandlere=[personas.saksbehandler])  # fmt: skip
    monkeypatch.setattr(OffentligOppfolging, "storrelse", 3)
    ider, query = [], {}
    while True:
        side = client.get(OVERSIKT, query).content.decode()
        ider += [int(x.split('"')[0]) for x in side.split('id="vedtak-')[1:]]
        neste = re.search(r'href="\?([^"]+)" rel="next"', side)
        if not neste:
            break
        query = dict(parse_qsl(html.unescape(neste.group(1))))
    rekkefolge = list(Oppfolging.objects.filter(punkt=ps1).values_list("pk", flat=True))
    # PS 2 before PS 3 (the exempt item), each item's follow-ups in the order registered.
    assert ider == [*sorted(rekkefolge), unntatt.pk]


def test_the_meeting_calendar_links_to_it(client):
    assert OVERSIKT in client.get(reverse("moter:kalender")).content.decode()
