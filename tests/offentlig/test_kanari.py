"""The canary: a word placed in restricted titles, screened correspondents, restricted case
titles and unpublished file names never appears in anything the public journal hands out —
pages, searches, downloads, the innsynskrav receipt and the post it creates, XML, CSV, PDF."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from journal.models import Dokument, Journalpost
from journal.offentlig import eksport
from journal.services.journalposter import endre_status, legg_til_korrespondansepart
from journal.services.offentlighet import versjon
from journal.services.registration import registrer_journalpost
from tests.conftest import CANARY

from .conftest import innsynssak

pytestmark = [pytest.mark.django_db, pytest.mark.datofolsom]


@pytest.fixture
def kanari(bygg):
    sak = bygg.ny_sak(
        f"Barnevernssak {CANARY}", offentlig_tittel="Barnevernssak *****", tilgangskode="U"
    )
    poster = {
        "unntatt": bygg.post(
            f"Bekymringsmelding om {CANARY}",
            kode="U",
            offentlig_tittel="Bekymringsmelding om *****",
            skjerm_parter=True,
            parter=(("EA", f"Avsender {CANARY}", False), ("EK", f"{CANARY} AS", True)),
            sak=sak,
            dokument=f"melding-{CANARY}.pdf",
        ),
        "personal": bygg.post(
            f"Permisjonssøknad {CANARY}",
            type="U",
            kode="P",
            offentlig_tittel="Permisjonssøknad *****",
            skjerm_parter=True,
            parter=(("EM", f"Mottaker {CANARY}", False),),
            dokument=f"svar-{CANARY}.pdf",
        ),
        # Temporarily restricted: not published at all, not even its public title.
        "sperret": bygg.post(
            f"Brev fra {CANARY}",
            kode="XX",
            offentlig_tittel=f"Brev fra {CANARY} *****",
            parter=(("EA", f"Avsender {CANARY}", False),),
        ),
        # Public post, documents not published: their names stay hidden.
        "apen": bygg.post("Søknad om ferdigattest", skjerm_dokumenter=True),
        "utkast": bygg.post(f"Utkast om {CANARY}", type="U", status="R"),
        "notat": bygg.post(f"Notat om {CANARY}", type="X", parter=()),
    }
    bygg.dokument(poster["apen"], f"vedlegg-{CANARY}.pdf", tittel=f"Vedlegg {CANARY}")
    bygg.dokument(poster["unntatt"], f"vedlegg-{CANARY}.pdf", tittel=f"{CANARY}", nummer=2, som="V")
    return poster


def _uten_sokefelt(html: str) -> str:
    """The page without the search words echoed back in the search form."""
    return html.replace(f'value="{CANARY}"', 'value=""').replace(f"q={CANARY}", "q=")


def _pdf_tekst(data: bytes) -> str:
    pages = PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_canary_never_leaves_through_the_public_journal(
    client, bygg, dag, kanari, mailoutbox, django_capture_on_commit_callbacks
):
    utdata: dict[str, str] = {}
    liste = reverse("offentlig:postliste")
    for navn, params in {
        "standard": {},
        "dagen": {"fra": dag.isoformat()},
        "ord": {"q": CANARY},
        "ord og dag": {"q": CANARY, "fra": dag.isoformat()},
        "part": {"part": CANARY},
        "enhet": {"enhet": bygg.org.enhet_a.pk, "fra": dag.isoformat()},
    }.items():
        response = client.get(liste, params)
        assert response.status_code == 200
        utdata[f"liste {navn}"] = _uten_sokefelt(response.content.decode())
    assert "Ingen journalposter" in utdata["liste ord"]
    assert "Ingen journalposter" in utdata["liste part"]
    assert "Bekymringsmelding om *****" in utdata["liste dagen"]

    for navn, post in kanari.items():
        response = client.get(reverse("offentlig:journalpost", args=[post.pk]))
        assert response.status_code == (404 if navn in ("sperret", "utkast", "notat") else 200)
        utdata[f"oppslag {navn}"] = response.content.decode()
    for dokument in Dokument.objects.all():
        response = client.get(reverse("offentlig:dokument", args=[dokument.pk]))
        assert response.status_code == 404
        utdata[f"dokument {dokument.pk}"] = response.content.decode() + str(response.headers)

    # An innsynskrav on the restricted post: its title, document and receipt.
    sak = innsynssak(bygg)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("offentlig:innsyn", args=[kanari["unntatt"].pk]),
            {"navn": "Nina Journalist", "epost": "nina@avisa.no", "melding": "Takk."},
            follow=True,
        )
    assert response.status_code == 200
    utdata["innsyn side"] = response.content.decode()
    krav = Journalpost.objects.get(saksmappe=sak)
    assert krav.tittel.startswith("Innsynskrav: Bekymringsmelding om *****")
    utdata["innsynskrav tittel"] = f"{krav.tittel} {krav.offentlig_tittel}"
    utdata["innsynskrav dokument"] = krav.dokumenter.get().fil.read().decode()
    assert len(mailoutbox) == 1
    utdata["kvittering"] = f"{mailoutbox[0].subject}\n{mailoutbox[0].body}"

    utdata["xml"] = eksport.lag_xml(dag, dag).decode()
    utdata["csv"] = eksport.lag_csv(dag, dag).decode("utf-8-sig")
    pdf = _pdf_tekst(eksport.lag_pdf(dag, dag))
    assert "Bekymringsmelding om *****" in pdf  # the extraction works, so absence means
    utdata["pdf"] = pdf

    leaks = [navn for navn, tekst in utdata.items() if CANARY.lower() in tekst.lower()]
    assert leaks == []


def test_a_name_screened_in_the_title_does_not_leave_as_the_sender(client, login, bygg, dag):
    """Issue 15, defect 2: the leader ticks the words of the sender's name in the title.
    Without «Skjerm avsender/mottaker» (or an explicit «Navnet kan likevel stå offentlig»)
    the decision is refused; with the preselected screening, neither the name nor the
    words reach the public journal."""
    personas = bygg.personas
    post = registrer_journalpost(
        personas.arkiv, bygg.sak, journalposttype="I",
        tittel=f"Søknad om dispensasjon Lise {CANARY}",
        offentlig_tittel="Søknad om dispensasjon *****", tilgangskode="XX",
        saksbehandler=personas.saksbehandler,
    )  # fmt: skip
    legg_til_korrespondansepart(personas.arkiv, post, korrespondanseparttype="EA",
                                navn=f"Lise {CANARY}")  # fmt: skip
    url = reverse("journal:vurder_offentlighet", args=[post.pk])
    leder = login(personas.leder)
    skjema = leder.get(url).context["form"]
    data = {
        "versjon": versjon(post), "vedtak": "unntatt", "tilgangskode": "U",
        "skjermede_ord": ["3", "4"], "skjerm_dokumenter": "on",
    }  # fmt: skip
    assert leder.post(url, data).status_code == 400
    assert skjema["skjerm_korrespondanseparter"].value() is True
    assert leder.post(url, {**data, "skjerm_korrespondanseparter": "on"}).status_code == 302
    endre_status(personas.arkiv, Journalpost.objects.get(pk=post.pk), "journalfor")

    utdata = {
        "liste": client.get(reverse("offentlig:postliste"), {"fra": dag.isoformat()}),
        "oppslag": client.get(reverse("offentlig:journalpost", args=[post.pk])),
    }
    tekster = {navn: r.content.decode() for navn, r in utdata.items()}
    assert "Søknad om dispensasjon *****" in tekster["liste"]
    tekster["xml"] = eksport.lag_xml(dag, dag).decode()
    tekster["csv"] = eksport.lag_csv(dag, dag).decode("utf-8-sig")
    leaks = [navn for navn, tekst in tekster.items() if CANARY.lower() in tekst.lower()]
    assert leaks == []
