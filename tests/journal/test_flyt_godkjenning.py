"""Approval (DOMAIN.md §9): flag messages on own drafts, and the chain a committee draft
(saksframlegg) moves through: SU/F → RE/G → KL/F, direct RE/G, rejection back to R."""

import pytest

from journal.models import Godkjenning, Journalpost
from journal.services import tillatelser
from journal.services.godkjenning import (
    besvar_godkjenning,
    mulige_godkjennere,
    send_saksframlegg,
    send_til_godkjenning,
)
from journal.services.journalposter import endre_status
from tests.journal.flythjelp import (
    eget,
    fersk,
    hoveddokument,
    inngaende,
    logg,
    media,  # noqa: F401 - fixture
    refused,
    siste,
)
from utvalg.models import Behandling, Utvalg
from utvalg.services import sett_behandling

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


@pytest.fixture
def utkast(personas, sak):
    post = eget(personas.saksbehandler, sak, "U")
    hoveddokument(post, personas.saksbehandler)
    return post


@pytest.fixture
def fsk(db):
    return Utvalg.objects.create(kode="FSK", navn="Formannskapet")


# --- Flag messages on own drafts ------------------------------------------------------------


def test_possible_approvers_are_the_leader_chain(personas, utkast):
    assert set(mulige_godkjennere(utkast)) == {
        personas.leder,
        personas.stedfortreder,
        personas.sektorleder,
        personas.radmann,
    }


def test_send_to_leader_keeps_the_draft_and_blocks_finishing(personas, utkast):
    flagg = send_til_godkjenning(personas.saksbehandler, utkast, personas.leder, melding=" Se ")
    assert (flagg.sendt_til, flagg.sendt_av, flagg.steg) == (
        personas.leder,
        personas.saksbehandler,
        "leder",
    )
    assert flagg.melding == "Se" and flagg.svar == ""
    post = fersk(utkast)
    assert post.journalstatus == "R"
    entry = siste(post)
    assert entry.handling == "sendt til godkjenning" and entry.beskrivelse == "Til Leder Leder"
    refused(
        lambda: endre_status(personas.saksbehandler, post, "ferdigstill"),
        "Journalposten venter på godkjenning fra Leder Leder.",
        post,
    )
    refused(
        lambda: send_til_godkjenning(personas.saksbehandler, post, personas.sektorleder),
        "Journalposten venter allerede på godkjenning.",
        post,
    )


def test_approved_draft_can_be_finished(personas, utkast):
    flagg = send_til_godkjenning(personas.saksbehandler, utkast, personas.leder)
    svar = besvar_godkjenning(personas.leder, flagg, godkjent=True, kommentar="Fint")
    assert (svar.pk, svar.svar, svar.besvart_av, svar.kommentar) == (
        flagg.pk,
        "G",
        personas.leder,
        "Fint",
    )
    assert svar.besvart is not None
    post = fersk(utkast)
    assert post.journalstatus == "R"  # approval does not finish it
    assert logg(post)[-1] == ("godkjent", {})
    assert siste(post).beskrivelse == "Fint"
    assert endre_status(personas.saksbehandler, post, "ferdigstill").journalstatus == "F"


def test_not_approved_needs_a_comment_and_blocks_until_approved(personas, utkast):
    flagg = send_til_godkjenning(personas.saksbehandler, utkast, personas.leder)
    error = refused(
        lambda: besvar_godkjenning(personas.leder, flagg, godkjent=False, kommentar=" "),
        "Skriv hva som må rettes.",
        utkast,
        flagg,
    )
    assert error.field == "kommentar"
    besvar_godkjenning(personas.leder, flagg, godkjent=False, kommentar="Rett hjemmelen")
    assert fersk(flagg).svar == "IG"
    post = fersk(utkast)
    assert post.journalstatus == "R"
    assert logg(post)[-1][0] == "ikke godkjent" and siste(post).beskrivelse == "Rett hjemmelen"
    refused(
        lambda: endre_status(personas.saksbehandler, post, "ferdigstill"),
        "Journalposten er ikke godkjent.",
        post,
    )
    refused(
        lambda: besvar_godkjenning(personas.leder, flagg, godkjent=True),
        "Denne godkjenningen er allerede besvart.",
        post,
        flagg,
    )
    # Corrected and sent again; approved this time.
    nytt = send_til_godkjenning(personas.saksbehandler, post, personas.leder)
    besvar_godkjenning(personas.leder, nytt, godkjent=True)
    assert endre_status(personas.saksbehandler, post, "ferdigstill").journalstatus == "F"


