"""After the meeting (issue 18, items 6–7): closing the meeting, the minutes and the public
minutes as journal posts in the meeting case (made again as new versions while unapproved),
the decisions list marked «ikke godkjent», approval at the next meeting or by the chair,
the lock, and corrections with their reason in the documents' history."""

import datetime as dt

import pytest
from django.urls import reverse

from journal.models import Dokument, Journalpost
from saksarkiv.models import Endringslogg
from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.utvalg.motehjelp import mote
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from utvalg import frammote, innkalling, protokoll, protokollforing, resultat, sakskart, votering
from utvalg.models import Fastsak, Motedokument, Motestatus, Sakskartpunkt, Utvalg

pytestmark = pytest.mark.django_db


def _pdf(motedokument: Motedokument) -> str:
    dokument = Dokument.objects.get(journalpost=motedokument.journalpost_id,
                                    tilknyttet_registrering_som="H")  # fmt: skip
    with dokument.fil.open("rb") as f:
        return " ".join(pdf_tekst(f.read(), "protokoll").split())


@pytest.fixture
def behandlet(personas, i_gang):  # noqa: F811
    """The meeting treated: PS 1 carried after an alternative fell, PS 2 exempt (canary)
    decided behind closed doors, PS 3 postponed; then closed."""
    moetet, seat, ps1 = i_gang
    ms = personas.motesekretaer
    _ps1, ps2, ps3 = [p for p in sakskart.aktive(moetet) if p.behandling_id]
    Journalpost.objects.filter(pk=ps2.behandling.journalpost_id).update(
        tittel=f"Skole {CANARY}", offentlig_tittel="Skole *****", tilgangskode_id="P",
        skjermingshjemmel="Offl. § 25")  # fmt: skip
    alle = {seat[n].pk: "F" for n in ("fast0", "fast1", "vara_a1", "vara_b1")}
    innstilling = votering.foreslaa(ms, ps1, type="IN", tekst="Budsjettet vedtas.")
    alternativ = votering.foreslaa(ms, ps1, type="AL", tekst="Budsjettet sendes tilbake.",
                                   parti=seat["vara_b1"].parti)  # fmt: skip
    votering.stem(ms, ps1, forslag=innstilling, mot_forslag=alternativ,
                  stemmer=alle | {seat["vara_b1"].pk: "M"})  # fmt: skip
    # The meeting took PS 2 before PS 1: the order change is kept.
    votering.foreslaa(ms, ps2, type="IN", tekst=f"{CANARY} tilsettes.")
    resultat.avgjor(ms, ps2, resultat="VS", lukket=True,
                    lukket_hjemmel="Kommuneloven § 11-5 andre ledd bokstav a")  # fmt: skip
    resultat.avgjor(ms, ps1, resultat="VS")
    with pytest.raises(DomainError, match="Registrer resultatet for PS 4/30"):
        protokollforing.avslutt(ms, moetet)
    resultat.avgjor(ms, ps3, resultat="UT")
    protokollforing.avslutt(ms, moetet)
    return moetet, seat, ps1


def test_closing_a_meeting_needs_every_result_and_is_logged(personas, behandlet):
    moetet, _seat, ps1 = behandlet
    moetet.refresh_from_db()
    assert moetet.status == Motestatus.GJENNOMFORT
    assert Endringslogg.objects.filter(objekt_id=str(moetet.pk), handling="møtet avsluttet")
    # Each treated case has it in its post's history.
    post = ps1.behandling.journalpost
    logg = Endringslogg.objects.get(objekt_id=str(post.pk), handling="behandlet i utvalg")
    assert logg.beskrivelse == "Formannskapet 14.03.2030, PS 2/30: vedtatt som innstilt"
    with pytest.raises(DomainError, match="bare et innkalt møte"):
        protokollforing.avslutt(personas.motesekretaer, moetet)
    with pytest.raises(IkkeTilgang):
        protokollforing.publiser_protokoll(personas.saksbehandler, moetet)


