"""The daily digest: what each user gets, that it agrees with the worklists, that titles go
through the chokepoint, and that running it twice or after a crash sends one set of mails."""

import datetime
import smtplib

import pytest
from django.core import mail

from journal import arbeidslister as al
from journal import jobber
from journal.models import Innstillinger, Journalpost, JournalpostSett, Saksmappe
from saksarkiv import jobber as utboks
from saksarkiv import workdays
from saksarkiv.models import Jobbkjoring, Utsending
from tests.conftest import CANARY
from tests.factories import BrukerFactory, KlareringFactory, RolleFactory
from tests.jobber.conftest import HEMMELIG_TITTEL, OFFENTLIG_TITTEL, SNART_JOURNALFORT, dager
from tests.journal.flythjelp import inngaende, ny_sak

pytestmark = pytest.mark.django_db


@pytest.fixture
def dag(klokke) -> datetime.date:
    """The digest goes out on working days: the clock moves to the first working day on or
    after the run's day before anything is made, and the digest runs for that day."""
    return klokke.til_arbeidsdag()


class Krasj(BaseException):
    """Stands for the worker being killed half-way (not an error the job may catch)."""


@pytest.fixture
def xx_post(dag, personas, org, restanser):
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Sak med XX")
    return inngaende(
        personas.arkiv,
        sak,
        saksbehandler=personas.saksbehandler,
        tittel="Klage på vedtak – midlertidig sperret",
        offentlig_tittel="Klage på ***** – midlertidig sperret",
        tilgangskode="XX",
        journaldato=dag - dager(1),
    )


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


@pytest.mark.datofolsom
def test_each_user_gets_one_mail_with_their_sections(dag, personas, org, restanser, xx_post):
    jobber.daglig(dag)
    sb = mails_to(personas.saksbehandler)
    assert len(sb) == 1
    assert sb[0].subject == f"Saksarkiv: dagens oversikt {dag:%d.%m.%Y} – 4 restanser"
    body = sb[0].body
    assert f"oversikten din i Saksarkiv for {dag:%d.%m.%Y}." in body
    assert "MINE RESTANSER" in body and "FORFALLSLISTE" in body and "NYTT I INNBOKSEN" in body
    assert "Søknad om dispensasjon" in body and "FORFALT" in body
    assert f"/journalposter/{restanser.forfalt.pk}/" in body and "/restanser/" in body
    assert "Du har 4 restanser" in body  # the three letters and the XX post
    html = sb[0].alternatives[0][0]
    assert "<a href=" in html and "Søknad om dispensasjon" in html
    # The deputy: the note addressed to her, and the XX post of the unit she deputises for.
    body = mails_to(personas.stedfortreder)[0].body
    assert "Notat om befaring" in body and "TIL OFFENTLIGHETSVURDERING" in body
    # Leaders up the chain get the XX post; the other unit's leader does not.
    assert "Klage på vedtak" in mails_to(personas.sektorleder)[0].body
    assert mails_to(personas.leder_annen) == []
    assert mails_to(personas.politiker) == []  # nothing in their lists: no mail
    assert "Annen post" in mails_to(personas.saksbehandler_annen)[0].body


def test_users_without_address_or_inactive_get_nothing(dag, personas, restanser):
    type(personas.saksbehandler).objects.filter(pk=personas.saksbehandler.pk).update(email="")
    type(personas.stedfortreder).objects.filter(pk=personas.stedfortreder.pk).update(
        is_active=False
    )
    jobber.daglig(dag)
    recipients = {m.to[0] for m in mail.outbox}
    assert recipients == {personas.saksbehandler_annen.email}


def _digest(k):
    return jobber.beregn_sammendrag(k)


def _rows(kode, k):
    return set(al.ETTER_KODE[kode].queryset(k).values_list("pk", flat=True))


@pytest.mark.datofolsom
def test_digest_has_the_same_rows_as_the_worklists(dag, personas, org, restanser, xx_post):
    Saksmappe.objects.filter(pk=restanser.forfalt.saksmappe_id).update(obs_dato=dag + dager(3))
    innst = Innstillinger.hent()
    digest = _digest(al.Kontekst(personas.arkiv, dag=dag, innst=innst))
    checked = 0
    for user in personas.all().values():
        k = al.Kontekst(user, dag=dag, innst=innst)
        deler = digest.get(user.pk) or jobber._ny_sammendrag()
        pks = {navn: {pk for pk, *_ in d.topp.verdier()} for navn, d in deler.items()}
        assert pks["restanser"] <= _rows("restanser", k)
        assert deler["restanser"].antall == len(_rows("restanser", k)), user
        assert pks["forfall"] == _rows("forfall", k), user
        assert pks["obs"] == _rows("obs", k), user
        assert pks["xx"] == _rows("offentlighetsvurdering", k), user
        assert pks["nye"] <= _rows("innboks", k), user
        checked += sum(d.antall for d in deler.values())
    assert checked >= 10  # the comparison saw real rows


