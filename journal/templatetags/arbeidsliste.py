"""Tags for the worklist tables."""

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html, format_html_join

register = template.Library()

_MERKER = {
    "forfalt": ("merke merke--forfalt", "⚠ ", "Forfalt"),
    "snart": ("merke merke--snart", "⏰ ", "Forfaller snart"),
}


def _arbeidsdager(n: int) -> str:
    return f"{n} arbeidsdag{'' if n == 1 else 'er'}"


@register.simple_tag
def frist(rad):
    """A row's deadline (`rad.frist`) with its mark in words, not by colour alone, and for XX
    rows the working days left or over (`rad.dager_igjen`, set by the worklist view).
    A tag rather than an include: it runs once per row of a 50-row list."""
    if not getattr(rad, "frist", None):
        return ""
    parts = [
        format_html(
            '<time datetime="{}">{}</time>', rad.frist.isoformat(), date_filter(rad.frist, "d.m.Y")
        )
    ]
    dager = getattr(rad, "dager_igjen", None)
    if dager is not None:
        tekst = (
            f"{_arbeidsdager(dager)} igjen"
            if dager >= 0
            else f"{_arbeidsdager(-dager)} over fristen"
        )
        parts.append(format_html(' <span class="dager-igjen">({})</span>', tekst))
    merke = _MERKER.get(getattr(rad, "merking", ""))
    if merke:
        parts.append(
            format_html(' <span class="{}"><span aria-hidden="true">{}</span>{}</span>', *merke)
        )
    return format_html_join("", "{}", ((part,) for part in parts))
