"""Changing plans, goals and strategies after registration (issue 21 item 1): each change
through its service and rule, only the changed fields before → after in the audit log (none
when nothing changed), the refusals beside their field with nothing saved — years that leave
out a year a unit's plan uses the plan in, the action and economy plan's type once it has
content, a number used twice, a strategy moved away from the «raude tråden» — a deactivated
plan no longer offered (what was chosen stays), and the pages: the «Endre» links for those the
rule allows, 403 for the others, and the history on the plan page."""

import datetime as dt

import pytest
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.factories import RolleFactory
from tests.journal.flythjelp import ny_sak
from verksemdsplan.models import Maal, Plan, Strategi, Tiltak, Verksemdsplan
from verksemdsplan.services import plan as tenester
from verksemdsplan.tillatelser import plan as regler

from .test_plan import lag_planverk, logg

pytestmark = pytest.mark.django_db


@pytest.fixture
def planverk(personas, klokke):
    return lag_planverk(personas, klokke.dag.year)


def _plandata(plan, **endra) -> dict:
    data = {f: getattr(plan, f) for f in ("namn", "type", "fra_aar", "til_aar", "vedteken",
                                          "saksmappe", "aktiv")}  # fmt: skip
    return data | endra


def _skjema(plan, **endra) -> dict:
    """The plan's change form as posted, with `endra` (field → value) over it."""
    data = {
        "plan-namn": plan.namn, "plan-type": plan.type, "plan-fra_aar": plan.fra_aar,
        "plan-til_aar": plan.til_aar,
        "plan-vedteken": plan.vedteken.strftime("%d.%m.%Y") if plan.vedteken else "",
        "plan-saksmappe": plan.saksmappe.saksnummer if plan.saksmappe else "",
    } | {f"plan-{k}": v for k, v in endra.items()}  # fmt: skip
    if plan.aktiv and "plan-aktiv" not in data:
        data["plan-aktiv"] = "on"
    return {k: v for k, v in data.items() if v is not None}


# --- Plans --------------------------------------------------------------------------------------


def test_a_plan_is_changed_and_only_the_changed_fields_are_logged(personas, org, planverk, klokke):
    rad, sd = personas.radmann, planverk["sd"]
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Kommuneplanens samfunnsdel")
    vedteken = klokke.dag - dt.timedelta(days=30)
    plan = tenester.endre_plan(rad, sd, **_plandata(sd, namn="Samfunnsdelen 2025–2037",
                                                      vedteken=vedteken, saksmappe=sak,
                                                      til_aar=sd.til_aar + 2))  # fmt: skip
    plan.refresh_from_db()
    assert (plan.namn, plan.vedteken, plan.saksmappe, plan.til_aar) == (
        "Samfunnsdelen 2025–2037", vedteken, sak, sd.til_aar + 2)  # fmt: skip
    endringer = logg(plan, "endret").get().endringer
    assert endringer == {
        "namn": {"for": "Kommuneplanens samfunnsdel", "etter": "Samfunnsdelen 2025–2037"},
        "vedteken": {"for": None, "etter": vedteken.isoformat()},
        "saksmappe": {"for": None, "etter": f"Sak {sak.saksnummer}"},
        "til_aar": {"for": sd.til_aar, "etter": sd.til_aar + 2},
    }
    # The same values again: nothing changed, no entry.
    tenester.endre_plan(rad, plan, **_plandata(plan))
    assert logg(plan, "endret").count() == 1


