"""Rich text is cleaned on the server (saksarkiv/riktekst.py): a table of hostile inputs,
each with what must be gone and what may stay."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from saksarkiv.riktekst import er_tom, rens

FARLIG = [
    # (input, must not survive, what stays)
    ("<p>Før</p><script>alert('x')</script><p>Etter</p>", ["<script", "alert"], "<p>Før</p>"),
    ('<img src=x onerror="alert(1)">Tekst', ["<img", "onerror", "alert"], "Tekst"),
    ('<p onclick="steal()">Klikk</p>', ["onclick", "steal"], "<p>Klikk</p>"),
    ('<a href="javascript:alert(1)">Lenke</a>', ["javascript:", "alert"], "Lenke"),
    ('<a href="JaVaScRiPt:alert(1)">Lenke</a>', ["alert"], "Lenke"),
    ('<a href="data:text/html;base64,PHNjcmlwdD4=">Data</a>', ["data:"], "Data"),
    ('<img src="http://angriper.example/spor.png">', ["<img", "angriper"], ""),
    ("<style>body{display:none}</style><p>Synlig</p>", ["<style", "display"], "<p>Synlig</p>"),
    ('<p style="background:url(http://x)">Stil</p>', ["style", "url("], "<p>Stil</p>"),
    ('<svg onload="alert(1)"><circle r="5"/></svg><p>SVG</p>', ["<svg", "onload", "circle"],
     "<p>SVG</p>"),
    ('<iframe src="https://evil.example"></iframe>Ramme', ["<iframe", "evil"], "Ramme"),
    ('<form action="https://x"><input name="a"></form>Skjema', ["<form", "<input"], "Skjema"),
    ('<object data="x.swf"></object><embed src="y">', ["<object", "<embed"], ""),
    ("<p><b>Uavsluttet <i>kursiv</p>", ["<p><b>Uavsluttet <i>kursiv</p>"], "Uavsluttet"),
    ("<div><div><div><p>Dypt</p></div></div></div>", ["<div"], "<p>Dypt</p>"),
    ("<!-- kommentar --><p>Tekst</p>", ["kommentar"], "<p>Tekst</p>"),
    ('<meta http-equiv="refresh" content="0;url=https://x">', ["<meta", "refresh"], ""),
    ('<base href="https://evil.example/">', ["<base", "evil"], ""),
    ("<math><mi>x</mi></math>Etter", ["<math"], "Etter"),
]  # fmt: skip


@pytest.mark.parametrize(("html", "borte", "blir"), FARLIG)
def test_hostile_html_comes_out_safe(html, borte, blir):
    ren = rens(html)
    for bit in borte:
        assert bit.lower() not in ren.lower(), (html, ren)
    assert blir in ren, (html, ren)
    assert rens(ren) == ren  # cleaning is stable


def test_the_structure_a_caseworker_writes_survives():
    html = (
        "<h2>Saksopplysninger</h2><p>Søknaden gjelder <strong>gnr. 12 bnr. 4</strong>, "
        '<em>se</em> <a href="https://fjordvik.kommune.no/plan">planen</a>.</p>'
        '<ol start="2"><li>Ett</li><li>To</li></ol><table><tbody><tr><td colspan="2">Celle'
        "</td></tr></tbody></table><blockquote>Sitat</blockquote>"
    )
    ren = rens(html)
    for bit in ("<h2>", "<strong>", "<em>", '<ol start="2">', '<td colspan="2">', "<blockquote>"):
        assert bit in ren, (bit, ren)
    assert 'href="https://fjordvik.kommune.no/plan"' in ren
    assert 'rel="noopener noreferrer nofollow"' in ren


def test_an_empty_editor_is_empty():
    assert er_tom("<p></p>") and er_tom("") and er_tom(None) and er_tom("<p> <br></p>")
    assert not er_tom("<p>Tekst</p>")


@given(st.text())
def test_no_input_makes_a_script_or_an_event_attribute(tekst):
    ren = rens(tekst)
    assert "<script" not in ren.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", ren, re.IGNORECASE)