@pytest.mark.datofolsom
def test_titles_in_mail_go_through_the_chokepoint(dag, personas, org, restanser):
    """A restricted post in someone's digest shows the public title unless they may read it."""
    k = al.Kontekst(personas.leder, dag=dag)
    deler = jobber._ny_sammendrag()
    post = restanser.skjermet
    deler["restanser"].legg_til(
        (post.journaldato.toordinal(), post.pk), (post.pk, post.journaldato, None)
    )
    sammendrag = {personas.leder.pk: deler}
    jobber._med_titler({personas.leder.pk: personas.leder}, sammendrag, k)
    assert deler["restanser"].punkter[0]["tittel"] == OFFENTLIG_TITTEL

    KlareringFactory(person=personas.leder, tilgangskode_id="U")
    leder = type(personas.leder).objects.get(pk=personas.leder.pk)  # fresh role cache
    deler["restanser"].punkter.clear()
    jobber._med_titler({leder.pk: leder}, sammendrag, k)
    assert deler["restanser"].punkter[0]["tittel"] == HEMMELIG_TITTEL


def test_the_caseworker_reads_their_own_restricted_post_and_others_never_see_it(
    dag, personas, restanser
):
    jobber.daglig(dag)
    assert CANARY in mails_to(personas.saksbehandler)[0].body
    for m in mail.outbox:
        if m.to != [personas.saksbehandler.email]:
            assert CANARY not in m.body and CANARY not in m.alternatives[0][0]


@pytest.mark.datofolsom
def test_running_twice_sends_one_set(dag, personas, restanser):
    first = jobber.daglig(dag)
    n = len(mail.outbox)
    assert n == 3 and first.sending.sendt == 3 and not first.allerede_fullfort
    second = jobber.daglig(dag)
    assert second.allerede_fullfort and second.sending.sendt == 0
    assert len(mail.outbox) == n
    assert Utsending.objects.count() == n and Jobbkjoring.objects.get().forsok == 2
    assert "allerede fullført" in second.beskrivelse()


def test_a_crash_while_sending_then_rerun_sends_each_mail_once(
    dag, personas, restanser, monkeypatch
):
    real_send = utboks._send_en
    calls = []

    def send_then_die(row, connection):
        calls.append(row.nokkel)
        if len(calls) == 2:
            raise Krasj
        real_send(row, connection)

    monkeypatch.setattr(utboks, "_send_en", send_then_die)
    with pytest.raises(Krasj):
        jobber.daglig(dag)
    assert len(mail.outbox) == 1
    assert Utsending.objects.filter(sendt__isnull=False).count() == 1

    monkeypatch.setattr(utboks, "_send_en", real_send)
    rerun = jobber.daglig(dag)
    assert rerun.allerede_fullfort and rerun.sending.sendt == 2
    keys = [m.extra_headers["X-Saksarkiv-Nokkel"] for m in mail.outbox]
    assert len(keys) == 3 == len(set(keys))
    assert not Utsending.objects.filter(sendt__isnull=True).exists()


def test_a_crash_while_queueing_then_rerun_queues_the_rest_once(
    dag, personas, restanser, monkeypatch
):
    monkeypatch.setattr(utboks, "BATCH", 1)  # commit each mail as it is queued
    real = jobber._daglig_epost
    built = []

    def build_then_die(*args):
        built.append(1)
        if len(built) == 3:
            raise Krasj
        return real(*args)

    monkeypatch.setattr(jobber, "_daglig_epost", build_then_die)
    with pytest.raises(Krasj):
        jobber.daglig(dag)
    assert Utsending.objects.count() == 2 and mail.outbox == []
    assert Jobbkjoring.objects.get().fullfort is None

    monkeypatch.setattr(jobber, "_daglig_epost", real)
    rerun = jobber.daglig(dag)
    assert not rerun.allerede_fullfort and rerun.resultat == {"e-post lagt i kø": 1}
    assert len(mail.outbox) == 3 == Utsending.objects.filter(sendt__isnull=False).count()
    assert len({m.to[0] for m in mail.outbox}) == 3