def test_who_changes_a_plan_goal_or_strategy(personas, org, planverk):
    p = planverk
    for nekta in (personas.leder, personas.sektorleder, personas.saksbehandler,
                  personas.motesekretaer, personas.arkiv):  # fmt: skip
        assert not regler.plan(nekta, p["sd"]).kan.endre
        with pytest.raises(IkkeTilgang):
            tenester.endre_plan(nekta, p["sd"], **_plandata(p["sd"], namn="Kapra"))
        with pytest.raises(IkkeTilgang):
            tenester.endre_maal(nekta, p["m1"], nummer="1", tittel="Kapra")
        with pytest.raises(IkkeTilgang):
            tenester.endre_strategi(nekta, p["s1"], maal=p["m1"], nummer="1.a", tittel="Kapra")
    assert not Plan.objects.filter(namn="Kapra").exists()
    assert not Maal.objects.filter(tittel="Kapra").exists()
    assert not Strategi.objects.filter(tittel="Kapra").exists()
    assert not Endringslogg.objects.filter(handling="endret").exists()
    # The top unit's staff change them, as they register them.
    RolleFactory(person=personas.saksbehandler, rolle="SB", enhet=org.kommune)
    personas.saksbehandler._saksarkiv_roller = None
    assert regler.plan(personas.saksbehandler, p["sd"]).kan.endre
    tenester.endre_maal(personas.saksbehandler, p["m1"], nummer="1", tittel="Trygge oppvekstvilkår")
    assert Maal.objects.get(pk=p["m1"].pk).tittel == "Trygge oppvekstvilkår"


def test_bad_plan_input_is_refused_beside_the_field(personas, planverk, klokke):
    rad, sd, aar = personas.radmann, planverk["sd"], planverk["aar"]
    for endra, felt in (
        ({"namn": "  "}, "namn"),
        ({"type": "ZZ"}, "type"),
        ({"til_aar": sd.fra_aar - 1}, "til_aar"),
        ({"fra_aar": 1700}, "fra_aar"),
        ({"vedteken": klokke.dag + dt.timedelta(days=1)}, "vedteken"),
    ):
        with pytest.raises(DomainError) as feil:
            tenester.endre_plan(rad, sd, **_plandata(sd, **endra))
        assert feil.value.field == felt, endra
    sd.refresh_from_db()
    assert (sd.namn, sd.type, sd.fra_aar, sd.til_aar) == (
        "Kommuneplanens samfunnsdel", "SD", aar - 1, aar + 3)  # fmt: skip
    assert not logg(sd, "endret").exists()


def test_the_years_keep_every_year_a_unit_uses_the_plan_in(personas, org, planverk):
    rad, p, aar = personas.radmann, planverk, planverk["aar"]
    sd = p["sd"]  # aar - 1 … aar + 3
    tenester.vel_maal(rad, org.kommune, aar, maal=[p["m1"]])
    # Last year the top unit held only a strategy's goal … and a strategy counts too.
    vp = Verksemdsplan.objects.create(enhet=org.sektor_a, aar=aar - 1)
    vp.strategiar.add(p["s2"])
    with pytest.raises(DomainError) as feil:
        tenester.endre_plan(rad, sd, **_plandata(sd, fra_aar=aar))
    assert feil.value.field == "fra_aar"
    assert feil.value.message == (
        f"En enhet har mål fra planen i virksomhetsplanen for {aar - 1}, så perioden må ta med "
        f"{aar - 1}."
    )
    with pytest.raises(DomainError) as feil:
        tenester.endre_plan(rad, sd, **_plandata(sd, fra_aar=aar + 1, til_aar=aar + 3))
    assert feil.value.field == "fra_aar" and str(aar - 1) in feil.value.message
    vp.delete()
    with pytest.raises(DomainError) as feil:
        tenester.endre_plan(rad, sd, **_plandata(sd, fra_aar=aar + 1))
    assert feil.value.field == "fra_aar" and f"for {aar}," in feil.value.message
    # Narrowing to the years in use is fine; so is widening.
    tenester.endre_plan(rad, sd, **_plandata(sd, fra_aar=aar, til_aar=aar))
    sd.refresh_from_db()
    assert (sd.fra_aar, sd.til_aar) == (aar, aar)
    Verksemdsplan.objects.create(enhet=org.sektor_b, aar=aar).maal.add(p["m2"])
    tenester.endre_plan(rad, sd, **_plandata(sd, til_aar=aar + 10))
    with pytest.raises(DomainError) as feil:
        tenester.endre_plan(rad, sd, **_plandata(sd, fra_aar=aar - 5, til_aar=aar - 1))
    assert feil.value.field == "til_aar" and f"for {aar}," in feil.value.message


