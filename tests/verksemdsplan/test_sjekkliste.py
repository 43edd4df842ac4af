"""The internal-control checklist (issue 21 item 5): who keeps it and who answers it, the
audit of every answer, bad input beside the field, and the chief executive's overview across
units with counts per status (in words, not colour)."""

import pytest
from django.urls import reverse

from saksarkiv import audit
from saksarkiv.services import DomainError, IkkeTilgang
from verksemdsplan.models import Sjekkpunkt, Sjekkpunktsvar, Svarstatus
from verksemdsplan.services import sjekkliste as tenester

pytestmark = pytest.mark.django_db


@pytest.fixture
def liste(personas):
    """Two føremål; HMS has two checkpoints, Økonomi one."""
    rad = personas.radmann
    hms = tenester.nytt_foremaal(rad, namn="HMS", rekkefolge=1)
    oko = tenester.nytt_foremaal(rad, namn="Økonomi", rekkefolge=2)
    vern = tenester.ny_kontrolltype(rad, hms, namn="Vernearbeid")
    attest = tenester.ny_kontrolltype(rad, oko, namn="Attestasjon")
    return {
        "hms": hms, "oko": oko,
        "vernerunde": tenester.nytt_sjekkpunkt(rad, vern, sporsmaal="Er vernerunde gjennomført?"),
        "amu": tenester.nytt_sjekkpunkt(rad, vern, sporsmaal="Er AMU orientert?", rekkefolge=2),
        "attest": tenester.nytt_sjekkpunkt(rad, attest, sporsmaal="Er fakturaer attestert?"),
    }  # fmt: skip


def test_only_the_chief_executive_keeps_the_checklist(personas, liste):
    for hvem in (personas.leder, personas.sektorleder, personas.saksbehandler, personas.arkiv):
        with pytest.raises(IkkeTilgang):
            tenester.nytt_foremaal(hvem, namn="Personvern")
        with pytest.raises(IkkeTilgang):
            tenester.sett_aktiv(hvem, liste["amu"], False)
    with pytest.raises(DomainError) as feil:
        tenester.nytt_foremaal(personas.radmann, namn="hms")
    assert feil.value.field == "namn"
    tenester.sett_aktiv(personas.radmann, liste["amu"], False)
    assert not Sjekkpunkt.objects.get(pk=liste["amu"].pk).aktiv
    assert audit.history(liste["amu"]).filter(handling="endret").exists()


def test_the_unit_leader_answers_and_every_change_is_audited(personas, org, liste, klokke):
    aar = klokke.dag.year
    p = liste["vernerunde"].pk
    for hvem in (personas.saksbehandler, personas.leder_annen, personas.arkiv):
        with pytest.raises(IkkeTilgang):
            tenester.svar(hvem, org.enhet_a, aar, {p: (Svarstatus.JA, "")})
    assert tenester.svar(personas.leder, org.enhet_a, aar, {p: (Svarstatus.DELVIS, "Vår")}) == 1
    # A leader above the unit (the sector leader) may correct it; the same answer is no change.
    assert tenester.svar(personas.sektorleder, org.enhet_a, aar, {p: ("JA", "Vår og høst")}) == 1
    assert tenester.svar(personas.leder, org.enhet_a, aar, {p: ("JA", "Vår og høst")}) == 0
    svar = Sjekkpunktsvar.objects.get(sjekkpunkt_id=p, enhet=org.enhet_a, aar=aar)
    assert (svar.status, svar.kommentar) == ("JA", "Vår og høst")
    assert svar.svart_av == personas.sektorleder
    logg = list(audit.history(svar).order_by("pk"))
    assert [e.handling for e in logg] == ["besvart", "svar endret"]
    assert logg[1].endringer == {
        "kommentar": {"for": "Vår", "etter": "Vår og høst"},
        "status": {"for": "DE", "etter": "JA"},
    }
    # An answer given is not removed; a comment needs a status.
    with pytest.raises(DomainError) as feil:
        tenester.svar(personas.leder, org.enhet_a, aar, {p: ("", "")})
    assert feil.value.field == f"status-{p}"
    with pytest.raises(DomainError):
        tenester.svar(personas.leder, org.enhet_a, aar, {liste["amu"].pk: ("", "Snart")})


