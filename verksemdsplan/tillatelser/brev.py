"""Who may do what with an oppdragsbrev (issue 21 item 2). One rule per action, read by the
services, the templates and the write matrix.

Flow: utkast → til godkjenning → godkjent → publisert.
- The top unit's letter is written by the chief executive (RAD); a sector's or service's by
  the leader (or deputy) of that very unit, from the letter of the unit above, which must
  exist first. A letter is written (text, points, sent for approval) only as a draft.
- It is approved — or sent back to draft — by a leader above the unit (for a sector that is
  the chief executive); the top unit's letter by the chief executive. A child letter can only
  be approved once its parent is published.
- An approved letter is published by its writer or its approver. Published is final: a
  published letter is never changed (a correction is a new point in next year's letter, or
  a note in the unit's own letter below).
- Every employee (anyone with a role) reads a published letter; a letter not yet published
  is read by those who write or approve it and by the leaders above.
"""

from django.utils.translation import gettext as _

from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.tillatelser import Avslag, Kontekst, Regelsett, ingen_tilgang, nei

from ..models import Brevstatus
from .plan import er_toppeining, forelder_eining


class Brevkontekst(Kontekst):
    """Facts several rules of one letter share, computed once."""

    def forelder_enhet(self):
        if not hasattr(self, "_forelder_enhet"):
            self._forelder_enhet = forelder_eining(self.obj.enhet)
        return self._forelder_enhet

    @property
    def skrivar(self) -> bool:
        """Writes this letter: RAD for the top unit, else a leader/deputy of the unit."""
        brev = self.obj
        if er_toppeining(brev.enhet):
            return access.has_role(self.user, Rolletype.RADMANN)
        return brev.enhet_id in access.led_unit_ids(self.user)

    @property
    def godkjennar(self) -> bool:
        """Approves it: a leader above the unit; the top unit's letter RAD."""
        brev = self.obj
        if er_toppeining(brev.enhet):
            return access.has_role(self.user, Rolletype.RADMANN)
        return access.leads_unit(self.user, self.forelder_enhet())


BREV = Regelsett("oppdragsbrevet", Brevkontekst)


def er_tilsett(user) -> bool:
    """An employee: someone with a role in the organisation (an elected member without one
    is not; the letters are the administration's)."""
    return bool(access.role_codes(user))


def _ikkje_skrivar() -> Avslag:
    return ingen_tilgang(
        _("Oppdragsbrevet skrives av lederen for enheten; kommunens eget av kommunedirektøren.")
    )


def _ikkje_godkjennar() -> Avslag:
    return ingen_tilgang(
        _("Oppdragsbrevet godkjennes av en leder over enheten; sektorenes av kommunedirektøren.")
    )


@BREV.regel("skriv")
def _skriv(k: Brevkontekst) -> Avslag | None:
    if not k.skrivar:
        return _ikkje_skrivar()
    if k.obj.status != Brevstatus.UTKAST:
        return nei(_("Oppdragsbrevet kan bare endres mens det er et utkast."))
    return None


@BREV.regel("send")
def _send(k: Brevkontekst) -> Avslag | None:
    if avslag := _skriv(k):
        return avslag
    if not k.obj.punkt.exists():
        return nei(_("Skriv minst ett oppdragspunkt før brevet sendes til godkjenning."))
    return None


def _til_godkjenning(k: Brevkontekst) -> Avslag | None:
    if not k.godkjennar:
        return _ikkje_godkjennar()
    if k.obj.status != Brevstatus.TIL_GODKJENNING:
        return nei(_("Oppdragsbrevet er ikke sendt til godkjenning."))
    return None


@BREV.regel("godkjenn")
def _godkjenn(k: Brevkontekst) -> Avslag | None:
    if avslag := _til_godkjenning(k):
        return avslag
    forelder = k.obj.forelder
    if forelder is not None and forelder.status != Brevstatus.PUBLISERT:
        return nei(_("Oppdragsbrevet fra enheten over må være publisert først."))
    return None


@BREV.regel("returner")
def _returner(k: Brevkontekst) -> Avslag | None:
    return _til_godkjenning(k)


@BREV.regel("publiser")
def _publiser(k: Brevkontekst) -> Avslag | None:
    if not (k.skrivar or k.godkjennar):
        return ingen_tilgang(
            _("Oppdragsbrevet publiseres av den som skrev det eller den som godkjente det.")
        )
    if k.obj.status == Brevstatus.PUBLISERT:
        return nei(_("Oppdragsbrevet er allerede publisert."))
    if k.obj.status != Brevstatus.GODKJEND:
        return nei(_("Oppdragsbrevet må være godkjent før det publiseres."))
    return None


@BREV.regel("les")
def _les(k: Brevkontekst) -> Avslag | None:
    if k.obj.status == Brevstatus.PUBLISERT and er_tilsett(k.user):
        return None
    if k.skrivar or k.godkjennar or access.leads_unit(k.user, k.obj.enhet):
        return None
    return ingen_tilgang(_("Oppdragsbrevet er ikke publisert ennå."))


def brev(user, obj):
    return BREV.for_(user, obj)
