"""The result of each item (issue 18, items 4–5): whether it was treated behind closed doors
and on what exact legal basis, and how it ended — decided as recommended, decided with
changes, postponed (back to the committee's queue for a later meeting, its history kept on
this agenda), or sent back to the administration — with the decision's text.

The decision defaults to the recommendation when the recommendation carried; a decision
with changes is written by the secretary (from the proposals that carried)."""

from django.db import transaction
from django.utils import timezone

from saksarkiv import audit
from saksarkiv.riktekst import er_tom, rens
from saksarkiv.services import DomainError

from . import frammote, protokollforing, votering
from .models import Behandlingsresultat, Fastsak, Forslagstype, Sakskartpunkt

FASTE_VEDTAK = {
    Fastsak.INNKALLING: "<p>Innkalling og saksliste ble godkjent.</p>",
    Fastsak.PROTOKOLL: "<p>Protokollen fra forrige møte ble godkjent.</p>",
}


def _innstilling(punkt: Sakskartpunkt) -> str:
    if punkt.fast:
        return FASTE_VEDTAK[punkt.fast]
    forslag = punkt.forslag.filter(type=Forslagstype.INNSTILLING).first()
    return forslag.tekst if forslag is not None else votering.innstilling_fra_saken(punkt)


@transaction.atomic
def avgjor(actor, punkt: Sakskartpunkt, *, resultat: str, vedtak: str = "",
           lukket: bool = False, lukket_hjemmel: str = "") -> Sakskartpunkt:  # fmt: skip
    """Record how the item ended. Can be corrected until the minutes are locked."""
    mote = frammote._laas(actor, punkt.mote)
    punkt = (
        Sakskartpunkt.objects.select_for_update(of=("self",))
        .select_related("behandling__journalpost")
        .get(pk=punkt.pk, mote=mote, trukket__isnull=True)
    )
    if resultat not in Behandlingsresultat.values:
        raise DomainError("Velg resultatet.", field="resultat")
    lukket_hjemmel = (lukket_hjemmel or "").strip()
    if lukket and not lukket_hjemmel:
        raise DomainError("Oppgi den nøyaktige hjemmelen for å lukke møtet (f.eks. "
                          "kommuneloven § 11-5 andre ledd bokstav a).",
                          field="lukket_hjemmel")  # fmt: skip
    vedtak = rens(vedtak) if not er_tom(vedtak) else ""
    if resultat == Behandlingsresultat.VEDTATT:
        vedtak = vedtak or _innstilling(punkt)
    if resultat in (Behandlingsresultat.VEDTATT, Behandlingsresultat.ENDRET) and not vedtak:
        raise DomainError("Skriv vedtaket.", field="vedtak")
    foer = punkt.resultat
    punkt.resultat, punkt.vedtak = resultat, vedtak
    punkt.lukket, punkt.lukket_hjemmel = lukket, lukket_hjemmel if lukket else ""
    punkt.behandlet = timezone.now()
    if punkt.behandlingsrekkefolge is None:
        # The order the meeting took the items in: kept, the minutes tell a change.
        punkt.behandlingsrekkefolge = 1 + Sakskartpunkt.objects.filter(
            mote=mote, behandlingsrekkefolge__isnull=False).count()  # fmt: skip
    punkt.save(update_fields=["resultat", "vedtak", "lukket", "lukket_hjemmel", "behandlet",
                              "behandlingsrekkefolge"])  # fmt: skip
    if punkt.fast == Fastsak.PROTOKOLL and resultat in (
        Behandlingsresultat.VEDTATT,
        Behandlingsresultat.ENDRET,
    ):
        protokollforing.godkjenn_i_mote(actor, punkt)
    audit.record(actor, mote, "sak behandlet", endringer={
        "resultat": {"for": foer or None, "etter": resultat}},
        beskrivelse=f"{punkt.saksnummer}: {punkt.get_resultat_display().lower()}"
                    + (" (lukket møte)" if lukket else ""))  # fmt: skip
    return punkt
