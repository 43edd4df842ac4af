"""The decision follow-up report (issue 19, item 5; seed 000 «rapport for tilbakemelding til
aktuelt utvalg»): every decision with follow-up — status, deadline, date done, what was
done and what comes next per responsible caseworker, overdue said in words — for a
committee and period, for a unit (and those below it), or for a year; with a stacked
status chart (pygal, SVG without JavaScript). Shown as HTML, PDF/A and CSV.

Follow-ups not closed by the committee roll into every later report: a committee's report
for a period holds the decisions of its meetings in the period and every earlier one still
open, and those closed during the period. Titles and decisions go through the access
chokepoint for the reader: an exempt case shows its public title, a protected decision
is left out.

The secretary refers the report to the committee in one step (`referer`): it is registered
as a post in the committee's meeting case with the PDF and enrolled as a referatsak; when
the committee has taken it into account, the decisions carried out are closed (`avslutt`).
"""

import base64
import datetime
import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe

from journal.models import Journalpost
from saksarkiv import access, audit, regneark
from saksarkiv.pdf import render_pdf
from saksarkiv.riktekst import rens
from saksarkiv.services import DomainError

from . import tillatelser as regler
from .models import FERDIG, Linjestatus, Oppfolging

SKRIPT = re.compile(r"<script\b.*?</script>", re.S | re.I)
# The statuses in the chart and the CSV, in order; «Forsinket» is derived.
STATUSER = ("Ikke påbegynt", "Under arbeid", "Forsinket", "Iverksatt", "Bortfalt", "Avsluttet")
FARGER = ("#9aa5b1", "#2f6db5", "#b3261e", "#2e7d32", "#6d4c41", "#1b5e20")


@dataclass
class Utvalgsvalg:
    """What a report covers: a committee and period, a unit, or a year (one of them)."""

    utvalg: object | None = None
    enhet: object | None = None
    fra: datetime.date | None = None
    til: datetime.date | None = None

    @property
    def tittel(self) -> str:
        hva = self.utvalg.navn if self.utvalg else (self.enhet.navn if self.enhet else "Alle")
        return f"Vedtaksoppfølging – {hva}, {regneark.dato(self.fra)}–{regneark.dato(self.til)}"


@dataclass
class Rad:
    oppfolging: Oppfolging
    tittel: str
    vedtak_html: str
    status: str
    forsinket: bool
    linjer: list = field(default_factory=list)
    # What the apps above add (settings.SAKSARKIV_OPPFOLGING_TILLEGG): the assignment the
    # decision became in the verksemdsplan, and its current status.
    tillegg: list = field(default_factory=list)


def status_for(oppfolging: Oppfolging, linjer, idag) -> tuple[str, bool]:
    """One follow-up's status from its lines: closed, carried out, given up, under way or
    not begun; overdue when past the deadline and not done (derived, never typed)."""
    if oppfolging.avsluttet:
        return "Avsluttet", False
    statuser = {linje.status for linje in linjer}
    ferdig = statuser <= set(FERDIG) and statuser
    forsinket = not ferdig and oppfolging.frist < idag
    if ferdig:
        return ("Bortfalt" if statuser == {Linjestatus.BORTFALT} else "Iverksatt"), False
    if forsinket:
        return "Forsinket", True
    if Linjestatus.UNDER_ARBEID in statuser or Linjestatus.IVERKSATT in statuser:
        return "Under arbeid", False
    return "Ikke påbegynt", False


def utvalg_for(valg: Utvalgsvalg):
    """The follow-ups a report covers (approved minutes only)."""
    qs = Oppfolging.objects.filter(punkt__mote__status="PG")
    if valg.utvalg is not None:
        qs = qs.filter(punkt__mote__utvalg=valg.utvalg)
    if valg.enhet is not None:
        qs = qs.filter(linjer__administrativ_enhet__path__startswith=valg.enhet.path).distinct()
    if valg.til is not None:
        qs = qs.filter(punkt__mote__dato__lte=valg.til)
    if valg.fra is not None:
        # The period's meetings, and every earlier decision still open or closed since.
        qs = qs.filter(
            Q(punkt__mote__dato__gte=valg.fra)
            | Q(avsluttet__isnull=True)
            | Q(avsluttet__date__gte=valg.fra)
        )
    return qs


