from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.module_loading import import_string

from .. import access
from ..models import Endringslogg, Klarering, Rolle, Rolletype


@login_required
def arbeidsbord(request):
    """Mitt arbeidsbord: the person's worklists with their counts, roles and clearances.
    The apps provide the worklist tiles (settings.SAKSARKIV_ARBEIDSBORD)."""
    user = request.user
    roller = Rolle.objects.gyldige().filter(person=user).select_related("enhet")
    klareringer = (
        Klarering.objects.gyldige().filter(person=user).select_related("tilgangskode", "enhet")
    )
    arbeidslister = []
    for provider in settings.SAKSARKIV_ARBEIDSBORD:
        arbeidslister.extend(import_string(provider)(user))
    # A tile with a «varsel» is a warning: something is due, shown above the lists.
    varsler = [liste for liste in arbeidslister if liste.get("varsel")]
    arbeidslister = [liste for liste in arbeidslister if not liste.get("varsel")]
    context = {"roller": roller, "klareringer": klareringer, "arbeidslister": arbeidslister,
               "varsler": varsler}  # fmt: skip
    if access.is_archive(user):
        context["siste_endringer"] = Endringslogg.objects.readable_by(user).select_related(
            "content_type"
        )[:10]
    context["er_leder"] = access.is_leader(user)
    context["rolletyper"] = Rolletype
    return render(request, "saksarkiv/arbeidsbord.html", context)