def test_the_type_of_an_action_and_economy_plan_is_fixed_once_it_has_content(personas, planverk):
    rad, p, aar = personas.radmann, planverk, planverk["aar"]
    with pytest.raises(DomainError, match="handlings- og økonomiplan") as feil:
        tenester.endre_plan(rad, p["sd"], **_plandata(p["sd"], type="HO"))
    assert feil.value.field == "type"
    # Between other types it may change.
    tenester.endre_plan(rad, p["sd"], **_plandata(p["sd"], type="KD"))
    assert Plan.objects.get(pk=p["sd"].pk).type == "KD"
    # An empty plan may become a HØP and back; a measure alone is content.
    tom = tenester.registrer_plan(rad, namn="Temaplan idrett", type="TP", fra_aar=aar,
                                  til_aar=aar + 3)  # fmt: skip
    tenester.endre_plan(rad, tom, **_plandata(tom, type="HO"))
    tenester.endre_plan(rad, tom, **_plandata(Plan.objects.get(pk=tom.pk), type="TP"))
    Tiltak.objects.create(plan=tom, maal=p["m1"], nummer="T1", tittel="Nytt kunstgras")
    with pytest.raises(DomainError) as feil:
        tenester.endre_plan(rad, tom, **_plandata(Plan.objects.get(pk=tom.pk), type="HO"))
    assert feil.value.field == "type" and Plan.objects.get(pk=tom.pk).type == "TP"


def test_a_deactivated_plan_is_no_longer_offered_and_what_was_chosen_stays(personas, org,
                                                                          planverk):  # fmt: skip
    rad, p, aar = personas.radmann, planverk, planverk["aar"]
    tenester.vel_maal(rad, org.kommune, aar, maal=[p["m1"], p["m2"]], strategiar=[p["s1"]])
    tenester.endre_plan(rad, p["sd"], **_plandata(p["sd"], aktiv=False))
    assert logg(p["sd"], "endret").get().endringer == {"aktiv": {"for": True, "etter": False}}
    maal, strategiar = tenester.tilgjengelege(org.kommune, aar)
    assert not maal.filter(plan=p["sd"]).exists() and not strategiar.exists()
    assert not tenester.tilgjengelege(org.kommune, aar + 1)[0].exists()
    # The top unit keeps what it chose (and may drop it), but takes nothing new from the plan.
    vp = tenester.vel_maal(rad, org.kommune, aar, maal=[p["m1"]], strategiar=[p["s1"]])
    assert set(vp.maal.all()) == {p["m1"]} and set(vp.strategiar.all()) == {p["s1"]}
    with pytest.raises(DomainError, match="planene som gjelder"):
        tenester.vel_maal(rad, org.kommune, aar, maal=[p["m1"], p["m2"]])
    with pytest.raises(DomainError, match="strategier"):
        tenester.vel_maal(rad, org.kommune, aar, maal=[p["m1"], p["m2"]][:1],
                          strategiar=[p["s1"], p["s2"]])  # fmt: skip
    # The units below still take from the unit above.
    assert set(tenester.tilgjengelege(org.sektor_a, aar)[0]) == {p["m1"]}


# --- Goals --------------------------------------------------------------------------------------


def test_a_goal_is_changed_and_a_delmaal_moved(personas, planverk):
    rad, p = personas.radmann, planverk
    m11 = tenester.endre_maal(rad, p["m11"], nummer="2.1", tittel="Tidlig innsats i barnehagen",
                              skildring="Fra første dag.", forelder=p["m2"])  # fmt: skip
    m11.refresh_from_db()
    assert (m11.nummer, m11.forelder, m11.nivaa) == ("2.1", p["m2"], "DM")
    assert logg(m11, "endret").get().endringer == {
        "nummer": {"for": "1.1", "etter": "2.1"},
        "tittel": {"for": "Tidlig innsats", "etter": "Tidlig innsats i barnehagen"},
        "skildring": {"for": "", "etter": "Fra første dag."},
        "forelder": {"for": "1 Gode oppvekstvilkår", "etter": "2 Grønn omstilling"},
    }
    # A delmål becomes a hovudmål; a hovudmål without delmål becomes a delmål.
    tenester.endre_maal(rad, m11, nummer="3", tittel=m11.tittel, skildring=m11.skildring)
    assert Maal.objects.get(pk=m11.pk).nivaa == "HM"
    tenester.endre_maal(rad, p["m2"], nummer="1.2", tittel=p["m2"].tittel, forelder=p["m1"])
    assert Maal.objects.get(pk=p["m2"].pk).forelder == p["m1"]
    # Nothing changed: no entry.
    tenester.endre_maal(rad, p["m1"], nummer="1", tittel="Gode oppvekstvilkår")
    assert not logg(p["m1"], "endret").exists()


