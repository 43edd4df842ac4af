"""Search in document contents (issue 20, item 2): the text of each document's PDF/A is
stored on it and searched from /sok/ with «Søk også i dokumentinnhold», only in documents the
user may read — the canary in a restricted document's text is never matched, counted or shown
for anyone else, and never leaves through the public journal."""

import hashlib
import re

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from journal import search
from journal.models import Dokument, Journalpost
from journal.models.journalpost import Arkivstatus
from journal.offentlig import eksport
from journal.services import arkivkopi, dokumenttekst
from journal.services.dokumenter import last_opp_dokument
from journal.services.registration import opprett_sak, registrer_journalpost
from journal.views.sok import utdrag_html
from saksarkiv.pdf import render_pdf
from tests.conftest import CANARY

pytestmark = pytest.mark.django_db
URL = "/sok/"
OFFENTLIG_ORD = "Kommunedelplanen"
HEMMELIG_TITTEL = "Bekymringsmelding om barn"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def pdfa(tekst: str) -> bytes:
    """A small PDF/A-2b from the project's renderer, with `tekst` as its heading."""
    return render_pdf("test_rapport.html", {"tittel": tekst, "rader": [1]}, archival=True)


def ny_post(personas, org, tittel, **kwargs):
    sak = opprett_sak(personas.arkiv, tittel="Plansak Fjordvegen", administrativ_enhet=org.enhet_a)
    return registrer_journalpost(personas.arkiv, sak, journalposttype="I", tittel=tittel, **kwargs)


def last_opp(personas, post, tekst: str) -> Dokument:
    return last_opp_dokument(personas.arkiv, post, pdfa(tekst), filnavn="brev.pdf")


@pytest.fixture
def apen(personas, org):
    """A public post whose title lacks the word its document has."""
    post = ny_post(personas, org, "Innspill til planarbeid")
    last_opp(personas, post, f"Merknader til {OFFENTLIG_ORD} for sentrum")
    return post


@pytest.fixture
def hemmelig(personas, org):
    """A restricted post (code U) with the canary only in its document's text."""
    post = ny_post(
        personas,
        org,
        HEMMELIG_TITTEL,
        tilgangskode="U",
        offentlig_tittel="Bekymringsmelding om *****",
        skjermingshjemmel="Offl. § 13 jf. fvl. § 13",
    )
    last_opp(personas, post, f"Melding om {CANARY} Olsen")
    return post


def sok(client, q, innhold=True, **params):
    params = {"type": "journalposter", "q": q, **params}
    if innhold:
        params["innhold"] = "on"
    return client.get(URL, params)


def uten_sokefelt(html: str, q: str) -> str:
    """The page without the search words echoed back in the form and its links."""
    return html.replace(f'value="{q}"', 'value=""').replace(f"q={q}", "q=")


# --- Extraction and where the text is filled --------------------------------------------------


def test_the_text_of_a_pdfa_upload_is_stored_when_uploaded(personas, org, apen):
    dokument = apen.dokumenter.get()
    assert dokument.arkivstatus == Arkivstatus.IKKE_NODVENDIG
    assert f"Merknader til {OFFENTLIG_ORD} for sentrum" in dokument.innhold
    assert "Rad nummer 1" in dokument.innhold
    assert "\n" not in dokument.innhold


def test_text_extraction_of_a_broken_pdf_is_empty():
    assert dokumenttekst.tekst(b"%PDF-1.7\nikke en ekte pdf") == ""


def _lagret_uten_arkivformat(personas, org, data: bytes) -> Dokument:
    post = ny_post(personas, org, "Brev fra eldre system")
    return Dokument.objects.create(
        journalpost=post,
        tilknyttet_registrering_som="H",
        tittel="Brev",
        fil=ContentFile(data, name="brev.pdf"),
        filnavn="brev.pdf",
        mimetype="application/pdf",
        storrelse=len(data),
        sjekksum=hashlib.sha256(data).hexdigest(),
        opprettet_av=personas.arkiv,
    )


def test_the_archival_copy_job_fills_the_text(personas, org):
    # A PDF/A original found by the job: «ikke nødvendig», its own text.
    original = _lagret_uten_arkivformat(personas, org, pdfa("Reguleringsendring Storgata"))
    assert arkivkopi.konverter(original.pk) == Arkivstatus.IKKE_NODVENDIG
    original.refresh_from_db()
    assert "Reguleringsendring Storgata" in original.innhold

    # A converted copy: the text is the copy's (the original here has none).
    dokument = _lagret_uten_arkivformat(personas, org, b"ingen tekst her")
    fmt = arkivkopi.Identifisert("x-fmt/111", "Plain Text File", "text/plain")
    resultat = arkivkopi.Resultat(pdfa("Konvertert vedtaksbrev"), "Testverktøy", "fmt/477")
    assert arkivkopi._lagre(dokument, fmt, resultat, None) == Arkivstatus.KONVERTERT
    dokument.refresh_from_db()
    assert "Konvertert vedtaksbrev" in dokument.innhold


def test_the_command_fills_the_text_of_older_documents(personas, org, apen):
    dokument = apen.dokumenter.get()
    Dokument.objects.filter(pk=dokument.pk).update(innhold="")
    call_command("fyll_dokumenttekst", stdout=None)
    dokument.refresh_from_db()
    assert OFFENTLIG_ORD in dokument.innhold
    assert not Dokument.objects.filter(dokumenttekst.uten_tekst()).exists()


# --- Search -----------------------------------------------------------------------------------


