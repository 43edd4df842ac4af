"""Assignments (issue 21 item 3): the required goal/strategy link (form error and service
refusal), who creates, delegation only downward inheriting the link, the owner rules, the
status rules and their audit, the chain as a tree, and the lists with their filters and
query counts."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.factories import RolleFactory
from verksemdsplan.forms.oppdrag import OppdragForm
from verksemdsplan.models import Maal, Oppdrag, Plan, Strategi
from verksemdsplan.services import oppdrag as tenester

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(db):
    """A samfunnsdel with two goals; the first with a strategy."""
    planen = Plan.objects.create(namn="Samfunnsdelen", type="SD", fra_aar=2020, til_aar=2040)
    maal = Maal.objects.create(plan=planen, nivaa="HM", nummer="1", tittel="Gode tenester")
    strategi = Strategi.objects.create(maal=maal, nummer="1", tittel="Digitale tenester")
    anna = Maal.objects.create(plan=planen, nivaa="HM", nummer="2", tittel="Trygge oppvekst")
    return maal, strategi, anna


@pytest.fixture
def hovud(personas, org, plan, klokke):
    """The chief executive's assignment for sektor A, owned by its leader."""
    maal, _strategi, _anna = plan
    return tenester.opprett(
        personas.radmann, aar=klokke.dag.year, kategori="AP", tittel="Innføre digital post",
        enhet=org.sektor_a, eigar=personas.sektorleder, frist=klokke.dag + dt.timedelta(days=90),
        maal=maal,
    )  # fmt: skip


def _data(org, personas, klokke, **kw):
    return {
        "aar": klokke.dag.year, "kategori": "AP", "tittel": "Nytt oppdrag", "enhet": org.enhet_a,
        "eigar": personas.saksbehandler, "frist": klokke.dag + dt.timedelta(days=30), **kw,
    }  # fmt: skip


def test_an_assignment_needs_a_goal_or_a_strategy(personas, org, plan, klokke):
    maal, strategi, anna = plan
    # The form says so beside the goal field.
    form = OppdragForm({"oppdrag-aar": klokke.dag.year, "oppdrag-kategori": "AP",
                        "oppdrag-tittel": "Uten mål", "oppdrag-enhet": org.enhet_a.pk,
                        "oppdrag-eigar": personas.saksbehandler.pk,
                        "oppdrag-frist": (klokke.dag + dt.timedelta(days=5)).isoformat(),
                        "oppdrag-vekt": 1}, user=personas.leder)  # fmt: skip
    assert not form.is_valid()
    assert form.errors["maal"] == ["Knytt oppdraget til et mål eller en strategi."]
    # The service refuses, on the same field, before the database's check would.
    with pytest.raises(DomainError, match="mål eller en strategi") as feil:
        tenester.opprett(personas.leder, **_data(org, personas, klokke))
    assert feil.value.field == "maal"
    with pytest.raises(DomainError, match="et annet mål") as feil:
        tenester.opprett(personas.leder, **_data(org, personas, klokke, maal=anna,
                                                 strategi=strategi))  # fmt: skip
    assert feil.value.field == "strategi"
    assert not Oppdrag.objects.exists()
    # And the database's check constraint is the backstop.
    with pytest.raises(IntegrityError), transaction.atomic():
        Oppdrag.objects.create(oppretta_av=personas.leder, **_data(org, personas, klokke))
    # A strategy alone is enough.
    o = tenester.opprett(personas.leder, **_data(org, personas, klokke, strategi=strategi))
    assert o.strategi == strategi and o.maal is None
    assert Endringslogg.objects.filter(objekt_id=str(o.pk), handling="opprettet").exists()


