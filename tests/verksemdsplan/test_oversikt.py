"""«Oversikt», the verksemdsplan's front page: the letters from the top down to the unit, the
unit's goals, assignments, indicators, latest report, checklist and next deadlines — what
each persona sees follows the parts' own rules — with a constant query count."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from verksemdsplan.models import (
    Aarshjulfrist,
    Indikator,
    Indikatorverdi,
    Maal,
    Oppdrag,
    Oppdragsbrev,
    Plan,
    Rapport,
    Verksemdsplan,
)

pytestmark = pytest.mark.django_db

URL = reverse("verksemdsplan:oversikt")


@pytest.fixture
def verda(personas, org, klokke):
    dag = klokke.dag
    aar = dag.year
    plan = Plan.objects.create(namn="Samfunnsdelen", type="SD", fra_aar=aar - 1, til_aar=aar + 8)
    maal = Maal.objects.create(plan=plan, nivaa="HM", nummer="1", tittel="Gode tenester")
    vp = Verksemdsplan.objects.create(enhet=org.enhet_a, aar=aar)
    vp.maal.set([maal])
    topp = Oppdragsbrev.objects.create(enhet=org.kommune, aar=aar, status="P",
                                       skrive_av=personas.radmann)  # fmt: skip
    Oppdragsbrev.objects.create(enhet=org.sektor_a, aar=aar, status="U", forelder=topp,
                                skrive_av=personas.sektorleder)  # fmt: skip
    felles = {"aar": aar, "kategori": "AP", "enhet": org.enhet_a, "maal": maal,
              "oppretta_av": personas.radmann}  # fmt: skip
    Oppdrag.objects.create(tittel="Forfalt", eigar=personas.saksbehandler,
                           frist=dag - dt.timedelta(days=3), status="IR", **felles)  # fmt: skip
    Oppdrag.objects.create(tittel="Ferdig", eigar=personas.saksbehandler,
                           frist=dag - dt.timedelta(days=3), status="FF", **felles)  # fmt: skip
    Oppdrag.objects.create(tittel="Seinare", eigar=personas.leder,
                           frist=dag + dt.timedelta(days=30), status="IS", **felles)  # fmt: skip
    ind = Indikator.objects.create(
        namn="Sjukefråvær", maaleining="%", desimalar=1, periodetype="A", retning="F",
        basisverdi=D("10"), basisaar=aar - 2, maalverdi=D("6"), maalaar=aar, enhet=org.enhet_a,
    )  # fmt: skip
    Indikatorverdi.objects.create(indikator=ind, enhet=org.enhet_a, aar=aar, periode=0,
                                  verdi=D("7.5"), registrert_av=personas.leder)  # fmt: skip
    Rapport.objects.create(enhet=org.enhet_a, aar=aar, periodetype="M", periode=1,
                           status="L", levert=klokke.naa, levert_av=personas.leder)  # fmt: skip
    Rapport.objects.create(enhet=org.enhet_a, aar=aar, periodetype="M", periode=2)
    frist = Aarshjulfrist.objects.create(aar=aar, type="AN", tittel="Budsjettseminar",
                                         dato=dag + dt.timedelta(days=5))  # fmt: skip
    return {"aar": aar, "frist": frist, "ind": ind}


def test_the_leader_sees_the_red_thread_of_the_unit(client, personas, org, verda):
    client.force_login(personas.leder)
    side = client.get(URL).content.decode()
    assert "Virksomhetsplan" in side and org.enhet_a.navn in side
    # The letters from the top down: the municipality's published, the sector's draft readable
    # to its leaders only (the leader of the unit below the sector is not one), the unit's none.
    assert side.index(org.kommune.navn) < side.index(org.sektor_a.navn)
    assert "Publisert" in side and "Ikke skrevet" in side
    assert "1 mål" in side and "godkjent" not in side  # the plan is a draft
    # Assignments: the unit's counted by status, one overdue (the finished one is not).
    assert "3 oppdrag i enheten" in side and "1 forfalt" in side
    assert "Sjukefråvær" in side and "7,5 %" in side
    # The latest period's report (February, in progress) is the one shown.
    assert reverse("verksemdsplan:rapport", args=[Rapport.objects.get(periode=2).pk]) in side
    assert "Budsjettseminar" in side
    assert reverse("verksemdsplan:sjekkliste_eining", args=[org.enhet_a.pk, verda["aar"]]) in side


def test_a_caseworker_sees_their_own_assignments_but_not_the_leaders_parts(
    client, personas, org, verda
):
    client.force_login(personas.saksbehandler)
    side = client.get(URL).content.decode()
    assert "1 åpent oppdrag er ditt" in side and "1 forfalt" in side
    assert "oppdrag i enheten" not in side  # the unit's counts are the leaders'
    assert reverse("verksemdsplan:rapporter") not in side
    assert "Internkontroll" not in side
    assert "Sjukefråvær" in side  # indicators are read by everyone


def test_an_unpublished_letter_is_not_linked_for_those_who_may_not_read_it(
    client, personas, org, verda
):
    sektorbrev = Oppdragsbrev.objects.get(enhet=org.sektor_a)
    lenke = reverse("verksemdsplan:brev", args=[sektorbrev.pk])
    client.force_login(personas.saksbehandler)
    assert lenke not in client.get(URL).content.decode()
    client.force_login(personas.sektorleder)
    side = client.get(URL, {"enhet": org.enhet_a.pk}).content.decode()
    assert lenke in side


def test_a_unit_and_year_can_be_chosen_and_bad_values_fall_back(client, personas, org, verda):
    client.force_login(personas.radmann)
    side = client.get(URL).content.decode()
    assert f"Virksomhetsplan {verda['aar']} – {org.kommune.navn}" in side
    side = client.get(URL, {"enhet": org.enhet_a.pk, "aar": verda["aar"] - 1}).content.decode()
    assert f"Virksomhetsplan {verda['aar'] - 1} – {org.enhet_a.navn}" in side
    assert "Sjukefråvær" in side  # measured for the unit, no value that year
    assert "Ingen rapporter for året ennå." in side
    assert client.get(URL, {"aar": "tusen", "enhet": "x"}).status_code == 200
    assert client.get(URL, {"enhet": 999999}).status_code == 404


def test_people_without_a_role_are_refused(client, personas, verda):
    client.force_login(personas.politiker)
    assert client.get(URL).status_code == 403


def test_the_page_has_a_constant_query_count(client, personas, org, verda):
    client.force_login(personas.radmann)
    params = {"enhet": org.enhet_a.pk}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as foer:
        client.get(URL, params)
    for n in range(5):
        Oppdragsbrev.objects.create(enhet=org.enhet_a, aar=verda["aar"] + n + 1, status="U",
                                    skrive_av=personas.leder)  # fmt: skip
        Rapport.objects.create(enhet=org.enhet_a, aar=verda["aar"], periodetype="M",
                               periode=3 + n)  # fmt: skip
        Aarshjulfrist.objects.create(aar=verda["aar"], type="AN", tittel=f"Frist {n}",
                                     dato=verda["frist"].dato)  # fmt: skip
    with CaptureQueriesContext(connection) as etter:
        client.get(URL, params)
    assert len(etter) == len(foer) <= 22
