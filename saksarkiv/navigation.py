"""The main menu, by role. Apps add their entries here as they arrive."""

from dataclasses import dataclass

from django.urls import reverse

from . import access
from .models import Rolletype


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    roles: tuple[str, ...] = ()  # empty: everyone logged in
    staff_only: bool = False

    def allowed(self, user) -> bool:
        if self.staff_only:
            return user.is_staff
        return not self.roles or access.has_role(user, *self.roles)


_SAKSBEHANDLING = (
    Rolletype.SAKSBEHANDLER,
    Rolletype.LEDER,
    Rolletype.STEDFORTREDER,
    Rolletype.ARKIV,
    Rolletype.RADMANN,
    Rolletype.MOTESEKRETAER,
)
_LEDERE = (Rolletype.LEDER, Rolletype.STEDFORTREDER, Rolletype.RADMANN)

MENU = [
    MenuItem("Mitt arbeidsbord", "arbeidsbord"),
    MenuItem("Innboks", "journal:innboks", roles=_SAKSBEHANDLING),
    MenuItem("Mine restanser", "journal:restanser", roles=_SAKSBEHANDLING),
    MenuItem("Forfallsliste", "journal:forfall", roles=_SAKSBEHANDLING),
    MenuItem("Oppfølging (OBS)", "journal:obs", roles=_SAKSBEHANDLING),
    MenuItem("Mine saker", "journal:mine_saker", roles=_SAKSBEHANDLING),
    MenuItem("Søk", "journal:sok"),
    MenuItem("Ny sak", "journal:ny_sak", roles=_SAKSBEHANDLING),
    MenuItem("Registrer post", "journal:registrer_inngaaende", roles=(Rolletype.ARKIV,)),
    MenuItem("Arkivkontroll", "journal:arkivkontroll", roles=(Rolletype.ARKIV,)),
    MenuItem("Ufordelte", "journal:ufordelte", roles=(*_LEDERE, Rolletype.ARKIV)),
    MenuItem("Offentlighetsvurdering", "journal:offentlighetsvurdering", roles=_LEDERE),
    MenuItem("Endelig godkjenning", "journal:endelig_godkjenning", roles=(Rolletype.RADMANN,)),
    MenuItem("Godkjenninger", "journal:godkjenninger", roles=_SAKSBEHANDLING),
    MenuItem("Kopiboks", "journal:kopiboks", roles=_SAKSBEHANDLING),
    MenuItem("Restanseliste", "journal:restanseliste", roles=(*_LEDERE, Rolletype.ARKIV)),
    MenuItem("Rapporter", "journal:rapporter", roles=(*_LEDERE, Rolletype.ARKIV)),
    MenuItem("Organisasjon", "organisasjon"),
    MenuItem("Endringslogg", "endringslogg", roles=(Rolletype.ARKIV,)),
    MenuItem("Offentlig journal", "offentlig:eksport", roles=(Rolletype.ARKIV,)),
    MenuItem("Administrasjon", "admin:index", staff_only=True),
]


def menu_for(user, current_path: str) -> list[dict]:
    items = []
    for item in MENU:
        if item.allowed(user):
            url = reverse(item.url_name)
            active = current_path == url or (url != "/" and current_path.startswith(url))
            items.append({"label": item.label, "url": url, "active": active})
    return items
