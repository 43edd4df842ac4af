"""The fast choice fields for long lists (saksarkiv.widgets): same choices, same markup and the
same validation as Django's own, without a template or a model instance per option."""

import re

import pytest
from django import forms

from journal.filters import EnhetField, JournalpostFilter
from journal.models import Journalpost
from saksarkiv.models import AdministrativEnhet, Bruker
from saksarkiv.widgets import EnhetValg, PersonValg, RaskSelect

pytestmark = pytest.mark.django_db

OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


class Personer(PersonValg, forms.ModelChoiceField):
    pass


class Enheter(EnhetValg, forms.ModelChoiceField):
    pass


class Skjema(forms.Form):
    person = Personer(queryset=Bruker.objects.order_by("last_name", "first_name"), label="Person")
    enhet = Enheter(queryset=AdministrativEnhet.objects.order_by("path"), required=False)


def _options(html):
    return [(value, bool(selected), label) for value, selected, label in OPTION.findall(html)]


def test_renders_what_django_renders(org, personas):
    """Option for option, RaskSelect gives the values, labels and selection of forms.Select
    with the model's own labels (str(person), the unit tree indented)."""
    form = Skjema({"person": str(personas.leder.pk), "enhet": str(org.enhet_a.pk)})
    people = list(Bruker.objects.order_by("last_name", "first_name"))
    units = list(AdministrativEnhet.objects.order_by("path"))
    expected_people = [("", False, "---------")] + [
        (str(p.pk), p == personas.leder, str(p)) for p in people
    ]
    expected_units = [("", False, "---------")] + [
        (str(u.pk), u == org.enhet_a, "\u2003" * (u.depth - 1) + str(u)) for u in units
    ]
    assert _options(str(form["person"])) == expected_people
    assert _options(str(form["enhet"])) == expected_units
    html = str(form["person"])
    bound = form["person"]
    django_html = forms.Select(choices=list(bound.field.choices)).render(
        bound.html_name, bound.value(), attrs=bound.build_widget_attrs({"id": bound.auto_id})
    )
    assert (
        html.split(">")[0]
        == django_html.split(">")[0]
        == ('<select name="person" id="id_person" required')
    )
    assert _options(html) == _options(django_html) and html.endswith("</select>")
    assert form.is_valid() and form.cleaned_data["person"] == personas.leder


def test_invalid_choice_is_refused_beside_the_field(org, personas):
    form = Skjema({"person": "999999"})
    assert not form.is_valid()
    assert form.errors["person"] == [
        "Velg et gyldig valg. Valget er ikke av de tilgjengelige valgene."
    ]


def test_labels_are_escaped(org, personas):
    personas.leder.first_name = '<script>alert("x")</script>'
    personas.leder.save()
    html = str(Skjema()["person"])
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    widget = RaskSelect(choices=[('a"b', "<b>")])
    assert widget.render("x", 'a"b') == (
        '<select name="x"><option value="a&quot;b" selected>&lt;b&gt;</option></select>'
    )


def test_filter_fields_keep_the_empty_and_null_choices_and_the_selection(org, personas):
    """django-filter's empty label («Alle»), its null choice and the bound value survive."""
    field = EnhetField(queryset=AdministrativEnhet.objects.order_by("path"), null_label="Ingen")
    assert list(field.choices)[:2] == [("", "---------"), ("null", "Ingen")]
    assert field.clean("null") == "null"

    filterset = JournalpostFilter(
        {"saksbehandler": str(personas.saksbehandler.pk), "enhet": str(org.enhet_b.pk)},
        queryset=Journalpost.objects.none(),
    )
    assert filterset.is_valid()
    options = _options(str(filterset.form["saksbehandler"]))
    assert options[0] == ("", False, "Alle")
    assert (str(personas.saksbehandler.pk), True, str(personas.saksbehandler)) in options
    assert [o for o in options if o[1]] == [
        (str(personas.saksbehandler.pk), True, str(personas.saksbehandler))
    ]
    enhet = _options(str(filterset.form["enhet"]))
    assert [o[0] for o in enhet if o[1]] == [str(org.enhet_b.pk)]


def test_pickers_over_the_same_rows_share_one_query_per_request(
    org, personas, django_assert_num_queries
):
    """The post page has three forms that pick among the same people: within a request
    (ValgMiddleware) the people are read once; different rows are read apart, and nothing is
    kept after the request."""
    from saksarkiv.widgets import delte_valg

    with django_assert_num_queries(4):  # outside a request: every field reads its own
        _ = Skjema().as_p(), Skjema().as_p()
    with delte_valg(), django_assert_num_queries(2):  # people once, units once
        first, second = Skjema().as_p(), Skjema().as_p()
    assert first == second and personas.leder.get_full_name() in first

    class Andre(forms.Form):
        person = Personer(queryset=Bruker.objects.filter(pk=personas.leder.pk), label="Person")

    with delte_valg(), django_assert_num_queries(3):
        Skjema().as_p()
        assert _options(str(Andre()["person"]))[1:] == [
            (str(personas.leder.pk), False, personas.leder.get_full_name())
        ]


def test_the_middleware_scopes_the_shared_choices_to_one_request(client, personas):
    from saksarkiv import widgets

    assert widgets._DELTE_VALG.get() is None
    client.force_login(personas.arkiv)
    assert client.get("/").status_code == 200
    assert widgets._DELTE_VALG.get() is None