def test_the_page_saves_answers_and_shows_bad_input_beside_the_field(
    personas, org, liste, klokke, client
):
    aar = klokke.dag.year
    url = reverse("verksemdsplan:sjekkliste_eining", args=[org.enhet_a.pk, aar])
    client.force_login(personas.saksbehandler)
    assert client.get(url).status_code == 403
    client.force_login(personas.leder)
    side = client.get(url)
    assert side.status_code == 200
    assert "Er vernerunde gjennomført?" in side.content.decode()
    v, a, f = liste["vernerunde"].pk, liste["amu"].pk, liste["attest"].pk
    feil = client.post(url, {f"status-{v}": "XX", f"status-{a}": "JA"})
    assert feil.status_code == 400
    assert 'class="feltfeil"' in feil.content.decode()
    assert not Sjekkpunktsvar.objects.exists()  # nothing half-saved
    svar = client.post(url, {f"status-{v}": "JA", f"status-{a}": "NE", f"kommentar-{a}": "Mangler"})
    assert svar.status_code == 302
    assert dict(Sjekkpunktsvar.objects.values_list("sjekkpunkt_id", "status")) == {v: "JA", a: "NE"}
    # The sector leader reads it; the other unit's leader may not post to it.
    client.force_login(personas.leder_annen)
    assert client.post(url, {f"status-{f}": "JA"}).status_code == 403
    assert Sjekkpunktsvar.objects.count() == 2


def test_the_overview_counts_per_unit_and_purpose_in_words(
    personas, org, liste, klokke, client, django_assert_max_num_queries
):
    aar = klokke.dag.year
    tenester.svar(personas.leder, org.enhet_a, aar, {
        liste["vernerunde"].pk: ("JA", ""), liste["amu"].pk: ("NE", ""),
        liste["attest"].pk: ("IA", "")})  # fmt: skip
    tenester.svar(personas.leder_annen, org.enhet_b, aar, {liste["vernerunde"].pk: ("DE", "")})
    tenester.svar(personas.leder_annen, org.enhet_b, aar - 1, {liste["amu"].pk: ("JA", "")})
    foremaal, rader = tenester.oversikt(personas.radmann, aar)
    assert [f.namn for f in foremaal] == ["HMS", "Økonomi"]
    per = {r.enhet: r for r in rader}
    assert set(per) >= {org.kommune, org.sektor_a, org.enhet_a, org.enhet_b}
    assert dict(per[org.enhet_a].celler[0]) == {
        "Ja": 1, "Delvis": 0, "Nei": 1, "Ikke aktuelt": 0, "Ikke besvart": 0}  # fmt: skip
    assert dict(per[org.enhet_b].celler[0])["Delvis"] == 1
    assert dict(per[org.enhet_b].celler[0])["Ikke besvart"] == 1  # last year's does not count
    assert dict(per[org.enhet_b].sum)["Ikke besvart"] == 2
    # A leader sees the units he leads; a caseworker no overview.
    _f, rader = tenester.oversikt(personas.sektorleder, aar)
    assert {r.enhet for r in rader} == {org.sektor_a, org.enhet_a}
    with pytest.raises(IkkeTilgang):
        tenester.oversikt(personas.saksbehandler, aar)

    client.force_login(personas.radmann)
    url = reverse("verksemdsplan:sjekkliste") + f"?aar={aar}"
    with django_assert_max_num_queries(12) as lite:
        side = client.get(url)
    assert side.status_code == 200
    html = side.content.decode()
    assert "Ikke besvart: <strong>2</strong>" in html
    # More units and answers: the same number of queries (no N+1).
    from tests.factories import EnhetFactory

    for n in range(4):
        e = EnhetFactory(kode=f"X{n}", navn=f"Ekstra {n}", parent=org.sektor_b)
        tenester.svar(personas.radmann, e, aar, {liste["attest"].pk: ("JA", "")})
    with django_assert_max_num_queries(len(lite.captured_queries)):
        assert client.get(url).status_code == 200
    client.force_login(personas.saksbehandler)
    assert client.get(url).status_code == 403


def test_the_chief_executive_keeps_the_checklist_on_its_page(personas, liste, client):
    url = reverse("verksemdsplan:sjekkliste_katalog")
    client.force_login(personas.leder)
    assert client.get(url).status_code == 403
    client.force_login(personas.radmann)
    assert client.get(url).status_code == 200
    type_ = liste["vernerunde"].type
    svar = client.post(url, {"handling": "punkt", "punkt-type": type_.pk,
                             "punkt-sporsmaal": "   ", "punkt-rekkefolge": 3})  # fmt: skip
    assert svar.status_code == 400
    assert 'class="feltfeil"' in svar.content.decode()
    svar = client.post(url, {"handling": "punkt", "punkt-type": type_.pk,
                             "punkt-sporsmaal": "Er risikovurdering gjort?",
                             "punkt-rekkefolge": 3})  # fmt: skip
    assert svar.status_code == 302
    assert Sjekkpunkt.objects.filter(type=type_, sporsmaal="Er risikovurdering gjort?").exists()
