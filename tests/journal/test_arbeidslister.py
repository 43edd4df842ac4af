"""The worklists' membership rules (journal.arbeidslister), one rule at a time. The rules
are counted from the frozen day of the test clock (tests/klokke.py), so the window
boundaries are exact on any day; the tests about the Norwegian holidays in the XX deadline
either compute it with saksarkiv.workdays from that day or move the clock to Easter."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from journal import arbeidslister as al
from journal.models import Innstillinger, Journalpost, Saksmappe
from journal.services.avskrivning import avskriv
from journal.services.godkjenning import besvar_godkjenning, send_til_godkjenning
from journal.services.journalposter import endre_status, legg_til_korrespondansepart
from saksarkiv import workdays
from tests.factories import RolleFactory
from tests.journal.flythjelp import (
    eget,
    fersk,
    hoveddokument,
    inngaende,
    media,  # noqa: F401 - fixture
    ny_sak,
    sendt,
)
from utvalg.models import Utvalg
from utvalg.services import sett_behandling

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media"), pytest.mark.datofolsom]

DAY = datetime.timedelta(days=1)


@pytest.fixture
def dag(klokke) -> datetime.date:
    """Today under the frozen clock: the day the rules count from."""
    return klokke.dag


def k(user, dag=None, **innstillinger) -> al.Kontekst:
    """The user's context on `dag` (default: today under the test clock)."""
    innst = Innstillinger.hent()
    for name, value in innstillinger.items():
        setattr(innst, name, value)
    return al.Kontekst(user, dag=dag or timezone.localdate(), innst=innst)


def rows(kode, kontekst) -> set[int]:
    return set(al.ETTER_KODE[kode].queryset(kontekst).values_list("pk", flat=True))


def klar(user, sak, journalposttype, **kwargs):
    """An own draft with its main document, ready to finish or send for approval."""
    post = eget(user, sak, journalposttype, **kwargs)
    hoveddokument(post, user)
    return post


def _forfall(post, dato):
    Journalpost.objects.filter(pk=post.pk).update(forfallsdato=dato)
    return fersk(post)


# --- Mine restanser and Innboks ---------------------------------------------------------------


def test_restanser_are_my_received_posts_until_finally_written_off(personas, sak):
    sb = personas.saksbehandler
    inn = inngaende(personas.arkiv, sak, saksbehandler=sb)
    annen = inngaende(personas.arkiv, sak, saksbehandler=personas.stedfortreder)
    utkast = eget(sb, sak, "U")
    assert rows("restanser", k(sb)) == {inn.pk}
    assert rows("innboks", k(sb)) == {inn.pk}
    assert annen.pk not in rows("restanser", k(sb))
    assert utkast.pk not in rows("restanser", k(sb))

    avskriv(sb, inn, "***")  # a preliminary answer keeps it a restanse
    assert rows("restanser", k(sb)) == {inn.pk}
    avskriv(sb, inn, "TE")
    assert rows("restanser", k(sb)) == set()
    assert rows("innboks", k(sb)) == set()


def test_a_note_is_its_recipients_restanse_once_sent(personas, sak):
    notat = eget(personas.stedfortreder, sak, "N", tittel="Notat om befaring")
    legg_til_korrespondansepart(
        personas.stedfortreder,
        notat,
        korrespondanseparttype="IM",
        navn="Sara",
        person=personas.saksbehandler,
    )
    assert notat.pk not in rows("restanser", k(personas.saksbehandler))  # draft: nobody's
    sendt(notat)
    assert rows("restanser", k(personas.saksbehandler)) == {notat.pk}
    assert notat.pk not in rows("restanser", k(personas.stedfortreder))


def test_void_incoming_post_is_no_restanse(personas, sak):
    inn = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    Journalpost.objects.filter(pk=inn.pk).update(journalstatus="U")
    assert rows("restanser", k(personas.saksbehandler)) == set()


# --- Forfallsliste -------------------------------------------------------------------------


