"""A journal post's life after registration (DOMAIN.md §4): the journal-status table for
incoming (M → S → J) and own documents (R → F → E → J), voiding, edits, correspondents,
remarks, archive's move and copy, and who may read a restricted post."""

import datetime

import pytest

from journal.models import Journalpost, Saksmappe
from journal.services import tillatelser
from journal.services.godkjenning import send_til_godkjenning
from journal.services.journalposter import (
    endre_journalpost,
    endre_status,
    fjern_korrespondansepart,
    flytt,
    kopier,
    legg_til_korrespondansepart,
    legg_til_merknad,
)
from saksarkiv import access
from tests.conftest import CANARY
from tests.journal.flythjelp import (
    eget,
    fersk,
    hoveddokument,
    inngaende,
    logg,
    media,  # noqa: F401 - fixture
    ny_sak,
    refused,
    siste,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _utkast_klart(personas, sak, journalposttype="U"):
    """An own draft with its main document, dispatch method and recipient."""
    post = eget(personas.saksbehandler, sak, journalposttype)
    hoveddokument(post, personas.saksbehandler)
    if journalposttype == "U":
        post = endre_journalpost(personas.saksbehandler, post, ekspedisjonsmaate="post")
        legg_til_korrespondansepart(
            personas.saksbehandler, post, korrespondanseparttype="EM", navn="Ola Nordmann"
        )
    return fersk(post)


# --- Incoming: M → S → J --------------------------------------------------------------------


@pytest.mark.parametrize("hvem", ["saksbehandler", "leder", "stedfortreder", "sektorleder"])
def test_caseworker_or_leader_marks_incoming_post_received(personas, inn, hvem):
    post = endre_status(getattr(personas, hvem), inn, "motta")
    assert post.journalstatus == "S" and fersk(inn).journalstatus == "S"
    entry = siste(inn)
    assert entry.handling == "merk som mottatt" and entry.aktor == getattr(personas, hvem)
    assert entry.endringer == {"journalstatus": {"for": "M", "etter": "S"}}


@pytest.mark.parametrize("hvem", ["saksbehandler_annen", "leder_annen", "arkiv", "politiker"])
def test_others_may_not_mark_received(personas, inn, hvem):
    refused(
        lambda: endre_status(getattr(personas, hvem), inn, "motta"),
        "Bare saksbehandleren eller lederen for enheten kan merke journalposten som mottatt.",
        inn,
    )
    assert fersk(inn).journalstatus == "M"


def test_only_archive_journalises_received_post_and_case_gets_under_way(personas, sak, inn):
    post = endre_status(personas.saksbehandler, inn, "motta")
    for hvem in ("saksbehandler", "leder"):
        refused(
            lambda hvem=hvem: endre_status(getattr(personas, hvem), post, "journalfor"),
            "Bare arkivtjenesten kan journalføre.",
            post,
            sak,
        )
    assert fersk(sak).saksstatus == "R"
    post = endre_status(personas.arkiv, post, "journalfor")
    assert post.journalstatus == "J"
    assert logg(post)[-1] == ("journalfør", {"journalstatus": {"for": "S", "etter": "J"}})
    # A journalised document in a reserved case: the case is under way (R → B).
    assert fersk(sak).saksstatus == "B"
    assert logg(sak)[-1] == ("under behandling", {"saksstatus": {"for": "R", "etter": "B"}})


def test_incoming_post_is_journalised_from_s_only(personas, inn):
    refused(lambda: endre_status(personas.arkiv, inn, "journalfor"), "kan ikke «journalfør»", inn)
    refused(lambda: endre_status(personas.arkiv, inn, "ferdigstill"), "typen I", inn)
    refused(lambda: endre_status(personas.saksbehandler, inn, "ekspeder"), "typen I", inn)


def test_post_in_case_under_way_leaves_case_status_alone(personas, org):
    sak = ny_sak(personas.arkiv, org.enhet_a)  # archive's case starts as B
    Saksmappe.objects.filter(pk=sak.pk).update(saksstatus="X")
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    post = endre_status(personas.saksbehandler, post, "motta")
    endre_status(personas.arkiv, post, "journalfor")
    assert fersk(sak).saksstatus == "X"


def test_temporarily_restricted_post_is_not_journalised_until_leader_decides(personas, sak):
    post = inngaende(
        personas.arkiv,
        sak,
        saksbehandler=personas.saksbehandler,
        tittel=f"Klage fra {CANARY}",
        offentlig_tittel="Klage fra *****",
        tilgangskode="XX",
    )
    post = endre_status(personas.saksbehandler, post, "motta")
    error = refused(
        lambda: endre_status(personas.arkiv, post, "journalfor"), "midlertidig sperret (XX)", post
    )
    assert "lederen må avgjøre skjermingen" in error.message
    # The leader decides: no screening after all.
    post = endre_journalpost(personas.leder, post, tilgangskode=None)
    assert post.tilgangskode_id is None and post.offentlig_tittel == post.tittel
    assert endre_status(personas.arkiv, post, "journalfor").journalstatus == "J"


# --- Own documents: R → F → E → J -----------------------------------------------------------


def test_outgoing_letter_full_path(personas, sak):
    post = _utkast_klart(personas, sak)
    post = endre_status(personas.saksbehandler, post, "ferdigstill")
    assert post.journalstatus == "F"
    post = endre_status(personas.saksbehandler, post, "ekspeder")
    assert post.journalstatus == "E" and post.ekspedert_dato is not None
    post = endre_status(personas.arkiv, post, "journalfor")
    assert post.journalstatus == "J"
    steps = [(h, e["journalstatus"]) for h, e in logg(post) if "journalstatus" in e]
    assert steps[-3:] == [
        ("ferdigstill", {"for": "R", "etter": "F"}),
        ("ekspeder", {"for": "F", "etter": "E"}),
        ("journalfør", {"for": "E", "etter": "J"}),
    ]
    assert fersk(sak).saksstatus == "B"


def test_finishing_needs_a_main_document(personas, sak):
    post = eget(personas.saksbehandler, sak)
    hoveddokument(post, personas.saksbehandler, som="V")  # an attachment is not enough
    refused(
        lambda: endre_status(personas.saksbehandler, post, "ferdigstill"),
        "Last opp hoveddokumentet før du ferdigstiller.",
        post,
    )
    hoveddokument(post, personas.saksbehandler, nummer=2)
    assert endre_status(personas.saksbehandler, post, "ferdigstill").journalstatus == "F"


@pytest.mark.parametrize("hvem", ["leder", "saksbehandler_annen", "arkiv"])
def test_only_the_caseworker_finishes_a_draft(personas, sak, hvem):
    post = _utkast_klart(personas, sak)
    refused(
        lambda: endre_status(getattr(personas, hvem), post, "ferdigstill"),
        "Bare saksbehandleren kan ferdigstille.",
        post,
    )


@pytest.mark.parametrize("hvem", ["saksbehandler", "arkiv"])
def test_finished_draft_can_be_reopened(personas, sak, hvem):
    post = endre_status(personas.saksbehandler, _utkast_klart(personas, sak), "ferdigstill")
    refused(lambda: endre_status(personas.leder, post, "gjenapne"), "Bare saksbehandleren", post)
    post = endre_status(getattr(personas, hvem), post, "gjenapne")
    assert post.journalstatus == "R"
    assert logg(post)[-1] == ("gjenåpne utkastet", {"journalstatus": {"for": "F", "etter": "R"}})
    # A draft cannot be reopened again.
    refused(lambda: endre_status(personas.saksbehandler, post, "gjenapne"), "kan ikke", post)


def test_dispatch_needs_method_and_recipient(personas, sak):
    post = eget(personas.saksbehandler, sak)
    hoveddokument(post, personas.saksbehandler)
    post = endre_status(personas.saksbehandler, post, "ferdigstill")
    error = refused(
        lambda: endre_status(personas.saksbehandler, post, "ekspeder"),
        "Velg ekspedisjonsmåte før du ekspederer.",
        post,
    )
    assert error.field == "ekspedisjonsmaate"
    # After F only archive may correct the metadata.
    refused(
        lambda: endre_journalpost(personas.saksbehandler, post, ekspedisjonsmaate="post"),
        "Du kan ikke endre denne journalposten",
        post,
    )
    post = endre_journalpost(personas.arkiv, post, ekspedisjonsmaate="epost")
    refused(
        lambda: endre_status(personas.saksbehandler, post, "ekspeder"),
        "Et utgående brev må ha minst én mottaker.",
        post,
    )
    legg_til_korrespondansepart(
        personas.arkiv, post, korrespondanseparttype="EK", navn="Kopi til naboen"
    )
    refused(lambda: endre_status(personas.saksbehandler, post, "ekspeder"), "mottaker", post)
    legg_til_korrespondansepart(
        personas.arkiv, post, korrespondanseparttype="EM", navn="Ola Nordmann"
    )
    assert endre_status(personas.saksbehandler, post, "ekspeder").journalstatus == "E"


def test_dispatched_letter_is_journalised_by_archive_only(personas, sak):
    post = endre_status(personas.saksbehandler, _utkast_klart(personas, sak), "ferdigstill")
    post = endre_status(personas.arkiv, post, "ekspeder")  # archive may dispatch too
    refused(
        lambda: endre_status(personas.saksbehandler, post, "journalfor"),
        "Bare arkivtjenesten kan",
        post,
    )
    assert endre_status(personas.arkiv, post, "journalfor").journalstatus == "J"


def test_note_with_follow_up_is_dispatched_without_recipient_rules(personas, sak):
    post = _utkast_klart(personas, sak, "N")
    post = endre_status(personas.saksbehandler, post, "ferdigstill")
    refused(lambda: endre_status(personas.arkiv, post, "journalfor"), "kan ikke", post)
    post = endre_status(personas.saksbehandler, post, "ekspeder")
    assert endre_status(personas.arkiv, post, "journalfor").journalstatus == "J"


def test_note_without_follow_up_goes_from_f_to_j(personas, sak):
    post = endre_status(personas.saksbehandler, _utkast_klart(personas, sak, "X"), "ferdigstill")
    refused(
        lambda: endre_status(personas.saksbehandler, post, "ekspeder"),
        "En journalpost av typen X med status ferdigstilt fra saksbehandler (F) kan ikke "
        "«ekspeder».",
        post,
    )
    refused(lambda: endre_status(personas.saksbehandler, post, "journalfor"), "Bare arkiv", post)
    post = endre_status(personas.arkiv, post, "journalfor")
    assert post.journalstatus == "J"
    assert logg(post)[-1] == ("journalfør", {"journalstatus": {"for": "F", "etter": "J"}})


def test_committee_draft_is_journalised_only_when_ready_and_never_reopened(personas, sak):
    post = eget(personas.saksbehandler, sak, "S")
    refused(lambda: endre_status(personas.saksbehandler, post, "ferdigstill"), "typen S", post)
    Journalpost.objects.filter(pk=post.pk).update(journalstatus="F", behandlingsstatus="SU")
    post = fersk(post)
    refused(lambda: endre_status(personas.saksbehandler, post, "gjenapne"), "typen S", post)
    refused(lambda: endre_status(personas.arkiv, post, "gjenapne"), "typen S", post)
    refused(
        lambda: endre_status(personas.arkiv, post, "journalfor"),
        "Saksframlegget er ikke godkjent av rådmannen ennå.",
        post,
    )
    Journalpost.objects.filter(pk=post.pk).update(behandlingsstatus="KL")
    post = endre_status(personas.arkiv, fersk(post), "journalfor")
    assert (post.journalstatus, post.behandlingsstatus) == ("J", "KL")


# --- Void (U) -------------------------------------------------------------------------------


@pytest.mark.parametrize("journalposttype", ["I", "U", "N", "X", "S"])
def test_archive_voids_any_post_with_a_reason(personas, sak, journalposttype):
    if journalposttype == "I":
        post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    else:
        post = eget(personas.saksbehandler, sak, journalposttype)
    for hvem in ("saksbehandler", "leder"):
        refused(
            lambda hvem=hvem: endre_status(
                getattr(personas, hvem), post, "utgaar", begrunnelse="Feil"
            ),
            "Bare arkivtjenesten kan",
            post,
        )
    error = refused(
        lambda: endre_status(personas.arkiv, post, "utgaar", begrunnelse="  "),
        "Skriv hvorfor journalposten utgår.",
        post,
    )
    assert error.field == "begrunnelse"
    fra = post.journalstatus
    post = endre_status(personas.arkiv, post, "utgaar", begrunnelse="Registrert to ganger")
    assert post.journalstatus == "U"
    entry = siste(post)
    assert entry.handling == "sett til utgår" and entry.beskrivelse == "Registrert to ganger"
    assert entry.endringer == {"journalstatus": {"for": fra, "etter": "U"}}
    refused(lambda: endre_status(personas.arkiv, post, "utgaar", begrunnelse="Igjen"), "(U)", post)
    assert Journalpost.objects.filter(pk=post.pk).exists()  # never deleted


def test_voided_committee_draft_leaves_the_chain(personas, sak):
    post = eget(personas.saksbehandler, sak, "S")
    Journalpost.objects.filter(pk=post.pk).update(journalstatus="G", behandlingsstatus="RE")
    post = endre_status(personas.arkiv, fersk(post), "utgaar", begrunnelse="Trukket")
    assert (post.journalstatus, post.behandlingsstatus) == ("U", "")


# --- Compare-and-set ------------------------------------------------------------------------


def test_stale_post_is_refused(personas, sak):
    post = _utkast_klart(personas, sak)
    stale = Journalpost.objects.get(pk=post.pk)
    endre_status(personas.saksbehandler, post, "ferdigstill")  # another tab wins
    refused(
        lambda: endre_status(personas.saksbehandler, stale, "ferdigstill"),
        "endret av noen andre",
        post,
    )
    # Even where the step would be allowed from the new status, the stale view loses.
    refused(
        lambda: endre_status(personas.arkiv, stale, "utgaar", begrunnelse="Feil"),
        "endret av noen andre",
        post,
    )
    assert fersk(post).journalstatus == "F"


# --- Edits and correspondents ---------------------------------------------------------------


def test_caseworker_edits_draft_and_the_change_is_logged(personas, sak):
    post = eget(personas.saksbehandler, sak)
    post = endre_journalpost(personas.saksbehandler, post, tittel="Vedtak om byggetillatelse")
    assert post.tittel == "Vedtak om byggetillatelse"
    handling, endringer = logg(post)[-1]
    assert handling == "endret"
    assert endringer["tittel"] == {"for": "Svar på søknad", "etter": "Vedtak om byggetillatelse"}
    assert endringer["offentlig_tittel"]["etter"] == "Vedtak om byggetillatelse"


def test_edit_refusals(personas, sak, klokke):
    post = eget(personas.saksbehandler, sak)
    refused(
        lambda: endre_journalpost(personas.saksbehandler_annen, post, tittel="Ny"),
        "Bare saksbehandleren, lederen og arkivet kan endre journalposten.",
        post,
    )
    refused(
        lambda: endre_journalpost(personas.saksbehandler, post, journalstatus="J"),
        "Feltene journalstatus kan ikke endres her.",
        post,
    )
    error = refused(
        lambda: endre_journalpost(personas.saksbehandler, post, tilgangskode="U"),
        "Den offentlige tittelen er lik tittelen.",
        post,
    )
    assert error.field == "offentlig_tittel"
    refused(
        lambda: endre_journalpost(
            personas.saksbehandler, post, tilgangskode="U", offentlig_tittel=""
        ),
        "Oppgi offentlig tittel",
        post,
    )
    refused(
        lambda: endre_journalpost(
            personas.saksbehandler,
            post,
            dokumentdato=klokke.dag,
            forfallsdato=klokke.dag - datetime.timedelta(days=9),
        ),
        "Forfallsdatoen kan ikke være før dokumentdatoen.",
        post,
    )
    post = endre_journalpost(
        personas.saksbehandler,
        post,
        tilgangskode="U",
        tittel=f"Svar til {CANARY}",
        offentlig_tittel="Svar til *****",
    )
    assert (post.tilgangskode_id, post.offentlig_tittel) == ("U", "Svar til *****")
    assert post.skjermingshjemmel.startswith("Offl.")


def test_archive_corrects_journalised_post_but_nobody_edits_a_void_one(personas, sak, inn):
    post = endre_status(personas.saksbehandler, inn, "motta")
    post = endre_status(personas.arkiv, post, "journalfor")
    assert not tillatelser.journalpost(personas.saksbehandler, post).kan.endre
    refused(lambda: endre_journalpost(personas.saksbehandler, post, tittel="Ny"), "arkivet", post)
    assert endre_journalpost(personas.arkiv, post, tittel="Søknad om ferdigattest").tittel == (
        "Søknad om ferdigattest"
    )
    post = endre_status(personas.arkiv, post, "utgaar", begrunnelse="Feil sak")
    assert not tillatelser.journalpost(personas.arkiv, post).kan.endre
    refused(lambda: endre_journalpost(personas.arkiv, post, tittel="Igjen"), "ikke endre", post)


def test_correspondents_are_added_and_removed_with_log(personas, sak):
    post = eget(personas.saksbehandler, sak)
    part = legg_til_korrespondansepart(
        personas.saksbehandler, post, korrespondanseparttype="EM", navn=" Kari Nordmann "
    )
    assert part.navn == "Kari Nordmann"
    assert logg(post)[-1] == (
        "korrespondansepart lagt til",
        {"mottaker": {"for": None, "etter": "Kari Nordmann"}},
    )
    intern = legg_til_korrespondansepart(
        personas.saksbehandler, post, korrespondanseparttype="IM", enhet=sak.administrativ_enhet
    )
    assert intern.navn == "Byggesak"
    refused(
        lambda: legg_til_korrespondansepart(
            personas.saksbehandler, post, korrespondanseparttype="IM"
        ),
        "Velg en intern person eller enhet.",
        post,
    )
    refused(
        lambda: legg_til_korrespondansepart(
            personas.saksbehandler, post, korrespondanseparttype="EM", navn=" "
        ),
        "Oppgi navnet.",
        post,
    )
    refused(
        lambda: legg_til_korrespondansepart(
            personas.saksbehandler_annen, post, korrespondanseparttype="EM", navn="Per"
        ),
        "Bare saksbehandleren, lederen og arkivet kan endre",
        post,
    )
    refused(lambda: fjern_korrespondansepart(personas.saksbehandler_annen, part), "Bare", post)
    fjern_korrespondansepart(personas.saksbehandler, part)
    assert not post.korrespondanseparter.filter(pk=part.pk).exists()
    assert logg(post)[-1] == (
        "korrespondansepart fjernet",
        {"mottaker": {"for": "Kari Nordmann", "etter": None}},
    )


# --- Remarks --------------------------------------------------------------------------------


def test_remark_needs_read_access(personas, sak):
    post = eget(
        personas.saksbehandler,
        sak,
        tittel=f"Notat om {CANARY}",
        offentlig_tittel="Notat om *****",
        tilgangskode="U",
    )
    for hvem in ("saksbehandler_annen", "politiker"):
        refused(
            lambda hvem=hvem: legg_til_merknad(getattr(personas, hvem), post, "Sett"),
            "kan ikke skrive merknader på den",
            post,
        )
    refused(lambda: legg_til_merknad(personas.saksbehandler, post, "  "), "Skriv merknaden.", post)
    merknad = legg_til_merknad(personas.klarert_u, post, " Sjekk hjemmelen ")
    assert merknad.tekst == "Sjekk hjemmelen" and merknad.registrert_av == personas.klarert_u
    assert logg(post)[-1] == ("merknad", {"merknad": {"for": None, "etter": "Sjekk hjemmelen"}})
    assert legg_til_merknad(personas.saksbehandler, post, "Ok").journalpost == post


def test_anyone_with_a_role_remarks_on_an_open_post(personas, sak):
    post = eget(personas.saksbehandler, sak)
    assert legg_til_merknad(personas.saksbehandler_annen, post, "Til info").pk
    refused(lambda: legg_til_merknad(personas.politiker, post, "Hei"), "merknader", post)


# --- Who reads a restricted post ------------------------------------------------------------


def _skjermet_utkast(personas, sak):
    post = eget(
        personas.saksbehandler,
        sak,
        tittel=f"Tilsettingssak {CANARY}",
        offentlig_tittel="Tilsettingssak *****",
        tilgangskode="U",
    )
    hoveddokument(post, personas.saksbehandler)
    return post


def test_leader_asked_to_approve_reads_the_restricted_post(personas, sak):
    post = _skjermet_utkast(personas, sak)
    assert not Journalpost.objects.readable_by(personas.leder).filter(pk=post.pk).exists()
    assert access.title_for(personas.leder, post) == "Tilsettingssak *****"
    send_til_godkjenning(personas.saksbehandler, post, personas.leder)
    assert Journalpost.objects.readable_by(personas.leder).filter(pk=post.pk).exists()
    assert CANARY in access.title_for(personas.leder, fersk(post))
    # Others still see the screened title only.
    assert not Journalpost.objects.readable_by(personas.stedfortreder).filter(pk=post.pk).exists()


def test_internal_copy_recipient_reads_the_restricted_post(personas, sak):
    post = _skjermet_utkast(personas, sak)
    annen = personas.saksbehandler_annen
    assert not access.can_read(annen, post)
    refused(
        lambda: legg_til_korrespondansepart(
            annen, post, korrespondanseparttype="IK", person=personas.leder
        ),
        "kan ikke sende kopi av den",
        post,
    )
    kopi = legg_til_korrespondansepart(
        personas.saksbehandler, post, korrespondanseparttype="IK", person=annen
    )
    assert kopi.navn == annen.get_full_name()
    assert Journalpost.objects.readable_by(annen).filter(pk=post.pk).exists()
    assert CANARY in access.title_for(annen, fersk(post))
    # A copy may be sent on after the draft is finished: the kopiboks is not an edit.
    post = endre_status(personas.saksbehandler, post, "ferdigstill")
    legg_til_korrespondansepart(annen, post, korrespondanseparttype="IK", person=personas.leder)
    assert access.can_read(personas.leder, fersk(post))


# --- Move and copy (archive only) -----------------------------------------------------------


@pytest.fixture
def to_saker(personas, org, sak, inn):
    """`sak` holds the incoming post (-1) and a draft (-2); `annen` holds one post."""
    eget(personas.saksbehandler, sak)
    annen = ny_sak(personas.arkiv, org.enhet_a, tittel="Ferdigattest gnr 12 bnr 34")
    eget(personas.saksbehandler, annen, tittel="Notat", journalposttype="X")
    hoveddokument(inn, personas.arkiv)
    return sak, annen


@pytest.mark.parametrize("hvem", ["saksbehandler", "leder"])
def test_only_archive_moves_or_copies(personas, to_saker, inn, hvem):
    _sak, annen = to_saker
    actor = getattr(personas, hvem)
    refused(lambda: flytt(actor, inn, annen), "Bare arkivtjenesten kan flytte", inn, annen)
    refused(lambda: kopier(actor, inn, annen), "Bare arkivtjenesten kan kopiere", inn, annen)


def test_move_keeps_journal_number_and_takes_next_document_number(personas, to_saker, inn):
    sak, annen = to_saker
    nummer = inn.journalpostnummer
    assert inn.saksdokumentnummer == f"{sak.saksnummer}-1"
    post = flytt(personas.arkiv, inn, annen)
    assert post.saksmappe == annen and post.journalpostnummer == nummer
    assert post.saksdokumentnummer == f"{annen.saksnummer}-2"
    endringer = {"saksmappe": {"for": f"{sak.saksnummer}-1", "etter": f"{annen.saksnummer}-2"}}
    assert logg(post)[-1] == ("flyttet", endringer)
    assert logg(sak)[-1] == ("journalpost flyttet ut", endringer)
    assert logg(annen)[-1] == ("journalpost flyttet inn", endringer)
    # The documents and correspondents follow the post.
    assert post.dokumenter.count() == 1 and post.korrespondanseparter.count() == 1
    assert sak.journalposter.count() == 1


def test_copy_gets_new_numbers_and_copies_correspondents_and_documents(personas, to_saker, inn):
    sak, annen = to_saker
    kopi = kopier(personas.arkiv, inn, annen)
    assert kopi.pk != inn.pk and kopi.saksmappe == annen
    assert kopi.saksdokumentnummer == f"{annen.saksnummer}-2"
    assert kopi.journalsekvensnummer > inn.journalsekvensnummer
    assert (kopi.tittel, kopi.journalposttype, kopi.saksbehandler) == (
        inn.tittel,
        "I",
        personas.saksbehandler,
    )
    assert list(kopi.korrespondanseparter.values_list("korrespondanseparttype", "navn")) == [
        ("EA", "Ola Nordmann")
    ]
    original_dok, kopi_dok = inn.dokumenter.get(), kopi.dokumenter.get()
    assert kopi_dok.pk != original_dok.pk
    assert (kopi_dok.fil.name, kopi_dok.sjekksum) == (original_dok.fil.name, original_dok.sjekksum)
    # The original stays where it was, with both acts logged.
    assert fersk(inn).saksmappe == sak and inn.korrespondanseparter.count() == 1
    assert logg(kopi)[-1][0] == "kopiert"
    assert siste(inn).handling == "kopiert"
    assert kopi.saksdokumentnummer in siste(inn).beskrivelse


def test_no_move_or_copy_into_a_closed_case_or_the_same_case(personas, to_saker, inn):
    sak, annen = to_saker
    Saksmappe.objects.filter(pk=annen.pk).update(saksstatus="A")
    for call in (flytt, kopier):
        refused(lambda call=call: call(personas.arkiv, inn, annen), "gjenåpne den", inn, annen)
        refused(lambda call=call: call(personas.arkiv, inn, sak), "Velg en annen sak", inn, sak)
