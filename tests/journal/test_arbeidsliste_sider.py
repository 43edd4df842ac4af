"""The worklist pages: every page costs the same few queries whatever the number of rows
(≤ 10, issue 4), keyset paging walks a long list without gaps or repeats, sorting and
filters work, bad input never gives a 500, and the start page shows every list's count.
Dates are counted from the frozen day of the test clock (tests/klokke.py)."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from journal import arbeidslister as al
from journal.models import (
    Dokument,
    Innstillinger,
    Journalpost,
    Korrespondansepart,
    Saksmappe,
)
from journal.services.godkjenning import (
    besvar_godkjenning,
    send_til_godkjenning,
)
from journal.services.registration import opprett_sak, registrer_journalpost
from saksarkiv import workdays
from tests.journal.flythjelp import hoveddokument, media  # noqa: F401 - fixture
from utvalg.models import Utvalg
from utvalg.services import sett_behandling

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

MAKS_SPORRINGER = 10
# The start page counts each app's tiles: one more for the verksemdsplan's overdue assignments.
MAKS_SPORRINGER_ARBEIDSBORD = 11


def _fill(personas, org, n: int):
    """n rows in every worklist of the personas below."""
    sb, arkiv, leder = personas.saksbehandler, personas.arkiv, personas.leder
    today = timezone.localdate()
    utvalg, _new = Utvalg.objects.get_or_create(kode="FSK", defaults={"navn": "Formannskapet"})
    for i in range(n):
        sak = opprett_sak(sb, tittel=f"Sak {i}", administrativ_enhet=org.enhet_a)
        Saksmappe.objects.filter(pk=sak.pk).update(obs_dato=today, onskes_avsluttet=True)
        inn = registrer_journalpost(
            arkiv, sak, journalposttype="I", tittel=f"Brev {i}", saksbehandler=sb,
            tilgangskode="U" if i % 2 else None, offentlig_tittel=f"Brev {i} *****",
        )  # fmt: skip
        Journalpost.objects.filter(pk=inn.pk).update(forfallsdato=today, journalstatus="S")
        Korrespondansepart.objects.create(
            journalpost=inn, korrespondanseparttype="IK", navn="Sara", person=sb
        )
        # Restricted and without caseworker: innsyn must still be decided in the list query.
        registrer_journalpost(
            arkiv, sak, journalposttype="I", tittel=f"Ufordelt {i}",
            tilgangskode="U" if i % 2 else None, offentlig_tittel=f"Ufordelt {i} *****",
        )  # fmt: skip
        registrer_journalpost(
            arkiv, sak, journalposttype="I", tittel=f"Leder {i}", saksbehandler=leder
        )
        xx = registrer_journalpost(
            arkiv, sak, journalposttype="I", tittel=f"Sperret {i}", tilgangskode="XX",
            offentlig_tittel="Sperret *****",
        )  # fmt: skip
        Journalpost.objects.filter(pk=xx.pk).update(journaldato=today - datetime.timedelta(days=20))
        utkast = registrer_journalpost(sb, sak, journalposttype="U", tittel=f"Utkast {i}")
        til_godkjenning = registrer_journalpost(sb, sak, journalposttype="X", tittel=f"Notat {i}")
        hoveddokument(til_godkjenning, sb)
        send_til_godkjenning(sb, til_godkjenning, leder)
        Journalpost.objects.filter(pk=utkast.pk).update(journalstatus="R")
        # «Arkivformat feilet»: a document whose PDF/A conversion failed.
        hoveddokument(utkast, sb, arkivformat=False)
        Dokument.objects.filter(journalpost=utkast).update(arkivstatus="feilet")
        framlegg = registrer_journalpost(sb, sak, journalposttype="S", tittel=f"Framlegg {i}")
        hoveddokument(framlegg, sb)
        sett_behandling(sb, framlegg, utvalg, sakstype="PS")
        besvar_godkjenning(leder, send_til_godkjenning(sb, framlegg, leder), godkjent=True)


def _pages(personas):
    sb, leder, arkiv = personas.saksbehandler, personas.leder, personas.arkiv
    pages = []
    for liste in al.LISTER:
        url = reverse(f"journal:{liste.side}") + (f"?vis={liste.fane}" if liste.fane else "")
        for user in (sb, leder, personas.stedfortreder, arkiv, personas.radmann):
            if liste.tilgang(al.Kontekst(user)):
                pages.append((liste.kode, user, url))
                break
    pages.append(("arbeidsbord", leder, reverse("arbeidsbord")))
    pages.append(("arbeidsbord", arkiv, reverse("arbeidsbord")))
    return pages


def _count(client, user, url):
    client.force_login(user)
    client.get(url)  # the first request of a session stores its timeout stamp
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response.content.decode()


def test_every_worklist_page_costs_the_same_few_queries(client, personas, org):
    _fill(personas, org, 2)
    pages = _pages(personas)
    assert {kode for kode, _u, _url in pages} >= {liste.kode for liste in al.LISTER}
    before = {}
    for kode, user, url in pages:
        before[(kode, user.pk)], body = _count(client, user, url)
        if kode != "arbeidsbord":
            assert "Viser 1–" in body, (kode, body[:2000])
    _fill(personas, org, 12)
    for kode, user, url in pages:
        queries, _body = _count(client, user, url)
        assert queries == before[(kode, user.pk)], kode
        maks = MAKS_SPORRINGER_ARBEIDSBORD if kode == "arbeidsbord" else MAKS_SPORRINGER
        assert queries <= maks, (kode, queries)


@pytest.mark.datofolsom
def test_start_page_shows_each_list_with_its_count(client, personas, org):
    _fill(personas, org, 2)
    client.force_login(personas.leder)
    body = client.get(reverse("arbeidsbord")).content.decode()
    kontekst = al.Kontekst(personas.leder)
    for liste in al.tilgjengelige(kontekst):
        count = liste.queryset(kontekst).count()
        assert re.search(
            rf"<span>{re.escape(liste.navn)}</span> <span class=\"tall\">{count}</span>", body
        ), liste.navn


def _ids(body):
    return re.findall(r'href="/journalposter/(\d+)/"', body)


@pytest.mark.datofolsom
def test_keyset_paging_walks_the_whole_list_once(client, personas, org):
    sb, arkiv = personas.saksbehandler, personas.arkiv
    sak = opprett_sak(sb, tittel="Mange brev", administrativ_enhet=org.enhet_a)
    day = timezone.localdate() - datetime.timedelta(days=20)  # journal dates before today
    posts = []
    for i in range(57):
        # Several posts share a journal date: the key must break ties by number.
        post = registrer_journalpost(
            arkiv, sak, journalposttype="I", tittel=f"Brev {i}", saksbehandler=sb,
            journaldato=day + datetime.timedelta(days=i // 4),
        )  # fmt: skip
        Journalpost.objects.filter(pk=post.pk).update(
            forfallsdato=None if i % 3 else day + datetime.timedelta(days=60 - i),
        )
        posts.append(post.pk)
    client.force_login(sb)
    for sorter in ("eldst", "nyest", "forfall"):
        url = reverse("journal:restanser") + f"?sorter={sorter}"
        seen = []
        while url:
            body = client.get(url).content.decode()
            seen += [int(pk) for pk in _ids(body)]
            match = re.search(r'href="\?([^"]*)" rel="next"', body)
            url = (
                reverse("journal:restanser") + "?" + match.group(1).replace("&amp;", "&")
                if match
                else None
            )
        assert sorted(seen) == sorted(posts), sorter
        assert len(seen) == len(set(seen)) == 57
    body = client.get(reverse("journal:restanser") + "?sorter=eldst").content.decode()
    assert "Viser 1–50 av 57" in body
    first = [int(pk) for pk in _ids(body)]
    assert first == sorted(posts)[:50]


@pytest.mark.parametrize(
    "query",
    ["etter=%%%", "etter=eyJrIjpbMV0sIm4iOjF9", "sorter=tull", "fra=2026-13-45", "enhet=abc",
     "vis=ukjent", "journalposttype=Z", "fra=2026-05-01&til=2026-01-01"],
)  # fmt: skip
def test_bad_input_never_gives_a_500(client, personas, org, query):
    client.force_login(personas.arkiv)
    for name in ("journal:restanser", "journal:arkivkontroll", "journal:obs"):
        response = client.get(reverse(name) + "?" + query)
        assert response.status_code == 200, (name, query)


@pytest.mark.datofolsom
def test_filters_narrow_the_list_and_show_errors_beside_the_field(client, personas, org):
    sb, arkiv = personas.saksbehandler, personas.arkiv
    sak = opprett_sak(sb, tittel="Filter", administrativ_enhet=org.enhet_a)
    registrer_journalpost(arkiv, sak, journalposttype="I", tittel="Nabovarsel", saksbehandler=sb)
    registrer_journalpost(arkiv, sak, journalposttype="I", tittel="Klage", saksbehandler=sb)
    client.force_login(sb)
    body = client.get(reverse("journal:restanser") + "?q=nabovarsel").content.decode()
    assert "Nabovarsel" in body and "Klage" not in body
    body = client.get(
        reverse("journal:restanser") + "?fra=2026-05-01&til=2026-01-01"
    ).content.decode()
    assert "Til-datoen kan ikke være før fra-datoen." in body
    assert "Nabovarsel" not in body


@pytest.mark.datofolsom
def test_overdue_rows_are_marked_in_words(client, personas, org):
    sb, arkiv = personas.saksbehandler, personas.arkiv
    sak = opprett_sak(sb, tittel="Frister", administrativ_enhet=org.enhet_a)
    today = timezone.localdate()
    for tittel, frist in (("Gammel", -3), ("Snart", 2), ("Senere", 30)):
        post = registrer_journalpost(
            arkiv, sak, journalposttype="I", tittel=tittel, saksbehandler=sb
        )
        Journalpost.objects.filter(pk=post.pk).update(
            forfallsdato=today + datetime.timedelta(days=frist)
        )
    client.force_login(sb)
    body = client.get(reverse("journal:restanser") + "?sorter=forfall").content.decode()
    rows = re.findall(r"<tr( class=\"rad--\w+\")?>(.*?)</tr>", body, re.S)
    marks = {
        re.search(r"(Gammel|Snart|Senere)", row).group(1): row
        for _c, row in rows
        if re.search(r"(Gammel|Snart|Senere)", row)
    }
    assert "Forfalt" in marks["Gammel"]
    assert "Forfaller snart" in marks["Snart"]
    assert "Forfal" not in marks["Senere"]
    # The window is a setting.
    innst = Innstillinger.hent()
    innst.varsel_dager = 1
    innst.save()
    body = client.get(reverse("journal:restanser")).content.decode()
    assert "Forfaller snart" not in body


def _xx_post(personas, org):
    sak = opprett_sak(personas.saksbehandler, tittel="XX", administrativ_enhet=org.enhet_a)
    return registrer_journalpost(
        personas.arkiv, sak, journalposttype="I", tittel="Sperret brev", tilgangskode="XX",
        offentlig_tittel="Sperret *****",
    )  # fmt: skip


def _frist_html(dag):
    return f'<time datetime="{dag.isoformat()}">{dag:%d.%m.%Y}</time>'


@pytest.mark.datofolsom
def test_xx_list_shows_working_days_left(client, personas, org):
    arkiv = personas.arkiv
    today = timezone.localdate()
    post = _xx_post(personas, org)
    client.force_login(personas.leder)
    body = client.get(reverse("journal:offentlighetsvurdering")).content.decode()
    assert "Sperret brev" in body
    # Journalised today: three working days left, whatever day today is.
    frist = workdays.add_working_days(today, 3)
    assert f'{_frist_html(frist)} <span class="dager-igjen">(3 arbeidsdager igjen)' in body
    journaldato = today - datetime.timedelta(days=30)
    Journalpost.objects.filter(pk=post.pk).update(journaldato=journaldato)
    body = client.get(reverse("journal:offentlighetsvurdering")).content.decode()
    frist = workdays.add_working_days(journaldato, 3)
    over = workdays.working_days_between(frist, today)
    assert f'{_frist_html(frist)} <span class="dager-igjen">({over} arbeidsdager over fristen)' in (
        body
    )
    assert "Forfalt" in body
    client.force_login(arkiv)
    body = client.get(reverse("journal:arkivkontroll") + "?vis=xx_over_frist").content.decode()
    assert "Sperret brev" in body


@pytest.mark.klokke("2026-11-24T10:00")  # a Tuesday: the deadline is Friday 27 November
def test_xx_list_counts_a_passed_deadline_as_passed_over_the_weekend(client, personas, org, klokke):
    _xx_post(personas, org)
    klokke.flytt_til(datetime.date(2026, 11, 28))  # the Saturday after
    client.force_login(personas.leder)
    body = client.get(reverse("journal:offentlighetsvurdering")).content.decode()
    assert "Forfalt" in body
    assert "(1 arbeidsdag over fristen)" in body, body
