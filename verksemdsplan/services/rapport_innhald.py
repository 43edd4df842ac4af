"""What a report shows, for its page and its two PDFs (issue 21 item 6), in a fixed number
of queries:

- the administrative report: every assignment of the unit and year with its reported status
  and comment, the unit's indicators for the period (value, target, progress, status, trend),
  the checklist counts for the year, the five-level assessment per goal, the computed status
  of the unit and of each child unit, rolled up by the configured rule, and the report's
  comment;
- the political report (for the committee): the goals with their assessments (level and the
  assessment's own text, written for the committee), the assignments from political decisions
  (verbal points, decisions through the year, additional orders) with their status, and the
  computed statuses — without the internal comments (the report's comment and the comment
  on each assignment), the administrative assignments and the checklist."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from saksarkiv.pdf import render_pdf

from ..models import Oppdragskategori, Oppsett
from . import rapport as rapporttenester
from . import rapport_status, sjekkliste

POLITISKE = (
    Oppdragskategori.VERBALPUNKT,
    Oppdragskategori.POLITISK_VEDTAK,
    Oppdragskategori.TILLEGGSBESTILLING,
)


@dataclass
class Linje:
    oppdrag: object
    status: str
    statustekst: str
    kommentar: str
    rapportert: bool  # a line in this report (else the assignment's own status)

    @property
    def farge(self):
        return rapport_status.oppdragsstatus(self.status)

    @property
    def fargetekst(self):
        return rapport_status.STATUSTEKST.get(self.farge, "")


def innhald(rapport, *, politisk: bool = False) -> dict:
    from ..models import Oppdragsstatus

    oppdrag = rapporttenester.oppdrag_for(rapport)
    maal = rapporttenester.maal_for(rapport, oppdrag)
    fraa = {linje.oppdrag_id: linje for linje in rapport.linjer.all()}
    etikett = dict(Oppdragsstatus.choices)
    linjer = []
    for o in oppdrag:
        if politisk and o.kategori not in POLITISKE:
            continue
        linje = fraa.get(o.pk)
        status = linje.status if linje else o.status
        kommentar = "" if politisk else (linje.kommentar if linje else o.statuskommentar)
        linjer.append(Linje(o, status, etikett[status], kommentar, linje is not None))
    vurdert = {v.maal_id: v for v in rapport.vurderingar.all()}
    oppsett = Oppsett.hent()
    status = rapport_status.tre(
        rapport.enhet, rapport.aar, rapport.periodetype, rapport.periode, oppsett
    )
    context = {
        "rapport": rapport,
        "politisk": politisk,
        "linjer": linjer,
        "vurderingar": [(m, vurdert.get(m.pk)) for m in maal],
        "indikatorar": rapport_status.indikatorar_for(
            rapport.enhet, rapport.aar, rapport.periodetype, rapport.periode
        ),
        "status": status,
        "oppsett": oppsett,
    }
    if not politisk:
        context["sjekkliste"] = sjekkliste.namngje(sjekkliste.telling(rapport.enhet, rapport.aar))
    return context


def tittel(rapport, *, politisk: bool) -> str:
    hva = _("Politisk rapport") if politisk else _("Administrativ rapport")
    return f"{hva} – {rapport.enhet.navn}, {rapport.periodenamn}"


def pdf(rapport, *, politisk: bool) -> bytes:
    context = innhald(rapport, politisk=politisk)
    context["tittel"] = tittel(rapport, politisk=politisk)
    return render_pdf("verksemdsplan/rapport/pdf.html", context)