@pytest.mark.parametrize("hvem", ["saksbehandler", "saksbehandler_annen", "leder_annen", "arkiv"])
def test_only_the_addressee_or_the_leader_chain_answers(personas, utkast, hvem):
    flagg = send_til_godkjenning(personas.saksbehandler, utkast, personas.leder)
    assert not tillatelser.godkjenning(getattr(personas, hvem), flagg).kan.svar
    refused(
        lambda: besvar_godkjenning(getattr(personas, hvem), flagg, godkjent=True),
        "Godkjenningen er ikke sendt til deg.",
        utkast,
        flagg,
    )


@pytest.mark.parametrize("hvem", ["stedfortreder", "sektorleder"])
def test_deputy_or_leader_above_answers_for_the_leader(personas, utkast, hvem):
    flagg = send_til_godkjenning(personas.saksbehandler, utkast, personas.leder)
    assert tillatelser.godkjenning(getattr(personas, hvem), flagg).kan.svar
    besvar_godkjenning(getattr(personas, hvem), flagg, godkjent=True)
    assert fersk(flagg).besvart_av == getattr(personas, hvem)


def test_send_refusals(personas, sak, utkast):
    refused(
        lambda: send_til_godkjenning(personas.saksbehandler, utkast, personas.leder_annen),
        "Test Leder_Annen er ikke leder for Byggesak.",
        utkast,
    )
    refused(
        lambda: send_til_godkjenning(personas.saksbehandler, utkast, personas.saksbehandler),
        "er ikke leder for Byggesak",
        utkast,
    )
    refused(
        lambda: send_til_godkjenning(personas.saksbehandler, utkast, None),
        "Velg hvilken leder som skal godkjenne.",
        utkast,
    )
    refused(
        lambda: send_til_godkjenning(personas.saksbehandler_annen, utkast, personas.leder),
        "Bare saksbehandleren kan sende til godkjenning.",
        utkast,
    )
    uten_dokument = eget(personas.saksbehandler, sak, "N")
    refused(
        lambda: send_til_godkjenning(personas.saksbehandler, uten_dokument, personas.leder),
        "Last opp hoveddokumentet før du sender til godkjenning.",
        uten_dokument,
    )
    inn = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    refused(
        lambda: send_til_godkjenning(personas.saksbehandler, inn, personas.leder),
        "Inngående dokumenter sendes ikke til godkjenning.",
        inn,
    )
    ferdig = endre_status(personas.saksbehandler, utkast, "ferdigstill")
    refused(
        lambda: send_til_godkjenning(personas.saksbehandler, ferdig, personas.leder),
        "Bare utkast (status R) kan sendes til godkjenning.",
        ferdig,
    )


# --- Committee drafts (saksframlegg) --------------------------------------------------------


@pytest.fixture
def framlegg(personas, sak, fsk):
    post = eget(personas.saksbehandler, sak, "S", tittel="Dispensasjon fra reguleringsplan")
    hoveddokument(post, personas.saksbehandler)
    return post


def test_behandling_names_the_committee(personas, framlegg, fsk):
    behandling = sett_behandling(personas.saksbehandler, framlegg, fsk, sakstype="PS")
    assert (behandling.utvalg, behandling.sakstype, behandling.rekkefolge) == (fsk, "PS", 1)
    assert logg(framlegg)[-1] == ("behandling", {"behandling": {"for": None, "etter": "PS FSK"}})
    kst = Utvalg.objects.create(kode="KST", navn="Kommunestyret")
    assert sett_behandling(personas.arkiv, framlegg, kst, sakstype="PS").rekkefolge == 2
    refused(
        lambda: sett_behandling(personas.saksbehandler, framlegg, fsk, sakstype="PS"),
        "Formannskapet er allerede valgt.",
        framlegg,
    )
    refused(
        lambda: sett_behandling(personas.saksbehandler, framlegg, fsk, sakstype="XX"),
        "Velg sakstype (PS, DS eller RS).",
        framlegg,
    )
    refused(
        lambda: sett_behandling(personas.saksbehandler, framlegg, None, sakstype="PS"),
        "Velg utvalg.",
        framlegg,
    )
    refused(
        lambda: sett_behandling(personas.saksbehandler_annen, framlegg, fsk, sakstype="DS"),
        "Bare saksbehandleren eller arkivtjenesten kan endre behandlingen.",
        framlegg,
    )


