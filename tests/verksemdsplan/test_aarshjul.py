"""The year wheel (issue 21 item 7): the chief executive creates a year's default deadlines
with one action (oppdragsbrev and verksemdsplan 31 January, monthly reports the 10th of the
next month, tertial reports 15 May, 15 September and 15 January) and edits them; the leaders
get «Frist i årshjulet: … om N dager» in the daily digest from `paaminning_dagar` days
before a deadline — N days before, not N+1."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse

from journal import jobber
from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError, IkkeTilgang
from verksemdsplan import varsler
from verksemdsplan.models import Aarshjulfrist, Fristtype
from verksemdsplan.services import aarshjul as tenester

pytestmark = pytest.mark.django_db


def dagar(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def test_the_default_deadlines_of_a_year(personas, klokke):
    aar = klokke.dag.year
    for nekta in (personas.leder, personas.sektorleder, personas.saksbehandler, personas.arkiv):
        with pytest.raises(IkkeTilgang):
            tenester.opprett_standard(nekta, aar)
    nye = tenester.opprett_standard(personas.radmann, aar)
    assert len(nye) == 17 == Aarshjulfrist.objects.filter(aar=aar).count()
    datoar = {(f.type, f.dato) for f in nye}
    assert (Fristtype.OPPDRAGSBREV, dt.date(aar, 1, 31)) in datoar
    assert (Fristtype.PLAN, dt.date(aar, 1, 31)) in datoar
    maanad = sorted(f.dato for f in nye if f.type == Fristtype.RAPPORT_MAANAD)
    assert maanad[0] == dt.date(aar, 2, 10) and maanad[-1] == dt.date(aar + 1, 1, 10)
    assert len(maanad) == 12
    assert sorted(f.dato for f in nye if f.type == Fristtype.RAPPORT_TERTIAL) == [
        dt.date(aar, 5, 15), dt.date(aar, 9, 15), dt.date(aar + 1, 1, 15)]  # fmt: skip
    ct = ContentType.objects.get_for_model(Aarshjulfrist)
    assert Endringslogg.objects.filter(content_type=ct, handling="opprettet").count() == 17
    # Again: nothing to add. One removed: only that one comes back.
    with pytest.raises(DomainError, match="finnes allerede"):
        tenester.opprett_standard(personas.radmann, aar)
    Aarshjulfrist.objects.filter(type=Fristtype.PLAN).delete()
    [ny] = tenester.opprett_standard(personas.radmann, aar)
    assert (ny.type, ny.dato) == (Fristtype.PLAN, dt.date(aar, 1, 31))


def test_adding_and_editing_a_deadline(personas, klokke):
    aar, rad = klokke.dag.year, personas.radmann
    data = {"tittel": "Budsjettinnspill", "dato": dt.date(aar, 9, 1), "paaminning_dagar": 14}
    with pytest.raises(IkkeTilgang):
        tenester.legg_til(personas.leder, aar, **data)
    for feil, felt in (({"tittel": " "}, "tittel"), ({"dato": dt.date(aar + 2, 1, 1)}, "dato"),
                       ({"paaminning_dagar": 91}, "paaminning_dagar"),
                       ({"type": "ZZ"}, "type")):  # fmt: skip
        with pytest.raises(DomainError) as svar:
            tenester.legg_til(rad, aar, **data | feil)
        assert svar.value.field == felt
    assert not Aarshjulfrist.objects.exists()
    frist = tenester.legg_til(rad, aar, **data)
    assert frist.type == Fristtype.ANNA
    with pytest.raises(IkkeTilgang):
        tenester.endre(personas.sektorleder, frist, **data)
    frist = tenester.endre(rad, frist, **data | {"dato": dt.date(aar, 9, 8)})
    ct = ContentType.objects.get_for_model(frist)
    logg = Endringslogg.objects.get(content_type=ct, objekt_id=str(frist.pk), handling="endret")
    assert logg.endringer["dato"]["etter"] == dt.date(aar, 9, 8).isoformat()


def test_the_digest_reminds_the_leaders_n_days_before_and_not_n_plus_one(personas, klokke):
    dag = klokke.dag
    innan = Aarshjulfrist.objects.create(aar=dag.year, type="RM", tittel="Månedsrapport mars",
                                         dato=dag + dagar(3), paaminning_dagar=3)  # fmt: skip
    for_tidleg = Aarshjulfrist.objects.create(aar=dag.year, type="RT", tittel="Tertialrapport",
                                              dato=dag + dagar(8), paaminning_dagar=7)  # fmt: skip
    Aarshjulfrist.objects.create(aar=dag.year, type="AN", tittel="Passert frist",
                                 dato=dag - dagar(1), paaminning_dagar=7)  # fmt: skip
    tillegg = varsler.daglig(dag)
    ledere = {personas.leder, personas.sektorleder, personas.stedfortreder,
              personas.leder_annen, personas.radmann}  # fmt: skip
    assert set(tillegg) == {u.pk for u in ledere}
    [seksjon] = tillegg[personas.leder.pk]
    assert seksjon["antall"] == 1
    [punkt] = seksjon["punkter"]
    assert f"{punkt['nummer']} {punkt['tittel']}" == (
        "Frist i årshjulet: Månedsrapport mars om 3 dager"
    )
    assert punkt["dato"] == innan.dato
    # The next day the tertial report is 7 days away: in the digest; the day itself: «i dag».
    punkter = varsler.daglig(dag + dagar(1))[personas.radmann.pk][0]["punkter"]
    assert [p["tittel"] for p in punkter] == ["Månedsrapport mars om 2 dager",
                                              "Tertialrapport om 7 dager"]  # fmt: skip
    assert varsler.daglig(for_tidleg.dato)[personas.radmann.pk][0]["punkter"][0]["tittel"] == (
        "Tertialrapport i dag"
    )
    assert varsler.daglig(for_tidleg.dato + dagar(1)) == {}
    # Through the journal's digest: the leader's mail carries it; the caseworker gets none.
    jobber.daglig(dag)
    [brev] = [m for m in mail.outbox if m.to == [personas.leder.email]]
    assert "FRISTER I ÅRSHJULET (1)" in brev.body
    assert "Frist i årshjulet: Månedsrapport mars om 3 dager" in brev.body
    assert f"/verksemdsplan/arshjul/{dag.year}/#frist-{innan.pk}" in brev.body
    assert not [m for m in mail.outbox if m.to == [personas.saksbehandler.email]]


def test_the_year_wheel_page(client, personas, klokke, django_assert_max_num_queries):
    aar = klokke.dag.year
    side_url = reverse("verksemdsplan:aarshjul", args=[aar])
    client.force_login(personas.saksbehandler)
    side = client.get(reverse("verksemdsplan:aarshjul_no")).content.decode()
    assert "Ingen frister er lagt inn for året." in side and "Legg inn standardfristene" not in side
    assert client.post(reverse("verksemdsplan:aarshjul_standard", args=[aar])).status_code == 403
    client.force_login(personas.radmann)
    assert client.post(reverse("verksemdsplan:aarshjul_standard", args=[aar])).status_code == 302
    assert client.post(reverse("verksemdsplan:aarshjul_standard", args=[aar])).status_code == 409
    with django_assert_max_num_queries(8):
        side = client.get(side_url).content.decode()
    assert side.count('<circle cx="') == 18  # the rim and one dot per deadline
    assert "Tertialrapport 2. tertial" in side and f"{aar + 1}" in side
    # A new deadline with bad input: the message beside the field.
    svar = client.post(reverse("verksemdsplan:aarshjul_ny", args=[aar]),
                       {"frist-tittel": "Ekstra", "frist-type": "AN", "frist-dato": "",
                        "frist-paaminning_dagar": "5"})  # fmt: skip
    assert svar.status_code == 400 and 'id="id_frist-dato_error"' in svar.content.decode()
    frist = Aarshjulfrist.objects.get(aar=aar, type="OB")
    endre = reverse("verksemdsplan:aarshjul_frist", args=[frist.pk])
    svar = client.post(endre, {"frist-tittel": frist.tittel, "frist-type": "OB",
                               "frist-dato": f"{aar + 3}-01-01",
                               "frist-paaminning_dagar": "7"})  # fmt: skip
    assert svar.status_code == 400 and 'id="id_frist-dato_error"' in svar.content.decode()
    svar = client.post(endre, {"frist-tittel": frist.tittel, "frist-type": "OB",
                               "frist-dato": f"{aar}-01-25",
                               "frist-paaminning_dagar": "10"})  # fmt: skip
    assert svar.status_code == 302
    frist.refresh_from_db()
    assert (frist.dato, frist.paaminning_dagar) == (dt.date(aar, 1, 25), 10)
    client.force_login(personas.leder)
    assert client.get(endre).status_code == 403
    assert client.post(endre, {"frist-tittel": "X", "frist-type": "OB",
                               "frist-dato": f"{aar}-01-20",
                               "frist-paaminning_dagar": "7"}).status_code == 403  # fmt: skip
