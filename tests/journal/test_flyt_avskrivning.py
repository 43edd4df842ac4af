"""Write-off (avskrivning) and restanser, «Besvar og avskriv» and «Besvar uten å avskrive»
(DOMAIN.md §6)."""

import pytest

from journal.models import Avskrivning, Journalpost
from journal.services.avskrivning import avskriv, besvar, er_restanse, restanse_q
from journal.services.journalposter import (
    endre_journalpost,
    endre_status,
    legg_til_korrespondansepart,
)
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
    sendt,
    siste,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _restanser():
    return set(Journalpost.objects.filter(restanse_q()).values_list("pk", flat=True))


@pytest.mark.parametrize("maate", ["TE", "TO", "TLF", "BE", "BU", "NN"])
def test_each_final_method_writes_the_post_off(personas, inn, maate):
    assert er_restanse(inn) and inn.pk in _restanser()
    avskrivning = avskriv(personas.saksbehandler, inn, maate, merknad=" Ringte søkeren ")
    assert (avskrivning.avskrivningsmaate, avskrivning.avskrevet_av) == (
        maate,
        personas.saksbehandler,
    )
    assert avskrivning.merknad == "Ringte søkeren" and avskrivning.avskrivningsdato
    assert not er_restanse(inn) and inn.pk not in _restanser()
    assert fersk(inn).avskrevet_dato == avskrivning.avskrivningsdato
    entry = siste(inn)
    assert entry.handling == "avskrevet"
    assert entry.endringer == {"avskrivningsmaate": {"for": None, "etter": maate}}
    assert entry.beskrivelse == avskrivning.get_avskrivningsmaate_display()


def test_preliminary_answer_keeps_the_restanse(personas, inn):
    avskriv(personas.saksbehandler, inn, "***")
    assert er_restanse(inn) and fersk(inn).avskrevet_dato is None
    assert logg(inn)[-1] == ("foreløpig svar", {"avskrivningsmaate": {"for": None, "etter": "***"}})
    avskriv(personas.saksbehandler, inn, "***")  # another one is fine
    avskriv(personas.saksbehandler, inn, "TE")
    assert not er_restanse(inn)
    assert list(inn.avskrivninger.values_list("avskrivningsmaate", flat=True)) == [
        "***",
        "***",
        "TE",
    ]


def test_written_off_post_cannot_be_written_off_again(personas, inn):
    avskriv(personas.saksbehandler, inn, "TO")
    for maate in ("TE", "***"):
        refused(
            lambda maate=maate: avskriv(personas.leder, inn, maate),
            f"{inn} er allerede avskrevet.",
            inn,
        )
    assert inn.avskrivninger.count() == 1


def test_unknown_method_is_refused(personas, inn):
    error = refused(
        lambda: avskriv(personas.saksbehandler, inn, "XY"), "Velg en avskrivningsmåte.", inn
    )
    assert error.field == "avskrivningsmaate"


def test_x_note_gives_no_restanse_and_is_not_written_off(personas, sak):
    notat = eget(personas.saksbehandler, sak, "X")
    assert not er_restanse(notat)
    refused(
        lambda: avskriv(personas.saksbehandler, notat, "TE"),
        "Et X-notat gir ingen restanse og kan ikke avskrives.",
        notat,
    )


@pytest.mark.parametrize("journalposttype", ["U", "S"])
def test_own_letters_and_drafts_are_not_written_off(personas, sak, journalposttype):
    post = eget(personas.saksbehandler, sak, journalposttype)
    assert not er_restanse(post)
    refused(
        lambda: avskriv(personas.saksbehandler, post, "TE"),
        "Bare mottatte dokumenter (I og N) kan avskrives.",
        post,
    )


def test_void_post_is_no_restanse_and_not_written_off(personas, inn):
    post = endre_status(personas.arkiv, inn, "utgaar", begrunnelse="Dobbeltregistrert")
    assert not er_restanse(post)
    refused(lambda: avskriv(personas.saksbehandler, post, "TE"), "utgått", post)


