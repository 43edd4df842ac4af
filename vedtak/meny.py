"""Decision follow-up in the main menu (settings.SAKSARKIV_MENY)."""

from saksarkiv.models import Rolletype
from saksarkiv.navigation import MenuItem

MENY = [
    MenuItem(
        "Vedtak for oppfølging",
        "vedtak:mine",
        roles=(Rolletype.SAKSBEHANDLER, Rolletype.LEDER, Rolletype.STEDFORTREDER),
    ),
    MenuItem(
        "Vedtak uten oppfølging",
        "vedtak:uten_oppfolging",
        roles=(Rolletype.MOTESEKRETAER, Rolletype.RADMANN),
    ),
    MenuItem(
        "Vedtaksrapport",
        "vedtak:rapport",
        roles=(
            Rolletype.MOTESEKRETAER,
            Rolletype.RADMANN,
            Rolletype.ARKIV,
            Rolletype.LEDER,
            Rolletype.STEDFORTREDER,
        ),
    ),
]
