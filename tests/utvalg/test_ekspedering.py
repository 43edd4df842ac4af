"""Back to the case (issue 18 item 8): the caseworkers are told by e-mail (no titles), the
case shows its treatments (the decision only to those who may read the draft), and the
caseworker makes the saksutskrift and the partsbrev and marks the decision expedited —
checked by the rule set VEDTAK. The canary sits in an exempt draft's title and decision."""

import pytest
from django.urls import reverse

from journal.models import Dokument, Journalpost, Sakspart
from saksarkiv.models import Endringslogg, Utsending
from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.journal.flythjelp import media, ny_sak  # noqa: F401 - media is a fixture
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from utvalg import ekspedering, resultat, votering
from utvalg import tekst as tekster
from utvalg.models import Dokumentmal, Mote, Motestatus, Sakskartpunkt

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def holdt(personas, org, i_gang):  # noqa: F811
    """A held meeting (G) of Formannskapet. In the caseworker's case: PS 1 «Budsjett»
    decided as recommended after a unanimous vote, PS 2 exempt (code P, the canary in its
    title) decided with changes behind closed doors. PS 3 «Veg» moved to another
    caseworker's case in unit B and decided there."""
    moetet, seat, ps1 = i_gang
    ms = personas.motesekretaer
    punkter = Sakskartpunkt.objects.filter(mote=moetet, behandling__isnull=False)
    _ps1, ps2, ps3 = punkter.order_by("rekkefolge")
    Journalpost.objects.filter(pk=ps2.behandling.journalpost_id).update(
        tittel=f"Skole {CANARY}", offentlig_tittel="Skole *****", tilgangskode_id="P",
        skjermingshjemmel="Offl. § 25")  # fmt: skip
    annen = personas.saksbehandler_annen
    vegsak = ny_sak(annen, org.enhet_b, tittel="Vegvedlikehold")
    Journalpost.objects.filter(pk=ps3.behandling.journalpost_id).update(
        saksmappe=vegsak, saksbehandler=annen, administrativ_enhet=org.enhet_b)  # fmt: skip
    alle = {seat[n].pk: "F" for n in ("fast0", "fast1", "vara_a1", "vara_b1")}
    innstilling = votering.foreslaa(ms, ps1, type="IN", tekst="Budsjettet vedtas.")
    votering.stem(ms, ps1, forslag=innstilling, stemmer=alle)
    resultat.avgjor(ms, ps1, resultat="VS")
    hemmelig = votering.foreslaa(ms, ps2, type="IN", tekst="Eleven får tiltak.")
    votering.stem(ms, ps2, forslag=hemmelig, stemmer=alle)
    hjemmel = "Kommuneloven § 11-5 andre ledd bokstav a"
    resultat.avgjor(ms, ps2, resultat="VE", vedtak=f"<p>{CANARY} får tiltak fra høsten.</p>",
                    lukket=True, lukket_hjemmel=hjemmel)  # fmt: skip
    resultat.avgjor(ms, ps3, resultat="VS", vedtak="<p>Vegen asfalteres i 2031.</p>")
    Mote.objects.filter(pk=moetet.pk).update(status=Motestatus.GJENNOMFORT)
    punkter = Sakskartpunkt.objects.filter(pk__in=[ps1.pk, ps2.pk, ps3.pk]).order_by("rekkefolge")
    return Mote.objects.get(pk=moetet.pk), *punkter


def _pdf(post) -> str:
    dokument = Dokument.objects.get(journalpost=post, tilknyttet_registrering_som="H")
    with dokument.fil.open("rb") as fil:
        return " ".join(pdf_tekst(fil.read(), dokument.tittel).split())


def test_each_caseworker_gets_one_mail_without_titles(personas, holdt):
    moetet, ps1, ps2, ps3 = holdt
    assert ekspedering.varsle(moetet) == 2
    assert ekspedering.varsle(moetet) == 0  # the outbox keys make a second call a no-op
    mails = {u.til: u for u in Utsending.objects.filter(nokkel__startswith=f"vedtak:{moetet.pk}:")}
    assert set(mails) == {personas.saksbehandler.email, personas.saksbehandler_annen.email}
    mine = mails[personas.saksbehandler.email]
    assert ps1.saksnummer in mine.tekst and ps2.saksnummer in mine.tekst
    assert ps3.saksnummer not in mine.tekst
    assert "Formannskapet" in mine.emne and reverse("utvalg:vedtak") in mine.tekst
    for mail in mails.values():
        for ord_ in (CANARY, "Skole", "Budsjett", "Veg"):
            assert ord_ not in mail.tekst + mail.emne, ord_


