"""The restanse report (Restanseliste; DOMAIN.md §10, seed 003 §9.3): open restanser per unit
and caseworker for a journal-date period and a unit subtree, as a page, CSV and PDF.

A restanse is `services.avskrivning.restanse_q()`. Who answers for it: the caseworker of an
incoming letter (I), and the internal recipient of a note (N). A note to several recipients
is one restanse (one write-off ends it for all), so the report lists it once, under its
first internal recipient, in that recipient's unit (the note's own unit when the recipient
part names no unit).

The report is built in two steps. First the *keys* (`restanse_nokler`): post, who, which
unit, dates — from two plain queries the database can answer with its indexes (letters by
their unit; notes with their recipient parts), filtered and ordered in Python. Placing a
note by its recipient inside one SQL query would make PostgreSQL evaluate a correlated
subquery for every note in the journal before it knows which are restanser (seconds at a
million posts). Then the *rows* of a page or a file: the posts by primary key, through the
access chokepoint for the viewer, so a leader without clearance sees the offentlig tittel
and «*****» for screened senders. The stored quarterly lists are rendered for
`UTEN_KLARERING` (nobody's clearance), so the files never hold a restricted value.
"""

import datetime
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch

from journal.models import Innstillinger
from saksarkiv import access, regneark
from saksarkiv.models import AdministrativEnhet, Bruker
from saksarkiv.pdf import render_pdf
from saksarkiv.regneark import celle, dato  # noqa: F401 - celle is the module's cell rule too

from .arbeidslister import Kontekst
from .models import Journalpost, Journalposttype, Korrespondansepart, Korrespondanseparttype
from .services.avskrivning import restanse_q

T = Journalposttype
KP = Korrespondanseparttype
# The public view: no clearance, no roles. Stored reports are rendered for it.
UTEN_KLARERING = AnonymousUser()
UFORDELT = "Ufordelt"
CHUNK = 2000
MERKETEKST = {"forfalt": "Forfalt", "snart": "Forfaller snart"}


@dataclass(frozen=True)
class Nokkel:
    """One restanse: which post, who answers for it (None: nobody yet), in which unit."""

    pk: int
    ansvarlig_id: int | None
    enhet_id: int
    sti: str  # the unit's tree path
    journaldato: datetime.date
    forfallsdato: datetime.date | None
    nummer: tuple[int, int]  # journalår, sekvensnummer


_POSTFELT = (
    "pk",
    "saksbehandler_id",
    "administrativ_enhet_id",
    "administrativ_enhet__path",
    "journaldato",
    "forfallsdato",
    "journalaar",
    "journalsekvensnummer",
)


def restanse_nokler(*, enhet=None, fra=None, til=None, saksbehandler=None) -> list[Nokkel]:
    """The open restanser in a unit subtree and journal-date period (for one caseworker),
    grouped per unit (tree order) and caseworker (by name, «Ufordelt» last), oldest first."""
    base = Journalpost.objects.filter(restanse_q()).order_by()
    if fra:
        base = base.filter(journaldato__gte=fra)
    if til:
        base = base.filter(journaldato__lte=til)
    brev = base.filter(journalposttype=T.INNGAENDE)
    if enhet is not None:
        brev = brev.filter(administrativ_enhet__path__startswith=enhet.path)
    if saksbehandler is not None:
        brev = brev.filter(saksbehandler=saksbehandler)
    nokler = [
        Nokkel(pk, sb, enhet_id, sti, jdato, forfall, (aar, nr))
        for pk, sb, enhet_id, sti, jdato, forfall, aar, nr in brev.values_list(*_POSTFELT)
    ]
    nokler += _notater(base.filter(journalposttype=T.NOTAT_MED_OPPFOLGING))
    if enhet is not None:
        nokler = [n for n in nokler if n.sti.startswith(enhet.path)]
    if saksbehandler is not None:
        nokler = [n for n in nokler if n.ansvarlig_id == saksbehandler.pk]
    return _ordne(nokler)


def _notater(notater) -> list[Nokkel]:
    """Notes placed by their first internal recipient (person and unit)."""
    rader = list(notater.values_list(*_POSTFELT))
    forste: dict[int, tuple] = {}
    for start in range(0, len(rader), CHUNK):
        deler = (
            Korrespondansepart.objects.filter(
                korrespondanseparttype=KP.INTERN_MOTTAKER,
                journalpost_id__in=[rad[0] for rad in rader[start : start + CHUNK]],
            )
            .order_by("journalpost_id", "id")
            .values_list("journalpost_id", "person_id", "enhet_id", "enhet__path")
        )
        for post_id, person_id, enhet_id, sti in deler:
            forste.setdefault(post_id, (person_id, enhet_id, sti))
    result = []
    for pk, _sb, enhet_id, sti, jdato, forfall, aar, nr in rader:
        person_id, mottaker_enhet, mottaker_sti = forste.get(pk, (None, None, None))
        if mottaker_enhet is not None:
            enhet_id, sti = mottaker_enhet, mottaker_sti
        result.append(Nokkel(pk, person_id, enhet_id, sti, jdato, forfall, (aar, nr)))
    return result


