"""The committees' entries in the main menu (settings.SAKSARKIV_MENY)."""

from saksarkiv.models import Rolletype
from saksarkiv.navigation import MenuItem

MENY = [
    MenuItem(
        "Politisk behandling",
        "utvalg:mine",
        roles=(Rolletype.SAKSBEHANDLER, Rolletype.LEDER, Rolletype.STEDFORTREDER),
    ),
    MenuItem("Utvalg", "utvalg:liste"),
    MenuItem("Dokumentmaler", "utvalg:maler", roles=(Rolletype.ARKIV, Rolletype.MOTESEKRETAER)),
]