def test_the_case_shows_its_treatments_and_the_decision_only_to_readers(
    client, login, personas, holdt
):
    _moetet, ps1, ps2, _ps3 = holdt
    url = reverse("journal:sak", args=[ps1.behandling.journalpost.saksmappe_id])
    login(personas.saksbehandler)
    side = client.get(url).content.decode()
    assert "Politisk behandling" in side and ps1.saksnummer in side and ps2.saksnummer in side
    assert "Budsjettet vedtas." in side and f"{CANARY} får tiltak" in side
    # Another caseworker sees the public draft and the record, not the exempt decision.
    login(personas.saksbehandler_annen)
    svar = client.get(url)
    assert svar.status_code == 200
    side = svar.content.decode()
    assert "Budsjettet vedtas." in side and "Vedtaket er unntatt offentlighet" in side
    assert CANARY not in side


def test_my_list_shows_only_my_decisions_not_yet_expedited(
    client, login, personas, holdt, django_assert_max_num_queries
):
    _moetet, ps1, ps2, ps3 = holdt
    assert set(ekspedering.a_ekspedere(personas.saksbehandler)) == {ps1, ps2}
    assert set(ekspedering.a_ekspedere(personas.saksbehandler_annen)) == {ps3}
    login(personas.saksbehandler)
    client.get(reverse("utvalg:vedtak"))
    # Session, user, keys and count, rows, roles, the drafts through the chokepoint: no
    # query per row.
    with django_assert_max_num_queries(7):
        side = client.get(reverse("utvalg:vedtak")).content.decode()
    assert ps1.saksnummer in side and ps2.saksnummer in side and ps3.saksnummer not in side
    assert f"Skole {CANARY}" in side  # the caseworker reads her own exempt draft
    start = client.get(reverse("arbeidsbord")).content.decode()
    assert "Mine vedtak å ekspedere" in start
    # Marked expedited (POST only), it leaves the list and the start page's count.
    assert client.get(reverse("utvalg:ekspeder", args=[ps1.pk])).status_code == 405
    svar = client.post(reverse("utvalg:ekspeder", args=[ps1.pk]))
    assert svar.status_code == 302
    ps1.refresh_from_db()
    assert ps1.ekspedert and ps1.ekspedert_av == personas.saksbehandler
    assert set(ekspedering.a_ekspedere(personas.saksbehandler)) == {ps2}
    logg = Endringslogg.objects.filter(objekt_id=str(ps1.behandling.journalpost_id))
    assert logg.filter(handling="vedtak ekspedert").exists()
    with pytest.raises(DomainError, match="allerede ekspedert"):
        ekspedering.merk_ekspedert(personas.saksbehandler, ps1)
    login(personas.saksbehandler_annen)
    side = client.get(reverse("utvalg:vedtak")).content.decode()
    assert ps3.saksnummer in side and CANARY not in side


def test_the_saksutskrift_holds_treatment_and_decision_and_stays_exempt(personas, holdt):
    _moetet, ps1, ps2, _ps3 = holdt
    sb = personas.saksbehandler
    utskrift = ekspedering.lag_saksutskrift(sb, ps2)
    assert utskrift.journalposttype == "X" and utskrift.journalstatus == "R"
    assert utskrift.saksmappe_id == ps2.behandling.journalpost.saksmappe_id
    assert utskrift.tittel == f"Saksutskrift – Skole {CANARY}"
    assert utskrift.offentlig_tittel == "Saksutskrift – Skole *****"
    assert (utskrift.tilgangskode_id, utskrift.skjermingshjemmel) == ("P", "Offl. § 25")
    ps2.refresh_from_db()
    assert ps2.saksutskrift == utskrift
    tekst = _pdf(utskrift)
    for innhold in (
        "Saksutskrift", ps2.saksnummer, "Formannskapet", f"Skole {CANARY}",
        "Behandlet for lukkede dører, jf. Kommuneloven § 11-5 andre ledd bokstav a.",
        "Innstillingen ble enstemmig vedtatt.", f"{CANARY} får tiltak fra høsten.",
    ):  # fmt: skip
        assert innhold in tekst, innhold
    assert not Dokument.objects.get(journalpost=utskrift).tittel.count(CANARY)
    with pytest.raises(DomainError, match="allerede laget"):
        ekspedering.lag_saksutskrift(sb, ps2)
    # A public draft's extract is public.
    offentlig = ekspedering.lag_saksutskrift(sb, ps1)
    assert offentlig.tilgangskode_id is None
    assert "Budsjettet vedtas." in _pdf(offentlig)


