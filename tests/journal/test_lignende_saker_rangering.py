"""«Finnes saken fra før?» ranks by how well the words match, not by date (issue 15, item 9).

Cases are registered in order under the test clock, so a higher sequence number is a newer
case; the date only breaks ties."""

import pytest
from django.urls import reverse

from journal import search
from journal.services.registration import opprett_sak
from tests.conftest import CANARY

pytestmark = pytest.mark.django_db


def sak(personas, org, tittel, **kwargs):
    kwargs.setdefault("administrativ_enhet", org.enhet_a)
    return opprett_sak(personas.saksbehandler, tittel=tittel, **kwargs)


def numre(user, tittel):
    return [case.saksnummer for case in search.lignende_saker(user, tittel)]


def test_an_older_case_with_every_word_comes_before_newer_cases_with_one(personas, org):
    """The defect: an old case with all the typed words, far apart in a long title, was
    ranked below (or, under the trigram thresholds, not shown beside) newer cases that
    share one word."""
    alle = sak(
        personas,
        org,
        "Storgata 14 – søknad om dispensasjon fra reguleringsplanen for oppføring av garasje",
    )
    en = sak(personas, org, "Garasje")
    to = sak(personas, org, "Klage på vedtak om garasje i Storgata")
    annen = sak(personas, org, "Garasje og carport, Fjellveien 3")
    found = numre(personas.saksbehandler, "Dispensasjon for garasje i Storgata")
    # Three words of three, then two, then the two with one (ordered between them by how
    # like the whole title they are); «for» and «i» are stop words that count for nothing.
    assert found[:2] == [alle.saksnummer, to.saksnummer]
    assert sorted(found[2:]) == sorted([annen.saksnummer, en.saksnummer])


def test_inflected_and_compound_words_count_as_matches(personas, org):
    gammel = sak(personas, org, "Byggetillatelser for garasjer i Storgata")
    ny = sak(personas, org, "Søknad om tilskudd til garasje")
    found = numre(personas.saksbehandler, "tillatelse garasje")
    assert found == [gammel.saksnummer, ny.saksnummer]


def test_equal_matches_are_newest_first(personas, org):
    eldre = sak(personas, org, "Skoleskyss for elev ved Nordby skole")
    nyere = sak(personas, org, "Skoleskyss for elev ved Nordby skole")
    assert numre(personas.saksbehandler, "skoleskyss Nordby") == [
        nyere.saksnummer,
        eldre.saksnummer,
    ]


def test_only_stop_words_or_short_words_give_nothing(personas, org):
    sak(personas, org, "Søknad om og for i på")
    assert search.lignende_saker(personas.saksbehandler, "om og for i på") == []
    assert search.lignende_saker(personas.saksbehandler, "ab cd") == []


def test_screened_words_neither_match_nor_rank_for_users_without_innsyn(personas, org):
    """A screened word in the restricted title must not lift a case for a user who cannot
    read it: ranking by it would tell which cases hold the word."""
    skjermet = sak(
        personas,
        org,
        f"Barnevernssak {CANARY} Olsen",
        tilgangskode="U",
        offentlig_tittel="Barnevernssak ***** *****",
    )
    apen = sak(personas, org, "Barnevernssak om samvær")
    typed = f"Barnevernssak {CANARY} Olsen"

    def treff(user):
        return {c.saksnummer: c.treff for c in search.lignende_saker(user, typed)}

    # The uncleared caseworker: one word in each visible title, nothing more for the canary.
    assert treff(personas.saksbehandler_annen) == {skjermet.saksnummer: 1, apen.saksnummer: 1}
    assert search.lignende_saker_qs(personas.saksbehandler_annen, f"{CANARY} Olsen") is not None
    assert numre(personas.saksbehandler_annen, f"{CANARY} Olsen") == []
    # The cleared one sees all three words in the restricted title: it comes first.
    assert treff(personas.klarert_u) == {skjermet.saksnummer: 3, apen.saksnummer: 1}
    assert numre(personas.klarert_u, typed) == [skjermet.saksnummer, apen.saksnummer]


def test_the_fragment_shows_the_best_match_first_and_costs_few_queries(
    login, personas, org, django_assert_max_num_queries
):
    alle = sak(personas, org, "Storgata 14 – dispensasjon fra reguleringsplanen, garasje")
    for i in range(8):
        sak(personas, org, f"Garasje nr {i}")
    client = login(personas.saksbehandler)
    url = reverse("journal:lignende_saker")
    client.get(url, {"tittel": "garasje"})  # the session's first request stores its timeout
    with django_assert_max_num_queries(5):
        body = client.get(url, {"tittel": "Dispensasjon garasje Storgata"}).content.decode()
    assert body.index(alle.saksnummer) < body.index("Garasje nr")
    assert body.count("<li>") == 5
    assert body.count("alle ordene</span>") == 1