def test_bad_goal_changes_are_refused_beside_the_field(personas, planverk):
    rad, p = personas.radmann, planverk
    for endra, felt, melding in (
        ({"nummer": "2"}, "nummer", "Nummeret er allerede brukt."),
        ({"nummer": " "}, "nummer", None),
        ({"tittel": ""}, "tittel", None),
        ({"forelder": p["m2"]}, "forelder", "Et hovedmål med delmål kan ikke bli et delmål."),
        ({"forelder": p["ute"]}, "forelder", "Et delmål står under et hovedmål i samme plan."),
    ):
        data = {"nummer": "1", "tittel": "Gode oppvekstvilkår"} | endra
        with pytest.raises(DomainError) as feil:
            tenester.endre_maal(rad, p["m1"], **data)
        assert feil.value.field == felt, endra
        assert melding is None or feil.value.message == melding
    # A delmål is not put under another delmål, nor under itself.
    with pytest.raises(DomainError) as feil:
        tenester.endre_maal(rad, p["m2"], nummer="2", tittel="X", forelder=p["m11"])
    assert feil.value.field == "forelder"
    with pytest.raises(DomainError):
        tenester.endre_maal(rad, p["m2"], nummer="2", tittel="X", forelder=p["m2"])
    assert Maal.objects.get(pk=p["m1"].pk).nummer == "1"
    assert Maal.objects.get(pk=p["m2"].pk).tittel == "Grønn omstilling"
    assert not Endringslogg.objects.filter(handling="endret").exists()


# --- Strategies ---------------------------------------------------------------------------------


def test_a_strategy_is_changed_and_moved_along_the_red_thread(personas, org, planverk):
    rad, p, aar = personas.radmann, planverk, planverk["aar"]
    s1 = tenester.endre_strategi(rad, p["s1"], maal=p["m1"], nummer="1.b",
                                 tittel="Samarbeid på tvers av sektorene")  # fmt: skip
    assert logg(s1, "endret").get().endringer == {
        "nummer": {"for": "1.a", "etter": "1.b"},
        "tittel": {"for": "Samarbeid på tvers", "etter": "Samarbeid på tvers av sektorene"},
    }
    # A unit holds the strategy with goal 1 but not goal 2: it cannot move to goal 2.
    tenester.vel_maal(rad, org.kommune, aar, maal=[p["m1"], p["m2"]], strategiar=[s1])
    tenester.vel_maal(personas.sektorleder, org.sektor_a, aar, maal=[p["m1"]], strategiar=[s1])
    with pytest.raises(DomainError) as feil:
        tenester.endre_strategi(rad, s1, maal=p["m2"], nummer="2.b", tittel=s1.tittel)
    assert feil.value.field == "maal"
    assert feil.value.message == (
        f"Virksomhetsplanen for Sektor A {aar} har strategien, men ikke målet 2. Flytt "
        "strategien bare til et mål som alle virksomhetsplanene med strategien har."
    )
    assert Strategi.objects.get(pk=s1.pk).maal == p["m1"]
    # Once the sector holds goal 2 as well, it moves.
    tenester.vel_maal(personas.sektorleder, org.sektor_a, aar, maal=[p["m1"], p["m2"]],
                      strategiar=[s1])  # fmt: skip
    s1 = tenester.endre_strategi(rad, s1, maal=p["m2"], nummer="2.b", tittel=s1.tittel)
    assert Strategi.objects.get(pk=s1.pk).maal == p["m2"]
    assert logg(s1, "endret").order_by("-pk").first().endringer == {
        "maal": {"for": "1 Gode oppvekstvilkår", "etter": "2 Grønn omstilling"},
        "nummer": {"for": "1.b", "etter": "2.b"},
    }


