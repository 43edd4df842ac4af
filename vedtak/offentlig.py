"""The public overview of decision follow-up at /moter/vedtak/ (issue 19, item 6), no login:
the decisions followed up from meetings whose minutes are approved, with their deadline and
an overall status, as a page and as CSV.

What is public is decided as on the public meeting page (utvalg/offentlige_voteringer.py):
- the title is always the post's `offentlig_tittel` (equal to `tittel` when the post has no
  access code, by a database constraint; the screened title when it has one): `tittel` is
  never read here;
- the decision text, the verbal point and what is done are shown only when neither the post
  (an exempt item) nor the treatment (a protected decision) has an access code; otherwise
  «Vedtaket er unntatt offentlighet» with its legal basis;
- no caseworker, unit, remark or next step: the public sees the committee's decision and how
  far the administration has come, not who works on it.

The overall status is one SQL expression (`STATUS`), so the filter, the page and the CSV
agree: avsluttet by the committee > iverksatt (every line done: iverksatt or bortfalt) >
forsinket (past the deadline) > under arbeid (a line under work) > ikke påbegynt."""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db.models import Case, Exists, OuterRef, Prefetch, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from journal.services.epost import html_til_tekst
from saksarkiv import regneark
from saksarkiv.forms import UGYLDIG
from saksarkiv.keyset import Sortering
from saksarkiv.lister import Listeside
from saksarkiv.riktekst import rens
from utvalg.models import Motestatus

from .filters import OffentligOppfolgingFilter, Samlet
from .models import FERDIG, Linjestatus, Oppfolging, Oppfolgingslinje

UNNTATT = "Vedtaket er unntatt offentlighet"
# Within a meeting the items in their order (a number is set before any follow-up).
NYEST = Sortering(
    "nyest", "Nyeste møte først",
    (("punkt__mote__dato", True), ("punkt__mote_id", True), ("_nr", False)),
    {"_nr": Coalesce("punkt__nummer", Value(0))},
)  # fmt: skip
FRIST = Sortering("frist", "Frist, eldste først", (("frist", False),))


def status_uttrykk(idag: datetime.date) -> Case:
    """The follow-up's overall status, derived from its lines and its deadline."""
    linjer = Oppfolgingslinje.objects.filter(oppfolging=OuterRef("pk"))
    return Case(
        When(avsluttet__isnull=False, then=Value(Samlet.AVSLUTTET)),
        When(
            Exists(linjer) & ~Exists(linjer.exclude(status__in=FERDIG)),
            then=Value(Samlet.IVERKSATT),
        ),
        When(frist__lt=idag, then=Value(Samlet.FORSINKET)),
        When(
            Exists(linjer.filter(status=Linjestatus.UNDER_ARBEID)), then=Value(Samlet.UNDER_ARBEID)
        ),
        default=Value(Samlet.IKKE_PABEGYNT),
    )


def offentlige(idag: datetime.date) -> QuerySet:
    """Follow-ups the public may see (approved minutes of active committees), with their
    overall status as `samlet_status`. No display joins: the page's keys come from here."""
    return Oppfolging.objects.filter(
        punkt__mote__status=Motestatus.PROTOKOLL_GODKJENT, punkt__mote__utvalg__aktiv=True
    ).annotate(samlet_status=status_uttrykk(idag))


def med_visning(qs: QuerySet) -> QuerySet:
    """The joins a row is shown with; `tittel` is not even fetched."""
    return qs.select_related(
        "punkt__mote__utvalg", "punkt__behandling__journalpost", "punkt__behandling__tilgangskode",
        "punkt__behandling__journalpost__tilgangskode",
    ).defer("punkt__behandling__journalpost__tittel").prefetch_related(
        Prefetch("linjer", queryset=Oppfolgingslinje.objects.only(
            "pk", "oppfolging_id", "status", "utfort", "hva_er_gjort").order_by("pk"),
            to_attr="offentlige_linjer")
    )  # fmt: skip


@dataclass
class Rad:
    """One follow-up as the public sees it."""

    pk: int
    utvalg: str
    mote_dato: datetime.date
    mote_systemid: object
    saksnummer: str
    tittel: str
    frist: datetime.date
    fristtype: str
    status: str
    status_navn: str
    status_dato: datetime.date | None = None
    unntatt: bool = False  # an exempt item or a protected decision
    hjemmel: str = ""
    verbalpunkt: str = ""
    vedtak_html: str = ""
    gjort: list[str] = field(default_factory=list)

    @property
    def vedtak_tekst(self) -> str:
        if self.unntatt:
            return UNNTATT
        return html_til_tekst(self.vedtak_html) if self.vedtak_html else ""


