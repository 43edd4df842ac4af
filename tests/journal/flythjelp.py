"""Helpers shared by the workflow tests (test_flyt*.py): cases and posts in a given state,
documents, the audit trail, and «refused and nothing changed»."""

import hashlib

import pytest
from django.core.files.base import ContentFile
from django.db.models import F, OuterRef, Q, Subquery
from django.forms.models import model_to_dict

from journal.models import (
    Avskrivning,
    Dokument,
    Godkjenning,
    Journalpost,
    Korrespondansepart,
    Merknad,
    Saksmappe,
    Sakspart,
)
from journal.services.journalposter import endre_status, legg_til_korrespondansepart
from journal.services.registration import opprett_sak, registrer_journalpost
from saksarkiv import audit
from saksarkiv.models import Endringslogg
from saksarkiv.services import DomainError
from utvalg.models import Behandling

COUNTED = (
    Saksmappe,
    Journalpost,
    Dokument,
    Korrespondansepart,
    Avskrivning,
    Godkjenning,
    Behandling,
    Merknad,
    Sakspart,
    Endringslogg,
)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def ny_sak(actor, enhet, tittel="Byggesøknad gnr 12 bnr 34", **kwargs) -> Saksmappe:
    return opprett_sak(actor, tittel=tittel, administrativ_enhet=enhet, **kwargs)


def inngaende(arkiv, sak, saksbehandler=None, tittel="Søknad om byggetillatelse", **kwargs):
    """An incoming letter (I, status M) registered by archive, with its sender."""
    post = registrer_journalpost(
        arkiv, sak, journalposttype="I", tittel=tittel, saksbehandler=saksbehandler, **kwargs
    )
    legg_til_korrespondansepart(
        arkiv,
        post,
        korrespondanseparttype="EA",
        navn="Ola Nordmann",
        adresse="Storgata 1",
        postnummer="9999",
        poststed="Testvik",
        epost="ola@example.no",
    )
    return fersk(post)


def eget(actor, sak, journalposttype="U", tittel="Svar på søknad", **kwargs) -> Journalpost:
    """An own document (U, N, X, S) as a draft (R)."""
    return registrer_journalpost(
        actor, sak, journalposttype=journalposttype, tittel=tittel, **kwargs
    )


def hoveddokument(post, user, *, arkivformat=True, som="H", nummer=1) -> Dokument:
    innhold = b"%PDF-1.7\n% test\n"
    return Dokument.objects.create(
        journalpost=post,
        tilknyttet_registrering_som=som,
        dokumentnummer=nummer,
        tittel="Brev",
        fil=ContentFile(innhold, name="brev.pdf"),
        filnavn="brev.pdf",
        mimetype="application/pdf",
        storrelse=len(innhold),
        sjekksum=hashlib.sha256(innhold).hexdigest(),
        arkivformat=ContentFile(innhold, name="brev-a.pdf") if arkivformat else "",
        opprettet_av=user,
    )


def journalfort_inngaende(personas, sak, **kwargs) -> Journalpost:
    """An incoming post received by the caseworker and journalised by archive."""
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler, **kwargs)
    post = endre_status(personas.saksbehandler, post, "motta")
    return endre_status(personas.arkiv, post, "journalfor")


def fersk(obj):
    """The row as it is in the database now."""
    return type(obj)._default_manager.get(pk=obj.pk)


def logg(obj) -> list[tuple[str, dict]]:
    """(handling, endringer) of the audit entries about obj, oldest first."""
    return [(e.handling, e.endringer) for e in audit.history(obj).order_by("tidspunkt", "id")]


def siste(obj) -> Endringslogg:
    return audit.history(obj).order_by("-tidspunkt", "-id").first()


def _state(objs):
    rows = [model_to_dict(fersk(o)) for o in objs]
    counts = {model.__name__: model._default_manager.count() for model in COUNTED}
    return rows, counts


def refused(call, match: str, *objs) -> DomainError:
    """The call raises a DomainError whose message contains `match`, and nothing changed:
    the given rows read back the same and no row (audit entries included) was added."""
    before = _state(objs)
    with pytest.raises(DomainError) as caught:
        call()
    assert match in caught.value.message, caught.value.message
    assert _state(objs) == before
    return caught.value


def sendt(notat: Journalpost) -> Journalpost:
    """A note as its recipient gets it: sent (E). Only a sent note is a restanse."""
    Journalpost.objects.filter(pk=notat.pk).update(journalstatus="E")
    return fersk(notat)


def avskrevet_dato_avvik() -> int:
    """Posts whose `avskrevet_dato` is not the date of their first final write-off (0 when
    the column the restanse indexes read agrees with journal_avskrivning)."""
    final = (
        Avskrivning.objects.filter(journalpost=OuterRef("pk"))
        .exclude(avskrivningsmaate="***")
        .order_by("avskrivningsdato")
        .values("avskrivningsdato")[:1]
    )
    posts = Journalpost.objects.annotate(endelig=Subquery(final))
    return posts.exclude(
        Q(avskrevet_dato__isnull=True, endelig__isnull=True) | Q(avskrevet_dato=F("endelig"))
    ).count()
