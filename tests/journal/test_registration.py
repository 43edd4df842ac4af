"""Case and journal-post registration: numbers, statuses, refusals, access, audit.

Numbers are per year of today's date in Oslo under the test clock (tests/klokke.py); the
turn of the year is reached by moving the clock to New Year's night, when UTC is still in
the old year."""

import datetime
import threading

import pytest
from django.db import connection, transaction

from journal.models import Journalpost, Saksmappe
from journal.services.registration import opprett_sak, registrer_journalpost
from saksarkiv import access, audit
from saksarkiv.models import Nummerteller
from saksarkiv.services import DomainError
from tests.conftest import CANARY
from tests.klokke import OSLO

D = datetime.date


def nyttarsnatt(aar: int) -> datetime.datetime:
    """00:30 on 1 January of `aar` in Oslo: UTC is still in the year before."""
    return datetime.datetime(aar, 1, 1, 0, 30, tzinfo=OSLO)


@pytest.fixture
def sak(personas, org):
    return opprett_sak(
        personas.saksbehandler,
        tittel="Byggetillatelse gnr 12 bnr 34",
        administrativ_enhet=org.enhet_a,
    )


@pytest.mark.datofolsom
@pytest.mark.django_db
def test_caseworker_case_is_reserved_and_numbered_per_year(personas, org, sak, klokke):
    aar = klokke.dag.year
    assert sak.saksaar == aar  # Oslo's year, also on New Year's night
    assert sak.saksstatus == "R" and sak.saksnummer == f"{aar}/1"
    second = opprett_sak(personas.arkiv, tittel="Klage", administrativ_enhet=org.enhet_a)
    assert second.saksnummer == f"{aar}/2" and second.saksstatus == "B"
    klokke.flytt_til(nyttarsnatt(aar + 1))
    next_year = opprett_sak(personas.arkiv, tittel="Ny", administrativ_enhet=org.enhet_a)
    assert next_year.saksnummer == f"{aar + 1}/1"
    # A case registered afterwards for an earlier date takes that year's next number.
    late = opprett_sak(
        personas.arkiv, tittel="Etterregistrert", administrativ_enhet=org.enhet_a,
        opprettet=D(aar, 12, 31),
    )  # fmt: skip
    assert late.saksnummer == f"{aar}/3"


@pytest.mark.datofolsom
@pytest.mark.django_db
def test_posts_get_journal_and_document_numbers(personas, sak, klokke):
    aar = klokke.dag.year
    inn = registrer_journalpost(personas.arkiv, sak, journalposttype="I", tittel="Søknad")
    ut = registrer_journalpost(personas.saksbehandler, sak, journalposttype="U", tittel="Svar")
    assert inn.journaldato == ut.journaldato == klokke.dag
    assert (inn.journalpostnummer, inn.saksdokumentnummer) == (f"{aar}/000001", f"{aar}/1-1")
    assert (ut.journalpostnummer, ut.saksdokumentnummer) == (f"{aar}/000002", f"{aar}/1-2")
    assert inn.journalstatus == "M" and inn.saksbehandler is None
    assert ut.journalstatus == "R" and ut.saksbehandler == personas.saksbehandler


@pytest.mark.django_db
def test_refusals_change_nothing(personas, sak):
    with pytest.raises(DomainError, match="tittel"):
        registrer_journalpost(personas.arkiv, sak, journalposttype="I", tittel="  ")
    with pytest.raises(DomainError, match="offentlig tittel"):
        registrer_journalpost(
            personas.arkiv, sak, journalposttype="I", tittel="Om Ola", tilgangskode="U"
        )
    with pytest.raises(DomainError, match="rolle"):
        registrer_journalpost(personas.politiker, sak, journalposttype="I", tittel="X")
    with pytest.raises(DomainError, match="finnes ikke"):
        opprett_sak(personas.arkiv, tittel="X", administrativ_enhet=sak.administrativ_enhet,
                    tilgangskode="ZZ", offentlig_tittel="*****")  # fmt: skip
    assert Journalpost.objects.count() == 0
    assert Saksmappe.objects.count() == 1
    # Refused registrations gave their numbers back.
    assert not Nummerteller.objects.filter(serie="journalpost").exists()


@pytest.mark.django_db
def test_closed_case_takes_no_new_posts(personas, sak):
    Saksmappe.objects.filter(pk=sak.pk).update(saksstatus="A")
    with pytest.raises(DomainError, match="avsluttet"):
        registrer_journalpost(personas.arkiv, sak, journalposttype="I", tittel="Sen post")


