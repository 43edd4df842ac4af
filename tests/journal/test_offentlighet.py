"""«Til offentlighetsvurdering» (issue 5.1): the leader's decision on an XX post — every
combination of code and screening and what the uncleared and the public then see, who may
decide, stale and concurrent decisions, the audit entry, the deadline in working days, and
the decision page.

Posts are journalised today under the test clock (tests/klokke.py); a test about a given
holiday is pinned to its day and moves the clock through the days after it."""

import datetime
import threading

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from journal import arbeidslister
from journal.models import Dokument, Innstillinger, Journalpost
from journal.services import tillatelser
from journal.services.journalposter import endre_journalpost, endre_status
from journal.services.offentlighet import (
    OFFENTLIG,
    UNNTATT,
    frist,
    helt_skjermet,
    ord_i_tittel,
    skjerm_ord,
    versjon,
    vurder_offentlighet,
)
from journal.services.registration import registrer_journalpost
from saksarkiv import access, audit, workdays
from saksarkiv.models import Tilgangskode
from saksarkiv.services import DomainError
from tests.conftest import CANARY
from tests.journal.flythjelp import (
    eget,
    fersk,
    hoveddokument,
    inngaende,
    media,  # noqa: F401 - fixture
    ny_sak,
    refused,
    siste,
)

# Date-sensitive (datofolsom): the deadline tests that run at the clock's day.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

TITTEL = f"Bekymringsmelding om Kari {CANARY} Hansen, Storgata 1"
# Words: 0 Bekymringsmelding 1 om 2 Kari 3 KANARIFUGL 4 Hansen 5 Storgata 6 1
NAVN = (2, 3, 4)
SKJERMET_TITTEL = "Bekymringsmelding om *****, Storgata 1"
ANONYM = AnonymousUser()


@pytest.fixture
def sak(personas, org):
    return ny_sak(personas.saksbehandler, org.enhet_a, tittel="Oppfølging av barn")


@pytest.fixture
def xx(personas, sak):
    """An incoming post (M) registered by archive with XX, its sender and a document."""
    post = inngaende(
        personas.arkiv,
        sak,
        saksbehandler=personas.saksbehandler,
        tittel=TITTEL,
        offentlig_tittel="Bekymringsmelding *****",
        tilgangskode="XX",
    )
    hoveddokument(post, personas.arkiv)
    return fersk(post)


def _unntatt(actor, post, **kwargs):
    kwargs.setdefault("tilgangskode", "U")
    return vurder_offentlighet(actor, post, vedtak=UNNTATT, **kwargs)


# --- Title words ---------------------------------------------------------------------------


def test_title_words_and_their_screening():
    assert ord_i_tittel(TITTEL) == [
        "Bekymringsmelding", "om", "Kari", CANARY, "Hansen", "Storgata", "1",
    ]  # fmt: skip
    # Neighbouring names become one *****; punctuation stays.
    assert skjerm_ord(TITTEL, NAVN) == SKJERMET_TITTEL
    assert skjerm_ord(TITTEL, [2, 4]) == "Bekymringsmelding om ***** KANARIFUGL *****, Storgata 1"
    assert skjerm_ord(TITTEL, [4, 5, 6]) == f"Bekymringsmelding om Kari {CANARY} *****, *****"
    assert skjerm_ord("Gnr/bnr 12/34 – Nord-Norge AS", [1, 2, 3]) == "Gnr/bnr ***** – *****"
    with pytest.raises(DomainError) as caught:
        skjerm_ord(TITTEL, [7])
    assert caught.value.field == "skjermede_ord"
    assert helt_skjermet("*****, *****") and helt_skjermet("*****")
    assert not helt_skjermet(SKJERMET_TITTEL)


# --- Each decision and what the uncleared and the public then see ----------------------------

PART = "Ola Nordmann"  # the sender inngaende() registers
DOKUMENT = "brev.pdf"


