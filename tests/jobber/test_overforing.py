"""«Overfør restanser»: a leader moves a leaving person's open work in a unit to another
caseworker in one transaction, logged; the refusals change nothing."""

import pytest
from django.urls import reverse

from journal.models import Journalpost, Korrespondansepart, Saksmappe
from journal.services.avskrivning import avskriv
from journal.services.overforing import forhandsvis, overfor_restanser
from saksarkiv import audit
from saksarkiv.models import Endringslogg
from tests.journal.flythjelp import fersk, inngaende, journalfort_inngaende, logg, ny_sak, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def arbeid(personas, org, restanser):
    """Besides the restanser: a journalised, written-off post and a post in a closed case."""
    sb = personas.saksbehandler
    ferdig = journalfort_inngaende(personas, restanser.forfalt.saksmappe, tittel="Ferdig brev")
    avskriv(sb, ferdig, "TE")
    lukket = ny_sak(sb, org.enhet_a, tittel="Lukket sak")
    i_lukket = inngaende(personas.arkiv, lukket, saksbehandler=sb, tittel="I lukket sak")
    Saksmappe.objects.filter(pk=lukket.pk).update(saksstatus="A")
    return {"ferdig": fersk(ferdig), "lukket": fersk(lukket), "i_lukket": fersk(i_lukket)}


def test_open_posts_and_cases_move_and_history_stays(personas, org, restanser, arbeid):
    sb, ny = personas.saksbehandler, personas.stedfortreder
    sak = restanser.forfalt.saksmappe
    before = Endringslogg.objects.count()
    preview = forhandsvis(personas.leder, fra=sb, til=ny, enhet=org.enhet_a)
    resultat = overfor_restanser(personas.leder, fra=sb, til=ny, enhet=org.enhet_a)
    assert resultat == preview
    # The three restanser, the written-off letter still waiting for archive (M), and the
    # note sb wrote and sent (E, not journalised): replies to it now go to the successor.
    # The note stays the stedfortreder's restanse: its recipient is unchanged.
    moved = {
        restanser.forfalt,
        restanser.snart,
        restanser.skjermet,
        restanser.avskrevet,
        restanser.notat,
    }
    assert (resultat.poster, resultat.notater, resultat.saker, resultat.blir_igjen) == (5, 0, 1, 1)
    for post in moved:
        assert fersk(post).saksbehandler == ny
    assert fersk(arbeid["ferdig"]).saksbehandler == sb  # journalised and written off
    assert fersk(arbeid["i_lukket"]).saksbehandler == sb  # closed case: frozen
    assert fersk(sak).saksansvarlig == ny
    assert fersk(arbeid["lukket"]).saksansvarlig == sb
    assert fersk(restanser.annen_enhet).saksbehandler == personas.saksbehandler_annen
    # One entry per moved post and case, plus the summary on the person.
    part = Korrespondansepart.objects.get(journalpost=restanser.notat, korrespondanseparttype="IM")
    assert part.person == ny
    assert Endringslogg.objects.count() - before == 5 + 1 + 1
    assert logg(restanser.snart)[-1] == (
        "overført",
        {"saksbehandler": {"for": "Sara Saksbehandler", "etter": "Test Stedfortreder"}},
    )
    summary = audit.history(sb).get()
    assert summary.handling == "restanser overført" and summary.enhet_id == org.enhet_a.pk
    assert "5 journalposter, 0 notater og 1 saker" in summary.beskrivelse
    assert "1 journalposter i avsluttede saker ble ikke flyttet" in summary.beskrivelse


def test_notes_addressed_to_the_person_get_the_new_recipient(personas, org, restanser):
    resultat = overfor_restanser(
        personas.leder, fra=personas.stedfortreder, til=personas.saksbehandler, enhet=org.enhet_a
    )
    assert resultat.notater == 1 and resultat.poster == 0
    part = Korrespondansepart.objects.get(journalpost=restanser.notat, korrespondanseparttype="IM")
    assert part.person == personas.saksbehandler and part.navn == "Sara Saksbehandler"
    assert logg(restanser.notat)[-1][0] == "overført"


def test_a_deputy_and_archive_may_transfer(personas, org, restanser):
    overfor_restanser(
        personas.stedfortreder,
        fra=personas.saksbehandler,
        til=personas.stedfortreder,
        enhet=org.enhet_a,
    )
    assert fersk(restanser.forfalt).saksbehandler == personas.stedfortreder
    overfor_restanser(
        personas.arkiv, fra=personas.stedfortreder, til=personas.saksbehandler, enhet=org.enhet_a
    )
    assert fersk(restanser.forfalt).saksbehandler == personas.saksbehandler


