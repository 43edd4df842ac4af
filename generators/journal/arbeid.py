"""What the demo logins (README.md) must find waiting, whatever day the demo is made.

The plan (plan.py) follows from random ages, so on a given day a small journal may leave
a worklist empty: no due date inside the window, no OBS date, no XX post past its deadline.
These steps look at the finished plan with the worklists' own rules (journal.arbeidslister,
read in memory) and add what is missing, dated from the demo's day in working days, so that
every worklist of every demo persona's role has rows on any day: weekends, Christmas and the
first days of a year included.
"""

import datetime as dt

from generators.saksarkiv import PERSONER
from journal.models import Innstillinger
from saksarkiv.models import Rolletype
from saksarkiv.workdays import add_working_days

from . import katalog as K
from . import regler as R
from .plan import Planner, Post, Sak, siste_arbeidsdag

# The named demo people who are caseworkers (README.md's logins: hilde.aas, knut.aune, …).
SAKSBEHANDLERPERSONAS = [
    person[0] for person in PERSONER if any(r == Rolletype.SAKSBEHANDLER for r, *_ in person[4])
]
LEDERE = (Rolletype.LEDER, Rolletype.STEDFORTREDER)
UFORDELT = ("M", "S")  # journalstatus of received posts still to be distributed


def _dager_siden(plan: Planner, day: dt.date) -> int:
    return (plan.today - day).days


class Arbeidslister:
    """The worklist rules of journal.arbeidslister, over the plan in memory."""

    def __init__(self, plan: Planner):
        innst = Innstillinger.hent()
        self.plan, self.org = plan, plan.org
        self.forfall_til = plan.today + dt.timedelta(days=innst.forfall_dager)
        self.obs_til = plan.today + dt.timedelta(days=innst.obs_dager)
        self.xx_frist = innst.xx_frist_arbeidsdager

    def posts(self):
        return self.plan.all_posts()

    def units(self, person, roller=LEDERE) -> set[str]:
        """The units (with their subtrees) where the person holds one of `roller`."""
        if person == self.org.radmann:
            return set(self.org.units)
        return {
            u
            for (rolle, kode), people in self.org.roles.items()
            if rolle in roller and person in people
            for u in self.org.subtree(kode)
        }

    def workable(self, units) -> list[str]:
        """Units among `units` whose cases the demo can make (they have caseworkers)."""
        return sorted(u for u in units if u in K.ENHETER and self.org.handlers(u))

    def leaders_of(self, person) -> set:
        """The person and the leaders of the units the person deputises for."""
        deputised = {k for (r, k), ps in self.org.roles.items() if r == "SF" and person in ps}
        return {person} | {
            p for (r, k), ps in self.org.roles.items() if r == "LED" and k in deputised for p in ps
        }

    def restanse(self, p: Post) -> bool:
        return self.plan.is_restanse(p)

    def forfaller(self, p: Post) -> bool:
        return self.restanse(p) and p.forfall is not None and p.forfall <= self.forfall_til

    def obs(self, sak: Sak) -> bool:
        return sak.status in ("B", "R", "X") and sak.obs is not None and sak.obs[0] <= self.obs_til

    def xx(self, p: Post) -> bool:
        return p.kode == "XX" and p.status != "U"

    def xx_over_frist(self, p: Post) -> bool:
        return self.xx(p) and add_working_days(p.dato, self.xx_frist) < self.plan.today


def ensure_worklists(plan: Planner):
    """Every worklist of every demo persona's role has rows (README.md's demo logins)."""
    lister = Arbeidslister(plan)
    _caseworkers(plan, lister)
    _leaders(plan, lister)
    _archive(plan, lister)
    _forelopig_svar(plan, lister)


def _caseworkers(plan: Planner, lister: Arbeidslister):
    """Innboks, Mine restanser, Forfall, OBS, Konsepter and Kopiboks of every caseworker."""
    org = plan.org
    for (rolle, kode), people in sorted(org.roles.items(), key=lambda r: r[0]):
        if rolle != Rolletype.SAKSBEHANDLER or kode not in K.ENHETER:
            continue
        for person in (p for p in people if p.username in SAKSBEHANDLERPERSONAS):
            mine = [p for p in lister.posts() if p.saksbehandler == person]
            sak = plan.open_case(kode, person)
            if not any(p.type == "I" and lister.forfaller(p) for p in mine):
                purring = K.I("Purring – {kjerne}")
                plan.add(sak, purring, "J", 25, forfall=plan.today - dt.timedelta(days=4))
            if not any(p.type != "I" and p.status == "R" for p in mine):
                plan.add(sak, K.U("Svar – {tittel_lc}", svar=True), "R", 2)
            if not any(p.type == "I" and p.status == "M" for p in mine):
                plan.add(sak, K.I("Ettersendt dokumentasjon – {kjerne}"), "M", 1)
            if not any(s.ansvarlig == person and lister.obs(s) for s in plan.saker):
                sak.obs = (plan.today + dt.timedelta(days=3), K.OBS_MERKNADER[0])
            if not any(k[2] == person for p in lister.posts() for k in p.korr if k[0] == "IK"):
                colleague = org.colleague(kode, person, plan.rng)
                other = plan.open_case(kode, colleague) if colleague else sak
                p = plan.add(other, K.N("Notat – {kjerne}"), "E", 3)
                p.ekspdato = p.dato
                p.korr.append(plan.internal("IK", person))


