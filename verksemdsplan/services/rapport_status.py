"""The computed status of a unit for a reporting period, and its roll-up to sector and
municipality (issue 21 item 6). Kept apart from the manual five-level assessment per goal
(Maalvurdering), which is never computed.

Decisions (README «Virksomhetsplan»):
- An assignment's status for the period is the status reported on it in the unit's report
  for that period, or, without one, the assignment's own (the last delivered) status.
  Fullført and I rute count as grønn, Utsatt as gul, Avvik as rød; Ikke startet and Avbrutt
  do not count. Each assignment weighs its `vekt`.
- An indicator's status is its band (berekning.status) for the latest value of the unit in
  the report's year whose period has ended by the report period's end; target: the year's
  target (Indikatormaal), else the indicator's. Each indicator weighs 1.
- A unit's own status: its assignments' and indicators' statuses by the configured rule
  (Oppsett.samanstilling, berekning.samanstill). Its rolled-up status: the same rule over its
  own items and each child unit's rolled-up status, a child weighing the summed weight of the
  counted items in its subtree (so a weighted mean follows Oppdrag.vekt through the tree).
All of a subtree is read in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from saksarkiv.models import AdministrativEnhet

from .. import berekning
from ..berekning import Status
from ..models import (
    Indikator,
    Indikatormaal,
    Indikatorverdi,
    Oppdrag,
    Oppdragsstatus,
    Oppsett,
    Periodetype,
    Rapport,
    Rapportlinje,
    Retning,
    Samanstilling,
)

OPPDRAGSSTATUS = {
    Oppdragsstatus.FULLFORT: Status.GRONN,
    Oppdragsstatus.I_RUTE: Status.GRONN,
    Oppdragsstatus.UTSETT: Status.GUL,
    Oppdragsstatus.AVVIK: Status.RAUD,
}
STATUSTEKST = {Status.GRONN: _("Grønn"), Status.GUL: _("Gul"), Status.RAUD: _("Rød")}
TRENDTEKST = {
    berekning.Trend.BETRE: _("Bedre"),
    berekning.Trend.VERRE: _("Dårligere"),
    berekning.Trend.UENDRA: _("Uendret"),
}


def periodeslutt(periodetype: str, periode: int) -> int:
    """The month a period ends: a month itself, a tertial 4, 8 or 12, a year 12."""
    if periodetype == Periodetype.MAANAD:
        return periode
    if periodetype == Periodetype.TERTIAL:
        return 4 * periode
    return 12


def oppdragsstatus(kode: str) -> Status | None:
    return OPPDRAGSSTATUS.get(kode)


@dataclass
class Indikatorrad:
    indikator: Indikator
    verdi: Decimal | None = None
    periode: int | None = None
    maal: Decimal | None = None
    framdrift: Decimal | None = None
    status: Status | None = None
    trend: berekning.Trend | None = None
    forrige: Decimal | None = None

    @property
    def statustekst(self):
        return STATUSTEKST.get(self.status, "")

    @property
    def trendtekst(self):
        return TRENDTEKST.get(self.trend, "")

    @property
    def trendpil(self):
        """The arrow follows the value (↓ when it fell, «Bedre» when falling is good)."""
        if self.trend is None or self.forrige is None:
            return ""
        return "↑" if self.verdi > self.forrige else "↓" if self.verdi < self.forrige else "→"


def indikatorrad(indikator, verdiar, maal: Decimal | None, slutt: int) -> Indikatorrad:
    """One indicator for one unit: `verdiar` its values in the year (any order)."""
    rad = Indikatorrad(indikator, maal=maal if maal is not None else indikator.maalverdi)
    ferdige = sorted(
        (v for v in verdiar if periodeslutt(indikator.periodetype, v.periode) <= slutt),
        key=lambda v: v.periode,
    )
    if not ferdige:
        return rad
    siste = ferdige[-1]
    rad.verdi, rad.periode = siste.verdi, siste.periode
    rad.framdrift = berekning.framdrift(indikator.basisverdi, rad.maal, siste.verdi)
    rad.status = berekning.status(rad.framdrift, indikator.grense_gronn, indikator.grense_gul)
    if len(ferdige) > 1:
        rad.forrige = ferdige[-2].verdi
        rad.trend = berekning.trend(
            ferdige[-2].verdi, siste.verdi, fallande_er_bra=indikator.retning == Retning.FALLANDE
        )
    return rad


@dataclass
class Einingsstatus:
    enhet: AdministrativEnhet
    rapport: Rapport | None = None
    oppdrag: list = field(default_factory=list)  # (Oppdrag, reported status code)
    indikatorar: list[Indikatorrad] = field(default_factory=list)
    born: list["Einingsstatus"] = field(default_factory=list)
    status: Status | None = None  # its own items
    samla: Status | None = None  # rolled up with its children
    vekt: int = 0  # the summed weight of the counted items in its subtree

    @property
    def statustekst(self):
        return STATUSTEKST.get(self.status, "")

    @property
    def samlatekst(self):
        return STATUSTEKST.get(self.samla, "")

    def eigne(self) -> list[tuple[Status | None, int]]:
        return [(oppdragsstatus(s), o.vekt) for o, s in self.oppdrag] + [
            (r.status, 1) for r in self.indikatorar
        ]


def daarlegaste(oppsett: Oppsett | None = None) -> bool:
    return (oppsett or Oppsett.hent()).samanstilling == Samanstilling.DAARLEGASTE


def _rekn(node: Einingsstatus, verste: bool) -> None:
    for barn in node.born:
        _rekn(barn, verste)
    eigne = node.eigne()
    node.status = berekning.samanstill(eigne, daarlegaste=verste)
    node.samla = berekning.samanstill(
        eigne + [(b.samla, b.vekt) for b in node.born], daarlegaste=verste
    )
    node.vekt = sum(v for s, v in eigne if s is not None) + sum(
        b.vekt for b in node.born if b.samla is not None
    )


def tre(rot: AdministrativEnhet, aar: int, periodetype: str, periode: int,
        oppsett: Oppsett | None = None) -> Einingsstatus:  # fmt: skip
    """The computed status of `rot` and every active unit below it for the period."""
    einingar = list(
        AdministrativEnhet.objects.filter(path__startswith=rot.path)
        .filter(Q(aktiv=True) | Q(pk=rot.pk))
        .order_by("path")
    )
    noder = {e.path: Einingsstatus(e) for e in einingar}
    per_id = {n.enhet.pk: n for n in noder.values()}
    for rapport in Rapport.objects.filter(
        enhet__path__startswith=rot.path, aar=aar, periodetype=periodetype, periode=periode
    ):
        if rapport.enhet_id in per_id:
            per_id[rapport.enhet_id].rapport = rapport
    rapportert = dict(
        Rapportlinje.objects.filter(
            rapport__enhet__path__startswith=rot.path, rapport__aar=aar,
            rapport__periodetype=periodetype, rapport__periode=periode,
        ).values_list("oppdrag_id", "status")
    )  # fmt: skip
    for o in Oppdrag.objects.filter(enhet__path__startswith=rot.path, aar=aar).order_by(
        "frist", "pk"
    ):
        if o.enhet_id in per_id:
            per_id[o.enhet_id].oppdrag.append((o, rapportert.get(o.pk, o.status)))
    slutt = periodeslutt(periodetype, periode)
    verdiar = defaultdict(list)
    for v in Indikatorverdi.objects.filter(
        enhet__path__startswith=rot.path, aar=aar, indikator__aktiv=True
    ).select_related("indikator"):
        verdiar[(v.enhet_id, v.indikator_id)].append(v)
    maal = dict(
        Indikatormaal.objects.filter(
            aar=aar, indikator_id__in={i for _e, i in verdiar}
        ).values_list("indikator_id", "verdi")
    )  # fmt: skip
    for (enhet_id, _ind), liste in sorted(verdiar.items(), key=lambda x: x[1][0].indikator.namn):
        if enhet_id in per_id:
            ind = liste[0].indikator
            per_id[enhet_id].indikatorar.append(indikatorrad(ind, liste, maal.get(ind.pk), slutt))
    steg = AdministrativEnhet.steplen
    for node in noder.values():
        if node.enhet.pk != rot.pk and (forelder := noder.get(node.enhet.path[:-steg])):
            forelder.born.append(node)
    _rekn(noder[rot.path], daarlegaste(oppsett))
    return noder[rot.path]


def indikatorar_for(enhet, aar: int, periodetype: str, periode: int) -> list[Indikatorrad]:
    """The unit's indicators (its own and those delegated to it), each with its status for
    the period, also those without a value yet: three queries."""
    indikatorar = list(
        Indikator.objects.filter(Q(enhet=enhet) | Q(delegert_til=enhet), aktiv=True)
        .distinct()
        .order_by("namn")
    )
    verdiar = defaultdict(list)
    for v in Indikatorverdi.objects.filter(enhet=enhet, aar=aar, indikator__in=indikatorar):
        verdiar[v.indikator_id].append(v)
    maal = dict(
        Indikatormaal.objects.filter(aar=aar, indikator__in=indikatorar).values_list(
            "indikator_id", "verdi"
        )
    )
    slutt = periodeslutt(periodetype, periode)
    return [indikatorrad(i, verdiar[i.pk], maal.get(i.pk), slutt) for i in indikatorar]