def test_who_creates_and_who_owns(personas, org, plan, klokke):
    maal = plan[0]
    # The chief executive anywhere; a leader in the units they lead and below.
    assert tenester.opprett(personas.radmann, **_data(org, personas, klokke, maal=maal))
    assert tenester.opprett(personas.sektorleder, **_data(org, personas, klokke, maal=maal))
    assert tenester.opprett(personas.stedfortreder, **_data(org, personas, klokke, maal=maal))
    for hvem in (personas.leder_annen, personas.saksbehandler, personas.motesekretaer,
                 personas.politiker):  # fmt: skip
        with pytest.raises(IkkeTilgang):
            tenester.opprett(hvem, **_data(org, personas, klokke, maal=maal))
    with pytest.raises(IkkeTilgang):  # the unit above the leader's
        tenester.opprett(personas.leder, **_data(org, personas, klokke, maal=maal,
                                                 enhet=org.sektor_a))  # fmt: skip
    # The owner has a role in the unit or one below it.
    with pytest.raises(DomainError, match="rolle i Byggesak") as feil:
        tenester.opprett(personas.leder, **_data(org, personas, klokke, maal=maal,
                                                 eigar=personas.saksbehandler_annen))  # fmt: skip
    assert feil.value.field == "eigar"
    assert tenester.opprett(personas.radmann, **_data(org, personas, klokke, maal=maal,
                                                      enhet=org.sektor_a))  # fmt: skip


def test_delegation_goes_only_downward_and_inherits_the_link(personas, org, hovud, klokke):
    sl = personas.sektorleder
    # Not to the same unit, a unit beside it, or above it.
    for enhet in (org.sektor_a, org.enhet_b, org.kommune):
        with pytest.raises(DomainError, match="bare delegeres til en enhet under Sektor A") as f:
            tenester.deleger(sl, hovud, enhet=enhet, eigar=personas.radmann)
        assert f.value.field == "enhet"
    # Not after the parent's deadline; the owner has a role in the unit.
    with pytest.raises(DomainError, match="etter fristen") as f:
        tenester.deleger(sl, hovud, enhet=org.enhet_a, eigar=personas.leder,
                         frist=hovud.frist + dt.timedelta(days=1))  # fmt: skip
    assert f.value.field == "frist"
    with pytest.raises(DomainError, match="rolle i Byggesak"):
        tenester.deleger(sl, hovud, enhet=org.enhet_a, eigar=personas.saksbehandler_annen)
    # Only the owner and the leaders of the unit (or above) delegate.
    for hvem in (personas.leder, personas.saksbehandler, personas.leder_annen):
        with pytest.raises(IkkeTilgang):
            tenester.deleger(hvem, hovud, enhet=org.enhet_a, eigar=personas.leder)
    under = tenester.deleger(sl, hovud, enhet=org.enhet_a, eigar=personas.leder,
                             tittel="Digital post i byggesak")  # fmt: skip
    assert (under.forelder, under.maal, under.strategi) == (hovud, hovud.maal, None)
    assert (under.aar, under.kategori, under.frist) == (hovud.aar, "AP", hovud.frist)
    # The owner of the sub-assignment delegates it on to a caseworker of the same unit? No:
    # only below; the unit has no unit below, so the chain stops here.
    with pytest.raises(DomainError, match="under Byggesak"):
        tenester.deleger(personas.leder, under, enhet=org.enhet_a, eigar=personas.saksbehandler)
    # The chain both ways.
    forfedre, tre = tenester.kjede(under)
    assert forfedre == [hovud] and tre == []
    forfedre, tre = tenester.kjede(hovud)
    assert forfedre == [] and [(o, o.nivaa) for o in tre] == [(under, 1)]
    # A finished assignment is delegated no more.
    tenester.oppdater_status(personas.leder, under, status="FF")
    tenester.oppdater_status(sl, hovud, status="FF")
    with pytest.raises(DomainError, match="fullført eller avbrutt"):
        tenester.deleger(sl, hovud, enhet=org.enhet_a, eigar=personas.leder)