@pytest.mark.django_db
def test_restricted_post_is_screened_and_logged_as_restricted(personas, org, sak):
    post = registrer_journalpost(
        personas.arkiv,
        sak,
        journalposttype="I",
        tittel=f"Bekymringsmelding om {CANARY}",
        offentlig_tittel="Bekymringsmelding om *****",
        tilgangskode="U",
    )
    assert post.skjermingshjemmel.startswith("Offl.")  # default legal basis from the code
    listed = Journalpost.objects.visible_to(personas.saksbehandler_annen).get(pk=post.pk)
    assert access.title_for(personas.saksbehandler_annen, listed) == "Bekymringsmelding om *****"
    assert CANARY in access.title_for(personas.klarert_u, post)
    entry = audit.history(post).get()
    assert entry.tilgangskode_id == "U" and CANARY not in entry.objekt_tekst
    assert not audit.history(post).readable_by(personas.arkiv).exists()


@pytest.mark.django_db
def test_responsible_caseworker_reads_own_restricted_case(personas, org):
    case = opprett_sak(
        personas.saksbehandler,
        tittel=f"Personalsak {CANARY}",
        offentlig_tittel="Personalsak *****",
        tilgangskode="P",
        administrativ_enhet=org.enhet_a,
    )
    assert access.can_read(personas.saksbehandler, case)
    assert not access.can_read(personas.stedfortreder, case)


def _register_many(case_pk, user_pk, count, errors):
    """Register `count` incoming posts journalised today (the test clock is the process's,
    so the threads share it)."""
    from saksarkiv.models import Bruker

    try:
        user = Bruker.objects.get(pk=user_pk)
        case = Saksmappe.objects.get(pk=case_pk)
        for i in range(count):
            registrer_journalpost(user, case, journalposttype="I", tittel=f"Post {i}")
    except Exception as exc:  # noqa: BLE001 - reported to the test thread
        errors.append(exc)
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_concurrent_registration_gives_unique_gap_free_numbers(personas, org, klokke):
    """8 threads on their own connections register 400 posts at once, in two cases."""
    aar = klokke.dag.year
    cases = [
        opprett_sak(personas.arkiv, tittel=f"Sak {n}", administrativ_enhet=org.enhet_a)
        for n in range(2)
    ]
    errors: list[Exception] = []
    threads = [
        threading.Thread(
            target=_register_many,
            args=(cases[n % 2].pk, personas.arkiv.pk, 50, errors),
        )
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    numbers = sorted(
        Journalpost.objects.filter(journalaar=aar).values_list("journalsekvensnummer", flat=True)
    )
    assert numbers == list(range(1, 401))
    for case in cases:
        docs = sorted(case.journalposter.values_list("dokumentnummer", flat=True))
        assert docs == list(range(1, 201))

    # Across the new year the series starts again at 1, still gap-free.
    klokke.flytt_til(nyttarsnatt(aar + 1))
    errors.clear()
    threads = [
        threading.Thread(
            target=_register_many,
            args=(cases[n % 2].pk, personas.arkiv.pk, 10, errors),
        )
        for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    new_year = sorted(
        Journalpost.objects.filter(journalaar=aar + 1).values_list(
            "journalsekvensnummer", flat=True
        )
    )
    assert new_year == list(range(1, 81))
    dates = Journalpost.objects.filter(journalaar=aar + 1).values_list("journaldato", flat=True)
    assert set(dates) == {D(aar + 1, 1, 1)}  # Oslo's New Year's Day, though UTC is in aar


@pytest.mark.datofolsom
@pytest.mark.django_db(transaction=True)
def test_rolled_back_registration_leaves_no_gap(personas, org):
    case = opprett_sak(personas.arkiv, tittel="Sak", administrativ_enhet=org.enhet_a)
    registrer_journalpost(personas.arkiv, case, journalposttype="I", tittel="En")
    with pytest.raises(RuntimeError), transaction.atomic():
        registrer_journalpost(personas.arkiv, case, journalposttype="I", tittel="Angret")
        raise RuntimeError("avbrutt")
    third = registrer_journalpost(personas.arkiv, case, journalposttype="I", tittel="To")
    assert third.journalsekvensnummer == 2 and third.dokumentnummer == 2
