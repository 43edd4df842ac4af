"""Demo data of the verksemdsplan (issue 21 item 9): a full year for Fjordvik, written in
nynorsk like the seed's municipality (seed 004) — the samfunnsdel's goals and strategies and
the year's handlings- og økonomiplan, each unit's verksemdsplan, the oppdragsbrev at three
levels, 30+ assignments delegated down the organisation, indicators with five years of
history, the internal-control checklist and the monthly reports.

The demo year is the current year (`timezone.localdate()`); the five years before it are
history. Only periods that have ended get values and reports, so a demo made in January has
the plan, letters and assignments but no reports yet. Every action that has a service goes
through it (as the people whose job it is), so the audit log looks real; the bulk history
of earlier years is written directly.

Safe to run again: everything is found by its natural key first and left as it is.
"""

import calendar
import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from saksarkiv.models import AdministrativEnhet, Bruker, Rolle, Rolletype
from saksarkiv.services import DomainError
from verksemdsplan.models import (
    Aarshjulfrist,
    Brevstatus,
    Foremaal,
    Indikator,
    Indikatormaal,
    Indikatorverdi,
    Kontrolltype,
    Maal,
    Maalvurdering,
    Oppdrag,
    Oppdragsbrev,
    Oppdragskategori,
    Oppdragspunkt,
    Oppdragsstatus,
    Periodetype,
    Plan,
    Plantype,
    Prioritering,
    Rapport,
    Rapportlinje,
    Retning,
    Sjekkpunkt,
    Sjekkpunktsvar,
    Strategi,
    Tiltak,
    Verbalpunkt,
    Verdikjelde,
    Verksemdsplan,
    Vurdering,
)
from verksemdsplan.services import aarshjul as aarshjul_tenester
from verksemdsplan.services import brev as brev_tenester
from verksemdsplan.services import indikator as indikator_tenester
from verksemdsplan.services import oppdrag as oppdrag_tenester
from verksemdsplan.services import plan as plan_tenester
from verksemdsplan.services import rapport as rapport_tenester
from verksemdsplan.services import sjekkliste as sjekkliste_tenester
from verksemdsplan.services import tiltak as tiltak_tenester
from verksemdsplan.tillatelser import tiltak as tiltak_regler

HISTORIKK_AAR = 5
RADMANN = "rune.dahl"
# The leader who acts for each unit (generators/saksarkiv.py PERSONER).
LEIARAR = {
    "FK": RADMANN, "OPK": "anne.strand", "HV": "per.holm", "TM": "kari.lund",
    "OKO": "geir.bakke", "FSK": "tone.haug", "NSK": "erik.solberg", "SBH": "lise.eide",
    "HJT": "bjorn.tangen", "SHJ": "randi.sand", "KTE": "stian.berg", "DOK": "ingrid.berg",
    "OKA": "geir.bakke", "BYG": "trond.myhre", "IKT": "geir.bakke",
}  # fmt: skip

MAANADER = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
            "september", "oktober", "november", "desember"]  # fmt: skip

# --- Plans ----------------------------------------------------------------------------------
SAMFUNNSDEL = "Kommuneplanen sin samfunnsdel for Fjordvik"
# (nummer, tittel, [(delmål nummer, tittel, [(strategi nummer, tittel)])])
SAMFUNNSMAAL = [
    ("1", "Berekraftig samfunnsutvikling", [
        ("1.1", "Fjordvik skal redusere klimagassutsleppa", [
            ("1.1.1", "Klimabudsjett skal vere ein del av økonomiplanen"),
            ("1.1.2", "Fossilfri kommunal bilpark og byggjeplassar"),
        ]),
        ("1.2", "Areal, natur og trafikk skal forvaltast berekraftig", [
            ("1.2.1", "Trygge skulevegar og meir gange og sykkel"),
        ]),
    ]),
    ("2", "Gode tenester med brukaren i sentrum", [
        ("2.1", "Brukarane skal oppleve tenester av høg kvalitet", [
            ("2.1.1", "Brukarretting: brukarane sin medverknad i alle tenester"),
            ("2.1.2", "Meistring og velferdsteknologi i heimen"),
        ]),
        ("2.2", "Born og unge skal få ein trygg og god oppvekst", [
            ("2.2.1", "Tidleg innsats og godt samarbeid rundt barnet"),
        ]),
    ]),
    ("3", "Ein attraktiv og berekraftig arbeidsgjevar", [
        ("3.1", "Sjukefråværet skal ned og nærværet opp", [
            ("3.1.1", "Systematisk nærværsarbeid i kvar eining"),
        ]),
        ("3.2", "Kommunen skal rekruttere og halde på kompetanse", [
            ("3.2.1", "Kompetanseplan og leiarutvikling"),
        ]),
    ]),
    ("4", "Ein open og digital kommune", [
        ("4.1", "Innbyggjarane skal ha innsyn i og tillit til kommunen", [
            ("4.1.1", "Openheit og innsyn som standard"),
            ("4.1.2", "Internkontroll som avdekkjer og lukkar avvik"),
        ]),
        ("4.2", "Digitalisering skal gje betre og meir effektive tenester", [
            ("4.2.1", "Digitale skjema og sjølvbetjening først"),
        ]),
    ]),
]  # fmt: skip
HOP_MAAL = [
    ("1", "Økonomisk berekraft", [
        ("1.1", "Netto driftsresultat på minst 1,75 prosent", [
            ("1.1.1", "Effektivisering gjennom digitalisering"),
            ("1.1.2", "Mindre bruk av innleigd personell"),
        ]),
    ]),
]  # fmt: skip

