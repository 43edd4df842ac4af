"""Decision follow-up in the journal's mails (issue 19, item 7): the daily digest lists each
caseworker's open decisions due within 14 days or overdue (a caseworker with only these gets
the digest too), the monthly leader overview the open decisions of the units the leader
leads; an exempt decision shows only its public title to a recipient without clearance, and
the canary is in no mail of anyone who may not read it."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from journal import arbeidslister, jobber, rapporter
from journal.models import Journalpost
from saksarkiv import access
from saksarkiv import jobber as utboks
from tests.conftest import CANARY
from tests.factories import BrukerFactory, RolleFactory
from tests.utvalg.test_frammote import motet  # noqa: F401 - the fixture
from tests.utvalg.test_protokollforing import behandlet  # noqa: F401 - the fixture
from tests.utvalg.test_votering import i_gang  # noqa: F401 - the fixture
from tests.vedtak.test_oppfolging import _godkjenn
from utvalg.models import Sakskartpunkt
from vedtak import services, varsler

pytestmark = pytest.mark.django_db


def dager(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def lenke(linje) -> str:
    return f"/vedtaksoppfolging/linjer/{linje.pk}/"


def mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def tekst(m) -> str:
    """The mail's plain text and its HTML."""
    return m.body + "\n" + m.alternatives[0][0]


@pytest.fixture
def linjer(personas, behandlet):  # noqa: F811
    """PS 2 followed up by the caseworker four times: due in 14 days (the last day in the
    window), overdue, due in 15 days (outside), and due soon but done; PS 3, exempt (the
    canary in its title), by the caseworker of the other unit. The minutes approved."""
    moetet, _seat, ps1 = behandlet
    ms, sb = personas.motesekretaer, personas.saksbehandler
    idag = timezone.localdate()
    ps2 = Sakskartpunkt.objects.get(mote=moetet, nummer=3)

    def folg_opp(punkt, frist, hvem, verbalpunkt=""):
        oppfolging = services.registrer(ms, punkt, frist=frist, fristtype="U",
                                        saksbehandlere=[hvem], verbalpunkt=verbalpunkt)  # fmt: skip
        return oppfolging.linjer.get()

    result = {
        "innen": folg_opp(ps1, idag + dager(14), sb),
        "forsinket": folg_opp(ps1, idag - dager(3), sb, "Kulturhuset bygges"),
        "senere": folg_opp(ps1, idag + dager(15), sb, "Senere punkt"),
        "ferdig": folg_opp(ps1, idag + dager(2), sb, "Ferdig punkt"),
        "skjermet": folg_opp(ps2, idag + dager(5), personas.saksbehandler_annen),
    }
    _godkjenn(personas, moetet)
    services.oppdater(sb, result["ferdig"], status="IV", utfort=idag, hva_er_gjort="Gjort.")
    return result


def _skjermet_post(linje):
    return Journalpost.objects.get(pk=linje.oppfolging.punkt.behandling.journalpost_id)


def test_the_digest_lists_decisions_due_within_14_days_or_overdue(personas, linjer):
    idag = timezone.localdate()
    jobber.daglig(idag)
    [m] = mails_to(personas.saksbehandler)
    body = tekst(m)
    assert "VEDTAK TIL OPPFØLGING – FRIST UTE ELLER INNEN 14 DAGER (2)" in m.body
    assert lenke(linjer["innen"]) in body and lenke(linjer["forsinket"]) in body
    assert lenke(linjer["senere"]) not in body and lenke(linjer["ferdig"]) not in body
    ps1 = linjer["innen"].oppfolging.punkt
    assert f"Formannskapet {ps1.saksnummer}" in body
    assert f"frist {(idag + dager(14)):%d.%m.%Y}" in m.body
    assert "verbalpunkt: Kulturhuset bygges" in body and "– FORSINKET" in m.body
    assert "/vedtaksoppfolging/\n" in m.body  # the whole list
    assert "Senere punkt" not in body and "Ferdig punkt" not in body


def test_a_caseworker_with_only_decisions_gets_the_digest_with_the_public_title(personas, linjer):
    idag = timezone.localdate()
    annen = personas.saksbehandler_annen
    post = _skjermet_post(linjer["skjermet"])
    assert post.tilgangskode_id == "P" and CANARY in post.tittel
    assert not access.can_read(annen, post)
    k = arbeidslister.Kontekst(rapporter.UTEN_KLARERING, dag=idag)
    assert annen.pk not in jobber.beregn_sammendrag(k)  # nothing in the journal's lists
    jobber.daglig(idag)
    [m] = mails_to(annen)
    assert m.subject == f"Saksarkiv: dagens oversikt {idag:%d.%m.%Y}"
    assert "Skole *****" in tekst(m) and lenke(linjer["skjermet"]) in tekst(m)
    for m in mail.outbox:
        user = type(annen).objects.get(email=m.to[0])
        if not access.can_read(user, post):
            assert CANARY not in tekst(m), m.to


def test_the_monthly_overview_lists_the_units_open_decisions_for_their_leaders(personas, linjer):
    idag = timezone.localdate()
    jobber.maanedlig(idag)
    body = tekst(mails_to(personas.leder)[0])
    assert "Vedtak til oppfølging i enhetene dine – 1 forsinket (3)" in body
    for navn in ("innen", "forsinket", "senere"):
        assert lenke(linjer[navn]) in body
    assert lenke(linjer["ferdig"]) not in body and lenke(linjer["skjermet"]) not in body
    assert f"{personas.saksbehandler.get_full_name()} (Byggesak)" in body
    assert "/vedtaksoppfolging/enhet/" in body
    # The sector leader sees the unit below; the other unit's leader only their own.
    assert lenke(linjer["innen"]) in tekst(mails_to(personas.sektorleder)[0])
    annen = tekst(mails_to(personas.leder_annen)[0])
    assert lenke(linjer["skjermet"]) in annen and lenke(linjer["innen"]) not in annen
    # A leader without clearance gets the exempt decision's public title, never the canary.
    post = _skjermet_post(linjer["skjermet"])
    assert not access.can_read(personas.leder_annen, post)
    assert "Skole *****" in annen
    for m in mail.outbox:
        user = type(personas.leder).objects.get(email=m.to[0])
        if not access.can_read(user, post):
            assert CANARY not in tekst(m), m.to


def test_the_hooks_do_not_query_per_recipient(
    personas, org, linjer, monkeypatch, django_assert_max_num_queries
):
    """Lines of posts without an access code: the same queries for 1 or 6 caseworkers (a
    restricted post adds its `readable_by` check for each recipient who has one)."""
    idag = timezone.localdate()
    monkeypatch.setattr(utboks, "send_utsendinger", lambda prefiks="": utboks.Sending())
    linjer["skjermet"].oppfolging.linjer.update(status="BF", bortfalt_grunn="Ikke aktuelt.")
    with django_assert_max_num_queries(100) as few:
        varsler.daglig(idag)
    oppfolging = linjer["innen"].oppfolging
    for i in range(5):
        user = BrukerFactory(username=f"ekstra{i}")
        RolleFactory(person=user, enhet=org.enhet_a, rolle="SB")
        services.ny_linje(personas.motesekretaer, oppfolging, user)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(varsler.daglig(idag)) == 6
    ledere = type(personas.leder).objects.in_bulk([personas.leder.pk, personas.sektorleder.pk])
    with django_assert_max_num_queries(4):
        assert varsler.maanedlig(idag, ledere)[personas.leder.pk][0]["antall"] == 8
