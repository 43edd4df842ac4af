"""Who may do what with the monthly and tertial reports (issue 21 item 6):

- a unit's report is written and delivered by the unit's leader (or a leader above it, the
  chief executive included: `access.leads_unit`); it is read by them and by archive staff;
- a delivered report («levert») is read-only;
- it is delivered when every assignment of the unit and year that counts (not cancelled)
  has a reported status;
- a delivered report's political version is referred to committees as RS («referer») once,
  by the unit's leader (or one above it, the chief executive included); the journal's and
  the committees' own rules then decide on the case and the post (services/rapport_referat);
- the chief executive sets how statuses are rolled up (Oppsett.samanstilling)."""

from django.utils.translation import gettext as _

from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei

from ..models import Oppdrag, Oppdragsstatus, Rapportstatus

RAPPORT = Regelsett("rapporten")
ENHET = Regelsett("enheten")
OPPSETT = Regelsett("oppsettet")


def _leiar(k: Kontekst, enhet) -> Avslag | None:
    if access.leads_unit(k.user, enhet):
        return None
    return ingen_tilgang(_("Bare lederen for enheten og lederne over den skriver rapporten."))


@RAPPORT.regel("se")
def _se(k: Kontekst) -> Avslag | None:
    if access.has_role(k.user, Rolletype.ARKIV):
        return None
    return _leiar(k, k.obj.enhet)


@RAPPORT.regel("rediger")
def _rediger(k: Kontekst) -> Avslag | None:
    if avslag := _leiar(k, k.obj.enhet):
        return avslag
    if k.obj.status == Rapportstatus.LEVERT:
        return nei(_("Rapporten er levert og kan ikke endres."))
    return None


def manglar(rapport) -> list[Oppdrag]:
    """The unit's assignments for the year (not cancelled) with no line in the report."""
    med = set(rapport.linjer.values_list("oppdrag_id", flat=True))
    return [
        o
        for o in Oppdrag.objects.filter(enhet_id=rapport.enhet_id, aar=rapport.aar)
        .exclude(status=Oppdragsstatus.AVBROTE)
        .order_by("frist", "pk")
        if o.pk not in med
    ]


@RAPPORT.regel("lever")
def _lever(k: Kontekst) -> Avslag | None:
    if avslag := _rediger(k):
        return avslag
    if manglande := manglar(k.obj):
        return nei(
            _("Rapporter status på alle oppdrag før du leverer. Mangler: %(oppdrag)s.")
            % {"oppdrag": ", ".join(o.tittel for o in manglande[:5])}
        )
    return None


@RAPPORT.regel("referer")
def _referer(k: Kontekst) -> Avslag | None:
    if avslag := _leiar(k, k.obj.enhet):
        return avslag
    if k.obj.status != Rapportstatus.LEVERT:
        return nei(_("Rapporten må leveres før den kan refereres til politisk utvalg."))
    if k.obj.referert_post_id:
        return nei(_("Rapporten er allerede referert til politisk utvalg."))
    return None


@ENHET.regel("opprett")
def _opprett(k: Kontekst) -> Avslag | None:
    """`obj` is the unit the report is for."""
    return _leiar(k, k.obj)


@OPPSETT.regel("endre")
def _endre(k: Kontekst) -> Avslag | None:
    if access.has_role(k.user, Rolletype.RADMANN):
        return None
    return ingen_tilgang(_("Bare kommunedirektøren endrer hvordan status sammenstilles."))


def rapport(user, obj):
    return RAPPORT.for_(user, obj)


def enhet(user, obj):
    return ENHET.for_(user, obj)


def oppsett(user):
    return OPPSETT.for_(user, None)
