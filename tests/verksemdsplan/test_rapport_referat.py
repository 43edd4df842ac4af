"""A delivered report's political version referred to committees as RS (issue 21 item 6):
registered in the chosen case as an X post with the PDF as its main document, finished by
the journal's own rule, in the committee's queue and onto a meeting's agenda; the report
page says where it went; refusals beside the field with nothing half-saved."""

import datetime as dt

import pytest
from django.urls import reverse

from journal.models import Journalpost
from journal.models.journalpost import til_journalforing
from saksarkiv.models import Endringslogg
from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.services import DomainError, IkkeTilgang
from tests.conftest import CANARY
from tests.journal.flythjelp import media, ny_sak  # noqa: F401 - media is a fixture
from tests.utvalg import motehjelp
from tests.verksemdsplan.test_rapport import INTERN, lag_oppdrag, lag_plan
from utvalg import koliste, sakskart
from utvalg.models import Behandling, Sakskartpunkt, Utvalg
from verksemdsplan.models import Rapport
from verksemdsplan.services import rapport as tenester
from verksemdsplan.services import rapport_referat

pytestmark = pytest.mark.django_db


@pytest.fixture
def utvalg():
    return {
        "FSK": Utvalg.objects.create(kode="FSK", navn="Formannskapet", rekkefolge=20),
        "KST": Utvalg.objects.create(kode="KST", navn="Kommunestyret", rekkefolge=30),
        "GML": Utvalg.objects.create(kode="GML", navn="Nedlagt utval", aktiv=False),
    }


@pytest.fixture
def verda(personas, org, klokke, media):  # noqa: F811 - the fixture
    """enhet_a's second tertial of the year delivered: a political assignment and an
    administrative one, both with internal comments; a case to file the referral in."""
    aar = klokke.dag.year
    maal = lag_plan(aar)
    politisk = lag_oppdrag(personas, org.enhet_a, "Ny byggesaksrutine", maal=maal, aar=aar,
                           kategori="PV")  # fmt: skip
    adm = lag_oppdrag(personas, org.enhet_a, "Digital søknad", maal=maal, aar=aar)
    levert = tenester.opprett(personas.leder, org.enhet_a, aar=aar, periodetype="T", periode=2)
    tenester.lagre(personas.leder, levert, kommentar=f"{INTERN} om budsjettet", linjer={
        politisk.pk: ("IR", f"{INTERN} linje"), adm.pk: ("AV", f"{INTERN} to")},
        vurderingar={maal.pk: (4, "Brukarane er nøgde")}, lever=True)  # fmt: skip
    utkast = tenester.opprett(personas.leder, org.enhet_a, aar=aar, periodetype="M", periode=1)
    sak = ny_sak(personas.leder, org.enhet_a, tittel="Rapportering til politisk nivå")
    return {"aar": aar, "levert": levert, "utkast": utkast, "sak": sak, "politisk": politisk}


def _teljing() -> tuple[int, int]:
    return Journalpost.objects.count(), Behandling.objects.count()


def _referer(user, verda, utval, **kw):
    args = {"sak": verda["sak"], "utvalg": [utval["FSK"]], "tittel": "Tertialrapport 2"} | kw
    return rapport_referat.referer(user, verda["levert"], **args)


def _data(verda, utvalg, **kw) -> dict:
    return {"referer-sak": verda["sak"].saksnummer, "referer-utvalg": [utvalg["FSK"].pk],
            "referer-tittel": "Tertialrapport 2"} | kw  # fmt: skip


# --- The service ------------------------------------------------------------------------------


