"""What the journal's views share: loading restricted objects through the chokepoint. (A
service's refusal goes beside the form field with saksarkiv.forms.vis_feil.)"""

from django.http import Http404

from ..models import Journalpost, Saksmappe


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
