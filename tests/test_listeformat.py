"""The hand-written row formatting of long lists (`frist` tag, `dato` filter) gives exactly
what the template machinery it replaced gave."""

import datetime
import zoneinfo
from types import SimpleNamespace

from django.template import Context, Template
from django.utils import timezone

from journal.templatetags.arbeidsliste import frist
from saksarkiv.templatetags.visning import dato

DAG = datetime.date(2026, 3, 5)


def test_frist_with_days_and_mark():
    rad = SimpleNamespace(frist=DAG, dager_igjen=-1, merking="forfalt")
    html = frist(rad)
    assert html.startswith(
        '<time datetime="2026-03-05">05.03.2026</time>'
        ' <span class="dager-igjen">(1 arbeidsdag over fristen)</span>'
        ' <span class="merke merke--forfalt"><svg class="ikon" '
    )
    assert html.endswith("</svg> Forfalt</span>") and 'aria-hidden="true"' in html
    rad = SimpleNamespace(frist=DAG, dager_igjen=3, merking="snart")
    assert "(3 arbeidsdager igjen)" in frist(rad) and "Forfaller snart</span>" in frist(rad)
    # No emoji: they render as empty boxes without an emoji font (issue 15, defect 3).
    for merking in ("forfalt", "snart"):
        tekst = frist(SimpleNamespace(frist=DAG, merking=merking))
        assert all(ord(tegn) < 0x2300 for tegn in tekst), tekst
    assert frist(SimpleNamespace(frist=DAG)) == '<time datetime="2026-03-05">05.03.2026</time>'
    assert frist(SimpleNamespace(frist=None)) == "" and frist(object()) == ""


def test_dato_equals_the_date_filter():
    oslo = zoneinfo.ZoneInfo("Europe/Oslo")
    late = datetime.datetime(2026, 3, 5, 23, 30, tzinfo=datetime.UTC)  # 6 March in Oslo
    template = Template('{{ v|date:"d.m.Y" }}')
    with timezone.override(oslo):
        for value in (DAG, late, datetime.datetime(2026, 12, 31, 8, 0)):
            assert dato(value) == template.render(Context({"v": value}))
    assert dato(late) == "06.03.2026"
    assert dato(None) == "" and dato("") == ""
