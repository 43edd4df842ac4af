"""The main menu. The foundation has its own entries; each app lists its own
(settings.SAKSARKIV_MENY: dotted paths to lists of MenuItem), shown in that order between
the start page and the foundation's entries. The foundation knows no app."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

from . import access
from .models import Rolletype


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: tuple[str, ...] = ()  # empty: everyone logged in
    staff_only: bool = False
    regel: Callable | None = None  # (user) -> bool: the rule of the action the entry starts

    def allowed(self, user) -> bool:
        if self.staff_only:
            return user.is_staff
        if self.regel is not None:
            return self.regel(user)
        return not self.roles or access.has_role(user, *self.roles)


START = [MenuItem("Mitt arbeidsbord", "arbeidsbord")]
SLUTT = [
    MenuItem("Organisasjon", "organisasjon"),
    MenuItem("Endringslogg", "endringslogg", roles=(Rolletype.ARKIV,)),
    MenuItem("Administrasjon", "admin:index", staff_only=True),
]


@cache
def _app_items(paths: tuple[str, ...]) -> tuple[MenuItem, ...]:
    return tuple(item for path in paths for item in import_string(path))


def menu() -> list[MenuItem]:
    return [*START, *_app_items(tuple(settings.SAKSARKIV_MENY)), *SLUTT]


def menu_for(user, current_path: str) -> list[dict]:
    """The user's menu; the entry whose address is the longest prefix of the current page
    is active (/vedtaksoppfolging/rapport/ is the report's, not the list's)."""
    items = []
    for item in menu():
        if item.allowed(user):
            url = reverse(item.url_name)
            treff = current_path == url or (url != "/" and current_path.startswith(url))
            items.append({"label": item.label, "url": url, "active": treff})
    lengst = max((len(i["url"]) for i in items if i["active"]), default=0)
    for i in items:
        i["active"] = i["active"] and len(i["url"]) == lengst
    return items


def paneler(innstilling: str, request, obj, context) -> list:
    """The panels the apps above add to a page (settings.SAKSARKIV_*_PANELER): each a
    function (request, obj, context) -> safe HTML or None; the Nones are left out."""
    funksjoner = getattr(settings, innstilling)
    return [html for f in funksjoner if (html := import_string(f)(request, obj, context))]