# Each unit's verksemdsplan: the goals it takes (plan key "SD"/"HO" : number); it takes every
# strategy of those goals that the unit above has. Parents before children.
VERKSEMDSPLANAR = [
    ("FK", None, "*"),
    ("OPK", RADMANN, ["SD:2", "SD:2.2", "SD:3", "SD:3.1", "SD:4", "SD:4.1", "SD:4.2"]),
    ("HV", RADMANN, ["SD:2", "SD:2.1", "SD:3", "SD:3.1", "SD:3.2", "SD:4", "SD:4.2", "HO:1",
                     "HO:1.1"]),
    ("TM", RADMANN, ["SD:1", "SD:1.1", "SD:1.2", "SD:4", "SD:4.1"]),
    ("OKO", RADMANN, ["SD:3", "SD:3.2", "SD:4", "SD:4.1", "SD:4.2", "HO:1", "HO:1.1"]),
    ("FSK", "anne.strand", ["SD:2", "SD:2.2", "SD:3", "SD:3.1", "SD:4", "SD:4.2"]),
    ("HJT", "per.holm", ["SD:2", "SD:2.1", "SD:3", "SD:3.1", "SD:4", "SD:4.2"]),
    ("SHJ", None, ["SD:2", "SD:2.1", "SD:3", "SD:3.1", "SD:3.2"]),  # still a draft
]  # fmt: skip

# --- Measures and the action and economy plan -----------------------------------------------
# The samfunnsdel's measures: (nummer, tittel, link, økonomisk, kostnadsoverslag).
TILTAK = [
    ("1.1.1.a", "Klimabudsjett som del av handlings- og økonomiplanen", "SD:1.1.1", False, None),
    ("1.2.1.a", "Ny gang- og sykkelveg til Nordbygda skule", "SD:1.2.1", True, 4_500_000),
    ("2.1.2.a", "Velferdsteknologi til nye brukarar av heimetenester", "SD:2.1.2", True, 1_200_000),
    ("2.2.1.a", "Ungdomsråd med eigne midlar i alle bygder", "SD:2.2.1", True, 150_000),
    ("3.2.1.a", "Kompetanseplan for helse og velferd", "SD:3.2.1", False, None),
    ("4.2.1.a", "Innføre digitale skjema for dei mest brukte søknadene", "SD:4.2.1", True, 900_000),
    ("4.2.1.b", "Digital kommunikasjon mellom heim og skule", "SD:4.2.1", True, 250_000),
]  # fmt: skip
# The HØP's prioritised measures for the demo year: (tiltak nummer, responsible unit, granted).
PRIORITERINGAR = [
    ("1.1.1.a", "FK", None), ("2.1.2.a", "HV", 1_000_000), ("3.2.1.a", "FK", None),
    ("4.2.1.a", "FK", 900_000), ("4.2.1.b", "OPK", 250_000),
]  # fmt: skip
# The council's verbal points for the demo year: (nummer, tekst, link, responsible unit).
VERBALPUNKT = [
    ("1", "Redusere sjukefråværet i heile organisasjonen", "SD:3.1.1", "FK"),
    ("2", "Netto driftsresultat på minst 1,75 prosent", "HO:1.1", "FK"),
    ("3", "Auke brukartilfredsheita i heimetenesta", "SD:2.1.1", "FK"),
    ("4", "Avgrense bruken av innleigd personell", "HO:1.1.2", "FK"),
]  # fmt: skip

# --- Oppdragsbrev ---------------------------------------------------------------------------
# (unit, final status, introduction, [(tema, text)]); parents first.
BREV = [
    ("FK", Brevstatus.PUBLISERT,
     "Dette oppdragsbrevet er kommunedirektøren sitt oppdrag til heile organisasjonen for "
     "året. Det byggjer på samfunnsdelen og handlings- og økonomiplanen, med berekraft, "
     "openheit og brukarretting som premiss.",
     [("ST", "Alle einingar skal følgje opp måla i samfunnsdelen gjennom verksemdsplanen."),
      ("ST", "Klimabudsjettet skal følgjast opp med tiltak i kvar sektor."),
      ("OK", "Sektorane skal halde budsjettrammene og melde avvik i månadsrapporten."),
      ("OR", "Sjukefråværet skal ned: kvar eining lagar ein plan for nærværsarbeidet."),
      ("OR", "Alle einingsleiarar skal delta i leiarutviklingsprogrammet."),
      ("DI", "Dei mest brukte søknadene skal kunne sendast digitalt innan hausten."),
      ("SK", "Førespurnader frå innbyggjarane skal svarast ut innan fem arbeidsdagar."),
      ("SA", "Førebu ny beredskapsplan etter ein heilskapleg ROS-analyse.")]),
    ("OPK", Brevstatus.PUBLISERT,
     "Oppdraga til oppvekst og kultur, skrivne ut frå kommunedirektøren sitt oppdragsbrev.",
     [("ST", "Følgje opp kvalitetsplanen for skule og barnehage med tidleg innsats."),
      ("OK", "Halde ramma trass i auka elevtal i sentrum."),
      ("OR", "Nærværsprosjekt i alle skular med sjukefråvær over sju prosent."),
      ("DI", "Ta i bruk digital kommunikasjon mellom heim og skule."),
      ("SK", "Brukarundersøking i alle barnehagar og skular.")]),
    ("HV", Brevstatus.PUBLISERT,
     "Oppdraga til helse og velferd: brukaren i sentrum, meistring i eigen heim og ein "
     "sektor som held ramma.",
     [("ST", "Auke brukartilfredsheita i heimetenesta."),
      ("OK", "Redusere bruken av innleigd personell i sjukeheimen."),
      ("OR", "Kompetanseplan for alle tenestene i sektoren."),
      ("DI", "Velferdsteknologi til alle nye brukarar av heimetenester der det passar.")]),
    ("FSK", Brevstatus.PUBLISERT,
     "Oppdraga til Fjordvik skule for året.",
     [("ST", "Tidleg innsats i lesing på 1.–4. trinn."),
      ("OR", "Nærværsplan for skulen, med vekt på dialog med sjukmelde."),
      ("DI", "Alle klassar brukar den digitale kanalen mellom heim og skule.")]),
    ("HJT", Brevstatus.UTKAST,
     "Utkast: oppdraga til heimetenesta.",
     [("ST", "Brukarmedverknad i alle nye vedtak om heimeteneste."),
      ("DI", "Digitalt tilsyn som førsteval der det er forsvarleg.")]),
]  # fmt: skip

# --- Assignments ----------------------------------------------------------------------------
VP, PV, TB, PT, AP = (Oppdragskategori.VERBALPUNKT, Oppdragskategori.POLITISK_VEDTAK,
                      Oppdragskategori.TILLEGGSBESTILLING, Oppdragskategori.PLANTILTAK,
                      Oppdragskategori.ADMINISTRATIV)  # fmt: skip
IS, IR, AV, FF, UT, AB = (Oppdragsstatus.IKKJE_STARTA, Oppdragsstatus.I_RUTE,
                          Oppdragsstatus.AVVIK, Oppdragsstatus.FULLFORT, Oppdragsstatus.UTSETT,
                          Oppdragsstatus.AVBROTE)  # fmt: skip


def d(unit, owner, status, comment="", *children, month=None):
    """A delegation: (unit, owner, status, comment, deadline month, sub-delegations)."""
    return (unit, owner, status, comment, month, children)


# (unit, owner, category, title, link "SD:3.1.1" (strategy) or "SD:3" (goal), letter theme or
#  None, deadline month, status, comment, delegations)
OPPDRAG = [
    ("FK", RADMANN, VP, "Redusere sjukefråværet i heile organisasjonen", "SD:3.1.1", "OR", 12,
     IR, "", [
         d("HV", "per.holm", IR, "", d("SHJ", "randi.sand", AV,
           "Fråværet auka i haust; ekstra oppfølging og tilrettelegging er sett i verk."),
           d("HJT", "bjorn.tangen", IR)),
         d("OPK", "anne.strand", IR, "", d("FSK", "tone.haug", IR, month=11)),
     ]),
    ("FK", RADMANN, PT, "Innføre digitale skjema for dei mest brukte søknadene", "SD:4.2.1",
     "DI", 10, IR, "", [
         d("OKO", "geir.bakke", IR, "", d("IKT", "SB:IKT", IR, month=9)),
         d("TM", "kari.lund", IR, "", d("BYG", "knut.aune", FF, month=6)),
     ]),
    ("FK", RADMANN, VP, "Netto driftsresultat på minst 1,75 prosent", "HO:1.1", "OK", 12, IR,
     "", [d("OKO", "geir.bakke", IR, "", d("OKA", "SB:OKA", IR))]),
    ("FK", "hilde.aas", AP, "Heilskapleg ROS-analyse og ny beredskapsplan", "SD:1", "SA", 6,
     FF, "", []),
    ("FK", RADMANN, TB, "Utgreie framtidig skulestruktur i Nordbygda", "SD:2.2", "ST", 9, IR,
     "", [
         d("OPK", "anne.strand", IR, "", d("NSK", "erik.solberg", UT,
           "Utsett til kommunestyret har handsama innbyggjarinnspela.", month=8)),
     ]),
    ("FK", RADMANN, PT, "Klimabudsjett som del av handlings- og økonomiplanen", "SD:1.1.1", "ST",
     11, IR, "", [
         d("TM", "kari.lund", IR, "", d("KTE", "stian.berg", IR, month=10)),
         d("OKO", "geir.bakke", FF, month=9),
     ]),
    ("FK", RADMANN, AP, "Publisere postlista og møtedokumenta same dag", "SD:4.1.1", "SK", 5,
     IR, "", [d("OKO", "geir.bakke", IR, "", d("DOK", "ingrid.berg", FF, month=4))]),
    ("FK", RADMANN, VP, "Auke brukartilfredsheita i heimetenesta", "SD:2.1.1", "ST", 12, IR, "",
     [d("HV", "per.holm", IR, "", d("HJT", "bjorn.tangen", IR, month=11))]),
    ("FK", RADMANN, PT, "Kompetanseplan for helse og velferd", "SD:3.2.1", "OR", 12, IR, "",
     [d("HV", "per.holm", IR, "", d("SHJ", "randi.sand", IS, month=11))]),
    ("FK", RADMANN, TB, "Trafikktryggleik: tiltak ved skulevegane", "SD:1.2.1", None, 10, IR,
     "", [
         d("TM", "kari.lund", IR, "", d("KTE", "stian.berg", AV,
           "Gangvegen ved Nordbygda skule manglar finansiering; sak til formannskapet.")),
     ]),
    ("FK", "hilde.aas", AP, "Leiarutvikling for alle einingsleiarar", "SD:3.2.1", "OR", 12, IS,
     "", []),
    ("FK", RADMANN, VP, "Avgrense bruken av innleigd personell", "HO:1.1.2", "OK", 12, IR, "", [
        d("HV", "per.holm", AV, "Innleige i sommarferien var høgare enn budsjettert."),
    ]),
    ("FK", RADMANN, AP, "Ny rutine for handtering av avvik i internkontrollen", "SD:4.1.2",
     None, 8, IR, "", [
         d("OPK", "anne.strand", IR, "", d("FSK", "tone.haug", FF, month=5),
           d("SBH", "lise.eide", IR)),
     ]),
    ("OPK", "anne.strand", PT, "Digital kommunikasjon mellom heim og skule", "SD:4.2.1", "DI",
     10, IR, "", [d("FSK", "silje.toft", IR, month=9), d("NSK", "erik.solberg", IR)]),
    ("FK", "hilde.aas", AP, "Felles sentralbord for alle tenestene", "SD:4.2", None, 6, AB,
     "Avbrote etter vedtak i formannskapet om å vidareføre dagens løysing.", []),
    ("HV", "per.holm", PT, "Velferdsteknologi til nye brukarar av heimetenester", "SD:2.1.2",
     "DI", 11, IR, "", [d("HJT", "bjorn.tangen", IR, month=10)]),
]  # fmt: skip

