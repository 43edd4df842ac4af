"""Political decisions become assignments in one step (issue 21 item 3): «Opprett oppdrag» on
a decision's follow-up, who may, once only, the public title of an exempt decision, and the
link both ways — the assignment's page shows the decision, and the follow-up pages and the
follow-up report (web and PDF) show the assignment and its current status."""

import pytest
from django.urls import reverse

from saksarkiv.models import Endringslogg
from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_protokollforing import behandlet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from tests.vedtak.test_rapport import _valg, fulgt_opp  # noqa: F401 - the fixture
from vedtak import rapport
from verksemdsplan.models import Maal, Oppdrag, Plan
from verksemdsplan.services import oppdrag as tenester

pytestmark = pytest.mark.django_db


@pytest.fixture
def maal(db):
    planen = Plan.objects.create(namn="Samfunnsdelen", type="SD", fra_aar=2020, til_aar=2040)
    return Maal.objects.create(plan=planen, nivaa="HM", nummer="1", tittel="Gode tenester")


def test_a_decision_becomes_an_assignment_once_and_by_those_who_may(
    personas,
    org,
    maal,
    fulgt_opp,  # noqa: F811
):
    _moetet, a, b = fulgt_opp
    for hvem in (personas.saksbehandler, personas.motesekretaer, personas.politiker):
        with pytest.raises(IkkeTilgang):
            tenester.opprett_fra_vedtak(hvem, a, enhet=org.enhet_a,
                                        eigar=personas.saksbehandler, maal=maal)  # fmt: skip
    with pytest.raises(IkkeTilgang):  # a leader, but not of that unit
        tenester.opprett_fra_vedtak(personas.leder_annen, a, enhet=org.enhet_a,
                                    eigar=personas.saksbehandler, maal=maal)  # fmt: skip
    with pytest.raises(DomainError, match="mål eller en strategi"):
        tenester.opprett_fra_vedtak(personas.radmann, a, enhet=org.enhet_a,
                                    eigar=personas.saksbehandler)  # fmt: skip
    oppdrag = tenester.opprett_fra_vedtak(personas.leder, a, enhet=org.enhet_a,
                                          eigar=personas.saksbehandler, maal=maal)  # fmt: skip
    assert (oppdrag.kategori, oppdrag.frist, oppdrag.vedtak) == ("PV", a.frist, a)
    assert oppdrag.tittel.startswith(a.punkt.saksnummer)
    assert a.oppdrag == oppdrag
    assert Endringslogg.objects.filter(handling="oppdrag opprettet", objekt_id=str(a.pk)).exists()
    # Once only.
    with pytest.raises(DomainError, match="allerede gjort om til et oppdrag"):
        tenester.opprett_fra_vedtak(personas.radmann, a, enhet=org.enhet_a,
                                    eigar=personas.saksbehandler, maal=maal)  # fmt: skip
    assert Oppdrag.objects.filter(vedtak=a).count() == 1
    # An exempt decision gives the assignment (read by every employee) its public title.
    fra_b = tenester.opprett_fra_vedtak(personas.radmann, b, enhet=org.enhet_b,
                                        eigar=personas.saksbehandler_annen, maal=maal)  # fmt: skip
    post = b.punkt.behandling.journalpost
    assert post.tilgangskode_id and CANARY in post.tittel
    assert CANARY not in fra_b.tittel and post.offentlig_tittel in fra_b.tittel


