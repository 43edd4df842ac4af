"""Writes are checked like reads (issue «Access on every action», findings 1 and 2): an action
that shows, copies or changes the restricted content of a post or a case is refused, with 403
and nothing changed, for anyone who may not read it — leaders, deputies and archive staff
without clearance included. The exceptions the seeds need are tested too: the leader
distributes without reading, archive adds the sender of the letter it registers."""

import pytest
from django.urls import reverse

from journal.models import Journalpost, Korrespondansepart, Saksmappe, Sakspart
from journal.services import avskrivning, epost, fordeling, journalposter, offentlighet, saker
from journal.services.registration import registrer_journalpost
from saksarkiv.models import Endringslogg
from saksarkiv.services import IkkeTilgang
from tests.conftest import CANARY
from tests.factories import KlareringFactory
from tests.journal.flythjelp import fersk, inngaende, media, ny_sak, refused  # noqa: F401
from tests.journal.test_dokumenter import make_eml

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

HEMMELIG = f"Melding om {CANARY} Hansen"
OFFENTLIG = "Melding om ***** *****"
AVSENDER = f"{CANARY} Avsendersen"


def skjermet_post(personas, sak, kode, **kwargs):
    """An incoming post with an access code and the canary in its title, registered by
    archive and given to the caseworker."""
    return inngaende(
        personas.arkiv,
        sak,
        saksbehandler=personas.saksbehandler,
        tittel=HEMMELIG,
        offentlig_tittel=OFFENTLIG,
        tilgangskode=kode,
        **kwargs,
    )


@pytest.fixture
def u_post(personas, org):
    """A U post in enhet_a, given to the caseworker, with a screened sender."""
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Oppfølging av elev")
    post = skjermet_post(
        personas, sak, "U", skjermingshjemmel="Offl. § 13", skjerm_korrespondanseparter=True
    )
    journalposter.legg_til_korrespondansepart(
        personas.arkiv, post, korrespondanseparttype="EA", navn=AVSENDER
    )
    return fersk(post)


def skjermet_sak(actor, enhet, kode="U", tittel="Barnevern"):
    """A case with an access code and the canary in its title."""
    return ny_sak(
        actor,
        enhet,
        tittel=f"{tittel} {CANARY}",
        offentlig_tittel=f"{tittel} *****",
        tilgangskode=kode,
        skjermingshjemmel="Offl. § 13" if kode == "U" else "Offl. § 25",
        skjerm_parter=True,
    )


@pytest.fixture
def u_sak(personas, org):
    """A U case of the caseworker in enhet_a (who reads it as its responsible), with a
    screened party."""
    sak = skjermet_sak(personas.saksbehandler, org.enhet_a)
    saker.legg_til_part(personas.saksbehandler, sak, navn=f"{CANARY} Part")
    return fersk(sak)


UKLARERTE = ["leder", "stedfortreder", "arkiv"]


def uklarert(personas, who):
    return getattr(personas, who)


# --- Finding 1: «Besvar» copied the restricted title and sender to the actor -----------------


@pytest.mark.parametrize("who", UKLARERTE)
def test_besvar_is_refused_to_whoever_may_not_read_the_post(personas, u_post, who):
    if who == "stedfortreder":  # the deputy is a caseworker in the unit, not of this post
        assert u_post.saksbehandler_id != personas.stedfortreder.pk
    error = refused(
        lambda: avskrivning.besvar(
            uklarert(personas, who), u_post, avskriv_ved_ferdigstilling=False
        ),
        "tilgang",
        u_post,
    )
    assert isinstance(error, IkkeTilgang)
    assert not Journalpost.objects.filter(tittel__contains=CANARY).exclude(pk=u_post.pk).exists()
    assert not Korrespondansepart.objects.filter(navn=AVSENDER, korrespondanseparttype="EM")


def test_besvar_over_http_is_403_and_creates_nothing(client, personas, u_post):
    client.force_login(personas.leder)
    before = Journalpost.objects.count()
    response = client.post(
        reverse("journal:besvar", args=[u_post.pk]),
        {"besvar-journalposttype": "U", "besvar-avskriv": "0", "besvar-tittel": ""},
    )
    assert response.status_code == 403
    assert Journalpost.objects.count() == before
    assert CANARY not in response.content.decode()


def test_the_caseworker_who_may_read_the_post_still_answers_it(personas, u_post):
    svar = avskrivning.besvar(personas.saksbehandler, u_post, avskriv_ved_ferdigstilling=False)
    assert svar.tittel == f"Svar – {HEMMELIG}" and svar.tilgangskode_id == "U"


