"""Tags for the worklist tables."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# (class, icon, words): constants, safe as they are.
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
    A tag rather than an include: it runs once per row of a 50-row list. Everything in it is
    a date, a number or a constant above, so nothing needs escaping."""
    dag = getattr(rad, "frist", None)
    if not dag:
        return ""
    html = f'<time datetime="{dag.isoformat()}">{dag.strftime("%d.%m.%Y")}</time>'
    dager = getattr(rad, "dager_igjen", None)
    if dager is not None:
        tekst = (
            f"{_arbeidsdager(dager)} igjen"
            if dager >= 0
            else f"{_arbeidsdager(-dager)} over fristen"
        )
        html += f' <span class="dager-igjen">({tekst})</span>'
    merke = _MERKER.get(getattr(rad, "merking", ""))
    if merke:
        html += ' <span class="{}"><span aria-hidden="true">{}</span>{}</span>'.format(*merke)
    return mark_safe(html)  # noqa: S308 - dates, integers and the constants above
