"""One list pattern (issue 14, item 4): every list page is a `saksarkiv.lister.Listeside`
on `saksarkiv.keyset`, and nothing pages any other way."""

import html
import re
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from journal.views.rapporter import Restanseliste
from saksarkiv import keyset
from saksarkiv.lister import Listeside
from tests.journal.flythjelp import inngaende, ny_sak

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = ("saksarkiv", "journal", "utvalg", "vedtak", "verksemdsplan")

# Every list a user pages through, by URL name.
LISTER = [
    "journal:innboks", "journal:restanser", "journal:forfall", "journal:obs",
    "journal:konsepter", "journal:kopiboks", "journal:ufordelte", "journal:mottatte",
    "journal:offentlighetsvurdering", "journal:godkjenning_leder",
    "journal:endelig_godkjenning", "journal:arkivkontroll", "journal:journalforing",
    "journal:sok", "journal:mine_saker", "journal:restanseliste", "journal:rapporter",
    "endringslogg", "offentlig:postliste", "utvalg:liste", "utvalg:koliste", "utvalg:mine",
    "utvalg:maler", "utvalg:vedtak", "vedtak:mine", "vedtak:enhet", "vedtak:uten_oppfolging",
    "vedtak_offentlig:oversikt", "journal:kontakter",
]  # fmt: skip
LISTER += ["verksemdsplan:oppdrag_mine", "verksemdsplan:oppdrag_eininga"]  # assignments


def _view_classes():
    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = f"{pattern.namespace}:" if pattern.namespace else ""
                yield from walk(pattern.url_patterns, prefix + ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                yield prefix + pattern.name, getattr(pattern.callback, "view_class", None)

    return dict(walk(get_resolver().url_patterns))


def test_every_list_page_is_a_listeside():
    views = _view_classes()
    for name in LISTER:
        assert name in views, name
        assert views[name] is not None and issubclass(views[name], Listeside), name
    # And every Listeside in the URL conf is in the list above, so the list stays true.
    assert {n for n, v in views.items() if v and issubclass(v, Listeside)} == set(LISTER)


def test_nothing_pages_another_way():
    """No page-number paginator and no keyset page built outside the pattern."""
    for app in PRODUCT:
        for path in (ROOT / app).rglob("*.py"):
            source = path.read_text()
            where = path.relative_to(ROOT)
            assert "django.core.paginator" not in source, where
            if str(where) not in ("saksarkiv/lister.py", "saksarkiv/keyset.py"):
                # The public journal's page (journal/offentlig/poster.py) is called by its
                # Listeside under the statement time limit.
                assert "keyset.side(" not in source or where.name == "poster.py", where
    for path in (ROOT / "templates").rglob("*.html"):
        assert "paginator" not in path.read_text(), path


def test_a_computed_list_pages_by_its_last_row_even_when_rows_go():
    class Rad:
        def __init__(self, pk):
            self.pk = pk

    rader = [Rad(pk) for pk in (7, 3, 9, 1, 4)]
    first = keyset.side_av_liste(rader, None, 2)
    assert [r.pk for r in first.rader] == [7, 3] and first.antall == 5 and first.neste
    second = keyset.side_av_liste(rader, first.neste, 2)
    assert [r.pk for r in second.rader] == [9, 1] and second.fra == 3
    # Row 3 was written off between the pages: the next page still starts after it.
    uten = [r for r in rader if r.pk != 3]
    assert [r.pk for r in keyset.side_av_liste(uten, first.neste, 2).rader] == [9, 1]
    last = keyset.side_av_liste(rader, second.neste, 2)
    assert [r.pk for r in last.rader] == [4] and last.neste is None and last.til == 5
    # A cursor that cannot be read is the first page.
    assert keyset.side_av_liste(rader, "tull", 2).fra == 1


def test_a_key_running_one_way_is_compared_as_a_row():
    """(a, b, pk) < (x, y, z): one comparison a composite index serves, not an OR chain."""
    from journal.models import Journalpost

    nokkel = (("journalaar", True), ("journalsekvensnummer", True), ("pk", True))
    sql = str(Journalpost.objects.filter(keyset.after(nokkel, [2026, 5, 9])).query)
    assert re.search(r'\("journal_journalpost"\."journalaar", .*\) < \(2026, 5, 9\)', sql), sql
    mixed = (("journalaar", True), ("journalsekvensnummer", False), ("pk", False))
    assert " OR " in str(Journalpost.objects.filter(keyset.after(mixed, [2026, 5, 9])).query)


@pytest.mark.django_db
@pytest.mark.datofolsom
def test_the_restanse_report_pages_with_the_pattern(login, personas, org, monkeypatch):
    monkeypatch.setattr(Restanseliste, "storrelse", 2)
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Mange")
    for i in range(5):
        inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler, tittel=f"Brev {i}")
    client = login(personas.leder)
    seen, query = [], ""
    while True:
        body = client.get(reverse("journal:restanseliste") + query).content.decode()
        seen += re.findall(r"<td>(Brev \d)</td>", body)
        neste = re.search(r'href="\?([^"]*etter=[^"]*)" rel="next"', body)
        if not neste:
            break
        query = "?" + html.unescape(neste[1])
    assert sorted(seen) == [f"Brev {i}" for i in range(5)]
    assert "5 restanser" in body and "viser 5–5" in body and "Første side" in body


@pytest.mark.django_db
def test_htmx_gets_only_the_table(login, personas):
    client = login(personas.saksbehandler)
    for name in ("journal:restanser", "journal:sok"):
        body = client.get(reverse(name), headers={"HX-Request": "true"}).content.decode()
        assert "<html" not in body and "<table" in body, name
        assert "<html" in client.get(reverse(name)).content.decode()
