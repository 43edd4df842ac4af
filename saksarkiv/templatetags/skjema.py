"""The form include's layout (templates/includes/skjema.html): a form may say which of its
fields belong side by side (`rader = (("postnummer", "poststed"), …)`); the others stay on
a line of their own, in the form's order."""

from django import template

register = template.Library()


@register.filter
def skjemarader(form) -> list[list]:
    """The visible fields as rows: a row is one field, or the fields of one of the form's
    `rader` (placed where its first field is)."""
    synlige = {felt.name: felt for felt in form.visible_fields()}
    rad_for = {}
    for rad in getattr(form, "rader", ()):
        navn = [n for n in rad if n in synlige]
        for n in navn:
            rad_for[n] = navn
    rader, brukt = [], set()
    for navn in synlige:
        if navn in brukt:
            continue
        gruppe = rad_for.get(navn, [navn])
        brukt.update(gruppe)
        rader.append([synlige[n] for n in gruppe])
    return rader