def test_due_list_window_boundaries(personas, sak, dag):
    sb = personas.saksbehandler

    def due(days):
        return _forfall(inngaende(personas.arkiv, sak, saksbehandler=sb), dag + days * DAY)

    poster = {
        "passert": due(-30),
        "i_dag": due(0),
        "dag_14": due(14),
        "dag_15": due(15),
        "uten": inngaende(personas.arkiv, sak, saksbehandler=sb),
    }
    ids = {name: p.pk for name, p in poster.items()}
    assert rows("forfall", k(sb)) == {ids["passert"], ids["i_dag"], ids["dag_14"]}
    # One municipality uses a shorter window: the setting decides.
    assert rows("forfall", k(sb, forfall_dager=5)) == {ids["passert"], ids["i_dag"]}
    avskriv(sb, poster["passert"], "TLF")
    assert ids["passert"] not in rows("forfall", k(sb))


def test_due_list_for_the_unit_is_the_leaders(personas, sak, org, dag):
    post = _forfall(inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler), dag)
    assert post.pk in rows("forfall_enhet", k(personas.leder))
    assert post.pk in rows("forfall_enhet", k(personas.sektorleder))
    assert post.pk in rows("forfall_enhet", k(personas.stedfortreder))
    assert post.pk not in rows("forfall_enhet", k(personas.leder_annen))
    assert not al.ETTER_KODE["forfall_enhet"].tilgang(k(personas.saksbehandler))


def test_marks_overdue_and_due_soon_by_the_warning_window(personas, dag):
    kontekst = k(personas.saksbehandler)
    assert kontekst.merking(dag - DAY) == "forfalt"
    assert kontekst.merking(dag) == "snart"
    assert kontekst.merking(dag + 5 * DAY) == "snart"
    assert kontekst.merking(dag + 6 * DAY) == ""
    assert kontekst.merking(None) == ""


# --- Oppfølging av saker (OBS) -------------------------------------------------------------


def _obs(sak, dato, status=None):
    fields = {"obs_dato": dato}
    if status:
        fields["saksstatus"] = status
    Saksmappe.objects.filter(pk=sak.pk).update(**fields)
    return sak


def test_obs_window_and_setting(personas, org, dag):
    sb = personas.saksbehandler
    saker = {
        "passert": _obs(ny_sak(sb, org.enhet_a), dag - 3 * DAY),
        "dag_5": _obs(ny_sak(sb, org.enhet_a), dag + 5 * DAY),
        "dag_14": _obs(ny_sak(sb, org.enhet_a), dag + 14 * DAY),
        "dag_15": _obs(ny_sak(sb, org.enhet_a), dag + 15 * DAY),
        "avsluttet": _obs(ny_sak(sb, org.enhet_a), dag, status="A"),
        "uten": ny_sak(sb, org.enhet_a),
    }
    ids = {name: s.pk for name, s in saker.items()}
    assert rows("obs", k(sb)) == {ids["passert"], ids["dag_5"], ids["dag_14"]}
    assert rows("obs", k(sb, obs_dager=5)) == {ids["passert"], ids["dag_5"]}
    assert rows("obs", k(personas.stedfortreder)) == set()
    assert rows("obs_enhet", k(personas.leder)) == {ids["passert"], ids["dag_5"], ids["dag_14"]}


# --- Mine konsepter, Kopiboks ----------------------------------------------------------------


def test_drafts_are_my_own_posts_in_r(personas, sak):
    sb = personas.saksbehandler
    utkast = eget(sb, sak, "U")
    ferdig = klar(sb, sak, "X")
    endre_status(sb, ferdig, "ferdigstill")
    annens = eget(personas.stedfortreder, sak, "U")
    assert rows("konsepter", k(sb)) == {utkast.pk}
    assert annens.pk in rows("konsepter", k(personas.stedfortreder))


