"""«Oversikt»: the verksemdsplan's front page (issue 21) — the «raude tråden» for one unit and
year on one page: the oppdragsbrev from the top down to the unit, the unit's goals and
strategies, its assignments, indicators, latest report, internal-control checklist and the
year wheel's next deadlines. Each part links on to its own page.

Who sees what is decided by the parts' own rules: every employee reads the published letters,
the plans, the indicators and their own assignments; the unit's assignments, reports and
checklist only those who lead the unit (the leader line) and, for reports and checklist,
archive staff. A fixed number of queries whatever the size of the organisation."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from saksarkiv import access
from saksarkiv.models import AdministrativEnhet, Rolletype

from ..models import (
    Aarshjulfrist,
    Oppdrag,
    Oppdragsbrev,
    Oppdragsstatus,
    Periodetype,
    Rapport,
    Verksemdsplan,
)
from ..tillatelser import brev as brevregler
from ..tillatelser import rapport as rapportregler
from ..tillatelser import sjekkliste as sjekklisteregler
from ..tillatelser.oppdrag import AVSLUTTA
from . import aarshjul, brev, indikator_oversikt, sjekkliste
from .rapport_status import periodeslutt

NESTE_FRISTAR = 4


@dataclass
class Brevsteg:
    """One unit on the way from the top unit down to the chosen one, with its letter."""

    enhet: AdministrativEnhet
    brev: Oppdragsbrev | None
    kan_lese: bool
    forsinka: bool


@dataclass
class Oversikt:
    enhet: AdministrativEnhet
    aar: int
    leiar: bool  # the user leads the unit (or a unit above it)
    brev: list[Brevsteg] = field(default_factory=list)
    plan: Verksemdsplan | None = None
    tal_maal: int = 0
    tal_strategiar: int = 0
    oppdrag: list[tuple[str, int]] = field(default_factory=list)  # (status label, count)
    oppdrag_forfalne: int = 0
    oppdrag_tal: int = 0
    mine_opne: int = 0
    mine_forfalne: int = 0
    indikatorar: list = field(default_factory=list)  # indikator_oversikt.Stand
    rapport: Rapport | None = None  # the latest period's report
    kan_sjaa_rapportar: bool = False
    sjekkliste: list[tuple[str, int]] = field(default_factory=list)
    fristar: list = field(default_factory=list)


def einingar(user) -> list[AdministrativEnhet]:
    """The units the user can pick: where they hold a role, the top unit first for the chief
    executive; sorted by the unit tree."""
    ids = {enhet_id for enhet_id, _path in access.role_units(user, *Rolletype.values)}
    q = Q(pk__in=ids)
    if access.has_role(user, Rolletype.RADMANN):
        q |= Q(depth=1)
    return list(AdministrativEnhet.objects.filter(q, aktiv=True).order_by("path"))


def _kjede(enhet) -> list[AdministrativEnhet]:
    """The unit and every unit above it, the top first (one query by materialised path)."""
    steg = AdministrativEnhet.steplen
    stiar = [enhet.path[:i] for i in range(steg, len(enhet.path) + 1, steg)]
    return list(AdministrativEnhet.objects.filter(path__in=stiar).order_by("path"))


def _brev(user, enhet, aar: int) -> list[Brevsteg]:
    kjede = _kjede(enhet)
    per_eining = {b.enhet_id: b for b in Oppdragsbrev.objects.filter(aar=aar, enhet__in=kjede)}
    fristdato = brev.frist(aar)
    steg = []
    for e in kjede:
        b = per_eining.get(e.pk)
        if b is not None:
            b.enhet = e
        kan = b is not None and brevregler.brev(user, b).kan.les
        steg.append(Brevsteg(e, b, kan, b is not None and brev.forsinka(b, fristdato)))
    return steg


def _oppdrag(enhet, aar: int, idag) -> tuple[list[tuple[str, int]], int, int]:
    qs = Oppdrag.objects.filter(enhet=enhet, aar=aar)
    tal = dict(qs.values_list("status").annotate(n=Count("pk")).order_by())
    forfalne = qs.filter(frist__lt=idag).exclude(status__in=AVSLUTTA).count()
    rader = [(label, tal.get(kode, 0)) for kode, label in Oppdragsstatus.choices]
    return rader, forfalne, sum(tal.values())


def lag(user, enhet, aar: int) -> Oversikt:
    idag = timezone.localdate()
    leiar = access.leads_unit(user, enhet)
    o = Oversikt(enhet=enhet, aar=aar, leiar=leiar, brev=_brev(user, enhet, aar))
    o.plan = Verksemdsplan.objects.filter(enhet=enhet, aar=aar).annotate(
        n_maal=Count("maal", distinct=True), n_strategiar=Count("strategiar", distinct=True)
    ).first()  # fmt: skip
    if o.plan is not None:
        o.tal_maal, o.tal_strategiar = o.plan.n_maal, o.plan.n_strategiar
    mine = Oppdrag.objects.filter(eigar=user, aar=aar).exclude(status__in=AVSLUTTA)
    tal = mine.aggregate(opne=Count("pk"), forfalne=Count("pk", filter=Q(frist__lt=idag)))
    o.mine_opne, o.mine_forfalne = tal["opne"], tal["forfalne"]
    if leiar:
        o.oppdrag, o.oppdrag_forfalne, o.oppdrag_tal = _oppdrag(enhet, aar, idag)
    o.indikatorar = [s for s in indikator_oversikt.oversikt(aar, enhet) if s.enhet.pk == enhet.pk]
    o.kan_sjaa_rapportar = rapportregler.enhet(user, enhet).kan.opprett or access.is_archive(user)
    if o.kan_sjaa_rapportar:
        rapportar = Rapport.objects.filter(enhet=enhet, aar=aar).select_related("levert_av")
        # The latest period; of a month and a tertial ending together, the tertial.
        o.rapport = max(
            rapportar,
            key=lambda r: (
                periodeslutt(r.periodetype, r.periode),
                r.periodetype == Periodetype.TERTIAL,
            ),
            default=None,
        )
    if sjekklisteregler.svar(user, enhet).kan.se:
        o.sjekkliste = sjekkliste.namngje(sjekkliste.telling(enhet, aar))
    o.fristar = [
        (f, aarshjul.tittel(f))
        for f in Aarshjulfrist.objects.filter(aar=aar, dato__gte=idag)[:NESTE_FRISTAR]
    ]
    return o


def statustal(standar) -> list[tuple[str, int]]:
    """The indicators counted per status colour, for the summary line."""
    tal = Counter(s.statustekst for s in standar if s.status)
    return sorted(tal.items())