# --- Indicators -----------------------------------------------------------------------------
# (name, description, unit of measure, decimals, period type, direction, baseline, target,
#  goal, owner unit, delegated units, per-unit level factors)
INDIKATORAR = [
    ("Sjukefråvær", "Legemeldt og eigenmeldt sjukefråvær i prosent av avtalte dagsverk.",
     "%", 1, Periodetype.MAANAD, Retning.FALLANDE, "9.2", "7.0", "SD:3.1", "FK",
     ["OPK", "HV", "FSK", "HJT", "SHJ"],
     {"FK": 1.0, "OPK": 0.9, "HV": 1.15, "FSK": 0.85, "HJT": 1.1, "SHJ": 1.3}),
    ("Brukartilfredsheit i heimetenesta", "Snitt i brukarundersøkinga, skala 1–6.",
     "poeng", 1, Periodetype.AAR, Retning.STIGANDE, "4.2", "5.0", "SD:2.1", "HV", ["HJT"],
     {"HV": 1.0, "HJT": 0.98}),
    ("Tal avvik meldt i internkontrollen", "Avvik meldt i avvikssystemet per tertial.",
     "avvik", 0, Periodetype.TERTIAL, Retning.FALLANDE, "48", "30", "SD:4.1", "FK",
     ["OPK", "HV", "TM"], {"FK": 1.0, "OPK": 0.3, "HV": 0.45, "TM": 0.2}),
    ("Netto driftsresultat", "Netto driftsresultat i prosent av driftsinntektene.",
     "%", 2, Periodetype.AAR, Retning.STIGANDE, "0.4", "1.75", "HO:1.1", "OKO", [],
     {"OKO": 1.0}),
    ("Del søknader mottekne digitalt", "Søknader og skjema sende inn digitalt, i prosent.",
     "%", 0, Periodetype.MAANAD, Retning.STIGANDE, "45", "90", "SD:4.2", "FK", ["OPK", "TM"],
     {"FK": 1.0, "OPK": 1.05, "TM": 0.95}),
    ("Klimagassutslepp frå kommunal drift", "Utslepp frå bygg og køyretøy, tonn CO₂-ekvivalentar.",
     "tonn CO₂-ekv.", 0, Periodetype.AAR, Retning.FALLANDE, "2400", "1600", "SD:1.1", "TM", [],
     {"TM": 1.0}),
]  # fmt: skip

# --- Checklist ------------------------------------------------------------------------------
SJEKKLISTE = [
    ("Helse, miljø og tryggleik (HMS)", [
        ("Vernearbeid", ["Er vernerunde gjennomført?",
                         "Er handlingsplanen for HMS oppdatert?"]),
        ("Sjukefråvær", ["Er dialogmøte halde innan fristen for alle sjukmelde?"]),
    ]),
    ("Informasjonstryggleik og personvern", [
        ("Tilgangsstyring", ["Er tilgangane til fagsystema gjennomgått?",
                             "Har alle tilsette signert teieplikterklæring?"]),
        ("Personvern", ["Er protokollen over behandlingsaktivitetar oppdatert?"]),
    ]),
    ("Økonomi og innkjøp", [
        ("Budsjettoppfølging", ["Er budsjettet periodisert og følgt opp kvar månad?"]),
        ("Innkjøp", ["Er innkjøp over terskelverdien kunngjorde etter regelverket?"]),
    ]),
]  # fmt: skip
# The units answering this year and how many of the checkpoints each has answered.
SJEKKLISTE_SVAR = [("OPK", 8), ("HV", 8), ("FSK", 8), ("HJT", 5), ("SHJ", 3)]
SVARKOMMENTAR = {
    "JA": "", "DE": "Delvis gjennomført; resten blir følgt opp neste tertial.",
    "NE": "Ikkje gjennomført enno; lagt inn som tiltak i verksemdsplanen.", "IA": "",
}  # fmt: skip

# Monthly reports: delivered for these units, and one left in progress.
RAPPORT_LEVERT = ["FSK", "HJT"]
FERDIG = "Gjennomført innan fristen."
# Demo users who have chosen nynorsk (Bruker.sprak): the leader of Hjemmetjenesten.
NYNORSK = ["bjorn.tangen"]
RAPPORT_UTKAST = "SHJ"


class _Demo:
    """The state one run shares: today, the demo year, units, people and plan objects."""

    def __init__(self, log):
        self.log = log
        self.idag = timezone.localdate()
        self.aar = self.idag.year
        self.einingar = {e.kode: e for e in AdministrativEnhet.objects.all()}
        self.folk = {b.username: b for b in Bruker.objects.all()}
        self.folk_pk = {b.pk: b for b in self.folk.values()}
        self.maal: dict[str, Maal] = {}
        self.strategiar: dict[str, Strategi] = {}
        self.hop: Plan | None = None
        # The assignments «Send til virksomhetsplan» created in this run (their status and
        # letter point are set as for new ones).
        self.fra_hop: set[int] = set()

    def person(self, namn: str) -> Bruker:
        """A demo user by username, or «SB:KODE» for the first caseworker of a unit."""
        if namn.startswith("SB:"):
            rolle = (
                Rolle.objects.filter(rolle=Rolletype.SAKSBEHANDLER, enhet__kode=namn[3:])
                .order_by("person__username").first()
            )  # fmt: skip
            return self.folk_pk[rolle.person_id]
        return self.folk[namn]

    def leiar(self, kode: str) -> Bruker:
        return self.folk[LEIARAR[kode]]

    def frist(self, maanad: int) -> dt.date:
        return dt.date(self.aar, maanad, calendar.monthrange(self.aar, maanad)[1])

    @property
    def siste_maanad(self) -> int:
        """The last month of the demo year that has ended (0 in January)."""
        return self.idag.month - 1


# --- Plans and verksemdsplanar --------------------------------------------------------------


