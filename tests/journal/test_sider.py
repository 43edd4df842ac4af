"""Every journal page × every persona: status codes, the canary, and query counts."""

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal.models import Dokument, Korrespondansepart, Sakspart
from journal.services import tillatelser
from journal.services.registration import opprett_sak, registrer_journalpost
from tests.conftest import CANARY

pytestmark = pytest.mark.django_db

# Those who may read the restricted case: its responsible caseworker and the U-cleared.
CLEARED = {"saksbehandler", "klarert_u"}


def _dokument(actor, post, name):
    return Dokument.objects.create(
        journalpost=post,
        tilknyttet_registrering_som="H",
        dokumentnummer=1,
        tittel=name,
        fil=ContentFile(b"%PDF-1.4 test", name=f"{name}.pdf"),
        filnavn=f"{name}.pdf",
        mimetype="application/pdf",
        storrelse=13,
        sjekksum="0" * 64,
        opprettet_av=actor,
    )


@pytest.fixture
def data(personas, org):
    arkiv, sb = personas.arkiv, personas.saksbehandler
    public = opprett_sak(
        sb, tittel="Søknad om byggetillatelse – Fjordvegen 5", administrativ_enhet=org.enhet_a
    )
    incoming = registrer_journalpost(
        arkiv, public, journalposttype="I", tittel="Søknad om byggetillatelse", saksbehandler=sb,
        administrativ_enhet=org.enhet_a,
    )  # fmt: skip
    Korrespondansepart.objects.create(
        journalpost=incoming, korrespondanseparttype="EA", navn="Ola Utbygger"
    )
    draft = registrer_journalpost(sb, public, journalposttype="U", tittel="Svar på søknad")
    unassigned = registrer_journalpost(
        arkiv, public, journalposttype="I", tittel="Nabomerknad", administrativ_enhet=org.enhet_a
    )
    secret = opprett_sak(
        sb,
        tittel=f"Barnevernssak – {CANARY}",
        offentlig_tittel="Barnevernssak – *****",
        tilgangskode="U",
        administrativ_enhet=org.enhet_a,
    )
    secret.skjerm_parter = True
    secret.obs_dato = timezone.localdate()  # on the OBS lists
    secret.save()
    Sakspart.objects.create(saksmappe=secret, navn=f"Part {CANARY}")
    secret_post = registrer_journalpost(
        arkiv, secret, journalposttype="I", tittel=f"Bekymringsmelding {CANARY}",
        offentlig_tittel="Bekymringsmelding *****", tilgangskode="U", saksbehandler=sb,
        administrativ_enhet=org.enhet_a,
    )  # fmt: skip
    secret_post.skjerm_korrespondanseparter = True
    secret_post.forfallsdato = timezone.localdate()  # on the due lists
    secret_post.save()
    Korrespondansepart.objects.create(
        journalpost=secret_post, korrespondanseparttype="EA", navn=f"Avsender {CANARY}"
    )
    dokument = _dokument(arkiv, secret_post, f"brev-{CANARY}")
    return {
        "public": public,
        "incoming": incoming,
        "draft": draft,
        "unassigned": unassigned,
        "secret": secret,
        "secret_post": secret_post,
        "dokument": dokument,
    }


