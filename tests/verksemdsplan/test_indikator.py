"""Indicators (issue 21 item 4): who enters values (the owner's and the delegated units'
leaders and above, the chief executive), the period rules of each period type, bad input
beside the field, corrections logged before → after and shown as history, the indicator
admin, and the list and detail pages with status as text, the trend arrow with its text,
falling-is-good indicators and their query counts."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from verksemdsplan.models import Indikator, Indikatormaal, Indikatorverdi
from verksemdsplan.services import indikator as tenester
from verksemdsplan.services import indikator_oversikt as oversikt

pytestmark = pytest.mark.django_db


def lag(org, **kw) -> Indikator:
    felt = {
        "namn": "Andel digitale søknader", "maaleining": "%", "desimalar": 1,
        "periodetype": "M", "retning": "S", "basisverdi": Decimal(40), "basisaar": 2020,
        "maalverdi": Decimal(80), "maalaar": 2030, "grense_gronn": 90, "grense_gul": 60,
        "enhet": org.sektor_a,
    }  # fmt: skip
    delegert = kw.pop("delegert_til", [org.enhet_a])
    ind = Indikator.objects.create(**(felt | kw))
    ind.delegert_til.set(delegert)
    return ind


@pytest.fixture
def ind(org, klokke):
    return lag(org)


def test_who_enters_values(ind, org, personas, klokke):
    """The leaders of the owner (sektor A) and the delegated unit (enhet A) and above, and
    the chief executive; not a caseworker, not another unit's leader, not a unit the
    indicator is not delegated to."""
    fjor = klokke.dag.year - 1
    for n, (hvem, enhet) in enumerate([
        (personas.leder, org.enhet_a), (personas.sektorleder, org.enhet_a),
        (personas.sektorleder, org.sektor_a), (personas.radmann, org.sektor_a),
        (personas.stedfortreder, org.enhet_a),
    ]):  # fmt: skip
        v = tenester.registrer_verdi(hvem, ind, enhet=enhet, aar=fjor, periode=n + 1,
                                     verdi=Decimal("50.5"))  # fmt: skip
        assert v.registrert_av == hvem and v.kjelde == "M"
    # The unit's leader may not enter for the owner above it.
    with pytest.raises(IkkeTilgang) as svar:
        tenester.registrer_verdi(personas.leder, ind, enhet=org.sektor_a, aar=fjor, periode=9,
                                 verdi=1)  # fmt: skip
    assert svar.value.field == "enhet"
    for hvem in (personas.saksbehandler, personas.leder_annen, personas.arkiv):
        with pytest.raises(IkkeTilgang):
            tenester.registrer_verdi(hvem, ind, enhet=org.enhet_a, aar=fjor, periode=9, verdi=1)
    with pytest.raises(DomainError, match="ikke delegert") as svar:
        tenester.registrer_verdi(personas.radmann, ind, enhet=org.enhet_b, aar=fjor, periode=9,
                                 verdi=1)  # fmt: skip
    assert svar.value.field == "enhet"
    assert Indikatorverdi.objects.count() == 5
    # An inactive indicator takes no values.
    Indikator.objects.filter(pk=ind.pk).update(aktiv=False)
    with pytest.raises(DomainError, match="ikke aktiv"):
        tenester.registrer_verdi(personas.radmann, ind, enhet=org.sektor_a, aar=fjor, periode=9,
                                 verdi=1)  # fmt: skip


@pytest.mark.parametrize(
    ("periodetype", "gode", "daarlege"),
    [("M", [1, 12], [0, 13]), ("T", [1, 3], [0, 4, 12]), ("A", [0], [1, 12])],
)
def test_the_period_fits_the_period_type(org, personas, klokke, periodetype, gode, daarlege):
    ind = lag(org, periodetype=periodetype)
    fjor = klokke.dag.year - 1
    for p in gode:
        tenester.registrer_verdi(personas.radmann, ind, enhet=org.enhet_a, aar=fjor, periode=p,
                                 verdi=50)  # fmt: skip
    for p in daarlege:
        with pytest.raises(DomainError) as svar:
            tenester.registrer_verdi(personas.radmann, ind, enhet=org.enhet_a, aar=fjor,
                                     periode=p, verdi=50)  # fmt: skip
        assert svar.value.field == "periode"
    # Not a year to come, nor one before the indicator era.
    for aar in (klokke.dag.year + 1, 1900):
        with pytest.raises(DomainError) as svar:
            tenester.registrer_verdi(personas.radmann, ind, enhet=org.enhet_a, aar=aar,
                                     periode=gode[0], verdi=50)  # fmt: skip
        assert svar.value.field == "aar"
    assert Indikatorverdi.objects.count() == len(gode)


def test_no_value_for_a_period_not_begun(org, klokke):
    """The day given explicitly: 15 March of the test year."""
    aar = klokke.dag.year
    midt_i_mars = dt.date(aar, 3, 15)
    maanad, tertial = lag(org), lag(org, periodetype="T")
    tenester.sjekk_periode(maanad, aar, 3, midt_i_mars)
    tenester.sjekk_periode(tertial, aar, 1, midt_i_mars)
    for ind, p in ((maanad, 4), (tertial, 2)):
        with pytest.raises(DomainError, match="ikke begynt") as svar:
            tenester.sjekk_periode(ind, aar, p, midt_i_mars)
        assert svar.value.field == "periode"
    assert tenester.periode_slutt("T", aar, 2) == dt.date(aar, 8, 31)
    assert tenester.periode_slutt("M", 2028, 2) == dt.date(2028, 2, 29)
    assert tenester.periode_start("T", aar, 3) == dt.date(aar, 9, 1)


@pytest.mark.parametrize(
    ("verdi", "desimalar", "melding"),
    [
        (None, 1, "Skriv verdien"),
        ("tolv", 1, "et tall"),
        (Decimal("12.25"), 1, "høyst 1 desimaler"),
        (Decimal("12.5"), 0, "heltall"),
        (Decimal("1e11"), 0, "for stor"),
    ],
)
def test_bad_values_are_refused_beside_the_field(org, personas, klokke, verdi, desimalar,
                                                 melding):  # fmt: skip
    ind = lag(org, desimalar=desimalar)
    with pytest.raises(DomainError, match=melding) as svar:
        tenester.registrer_verdi(personas.radmann, ind, enhet=org.enhet_a,
                                 aar=klokke.dag.year - 1, periode=1, verdi=verdi)  # fmt: skip
    assert svar.value.field == "verdi"
    assert not Indikatorverdi.objects.exists()


def test_a_correction_after_the_period_needs_a_reason_and_is_logged(ind, org, personas, klokke):
    fjor = klokke.dag.year - 1
    leder = personas.leder
    v = tenester.registrer_verdi(leder, ind, enhet=org.enhet_a, aar=fjor, periode=5, verdi=55)
    with pytest.raises(DomainError, match="hvorfor") as svar:
        tenester.registrer_verdi(leder, ind, enhet=org.enhet_a, aar=fjor, periode=5, verdi=57)
    assert svar.value.field == "grunn"
    with pytest.raises(DomainError, match="samme som før"):
        tenester.registrer_verdi(leder, ind, enhet=org.enhet_a, aar=fjor, periode=5, verdi=55,
                                 grunn="Ny telling")  # fmt: skip
    tenester.registrer_verdi(personas.sektorleder, ind, enhet=org.enhet_a, aar=fjor, periode=5,
                             verdi=Decimal("57.5"), grunn="  Feil i\nuttrekket ")  # fmt: skip
    v.refresh_from_db()
    assert v.verdi == Decimal("57.5") and v.registrert_av == personas.sektorleder
    logg = Endringslogg.objects.get(objekt_id=str(v.pk), handling=tenester.KORRIGERT)
    assert logg.endringer["verdi"] == {"for": "55.0000", "etter": "57.5"}
    assert logg.beskrivelse == "Feil i uttrekket" and logg.aktor == personas.sektorleder
    # Within the period (this month) a correction needs no reason, and is logged too.
    no = tenester.registrer_verdi(leder, ind, enhet=org.enhet_a, aar=klokke.dag.year,
                                  periode=klokke.dag.month, verdi=60)  # fmt: skip
    tenester.registrer_verdi(leder, ind, enhet=org.enhet_a, aar=klokke.dag.year,
                             periode=klokke.dag.month, verdi=61)  # fmt: skip
    assert Endringslogg.objects.filter(objekt_id=str(no.pk), handling=tenester.KORRIGERT).exists()
    historikk = oversikt.korrigeringar(list(ind.verdiar.filter(enhet=org.enhet_a)))
    assert [(h["for"], h["etter"]) for h in historikk] == [("60,0", "61,0"), ("55,0", "57,5")]
    assert historikk[1]["grunn"] == "Feil i uttrekket"


def test_indicator_admin(org, personas, klokke):
    data = {
        "namn": " Sjukefråvær ", "skildring": "", "maaleining": "%", "desimalar": 1,
        "periodetype": "T", "retning": "F", "basisverdi": Decimal("8.0"), "basisaar": 2022,
        "maalverdi": Decimal("6.0"), "maalaar": 2027, "grense_gronn": 90, "grense_gul": 50,
        "maal": None, "enhet": org.enhet_a, "aktiv": True,
    }  # fmt: skip
    for hvem in (personas.saksbehandler, personas.leder_annen):
        with pytest.raises(IkkeTilgang):
            tenester.lagre_indikator(hvem, None, data)
    # Falling is good: the target must be below the baseline.
    with pytest.raises(DomainError, match="lavere") as svar:
        tenester.lagre_indikator(personas.leder, None, data | {"maalverdi": Decimal(9)})
    assert svar.value.field == "maalverdi"
    with pytest.raises(DomainError) as svar:
        tenester.lagre_indikator(personas.leder, None, data | {"grense_gul": 95})
    assert svar.value.field == "grense_gul"
    assert not Indikator.objects.exists()
    ind = tenester.lagre_indikator(personas.leder, None, data, [org.enhet_b])
    assert ind.namn == "Sjukefråvær" and list(ind.delegert_til.all()) == [org.enhet_b]
    # The owner's leader edits; the delegated unit's leader does not.
    with pytest.raises(IkkeTilgang):
        tenester.lagre_indikator(personas.leder_annen, ind, data | {"maalverdi": 5})
    tenester.lagre_indikator(personas.sektorleder, ind, data | {"maalverdi": Decimal(5)})
    logg = Endringslogg.objects.filter(objekt_id=str(ind.pk), handling="endret").get()
    assert logg.endringer["maalverdi"] == {"for": "6.0000", "etter": "5"}
    assert logg.endringer["delegert_til"]["etter"] == []
    # Moving it to a unit the leader does not lead is refused.
    with pytest.raises(IkkeTilgang):
        tenester.lagre_indikator(personas.leder, ind, data | {"enhet": org.enhet_b})
    # A yearly target, then changed.
    tenester.sett_aarsmaal(personas.leder, ind, aar=2026, verdi=Decimal("7.2"))
    tenester.sett_aarsmaal(personas.leder, ind, aar=2026, verdi=Decimal("7.0"))
    assert Indikatormaal.objects.get(indikator=ind, aar=2026).verdi == Decimal("7.0")
    with pytest.raises(IkkeTilgang):
        tenester.sett_aarsmaal(personas.saksbehandler, ind, aar=2026, verdi=7)


def test_status_trend_and_falling_is_good(org, personas, klokke):
    """Sick leave: baseline 8 %, target 6 % (falling is good). 7.0 → 6.5: progress 75 %,
    gul with bands 90/60, better although the arrow points down."""
    fjor = klokke.dag.year - 1
    ind = lag(org, namn="Sykefravær", periodetype="T", retning="F", basisverdi=Decimal(8),
              maalverdi=Decimal(6), delegert_til=[])  # fmt: skip
    for p, v in ((1, "7.0"), (2, "6.5")):
        tenester.registrer_verdi(personas.radmann, ind, enhet=org.sektor_a, aar=fjor, periode=p,
                                 verdi=Decimal(v))  # fmt: skip
    (rad,) = oversikt.oversikt(fjor)
    assert rad.framdrift == Decimal("75.0") and rad.status == "gul" and rad.trend == "betre"
    assert (rad.pil, rad.trendtekst, rad.statustekst) == ("↓", "Bedre", "Gul")
    # A yearly target of its own counts: 7.0 → progress 150 % clamped to 100, green.
    Indikatormaal.objects.create(indikator=ind, aar=fjor, verdi=Decimal(7))
    (rad,) = oversikt.oversikt(fjor)
    assert rad.framdrift == Decimal(100) and rad.status == "gronn"
    # Rising again is worse.
    tenester.registrer_verdi(personas.radmann, ind, enhet=org.sektor_a, aar=fjor, periode=3,
                             verdi=Decimal("7.9"))  # fmt: skip
    (rad,) = oversikt.oversikt(fjor)
    assert rad.trend == "verre" and rad.pil == "↑" and rad.status == "raud"


# --- Pages ------------------------------------------------------------------------------------


def _verdiar(ind, enhet, aar, user, n=12):
    for p in range(1, n + 1):
        Indikatorverdi.objects.create(indikator=ind, enhet=enhet, aar=aar, periode=p,
                                      verdi=Decimal(40 + p * 3), registrert_av=user)  # fmt: skip


def test_the_list_shows_status_as_text_and_the_trend(client, org, personas, klokke,
                                                     django_assert_max_num_queries):  # fmt: skip
    fjor = klokke.dag.year - 1
    ind = lag(org)
    _verdiar(ind, org.enhet_a, fjor, personas.leder)
    client.force_login(personas.saksbehandler)  # every employee reads
    url = reverse("verksemdsplan:indikatorar") + f"?aar={fjor}&enhet={org.enhet_a.pk}"
    with django_assert_max_num_queries(12):
        side = client.get(url).content.decode()
    # December's 76: (76 − 40) / (80 − 40) = 90 % → green; up from 73: better.
    assert "Andel digitale søknader" in side and "76,0 %" in side and "90,0 %" in side
    assert 'class="merke merke--gronn">Grønn</span>' in side
    assert '<span aria-hidden="true">↑</span> Bedre' in side
    assert "Ny indikator" not in side and "Importer verdier" not in side
    # The list's queries do not grow with the indicators.
    for n in range(5):
        _verdiar(lag(org, namn=f"Indikator {n}"), org.enhet_a, fjor, personas.leder, n=3)
    with CaptureQueriesContext(connection) as fa:
        client.get(url)
    for n in range(5, 10):
        _verdiar(lag(org, namn=f"Indikator {n}"), org.enhet_a, fjor, personas.leder, n=3)
    with CaptureQueriesContext(connection) as mange:
        side = client.get(url).content.decode()
    assert len(mange) == len(fa) and side.count("Indikator ") >= 10
    # The other sector's unit has none of them.
    url = reverse("verksemdsplan:indikatorar") + f"?aar={fjor}&enhet={org.enhet_b.pk}"
    assert "Ingen indikatorer" in client.get(url).content.decode()
    client.force_login(personas.leder)
    side = client.get(reverse("verksemdsplan:indikatorar")).content.decode()
    assert "Ny indikator" in side and "Importer verdier" in side


def test_the_detail_page_enters_values_with_errors_beside_the_field(
    client, ind, org, personas, klokke, django_assert_max_num_queries
):
    fjor = klokke.dag.year - 1
    _verdiar(ind, org.enhet_a, fjor, personas.leder, n=6)
    url = reverse("verksemdsplan:indikator", args=[ind.pk])
    client.force_login(personas.saksbehandler)
    with django_assert_max_num_queries(14):
        side = client.get(f"{url}?enhet={org.enhet_a.pk}&aar={fjor}").content.decode()
    assert 'role="img"' in side and "<table" in side and "Registrer eller korriger" not in side
    assert client.post(url, {"verdi-enhet": org.enhet_a.pk}).status_code == 403
    client.force_login(personas.leder)
    data = {"verdi-enhet": org.enhet_a.pk, "verdi-aar": fjor, "verdi-periode": 7,
            "verdi-verdi": "61,5"}  # fmt: skip
    svar = client.post(url, data | {"verdi-verdi": "mye"})
    assert svar.status_code == 400 and 'id="id_verdi-verdi_error"' in svar.content.decode()
    svar = client.post(url, data | {"verdi-verdi": "61,55"})
    side = svar.content.decode()
    assert svar.status_code == 400 and "høyst 1 desimaler" in side
    assert side.index("høyst 1 desimaler") > side.index('id="id_verdi-verdi_error"')
    svar = client.post(url, data)  # the decimal comma
    assert svar.status_code == 302
    assert ind.verdiar.get(enhet=org.enhet_a, aar=fjor, periode=7).verdi == Decimal("61.5")
    # A correction of last year's value without a reason: beside the reason field.
    svar = client.post(url, data | {"verdi-verdi": "62"})
    assert svar.status_code == 400 and 'id="id_verdi-grunn_error"' in svar.content.decode()
    assert (
        client.post(url, data | {"verdi-verdi": "62", "verdi-grunn": "Rettet"}).status_code == 302
    )
    side = client.get(f"{url}?enhet={org.enhet_a.pk}&aar={fjor}").content.decode()
    assert "Korrigeringer" in side and "61,5" in side and "Rettet" in side
    # The leader of enhet A cannot pick sektor A (the owner above).
    svar = client.post(url, data | {"verdi-enhet": org.sektor_a.pk, "verdi-periode": 8})
    assert svar.status_code == 400
    assert not ind.verdiar.filter(enhet=org.sektor_a).exists()


def test_the_admin_pages(client, org, personas, klokke):
    client.force_login(personas.saksbehandler)
    assert client.get(reverse("verksemdsplan:ny_indikator")).status_code == 403
    client.force_login(personas.leder)
    url = reverse("verksemdsplan:ny_indikator")
    assert client.get(url).status_code == 200
    data = {
        "indikator-namn": "Saksbehandlingstid", "indikator-maaleining": "dager",
        "indikator-desimalar": 0, "indikator-periodetype": "M", "indikator-retning": "F",
        "indikator-basisverdi": "30", "indikator-basisaar": 2024, "indikator-maalverdi": "35",
        "indikator-maalaar": 2028, "indikator-grense_gronn": 90, "indikator-grense_gul": 60,
        "indikator-enhet": org.enhet_a.pk, "indikator-aktiv": "on",
    }  # fmt: skip
    svar = client.post(url, data)
    assert svar.status_code == 400 and 'id="id_indikator-maalverdi_error"' in svar.content.decode()
    # The leader may not own it in another unit: not a choice.
    svar = client.post(url, data | {"indikator-maalverdi": "21", "indikator-enhet": org.enhet_b.pk})
    assert svar.status_code == 400 and not Indikator.objects.exists()
    svar = client.post(url, data | {"indikator-maalverdi": "21"})
    ind = Indikator.objects.get()
    assert svar.status_code == 302 and ind.maalverdi == 21 and ind.retning == "F"
    endre = reverse("verksemdsplan:endre_indikator", args=[ind.pk])
    assert 'value="Saksbehandlingstid"' in client.get(endre).content.decode()
    svar = client.post(endre, data | {"indikator-maalverdi": "20,5", "indikator-desimalar": 1})
    ind.refresh_from_db()
    assert svar.status_code == 302 and ind.maalverdi == Decimal("20.5")
    maal = reverse("verksemdsplan:indikator_aarsmaal", args=[ind.pk])
    svar = client.post(maal, {"aarsmaal-aar": 2027, "aarsmaal-verdi": "25,55"})
    assert svar.status_code == 400 and 'id="id_aarsmaal-verdi_error"' in svar.content.decode()
    assert client.post(maal, {"aarsmaal-aar": 2027, "aarsmaal-verdi": "25,5"}).status_code == 302
    assert ind.aarsmaal.get().verdi == Decimal("25.5")
    client.force_login(personas.leder_annen)
    assert client.post(maal, {"aarsmaal-aar": 2027, "aarsmaal-verdi": "1"}).status_code == 403
    assert client.get(endre).status_code == 403
