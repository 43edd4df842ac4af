"""The worklists' membership rules (journal.arbeidslister), one rule at a time, on a fixed
day so that the window boundaries and the Norwegian holidays in the XX deadline are exact."""

import datetime

import pytest
from django.db.models import F

from journal import arbeidslister as al
from journal.models import Journalpost, Saksmappe
from journal.services.avskrivning import avskriv
from journal.services.godkjenning import besvar_godkjenning, send_til_godkjenning, sett_behandling
from journal.services.journalposter import endre_status, legg_til_korrespondansepart
from saksarkiv.models import Innstillinger
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

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

DAG = datetime.date(2026, 11, 23)  # a Monday


def k(user, dag=DAG, **innstillinger) -> al.Kontekst:
    innst = Innstillinger.hent()
    for name, value in innstillinger.items():
        setattr(innst, name, value)
    return al.Kontekst(user, dag=dag, innst=innst)


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


def test_due_list_window_boundaries(personas, sak):
    sb = personas.saksbehandler
    poster = {
        "passert": _forfall(
            inngaende(personas.arkiv, sak, saksbehandler=sb), DAG - datetime.timedelta(days=30)
        ),
        "i_dag": _forfall(inngaende(personas.arkiv, sak, saksbehandler=sb), DAG),
        "dag_14": _forfall(
            inngaende(personas.arkiv, sak, saksbehandler=sb), DAG + datetime.timedelta(days=14)
        ),
        "dag_15": _forfall(
            inngaende(personas.arkiv, sak, saksbehandler=sb), DAG + datetime.timedelta(days=15)
        ),
        "uten": inngaende(personas.arkiv, sak, saksbehandler=sb),
    }
    ids = {name: p.pk for name, p in poster.items()}
    assert rows("forfall", k(sb)) == {ids["passert"], ids["i_dag"], ids["dag_14"]}
    # One municipality uses a shorter window: the setting decides.
    assert rows("forfall", k(sb, forfall_dager=5)) == {ids["passert"], ids["i_dag"]}
    avskriv(sb, poster["passert"], "TLF")
    assert ids["passert"] not in rows("forfall", k(sb))


def test_due_list_for_the_unit_is_the_leaders(personas, sak, org):
    post = _forfall(inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler), DAG)
    assert post.pk in rows("forfall_enhet", k(personas.leder))
    assert post.pk in rows("forfall_enhet", k(personas.sektorleder))
    assert post.pk in rows("forfall_enhet", k(personas.stedfortreder))
    assert post.pk not in rows("forfall_enhet", k(personas.leder_annen))
    assert not al.ETTER_KODE["forfall_enhet"].tilgang(k(personas.saksbehandler))


def test_marks_overdue_and_due_soon_by_the_warning_window(personas):
    kontekst = k(personas.saksbehandler)
    assert kontekst.merking(DAG - datetime.timedelta(days=1)) == "forfalt"
    assert kontekst.merking(DAG) == "snart"
    assert kontekst.merking(DAG + datetime.timedelta(days=5)) == "snart"
    assert kontekst.merking(DAG + datetime.timedelta(days=6)) == ""
    assert kontekst.merking(None) == ""


# --- Oppfølging av saker (OBS) -------------------------------------------------------------


def _obs(sak, dato, status=None):
    fields = {"obs_dato": dato}
    if status:
        fields["saksstatus"] = status
    Saksmappe.objects.filter(pk=sak.pk).update(**fields)
    return sak


