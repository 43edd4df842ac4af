"""The restanse report: rows and groups, screening for the viewer, marks, CSV, PDF, and who
may open it."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from journal import rapporter
from journal.models import Innstillinger, Journalpost
from tests.conftest import CANARY
from tests.factories import EnhetFactory, KlareringFactory, RolleFactory
from tests.jobber.conftest import (
    FORFALT_FRIST,
    HEMMELIG_AVSENDER,
    OFFENTLIG_TITTEL,
    SKJERMET_JOURNALFORT,
    SNART_JOURNALFORT,
    dager,
)
from tests.journal.flythjelp import inngaende, ny_sak

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> tuple[str, int]:
    """The PDF's text with whitespace collapsed (cells wrap), and its page count."""
    reader = PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    return " ".join(text.split()), len(reader.pages)


def rader(viewer, enhet=None, **filters):
    """The report's rows for the viewer today (the frozen clock's day, as the page has it)."""
    nokler = rapporter.restanse_nokler(enhet=enhet, **filters)
    return list(rapporter.alle_rader(viewer, nokler, timezone.localdate()))


@pytest.mark.datofolsom
def test_rows_are_the_open_restanser_grouped_per_unit_and_caseworker(personas, org, restanser):
    rows = rader(personas.leder, org.kommune)
    assert {r.post.pk for r in rows} == restanser.restanser()
    assert restanser.avskrevet.pk not in {r.post.pk for r in rows}
    groups = [
        (g.enhet.navn, g.ansvarlig_navn, [r.post.pk for r in g.rader])
        for g in rapporter.grupper(rows)
    ]
    # Tree order of units (Sektor A/Byggesak before Sektor B/Barnevern), names, Ufordelt last.
    assert groups == [
        (
            "Byggesak",
            "Sara Saksbehandler",
            [restanser.forfalt.pk, restanser.snart.pk, restanser.skjermet.pk],
        ),
        ("Byggesak", "Test Stedfortreder", [restanser.notat.pk]),
        ("Byggesak", "Ufordelt", [restanser.ufordelt.pk]),
        ("Barnevern", "Test Annen", [restanser.annen_enhet.pk]),
    ]


@pytest.mark.datofolsom
def test_unit_subtree_period_and_caseworker_narrow_the_report(dag, personas, org, restanser):
    assert {r.post.pk for r in rader(personas.leder, org.enhet_b)} == {restanser.annen_enhet.pk}
    assert {r.post.pk for r in rader(personas.leder, org.sektor_a)} == restanser.restanser() - {
        restanser.annen_enhet.pk
    }
    # Journalised from one day before `snart` to the day of `skjermet` (both included).
    fra, til = dag - dager(SNART_JOURNALFORT + 1), dag - dager(SKJERMET_JOURNALFORT)
    periode = rader(personas.leder, org.kommune, fra=fra, til=til)
    assert {r.post.pk for r in periode} == {
        restanser.snart.pk,
        restanser.skjermet.pk,
        restanser.annen_enhet.pk,
    }
    mine = rader(personas.leder, org.kommune, saksbehandler=personas.stedfortreder)
    assert [r.post.pk for r in mine] == [restanser.notat.pk]


@pytest.mark.datofolsom
def test_overdue_and_due_soon_are_marked_in_words_with_days_overdue(personas, org, restanser):
    by_pk = {r.post.pk: r for r in rader(personas.leder, org.kommune)}
    assert by_pk[restanser.forfalt.pk].merketekst == "Forfalt"
    assert by_pk[restanser.forfalt.pk].dager_over == FORFALT_FRIST
    assert by_pk[restanser.snart.pk].merketekst == "Forfaller snart"
    assert by_pk[restanser.snart.pk].dager_over == 0
    assert by_pk[restanser.ufordelt.pk].merketekst == ""
    Innstillinger.objects.filter(pk=Innstillinger.hent().pk).update(varsel_dager=2)
    by_pk = {r.post.pk: r for r in rader(personas.leder, org.kommune)}
    assert by_pk[restanser.snart.pk].merketekst == ""


@pytest.mark.datofolsom
def test_titles_and_senders_are_screened_for_a_leader_without_clearance(personas, org, restanser):
    rad = next(r for r in rader(personas.leder, org.enhet_a) if r.post.pk == restanser.skjermet.pk)
    assert rad.tittel == OFFENTLIG_TITTEL and CANARY not in rad.avsender
    assert rad.avsender == "*****"
    KlareringFactory(person=personas.leder, tilgangskode_id="U")
    rad = next(r for r in rader(personas.leder, org.enhet_a) if r.post.pk == restanser.skjermet.pk)
    assert CANARY in rad.tittel and HEMMELIG_AVSENDER in rad.avsender


@pytest.mark.datofolsom
def test_a_note_is_listed_once_under_its_first_recipient(personas, org, restanser):
    from journal.services.journalposter import legg_til_korrespondansepart

    legg_til_korrespondansepart(
        personas.arkiv, restanser.notat, korrespondanseparttype="IM", person=personas.leder
    )
    rows = [r for r in rader(personas.leder, org.kommune) if r.post.pk == restanser.notat.pk]
    assert len(rows) == 1 and rows[0].ansvarlig == personas.stedfortreder


@pytest.mark.datofolsom
def test_summary_counts_per_unit_and_caseworker(dag, personas, org, restanser):
    nokler = rapporter.restanse_nokler(enhet=org.enhet_a)
    summer = [
        (s.enhet.navn, s.ansvarlig_navn, s.antall, s.forfalt, s.snart)
        for s in rapporter.oppsummering(nokler, dag, 5)
    ]
    assert summer == [
        ("Byggesak", "Sara Saksbehandler", 3, 1, 1),
        ("Byggesak", "Test Stedfortreder", 1, 0, 0),
        ("Byggesak", "Ufordelt", 1, 0, 0),
    ]


