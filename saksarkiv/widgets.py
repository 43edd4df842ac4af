"""Choice fields for long lists (300 units, 2,000 people) that render in a few milliseconds.

Django renders a `<select>` through one template per `<option>` and builds a model instance
per choice: about 50 µs an option, so a filter form with every unit and every person cost
100 ms of a search page at municipal scale. Here the options come from `values_list` and are
written directly; the field still validates against its queryset as usual.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from html import escape  # what django.utils.html.escape calls, without its lazy wrapper

from django import forms
from django.forms.models import ModelChoiceIterator
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe

# The browser's date picker; values as ISO dates, which it requires.
DATO = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RaskSelect(forms.Select):
    """A single `<select>` with the markup of Django's, written directly (flat choices)."""

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        selected = set(self.format_value(value))
        parts = [f'<select name="{escape(name)}"{flatatt(final)}>']
        for choice, label in self.choices:
            choice = "" if choice is None else str(choice)
            mark = " selected" if choice in selected else ""
            parts.append(f'<option value="{escape(choice)}"{mark}>{escape(label)}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # noqa: S308 - name, values and labels escaped above


# The choice rows read during one request, by their SQL: a page with three forms that pick
# among the same 2,000 people reads them once (saksarkiv.middleware.ValgMiddleware).
_DELTE_VALG: ContextVar[dict | None] = ContextVar("saksarkiv_delte_valg", default=None)


@contextmanager
def delte_valg():
    """Within this block, pickers over the same rows share one query."""
    token = _DELTE_VALG.set({})
    try:
        yield
    finally:
        _DELTE_VALG.reset(token)


def _rader(queryset, felter) -> list | tuple:
    qs = queryset.values_list("pk", *felter)
    delt = _DELTE_VALG.get()
    if delt is None:
        return qs
    nokkel = (qs.db, str(qs.query))
    if nokkel not in delt:
        delt[nokkel] = tuple(qs)
    return delt[nokkel]


class VerdiIterator(ModelChoiceIterator):
    """Choices as (pk, label) from one `values_list` query, without model instances. The
    field's `etikett(row)` makes the label from the row of its `etikettfelt`."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        null_label = getattr(self.field, "null_label", None)  # django-filter's «none» choice
        if null_label is not None:
            yield (self.field.null_value, null_label)
        for row in _rader(self.queryset, self.field.etikettfelt):
            yield (row[0], self.field.etikett(*row[1:]))


class RaskeValg:
    """Mixin for a ModelChoiceField (Django's or django-filter's) over a long list: set
    `etikettfelt` and `etikett(*values)`, the label made from those fields."""

    iterator = VerdiIterator
    widget = RaskSelect
    etikettfelt: tuple[str, ...] = ()

    def etikett(self, *values) -> str:
        raise NotImplementedError


class PersonValg(RaskeValg):
    """People by full name (user name when the name is empty), as `str(Bruker)` shows them."""

    etikettfelt = ("first_name", "last_name", "username")

    def etikett(self, first_name, last_name, username) -> str:
        return f"{first_name} {last_name}".strip() or username


class EnhetValg(RaskeValg):
    """Units as an indented tree (`str(AdministrativEnhet)` indented by depth)."""

    etikettfelt = ("depth", "kode", "navn")

    def etikett(self, depth, kode, navn) -> str:
        return "\u2003" * (depth - 1) + f"{kode} – {navn}"


# --- The pickers every form uses -------------------------------------------------------------


class EnhetFelt(EnhetValg, forms.ModelChoiceField):
    """A unit from the tree (fast select)."""


class PersonFelt(PersonValg, forms.ModelChoiceField):
    """A person by name (fast select)."""


def enhetsvalg(queryset=None, *, label="Enhet", required=True, **kwargs) -> EnhetFelt:
    """Active units in tree order unless `queryset` narrows them."""
    from .models import AdministrativEnhet

    if queryset is None:
        queryset = AdministrativEnhet.objects.filter(aktiv=True).order_by("path")
    return EnhetFelt(queryset, label=label, required=required, **kwargs)


def personvalg(queryset=None, *, label="Person", required=False, **kwargs) -> PersonFelt:
    """Active people by name unless `queryset` narrows them."""
    from .models import Bruker

    if queryset is None:
        queryset = Bruker.objects.filter(is_active=True).order_by("last_name", "first_name")
    return PersonFelt(queryset, label=label, required=required, **kwargs)
