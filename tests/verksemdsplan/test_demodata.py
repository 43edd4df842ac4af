"""The verksemdsplan demo (issue 21 item 9): a full year for Fjordvik on any day the demo is
made, and nothing new when it is made again."""

import pytest
from django.db.models import Count

from generators import saksarkiv as demo
from generators import verksemdsplan as vp_demo
from verksemdsplan.models import (
    Brevstatus,
    Indikator,
    Indikatormaal,
    Indikatorverdi,
    Maal,
    Maalnivaa,
    Oppdrag,
    Oppdragsbrev,
    Periodetype,
    Plantype,
    Prioritering,
    Rapport,
    Rapportstatus,
    Sjekkpunkt,
    Sjekkpunktsvar,
    Strategi,
    Tiltak,
    Verbalpunkt,
    Verksemdsplan,
)

pytestmark = pytest.mark.django_db


def _last_to_gonger():
    demo.load()
    forste = vp_demo.load()
    andre = vp_demo.load()
    return forste, andre


def _felles(klokke, forste, andre):
    """What holds on every day: the plan, the letters, the assignments, the indicators'
    history and the checklist; a second run creates nothing."""
    aar = klokke.dag.year
    assert set(andre.values()) == {0}, andre
    assert forste["vp_oppdrag"] == Oppdrag.objects.count()

    # A samfunnsdel with 3–4 main goals, sub-goals and strategies, and the year's HOP.
    hovudmaal = Maal.objects.filter(plan__type=Plantype.SAMFUNNSDEL, nivaa=Maalnivaa.HOVUDMAAL)
    assert 3 <= hovudmaal.count() <= 4
    assert Maal.objects.filter(nivaa=Maalnivaa.DELMAAL, forelder__in=hovudmaal).count() >= 6
    assert Strategi.objects.filter(maal__plan__type=Plantype.SAMFUNNSDEL).count() >= 8
    assert Maal.objects.filter(plan__type=Plantype.HOP, plan__fra_aar=aar).exists()
    planar = Verksemdsplan.objects.filter(aar=aar)
    assert {"FK", "OPK", "HV", "FSK", "HJT"} <= set(planar.values_list("enhet__kode", flat=True))
    # A service takes only goals of its sector's plan.
    fsk, opk = planar.get(enhet__kode="FSK"), planar.get(enhet__kode="OPK")
    assert set(fsk.maal.all()) <= set(opk.maal.all()) and fsk.strategiar.exists()

    # Oppdragsbrev at three levels, each below the top written from the one above.
    brev = {b.enhet.kode: b for b in Oppdragsbrev.objects.filter(aar=aar).select_related("enhet")}
    assert {b.enhet.depth for b in brev.values()} == {1, 2, 3}
    assert {k for k, b in brev.items() if b.status == Brevstatus.PUBLISERT} >= {"FK", "OPK", "HV"}
    assert brev["HJT"].status == Brevstatus.UTKAST
    assert brev["FSK"].forelder == brev["OPK"] and brev["OPK"].forelder == brev["FK"]
    assert all(b.punkt.exists() for b in brev.values())
    assert len(set(brev["FK"].punkt.values_list("tema", flat=True))) == 6

    # 30+ assignments in every category, several delegated two levels down, all tied to a
    # goal or strategy, with varied statuses.
    oppdrag = Oppdrag.objects.filter(aar=aar)
    assert oppdrag.count() >= 30
    assert oppdrag.values("kategori").distinct().count() >= 4
    assert oppdrag.filter(forelder__forelder__isnull=False).count() >= 5
    assert not oppdrag.filter(maal__isnull=True, strategi__isnull=True).exists()
    assert oppdrag.values("status").distinct().count() >= 5
    for o in oppdrag.filter(forelder__isnull=False).select_related("forelder__enhet", "enhet"):
        assert o.enhet.path.startswith(o.forelder.enhet.path) and o.frist <= o.forelder.frist

    # Measures in the samfunnsdel, economic and not; the year's HØP prioritises some and has
    # verbal points, all sent on: every VP and PT assignment at the top of its chain came
    # from it, linked both ways, owned by the unit's leader.
    tiltak = Tiltak.objects.filter(plan__type=Plantype.SAMFUNNSDEL)
    assert tiltak.count() >= 5 and {True, False} <= set(tiltak.values_list("okonomisk", flat=True))
    prioriterte = Prioritering.objects.filter(aar=aar, hop__type=Plantype.HOP)
    assert prioriterte.count() >= 4 and tiltak.exclude(prioriteringar__in=prioriterte).exists()
    assert not prioriterte.filter(oppdrag__isnull=True).exists()
    punkt = Verbalpunkt.objects.filter(aar=aar)
    assert punkt.count() >= 3 and not punkt.filter(oppdrag__isnull=True).exists()
    fra_hop = oppdrag.filter(kategori__in=["VP", "PT"], forelder__isnull=True)
    assert fra_hop.count() == prioriterte.count() + punkt.count()
    for o in fra_hop:
        kjelde = o.prioritering if o.kategori == "PT" else o.verbalpunkt
        assert kjelde.enhet_id == o.enhet_id
    assert fra_hop.filter(deloppdrag__isnull=False).exists()

    # Indicators with five years of history: a target for each year and values for each
    # ended period, none for a period that has not ended.
    indikatorar = Indikator.objects.all()
    assert 5 <= indikatorar.count() <= 6
    for indikator in indikatorar:
        aarsmaal = set(
            Indikatormaal.objects.filter(indikator=indikator).values_list("aar", flat=True)
        )
        assert set(range(aar - 5, aar + 1)) <= aarsmaal, indikator
        historikk = Indikatorverdi.objects.filter(indikator=indikator, enhet=indikator.enhet,
                                                  aar__lt=aar)  # fmt: skip
        assert set(historikk.values_list("aar", flat=True)) == set(range(aar - 5, aar)), indikator
    sjukefravaer = Indikator.objects.get(namn="Sjukefråvær")
    assert sjukefravaer.delegert_til.count() >= 3
    per_aar = dict(
        Indikatorverdi.objects.filter(indikator=sjukefravaer, enhet=sjukefravaer.enhet)
        .values_list("aar").annotate(n=Count("pk"))
    )  # fmt: skip
    assert all(per_aar[a] == 12 for a in range(aar - 5, aar))
    assert per_aar.get(aar, 0) == klokke.dag.month - 1
    assert not Indikatorverdi.objects.filter(aar=aar, indikator__periodetype="A").exists()

    # The checklist, answered for some units this year.
    assert 6 <= Sjekkpunkt.objects.count() <= 10
    assert Sjekkpunktsvar.objects.filter(aar=aar).values("enhet").distinct().count() >= 3


