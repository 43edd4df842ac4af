"""The member portal (issue 17, item 5): members read their own committees' papers, exempt
ones included, once the notice is out — nothing of other committees' exempt items; private
notes only their writer reads; absence with a lawful reason tells the secretary and
suggests the next substitute on the same list, who reads the papers once called in."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.models import Dokument, Journalpost
from saksarkiv.models import Utsending
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.journal.flythjelp import ny_sak
from tests.utvalg.motehjelp import framlegg, medlemmer, mote, rs
from utvalg import innkalling, portal, sakskart
from utvalg.models import Forfall, Medlem, Notat, Sakskartpunkt, Utvalg
from utvalg.tasks import send_motevarsler

pytestmark = pytest.mark.django_db


@pytest.fixture
def oppsett(personas, org):
    """Two committees with members; FSK's meeting has an exempt draft with the canary."""
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    hte = Utvalg.objects.create(kode="HTE", navn="Hovedutvalg for teknisk")
    folk = medlemmer(personas, fsk)
    andre = medlemmer(personas, hte)
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    skjerming = {"tilgangskode": "P", "skjermingshjemmel": "Offl. § 25",
                 "offentlig_tittel": "Tilsetting av *****"}  # fmt: skip
    unntatt = framlegg(personas, sak, fsk, f"Tilsetting av {CANARY}", f"Intervju med {CANARY}",
                       vedlegg=f"Attester for {CANARY}", **skjerming)  # fmt: skip
    apen = framlegg(personas, sak, fsk, "Budsjett 2031", "Budsjettforslaget")
    moetet = mote(personas, fsk)
    sakskart.sett_pa(
        personas.motesekretaer, moetet, [unntatt.pk, apen.pk, rs(personas, sak, fsk).pk]
    )
    teknisk = mote(personas, hte)
    sakskart.sett_pa(
        personas.motesekretaer, teknisk, [framlegg(personas, sak, hte, "Veg", "Veg").pk]
    )
    return {"fsk": fsk, "mote": moetet, "teknisk": teknisk, "folk": folk, "andre": andre,
            "unntatt": unntatt.journalpost, "apen": apen.journalpost}  # fmt: skip


def _leser(user, post) -> bool:
    return Journalpost.objects.readable_by(user).filter(pk=post.pk).exists() and all(
        Dokument.objects.readable_by(user).filter(pk=d.pk).exists() for d in post.dokumenter.all()
    )


def test_members_read_their_committee_s_exempt_papers_once_the_notice_is_out(personas, oppsett):
    o = oppsett
    medlem, vara = o["folk"]["fast1"], o["folk"]["vara_a1"]
    annen = o["andre"]["fast1"]
    assert not _leser(medlem, o["unntatt"])  # not before the notice
    mi, _oi = innkalling.publiser(personas.motesekretaer, o["mote"])
    innkalling.publiser(personas.motesekretaer, o["teknisk"])
    assert _leser(medlem, o["unntatt"]) and _leser(medlem, mi.journalpost)
    # Not a member of another committee, not an uncalled substitute, not staff without clearance.
    for user in (annen, vara, personas.saksbehandler_annen):
        assert not _leser(user, o["unntatt"]) and not _leser(user, mi.journalpost)
    assert _leser(annen, o["apen"])  # public: everyone logged in
    # A member who left before the meeting day reads nothing of it.
    Medlem.objects.filter(person=o["folk"]["fast2"]).update(til=dt.date(2030, 1, 31))
    assert not _leser(o["folk"]["fast2"], o["unntatt"])