def test_the_minutes_are_journal_posts_made_again_as_new_versions_until_approved(
    personas, behandlet
):
    moetet, _seat, ps1 = behandlet
    ms = personas.motesekretaer
    full, offentlig = protokollforing.publiser_protokoll(ms, moetet)
    assert (full.type, offentlig.type) == ("MP", "OP")
    assert (
        full.journalpost.tilgangskode_id == "MU" and offentlig.journalpost.tilgangskode_id is None
    )
    assert {full.journalpost.journalstatus, offentlig.journalpost.journalstatus} == {"F"}
    assert full.journalpost.saksmappe.motesak.utvalg == moetet.utvalg
    tekst = _pdf(offentlig)
    assert CANARY not in tekst and "Ikke godkjent" in tekst
    assert "Innstillingen ble vedtatt med 3 mot 1 stemmer for forslaget fra H." in tekst
    assert "Møtet endret rekkefølgen: saken ble behandlet etter PS 3/30." in tekst
    assert f"{CANARY} tilsettes." in _pdf(full)
    # The secretary edits a stock phrase; the same posts get a new version.
    v = ps1.voteringer.get()
    protokollforing.rediger(ms, ps1, setninger={v.pk: "Innstillingen ble vedtatt mot én stemme."})
    protokollforing.publiser_protokoll(ms, moetet)
    assert Motedokument.objects.filter(mote=moetet, type__in=("MP", "OP")).count() == 2
    assert "Innstillingen ble vedtatt mot én stemme." in _pdf(offentlig)
    ny = Endringslogg.objects.filter(objekt_id=str(offentlig.journalpost_id),
                                     handling="ny versjon av hoveddokumentet")  # fmt: skip
    assert ny.exists()
    # Emptying the phrase brings the generated one back.
    protokollforing.rediger(ms, ps1, setninger={v.pk: ""})
    v.refresh_from_db()
    assert v.tekst == ""


def test_the_decisions_list_is_public_and_marked_not_approved(personas, behandlet):
    moetet, _seat, _ps1 = behandlet
    liste = protokollforing.publiser_vedtaksliste(personas.motesekretaer, moetet)
    assert liste.journalpost.tilgangskode_id is None and liste.journalpost.journalstatus == "G"
    tekst = _pdf(liste)
    assert "Ikke godkjent" in tekst and "Skole *****" in tekst and CANARY not in tekst
    assert "Budsjettet vedtas." in tekst and "Utsatt" in tekst
    with pytest.raises(DomainError, match="allerede publisert"):
        protokollforing.publiser_vedtaksliste(personas.motesekretaer, moetet)


def _neste_mote(personas, moetet):
    """The committee's next meeting, its notice out and its roll call taken."""
    ms = personas.motesekretaer
    neste = mote(personas, moetet.utvalg, dato=moetet.dato + dt.timedelta(days=28))
    ps_ = Sakskartpunkt.objects.filter(mote=moetet, resultat="UT").get().behandling
    sakskart.sett_pa(ms, neste, [ps_.pk])
    innkalling.publiser(ms, neste)
    frammote.start_opprop(ms, neste)
    return neste


def test_the_next_meeting_approves_the_minutes_and_locks_them_and_corrections_are_logged(
    personas, behandlet
):
    moetet, seat, ps1 = behandlet
    ms = personas.motesekretaer
    neste = _neste_mote(personas, moetet)
    godkjenning = Sakskartpunkt.objects.get(mote=neste, fast=Fastsak.PROTOKOLL)
    with pytest.raises(DomainError, match="ikke laget ennå"):
        resultat.avgjor(ms, godkjenning, resultat="VS")
    full, offentlig = protokollforing.publiser_protokoll(ms, moetet)
    resultat.avgjor(ms, godkjenning, resultat="VS")
    moetet.refresh_from_db()
    assert moetet.status == Motestatus.PROTOKOLL_GODKJENT
    assert moetet.protokoll_godkjenning == "Godkjent i møte 11.04.2030, PS 6/30"
    for d in (full, offentlig):
        d.journalpost.refresh_from_db()
        assert d.journalpost.journalstatus == "G"
        assert "Godkjent i møte 11.04.2030" in _pdf(d)
    # Locked: no change to attendance, votes or results, and no new minutes.
    with pytest.raises(DomainError, match="til protokollen er godkjent"):
        resultat.avgjor(ms, ps1, resultat="VE", vedtak="<p>Annet</p>")
    with pytest.raises(DomainError, match="til protokollen er godkjent"):
        frammote.endre(ms, ps1, medlem=seat["fast0"], type="PE")
    with pytest.raises(DomainError, match="godkjent og låst"):
        protokollforing.publiser_protokoll(ms, moetet)
    with pytest.raises(DomainError, match="ikke låst ennå"):
        protokollforing.korriger(ms, godkjenning, grunn="x", vedtak="<p>y</p>")
    # A correction needs its reason, and is logged on the meeting and each minutes post.
    with pytest.raises(DomainError, match="hvorfor") as error:
        protokollforing.korriger(ms, ps1, grunn=" ", vedtak="<p>Budsjettet vedtas med tillegg.</p>")
    assert error.value.field == "grunn"
    with pytest.raises(IkkeTilgang):
        protokollforing.korriger(personas.saksbehandler, ps1, grunn="Skrivefeil",
                                 vedtak="<p>Budsjettet vedtas med tillegg.</p>")  # fmt: skip
    protokollforing.korriger(ms, ps1, grunn="Skrivefeil i vedtaket",
                             vedtak="<p>Budsjettet vedtas med tillegg.</p>")  # fmt: skip
    ps1.refresh_from_db()
    assert ps1.vedtak == "<p>Budsjettet vedtas med tillegg.</p>"
    for d in (full, offentlig):
        historikk = Endringslogg.objects.filter(objekt_id=str(d.journalpost_id))
        assert historikk.filter(handling=protokoll.RETTET,
                                beskrivelse="PS 2/30: Skrivefeil i vedtaket").exists()  # fmt: skip
        tekst = _pdf(d)
        assert "Rettelser etter godkjenning" in tekst and "Skrivefeil i vedtaket" in tekst
        assert "Budsjettet vedtas med tillegg." in tekst
    assert CANARY not in _pdf(offentlig)


