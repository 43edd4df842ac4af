"""A committee's queue for its secretary, and «Mine saker til politisk behandling» for the
caseworker (utvalg/koliste.py has the rules). Titles are screened for the viewer: the rows'
posts come through the access chokepoint (Journalpost.objects.visible_to)."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from journal.models import Journalpost
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside

from .. import koliste
from .. import tillatelser as regler
from ..models import Behandling, Utvalg


def _med_poster(user, rader: list[Behandling]) -> list[Behandling]:
    """Each treatment's post as `user` may see it (screened title, `innsyn`)."""
    poster = (
        Journalpost.objects.visible_to(user)
        .select_related("saksmappe", "saksbehandler", "administrativ_enhet", "tilgangskode")
        .in_bulk([b.journalpost_id for b in rader])
    )
    for b in rader:
        b.post = poster.get(b.journalpost_id)
        b.ventet = koliste.dager_siden(getattr(b, "i_koen_fra", None))
    return [b for b in rader if b.post is not None]


class Koliste(LoginRequiredMixin, Listeside):
    """What waits for one committee: PS drafts through the chain, DS decisions ready to be
    reported, RS referrals; the longest waiting first."""

    template_name = "utvalg/koliste.html"
    sorteringer = (
        Sortering("eldst", "Lengst ventet først", (("i_koen_fra", False),)),
        Sortering("nyest", "Sist kommet først", (("i_koen_fra", True),)),
    )

    def get(self, request, *args, **kwargs):
        self.utvalg = get_object_or_404(Utvalg, pk=kwargs["pk"])
        if avslag := regler.utvalg(request.user, self.utvalg)["koliste"]:
            raise PermissionDenied(avslag.grunn)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return koliste.i_koen(self.utvalg)

    def rader(self):
        return koliste.i_koen(self.utvalg).select_related("tilgangskode")

    def vis(self, rader):
        return _med_poster(self.request.user, rader)

    def get_context_data(self, liste):
        """Side by side under the queue (seed 002): planned but not ready, ready but not
        planned, so that no case falls out of the next meeting."""
        user, grense = self.request.user, self.storrelse
        planlagt = list(koliste.planlagt_ikke_klar(self.utvalg)[:grense])
        uplanlagt = list(koliste.klar_ikke_planlagt(self.utvalg)[:grense])
        return liste.context() | {
            "utvalg": self.utvalg,
            "planlagt_ikke_klar": _med_poster(user, planlagt),
            "klar_ikke_planlagt": _med_poster(user, uplanlagt),
        }


koliste_side = Koliste.as_view()


class MinePolitiske(LoginRequiredMixin, Listeside):
    """«Mine saker til politisk behandling»: the user's drafts, delegated decisions and
    referrals with where each stands."""

    template_name = "utvalg/mine.html"
    sorteringer = (Sortering("nyest", "Sist meldt opp først", (("meldt_opp", True),)),)

    def get_queryset(self):
        user = self.request.user
        return Behandling.objects.filter(Q(journalpost__saksbehandler=user) | Q(meldt_opp_av=user))

    def rader(self):
        return koliste.med_sakskart(
            Behandling.objects.select_related("utvalg", "journalpost", "tilgangskode")
        )

    def vis(self, rader):
        rader = _med_poster(self.request.user, rader)
        for b in rader:
            b.stadium = koliste.stadium(b)
        return rader


mine_politiske = MinePolitiske.as_view()
