"""The journal's entries in the main menu (settings.SAKSARKIV_MENY, saksarkiv/navigation.py).
Entries for an action ask the action's rule (services/tillatelser.py), the rest ask roles."""

from saksarkiv.models import Rolletype
from saksarkiv.navigation import Gruppe, MenuItem

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
    MenuItem("Innboks", "journal:innboks", Gruppe.MITT_ARBEID, roles=_SAKSBEHANDLING),
    MenuItem("Mine restanser", "journal:restanser", Gruppe.MITT_ARBEID, roles=_SAKSBEHANDLING),
    MenuItem("Forfallsliste", "journal:forfall", Gruppe.MITT_ARBEID, roles=_SAKSBEHANDLING),
    MenuItem("Oppfølging (OBS)", "journal:obs", Gruppe.MITT_ARBEID, roles=_SAKSBEHANDLING),
    MenuItem("Mine saker", "journal:mine_saker", Gruppe.MITT_ARBEID, roles=_SAKSBEHANDLING),
    MenuItem("Godkjenninger", "journal:godkjenninger", Gruppe.MITT_ARBEID, roles=_SAKSBEHANDLING),
    MenuItem("Kopiboks", "journal:kopiboks", Gruppe.MITT_ARBEID, roles=_SAKSBEHANDLING),
    MenuItem("Søk", "journal:sok", Gruppe.SAKER_OG_POST),
    MenuItem("Ny sak", "journal:ny_sak", Gruppe.SAKER_OG_POST, regel=_kan("ny_sak")),
    MenuItem(
        "Registrer post",
        "journal:registrer_inngaaende",
        Gruppe.SAKER_OG_POST,
        regel=_kan("registrer_inngaaende"),
    ),
    MenuItem("Kontaktregister", "journal:kontakter", Gruppe.SAKER_OG_POST, regel=_kan("kontakter")),
    MenuItem("Arkivkontroll", "journal:arkivkontroll", Gruppe.ARKIV, roles=(Rolletype.ARKIV,)),
    MenuItem("Offentlig journal", "offentlig:eksport", Gruppe.ARKIV, roles=(Rolletype.ARKIV,)),
    MenuItem("Arkivuttrekk", "journal:arkivuttrekk", Gruppe.ARKIV, regel=_kan("arkivuttrekk")),
    MenuItem("Ufordelte", "journal:ufordelte", Gruppe.LEDER, roles=(*_LEDERE, Rolletype.ARKIV)),
    MenuItem(
        "Offentlighetsvurdering", "journal:offentlighetsvurdering", Gruppe.LEDER, roles=_LEDERE
    ),
    MenuItem(
        "Endelig godkjenning",
        "journal:endelig_godkjenning",
        Gruppe.LEDER,
        roles=(Rolletype.RADMANN,),
    ),
    MenuItem(
        "Restanseliste", "journal:restanseliste", Gruppe.LEDER, roles=(*_LEDERE, Rolletype.ARKIV)
    ),
    MenuItem("Rapporter", "journal:rapporter", Gruppe.RAPPORTER, roles=(*_LEDERE, Rolletype.ARKIV)),
]
