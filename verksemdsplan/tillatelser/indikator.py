"""Who may do what with indicators (issue 21 item 4), one rule per action, read by the
services in verksemdsplan/services/indikator.py, the pages and the write matrix:

- every logged-in employee reads the indicators, their values and charts;
- the chief executive and the leaders of the owning unit (or above) create and edit an
  indicator and set its yearly targets;
- values are entered per unit: for the owning unit and the units it is delegated to, by the
  leaders of that unit or above and by the chief executive;
- an inactive indicator takes no new values and no new targets.
"""

from django.utils.translation import gettext as _

from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei

INDIKATOR = Regelsett("indikatoren")
# The rule for creating an indicator is asked of the unit that will own it (None: any unit).
NY = Regelsett("ny indikator")


def verdienheter(indikator) -> list:
    """The units values are entered for: the owner first, then the delegated ones."""
    delegert = sorted(indikator.delegert_til.all(), key=lambda e: e.path)
    return [indikator.enhet, *(e for e in delegert if e.pk != indikator.enhet_id)]


@NY.regel("opprett")
def _opprett(k: Kontekst) -> Avslag | None:
    enhet = k.obj
    if enhet is None:
        if access.is_leader(k.user) or access.has_role(k.user, Rolletype.RADMANN):
            return None
    elif access.leads_unit(k.user, enhet):
        return None
    return ingen_tilgang(_("Bare kommunedirektøren og lederne for enheten oppretter "
                           "indikatorer for den."))  # fmt: skip


@INDIKATOR.regel("endre", "aarsmaal")
def _endre(k: Kontekst) -> Avslag | None:
    if not access.leads_unit(k.user, k.obj.enhet):
        return ingen_tilgang(_("Bare kommunedirektøren og lederne for enheten som eier "
                               "indikatoren, endrer den."))  # fmt: skip
    return None


@INDIKATOR.regel("registrer")
def _registrer(k: Kontekst) -> Avslag | None:
    """May the user enter values for at least one of the indicator's units?"""
    if not any(access.leads_unit(k.user, e) for e in verdienheter(k.obj)):
        return ingen_tilgang(_("Bare lederne for enhetene indikatoren er delegert til, og "
                               "kommunedirektøren, registrerer verdier."))  # fmt: skip
    if not k.obj.aktiv:
        return nei(_("Indikatoren er ikke aktiv."))
    return None


def verdi_for_enhet(user, indikator, enhet) -> Avslag | None:
    """The rule for one value: the unit must be one of the indicator's, led by the user."""
    if enhet is None or enhet.pk not in {e.pk for e in verdienheter(indikator)}:
        return nei(_("Indikatoren er ikke delegert til denne enheten."), "enhet")
    if not access.leads_unit(user, enhet):
        grunn = _("Bare lederne for enheten og kommunedirektøren registrerer verdier for {enhet}.")
        return ingen_tilgang(grunn.format(enhet=enhet.navn), "enhet")
    if not indikator.aktiv:
        return nei(_("Indikatoren er ikke aktiv."))
    return None


def kan_importere(user) -> bool:
    """The CSV import is for leaders and the chief executive (each line checked by its
    unit)."""
    return access.is_leader(user) or access.has_role(user, Rolletype.RADMANN)


def indikator(user, obj):
    return INDIKATOR.for_(user, obj)


def ny(user, enhet=None):
    return NY.for_(user, enhet)
