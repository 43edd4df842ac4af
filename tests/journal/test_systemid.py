"""Every archival record keeps its own systemID (Noark 5): a UUID of its own from the
moment it is made, a new one for a copy, and the one an import brings along."""

import uuid

import pytest
from django.db import IntegrityError, transaction

from journal.models import Dokument, Journalpost, Korrespondansepart, Saksmappe, Sakspart
from journal.services import journalposter, saker
from tests.journal.flythjelp import hoveddokument, inngaende, media, ny_sak  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

ARKIVOBJEKTER = (Saksmappe, Sakspart, Journalpost, Korrespondansepart, Dokument)


def _systemid(model) -> list[uuid.UUID]:
    return list(model.objects.values_list("systemid", flat=True))


def test_every_record_gets_its_own_systemid(personas, org):
    sak = ny_sak(personas.arkiv, org.enhet_a)
    saker.legg_til_part(personas.arkiv, sak, navn="Kari Nordmann")
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    hoveddokument(post, personas.arkiv)
    annen = ny_sak(personas.arkiv, org.enhet_a, tittel="Riktig sak")
    kopi = journalposter.kopier(personas.arkiv, post, annen)
    for model in ARKIVOBJEKTER:
        ids = _systemid(model)
        assert ids and all(isinstance(i, uuid.UUID) and i.version == 4 for i in ids), model
        assert len(set(ids)) == len(ids), model
    # The copy is a new record: new systemIDs for the post, its correspondents and files.
    assert kopi.systemid != post.systemid
    assert set(kopi.korrespondanseparter.values_list("systemid", flat=True)).isdisjoint(
        post.korrespondanseparter.values_list("systemid", flat=True)
    )
    assert kopi.dokumenter.get().systemid != post.dokumenter.get().systemid


def test_an_import_keeps_its_systemid_and_no_two_records_share_one(personas, org):
    brought = uuid.UUID("6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b")
    sak = ny_sak(personas.arkiv, org.enhet_a)
    Saksmappe.objects.filter(pk=sak.pk).update(systemid=brought)
    assert Saksmappe.objects.get(systemid=brought) == sak
    annen = ny_sak(personas.arkiv, org.enhet_a, tittel="Annen sak")
    with pytest.raises(IntegrityError), transaction.atomic():
        Saksmappe.objects.filter(pk=annen.pk).update(systemid=brought)
