"""Template side of the access chokepoint: screened fields are rendered only through these."""

import datetime
import re

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from .. import access

register = template.Library()
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?$")


@register.simple_tag(takes_context=True)
def tittel(context, obj):
    """{% tittel obj %}: the title the current user may see."""
    return access.title_for(context["request"].user, obj)


@register.simple_tag(takes_context=True)
def skjermet(context, obj, field_name, public_field=None):
    """{% skjermet obj "avsender" %}: a screenable field as the current user may see it."""
    return access.screened(context["request"].user, obj, field_name, public_field)


@register.filter
def endringsverdi(value):
    """Display one before/after value from the audit log (dates as dd.mm.åååå)."""
    if value is None or value == "":
        return "—"
    if value is True:
        return "Ja"
    if value is False:
        return "Nei"
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            if len(value) == 10:
                return date_format(datetime.date.fromisoformat(value), "d.m.Y")
            moment = timezone.localtime(datetime.datetime.fromisoformat(value))
            return date_format(moment, "d.m.Y H:i")
        except ValueError:
            return value
    return value


@register.filter
def feltnavn(entry, field_name):
    """The Norwegian label of a logged field (`{{ entry|feltnavn:"gyldig_fra" }}`)."""
    model = entry.content_type.model_class()
    try:
        return capfirst(model._meta.get_field(field_name).verbose_name)
    except (AttributeError, FieldDoesNotExist):
        return field_name
