from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import render

from ..models import LEDERROLLER, AdministrativEnhet, Rolle


@login_required
def organisasjon(request):
    """The organisation tree with each unit's leaders and deputies."""
    ledere = Rolle.objects.gyldige().filter(rolle__in=LEDERROLLER).select_related("person")
    enheter = (
        AdministrativEnhet.objects.filter(aktiv=True)
        .order_by("path")
        .prefetch_related(Prefetch("roller", queryset=ledere, to_attr="ledere"))
    )
    return render(request, "saksarkiv/organisasjon.html", {"enheter": enheter})
