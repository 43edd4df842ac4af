"""Rich text written in the browser (saksframlegg, letters, templates, and later plans and
minutes): the HTML is cleaned on the server with nh3 before it is stored or shown, whatever
the editor sent. What survives is text structure only — paragraphs, headings, lists, simple
tables, emphasis and links to web or mail addresses. No script, event attribute, style,
image, SVG, form or embedded object survives; `javascript:` and other link schemes are
dropped; every link opens without giving the target page a handle on ours.
"""

import nh3

TAGGER = frozenset({
    "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup", "h2", "h3", "h4",
    "ul", "ol", "li", "blockquote", "hr", "a",
    "table", "thead", "tbody", "tr", "th", "td",
})  # fmt: skip
ATTRIBUTTER = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SKJEMAER = frozenset({"http", "https", "mailto"})

_RENSER = nh3.Cleaner(
    tags=set(TAGGER),
    attributes=ATTRIBUTTER,
    url_schemes=set(URL_SKJEMAER),
    link_rel="noopener noreferrer nofollow",
    strip_comments=True,
    # The text inside these is dropped with the tag, not shown as text.
    clean_content_tags={
        "script",
        "style",
        "template",
        "iframe",
        "object",
        "noscript",
        "svg",
        "math",
        "title",
        "textarea",
        "select",
    },  # fmt: skip
)


def rens(html: str | None) -> str:
    """The HTML as the product stores and shows it (see the module's docstring)."""
    if not html:
        return ""
    return _RENSER.clean(str(html)).strip()


def er_tom(html: str | None) -> bool:
    """True when the cleaned HTML has no text (an editor's empty `<p></p>`)."""
    return not nh3.clean(rens(html), tags=set()).strip()


# --- The editor in the browser ------------------------------------------------------------------
# django-prose-editor's ProseMirror editor on a textarea: the same structure as above and
# nothing more (the server cleans whatever arrives anyway). Pages load it with
# {% include "includes/riktekst.html" %} in their head block: our own module imports the
# editor bundle by its static path, so no inline import map is needed under the page's
# Content-Security-Policy. Without JavaScript the textarea is the editor.
from django_prose_editor.widgets import ProseEditorWidget  # noqa: E402

EDITOR_TYPER = [
    "Bold", "Italic", "Underline", "Strike", "Subscript", "Superscript", "Heading",
    "BulletList", "OrderedList", "Blockquote", "HorizontalRule", "Link", "Table",
]  # fmt: skip


class RikTekst(ProseEditorWidget):
    def __init__(self, attrs=None):
        super().__init__(
            attrs={"rows": 12, **(attrs or {})},
            config={"types": EDITOR_TYPER, "history": True, "html": False,
                    "typographic": True, "headingLevels": [2, 3, 4]},
        )  # fmt: skip

    @property
    def media(self):
        # The page's include loads the editor (see above); no import map from here.
        from django.forms import Media

        return Media()