def test_bad_strategy_changes_are_refused_beside_the_field(personas, planverk):
    rad, p = personas.radmann, planverk
    for endra, felt in (
        ({"nummer": "2.a", "maal": p["m2"]}, "nummer"),  # goal 2 has a 2.a already
        ({"maal": p["ute"]}, "maal"),  # another plan's goal
        ({"tittel": " "}, "tittel"),
    ):
        data = {"maal": p["m1"], "nummer": "1.a", "tittel": "Samarbeid på tvers"} | endra
        with pytest.raises(DomainError) as feil:
            tenester.endre_strategi(rad, p["s1"], **data)
        assert feil.value.field == felt, endra
    s1 = Strategi.objects.get(pk=p["s1"].pk)
    assert (s1.maal, s1.nummer) == (p["m1"], "1.a")
    assert not logg(s1, "endret").exists()


# --- Pages --------------------------------------------------------------------------------------


def test_the_change_pages(client, personas, org, planverk, klokke, django_assert_max_num_queries):
    p, aar, sd = planverk, planverk["aar"], planverk["sd"]
    sider = {
        reverse("verksemdsplan:endre_plan", args=[sd.pk]): _skjema(sd, namn="Kapra"),
        reverse("verksemdsplan:endre_maal", args=[p["m1"].pk]): {
            "maal-nummer": "1", "maal-tittel": "Kapra"},
        reverse("verksemdsplan:endre_strategi", args=[p["s1"].pk]): {
            "strategi-maal": p["m1"].pk, "strategi-nummer": "1.a", "strategi-tittel": "Kapra"},
    }  # fmt: skip
    # The caseworker reads the plan without «Endre»; the pages and posts are refused (403).
    client.force_login(personas.saksbehandler)
    side = client.get(reverse("verksemdsplan:plan", args=[sd.pk])).content.decode()
    assert "Endre planen" not in side and "/endre/" not in side
    for url, data in sider.items():
        assert client.get(url).status_code == 403
        svar = client.post(url, data)
        assert svar.status_code == 403
        assert "Bare kommunedirektøren og staben i toppenheten endrer" in svar.content.decode()
    assert not Endringslogg.objects.filter(handling="endret").exists()

    client.force_login(personas.radmann)
    with django_assert_max_num_queries(14):
        side = client.get(reverse("verksemdsplan:plan", args=[sd.pk])).content.decode()
    for url in sider:
        assert f'href="{url}"' in side
    side = client.get(list(sider)[0]).content.decode()
    assert 'value="Kommuneplanens samfunnsdel"' in side and 'name="plan-aktiv"' in side
    assert 'data-forslag="/forslag/saker/"' in side or "data-forslag=" in side
    side = client.get(list(sider)[1]).content.decode()
    assert 'value="Gode oppvekstvilkår"' in side
    assert f'<option value="{p["m1"].pk}"' not in side  # not under itself

    # Bad input beside the field, nothing saved.
    url = reverse("verksemdsplan:endre_plan", args=[sd.pk])
    tenester.vel_maal(personas.radmann, org.kommune, aar, maal=[p["m1"]])
    svar = client.post(url, _skjema(sd, fra_aar=aar + 1))
    assert svar.status_code == 400
    side = svar.content.decode()
    assert 'id="id_plan-fra_aar_error"' in side
    assert f"En enhet har mål fra planen i virksomhetsplanen for {aar}" in side
    svar = client.post(url, _skjema(sd, saksmappe="1999/4"))
    assert svar.status_code == 400 and 'id="id_plan-saksmappe_error"' in svar.content.decode()
    assert "Fant ingen sak med det saksnummeret." in svar.content.decode()
    svar = client.post(url, _skjema(sd, vedteken="31.02.2026"))
    assert svar.status_code == 400 and 'id="id_plan-vedteken_error"' in svar.content.decode()
    maal_url = reverse("verksemdsplan:endre_maal", args=[p["m2"].pk])
    svar = client.post(maal_url, {"maal-nummer": "1", "maal-tittel": "Grønn omstilling"})
    assert svar.status_code == 400 and 'id="id_maal-nummer_error"' in svar.content.decode()
    strategi_url = reverse("verksemdsplan:endre_strategi", args=[p["s1"].pk])
    tenester.vel_maal(personas.radmann, org.kommune, aar, maal=[p["m1"]], strategiar=[p["s1"]])
    svar = client.post(strategi_url, {"strategi-maal": p["m2"].pk, "strategi-nummer": "1.a",
                                      "strategi-tittel": "Samarbeid på tvers"})  # fmt: skip
    assert svar.status_code == 400 and 'id="id_strategi-maal_error"' in svar.content.decode()
    assert not Endringslogg.objects.filter(handling="endret").exists()

    # The changes, by number and through the type-ahead's number, then the history.
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Samfunnsdelen")
    svar = client.post(url, _skjema(sd, namn="Samfunnsdelen", saksmappe=sak.saksnummer,
                                    vedteken=klokke.dag.strftime("%d.%m.%Y")))  # fmt: skip
    assert svar.status_code == 302 and svar["Location"] == reverse("verksemdsplan:plan",
                                                                   args=[sd.pk])  # fmt: skip
    sd.refresh_from_db()
    assert (sd.namn, sd.saksmappe, sd.vedteken) == ("Samfunnsdelen", sak, klokke.dag)
    svar = client.post(maal_url, {"maal-nummer": "1.2", "maal-tittel": "Grønn omstilling",
                                  "maal-forelder": p["m1"].pk})  # fmt: skip
    assert svar.status_code == 302 and Maal.objects.get(pk=p["m2"].pk).forelder == p["m1"]
    svar = client.post(strategi_url, {
        "strategi-maal": p["m1"].pk, "strategi-nummer": "1.a",
        "strategi-tittel": "Samarbeid på tvers av sektorene"})  # fmt: skip
    assert svar.status_code == 302
    # Deactivating: the box left unticked.
    svar = client.post(url, {k: v for k, v in _skjema(sd).items() if k != "plan-aktiv"})
    assert svar.status_code == 302 and not Plan.objects.get(pk=sd.pk).aktiv
    with django_assert_max_num_queries(14):
        side = client.get(reverse("verksemdsplan:plan", args=[sd.pk])).content.decode()
    assert "Historikk" in side and "Ikke aktiv" in side
    assert f'href="{reverse("journal:sak", args=[sak.pk])}">{sak.saksnummer}</a>' in side
    assert "<del>Kommuneplanens samfunnsdel</del> → <ins>Samfunnsdelen</ins>" in side
    assert "<del>Hovedmål</del> → <ins>Delmål</ins>" in side
    assert "<dt>Under hovedmål</dt>" in side and "<dt>Vedtatt i sak</dt>" in side
    assert "<del>Ja</del> → <ins>Nei</ins>" in side
    assert "Samarbeid på tvers av sektorene" in side


def test_a_chosen_goal_of_a_deactivated_plan_stays_on_the_units_form(client, personas, org,
                                                                    planverk):  # fmt: skip
    rad, p, aar = personas.radmann, planverk, planverk["aar"]
    tenester.vel_maal(rad, org.kommune, aar, maal=[p["m1"], p["m2"]], strategiar=[p["s1"]])
    tenester.endre_plan(rad, p["sd"], **_plandata(p["sd"], aktiv=False))
    client.force_login(rad)
    url = reverse("verksemdsplan:eining", args=[aar, org.kommune.pk])
    side = client.get(url).content.decode()
    assert f'name="maal" value="{p["m1"].pk}" id="maal-{p["m1"].pk}" checked' in side
    assert f'name="strategiar" value="{p["s1"].pk}" id="strategi-{p["s1"].pk}" checked' in side
    assert f'value="{p["m11"].pk}"' not in side  # not chosen: no longer offered
    assert client.post(url, {"maal": [p["m1"].pk], "strategiar": [p["s1"].pk]}).status_code == 302
    vp = Verksemdsplan.objects.get(enhet=org.kommune, aar=aar)
    assert set(vp.maal.all()) == {p["m1"]} and set(vp.strategiar.all()) == {p["s1"]}