def test_a_cleared_leader_answers_it(personas, u_post):
    KlareringFactory(person=personas.leder, tilgangskode_id="U")
    svar = avskrivning.besvar(personas.leder, u_post, avskriv_ved_ferdigstilling=False)
    assert svar.saksbehandler == personas.leder


# --- Finding 2: writes on objects the actor cannot read --------------------------------------


def test_leader_without_clearance_may_not_write_off_a_u_post(personas, u_post):
    refused(lambda: avskrivning.avskriv(personas.leder, u_post, "TE"), "tilgang", u_post)


def test_archive_without_clearance_may_not_remove_a_screened_sender(client, personas, u_post):
    part = u_post.korrespondanseparter.get(navn=AVSENDER)
    refused(lambda: journalposter.fjern_korrespondansepart(personas.arkiv, part), "tilgang", part)
    client.force_login(personas.arkiv)
    response = client.post(reverse("journal:fjern_korrespondansepart", args=[part.pk]))
    assert response.status_code == 403 and fersk(part)


def test_archive_adds_the_sender_of_the_letter_it_registers_but_not_later(personas, u_post):
    """Registering incoming mail is archive's job: while the post waits in M, its registrar
    adds correspondents. Once distributed and received, the post is the caseworker's."""
    journalposter.legg_til_korrespondansepart(
        personas.arkiv, u_post, korrespondanseparttype="EK", navn="Kopi Kopisen"
    )
    mottatt = journalposter.endre_status(personas.saksbehandler, u_post, "motta")
    refused(
        lambda: journalposter.legg_til_korrespondansepart(
            personas.arkiv, mottatt, korrespondanseparttype="EK", navn="Enda en"
        ),
        "tilgang",
        mottatt,
    )


@pytest.mark.parametrize("who", UKLARERTE)
def test_parties_and_related_cases_of_a_u_case_are_for_those_who_read_it(personas, org, u_sak, who):
    actor = uklarert(personas, who)
    part = u_sak.parter.get()
    annen = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Annen sak")
    refused(lambda: saker.legg_til_part(actor, u_sak, navn="Ny part"), "tilgang", u_sak)
    refused(lambda: saker.fjern_part(actor, part), "tilgang", part)
    refused(lambda: saker.relater(actor, u_sak, annen), "tilgang", u_sak, annen)


def test_removing_a_screened_party_over_http_is_403(client, personas, u_sak):
    part = u_sak.parter.get()
    client.force_login(personas.leder)
    # The page offers what the services allow: no party, case or post forms for the leader.
    page = client.get(reverse("journal:sak", args=[u_sak.pk]))
    regler_for_sak = page.context["tillatelser"]
    assert not regler_for_sak.tillatte("endre", "parter", "relater", "ny_journalpost")
    assert not page.context["nye_typer"]
    response = client.post(reverse("journal:fjern_part", args=[part.pk]))
    assert response.status_code == 403
    assert Sakspart.objects.filter(pk=part.pk).exists()
    assert CANARY not in response.content.decode()


@pytest.mark.parametrize("kode", ["P", "E"])
def test_a_caseworker_without_clearance_registers_no_posts_in_a_restricted_case(
    client, personas, org, kode
):
    sak = skjermet_sak(personas.arkiv, org.enhet_a, kode, "Personalsak")
    refused(
        lambda: registrer_journalpost(
            personas.saksbehandler, sak, journalposttype="N", tittel="Notat"
        ),
        "tilgang",
        sak,
    )
    client.force_login(personas.saksbehandler)
    response = client.post(
        reverse("journal:ny_journalpost", args=[sak.pk]),
        {"journalposttype": "N", "tittel": "Notat"},
    )
    assert response.status_code in (403, 404)
    assert not Journalpost.objects.filter(saksmappe=sak).exists()


def test_no_e_mail_is_imported_into_a_case_one_may_not_read(personas, org):
    sak = skjermet_sak(personas.arkiv, org.enhet_a, "P", "Personalsak")
    refused(
        lambda: epost.importer_epost(
            personas.saksbehandler, make_eml(), saksmappe=sak, administrativ_enhet=org.enhet_a
        ),
        "tilgang",
        sak,
    )


def test_posts_are_not_moved_or_copied_out_of_sight(personas, org, u_post):
    open_case = ny_sak(personas.leder, org.enhet_a, tittel="Leders sak")
    refused(lambda: journalposter.kopier(personas.arkiv, u_post, open_case), "tilgang", u_post)
    refused(lambda: journalposter.flytt(personas.arkiv, u_post, open_case), "tilgang", u_post)


