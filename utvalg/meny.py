"""The committees' entries in the main menu (settings.SAKSARKIV_MENY)."""

from saksarkiv.models import Rolletype
from saksarkiv.navigation import MenuItem


def _har_verv(user) -> bool:
    from .tilgang import har_verv

    return har_verv(user)


MENY = [
    MenuItem("Mine møter", "utvalg:portal", regel=_har_verv),
    MenuItem(
        "Politisk behandling",
        "utvalg:mine",
        roles=(Rolletype.SAKSBEHANDLER, Rolletype.LEDER, Rolletype.STEDFORTREDER),
    ),
    MenuItem("Utvalg", "utvalg:liste"),
    MenuItem("Dokumentmaler", "utvalg:maler", roles=(Rolletype.ARKIV, Rolletype.MOTESEKRETAER)),
]
