"""What the journal's views share: loading restricted objects through the chokepoint and
turning a service's refusal into a form error."""

from django.http import Http404

from saksarkiv.services import DomainError

from ..models import Journalpost, Saksmappe

# A rule refused the change (the input itself was fine): 409; bad input: 400.
KONFLIKT = 409
UGYLDIG = 400


def hent_sak(user, pk) -> Saksmappe:
    sak = (
        Saksmappe.objects.visible_to(user)
        .select_related("administrativ_enhet", "saksansvarlig", "tilgangskode", "opprettet_av")
        .filter(pk=pk)
        .first()
    )
    if sak is None:
        raise Http404("Fant ikke saken.")
    return sak


def hent_journalpost(user, pk) -> Journalpost:
    post = (
        Journalpost.objects.visible_to(user)
        .select_related(
            "saksmappe",
            "saksmappe__saksansvarlig",
            "administrativ_enhet",
            "saksbehandler",
            "tilgangskode",
            "opprettet_av",
            "besvarer",
            "besvarer__saksmappe",
        )
        .filter(pk=pk)
        .first()
    )
    if post is None:
        raise Http404("Fant ikke journalposten.")
    return post


def vis_feil(form, error: DomainError) -> int:
    """Put a service's refusal beside the field it concerns (or on top) and return the
    HTTP status to answer with."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
    for line in error.details:
        form.add_error(None, line)
    return error.status or (UGYLDIG if field else KONFLIKT)
