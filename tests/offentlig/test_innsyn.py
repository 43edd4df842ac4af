"""«Be om innsyn»: an incoming post in the configured case, a receipt with public information
only, refusals that save nothing, the honeypot and the per-address throttle."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Dokument, Journalpost, Korrespondansepart, Saksstatus
from journal.offentlig import innsyn
from saksarkiv import audit
from saksarkiv.models import Bruker, Endringslogg, Rolle
from saksarkiv.workdays import add_working_days
from tests.klokke import ved

from .conftest import innsynssak

pytestmark = pytest.mark.django_db

SKJEMA = {"navn": "Nina Journalist", "epost": "nina@avisa.no", "melding": "Gjerne på e-post."}


def _url(post):
    return reverse("offentlig:innsyn", args=[post.pk])


def _antall():
    return (
        Journalpost.objects.count(),
        Korrespondansepart.objects.count(),
        Dokument.objects.count(),
        Bruker.objects.count(),
        Endringslogg.objects.count(),
    )


@pytest.mark.datofolsom
def test_a_request_becomes_an_incoming_post_with_a_receipt(
    client, bygg, dag, mailoutbox, django_capture_on_commit_callbacks
):
    sak = innsynssak(bygg)
    post = bygg.post("Søknad om dispensasjon Nesvegen 3")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(post), SKJEMA)
    assert response.status_code == 302
    assert (
        response["Location"] == reverse("offentlig:journalpost", args=[post.pk]) + "#be-om-innsyn"
    )

    krav = Journalpost.objects.get(saksmappe=sak)
    assert krav.journalposttype == "I" and krav.journalstatus == "M"
    assert (
        krav.tittel == f"Innsynskrav: Søknad om dispensasjon Nesvegen 3 ({post.journalpostnummer})"
    )
    assert krav.tilgangskode_id is None and krav.saksbehandler_id is None
    assert krav.administrativ_enhet == sak.administrativ_enhet
    # Received today (Oslo), in this year's journal, due three working days later.
    assert (krav.journaldato, krav.dokumentdato, krav.journalaar) == (dag, dag, dag.year)
    assert krav.forfallsdato == add_working_days(dag, innsyn.SVARFRIST_ARBEIDSDAGER)
    avsender = krav.korrespondanseparter.get()
    assert (avsender.korrespondanseparttype, avsender.navn, avsender.epost) == (
        "EA",
        "Nina Journalist",
        "nina@avisa.no",
    )
    dokument = krav.dokumenter.get()
    assert dokument.filnavn == "innsynskrav.txt" and dokument.tilknyttet_registrering_som == "H"
    tekst = dokument.fil.read().decode()
    assert "Gjerne på e-post." in tekst and post.journalpostnummer in tekst

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["nina@avisa.no"]
    assert post.journalpostnummer in mail.subject
    assert krav.journalpostnummer in mail.body
    assert "Søknad om dispensasjon Nesvegen 3" in mail.body

    # Registered by the system user, who cannot log in and acts with an archive role.
    bruker = krav.opprettet_av
    assert bruker.username == innsyn.SYSTEMBRUKER
    assert not bruker.is_active and not bruker.has_usable_password()
    assert Rolle.objects.gyldige().filter(person=bruker, rolle="ARK").exists()
    assert audit.history(krav).filter(handling="registrert").exists()

    side = client.get(response["Location"]).content.decode()
    assert f"registrert som journalpost {krav.journalpostnummer}" in side


D = datetime.date.fromisoformat


@pytest.mark.parametrize(
    ("mottatt", "frist"),
    [
        # Thursday: 1 January is a holiday, then the weekend.
        ved("2026-12-31T23:30", D("2026-12-31"), D("2027-01-06"), id="nyttarsaften"),
        # Monday 00:30 in Oslo is still Sunday in UTC.
        ved("2027-01-04T00:30", D("2027-01-04"), D("2027-01-07"), id="mandag-natt"),
        # Wednesday before Easter: skjærtorsdag, langfredag and 2. påskedag do not count.
        ved("2027-03-24T12:00", D("2027-03-24"), D("2027-04-01"), id="onsdag-for-paske"),
        # Saturday: the three working days start on Monday.
        ved("2027-06-05T10:00", D("2027-06-05"), D("2027-06-09"), id="lordag"),
    ],
)
def test_the_request_is_dated_and_due_by_the_day_in_oslo(bygg, mottatt, frist):
    innsynssak(bygg)
    post = bygg.post("Søknad om dispensasjon")
    krav = innsyn.registrer_innsynskrav(post.pk, navn="A", epost="a@example.no").innsynskrav
    assert (krav.journaldato, krav.dokumentdato, krav.forfallsdato) == (mottatt, mottatt, frist)
    assert krav.journalaar == mottatt.year and krav.saksmappe.saksaar == mottatt.year


def test_without_a_configured_case_nothing_is_saved(client, bygg, mailoutbox):
    post = bygg.post("Søknad om dispensasjon")
    side = client.get(reverse("offentlig:journalpost", args=[post.pk])).content.decode()
    assert innsyn.IKKE_SATT_OPP in side and "Send innsynskrav" not in side
    before = _antall()
    response = client.post(_url(post), SKJEMA)
    assert response.status_code == 409
    assert innsyn.IKKE_SATT_OPP in response.content.decode()
    assert _antall() == before and mailoutbox == []


def test_a_closed_case_refuses_like_a_missing_one(client, bygg, mailoutbox):
    sak = innsynssak(bygg)
    sak.saksstatus = Saksstatus.AVSLUTTET
    sak.save()
    post = bygg.post("Søknad om dispensasjon")
    before = _antall()
    response = client.post(_url(post), SKJEMA)
    assert response.status_code == 409 and _antall() == before and mailoutbox == []


@pytest.mark.parametrize(
    ("data", "felt", "melding"),
    [
        ({**SKJEMA, "epost": "ikke-en-adresse"}, "epost", "gyldig e-postadresse"),
        ({**SKJEMA, "navn": "  "}, "navn", "Feltet er påkrevet."),
        ({**SKJEMA, "melding": "x" * 2001}, "melding", "2000 eller færre tegn"),
    ],
)
def test_bad_input_comes_back_beside_the_field(client, bygg, mailoutbox, data, felt, melding):
    innsynssak(bygg)
    post = bygg.post("Søknad om dispensasjon")
    before = _antall()
    response = client.post(_url(post), data)
    assert response.status_code == 400
    html = response.content.decode()
    feil = html.split(f'id="id_{felt}_error"')[1].split("</div>")[0]
    assert melding in feil
    assert _antall() == before and mailoutbox == []


def test_the_honeypot_saves_nothing(client, bygg, mailoutbox):
    innsynssak(bygg)
    post = bygg.post("Søknad om dispensasjon")
    before = _antall()
    response = client.post(_url(post), {**SKJEMA, "nettside": "http://spam.example"})
    assert response.status_code == 400
    assert "Innsynskravet ble ikke sendt." in response.content.decode()
    assert _antall() == before and mailoutbox == []


def test_one_address_is_throttled_others_are_not(client, bygg, mailoutbox):
    innsynssak(bygg)
    post = bygg.post("Søknad om dispensasjon")
    for _ in range(innsyn.GRENSE):
        assert client.post(_url(post), SKJEMA, REMOTE_ADDR="203.0.113.7").status_code == 302
    before = _antall()
    response = client.post(_url(post), SKJEMA, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert response["Retry-After"] == str(innsyn.VINDU_SEKUNDER)
    assert "Du har sendt mange innsynskrav på kort tid." in response.content.decode()
    assert _antall() == before
    # Another address is unaffected, and a form with mistakes does not use up an attempt.
    for _ in range(innsyn.GRENSE + 1):
        feil = client.post(_url(post), {**SKJEMA, "epost": "feil"}, REMOTE_ADDR="198.51.100.2")
        assert feil.status_code == 400
    assert client.post(_url(post), SKJEMA, REMOTE_ADDR="198.51.100.2").status_code == 302


def test_only_public_entries_take_requests(client, bygg):
    innsynssak(bygg)
    utkast = bygg.post("Utkast", type="U", status="R")
    xx = bygg.post("Sperret", kode="XX", offentlig_tittel="*****")
    for post in (utkast, xx):
        assert client.post(_url(post), SKJEMA).status_code == 404
    assert client.get(_url(bygg.post("Offentlig"))).status_code == 405


def test_a_failing_mail_server_does_not_lose_the_request(
    client, bygg, monkeypatch, django_capture_on_commit_callbacks
):
    sak = innsynssak(bygg)
    post = bygg.post("Søknad om dispensasjon")

    def nede(*args, **kwargs):
        raise ConnectionRefusedError("SMTP nede")

    monkeypatch.setattr("journal.offentlig.innsyn.send_mail", nede)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(post), SKJEMA)
    assert response.status_code == 302
    assert Journalpost.objects.filter(saksmappe=sak).count() == 1


def test_the_title_is_cut_to_fit(bygg):
    innsynssak(bygg)
    post = bygg.post("Svært lang tittel " * 27)
    kvittering = innsyn.registrer_innsynskrav(post.pk, navn="A", epost="a@example.no")
    tittel = kvittering.innsynskrav.tittel
    assert len(tittel) <= 500 and tittel.endswith(f"… ({post.journalpostnummer})")
    assert kvittering.innsynskrav.dokumentdato == timezone.localdate()
