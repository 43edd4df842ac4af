"""The notice (issue 17, item 4): a PDF/A with the meeting's data, who is called, the agenda
and each draft with its attachments included; with an exempt item the members' notice gets
MU and a public notice is made from the same data without the exempt drafts. Publishing
numbers the agenda, registers both in the committee's meeting case with status G, stops on
a personal ID number the public would read, and mails members and first substitutes a
link — never a case title."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from journal.models import Journalpost
from saksarkiv.models import Endringslogg, Klarering, Utsending
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.journal.flythjelp import ny_sak
from tests.utvalg.motehjelp import framlegg, medlemmer, mote, rs
from utvalg import innkalling, sakskart
from utvalg.models import Mote, Motedokument, Motestatus, Sakskartpunkt, Utvalg
from utvalg.tasks import send_motevarsler

pytestmark = pytest.mark.django_db
FNR = "15076500565"  # valid check digits (the tax administration's example)


@pytest.fixture
def fsk():
    return Utvalg.objects.create(kode="FSK", navn="Formannskapet", innkallingsfrist=5)


@pytest.fixture
def sak(personas, org):
    return ny_sak(personas.saksbehandler, org.enhet_a, tittel="Saker til formannskapet")


def _tekst(data: bytes) -> str:
    return "\n".join(side.extract_text() for side in PdfReader(io.BytesIO(data)).pages)


def _innhold(motedokument: Motedokument) -> bytes:
    dokument = motedokument.journalpost.dokumenter.get(tilknyttet_registrering_som="H")
    with dokument.arkivformat.open("rb") as fil:
        return fil.read()


@pytest.fixture
def agenda(personas, sak, fsk):
    """A meeting with a public draft (and attachment), an exempt draft whose title, text and
    attachment hold the canary, and a referral."""
    folk = medlemmer(personas, fsk)
    apen = framlegg(personas, sak, fsk, "Budsjett 2031", "Budsjettforslaget i tall",
                    vedlegg="Vedlegg: økonomiplan 2031–2034")  # fmt: skip
    skjerming = {"tilgangskode": "P", "skjermingshjemmel": "Offl. § 25",
                 "offentlig_tittel": "Tilsetting av *****"}  # fmt: skip
    unntatt = framlegg(personas, sak, fsk, f"Tilsetting av {CANARY}", f"Intervju med {CANARY}",
                       vedlegg=f"Attester for {CANARY}", **skjerming)  # fmt: skip
    brev = rs(personas, sak, fsk, "Invitasjon til dugnad")
    moetet = mote(personas, fsk)
    sakskart.sett_pa(personas.motesekretaer, moetet, [apen.pk, unntatt.pk, brev.pk])
    return moetet, folk


def test_the_notice_carries_everything_and_the_public_notice_leaves_out_the_exempt_draft(
    personas, agenda
):
    moetet, _folk = agenda
    medlem_mi, offentlig_oi = innkalling.publiser(personas.motesekretaer, moetet)
    # Numbered on the way out; the meeting is called.
    assert [p.saksnummer for p in sakskart.aktive(moetet)] == ["PS 1/30", "RS 1/30", "PS 2/30",
                                                               "PS 3/30"]  # fmt: skip
    assert Mote.objects.get(pk=moetet.pk).status == Motestatus.INNKALT
    # The members' notice: MU, everything in it, drafts and attachments as pages.
    post = medlem_mi.journalpost
    assert post.tilgangskode_id == "MU" and post.skjermingshjemmel == "Offl. § 25"
    assert CANARY not in post.offentlig_tittel
    tekst = _tekst(_innhold(medlem_mi))
    for innhold in (
        "Formannskapet",
        "Kommunestyresalen",
        "torsdag 14. mars 2030",
        "kl. 18:00",
        "Fast Medlem0",
        "Leder",
        "Vara vara_a1",
        "Saksliste",
        "PS 1/30",
        "Godkjenning av innkalling og saksliste",
        "RS 1/30",
        "Invitasjon til dugnad",
        "Budsjettforslaget i tall",
        "økonomiplan 2031–2034",
        f"Tilsetting av {CANARY}",
        f"Intervju med {CANARY}",
        f"Attester for {CANARY}",
    ):
        assert innhold in tekst, innhold  # fmt: skip
    leser = PdfReader(io.BytesIO(_innhold(medlem_mi)))
    xmp = leser.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in xmp and "/OutputIntents" in leser.trailer["/Root"]
    # A bookmark per draft, after the cover's own (its headings).
    bokmerker = [b for b in leser.outline if not isinstance(b, list)]
    assert [b.title for b in bokmerker[-2:]] == ["PS 2/30 Budsjett 2031",
                                                 f"PS 3/30 Tilsetting av {CANARY}"]  # fmt: skip
    # The agenda names the page each draft starts on.
    forste = leser.get_destination_page_number(bokmerker[-2]) + 1
    assert f"Budsjett 2031 {forste}" in tekst.replace("\n", " ")
    assert "Budsjettforslaget i tall" in leser.pages[forste - 1].extract_text()
    # The public notice: same data, the exempt draft's title screened, its papers left out.
    offentlig = offentlig_oi.journalpost
    assert offentlig.tilgangskode_id is None
    tekst = _tekst(_innhold(offentlig_oi))
    assert CANARY not in tekst
    for innhold in (
        "Tilsetting av *****",
        "Unntatt offentlighet, Offl. § 25",
        "Budsjettforslaget i tall",
        "økonomiplan 2031–2034",
        "Fast Medlem0",
    ):
        assert innhold in tekst, innhold  # fmt: skip
    # Both in the committee's meeting case for the year, published R → G, logged.
    for p in (post, offentlig):
        assert p.saksmappe.tittel == "Møter i Formannskapet 2030" and p.journalstatus == "G"
        assert p.journalposttype == "X"
        assert Endringslogg.objects.filter(objekt_id=str(p.pk),
                                           handling="møtedokument publisert").exists()  # fmt: skip
    assert Endringslogg.objects.filter(objekt_id=str(moetet.pk),
                                       handling="innkalling publisert").exists()  # fmt: skip


def test_members_and_first_substitutes_get_a_link_and_never_a_title(personas, agenda):
    moetet, folk = agenda
    innkalling.publiser(personas.motesekretaer, moetet)
    rader = Utsending.objects.filter(nokkel__startswith=f"innkalling:{moetet.pk}:0:")
    mottakere = {r.til for r in rader}
    assert mottakere == {folk[n].email for n in ("fast0", "fast1", "fast2", "vara_a1", "vara_b1")}
    assert send_motevarsler(f"innkalling:{moetet.pk}:0:") == "5 møtevarsler sendt"
    assert len(mail.outbox) == 5
    for melding in mail.outbox:
        innhold = melding.subject + melding.body
        assert CANARY not in innhold and "Tilsetting" not in innhold and "Budsjett" not in innhold
        assert (
            f"/folkevalgt/moter/{moetet.pk}/" in melding.body
            and "Kommunestyresalen" in melding.body
        )
    vara = next(m for m in mail.outbox if m.to == [folk["vara_a1"].email])
    assert "første varamedlem for Arbeiderpartiet" in vara.body


def test_a_notice_without_exempt_items_is_one_public_notice(personas, sak, fsk):
    medlemmer(personas, fsk)
    b = framlegg(personas, sak, fsk, "Budsjett 2031", "Budsjettforslaget")
    moetet = mote(personas, fsk)
    sakskart.sett_pa(personas.motesekretaer, moetet, [b.pk])
    (eneste,) = innkalling.publiser(personas.motesekretaer, moetet)
    assert eneste.type == "MI" and eneste.journalpost.tilgangskode_id is None


def test_late_items_go_out_on_a_supplementary_notice(personas, sak, agenda, fsk):
    moetet, _folk = agenda
    innkalling.publiser(personas.motesekretaer, moetet)
    sent = framlegg(personas, sak, fsk, "Ekstra bevilgning", "Ekstra bevilgning til brannvesenet")
    (punkt,) = sakskart.sett_pa(personas.motesekretaer, Mote.objects.get(pk=moetet.pk), [sent.pk])
    assert punkt.tillegg
    (tillegg,) = innkalling.publiser(personas.motesekretaer, Mote.objects.get(pk=moetet.pk))
    assert tillegg.nummer == 1 and tillegg.type == "MI"
    tekst = _tekst(_innhold(tillegg))
    assert "Tilleggsinnkalling" in tekst and "PS 4/30" in tekst and "brannvesenet" in tekst
    assert "Budsjettforslaget" not in tekst and CANARY not in tekst
    assert Sakskartpunkt.objects.get(pk=punkt.pk).innkalling == 1
    with pytest.raises(DomainError, match="Ingen nye tilleggssaker"):
        innkalling.publiser(personas.motesekretaer, Mote.objects.get(pk=moetet.pk))
    assert Utsending.objects.filter(nokkel__startswith=f"innkalling:{moetet.pk}:1:").count() == 5


def test_a_personal_id_number_the_public_would_read_stops_the_notice(personas, sak, fsk):
    medlemmer(personas, fsk)
    ms = personas.motesekretaer
    # In an exempt draft it is fine: that text is never published.
    skjult = framlegg(personas, sak, fsk, "Barnevern", f"Gjelder {FNR}", tilgangskode="P",
                      skjermingshjemmel="Offl. § 13", offentlig_tittel="*****")  # fmt: skip
    apen = framlegg(personas, sak, fsk, "Søknad om skjenkebevilling", "Bevilling",
                    vedlegg=f"Søkerens fødselsnummer {FNR}")  # fmt: skip
    moetet = mote(personas, fsk)
    sakskart.sett_pa(ms, moetet, [skjult.pk, apen.pk])
    with pytest.raises(DomainError, match="fødselsnummer") as error:
        innkalling.publiser(ms, moetet)
    assert any(linje.startswith("PS 3/30: dokument 2") for linje in error.value.details), (
        error.value.details
    )
    # Nothing is published, numbered or sent.
    assert not Motedokument.objects.exists() and not Utsending.objects.exists()
    assert Mote.objects.get(pk=moetet.pk).status == Motestatus.PLANLAGT
    assert not Sakskartpunkt.objects.filter(nummer__isnull=False).exists()
    # Screened: the draft is left out of the public notice, and it goes out.
    sakskart.ta_av(ms, Sakskartpunkt.objects.get(behandling=apen))
    assert len(innkalling.publiser(ms, moetet)) == 2


def test_only_the_secretary_publishes_and_only_a_meeting_not_held(personas, agenda):
    moetet, _folk = agenda
    for who in ("saksbehandler", "leder", "radmann", "arkiv", "politiker"):
        with pytest.raises(IkkeTilgang):
            innkalling.publiser(getattr(personas, who), moetet)
    tom = mote(personas, moetet.utvalg, dt.date(2030, 4, 11))
    with pytest.raises(DomainError, match="Sett saker på sakskartet"):
        innkalling.publiser(personas.motesekretaer, tom)
    Mote.objects.filter(pk=moetet.pk).update(status=Motestatus.GJENNOMFORT)
    with pytest.raises(DomainError, match="gjennomført"):
        innkalling.publiser(personas.motesekretaer, moetet)
    assert not Journalpost.objects.filter(journalposttype="X").exists()


def test_the_meeting_page_previews_and_publishes(client, login, personas, agenda):
    moetet, _folk = agenda
    login(personas.saksbehandler)
    assert client.get(reverse("utvalg:forhandsvis_innkalling", args=[moetet.pk])).status_code == 403
    login(personas.motesekretaer)
    side = client.get(reverse("utvalg:mote", args=[moetet.pk])).content.decode()
    assert "Innkallingen er ikke sendt. Fristen er lørdag 9. mars" in side
    # Without clearance for the exempt case, only the public version is shown her.
    url = reverse("utvalg:forhandsvis_innkalling", args=[moetet.pk])
    assert client.get(url).status_code == 403
    Klarering.objects.create(person=personas.motesekretaer, tilgangskode_id="P")
    svar = client.get(url)
    assert svar["Content-Type"] == "application/pdf" and CANARY in _tekst(svar.content)
    svar = client.get(
        reverse("utvalg:forhandsvis_innkalling", args=[moetet.pk]) + "?versjon=offentlig"
    )
    assert CANARY not in _tekst(svar.content)
    assert not Motedokument.objects.exists()
    svar = client.post(reverse("utvalg:publiser_innkalling", args=[moetet.pk]))
    assert svar.status_code == 302 and svar.url.endswith("#innkalling")
    side = client.get(reverse("utvalg:mote", args=[moetet.pk])).content.decode()
    assert "sammen med en offentlig versjon" in side and "Offentlig møteinnkalling" in side


def test_the_secretary_s_start_page_warns_when_a_notice_deadline_is_near(
    client, login, personas, agenda, klokke
):
    moetet, _folk = agenda  # 14.03.2030, deadline 5 days before: 09.03.2030

    def startside(moment, hvem="motesekretaer"):
        klokke.flytt_til(moment)
        login(getattr(personas, hvem))  # the session would have expired by then
        return client.get("/").content.decode()

    assert "Må gjøres snart" not in startside("2030-03-01 09:00")
    side = startside("2030-03-06 09:00")
    assert "Innkallingen til Formannskapet 14.03.2030 er ikke publisert" in side
    assert "Fristen er 09.03.2030 (5 dager før møtet)." in side
    assert "Fristen er i morgen" in startside("2030-03-08 09:00")
    assert "Fristen gikk ut 09.03.2030" in startside("2030-03-11 09:00")
    assert "Må gjøres snart" not in startside("2030-03-11 09:00", "saksbehandler")
    innkalling.publiser(personas.motesekretaer, moetet)
    assert "Må gjøres snart" not in startside("2030-03-11 10:00")


def test_the_public_sees_the_public_notice_and_public_drafts_and_nothing_exempt(
    client, personas, agenda
):
    moetet, _folk = agenda
    url = reverse("moter:mote", args=[moetet.systemid])
    assert "Saksliste" not in client.get(url).content.decode()  # nothing before publishing
    medlem_mi, offentlig_oi = innkalling.publiser(personas.motesekretaer, moetet)
    side = client.get(url).content.decode()
    assert CANARY not in side
    for innhold in (
        "Offentlig møteinnkalling – Formannskapet 14.03.2030",
        "PS 2/30",
        "Budsjett 2031",
        "Tilsetting av *****",
        "Unntatt offentlighet, Offl. § 25",
        "Invitasjon til dugnad",
    ):
        assert innhold in side, innhold  # fmt: skip
    # The public notice downloads; the members' (MU) does not exist for the public.
    svar = client.get(reverse("moter:innkalling", args=[moetet.systemid, offentlig_oi.pk]))
    assert svar.status_code == 200 and CANARY not in _tekst(b"".join(svar.streaming_content))
    assert svar["Cache-Control"].startswith("no-store") or "no-store" in svar["Cache-Control"]
    assert client.get(reverse("moter:innkalling", args=[moetet.systemid, medlem_mi.pk])
                      ).status_code == 404  # fmt: skip
    # The public draft and its attachment download; the exempt draft's papers do not.
    apen = Journalpost.objects.get(tittel="Budsjett 2031")
    skjult = Journalpost.objects.get(tittel=f"Tilsetting av {CANARY}")
    for d in apen.dokumenter.all():
        svar = client.get(reverse("moter:saksdokument", args=[moetet.systemid, d.pk]))
        assert svar.status_code == 200
        assert f"/moter/{moetet.systemid}/dokumenter/{d.pk}/" in side
    for d in skjult.dokumenter.all():
        assert client.get(reverse("moter:saksdokument", args=[moetet.systemid, d.pk])
                          ).status_code == 404  # fmt: skip
    # Not through another meeting's address either, and never in the feed.
    annet = mote(personas, moetet.utvalg, dt.date(2030, 4, 11))
    d = apen.dokumenter.first()
    assert client.get(reverse("moter:saksdokument", args=[annet.systemid, d.pk])).status_code == 404
    assert CANARY not in client.get(reverse("moter:ical", args=["fsk"])).content.decode()
    assert CANARY not in client.get(reverse("moter:kalender") + "?aar=2030").content.decode()


def test_the_public_meeting_page_costs_the_same_queries_for_any_agenda(client, personas, sak, fsk):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    medlemmer(personas, fsk)

    def teller(dato, n):
        moetet = mote(personas, fsk, dato)
        saker = [framlegg(personas, sak, fsk, f"Sak {dato} {i}", f"Tekst {i}").pk for i in range(n)]
        sakskart.sett_pa(personas.motesekretaer, moetet, saker + [rs(personas, sak, fsk).pk])
        innkalling.publiser(personas.motesekretaer, moetet)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("moter:mote", args=[moetet.systemid])).status_code == 200
        return len(queries)

    assert teller(dt.date(2030, 3, 14), 1) == teller(dt.date(2030, 4, 11), 4)
