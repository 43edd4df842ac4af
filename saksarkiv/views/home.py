from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import access
from ..models import Endringslogg, Klarering, Rolle, Rolletype


@login_required
def arbeidsbord(request):
    """Mitt arbeidsbord: the person's roles and clearances; worklists join it as they come."""
    user = request.user
    roller = Rolle.objects.gyldige().filter(person=user).select_related("enhet")
    klareringer = (
        Klarering.objects.gyldige().filter(person=user).select_related("tilgangskode", "enhet")
    )
    context = {"roller": roller, "klareringer": klareringer}
    if access.is_archive(user):
        context["siste_endringer"] = Endringslogg.objects.readable_by(user).select_related(
            "content_type"
        )[:10]
    context["er_leder"] = access.is_leader(user)
    context["rolletyper"] = Rolletype
    return render(request, "saksarkiv/arbeidsbord.html", context)
