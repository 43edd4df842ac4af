"""Fuzzing the list pages (issue «Access on every action», item 9): every query parameter of
every list page — the names read from the page's FilterSet and form, so a new filter is fuzzed
without being listed here — gets odd values (text with NUL and control characters, huge and
negative numbers, malformed dates and cursors). No answer is a 500, and nothing is written.
"""

import base64
import copy
import string

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journal import arbeidslister as al
from journal.filters import (
    ArbeidslistePostFilter,
    ArbeidslisteSakFilter,
    JournalpostFilter,
    SaksmappeFilter,
    SokSkjema,
)
from journal.models import Journalpost, Saksmappe
from journal.offentlig.filtre import PostlisteFilter
from journal.views.rapporter import RestanseFilter
from saksarkiv.filters import EndringsloggFilter
from saksarkiv.models import Endringslogg
from tests.journal.flythjelp import inngaende, ny_sak

pytestmark = pytest.mark.django_db


def param_names(*sources) -> list[str]:
    """The query parameter names of FilterSets and forms (range widgets give one per part)."""
    names = []
    for source in sources:
        fields = source.base_filters.values() if hasattr(source, "base_filters") else None
        # On copies: a filter's form field is cached on it, and the class's own filters must
        # not keep one (a FilterSet that narrows a queryset in __init__ would then not).
        form_fields = (
            {name: f.field for name, f in copy.deepcopy(source.base_filters).items()}
            if fields is not None
            else source.base_fields
        )
        for name, field in form_fields.items():
            widget = field.widget
            suffixes = getattr(widget, "suffixes", None)
            names += [f"{name}_{s}" if s else name for s in suffixes] if suffixes else [name]
    return sorted(set(names))


def _cursor(raw: str) -> str:
    return base64.urlsafe_b64encode(raw.encode("utf-8", "surrogatepass")).decode().rstrip("=")


VERDIER = st.one_of(
    st.text(max_size=10).map(lambda t: t + "\x00" + t),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    st.text(alphabet=string.printable + "\x00æøåÆØÅ*%_'\"\\<>", max_size=30),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(
        ["", "0", "-1", "1e999", "NaN", "2026-02-30", "31.12.9999", "00.00.0000", "9" * 400,
         "2026-01-01T25:61", "true", "[]", "{}", "%00", "\x00", " ", "Ø" * 300]
    ),
    st.text(max_size=60).map(_cursor),
)  # fmt: skip


def _worklist_pages(personas):
    pages = []
    for liste in al.LISTER:
        url = reverse(f"journal:{liste.side}")
        params = param_names(
            ArbeidslistePostFilter if liste.modell == al.POST else ArbeidslisteSakFilter
        )
        for user in (personas.saksbehandler, personas.leder, personas.arkiv, personas.radmann):
            if liste.tilgang(al.Kontekst(user)):
                pages.append((url, user, [*params, "vis", "sorter", "etter"]))
                break
    return pages


@pytest.fixture
def pages(personas, org):
    sak = ny_sak(personas.saksbehandler, org.enhet_a, tittel="Byggesak om tillatelse")
    for _ in range(3):
        inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    sok = param_names(SokSkjema, SaksmappeFilter, JournalpostFilter)
    return [
        *_worklist_pages(personas),
        (reverse("journal:sok"), personas.saksbehandler, [*sok, "type", "sorter", "etter"]),
        (reverse("journal:lignende_saker"), personas.saksbehandler, ["tittel"]),
        (reverse("journal:mine_saker"), personas.saksbehandler, ["etter"]),
        (reverse("journal:restanseliste"), personas.leder, [*param_names(RestanseFilter), "etter"]),
        (reverse("journal:restanseliste_csv"), personas.leder, param_names(RestanseFilter)),
        (reverse("journal:rapporter"), personas.leder, ["periode", "etter"]),
        (reverse("endringslogg"), personas.arkiv, [*param_names(EndringsloggFilter), "etter"]),
        (reverse("offentlig:postliste"), None, [*param_names(PostlisteFilter), "etter"]),
    ]


def _counts():
    return (Journalpost.objects.count(), Saksmappe.objects.count(), Endringslogg.objects.count())


def test_every_list_parameter_is_named(pages):
    """The page table finds the parameters: a FilterSet without fields would fuzz nothing."""
    for url, _user, params in pages:
        assert params, url


def test_no_list_page_gives_a_500_whatever_its_parameters(client, pages):
    before = _counts()

    @settings(
        max_examples=20,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=st.data())
    def fuzz(data):
        for url, user, params in pages:
            chosen = data.draw(
                st.lists(st.sampled_from(params), min_size=1, max_size=4, unique=True)
            )
            query = {name: data.draw(VERDIER) for name in chosen}
            if user is None:
                client.logout()
            else:
                client.force_login(user)
            response = client.get(url, query)
            assert response.status_code < 500, (url, query, response.status_code)

    fuzz()
    assert _counts() == before, "a GET wrote to the database"
