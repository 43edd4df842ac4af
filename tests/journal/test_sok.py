"""Search in cases and journal posts: words, numbers, filters, screening, pages, queries.

Cases and posts are registered today under the test clock (tests/klokke.py), so their
numbers are of today's year: saksnr(1) is this year's first case."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal import search
from journal.filters import JournalpostFilter, SaksmappeFilter
from journal.models import Journalpost, Korrespondansepart, Saksmappe, Sakspart
from journal.services.registration import opprett_sak, registrer_journalpost
from journal.views import sok as sok_views
from saksarkiv.models import Nummerteller
from saksarkiv.nummer import les_nummer as parse_nummer
from tests.conftest import CANARY

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
OSLO = zoneinfo.ZoneInfo("Europe/Oslo")
URL = "/sok/"


def saksnr(n: int) -> str:
    """This year's case number n."""
    return f"{timezone.localdate().year}/{n}"


def jpnr(n: int) -> str:
    """This year's journal post number n."""
    return f"{timezone.localdate().year}/{n:06d}"


def nr(*posts) -> list[str]:
    return [p.journalpostnummer for p in posts]


def sak(personas, org, tittel, **kwargs):
    kwargs.setdefault("administrativ_enhet", org.enhet_a)
    return opprett_sak(kwargs.pop("actor", personas.saksbehandler), tittel=tittel, **kwargs)


def post(personas, case, tittel, **kwargs):
    kwargs.setdefault("journalposttype", "I")
    return registrer_journalpost(kwargs.pop("actor", personas.arkiv), case, tittel=tittel, **kwargs)


def saker(user, **params):
    """Numbers of the cases `user` finds with these filter values."""
    qs = Saksmappe.objects.visible_to(user).order_by("-saksaar", "-sakssekvensnummer")
    filterset = SaksmappeFilter(params, queryset=qs)
    assert filterset.is_valid(), filterset.errors
    return [case.saksnummer for case in filterset.qs]


def poster(user, **params):
    qs = Journalpost.objects.visible_to(user).order_by("-journalaar", "-journalsekvensnummer")
    filterset = JournalpostFilter(params, queryset=qs)
    assert filterset.is_valid(), filterset.errors
    return [p.journalpostnummer for p in filterset.qs]


@pytest.fixture
def hemmelig(personas, org):
    """A restricted case and post (code U) with the canary in the title and party names; the
    public titles and the unrestricted case do not have it."""
    case = sak(
        personas,
        org,
        f"Barnevernssak {CANARY} Olsen",
        tilgangskode="U",
        offentlig_tittel="Barnevernssak ***** *****",
    )
    Sakspart.objects.create(saksmappe=case, navn=f"{CANARY} Olsen", rolle="part")
    inn = post(
        personas,
        case,
        f"Bekymringsmelding om {CANARY}",
        tilgangskode="U",
        offentlig_tittel="Bekymringsmelding om *****",
    )
    Korrespondansepart.objects.create(journalpost=inn, korrespondanseparttype="EA", navn=CANARY)
    return case, inn


# --- words -------------------------------------------------------------------------------


def test_compound_word_is_found_by_its_last_part(personas, org):
    sak(personas, org, "Søknad om byggetillatelse gnr 12 bnr 34")
    sak(personas, org, "Klage på vedtak om skoleskyss")
    assert saker(personas.saksbehandler, q="tillatelse") == [saksnr(1)]
    assert saker(personas.saksbehandler, q="TILLATELSE gnr") == [saksnr(1)]
    assert saker(personas.saksbehandler, q="tillatelse skoleskyss") == []


def test_norwegian_stemming(personas, org):
    case = sak(personas, org, "Søknad om skjenkebevilling")
    sak(personas, org, "Klage på vedtak")
    post(personas, case, "Søknader om skjenkebevillinger for 2025")
    assert saker(personas.saksbehandler, q="søknader") == [saksnr(1)]
    assert saker(personas.saksbehandler, q="klagene") == [saksnr(2)]
    assert poster(personas.saksbehandler, q="søknad") == [jpnr(1)]


