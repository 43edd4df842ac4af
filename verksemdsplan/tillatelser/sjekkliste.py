"""Who may do what with the internal-control checklist (issue 21 item 5), one rule per
action, read by the services, the templates and the write matrix:

- the chief executive keeps the checklist (føremål → kontrolltype → sjekkpunkt);
- a unit's answers for a year are given by the unit's leader (or a leader above it, the
  chief executive included: `access.leads_unit`);
- the overview across units is for the chief executive, archive staff, and leaders for the
  units they lead (`access.rapportomfang`)."""

from django.utils.translation import gettext as _

from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang

KATALOG = Regelsett("sjekklisten")
SVAR = Regelsett("svarene")


@KATALOG.regel("hald")
def _hald(k: Kontekst) -> Avslag | None:
    if access.has_role(k.user, Rolletype.RADMANN):
        return None
    return ingen_tilgang(_("Bare kommunedirektøren vedlikeholder sjekklisten."))


@KATALOG.regel("oversikt")
def _oversikt(k: Kontekst) -> Avslag | None:
    if access.rapportomfang(k.user) is not None:
        return None
    return ingen_tilgang(_("Oversikten er for kommunedirektøren og lederne."))


@SVAR.regel("svar")
def _svar(k: Kontekst) -> Avslag | None:
    """`obj` is the unit answering."""
    if access.leads_unit(k.user, k.obj):
        return None
    return ingen_tilgang(_("Bare lederen for enheten svarer på sjekklisten."))


@SVAR.regel("se")
def _se(k: Kontekst) -> Avslag | None:
    if access.leads_unit(k.user, k.obj) or access.has_role(k.user, Rolletype.ARKIV):
        return None
    return ingen_tilgang(_("Sjekklisten til enheten er for lederne og kommunedirektøren."))


def katalog(user):
    return KATALOG.for_(user, None)


def svar(user, enhet):
    return SVAR.for_(user, enhet)
