"""Who may change the year wheel (issue 21 item 7): the chief executive (RAD) creates a
year's default deadlines, adds deadlines and edits them. Everyone logged in reads it."""

from django.utils.translation import gettext as _

from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang

AARSHJUL = Regelsett("årshjulet")


@AARSHJUL.regel("rediger")
def _rediger(k: Kontekst) -> Avslag | None:
    if access.has_role(k.user, Rolletype.RADMANN):
        return None
    return ingen_tilgang(_("Bare kommunedirektøren endrer årshjulet."))


def aarshjul(user, obj=None):
    return AARSHJUL.for_(user, obj)