def test_a_word_matches_by_its_stem_inflections_and_compounds_too(personas, org):
    sak(personas, org, "Byggesøknad for garasje")
    sak(personas, org, "Søknadsfrist for tilskudd til lag")
    sak(personas, org, "Klage på vedtak om tilskuddet")
    assert saker(personas.saksbehandler, q="søknader") == [saksnr(2), saksnr(1)]
    assert saker(personas.saksbehandler, q="tilskuddene") == [saksnr(3), saksnr(2)]
    assert saker(personas.saksbehandler, q="søknadene tilskudd") == [saksnr(2)]
    assert saker(personas.saksbehandler, q="garasjer") == [saksnr(1)]


def test_python_stems_are_postgresql_stems(db):
    """journal.search stems in Python with the same Snowball algorithm PostgreSQL's full
    text uses for ranking, so a full-text match is always a match of the filter."""
    words = [
        "søknader", "byggetillatelse", "kommunen", "skjenkebevillinger", "barnehagene",
        "klagene", "tilskuddet", "reguleringsplanen", "hansen", "fotballbaner", "vedtakene",
        "uttalelse", "bekymringsmelding", "elevene", "tilsynsrapporten", "2025", "gnr",
    ]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, (ts_lexize('norwegian_stem', w))[1] FROM unnest(%s::text[]) AS w",
            [words],
        )
        assert dict(cursor.fetchall()) == {word: search.stem(word) for word in words}


def test_best_match_first_then_newest(personas, org):
    sak(personas, org, "Reguleringsplan for sentrum, innspill til reguleringsplan")
    sak(personas, org, "Møte om sentrum")
    sak(personas, org, "Reguleringsplan sentrum")
    assert saker(personas.saksbehandler) == [saksnr(3), saksnr(2), saksnr(1)]
    found = saker(personas.saksbehandler, q="reguleringsplan sentrum")
    assert set(found) == {saksnr(1), saksnr(3)} and found[0] == saksnr(3)


def test_punctuation_and_stop_words_are_harmless(personas, org):
    sak(personas, org, "Tilsyn med 100% av barnehagene")
    assert saker(personas.saksbehandler, q="100%") == [saksnr(1)]
    assert saker(personas.saksbehandler, q="med") == [saksnr(1)]
    assert saker(personas.saksbehandler, q="% \\") == [saksnr(1)]  # no words: no filter
    assert saker(personas.saksbehandler, q="av_barnehagene") == [saksnr(1)]
    assert saker(personas.saksbehandler, q="av_barnehager_x") == []


def test_embedded_database_fallback_matches_by_icontains(personas, org, monkeypatch, hemmelig):
    sak(personas, org, "Søknad om byggetillatelse")
    monkeypatch.setattr(search, "is_postgresql", lambda qs: False)
    assert saker(personas.saksbehandler, q="tillatelse") == [saksnr(2)]
    assert saker(personas.saksbehandler_annen, q=CANARY) == []
    assert saker(personas.klarert_u, q=CANARY) == [saksnr(1)]
    assert saker(personas.saksbehandler_annen, part=CANARY) == []
    assert saker(personas.klarert_u, part=CANARY.lower()) == [saksnr(1)]
    similar = search.lignende_saker(personas.saksbehandler_annen, f"Barnevernssak {CANARY}")
    assert [c.synlig_tittel for c in similar] == ["Barnevernssak ***** *****"]


# --- numbers -----------------------------------------------------------------------------


def test_number_formats_are_parsed():
    assert parse_nummer("2025/1234") == (parse_nummer(" 2025 / 1234 "))
    assert parse_nummer("2025/004711").nummer == 4711
    assert parse_nummer("2025/1234-5").dokument == 5
    for wrong in ("abc", "2025", "25/1", "2025/", "2025/12-x", "2025/1/2"):
        assert parse_nummer(wrong) is None, wrong


