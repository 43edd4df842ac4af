"""The journal's entries in the main menu (settings.SAKSARKIV_MENY, saksarkiv/navigation.py).
Entries for an action ask the action's rule (services/tillatelser.py), the rest ask roles."""

from saksarkiv.models import Rolletype
from saksarkiv.navigation import MenuItem

from .services import tillatelser

_SAKSBEHANDLING = (
    Rolletype.SAKSBEHANDLER,
    Rolletype.LEDER,
    Rolletype.STEDFORTREDER,
    Rolletype.ARKIV,
    Rolletype.RADMANN,
    Rolletype.MOTESEKRETAER,
)
_LEDERE = (Rolletype.LEDER, Rolletype.STEDFORTREDER, Rolletype.RADMANN)


def _kan(handling: str):
    return lambda user: tillatelser.bruker(user).kan[handling]


MENY = [
    MenuItem("Innboks", "journal:innboks", roles=_SAKSBEHANDLING),
    MenuItem("Mine restanser", "journal:restanser", roles=_SAKSBEHANDLING),
    MenuItem("Forfallsliste", "journal:forfall", roles=_SAKSBEHANDLING),
    MenuItem("Oppfølging (OBS)", "journal:obs", roles=_SAKSBEHANDLING),
    MenuItem("Mine saker", "journal:mine_saker", roles=_SAKSBEHANDLING),
    MenuItem("Søk", "journal:sok"),
    MenuItem("Ny sak", "journal:ny_sak", regel=_kan("ny_sak")),
    MenuItem("Registrer post", "journal:registrer_inngaaende", regel=_kan("registrer_inngaaende")),
    MenuItem("Arkivkontroll", "journal:arkivkontroll", roles=(Rolletype.ARKIV,)),
    MenuItem("Ufordelte", "journal:ufordelte", roles=(*_LEDERE, Rolletype.ARKIV)),
    MenuItem("Offentlighetsvurdering", "journal:offentlighetsvurdering", roles=_LEDERE),
    MenuItem("Endelig godkjenning", "journal:endelig_godkjenning", roles=(Rolletype.RADMANN,)),
    MenuItem("Godkjenninger", "journal:godkjenninger", roles=_SAKSBEHANDLING),
    MenuItem("Kopiboks", "journal:kopiboks", roles=_SAKSBEHANDLING),
    MenuItem("Restanseliste", "journal:restanseliste", roles=(*_LEDERE, Rolletype.ARKIV)),
    MenuItem("Rapporter", "journal:rapporter", roles=(*_LEDERE, Rolletype.ARKIV)),
    MenuItem("Offentlig journal", "offentlig:eksport", roles=(Rolletype.ARKIV,)),
]