def test_behandling_only_on_draft_committee_papers(personas, sak, utkast, fsk):
    # A political case (PS) is a committee draft; an outgoing letter may only be a delegated
    # decision (DS, issue 16).
    refused(
        lambda: sett_behandling(personas.saksbehandler, utkast, fsk, sakstype="PS"),
        "Et delegert vedtak (utgående) refereres som DS.",
        utkast,
    )


def test_sending_needs_behandling_and_main_document(personas, sak, fsk):
    post = eget(personas.saksbehandler, sak, "S")
    refused(
        lambda: send_saksframlegg(personas.saksbehandler, post, personas.leder),
        "Velg hvilket utvalg som skal behandle saken før du sender den.",
        post,
    )
    sett_behandling(personas.saksbehandler, post, fsk, sakstype="PS")
    refused(
        lambda: send_saksframlegg(personas.saksbehandler, post, personas.leder),
        "Last opp hoveddokumentet",
        post,
    )
    refused(
        lambda: send_saksframlegg(personas.leder, post, personas.leder),
        "Bare saksbehandleren kan sende til godkjenning.",
        post,
    )


def _status(post):
    post = fersk(post)
    return post.behandlingsstatus, post.journalstatus


def test_full_chain_leader_then_radmann(personas, framlegg, fsk):
    sett_behandling(personas.saksbehandler, framlegg, fsk, sakstype="PS")
    # «Send til godkjenning» on a draft follows the chain too.
    flagg = send_til_godkjenning(personas.saksbehandler, framlegg, personas.leder)
    assert (flagg.steg, flagg.sendt_til) == ("leder", personas.leder)
    assert _status(framlegg) == ("SU", "F")
    assert logg(framlegg)[-1] == (
        "sendt til leder",
        {
            "behandlingsstatus": {"for": "", "etter": "SU"},
            "journalstatus": {"for": "R", "etter": "F"},
        },
    )
    # While it waits, the behandling is fixed and it cannot be journalised.
    kst = Utvalg.objects.create(kode="KST", navn="Kommunestyret")
    refused(
        lambda: sett_behandling(personas.saksbehandler, framlegg, kst, sakstype="PS"),
        "Behandlingen kan bare endres mens saksframlegget er et utkast.",
        framlegg,
    )
    refused(
        lambda: endre_status(personas.arkiv, fersk(framlegg), "journalfor"),
        "ikke godkjent av rådmannen",
        framlegg,
    )

    til_radmann = besvar_godkjenning(personas.leder, flagg, godkjent=True)
    assert _status(framlegg) == ("RE", "G")
    assert logg(framlegg)[-1] == (
        "godkjent",
        {
            "behandlingsstatus": {"for": "SU", "etter": "RE"},
            "journalstatus": {"for": "F", "etter": "G"},
        },
    )
    assert til_radmann.pk != flagg.pk
    assert (til_radmann.steg, til_radmann.sendt_til, til_radmann.svar) == (
        "radmann",
        personas.radmann,
        "",
    )
    assert fersk(flagg).svar == "G"
    # The unit leader cannot answer for the chief executive.
    refused(
        lambda: besvar_godkjenning(personas.leder, til_radmann, godkjent=True),
        "Godkjenningen er ikke sendt til deg.",
        framlegg,
    )

    besvar_godkjenning(personas.radmann, til_radmann, godkjent=True, kommentar="Ok")
    assert _status(framlegg) == ("KL", "F")
    assert logg(framlegg)[-1][1] == {
        "behandlingsstatus": {"for": "RE", "etter": "KL"},
        "journalstatus": {"for": "G", "etter": "F"},
    }
    assert not Godkjenning.objects.filter(journalpost=framlegg, svar="").exists()
    post = endre_status(personas.arkiv, fersk(framlegg), "journalfor")
    assert (post.behandlingsstatus, post.journalstatus) == ("KL", "J")


