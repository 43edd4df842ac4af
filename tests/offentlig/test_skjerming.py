"""Screening decisions × the public view: every combination of access code and screening
gives exactly the expected entry in the postliste, on the entry page and in the export."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from journal.models import Journalpost
from journal.offentlig import eksport, poster

pytestmark = pytest.mark.django_db

SKJERMET = "Skjermet"


@dataclass(frozen=True)
class Tilfelle:
    kode: str | None = None
    tittel: str = "Søknad om dispensasjon Nesvegen 3"
    offentlig_tittel: str = ""
    skjerm_parter: bool = False
    skjerm_dokumenter: bool = False
    uten_egen_hjemmel: bool = False  # the legal basis only on the access code
    # The expected public view (None: not on the public journal at all).
    publisert: bool = True
    vist_tittel: str = "Søknad om dispensasjon Nesvegen 3"
    vist_kode: str = ""
    vist_hjemmel: str = ""
    vist_avsender: str = "Ola Nordmann"
    dokument_kan_lastes_ned: bool = True
    skjult: tuple[str, ...] = field(default=())


TILFELLER = {
    "ingen kode": Tilfelle(),
    "ingen kode, dokumentene skjermet": Tilfelle(
        skjerm_dokumenter=True, dokument_kan_lastes_ned=False
    ),
    "U med skjermede ord i tittelen": Tilfelle(
        kode="U",
        tittel="Søknad om barnehageplass for Per Hansen",
        offentlig_tittel="Søknad om barnehageplass for *****",
        vist_tittel="Søknad om barnehageplass for *****",
        vist_kode="U",
        vist_hjemmel="Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
        dokument_kan_lastes_ned=False,
        skjult=("Per Hansen",),
    ),
    "P med skjermet avsender": Tilfelle(
        kode="P",
        tittel="Søknad om permisjon fra Kari Ansatt",
        offentlig_tittel="Søknad om permisjon fra *****",
        skjerm_parter=True,
        vist_tittel="Søknad om permisjon fra *****",
        vist_kode="P",
        vist_hjemmel="Offl. § 25 / offl. § 13 jf. fvl. § 13",
        vist_avsender=SKJERMET,
        dokument_kan_lastes_ned=False,
        skjult=("Kari Ansatt", "Ola Nordmann"),
    ),
    "P, hjemmel bare på tilgangskoden": Tilfelle(
        kode="P",
        tittel="Sykmelding Kari Ansatt",
        offentlig_tittel="Sykmelding *****",
        skjerm_parter=True,
        uten_egen_hjemmel=True,
        vist_tittel="Sykmelding *****",
        vist_kode="P",
        vist_hjemmel="Offl. § 25 / offl. § 13 jf. fvl. § 13",
        vist_avsender=SKJERMET,
        dokument_kan_lastes_ned=False,
        skjult=("Kari Ansatt", "Ola Nordmann"),
    ),
    "U uten skjermede dokumenter": Tilfelle(
        kode="U",
        tittel="Klage fra Per Hansen",
        offentlig_tittel="Klage fra *****",
        skjerm_dokumenter=False,
        vist_tittel="Klage fra *****",
        vist_kode="U",
        vist_hjemmel="Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
        dokument_kan_lastes_ned=False,  # a restricted post's documents are never public
        skjult=("Per Hansen",),
    ),
    "XX midlertidig sperret": Tilfelle(
        kode="XX",
        tittel="Brev fra Per Hansen",
        offentlig_tittel="Brev fra *****",
        skjerm_parter=True,
        publisert=False,
        skjult=("Per Hansen", "Ola Nordmann", "Brev fra"),
    ),
}


def _lag(bygg, tilfelle: Tilfelle) -> Journalpost:
    post = bygg.post(
        tilfelle.tittel,
        kode=tilfelle.kode,
        offentlig_tittel=tilfelle.offentlig_tittel,
        skjerm_parter=tilfelle.skjerm_parter,
        skjerm_dokumenter=tilfelle.skjerm_dokumenter,
        dokument="vedtak.pdf",
    )
    if tilfelle.uten_egen_hjemmel:
        Journalpost.objects.filter(pk=post.pk).update(skjermingshjemmel="")
    return post


@pytest.mark.parametrize("navn", list(TILFELLER))
def test_screening_gives_the_expected_public_view(client, bygg, dag, navn):
    tilfelle = TILFELLER[navn]
    post = _lag(bygg, tilfelle)
    # The day must be on the postliste either way.
    bygg.post("Annet brev samme dag", parter=(("EA", "Nabo Nilsen", False),))
    vist = poster.hent_offentlig(post.pk)
    side = client.get(reverse("offentlig:postliste"), {"fra": dag.isoformat()})
    liste = side.content.decode()
    oppslag = client.get(reverse("offentlig:journalpost", args=[post.pk]))
    dokument = post.dokumenter.get()
    nedlasting = client.get(reverse("offentlig:dokument", args=[dokument.pk]))
    csv = eksport.lag_csv(dag, dag).decode("utf-8-sig")
    xml = eksport.lag_xml(dag, dag).decode()

    if not tilfelle.publisert:
        assert vist is None
        assert oppslag.status_code == 404 and nedlasting.status_code == 404
        assert f'href="/postliste/{post.pk}/"' not in liste
        assert post.journalpostnummer not in csv
    else:
        assert vist is not None
        assert (
            vist.tittel,
            vist.skjermet,
            vist.tilgangskode,
            vist.hjemmel,
            [(p.type, p.navn) for p in vist.parter],
            vist.parter_skjermet,
            vist.dokumenter_publisert,
        ) == (
            tilfelle.vist_tittel,
            bool(tilfelle.kode),
            tilfelle.vist_kode,
            tilfelle.vist_hjemmel,
            [("Avsender", tilfelle.vist_avsender)],
            tilfelle.vist_avsender == SKJERMET,
            tilfelle.dokument_kan_lastes_ned,
        )
        html = oppslag.content.decode()
        assert oppslag.status_code == 200
        assert f"<h1>{tilfelle.vist_tittel}</h1>" in html
        assert f"Avsender: {tilfelle.vist_avsender}" in html
        assert f"Avsender: {tilfelle.vist_avsender}" in liste
        assert tilfelle.vist_tittel in liste and tilfelle.vist_tittel in csv
        if tilfelle.kode:
            assert "Unntatt offentlighet" in html and tilfelle.vist_hjemmel in html
            assert tilfelle.vist_hjemmel in liste and tilfelle.vist_hjemmel in csv
            assert f"<tilgangsrestriksjon>{tilfelle.kode}</tilgangsrestriksjon>" in xml
        else:
            assert "Offentlig" in html and "<tilgangsrestriksjon>" not in xml
        if tilfelle.dokument_kan_lastes_ned:
            assert nedlasting.status_code == 200 and "vedtak.pdf" in html
        else:
            assert nedlasting.status_code == 404
            assert "vedtak.pdf" not in html and "1 dokument – ikke publisert her" in html
    for ord_ in tilfelle.skjult:
        for tekst in (liste, oppslag.content.decode(), csv, xml):
            assert ord_ not in tekst, (navn, ord_)


def test_a_screening_decision_reaches_the_public_view_at_once(client, bygg):
    """When the leader later restricts a published post, the next page view shows it
    screened: nothing public is cached."""
    post = bygg.post("Søknad fra Per Hansen", dokument="soknad.pdf")
    url = reverse("offentlig:journalpost", args=[post.pk])
    assert "Per Hansen" in client.get(url).content.decode()
    Journalpost.objects.filter(pk=post.pk).update(
        tilgangskode_id="U",
        offentlig_tittel="Søknad fra *****",
        skjermingshjemmel="Offl. § 13",
        skjerm_korrespondanseparter=True,
    )
    html = client.get(url).content.decode()
    assert "Per Hansen" not in html and "Ola Nordmann" not in html
    assert "Søknad fra *****" in html and "Offl. § 13" in html
    dokument = post.dokumenter.get()
    assert client.get(reverse("offentlig:dokument", args=[dokument.pk])).status_code == 404


@pytest.mark.datofolsom
def test_the_case_title_is_screened_by_the_case_code(client, bygg, dag):
    sak = bygg.ny_sak(
        "Barnevernssak Per Hansen",
        offentlig_tittel="Barnevernssak *****",
        tilgangskode="U",
    )
    post = bygg.post("Melding om flytting", sak=sak, dato=dag - datetime.timedelta(days=1))
    html = client.get(reverse("offentlig:journalpost", args=[post.pk])).content.decode()
    assert "Barnevernssak *****" in html and "Per Hansen" not in html
    assert "Melding om flytting" in html  # the post itself is unrestricted
