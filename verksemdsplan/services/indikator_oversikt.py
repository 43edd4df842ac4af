"""What the indicator pages show (issue 21 item 4), computed with verksemdsplan/berekning.py:
for an indicator, a unit and a year the current value (the year's latest period), progress
toward the year's target, the status colour and the trend from the value before. A fixed
number of queries however many indicators: the values are read in one query.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import formats
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saksarkiv.models import Endringslogg

from .. import berekning
from ..models import Indikator, Indikatorverdi, Periodetype, Retning
from ..tillatelser.indikator import verdienheter
from .indikator import KORRIGERT, perioder

STATUSTEKST = {
    berekning.Status.GRONN: gettext_lazy("Grønn"),
    berekning.Status.GUL: gettext_lazy("Gul"),
    berekning.Status.RAUD: gettext_lazy("Rød"),
}
TRENDTEKST = {
    berekning.Trend.BETRE: gettext_lazy("Bedre"),
    berekning.Trend.VERRE: gettext_lazy("Dårligere"),
    berekning.Trend.UENDRA: gettext_lazy("Uendret"),
}


def tal(verdi, desimalar: int) -> str:
    """A number as the indicator shows it: its decimals, Norwegian separators."""
    if verdi is None:
        return ""
    return formats.number_format(Decimal(verdi), decimal_pos=desimalar, use_l10n=True,
                                 force_grouping=True)  # fmt: skip


def periodenamn(periodetype: str, aar: int, periode: int, *, kort: bool = False) -> str:
    if periodetype == Periodetype.MAANAD:
        namn = str(MONTHS[periode])
        return namn[:3] if kort else f"{namn} {aar}"
    if periodetype == Periodetype.TERTIAL:
        return _("{n}. tertial").format(n=periode) if kort else _("{n}. tertial {aar}").format(
            n=periode, aar=aar)  # fmt: skip
    return str(aar)


def aarsmaal(indikator: Indikator, aar: int) -> Decimal:
    """The year's target: its own (Indikatormaal), else the indicator's target."""
    for m in indikator.aarsmaal.all():  # prefetched
        if m.aar == aar:
            return m.verdi
    return indikator.maalverdi


@dataclass
class Stand:
    """An indicator's standing for one unit and year."""

    indikator: Indikator
    enhet: object
    aar: int
    verdi: Indikatorverdi | None = None
    forrige: Indikatorverdi | None = None
    maal: Decimal | None = None
    framdrift: Decimal | None = None
    status: berekning.Status | None = None
    trend: berekning.Trend | None = None
    serie: list = field(default_factory=list)

    @property
    def statustekst(self) -> str:
        return str(STATUSTEKST[self.status]) if self.status else ""

    @property
    def trendtekst(self) -> str:
        return str(TRENDTEKST[self.trend]) if self.trend else ""

    @property
    def pil(self) -> str:
        """The arrow shows where the value went; the text says whether that is good."""
        if self.verdi is None or self.forrige is None:
            return ""
        if self.verdi.verdi > self.forrige.verdi:
            return "↑"
        return "↓" if self.verdi.verdi < self.forrige.verdi else "→"

    @property
    def vist_verdi(self) -> str:
        return tal(self.verdi.verdi, self.indikator.desimalar) if self.verdi else ""

    @property
    def vist_maal(self) -> str:
        return tal(self.maal, self.indikator.desimalar)

    @property
    def periodetekst(self) -> str:
        if self.verdi is None:
            return ""
        return periodenamn(self.indikator.periodetype, self.verdi.aar, self.verdi.periode)


def stand(indikator: Indikator, enhet, aar: int, serie: list[Indikatorverdi]) -> Stand:
    """`serie`: the unit's values of the indicator, in time order."""
    s = Stand(indikator, enhet, aar, serie=serie, maal=aarsmaal(indikator, aar))
    for i, v in enumerate(serie):
        if v.aar == aar:
            s.verdi, s.forrige = v, (serie[i - 1] if i else None)
    s.framdrift = berekning.framdrift(
        indikator.basisverdi, s.maal, s.verdi.verdi if s.verdi else None
    )
    s.status = berekning.status(s.framdrift, indikator.grense_gronn, indikator.grense_gul)
    s.trend = berekning.trend(
        s.forrige.verdi if s.forrige else None,
        s.verdi.verdi if s.verdi else None,
        fallande_er_bra=indikator.retning == Retning.FALLANDE,
    )
    return s


