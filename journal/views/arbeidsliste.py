"""The worklist pages (one pattern for all: restricted queryset → FilterSet → sortable,
keyset-paginated table). The rules are in `journal.arbeidslister`; this module only shows
them. A page costs the same few queries however many rows the list has."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Subquery
from django.urls import path

from saksarkiv.lister import Listeside

from .. import arbeidslister
from ..arbeidslister import POST, Kontekst
from ..filters import ArbeidslistePostFilter, ArbeidslisteSakFilter
from ..models import Dokument
from ..services import avskrivning, offentlighet
from ..templatetags.tabeller import POSTKOLONNER
from . import masse

SIDE = 50


def _visning(liste, k: Kontekst):
    """What a row shows: `innsyn` (from the access chokepoint), the related names and, for
    posts, whether it is a restanse."""
    qs = liste.visning(k)
    if liste.modell == POST:
        if liste.les:
            qs = qs.annotate(hoveddokument_id=Subquery(_hoveddokument()))
        return avskrivning.med_restanse(
            qs.select_related("saksmappe", "administrativ_enhet", "saksbehandler", "tilgangskode")
        )
    return qs.select_related("administrativ_enhet", "saksansvarlig", "tilgangskode")


def _hoveddokument():
    return (
        Dokument.objects.filter(journalpost=OuterRef("pk"), tilknyttet_registrering_som="H")
        .order_by("dokumentnummer")
        .values("pk")[:1]
    )


def _merk(liste, k: Kontekst, rader) -> None:
    """Each row gets its deadline, its mark and (for XX) the working days left."""
    for rad in rader:
        rad.frist = liste.frist(k, rad)
        rad.merking = k.merking(rad.frist)
        if liste.xx and rad.frist:
            rad.dager_igjen = offentlighet.arbeidsdager_igjen(k.dag, rad.frist)


class Arbeidsliste(LoginRequiredMixin, Listeside):
    template_name = "journal/arbeidsliste.html"
    partial_name = "journal/_arbeidsliste.html"
    storrelse = SIDE
    behold = ("vis",)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.side_navn = kwargs["side"]

    def get(self, request, *args, **kwargs):
        self.k = Kontekst(request.user)
        self.lister = [x for x in arbeidslister.for_side(self.side_navn) if x.tilgang(self.k)]
        if not self.lister:
            raise PermissionDenied("Denne arbeidslisten er ikke for din rolle.")
        vis = request.GET.get("vis")
        self.valgt = next((x for x in self.lister if x.fane and x.fane == vis), self.lister[0])
        self.filterset_class = (
            ArbeidslistePostFilter if self.valgt.modell == POST else ArbeidslisteSakFilter
        )
        self.sorteringer = self.valgt.sorteringer
        self.tall = arbeidslister.tell(self.k, self.lister) if len(self.lister) > 1 else {}
        # The refusals of a bulk action just done here (shown once, on the full page).
        self.avvist = None if request.htmx else masse.avvist_for(request, self.valgt)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        # Filtering on title words needs `innsyn` (words match only what the user may read);
        # the plain list is ordered and counted from the membership rule alone.
        if self.filterdata():
            return self.valgt.queryset(self.k)
        return self.valgt.medlemmer(self.k)

    def antall(self):
        # The tab count is the plain list's count.
        return self.tall.get(self.valgt.kode)

    def rader(self):
        return _visning(self.valgt, self.k)

    def vis(self, rader):
        _merk(self.valgt, self.k, rader)
        return rader

    def get_context_data(self, liste):
        innst, valgt = self.k.innst, self.valgt
        faner = (
            [
                {
                    "navn": x.navn,
                    "antall": self.tall[x.kode],
                    "query": f"vis={x.fane}",
                    "aktiv": x is valgt,
                }
                for x in self.lister
            ]
            if self.tall
            else []
        )
        return liste.context() | {
            "liste": valgt,
            "ingress": valgt.ingress.format(
                forfall_dager=innst.forfall_dager,
                obs_dager=innst.obs_dager,
                xx_frist_arbeidsdager=innst.xx_frist_arbeidsdager,
            ),
            "faner": faner,
            "varsel_dager": innst.varsel_dager,
            "side_navn": self.side_navn,
            # Bulk actions (journal/views/masse.py): only lists that declare them.
            "masse_form": masse.skjema(valgt, self.request.user),
            "masse_avvist": self.avvist,
            "kolonner": masse.KOLONNER.get(valgt.kode, valgt.kolonner or POSTKOLONNER),
        }


arbeidsliste = Arbeidsliste.as_view()


def _liste(route: str, side: str, name: str = ""):
    return path(route, arbeidsliste, {"side": side}, name=name or side)


urlpatterns = [
    _liste("innboks/", "innboks"),
    _liste("restanser/", "restanser"),
    _liste("forfall/", "forfall"),
    _liste("oppfolging/", "obs"),
    _liste("konsepter/", "konsepter"),
    _liste("kopiboks/", "kopiboks"),
    _liste("ufordelte/", "ufordelte"),
    _liste("mottatte/", "mottatte"),
    _liste("offentlighetsvurdering/", "offentlighetsvurdering"),
    _liste("godkjenning/leder/", "godkjenning_leder"),
    _liste("godkjenning/endelig/", "endelig_godkjenning"),
    _liste("arkivkontroll/", "arkivkontroll"),
    # The old address of archive's first tab.
    _liste("journalforing/", "arkivkontroll", "journalforing"),
]