def test_kopiboks_lists_internal_copies(personas, sak):
    post = eget(personas.saksbehandler, sak, "U")
    legg_til_korrespondansepart(
        personas.saksbehandler,
        post,
        korrespondanseparttype="IK",
        navn="Leder",
        person=personas.leder,
    )
    assert rows("kopiboks", k(personas.leder)) == {post.pk}
    assert rows("kopiboks", k(personas.saksbehandler)) == set()


# --- Leader lists and the deputy rule --------------------------------------------------------


def test_undistributed_posts_in_the_leaders_units(personas, sak, org):
    ufordelt = inngaende(personas.arkiv, sak)
    annen_sak = ny_sak(personas.saksbehandler_annen, org.enhet_b)
    annen = inngaende(personas.arkiv, annen_sak)
    assert rows("ufordelte", k(personas.leder)) == {ufordelt.pk}
    assert rows("ufordelte", k(personas.stedfortreder)) == {ufordelt.pk}
    assert rows("ufordelte", k(personas.sektorleder)) == {ufordelt.pk}
    assert rows("ufordelte", k(personas.leder_annen)) == {annen.pk}
    assert rows("ufordelte", k(personas.arkiv)) == {ufordelt.pk, annen.pk}
    assert rows("ufordelte", k(personas.radmann)) == {ufordelt.pk, annen.pk}


def test_received_posts_of_the_leader_reach_the_deputy(personas, sak):
    til_leder = inngaende(personas.arkiv, sak, saksbehandler=personas.leder)
    assert rows("mottatte", k(personas.leder)) == {til_leder.pk}
    assert rows("mottatte", k(personas.stedfortreder)) == {til_leder.pk}
    assert rows("mottatte", k(personas.sektorleder)) == set()
    assert rows("mottatte", k(personas.leder_annen)) == set()


def test_deputy_rule_follows_the_role_period(personas, sak, org, klokke, dag):
    """A stand-in deputy for ten days from next week (the leader's role runs from today):
    the leader's posts reach the stand-in on the days of the period, not before or after."""
    til_leder = inngaende(personas.arkiv, sak, saksbehandler=personas.leder)
    vikar = personas.saksbehandler_annen
    fra, til = dag + 7 * DAY, dag + 16 * DAY
    RolleFactory(person=vikar, rolle="SF", enhet=org.enhet_a, gyldig_fra=fra, gyldig_til=til)
    for day, sees in [
        (dag, False),
        (fra - DAY, False),
        (fra, True),
        (til, True),
        (til + DAY, False),
    ]:
        klokke.flytt_til(day)
        assert rows("mottatte", k(vikar)) == ({til_leder.pk} if sees else set()), day


def test_approvals_addressed_to_the_leader_reach_the_deputy(personas, sak):
    utkast = klar(personas.saksbehandler, sak, "U")
    flagg = send_til_godkjenning(personas.saksbehandler, utkast, personas.leder)
    assert rows("godkjenning_leder", k(personas.leder)) == {utkast.pk}
    assert rows("godkjenning_leder", k(personas.stedfortreder)) == {utkast.pk}
    assert rows("godkjenning_leder", k(personas.sektorleder)) == set()
    besvar_godkjenning(personas.leder, flagg, godkjent=True)
    assert rows("godkjenning_leder", k(personas.leder)) == set()


def test_committee_draft_moves_from_leader_to_chief_executive(personas, sak):
    utkast = klar(personas.saksbehandler, sak, "S", tittel="Saksframlegg: ny barnehage")
    fsk = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    sett_behandling(personas.saksbehandler, utkast, fsk, sakstype="PS")
    flagg = send_til_godkjenning(personas.saksbehandler, utkast, personas.leder)
    assert rows("godkjenning_leder", k(personas.leder)) == {utkast.pk}
    assert rows("endelig_godkjenning", k(personas.radmann)) == set()
    besvar_godkjenning(personas.leder, flagg, godkjent=True)
    assert rows("godkjenning_leder", k(personas.leder)) == set()
    assert rows("endelig_godkjenning", k(personas.radmann)) == {utkast.pk}
    assert not al.ETTER_KODE["endelig_godkjenning"].tilgang(k(personas.leder))