def _planar(demo: _Demo) -> None:
    rad = demo.folk[RADMANN]
    planar = [
        ("SD", Plan.objects.filter(type=Plantype.SAMFUNNSDEL, namn__startswith=SAMFUNNSDEL),
         lambda: plan_tenester.registrer_plan(
             rad, namn=f"{SAMFUNNSDEL} {demo.aar - 2}–{demo.aar + 9}", type=Plantype.SAMFUNNSDEL,
             fra_aar=demo.aar - 2, til_aar=demo.aar + 9, vedteken=dt.date(demo.aar - 2, 6, 16)),
         SAMFUNNSMAAL),
        ("HO", Plan.objects.filter(type=Plantype.HOP,
                                   namn=f"Handlings- og økonomiplan {demo.aar}–{demo.aar + 3}"),
         lambda: plan_tenester.registrer_plan(
             rad, namn=f"Handlings- og økonomiplan {demo.aar}–{demo.aar + 3}",
             type=Plantype.HOP, fra_aar=demo.aar, til_aar=demo.aar + 3,
             vedteken=dt.date(demo.aar - 1, 12, 14)),
         HOP_MAAL),
    ]  # fmt: skip
    for noekkel, finst, lag, hovudmaal in planar:
        plan = finst.order_by("-til_aar").first()
        if noekkel == "HO" and plan is not None:
            demo.hop = plan
        if plan is None:
            plan = lag()
            demo.log(f"  plan {plan.namn}")
            if noekkel == "HO":
                demo.hop = plan
            for nummer, tittel, delmaal in hovudmaal:
                hm = plan_tenester.registrer_maal(rad, plan, nummer=nummer, tittel=tittel)
                for dnummer, dtittel, strategiar in delmaal:
                    dm = plan_tenester.registrer_maal(rad, plan, nummer=dnummer, tittel=dtittel,
                                                      forelder=hm)  # fmt: skip
                    for snummer, stittel in strategiar:
                        plan_tenester.registrer_strategi(rad, dm, nummer=snummer, tittel=stittel)
        for m in plan.maal.all():
            demo.maal[f"{noekkel}:{m.nummer}"] = m
        for s in Strategi.objects.filter(maal__plan=plan).select_related("maal"):
            demo.strategiar[f"{noekkel}:{s.nummer}"] = s


def _verksemdsplanar(demo: _Demo) -> None:
    for kode, godkjennar, maalnoklar in VERKSEMDSPLANAR:
        enhet = demo.einingar[kode]
        if Verksemdsplan.objects.filter(enhet=enhet, aar=demo.aar).exists():
            continue
        maal = list(demo.maal.values()) if maalnoklar == "*" else [demo.maal[k] for k in maalnoklar]
        _lov_maal, lov_strategiar = plan_tenester.tilgjengelege(enhet, demo.aar)
        maal_ids = {m.pk for m in maal}
        strategiar = [s for s in lov_strategiar if s.maal_id in maal_ids]
        vp = plan_tenester.vel_maal(demo.leiar(kode), enhet, demo.aar, maal=maal,
                                    strategiar=strategiar)  # fmt: skip
        if kode == "FK":
            plan_tenester.godkjenn(demo.folk[RADMANN], vp)
        elif godkjennar:
            plan_tenester.godkjenn(demo.folk[godkjennar], vp)


# --- Oppdragsbrev ---------------------------------------------------------------------------


def _brev(demo: _Demo) -> None:
    rad = demo.folk[RADMANN]
    for kode, status, innleiing, punkt in BREV:
        enhet = demo.einingar[kode]
        if Oppdragsbrev.objects.filter(enhet=enhet, aar=demo.aar).exists():
            continue
        skrivar = demo.leiar(kode)
        brev = brev_tenester.opprett(skrivar, enhet, demo.aar, innleiing=innleiing)
        for tema, tekst in punkt:
            brev_tenester.legg_til_punkt(skrivar, brev, tema=tema, tekst=tekst)
        if status == Brevstatus.UTKAST:
            continue
        brev = brev_tenester.send_til_godkjenning(skrivar, brev)
        # The top unit's letter is approved by the chief executive; the others by the
        # leader of the unit above.
        godkjennar = rad if brev.forelder is None else demo.leiar(brev.forelder.enhet.kode)
        brev = brev_tenester.godkjenn(godkjennar, brev)
        brev_tenester.publiser(skrivar, brev)
        demo.log(f"  oppdragsbrev {demo.aar} {kode}")


def _punkt(demo: _Demo, kode: str, tema: str | None) -> Oppdragspunkt | None:
    if tema is None:
        return None
    return (
        Oppdragspunkt.objects.filter(brev__enhet=demo.einingar[kode], brev__aar=demo.aar,
                                     tema=tema).order_by("rekkefolge").first()
    )  # fmt: skip


# --- Measures and the action and economy plan -----------------------------------------------


def _okonomiplan(demo: _Demo) -> None:
    """The samfunnsdel's measures; the HØP prioritises some for the year and adds the
    council's verbal points; «Send til virksomhetsplan» makes them the year's VP and PT
    assignments (delegated further in _oppdrag)."""
    rad, hop, aar = demo.folk[RADMANN], demo.hop, demo.aar
    sd = Plan.objects.filter(type=Plantype.SAMFUNNSDEL, namn__startswith=SAMFUNNSDEL).order_by(
        "-til_aar").first()  # fmt: skip
    tiltak = {t.nummer: t for t in Tiltak.objects.filter(plan=sd)}
    for nummer, tittel, lenke, okonomisk, kostnad in TILTAK:
        if nummer not in tiltak:
            tiltak[nummer] = tiltak_tenester.registrer_tiltak(
                rad, sd, nummer=nummer, tittel=tittel, okonomisk=okonomisk, kostnad=kostnad,
                **_lenke(demo, lenke),
            )  # fmt: skip
    for nummer, kode, belop in PRIORITERINGAR:
        if not Prioritering.objects.filter(hop=hop, tiltak=tiltak[nummer], aar=aar).exists():
            tiltak_tenester.prioriter(rad, hop, aar, tiltak=tiltak[nummer],
                                      enhet=demo.einingar[kode], belop=belop)  # fmt: skip
    for nummer, tekst, lenke, kode in VERBALPUNKT:
        if not Verbalpunkt.objects.filter(hop=hop, aar=aar, nummer=nummer).exists():
            tiltak_tenester.registrer_verbalpunkt(rad, hop, aar, nummer=nummer, tekst=tekst,
                                                  enhet=demo.einingar[kode],
                                                  **_lenke(demo, lenke))  # fmt: skip
    if tiltak_regler.okonomiplan(rad, hop, aar).kan.send:
        nye = tiltak_tenester.send_til_verksemdsplan(rad, hop, aar)
        demo.fra_hop = {o.pk for o in nye}
        demo.log(f"  handlings- og økonomiplanen {aar}: {len(nye)} oppdrag")


