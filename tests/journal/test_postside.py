"""The journal post page built around the next step (issue 15 item 5): the «Neste steg» panel
at the top offers exactly the actions the permission rules allow this user now, for every
persona and post state, and every action it leaves out is refused by its service; the rest
of the page is in tabs; a finished reply says what happened to the post it answers."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal.models import Journalpost, Merknad
from journal.services import avskrivning, fordeling, tillatelser
from journal.services.avskrivning import besvar
from journal.services.godkjenning import send_til_godkjenning
from journal.services.journalposter import endre_status, legg_til_korrespondansepart
from journal.views.neste_steg import HANDLINGER
from saksarkiv.services import DomainError
from saksarkiv.tillatelser import Avslag
from tests.journal.flythjelp import eget, fersk, hoveddokument, inngaende, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

PERSONAS = ("saksbehandler", "leder", "arkiv", "radmann", "motesekretaer", "politiker")
STATUSHANDLINGER = {"motta", "journalfor", "ferdigstill", "ekspeder", "gjenapne", "utgaar"}


def side(client, user, post):
    client.force_login(user)
    return client.get(reverse("journal:journalpost", args=[post.pk]))


def handlinger(html: str) -> tuple[list[str], list[str]]:
    """(the primary actions in order, those under «Flere handlinger») of the panel."""
    panel = html[html.index('id="neste-steg"') :]
    panel = panel[: panel.index("<!-- /neste-steg -->")]
    primar, _, flere = panel.partition('id="flere-handlinger"')
    finn = re.compile(r'data-handling="([a-z_]+)"')
    return finn.findall(primar), finn.findall(flere)


def _svar(personas, sak):
    inn = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    svar = besvar(personas.saksbehandler, inn)
    hoveddokument(svar, personas.saksbehandler)
    return inn, svar


@pytest.fixture
def poster(personas, sak, org):
    """Posts in the states the panel must get right."""
    sb, arkiv = personas.saksbehandler, personas.arkiv
    mottatt = inngaende(arkiv, sak, saksbehandler=sb, tittel="Mottatt søknad")
    kontrollert = endre_status(
        sb, inngaende(arkiv, sak, saksbehandler=sb, tittel="Kontrollert"), "motta"
    )
    ufordelt = inngaende(arkiv, sak, tittel="Ufordelt nabovarsel")
    xx = inngaende(
        arkiv,
        sak,
        saksbehandler=sb,
        tittel="Klage fra nabo Hansen",
        tilgangskode="XX",
        offentlig_tittel="Klage fra nabo *****",
    )
    skjermet = inngaende(
        arkiv,
        sak,
        saksbehandler=sb,
        tittel="Helseopplysninger om søker",
        tilgangskode="U",
        skjermingshjemmel="Offl. § 13",
        offentlig_tittel="Opplysninger om søker",
        skjerm_korrespondanseparter=True,
    )
    utkast = eget(sb, sak, "U", tittel="Vedtak om tillatelse")
    hoveddokument(utkast, sb)
    _, ferdig = _svar(personas, sak)
    ferdig = endre_status(sb, ferdig, "ferdigstill")
    _, ekspedert = _svar(personas, sak)
    ekspedert = endre_status(sb, endre_status(sb, ekspedert, "ferdigstill"), "ekspeder")
    _, journalfort = _svar(personas, sak)
    journalfort = endre_status(sb, endre_status(sb, journalfort, "ferdigstill"), "ekspeder")
    journalfort = endre_status(arkiv, journalfort, "journalfor")
    _, til_godkjenning = _svar(personas, sak)
    send_til_godkjenning(sb, til_godkjenning, personas.leder, melding="Se over")
    notat = eget(personas.stedfortreder, sak, "N", tittel="Notat om befaring")
    legg_til_korrespondansepart(
        personas.stedfortreder, notat, korrespondanseparttype="IM", navn="", person=sb
    )
    Journalpost.objects.filter(pk=notat.pk).update(journalstatus="E")
    return {
        "mottatt": mottatt,
        "kontrollert": kontrollert,
        "ufordelt": ufordelt,
        "xx": xx,
        "skjermet": skjermet,
        "utkast": utkast,
        "ferdig": ferdig,
        "ekspedert": ekspedert,
        "journalfort": journalfort,
        "til_godkjenning": til_godkjenning,
        "notat": fersk(notat),
    }


def _kall_tjenesten(user, post, handling, personas):
    """The service of `handling`, as the page's form would call it."""
    if handling in STATUSHANDLINGER:
        return endre_status(user, post, handling, begrunnelse="Feilregistrert")
    if handling == "avskriv":
        return avskrivning.avskriv(user, post, "TE")
    if handling == "besvar":
        return avskrivning.besvar(user, post)
    if handling == "fordel":
        return fordeling.fordel(
            user, post, enhet=post.administrativ_enhet, saksbehandler=personas.saksbehandler
        )
    return None


