"""Decision follow-up in the main menu (settings.SAKSARKIV_MENY)."""

from saksarkiv.models import Rolletype
from saksarkiv.navigation import Gruppe, MenuItem

MENY = [
    MenuItem(
        "Vedtak for oppfølging",
        "vedtak:mine",
        Gruppe.MITT_ARBEID,
        roles=(Rolletype.SAKSBEHANDLER, Rolletype.LEDER, Rolletype.STEDFORTREDER),
    ),
    MenuItem(
        "Vedtak uten oppfølging",
        "vedtak:uten_oppfolging",
        Gruppe.MOTER,
        roles=(Rolletype.MOTESEKRETAER, Rolletype.RADMANN),
    ),
    MenuItem(
        "Vedtaksrapport",
        "vedtak:rapport",
        Gruppe.RAPPORTER,
        roles=(
            Rolletype.MOTESEKRETAER,
            Rolletype.RADMANN,
            Rolletype.ARKIV,
            Rolletype.LEDER,
            Rolletype.STEDFORTREDER,
        ),
    ),
]