def _pages(d):
    """(name, url, expected status per persona: '*' default)."""
    return [
        ("ny_sak", reverse("journal:ny_sak"), {"*": 200, "politiker": 403}),
        ("mine_saker", reverse("journal:mine_saker"), {"*": 200}),
        ("sak", reverse("journal:sak", args=[d["public"].pk]), {"*": 200}),
        ("sak_skjermet", reverse("journal:sak", args=[d["secret"].pk]), {"*": 200}),
        ("endre_sak", reverse("journal:endre_sak", args=[d["public"].pk]),
         {"*": 403, "saksbehandler": 200, "arkiv": 200, "leder": 200, "sektorleder": 200,
          "stedfortreder": 200, "radmann": 200}),
        ("endre_sak_skjermet", reverse("journal:endre_sak", args=[d["secret"].pk]),
         {"*": 403, "saksbehandler": 200}),
        ("journalpost", reverse("journal:journalpost", args=[d["incoming"].pk]), {"*": 200}),
        ("journalpost_skjermet", reverse("journal:journalpost", args=[d["secret_post"].pk]),
         {"*": 200}),
        ("utkast", reverse("journal:journalpost", args=[d["draft"].pk]), {"*": 200}),
        ("ny_journalpost", reverse("journal:ny_journalpost", args=[d["public"].pk]),
         {"*": 200, "politiker": 403}),
        ("endre_journalpost", reverse("journal:endre_journalpost", args=[d["draft"].pk]),
         {"*": 403, "saksbehandler": 200, "arkiv": 200, "leder": 200, "sektorleder": 200,
          "stedfortreder": 200, "radmann": 200}),
        ("innboks", reverse("journal:innboks"), {"*": 200}),
        ("ufordelte", reverse("journal:ufordelte"),
         {"*": 403, "arkiv": 200, "leder": 200, "sektorleder": 200, "stedfortreder": 200,
          "leder_annen": 200, "radmann": 200}),
        ("godkjenninger", reverse("journal:godkjenninger"), {"*": 200}),
        ("restanser", reverse("journal:restanser"), {"*": 200}),
        ("forfall", reverse("journal:forfall"), {"*": 200}),
        ("forfall_enhet", reverse("journal:forfall") + "?vis=enhet", {"*": 200}),
        ("obs", reverse("journal:obs"), {"*": 200}),
        ("obs_enhet", reverse("journal:obs") + "?vis=enhet", {"*": 200}),
        ("konsepter", reverse("journal:konsepter"), {"*": 200}),
        ("mottatte", reverse("journal:mottatte"), LEDERE),
        ("offentlighetsvurdering", reverse("journal:offentlighetsvurdering"), LEDERE),
        ("godkjenning_leder", reverse("journal:godkjenning_leder"), LEDERE),
        ("endelig_godkjenning", reverse("journal:endelig_godkjenning"),
         {"*": 403, "radmann": 200}),
        *[(f"arkivkontroll_{vis}", reverse("journal:arkivkontroll") + f"?vis={vis}",
           {"*": 403, "arkiv": 200})
          for vis in ("journalforing", "midlertidig", "xx_over_frist", "reserverte_saker",
                      "onskes_avsluttet")],
        ("arbeidsbord", reverse("arbeidsbord"), {"*": 200}),
        ("kopiboks", reverse("journal:kopiboks"), {"*": 200}),
        ("journalforing", reverse("journal:journalforing"), {"*": 403, "arkiv": 200}),
        ("journalforing_m", reverse("journal:journalforing") + "?vis=midlertidig",
         {"*": 403, "arkiv": 200}),
        ("registrer_inngaaende", reverse("journal:registrer_inngaaende"),
         {"*": 403, "arkiv": 200}),
        ("sok", reverse("journal:sok") + "?q=Barnevernssak", {"*": 200}),
        ("sok_poster", reverse("journal:sok") + "?type=journalposter&q=Bekymringsmelding",
         {"*": 200}),
        ("dokument", reverse("journal:dokument_last_ned", args=[d["dokument"].pk]),
         {"*": 404, "saksbehandler": 200, "klarert_u": 200}),
    ]  # fmt: skip


LEDERE = {"*": 403, "leder": 200, "sektorleder": 200, "stedfortreder": 200,
          "leder_annen": 200, "radmann": 200}  # fmt: skip


def test_every_journal_page_for_every_persona(client, personas, data):
    for name, url, expected in _pages(data):
        for persona, user in personas.all().items():
            client.force_login(user)
            response = client.get(url)
            want = expected.get(persona, expected["*"])
            assert response.status_code == want, (name, persona, response.status_code)
            if persona not in CLEARED:
                body = b"".join(response) if response.streaming else response.content
                assert CANARY.encode() not in body, (name, persona)
        client.logout()
        response = client.get(url)
        assert response.status_code == 302 and "/logg-inn/" in response["Location"], name