def test_the_panel_offers_exactly_what_the_services_accept(client, personas, poster):
    seen = 0
    for navn in PERSONAS:
        user = getattr(personas, navn)
        for tilstand, post in poster.items():
            post = fersk(post)
            response = side(client, user, post)
            if response.status_code == 404:  # not known to the user at all: nothing to offer
                continue
            assert response.status_code == 200, (navn, tilstand)
            primar, flere = handlinger(response.content.decode())
            tilbudt = primar + flere
            assert len(tilbudt) == len(set(tilbudt)), (navn, tilstand, tilbudt)
            regler = tillatelser.journalpost(user, fersk(post))
            assert set(tilbudt) == {h for h in HANDLINGER if regler.kan[h]}, (navn, tilstand)
            for handling in set(HANDLINGER) - set(tilbudt):
                assert isinstance(regler[handling], Avslag), (navn, tilstand, handling)
                for_kallet = fersk(post)
                with pytest.raises(DomainError):
                    if _kall_tjenesten(user, for_kallet, handling, personas) is None:
                        raise DomainError("bare regelen")  # no form-less service to call
                etter = fersk(post)
                assert (etter.journalstatus, etter.saksbehandler_id, etter.avskrevet_dato) == (
                    for_kallet.journalstatus,
                    for_kallet.saksbehandler_id,
                    for_kallet.avskrevet_dato,
                ), (navn, tilstand, handling)
            seen += len(tilbudt)
    assert seen > 40  # the comparison saw real panels


def test_the_primary_next_step_comes_first(client, personas, poster):
    sb, leder, arkiv = personas.saksbehandler, personas.leder, personas.arkiv
    primar, _ = handlinger(side(client, sb, poster["mottatt"]).content.decode())
    assert primar[:2] == ["besvar", "avskriv"]
    primar, _ = handlinger(side(client, arkiv, poster["kontrollert"]).content.decode())
    assert primar[0] == "journalfor"
    primar, _ = handlinger(side(client, arkiv, poster["ekspedert"]).content.decode())
    assert primar[0] == "journalfor"
    primar, _ = handlinger(side(client, leder, poster["ufordelt"]).content.decode())
    assert primar[0] == "fordel"
    primar, _ = handlinger(side(client, leder, poster["xx"]).content.decode())
    assert primar[0] == "offentlighetsvurder"
    primar, _ = handlinger(side(client, sb, poster["utkast"]).content.decode())
    assert primar[:2] == ["ferdigstill", "send_godkjenning"]
    primar, _ = handlinger(side(client, sb, poster["notat"]).content.decode())
    assert primar[:2] == ["besvar", "avskriv"]


def test_archive_is_not_offered_besvar_and_avskriv_up_front(client, personas, poster):
    primar, flere = handlinger(side(client, personas.arkiv, poster["mottatt"]).content.decode())
    assert "besvar" not in primar and "avskriv" not in primar
    # The rules let archive write off: then it is there, under «Flere handlinger».
    assert {"besvar", "avskriv"} <= set(flere)
    body = side(client, personas.arkiv, poster["mottatt"]).content.decode()
    assert re.search(r'<details[^>]*id="flere-handlinger"(?![^>]*\bopen\b)', body)