# --- Til offentlighetsvurdering and the XX deadline ----------------------------------------


def _xx(personas, sak, journaldato=None):
    """An XX post journalised today, or on `journaldato`."""
    post = inngaende(personas.arkiv, sak, tilgangskode="XX", offentlig_tittel="Søknad om *****")
    if journaldato:
        Journalpost.objects.filter(pk=post.pk).update(journaldato=journaldato)
    return fersk(post)


def test_xx_posts_reach_the_leader_chain_of_their_unit(personas, sak):
    post = _xx(personas, sak)
    for leder in (personas.leder, personas.stedfortreder, personas.sektorleder, personas.radmann):
        assert rows("offentlighetsvurdering", k(leder)) == {post.pk}
    assert rows("offentlighetsvurdering", k(personas.leder_annen)) == set()
    assert not al.ETTER_KODE["offentlighetsvurdering"].tilgang(k(personas.saksbehandler))
    Journalpost.objects.filter(pk=post.pk).update(tilgangskode=None, offentlig_tittel=F("tittel"))
    assert rows("offentlighetsvurdering", k(personas.leder)) == set()


@pytest.mark.parametrize(
    ("journaldato", "frist"),
    [
        # Monday → Thursday.
        (datetime.date(2026, 11, 23), datetime.date(2026, 11, 26)),
        # Friday → Wednesday over the weekend.
        (datetime.date(2026, 11, 20), datetime.date(2026, 11, 25)),
        # Wednesday before Easter 2026: Maundy Thursday, Good Friday and Easter Monday
        # are holidays → Thursday after Easter.
        (datetime.date(2026, 4, 1), datetime.date(2026, 4, 9)),
        # Friday 15 May 2026: 17 May is a Sunday, Whit Monday is 25 May; Ascension Day
        # was 14 May. → Wednesday 20 May.
        (datetime.date(2026, 5, 15), datetime.date(2026, 5, 20)),
        # Christmas 2026: 25 and 26 December are holidays (26th a Saturday).
        (datetime.date(2026, 12, 23), datetime.date(2026, 12, 29)),
    ],
)
def test_xx_deadline_counts_norwegian_working_days(db, journaldato, frist):
    # A fact of the calendar: the same whatever day the test runs on.
    assert k(None).xx_frist(journaldato) == frist


def test_xx_deadline_of_a_post_journalised_today(personas, sak, klokke, dag):
    """From today, whatever today is (a weekend, a holiday, New Year's night): the deadline
    is the third working day after the journal date, and the post reaches archive's «XX
    over frist» the day after it, not before."""
    post = _xx(personas, sak)
    assert (post.journaldato, post.journalaar) == (dag, dag.year)  # Oslo's day, not UTC's
    frist = k(personas.leder).xx_frist(post.journaldato)
    assert workdays.is_working_day(frist) and workdays.working_days_between(dag, frist) == 3
    day = dag
    while day <= frist + DAY:
        klokke.flytt_til(day)
        assert (post.pk in rows("xx_over_frist", k(personas.arkiv))) is (day > frist), day
        day += DAY


@pytest.mark.klokke("2026-04-01T10:00")  # the Wednesday before Easter
def test_xx_past_deadline_reaches_archive_the_day_after(personas, sak, klokke):
    post = _xx(personas, sak)  # journalised today; deadline Thursday 9 April
    for dag, over in [
        (datetime.date(2026, 4, 2), False),  # Maundy Thursday
        (datetime.date(2026, 4, 8), False),
        (datetime.date(2026, 4, 9), False),
        (datetime.date(2026, 4, 10), True),
        (datetime.date(2026, 4, 11), True),  # a Saturday
    ]:
        klokke.flytt_til(dag)
        assert (post.pk in rows("xx_over_frist", k(personas.arkiv))) is over, dag
    # The setting changes the deadline: 5 working days → Monday 13 April.
    klokke.flytt_til(datetime.date(2026, 4, 13))
    assert post.pk not in rows("xx_over_frist", k(personas.arkiv, xx_frist_arbeidsdager=5))
    klokke.flytt_til(datetime.date(2026, 4, 14))
    assert post.pk in rows("xx_over_frist", k(personas.arkiv, xx_frist_arbeidsdager=5))


