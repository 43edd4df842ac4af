"""Which committee treats a committee draft (saksframlegg)."""

from django.db import transaction

from journal.models import Journalpost
from journal.services import laas
from journal.services import tillatelser as journal_tillatelser
from saksarkiv import audit
from saksarkiv.services import DomainError

from .models import Behandling, Sakstype


@transaction.atomic
def sett_behandling(actor, post: Journalpost, utvalg, *, sakstype: str) -> Behandling:
    """Which committee treats the draft, and as what (PS, DS, RS). Set while it is a draft."""
    post = laas.post(post.pk, "administrativ_enhet")
    journal_tillatelser.journalpost(actor, post).krev("behandling")
    if utvalg is None:
        raise DomainError("Velg utvalg.", field="utvalg")
    if sakstype not in Sakstype.values:
        raise DomainError("Velg sakstype (PS, DS eller RS).", field="sakstype")
    if post.behandlinger.filter(utvalg=utvalg).exists():
        raise DomainError(f"{utvalg.navn} er allerede valgt.", field="utvalg")
    behandling = Behandling.objects.create(
        journalpost=post,
        utvalg=utvalg,
        sakstype=sakstype,
        rekkefolge=post.behandlinger.count() + 1,
    )
    audit.record(
        actor,
        post,
        "behandling",
        endringer={"behandling": {"for": None, "etter": f"{sakstype} {utvalg.kode}"}},
    )
    return behandling


def krev_behandling(post: Journalpost) -> None:
    """A committee draft names the committee that treats it before it is sent (the journal's
    approval chain asks, settings.SAKSARKIV_SAKSFRAMLEGG_KRAV)."""
    if not Behandling.objects.filter(journalpost=post).exists():
        raise DomainError("Velg hvilket utvalg som skal behandle saken før du sender den.")