def test_the_leader_distributes_without_reading_the_content(personas, org, u_post):
    """Distribution needs no access to the content (seed 001: the leader passes the letter
    on to a caseworker); it copies nothing the leader can then read."""
    post = fersk(u_post)
    Journalpost.objects.filter(pk=post.pk).update(saksbehandler=None)
    fordelt = fordeling.fordel(
        personas.leder, fersk(post), enhet=org.enhet_a, saksbehandler=personas.saksbehandler
    )
    assert fordelt.saksbehandler == personas.saksbehandler
    assert Saksmappe.objects.filter(pk=post.saksmappe_id).exists()


@pytest.mark.parametrize("who", ["leder", "stedfortreder"])
def test_a_leader_without_clearance_does_not_distribute_the_post_to_themselves(
    personas, org, u_post, who
):
    """Its caseworker reads the post: taking it would grant the leader what the code keeps
    from them (found by the write matrix)."""
    leader = getattr(personas, who)
    error = refused(
        lambda: fordeling.fordel(leader, fersk(u_post), enhet=org.enhet_a, saksbehandler=leader),
        "til deg selv",
        u_post,
    )
    assert isinstance(error, IkkeTilgang) and error.field == "saksbehandler"
    assert not Journalpost.objects.readable_by(leader).filter(pk=u_post.pk).exists()


# --- Finding 3: the audit log follows the record's access code as it is now -----------------


def test_audit_entries_of_a_post_follow_its_code_from_xx_to_p(client, personas, org):
    """Registered XX (archive reads XX and its entries), then decided P: the XX-period
    entries with the title are no longer for archive staff without P, but for those with it."""
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Tilsetting")
    post = skjermet_post(personas, sak, "XX")
    journalposter.endre_journalpost(personas.arkiv, post, tittel=f"{HEMMELIG} (rettet)")
    assert (
        Endringslogg.objects.visible_to(personas.arkiv).filter(endringer__icontains=CANARY).exists()
    )
    offentlighet.vurder_offentlighet(
        personas.leder,
        fersk(post),
        vedtak=offentlighet.UNNTATT,
        tilgangskode="P",
        skjermingshjemmel="Offl. § 25",
        offentlig_tittel=OFFENTLIG,
    )
    entries = Endringslogg.objects.filter(objekt_id=str(post.pk), endringer__icontains=CANARY)
    assert entries.exists()
    assert not entries.readable_by(personas.arkiv).exists()
    client.force_login(personas.arkiv)
    assert CANARY not in client.get(reverse("endringslogg")).content.decode()
    KlareringFactory(person=personas.klarert_u, tilgangskode_id="P")
    assert entries.readable_by(personas.klarert_u).count() == entries.count()


# --- One rule for the page and the service (item 7): «Flytt eller kopier» ---------------------


def _flytt_side(client, user, post):
    client.force_login(user)
    return client.get(reverse("journal:journalpost", args=[post.pk])).context


def test_the_page_offers_moving_exactly_when_the_service_allows_it(client, personas, org):
    sak = ny_sak(personas.arkiv, org.enhet_a, tittel="Feilarkivert")
    annen = ny_sak(personas.arkiv, org.enhet_a, tittel="Riktig sak")
    post = inngaende(personas.arkiv, sak)
    context = _flytt_side(client, personas.arkiv, post)
    assert context["tillatelser"].tillatte("flytt", "kopier") == ["flytt", "kopier"]
    # A void post is neither moved nor copied: no form, and the service refuses.
    Journalpost.objects.filter(pk=post.pk).update(journalstatus="U")
    assert not _flytt_side(client, personas.arkiv, post)["tillatelser"].tillatte("flytt", "kopier")
    refused(lambda: journalposter.flytt(personas.arkiv, fersk(post), annen), "utgått", post)
    refused(lambda: journalposter.kopier(personas.arkiv, fersk(post), annen), "utgått", post)
    # In a closed case the post may be copied but not moved: the page says so.
    Journalpost.objects.filter(pk=post.pk).update(journalstatus="J")
    Saksmappe.objects.filter(pk=sak.pk).update(saksstatus="A")
    context = _flytt_side(client, personas.arkiv, post)
    assert context["tillatelser"].kan.kopier and "avsluttet" in context["tillatelser"].grunn.flytt
    refused(lambda: journalposter.flytt(personas.arkiv, fersk(post), annen), "avsluttet", post)
    assert journalposter.kopier(personas.arkiv, fersk(post), annen).saksmappe == annen
    # Others never get the form.
    assert not _flytt_side(client, personas.saksbehandler, post)["tillatelser"].kan.kopier