def test_the_link_both_ways_and_the_status_in_the_follow_up_report(
    client,
    personas,
    org,
    maal,
    fulgt_opp,  # noqa: F811
    django_assert_max_num_queries,
):
    moetet, a, b = fulgt_opp
    ms, rad = personas.motesekretaer, personas.radmann
    # From the decision's page: the chief executive sees «Opprett oppdrag», the form gives
    # the missing goal beside its field and saves nothing.
    client.force_login(rad)
    punkt_url = reverse("vedtak:punkt", args=[a.punkt_id])
    fra = reverse("verksemdsplan:fra_vedtak", args=[a.pk])
    assert fra in client.get(punkt_url).content.decode()
    svar = client.post(fra, {"oppdrag-enhet": org.enhet_a.pk,
                             "oppdrag-eigar": personas.saksbehandler.pk})  # fmt: skip
    assert svar.status_code == 400
    assert "Knytt oppdraget til et mål eller en strategi." in svar.content.decode()
    assert not Oppdrag.objects.exists()
    svar = client.post(fra, {"oppdrag-enhet": org.enhet_a.pk, "oppdrag-maal": maal.pk,
                             "oppdrag-eigar": personas.saksbehandler.pk})  # fmt: skip
    oppdrag = Oppdrag.objects.get(vedtak=a)
    assert svar.status_code == 302 and svar["Location"] == reverse(
        "verksemdsplan:oppdrag", args=[oppdrag.pk]
    )
    # A second time: refused with its reason, nothing more saved.
    svar = client.post(fra, {"oppdrag-enhet": org.enhet_a.pk, "oppdrag-maal": maal.pk,
                             "oppdrag-eigar": personas.saksbehandler.pk})  # fmt: skip
    assert svar.status_code == 409
    assert "allerede gjort om til et oppdrag" in svar.content.decode()
    assert Oppdrag.objects.count() == 1

    # The assignment's page links to the decision: the item and the meeting.
    client.force_login(personas.saksbehandler)
    side = client.get(reverse("verksemdsplan:oppdrag", args=[oppdrag.pk])).content.decode()
    assert a.punkt.saksnummer in side and moetet.utvalg.navn in side
    assert reverse("utvalg:behandling_i_mote", args=[a.punkt_id]) in side
    assert reverse("utvalg:mote", args=[moetet.pk]) in side

    # The owner reports a status on the assignment …
    svar = client.post(reverse("verksemdsplan:oppdrag_status", args=[oppdrag.pk]),
                       {"status-status": "AV",
                        "status-statuskommentar": "Anbudet er forsinket"})  # fmt: skip
    assert svar.status_code == 302
    # … and the caseworker's follow-up line shows it …
    linje = a.linjer.get(saksbehandler=personas.saksbehandler)
    side = client.get(reverse("vedtak:linje", args=[linje.pk])).content.decode()
    assert "Status på oppdraget: Avvik – Anbudet er forsinket" in side
    # … the decision's page, for the secretary (who may not make an assignment) …
    client.force_login(ms)
    side = client.get(punkt_url).content.decode()
    assert "Status på oppdraget: Avvik" in side and fra not in side
    # … and the follow-up report, on the web and in its PDF, with the status of now.
    rader = {r.oppfolging: r for r in rapport.rader(ms, _valg(moetet))}
    assert [t["status"] for t in rader[a].tillegg] == [
        "Status på oppdraget: Avvik – Anbudet er forsinket"]  # fmt: skip
    assert rader[b].tillegg == []
    aar = moetet.dato.year
    sporring = {"utvalg": moetet.utvalg_id, "fra": f"{aar}-01-01", "til": f"{aar}-12-31"}
    rapport_url = reverse("vedtak:rapport")
    client.get(rapport_url, sporring)
    with django_assert_max_num_queries(20):
        side = client.get(rapport_url, sporring).content.decode()
    assert "Status på oppdraget: Avvik" in side
    tekst = " ".join(pdf_tekst(rapport.pdf(ms, _valg(moetet)), "rapport").split())
    assert "Status på oppdraget: Avvik – Anbudet er forsinket" in tekst
    # The chief executive's report has no action in it (it goes to the committee).
    tekst = " ".join(pdf_tekst(rapport.pdf(rad, _valg(moetet)), "rapport").split())
    assert "Opprett oppdrag" not in tekst
    # A new status is seen at once.
    tenester.oppdater_status(personas.saksbehandler, oppdrag, status="FF")
    rader = {r.oppfolging: r for r in rapport.rader(ms, _valg(moetet))}
    assert rader[a].tillegg[0]["status"] == "Status på oppdraget: Fullført"