def _cutoff_agrees_with_the_deadline(kontekst):
    """«Journal date before the cutoff» is exactly «deadline before today»."""
    cutoff = kontekst.xx_siste_journaldato_innen_frist()
    for back in range(0, 15):
        journaldato = kontekst.dag - back * DAY
        assert (journaldato < cutoff) == (kontekst.xx_frist(journaldato) < kontekst.dag), (
            kontekst.dag,
            journaldato,
        )


@pytest.mark.parametrize("offset", range(0, 21))
def test_past_deadline_cutoff_agrees_with_the_deadline(db, offset):
    """Over three weeks around Easter 2026 (a fact of the calendar, whatever today is)."""
    _cutoff_agrees_with_the_deadline(k(None, dag=datetime.date(2026, 3, 28) + offset * DAY))


def test_past_deadline_cutoff_agrees_with_the_deadline_around_today(db, dag):
    for offset in range(-10, 11):
        _cutoff_agrees_with_the_deadline(k(None, dag=dag + offset * DAY))


# --- Arkivkontroll ---------------------------------------------------------------------------


def test_archive_control_tabs(personas, sak, org):
    sb = personas.saksbehandler
    m_post = inngaende(personas.arkiv, sak, saksbehandler=sb)
    s_post = endre_status(sb, inngaende(personas.arkiv, sak, saksbehandler=sb), "motta")
    x_notat = endre_status(sb, klar(sb, sak, "X"), "ferdigstill")
    utkast = eget(sb, sak, "U")
    arkiv = k(personas.arkiv)
    assert rows("journalforing", arkiv) == {s_post.pk, x_notat.pk}
    assert rows("midlertidig", arkiv) == {m_post.pk}
    assert utkast.pk not in rows("journalforing", arkiv)

    reservert = ny_sak(sb, org.enhet_a)
    under_behandling = ny_sak(sb, org.enhet_a)
    Saksmappe.objects.filter(pk=under_behandling.pk).update(saksstatus="B", onskes_avsluttet=True)
    assert reservert.pk in rows("reserverte_saker", arkiv)
    assert under_behandling.pk not in rows("reserverte_saker", arkiv)
    assert rows("onskes_avsluttet", arkiv) == {under_behandling.pk}
    Saksmappe.objects.filter(pk=under_behandling.pk).update(saksstatus="A")
    assert rows("onskes_avsluttet", arkiv) == set()
    for kode in ("journalforing", "midlertidig", "xx_over_frist", "reserverte_saker"):
        assert not al.ETTER_KODE[kode].tilgang(k(sb))


# --- Counts ----------------------------------------------------------------------------------


def test_counts_match_the_lists_in_one_query(personas, sak, dag, django_assert_num_queries):
    sb = personas.saksbehandler
    inngaende(personas.arkiv, sak, saksbehandler=sb)
    _forfall(inngaende(personas.arkiv, sak, saksbehandler=sb), dag)
    inngaende(personas.arkiv, sak, saksbehandler=personas.leder)
    eget(sb, sak, "U")
    _xx(personas, sak, dag - 10 * DAY)
    for user in (sb, personas.leder, personas.stedfortreder, personas.arkiv, personas.radmann):
        kontekst = k(user)
        lister = al.tilgjengelige(kontekst)
        al.tell(kontekst, lister)  # reads the user's units, deputies and codes once
        with django_assert_num_queries(1):
            antall = al.tell(kontekst, lister)
        for liste in lister:
            assert antall[liste.kode] == liste.queryset(kontekst).count(), (user, liste.kode)
