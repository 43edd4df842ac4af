"""Plans, goals and strategies and the units' verksemdsplan (issue 21 item 1): who registers
plans (RAD and the top unit's staff), the delegation of goals down the organisation (a unit
only takes what the unit above has; the top unit from the plans in force), approval by the
leader above, the audit entries, bad input beside the field, and the pages' query counts."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.factories import RolleFactory
from verksemdsplan.models import Maal, Oppdragsbrev, Plan, Planstatus, Verksemdsplan
from verksemdsplan.services import plan as tenester
from verksemdsplan.tillatelser import plan as regler

pytestmark = pytest.mark.django_db


def logg(obj, handling):
    ct = ContentType.objects.get_for_model(obj)
    return Endringslogg.objects.filter(content_type=ct, objekt_id=str(obj.pk), handling=handling)


@pytest.fixture
def planverk(personas, klokke):
    return lag_planverk(personas, klokke.dag.year)


def lag_planverk(personas, aar) -> dict:
    """A samfunnsdel in force this year with two hovudmål (one with a delmål, each with a
    strategy), and a temaplan that ended last year."""
    rad = personas.radmann
    sd = tenester.registrer_plan(rad, namn="Kommuneplanens samfunnsdel", type="SD",
                                 fra_aar=aar - 1, til_aar=aar + 3)  # fmt: skip
    m1 = tenester.registrer_maal(rad, sd, nummer="1", tittel="Gode oppvekstvilkår")
    m11 = tenester.registrer_maal(rad, sd, nummer="1.1", tittel="Tidlig innsats", forelder=m1)
    m2 = tenester.registrer_maal(rad, sd, nummer="2", tittel="Grønn omstilling")
    s1 = tenester.registrer_strategi(rad, m1, nummer="1.a", tittel="Samarbeid på tvers")
    s2 = tenester.registrer_strategi(rad, m2, nummer="2.a", tittel="Fossilfri bilpark")
    gammal = tenester.registrer_plan(rad, namn="Gammel temaplan", type="TP",
                                     fra_aar=aar - 4, til_aar=aar - 1)  # fmt: skip
    ute = tenester.registrer_maal(rad, gammal, nummer="9", tittel="Utgått mål")
    return {"aar": aar, "sd": sd, "m1": m1, "m11": m11, "m2": m2, "s1": s1, "s2": s2,
            "ute": ute}  # fmt: skip


def test_who_registers_plans(personas, org, klokke):
    aar = klokke.dag.year
    data = {"namn": "Temaplan for idrett", "type": "TP", "fra_aar": aar, "til_aar": aar + 4}
    for nekta in (personas.leder, personas.sektorleder, personas.saksbehandler,
                  personas.motesekretaer, personas.arkiv):  # fmt: skip
        assert not regler.planar(nekta).kan.registrer
        with pytest.raises(IkkeTilgang):
            tenester.registrer_plan(nekta, **data)
    assert not Plan.objects.exists()
    # The chief executive's staff: a caseworker in the top unit.
    RolleFactory(person=personas.saksbehandler, rolle="SB", enhet=org.kommune)
    personas.saksbehandler._saksarkiv_roller = None
    plan = tenester.registrer_plan(personas.saksbehandler, **data)
    assert logg(plan, "opprettet").exists()
    assert tenester.registrer_plan(personas.radmann, **data | {"namn": "Annen"}).pk


def test_bad_plan_and_goal_input_is_refused_with_the_field(personas, planverk):
    rad, aar = personas.radmann, planverk["aar"]
    for data, felt in (
        ({"namn": " ", "type": "SD", "fra_aar": aar, "til_aar": aar}, "namn"),
        ({"namn": "X", "type": "ZZ", "fra_aar": aar, "til_aar": aar}, "type"),
        ({"namn": "X", "type": "SD", "fra_aar": aar, "til_aar": aar - 1}, "til_aar"),
        ({"namn": "X", "type": "SD", "fra_aar": 1700, "til_aar": aar}, "fra_aar"),
    ):
        with pytest.raises(DomainError) as feil:
            tenester.registrer_plan(rad, **data)
        assert feil.value.field == felt
    with pytest.raises(DomainError, match="allerede brukt") as feil:
        tenester.registrer_maal(rad, planverk["sd"], nummer="1", tittel="Dobbelt")
    assert feil.value.field == "nummer"
    # A delmål sits under a hovudmål of the same plan, not under a delmål.
    with pytest.raises(DomainError) as feil:
        tenester.registrer_maal(rad, planverk["sd"], nummer="1.1.1", tittel="For djupt",
                                forelder=planverk["m11"])  # fmt: skip
    assert feil.value.field == "forelder"
    assert Maal.objects.filter(plan=planverk["sd"]).count() == 3


def test_goals_are_delegated_down_only_from_the_unit_above(personas, org, planverk):
    aar, rad, p = planverk["aar"], personas.radmann, planverk
    # The top unit takes from the plans in force this year; the old plan's goal is not there.
    maal, strategiar = tenester.tilgjengelege(org.kommune, aar)
    assert set(maal) == {p["m1"], p["m11"], p["m2"]} and set(strategiar) == {p["s1"], p["s2"]}
    with pytest.raises(DomainError, match="planene som gjelder") as feil:
        tenester.vel_maal(rad, org.kommune, aar, maal=[p["ute"]])
    assert feil.value.field == "maal" and not Verksemdsplan.objects.exists()
    tenester.vel_maal(rad, org.kommune, aar, maal=[p["m1"], p["m11"], p["m2"]],
                      strategiar=[p["s1"], p["s2"]])  # fmt: skip
    # The sector takes goal 1 and its strategy; its leader chooses.
    sektor = tenester.vel_maal(personas.sektorleder, org.sektor_a, aar, maal=[p["m1"]],
                               strategiar=[p["s1"]])  # fmt: skip
    assert set(sektor.maal.all()) == {p["m1"]}
    vp_logg = logg(sektor, "mål valgt").get()
    assert vp_logg.endringer["maal"] == {"for": [], "etter": [p["m1"].pk]}
    # The service unit below can only take what the sector has: not goal 2.
    with pytest.raises(DomainError, match="enheten over har") as feil:
        tenester.vel_maal(personas.leder, org.enhet_a, aar, maal=[p["m1"], p["m2"]])
    assert feil.value.field == "maal"
    with pytest.raises(DomainError, match="enheten over har"):
        tenester.vel_maal(personas.leder, org.enhet_a, aar, maal=[p["m1"]], strategiar=[p["s2"]])
    # A strategy comes with its goal.
    with pytest.raises(DomainError, match="målet til hver strategi"):
        tenester.vel_maal(personas.leder, org.enhet_a, aar, maal=[], strategiar=[p["s1"]])
    assert not Verksemdsplan.objects.filter(enhet=org.enhet_a).exists()  # nothing half-saved
    eining = tenester.vel_maal(personas.leder, org.enhet_a, aar, maal=[p["m1"]])
    assert set(eining.maal.all()) == {p["m1"]}
    # Sector B has taken nothing: its unit has nothing to take.
    assert not tenester.tilgjengelege(org.enhet_b, aar)[0].exists()


def test_who_chooses_and_approves_a_units_plan(personas, org, planverk):
    aar, p = planverk["aar"], planverk
    tenester.vel_maal(personas.radmann, org.kommune, aar, maal=[p["m1"]])
    tenester.vel_maal(personas.sektorleder, org.sektor_a, aar, maal=[p["m1"]])
    # Not a caseworker, not the leader of another unit, not a leader of the unit below.
    for nekta, enhet in ((personas.saksbehandler, org.enhet_a), (personas.leder_annen, org.enhet_a),
                         (personas.leder, org.sektor_a)):  # fmt: skip
        with pytest.raises(IkkeTilgang):
            tenester.vel_maal(nekta, enhet, aar, maal=[p["m1"]])
    vp = tenester.vel_maal(personas.leder, org.enhet_a, aar, maal=[p["m1"]])
    # The unit's own leader does not approve it; the leader above (or RAD) does.
    with pytest.raises(IkkeTilgang):
        tenester.godkjenn(personas.leder, vp)
    assert regler.verksemdsplan(personas.radmann, vp).kan.godkjenn
    vp = tenester.godkjenn(personas.sektorleder, vp)
    assert vp.status == Planstatus.GODKJEND and vp.godkjend_av == personas.sektorleder
    assert logg(vp, "godkjent").get().endringer["status"] == {"for": "U", "etter": "G"}
    # Approved is final.
    with pytest.raises(DomainError, match="godkjent og kan ikke endres"):
        tenester.vel_maal(personas.leder, org.enhet_a, aar, maal=[])
    with pytest.raises(DomainError, match="allerede godkjent"):
        tenester.godkjenn(personas.radmann, vp)
    # The top unit's plan only the chief executive approves; the sector's only with a goal.
    topp = Verksemdsplan.objects.get(enhet=org.kommune, aar=aar)
    assert not regler.verksemdsplan(personas.sektorleder, topp).kan.godkjenn
    tom = tenester.vel_maal(personas.leder_annen, org.enhet_b, aar, maal=[])
    assert str(regler.verksemdsplan(personas.radmann, tom)["godkjenn"]) == (
        "Virksomhetsplanen har ingen mål ennå."
    )


def test_the_plan_pages(client, personas, org, planverk, django_assert_max_num_queries):
    aar, p = planverk["aar"], planverk
    client.force_login(personas.saksbehandler)
    with django_assert_max_num_queries(12):
        side = client.get(reverse("verksemdsplan:planar")).content.decode()
    assert "Kommuneplanens samfunnsdel" in side and "Registrer planen" not in side
    with django_assert_max_num_queries(12):
        side = client.get(reverse("verksemdsplan:plan", args=[p["sd"].pk])).content.decode()
    assert "Tidlig innsats" in side and "Fossilfri bilpark" in side
    # Bad input beside the field, nothing saved.
    client.force_login(personas.radmann)
    svar = client.post(reverse("verksemdsplan:planar"),
                       {"plan-namn": "Ny", "plan-type": "TP", "plan-fra_aar": aar,
                        "plan-til_aar": aar - 2})  # fmt: skip
    assert svar.status_code == 400
    assert 'id="id_plan-til_aar_error"' in svar.content.decode()
    assert "Planen kan ikke slutte før den begynner." in svar.content.decode()
    svar = client.post(reverse("verksemdsplan:ny_maal", args=[p["sd"].pk]),
                       {"maal-nummer": "1", "maal-tittel": "Dobbelt"})  # fmt: skip
    assert svar.status_code == 400 and "Nummeret er allerede brukt." in svar.content.decode()
    svar = client.post(reverse("verksemdsplan:ny_strategi", args=[p["sd"].pk]),
                       {"strategi-maal": p["m2"].pk, "strategi-nummer": "2.b",
                        "strategi-tittel": "Ladepunkt"})  # fmt: skip
    assert svar.status_code == 302 and p["m2"].strategiar.count() == 2
    # The unit's page: the leader chooses from the unit above; a forged goal is refused.
    tenester.vel_maal(personas.radmann, org.kommune, aar, maal=[p["m1"], p["m2"]],
                      strategiar=[p["s1"]])  # fmt: skip
    tenester.vel_maal(personas.sektorleder, org.sektor_a, aar, maal=[p["m1"]],
                      strategiar=[p["s1"]])  # fmt: skip
    brev = Oppdragsbrev.objects.create(enhet=org.enhet_a, aar=aar, skrive_av=personas.leder)
    client.force_login(personas.leder)
    url = reverse("verksemdsplan:eining", args=[aar, org.enhet_a.pk])
    with django_assert_max_num_queries(16):
        side = client.get(url).content.decode()
    assert reverse("verksemdsplan:brev", args=[brev.pk]) in side  # the unit's letter
    assert f'name="maal" value="{p["m1"].pk}"' in side
    assert f'name="maal" value="{p["m2"].pk}"' not in side
    svar = client.post(url, {"maal": [p["m2"].pk]})
    assert svar.status_code == 400
    assert "Enheten kan bare ta mål som virksomhetsplanen til enheten over har." in (
        svar.content.decode()
    )
    assert client.post(url, {"maal": [p["m1"].pk], "strategiar": [p["s1"].pk]}).status_code == 302
    # The caseworker reads it, may not choose; the leader above approves from the page.
    client.force_login(personas.saksbehandler)
    side = client.get(url).content.decode()
    assert "Gode oppvekstvilkår" in side and "Samarbeid på tvers" in side
    assert reverse("verksemdsplan:brev", args=[brev.pk]) not in side  # a draft: not for them
    assert "Lagre målene" not in side
    assert client.post(url, {"maal": [p["m1"].pk]}).status_code == 403
    godkjenn = reverse("verksemdsplan:godkjenn_plan", args=[aar, org.enhet_a.pk])
    assert client.post(godkjenn).status_code == 403
    client.force_login(personas.sektorleder)
    assert "Godkjenn virksomhetsplanen" in client.get(url).content.decode()
    assert client.post(godkjenn).status_code == 302
    assert client.post(godkjenn).status_code == 409
    with django_assert_max_num_queries(10):
        side = client.get(reverse("verksemdsplan:verksemdsplanar") + f"?aar={aar}")
    assert "Godkjent" in side.content.decode()