@pytest.mark.parametrize("hvem", ["saksbehandler", "leder", "sektorleder", "arkiv"])
def test_caseworker_leader_or_archive_writes_off(personas, inn, hvem):
    assert avskriv(getattr(personas, hvem), inn, "TE").avskrevet_av == getattr(personas, hvem)


@pytest.mark.parametrize("hvem", ["saksbehandler_annen", "leder_annen", "politiker"])
def test_other_units_may_not_write_off(personas, inn, hvem):
    refused(
        lambda: avskriv(getattr(personas, hvem), inn, "TE"),
        "Bare saksbehandleren, mottakeren, lederen eller arkivet kan avskrive.",
        inn,
    )
    assert er_restanse(inn)


def test_recipient_of_a_note_writes_it_off(personas, sak):
    notat = eget(personas.saksbehandler, sak, "N", tittel="Be om uttalelse")
    mottaker = personas.saksbehandler_annen
    legg_til_korrespondansepart(
        personas.saksbehandler, notat, korrespondanseparttype="IM", person=mottaker
    )
    kopi = personas.klarert_u
    legg_til_korrespondansepart(
        personas.saksbehandler, notat, korrespondanseparttype="IK", person=kopi
    )
    assert not er_restanse(notat)  # a draft note is nobody's restanse
    refused(lambda: avskriv(mottaker, notat, "TO"), "Notatet er ikke sendt ennå", notat)
    notat = sendt(notat)
    assert er_restanse(notat)
    # A copy recipient only reads it.
    refused(lambda: avskriv(kopi, notat, "TO"), "Bare saksbehandleren, mottakeren", notat)
    avskriv(mottaker, notat, "TO")
    assert not er_restanse(notat)
    assert siste(notat).aktor == mottaker


def test_answer_must_be_in_the_same_case(personas, org, inn):
    annen = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Annen sak")
    svar = eget(personas.saksbehandler, annen)
    error = refused(
        lambda: avskriv(personas.saksbehandler, inn, "BU", besvart_med=svar),
        "Svaret må ligge i samme sak.",
        inn,
    )
    assert error.field == "besvart_med"


# --- «Besvar og avskriv» / «Besvar uten å avskrive» ---------------------------------------


def test_reply_is_an_outgoing_draft_in_the_same_case(personas, sak, inn):
    svar = besvar(personas.saksbehandler, inn)
    assert svar.saksmappe == sak and svar.saksdokumentnummer == f"{sak.saksnummer}-2"
    assert (svar.journalposttype, svar.journalstatus) == ("U", "R")
    assert svar.besvarer == inn and svar.avskriv_ved_ferdigstilling
    assert svar.saksbehandler == personas.saksbehandler
    assert svar.tittel == "Svar – Søknad om byggetillatelse"
    assert svar.administrativ_enhet == inn.administrativ_enhet
    # The sender of what we answer is the recipient of the answer.
    assert list(
        svar.korrespondanseparter.values_list(
            "korrespondanseparttype", "navn", "adresse", "postnummer", "poststed", "epost"
        )
    ) == [("EM", "Ola Nordmann", "Storgata 1", "9999", "Testvik", "ola@example.no")]
    assert logg(inn)[-1][0] == "besvart"
    assert siste(inn).beskrivelse == f"Svar: {svar.saksdokumentnummer}"
    assert logg(svar)[0][0] == "registrert"
    # Until the reply is finished, the received post is still a restanse.
    assert er_restanse(inn)


def test_reply_to_restricted_post_keeps_the_screening(personas, sak):
    inn = inngaende(
        personas.arkiv,
        sak,
        saksbehandler=personas.saksbehandler,
        tittel=f"Søknad fra {CANARY}",
        offentlig_tittel="Søknad fra *****",
        tilgangskode="U",
    )
    endre_journalpost(personas.arkiv, inn, skjerm_korrespondanseparter=True)
    svar = besvar(personas.saksbehandler, fersk(inn))
    assert svar.tilgangskode_id == "U" and svar.skjermingshjemmel == inn.skjermingshjemmel
    assert svar.tittel == f"Svar – Søknad fra {CANARY}"
    assert svar.offentlig_tittel == "Svar – Søknad fra *****"
    assert svar.skjerm_korrespondanseparter
    # A title of one's own needs a public title of one's own.
    refused(
        lambda: besvar(personas.saksbehandler, inn, tittel=f"Vedtak til {CANARY}"),
        "Oppgi offentlig tittel",
        inn,
    )
    own = besvar(
        personas.saksbehandler,
        inn,
        avskriv_ved_ferdigstilling=False,
        tittel=f"Vedtak til {CANARY}",
        offentlig_tittel="Vedtak til *****",
    )
    assert own.offentlig_tittel == "Vedtak til *****"


