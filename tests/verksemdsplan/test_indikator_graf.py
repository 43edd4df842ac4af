"""The indicator chart (verksemdsplan/graf.py), parsed with lxml: one dot per value and a line
through them, the target line at the height of the value equal to it, the title and the
description, nothing that could run or load (no script, no style, no foreign reference,
markup in a name escaped), and on the page the data table beside it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from lxml import etree, html

from verksemdsplan import graf
from verksemdsplan.models import Indikatormaal, Indikatorverdi

from .test_indikator import lag

NS = {"s": graf.SVG_NS}


def _svg(punkt, **kw):
    kw = {"tittel": "Sykefravær", "skildring": "Verdiene per periode", "id_": "g1",
          "tal": lambda v: f"{v:.1f}".replace(".", ","), "verdi_tekst": "Verdi",
          "maal_tekst": "Mål"} | kw  # fmt: skip
    return etree.fromstring(graf.linjediagram(punkt, **kw).encode())


def _punkt(element) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in element.get("points").split()]


def test_values_dots_and_line():
    verdiar = [Decimal(10), Decimal(20), Decimal(15), Decimal(30)]
    svg = _svg([graf.Punkt(f"P{i}", v, Decimal(20)) for i, v in enumerate(verdiar)])
    prikkar = svg.findall(".//s:circle[@class='punkt']", NS)
    assert len(prikkar) == 4
    (linje,) = svg.findall(".//s:polyline[@class='verdilinje']", NS)
    punkt = _punkt(linje)
    assert len(punkt) == 4
    assert [(float(c.get("cx")), float(c.get("cy"))) for c in prikkar] == punkt
    # Higher values higher up (smaller y); left to right in order.
    ys = [y for _x, y in punkt]
    assert ys[3] < ys[1] < ys[2] < ys[0]
    assert [x for x, _y in punkt] == sorted(x for x, _y in punkt)
    # Each dot's tooltip tells the period and the value.
    assert [c.find("s:title", NS).text for c in prikkar][1] == "P1: 20,0"
    # The target (20) at the height of the value 20, across every period; dashed.
    (maal,) = svg.findall(".//s:polyline[@class='maallinje']", NS)
    maalpunkt = _punkt(maal)
    assert len(maalpunkt) == 4 and {y for _x, y in maalpunkt} == {ys[1]}
    assert maal.get("stroke-dasharray")


def test_gaps_break_the_line_and_targets_may_vary():
    punkt = [
        graf.Punkt("2021", Decimal(8), Decimal(8)),
        graf.Punkt("2022", Decimal(7), Decimal(7)),
        graf.Punkt("2023", None, Decimal(6)),
        graf.Punkt("2024", Decimal(6), Decimal(6)),
    ]
    svg = _svg(punkt)
    assert len(svg.findall(".//s:circle[@class='punkt']", NS)) == 3
    # Two values before the gap make a line; the lone value after it is a dot only.
    (linje,) = svg.findall(".//s:polyline[@class='verdilinje']", NS)
    assert len(_punkt(linje)) == 2
    prikkar = svg.findall(".//s:circle[@class='punkt']", NS)
    maal = _punkt(svg.find(".//s:polyline[@class='maallinje']", NS))
    # The target of 2021 (8) is where the value 8 is; of 2024 (6) where the value 6 is.
    assert maal[0] == (float(prikkar[0].get("cx")), float(prikkar[0].get("cy")))
    assert maal[3] == (float(prikkar[2].get("cx")), float(prikkar[2].get("cy")))


def test_title_and_nothing_that_runs():
    svg_tekst = graf.linjediagram(
        [graf.Punkt("<b>jan</b>", Decimal(1), Decimal(2))], tittel="<script>alert(1)</script>",
        skildring="Verdier & mål", id_="g2", tal=str, verdi_tekst="Verdi", maal_tekst="Mål",
    )  # fmt: skip
    svg = etree.fromstring(svg_tekst.encode())
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "g2-tittel g2-desc"
    assert svg.find("s:title", NS).text == "<script>alert(1)</script>"
    assert svg.find("s:title", NS).get("id") == "g2-tittel"
    assert svg.find("s:desc", NS).text == "Verdier & mål"
    assert "<script" not in svg_tekst and "&lt;script&gt;" in svg_tekst
    tags = {etree.QName(e).localname for e in svg.iter()}
    assert tags <= {"svg", "title", "desc", "g", "line", "text", "polyline", "circle"}
    attributt = {a for e in svg.iter() for a in e.attrib}
    assert not any(a.startswith("on") or a in ("style", "href") or "href" in a for a in attributt)
    # One period: the target is a short level line at the value's height.
    (maal,) = svg.findall(".//s:polyline[@class='maallinje']", NS)
    assert len(_punkt(maal)) == 2 and len({y for _x, y in _punkt(maal)}) == 1


@pytest.mark.django_db
def test_the_page_has_the_chart_and_the_data_table(client, org, personas, klokke):
    fjor = klokke.dag.year - 1
    ind = lag(org, namn="Sykefravær", periodetype="T", retning="F", basisverdi=Decimal(8),
              maalverdi=Decimal(6), desimalar=1)  # fmt: skip
    Indikatormaal.objects.create(indikator=ind, aar=fjor, verdi=Decimal("6.5"))
    for p, v in ((1, "7.5"), (3, "6.5")):
        Indikatorverdi.objects.create(indikator=ind, enhet=org.enhet_a, aar=fjor, periode=p,
                                      verdi=Decimal(v), registrert_av=personas.leder)  # fmt: skip
    client.force_login(personas.saksbehandler_annen)
    url = reverse("verksemdsplan:indikator", args=[ind.pk]) + f"?enhet={org.enhet_a.pk}&aar={fjor}"
    side = html.fromstring(client.get(url).content)
    (svg,) = side.xpath("//*[local-name()='svg' and @role='img']")
    assert svg.xpath("./*[local-name()='title']")[0].text == "Sykefravær for Byggesak"
    assert len(svg.xpath(".//*[local-name()='circle']")) == 2
    prikkar = svg.xpath(".//*[local-name()='circle']")
    maal = svg.xpath(".//*[local-name()='polyline' and @class='maallinje']")[0]
    # The year's target 6.5 at the height of the third tertial's 6.5.
    assert {p.split(",")[1] for p in maal.get("points").split()} == {prikkar[1].get("cy")}
    # The data table: a row per tertial, the empty one said in words, status as text.
    (tabell,) = side.xpath(f"//table[@id='tabell-{ind.pk}']")
    rader = [[c.text_content().strip() for c in r.xpath("./th|./td")]
             for r in tabell.xpath("./tbody/tr")]  # fmt: skip
    assert rader == [
        [f"1. tertial {fjor}", "7,5", "6,5", "33,3 %", "Rød"],
        [f"2. tertial {fjor}", "Ingen verdi", "6,5", "", ""],
        [f"3. tertial {fjor}", "6,5", "6,5", "100,0 %", "Grønn"],
    ]
    assert tabell.xpath("./thead/tr/th[@scope='col']")

    # The standing of the year: the latest value, green as text, better with its arrow.
    def dd(dt):
        return " ".join(
            side.xpath(f"//dt[.='{dt}']/following-sibling::dd[1]")[0].text_content().split()
        )

    assert dd("Status") == "Grønn" and dd("Utvikling") == "↓ Bedre"
    assert dd("Siste verdi") == f"6,5 % (3. tertial {fjor})"