def test_a_refused_mail_is_kept_with_its_error_and_sent_on_the_rerun(
    dag, personas, restanser, monkeypatch
):
    real_send = utboks._send_en

    def refuse_one(row, connection):
        if row.til == personas.stedfortreder.email:
            raise smtplib.SMTPRecipientsRefused({row.til: (550, b"No such user")})
        real_send(row, connection)

    monkeypatch.setattr(utboks, "_send_en", refuse_one)
    first = jobber.daglig(dag)
    assert first.sending.sendt == 2 and first.sending.feilet == 1
    refused = Utsending.objects.get(til=personas.stedfortreder.email)
    assert refused.sendt is None and refused.forsok == 1 and "SMTPRecipientsRefused" in refused.feil

    monkeypatch.setattr(utboks, "_send_en", real_send)
    second = jobber.daglig(dag)
    assert second.sending.sendt == 1 and len(mail.outbox) == 3


def test_a_mail_that_keeps_failing_is_given_up(dag, personas, restanser, monkeypatch):
    def always_fail(row, connection):
        raise OSError("nede")

    monkeypatch.setattr(utboks, "_send_en", always_fail)
    for _ in range(utboks.MAKS_FORSOK + 2):
        jobber.daglig(dag)
    assert set(Utsending.objects.values_list("forsok", flat=True)) == {utboks.MAKS_FORSOK}


@pytest.mark.datofolsom
def test_new_in_inbox_means_not_yet_received_or_journalised_since_the_last_working_day(
    dag, personas, org
):
    sb = personas.saksbehandler
    sak = ny_sak(sb, org.enhet_a)
    # Received (S) long ago: not new. Journalised (J) on the last working day before today
    # (Friday, on a Monday): new.
    siste_arbeidsdag = workdays.add_working_days(dag, -1)
    gammel = inngaende(
        personas.arkiv,
        sak,
        saksbehandler=sb,
        tittel="Gammel",
        journaldato=dag - dager(SNART_JOURNALFORT),
    )
    ny = inngaende(personas.arkiv, sak, saksbehandler=sb, tittel="Ny", journaldato=siste_arbeidsdag)
    Journalpost.objects.filter(pk=gammel.pk).update(journalstatus="S")
    Journalpost.objects.filter(pk=ny.pk).update(journalstatus="J")
    deler = _digest(al.Kontekst(sb, dag=dag))[sb.pk]
    assert {pk for pk, *_ in deler["nye"].topp.verdier()} == {ny.pk}
    assert deler["restanser"].antall == 2
    # Once opened it is no longer new, as in the Innboks; it stays a restanse.
    JournalpostSett.objects.create(person=sb, journalpost=ny)
    deler = _digest(al.Kontekst(sb, dag=dag))[sb.pk]
    assert deler["nye"].antall == 0 and deler["restanser"].antall == 2


def test_only_the_first_rows_are_kept_but_all_are_counted(dag, personas, org):
    sb = personas.saksbehandler
    sak = ny_sak(sb, org.enhet_a)
    posts = [  # oldest first: journalised 30, 29, … 18 days ago
        inngaende(
            personas.arkiv,
            sak,
            saksbehandler=sb,
            tittel=f"Brev {i}",
            journaldato=dag - dager(30 - i),
        )
        for i in range(13)
    ]
    deler = _digest(al.Kontekst(sb, dag=dag))[sb.pk]
    assert deler["restanser"].antall == 13
    assert [pk for pk, *_ in deler["restanser"].topp.verdier()] == [p.pk for p in posts[:3]]
    assert deler["nye"].antall == 13 and len(deler["nye"].topp.verdier()) == 10
    jobber.daglig(dag)
    assert "… og 3 til." in mails_to(sb)[0].body


def test_computing_and_queueing_the_digest_does_not_query_per_user(
    dag, personas, org, restanser, monkeypatch, django_assert_max_num_queries
):
    """Set-based: the same queries for 3 or 18 recipients (rows without access code; a
    restricted row adds one `readable_by` check for its user). Sending is one locked update
    per mail by design and is left out here."""
    monkeypatch.setattr(utboks, "send_utsendinger", lambda prefiks="": utboks.Sending())
    with django_assert_max_num_queries(100) as few:
        assert jobber.daglig(dag).resultat == {"e-post lagt i kø": 3}
    for i in range(15):
        user = BrukerFactory(username=f"ekstra{i}")
        RolleFactory(person=user, enhet=org.enhet_a, rolle="SB")
        sak = ny_sak(user, org.enhet_a, tittel=f"Sak {i}")
        inngaende(personas.arkiv, sak, saksbehandler=user, tittel=f"Brev {i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        neste = workdays.add_working_days(dag, 1)  # the next digest, another period
        assert jobber.daglig(neste).resultat == {"e-post lagt i kø": 18}
