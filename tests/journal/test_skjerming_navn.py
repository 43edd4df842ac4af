"""Issue 15, defect 2: title words screened by the leader that are the sender's name.

Ticking «Lise» and «Kvamme» in «Søknad om dispensasjon Lise Kvamme» without screening the
sender published «Avsender: Lise Kvamme» beside «Søknad om dispensasjon *****». Now the
service refuses such a decision unless the correspondent is screened or the leader
confirms that the name may stand; the page marks the name words and preselects screening
the correspondent when archive's suggestion already hides the name."""

import pytest
from django.urls import reverse

from journal.services.journalposter import endre_status, legg_til_korrespondansepart
from journal.services.offentlighet import (
    UNNTATT,
    navneord_i_tittel,
    versjon,
    vurder_offentlighet,
)
from journal.services.registration import registrer_journalpost
from journal.services.saker import legg_til_part
from tests.conftest import CANARY
from tests.journal.flythjelp import fersk, ny_sak, refused, siste

pytestmark = pytest.mark.django_db

NAVN = f"Lise {CANARY}"
TITTEL = f"Søknad om dispensasjon {NAVN}"
# Words: 0 Søknad 1 om 2 dispensasjon 3 Lise 4 KANARIFUGL
NAVNEORD = [3, 4]


@pytest.fixture
def sak(personas, org):
    return ny_sak(personas.saksbehandler, org.enhet_a, tittel="Dispensasjoner 2026")


def _post(personas, sak, avsender=NAVN, offentlig_tittel="Søknad om dispensasjon *****"):
    post = registrer_journalpost(
        personas.arkiv,
        sak,
        journalposttype="I",
        tittel=TITTEL,
        offentlig_tittel=offentlig_tittel,
        tilgangskode="XX",
        saksbehandler=personas.saksbehandler,
    )
    legg_til_korrespondansepart(personas.arkiv, post, korrespondanseparttype="EA", navn=avsender)
    return fersk(post)


def _unntatt(actor, post, **kwargs):
    return vurder_offentlighet(actor, post, vedtak=UNNTATT, tilgangskode="U", **kwargs)


def _publisert(personas, post):
    # The decision took the post from M to S; archive journalises it.
    return endre_status(personas.arkiv, fersk(post), "journalfor")


def test_screening_the_senders_name_in_the_title_requires_screening_the_sender(personas, sak):
    post = _post(personas, sak)
    error = refused(
        lambda: _unntatt(personas.leder, post, skjermede_ord=NAVNEORD),
        f"navnet til «{NAVN}»",
        post,
    )
    assert error.field == "skjerm_korrespondanseparter"
    # A public title written by hand that leaves the name out counts the same.
    error = refused(
        lambda: _unntatt(personas.leder, post, offentlig_tittel="Søknad om dispensasjon *****"),
        "Skjerm avsender/mottaker",
        post,
    )
    assert error.field == "skjerm_korrespondanseparter"


def test_screening_the_sender_then_publishes_neither_name_nor_words(personas, sak, client):
    post = _unntatt(
        personas.leder, _post(personas, sak), skjermede_ord=NAVNEORD,
        skjerm_korrespondanseparter=True,
    )  # fmt: skip
    assert post.offentlig_tittel == "Søknad om dispensasjon *****"
    _publisert(personas, post)
    html = client.get(reverse("offentlig:postliste")).content.decode()
    assert "Søknad om dispensasjon *****" in html
    assert CANARY not in html and "Lise" not in html
    side = client.get(reverse("offentlig:journalpost", args=[post.pk])).content.decode()
    assert CANARY not in side and "Lise" not in side


def test_the_name_may_stand_only_when_confirmed_and_the_history_says_so(personas, sak, client):
    post = _unntatt(personas.leder, _post(personas, sak), skjermede_ord=NAVNEORD,
                    navn_kan_vises=True)  # fmt: skip
    assert not post.skjerm_korrespondanseparter
    assert f"Navnet «{NAVN}» er bevisst ikke skjermet." in siste(post).beskrivelse
    _publisert(personas, post)
    assert NAVN in client.get(reverse("offentlig:postliste")).content.decode()


def test_a_party_of_the_case_with_the_name_counts_too(personas, sak):
    legg_til_part(personas.saksbehandler, sak, navn=NAVN)
    post = _post(personas, sak, avsender="Advokatfirmaet Lov AS")
    refused(lambda: _unntatt(personas.leder, post, skjermede_ord=NAVNEORD), NAVN, post)


def test_words_that_are_no_name_need_no_confirmation(personas, sak):
    post = _post(personas, sak, avsender="Ola Nordmann")
    post = _unntatt(personas.leder, post, skjermede_ord=NAVNEORD)
    assert not post.skjerm_korrespondanseparter
    assert navneord_i_tittel(post) == set()


def _url(post):
    return reverse("journal:vurder_offentlighet", args=[post.pk])


def test_page_marks_the_name_words_and_preselects_screening_the_sender(personas, sak, login):
    post = _post(personas, sak)
    assert navneord_i_tittel(post) == set(NAVNEORD)
    response = login(personas.leder).get(_url(post))
    form = response.context["form"]
    # Archive's suggestion hides the name already: screening the sender is preselected.
    assert form["skjerm_korrespondanseparter"].value() is True
    html = response.content.decode()
    assert html.count("data-navneord") == 2
    assert 'id="id_navn_kan_vises"' in html and "js/skjerming.js" in html


def test_page_refuses_an_unscreened_name_beside_the_field(personas, sak, login):
    post = _post(personas, sak)
    data = {"versjon": versjon(post), "vedtak": UNNTATT, "tilgangskode": "U",
            "skjermede_ord": ["3", "4"], "skjerm_dokumenter": "on"}  # fmt: skip
    client = login(personas.leder)
    response = client.post(_url(post), data)
    assert response.status_code == 400
    assert 'id="id_skjerm_korrespondanseparter_error"' in response.content.decode()
    assert fersk(post).tilgangskode_id == "XX"
    response = client.post(_url(post), {**data, "navn_kan_vises": "on"})
    assert response.status_code == 302
    assert fersk(post).tilgangskode_id == "U"