def test_direct_to_radmann(personas, framlegg, fsk):
    sett_behandling(personas.saksbehandler, framlegg, fsk, sakstype="PS")
    refused(
        lambda: send_saksframlegg(
            personas.saksbehandler, framlegg, personas.leder, direkte_til_radmann=True
        ),
        "Leder Leder er ikke rådmann.",
        framlegg,
    )
    flagg = send_saksframlegg(
        personas.saksbehandler, framlegg, personas.radmann, direkte_til_radmann=True
    )
    assert (flagg.steg, flagg.sendt_til) == ("radmann", personas.radmann)
    assert _status(framlegg) == ("RE", "G")
    assert logg(framlegg)[-1] == (
        "sendt til rådmann",
        {
            "behandlingsstatus": {"for": "", "etter": "RE"},
            "journalstatus": {"for": "R", "etter": "G"},
        },
    )
    refused(
        lambda: send_saksframlegg(personas.saksbehandler, framlegg, personas.leder),
        "Saksframlegget har behandlingsstatus RE og journalstatus G: det steget er ikke mulig nå.",
        framlegg,
    )
    besvar_godkjenning(personas.radmann, flagg, godkjent=True)
    assert _status(framlegg) == ("KL", "F")


@pytest.mark.parametrize("steg", ["leder", "radmann"])
def test_rejection_at_each_step_returns_the_draft(personas, framlegg, fsk, steg):
    sett_behandling(personas.saksbehandler, framlegg, fsk, sakstype="PS")
    flagg = send_saksframlegg(personas.saksbehandler, framlegg, personas.leder)
    hvem = personas.leder
    if steg == "radmann":
        flagg = besvar_godkjenning(personas.leder, flagg, godkjent=True)
        hvem = personas.radmann
    fra = _status(framlegg)
    refused(
        lambda: besvar_godkjenning(hvem, flagg, godkjent=False),
        "Skriv hva som må rettes.",
        framlegg,
        flagg,
    )
    besvar_godkjenning(hvem, flagg, godkjent=False, kommentar="Mangler økonomiske konsekvenser")
    assert _status(framlegg) == ("", "R")
    assert logg(framlegg)[-1] == (
        "ikke godkjent",
        {
            "behandlingsstatus": {"for": fra[0], "etter": ""},
            "journalstatus": {"for": fra[1], "etter": "R"},
        },
    )
    assert fersk(flagg).svar == "IG"
    # Back with the caseworker: it may be sent again (the behandling is kept).
    assert Behandling.objects.filter(journalpost=framlegg).count() == 1
    send_saksframlegg(personas.saksbehandler, framlegg, personas.leder)
    assert _status(framlegg) == ("SU", "F")


def test_chain_step_from_wrong_status_is_refused(personas, framlegg, fsk):
    sett_behandling(personas.saksbehandler, framlegg, fsk, sakstype="PS")
    send_saksframlegg(personas.saksbehandler, framlegg, personas.leder)
    # A second send while it waits is refused (it is no longer a draft).
    refused(
        lambda: send_saksframlegg(personas.saksbehandler, framlegg, personas.sektorleder),
        "Saksframlegget har behandlingsstatus SU og journalstatus F",
        framlegg,
    )
    brev = eget(personas.saksbehandler, framlegg.saksmappe, "U")
    refused(
        lambda: send_saksframlegg(personas.saksbehandler, brev, personas.leder),
        "Bare saksframlegg har behandlingskjede.",
        brev,
    )


def test_committee_draft_flags_do_not_touch_other_types(personas, utkast):
    flagg = send_til_godkjenning(personas.saksbehandler, utkast, personas.leder)
    besvar_godkjenning(personas.leder, flagg, godkjent=True)
    assert Journalpost.objects.get(pk=utkast.pk).behandlingsstatus == ""
