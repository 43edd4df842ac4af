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

DATOFORMAT = "%d.%m.%Y"


class DatoInput(forms.DateInput):
    """A date typed and shown as dd.mm.åååå (settings: DATE_INPUT_FORMATS also accepts ISO
    dates and dd.mm.åå). A text field ten characters wide, not the browser's date picker,
    whose format follows the browser's language and not ours."""

    def __init__(self, attrs=None):
        base = {
            "size": "10",
            "maxlength": "10",
            "placeholder": "dd.mm.åååå",
            "autocomplete": "off",
            "class": "felt-kort",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format=DATOFORMAT)


DATO = DatoInput()


class DatoFelt(forms.DateField):
    """A date field with a message that says how to write the date."""

    widget = DatoInput
    default_error_messages = {
        "invalid": "Skriv datoen som dd.mm.åååå, for eksempel 05.12.2026.",
    }


def kort_tekst(storrelse: int, **attrs) -> forms.TextInput:
    """A text input as wide as its content (postnummer, organisasjonsnummer, kortkode)."""
    return forms.TextInput(attrs={"size": str(storrelse), "class": "felt-kort", **attrs})


class Forslag(forms.TextInput):
    """A text field with type-ahead suggestions (static/js/typeahead.js): the script asks
    `url?q=…` for JSON `{"forslag": [{"verdi", "etikett", "detalj", "felt"}]}`, shows them
    as a listbox, and on a pick puts `verdi` in the field and each of `felt` in the field of
    that name in the same form (with the same prefix). Without JavaScript it is a plain text
    field, so the form must accept typed text."""

    class Media:
        js = [forms.Script("js/typeahead.js", defer=True)]

    def __init__(self, url, attrs=None):
        self.url = url
        super().__init__(attrs)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update(
            {
                "data-forslag": str(self.url),
                "autocomplete": "off",
                "aria-autocomplete": "list",
            }
        )
        return context


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


class PersonSokFelt(forms.ModelChoiceField):
    """A person typed by name or user name, with type-ahead over `url` (the endpoint answers
    «Fornavn Etternavn (brukernavn)»): no `<select>` of every person in the municipality.
    Accepts the suggestion's text, the user name, a full name that only one person has, or
    the id (what a select posted, so older forms and tests keep working)."""

    default_error_messages = {
        "invalid_choice": "Fant ingen person «%(value)s». Skriv navnet og velg et forslag, "
        "eller skriv brukernavnet.",
        "flere": "Flere personer heter «%(value)s». Velg et forslag eller skriv brukernavnet.",
    }

    def __init__(self, queryset, *, url, **kwargs):
        kwargs.setdefault("widget", Forslag(url))
        kwargs.setdefault("help_text", "Skriv navn eller brukernavn og velg fra listen.")
        super().__init__(queryset, **kwargs)
        self.widget.url = url

    @staticmethod
    def tekst(person) -> str:
        navn = person.get_full_name()
        return f"{navn} ({person.username})" if navn else person.username

    def prepare_value(self, value):
        if value in self.empty_values:
            return ""
        if isinstance(value, str) and not value.isdigit():
            return value  # what the user typed, shown again beside its error
        person = value if hasattr(value, "username") else self.queryset.filter(pk=value).first()
        return self.tekst(person) if person else str(value)

    def to_python(self, value):
        tekst = " ".join(str(value or "").split())
        if not tekst:
            return None
        qs = self.queryset
        if tekst.isdigit():
            treff = list(qs.filter(pk=int(tekst))[:1])
        elif tekst.endswith(")") and "(" in tekst:
            brukernavn = tekst[tekst.rindex("(") + 1 : -1].strip()
            treff = list(qs.filter(username__iexact=brukernavn)[:1])
        else:
            treff = list(qs.filter(username__iexact=tekst)[:1])
            if not treff:
                fornavn, _, etternavn = tekst.rpartition(" ")
                treff = list(qs.filter(first_name__iexact=fornavn, last_name__iexact=etternavn)[:2])
                if len(treff) > 1:
                    raise forms.ValidationError(
                        self.error_messages["flere"], code="flere", params={"value": tekst}
                    )
        if not treff:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": tekst},
            )
        return treff[0]

    def validate(self, value):
        forms.Field.validate(self, value)

    def has_changed(self, initial, data):
        return self.prepare_value(initial) != self.prepare_value(data)


def personvalg(queryset=None, *, label="Person", required=False, **kwargs) -> PersonFelt:
    """Active people by name unless `queryset` narrows them."""
    from .models import Bruker

    if queryset is None:
        queryset = Bruker.objects.filter(is_active=True).order_by("last_name", "first_name")
    return PersonFelt(queryset, label=label, required=required, **kwargs)
