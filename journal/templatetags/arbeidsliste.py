"""Tags for the worklist tables."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# Icons as inline SVG in the text's colour: an emoji renders as an empty box where no
# emoji font is installed (issue 15, defect 3).
_IKON = (
    '<svg class="ikon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" '
    'focusable="false">{}</svg> '
)
_VARSEL = _IKON.format(
    '<path fill="currentColor" d="M8 1 15.5 14.5H.5Zm-.9 5v4.2h1.8V6Zm0 5.4v1.8h1.8v-1.8Z"/>'
)
_KLOKKE = _IKON.format(
    '<circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.6"/>'
    '<path d="M8 4v4.3l2.8 1.7" fill="none" stroke="currentColor" stroke-width="1.6"/>'
)

# (class, icon, words): constants, safe as they are.
_MERKER = {
    "forfalt": ("merke merke--forfalt", _VARSEL, "Forfalt"),
    "snart": ("merke merke--snart", _KLOKKE, "Forfaller snart"),
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
        html += ' <span class="{}">{}{}</span>'.format(*merke)
    return mark_safe(html)  # noqa: S308 - dates, integers and the constants above