def _ordne(nokler: list[Nokkel]) -> list[Nokkel]:
    navn = {
        pk: (last.casefold(), first.casefold())
        for pk, last, first in Bruker.objects.filter(
            pk__in={n.ansvarlig_id for n in nokler} - {None}
        ).values_list("pk", "last_name", "first_name")
    }
    return sorted(
        nokler,
        key=lambda n: (
            n.sti,
            n.ansvarlig_id is None,
            navn.get(n.ansvarlig_id, ("", "")),
            n.ansvarlig_id or 0,
            n.journaldato,
            n.nummer,
        ),
    )


def for_visning(viewer):
    """The posts a report shows to `viewer`, each with its `innsyn` (the chokepoint).
    Logged-in users see every row, screened; `UTEN_KLARERING` gets every row too, with
    innsyn only where there is no access code (a stored report lists all restanser, but
    shows them as the public may see them)."""
    if viewer.is_authenticated:
        return Journalpost.objects.visible_to(viewer)
    return Journalpost.objects.with_innsyn(viewer)


def med_visning(qs):
    """What a row shows, joined in: the case, the caseworker and the senders."""
    avsendere = Korrespondansepart.objects.filter(
        korrespondanseparttype__in=[KP.AVSENDER, KP.INTERN_AVSENDER]
    ).order_by("id")
    return qs.select_related("saksmappe", "saksbehandler").prefetch_related(
        Prefetch("korrespondanseparter", queryset=avsendere, to_attr="r_avsendere")
    )


@dataclass
class Rad:
    post: Journalpost
    enhet: AdministrativEnhet | None
    ansvarlig: Bruker | None
    tittel: str
    avsender: str
    dager_over: int
    merking: str  # "forfalt", "snart" or ""

    @property
    def merketekst(self) -> str:
        return MERKETEKST.get(self.merking, "")

    @property
    def ansvarlig_navn(self) -> str:
        return _navn(self.ansvarlig)

    @property
    def enhet_navn(self) -> str:
        return self.enhet.navn if self.enhet else ""


def _navn(person) -> str:
    if person is None:
        return UFORDELT
    return person.get_full_name() or person.get_username()


def _avsender(viewer, post) -> str:
    """Sender names as the journal pages show them: screened unless the viewer reads the
    post or the post does not screen its correspondents."""
    if post.skjerm_korrespondanseparter and not access.can_read(viewer, post):
        return access.SKJERMET
    navn = [part.navn for part in getattr(post, "r_avsendere", [])]
    if not navn and post.journalposttype == T.NOTAT_MED_OPPFOLGING and post.saksbehandler:
        navn = [post.saksbehandler.get_full_name() or post.saksbehandler.get_username()]
    return ", ".join(navn)


class Radbygger:
    """Turns keys into rows for one viewer on one day: the posts, people and units of a
    whole batch are read at once."""

    def __init__(self, viewer, dag: datetime.date, innst: Innstillinger | None = None):
        self.viewer = viewer
        self.dag = dag
        self.kontekst = Kontekst(viewer, dag=dag, innst=innst or Innstillinger.hent())

    def rader(self, nokler: list[Nokkel]) -> list[Rad]:
        poster = med_visning(for_visning(self.viewer)).in_bulk([n.pk for n in nokler])
        folk = Bruker.objects.in_bulk({n.ansvarlig_id for n in nokler} - {None})
        enheter = AdministrativEnhet.objects.in_bulk({n.enhet_id for n in nokler})
        return [
            self._rad(poster[n.pk], enheter.get(n.enhet_id), folk.get(n.ansvarlig_id))
            for n in nokler
            if n.pk in poster
        ]

    def _rad(self, post, enhet, ansvarlig) -> Rad:
        merking = self.kontekst.merking(post.forfallsdato)
        dager_over = (self.dag - post.forfallsdato).days if merking == "forfalt" else 0
        return Rad(
            post=post,
            enhet=enhet,
            ansvarlig=ansvarlig,
            tittel=access.title_for(self.viewer, post),
            avsender=_avsender(self.viewer, post),
            dager_over=dager_over,
            merking=merking,
        )


