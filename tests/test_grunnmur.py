"""The foundation's shared blocks (issue 14): what every app uses, tested once here."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.html import format_html

from saksarkiv import navigation, regneark
from saksarkiv.nummer import Nummer, les_nummer, les_saksnummer
from saksarkiv.tekst import uten_kontrolltegn


def test_archive_numbers_have_one_pattern():
    assert les_nummer("2026/123456789") == Nummer(2026, 123456789)
    assert les_nummer("2026/1234567890") is None  # beyond the integer columns
    assert str(les_nummer(" 2026 / 12 - 3 ")) == "2026/12-3"
    assert les_saksnummer("2026/12-3") is None and les_saksnummer("2026/12") == Nummer(2026, 12)
    assert les_nummer(None) is None and les_nummer("") is None


def test_control_characters_go_line_breaks_stay():
    assert uten_kontrolltegn("A\x00B\x07C\x7f\ufffeD\tE\nF\r") == "ABCD\tE\nF\r"
    assert uten_kontrolltegn(None) == ""


def test_csv_lines_neutralise_formulas_and_write_norwegian_dates():
    linjer = list(
        regneark.csv_linjer([["=SUM(A1)", None, regneark.dato(datetime.date(2026, 12, 3))]])
    )
    assert linjer == ["'=SUM(A1);;03.12.2026\r\n"]


EKSTRA_MENY = [navigation.MenuItem("Møtekalender", "arbeidsbord", navigation.Gruppe.MOTER)]


@pytest.mark.django_db
def test_an_app_adds_menu_entries_through_the_setting(client, personas, settings):
    """The foundation collects the apps' entries (settings.SAKSARKIV_MENY) in their order."""
    navigation._app_items.cache_clear()
    try:
        with override_settings(
            SAKSARKIV_MENY=[*settings.SAKSARKIV_MENY, "tests.test_grunnmur.EKSTRA_MENY"]
        ):
            labels = [i.label for i in navigation.menu()]
            assert labels[0] == "Mitt arbeidsbord" and labels[-1] == "Administrasjon"
            assert labels.index("Møtekalender") > labels.index("Offentlig journal")
            client.force_login(personas.politiker)
            assert "Møtekalender" in client.get(reverse("arbeidsbord")).content.decode()
    finally:
        navigation._app_items.cache_clear()


def _panel(request, post, context):
    return format_html('<section id="testpanel">Panel for {}</section>', post.pk)


def _uskikkelig_panel(request, post, context):
    return "<script>alert(1)</script>"  # a plain str is text, not markup


@pytest.mark.django_db
def test_an_app_adds_a_panel_to_the_post_page(client, personas, org, settings):
    from tests.journal.flythjelp import inngaende, ny_sak

    post = inngaende(personas.arkiv, ny_sak(personas.arkiv, org.enhet_a))
    settings.SAKSARKIV_JOURNALPOST_PANELER = [
        *settings.SAKSARKIV_JOURNALPOST_PANELER,
        "tests.test_grunnmur._panel",
        "tests.test_grunnmur._uskikkelig_panel",
    ]
    client.force_login(personas.arkiv)
    html = client.get(reverse("journal:journalpost", args=[post.pk])).content.decode()
    assert f'<section id="testpanel">Panel for {post.pk}</section>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