def test_case_and_post_numbers(personas, org, klokke):
    aar = klokke.dag.year
    Nummerteller.objects.create(serie="sak", aar=aar, siste=1233)
    Nummerteller.objects.create(serie="journalpost", aar=aar, siste=4709)
    first = sak(personas, org, "Første")
    second = sak(personas, org, "Andre")
    assert (first.saksnummer, second.saksnummer) == (f"{aar}/1234", f"{aar}/1235")
    post(personas, first, "Brev 1")  # aar/004710, aar/1234-1
    post(personas, second, "Brev 2")  # aar/004711, aar/1235-1
    post(personas, first, "Brev 3")  # aar/004712, aar/1234-2
    user = personas.saksbehandler
    assert saker(user, nummer=f"{aar}/1234") == [f"{aar}/1234"]
    assert saker(user, nummer=f"{aar}/1235-1") == [f"{aar}/1235"]
    assert saker(user, nummer=f"{aar - 1}/1234") == []
    assert poster(user, nummer=f"{aar}/004711") == [f"{aar}/004711"]
    assert poster(user, nummer=f"{aar}/4711") == [f"{aar}/004711"]
    assert poster(user, nummer=f"{aar}/1234-2") == [f"{aar}/004712"]
    assert poster(user, nummer=f"{aar}/1234-9") == []