def test_status_rules_and_audit(personas, org, hovud):
    sl = personas.sektorleder
    under = tenester.deleger(sl, hovud, enhet=org.enhet_a, eigar=personas.saksbehandler)
    # The owner and leaders above update; not a caseworker elsewhere or a leader beside.
    for hvem in (personas.saksbehandler_annen, personas.leder_annen):
        with pytest.raises(IkkeTilgang):
            tenester.oppdater_status(hvem, under, status="IR")
    tenester.oppdater_status(personas.saksbehandler, under, status="IR",
                             statuskommentar="Godt i gang")  # fmt: skip
    tenester.oppdater_status(personas.leder, under, status="IR", statuskommentar="Halvveis")
    # A deviation needs a comment; a transition outside the table is refused.
    with pytest.raises(DomainError, match="Skriv en kommentar") as f:
        tenester.oppdater_status(personas.saksbehandler, under, status="AV")
    assert f.value.field == "statuskommentar"
    with pytest.raises(DomainError, match="kan ikke få status"):
        tenester.oppdater_status(personas.saksbehandler, under, status="IS")
    with pytest.raises(DomainError, match="de samme som før"):
        tenester.oppdater_status(personas.saksbehandler, under, status="IR",
                                 statuskommentar="Halvveis")  # fmt: skip
    # The parent is completed only when every sub-assignment is finished.
    with pytest.raises(DomainError, match="deloppdragene"):
        tenester.oppdater_status(sl, hovud, status="FF")
    tenester.oppdater_status(personas.saksbehandler, under, status="FF")
    tenester.oppdater_status(sl, hovud, status="FF")
    under.refresh_from_db()
    assert (under.status, under.statuskommentar) == ("FF", "")
    logg = list(
        Endringslogg.objects.filter(objekt_id=str(under.pk), handling="status oppdatert")
        .order_by("pk").values_list("endringer", flat=True)
    )  # fmt: skip
    assert len(logg) == 3
    assert logg[0]["status"] == {"for": "IS", "etter": "IR"}
    assert logg[1] == {"statuskommentar": {"for": "Godt i gang", "etter": "Halvveis"}}