def _hjemmel(post, behandling) -> str:
    if post.tilgangskode_id:
        return post.skjermingshjemmel or post.tilgangskode.hjemmel or post.tilgangskode.navn
    return behandling.skjermingshjemmel or behandling.tilgangskode.hjemmel or (
        behandling.tilgangskode.navn)  # fmt: skip


def rad(o: Oppfolging) -> Rad:
    p = o.punkt
    behandling = p.behandling
    post = behandling.journalpost
    linjer = o.offentlige_linjer
    status_dato = None
    if o.samlet_status == Samlet.AVSLUTTET:
        status_dato = timezone.localdate(o.avsluttet)
    elif o.samlet_status == Samlet.IVERKSATT:
        status_dato = max((linje.utfort for linje in linjer if linje.utfort), default=None)
    r = Rad(
        pk=o.pk, utvalg=p.mote.utvalg.navn, mote_dato=p.mote.dato,
        mote_systemid=p.mote.systemid, saksnummer=p.saksnummer,
        tittel=post.offentlig_tittel, frist=o.frist, fristtype=o.get_fristtype_display(),
        status=o.samlet_status, status_navn=Samlet(o.samlet_status).label,
        status_dato=status_dato,
    )  # fmt: skip
    if post.tilgangskode_id or behandling.tilgangskode_id:
        r.unntatt, r.hjemmel = True, _hjemmel(post, behandling)
        return r
    r.verbalpunkt = o.verbalpunkt
    r.vedtak_html = mark_safe(rens(p.vedtak))  # noqa: S308 - cleaned
    r.gjort = [linje.hva_er_gjort for linje in linjer if linje.hva_er_gjort]
    return r


class OffentligOppfolging(Listeside):
    """The public list, newest meeting first; an invalid filter answers 400 (the filter is
    the whole page, as in the public journal)."""

    template_name = "offentlig/vedtak.html"
    filterset_class = OffentligOppfolgingFilter
    sorteringer = (NYEST, FRIST)
    storrelse = 50

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.idag = timezone.localdate()

    def get_queryset(self):
        return offentlige(self.idag)

    def rader(self):
        return med_visning(offentlige(self.idag))

    def vis(self, rader):
        return [rad(o) for o in rader]

    def status(self, liste) -> int:
        return 200 if liste.gyldig else UGYLDIG

    def get_context_data(self, liste):
        return liste.context() | {"csv": self.lenke(etter=None), "idag": self.idag}


oversikt = OffentligOppfolging.as_view()

KOLONNER = [
    "Utvalg", "Møtedato", "Saksnummer", "Tittel", "Verbalpunkt", "Vedtak", "Frist",
    "Fristtype", "Status", "Statusdato", "Hva er gjort",
]  # fmt: skip


def csv_linjer(rader: list[Rad]) -> Iterator[str]:
    """The rows as CSV for Norwegian spreadsheets (semicolon, UTF-8 with BOM)."""
    linjer = regneark.csv_linjer([KOLONNER] + [
        [r.utvalg, regneark.dato(r.mote_dato), r.saksnummer, r.tittel, r.verbalpunkt,
         r.vedtak_tekst + (f", jf. {r.hjemmel}" if r.unntatt and r.hjemmel else ""),
         regneark.dato(r.frist), r.fristtype, r.status_navn, regneark.dato(r.status_dato),
         " | ".join(" ".join(g.split()) for g in r.gjort)]
        for r in rader
    ])  # fmt: skip
    yield "\ufeff" + next(linjer)
    yield from linjer


@require_GET
def csv(request):
    """The same filtered rows as the page, every one of them, in the page's order."""
    side = OffentligOppfolging()
    side.setup(request)
    filterset, gyldig, qs = side.filtrer(side.get_queryset())
    if not gyldig:
        return side.get(request)
    valgt = request.GET.get("sorter")
    sortering = next((s for s in side.sorteringer if s.verdi == valgt), NYEST)
    rader = [rad(o) for o in sortering.annoter(med_visning(qs)).order_by(*sortering.order_by())
             .iterator(chunk_size=1000)]  # fmt: skip
    response = StreamingHttpResponse(csv_linjer(rader), content_type="text/csv; charset=utf-8")
    filnavn = f"vedtaksoppfolging-{side.idag:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filnavn}"'
    return response