def test_the_political_report_is_filed_referred_and_put_on_an_agenda(personas, org, verda,
                                                                     utvalg, klokke):  # fmt: skip
    levert, sak = verda["levert"], verda["sak"]
    assert rapport_referat.tittel(levert) == f"2. tertialrapport {verda['aar']} – Byggesak"
    post = _referer(personas.leder, verda, utvalg, utvalg=[utvalg["FSK"], utvalg["KST"]])

    # A journal post in the chosen case: X, finished by its caseworker (the leader), waiting
    # in archive's «Til journalføring» list.
    post = Journalpost.objects.get(pk=post.pk)
    assert post.saksmappe == sak and post.journalposttype == "X"
    assert (post.journalstatus, post.saksbehandler, post.administrativ_enhet) == (
        "F", personas.leder, org.enhet_a)  # fmt: skip
    assert post.tittel == "Tertialrapport 2"
    assert Journalpost.objects.filter(til_journalforing(), pk=post.pk).exists()
    # The political PDF is the main document: the political assignment and the goal's
    # assessment, not the internal comments nor the administrative assignment.
    dokument = post.dokumenter.get(tilknyttet_registrering_som="H")
    with dokument.fil.open("rb") as fil:
        tekst = " ".join(pdf_tekst(fil.read()).split())
    assert "Politisk rapport – Byggesak" in tekst and "Ny byggesaksrutine" in tekst
    assert "Brukarane er nøgde" in tekst
    assert INTERN not in tekst and "Digital søknad" not in tekst

    # The report keeps it, audited.
    levert.refresh_from_db()
    assert levert.referert_post == post
    logg = Endringslogg.objects.get(objekt_id=str(levert.pk), handling="referert")
    assert logg.endringer["referert_post"]["etter"] == post.journalpostnummer

    # In both committees' queues as RS (the committees' own listing) …
    for kode in ("FSK", "KST"):
        ko = [(b.sakstype, b.journalpost_id) for b in koliste.i_koen(utvalg[kode])]
        assert ko == [("RS", post.pk)]
    # … and the secretary puts it on a meeting's agenda: it leaves the queue.
    mote = motehjelp.mote(personas, utvalg["FSK"], dato=klokke.dag + dt.timedelta(days=30))
    rs = Behandling.objects.get(journalpost=post, utvalg=utvalg["FSK"])
    sakskart.sett_pa(personas.motesekretaer, mote, [rs.pk])
    assert Sakskartpunkt.objects.filter(mote=mote, behandling=rs, sakstype="RS").exists()
    assert not koliste.i_koen(utvalg["FSK"]).exists()

    # Referred once.
    with pytest.raises(DomainError, match="allerede referert"):
        _referer(personas.leder, verda, utvalg)


def test_the_chief_executive_may_refer_and_the_case_of_the_last_referral_is_suggested(
    personas, org, verda, utvalg
):
    assert rapport_referat.foreslatt_sak(personas.leder, verda["utkast"]) is None
    _referer(personas.radmann, verda, utvalg)
    assert rapport_referat.foreslatt_sak(personas.leder, verda["utkast"]) == verda["sak"]


def test_refusals_in_the_service_change_nothing(personas, org, verda, utvalg):
    foer = _teljing()
    with pytest.raises(DomainError, match="må leveres"):
        rapport_referat.referer(personas.leder, verda["utkast"], sak=verda["sak"],
                                utvalg=[utvalg["FSK"]], tittel="Månedsrapport 1")  # fmt: skip
    for hvem in (personas.leder_annen, personas.saksbehandler, personas.arkiv):
        with pytest.raises(IkkeTilgang):
            _referer(hvem, verda, utvalg)
    with pytest.raises(DomainError, match="Velg minst ett politisk utvalg") as feil:
        _referer(personas.leder, verda, utvalg, utvalg=[])
    assert feil.value.field == "utvalg"
    with pytest.raises(DomainError, match="ikke aktivt"):
        _referer(personas.leder, verda, utvalg, utvalg=[utvalg["GML"]])
    with pytest.raises(DomainError) as feil:
        _referer(personas.leder, verda, utvalg, tittel="  ")
    assert feil.value.field == "tittel"
    # A case the leader may not read: the journal refuses, beside the case field.
    skjult = ny_sak(personas.arkiv, org.enhet_b, tittel=f"Barnevern {CANARY}",
                    offentlig_tittel="Barnevern *****", tilgangskode="U",
                    skjermingshjemmel="Offl. § 13")  # fmt: skip
    with pytest.raises(IkkeTilgang) as feil:
        _referer(personas.leder, verda, utvalg, sak=skjult)
    assert feil.value.field == "sak" and CANARY not in feil.value.message
    assert _teljing() == foer
    assert not Rapport.objects.filter(referert_post__isnull=False).exists()


# --- The pages --------------------------------------------------------------------------------