def test_bad_number_and_dates_come_back_in_norwegian(login, personas, org):
    sak(personas, org, "Søknad om byggetillatelse")
    client = login(personas.saksbehandler)
    response = client.get(URL, {"nummer": "abc"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "felt--feil" in body and "Skriv nummeret som 2025/1234" in body
    assert "0 treff" in body
    response = client.get(URL, {"type": "journalposter", "fra": "2025-03-10", "til": "2025-03-01"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Til-datoen kan ikke være før fra-datoen." in body and "0 treff" in body
    response = client.get(URL, {"fra": "31.02.2025", "enhet": "999999", "status": "Q"})
    body = response.content.decode()
    assert response.status_code == 200 and body.count('class="feltfeil"') == 3


# --- filters ------------------------------------------------------------------------------


def test_case_filters(personas, org, klokke):
    a = sak(personas, org, "A", tilgangskode="U", offentlig_tittel="*****")
    sak(personas, org, "B", actor=personas.arkiv, saksansvarlig=personas.stedfortreder)
    sak(personas, org, "C", actor=personas.saksbehandler_annen, administrativ_enhet=org.enhet_b)
    # A was created ten days ago at 00:30 in Oslo, the evening before in UTC: the date
    # filters use the local date. B and C were created now.
    dag = klokke.dag - 10 * DAY
    opprettet = datetime.datetime.combine(dag, datetime.time(0, 30), tzinfo=OSLO)
    Saksmappe.objects.filter(pk=a.pk).update(opprettet=opprettet)
    user = personas.arkiv
    assert saker(user, status="B") == [saksnr(2)]
    assert saker(user, status="R") == [saksnr(3), saksnr(1)]
    assert saker(user, enhet=org.sektor_a.pk) == [saksnr(2), saksnr(1)]
    assert saker(user, enhet=org.enhet_b.pk) == [saksnr(3)]
    assert saker(user, enhet=org.kommune.pk) == [saksnr(3), saksnr(2), saksnr(1)]
    assert saker(user, saksbehandler=personas.stedfortreder.pk) == [saksnr(2)]
    assert saker(user, tilgangskode="U") == [saksnr(1)]
    assert saker(user, tilgangskode="null") == [saksnr(3), saksnr(2)]
    assert saker(user, til=dag.isoformat()) == [saksnr(1)]
    assert saker(user, fra=(dag + DAY).isoformat()) == [saksnr(3), saksnr(2)]
    assert saker(user, fra=dag.isoformat(), til=dag.isoformat(), status="R") == [saksnr(1)]


def test_post_filters(personas, org, klokke):
    dag = klokke.dag
    case = sak(personas, org, "Sak")
    other = sak(personas, org, "Annen", actor=personas.saksbehandler_annen,
                administrativ_enhet=org.enhet_b)  # fmt: skip
    # Journalised 8 and 4 days ago and today: early in January the first ones are in last
    # year's series, and the list (newest year first) is in the same order.
    inn = post(personas, case, "Inn", journaldato=dag - 8 * DAY)
    ut = post(personas, case, "Ut", journalposttype="U", actor=personas.saksbehandler,
              tilgangskode="P", offentlig_tittel="*****", journaldato=dag - 4 * DAY)  # fmt: skip
    notat = post(personas, other, "Notat", journalposttype="X",
                 actor=personas.saksbehandler_annen, journaldato=dag)  # fmt: skip
    user = personas.arkiv
    assert poster(user) == nr(notat, ut, inn)
    assert poster(user, journalposttype="U") == nr(ut)
    assert poster(user, status="M") == nr(inn)
    assert poster(user, status="R") == nr(notat, ut)
    assert poster(user, enhet=org.sektor_b.pk) == nr(notat)
    assert poster(user, saksbehandler=personas.saksbehandler.pk) == nr(ut)
    assert poster(user, tilgangskode="P") == nr(ut)
    assert poster(user, tilgangskode="null") == nr(notat, inn)
    assert poster(user, fra=(dag - 4 * DAY).isoformat()) == nr(notat, ut)
    assert poster(user, fra=(dag - 7 * DAY).isoformat(), til=(dag - DAY).isoformat()) == nr(ut)
    assert poster(user, q="notat", enhet=org.enhet_b.pk) == nr(notat)


def test_party_names(personas, org):
    case = sak(personas, org, "Nabovarsel")
    Sakspart.objects.create(saksmappe=case, navn="Kari Nordmann", rolle="søker")
    inn = post(personas, case, "Merknad til nabovarsel")
    Korrespondansepart.objects.create(
        journalpost=inn, korrespondanseparttype="EA", navn="Ola Normann"
    )
    user = personas.saksbehandler_annen
    assert saker(user, part="nordmann") == [saksnr(1)]
    assert saker(user, part="kari nordm") == [saksnr(1)]
    assert saker(user, part="Ola") == []
    assert poster(user, part="Normann ola") == [jpnr(1)]
    assert poster(user, part="Kari") == []


# --- access -------------------------------------------------------------------------------


def test_screened_title_is_not_searchable_without_innsyn(personas, org, hemmelig):
    for uncleared in (personas.saksbehandler_annen, personas.leder_annen, personas.politiker):
        assert saker(uncleared, q=CANARY) == []
        assert saker(uncleared, q=f"barnevernssak {CANARY.lower()}") == []
        assert poster(uncleared, q=CANARY) == []
        # The public title is searchable by all.
        assert saker(uncleared, q="barnevernssak") == [saksnr(1)]
        assert poster(uncleared, q="bekymringsmelding") == [jpnr(1)]
    for cleared in (personas.saksbehandler, personas.klarert_u):
        assert saker(cleared, q=CANARY) == [saksnr(1)]
        assert saker(cleared, q="olsen barnevernssak") == [saksnr(1)]
        assert poster(cleared, q=CANARY.lower()) == [jpnr(1)]


def test_screened_party_names_are_not_searchable_without_innsyn(personas, org, hemmelig):
    for uncleared in (personas.saksbehandler_annen, personas.politiker):
        assert saker(uncleared, part=CANARY) == []
        assert saker(uncleared, part="Olsen") == []
        assert poster(uncleared, part=CANARY) == []
    for cleared in (personas.saksbehandler, personas.klarert_u):
        assert saker(cleared, part=CANARY) == [saksnr(1)]
        assert poster(cleared, part=CANARY) == [jpnr(1)]


def test_ranking_does_not_use_the_screened_title(personas, org, hemmelig):
    # Same public title; only the screened one repeats the word. Without innsyn the order
    # must be by number alone, as if the screened titles were not there.
    sak(personas, org, "Barnevernssak barnevernssak barnevernssak", tilgangskode="U",
        offentlig_tittel="Barnevernssak ***** *****")  # fmt: skip
    assert saker(personas.saksbehandler_annen, q="barnevernssak") == [saksnr(2), saksnr(1)]
    other = Saksmappe.objects.visible_to(personas.saksbehandler_annen)
    found = search.ord_filter(other, "barnevernssak")
    ranks = {c.saksnummer: c.rang for c in search.rangert(found, "barnevernssak")}
    assert ranks[saksnr(1)] == ranks[saksnr(2)]
    # With innsyn the repeated word counts.
    own = search.ord_filter(Saksmappe.objects.visible_to(personas.saksbehandler), "barnevernssak")
    ranks = {c.saksnummer: c.rang for c in search.rangert(own, "barnevernssak")}
    assert ranks[saksnr(2)] > ranks[saksnr(1)]


def test_search_page_never_shows_the_canary_to_the_uncleared(login, personas, org, hemmelig):
    client = login(personas.saksbehandler_annen)
    canary = CANARY.lower()  # matching ignores case; the page echoes the query as typed
    for params in (
        {},
        {"q": canary},
        {"q": "barnevernssak"},
        {"part": canary},
        {"type": "journalposter"},
        {"type": "journalposter", "q": "bekymringsmelding"},
        {"type": "journalposter", "part": canary},
    ):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert CANARY not in response.content.decode(), params
    body = client.get(URL, {"q": "barnevernssak"}).content.decode()
    assert "1 treff" in body and "Barnevernssak ***** *****" in body
    response = client.get(reverse("journal:lignende_saker"), {"tittel": f"Barnevernssak {CANARY}"})
    assert CANARY not in response.content.decode()

    client = login(personas.klarert_u)
    body = client.get(URL, {"q": CANARY}).content.decode()
    assert "1 treff" in body and f"Barnevernssak {CANARY} Olsen" in body


def test_anonymous_is_sent_to_login(client):
    for url in (URL, reverse("journal:lignende_saker") + "?tittel=byggesak"):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


# --- pages --------------------------------------------------------------------------------


def test_search_page(login, personas, org, klokke):
    case = sak(personas, org, "Søknad om byggetillatelse", tilgangskode="U",
               offentlig_tittel="Søknad om *****")  # fmt: skip
    journaldato = klokke.dag - 2 * DAY
    post(personas, case, "Søknad", journaldato=journaldato)
    client = login(personas.saksbehandler)
    body = client.get(reverse("journal:sok")).content.decode()
    assert "<h1>Søk i saker og journalposter</h1>" in body
    assert '<label for="id_q">Ord i tittelen</label>' in body
    assert '<button type="submit" class="knapp">Søk</button>' in body
    assert "1 treff" in body and saksnr(1) in body and "Søknad om byggetillatelse" in body
    assert "Byggesak" in body and ">U</abbr>" in body
    body = client.get(URL, {"type": "journalposter", "q": "søknad"}).content.decode()
    jp = f"{journaldato.year}/000001"  # in the series of its journal date
    assert "1 treff" in body and jp in body and f"{saksnr(1)}-1" in body
    assert f"{journaldato:%d.%m.%Y}" in body and '<label for="id_journalposttype">' in body
    assert 'aria-current="page">Journalposter<' in body


def test_htmx_gets_only_the_table(login, personas, org):
    sak(personas, org, "Søknad om byggetillatelse")
    client = login(personas.saksbehandler)
    response = client.get(URL, {"q": "tillatelse"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body and "<form" not in body
    assert "1 treff" in body and "<table" in body
    response = client.get(URL, {"q": "tillatelse", "til": "2000-01-01", "fra": "2001-01-01"},
                          headers={"HX-Request": "true"})  # fmt: skip
    body = response.content.decode()
    assert 'role="alert"' in body and "Til-datoen kan ikke være før fra-datoen." in body


def test_paginated_fifty_per_page(login, personas, org):
    case = sak(personas, org, "Mange brev")
    for n in range(51):
        post(personas, case, f"Brev {n}")
    client = login(personas.saksbehandler)
    response = client.get(URL, {"type": "journalposter"})
    body = response.content.decode()
    assert "51 treff, viser 1–50" in body and body.count("<tr>") == 51
    neste = response.context["neste"]
    assert "type=journalposter" in neste and "etter=" in neste
    assert jpnr(1) not in body  # newest first: the first post is on page 2
    body = client.get(f"{URL}?{neste}").content.decode()
    assert body.count("<tr>") == 2 and jpnr(1) in body and "51 treff, viser 51–51" in body
    assert "« Første side" in body and 'rel="next"' not in body
    # A cursor that cannot be read gives page 1.
    body = client.get(URL, {"type": "journalposter", "etter": "tull"}).content.decode()
    assert "viser 1–50" in body


def test_sorting_and_the_capped_count(login, personas, org, monkeypatch, klokke):
    dag = klokke.dag
    case = sak(personas, org, "Søknad om byggetillatelse")
    first = post(personas, case, "Søknad om byggetillatelse, tilbygg", journaldato=dag - 2 * DAY)
    post(personas, case, "Nabovarsel", journaldato=dag - DAY)
    third = post(personas, case, "Tillatelse gitt: byggetillatelse for byggetillatelse",
                 journaldato=dag)  # fmt: skip
    client = login(personas.saksbehandler)
    params = {"type": "journalposter", "q": "byggetillatelse"}

    def order(**extra):
        response = client.get(URL, {**params, **extra})
        return [p.journalpostnummer for p in response.context["side"].rader]

    assert order() == nr(third, first)
    assert order(sorter="eldst") == nr(first, third)
    assert order(sorter="relevans") == nr(third, first)
    body = client.get(URL, {**params, "sorter": "relevans"}).content.decode()
    assert "Beste treff blant de 500 nyeste" in body and 'name="sorter" value="relevans"' in body
    # Ranking is offered only with words; an unknown order falls back to newest first.
    body = client.get(URL, {"type": "journalposter", "sorter": "relevans"}).content.decode()
    assert "Beste treff" not in body
    assert order(sorter="tull") == nr(third, first)
    # The count stops at MAKS_ANTALL.
    monkeypatch.setattr(sok_views, "MAKS_ANTALL", 1)
    body = client.get(URL, params).content.decode()
    assert "Over 1 treff, viser 1–2" in body


def _make_rows(personas, org, n, start):
    for i in range(start, start + n):
        case = sak(personas, org, f"Sak nummer {i}", tilgangskode="U" if i % 2 else None,
                   offentlig_tittel="Sak nummer *****" if i % 2 else "",
                   administrativ_enhet=org.enhet_a if i % 3 else org.enhet_b)  # fmt: skip
        post(personas, case, f"Brev {i}", saksbehandler=personas.saksbehandler)


def test_query_count_does_not_grow_with_rows(login, personas, org, django_assert_max_num_queries):
    client = login(personas.saksbehandler_annen)
    pages = [{}, {"q": "sak nummer"}, {"type": "journalposter"}, {"type": "journalposter",
                                                                  "q": "brev"}]  # fmt: skip

    def counts():
        result = []
        for params in pages:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(URL, params).status_code == 200
            result.append(len(queries))
        return result

    _make_rows(personas, org, 3, 0)
    client.get(URL)  # the first request of a session stores its timeout
    few = counts()
    _make_rows(personas, org, 27, 3)
    many = counts()
    assert few == many
    with django_assert_max_num_queries(12):
        body = client.get(URL, {"type": "journalposter"}).content.decode()
    assert "30 treff" in body


def test_similar_cases(login, personas, org, hemmelig):
    sak(personas, org, "Søknad om byggetillatelse for garasje, gnr 12 bnr 34")
    sak(personas, org, "Søknad om byggetillatelse for tilbygg")
    sak(personas, org, "Klage på skoleskyss")
    found = search.lignende_saker(personas.saksbehandler, "byggetillatelse garasje")
    assert [c.saksnummer for c in found][0] == saksnr(2)
    assert saksnr(4) not in [c.saksnummer for c in found]
    assert search.lignende_saker(personas.saksbehandler, "by") == []
    assert search.lignende_saker(personas.saksbehandler_annen, f"{CANARY} Olsen") == []
    cleared = search.lignende_saker(personas.klarert_u, f"Barnevernssak {CANARY} Olsen")
    assert [c.synlig_tittel for c in cleared] == [f"Barnevernssak {CANARY} Olsen"]
    screened = search.lignende_saker(personas.saksbehandler_annen, "Barnevernssak")
    assert [c.synlig_tittel for c in screened] == ["Barnevernssak ***** *****"]

    client = login(personas.saksbehandler)
    url = reverse("journal:lignende_saker")
    response = client.get(url, {"tittel": "Søknad om byggetillatelse for garasje"})
    body = response.content.decode()
    assert "Finnes saken fra før?" in body and saksnr(2) in body and "<html" not in body
    assert client.get(url, {"tittel": " ab "}).content == b""
    assert client.get(url, {"tittel": "zzzqqq"}).content == b""


def test_searches_use_the_indexes(personas, org):
    """The expressions in journal.search must match the trigram indexes of migrations 0003_sok
    and 0011_sok_begrenset (on `tittel` only over records with an access code); full text is
    not evaluated row by row in a filter."""
    words = ["søknad", "klage", "vedtak", "skoleskyss", "barnehage", "tilsyn", "bolig", "plan"]
    Saksmappe.objects.bulk_create(
        Saksmappe(tittel=f"{words[i % 8]} {words[i // 8 % 8]} nr {i}",
                  # One in four screened, as in a municipality's archive.
                  offentlig_tittel=f"{words[i % 8]} {words[i // 8 % 8] if i % 4 else '*'} nr {i}",
                  tilgangskode_id=None if i % 4 else "U",
                  saksaar=2020, sakssekvensnummer=i + 1, saksansvarlig=personas.saksbehandler,
                  administrativ_enhet=org.enhet_a, opprettet_av=personas.saksbehandler)
        for i in range(3000)
    )  # fmt: skip
    Sakspart.objects.bulk_create(
        Sakspart(saksmappe=case, navn=f"Person {case.pk}") for case in Saksmappe.objects.all()
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
        # Too few rows for the planner to prefer an index by itself: leave it no other way.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        # With a few thousand rows the access-code index is the cheapest way to the screened
        # ones; at scale it is the partial trigram index. Dropped for this test (rolled back).
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename IN ('journal_saksmappe', "
            "'journal_journalpost') AND indexdef LIKE '%btree (tilgangskode_id%'"
        )
        for (name,) in cursor.fetchall():
            cursor.execute(f'DROP INDEX "{name}"')
    qs = Saksmappe.objects.visible_to(personas.saksbehandler_annen)
    plan = search.ord_filter(qs, "fotballbaner").explain()
    for index in ("sak_tittel_trgm_begrenset", "sak_offentlig_tittel_trgm"):
        assert f"Bitmap Index Scan on {index}" in plan, plan
    assert "'%fotballban%'" in plan and "to_tsvector" not in plan, plan
    plan = search.part_filter(qs, "hansen", part_model=Sakspart, to_row="saksmappe").explain()
    assert "Bitmap Index Scan on sakspart_navn_trgm" in plan, plan
    plan = search.lignende_saker_qs(personas.saksbehandler_annen, "fotballbane ved skolen")
    for index in ("sak_tittel_trgm_begrenset", "sak_offentlig_tittel_trgm"):
        assert f"Bitmap Index Scan on {index}" in plan.explain(), plan.explain()
    posts = Journalpost.objects.visible_to(personas.saksbehandler_annen)
    plan = search.ord_filter(posts, "fotballbane").explain()
    assert "jp_tittel_trgm_begrenset" in plan and "jp_offentlig_tittel_trgm" in plan, plan
    plan = search.part_filter(
        posts, "hansen", part_model=Korrespondansepart, to_row="journalpost"
    ).explain()
    assert "korrpart_navn_trgm" in plan, plan