def _visning(login, uklarert, post) -> dict:
    """What a logged-in user without clearance and the anonymous public see of the post."""
    post = fersk(post)
    html = login(uklarert).get(reverse("journal:journalpost", args=[post.pk])).content.decode()
    return {
        "tittel": access.title_for(uklarert, post),
        "tittel_anonym": access.title_for(ANONYM, post),
        "anonym_ser_posten": Journalpost.objects.visible_to(ANONYM).filter(pk=post.pk).exists(),
        "navn_i_siden": CANARY in html,
        "avsender_i_siden": PART in html,
        "dokument_i_siden": DOKUMENT in html,
        "dokument_lesbart": Dokument.objects.readable_by(uklarert)
        .filter(journalpost=post)
        .exists(),
        "dokument_anonym": Dokument.objects.readable_by(ANONYM).filter(journalpost=post).exists(),
    }


SKJULT = {
    "tittel": SKJERMET_TITTEL,
    "tittel_anonym": SKJERMET_TITTEL,
    "anonym_ser_posten": False,
    "navn_i_siden": False,
    "dokument_lesbart": False,
    "dokument_anonym": False,
}


@pytest.mark.parametrize(
    ("vedtak", "valg", "forventet"),
    [
        pytest.param(
            OFFENTLIG,
            {},
            {
                "tittel": TITTEL,
                "tittel_anonym": TITTEL,
                "anonym_ser_posten": True,
                "navn_i_siden": True,
                "avsender_i_siden": True,
                "dokument_i_siden": True,
                "dokument_lesbart": True,
                "dokument_anonym": True,
            },
            id="offentlig",
        ),
        pytest.param(
            UNNTATT,
            {
                "skjermede_ord": NAVN,
                "skjerm_korrespondanseparter": True,
                "skjerm_dokumenter": True,
            },
            {**SKJULT, "avsender_i_siden": False, "dokument_i_siden": False},
            id="U-tittelord-avsender-dokumenter",
        ),
        pytest.param(
            UNNTATT,
            {"skjermede_ord": NAVN, "skjerm_dokumenter": True},
            {**SKJULT, "avsender_i_siden": True, "dokument_i_siden": False},
            id="U-tittelord-dokumenter",
        ),
        pytest.param(
            UNNTATT,
            {
                "skjermede_ord": NAVN,
                "skjerm_korrespondanseparter": True,
                "skjerm_dokumenter": False,
            },
            # Unscreened documents are listed, but the file follows the post's code.
            {**SKJULT, "avsender_i_siden": False, "dokument_i_siden": True},
            id="U-tittelord-avsender",
        ),
        pytest.param(
            UNNTATT,
            {
                "tilgangskode": "P",
                "offentlig_tittel": SKJERMET_TITTEL,
                "skjerm_korrespondanseparter": True,
            },
            {**SKJULT, "avsender_i_siden": False, "dokument_i_siden": False},
            id="P-egen-offentlig-tittel",
        ),
        pytest.param(
            UNNTATT,
            {
                "skjermede_ord": range(7),
                "skjerm_korrespondanseparter": True,
                "vurdert_meroffentlighet": True,
            },
            {
                **SKJULT,
                "tittel": "*****, *****",
                "tittel_anonym": "*****, *****",
                "avsender_i_siden": False,
                "dokument_i_siden": False,
            },
            id="U-alt-skjermet-etter-meroffentlighetsvurdering",
        ),
    ],
)
def test_decision_gives_the_expected_public_view(personas, login, xx, vedtak, valg, forventet):
    uklarert = personas.saksbehandler_annen
    before = _visning(login, uklarert, xx)
    assert before["tittel"] == "Bekymringsmelding *****" and not before["dokument_lesbart"]

    if vedtak == UNNTATT:
        valg = {"tilgangskode": "U", **valg}
    post = vurder_offentlighet(personas.leder, xx, vedtak=vedtak, **valg)

    assert post.journalstatus == "S"
    assert _visning(login, uklarert, post) == forventet
    # The cleared, the caseworker, archive and the leader chain of a sibling unit: the
    # cleared and the caseworker read it all, archive and a sibling leader only when public.
    for reader in (personas.klarert_u, personas.saksbehandler):
        expected = post.tilgangskode_id in (None, "U") or reader == personas.saksbehandler
        assert access.can_read(reader, fersk(post)) is expected
    assert access.can_read(personas.arkiv, fersk(post)) is (vedtak == OFFENTLIG)