def test_the_report_page_refers_and_then_says_where_it_went(client, personas, org, verda,
                                                            utvalg):  # fmt: skip
    levert = verda["levert"]
    url = reverse("verksemdsplan:rapport", args=[levert.pk])
    client.force_login(personas.leder)
    side = client.get(url).content.decode()
    assert "Referer til politisk utvalg" in side
    assert f'value="2. tertialrapport {verda["aar"]} – Byggesak"' in side
    assert "Formannskapet" in side and "Nedlagt utval" not in side  # active committees only
    assert 'data-forslag="/forslag/saker/"' in side or "data-forslag=" in side  # type-ahead
    # Not on a report being written.
    utkast = client.get(reverse("verksemdsplan:rapport", args=[verda["utkast"].pk]))
    assert "Referer til politisk utvalg" not in utkast.content.decode()

    svar = client.post(reverse("verksemdsplan:rapport_referer", args=[levert.pk]),
                       _data(verda, utvalg))  # fmt: skip
    assert svar.status_code == 302 and svar["Location"] == url
    post = Journalpost.objects.get(pk=Rapport.objects.get(pk=levert.pk).referert_post_id)
    side = client.get(url).content.decode()
    assert "Referert som RS til Formannskapet" in side
    assert f'href="{reverse("journal:journalpost", args=[post.pk])}"' in side
    assert f"journalpost {post.journalpostnummer}" in side
    assert "Referer til politisk utvalg" not in side  # no second referral
    # The list marks it, without a query per row.
    liste = client.get(reverse("verksemdsplan:rapporter")).content.decode()
    assert liste.count("referert som RS") == 1
    # Posted again: 409, the page says why, nothing new.
    foer = _teljing()
    svar = client.post(reverse("verksemdsplan:rapport_referer", args=[levert.pk]),
                       _data(verda, utvalg))  # fmt: skip
    assert svar.status_code == 409 and "allerede referert" in svar.content.decode()
    assert _teljing() == foer
    # Archive reads the report and sees where it went, without the form.
    client.force_login(personas.arkiv)
    side = client.get(url).content.decode()
    assert "Referert som RS til Formannskapet" in side and "referer-sak" not in side


def test_the_page_refuses_beside_the_field_and_saves_nothing(client, personas, org, verda,
                                                             utvalg):  # fmt: skip
    levert = verda["levert"]
    post_url = reverse("verksemdsplan:rapport_referer", args=[levert.pk])
    foer = _teljing()
    client.force_login(personas.leder)
    # No committee chosen.
    svar = client.post(post_url, _data(verda, utvalg, **{"referer-utvalg": []}))
    side = svar.content.decode()
    assert svar.status_code == 400
    assert (
        '<div class="feltfeil" id="id_referer-utvalg_error"><p>Velg minst ett politisk '
        "utvalg.</p></div>" in side
    )
    # A case number that does not exist, and a case the leader may not read (its title
    # never shown).
    svar = client.post(post_url, _data(verda, utvalg, **{"referer-sak": "1999/999"}))
    assert svar.status_code == 400 and "id_referer-sak_error" in svar.content.decode()
    skjult = ny_sak(personas.arkiv, org.enhet_b, tittel=f"Barnevern {CANARY}",
                    offentlig_tittel="Barnevern *****", tilgangskode="U",
                    skjermingshjemmel="Offl. § 13")  # fmt: skip
    svar = client.post(post_url, _data(verda, utvalg, **{"referer-sak": skjult.saksnummer}))
    side = svar.content.decode()
    assert svar.status_code == 403 and "id_referer-sak_error" in side
    assert CANARY not in side
    assert _teljing() == foer
    # Not delivered: 409.
    svar = client.post(reverse("verksemdsplan:rapport_referer", args=[verda["utkast"].pk]),
                       _data(verda, utvalg))  # fmt: skip
    assert svar.status_code == 409 and "må leveres" in svar.content.decode()
    # A user who does not lead the unit: 403 (and GET is not a way in).
    for hvem in (personas.leder_annen, personas.arkiv):
        client.force_login(hvem)
        assert client.post(post_url, _data(verda, utvalg)).status_code == 403
    assert client.get(post_url).status_code == 405
    assert _teljing() == foer
    assert Rapport.objects.get(pk=levert.pk).referert_post_id is None