def test_finished_reply_writes_the_received_post_off_with_bu(personas, sak, inn):
    svar = besvar(personas.saksbehandler, inn)
    refused(
        lambda: endre_status(personas.saksbehandler, svar, "ferdigstill"),
        "Last opp hoveddokumentet",
        svar,
        inn,
    )
    assert er_restanse(inn)
    hoveddokument(svar, personas.saksbehandler)
    svar = endre_status(personas.saksbehandler, svar, "ferdigstill")
    assert not er_restanse(inn)
    avskrivning = inn.avskrivninger.get()
    assert fersk(inn).avskrevet_dato == avskrivning.avskrivningsdato
    assert (avskrivning.avskrivningsmaate, avskrivning.avskrives_av_journalpost) == ("BU", svar)
    assert avskrivning.avskrevet_av == personas.saksbehandler
    entry = siste(inn)
    assert entry.handling == "avskrevet"
    assert entry.endringer == {"avskrivningsmaate": {"for": None, "etter": "BU"}}
    assert entry.beskrivelse == f"Besvart med brev med {svar.saksdokumentnummer}"
    # Reopening and finishing again writes nothing off twice.
    svar = endre_status(personas.saksbehandler, svar, "gjenapne")
    endre_status(personas.saksbehandler, svar, "ferdigstill")
    assert inn.avskrivninger.count() == 1


def test_preliminary_answer_then_reply_writes_off(personas, inn):
    avskriv(personas.saksbehandler, inn, "***")
    svar = besvar(personas.saksbehandler, inn)
    hoveddokument(svar, personas.saksbehandler)
    endre_status(personas.saksbehandler, svar, "ferdigstill")
    assert list(inn.avskrivninger.values_list("avskrivningsmaate", flat=True)) == ["***", "BU"]
    assert not er_restanse(inn)


def test_reply_with_a_note_writes_off_with_nn(personas, sak):
    notat = eget(personas.saksbehandler, sak, "N", tittel="Be om uttalelse")
    mottaker = personas.saksbehandler_annen
    legg_til_korrespondansepart(
        personas.saksbehandler, notat, korrespondanseparttype="IM", person=mottaker
    )
    notat = sendt(notat)
    svar = besvar(mottaker, notat, journalposttype="N")
    assert (svar.journalposttype, svar.saksbehandler, svar.besvarer) == ("N", mottaker, notat)
    # The note goes back to whoever wrote what it answers.
    assert list(svar.korrespondanseparter.values_list("korrespondanseparttype", "person")) == [
        ("IM", personas.saksbehandler.pk)
    ]
    hoveddokument(svar, mottaker)
    endre_status(mottaker, svar, "ferdigstill")
    avskrivning = notat.avskrivninger.get()
    assert (avskrivning.avskrivningsmaate, avskrivning.avskrives_av_journalpost) == ("NN", svar)
    assert not er_restanse(notat)
    # The reply note is in turn a restanse for its recipient, once sent.
    svar = endre_status(mottaker, fersk(svar), "ekspeder")
    assert er_restanse(svar)


def test_reply_without_write_off_leaves_the_restanse(personas, inn):
    svar = besvar(personas.saksbehandler, inn, avskriv_ved_ferdigstilling=False)
    assert svar.besvarer == inn and not svar.avskriv_ved_ferdigstilling
    assert logg(inn)[-1][0] == "besvart uten avskrivning"
    hoveddokument(svar, personas.saksbehandler)
    endre_status(personas.saksbehandler, svar, "ferdigstill")
    assert er_restanse(inn) and not Avskrivning.objects.exists()


