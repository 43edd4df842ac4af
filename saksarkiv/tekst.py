"""Text from users made safe to store, search and export: one rule for control characters."""

import re

# C0 control characters except tab, line feed and carriage return, DEL, and the two
# non-characters XML 1.0 forbids: nothing a person types, and they break XML and searches.
KONTROLLTEGN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def uten_kontrolltegn(tekst: str | None) -> str:
    return KONTROLLTEGN.sub("", tekst or "")
