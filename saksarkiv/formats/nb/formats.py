"""Date and time formats for bokmål (settings.FORMAT_MODULE_PATH): 03.12.2026 and
03.12.2026 14:05 everywhere. Django's own nb formats spell the month out; these win because
Django reads the locale's format module before the settings (which it ignores with
localisation on)."""

DATE_FORMAT = "d.m.Y"
SHORT_DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%d.%m.%Y", "%Y-%m-%d", "%d.%m.%y"]