def test_offentlig_clears_code_basis_and_flags(personas, xx):
    post = vurder_offentlighet(personas.leder, xx, vedtak=OFFENTLIG, skjermede_ord=NAVN)
    assert (post.tilgangskode_id, post.skjermingshjemmel, post.offentlig_tittel) == (
        None,
        "",
        TITTEL,
    )
    assert not post.skjerm_korrespondanseparter and not post.skjerm_dokumenter


def test_unntatt_takes_the_codes_legal_basis_unless_given(personas, xx):
    post = _unntatt(personas.leder, xx, skjermede_ord=NAVN)
    assert post.skjermingshjemmel == Tilgangskode.objects.get(kode="U").hjemmel
    assert post.offentlig_tittel == SKJERMET_TITTEL
    other = inngaende(personas.arkiv, xx.saksmappe, tittel="Klage fra Per Hansen",
                      offentlig_tittel="Klage fra *****", tilgangskode="XX")  # fmt: skip
    post = _unntatt(personas.leder, other, skjermede_ord=[2, 3], skjermingshjemmel=" Offl. § 26 ")
    assert (post.skjermingshjemmel, post.offentlig_tittel) == ("Offl. § 26", "Klage fra *****")


def test_words_win_over_the_written_public_title(personas, xx):
    post = _unntatt(personas.leder, xx, skjermede_ord=NAVN, offentlig_tittel="Noe annet *****")
    assert post.offentlig_tittel == SKJERMET_TITTEL


# --- Refusals: bad input, nothing saved ----------------------------------------------------------


@pytest.mark.parametrize(
    ("valg", "felt", "melding"),
    [
        ({"tilgangskode": None}, "tilgangskode", "Velg tilgangskoden"),
        ({"tilgangskode": "XX"}, "tilgangskode", "midlertidig kode"),
        ({"tilgangskode": "INAK"}, "tilgangskode", "finnes ikke"),
        ({"tilgangskode": "UTEN"}, "skjermingshjemmel", "Oppgi hjemmel"),
        ({}, "offentlig_tittel", "Kryss av ordene"),
        ({"offentlig_tittel": f" {TITTEL} "}, "offentlig_tittel", "lik tittelen"),
        ({"skjermede_ord": [9]}, "skjermede_ord", "ikke så mange ord"),
        ({"skjermede_ord": range(7)}, "vurdert_meroffentlighet", "meroffentlighet"),
        ({"offentlig_tittel": "***** *****"}, "vurdert_meroffentlighet", "offl. § 11"),
    ],
)
def test_bad_decision_is_refused_beside_its_field(personas, xx, valg, felt, melding):
    Tilgangskode.objects.create(kode="INAK", navn="Inaktiv", hjemmel="Offl. § 13", aktiv=False)
    Tilgangskode.objects.create(kode="UTEN", navn="Uten hjemmel", hjemmel="")
    error = refused(lambda: _unntatt(personas.leder, xx, **valg), melding, xx)
    assert error.field == felt


def test_unknown_decision_is_refused(personas, xx):
    error = refused(lambda: vurder_offentlighet(personas.leder, xx, vedtak="kanskje"), "Velg", xx)
    assert error.field == "vedtak"


# --- Who may decide ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["leder", "sektorleder", "stedfortreder", "radmann", "arkiv"])
def test_leader_chain_and_archive_may_decide(personas, xx, who):
    actor = getattr(personas, who)
    assert tillatelser.journalpost(actor, xx).kan.offentlighetsvurder
    post = vurder_offentlighet(actor, xx, vedtak=OFFENTLIG)
    entry = siste(post)
    assert entry.aktor == actor
    on_behalf = who == "arkiv"
    assert entry.handling == (
        "offentlighetsvurdert av arkivet" if on_behalf else "offentlighetsvurdert"
    )
    assert ("på vegne av lederen" in entry.beskrivelse) is on_behalf


