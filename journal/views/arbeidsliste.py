"""The worklist pages (one pattern for all: restricted queryset → FilterSet → sortable,
keyset-paginated table). The rules are in `journal.arbeidslister`; this module only shows
them. A page costs the same few queries however many rows the list has."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from saksarkiv import keyset

from .. import arbeidslister
from ..arbeidslister import POST, Kontekst
from ..filters import ArbeidslistePostFilter, ArbeidslisteSakFilter
from ..services import avskrivning, offentlighet

SIDE = 50
# Query parameters that belong to paging and sorting, not to the filter.
_STYRING = ("etter", "sorter", "vis")


def _visning(liste, k: Kontekst):
    """What a row shows: `innsyn` (from the access chokepoint), the related names and, for
    posts, whether it is a restanse."""
    qs = liste.visning(k)
    if liste.modell == POST:
        return avskrivning.med_restanse(
            qs.select_related("saksmappe", "administrativ_enhet", "saksbehandler", "tilgangskode")
        )
    return qs.select_related("administrativ_enhet", "saksansvarlig", "tilgangskode")


def _merk(liste, k: Kontekst, rader) -> None:
    """Each row gets its deadline, its mark and (for XX) the working days left."""
    for rad in rader:
        rad.frist = liste.frist(k, rad)
        rad.merking = k.merking(rad.frist)
        if liste.xx and rad.frist:
            rad.dager_igjen = offentlighet.arbeidsdager_igjen(k.dag, rad.frist)


@require_GET
@login_required
def arbeidsliste(request, side: str):
    k = Kontekst(request.user)
    lister = [liste for liste in arbeidslister.for_side(side) if liste.tilgang(k)]
    if not lister:
        raise PermissionDenied("Denne arbeidslisten er ikke for din rolle.")
    vis = request.GET.get("vis")
    liste = next((x for x in lister if x.fane and x.fane == vis), lister[0])
    filter_class = ArbeidslistePostFilter if liste.modell == POST else ArbeidslisteSakFilter
    data = {key: value for key, value in request.GET.items() if key not in _STYRING}
    # Filtering on title words needs `innsyn` (words match only what the user may read);
    # the plain list is ordered and counted from the membership rule alone.
    queryset = liste.queryset(k) if data else liste.medlemmer(k)
    filterset = filter_class(data or None, queryset=queryset, request=request)
    gyldig = not filterset.is_bound or filterset.is_valid()
    sortering = next(
        (s for s in liste.sorteringer if s.verdi == request.GET.get("sorter")),
        liste.sorteringer[0],
    )
    antall = arbeidslister.tell(k, lister) if len(lister) > 1 else {}
    if not filterset.is_bound:
        # The tab count is the plain list's count.
        nokler, forhandstalt = queryset, antall.get(liste.kode)
    else:
        nokler, forhandstalt = (filterset.qs if gyldig else queryset.none()), None
    side_ = keyset.side(
        nokler,
        sortering,
        request.GET.get(keyset.PARAM),
        SIDE,
        rader=_visning(liste, k),
        antall=forhandstalt,
    )
    _merk(liste, k, side_.rader)

    faner = (
        [
            {
                "navn": x.navn,
                "antall": antall[x.kode],
                "query": f"vis={x.fane}",
                "aktiv": x is liste,
            }
            for x in lister
        ]
        if antall
        else []
    )
    innst = k.innst
    context = {
        "liste": liste,
        "ingress": liste.ingress.format(
            forfall_dager=innst.forfall_dager,
            obs_dager=innst.obs_dager,
            xx_frist_arbeidsdager=innst.xx_frist_arbeidsdager,
        ),
        "filter": filterset,
        "gyldig": gyldig,
        "side": side_,
        "faner": faner,
        "sorteringer": [
            {
                "navn": s.navn,
                "query": keyset.lenke(request, sorter=s.verdi, etter=None),
                "aktiv": s is sortering,
            }
            for s in liste.sorteringer
        ],
        "neste": keyset.lenke(request, etter=side_.neste) if side_.neste else None,
        "forste": keyset.lenke(request, etter=None),
        "varsel_dager": innst.varsel_dager,
        "side_navn": side,
    }
    template = "journal/_arbeidsliste.html" if request.htmx else "journal/arbeidsliste.html"
    return render(request, template, context)


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