def alle_rader(viewer, nokler: list[Nokkel], dag: datetime.date, innst=None) -> Iterator[Rad]:
    """Every row, `CHUNK` posts at a time (the queries grow with the chunks, not the rows)."""
    bygger = Radbygger(viewer, dag, innst)
    for start in range(0, len(nokler), CHUNK):
        yield from bygger.rader(nokler[start : start + CHUNK])


@dataclass
class Gruppe:
    """The rows of one caseworker in one unit."""

    enhet: AdministrativEnhet | None
    ansvarlig_navn: str
    nokkel: tuple = ()
    rader: list[Rad] = field(default_factory=list)

    @property
    def forfalt(self) -> int:
        return sum(1 for r in self.rader if r.merking == "forfalt")


def grupper(rader: Iterable[Rad]) -> list[Gruppe]:
    """Consecutive rows of the same unit and caseworker (the keys are ordered that way)."""
    result: list[Gruppe] = []
    for rad in rader:
        key = (rad.enhet.pk if rad.enhet else None, rad.ansvarlig.pk if rad.ansvarlig else None)
        if not result or result[-1].nokkel != key:
            result.append(Gruppe(rad.enhet, rad.ansvarlig_navn, key))
        result[-1].rader.append(rad)
    return result


@dataclass
class Sum:
    enhet: AdministrativEnhet | None
    ansvarlig: Bruker | None
    antall: int = 0
    forfalt: int = 0
    snart: int = 0

    @property
    def ansvarlig_navn(self) -> str:
        return _navn(self.ansvarlig)


def oppsummering(nokler: list[Nokkel], dag: datetime.date, varsel_dager: int) -> list[Sum]:
    """Counts per unit and caseworker (total, overdue, due soon), in the keys' order."""
    snart_til = dag + datetime.timedelta(days=varsel_dager)
    folk = Bruker.objects.in_bulk({n.ansvarlig_id for n in nokler} - {None})
    enheter = AdministrativEnhet.objects.in_bulk({n.enhet_id for n in nokler})
    summer: dict[tuple, Sum] = {}
    for n in nokler:
        key = (n.enhet_id, n.ansvarlig_id)
        if key not in summer:
            summer[key] = Sum(enheter.get(n.enhet_id), folk.get(n.ansvarlig_id))
        s = summer[key]
        s.antall += 1
        if n.forfallsdato and n.forfallsdato < dag:
            s.forfalt += 1
        elif n.forfallsdato and n.forfallsdato <= snart_til:
            s.snart += 1
    return list(summer.values())


# --- CSV -----------------------------------------------------------------------------------

KOLONNER = (
    "Enhet",
    "Saksbehandler",
    "Journalpostnummer",
    "Dokumentnummer",
    "Journaldato",
    "Forfallsdato",
    "Dager over frist",
    "Merking",
    "Tittel",
    "Avsender",
)


def csv_linjer(rader: Iterable[Rad]) -> Iterator[str]:
    """The report as CSV for Norwegian spreadsheets (semicolon, UTF-8 with BOM)."""
    linjer = regneark.csv_linjer(
        itertools.chain(
            [KOLONNER],
            (
                [
                    r.enhet_navn,
                    r.ansvarlig_navn,
                    r.post.journalpostnummer,
                    r.post.saksdokumentnummer,
                    dato(r.post.journaldato),
                    dato(r.post.forfallsdato),
                    r.dager_over or "",
                    r.merketekst,
                    r.tittel,
                    r.avsender,
                ]
                for r in rader
            ),
        )
    )
    yield "\ufeff" + next(linjer)
    yield from linjer


# --- PDF -----------------------------------------------------------------------------------


def restanseliste_pdf(
    viewer,
    nokler: list[Nokkel],
    *,
    enhet: AdministrativEnhet,
    dag: datetime.date,
    periode: str = "",
    lagret: bool = False,
    innst: Innstillinger | None = None,
) -> tuple[bytes, int]:
    """The report as PDF (header with unit and date, «Side x av y», overdue rows marked in
    text). Returns (pdf, number of rows). `lagret`: a stored, archival (PDF/A) copy."""
    innst = innst or Innstillinger.hent()
    rader = list(alle_rader(viewer, nokler, dag, innst))
    pdf = render_pdf(
        "print/restanseliste.html",
        {
            "tittel": f"Restanseliste – {enhet.navn}",
            "enhet": enhet,
            "dag": dag,
            "periode": periode,
            "grupper": grupper(rader),
            "antall": len(rader),
            "forfalt": sum(1 for r in rader if r.merking == "forfalt"),
            "varsel_dager": innst.varsel_dager,
            "lagret": lagret,
        },
        archival=lagret,
    )
    return pdf, len(rader)


def personer_i(enheter):
    """People who hold or held a role in the units (people who left keep their restanser)."""
    return (
        Bruker.objects.filter(roller__enhet__in=enheter)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )
