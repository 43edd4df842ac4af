from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import access
from ..filters import EndringsloggFilter
from ..models import Endringslogg, Rolletype

PAGE_SIZE = 50


@login_required
def endringslogg(request):
    """The audit log for archive staff, filtered by the same access rules as the objects."""
    if not access.has_role(request.user, Rolletype.ARKIV):
        raise PermissionDenied("Endringsloggen er for arkivtjenesten.")
    entries = Endringslogg.objects.readable_by(request.user).select_related("content_type")
    filterset = EndringsloggFilter(request.GET or None, queryset=entries)
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    template = (
        "saksarkiv/_endringslogg_tabell.html" if request.htmx else "saksarkiv/endringslogg.html"
    )
    return render(
        request,
        template,
        {"filter": filterset, "side": page, "query": query.urlencode()},
    )