def test_the_partsbrev_goes_to_the_parties_with_the_decision_merged(client, login, personas, holdt):
    _moetet, ps1, _ps2, ps3 = holdt
    annen = personas.saksbehandler_annen
    with pytest.raises(DomainError, match="ingen aktiv mal for partsbrev"):
        ekspedering.skriv_partsbrev(annen, ps3)
    Dokumentmal.objects.create(
        navn="Melding om vedtak", maltype="PB", topp="<p>Til: [[mottakere]]</p>",
        brevtekst="<p>Utvalget har gjort dette vedtaket:</p>[[vedtak]]",
    )  # fmt: skip
    vegsak = ps3.behandling.journalpost.saksmappe
    Sakspart.objects.create(saksmappe=vegsak, navn="Ola Veigård", adresse="Vegen 1",
                            postnummer="2400", poststed="Elverum")  # fmt: skip
    login(annen)
    svar = client.post(reverse("utvalg:partsbrev", args=[ps3.pk]))
    brev = Journalpost.objects.get(saksmappe=vegsak, journalposttype="U")
    assert svar.status_code == 302 and svar["Location"] == reverse("utvalg:tekst", args=[brev.pk])
    assert brev.journalstatus == "R" and brev.saksbehandler == annen
    assert brev.tittel.startswith("Melding om vedtak – ")
    assert list(brev.korrespondanseparter.values_list("korrespondanseparttype", "navn")) == [
        ("EM", "Ola Veigård")
    ]
    assert "Vegen asfalteres i 2031." in brev.tekstdokument.brevtekst
    # Twice: the letter already begun is where to go on.
    svar = client.post(reverse("utvalg:partsbrev", args=[ps3.pk]))
    assert svar.status_code == 409 and "allerede påbegynt" in svar.content.decode()
    # In the case with the exempt decision, each letter merges its own item's decision.
    brev1 = ekspedering.skriv_partsbrev(personas.saksbehandler, ps1)
    assert "Budsjettet vedtas." in brev1.tekstdokument.brevtekst
    assert CANARY not in brev1.tekstdokument.brevtekst


def test_vedtak_merges_the_committee_decision_only_for_readers(personas, holdt):
    _moetet, _ps1, ps2, _ps3 = holdt
    sak = ps2.behandling.journalpost.saksmappe
    brev = Journalpost.objects.filter(saksmappe=sak).first()
    # The newest decision in the case is the exempt one: only for those who read it.
    assert CANARY in tekster._vedtak(brev, personas.saksbehandler)
    assert CANARY not in tekster._vedtak(brev, personas.saksbehandler_annen)
    assert "Budsjettet vedtas." in tekster._vedtak(brev, personas.saksbehandler_annen)


def test_others_may_not_expedite_and_get_a_norwegian_answer(client, login, personas, holdt):
    moetet, ps1, ps2, ps3 = holdt
    annen = personas.saksbehandler_annen
    for tjeneste in (ekspedering.lag_saksutskrift, ekspedering.skriv_partsbrev,
                     ekspedering.merk_ekspedert):  # fmt: skip
        with pytest.raises(IkkeTilgang):
            tjeneste(annen, ps1)
        with pytest.raises(IkkeTilgang):
            tjeneste(personas.politiker, ps2)
    # The unit's leader may act for the caseworker on the public draft.
    ekspedering.merk_ekspedert(personas.sektorleder, ps1)
    login(annen)
    for navn in ("saksutskrift", "partsbrev", "ekspeder"):
        svar = client.post(reverse(f"utvalg:{navn}", args=[ps2.pk]))
        assert svar.status_code == 403, navn
        assert "Du har ikke tilgang" in svar.content.decode() or "Bare" in svar.content.decode()
        assert CANARY not in svar.content.decode()
    # Before the meeting is closed there is nothing to expedite.
    Mote.objects.filter(pk=moetet.pk).update(status=Motestatus.INNKALT)
    login(personas.saksbehandler)
    svar = client.post(reverse("utvalg:ekspeder", args=[ps2.pk]))
    assert svar.status_code == 409 and "når møtet er avsluttet" in svar.content.decode()
    ps2.refresh_from_db()
    assert ps2.ekspedert is None and ps3.ekspedert is None