@pytest.mark.parametrize(
    "who", ["saksbehandler", "saksbehandler_annen", "leder_annen", "klarert_u", "motesekretaer"]
)
def test_others_may_not_decide(personas, xx, who):
    actor = getattr(personas, who)
    assert not tillatelser.journalpost(actor, xx).kan.offentlighetsvurder
    refused(
        lambda: vurder_offentlighet(actor, xx, vedtak=OFFENTLIG),
        "Bare lederen for enheten eller arkivtjenesten kan offentlighetsvurdere",
        xx,
    )


def test_only_posts_with_a_temporary_code_are_decided(personas, sak):
    for kode, tittel in ((None, "Søknad"), ("U", "Søknad fra *****")):
        post = inngaende(personas.arkiv, sak, tittel="Søknad fra Per",
                         offentlig_tittel=tittel if kode else "", tilgangskode=kode)  # fmt: skip
        assert not tillatelser.journalpost(personas.leder, post).kan.offentlighetsvurder
        refused(
            lambda p=post: vurder_offentlighet(personas.leder, p, vedtak=OFFENTLIG),
            "ikke midlertidig sperret",
            post,
        )


def test_void_post_is_not_decided(personas, xx):
    post = endre_status(personas.arkiv, xx, "utgaar", begrunnelse="Feilregistrert")
    assert not tillatelser.journalpost(personas.leder, post).kan.offentlighetsvurder
    refused(lambda: vurder_offentlighet(personas.leder, post, vedtak=OFFENTLIG), "utgår", post)


# --- Status, stale pages, two decisions at once, the audit entry -------------------------------


def test_post_past_m_keeps_its_status(personas, xx, sak):
    received = endre_status(personas.saksbehandler, xx, "motta")
    assert vurder_offentlighet(personas.leder, received, vedtak=OFFENTLIG).journalstatus == "S"
    draft = eget(personas.saksbehandler, sak, tittel="Notat om Kari Hansen",
                 offentlig_tittel="Notat om *****", tilgangskode="XX")  # fmt: skip
    post = _unntatt(personas.leder, draft, skjermede_ord=[2, 3])
    assert (post.journalstatus, post.tilgangskode_id) == ("R", "U")


def test_second_decision_on_a_stale_page_is_refused(personas, xx):
    vurder_offentlighet(personas.leder, xx, vedtak=OFFENTLIG)
    refused(
        lambda: _unntatt(personas.sektorleder, xx, skjermede_ord=NAVN),
        "endret av noen andre",
        xx,
    )


def test_decision_on_a_title_changed_since_the_page_was_shown_is_refused(personas, xx):
    seen = versjon(xx)
    endre_journalpost(personas.arkiv, xx, tittel=f"Bekymringsmelding om Kari {CANARY}")
    post = fersk(xx)
    refused(
        lambda: _unntatt(personas.leder, post, skjermede_ord=NAVN, sett_versjon=seen),
        "endret av noen andre",
        post,
    )


