"""An indicator's chart (issue 21 item 4): a server-rendered SVG line chart of the values over
the periods, with the target drawn as a dashed line.

Hand-written rather than pygal: pygal's SVG carries its own <style> element and inline style
attributes (and a script hook), which our Content-Security-Policy (style-src 'self', no
'unsafe-inline') would block when the SVG is inline in the page. Here everything is drawn
with presentation attributes, the document is built as an element tree (every text escaped
by the serializer, no markup from data), and there is no script, no link, no foreign object.

The SVG is a picture for sighted readers (role="img" with a <title> and a <desc>); the data
table beside it on the page is the accessible source of the numbers.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from lxml import etree

SVG_NS = "http://www.w3.org/2000/svg"

BREIDD, HOGDE = 640, 300
VENSTRE, HOGRE, TOPP, BOTN = 64, 16, 16, 56
FARGE_VERDI = "#1f5f8b"
FARGE_MAAL = "#8a3b12"
FARGE_AKSE = "#555555"
FARGE_RUTENETT = "#dddddd"
TICKS = 5


@dataclass(frozen=True)
class Punkt:
    etikett: str
    verdi: Decimal | None
    maal: Decimal | None = None


def _fmt(x: float) -> str:
    return f"{x:.1f}"


class _Skala:
    def __init__(self, tal: Sequence[Decimal]):
        lo, hi = (float(min(tal)), float(max(tal))) if tal else (0.0, 1.0)
        if lo == hi:
            lo, hi = lo - 1, hi + 1
        luft = (hi - lo) * 0.1
        self.lo, self.hi = lo - luft, hi + luft
        self.hogde = HOGDE - TOPP - BOTN

    def y(self, verdi) -> float:
        return TOPP + (self.hi - float(verdi)) / (self.hi - self.lo) * self.hogde


def _x(i: int, n: int) -> float:
    breidd = BREIDD - VENSTRE - HOGRE
    if n <= 1:
        return VENSTRE + breidd / 2
    return VENSTRE + breidd * i / (n - 1)


def _sub(forelder, tag: str, tekst: str | None = None, **attrib):
    element = etree.SubElement(forelder, f"{{{SVG_NS}}}{tag}",
                               {k.rstrip("_").replace("_", "-"): str(v)
                                for k, v in attrib.items()})  # fmt: skip
    if tekst is not None:
        element.text = tekst
    return element


def linjediagram(
    punkt: Sequence[Punkt],
    *,
    tittel: str,
    skildring: str,
    id_: str,
    tal: Callable[[Decimal], str],
    verdi_tekst: str,
    maal_tekst: str,
) -> str:
    """The SVG markup of a line chart of `punkt` (values, gaps where None) with the target
    line through the points' targets. `tal` formats a number for the axis and the point
    titles; `verdi_tekst`/`maal_tekst` name the two lines in the legend."""
    alle = [p.verdi for p in punkt if p.verdi is not None]
    alle += [p.maal for p in punkt if p.maal is not None]
    skala = _Skala(alle)
    n = len(punkt)
    svg = etree.Element(
        f"{{{SVG_NS}}}svg",
        {"viewBox": f"0 0 {BREIDD} {HOGDE}", "width": str(BREIDD), "height": str(HOGDE),
         "role": "img", "aria-labelledby": f"{id_}-tittel {id_}-desc", "focusable": "false",
         "class": "graf", "id": id_},
        nsmap={None: SVG_NS},
    )  # fmt: skip
    _sub(svg, "title", tittel, id=f"{id_}-tittel")
    _sub(svg, "desc", skildring, id=f"{id_}-desc")

    # The y axis: gridlines with their values.
    akse = _sub(svg, "g", class_="akse", fill=FARGE_AKSE, font_size=12, font_family="sans-serif")
    for k in range(TICKS):
        v = skala.lo + (skala.hi - skala.lo) * k / (TICKS - 1)
        y = _fmt(skala.y(v))
        _sub(akse, "line", x1=VENSTRE, x2=BREIDD - HOGRE, y1=y, y2=y, stroke=FARGE_RUTENETT)
        _sub(akse, "text", tal(Decimal(str(round(v, 4)))), x=VENSTRE - 6, y=y,
             text_anchor="end", dominant_baseline="middle")  # fmt: skip
    botn = HOGDE - BOTN
    _sub(akse, "line", x1=VENSTRE, x2=BREIDD - HOGRE, y1=botn, y2=botn, stroke=FARGE_AKSE)
    for i, p in enumerate(punkt):
        _sub(akse, "text", p.etikett, x=_fmt(_x(i, n)), y=botn + 16, text_anchor="middle")

    # The target: a dashed line through each period's target.
    maal = [(_x(i, n), skala.y(p.maal)) for i, p in enumerate(punkt) if p.maal is not None]
    if len(maal) == 1:  # one period: a short level line across its place
        x, y = maal[0]
        maal = [(x - 20, y), (x + 20, y)]
    if maal:
        _sub(svg, "polyline", class_="maallinje", fill="none", stroke=FARGE_MAAL,
             stroke_width=2, stroke_dasharray="6 4",
             points=" ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in maal))  # fmt: skip

    # The values: a line through each run of periods with a value, a dot on each value.
    verdiar = _sub(svg, "g", class_="verdiar")
    bit: list[tuple[float, float]] = []
    bitar = [bit]
    for i, p in enumerate(punkt):
        if p.verdi is None:
            bit = []
            bitar.append(bit)
        else:
            bit.append((_x(i, n), skala.y(p.verdi)))
    for b in bitar:
        if len(b) > 1:
            _sub(verdiar, "polyline", class_="verdilinje", fill="none", stroke=FARGE_VERDI,
                 stroke_width=2, points=" ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in b))  # fmt: skip
    for i, p in enumerate(punkt):
        if p.verdi is not None:
            prikk = _sub(verdiar, "circle", class_="punkt", cx=_fmt(_x(i, n)),
                         cy=_fmt(skala.y(p.verdi)), r=4, fill=FARGE_VERDI)  # fmt: skip
            _sub(prikk, "title", f"{p.etikett}: {tal(p.verdi)}")

    # The legend: the target line is dashed, so it is told apart without colour.
    forklaring = _sub(svg, "g", class_="forklaring", font_size=12, font_family="sans-serif",
                      fill=FARGE_AKSE)  # fmt: skip
    y = HOGDE - 12
    _sub(forklaring, "line", x1=VENSTRE, x2=VENSTRE + 24, y1=y, y2=y, stroke=FARGE_VERDI,
         stroke_width=2)  # fmt: skip
    _sub(forklaring, "text", verdi_tekst, x=VENSTRE + 30, y=y, dominant_baseline="middle")
    _sub(forklaring, "line", x1=VENSTRE + 160, x2=VENSTRE + 184, y1=y, y2=y, stroke=FARGE_MAAL,
         stroke_width=2, stroke_dasharray="6 4")  # fmt: skip
    _sub(forklaring, "text", maal_tekst, x=VENSTRE + 190, y=y, dominant_baseline="middle")
    return etree.tostring(svg, encoding="unicode")