# --- Assignments ----------------------------------------------------------------------------


def _lenke(demo: _Demo, noekkel: str) -> dict:
    if noekkel in demo.strategiar:
        return {"strategi": demo.strategiar[noekkel]}
    return {"maal": demo.maal[noekkel]}


def _status(demo: _Demo, oppdrag: Oppdrag, status: str, kommentar: str) -> None:
    """The assignment's status on the day the demo is made: one on track whose deadline has
    passed was finished, unless a sub-assignment is not (then it is overdue, as in life)."""
    if status == IS:
        return
    if status == IR and oppdrag.frist < demo.idag:
        try:
            with transaction.atomic():
                oppdrag_tenester.oppdater_status(oppdrag.eigar, oppdrag, status=FF,
                                                 statuskommentar=FERDIG)  # fmt: skip
            return
        except DomainError:
            oppdrag.refresh_from_db()
    oppdrag_tenester.oppdater_status(oppdrag.eigar, oppdrag, status=status,
                                     statuskommentar=kommentar)  # fmt: skip


def _deleger(demo: _Demo, forelder: Oppdrag, delegering, frist_maanad: int) -> None:
    kode, eigar, status, kommentar, maanad, born = delegering
    maanad = min(maanad or frist_maanad, frist_maanad)
    enhet = demo.einingar[kode]
    oppdrag = Oppdrag.objects.filter(forelder=forelder, enhet=enhet).first()
    if oppdrag is None:
        oppdrag = oppdrag_tenester.deleger(demo.folk_pk[forelder.eigar_id], forelder,
                                           enhet=enhet, eigar=demo.person(eigar),
                                           frist=demo.frist(maanad))  # fmt: skip
        for barn in born:
            _deleger(demo, oppdrag, barn, maanad)
        # Children first: an assignment is completed only when its sub-assignments are.
        _status(demo, oppdrag, status, kommentar)
    else:
        for barn in born:
            _deleger(demo, oppdrag, barn, maanad)


def _oppdrag(demo: _Demo) -> None:
    for kode, eigar, kategori, tittel, lenke, tema, maanad, status, kommentar, delegert in OPPDRAG:
        enhet = demo.einingar[kode]
        oppdrag = Oppdrag.objects.filter(aar=demo.aar, enhet=enhet, tittel=tittel,
                                         forelder=None).first()  # fmt: skip
        ny = oppdrag is None or oppdrag.pk in demo.fra_hop  # VP and PT: from the HØP
        if oppdrag is None:
            oppdrag = oppdrag_tenester.opprett(
                demo.leiar(kode), aar=demo.aar, kategori=kategori, tittel=tittel, enhet=enhet,
                eigar=demo.person(eigar), frist=demo.frist(maanad), **_lenke(demo, lenke),
            )  # fmt: skip
            if punkt := _punkt(demo, kode, tema):
                # The letter's point the assignment answers (no service sets it).
                oppdrag.oppdragspunkt = punkt
                oppdrag.save(update_fields=["oppdragspunkt"])
        elif ny and (punkt := _punkt(demo, kode, tema)):
            oppdrag.oppdragspunkt = punkt
            oppdrag.save(update_fields=["oppdragspunkt"])
        for delegering in delegert:
            _deleger(demo, oppdrag, delegering, maanad)
        if ny:
            _status(demo, oppdrag, status, kommentar)
    _fra_vedtak(demo)


def _fra_vedtak(demo: _Demo) -> None:
    """One or two of the demo's decisions with follow-up become assignments (when the demo
    has held meetings with decisions to follow up)."""
    from vedtak.models import Oppfolging

    if Oppdrag.objects.filter(aar=demo.aar, vedtak__isnull=False).count() >= 2:
        return
    kandidatar = Oppfolging.objects.filter(avsluttet__isnull=True, oppdrag__isnull=True).order_by(
        "frist", "pk")[:2]  # fmt: skip
    for oppfolging in kandidatar:
        try:
            oppdrag_tenester.opprett_fra_vedtak(
                demo.folk[RADMANN], oppfolging, enhet=demo.einingar["FK"],
                eigar=demo.folk["hilde.aas"], strategi=demo.strategiar["SD:4.1.1"],
                aar=demo.aar,
            )  # fmt: skip
        except DomainError as feil:
            demo.log(f"  vedtak {oppfolging.pk} vart ikkje oppdrag: {feil}")


# --- Indicators -----------------------------------------------------------------------------


def _rund(verdi: float, desimalar: int) -> Decimal:
    return Decimal(str(round(verdi, desimalar))).quantize(Decimal(1).scaleb(-desimalar))


def _maal_for_aar(indikator: Indikator, aar: int) -> float:
    """The yearly target path: from the baseline in the baseline year to the target in the
    target year, in equal steps."""
    basis, maal = float(indikator.basisverdi), float(indikator.maalverdi)
    steg = max(indikator.maalaar - indikator.basisaar, 1)
    del_ = min(max((aar - indikator.basisaar) / steg, 0.0), 1.0)
    return basis + (maal - basis) * del_


def _verdi(indikator: Indikator, kode: str, faktor: float, aar: int, periode: int) -> Decimal:
    """A believable value: a bit behind the target path, with seasons and noise, the same
    every run (seeded by the indicator, unit and period)."""
    rng = random.Random(f"{indikator.namn}/{kode}/{aar}/{periode}")
    basis = float(indikator.basisverdi)
    framdrift = _maal_for_aar(indikator, aar) - basis
    verdi = basis + framdrift * rng.uniform(0.55, 1.05)
    if indikator.periodetype == Periodetype.MAANAD and indikator.retning == Retning.FALLANDE:
        verdi *= 1 + 0.12 * (1 if periode in (1, 2, 3, 11, 12) else -0.5)  # winter absence
    verdi *= faktor * rng.uniform(0.96, 1.04)
    return _rund(max(verdi, 0.0), indikator.desimalar)


