"""Distribution (fordeling, DOMAIN.md §8): archive assigns an incoming post to a unit and, if
known, a caseworker; the unit's leader distributes the rest and may re-distribute within
the unit. A wrong unit goes back through archive."""

from django.db import transaction

from saksarkiv import access, audit
from saksarkiv.models import AdministrativEnhet, Bruker, Rolle, Rolletype
from saksarkiv.services import DomainError, IkkeTilgang

from ..models import Journalpost, Saksmappe
from . import laas, tillatelser

SAKSBEHANDLERROLLER = (Rolletype.SAKSBEHANDLER, Rolletype.LEDER, Rolletype.STEDFORTREDER)


def saksbehandlere_i(enhet: AdministrativEnhet):
    """People who can be given posts in a unit: its caseworkers, leader and deputies."""
    ids = Rolle.objects.gyldige().filter(enhet=enhet, rolle__in=SAKSBEHANDLERROLLER)
    return Bruker.objects.filter(pk__in=ids.values("person_id"), is_active=True).order_by(
        "last_name", "first_name"
    )


def krev_saksbehandler_i(enhet: AdministrativEnhet, person: Bruker | None) -> None:
    """Refuse a caseworker who holds no caseworker or leader role in the unit."""
    if person is not None and not saksbehandlere_i(enhet).filter(pk=person.pk).exists():
        raise DomainError(
            f"{person.get_full_name()} er ikke saksbehandler i {enhet.navn}.",
            field="saksbehandler",
        )


@transaction.atomic
def fordel(
    actor, post: Journalpost, *, enhet: AdministrativEnhet, saksbehandler: Bruker | None = None
) -> Journalpost:
    """Give a post to a unit and, if known, a caseworker. Without a caseworker it waits in
    the unit leader's «Ufordelte journalposter»."""
    post = laas.post(post.pk, "administrativ_enhet")
    regler_for_post = tillatelser.journalpost(actor, post)
    regler_for_post.krev("fordel")
    if (
        saksbehandler is not None
        and saksbehandler.pk == actor.pk
        and not regler_for_post.kontekst.innsyn
    ):
        # The caseworker reads the post: a leader without clearance would grant it to
        # themselves. They distribute it to someone else, or ask for clearance.
        raise IkkeTilgang(
            "Du har ikke tilgang til innholdet og kan ikke fordele journalposten til deg selv.",
            field="saksbehandler",
        )
    if enhet is None:
        raise DomainError("Velg enhet.", field="enhet")
    archive = access.is_archive(actor)
    if not archive and not access.leads_unit(actor, enhet):
        raise DomainError(
            "Du kan bare fordele innenfor din egen enhet. Send posten tilbake til arkivet "
            "hvis den hører til en annen enhet.",
            field="enhet",
        )
    krev_saksbehandler_i(enhet, saksbehandler)
    before = {
        "administrativ_enhet": str(post.administrativ_enhet),
        "saksbehandler": post.saksbehandler.get_full_name() if post.saksbehandler else None,
    }
    post.administrativ_enhet = enhet
    post.saksbehandler = saksbehandler
    post.save(update_fields=["administrativ_enhet", "saksbehandler"])
    after = {
        "administrativ_enhet": str(enhet),
        "saksbehandler": saksbehandler.get_full_name() if saksbehandler else None,
    }
    audit.record(actor, post, "fordelt", endringer=audit.diff(before, after))
    sak = post.saksmappe
    if post.dokumentnummer == 1 and sak.journalposter.count() == 1:
        # A case opened for this very document follows it to its caseworker.
        sak_before = {
            "administrativ_enhet": str(sak.administrativ_enhet),
            "saksansvarlig": sak.saksansvarlig.get_full_name(),
        }
        Saksmappe.objects.filter(pk=sak.pk).update(
            administrativ_enhet=enhet, saksansvarlig=saksbehandler or sak.saksansvarlig
        )
        sak.refresh_from_db()
        audit.record(
            actor,
            sak,
            "fordelt",
            endringer=audit.diff(
                sak_before,
                {
                    "administrativ_enhet": str(sak.administrativ_enhet),
                    "saksansvarlig": sak.saksansvarlig.get_full_name(),
                },
            ),
        )
    return post