def test_a_word_in_a_public_document_is_found_with_its_snippet(login, personas, apen):
    client = login(personas.saksbehandler_annen)
    html = sok(client, OFFENTLIG_ORD.lower()).content.decode()
    avkryssing = re.search(r'<input[^>]*name="innhold"[^>]*>', html)
    assert avkryssing and "checked" in avkryssing.group(0)
    assert apen.journalpostnummer in html
    assert "Treff i dokumentinnhold" in html
    assert f"<mark>{OFFENTLIG_ORD}</mark>" in html
    # Without the checkbox only titles are searched.
    html = sok(client, OFFENTLIG_ORD.lower(), innhold=False).content.decode()
    assert apen.journalpostnummer not in html
    assert "Ingen journalposter passer søket." in html


def test_the_checkbox_keeps_title_matches_and_other_filters(login, personas, apen, hemmelig):
    client = login(personas.arkiv)
    html = sok(client, "planarbeid").content.decode()  # a title word, not in any document
    assert apen.journalpostnummer in html
    assert "Treff i dokumentinnhold" not in html
    html = sok(client, OFFENTLIG_ORD, tilgangskode="U").content.decode()
    assert "Ingen journalposter passer søket." in html


def test_the_canary_in_a_restricted_document_is_found_only_by_its_readers(
    login, personas, hemmelig
):
    dokument = hemmelig.dokumenter.get()
    lesere = set(Dokument.objects.filter(pk=dokument.pk).readable_by(personas.klarert_u))
    assert lesere == {dokument}
    uklarerte = []
    for navn, person in personas.all().items():
        kan_lese = Dokument.objects.filter(pk=dokument.pk).readable_by(person).exists()
        html = sok(login(person), CANARY).content.decode()
        if kan_lese:
            assert hemmelig.journalpostnummer in html, navn
            assert f"<mark>{CANARY}</mark>" in html, navn
            assert "1 treff" in html or hemmelig.journalpostnummer in html
        else:
            uklarerte.append(navn)
            assert hemmelig.journalpostnummer not in html, navn
            assert "Ingen journalposter passer søket." in html, navn
            assert "Treff i dokumentinnhold" not in html, navn
            assert CANARY.lower() not in uten_sokefelt(html, CANARY).lower(), navn
    assert {"saksbehandler_annen", "politiker", "leder_annen"} <= set(uklarerte)


def test_the_match_is_computed_over_readable_documents_only(personas, hemmelig, apen):
    """No count, no order, no snippet from a document the user may not read: the
    uncleared user's matches are exactly those of the same search with the document gone."""
    uklarert, klarert = personas.saksbehandler_annen, personas.klarert_u
    assert not search.innhold_treff(uklarert, CANARY).exists()
    assert search.innhold_utdrag(uklarert, CANARY, [hemmelig.pk]) == {}
    assert list(search.innhold_treff(klarert, CANARY)) == list(hemmelig.dokumenter.all())
    qs = Journalpost.objects.visible_to(uklarert)
    assert not search.ord_eller_innhold(qs, f"{CANARY}", uklarert).exists()
    assert search.ord_eller_innhold(qs, "bekymringsmelding", uklarert).count() == 1


def test_anonymous_users_cannot_search(client, hemmelig):
    response = sok(client, CANARY)
    assert response.status_code == 302
    assert CANARY not in response.content.decode()


def test_the_canary_never_reaches_the_public_journal(client, personas, hemmelig, apen):
    Journalpost.objects.filter(pk__in=[hemmelig.pk, apen.pk]).update(journalstatus="J")
    dag = hemmelig.journaldato
    xml = eksport.lag_xml(dag, dag).decode()
    assert "Bekymringsmelding om *****" in xml  # the restricted post is there, screened
    assert CANARY.lower() not in xml.lower()
    html = client.get("/postliste/", {"q": CANARY}).content.decode()
    assert "Ingen journalposter" in html
    assert CANARY.lower() not in uten_sokefelt(html, CANARY).lower()


def test_the_search_page_query_count_does_not_grow_with_the_hits(
    login, personas, org, django_assert_max_num_queries
):
    client = login(personas.klarert_u)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert sok(client, "folkemøte").status_code == 200
        return len(ctx)

    for n in range(2):
        last_opp(personas, ny_post(personas, org, f"Referat {n}"), "Referat fra folkemøte")
    queries()  # the first request of the session fills its caches
    faa = queries()
    for n in range(2, 8):
        post = ny_post(
            personas, org, f"Referat {n}", tilgangskode="U", offentlig_tittel="Ref *****"
        )
        last_opp(personas, post, "Referat fra folkemøte")
    html = sok(client, "folkemøte").content.decode()
    assert html.count('<p class="utdrag">') == 8
    assert queries() == faa
    with django_assert_max_num_queries(faa):
        sok(client, "folkemøte")


# --- The snippet --------------------------------------------------------------------------------


def test_the_snippet_is_escaped_and_marks_only_the_matches():
    utdrag = search._utdrag(
        "Innledning <script>alert(1)</script> om Folkemøtet i salen", ["folkemøte"]
    )
    assert search.TREFF_START + "Folkemøtet" + search.TREFF_SLUTT in utdrag
    html = utdrag_html(utdrag)
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Folkemøtet</mark>" in html


def test_a_long_text_gives_a_short_snippet_around_the_word():
    tekst = "innledende tekst " * 100 + "her står Folkemøte midt i " + "avsluttende " * 100
    utdrag = search._utdrag(tekst, ["folkemøte"])
    assert utdrag.startswith("…") and utdrag.endswith("…")
    assert len(utdrag) <= search.UTDRAG_TEGN + 4  # two «…», the two marks
    assert "Folkemøte" in utdrag
