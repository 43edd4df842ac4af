"""A case's life (DOMAIN.md §3) and the distribution of incoming posts (§8): edits with
screening, parties, related cases, «ønskes avsluttet», the case-status table, closing with
its blockers, reopening."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from journal.models import Journalpost, Saksmappe
from journal.services import tillatelser
from journal.services.avskrivning import avskriv
from journal.services.fordeling import fordel, saksbehandlere_i
from journal.services.journalposter import (
    endre_journalpost,
    endre_status,
    flytt,
    kopier,
    legg_til_korrespondansepart,
)
from journal.services.registration import registrer_journalpost
from journal.services.saker import (
    avslutt,
    endre_sak,
    endre_saksstatus,
    fjern_part,
    fjern_relasjon,
    hindringer_for_avslutning,
    legg_til_part,
    relater,
    sett_onskes_avsluttet,
)
from tests.conftest import CANARY
from tests.factories import KlareringFactory
from tests.journal.flythjelp import (
    eget,
    fersk,
    hoveddokument,
    inngaende,
    journalfort_inngaende,
    logg,
    media,  # noqa: F401 - fixture
    ny_sak,
    refused,
    sendt,
    siste,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


# --- Distribution ---------------------------------------------------------------------------


@pytest.fixture
def ufordelt(personas, sak):
    """An incoming post in enhet_a with no caseworker yet."""
    registrer_journalpost(personas.saksbehandler, sak, journalposttype="X", tittel="Notat")
    return inngaende(personas.arkiv, sak)


def test_caseworkers_of_a_unit(personas, org):
    assert set(saksbehandlere_i(org.enhet_a)) == {
        personas.saksbehandler,
        personas.stedfortreder,
        personas.leder,
    }


def test_archive_distributes_to_unit_and_caseworker(personas, org, ufordelt):
    assert ufordelt.saksbehandler is None
    post = fordel(personas.arkiv, ufordelt, enhet=org.enhet_a, saksbehandler=personas.saksbehandler)
    assert (post.administrativ_enhet, post.saksbehandler) == (org.enhet_a, personas.saksbehandler)
    assert logg(post)[-1] == (
        "fordelt",
        {
            "saksbehandler": {"for": None, "etter": personas.saksbehandler.get_full_name()},
        },
    )
    # Wrong unit: archive sends it on to another unit, without a caseworker.
    post = fordel(personas.arkiv, post, enhet=org.enhet_b)
    assert (post.administrativ_enhet, post.saksbehandler) == (org.enhet_b, None)
    assert logg(post)[-1][1] == {
        "administrativ_enhet": {"for": str(org.enhet_a), "etter": str(org.enhet_b)},
        "saksbehandler": {"for": personas.saksbehandler.get_full_name(), "etter": None},
    }


def test_distribution_to_someone_without_a_role_in_the_unit_is_refused(personas, org, ufordelt):
    error = refused(
        lambda: fordel(
            personas.arkiv, ufordelt, enhet=org.enhet_a, saksbehandler=personas.saksbehandler_annen
        ),
        "Test Annen er ikke saksbehandler i Byggesak.",
        ufordelt,
    )
    assert error.field == "saksbehandler"
    refused(lambda: fordel(personas.arkiv, ufordelt, enhet=None), "Velg enhet.", ufordelt)


def test_leader_redistributes_within_own_unit_only(personas, org, ufordelt):
    post = fordel(personas.arkiv, ufordelt, enhet=org.enhet_a)
    assert tillatelser.journalpost(personas.leder, post).kan.fordel
    post = fordel(personas.leder, post, enhet=org.enhet_a, saksbehandler=personas.stedfortreder)
    assert post.saksbehandler == personas.stedfortreder
    post = fordel(personas.leder, post, enhet=org.enhet_a, saksbehandler=personas.saksbehandler)
    assert post.saksbehandler == personas.saksbehandler
    error = refused(
        lambda: fordel(
            personas.leder, post, enhet=org.enhet_b, saksbehandler=personas.saksbehandler_annen
        ),
        "Du kan bare fordele innenfor din egen enhet.",
        post,
    )
    assert error.field == "enhet"


@pytest.mark.parametrize("hvem", ["leder_annen", "saksbehandler", "saksbehandler_annen"])
def test_others_may_not_distribute(personas, org, ufordelt, hvem):
    assert not tillatelser.journalpost(getattr(personas, hvem), ufordelt).kan.fordel
    refused(
        lambda: fordel(getattr(personas, hvem), ufordelt, enhet=org.enhet_a),
        "Bare arkivet og lederen for enheten kan fordele denne journalposten.",
        ufordelt,
    )


def test_no_distribution_after_journalising(personas, org, sak):
    post = journalfort_inngaende(personas, sak)
    assert not tillatelser.journalpost(personas.arkiv, post).kan.fordel
    refused(
        lambda: fordel(personas.arkiv, post, enhet=org.enhet_b),
        "Journalposten er ferdig registrert og kan ikke fordeles på nytt.",
        post,
    )
    utkast = eget(personas.saksbehandler, sak, "N")
    refused(lambda: fordel(personas.arkiv, utkast, enhet=org.enhet_b), "ferdig registrert", utkast)


def test_first_post_of_a_new_case_takes_the_case_along(personas, org):
    sak = ny_sak(personas.arkiv, org.enhet_b, tittel="Søknad om ansvarsrett")
    post = inngaende(personas.arkiv, sak)
    fordel(personas.arkiv, post, enhet=org.enhet_a, saksbehandler=personas.saksbehandler)
    sak = fersk(sak)
    assert (sak.administrativ_enhet, sak.saksansvarlig) == (org.enhet_a, personas.saksbehandler)
    assert logg(sak)[-1] == (
        "fordelt",
        {
            "administrativ_enhet": {"for": str(org.enhet_b), "etter": str(org.enhet_a)},
            "saksansvarlig": {"for": "Arkiv Arkiv", "etter": "Sara Saksbehandler"},
        },
    )
    # A later post does not move the case.
    andre = inngaende(personas.arkiv, sak)
    fordel(personas.arkiv, andre, enhet=org.enhet_b, saksbehandler=personas.saksbehandler_annen)
    sak = fersk(sak)
    assert (sak.administrativ_enhet, sak.saksansvarlig) == (org.enhet_a, personas.saksbehandler)


# --- Edits, parties, related cases ----------------------------------------------------------


@pytest.mark.parametrize("hvem", ["saksbehandler", "leder", "stedfortreder", "arkiv"])
def test_responsible_leader_or_archive_edits_the_case(personas, sak, hvem):
    endret = endre_sak(
        getattr(personas, hvem),
        sak,
        tittel="Rammetillatelse gnr 12 bnr 34",
        ordningsprinsipp="GBNR",
        ordningsverdi="12/34",
    )
    assert endret.tittel == endret.offentlig_tittel == "Rammetillatelse gnr 12 bnr 34"
    handling, endringer = logg(sak)[-1]
    assert handling == "endret"
    assert endringer["tittel"] == {
        "for": "Byggesøknad gnr 12 bnr 34",
        "etter": "Rammetillatelse gnr 12 bnr 34",
    }
    assert endringer["ordningsverdi"] == {"for": "", "etter": "12/34"}


@pytest.mark.parametrize("hvem", ["saksbehandler_annen", "leder_annen", "politiker"])
def test_others_may_not_edit_the_case(personas, sak, hvem):
    refused(
        lambda: endre_sak(getattr(personas, hvem), sak, tittel="Ny"),
        "Bare saksansvarlig, lederen og arkivet kan endre saken.",
        sak,
    )


def test_without_a_code_the_public_title_is_the_title(personas, sak):
    """The search looks for words in `tittel` only on records with a code (journal.search):
    every way a record loses or never has a code leaves offentlig_tittel = tittel, and the
    database refuses anything else."""
    screened = endre_sak(
        personas.saksbehandler, sak, tittel="Klage Ola", tilgangskode="P", offentlig_tittel="*"
    )
    assert screened.offentlig_tittel == "*"
    opened = endre_sak(personas.saksbehandler, screened, tilgangskode=None)
    assert (opened.tittel, opened.offentlig_tittel) == ("Klage Ola", "Klage Ola")
    typed = endre_sak(personas.saksbehandler, opened, tittel="Klage", offentlig_tittel="Annet")
    assert typed.offentlig_tittel == "Klage"
    post = registrer_journalpost(
        personas.arkiv, sak, journalposttype="I", tittel="Brev", offentlig_tittel="Noe annet"
    )
    assert post.offentlig_tittel == "Brev"
    with pytest.raises(IntegrityError), transaction.atomic():
        Saksmappe.objects.filter(pk=sak.pk).update(offentlig_tittel="Noe annet")
    with pytest.raises(IntegrityError), transaction.atomic():
        Journalpost.objects.filter(pk=post.pk).update(tittel="Noe annet")


def test_case_screening_needs_a_public_title(personas, sak):
    refused(
        lambda: endre_sak(personas.saksbehandler, sak, tilgangskode="P", offentlig_tittel=""),
        "Oppgi offentlig tittel",
        sak,
    )
    refused(
        lambda: endre_sak(personas.saksbehandler, sak, tilgangskode="P"),
        "Den offentlige tittelen er lik tittelen.",
        sak,
    )
    refused(
        lambda: endre_sak(personas.saksbehandler, sak, tilgangskode="ZZ", offentlig_tittel="*"),
        "Tilgangskoden ZZ finnes ikke.",
        sak,
    )
    refused(
        lambda: endre_sak(personas.saksbehandler, sak, saksnummer="1"),
        "Feltene saksnummer kan ikke endres her.",
        sak,
    )
    refused(
        lambda: endre_sak(personas.saksbehandler, sak, obs_merknad="Frist for klage"),
        "Merknaden hører til en OBS-dato",
        sak,
    )
    sak = endre_sak(
        personas.saksbehandler,
        sak,
        tilgangskode="P",
        tittel=f"Personalsak {CANARY}",
        offentlig_tittel="Personalsak *****",
    )
    assert (sak.tilgangskode_id, sak.offentlig_tittel) == ("P", "Personalsak *****")
    assert sak.skjermingshjemmel.startswith("Offl.")
    endringer = logg(sak)[-1][1]
    assert endringer["tilgangskode"]["for"] is None and endringer["tilgangskode"]["etter"]
    assert endringer["offentlig_tittel"]["etter"] == "Personalsak *****"
    # Removing the code makes the title public again: only for someone who may read it.
    refused(
        lambda: endre_sak(personas.arkiv, sak, tilgangskode=None, tittel="Personalsak"),
        "Du har ikke tilgang",
        sak,
    )
    KlareringFactory(person=personas.arkiv, tilgangskode_id="P")
    sak = endre_sak(personas.arkiv, sak, tilgangskode=None, tittel="Personalsak")
    assert (sak.tilgangskode_id, sak.offentlig_tittel, sak.skjermingshjemmel) == (
        None,
        "Personalsak",
        "",
    )


def test_only_leader_or_archive_reassigns_the_case(personas, org, sak):
    for values in ({"saksansvarlig": personas.stedfortreder}, {"administrativ_enhet": org.enhet_b}):
        error = refused(
            lambda values=values: endre_sak(personas.saksbehandler, sak, **values),
            "Bare lederen og arkivet kan gi saken til en annen.",
            sak,
        )
        assert error.field == "saksansvarlig"
    sak = endre_sak(personas.leder, sak, saksansvarlig=personas.stedfortreder)
    assert sak.saksansvarlig == personas.stedfortreder
    assert logg(sak)[-1][1] == {
        "saksansvarlig": {"for": "Sara Saksbehandler", "etter": "Test Stedfortreder"}
    }
    sak = endre_sak(personas.arkiv, sak, administrativ_enhet=org.enhet_b)
    assert sak.administrativ_enhet == org.enhet_b


def test_parties_are_added_and_removed_with_log(personas, sak):
    part = legg_til_part(personas.saksbehandler, sak, navn=" Ola Nordmann ", rolle="søker")
    assert (part.navn, part.rolle) == ("Ola Nordmann", "søker")
    assert logg(sak)[-1] == ("part lagt til", {"part": {"for": None, "etter": "Ola Nordmann"}})
    refused(lambda: legg_til_part(personas.saksbehandler, sak, navn=" "), "Oppgi navnet", sak)
    refused(
        lambda: legg_til_part(personas.saksbehandler_annen, sak, navn="Per"),
        "Bare saksansvarlig",
        sak,
    )
    refused(lambda: fjern_part(personas.saksbehandler_annen, part), "Bare saksansvarlig", sak)
    fjern_part(personas.saksbehandler, part)
    assert not sak.parter.exists()
    assert logg(sak)[-1] == ("part fjernet", {"part": {"for": "Ola Nordmann", "etter": None}})


def test_related_cases_both_directions(personas, org, sak):
    annen = ny_sak(personas.arkiv, org.enhet_b, tittel="Nabovarsel")
    relater(personas.saksbehandler, sak, annen)
    assert list(sak.relaterte_saker.all()) == [annen]
    assert list(annen.relaterte_saker.all()) == [sak]
    assert logg(sak)[-1] == (
        "relatert sak",
        {"relatert sak": {"for": None, "etter": annen.saksnummer}},
    )
    assert logg(annen)[-1] == (
        "relatert sak",
        {"relatert sak": {"for": None, "etter": sak.saksnummer}},
    )
    refused(lambda: relater(personas.saksbehandler, sak, sak), "vise til seg selv", sak)
    refused(
        lambda: relater(personas.saksbehandler, sak, annen),
        f"Saken viser allerede til {annen.saksnummer}.",
        sak,
        annen,
    )
    refused(lambda: relater(personas.saksbehandler_annen, sak, annen), "Bare", sak, annen)
    fjern_relasjon(personas.saksbehandler, sak, annen)
    assert not sak.relaterte_saker.exists() and not annen.relaterte_saker.exists()
    assert logg(sak)[-1] == (
        "relasjon fjernet",
        {"relatert sak": {"for": annen.saksnummer, "etter": None}},
    )


# --- «Ønskes avsluttet» and the status table ------------------------------------------------


def test_caseworker_marks_case_for_closing(personas, sak):
    refused(
        lambda: sett_onskes_avsluttet(personas.saksbehandler_annen, sak),
        "Bare saksbehandleren, lederen for enheten eller arkivtjenesten kan be om at saken "
        "avsluttes.",
        sak,
    )
    sak = sett_onskes_avsluttet(personas.saksbehandler, sak)
    assert sak.onskes_avsluttet
    assert logg(sak)[-1] == (
        "ønskes avsluttet",
        {"onskes_avsluttet": {"for": False, "etter": True}},
    )
    antall = len(logg(sak))
    sett_onskes_avsluttet(personas.saksbehandler, sak)  # again: nothing new
    assert len(logg(sak)) == antall
    sak = sett_onskes_avsluttet(personas.saksbehandler, sak, False)
    assert not sak.onskes_avsluttet and logg(sak)[-1][0] == "ønskes ikke avsluttet"


@pytest.mark.parametrize("hvem", ["saksbehandler", "leder", "arkiv"])
def test_reserved_case_taken_under_way(personas, sak, hvem):
    sak = endre_saksstatus(getattr(personas, hvem), sak, "behandle")
    assert sak.saksstatus == "B"
    assert logg(sak)[-1] == ("ta under behandling", {"saksstatus": {"for": "R", "etter": "B"}})


def test_case_status_refusals(personas, sak):
    refused(
        lambda: endre_saksstatus(personas.saksbehandler_annen, sak, "behandle"),
        "Bare saksbehandleren, lederen for enheten eller arkivtjenesten kan",
        sak,
    )
    refused(
        lambda: endre_saksstatus(personas.arkiv, sak, "gjenapne"),
        f"Sak {sak.saksnummer} har status reservert: den endringen er ikke mulig nå.",
        sak,
    )
    refused(lambda: endre_saksstatus(personas.arkiv, sak, "prosesstyr"), "ikke mulig nå", sak)
    for handling in ("unnta", "utgaar"):
        refused(
            lambda handling=handling: endre_saksstatus(personas.saksbehandler, sak, handling),
            "Bare arkivtjenesten kan",
            sak,
        )


def test_archive_takes_case_out_of_and_back_into_process_control(personas, sak):
    sak = endre_saksstatus(personas.saksbehandler, sak, "behandle")
    sak = endre_saksstatus(personas.arkiv, sak, "unnta")
    assert sak.saksstatus == "X"
    assert logg(sak)[-1] == ("unnta fra prosesstyring", {"saksstatus": {"for": "B", "etter": "X"}})
    refused(lambda: endre_saksstatus(personas.saksbehandler, sak, "prosesstyr"), "Bare arkiv", sak)
    sak = endre_saksstatus(personas.arkiv, sak, "prosesstyr")
    assert sak.saksstatus == "B"
    assert logg(sak)[-1][1] == {"saksstatus": {"for": "X", "etter": "B"}}


def test_case_is_void_only_without_live_posts(personas, sak):
    post = eget(personas.saksbehandler, sak)
    refused(
        lambda: endre_saksstatus(personas.arkiv, sak, "utgaar"),
        "Saken har journalposter som ikke er utgått.",
        sak,
    )
    endre_status(personas.arkiv, post, "utgaar", begrunnelse="Feil sak")
    sak = endre_saksstatus(personas.arkiv, sak, "utgaar")
    assert sak.saksstatus == "U"
    assert logg(sak)[-1] == ("sett saken til utgår", {"saksstatus": {"for": "R", "etter": "U"}})
    refused(lambda: endre_saksstatus(personas.arkiv, sak, "behandle"), "ikke mulig nå", sak)
    refused(lambda: endre_sak(personas.arkiv, sak, tittel="Ny"), "gjenåpne den", sak)


def test_stale_case_is_refused(personas, sak):
    stale = Saksmappe.objects.get(pk=sak.pk)
    endre_saksstatus(personas.saksbehandler, sak, "behandle")
    refused(lambda: endre_saksstatus(personas.arkiv, stale, "unnta"), "endret av noen andre", sak)
    assert fersk(sak).saksstatus == "B"


# --- Closing --------------------------------------------------------------------------------


def _ren_sak(personas, org):
    """A case whose every post is journalised and written off, with archival documents."""
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    inn = journalfort_inngaende(personas, sak)
    hoveddokument(inn, personas.arkiv)
    avskriv(personas.saksbehandler, inn, "TE")
    notat = eget(personas.saksbehandler, sak, "X")
    hoveddokument(notat, personas.saksbehandler)
    notat = endre_status(personas.saksbehandler, notat, "ferdigstill")
    endre_status(personas.arkiv, notat, "journalfor")
    feil = eget(personas.saksbehandler, sak, "N")  # void posts do not block
    hoveddokument(feil, personas.saksbehandler, arkivformat=False)
    endre_status(personas.arkiv, feil, "utgaar", begrunnelse="Feil")
    return fersk(sak)


@pytest.mark.parametrize("hvem", ["saksbehandler", "leder", "radmann"])
def test_only_archive_closes(personas, org, hvem):
    sak = _ren_sak(personas, org)
    refused(
        lambda: avslutt(getattr(personas, hvem), sak),
        "Bare arkivtjenesten kan avslutte saker.",
        sak,
    )
    refused(lambda: endre_saksstatus(getattr(personas, hvem), sak, "avslutt"), "Bare arkiv", sak)


def test_closing_lists_exactly_what_blocks_it(personas, org):
    sak = _ren_sak(personas, org)  # -1 I (J, TE), -2 X (J), -3 N (U)
    n = sak.saksnummer
    inn = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)  # -4: M, restanse
    hoveddokument(inn, personas.arkiv, arkivformat=False)
    hoveddokument(inn, personas.arkiv, arkivformat=False, som="V", nummer=2)
    notat = sendt(eget(personas.saksbehandler, sak, "N"))  # -5: E, restanse
    svar = eget(personas.saksbehandler, sak, "U")  # -6: E, no restanse
    hoveddokument(svar, personas.saksbehandler)
    svar = endre_journalpost(personas.saksbehandler, svar, ekspedisjonsmaate="post")
    legg_til_korrespondansepart(
        personas.saksbehandler, svar, korrespondanseparttype="EM", navn="Ola Nordmann"
    )
    svar = endre_status(personas.saksbehandler, fersk(svar), "ferdigstill")
    endre_status(personas.saksbehandler, svar, "ekspeder")
    avskriv(personas.saksbehandler, notat, "***")  # a preliminary answer still blocks
    expected = [
        f"Journalpost {n}-4 (I) er ikke avskrevet.",
        f"Journalpost {n}-5 (N) er ikke avskrevet.",
        f"Journalpost {n}-4 er ikke journalført "
        "(status M – midlertidig registrering av innkommet dokument).",
        f"Journalpost {n}-5 er ikke journalført (status E – ekspedert).",
        f"Journalpost {n}-6 er ikke journalført (status E – ekspedert).",
        f"Dokument 1 i journalpost {n}-4 mangler arkivformat (PDF/A).",
        f"Dokument 2 i journalpost {n}-4 mangler arkivformat (PDF/A).",
    ]
    assert hindringer_for_avslutning(sak) == expected
    sett_onskes_avsluttet(personas.saksbehandler, sak)
    error = refused(
        lambda: avslutt(personas.arkiv, fersk(sak)),
        f"Sak {n} kan ikke avsluttes ennå:",
        sak,
    )
    assert error.details == expected
    assert fersk(sak).onskes_avsluttet


def test_clean_case_is_closed_and_then_frozen(personas, org):
    sak = _ren_sak(personas, org)
    assert hindringer_for_avslutning(sak) == []
    sak = sett_onskes_avsluttet(personas.saksbehandler, sak)
    sak = avslutt(personas.arkiv, sak)
    assert sak.saksstatus == "A" and not sak.onskes_avsluttet
    assert (sak.avsluttet_dato, sak.avsluttet_av) == (timezone.localdate(), personas.arkiv)
    assert logg(sak)[-1] == ("avslutt saken", {"saksstatus": {"for": "B", "etter": "A"}})
    refused(lambda: avslutt(personas.arkiv, sak), "den endringen er ikke mulig nå", sak)

    # Closed: no new posts, no edits, no parties, no «ønskes avsluttet».
    refused(
        lambda: registrer_journalpost(personas.arkiv, sak, journalposttype="I", tittel="Sen"),
        f"Sak {sak.saksnummer} er avsluttet: den kan ikke få nye journalposter.",
        sak,
    )
    for hvem in ("saksbehandler", "leder", "arkiv"):
        refused(
            lambda hvem=hvem: endre_sak(getattr(personas, hvem), sak, tittel="Ny"),
            f"Sak {sak.saksnummer} er avsluttet: gjenåpne den før du endrer den.",
            sak,
        )
        refused(
            lambda hvem=hvem: legg_til_part(getattr(personas, hvem), sak, navn="Ola"),
            "gjenåpne",
            sak,
        )
    refused(lambda: sett_onskes_avsluttet(personas.saksbehandler, sak), "gjenåpne", sak)
    post = sak.journalposter.get(dokumentnummer=1)
    refused(lambda: endre_journalpost(personas.arkiv, post, tittel="Ny"), "gjenåpne", post, sak)
    refused(
        lambda: endre_status(personas.arkiv, post, "utgaar", begrunnelse="Feil"),
        "gjenåpne",
        post,
        sak,
    )
    annen = ny_sak(personas.arkiv, org.enhet_a, tittel="Annen")
    refused(lambda: flytt(personas.arkiv, post, annen), "gjenåpne", post, sak, annen)
    kopi = kopier(personas.arkiv, post, annen)  # copying out leaves the closed case as it was
    assert kopi.saksmappe == annen and fersk(post).saksmappe == sak

    # Archive reopens.
    refused(lambda: endre_saksstatus(personas.saksbehandler, sak, "gjenapne"), "Bare arkiv", sak)
    sak = endre_saksstatus(personas.arkiv, sak, "gjenapne")
    assert (sak.saksstatus, sak.avsluttet_dato, sak.avsluttet_av) == ("B", None, None)
    assert logg(sak)[-1] == ("gjenåpne saken", {"saksstatus": {"for": "A", "etter": "B"}})
    assert endre_sak(personas.saksbehandler, sak, tittel="Ny tittel").tittel == "Ny tittel"


def test_closing_through_the_status_change_too(personas, org):
    sak = _ren_sak(personas, org)
    sak = endre_saksstatus(personas.arkiv, sak, "avslutt")
    assert sak.saksstatus == "A" and sak.avsluttet_av == personas.arkiv
    assert siste(sak).handling == "avslutt saken"
