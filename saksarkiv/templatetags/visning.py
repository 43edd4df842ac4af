"""Small display filters for Norwegian pages."""

import datetime

from django import template

register = template.Library()


@register.filter
def minutter(value):
    """A timedelta as whole minutes (rounded up), e.g. for the lockout page."""
    if not isinstance(value, datetime.timedelta):
        return ""
    seconds = int(value.total_seconds())
    return max(1, -(-seconds // 60))
