"""The main menu grouped by what people do (saksarkiv/navigation.py, templates/base.html):
each persona sees the groups it has entries in, in the foundation's order; a group without
an allowed entry is left out; the current page's entry and its group are marked."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from saksarkiv import navigation
from saksarkiv.navigation import Gruppe, MenuItem, aktive_punkter, menu_for

pytestmark = pytest.mark.django_db

SAKSBEHANDLERS_ARBEID = [
    "Mitt arbeidsbord",
    "Innboks",
    "Mine restanser",
    "Forfallsliste",
    "Oppfølging (OBS)",
    "Mine saker",
    "Godkjenninger",
    "Kopiboks",
    "Vedtak for oppfølging",
    "Mine oppdrag",
]
VERKSEMDSPLAN_FOR_ALLE = ["Oversikt", "Oppdragsbrev", "Planer og mål", "Indikatorer", "Årshjul"]


VP = "Virksomhetsplan"


def _grupper(user, path="/"):
    return {g["navn"]: [p["label"] for p in g["punkter"]] for g in menu_for(user, path)}


@pytest.mark.parametrize(
    "persona, grupper",
    [
        ("saksbehandler", ["Mitt arbeid", "Saker og post", "Møter", VP, "Admin"]),
        ("leder", ["Mitt arbeid", "Saker og post", "Møter", "Leder", VP, "Rapporter", "Admin"]),
        ("radmann", ["Mitt arbeid", "Saker og post", "Møter", "Leder", VP, "Rapporter", "Admin"]),
        (
            "arkiv",
            ["Mitt arbeid", "Saker og post", "Møter", "Arkiv", "Leder", VP, "Rapporter", "Admin"],
        ),
        ("motesekretaer", ["Mitt arbeid", "Saker og post", "Møter", VP, "Rapporter", "Admin"]),
        ("politiker", ["Mitt arbeid", "Saker og post", "Møter", "Admin"]),
    ],
)
def test_each_persona_sees_its_groups_in_order(personas, persona, grupper):
    assert list(_grupper(getattr(personas, persona))) == grupper


def test_the_groups_hold_what_each_persona_does(personas):
    sb = _grupper(personas.saksbehandler)
    assert sb["Mitt arbeid"] == SAKSBEHANDLERS_ARBEID
    assert sb["Saker og post"] == ["Søk", "Ny sak", "Kontaktregister"]
    assert sb["Møter"] == ["Politisk behandling", "Utvalg"]
    assert sb["Admin"] == ["Organisasjon"]
    assert sb[VP] == VERKSEMDSPLAN_FOR_ALLE

    arkiv = _grupper(personas.arkiv)
    assert arkiv["Saker og post"] == ["Søk", "Ny sak", "Registrer post", "Kontaktregister"]
    assert arkiv["Arkiv"] == [
        "Arkivkontroll",
        "Offentlig journal",
        "Arkivuttrekk",
        "Endringslogg",
    ]
    assert arkiv["Leder"] == ["Ufordelte", "Restanseliste"]

    assert _grupper(personas.radmann)["Leder"] == [
        "Ufordelte",
        "Offentlighetsvurdering",
        "Endelig godkjenning",
        "Restanseliste",
    ]
    assert _grupper(personas.leder)["Rapporter"] == ["Rapporter", "Vedtaksrapport"]
    assert _grupper(personas.politiker) == {
        "Mitt arbeid": ["Mitt arbeidsbord"],
        "Saker og post": ["Søk"],
        "Møter": ["Mine møter", "Utvalg"],
        "Admin": ["Organisasjon"],
    }


def test_staff_find_the_administration_under_admin(personas):
    personas.arkiv.is_staff = True
    assert _grupper(personas.arkiv)["Admin"] == ["Organisasjon", "Administrasjon"]


def test_every_entry_names_a_group_of_the_foundation():
    assert all(isinstance(item.gruppe, Gruppe) for item in navigation.menu())


RAPPORTMENY = [
    MenuItem("Hemmelig rapport", "arbeidsbord", Gruppe.RAPPORTER, regel=lambda user: False),
    MenuItem("Møtekalender", "arbeidsbord", Gruppe.MOTER),
]


def test_a_group_without_allowed_entries_is_not_shown(client, personas):
    navigation._app_items.cache_clear()
    try:
        with override_settings(SAKSARKIV_MENY=["tests.test_meny.RAPPORTMENY"]):
            assert list(_grupper(personas.saksbehandler)) == ["Mitt arbeid", "Møter", "Admin"]
            client.force_login(personas.saksbehandler)
            body = client.get(reverse("organisasjon")).content.decode()
            assert 'id="meny-moter"' in body and ">Møtekalender<" in body
            assert 'id="meny-rapporter"' not in body and "Hemmelig rapport" not in body
    finally:
        navigation._app_items.cache_clear()


def test_the_current_entry_and_its_group_are_active(personas):
    grupper = menu_for(personas.leder, reverse("journal:restanseliste"))
    assert aktive_punkter(grupper) == ["Restanseliste"]
    assert [g["navn"] for g in grupper if g["aktiv"]] == ["Leder"]
    # A page below an entry's address belongs to that entry; the start page only to itself.
    grupper = menu_for(personas.leder, reverse("journal:restanser") + "pdf/")
    assert aktive_punkter(grupper) == ["Mine restanser"]
    assert [g["navn"] for g in grupper if g["aktiv"]] == ["Mitt arbeid"]
    grupper = menu_for(personas.leder, "/finnes-ikke/")
    assert aktive_punkter(grupper) == [] and not any(g["aktiv"] for g in grupper)


def test_the_page_marks_the_entry_and_its_group(client, personas):
    client.force_login(personas.arkiv)
    body = client.get(reverse("endringslogg")).content.decode()
    assert body.count('aria-current="page"') == 1
    assert re.search(r'aria-current="page">Endringslogg</a>', body)
    aktive = re.findall(r'class="hovedmeny__gruppe hovedmeny__gruppe--aktiv">\s*<span[^>]*>', body)
    assert len(aktive) == 1
    assert 'id="meny-arkiv-navn" aria-current="true">Arkiv<' in aktive[0] + "Arkiv<"


def test_the_menu_is_links_in_lists_with_a_menu_button_and_no_inline_script(client, personas):
    client.force_login(personas.saksbehandler)
    body = client.get(reverse("arbeidsbord")).content.decode()
    nav = body[body.index('<nav class="hovedmeny"') : body.index("</nav>")]
    assert 'aria-label="Hovedmeny"' in nav
    assert re.search(
        r'<button type="button" class="hovedmeny__bryter" aria-expanded="false" '
        r'aria-controls="hovedmeny-grupper" hidden>Meny</button>',
        nav,
    )
    assert 'id="hovedmeny-grupper"' in nav
    # Without JavaScript every entry is a plain link in its group's labelled list.
    assert re.findall(r'<ul class="hovedmeny__punkter" id="([\w-]+)" aria-labelledby', nav) == [
        "meny-mitt-arbeid",
        "meny-saker-og-post",
        "meny-moter",
        "meny-verksemdsplan",
        "meny-admin",
    ]
    assert len(re.findall(r"<a href=", nav)) == len(SAKSBEHANDLERS_ARBEID) + 3 + 2 + 5 + 1
    assert re.search(r'<script src="/static/js/meny\.js[^"]*" defer></script>', body)
    assert "<script>" not in body and "style=" not in nav