def _leaders(plan: Planner, lister: Arbeidslister):
    """Ufordelte, Mottatte, Til offentlighetsvurdering, Til godkjenning and the unit's Forfall
    and OBS lists of every leader and deputy, and the chief executive's."""
    org = plan.org
    people = {p for (r, _k), ps in org.roles.items() if r in LEDERE for p in ps}
    people |= {org.radmann} if org.radmann else set()
    waiting = {
        f["sendt_til"]
        for p in lister.posts()
        for f in p.flagg
        if not f["svar"] and f["steg"] == "leder"
    }
    for person in sorted(people, key=lambda p: p.username):
        units = lister.units(person)
        workable = lister.workable(units)
        if not workable:
            continue
        home = workable[0]

        def mangler(test, units=units) -> bool:
            return not any(test(p) and p.sak.enhet in units for p in lister.posts())

        if mangler(lambda p: p.type == "I" and p.status in UFORDELT and p.saksbehandler is None):
            plan.add(
                plan.open_case(home), K.I("Henvendelse – {kjerne}"), "M", 2, saksbehandler=None
            )
        mine = lister.leaders_of(person)

        def mottatt(p, mine=mine) -> bool:
            return p.type == "I" and p.saksbehandler in mine and lister.restanse(p)

        if mangler(mottatt, units=org.units):
            steg = K.I("Henvendelse til leder – {kjerne}")
            plan.add(plan.open_case(home), steg, "M", 1, saksbehandler=person)
        if mangler(lister.xx):
            _xx(plan, home, 1)
        if mangler(lister.forfaller):
            sak = plan.open_case(home)
            plan.add(sak, K.I("Purring – {kjerne}"), "J", 20, forfall=plan.today)
        if not any(s.enhet in units and lister.obs(s) for s in plan.saker):
            plan.open_case(home).obs = (plan.today + dt.timedelta(days=7), K.OBS_MERKNADER[0])
        if person not in waiting and not (mine - {person}) & waiting:
            others = [u for u in workable if set(org.handlers(u)) - {person}]
            if others:
                unit = others[0]
                handler = next(h for h in org.handlers(unit) if h != person)
                steg = K.U("Svar – {tittel_lc}", svar=True)
                p = plan.add(plan.open_case(unit, handler), steg, "R")
                p.flagg.append(plan.flag(p, "leder", person, plan.today))
                waiting.add(person)


def _xx(plan: Planner, unit: str, days_ago: int) -> Post:
    """An incoming post archive was unsure about (XX, status M), in a case without a code."""
    steg = K.I("Henvendelse fra {soker} – {kjerne}", "soker")
    sak = plan.open_case(unit, apen=True)
    p = plan.add(sak, steg, "M", days_ago, kode="XX", etter_siste=False)
    p.hjemmel = plan.hjemmel.get("XX", "")
    return p


def _archive(plan: Planner, lister: Arbeidslister):
    """Archive's lists: mail to journalise, posts in M, XX past and inside the leaders'
    deadline, reserved cases and cases asked to be closed."""
    org = plan.org
    units = [k for k in ("BYG", "FSK", "PER", "KTE", "OPK", "KUL") if k in org.units]
    units = lister.workable(units) or lister.workable(org.units)
    if not units:
        return
    for person in org.arkiv:
        if not any(p.status == "M" and p.opprettet_av == person for p in lister.posts()):
            sak = plan.open_case(plan.rng.choice([k for k, _v, _ks in plan.kinds]))
            plan.add(sak, K.I("Henvendelse – {kjerne}"), "M", 1, opprettet_av=person)
    # XX: a handful in all, some past the leaders' deadline of n working days, some inside it.
    xx = [p for p in lister.posts() if lister.xx(p)]
    for i in range(max(0, max(2, min(6, len(plan.saker) // 400)) - len(xx))):
        _xx(plan, units[i % len(units)], 1 + i)
    if not any(lister.xx_over_frist(p) for p in lister.posts()):
        past = add_working_days(plan.today, -(lister.xx_frist + 2))
        _xx(plan, units[0], _dager_siden(plan, past))
    if not any(lister.xx(p) and not lister.xx_over_frist(p) for p in lister.posts()):
        _xx(plan, units[-1], 0)
    if not any(s.onskes_avsluttet and s.status == "B" for s in plan.saker):
        ready = [
            s
            for s in plan.saker
            if s.status == "B" and s.posts and not plan.restanser(s) and not s.kode
        ]
        sak = ready[-1] if ready else plan.open_case(units[0])
        for p in plan.restanser(sak):
            when = max(p.dato, siste_arbeidsdag(plan.today))
            plan.write_off(p, "TE", when, p.saksbehandler or sak.ansvarlig)
        sak.onskes_avsluttet = True


def _forelopig_svar(plan: Planner, lister: Arbeidslister):
    """An open case keeps a restanse that got a preliminary answer (***), and one is
    overdue."""
    open_ = [p for p in lister.posts() if p.sak.status == "B" and p.type == "I"]
    if not any(
        lister.restanse(p) and any(not R.skriver_av(a[0]) for a in p.avskrivninger) for p in open_
    ):
        p = next((p for p in reversed(open_) if lister.restanse(p)), None)
        if p is None:
            p = plan.add(plan.open_case(plan.kinds[0][0]), K.I("Henvendelse – {kjerne}"), "J", 5)
        merknad = "Foreløpig svar gitt på telefon."
        when = max(p.dato, siste_arbeidsdag(plan.today))
        av = p.saksbehandler or p.sak.ansvarlig
        plan.write_off(p, R.INGEN_AVSKRIVNING, when, av, None, merknad)
    if not any(lister.restanse(p) and p.forfall and p.forfall < plan.today for p in open_):
        p = plan.add(plan.open_case(plan.kinds[0][0]), K.I("Purring – {kjerne}"), "J", 25)
        p.forfall = plan.today - dt.timedelta(days=4)
