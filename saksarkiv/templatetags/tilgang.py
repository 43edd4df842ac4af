"""Template side of the access chokepoint: screened fields are rendered only through these."""

from django import template

from .. import access

register = template.Library()


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
    """Display one before/after value from the audit log."""
    if value is None or value == "":
        return "—"
    if value is True:
        return "Ja"
    if value is False:
        return "Nei"
    return value