def test_pages_forms_and_query_counts(client, personas, org, plan, hovud, klokke,
                                      django_assert_max_num_queries):  # fmt: skip
    maal, strategi, _anna = plan
    sl = personas.sektorleder
    for n in range(4):
        under = tenester.deleger(sl, hovud, enhet=org.enhet_a, eigar=personas.leder,
                                 tittel=f"Del {n}")  # fmt: skip
    tenester.deleger(sl, hovud, enhet=org.enhet_a, eigar=personas.saksbehandler,
                     frist=klokke.dag + dt.timedelta(days=10), tittel="Haster")  # fmt: skip
    forfalt = tenester.opprett(personas.leder, **_data(org, personas, klokke, maal=maal,
                               tittel="Gammelt", eigar=personas.leder, kategori="VP",
                               frist=klokke.dag - dt.timedelta(days=3)))  # fmt: skip
    tenester.oppdater_status(personas.leder, under, status="IR")

    # «Mine oppdrag» with its filters; the query count does not grow with the rows.
    client.force_login(personas.leder)
    url = reverse("verksemdsplan:oppdrag_mine")
    client.get(url)
    with django_assert_max_num_queries(8):
        side = client.get(url).content.decode()
    assert "Del 3" in side and "Gammelt" in side and "Haster" not in side
    assert "Forfalt" in side
    side = client.get(url, {"forfalt": "on"}).content.decode()
    assert "Gammelt" in side and "Del 0" not in side
    side = client.get(url, {"kategori": "VP"}).content.decode()
    assert "Gammelt" in side and "Del 0" not in side
    side = client.get(url, {"status": "IR"}).content.decode()
    assert "Del 3" in side and "Del 0" not in side and "Gammelt" not in side
    side = client.get(url, {"aar": klokke.dag.year + 1}).content.decode()
    assert "Del 3" not in side and "Gammelt" not in side

    # «Oppdrag i enheten»: the sector leader sees the sector's; the other leader none; a
    # caseworker may not open it.
    client.force_login(sl)
    url = reverse("verksemdsplan:oppdrag_eininga")
    with django_assert_max_num_queries(8):
        side = client.get(url).content.decode()
    assert "Innføre digital post" in side and "Haster" in side and "Gammelt" in side
    client.force_login(personas.leder_annen)
    assert "Haster" not in client.get(url).content.decode()
    client.force_login(personas.saksbehandler)
    assert client.get(url).status_code == 403

    # The assignment's page: the chain as a tree, read by any employee, in a fixed number
    # of queries.
    client.force_login(personas.saksbehandler_annen)
    side_url = reverse("verksemdsplan:oppdrag", args=[hovud.pk])
    client.get(side_url)
    with django_assert_max_num_queries(14):
        side = client.get(side_url).content.decode()
    assert "Haster" in side and "Del 0" in side and "Gammelt" not in side
    assert "Oppdater status" not in side  # not theirs

    # Bad input comes back beside the field, and nothing is saved.
    client.force_login(sl)
    antall = Oppdrag.objects.count()
    svar = client.post(reverse("verksemdsplan:oppdrag_deleger", args=[hovud.pk]),
                       {"deleger-enhet": org.enhet_a.pk, "deleger-eigar": personas.leder.pk,
                        "deleger-frist": "31.13.2020"})  # fmt: skip
    assert svar.status_code == 400 and "Skriv datoen som dd.mm.åååå" in svar.content.decode()
    svar = client.post(reverse("verksemdsplan:oppdrag_deleger", args=[hovud.pk]),
                       {"deleger-enhet": org.enhet_a.pk,
                        "deleger-eigar": personas.saksbehandler_annen.pk})  # fmt: skip
    assert svar.status_code == 400 and "rolle i Byggesak" in svar.content.decode()
    svar = client.post(reverse("verksemdsplan:oppdrag_status", args=[hovud.pk]),
                       {"status-status": "AV"})  # fmt: skip
    assert svar.status_code == 400 and "Skriv en kommentar" in svar.content.decode()
    client.force_login(personas.leder)
    svar = client.post(reverse("verksemdsplan:oppdrag_ny"), {
        "oppdrag-aar": klokke.dag.year, "oppdrag-kategori": "TB", "oppdrag-tittel": "Uten mål",
        "oppdrag-enhet": org.enhet_a.pk, "oppdrag-eigar": personas.saksbehandler.pk,
        "oppdrag-frist": klokke.dag.isoformat(), "oppdrag-vekt": 1})  # fmt: skip
    assert svar.status_code == 400
    assert "Knytt oppdraget til et mål eller en strategi." in svar.content.decode()
    assert Oppdrag.objects.count() == antall
    svar = client.post(reverse("verksemdsplan:oppdrag_ny"), {
        "oppdrag-aar": klokke.dag.year, "oppdrag-kategori": "TB", "oppdrag-tittel": "Med mål",
        "oppdrag-enhet": org.enhet_a.pk, "oppdrag-eigar": personas.saksbehandler.pk,
        "oppdrag-frist": klokke.dag.isoformat(), "oppdrag-strategi": strategi.pk,
        "oppdrag-vekt": 1})  # fmt: skip
    assert svar.status_code == 302
    assert Oppdrag.objects.get(tittel="Med mål").strategi == strategi

    # The start page's tile: the owner's overdue assignments.
    side = client.get(reverse("arbeidsbord")).content.decode()
    assert "Mine oppdrag" in side and "1 forfalt" in side
    assert forfalt.eigar == personas.leder


def test_an_owner_may_hold_the_role_in_a_unit_below(personas, org, plan, klokke):
    """An owner's role may be in a unit below the assignment's unit."""
    RolleFactory(person=personas.saksbehandler_annen, rolle="SB", enhet=org.enhet_a)
    o = tenester.opprett(personas.sektorleder, **_data(
        org, personas, klokke, maal=plan[0], enhet=org.sektor_a,
        eigar=personas.saksbehandler_annen))  # fmt: skip
    assert o.eigar == personas.saksbehandler_annen