def test_audit_entry_holds_before_and_after(personas, xx):
    post = _unntatt(personas.leder, xx, skjermede_ord=NAVN, skjerm_korrespondanseparter=True,
                    merknad="Navnet på barnet skjermes.")  # fmt: skip
    entry = siste(post)
    assert entry.handling == "offentlighetsvurdert"
    assert entry.endringer["tilgangskode"] == {
        "for": "XX – Midlertidig sperret",
        "etter": "U – Unntatt offentlighet",
    }
    assert entry.endringer["journalstatus"] == {"for": "M", "etter": "S"}
    assert entry.endringer["offentlig_tittel"] == {
        "for": "Bekymringsmelding *****",
        "etter": SKJERMET_TITTEL,
    }
    assert entry.endringer["skjerm_korrespondanseparter"] == {"for": False, "etter": True}
    assert "skjerm_dokumenter" not in entry.endringer  # unchanged: True before and after
    assert "tittel" not in entry.endringer
    assert "Unntatt offentlighet: U" in entry.beskrivelse
    assert entry.beskrivelse.endswith("Navnet på barnet skjermes.")
    # The entry is as restricted as the post now is.
    assert entry.tilgangskode_id == "U"


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_one_wins(personas, org):
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    post = registrer_journalpost(personas.arkiv, sak, journalposttype="I", tittel=TITTEL,
                                 offentlig_tittel="*****", tilgangskode="XX")  # fmt: skip
    barrier = threading.Barrier(2)
    results = []

    def decide(actor, vedtak, **kwargs):
        try:
            barrier.wait()
            vurder_offentlighet(actor, post, vedtak=vedtak, **kwargs)
            results.append("ok")
        except DomainError as error:
            results.append(error.message)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=(personas.leder, OFFENTLIG)),
        threading.Thread(
            target=decide, args=(personas.sektorleder, UNNTATT),
            kwargs={"tilgangskode": "U", "skjermede_ord": NAVN},
        ),
    ]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 1, results
    assert any("endret av noen andre" in r for r in results), results
    assert audit.history(post).filter(handling="offentlighetsvurdert").count() == 1


# --- The deadline in working days --------------------------------------------------------------


D = datetime.date
DAY = datetime.timedelta(days=1)


def _post_fra(personas, sak):
    """An XX post journalised today."""
    return inngaende(personas.arkiv, sak, tittel="Søknad fra Per", offentlig_tittel="Søknad *****",
                     tilgangskode="XX")  # fmt: skip


def frist_den(klokke, post, dag):
    """The post's deadline as shown on `dag` (the clock moved there)."""
    klokke.flytt_til(dag)
    return frist(post)


@pytest.mark.datofolsom
def test_deadline_of_a_post_journalised_today(personas, sak, klokke):
    """Whatever today is: three working days are left, the deadline is a working day, it
    is not passed on any day up to it and is passed from the day after it, on the decision
    page as in archive's «XX over frist»."""
    dag = klokke.dag
    post = _post_fra(personas, sak)
    assert post.journaldato == dag
    fra_i_dag = frist(post)
    assert (fra_i_dag.igjen, fra_i_dag.tekst) == (3, "3 arbeidsdager igjen")
    assert workdays.is_working_day(fra_i_dag.dato)
    assert workdays.working_days_between(dag, fra_i_dag.dato) == 3
    day = dag
    while day <= fra_i_dag.dato + 2 * DAY:
        vist = frist_den(klokke, post, day)
        over = day > fra_i_dag.dato
        assert vist.dato == fra_i_dag.dato and vist.overskredet is over, day
        assert vist.tekst.startswith("Fristen gikk ut") is over, (day, vist.tekst)
        over_i_listen = arbeidslister.ETTER_KODE["xx_over_frist"].queryset(
            arbeidslister.Kontekst(personas.arkiv)
        )
        assert over_i_listen.filter(pk=post.pk).exists() is over, day
        day += DAY
    assert frist_den(klokke, post, fra_i_dag.dato).tekst == "Fristen går ut i dag"


@pytest.mark.klokke("2026-01-09T10:00")  # a Friday
def test_deadline_over_a_weekend(personas, sak, klokke):
    post = _post_fra(personas, sak)
    assert frist(post).dato == D(2026, 1, 14)
    assert frist(post).tekst == "3 arbeidsdager igjen"
    assert frist_den(klokke, post, D(2026, 1, 13)).tekst == "1 arbeidsdag igjen"
    assert frist_den(klokke, post, D(2026, 1, 14)).tekst == "Fristen går ut i dag"
    late = frist_den(klokke, post, D(2026, 1, 17))  # Saturday after
    assert late.overskredet and late.igjen == -2
    assert late.tekst == "Fristen gikk ut for 2 arbeidsdager siden"
    late = frist_den(klokke, post, D(2026, 1, 15))
    assert late.tekst == "Fristen gikk ut for 1 arbeidsdag siden"


