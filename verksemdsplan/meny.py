"""The verksemdsplan in the main menu (settings.SAKSARKIV_MENY): every employee with a role
reads the letters, plans, indicators and the year wheel; leaders and the chief executive also
keep the unit's assignments, reports and internal control."""

from django.utils.translation import gettext_lazy as _

from saksarkiv.models import LEDERROLLER, Rolletype
from saksarkiv.navigation import Gruppe, MenuItem

_TILSETTE = tuple(Rolletype.values)  # every employee (anyone with a role)
_LEIING = (Rolletype.RADMANN, *LEDERROLLER)

MENY = [
    MenuItem(_("Mine oppdrag"), "verksemdsplan:oppdrag_mine", Gruppe.MITT_ARBEID, _TILSETTE),
    MenuItem(_("Oversikt"), "verksemdsplan:oversikt", Gruppe.VERKSEMDSPLAN, _TILSETTE),
    MenuItem(_("Oppdragsbrev"), "verksemdsplan:brev_liste", Gruppe.VERKSEMDSPLAN, _TILSETTE),
    MenuItem(_("Planer og mål"), "verksemdsplan:planar", Gruppe.VERKSEMDSPLAN, _TILSETTE),
    MenuItem(_("Oppdrag"), "verksemdsplan:oppdrag_eininga", Gruppe.VERKSEMDSPLAN, _LEIING),
    MenuItem(_("Indikatorer"), "verksemdsplan:indikatorar", Gruppe.VERKSEMDSPLAN, _TILSETTE),
    MenuItem(
        _("Rapportering"),
        "verksemdsplan:rapporter",
        Gruppe.VERKSEMDSPLAN,
        (Rolletype.ARKIV, *_LEIING),
    ),
    MenuItem(
        _("Internkontroll"),
        "verksemdsplan:sjekkliste",
        Gruppe.VERKSEMDSPLAN,
        (Rolletype.ARKIV, *_LEIING),
    ),
    MenuItem(_("Årshjul"), "verksemdsplan:aarshjul_no", Gruppe.VERKSEMDSPLAN, _TILSETTE),
]
