"""The personal ID guard (issue 17, item 7): national identity numbers are found by their
date and check digits, and a post that would publish one is not journalised."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journal.models import Journalpost, Korrespondansepart
from journal.services.journalposter import endre_status
from saksarkiv.pdf import render_pdf
from saksarkiv.personnummer import finn, gyldig, maskert
from saksarkiv.services import DomainError
from tests.journal.flythjelp import inngaende, media, ny_sak  # noqa: F401 - a fixture

V1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
V2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def lag(ni: str) -> str | None:
    """Eleven digits from nine by the official weights (None when no check digit fits)."""
    siffer = [int(c) for c in ni]
    for vekter in (V1, V2):
        k = 11 - sum(s * v for s, v in zip(siffer, vekter, strict=False)) % 11
        k = 0 if k == 11 else k
        if k == 10:
            return None
        siffer.append(k)
    return "".join(map(str, siffer))


def test_published_examples_and_made_numbers_are_caught():
    assert gyldig("15076500565")  # the example the tax administration's documents use
    d_nummer = lag("550765005") or lag("550765006")
    assert d_nummer and gyldig(d_nummer)  # D-nummer: day + 40
    assert finn("Søknad fra Ola Nordmann, f.nr. 150765 00565, om bostøtte") == ["150765 00565"]
    assert finn("Fnr: 150765-00565.") == ["150765-00565"]
    assert maskert("150765 00565") == "150765*****"


@pytest.mark.parametrize(
    "tekst",
    [
        "15076500566",  # last check digit wrong
        "15076500575",  # first check digit wrong
        "32076500565",  # no 32nd
        "15136500565",  # no 13th month
        "Ring 22 33 44 55 eller +47 912 34 567",
        "Konto 1503.12.34567",
        "Saksnummer 2026/001234-5 og org.nr. 974 760 673",
        "123456789012",  # twelve digits
        "0015076500565",  # part of a longer number
    ],
)
def test_other_numbers_are_not_identity_numbers(tekst):
    assert finn(tekst) == []


@given(st.text(alphabet="0123456789 -./abc", max_size=40))
def test_every_hit_is_a_valid_number(tekst):
    for treff in finn(tekst):
        assert gyldig("".join(c for c in treff if c.isdigit()))


@pytest.mark.django_db
def test_a_post_that_would_publish_an_identity_number_is_not_journalised(personas, org):
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Bostøtte")
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler,
                     tittel="Søknad om bostøtte, fnr. 15076500565")  # fmt: skip
    endre_status(personas.saksbehandler, post, "motta")
    with pytest.raises(DomainError, match="fødselsnummer") as error:
        endre_status(personas.arkiv, Journalpost.objects.get(pk=post.pk), "journalfor")
    assert error.value.details == ["Tittelen har et fødselsnummer (150765*****)."]
    assert Journalpost.objects.get(pk=post.pk).journalstatus != "J"
    # Screened title: the public sees the screened one, which has no number.
    post = Journalpost.objects.get(pk=post.pk)
    post.tilgangskode_id, post.skjermingshjemmel = "U", "Offl. § 13"
    post.offentlig_tittel = "Søknad om bostøtte, fnr. *****"
    post.save()
    endre_status(personas.arkiv, post, "journalfor")
    assert Journalpost.objects.get(pk=post.pk).journalstatus == "J"


@pytest.mark.django_db
@pytest.mark.usefixtures("media")
def test_an_unscreened_document_or_correspondent_with_a_number_stops_it(personas, org):
    from django.core.files.base import ContentFile

    from journal.models import Dokument

    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Bostøtte")
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler,
                     tittel="Søknad om bostøtte", skjerm_dokumenter=False)  # fmt: skip
    pdf = render_pdf("test_rapport.html", {"tittel": "Søker: 150765 00565", "rader": [1]},
                     archival=True)  # fmt: skip
    Dokument.objects.create(
        journalpost=post, tilknyttet_registrering_som="H", dokumentnummer=1, tittel="Søknad",
        fil=ContentFile(pdf, name="s.pdf"), filnavn="s.pdf", mimetype="application/pdf",
        storrelse=len(pdf), sjekksum="0" * 64, opprettet_av=personas.arkiv,
    )  # fmt: skip
    Korrespondansepart.objects.create(journalpost=post, korrespondanseparttype="EA",
                                      navn="Kari Nordmann 01010012356")  # fmt: skip
    endre_status(personas.saksbehandler, post, "motta")
    with pytest.raises(DomainError) as error:
        endre_status(personas.arkiv, Journalpost.objects.get(pk=post.pk), "journalfor")
    assert error.value.details == [
        "Korrespondanseparten «Kari Nordmann 01010012356» har et fødselsnummer (010100*****).",
        "Dokument 1 «Søknad» har et fødselsnummer (150765*****).",
    ]
    post = Journalpost.objects.get(pk=post.pk)
    post.skjerm_korrespondanseparter = post.skjerm_dokumenter = True
    post.save()
    endre_status(personas.arkiv, post, "journalfor")
