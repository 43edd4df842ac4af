"""Small display filters for Norwegian pages."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def minutter(value):
    """A timedelta as whole minutes (rounded up), e.g. for the lockout page."""
    if not isinstance(value, datetime.timedelta):
        return ""
    seconds = int(value.total_seconds())
    return max(1, -(-seconds // 60))


@register.filter
def dato(value):
    """A date as dd.mm.åååå (datetimes in local time): what |date:"d.m.Y" gives, without its
    format machinery, for the rows of long lists."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    if not isinstance(value, datetime.date):
        return ""
    return value.strftime("%d.%m.%Y")