def indikatorar():
    return Indikator.objects.select_related("enhet", "maal").prefetch_related(
        "delegert_til", "aarsmaal"
    )


def oversikt(aar: int, enhet=None, *, berre_aktive: bool = True) -> list[Stand]:
    """One row per indicator and unit it is measured for (the owner and the delegated
    units), those in `enhet`'s subtree when it is given."""
    qs = indikatorar()
    if berre_aktive:
        qs = qs.filter(aktiv=True)
    par = []
    for ind in qs:
        for e in verdienheter(ind):
            if enhet is None or e.path.startswith(enhet.path):
                par.append((ind, e))
    if not par:
        return []
    serie: dict[tuple[int, int], list] = {}
    verdiar = Indikatorverdi.objects.filter(
        indikator__in={i.pk for i, _e in par}, enhet__in={e.pk for _i, e in par}, aar__lte=aar
    ).order_by("aar", "periode")
    for v in verdiar:
        serie.setdefault((v.indikator_id, v.enhet_id), []).append(v)
    return [stand(ind, e, aar, serie.get((ind.pk, e.pk), [])) for ind, e in par]


@dataclass
class Rad:
    """A line of the detail page's data table (and a point of the chart)."""

    etikett: str
    kort: str
    verdi: Indikatorverdi | None
    maal: Decimal | None
    framdrift: Decimal | None
    status: berekning.Status | None

    @property
    def statustekst(self) -> str:
        return str(STATUSTEKST[self.status]) if self.status else ""


def tabell(indikator: Indikator, alle: list[Indikatorverdi], aar: int) -> list[Rad]:
    """The periods of `aar` (a yearly indicator: every year from its baseline year, or its
    first value, to `aar`) with the value, the target and progress of each."""
    if indikator.periodetype == Periodetype.AAR:
        fra = min([indikator.basisaar, *(v.aar for v in alle)])
        nokklar = [(a, 0) for a in range(max(fra, aar - 14), aar + 1)]
    else:
        nokklar = [(aar, p) for p in perioder(indikator.periodetype)]
    per = {(v.aar, v.periode): v for v in alle}
    rader = []
    for a, p in nokklar:
        v = per.get((a, p))
        maal = aarsmaal(indikator, a)
        f = berekning.framdrift(indikator.basisverdi, maal, v.verdi if v else None)
        rader.append(Rad(
            periodenamn(indikator.periodetype, a, p),
            periodenamn(indikator.periodetype, a, p, kort=True),
            v, maal, f, berekning.status(f, indikator.grense_gronn, indikator.grense_gul),
        ))  # fmt: skip
    return rader


def korrigeringar(verdiar: list[Indikatorverdi]) -> list[dict]:
    """The corrections of these values, newest first: when, who, the period, before → after
    and why (the audit log)."""
    if not verdiar:
        return []
    per_id = {str(v.pk): v for v in verdiar}
    logg = Endringslogg.objects.filter(
        content_type=ContentType.objects.get_for_model(Indikatorverdi),
        objekt_id__in=per_id,
        handling=KORRIGERT,
    ).order_by("-tidspunkt", "-pk")
    ut = []
    for post in logg:
        v = per_id[post.objekt_id]
        endring = post.endringer.get("verdi", {})
        ind = v.indikator
        ut.append({
            "tidspunkt": post.tidspunkt,
            "hvem": post.aktor_navn,
            "periode": periodenamn(ind.periodetype, v.aar, v.periode),
            "for": tal(endring.get("for"), ind.desimalar),
            "etter": tal(endring.get("etter"), ind.desimalar),
            "grunn": post.beskrivelse,
        })  # fmt: skip
    return ut