def test_the_approver_answers_from_the_panel(client, personas, poster):
    body = side(client, personas.leder, poster["til_godkjenning"]).content.decode()
    panel = body[body.index('id="neste-steg"') : body.index("<!-- /neste-steg -->")]
    assert 'data-godkjenning="svar"' in panel
    assert "Se over" in panel  # the message the caseworker sent with it
    body = side(client, personas.saksbehandler, poster["til_godkjenning"]).content.decode()
    assert 'data-godkjenning="svar"' not in body


def test_a_refused_form_comes_back_open_with_its_message(client, personas, poster):
    client.force_login(personas.saksbehandler)
    url = reverse("journal:avskriv", args=[poster["mottatt"].pk])
    response = client.post(url, {"avskriv-avskrivningsmaate": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert re.search(r'<details[^>]*data-handling="avskriv"[^>]*\bopen\b', body)
    assert "felt--feil" in body


def test_the_rest_is_in_tabs_that_work_without_script(client, personas, poster):
    body = side(client, personas.saksbehandler, poster["mottatt"]).content.decode()
    faner = re.findall(r'<a href="#(fane-[a-z]+)"[^>]*data-fane', body)
    assert faner[:2] == ["fane-opplysninger", "fane-dokumenter"]
    assert "fane-avskrivning" in faner and "fane-historikk" in faner
    for fane in faner:
        assert f'<div class="fane" id="{fane}">' in body, fane
    assert re.search(r'<script src="[^"]*js/faner\.js" defer>', body)
    # CSP: no inline scripts or styles on the page.
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body)
    assert "<style" not in body and ' style="' not in body


def test_a_dispatched_reply_says_what_happened_and_its_date(client, personas, sak):
    """Defect 3: «Besvarer 2026/960-1 (avskrives når svaret er ferdig)» and «Dokumentdato —»
    on a reply that was finished and sent long ago."""
    sb = personas.saksbehandler
    inn, svar = _svar(personas, sak)
    body = side(client, sb, svar).content.decode()
    assert "(avskrives når svaret er ferdig)" in body  # a draft: that is what will happen

    svar = endre_status(sb, endre_status(sb, svar, "ferdigstill"), "ekspeder")
    idag = timezone.localdate().strftime("%d.%m.%Y")
    body = side(client, sb, svar).content.decode()
    assert "avskrives når svaret er ferdig" not in body
    besvarer = body[body.index("<dt>Besvarer</dt>") :][:600]
    besvarer = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", besvarer))
    assert f"{sak.saksnummer}-{inn.dokumentnummer} – avskrevet {idag} med BU" in besvarer
    dokumentdato = body[body.index("<dt>Dokumentdato</dt>") :][:80]
    assert idag in dokumentdato and "—" not in dokumentdato


def test_a_reply_that_did_not_write_off_says_so(client, personas, sak):
    sb = personas.saksbehandler
    inn = inngaende(personas.arkiv, sak, saksbehandler=sb)
    svar = besvar(sb, inn, avskriv_ved_ferdigstilling=False)
    body = side(client, sb, svar).content.decode()
    assert "avskrives når svaret er ferdig" not in body
    assert "(besvart uten å avskrive)" in body


def _tell(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_does_not_grow_with_what_the_post_holds(client, personas, poster):
    brukere = (personas.saksbehandler, personas.leder, personas.arkiv)
    for tilstand in ("mottatt", "til_godkjenning"):
        post = poster[tilstand]
        url = reverse("journal:journalpost", args=[post.pk])
        before = {}
        for user in brukere:
            client.force_login(user)
            before[user.pk] = _tell(client, url)
            assert before[user.pk] <= 45, (tilstand, user.username, before[user.pk])
        for i in range(4):
            legg_til_korrespondansepart(
                personas.arkiv, fersk(post), korrespondanseparttype="EK", navn=f"Kopi {i}"
            )
            Merknad.objects.create(
                journalpost=post, tekst=f"Merknad {i}", registrert_av=personas.saksbehandler
            )
            hoveddokument(post, personas.saksbehandler, som="V", nummer=10 + i)
        for user in brukere:
            client.force_login(user)
            assert _tell(client, url) == before[user.pk], (tilstand, user.username)
