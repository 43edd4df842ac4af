"""Measures in the plans and the action and economy plan (issue 21 items 1 and 3): measures tied
to a goal or strategy of their own plan, the HØP's prioritisations and verbal points for its
years, «Send til virksomhetsplan» (assignments for the units' leaders, linked both ways,
idempotent, all or nothing), the audit entries, refusals beside the field and the pages."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from tests.factories import BrukerFactory, EnhetFactory, RolleFactory
from verksemdsplan.models import Oppdrag, Prioritering, Tiltak, Verbalpunkt
from verksemdsplan.services import plan as plantenester
from verksemdsplan.services import tiltak as tenester
from verksemdsplan.tillatelser import tiltak as regler

pytestmark = pytest.mark.django_db


def logg(obj, handling):
    ct = ContentType.objects.get_for_model(obj)
    return Endringslogg.objects.filter(content_type=ct, objekt_id=str(obj.pk), handling=handling)


@pytest.fixture
def hop_verk(personas, org, klokke):
    """A temaplan with two goals and a strategy, a measure under each; the HØP for this year
    and the next three."""
    aar = klokke.dag.year
    rad = personas.radmann
    tp = plantenester.registrer_plan(rad, namn="Temaplan for oppvekst", type="TP",
                                     fra_aar=aar - 1, til_aar=aar + 5)  # fmt: skip
    m1 = plantenester.registrer_maal(rad, tp, nummer="1", tittel="Trygg oppvekst")
    m2 = plantenester.registrer_maal(rad, tp, nummer="2", tittel="Mer fysisk aktivitet")
    s1 = plantenester.registrer_strategi(rad, m1, nummer="1.a", tittel="Tidlig innsats")
    hop = plantenester.registrer_plan(rad, namn=f"Handlings- og økonomiplan {aar}–{aar + 3}",
                                      type="HO", fra_aar=aar, til_aar=aar + 3)  # fmt: skip
    hm = plantenester.registrer_maal(rad, hop, nummer="1", tittel="Økonomisk bærekraft")
    t1 = tenester.registrer_tiltak(rad, tp, nummer="1.1", tittel="Flere helsesykepleiere",
                                   strategi=s1, okonomisk=True, kostnad=800_000)  # fmt: skip
    t2 = tenester.registrer_tiltak(rad, tp, nummer="2.1", tittel="Daglig fysisk aktivitet",
                                   maal=m2)  # fmt: skip
    return {"aar": aar, "tp": tp, "m1": m1, "m2": m2, "s1": s1, "hop": hop, "hm": hm,
            "t1": t1, "t2": t2}  # fmt: skip


# --- Measures -------------------------------------------------------------------------------


def test_register_and_edit_a_measure(personas, hop_verk):
    rad, tp = personas.radmann, hop_verk["tp"]
    t1 = hop_verk["t1"]
    assert (t1.plan, t1.strategi, t1.okonomisk, t1.kostnad) == (tp, hop_verk["s1"], True, 800_000)
    assert logg(t1, "opprettet").exists()
    t1 = tenester.endre_tiltak(rad, t1, tittel="Flere helsesykepleiere i skolene", aktiv=False)
    assert not t1.aktiv and t1.tittel == "Flere helsesykepleiere i skolene"
    endring = logg(t1, "endret").get()
    assert endring.endringer["aktiv"] == {"for": True, "etter": False}
    # The plan's measures by goal: the strategy's measure under its goal.
    grupper = tenester.tiltak_per_maal(tp)
    vist = [(m.nummer, [t.nummer for t in ts]) for m, ts in grupper]
    assert vist == [("1", ["1.1"]), ("2", ["2.1"])]


def test_a_measures_goal_must_be_in_the_same_plan(personas, hop_verk):
    rad, tp = personas.radmann, hop_verk["tp"]
    annan = plantenester.registrer_plan(rad, namn="Annen", type="KD", fra_aar=hop_verk["aar"],
                                        til_aar=hop_verk["aar"])  # fmt: skip
    fremmed = plantenester.registrer_maal(rad, annan, nummer="1", tittel="Fremmed mål")
    fremmed_s = plantenester.registrer_strategi(rad, fremmed, nummer="1.a", tittel="Fremmed")
    for data, felt in (
        ({"nummer": "3", "tittel": "X"}, "maal"),
        ({"nummer": "3", "tittel": "X", "maal": fremmed}, "maal"),
        ({"nummer": "3", "tittel": "X", "strategi": fremmed_s}, "strategi"),
        ({"nummer": "3", "tittel": "X", "maal": hop_verk["m2"], "strategi": hop_verk["s1"]},
         "strategi"),
        ({"nummer": " ", "tittel": "X", "maal": hop_verk["m2"]}, "nummer"),
        ({"nummer": "1.1", "tittel": "Dobbelt", "maal": hop_verk["m2"]}, "nummer"),
        ({"nummer": "3", "tittel": "X", "maal": hop_verk["m2"], "kostnad": 100}, "kostnad"),
    ):  # fmt: skip
        with pytest.raises(DomainError) as feil:
            tenester.registrer_tiltak(rad, tp, **data)
        assert feil.value.field == felt, data
    with pytest.raises(DomainError) as feil:
        tenester.endre_tiltak(rad, hop_verk["t2"], maal=fremmed)
    assert feil.value.field == "maal"
    # The HØP has no measures of its own.
    with pytest.raises(DomainError, match="ikke egne tiltak"):
        tenester.registrer_tiltak(rad, hop_verk["hop"], nummer="1", tittel="X",
                                  maal=hop_verk["hm"])  # fmt: skip
    assert Tiltak.objects.count() == 2


def test_who_registers_measures_and_edits_the_hop(personas, org, hop_verk):
    tp, hop, aar = hop_verk["tp"], hop_verk["hop"], hop_verk["aar"]
    for nekta in (personas.leder, personas.sektorleder, personas.saksbehandler,
                  personas.motesekretaer, personas.arkiv, personas.politiker):  # fmt: skip
        assert not regler.plan(nekta, tp).kan.registrer
        with pytest.raises(IkkeTilgang):
            tenester.registrer_tiltak(nekta, tp, nummer="9", tittel="X", maal=hop_verk["m1"])
        with pytest.raises(IkkeTilgang):
            tenester.endre_tiltak(nekta, hop_verk["t1"], tittel="Y")
        with pytest.raises(IkkeTilgang):
            tenester.prioriter(nekta, hop, aar, tiltak=hop_verk["t2"], enhet=org.enhet_a)
        with pytest.raises(IkkeTilgang):
            tenester.registrer_verbalpunkt(nekta, hop, aar, nummer="1", tekst="X",
                                           maal=hop_verk["m1"], enhet=org.enhet_a)  # fmt: skip
        with pytest.raises(IkkeTilgang):
            tenester.send_til_verksemdsplan(nekta, hop, aar)
    assert not Prioritering.objects.exists() and not Verbalpunkt.objects.exists()
    # The top unit's staff register measures too.
    RolleFactory(person=personas.saksbehandler, rolle="SB", enhet=org.kommune)
    personas.saksbehandler._saksarkiv_roller = None
    assert tenester.registrer_tiltak(personas.saksbehandler, tp, nummer="9", tittel="Nytt",
                                     maal=hop_verk["m1"]).pk  # fmt: skip


# --- Prioritising and verbal points ---------------------------------------------------------


def test_prioritise_measures_for_a_year_of_the_hop(personas, org, hop_verk):
    rad, hop, aar = personas.radmann, hop_verk["hop"], hop_verk["aar"]
    t1, t2 = hop_verk["t1"], hop_verk["t2"]
    p = tenester.prioriter(rad, hop, aar, tiltak=t1, enhet=org.enhet_a, belop=500_000)
    assert logg(p, "prioritert").exists()
    assert list(tenester.valbare_tiltak(hop, aar)) == [t2]
    assert set(tenester.valbare_tiltak(hop, aar + 1)) == {t1, t2}
    # No duplicate, only active measures, only HØP plans, only the HØP's years.
    with pytest.raises(DomainError, match="allerede prioritert") as feil:
        tenester.prioriter(rad, hop, aar, tiltak=t1, enhet=org.enhet_a)
    assert feil.value.field == "tiltak"
    tenester.endre_tiltak(rad, t2, aktiv=False)
    with pytest.raises(DomainError, match="ikke aktivt") as feil:
        tenester.prioriter(rad, hop, aar, tiltak=t2, enhet=org.enhet_a)
    assert feil.value.field == "tiltak"
    with pytest.raises(DomainError, match="Bare en handlings- og økonomiplan"):
        tenester.prioriter(rad, hop_verk["tp"], aar, tiltak=t1, enhet=org.enhet_a)
    with pytest.raises(DomainError, match="utenfor planperioden"):
        tenester.prioriter(rad, hop, aar + 4, tiltak=t1, enhet=org.enhet_a)
    with pytest.raises(DomainError) as feil:
        tenester.prioriter(rad, hop, aar + 1, tiltak=t1, enhet=None)
    assert feil.value.field == "enhet"
    assert Prioritering.objects.count() == 1
    # Totals: economic and not.
    tenester.endre_tiltak(rad, t2, aktiv=True)
    tenester.prioriter(rad, hop, aar, tiltak=t2, enhet=org.enhet_b, belop=20_000)
    assert tenester.summar(list(tenester.prioriteringar(hop, aar))) == {
        "okonomisk": 500_000, "ikkje_okonomisk": 20_000, "totalt": 520_000}  # fmt: skip
    # Removed again while not sent on.
    tenester.fjern_prioritering(rad, p)
    assert not Prioritering.objects.filter(pk=p.pk).exists()
    assert logg(hop, "prioritering fjernet").exists()


def test_verbal_points(personas, org, hop_verk):
    rad, hop, aar = personas.radmann, hop_verk["hop"], hop_verk["aar"]
    v = tenester.registrer_verbalpunkt(rad, hop, aar, nummer="1", tekst="Utred ny skolestruktur.",
                                       strategi=hop_verk["s1"], enhet=org.sektor_a)  # fmt: skip
    assert logg(v, "opprettet").exists()
    v = tenester.endre_verbalpunkt(rad, v, tekst="Utred ny skolestruktur i Nordbygda.")
    assert logg(v, "endret").exists()
    for data, felt in (
        ({"nummer": "2", "tekst": " "}, "tekst"),
        ({"nummer": "2", "tekst": "X"}, "maal"),
        ({"nummer": "2", "tekst": "X", "maal": hop_verk["m2"], "strategi": hop_verk["s1"]},
         "strategi"),
        ({"nummer": "1", "tekst": "Dobbelt", "maal": hop_verk["m2"]}, "nummer"),
    ):  # fmt: skip
        with pytest.raises(DomainError) as feil:
            tenester.registrer_verbalpunkt(rad, hop, aar, **{"enhet": org.enhet_a} | data)
        assert feil.value.field == felt, data
    # A goal of an inactive plan is refused.
    hop_verk["tp"].aktiv = False
    hop_verk["tp"].save()
    with pytest.raises(DomainError, match="ikke er aktiv") as feil:
        tenester.registrer_verbalpunkt(rad, hop, aar, nummer="3", tekst="X",
                                       maal=hop_verk["m2"], enhet=org.enhet_a)  # fmt: skip
    assert feil.value.field == "maal"
    # The HØP's own goals may be used.
    assert tenester.registrer_verbalpunkt(rad, hop, aar, nummer="3", tekst="Kutt innleie.",
                                          maal=hop_verk["hm"], enhet=org.enhet_a).pk  # fmt: skip


# --- Send til virksomhetsplan ---------------------------------------------------------------


def test_send_on_creates_the_assignments_linked_both_ways(personas, org, hop_verk, klokke):
    rad, hop, aar = personas.radmann, hop_verk["hop"], hop_verk["aar"]
    p = tenester.prioriter(rad, hop, aar, tiltak=hop_verk["t1"], enhet=org.enhet_a,
                           belop=500_000)  # fmt: skip
    v = tenester.registrer_verbalpunkt(rad, hop, aar, nummer="1", tekst="Utred skolestruktur.",
                                       maal=hop_verk["m2"], enhet=org.sektor_a)  # fmt: skip
    assert regler.okonomiplan(rad, hop, aar).kan.send
    nye = tenester.send_til_verksemdsplan(rad, hop, aar)
    assert len(nye) == 2
    p.refresh_from_db()
    v.refresh_from_db()
    pt, vp = p.oppdrag, v.oppdrag
    assert (pt.kategori, pt.tittel, pt.enhet, pt.eigar) == (
        "PT",
        "Flere helsesykepleiere",
        org.enhet_a,
        personas.leder,
    )
    assert (pt.strategi, pt.maal, pt.frist, pt.aar) == (
        hop_verk["s1"],
        None,
        datetime.date(aar, 12, 31),
        aar,
    )
    assert "500 000 kr" in pt.skildring
    assert (vp.kategori, vp.tittel, vp.enhet, vp.eigar, vp.maal) == (
        "VP",
        "Utred skolestruktur.",
        org.sektor_a,
        personas.sektorleder,
        hop_verk["m2"],
    )
    assert pt.prioritering == p and vp.verbalpunkt == v  # both ways
    assert logg(hop, "sendt til virksomhetsplan").exists() and logg(pt, "opprettet").exists()
    # Sent on: no longer removed or edited; again: nothing to send.
    assert not regler.prioritering(rad, p).kan.fjern
    with pytest.raises(DomainError, match="sendt videre"):
        tenester.fjern_prioritering(rad, p)
    with pytest.raises(DomainError, match="sendt videre"):
        tenester.endre_verbalpunkt(rad, v, tekst="Nytt")
    assert not regler.okonomiplan(rad, hop, aar).kan.send
    with pytest.raises(DomainError, match="allerede sendt"):
        tenester.send_til_verksemdsplan(rad, hop, aar)
    # A new measure later: only it is sent, with the deadline given.
    p2 = tenester.prioriter(rad, hop, aar, tiltak=hop_verk["t2"], enhet=org.kommune)
    with pytest.raises(DomainError) as feil:
        tenester.send_til_verksemdsplan(rad, hop, aar, frist=datetime.date(aar + 1, 3, 1))
    assert feil.value.field == "frist"
    nye = tenester.send_til_verksemdsplan(rad, hop, aar, frist=datetime.date(aar, 9, 30))
    assert len(nye) == 1 and Oppdrag.objects.count() == 3
    p2.refresh_from_db()
    # The top unit has no leader role: the chief executive owns it.
    assert (p2.oppdrag.eigar, p2.oppdrag.frist) == (rad, datetime.date(aar, 9, 30))


def test_send_on_is_all_or_nothing_when_a_unit_lacks_a_leader(personas, org, hop_verk):
    rad, hop, aar = personas.radmann, hop_verk["hop"], hop_verk["aar"]
    uten = EnhetFactory(kode="UL", navn="Ungdomsklubben", parent=org.sektor_b)
    uten.refresh_from_db()
    RolleFactory(person=BrukerFactory(), rolle="SB", enhet=uten)
    tenester.prioriter(rad, hop, aar, tiltak=hop_verk["t1"], enhet=org.enhet_a)
    tenester.registrer_verbalpunkt(rad, hop, aar, nummer="1", tekst="Lengre åpningstid.",
                                   maal=hop_verk["m2"], enhet=uten)  # fmt: skip
    with pytest.raises(DomainError, match="Ungdomsklubben"):
        tenester.send_til_verksemdsplan(rad, hop, aar)
    assert not Oppdrag.objects.exists()
    assert not Prioritering.objects.filter(oppdrag__isnull=False).exists()
    # A leader no longer valid does not count either; a valid one does.
    gammal = RolleFactory(person=BrukerFactory(), rolle="LED", enhet=uten,
                          gyldig_fra=datetime.date(aar - 3, 1, 1),
                          gyldig_til=datetime.date(aar - 1, 12, 31))  # fmt: skip
    with pytest.raises(DomainError, match="Ungdomsklubben"):
        tenester.send_til_verksemdsplan(rad, hop, aar)
    ny = RolleFactory(person=BrukerFactory(), rolle="LED", enhet=uten)
    nye = tenester.send_til_verksemdsplan(rad, hop, aar)
    assert len(nye) == 2 and {o.eigar for o in nye} == {personas.leder, ny.person}
    assert gammal.person not in {o.eigar for o in nye}


# --- Pages ----------------------------------------------------------------------------------


def test_the_pages(client, personas, org, hop_verk, django_assert_max_num_queries):
    rad, hop, aar, tp = personas.radmann, hop_verk["hop"], hop_verk["aar"], hop_verk["tp"]
    p = tenester.prioriter(rad, hop, aar, tiltak=hop_verk["t1"], enhet=org.enhet_a, belop=7)
    v = tenester.registrer_verbalpunkt(rad, hop, aar, nummer="1", tekst="Utred skolestruktur.",
                                       maal=hop_verk["m2"], enhet=org.sektor_a)  # fmt: skip
    # A caseworker reads, without forms; the edit pages are 403.
    client.force_login(personas.saksbehandler)
    side = client.get(reverse("verksemdsplan:plan", args=[tp.pk])).content.decode()
    assert "Tiltak i planen (2)" in side
    with django_assert_max_num_queries(12):
        side = client.get(reverse("verksemdsplan:tiltak", args=[tp.pk])).content.decode()
    assert "Flere helsesykepleiere" in side and "Registrer tiltaket" not in side
    assert "800\xa0000" in side  # grouped the Norwegian way
    url = reverse("verksemdsplan:okonomiplan", args=[hop.pk, aar])
    side = client.get(reverse("verksemdsplan:okonomiplan_no", args=[hop.pk])).content.decode()
    assert f"{hop.namn}: {aar}" in side
    with django_assert_max_num_queries(14):
        side = client.get(url).content.decode()
    assert "Flere helsesykepleiere" in side and "Utred skolestruktur." in side
    assert "Prioriter tiltaket" not in side and "Send til virksomhetsplan" not in side
    assert reverse("verksemdsplan:verbalpunkt", args=[v.pk]) not in side  # no link to a 403
    assert client.get(reverse("verksemdsplan:endre_tiltak", args=[p.tiltak_id])).status_code == 403
    assert client.get(reverse("verksemdsplan:verbalpunkt", args=[v.pk])).status_code == 403
    svar = client.post(reverse("verksemdsplan:send_okonomiplan", args=[hop.pk, aar]))
    assert svar.status_code == 403 and not Oppdrag.objects.exists()
    svar = client.post(reverse("verksemdsplan:tiltak", args=[tp.pk]),
                       {"tiltak-nummer": "9", "tiltak-tittel": "X",
                        "tiltak-maal": hop_verk["m1"].pk})  # fmt: skip
    assert svar.status_code == 403 and Tiltak.objects.count() == 2
    assert client.get(reverse("verksemdsplan:okonomiplan", args=[tp.pk, aar])).status_code == 404
    assert client.get(reverse("verksemdsplan:okonomiplan", args=[hop.pk, aar + 9])).status_code \
        == 404  # fmt: skip

    # The chief executive: bad input beside the field, nothing saved; then the real thing.
    client.force_login(rad)
    side = client.get(url).content.decode()
    assert "Prioriter tiltaket" in side and "Send til virksomhetsplan" in side
    assert reverse("verksemdsplan:verbalpunkt", args=[v.pk]) in side
    svar = client.post(reverse("verksemdsplan:tiltak", args=[tp.pk]),
                       {"tiltak-nummer": "9", "tiltak-tittel": "X",
                        "tiltak-maal": hop_verk["m1"].pk,
                        "tiltak-strategi": hop_verk["s1"].pk, "tiltak-kostnad": "5"})  # fmt: skip
    assert svar.status_code == 400 and "Bare økonomiske tiltak" in svar.content.decode()
    assert Tiltak.objects.count() == 2
    svar = client.post(reverse("verksemdsplan:tiltak", args=[tp.pk]),
                       {"tiltak-nummer": "9", "tiltak-tittel": "Nytt tiltak",
                        "tiltak-maal": hop_verk["m1"].pk})  # fmt: skip
    assert svar.status_code == 302 and Tiltak.objects.filter(nummer="9").exists()
    svar = client.post(reverse("verksemdsplan:send_okonomiplan", args=[hop.pk, aar]),
                       {"send-frist": "31.02.2026"})  # fmt: skip
    assert svar.status_code == 400 and not Oppdrag.objects.exists()
    svar = client.post(reverse("verksemdsplan:send_okonomiplan", args=[hop.pk, aar]))
    assert svar.status_code == 302 and Oppdrag.objects.count() == 2
    p.refresh_from_db()
    # The assignment's page shows where it came from, linked back.
    side = client.get(reverse("verksemdsplan:oppdrag", args=[p.oppdrag_id])).content.decode()
    assert "Fra handlings- og økonomiplanen" in side
    assert f"#prioritering-{p.pk}" in side and "tiltak 1.1 Flere helsesykepleiere" in side
    # Removing a sent measure is refused with 409, nothing changes.
    svar = client.post(reverse("verksemdsplan:fjern_prioritering", args=[p.pk]))
    assert svar.status_code == 409 and Prioritering.objects.filter(pk=p.pk).exists()
