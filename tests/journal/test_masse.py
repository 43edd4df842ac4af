"""Bulk actions from the worklists (issue 15, item 4): each row goes through its single-post
service with its own permission check and audit entry; refused rows are reported with number
and reason and left exactly as they were; the others are done."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from journal.models import Avskrivning, Godkjenning, Journalpost
from journal.services import fordeling, godkjenning, masse
from journal.services.journalposter import endre_status
from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError
from tests.journal.flythjelp import (  # noqa: F401 - media is a fixture
    eget,
    fersk,
    hoveddokument,
    inngaende,
    logg,
    media,
    ny_sak,
)
from utvalg.models import Utvalg
from utvalg.services import sett_behandling

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _mottatt(personas, sak, **kwargs) -> Journalpost:
    """An incoming post the caseworker has marked received (S): ready for archive."""
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler, **kwargs)
    return endre_status(personas.saksbehandler, post, "motta")


def _xx(personas, sak) -> Journalpost:
    """Received (S), but its screening is still temporary (XX)."""
    post = inngaende(
        personas.arkiv, sak, saksbehandler=personas.saksbehandler, tittel="Klage fra nabo",
        offentlig_tittel="Klage fra *****", tilgangskode="XX", skjermingshjemmel="Offl. § 13",
    )  # fmt: skip
    Journalpost.objects.filter(pk=post.pk).update(journalstatus="S")
    return fersk(post)


def _rader(*poster):
    return [(p.pk, p.journalstatus, p.saksbehandler_id, p.administrativ_enhet_id) for p in poster]


# --- The service ----------------------------------------------------------------------------


def test_mixed_rows_some_refused_the_others_done_each_audited(personas, org, sak):
    arkiv = personas.arkiv
    klare = [_mottatt(personas, sak, tittel=f"Søknad {n}") for n in range(3)]
    ny = inngaende(arkiv, sak, saksbehandler=personas.saksbehandler)  # M: wrong state
    sperret = _xx(personas, sak)
    for_logg = {p.pk: len(logg(p)) for p in (ny, sperret)}
    before = _rader(fersk(ny), fersk(sperret))

    ider = [klare[0].pk, ny.pk, klare[1].pk, sperret.pk, 987654, klare[2].pk]
    resultat = masse.utfor(arkiv, "journalfor", ider)

    assert resultat.utfort == [p.saksdokumentnummer for p in klare]
    assert resultat.oppsummering == "3 journalført, 3 avvist"
    avvist = {a.nummer: a for a in resultat.avvist}
    assert set(avvist) == {ny.saksdokumentnummer, sperret.saksdokumentnummer, "id 987654"}
    assert "midlertidig sperret (XX)" in avvist[sperret.saksdokumentnummer].grunn
    assert avvist[ny.saksdokumentnummer].status == 409
    assert avvist["id 987654"].grunn == "Fant ikke journalposten."
    for post in klare:
        post = fersk(post)
        assert post.journalstatus == "J"
        handling, endringer = logg(post)[-1]
        assert handling == "journalfør"
        assert endringer == {"journalstatus": {"for": "S", "etter": "J"}}
    # Refused rows: unchanged, no new audit entry.
    assert _rader(fersk(ny), fersk(sperret)) == before
    assert {p.pk: len(logg(p)) for p in (ny, sperret)} == for_logg


def test_a_user_with_no_right_on_any_row_changes_nothing(personas, org, sak):
    poster = [_mottatt(personas, sak, tittel=f"Søknad {n}") for n in range(2)]
    antall = Endringslogg.objects.count()
    resultat = masse.utfor(personas.saksbehandler_annen, "journalfor", [p.pk for p in poster])
    assert resultat.utfort == []
    assert [a.status for a in resultat.avvist] == [403, 403]
    assert all("Bare arkivtjenesten kan journalføre" in a.grunn for a in resultat.avvist), (
        resultat.avvist
    )
    assert resultat.status == 403
    assert {fersk(p).journalstatus for p in poster} == {"S"}
    assert Endringslogg.objects.count() == antall


def test_a_row_that_fails_half_way_is_rolled_back_alone(personas, org, sak, monkeypatch):
    """The distribution of the second row fails after its post was saved: that row is as it
    was, the rows before and after it are distributed."""
    poster = [inngaende(personas.arkiv, sak, tittel=f"Brev {n}") for n in range(3)]
    ekte = fordeling.audit.record

    def feiler(actor, obj, handling, **kwargs):
        if obj.pk == poster[1].pk and handling == "fordelt":
            raise DomainError("Lagringen feilet.")
        return ekte(actor, obj, handling, **kwargs)

    monkeypatch.setattr(fordeling.audit, "record", feiler)
    resultat = masse.utfor(
        personas.leder, "fordel", [p.pk for p in poster],
        enhet=org.enhet_a, saksbehandler=personas.saksbehandler,
    )  # fmt: skip
    assert resultat.utfort == [poster[0].saksdokumentnummer, poster[2].saksdokumentnummer]
    assert [(a.nummer, a.grunn) for a in resultat.avvist] == [
        (poster[1].saksdokumentnummer, "Lagringen feilet.")
    ]
    assert (
        fersk(poster[0]).saksbehandler == fersk(poster[2]).saksbehandler == personas.saksbehandler
    )
    assert fersk(poster[1]).saksbehandler is None


def test_parameters_and_size_are_checked_before_any_row(personas, org, sak):
    post = inngaende(personas.arkiv, sak)
    with pytest.raises(DomainError, match="høyst 200 journalposter"):
        masse.utfor(personas.arkiv, "journalfor", range(1, 202))
    with pytest.raises(DomainError, match="Velg minst én"):
        masse.utfor(personas.arkiv, "journalfor", [])
    with pytest.raises(DomainError, match="krever svarbrev") as feil:
        masse.utfor(personas.saksbehandler, "avskriv", [post.pk], avskrivningsmaate="BU")
    assert feil.value.field == "avskrivningsmaate"
    with pytest.raises(DomainError, match="Skriv hva som må rettes"):
        masse.utfor(personas.leder, "avvis", [post.pk], kommentar=" ")
    with pytest.raises(DomainError, match="Velg enhet"):
        masse.utfor(personas.leder, "fordel", [post.pk])
    assert Avskrivning.objects.count() == 0


# --- The pages ------------------------------------------------------------------------------


def _post(client, liste, data, tilbake=""):
    url = reverse("journal:masse", args=[liste])
    return client.post(url, {"tilbake": tilbake, **data})


def _etter(client, response):
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


def test_archive_journalises_from_til_journalforing(client, personas, org, sak):
    klare = [_mottatt(personas, sak, tittel=f"Søknad {n}") for n in range(2)]
    sperret = _xx(personas, sak)
    client.force_login(personas.arkiv)
    liste = reverse("journal:arkivkontroll") + "?vis=journalforing&sorter=nyest"
    body = client.get(liste).content.decode()
    # Each row: a labelled checkbox and its screening check.
    for post in (*klare, sperret):
        assert f'aria-label="Velg {post.saksdokumentnummer}"' in body
    assert "Ikke vurdert (XX)" in body
    assert 'value="journalfor"' in body

    ider = [p.pk for p in (*klare, sperret)]
    response = _post(client, "journalforing", {"handling": "journalfor", "masse-ider": ider}, liste)
    assert response["Location"] == liste
    body = _etter(client, response)
    assert "2 journalført, 1 avvist." in body
    assert re.search(
        rf"<strong>{re.escape(sperret.saksdokumentnummer)}</strong>: Journalposten er "
        r"midlertidig sperret \(XX\)",
        body,
    )
    assert [fersk(p).journalstatus for p in klare] == ["J", "J"]
    assert fersk(sperret).journalstatus == "S"
    # The refusals are shown once.
    assert "Avvist (1)" not in client.get(liste).content.decode()


def test_leader_distributes_from_ufordelte(client, personas, org, sak):
    mine = [inngaende(personas.arkiv, sak, tittel=f"Brev {n}") for n in range(2)]
    annen_sak = ny_sak(personas.arkiv, org.enhet_b)
    annen = inngaende(personas.arkiv, annen_sak, tittel="Brev til barnevernet")
    client.force_login(personas.leder)
    body = client.get(reverse("journal:ufordelte")).content.decode()
    assert 'name="masse-enhet"' in body and 'value="fordel"' in body
    response = _post(client, "ufordelte", {
        "handling": "fordel", "masse-ider": [p.pk for p in (*mine, annen)],
        "masse-enhet": org.enhet_a.pk, "masse-saksbehandler": personas.saksbehandler.pk,
    })  # fmt: skip
    body = _etter(client, response)
    assert "2 fordelt, 1 avvist." in body
    assert f"<strong>{annen.saksdokumentnummer}</strong>: Bare arkivet og lederen" in body
    for post in mine:
        post = fersk(post)
        assert post.saksbehandler == personas.saksbehandler
        assert logg(post)[-1][0] == "fordelt"
    assert fersk(annen).saksbehandler is None


def test_distribution_to_a_caseworker_of_another_unit_is_refused_beside_the_field(
    client, personas, org, sak
):
    post = inngaende(personas.arkiv, sak)
    data = {
        "handling": "fordel", "masse-ider": [post.pk], "masse-enhet": org.enhet_a.pk,
        "masse-saksbehandler": personas.saksbehandler_annen.pk,
    }  # fmt: skip
    # The leader picks among the caseworkers of the units they lead; archive among all,
    # and the caseworker must belong to the chosen unit.
    for user, melding in (
        (personas.leder, "Velg et gyldig valg."),
        (personas.arkiv, "Test Annen er ikke saksbehandler i Byggesak."),
    ):
        client.force_login(user)
        response = _post(client, "ufordelte", data)
        assert response.status_code == 400
        body = response.content.decode()
        assert re.search(r'class="feltfeil" id="id_masse-saksbehandler_error"><p>' + melding, body)
        assert f'name="masse-ider" value="{post.pk}"' in body  # the selection is kept
    assert fersk(post).saksbehandler is None


def _til_godkjenning(personas, sak, n):
    poster = []
    for i in range(n):
        post = eget(personas.saksbehandler, sak, "X", tittel=f"Notat {i}")
        hoveddokument(post, personas.saksbehandler)
        godkjenning.send_til_godkjenning(personas.saksbehandler, post, personas.leder)
        poster.append(post)
    return poster


def test_leader_approves_and_rejects_several_drafts(client, personas, org, sak):
    poster = _til_godkjenning(personas, sak, 4)
    client.force_login(personas.leder)
    body = client.get(reverse("journal:godkjenning_leder")).content.decode()
    assert 'value="godkjenn"' in body and 'value="avvis"' in body

    # Rejecting needs one comment for all: beside the field, nothing changed.
    response = _post(client, "godkjenning_leder",
                     {"handling": "avvis", "masse-ider": [poster[0].pk]})  # fmt: skip
    assert response.status_code == 400
    assert "Skriv hva som må rettes." in response.content.decode()
    assert Godkjenning.objects.filter(svar="").count() == 4

    body = _etter(client, _post(client, "godkjenning_leder", {
        "handling": "godkjenn", "masse-ider": [p.pk for p in poster[:2]],
        "masse-kommentar": "Fint",
    }))  # fmt: skip
    assert "2 godkjent." in body
    body = _etter(client, _post(client, "godkjenning_leder", {
        "handling": "avvis", "masse-ider": [p.pk for p in poster],
        "masse-kommentar": "Rett skrivefeilene",
    }))  # fmt: skip
    assert "2 sendt tilbake, 2 avvist." in body
    assert (
        body.count("Denne godkjenningen er allerede besvart.")
        + body.count("venter ikke på godkjenning")
        == 2
    )
    svar = dict(Godkjenning.objects.values_list("journalpost_id", "svar"))
    assert [svar[p.pk] for p in poster] == ["G", "G", "IG", "IG"]
    assert Godkjenning.objects.get(journalpost=poster[3]).kommentar == "Rett skrivefeilene"
    assert [h for h, _e in logg(poster[3])][-1] == "ikke godkjent"


def test_chief_executive_gives_final_approval_to_several_drafts(client, personas, org, sak):
    utvalg = Utvalg.objects.create(kode="FSK", navn="Formannskapet")
    poster = []
    for i in range(2):
        post = eget(personas.saksbehandler, sak, "S", tittel=f"Framlegg {i}")
        hoveddokument(post, personas.saksbehandler)
        sett_behandling(personas.saksbehandler, post, utvalg, sakstype="PS")
        flagg = godkjenning.send_saksframlegg(personas.saksbehandler, post, personas.leder)
        godkjenning.besvar_godkjenning(personas.leder, flagg, godkjent=True)
        poster.append(post)
    client.force_login(personas.radmann)
    body = _etter(
        client,
        _post(
            client,
            "endelig_godkjenning",
            {"handling": "godkjenn", "masse-ider": [p.pk for p in poster]},
        ),
    )
    assert "2 godkjent." in body
    assert {(fersk(p).behandlingsstatus, fersk(p).journalstatus) for p in poster} == {("KL", "F")}


def test_caseworker_writes_off_several_posts_with_one_method(client, personas, org, sak):
    mine = [inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler,
                      tittel=f"Brev {n}") for n in range(2)]  # fmt: skip
    annen = inngaende(personas.arkiv, ny_sak(personas.arkiv, org.enhet_b),
                      saksbehandler=personas.saksbehandler_annen)  # fmt: skip
    client.force_login(personas.saksbehandler)
    body = client.get(reverse("journal:restanser")).content.decode()
    assert 'name="masse-avskrivningsmaate"' in body
    assert '<option value="BU"' not in body  # a reply is written one post at a time
    body = _etter(client, _post(client, "restanser", {
        "handling": "avskriv", "masse-ider": [p.pk for p in (*mine, annen)],
        "masse-avskrivningsmaate": "TLF", "masse-merknad": "Ringt",
    }, reverse("journal:restanser") + "?sorter=forfall"))  # fmt: skip
    assert "2 avskrevet, 1 avvist." in body
    assert f"<strong>{annen.saksdokumentnummer}</strong>: Bare saksbehandleren" in body
    assert sorted(Avskrivning.objects.values_list("journalpost_id", "avskrivningsmaate")) == (
        sorted((p.pk, "TLF") for p in mine)
    )
    assert all(logg(fersk(p))[-1][0] == "avskrevet" for p in mine)
    # The method must not need a reply: BU is refused beside the field.
    response = _post(client, "innboks", {"handling": "avskriv", "masse-ider": [annen.pk],
                                         "masse-avskrivningsmaate": "BU"})  # fmt: skip
    assert response.status_code == 400


def test_posting_ids_one_may_not_act_on_is_refused_per_row_and_changes_nothing(
    client, personas, org, sak
):
    poster = [_mottatt(personas, sak, tittel=f"Søknad {n}") for n in range(2)]
    antall = Endringslogg.objects.count()
    client.force_login(personas.saksbehandler)
    response = _post(
        client, "journalforing", {"handling": "journalfor", "masse-ider": [p.pk for p in poster]}
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert "Ingen journalposter ble endret: 0 journalført, 2 avvist." in body
    for post in poster:
        assert f"<strong>{post.saksdokumentnummer}</strong>: Bare arkivtjenesten" in body
    assert Endringslogg.objects.count() == antall
    assert {fersk(p).journalstatus for p in poster} == {"S"}


def test_bad_input_never_gives_a_500(client, personas, org, sak):
    post = inngaende(personas.arkiv, sak)
    client.force_login(personas.arkiv)
    cases = [
        ("journalforing", {"handling": "journalfor", "masse-ider": ["abc"]}, 400),
        ("journalforing", {"handling": "journalfor", "masse-ider": ["99999999999999999999"]}, 400),
        ("journalforing", {"handling": "journalfor", "masse-ider": ["-1"]}, 400),
        ("journalforing", {"handling": "journalfor"}, 400),
        ("journalforing", {"handling": "slett", "masse-ider": [post.pk]}, 400),
        ("journalforing", {"handling": "journalfor", "masse-ider": list(range(1, 202))}, 400),
        ("konsepter", {"handling": "journalfor", "masse-ider": [post.pk]}, 404),
        ("ufordelte", {"handling": "fordel", "masse-ider": [post.pk], "masse-enhet": "x"}, 400),
        ("finnesikke", {"handling": "journalfor", "masse-ider": [post.pk]}, 404),
    ]
    for liste, data, status in cases:
        response = _post(client, liste, data, tilbake="https://evil.example/")
        assert response.status_code == status, (liste, data)
    body = _post(
        client, "journalforing", {"handling": "journalfor", "masse-ider": list(range(1, 202))}
    ).content.decode()
    assert "høyst 200 journalposter om gangen (du valgte 201)" in body
    # A foreign «tilbake» never becomes the redirect.
    ok = _post(
        client,
        "ufordelte",
        {"handling": "fordel", "masse-ider": [post.pk], "masse-enhet": org.enhet_a.pk},
        "https://evil.example/",
    )
    assert ok["Location"] == reverse("journal:ufordelte")


def test_only_lists_that_declare_bulk_actions_get_checkboxes(client, personas, org, sak):
    eget(personas.saksbehandler, sak, "U")  # a draft: «Mine konsepter»
    inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    client.force_login(personas.saksbehandler)
    assert 'name="masse-ider"' in client.get(reverse("journal:restanser")).content.decode()
    body = client.get(reverse("journal:konsepter")).content.decode()
    assert 'name="masse-ider"' not in body and "masse.js" not in body


def test_query_count_per_row_is_bounded_and_the_same_for_every_row(client, personas, org, sak):
    """The bulk endpoint costs the single-post service's queries per row, no more: n rows
    cost a fixed part plus n times the same per-row part."""
    poster = [_mottatt(personas, sak, tittel=f"Søknad {n}") for n in range(7)]
    client.force_login(personas.arkiv)
    client.get(reverse("arbeidsbord"))  # the session's first request stores its stamp

    def kostnad(rader):
        with CaptureQueriesContext(connection) as ctx:
            response = _post(
                client,
                "journalforing",
                {"handling": "journalfor", "masse-ider": [p.pk for p in rader]},
            )
        assert response.status_code == 302
        return len(ctx.captured_queries)

    en, tre = kostnad(poster[:1]), kostnad(poster[1:4])
    per_rad = (tre - en) / 2
    assert kostnad(poster[4:7]) == tre
    assert per_rad <= 30, per_rad


def test_a_caseworker_posting_a_distribution_is_told_who_distributes(client, personas, org, sak):
    """No unit to distribute to: the form says so (it once answered 500 on an empty choice)."""
    post = inngaende(personas.arkiv, sak)
    client.force_login(personas.saksbehandler)
    response = _post(
        client,
        "ufordelte",
        {
            "handling": "fordel",
            "masse-ider": [post.pk],
            "masse-enhet": org.enhet_a.pk,
            "masse-saksbehandler": personas.saksbehandler.pk,
        },
    )
    assert response.status_code == 400
    assert "Bare arkivet og lederne for enhetene fordeler post." in response.content.decode()
    assert fersk(post).saksbehandler is None