@pytest.mark.klokke("2026-01-06T10:00")  # a Tuesday: the deadline is Friday 9 January
def test_deadline_passed_on_a_friday_is_passed_over_the_weekend(personas, sak, klokke):
    post = _post_fra(personas, sak)
    assert frist(post).dato == D(2026, 1, 9)
    for dag, igjen in [
        (D(2026, 1, 10), -1),  # Saturday: no working day since, but the deadline is out
        (D(2026, 1, 11), -1),
        (D(2026, 1, 12), -1),
        (D(2026, 1, 13), -2),
    ]:
        late = frist_den(klokke, post, dag)
        assert (late.overskredet, late.igjen) == (True, igjen), dag
        assert late.tekst.startswith("Fristen gikk ut for"), (dag, late.tekst)


@pytest.mark.klokke("2026-03-27T10:00")  # the Friday before Palm Sunday
def test_deadline_over_easter_and_17_may(personas, sak, klokke):
    before_easter = _post_fra(personas, sak)
    assert frist(before_easter).dato == D(2026, 4, 1)
    klokke.flytt_til(D(2026, 3, 31))
    easter = _post_fra(personas, sak)
    # Maundy Thursday, Good Friday, the weekend and Easter Monday do not count.
    assert frist_den(klokke, easter, D(2026, 4, 1)).dato == D(2026, 4, 8)
    assert frist(easter).igjen == 2
    # A deadline on the Wednesday is passed on Maundy Thursday, a holiday.
    late = frist_den(klokke, before_easter, D(2026, 4, 2))
    assert (late.overskredet, late.tekst) == (True, "Fristen gikk ut for 1 arbeidsdag siden")
    # Friday 14 May 2027, then Whit Monday 17 May (also Constitution Day).
    klokke.flytt_til(D(2027, 5, 14))
    may = _post_fra(personas, sak)
    assert frist(may).dato == D(2027, 5, 20)
    assert frist_den(klokke, may, D(2027, 5, 17)).tekst == "3 arbeidsdager igjen"


@pytest.mark.klokke("2026-01-09T10:00")  # a Friday
def test_deadline_follows_the_system_setting(personas, sak):
    innstillinger = Innstillinger.hent()
    innstillinger.xx_frist_arbeidsdager = 5
    innstillinger.save()
    post = _post_fra(personas, sak)
    assert frist(post).dato == D(2026, 1, 16)


# --- The decision page ---------------------------------------------------------------------------


def _url(post):
    return reverse("journal:vurder_offentlighet", args=[post.pk])


def _skjema(post, **data):
    return {"versjon": versjon(post), "skjerm_dokumenter": "on", **data}


@pytest.mark.datofolsom
def test_page_shows_the_post_documents_and_deadline(personas, login, xx):
    response = login(personas.leder).get(_url(xx))
    assert response.status_code == 200
    html = response.content.decode()
    assert TITTEL in html and PART in html
    dokument = xx.dokumenter.get()
    assert reverse("journal:dokument_last_ned", args=[dokument.pk]) in html
    assert frist(xx).tekst in html and "på vegne av lederen" not in html
    assert "Meroffentlighet (offl. § 11)" in html
    # One checkbox per title word.
    assert html.count('name="skjermede_ord"') == len(ord_i_tittel(TITTEL))
    archive = login(personas.arkiv).get(_url(xx)).content.decode()
    assert "på vegne av lederen for Byggesak" in archive