def test_refusals_change_nothing(personas, org, restanser):
    sb, ny = personas.saksbehandler, personas.stedfortreder
    objs = (restanser.forfalt, restanser.forfalt.saksmappe)

    def flytt(actor=personas.leder, fra=sb, til=ny, enhet=org.enhet_a):
        return lambda: overfor_restanser(actor, fra=fra, til=til, enhet=enhet)

    assert (
        refused(
            flytt(actor=personas.leder_annen), "bare overføre restanser i enheter du leder", *objs
        ).field
        == "enhet"
    )
    assert refused(flytt(actor=sb), "enheter du leder", *objs).field == "enhet"
    assert refused(flytt(til=sb), "annen mottaker", *objs).field == "til"
    error = refused(
        flytt(til=personas.saksbehandler_annen),
        "ingen aktiv saksbehandler- eller lederrolle i Byggesak",
        *objs,
    )
    assert error.field == "til"
    assert refused(flytt(til=None), "Velg hvem som skal overta", *objs).field == "til"
    assert (
        refused(flytt(fra=personas.leder, til=sb), "har ingen åpne journalposter", *objs).field
        == "fra"
    )
    # The other unit's caseworker has open work, but not in Byggesak.
    assert refused(flytt(fra=personas.saksbehandler_annen), "ingen åpne", *objs)


def test_nothing_but_closed_cases_is_refused_and_says_why(personas, org):
    sb = personas.saksbehandler
    lukket = ny_sak(sb, org.enhet_a, tittel="Lukket sak")
    inngaende(personas.arkiv, lukket, saksbehandler=sb)
    Saksmappe.objects.filter(pk=lukket.pk).update(saksstatus="A")
    error = refused(
        lambda: overfor_restanser(
            personas.leder, fra=sb, til=personas.stedfortreder, enhet=org.enhet_a
        ),
        "1 journalposter ligger i avsluttede saker",
    )
    assert error.field == "fra"


# --- The page --------------------------------------------------------------------------------


def test_page_previews_then_transfers(login, personas, org, restanser):
    client = login(personas.leder)
    url = reverse("journal:overfor_restanser")
    body = client.get(url).content.decode()
    assert "Overføring i Byggesak" in body and "Sara Saksbehandler" in body
    data = {
        "enhet": org.enhet_a.pk,
        "fra": personas.saksbehandler.pk,
        "til": personas.stedfortreder.pk,
    }
    response = client.post(url, {**data, "handling": "forhandsvis"})
    body = response.content.decode()
    assert response.status_code == 200 and "Dette blir overført" in body
    assert "5 journalposter" in body and "1 sak" in body
    assert fersk(restanser.forfalt).saksbehandler == personas.saksbehandler  # preview only
    # Confirming other choices than the previewed ones shows a new preview first.
    other = {
        **data,
        "til": personas.leder.pk,
        "forhandsvist": f"{org.enhet_a.pk}:{personas.saksbehandler.pk}:{personas.stedfortreder.pk}",
    }
    response = client.post(url, {**other, "handling": "bekreft"})
    assert response.status_code == 200 and "Dette blir overført" in response.content.decode()
    assert fersk(restanser.forfalt).saksbehandler == personas.saksbehandler
    previewed = f"{org.enhet_a.pk}:{personas.saksbehandler.pk}:{personas.stedfortreder.pk}"
    response = client.post(
        url, {**data, "handling": "bekreft", "forhandsvist": previewed}, follow=True
    )
    assert "Overført til Test Stedfortreder: 5 journalposter" in response.content.decode()
    assert fersk(restanser.forfalt).saksbehandler == personas.stedfortreder


def test_page_refusals_are_shown_beside_the_field(login, personas, org, restanser):
    client = login(personas.leder)
    url = reverse("journal:overfor_restanser")
    response = client.post(
        url, {"enhet": org.enhet_a.pk, "fra": personas.saksbehandler.pk, "handling": "bekreft"}
    )
    assert response.status_code == 400 and "Feltet er påkrevet." in response.content.decode()
    response = client.post(
        url,
        {
            "enhet": org.enhet_a.pk,
            "fra": personas.saksbehandler.pk,
            "til": personas.saksbehandler.pk,
            "handling": "bekreft",
        },
    )
    assert response.status_code == 400 and "annen mottaker" in response.content.decode()
    # Another unit is not among the leader's choices.
    response = client.post(
        url,
        {
            "enhet": org.enhet_b.pk,
            "fra": personas.saksbehandler_annen.pk,
            "til": personas.leder_annen.pk,
        },
    )
    assert response.status_code == 400 and "Velg en enhet du leder." in response.content.decode()
    assert fersk(restanser.annen_enhet).saksbehandler == personas.saksbehandler_annen
    assert Journalpost.objects.filter(saksbehandler=personas.stedfortreder).count() == 0