def test_cleared_personas_see_the_restricted_values(client, personas, data):
    client.force_login(personas.klarert_u)
    body = client.get(reverse("journal:journalpost", args=[data["secret_post"].pk])).content
    assert f"Bekymringsmelding {CANARY}".encode() in body
    assert f"Avsender {CANARY}".encode() in body
    body = client.get(reverse("journal:sak", args=[data["secret"].pk])).content
    assert f"Part {CANARY}".encode() in body


def test_uncleared_see_public_title_and_screening_markers(client, personas, data):
    client.force_login(personas.saksbehandler_annen)
    body = client.get(reverse("journal:journalpost", args=[data["secret_post"].pk])).content
    text = body.decode()
    assert "Bekymringsmelding *****" in text
    assert "skjermet" in text


def _count_queries(client, url):
    client.get(url)  # the first request of a session stores its timeout stamp
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


LIST_PAGES = ["journal:innboks", "journal:kopiboks", "journal:mine_saker"]


def test_list_pages_do_not_query_per_row(client, personas, org):
    sb, arkiv, leder = personas.saksbehandler, personas.arkiv, personas.leder
    sak = opprett_sak(sb, tittel="Massesak", administrativ_enhet=org.enhet_a)

    def add(n):
        for i in range(n):
            post = registrer_journalpost(
                arkiv, sak, journalposttype="I", tittel=f"Brev {i}", saksbehandler=sb,
                administrativ_enhet=org.enhet_a,
            )  # fmt: skip
            Korrespondansepart.objects.create(
                journalpost=post, korrespondanseparttype="IK", navn="Sara", person=sb
            )
            opprett_sak(sb, tittel=f"Sak {i}", administrativ_enhet=org.enhet_a)
            registrer_journalpost(
                arkiv, sak, journalposttype="I", tittel=f"Ufordelt {i}",
                administrativ_enhet=org.enhet_a,
            )  # fmt: skip

    add(2)
    pages = [
        (sb, reverse(name)) for name in LIST_PAGES
    ] + [
        (leder, reverse("journal:ufordelte")),
        (arkiv, reverse("journal:journalforing") + "?vis=midlertidig"),
        (sb, reverse("journal:sak", args=[sak.pk])),
    ]  # fmt: skip
    before = {}
    for user, url in pages:
        client.force_login(user)
        before[url] = _count_queries(client, url)
    add(20)
    for user, url in pages:
        client.force_login(user)
        assert _count_queries(client, url) == before[url], url
        assert before[url] <= 25, (url, before[url])


def test_leader_distributes_from_the_undistributed_list(client, personas, data, org):
    client.force_login(personas.leder)
    body = client.get(reverse("journal:ufordelte")).content.decode()
    assert "Nabomerknad" in body
    response = client.post(
        reverse("journal:fordel", args=[data["unassigned"].pk]),
        {"fordel-enhet": org.enhet_a.pk, "fordel-saksbehandler": personas.saksbehandler.pk},
    )
    assert response.status_code == 302
    data["unassigned"].refresh_from_db()
    assert data["unassigned"].saksbehandler == personas.saksbehandler
    assert tillatelser.journalpost(personas.leder, data["unassigned"]).kan.fordel


def test_mine_saker_pages_with_keysets(client, personas, org):
    """«Mine saker» pages like every long list: «Neste 50» carries the last case's number."""
    import html
    import re

    sb = personas.saksbehandler
    for i in range(55):
        opprett_sak(sb, tittel=f"Egen sak {i}", administrativ_enhet=org.enhet_a)
    client.force_login(sb)
    first = client.get(reverse("journal:mine_saker")).content.decode()
    assert "55 saker, viser 1–50" in first and "Egen sak 54<" in first
    neste = html.unescape(re.search(r'href="\?([^"]*etter=[^"]*)" rel="next"', first)[1])
    second = client.get(reverse("journal:mine_saker") + "?" + neste).content.decode()
    assert "55 saker, viser 51–55" in second and "Egen sak 0<" in second
    assert "Egen sak 54<" not in second and "Første side" in second