def test_post_page_offers_the_decision_to_leader_chain_and_archive_only(
    personas, login, client, xx
):
    post_url = reverse("journal:journalpost", args=[xx.pk])
    for who in ("leder", "stedfortreder", "radmann", "arkiv"):
        assert _url(xx) in login(getattr(personas, who)).get(post_url).content.decode(), who
    for who in ("saksbehandler", "leder_annen"):
        assert _url(xx) not in login(getattr(personas, who)).get(post_url).content.decode(), who
        assert login(getattr(personas, who)).get(_url(xx)).status_code == 403, who
    response = login(personas.saksbehandler).post(_url(xx), _skjema(xx, vedtak=OFFENTLIG))
    assert response.status_code == 403 and fersk(xx).tilgangskode_id == "XX"
    client.logout()
    response = client.get(_url(xx))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_page_of_a_decided_post_goes_back_to_the_post(personas, login, xx):
    vurder_offentlighet(personas.leder, xx, vedtak=OFFENTLIG)
    response = login(personas.leder).get(_url(xx))
    assert response.status_code == 302
    assert response.url == reverse("journal:journalpost", args=[xx.pk])
    assert _url(xx) not in login(personas.leder).get(response.url).content.decode()


def test_leader_removes_the_code_and_the_history_shows_it(personas, login, xx):
    client = login(personas.leder)
    response = client.post(_url(xx), _skjema(xx, vedtak=OFFENTLIG))
    assert response.status_code == 302
    post = fersk(xx)
    assert (post.tilgangskode_id, post.journalstatus, post.offentlig_tittel) == (None, "S", TITTEL)
    page = client.get(response.url).content.decode()
    assert "er offentlig: tilgangskoden er fjernet" in page
    assert "Offentlighetsvurdert" in page


def test_uncleared_leader_screens_words_and_then_sees_the_public_title(personas, login, xx):
    client = login(personas.leder)
    data = _skjema(xx, vedtak=UNNTATT, tilgangskode="U", skjermede_ord=["2", "3", "4"])
    response = client.post(_url(xx), data, follow=True)
    assert response.status_code == 200
    post = fersk(xx)
    assert (post.tilgangskode_id, post.offentlig_tittel) == ("U", SKJERMET_TITTEL)
    html = response.content.decode()
    assert "Du har ikke klarering for U og ser nå den offentlige tittelen." in html
    assert SKJERMET_TITTEL in html and CANARY not in html


@pytest.mark.parametrize(
    ("data", "felt", "melding"),
    [
        ({"vedtak": UNNTATT}, "tilgangskode", "Velg tilgangskoden som skal gjelde."),
        ({"vedtak": UNNTATT, "tilgangskode": "U"}, "offentlig_tittel", "Kryss av ordene"),
        (
            {"vedtak": UNNTATT, "tilgangskode": "U", "skjermede_ord": [str(i) for i in range(7)]},
            "vurdert_meroffentlighet",
            "Vurder meroffentlighet",
        ),
        ({"vedtak": UNNTATT, "tilgangskode": "XX"}, "tilgangskode", "gyldig"),
        ({"vedtak": "kanskje"}, "vedtak", "gyldig"),
        ({"vedtak": UNNTATT, "tilgangskode": "U", "skjermede_ord": ["x"]}, "skjermede_ord", ""),
    ],
)
def test_bad_input_comes_back_beside_the_field(personas, login, xx, data, felt, melding):
    response = login(personas.leder).post(_url(xx), _skjema(xx, **data))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert felt in errors and melding in " ".join(errors[felt])
    assert f'id="id_{felt}_error"' in response.content.decode()
    assert fersk(xx).tilgangskode_id == "XX" and fersk(xx).journalstatus == "M"


def test_stale_page_is_refused_with_409(personas, login, xx):
    data = _skjema(xx, vedtak=OFFENTLIG)
    vurder_offentlighet(personas.sektorleder, xx, vedtak=UNNTATT, tilgangskode="U",
                        skjermede_ord=NAVN)  # fmt: skip
    response = login(personas.leder).post(_url(xx), data)
    assert response.status_code == 409
    assert "endret av noen andre" in response.content.decode()
    assert fersk(xx).tilgangskode_id == "U"