def rader(user, valg: Utvalgsvalg) -> list[Rad]:
    """The report's rows as `user` may read them, oldest meeting first: a fixed number of
    queries."""
    oppfolginger = list(
        utvalg_for(valg)
        .select_related("punkt__mote__utvalg", "punkt__behandling__tilgangskode")
        .prefetch_related("linjer__saksbehandler", "linjer__administrativ_enhet")
        .order_by("punkt__mote__dato", "punkt__nummer", "pk")
    )
    poster = (
        Journalpost.objects.visible_to(user)
        .in_bulk([o.punkt.behandling.journalpost_id for o in oppfolginger])
    )  # fmt: skip
    lesbare = set(
        Journalpost.objects.readable_by(user)
        .filter(pk__in=list(poster))
        .values_list("pk", flat=True)  # fmt: skip
    )
    idag = timezone.localdate()
    resultat = []
    for o in oppfolginger:
        post = poster.get(o.punkt.behandling.journalpost_id)
        linjer = list(o.linjer.all())
        status, forsinket = status_for(o, linjer, idag)
        apen = post is not None and post.pk in lesbare and not o.punkt.behandling.tilgangskode_id
        resultat.append(Rad(
            oppfolging=o,
            tittel=access.title_for(user, post) if post is not None else "Skjermet",
            vedtak_html=mark_safe(rens(o.punkt.vedtak)) if apen else "",  # noqa: S308 - cleaned
            status=status, forsinket=forsinket, linjer=linjer,
        ))  # fmt: skip
    ekstra = tillegg(user, oppfolginger)
    for rad in resultat:
        # In the report, what is there: no actions (it goes to the committee as a PDF).
        rad.tillegg = [t for t in ekstra.get(rad.oppfolging.pk, []) if not t.get("handling")]
    return resultat