def test_obs_window_and_setting(personas, org):
    sb = personas.saksbehandler
    saker = {
        "passert": _obs(ny_sak(sb, org.enhet_a), DAG - datetime.timedelta(days=3)),
        "dag_5": _obs(ny_sak(sb, org.enhet_a), DAG + datetime.timedelta(days=5)),
        "dag_14": _obs(ny_sak(sb, org.enhet_a), DAG + datetime.timedelta(days=14)),
        "dag_15": _obs(ny_sak(sb, org.enhet_a), DAG + datetime.timedelta(days=15)),
        "avsluttet": _obs(ny_sak(sb, org.enhet_a), DAG, status="A"),
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


def test_deputy_rule_follows_the_role_period(personas, sak, org):
    til_leder = inngaende(personas.arkiv, sak, saksbehandler=personas.leder)
    vikar = personas.saksbehandler_annen
    RolleFactory(
        person=vikar,
        rolle="SF",
        enhet=org.enhet_a,
        gyldig_fra=DAG - datetime.timedelta(days=10),
        gyldig_til=DAG - datetime.timedelta(days=1),
    )
    assert rows("mottatte", k(vikar, dag=DAG - datetime.timedelta(days=2))) == {til_leder.pk}
    assert rows("mottatte", k(vikar, dag=DAG)) == set()


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


def _xx(personas, sak, journaldato):
    post = inngaende(personas.arkiv, sak, tilgangskode="XX", offentlig_tittel="Søknad om *****")
    Journalpost.objects.filter(pk=post.pk).update(journaldato=journaldato)
    return fersk(post)


def test_xx_posts_reach_the_leader_chain_of_their_unit(personas, sak):
    post = _xx(personas, sak, DAG)
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
def test_xx_deadline_counts_norwegian_working_days(personas, journaldato, frist):
    assert k(personas.leder).xx_frist(journaldato) == frist


def test_xx_past_deadline_reaches_archive_the_day_after(personas, sak):
    post = _xx(personas, sak, datetime.date(2026, 4, 1))  # deadline Thursday 9 April
    for dag, over in [
        (datetime.date(2026, 4, 8), False),
        (datetime.date(2026, 4, 9), False),
        (datetime.date(2026, 4, 10), True),
        (datetime.date(2026, 4, 11), True),  # a Saturday
    ]:
        assert (post.pk in rows("xx_over_frist", k(personas.arkiv, dag=dag))) is over, dag
    # The setting changes the deadline: 5 working days → Monday 13 April.
    assert post.pk not in rows(
        "xx_over_frist", k(personas.arkiv, dag=datetime.date(2026, 4, 13), xx_frist_arbeidsdager=5)
    )
    assert post.pk in rows(
        "xx_over_frist", k(personas.arkiv, dag=datetime.date(2026, 4, 14), xx_frist_arbeidsdager=5)
    )


@pytest.mark.parametrize("offset", range(0, 21))
def test_past_deadline_cutoff_agrees_with_the_deadline(personas, offset):
    """Over three weeks around Easter, «journal date before the cutoff» is exactly
    «deadline before today»."""
    kontekst = k(personas.arkiv, dag=datetime.date(2026, 3, 28) + datetime.timedelta(days=offset))
    cutoff = kontekst.xx_siste_journaldato_innen_frist()
    for back in range(0, 15):
        journaldato = kontekst.dag - datetime.timedelta(days=back)
        assert (journaldato < cutoff) == (kontekst.xx_frist(journaldato) < kontekst.dag)


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


def test_counts_match_the_lists_in_one_query(personas, sak, django_assert_num_queries):
    sb = personas.saksbehandler
    inngaende(personas.arkiv, sak, saksbehandler=sb)
    _forfall(inngaende(personas.arkiv, sak, saksbehandler=sb), DAG)
    inngaende(personas.arkiv, sak, saksbehandler=personas.leder)
    eget(sb, sak, "U")
    _xx(personas, sak, DAG - datetime.timedelta(days=10))
    for user in (sb, personas.leder, personas.stedfortreder, personas.arkiv, personas.radmann):
        kontekst = k(user)
        lister = al.tilgjengelige(kontekst)
        al.tell(kontekst, lister)  # reads the user's units, deputies and codes once
        with django_assert_num_queries(1):
            antall = al.tell(kontekst, lister)
        for liste in lister:
            assert antall[liste.kode] == liste.queryset(kontekst).count(), (user, liste.kode)