def test_the_portal_shows_the_member_their_meetings_and_papers(client, login, personas, oppsett):
    o = oppsett
    innkalling.publiser(personas.motesekretaer, o["mote"])
    login(o["folk"]["fast1"])
    side = client.get(reverse("utvalg:portal")).content.decode()
    assert "Formannskapet, torsdag 14. mars 2030" in side and "Innkalling sendt" in side
    side = client.get(reverse("utvalg:portal_mote", args=[o["mote"].pk])).content.decode()
    assert f"Tilsetting av {CANARY}" in side and "Budsjett 2031" in side and "PS 2/30" in side
    assert "med unntatte saker" in side  # the members' notice
    for d in o["unntatt"].dokumenter.all():
        svar = client.get(reverse("utvalg:portal_dokument", args=[d.pk]))
        assert svar.status_code == 200 and svar["Cache-Control"].count("no-store")
    # Another committee's member: not this meeting, not its exempt papers.
    login(o["andre"]["fast1"])
    assert client.get(reverse("utvalg:portal_mote", args=[o["mote"].pk])).status_code == 403
    for d in o["unntatt"].dokumenter.all():
        assert client.get(reverse("utvalg:portal_dokument", args=[d.pk])).status_code == 404
    side = client.get(reverse("utvalg:portal")).content.decode()
    assert CANARY not in side and "Formannskapet" not in side
    # The menu shows «Mine møter» to those with a seat only.
    assert "Mine møter" in side
    login(personas.saksbehandler)
    assert 'href="/folkevalgt/"' not in client.get("/").content.decode()


def test_private_notes_are_read_by_their_writer_only(client, login, personas, oppsett):
    o = oppsett
    punkt = Sakskartpunkt.objects.get(behandling__journalpost=o["unntatt"])
    with pytest.raises(DomainError, match="ikke sendt ut"):
        portal.lagre_notat(o["folk"]["fast1"], punkt, "For tidlig")
    innkalling.publiser(personas.motesekretaer, o["mote"])
    login(o["folk"]["fast1"])
    url = reverse("utvalg:notat", args=[punkt.pk])
    svar = client.post(url, {"tekst": "Spør om lønnsnivået i møtet"})
    assert svar.status_code == 302 and svar.url.endswith(f"#punkt-{punkt.pk}")
    assert "Spør om lønnsnivået" in client.get(reverse("utvalg:portal_mote", args=[o["mote"].pk])
                                               ).content.decode()  # fmt: skip
    svar = client.post(url, {"tekst": "x" * 5001})
    assert svar.status_code == 400 and "høyst 5000 tegn" in svar.content.decode()
    login(o["folk"]["fast2"])
    side = client.get(reverse("utvalg:portal_mote", args=[o["mote"].pk])).content.decode()
    assert "Spør om lønnsnivået" not in side
    login(o["andre"]["fast1"])
    assert client.post(url, {"tekst": "Innbrudd"}).status_code == 403
    assert Notat.objects.count() == 1
    # Emptied, it goes.
    portal.lagre_notat(o["folk"]["fast1"], punkt, " ")
    assert not Notat.objects.exists()


