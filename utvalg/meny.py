"""The committees' entries in the main menu (settings.SAKSARKIV_MENY)."""

from saksarkiv.models import Rolletype
from saksarkiv.navigation import Gruppe, MenuItem


def _folkevalgt(user) -> bool:
    """Elected members hold no roles in the organisation (their roles are already known on
    every page: no query). Staff who also sit on a committee find «Mine møter» on their
    committee's page."""
    from saksarkiv import access

    return not access.role_codes(user)


MENY = [
    MenuItem("Mine møter", "utvalg:portal", Gruppe.MOTER, regel=_folkevalgt),
    MenuItem(
        "Politisk behandling",
        "utvalg:mine",
        Gruppe.MOTER,
        roles=(Rolletype.SAKSBEHANDLER, Rolletype.LEDER, Rolletype.STEDFORTREDER),
    ),
    MenuItem("Utvalg", "utvalg:liste", Gruppe.MOTER),
    MenuItem(
        "Dokumentmaler",
        "utvalg:maler",
        Gruppe.MOTER,
        roles=(Rolletype.ARKIV, Rolletype.MOTESEKRETAER),
    ),
]
