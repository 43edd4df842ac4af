"""Monthly and tertial reports (issue 21 item 6): who writes and delivers, read-only after
delivery, the assignments taking the reported status, the audit, the five-level assessment
kept apart from the computed status, the roll-up rules (worst child and weighted mean) over
a three-level unit tree, indicator rows for the period, the page's query count, and the PDF
text of the administrative and the political variant."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.urls import reverse

from saksarkiv import audit
from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.services import DomainError, IkkeTilgang
from verksemdsplan.berekning import Status, Trend
from verksemdsplan.models import (
    Indikator,
    Indikatormaal,
    Indikatorverdi,
    Maal,
    Oppdrag,
    Oppsett,
    Plan,
    Rapport,
    Rapportstatus,
    Samanstilling,
    Vurdering,
)
from verksemdsplan.services import rapport as tenester
from verksemdsplan.services import rapport_innhald, rapport_status, sjekkliste

pytestmark = pytest.mark.django_db

INTERN = "INTERNNOTAT"


def lag_plan(aar: int) -> Maal:
    plan = Plan.objects.create(namn="Samfunnsdelen", type="SD", fra_aar=aar - 1, til_aar=aar + 8)
    return Maal.objects.create(plan=plan, nivaa="HM", nummer="1", tittel="Gode tenester")


def lag_oppdrag(personas, enhet, tittel, *, maal, aar, status="IS", vekt=1, kategori="AP"):
    return Oppdrag.objects.create(
        aar=aar, kategori=kategori, tittel=tittel, enhet=enhet, eigar=personas.leder,
        frist=dt.date(aar, 12, 1), maal=maal, status=status, vekt=vekt,
        oppretta_av=personas.radmann,
    )  # fmt: skip


@pytest.fixture
def verda(personas, org, klokke):
    """kommune → sektor_a → enhet_a (three levels) and kommune → sektor_b → enhet_b, with
    assignments whose statuses make worst child and weighted mean disagree."""
    aar = klokke.dag.year
    maal = lag_plan(aar)
    return {
        "aar": aar, "maal": maal,
        "a1": lag_oppdrag(personas, org.enhet_a, "Ny byggesaksrutine", maal=maal, aar=aar,
                          status="FF", vekt=3, kategori="PV"),
        "a2": lag_oppdrag(personas, org.enhet_a, "Digital søknad", maal=maal, aar=aar,
                          status="AV", vekt=1),
        "s1": lag_oppdrag(personas, org.sektor_a, "Felles tilsyn", maal=maal, aar=aar,
                          status="IR", vekt=1),
        "b1": lag_oppdrag(personas, org.enhet_b, "Fosterheimar", maal=maal, aar=aar,
                          status="AV", vekt=5),
    }  # fmt: skip


def _rapport(personas, org, verda, periode=3, enhet=None):
    return tenester.opprett(personas.leder, enhet or org.enhet_a, aar=verda["aar"],
                            periodetype="M", periode=periode)  # fmt: skip


# --- Rules ------------------------------------------------------------------------------------


def test_the_unit_leader_creates_reports_and_bad_periods_are_refused(personas, org, verda):
    aar = verda["aar"]
    for hvem in (personas.saksbehandler, personas.leder_annen, personas.arkiv):
        with pytest.raises(IkkeTilgang):
            tenester.opprett(hvem, org.enhet_a, aar=aar, periodetype="M", periode=1)
    with pytest.raises(DomainError) as feil:
        tenester.opprett(personas.leder, org.enhet_a, aar=aar, periodetype="T", periode=4)
    assert feil.value.field == "periode"
    rapport = _rapport(personas, org, verda)
    with pytest.raises(DomainError) as feil:
        _rapport(personas, org, verda)
    assert "allerede" in feil.value.message
    assert audit.history(rapport).filter(handling="opprettet").exists()


def test_delivery_needs_every_assignment_then_sets_their_status_and_locks_the_report(
    personas, org, verda
):
    rapport = _rapport(personas, org, verda)
    a1, a2 = verda["a1"], verda["a2"]
    with pytest.raises(IkkeTilgang):
        tenester.lagre(personas.saksbehandler, rapport, linjer={a1.pk: ("IR", "")})
    tenester.lagre(personas.leder, rapport, linjer={a1.pk: ("IR", "Godt i gang")})
    with pytest.raises(DomainError) as feil:
        tenester.lever(personas.leder, rapport)
    assert "Digital søknad" in feil.value.message
    assert Oppdrag.objects.get(pk=a1.pk).status == "FF"  # nothing changed before delivery
    # Save and deliver in one step; a refused part saves nothing.
    with pytest.raises(DomainError):
        tenester.lagre(personas.leder, rapport, linjer={a2.pk: ("XX", "")}, lever=True)
    assert rapport.linjer.count() == 1
    tenester.lagre(personas.sektorleder, rapport, kommentar=INTERN,
                   linjer={a2.pk: ("UT", "Venter på leverandør")}, lever=True)  # fmt: skip
    rapport.refresh_from_db()
    assert (rapport.status, rapport.levert_av) == (Rapportstatus.LEVERT, personas.sektorleder)
    oppdrag = Oppdrag.objects.filter(pk__in=[a1.pk, a2.pk])
    assert {(o.status, o.statuskommentar) for o in oppdrag} == {
        ("IR", "Godt i gang"), ("UT", "Venter på leverandør")}  # fmt: skip
    endring = audit.history(a2).get(handling="status rapportert")
    assert endring.endringer["status"] == {"for": "AV", "etter": "UT"}
    # Read-only after delivery, for everyone.
    for hvem in (personas.leder, personas.radmann):
        with pytest.raises(DomainError) as feil:
            tenester.lagre(hvem, rapport, kommentar="Etterpå")
        assert "levert" in feil.value.message
    with pytest.raises(DomainError):
        tenester.lever(personas.leder, rapport)


def test_the_five_level_assessment_is_kept_apart_from_the_computed_status(personas, org, verda):
    rapport = _rapport(personas, org, verda)
    maal = verda["maal"]
    tenester.lagre(personas.leder, rapport, linjer={
        verda["a1"].pk: ("FF", ""), verda["a2"].pk: ("IR", "")},
        vurderingar={maal.pk: (Vurdering.SVAERT_SVAK, "Svak brukarmedverknad")})  # fmt: skip
    status = rapport_status.tre(org.enhet_a, verda["aar"], "M", 3)
    assert status.status == Status.GRONN  # every assignment green: computed green
    assert rapport.vurderingar.get().vurdering == Vurdering.SVAERT_SVAK  # the manual one stays
    # Changing the assignments changes the computed status, never the assessment.
    # The assignment's own status rule holds in the report too: a deviation needs a comment.
    with pytest.raises(DomainError) as feil:
        tenester.lagre(personas.leder, rapport, linjer={verda["a2"].pk: ("AV", "")})
    assert feil.value.field == f"kommentar-{verda['a2'].pk}"
    tenester.lagre(personas.leder, rapport, linjer={verda["a2"].pk: ("AV", "Seinare levering")})
    assert rapport_status.tre(org.enhet_a, verda["aar"], "M", 3).status == Status.RAUD
    assert rapport.vurderingar.get().vurdering == Vurdering.SVAERT_SVAK
    with pytest.raises(DomainError) as feil:
        tenester.lagre(personas.leder, rapport, vurderingar={maal.pk: (None, "")})
    assert feil.value.field == f"vurdering-{maal.pk}"
    endra = audit.history(rapport.vurderingar.get())
    assert endra.filter(handling="opprettet").exists()


# --- Roll-up ----------------------------------------------------------------------------------


def _samla(org, aar, regel):
    Oppsett.objects.update_or_create(pk=1, defaults={"samanstilling": regel})
    rot = rapport_status.tre(org.kommune, aar, "M", 3)
    per = {}

    def gaa(node):
        per[node.enhet.kode] = (node.status, node.samla, node.vekt)
        for b in node.born:
            gaa(b)

    gaa(rot)
    return per


def test_roll_up_worst_child_against_weighted_mean_over_three_levels(personas, org, verda):
    aar = verda["aar"]
    verst = _samla(org, aar, Samanstilling.DAARLEGASTE)
    # enhet_a: Fullført (green, 3) and Avvik (red, 1); sektor_a: I rute (green, 1);
    # enhet_b: Avvik (red, 5).
    assert verst["A1"][:2] == (Status.RAUD, Status.RAUD)
    assert verst["SA"][:2] == (Status.GRONN, Status.RAUD)  # its own green, its child red
    assert verst["SB"][:2] == (None, Status.RAUD)
    assert verst["KOM"][:2] == (None, Status.RAUD)
    assert verst["DOK"][:2] == (None, None)  # nothing to report: does not count
    snitt = _samla(org, aar, Samanstilling.VEKTA_SNITT)
    assert snitt["A1"] == (Status.GRONN, Status.GRONN, 4)  # (3·3 + 1·1) / 4 = 2.5 → green
    assert snitt["SA"] == (Status.GRONN, Status.GRONN, 5)
    assert snitt["SB"] == (None, Status.RAUD, 5)
    assert snitt["KOM"] == (None, Status.GUL, 10)  # (3·5 + 1·5) / 10 = 2 → yellow


def test_the_period_report_overrides_the_assignment_status_and_cancelled_do_not_count(
    personas, org, verda
):
    aar = verda["aar"]
    rapport = _rapport(personas, org, verda)
    tenester.lagre(personas.leder, rapport, linjer={verda["a2"].pk: ("AB", "Lagt bort")})
    Oppsett.objects.create(samanstilling=Samanstilling.DAARLEGASTE)
    a = rapport_status.tre(org.enhet_a, aar, "M", 3)
    assert (a.status, a.vekt, a.rapport) == (Status.GRONN, 3, rapport)
    # Another period has no report: the assignments' own status counts.
    assert rapport_status.tre(org.enhet_a, aar, "M", 4).status == Status.RAUD


def test_indicator_rows_take_the_latest_value_ended_by_the_period(personas, org, verda):
    aar = verda["aar"]
    sjukefravaer = Indikator.objects.create(
        namn="Sjukefråvær", maaleining="%", desimalar=1, periodetype="M", retning="F",
        basisverdi=D("8"), basisaar=aar - 1, maalverdi=D("5"), maalaar=aar + 2,
        grense_gronn=90, grense_gul=50, enhet=org.sektor_a,
    )  # fmt: skip
    sjukefravaer.delegert_til.add(org.enhet_a)
    Indikatormaal.objects.create(indikator=sjukefravaer, aar=aar, verdi=D("6"))
    for maanad, verdi in ((1, "7.5"), (2, "7"), (3, "7.2"), (4, "6")):
        Indikatorverdi.objects.create(indikator=sjukefravaer, enhet=org.enhet_a, aar=aar,
                                      periode=maanad, verdi=D(verdi),
                                      registrert_av=personas.leder)  # fmt: skip
    (rad,) = rapport_status.indikatorar_for(org.enhet_a, aar, "M", 3)
    # March: 7.2 toward the year's target 6 from 8: 40 % → red; up from 7.0 is worse.
    assert (rad.verdi, rad.maal, rad.framdrift) == (D("7.2"), D("6"), D("40.0"))
    assert (rad.status, rad.trend, str(rad.trendtekst)) == (Status.RAUD, Trend.VERRE, "Dårligere")
    assert rad.trendpil == "↑"  # the arrow follows the value; the text says it is worse
    (rad,) = rapport_status.indikatorar_for(org.enhet_a, aar, "T", 1)  # through April
    assert (rad.verdi, rad.status, rad.trend) == (D("6"), Status.GRONN, Trend.BETRE)
    assert (rad.trendpil, str(rad.trendtekst)) == ("↓", "Bedre")
    # The indicator counts in the unit's computed status (worst: red from a2 anyway).
    node = rapport_status.tre(org.enhet_a, aar, "T", 1)
    assert [r.status for r in node.indikatorar] == [Status.GRONN]


# --- Pages and PDFs ---------------------------------------------------------------------------


def test_the_report_page_saves_delivers_and_is_read_only_after(
    personas, org, verda, client, django_assert_max_num_queries
):
    rapport = _rapport(personas, org, verda)
    url = reverse("verksemdsplan:rapport", args=[rapport.pk])
    client.force_login(personas.saksbehandler)
    assert client.get(url).status_code == 403
    client.force_login(personas.leder)
    with django_assert_max_num_queries(40) as lite:
        side = client.get(url)
    assert side.status_code == 200
    html = side.content.decode()
    assert "Ny byggesaksrutine" in html and "Beregnet status" in html
    for n in range(5):  # more assignments: the same number of queries
        lag_oppdrag(personas, org.enhet_a, f"Ekstra {n}", maal=verda["maal"], aar=verda["aar"])
    with django_assert_max_num_queries(len(lite.captured_queries)):
        assert client.get(url).status_code == 200
    Oppdrag.objects.filter(tittel__startswith="Ekstra").delete()

    a1, a2, maal = verda["a1"], verda["a2"], verda["maal"]
    data = {f"status-{a1.pk}": "FF", f"status-{a2.pk}": "Tull", f"vurdering-{maal.pk}": "4"}
    feil = client.post(url, data)
    assert feil.status_code == 400
    assert 'class="feltfeil"' in feil.content.decode()
    assert not rapport.linjer.exists() and not rapport.vurderingar.exists()
    data[f"status-{a2.pk}"] = "IR"
    assert client.post(url, {**data, "lever": "1"}).status_code == 302
    rapport.refresh_from_db()
    assert rapport.status == Rapportstatus.LEVERT
    assert rapport.vurderingar.get().vurdering == Vurdering.GOD
    etter = client.post(url, {**data, "kommentar": "Endra"})
    assert etter.status_code == 409
    assert "levert og kan ikke endres" in etter.content.decode()
    rapport.refresh_from_db()
    assert rapport.kommentar == ""


def _pdf_tekst(client, rapport, variant):
    svar = client.get(reverse("verksemdsplan:rapport_pdf", args=[rapport.pk, variant]))
    assert svar.status_code == 200
    assert svar["Content-Type"] == "application/pdf"
    return " ".join(pdf_tekst(svar.content, variant).split())


def test_pdf_administrative_and_political_variants(personas, org, verda, client, klokke):
    aar = verda["aar"]
    kat = sjekkliste.ny_kontrolltype(
        personas.radmann, sjekkliste.nytt_foremaal(personas.radmann, namn="HMS"), namn="Vern"
    )
    punkt = sjekkliste.nytt_sjekkpunkt(personas.radmann, kat, sporsmaal="Er vernerunde gjort?")
    sjekkliste.svar(personas.leder, org.enhet_a, aar, {punkt.pk: ("NE", "")})
    rapport = _rapport(personas, org, verda)
    maal = verda["maal"]
    tenester.lagre(personas.leder, rapport, kommentar=f"{INTERN} om budsjettet", linjer={
        verda["a1"].pk: ("FF", f"{INTERN} linje"), verda["a2"].pk: ("AV", f"{INTERN} to")},
        vurderingar={maal.pk: (Vurdering.GOD, "Brukarane er nøgde")}, lever=True)  # fmt: skip
    client.force_login(personas.radmann)
    adm = _pdf_tekst(client, rapport, "administrativ")
    assert "Administrativ rapport – Byggesak" in adm
    assert f"{INTERN} linje" in adm and f"{INTERN} om budsjettet" in adm
    assert "Digital søknad" in adm  # the administrative priority
    assert "Sjekkliste for internkontroll" in adm and "Nei: 1" in adm
    assert "God måloppnåelse" in adm and "Brukarane er nøgde" in adm
    assert "Beregnet status" in adm and "Rød" in adm
    pol = _pdf_tekst(client, rapport, "politisk")
    assert "Politisk rapport – Byggesak" in pol
    assert "Ny byggesaksrutine" in pol  # from a political decision
    assert "God måloppnåelse" in pol and "Brukarane er nøgde" in pol
    assert INTERN not in pol  # no internal comments
    assert "Digital søknad" not in pol and "Sjekkliste for internkontroll" not in pol
    client.force_login(personas.leder_annen)
    url = reverse("verksemdsplan:rapport_pdf", args=[rapport.pk, "politisk"])
    assert client.get(url).status_code == 403


def test_the_list_creates_reports_and_the_chief_executive_sets_the_rule(
    personas, org, verda, client
):
    client.force_login(personas.saksbehandler)
    assert client.get(reverse("verksemdsplan:rapporter")).status_code == 403
    client.force_login(personas.leder)
    assert client.get(reverse("verksemdsplan:rapporter")).status_code == 200
    ny = reverse("verksemdsplan:rapport_ny")
    feil = client.post(ny, {"enhet": org.enhet_a.pk, "aar": verda["aar"], "periodetype": "T",
                            "periode": 5})  # fmt: skip
    assert feil.status_code == 400 and 'class="feltfeil"' in feil.content.decode()
    assert client.post(ny, {"enhet": org.enhet_b.pk, "aar": verda["aar"], "periodetype": "T",
                            "periode": 1}).status_code == 400  # fmt: skip
    svar = client.post(ny, {"enhet": org.enhet_a.pk, "aar": verda["aar"], "periodetype": "T",
                            "periode": 1})  # fmt: skip
    rapport = Rapport.objects.get(enhet=org.enhet_a, periodetype="T", periode=1)
    assert svar["Location"] == reverse("verksemdsplan:rapport", args=[rapport.pk])

    url = reverse("verksemdsplan:rapport_oppsett")
    assert client.post(url, {"samanstilling": "VS"}).status_code == 403
    client.force_login(personas.radmann)
    assert client.post(url, {"samanstilling": "XX"}).status_code == 400
    assert client.post(url, {"samanstilling": "VS"}).status_code == 302
    assert Oppsett.hent().samanstilling == Samanstilling.VEKTA_SNITT
    assert audit.history(Oppsett.hent()).exists()
    tittel = rapport_innhald.tittel(rapport, politisk=True)
    assert tittel == f"Politisk rapport – Byggesak, 1. tertial {verda['aar']}"
