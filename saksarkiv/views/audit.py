from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied

from .. import access
from ..filters import EndringsloggFilter
from ..keyset import Sortering
from ..lister import Listeside
from ..models import Endringslogg, Rolletype


class EndringsloggSide(LoginRequiredMixin, Listeside):
    """The audit log for archive staff, filtered by the same access rules as the objects."""

    template_name = "saksarkiv/endringslogg.html"
    partial_name = "saksarkiv/_endringslogg_tabell.html"
    filterset_class = EndringsloggFilter
    # Newest first, on (tidspunkt, id): keyset pages cost the same at entry 1,000,000 as at 1.
    sorteringer = (Sortering("nyest", "Nyeste først", (("tidspunkt", True),)),)
    # The count stops here («over 10 000 oppføringer»): counting a million readable entries
    # would cost more than the page.
    maks_antall = 10_000

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not access.has_role(request.user, Rolletype.ARKIV):
            raise PermissionDenied("Endringsloggen er for arkivtjenesten.")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Endringslogg.objects.readable_by(self.request.user)

    def filter_kwargs(self) -> dict:
        return {}

    def rader(self):
        return self.get_queryset().select_related("content_type")


endringslogg = EndringsloggSide.as_view()