def _indikatorar(demo: _Demo) -> None:
    rad = demo.folk[RADMANN]
    for (namn, skildring, maaleining, desimalar, periodetype, retning, basis, maal, maalnokkel,
         eigar, delegert, faktorar) in INDIKATORAR:  # fmt: skip
        indikator = Indikator.objects.filter(namn=namn).first()
        if indikator is None:
            indikator = indikator_tenester.lagre_indikator(rad, None, {
                "namn": namn, "skildring": skildring, "maaleining": maaleining,
                "desimalar": desimalar, "periodetype": periodetype, "retning": retning,
                "basisverdi": Decimal(basis), "basisaar": demo.aar - HISTORIKK_AAR,
                "maalverdi": Decimal(maal), "maalaar": demo.aar + 2, "grense_gronn": 90,
                "grense_gul": 60, "maal": demo.maal[maalnokkel],
                "enhet": demo.einingar[eigar], "aktiv": True,
            }, delegert_til=[demo.einingar[k] for k in delegert])  # fmt: skip
            demo.log(f"  indikator {namn}")
        # A target for each year of the history and the demo year.
        har_maal = set(indikator.aarsmaal.values_list("aar", flat=True))
        for aar in range(demo.aar - HISTORIKK_AAR, demo.aar + 1):
            if aar not in har_maal:
                indikator_tenester.sett_aarsmaal(rad, indikator, aar=aar, verdi=_rund(
                    _maal_for_aar(indikator, aar), indikator.desimalar))  # fmt: skip
        _indikatorverdiar(demo, indikator, faktorar)


def _indikatorverdiar(demo: _Demo, indikator: Indikator, faktorar: dict) -> None:
    finst = set(indikator.verdiar.values_list("enhet__kode", "aar", "periode"))
    historikk = []
    for kode, faktor in faktorar.items():
        enhet = demo.einingar[kode]
        for aar in range(demo.aar - HISTORIKK_AAR, demo.aar + 1):
            for periode in indikator_tenester.perioder(indikator.periodetype):
                slutt = indikator_tenester.periode_slutt(indikator.periodetype, aar, periode)
                if slutt >= demo.idag or (kode, aar, periode) in finst:
                    continue  # only periods that have ended
                verdi = _verdi(indikator, kode, faktor, aar, periode)
                if aar < demo.aar:  # history: imported in bulk
                    historikk.append(Indikatorverdi(
                        indikator=indikator, enhet=enhet, aar=aar, periode=periode, verdi=verdi,
                        kjelde=Verdikjelde.CSV, registrert_av=demo.leiar(kode),
                        registrert=timezone.make_aware(dt.datetime.combine(
                            slutt + dt.timedelta(days=5), dt.time(9))),
                    ))  # fmt: skip
                else:  # the demo year: entered by the unit's leader
                    indikator_tenester.registrer_verdi(
                        demo.leiar(kode),
                        indikator,
                        enhet=enhet,
                        aar=aar,
                        periode=periode,
                        verdi=verdi,
                    )
    Indikatorverdi.objects.bulk_create(historikk)


# --- Checklist ------------------------------------------------------------------------------


def _sjekkliste(demo: _Demo) -> None:
    rad = demo.folk[RADMANN]
    for nr, (foremaalnamn, typar) in enumerate(SJEKKLISTE, start=1):
        if Foremaal.objects.filter(namn=foremaalnamn).exists():
            continue
        foremaal = sjekkliste_tenester.nytt_foremaal(rad, namn=foremaalnamn, rekkefolge=nr)
        for tnr, (typenamn, punkt) in enumerate(typar, start=1):
            kontrolltype = sjekkliste_tenester.ny_kontrolltype(rad, foremaal, namn=typenamn,
                                                               rekkefolge=tnr)  # fmt: skip
            for pnr, sporsmaal in enumerate(punkt, start=1):
                sjekkliste_tenester.nytt_sjekkpunkt(rad, kontrolltype, sporsmaal=sporsmaal,
                                                    rekkefolge=pnr)  # fmt: skip
    namn = [f for f, _typar in SJEKKLISTE]
    punkt = list(
        Sjekkpunkt.objects.filter(type__foremaal__namn__in=namn, aktiv=True)
        .order_by("type__foremaal__rekkefolge", "type__rekkefolge", "rekkefolge", "pk")
    )  # fmt: skip
    for kode, tal in SJEKKLISTE_SVAR:
        enhet = demo.einingar[kode]
        svara = set(Sjekkpunktsvar.objects.filter(enhet=enhet, aar=demo.aar).values_list(
            "sjekkpunkt_id", flat=True))  # fmt: skip
        rng = random.Random(f"sjekkliste/{kode}/{demo.aar}")
        svar = {}
        for sjekkpunkt in punkt[:tal]:
            status = rng.choices(["JA", "DE", "NE", "IA"], weights=[6, 2, 1, 1])[0]
            if sjekkpunkt.pk not in svara:
                svar[sjekkpunkt.pk] = (status, SVARKOMMENTAR[status])
        if svar:
            sjekkliste_tenester.svar(demo.leiar(kode), enhet, demo.aar, svar)


# --- Reports --------------------------------------------------------------------------------

LINJEKOMMENTAR = {
    IS: "Ikkje starta enno.",
    IR: "Arbeidet går etter planen.",
    FF: "Gjennomført.",
}


