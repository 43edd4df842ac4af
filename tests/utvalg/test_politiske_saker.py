"""Political cases (issue 16, items 4–6 and 8): enrolment of committee drafts to committees
in order, delegated decisions (DS), referrals (RS), the committee queue and where a
caseworker's political cases stand."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.models import Journalpost
from journal.services import godkjenning
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.journal.flythjelp import eget, hoveddokument, inngaende, ny_sak
from utvalg import koliste, services
from utvalg.models import Behandling, Sakstype, Utvalg

pytestmark = pytest.mark.django_db


@pytest.fixture
def utvalg():
    return {
        kode: Utvalg.objects.create(kode=kode, navn=navn, rekkefolge=n)
        for kode, navn, n in (("FSK", "Formannskapet", 20), ("KST", "Kommunestyret", 30),
                              ("HTE", "Hovedutvalg for teknisk", 10))
    }  # fmt: skip


@pytest.fixture
def sak(personas, org):
    return ny_sak(
        personas.saksbehandler, org.enhet_a, tittel="Reguleringsplan for Fjordvik sentrum"
    )


def _framlegg(personas, sak, **kw):
    post = eget(personas.saksbehandler, sak, "S", tittel=kw.pop("tittel", "Reguleringsplan"), **kw)
    hoveddokument(post, personas.saksbehandler)
    return post


def _gjennom_kjeden(personas, post):
    """Leader, then chief executive: SU/F → RE/G → KL/F."""
    flagg = godkjenning.send_saksframlegg(personas.saksbehandler, post, personas.leder)
    godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=True)
    siste = post.godkjenninger.get(steg="radmann", svar="")
    godkjenning.besvar_godkjenning(personas.radmann, siste, godkjent=True)
    return Journalpost.objects.get(pk=post.pk)


def _ko(utvalg) -> list[tuple[str, int]]:
    return sorted((b.sakstype, b.journalpost_id) for b in koliste.i_koen(utvalg))


def test_a_draft_is_enrolled_to_committees_in_order(personas, sak, utvalg):
    sb = personas.saksbehandler
    post = _framlegg(personas, sak)
    kst = services.sett_behandling(sb, post, utvalg["KST"], sakstype="PS")
    fsk = services.sett_behandling(sb, post, utvalg["FSK"], sakstype="PS")
    assert [b.utvalg.kode for b in post.behandlinger.all()] == ["KST", "FSK"]
    services.flytt_opp(sb, fsk)
    assert [b.utvalg.kode for b in post.behandlinger.all()] == ["FSK", "KST"]
    with pytest.raises(DomainError, match="allerede først"):
        services.flytt_opp(sb, Behandling.objects.get(pk=fsk.pk))
    with pytest.raises(DomainError, match="allerede valgt") as error:
        services.sett_behandling(sb, post, utvalg["FSK"], sakstype="PS")
    assert error.value.field == "utvalg"
    hte = services.sett_behandling(sb, post, utvalg["HTE"], sakstype="PS")
    services.fjern_behandling(sb, Behandling.objects.get(pk=kst.pk))
    assert [(b.utvalg.kode, b.rekkefolge) for b in post.behandlinger.all()] == [
        ("FSK", 1), ("HTE", 2),
    ]  # fmt: skip
    assert hte.meldt_opp_av == sb
    # Once sent up the chain the committees are fixed.
    godkjenning.send_saksframlegg(sb, post, personas.leder)
    with pytest.raises(DomainError, match="mens saksframlegget er et utkast"):
        services.sett_behandling(sb, post, utvalg["KST"], sakstype="PS")
    with pytest.raises(DomainError):
        services.fjern_behandling(sb, Behandling.objects.get(pk=hte.pk))


def test_enrolment_is_for_the_caseworker_or_archive_and_the_kind_fits_the_post(
    personas, sak, utvalg
):
    post = _framlegg(personas, sak)
    for who in ("saksbehandler_annen", "politiker", "motesekretaer"):
        with pytest.raises(IkkeTilgang):
            services.sett_behandling(getattr(personas, who), post, utvalg["FSK"], sakstype="PS")
    with pytest.raises(DomainError, match="behandles som PS") as error:
        services.sett_behandling(personas.saksbehandler, post, utvalg["FSK"], sakstype="DS")
    assert error.value.field == "sakstype"
    brev = eget(personas.saksbehandler, sak, "U", tittel="Vedtak om dispensasjon")
    with pytest.raises(DomainError, match="refereres som DS"):
        services.sett_behandling(personas.saksbehandler, brev, utvalg["FSK"], sakstype="PS")
    notat = eget(personas.saksbehandler, sak, "N", tittel="Notat")
    with pytest.raises(DomainError, match="Bare saksframlegg og delegerte vedtak"):
        services.sett_behandling(personas.saksbehandler, notat, utvalg["FSK"], sakstype="PS")
    assert not Behandling.objects.exists()


def test_a_code_on_the_treatment_needs_its_legal_basis(personas, sak, utvalg):
    post = _framlegg(personas, sak)
    with pytest.raises(DomainError, match="Oppgi hjemmel") as error:
        services.sett_behandling(personas.saksbehandler, post, utvalg["FSK"], sakstype="PS",
                                 tilgangskode="U")  # fmt: skip
    assert error.value.field == "skjermingshjemmel"
    b = services.sett_behandling(personas.saksbehandler, post, utvalg["FSK"], sakstype="PS",
                                 tilgangskode="U", skjermingshjemmel="Offl. § 13")  # fmt: skip
    assert b.tilgangskode_id == "U" and b.skjermingshjemmel == "Offl. § 13"


@pytest.mark.datofolsom
def test_a_draft_reaches_every_committee_s_queue_only_through_the_chain(personas, sak, utvalg):
    sb = personas.saksbehandler
    post = _framlegg(personas, sak)
    for kode in ("FSK", "KST"):
        services.sett_behandling(sb, post, utvalg[kode], sakstype="PS")
    assert _ko(utvalg["FSK"]) == []
    flagg = godkjenning.send_saksframlegg(sb, post, personas.leder)
    assert _ko(utvalg["FSK"]) == []  # SU/F: with the leader
    godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=True)
    assert _ko(utvalg["FSK"]) == []  # RE/G: with the chief executive
    siste = post.godkjenninger.get(steg="radmann", svar="")
    godkjenning.besvar_godkjenning(personas.radmann, siste, godkjent=True)
    assert _ko(utvalg["FSK"]) == _ko(utvalg["KST"]) == [("PS", post.pk)]
    assert _ko(utvalg["HTE"]) == []
    rad = koliste.i_koen(utvalg["FSK"]).get()
    assert rad.i_koen_fra == post.godkjenninger.get(steg="radmann").besvart
    assert koliste.stadium(rad) == "I kølisten"


def test_a_delegated_decision_is_queued_when_marked_ready(personas, sak, utvalg):
    sb = personas.saksbehandler
    vedtak = eget(sb, sak, "U", tittel="Vedtak om dispensasjon")
    ds = services.sett_behandling(sb, vedtak, utvalg["HTE"], sakstype="DS")
    assert _ko(utvalg["HTE"]) == [] and koliste.stadium(ds) == "Ikke meldt klar til referering"
    with pytest.raises(IkkeTilgang):
        services.meld_klar(personas.saksbehandler_annen, ds)
    services.meld_klar(sb, ds)
    assert _ko(utvalg["HTE"]) == [("DS", vedtak.pk)]
    with pytest.raises(DomainError, match="allerede meldt klart"):
        services.meld_klar(sb, ds)
    with pytest.raises(DomainError, match="kan ikke trekkes"):
        services.fjern_behandling(sb, ds)


def test_any_post_the_user_may_read_is_referred_for_information(personas, sak, utvalg):
    brev = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler,
                     tittel="Invitasjon til regionrådet")  # fmt: skip
    rs = services.referer(personas.leder, brev, [utvalg["FSK"], utvalg["KST"]])
    assert [b.sakstype for b in rs] == [Sakstype.REFERAT] * 2
    assert _ko(utvalg["FSK"]) == _ko(utvalg["KST"]) == [("RS", brev.pk)]
    with pytest.raises(DomainError, match="Velg minst ett utvalg"):
        services.referer(personas.leder, brev, [])
    hemmelig = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler,
                         tittel=f"Klage fra {CANARY}", offentlig_tittel="Klage fra *****",
                         tilgangskode="U", skjermingshjemmel="Offl. § 13")  # fmt: skip
    with pytest.raises(IkkeTilgang):
        services.referer(personas.saksbehandler_annen, hemmelig, [utvalg["FSK"]])
    assert not hemmelig.behandlinger.exists()


# --- Pages ------------------------------------------------------------------------------------


@pytest.mark.datofolsom
def test_the_queue_page_screens_titles_and_is_for_the_secretaries(login, personas, sak, utvalg):
    sb = personas.saksbehandler
    apen = _framlegg(personas, sak, tittel="Reguleringsplan for sentrum")
    skjerming = {"tilgangskode": "U", "offentlig_tittel": "Tomtesalg til *****",
                 "skjermingshjemmel": "Offl. § 13"}  # fmt: skip
    skjult = _framlegg(personas, sak, tittel=f"Tomtesalg til {CANARY}", **skjerming)
    for post in (apen, skjult):
        services.sett_behandling(sb, post, utvalg["FSK"], sakstype="PS")
        _gjennom_kjeden(personas, post)
    url = reverse("utvalg:koliste", args=[utvalg["FSK"].pk])
    assert login(personas.saksbehandler).get(url).status_code == 403
    client = login(personas.motesekretaer)
    client.get(url)

    def side():
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(url).content.decode()
        return len(ctx.captured_queries), body

    few, body = side()
    assert "Reguleringsplan for sentrum" in body and "Tomtesalg til *****" in body
    assert CANARY not in body and "2 saker i kø" in body
    brev = inngaende(personas.arkiv, sak, saksbehandler=sb, tittel="Invitasjon")
    for _ in range(3):
        services.referer(
            personas.leder, brev, [utvalg["FSK"]]
        ) if not brev.behandlinger.exists() else None
    vedtak = eget(sb, sak, "U", tittel="Delegert vedtak om skjenkebevilling")
    services.meld_klar(sb, services.sett_behandling(sb, vedtak, utvalg["FSK"], sakstype="DS"))
    many, body = side()
    assert many == few and "4 saker i kø" in body and "Delegert vedtak om skjenkebevilling" in body
    # The secretary's start page counts each queue.
    start = client.get(reverse("arbeidsbord")).content.decode()
    assert "Køliste Formannskapet" in start


@pytest.mark.datofolsom
def test_my_political_cases_show_where_each_stands(login, personas, sak, utvalg):
    sb = personas.saksbehandler
    utkast = _framlegg(personas, sak, tittel="Budsjettjustering")
    services.sett_behandling(sb, utkast, utvalg["FSK"], sakstype="PS")
    klar = _framlegg(personas, sak, tittel="Kommuneplanens arealdel")
    services.sett_behandling(sb, klar, utvalg["KST"], sakstype="PS")
    _gjennom_kjeden(personas, klar)
    sendt = _framlegg(personas, sak, tittel="Trafikksikkerhetsplan")
    services.sett_behandling(sb, sendt, utvalg["HTE"], sakstype="PS")
    godkjenning.send_saksframlegg(sb, sendt, personas.leder)
    client = login(sb)
    url = reverse("utvalg:mine")
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    for tittel, stadium in (("Budsjettjustering", "Utkast"),
                            ("Kommuneplanens arealdel", "I kølisten"),
                            ("Trafikksikkerhetsplan", "Til godkjenning hos leder")):  # fmt: skip
        rad = body[body.index(tittel) :]
        assert stadium in rad[: rad.index("</tr>")], tittel
    assert len(ctx.captured_queries) <= 8
    assert "Budsjettjustering" not in login(personas.saksbehandler_annen).get(url).content.decode()


def test_the_post_page_panel_enrols_refers_and_refuses_beside_the_field(
    login, personas, sak, utvalg
):
    post = _framlegg(personas, sak)
    client = login(personas.saksbehandler)
    side = reverse("journal:journalpost", args=[post.pk])
    body = client.get(side).content.decode()
    assert "Meld opp til utvalg (politisk sak, PS)" in body and "Referer i utvalg" in body
    url = reverse("utvalg:behandling", args=[post.pk])
    assert client.post(url, {"behandling-utvalg": utvalg["FSK"].pk}).status_code == 302
    response = client.post(url, {"behandling-utvalg": utvalg["FSK"].pk})
    assert response.status_code == 400 and "allerede valgt" in response.content.decode()
    response = client.post(
        url, {"behandling-utvalg": utvalg["KST"].pk, "behandling-tilgangskode": "U"}
    )
    assert response.status_code == 400 and "Oppgi hjemmel" in response.content.decode()
    assert post.behandlinger.count() == 1
    # Another caseworker sees the treatments but no forms, and is refused.
    annen = login(personas.saksbehandler_annen)
    assert "Meld opp til utvalg" not in annen.get(side).content.decode()
    assert annen.post(url, {"behandling-utvalg": utvalg["KST"].pk}).status_code == 403


@pytest.mark.datofolsom
def test_leaders_plan_approved_drafts_and_the_secretary_sees_what_is_missing(
    login, personas, sak, utvalg
):
    import datetime as dt

    from django.utils import timezone

    sb, dag = personas.saksbehandler, timezone.localdate()
    mote = dag + dt.timedelta(days=14)
    utkast = _framlegg(personas, sak, tittel="Utkast til plan")
    b_utkast = services.sett_behandling(sb, utkast, utvalg["FSK"], sakstype="PS")
    with pytest.raises(DomainError, match="godkjent av leder"):
        services.planlegg(personas.leder, b_utkast, mote)
    # Approved by the leader (RE/G), planned, but not through the chief executive yet.
    halvveis = _framlegg(personas, sak, tittel="Halvveis godkjent plan")
    b_halv = services.sett_behandling(sb, halvveis, utvalg["FSK"], sakstype="PS")
    flagg = godkjenning.send_saksframlegg(sb, halvveis, personas.leder)
    godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=True)
    with pytest.raises(IkkeTilgang):
        services.planlegg(sb, b_halv, mote)
    with pytest.raises(DomainError, match="kommende møtedato") as error:
        services.planlegg(personas.leder, b_halv, dag - dt.timedelta(days=1))
    assert error.value.field == "dato"
    services.planlegg(personas.leder, b_halv, mote)
    # Through the chain, and not planned.
    ferdig = _framlegg(personas, sak, tittel="Ferdig godkjent plan")
    services.sett_behandling(sb, ferdig, utvalg["FSK"], sakstype="PS")
    _gjennom_kjeden(personas, ferdig)
    assert [b.journalpost_id for b in koliste.planlagt_ikke_klar(utvalg["FSK"])] == [halvveis.pk]
    assert [b.journalpost_id for b in koliste.klar_ikke_planlagt(utvalg["FSK"])] == [ferdig.pk]
    body = (
        login(personas.motesekretaer)
        .get(reverse("utvalg:koliste", args=[utvalg["FSK"].pk]))
        .content.decode()
    )
    planlagt = body[
        body.index("Planlagt, men ikke klar</h2>") : body.index("Klar, men ikke planlagt</h2>")
    ]
    assert "Halvveis godkjent plan" in planlagt and "Ferdig godkjent plan" not in planlagt
    assert "Ferdig godkjent plan" in body[body.index("Klar, men ikke planlagt</h2>") :]
    # The chief executive plans it too, from the post page; the secretary's lists follow.
    client = login(personas.radmann)
    b_ferdig = ferdig.behandlinger.get()
    url = reverse("utvalg:planlegg", args=[b_ferdig.pk])
    assert client.post(url, {"planlegg-dato": mote.isoformat()}).status_code == 302
    assert list(koliste.klar_ikke_planlagt(utvalg["FSK"])) == []


def test_the_approvers_read_the_draft_from_their_lists(login, personas, sak, utvalg):
    sb = personas.saksbehandler
    post = _framlegg(personas, sak, tittel="Reguleringsplan til godkjenning")
    services.sett_behandling(sb, post, utvalg["FSK"], sakstype="PS")
    flagg = godkjenning.send_saksframlegg(sb, post, personas.leder)
    dokument = post.dokumenter.get(tilknyttet_registrering_som="H")
    lenke = reverse("journal:dokument_last_ned", args=[dokument.pk])
    client = login(personas.leder)
    body = client.get(reverse("journal:godkjenning_leder")).content.decode()
    assert "Les dokumentet" in body and lenke in body
    assert client.get(lenke).status_code == 200
    godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=True)
    client = login(personas.radmann)
    body = client.get(reverse("journal:endelig_godkjenning")).content.decode()
    assert "Reguleringsplan til godkjenning" in body and lenke in body
    assert client.get(lenke).status_code == 200
