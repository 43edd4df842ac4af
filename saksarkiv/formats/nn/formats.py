"""Date and time formats for nynorsk (settings.FORMAT_MODULE_PATH): the same 03.12.2026 and
03.12.2026 14:05 as bokmål (saksarkiv/formats/nb/formats.py), so a page reads the same dates
whichever of the two languages the user chose."""

from saksarkiv.formats.nb.formats import (  # noqa: F401
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
    TIME_FORMAT,
)
