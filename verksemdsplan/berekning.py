"""The verksemdsplan's arithmetic (issue 21), one place for pages, reports and PDFs:

- `framdrift`: progress toward a target = (current − baseline) / (target − baseline),
  clamped to 0–100 %. It holds for falling-is-good indicators too: there target < baseline,
  and both differences are negative.
- `status`: the colour the indicator's bands give that progress (grøn / gul / raud).
- `trend`: the arrow from the previous value to the current one, judged by the desired
  direction (betre / verre / uendra).
- `samanstill`: a parent's status from its children's, as a weighted mean or the worst child
  (Oppsett.samanstilling).
"""

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

HUNDRE = Decimal(100)


class Status(StrEnum):
    GRONN = "gronn"
    GUL = "gul"
    RAUD = "raud"


# Worst first; the numbers are used for the weighted mean.
VERDI = {Status.RAUD: 1, Status.GUL: 2, Status.GRONN: 3}


class Trend(StrEnum):
    BETRE = "betre"
    VERRE = "verre"
    UENDRA = "uendra"


def framdrift(basis: Decimal, maal: Decimal, verdi: Decimal | None) -> Decimal | None:
    """Per cent of the way from baseline to target, 0–100, one decimal; None without a
    value."""
    if verdi is None:
        return None
    spenn = Decimal(maal) - Decimal(basis)
    if spenn == 0:
        return None
    prosent = (Decimal(verdi) - Decimal(basis)) / spenn * HUNDRE
    prosent = min(max(prosent, Decimal(0)), HUNDRE)
    return prosent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def status(framdrift_: Decimal | None, grense_gronn: int, grense_gul: int) -> Status | None:
    if framdrift_ is None:
        return None
    if framdrift_ >= grense_gronn:
        return Status.GRONN
    if framdrift_ >= grense_gul:
        return Status.GUL
    return Status.RAUD


def trend(forrige: Decimal | None, no: Decimal | None, *, fallande_er_bra: bool) -> Trend | None:
    if forrige is None or no is None:
        return None
    if no == forrige:
        return Trend.UENDRA
    betre = (no < forrige) if fallande_er_bra else (no > forrige)
    return Trend.BETRE if betre else Trend.VERRE


def samanstill(born: Iterable[tuple[Status | None, int]], *, daarlegaste: bool) -> Status | None:
    """A parent's status from (status, weight) of its children; children without a status
    do not count. Worst child, or the weighted mean rounded to the nearest status."""
    med = [(s, v) for s, v in born if s is not None]
    if not med:
        return None
    if daarlegaste:
        return min((s for s, _v in med), key=VERDI.__getitem__)
    vekt = sum(v for _s, v in med)
    if vekt <= 0:
        return None
    snitt = Decimal(sum(VERDI[s] * v for s, v in med)) / vekt
    naermast = int(snitt.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return next(s for s, n in VERDI.items() if n == naermast)
