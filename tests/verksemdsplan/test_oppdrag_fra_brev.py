"""An assignment made from a point of a published oppdragsbrev (the «raude tråden» from the
letter to the assignment): the letter's page offers it to leaders, the form comes prefilled,
the service checks the letter (published, same year, the unit at or below the letter's), and
the letter and the assignment link to each other."""

import datetime as dt

import pytest
from django.urls import reverse

from saksarkiv.services import DomainError
from verksemdsplan.models import Maal, Oppdrag, Oppdragsbrev, Oppdragspunkt, Plan
from verksemdsplan.services import oppdrag as tenester

pytestmark = pytest.mark.django_db

PUNKT = "Alle einingar skal ta i bruk digital signering i løpet av året. Sjå eige vedlegg."


@pytest.fixture
def brev(personas, org, klokke):
    aar = klokke.dag.year
    plan = Plan.objects.create(namn="Samfunnsdelen", type="SD", fra_aar=aar - 1, til_aar=aar + 8)
    maal = Maal.objects.create(plan=plan, nivaa="HM", nummer="1", tittel="Gode tenester")
    brevet = Oppdragsbrev.objects.create(enhet=org.sektor_a, aar=aar, status="P",
                                         skrive_av=personas.sektorleder)  # fmt: skip
    punkt = Oppdragspunkt.objects.create(brev=brevet, tema="DI", tekst=PUNKT)
    return {"aar": aar, "maal": maal, "brev": brevet, "punkt": punkt}


def _data(personas, org, brev, klokke, **kw):
    return {
        "aar": brev["aar"], "kategori": "AP", "tittel": "Digital signering", "enhet": org.enhet_a,
        "eigar": personas.saksbehandler, "frist": klokke.dag + dt.timedelta(days=30),
        "maal": brev["maal"], "oppdragspunkt": brev["punkt"], **kw,
    }  # fmt: skip


def test_the_service_checks_the_letter_of_the_point(personas, org, brev, klokke):
    oppdrag = tenester.opprett(personas.leder, **_data(personas, org, brev, klokke))
    assert oppdrag.oppdragspunkt == brev["punkt"]
    # A unit outside the letter's unit.
    with pytest.raises(DomainError) as feil:
        tenester.opprett(personas.radmann, **_data(personas, org, brev, klokke,
                         enhet=org.enhet_b, eigar=personas.leder_annen))  # fmt: skip
    assert feil.value.field == "enhet"
    # Another year than the letter's.
    with pytest.raises(DomainError) as feil:
        tenester.opprett(personas.leder, **_data(personas, org, brev, klokke,
                         aar=brev["aar"] + 1))  # fmt: skip
    assert feil.value.field == "aar"
    # A letter not published.
    Oppdragsbrev.objects.filter(pk=brev["brev"].pk).update(status="G")
    brev["punkt"].refresh_from_db()
    with pytest.raises(DomainError, match="ikke publisert"):
        tenester.opprett(personas.leder, **_data(personas, org, brev, klokke))
    assert Oppdrag.objects.count() == 1


def test_from_the_letter_page_to_a_prefilled_assignment_and_back(
    client, personas, org, brev, klokke
):
    brevside = reverse("verksemdsplan:brev", args=[brev["brev"].pk])
    ny = reverse("verksemdsplan:oppdrag_ny") + f"?punkt={brev['punkt'].pk}"
    client.force_login(personas.saksbehandler)  # reads the letter, makes no assignments
    assert ny not in client.get(brevside).content.decode()

    client.force_login(personas.leder)
    assert ny.replace("&", "&amp;") in client.get(brevside).content.decode()
    side = client.get(ny).content.decode()
    assert "Fra oppdragsbrevet til Sektor A" in side and PUNKT in side
    assert 'value="Alle einingar skal ta i bruk digital signering i løpet av året. Sjå' in side
    assert f'name="oppdrag-oppdragspunkt" value="{brev["punkt"].pk}"' in side
    assert f'value="31.12.{brev["aar"]}"' in side

    svar = client.post(reverse("verksemdsplan:oppdrag_ny"), {
        "oppdrag-aar": brev["aar"], "oppdrag-kategori": "AP",
        "oppdrag-tittel": "Digital signering i Byggesak", "oppdrag-enhet": org.enhet_a.pk,
        "oppdrag-eigar": personas.saksbehandler.pk,
        "oppdrag-frist": f"31.12.{brev['aar']}", "oppdrag-maal": brev["maal"].pk,
        "oppdrag-vekt": 1, "oppdrag-oppdragspunkt": brev["punkt"].pk,
    })  # fmt: skip
    oppdrag = Oppdrag.objects.get()
    assert svar.status_code == 302 and oppdrag.oppdragspunkt == brev["punkt"]
    side = client.get(reverse("verksemdsplan:oppdrag", args=[oppdrag.pk])).content.decode()
    assert "Fra oppdragsbrevet" in side and f"#punkt-{brev['punkt'].pk}" in side
    side = client.get(brevside).content.decode()
    assert "Digital signering i Byggesak" in side and org.enhet_a.navn in side


def test_a_refusal_keeps_the_point_on_the_page(client, personas, org, brev):
    client.force_login(personas.leder)
    svar = client.post(reverse("verksemdsplan:oppdrag_ny"), {
        "oppdrag-aar": brev["aar"] + 1, "oppdrag-kategori": "AP",
        "oppdrag-tittel": "Feil år", "oppdrag-enhet": org.enhet_a.pk,
        "oppdrag-eigar": personas.saksbehandler.pk,
        "oppdrag-frist": f"31.12.{brev['aar']}", "oppdrag-maal": brev["maal"].pk,
        "oppdrag-vekt": 1, "oppdrag-oppdragspunkt": brev["punkt"].pk,
    })  # fmt: skip
    side = svar.content.decode()
    assert svar.status_code in (400, 409, 422)
    assert f"Oppdragsbrevet gjelder {brev['aar']}." in side and PUNKT in side
    assert not Oppdrag.objects.exists()


def test_a_point_of_an_unpublished_letter_is_not_offered(client, personas, brev):
    Oppdragsbrev.objects.filter(pk=brev["brev"].pk).update(status="U")
    client.force_login(personas.leder)
    ny = reverse("verksemdsplan:oppdrag_ny")
    assert client.get(ny, {"punkt": brev["punkt"].pk}).status_code == 404
    assert client.get(ny, {"punkt": "x"}).status_code == 200  # ignored