def _linjestatus(oppdrag: Oppdrag, maanad: int, siste: int, endeleg: dict) -> tuple[str, str]:
    """The status reported for the month: the assignment's status on the demo day
    (`endeleg`, read before the reports, which set it) in the last month; before that, on
    track — finished from its deadline's month if it was finished — and what has not
    started, or was postponed or cancelled, stays so."""
    status, kommentar = endeleg[oppdrag.pk]
    if maanad == siste or status in (IS, UT, AB):
        pass
    elif status == FF and maanad >= oppdrag.frist.month:
        kommentar = ""
    else:
        status, kommentar = IR, ""
    return status, kommentar or LINJEKOMMENTAR.get(status, "")


def _rapport(demo: _Demo, kode: str, maanad: int, lever: bool, endeleg: dict) -> None:
    enhet = demo.einingar[kode]
    if Rapport.objects.filter(enhet=enhet, aar=demo.aar, periodetype=Periodetype.MAANAD,
                              periode=maanad).exists():  # fmt: skip
        return
    leiar = demo.leiar(kode)
    rapport = rapport_tenester.opprett(leiar, enhet, aar=demo.aar,
                                       periodetype=Periodetype.MAANAD, periode=maanad)  # fmt: skip
    oppdrag = rapport_tenester.oppdrag_for(rapport)
    siste = demo.siste_maanad
    linjer = {o.pk: _linjestatus(o, maanad, siste, endeleg) for o in oppdrag}
    avvik = {o.maal_id or o.strategi.maal_id for o in oppdrag if endeleg[o.pk][0] == AV}
    vurderingar = {
        m.pk: (Vurdering.MIDDELS if m.pk in avvik else Vurdering.GOD, "")
        for m in rapport_tenester.maal_for(rapport, oppdrag)
    }
    kommentar = (
        f"Månadsrapport for {MAANADER[maanad - 1]}: drifta er stabil, og oppdraga blir "
        "følgde opp etter planen." + (" Sjå kommentarane ved avvika." if avvik else "")
    )
    rapport_tenester.lagre(leiar, rapport, kommentar=kommentar, linjer=linjer,
                           vurderingar=vurderingar, lever=lever)  # fmt: skip


def _rapportar(demo: _Demo) -> None:
    siste = demo.siste_maanad
    if siste < 1:
        return  # January: no month of the year has ended yet
    endeleg = {
        pk: (status, kommentar)
        for pk, status, kommentar in Oppdrag.objects.filter(aar=demo.aar).values_list(
            "pk", "status", "statuskommentar"
        )
    }
    for kode in RAPPORT_LEVERT:
        for maanad in range(1, siste + 1):
            _rapport(demo, kode, maanad, lever=True, endeleg=endeleg)
    _rapport(demo, RAPPORT_UTKAST, siste, lever=False, endeleg=endeleg)


# --- When things happened -------------------------------------------------------------------


def _tidspunkt(demo: _Demo) -> None:
    """The services stamp approvals and deliveries with the moment the demo is made; a real
    year has them spread out: letters approved and published through January from the top
    down, unit plans approved by 31 January, each monthly report delivered on the 5th of the
    month after. Only what this run made today is moved, and never into the future."""
    naa = timezone.now()

    def dag(maanad: int, dag_: int, time: int) -> dt.datetime:
        moment = timezone.make_aware(dt.datetime(demo.aar, maanad, dag_, time))
        return min(moment, naa)

    for brev in Oppdragsbrev.objects.filter(aar=demo.aar, publisert__date=demo.idag):
        fyrst = 8 + 6 * (brev.enhet.depth - 1)  # the 8th, the 14th, the 20th
        Oppdragsbrev.objects.filter(pk=brev.pk).update(
            godkjend=dag(1, fyrst, 10), publisert=dag(1, fyrst + 1, 9)
        )
    planar = Verksemdsplan.objects.filter(aar=demo.aar, godkjend__date=demo.idag)
    planar.update(godkjend=dag(1, 31, 12))
    rapportar = Rapport.objects.filter(
        aar=demo.aar, levert__date=demo.idag, periodetype=Periodetype.MAANAD, periode__lt=12
    )
    for rapport in rapportar:
        levert = dag(rapport.periode + 1, 5, 14)
        Rapport.objects.filter(pk=rapport.pk).update(levert=levert)


# --- The whole year -------------------------------------------------------------------------

TELJE: dict[str, type[Model]] = {
    "planar": Plan, "maal": Maal, "strategiar": Strategi, "verksemdsplanar": Verksemdsplan,
    "oppdragsbrev": Oppdragsbrev, "oppdragspunkt": Oppdragspunkt, "oppdrag": Oppdrag,
    "indikatorar": Indikator, "aarsmaal": Indikatormaal, "indikatorverdiar": Indikatorverdi,
    "sjekkpunkt": Sjekkpunkt, "kontrolltypar": Kontrolltype,
    "sjekkpunktsvar": Sjekkpunktsvar, "rapportar": Rapport, "rapportlinjer": Rapportlinje,
    "maalvurderingar": Maalvurdering, "aarshjulfristar": Aarshjulfrist, "tiltak": Tiltak,
    "prioriteringar": Prioritering, "verbalpunkt": Verbalpunkt,
}  # fmt: skip


@transaction.atomic
def load(log=lambda message: None) -> dict[str, int]:
    """Create what is missing for the current year; returns how many of each kind."""
    foer = {noekkel: modell.objects.count() for noekkel, modell in TELJE.items()}
    demo = _Demo(log)
    if not Aarshjulfrist.objects.filter(aar=demo.aar).exists():
        aarshjul_tenester.opprett_standard(demo.folk[RADMANN], demo.aar)
    _planar(demo)
    _verksemdsplanar(demo)
    _brev(demo)
    _okonomiplan(demo)
    _oppdrag(demo)
    _indikatorar(demo)
    _sjekkliste(demo)
    _rapportar(demo)
    _tidspunkt(demo)
    if foer["planar"] == 0:  # the first run: one leader reads the system in nynorsk
        Bruker.objects.filter(username__in=NYNORSK).update(sprak="nn")
    return {
        f"vp_{noekkel}": modell.objects.count() - foer[noekkel] for noekkel, modell in TELJE.items()
    }
