"""Norwegian national identity numbers in text (issue 17, item 7): fødselsnummer and
D-nummer, recognised by their date and both check digits (modulus 11), not by any eleven
digits — a phone number, an account number or a case number does not pass.

Used before anything is published: a hit stops the publication and names the place, for
archive or the secretary to screen it.
"""

import datetime
import re

# Eleven digits standing alone, written whole or as 6+5 with a space, dot or dash.
_KANDIDAT = re.compile(r"(?<![\d.,-])(\d{6})[ .-]?(\d{5})(?![\d.,]\d)")
_V1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_V2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _kontroll(siffer: list[int], vekter) -> int | None:
    rest = 11 - sum(s * v for s, v in zip(siffer, vekter, strict=False)) % 11
    if rest == 11:
        return 0
    return None if rest == 10 else rest


def gyldig(nummer: str) -> bool:
    """A fødselsnummer or D-nummer (day + 40) with a real date and both check digits."""
    siffer = [int(c) for c in nummer if c.isdigit()]
    if len(siffer) != 11 or len(re.sub(r"\D", "", nummer)) != 11:
        return False
    dag = siffer[0] * 10 + siffer[1]
    maaned = siffer[2] * 10 + siffer[3]
    if dag > 40:  # D-nummer
        dag -= 40
    try:
        datetime.date(2000, maaned, dag)  # a leap year: 29 February is a date
    except ValueError:
        return False
    k1 = _kontroll(siffer[:9], _V1)
    if k1 is None or k1 != siffer[9]:
        return False
    k2 = _kontroll(siffer[:10], _V2)
    return k2 is not None and k2 == siffer[10]


def finn(tekst: str | None) -> list[str]:
    """The identity numbers in `tekst`, as written."""
    if not tekst:
        return []
    return [m.group(0) for m in _KANDIDAT.finditer(tekst) if gyldig(m.group(1) + m.group(2))]


def maskert(nummer: str) -> str:
    """How a hit is named in a message: the date part only («150765*****»)."""
    siffer = re.sub(r"\D", "", nummer)
    return siffer[:6] + "*****"