@pytest.mark.klokke("2026-06-17T10:00")
def test_a_year_of_verksemdsplan_in_june(klokke):
    forste, andre = _last_to_gonger()
    _felles(klokke, forste, andre)
    aar = klokke.dag.year
    # Monthly reports January–May, delivered for two units with a line per assignment; one
    # in progress for the last month.
    levert = Rapport.objects.filter(aar=aar, periodetype=Periodetype.MAANAD,
                                    status=Rapportstatus.LEVERT)  # fmt: skip
    assert set(levert.values_list("enhet__kode", "periode")) == {
        (k, m) for k in ("FSK", "HJT") for m in range(1, 6)
    }
    for rapport in levert:
        assert (
            rapport.linjer.count() == Oppdrag.objects.filter(aar=aar, enhet=rapport.enhet).count()
        )
        assert rapport.vurderingar.exists()
    utkast = Rapport.objects.get(status=Rapportstatus.UTKAST)
    assert (utkast.enhet.kode, utkast.periode) == ("SHJ", 5) and utkast.linjer.exists()
    # The last delivered report's statuses are the assignments' statuses.
    mai = levert.get(enhet__kode="FSK", periode=5)
    assert all(linje.status == linje.oppdrag.status for linje in mai.linjer.all())
    # Tertial values up to the last ended tertial only.
    avvik = Indikator.objects.get(periodetype=Periodetype.TERTIAL)
    assert set(avvik.verdiar.filter(aar=aar).values_list("periode", flat=True)) == {1}


@pytest.mark.klokke("2027-01-06T09:00")
def test_early_january_has_a_plan_but_no_reports_yet(klokke):
    forste, andre = _last_to_gonger()
    _felles(klokke, forste, andre)
    assert not Rapport.objects.exists()
    assert not Indikatorverdi.objects.filter(aar=klokke.dag.year).exists()


@pytest.mark.datofolsom  # the demo year and its ended periods follow the day it is made
def test_the_demo_holds_on_any_day(klokke):
    forste, andre = _last_to_gonger()
    _felles(klokke, forste, andre)
    ferdige = klokke.dag.month - 1
    levert = Rapport.objects.filter(status=Rapportstatus.LEVERT)
    assert levert.count() == 2 * ferdige and forste["vp_rapportar"] == levert.count() + (
        1 if ferdige else 0
    )
    assert not Rapport.objects.exclude(aar=klokke.dag.year).exists()