def test_absence_tells_the_secretary_and_suggests_the_next_substitute_on_the_list(
    personas, oppsett
):
    o = oppsett
    moetet, folk, ms = o["mote"], o["folk"], personas.motesekretaer
    Utvalg.objects.filter(pk=o["fsk"].pk).update(sekretaer=ms)
    ms.email = "sekretar@kommune.example"
    ms.save()
    innkalling.publiser(ms, moetet)
    with pytest.raises(DomainError, match="Velg grunnen") as error:
        portal.meld_forfall(folk["fast1"], moetet, grunn="XX")
    assert error.value.field == "grunn"
    forfall = portal.meld_forfall(folk["fast1"], moetet, grunn="SY", merknad="Influensa")
    with pytest.raises(DomainError, match="allerede meldt"):
        portal.meld_forfall(folk["fast1"], moetet, grunn="SY")
    # The secretary hears of it, with the next substitute of the member's party (AP): no titles.
    (brev,) = Utsending.objects.filter(nokkel=f"forfall:{forfall.pk}:meldt")
    assert brev.til == "sekretar@kommune.example" and "Sykdom" in brev.tekst
    assert "Neste vara på listen: Vara vara_a1 (AP), 1. vara." in brev.tekst
    assert CANARY not in brev.tekst and "Tilsetting" not in brev.tekst
    assert portal.foreslaatt_vara(moetet, forfall.medlem) == Medlem.objects.get(
        person=folk["vara_a1"]
    )
    # Called in, the substitute reads the exempt papers and is told by e-mail.
    for who in (personas.saksbehandler, folk["fast2"]):
        with pytest.raises(IkkeTilgang):
            portal.kall_inn_vara(who, forfall)
    portal.kall_inn_vara(ms, forfall)
    assert _leser(folk["vara_a1"], o["unntatt"])
    (brev,) = Utsending.objects.filter(nokkel=f"forfall:{forfall.pk}:vara")
    assert brev.til == folk["vara_a1"].email and f"/folkevalgt/moter/{moetet.pk}/" in brev.tekst
    assert send_motevarsler(f"forfall:{forfall.pk}:") == "2 møtevarsler sendt"
    # The next absence in the same party gets the second substitute; the other party's
    # substitute is never suggested for it, and an exhausted list says so.
    neste = portal.meld_forfall(folk["fast2"], moetet, grunn="AR")
    assert portal.foreslaatt_vara(moetet, neste.medlem).person == folk["vara_a2"]
    portal.meld_forfall(folk["vara_a1"], moetet, grunn="VE")  # the called-in substitute falls off
    portal.kall_inn_vara(ms, neste)
    assert Forfall.objects.get(pk=neste.pk).vara.person == folk["vara_a2"]
    siste = portal.meld_forfall(folk["fast0"], moetet, grunn="RE")
    assert portal.foreslaatt_vara(moetet, siste.medlem) is None
    with pytest.raises(DomainError, match="ingen flere varamedlemmer"):
        portal.kall_inn_vara(ms, siste)
    # An uncalled substitute has nothing to report; another committee's member may not.
    with pytest.raises(DomainError, match="ikke innkalt"):
        portal.meld_forfall(folk["vara_b1"], moetet, grunn="SY")
    with pytest.raises(IkkeTilgang):
        portal.meld_forfall(o["andre"]["fast1"], moetet, grunn="SY")


def test_absence_is_reported_beside_the_field_in_the_portal(client, login, personas, oppsett):
    o = oppsett
    login(o["folk"]["fast1"])
    url = reverse("utvalg:forfall", args=[o["mote"].pk])
    svar = client.post(url, {"forfall-grunn": ""})
    assert svar.status_code == 400 and "Velg grunnen til forfallet." in svar.content.decode()
    assert not Forfall.objects.exists()
    svar = client.post(url, {"forfall-grunn": "VE"})
    assert svar.status_code == 302
    side = client.get(reverse("utvalg:portal_mote", args=[o["mote"].pk])).content.decode()
    assert "viktige velferdsgrunner" in side and "Møtesekretæren kaller inn vara" in side
    login(personas.motesekretaer)
    side = client.get(reverse("utvalg:mote", args=[o["mote"].pk])).content.decode()
    assert "Kall inn Vara vara_a1 (1. vara)" in side


def test_the_portal_meeting_page_costs_the_same_queries_for_any_agenda(
    client, login, personas, oppsett, org
):
    o = oppsett
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    login(o["folk"]["fast1"])

    def teller(dato, n):
        moetet = mote(personas, o["fsk"], dato)
        saker = [framlegg(personas, sak, o["fsk"], f"Sak {i}", f"Tekst {i}",
                          vedlegg=f"Vedlegg {i}").pk for i in range(n)]  # fmt: skip
        sakskart.sett_pa(personas.motesekretaer, moetet, saker)
        innkalling.publiser(personas.motesekretaer, moetet)
        Notat.objects.create(person=o["folk"]["fast1"], tekst="Notat",
                             punkt=Sakskartpunkt.objects.filter(mote=moetet).last())  # fmt: skip
        url = reverse("utvalg:portal_mote", args=[moetet.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    assert teller(dt.date(2030, 5, 16), 1) == teller(dt.date(2030, 6, 13), 5)