def tillegg(user, oppfolginger) -> dict[int, list[dict]]:
    """What the apps above add per follow-up (settings.SAKSARKIV_OPPFOLGING_TILLEGG): each a
    function (user, follow-ups) -> {follow-up id: [{tekst, status, url}]}, one call for all."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    svar: dict[int, list[dict]] = {}
    for sti in getattr(settings, "SAKSARKIV_OPPFOLGING_TILLEGG", []):
        for pk, linjer in import_string(sti)(user, oppfolginger).items():
            svar.setdefault(pk, []).extend(linjer)
    return svar


def telling(rader_: list[Rad]) -> dict[str, int]:
    antall = Counter(r.status for r in rader_)
    return {s: antall.get(s, 0) for s in STATUSER}


def diagram(rader_: list[Rad]) -> str:
    """The stacked status chart per committee as an SVG (no JavaScript)."""
    import pygal
    from pygal.style import Style

    per_utvalg: dict[str, Counter] = {}
    for r in rader_:
        per_utvalg.setdefault(r.oppfolging.punkt.mote.utvalg.navn, Counter())[r.status] += 1
    stil = Style(colors=FARGER, background="white", plot_background="white",
                 font_family="DejaVu Sans, sans-serif")  # fmt: skip
    chart = pygal.HorizontalStackedBar(
        js=[], style=stil, height=120 + 40 * max(1, len(per_utvalg)), width=800,
        legend_at_bottom=True, legend_at_bottom_columns=3, print_values=False,
        disable_xml_declaration=True, title="Status per utvalg", truncate_legend=-1,
    )  # fmt: skip
    chart.x_labels = list(per_utvalg)
    # Whole decisions on the value axis, about ten steps.
    storst = max((sum(c.values()) for c in per_utvalg.values()), default=1)
    chart.y_labels = list(range(0, storst + 1, max(1, -(-storst // 10))))
    for status in STATUSER:
        chart.add(status, [per_utvalg[u].get(status, 0) for u in per_utvalg])
    # pygal adds its config as a script even with js=[]: the chart is drawn without it.
    return SKRIPT.sub("", chart.render(is_unicode=True))


def diagram_datauri(rader_: list[Rad]) -> str:
    """The chart as a data URI, for the PDF (WeasyPrint draws it as an image)."""
    return "data:image/svg+xml;base64," + base64.b64encode(diagram(rader_).encode()).decode()


def pdf(user, valg: Utvalgsvalg) -> bytes:
    rader_ = rader(user, valg)
    return render_pdf("print/vedtaksoppfolging.html", {
        "tittel": valg.tittel, "valg": valg, "rader": rader_, "telling": telling(rader_),
        "diagram": diagram_datauri(rader_),
    }, archival=True)  # fmt: skip


KOLONNER = ["Utvalg", "Møtedato", "Saksnr.", "Tittel", "Verbalpunkt", "Frist", "Fristtype",
            "Status", "Ansvarlig", "Enhet", "Linjestatus", "Utført", "Hva er gjort",
            "Videre framdrift"]  # fmt: skip


def csv_linjer(rader_: list[Rad]):
    """One line per responsible caseworker (semicolon, for Norwegian spreadsheets)."""
    linjer = [KOLONNER]
    for r in rader_:
        o = r.oppfolging
        for linje in r.linjer or [None]:
            linjer.append([
                o.punkt.mote.utvalg.navn, regneark.dato(o.punkt.mote.dato), o.punkt.saksnummer,
                r.tittel, o.verbalpunkt, regneark.dato(o.frist), o.get_fristtype_display(),
                r.status,
                linje.saksbehandler.get_full_name() if linje else "",
                linje.administrativ_enhet.navn if linje else "",
                (linje.get_status_display() + (" (forsinket)" if linje.forsinket() else ""))
                if linje else "",
                regneark.dato(linje.utfort) if linje else "",
                linje.hva_er_gjort if linje else "",
                linje.videre_framdrift if linje else "",
            ])  # fmt: skip
    return regneark.csv_linjer(linjer)


# --- Back to the committee --------------------------------------------------------------------


@transaction.atomic
def referer(actor, valg: Utvalgsvalg) -> Journalpost:
    """«Referer i utvalg»: the committee report registered as an X post (the PDF/A its main
    document) in the committee's meeting case for the year, and enrolled as a referatsak in
    the committee's queue — one step."""
    from journal.services.dokumenter import StoredFiles, kontroller_fil, legg_til
    from journal.services.registration import registrer_journalpost
    from utvalg import innkalling
    from utvalg import services as utvalg_tjenester

    if valg.utvalg is None:
        raise DomainError("Velg utvalget rapporten skal refereres for.", field="utvalg")
    regler.rapport(actor, valg.utvalg).krev("referer")
    saksmappe = innkalling.motesak_for(actor, valg.utvalg, timezone.localdate().year)
    post = registrer_journalpost(
        actor, saksmappe, journalposttype="X", tittel=valg.tittel[:500], saksbehandler=actor,
        dokumentdato=timezone.localdate(),
    )  # fmt: skip
    data = pdf(actor, valg)
    stored = StoredFiles()
    try:
        legg_til(actor, post, kontroller_fil(data, f"vedtaksoppfolging-{valg.utvalg.kode}.pdf"),
                 tittel=post.tittel, tilknyttet_som="H", stored=stored)  # fmt: skip
    except BaseException:
        stored.remove_all()
        raise
    utvalg_tjenester.referer(actor, post, [valg.utvalg])
    return post


@transaction.atomic
def avslutt(actor, oppfolginger) -> int:
    """The committee has taken the report into account: the follow-ups whose every line is
    carried out (or given up) are closed («avsluttet») — step two of two."""
    antall = 0
    for o in Oppfolging.objects.select_for_update().filter(pk__in=[o.pk for o in oppfolginger]):
        regler.oppfolging(actor, o).krev("avslutt")
        Oppfolging.objects.filter(pk=o.pk, avsluttet__isnull=True).update(
            avsluttet=timezone.now(), avsluttet_av=actor
        )
        audit.record(actor, o, "oppfølging avsluttet", beskrivelse=str(o)[:500])
        antall += 1
    return antall