def test_reply_refusals(personas, sak, inn):
    refused(
        lambda: besvar(personas.saksbehandler, inn, journalposttype="X"),
        "Et svar er et utgående brev (U) eller et notat (N).",
        inn,
    )
    refused(lambda: besvar(personas.saksbehandler_annen, inn), "Bare saksbehandleren", inn)
    notat = eget(personas.saksbehandler, sak, "X")
    refused(lambda: besvar(personas.saksbehandler, notat), "X-notat", notat)
    avskriv(personas.saksbehandler, inn, "TLF")
    refused(
        lambda: besvar(personas.saksbehandler, inn),
        f"{inn} er allerede avskrevet. Velg «Besvar uten å avskrive».",
        inn,
    )
    assert besvar(personas.saksbehandler, inn, avskriv_ved_ferdigstilling=False).pk


def test_the_post_keeps_its_final_write_off_date(personas, sak):
    """`Journalpost.avskrevet_dato` (what the restanse indexes read) always equals the date
    of the post's final write-off in journal_avskrivning, whichever way it was written off."""
    posts = [inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler) for _ in "abcd"]
    avskriv(personas.saksbehandler, posts[0], "TE")
    avskriv(personas.saksbehandler, posts[1], "***")
    svar = besvar(personas.saksbehandler, posts[2])
    hoveddokument(svar, personas.saksbehandler)
    endre_status(personas.saksbehandler, svar, "ferdigstill")
    for post in Journalpost.objects.filter(saksmappe=sak):
        final = post.avskrivninger.exclude(avskrivningsmaate="***").first()
        assert post.avskrevet_dato == (final.avskrivningsdato if final else None), post
    assert _restanser() >= {posts[1].pk, posts[3].pk}
    assert not _restanser() & {posts[0].pk, posts[2].pk}


def test_er_restanse_reads_the_post_as_restanse_q_does(personas, sak, inn, klokke):
    """The post page asks er_restanse_felt() without a query; it must agree with restanse_q(),
    which every list and report uses, for every type, status and write-off."""
    from journal.models import Journalposttype, Journalstatus
    from journal.services.avskrivning import er_restanse_felt

    for journalposttype in Journalposttype.values:
        for journalstatus in Journalstatus.values:
            for avskrevet in (None, klokke.dag):
                Journalpost.objects.filter(pk=inn.pk).update(
                    journalposttype=journalposttype,
                    journalstatus=journalstatus,
                    avskrevet_dato=avskrevet,
                )
                sql = Journalpost.objects.filter(pk=inn.pk).filter(restanse_q()).exists()
                assert er_restanse_felt(fersk(inn)) == sql, (
                    journalposttype,
                    journalstatus,
                    avskrevet,
                )


def test_writing_off_a_post_not_marked_received_takes_it_to_archive(personas, inn):
    """Issue 15, defect 1: written off (or answered) without «Merk som mottatt», an incoming
    post was left in M for ever. The write-off marks it received (S, logged), so archive
    journalises it (J)."""
    assert inn.journalstatus == "M"
    avskriv(personas.saksbehandler, inn, "TE")
    inn = fersk(inn)
    assert inn.journalstatus == "S"
    from saksarkiv.models import Endringslogg

    mottatt = Endringslogg.objects.get(objekt_id=str(inn.pk),
                                       handling="merket som mottatt ved avskrivning")  # fmt: skip
    assert mottatt.endringer == {"journalstatus": {"for": "M", "etter": "S"}}
    assert endre_status(personas.arkiv, inn, "journalfor").journalstatus == "J"


def test_a_finished_reply_takes_the_answered_post_to_archive(personas, inn):
    svar = besvar(personas.saksbehandler, inn)
    hoveddokument(svar, personas.saksbehandler)
    endre_status(personas.saksbehandler, svar, "ferdigstill")
    inn = fersk(inn)
    assert inn.journalstatus == "S" and not er_restanse(inn)
    assert endre_status(personas.arkiv, inn, "journalfor").journalstatus == "J"
