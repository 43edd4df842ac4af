from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .. import access, keyset
from ..filters import EndringsloggFilter
from ..models import Endringslogg, Rolletype

PAGE_SIZE = 50
# Newest first, on (tidspunkt, id): keyset pages cost the same at entry 1,000,000 as at 1.
NYESTE_FORST = keyset.Sortering("nyest", "Nyeste først", (("tidspunkt", True),))
# The count stops here («over 10 000 oppføringer»): counting a million readable entries
# would cost more than the page.
MAKS_ANTALL = 10_000


@login_required
def endringslogg(request):
    """The audit log for archive staff, filtered by the same access rules as the objects."""
    if not access.has_role(request.user, Rolletype.ARKIV):
        raise PermissionDenied("Endringsloggen er for arkivtjenesten.")
    entries = Endringslogg.objects.readable_by(request.user)
    data = request.GET.copy()
    data.pop(keyset.PARAM, None)
    filterset = EndringsloggFilter(data or None, queryset=entries)
    qs = filterset.qs if not filterset.is_bound or filterset.is_valid() else entries.none()
    side = keyset.side(
        qs,
        NYESTE_FORST,
        request.GET.get(keyset.PARAM),
        PAGE_SIZE,
        rader=entries.select_related("content_type"),
        maks_antall=MAKS_ANTALL,
    )
    template = (
        "saksarkiv/_endringslogg_tabell.html" if request.htmx else "saksarkiv/endringslogg.html"
    )
    return render(
        request,
        template,
        {
            "filter": filterset,
            "side": side,
            "maks_antall": f"{MAKS_ANTALL:,}".replace(",", "\N{NO-BREAK SPACE}"),
            "neste": keyset.lenke(request, **{keyset.PARAM: side.neste}) if side.neste else None,
            "forste": keyset.lenke(request, **{keyset.PARAM: None}),
        },
    )
