"""Decision follow-up in the main menu (settings.SAKSARKIV_MENY)."""

from saksarkiv.models import Rolletype
from saksarkiv.navigation import MenuItem

MENY = [
    MenuItem(
        "Vedtak for oppfølging",
        "vedtak:mine",
        roles=(Rolletype.SAKSBEHANDLER, Rolletype.LEDER, Rolletype.STEDFORTREDER),
    ),
]