def test_the_chair_approves_when_the_committee_so_decided(personas, behandlet):
    moetet, seat, _ps1 = behandlet
    ms = personas.motesekretaer
    protokollforing.publiser_protokoll(ms, moetet)
    with pytest.raises(DomainError, match="ikke vedtatt at møteleder"):
        protokollforing.godkjenn_av_leder(ms, moetet)
    Utvalg.objects.filter(pk=moetet.utvalg_id).update(protokoll_av_leder=True)
    for hvem in (personas.saksbehandler, seat["fast1"].person):
        with pytest.raises(IkkeTilgang):
            protokollforing.godkjenn_av_leder(hvem, moetet)
    protokollforing.godkjenn_av_leder(seat["fast0"].person, moetet)  # the chair herself
    moetet.refresh_from_db()
    assert moetet.status == Motestatus.PROTOKOLL_GODKJENT
    assert moetet.protokoll_godkjenning.startswith("Godkjent av møteleder Fast Medlem0")


def test_the_meeting_page_takes_the_secretary_through_and_errors_show_beside_the_field(
    client, personas, behandlet
):
    moetet, _seat, ps1 = behandlet
    ms = personas.motesekretaer
    client.force_login(ms)
    side = client.get(reverse("utvalg:mote", args=[moetet.pk])).content.decode()
    assert "Publiser protokollen" in side and "Publiser vedtaksliste" in side
    svar = client.post(reverse("utvalg:publiser_protokoll", args=[moetet.pk]))
    assert svar.status_code == 302
    side = client.get(reverse("utvalg:mote", args=[moetet.pk])).content.decode()
    assert "Lag protokollen på nytt" in side and "Ikke godkjent" in side
    v = ps1.voteringer.get()
    svar = client.post(reverse("utvalg:protokolltekst", args=[ps1.pk]),
                       {f"setning-{v.pk}": "x" * 1001})  # fmt: skip
    assert svar.status_code == 400
    assert "høyst 1000 tegn" in svar.content.decode()
    assert 'aria-invalid="true"' in svar.content.decode()
    client.force_login(personas.saksbehandler)
    assert client.post(reverse("utvalg:avslutt_mote", args=[moetet.pk])).status_code == 403


def test_the_meeting_page_after_the_meeting_has_a_bounded_query_count(
    client, personas, behandlet, django_assert_max_num_queries
):
    moetet, _seat, _ps1 = behandlet
    protokollforing.publiser_protokoll(personas.motesekretaer, moetet)
    protokollforing.publiser_vedtaksliste(personas.motesekretaer, moetet)
    client.force_login(personas.motesekretaer)
    url = reverse("utvalg:mote", args=[moetet.pk])
    assert client.get(url).status_code == 200  # warm the caches
    # The agenda, attendance per item and the minutes' section: a fixed number of queries.
    with django_assert_max_num_queries(23):
        client.get(url)
    # The public meeting page lists the public minutes and the decisions list, never the
    # members' version.
    side = client.get(reverse("moter:mote", args=[moetet.systemid])).content.decode()
    assert "Offentlig møteprotokoll" in side and "Vedtaksliste" in side
    assert "med unntatte saker" not in side and CANARY not in side
