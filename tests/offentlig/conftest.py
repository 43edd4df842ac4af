"""Fixtures for the public journal tests: a builder of journalised posts in every screening
combination, the settings row, and an empty throttle cache per test.

The posts are journalised today under the test clock (`dag`), as archive journalises them:
the public journal's defaults (the latest day, the months a private person's name stays
searchable, the export's last month) are all counted from today.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone

from journal.models import Dokument, Innstillinger, Journalpost, Korrespondansepart, Saksmappe
from journal.services.registration import opprett_sak, registrer_journalpost

PDF = b"%PDF-1.7\n% offentlig test\n"


@pytest.fixture(autouse=True)
def tom_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def dag(klokke) -> datetime.date:
    """Today under the test clock: the default journal date of the built posts."""
    return klokke.dag


@pytest.fixture
def innstillinger(db) -> Innstillinger:
    return Innstillinger.hent()


@dataclass
class Bygg:
    """Makes posts as archive registers them, then sets the status directly (test set-up,
    like tests/journal/flythjelp.sendt)."""

    personas: object
    org: object
    sak: Saksmappe
    dag: datetime.date = field(default_factory=timezone.localdate)  # the default journal date

    def ny_sak(self, tittel="Byggesak Fjordvegen 5", **kwargs) -> Saksmappe:
        kwargs.setdefault("administrativ_enhet", self.org.enhet_a)
        return opprett_sak(self.personas.arkiv, tittel=tittel, **kwargs)

    def post(
        self,
        tittel="Søknad om byggetillatelse",
        *,
        type="I",
        kode=None,
        offentlig_tittel="",
        hjemmel="",
        skjerm_parter=False,
        skjerm_dokumenter=False,
        parter=(("EA", "Ola Nordmann", False),),
        dato: datetime.date | None = None,
        status="J",
        sak=None,
        enhet=None,
        dokument: str | None = None,
    ) -> Journalpost:
        dato = dato or self.dag
        post = registrer_journalpost(
            self.personas.arkiv,
            sak or self.sak,
            journalposttype=type,
            tittel=tittel,
            offentlig_tittel=offentlig_tittel,
            tilgangskode=kode,
            skjermingshjemmel=hjemmel,
            journaldato=dato,
            dokumentdato=dato,
            skjerm_korrespondanseparter=skjerm_parter,
            skjerm_dokumenter=skjerm_dokumenter,
            administrativ_enhet=enhet or self.org.enhet_a,
        )
        for parttype, navn, organisasjon in parter:
            Korrespondansepart.objects.create(
                journalpost=post,
                korrespondanseparttype=parttype,
                navn=navn,
                organisasjon=organisasjon,
                epost="privat@example.no",
                adresse="Hemmelig vei 1",
            )
        if dokument:
            self.dokument(post, dokument)
        Journalpost.objects.filter(pk=post.pk).update(journalstatus=status)
        return Journalpost.objects.get(pk=post.pk)

    def dokument(self, post, filnavn="brev.pdf", tittel="Brev", som="H", nummer=1) -> Dokument:
        return Dokument.objects.create(
            journalpost=post,
            tilknyttet_registrering_som=som,
            dokumentnummer=nummer,
            tittel=tittel,
            fil=ContentFile(PDF, name=filnavn),
            filnavn=filnavn,
            mimetype="application/pdf",
            storrelse=len(PDF),
            sjekksum=hashlib.sha256(PDF).hexdigest(),
            opprettet_av=self.personas.arkiv,
        )


@pytest.fixture
def bygg(personas, org, media, dag) -> Bygg:
    sak = opprett_sak(
        personas.arkiv, tittel="Byggesak Fjordvegen 5", administrativ_enhet=org.enhet_a
    )
    return Bygg(personas, org, sak, dag)


def innsynssak(bygg: Bygg) -> Saksmappe:
    """A case for innsynskrav, owned by archive, set in the settings."""
    sak = opprett_sak(
        bygg.personas.arkiv,
        tittel=f"Innsynskrav {timezone.localdate().year}",
        administrativ_enhet=bygg.org.arkiv_enhet,
    )
    innstillinger = Innstillinger.hent()
    innstillinger.innsynskrav_saksmappe = sak
    innstillinger.save()
    return sak