def test_csv_cells_cannot_become_formulas():
    assert rapporter.celle('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    for farlig in ("+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert rapporter.celle(farlig).startswith("'")
    assert rapporter.celle("Søknad") == "Søknad" and rapporter.celle(None) == ""


# --- Pages -------------------------------------------------------------------------------------


def url(name, **params):
    from urllib.parse import urlencode

    return reverse(name) + ("?" + urlencode(params) if params else "")


@pytest.mark.datofolsom
def test_page_shows_the_leaders_unit_by_default_screened(login, personas, org, restanser):
    body = login(personas.leder).get(url("journal:restanseliste")).content.decode()
    assert "Søknad om dispensasjon" in body and OFFENTLIG_TITTEL in body
    assert CANARY not in body
    assert "Annen post" not in body  # enhet_b is not the leader's
    assert "Forfalt" in body and "Sammendrag for Byggesak" in body


def test_caseworkers_may_not_open_the_report(login, personas):
    for name in (
        "restanseliste",
        "restanseliste_csv",
        "restanseliste_pdf",
        "rapporter",
        "overfor_restanser",
    ):
        assert login(personas.saksbehandler).get(reverse(f"journal:{name}")).status_code == 403


@pytest.mark.datofolsom
def test_a_leader_cannot_choose_another_units_subtree(login, personas, org, restanser):
    response = login(personas.leder).get(url("journal:restanseliste", enhet=org.enhet_b.pk))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Velg et gyldig valg" in body and "Annen post" not in body
    # Archive may choose any unit; the sector leader sees the units below too.
    assert (
        login(personas.arkiv).get(url("journal:restanseliste", enhet=org.enhet_b.pk)).status_code
        == 200
    )
    assert (
        "Annen post"
        in login(personas.leder_annen).get(url("journal:restanseliste")).content.decode()
    )
    assert (
        login(personas.sektorleder)
        .get(url("journal:restanseliste", enhet=org.enhet_a.pk))
        .status_code
        == 200
    )


@pytest.mark.datofolsom
def test_bad_dates_come_back_beside_the_field(dag, login, personas, restanser):
    fra, til = dag - dager(SKJERMET_JOURNALFORT), dag - dager(SNART_JOURNALFORT + 1)
    response = login(personas.leder).get(
        url("journal:restanseliste", fra=fra.isoformat(), til=til.isoformat())
    )
    assert response.status_code == 400
    assert "Til-datoen kan ikke være før fra-datoen." in response.content.decode()
    response = login(personas.leder).get(url("journal:restanseliste_pdf", fra="igår"))
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")


@pytest.mark.datofolsom
def test_csv_download_is_screened_and_neutralised(login, personas, org, restanser):
    Journalpost.objects.filter(pk=restanser.snart.pk).update(
        tittel="=1+1 farlig", offentlig_tittel="=1+1 farlig"
    )
    response = login(personas.leder).get(url("journal:restanseliste_csv", enhet=org.enhet_a.pk))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeffEnhet;Saksbehandler;")
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert len(table) == 1 + 5
    titles = [row[8] for row in table[1:]]
    assert "'=1+1 farlig" in titles and OFFENTLIG_TITTEL in titles
    assert CANARY not in text


@pytest.mark.datofolsom
def test_pdf_has_header_rows_marks_and_no_screened_values(login, personas, org, restanser):
    response = login(personas.leder).get(url("journal:restanseliste_pdf", enhet=org.enhet_a.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text, pages = pdf_text(response.content)
    assert "Restanseliste – Byggesak" in text and f"Side 1 av {pages}" in text
    assert (
        restanser.forfalt.journalpostnummer in text and restanser.ufordelt.journalpostnummer in text
    )
    assert "Forfalt" in text and "Sara Saksbehandler" in text and "Ufordelt" in text
    assert "Barnevernsmelding om" in text  # the public title
    assert CANARY not in text
    assert restanser.annen_enhet.journalpostnummer not in text
    # The column headers break between words only, never inside one (issue 15, defect 3).
    for overskrift in ("Merking", "Journalpostnr.", "Dokumentnr.", "Journaldato", "Forfall"):
        assert overskrift in text, overskrift


def test_pdf_for_a_cleared_leader_has_the_full_title(login, personas, org, restanser):
    KlareringFactory(person=personas.leder, tilgangskode_id="U")
    response = login(personas.leder).get(url("journal:restanseliste_pdf", enhet=org.enhet_a.pk))
    text, _pages = pdf_text(response.content)
    assert CANARY in text


def _many(personas, org, n):
    enhet = EnhetFactory(parent=org.enhet_a, navn="Ekstra")
    RolleFactory(person=personas.saksbehandler, enhet=enhet, rolle="SB")
    sak = ny_sak(personas.saksbehandler, enhet, tittel="Mange")
    for i in range(n):
        inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler, tittel=f"Post {i}")


@pytest.mark.parametrize(
    "name", ["journal:restanseliste", "journal:restanseliste_pdf", "journal:restanseliste_csv"]
)
def test_query_count_does_not_grow_with_rows(
    login, personas, org, restanser, name, django_assert_max_num_queries
):
    client = login(personas.leder)
    client.get(reverse(name))
    with django_assert_max_num_queries(20) as few:
        response = client.get(reverse(name))
        if name.endswith("csv"):
            b"".join(response.streaming_content)
    _many(personas, org, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(name))
        if name.endswith("csv"):
            b"".join(response.streaming_content)
    assert response.status_code == 200
