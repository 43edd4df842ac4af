"""The main menu, grouped by what people do. The foundation names the groups and their order
(Gruppe) and has its own entries; each app lists its own (settings.SAKSARKIV_MENY: dotted
paths to lists of MenuItem) and says which group each belongs to. The foundation knows no app.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from . import access
from .models import Rolletype


class Gruppe(StrEnum):
    """The menu's groups, in the order they are shown."""

    MITT_ARBEID = "Mitt arbeid"
    SAKER_OG_POST = "Saker og post"
    MOTER = "Møter"
    ARKIV = "Arkiv"
    LEDER = "Leder"
    VERKSEMDSPLAN = "Virksomhetsplan"
    RAPPORTER = "Rapporter"
    ADMIN = "Admin"


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    gruppe: Gruppe
    roles: tuple[str, ...] = ()  # empty: everyone logged in
    staff_only: bool = False
    regel: Callable | None = None  # (user) -> bool: the rule of the action the entry starts

    def allowed(self, user) -> bool:
        if self.staff_only:
            return user.is_staff
        if self.regel is not None:
            return self.regel(user)
        return not self.roles or access.has_role(user, *self.roles)


START = [MenuItem("Mitt arbeidsbord", "arbeidsbord", Gruppe.MITT_ARBEID)]
SLUTT = [
    MenuItem("Endringslogg", "endringslogg", Gruppe.ARKIV, roles=(Rolletype.ARKIV,)),
    MenuItem("Organisasjon", "organisasjon", Gruppe.ADMIN),
    MenuItem("Administrasjon", "admin:index", Gruppe.ADMIN, staff_only=True),
]


@cache
def _app_items(paths: tuple[str, ...]) -> tuple[MenuItem, ...]:
    return tuple(item for path in paths for item in import_string(path))


def menu() -> list[MenuItem]:
    """Every entry: the start page, the apps' entries in the setting's order, then the
    foundation's. Within a group they keep this order."""
    return [*START, *_app_items(tuple(settings.SAKSARKIV_MENY)), *SLUTT]


def menu_for(user, current_path: str) -> list[dict]:
    """The user's menu as groups in Gruppe's order, each {navn, id, aktiv, punkter}; a group
    without an entry the user may open is left out. The entry whose address is the longest
    prefix of the current page is active (/vedtaksoppfolging/rapport/ is the report's, not
    the list's), and so is its group."""
    punkter = []
    for item in menu():
        if item.allowed(user):
            url = reverse(item.url_name)
            treff = current_path == url or (url != "/" and current_path.startswith(url))
            punkter.append(
                {"label": item.label, "url": url, "active": treff, "gruppe": item.gruppe}
            )
    lengst = max((len(p["url"]) for p in punkter if p["active"]), default=0)
    for p in punkter:
        p["active"] = p["active"] and len(p["url"]) == lengst
    grupper = []
    for gruppe in Gruppe:
        mine = [p for p in punkter if p["gruppe"] == gruppe]
        if mine:
            grupper.append(
                {
                    # Shown in the user's language where a catalogue has the name
                    # (the verksemdsplan's group in nynorsk, locale/nn).
                    "navn": gettext(gruppe.value),
                    "id": f"meny-{gruppe.name.lower().replace('_', '-')}",
                    "aktiv": any(p["active"] for p in mine),
                    "punkter": mine,
                }
            )
    return grupper


def aktive_punkter(grupper: list[dict]) -> list[str]:
    """The labels of the active entries (at most one) of menu_for's groups."""
    return [p["label"] for g in grupper for p in g["punkter"] if p["active"]]


def paneler(innstilling: str, request, obj, context) -> list:
    """The panels the apps above add to a page (settings.SAKSARKIV_*_PANELER): each a
    function (request, obj, context) -> safe HTML or None; the Nones are left out."""
    funksjoner = getattr(settings, innstilling)
    return [html for f in funksjoner if (html := import_string(f)(request, obj, context))]
