"""Cases and journal posts of the bulk municipality (journal/bulk.py), as rows for COPY.

The titles, parties and the course of a case come from the demo catalogue
(generators/journal/katalog.py); statuses, write-offs, approvals and screening are decided by
the same rules as the demo plan, generators/journal/regler.py (DOMAIN.md §3–9). This module
only stores the decisions as rows for COPY, which makes a million posts in about a minute.
Everything is decided by one seeded `random.Random`, so the same seed on the same day gives
the same journal.

Numbers: cases are made in order of their opening day, so their ids and their numbers per
year run in time order. A post's journal number is its day's first number of the year plus
its place among that day's posts (from a histogram of post days made first), so journal
numbers are unique, gap-free and in date order per year without sorting a million posts.
"""

import datetime as dt
import random
from array import array
from dataclasses import dataclass, field
from itertools import accumulate

from . import katalog as K
from . import regler as R
from .bulk_navn import Kalender, Navn
from .bulk_org import AKTIVITET, Enhet, Organisasjon, Person

SKJERMET = "*****"
POSTER_PER_AAR = 80_000  # a municipality of 2,000 employees
TIDER = [f"{h:02d}:{m:02d}:00" for h in range(8, 16) for m in range(0, 60, 5)]
EKSPEDISJON = ("svarut", "svarut", "svarut", "epost", "epost", "post", "personlig")
# What a case gets more of when its kind has few typical posts: mostly letters in and out.
EKSTRA = (
    K.I("Ettersendt dokumentasjon – {kjerne}"), K.I("Henvendelse – {kjerne}"),
    K.I("Tilleggsopplysninger – {kjerne}"), K.I("Purring – {kjerne}"),
    K.U("Orientering om saken – {kjerne}"), K.U("Anmodning om tilleggsopplysninger – {kjerne}"),
    K.U("Svar på henvendelse – {kjerne}", svar=True), K.X("Telefonnotat – {kjerne}"),
    K.N("Intern vurdering – {kjerne}"),
)  # fmt: skip


@dataclass
class Rader:
    """Rows made for one batch of cases, per table."""

    saker: list = field(default_factory=list)
    parter: list = field(default_factory=list)
    poster: list = field(default_factory=list)
    korr: list = field(default_factory=list)
    avskr: list = field(default_factory=list)
    godkj: list = field(default_factory=list)
    beh: list = field(default_factory=list)


class Post:
    __slots__ = (
        "id", "steg", "type", "dag", "tittel", "offentlig", "kode", "status", "bstatus",
        "sb", "besvarer", "avskriv_vf", "eksp", "forfall", "mottaker", "avskrevet",
        "nr", "aar", "dok", "avsender",
    )  # fmt: skip

    def __init__(self, id_, steg, dag):
        self.id, self.steg, self.type, self.dag = id_, steg, steg.type, dag
        self.kode, self.bstatus, self.besvarer, self.avskriv_vf = None, "", None, False
        self.eksp, self.forfall, self.mottaker, self.avskrevet = None, None, None, False
        self.avsender = None


class Journalgenerator:
    def __init__(self, rng: random.Random, org: Organisasjon, antall: int, today: dt.date,
                 koder: dict, utvalg: dict, first_ids: dict):  # fmt: skip
        self.rng, self.org, self.antall = rng, org, antall
        years = min(15.0, max(1.0, antall / POSTER_PER_AAR))
        self.kal = Kalender(today, today - dt.timedelta(days=round(years * 365)))
        # A small journal has few posts a day; the rare states a worklist shows (XX,
        # undistributed mail) are made more common there so that every list has rows.
        tetthet = min(4.0, POSTER_PER_AAR / (antall / years))
        self.p_xx = min(0.5, 0.15 * tetthet)
        self.p_ufordelt = min(0.3, 0.10 * tetthet)
        self.p_leder = self.p_ufordelt + 0.06
        self.hjemmel = koder  # kode -> default hjemmel
        self.utvalg = utvalg  # committee code -> id
        self.ids = {table: iter(range(first, 1 << 62)) for table, first in first_ids.items()}
        self._kinds = {}
        for kode, (_vekt, kinds) in K.ENHETER.items():
            self._kinds[kode] = (kinds, list(accumulate(k.vekt for k in kinds)))
        self._mids = {
            id(k): [s for s in k.steg if s.type != "S"] or list(EKSTRA)
            for _v, kinds in K.ENHETER.values()
            for k in kinds
        }
        self.navn = Navn(rng, org)
        self.teller = {}  # ("sak" | "journalpost", year) -> highest number

    # --- phase 1: when every case opens and on which days its posts come ----------------
    def planlegg(self):
        rng, kal = self.rng, self.kal
        antall_saker = max(1, self.antall // 5)
        sbs = self.org.saksbehandlere
        weights = [AKTIVITET.get(p.enhet.profil, 1.0) * rng.uniform(0.5, 1.5) for p in sbs]
        self.ansvarlige = rng.choices(sbs, weights, k=antall_saker)
        self.aapnet = sorted(rng.randrange(kal.idag + 1) for _ in range(antall_saker))
        # One post each, the rest spread by a per-case weight: most cases get a few posts,
        # some get dozens.
        sizes = array("i", [1] * antall_saker)
        case_weights = [rng.expovariate(1.0) for _ in range(antall_saker)]
        for c in rng.choices(range(antall_saker), case_weights, k=self.antall - antall_saker):
            sizes[c] += 1
        # A case's posts come 1–12 working days apart. Those that would come after today
        # have not come yet; the posts missing from the total go to cases with room left,
        # so every day since the start gets about the same number of posts.
        idag = kal.idag
        case_days = []
        missing = 0
        for c in range(antall_saker):
            day = self.aapnet[c]
            mine = [day]
            for _ in range(sizes[c] - 1):
                day += rng.randint(1, 12)
                if day > idag:
                    missing += sizes[c] - len(mine)
                    break
                mine.append(day)
            case_days.append(mine)
        for _ in range(missing):
            for _attempt in range(100):
                mine = case_days[rng.randrange(antall_saker)]
                day = mine[-1] + rng.randint(1, 12)
                if day <= idag:
                    break
            mine.append(min(day, idag))
        self.sizes = array("i", (len(mine) for mine in case_days))
        days = array("i")
        per_day = [0] * len(kal.dager)
        for mine in case_days:
            days.extend(mine)
            for day in mine:
                per_day[day] += 1
        self.days = days
        # First journal number of each day (per year), and first case number of each day.
        self.jp_base = self._bases(per_day)
        case_days = [0] * len(kal.dager)
        for d0 in self.aapnet:
            case_days[d0] += 1
        self.sak_base = self._bases(case_days)

    def _bases(self, per_day):
        bases, year, running = [], None, 0
        for day, count in enumerate(per_day):
            if self.kal.aar[day] != year:
                year, running = self.kal.aar[day], 0
            bases.append(running)
            running += count
        return bases

    # --- phase 2: the cases, batch by batch --------------------------------------------
    def generer(self, batch: int = 5000):
        """Yields a `Rader` per `batch` cases."""
        rows = Rader()
        offset = 0
        jp_next = [0] * len(self.kal.dager)
        sak_next = [0] * len(self.kal.dager)
        for c in range(len(self.aapnet)):
            n = self.sizes[c]
            self.sak(c, self.days[offset : offset + n], rows, jp_next, sak_next)
            offset += n
            if (c + 1) % batch == 0:
                yield rows
                rows = Rader()
        yield rows

    def sak(self, c, days, rows: Rader, jp_next, sak_next):
        rng, kal = self.rng, self.kal
        sb: Person = self.ansvarlige[c]
        enhet: Enhet = sb.enhet
        kinds, cum = self._kinds[enhet.profil]
        kind = rng.choices(kinds, cum_weights=cum)[0]
        d0 = self.aapnet[c]
        aar = kal.aar[d0]
        sak_id = next(self.ids["sak"])
        nr = self.sak_base[d0] + sak_next[d0] + 1
        sak_next[d0] += 1
        self._max("sak", aar, nr)
        felt, parter = self.navn.felt(kind, enhet, aar)
        kode = kind.tilgang if kind.tilgang and rng.random() < kind.skjermet else None
        felt["kjerne"] = kind.kjerne.format(**felt)
        tittel = kind.tittel.format(**felt)
        felt["tittel"], felt["tittel_lc"] = tittel, tittel[0].lower() + tittel[1:]
        offentlig = tittel
        public = None
        if kode:
            public = {**felt, "navn": SKJERMET, "soker": SKJERMET}
            public["kjerne"] = kind.kjerne.format(**public)
            offentlig = _skjermet(kind.tittel.format(**public), tittel)
            public["tittel"], public["tittel_lc"] = offentlig, offentlig[0].lower() + offentlig[1:]
        status = self.saksstatus(kind, sb, days)
        steps = self.steps(kind, len(days), status)
        posts = [
            Post(next(self.ids["post"]), steg, day) for steg, day in zip(steps, days, strict=True)
        ]
        for i, p in enumerate(posts):
            p.dok = i + 1
            self.post(p, felt, public, kode, status, sb, enhet, kind, parter)
            p.aar = kal.aar[p.dag]
            p.nr = self.jp_base[p.dag] + jp_next[p.dag] + 1
            jp_next[p.dag] += 1
            self._max("journalpost", p.aar, p.nr)
        open_ = self.write_offs(posts, status, sb, kal.idag)
        # Case fields that follow from its posts.
        last = days[-1]
        obs_dato = obs_merknad = None
        onskes = presedens = False
        avsluttet = (None, None)
        if status == "B":
            if rng.random() < 0.12:
                obs_dato = kal.iso[max(0, kal.idag + rng.randint(-20, 30))]
                obs_merknad = rng.choice(K.OBS_MERKNADER)
            if not open_ and posts[-1].status == "J" and kal.alder[last] > 10:
                onskes = rng.random() < 0.2
        elif status == "A":
            presedens = kind.presedens and rng.random() < 0.4
            avsluttet = (kal.iso[min(kal.idag, last + rng.randint(3, 40))], self.arkivar().id)
        first_own = posts[0].type != "I"
        opprettet_av = sb.id if first_own or status == "R" else self.arkivar().id
        gbnr = kind.ordning == "GBNR"
        rows.saker.append((
            sak_id, tittel, offentlig, kode, self.hjemmel.get(kode, ""), aar, nr, status, sb.id,
            enhet.id, "SAK", "GBNR" if gbnr else "K-kode",
            felt["gbnr"].removeprefix("gnr ").replace(" bnr ", "/") if gbnr else kind.ordning,
            obs_dato, obs_merknad or "", bool(kode and parter), onskes, presedens,
            f"{kal.iso[d0]} {rng.choice(TIDER)}", opprettet_av, *avsluttet,
        ))  # fmt: skip
        for rolle, part in parter:
            rows.parter.append((next(self.ids["sakspart"]), sak_id, part[0], rolle, *part[1:5]))
        for p in posts:
            self.emit(p, sak_id, sb, enhet, kind, rows)

    def _max(self, serie, aar, nr):
        key = (serie, aar)
        if nr > self.teller.get(key, 0):
            self.teller[key] = nr

    def arkivar(self) -> Person:
        return self.rng.choice(self.org.arkiv)

    # --- the course of a case -----------------------------------------------------------
    def saksstatus(self, kind, sb: Person, days) -> str:
        rng, kal = self.rng, self.kal
        if kind.lopende:
            return "X"
        roll = rng.random()
        if roll < 0.005:
            return "U"
        if kind.forste.type != "I" and kal.alder[days[0]] <= 21 and roll < 0.5:
            return "R"
        age = kal.alder[days[-1]]
        closing = 0.97 if age > 180 else 0.75 if age > 60 else 0.35 if age > 21 else 0.05
        if sb.flid < 0.9:
            closing *= sb.flid * 0.7
        return "A" if rng.random() < closing else "B"

    def steps(self, kind, n, status) -> list:
        rng = self.rng
        if n == 1:
            return [kind.forste]
        end = kind.slutt if kind.slutt and (status == "A" or rng.random() < 0.3) else None
        k = n - 1 - (1 if end else 0)
        mids = self._mids[id(kind)]
        if kind.lopende:
            middle = [rng.choice(mids) for _ in range(k)]
        else:
            middle = mids[:k] if k <= len(mids) else [*mids, *rng.choices(EKSTRA, k=k - len(mids))]
            if k > 1 and k <= len(mids):
                middle = [mids[i] for i in sorted(rng.sample(range(len(mids)), k))]
        if kind.utvalg and middle and rng.random() < 0.7:
            middle[-1] = K.S()
        return [kind.forste, *middle, *([end] if end else [])]

    def journalstatus(self, p: Post, status: str) -> str:
        return R.journalstatus(self.rng, p.type, status, self.kal.alder[p.dag], forste=p.dok == 1)

    def post(self, p: Post, felt, public, kode, status, sb: Person, enhet: Enhet, kind, parter):
        rng, steg = self.rng, p.steg
        if steg.hvem == "soker":  # one applicant per post (e.g. applications for a job)
            p.avsender = self.navn.person()
            felt = {**felt, "soker": p.avsender[0]}
            public = public and {**public, "soker": SKJERMET}
        elif steg.hvem == "part" and parter:
            p.avsender = parter[1 if kind.part in ("elev", "barn") else 0][1]
        elif p.type in ("I", "U"):
            p.avsender = self.navn.part(steg.hvem, enhet)
        p.tittel = steg.tittel.format(**felt)
        p.kode = kode or steg.tilgang or None
        p.sb = sb
        p.status = self.journalstatus(p, status)
        age = self.kal.alder[p.dag]
        if (
            p.type == "I"
            and p.status == "M"
            and age <= 14
            and not p.kode
            and rng.random() < self.p_xx
        ):
            p.kode = "XX"  # archive is in doubt: the leader must decide within 3 working days
        if p.kode:
            screened = public or {**felt, "navn": SKJERMET, "soker": SKJERMET}
            p.offentlig = _skjermet(steg.tittel.format(**screened), p.tittel)
        else:
            p.offentlig = p.tittel
        if p.type == "I":
            if rng.random() < 0.35:
                p.forfall = p.dag + rng.choice((10, 15, 20))
            if p.status in ("M", "S") and age <= 20 and status in ("B", "X"):
                roll = rng.random()
                if roll < self.p_ufordelt:
                    p.sb = None  # waits in the leader's «Ufordelte journalposter»
                elif roll < self.p_leder:
                    p.sb = self.org.leder_for(enhet)  # distributed to the leader
        elif p.type == "S":
            self.saksframlegg(p, age)
        elif p.type == "N" or (p.type == "X" and rng.random() < 0.7):
            leder = self.org.leder_for(enhet)
            p.mottaker = leder if rng.random() < 0.5 else self.kollega(enhet, sb) or leder
            if p.type == "N" and rng.random() < 0.5:
                p.forfall = p.dag + rng.randint(5, 15)
        if p.type in ("U", "N") and p.status in ("E", "J"):
            p.eksp = min(self.kal.idag, p.dag + rng.randint(0, 2))

    def saksframlegg(self, p: Post, age):
        """A committee draft's place in the approval chain (SU/F → RE/G → KL/F)."""
        p.bstatus, p.status = R.saksframlegg(self.rng, p.status, age)

    def write_offs(self, posts, status, sb: Person, today) -> list:
        """Replies write off what they answer (BU/NN); the rest is written off by TE, TO,
        TLF or BE, or stays a restanse in an open case. Returns the open restanser."""
        rng = self.rng
        open_ = []
        for p in posts:
            if p.status == "U":
                continue
            answers = [o for o in open_ if not o.steg.svar]
            if (p.steg.svar or p.steg.forelopig) and answers and p.type in ("U", "N"):
                target = next((o for o in answers if o.type == "I"), answers[0])
                p.besvarer = target.id
                done = p.status in R.FERDIG
                if p.steg.forelopig and done:
                    target.avskrevet = (R.INGEN_AVSKRIVNING, p.eksp or p.dag, p.sb, p.id,
                                        "Foreløpig svar sendt.")  # fmt: skip
                elif done:
                    target.avskrevet = (R.svar_avskriver(p.type), p.eksp or p.dag, p.sb, p.id, "")
                    open_.remove(target)
                elif not p.steg.forelopig:
                    p.avskriv_vf = True
            if R.mottatt(p.type, p.status):
                open_.append(p)
        still_open = []
        for p in open_:
            age = self.kal.alder[p.dag]
            av = p.mottaker if p.type == "N" and p.mottaker else p.sb or sb
            when = min(today, p.dag + rng.randint(1, 10))
            maate = R.avskrivningsmaate(rng, p.type)
            if R.avskrives(rng, status, p.status, age, sb.flid):
                p.avskrevet = (maate, when, av, None, "")
                continue
            if not p.avskrevet and R.forelopig_paa_telefon(rng, status, p.type):
                p.avskrevet = (R.INGEN_AVSKRIVNING, when, av, None,
                               "Foreløpig svar gitt på telefon.")  # fmt: skip
            still_open.append(p)
        return still_open

    # --- rows of one post -----------------------------------------------------------------
    def emit(self, p: Post, sak_id, sb: Person, enhet: Enhet, kind, rows: Rader):
        rng, kal, ids = self.rng, self.kal, self.ids
        author = p.sb or sb
        own = p.type != "I"
        stamp = f"{kal.iso[p.dag]} {rng.choice(TIDER)}"
        dokdato = p.dag - (rng.randint(0, 3) if p.type == "I" else 0)
        rows.poster.append((
            p.id, p.tittel, p.offentlig, p.kode, self.hjemmel.get(p.kode, ""), sak_id, p.aar,
            p.nr, p.dok, p.type, p.status, p.bstatus, kal.iso[max(0, dokdato)], kal.iso[p.dag],
            kal.iso[p.forfall] if p.forfall else None, p.sb.id if p.sb else None, enhet.id,
            bool(p.kode) and p.type in ("I", "U"), True,
            rng.choice(EKSPEDISJON) if p.type == "U" else "", p.besvarer, p.avskriv_vf,
            kal.iso[p.eksp] if p.eksp is not None else None,
            kal.iso[p.avskrevet[1]] if p.avskrevet and R.skriver_av(p.avskrevet[0]) else None,
            stamp, author.id if own else self.arkivar().id,
        ))  # fmt: skip
        korr = rows.korr
        if p.type in ("I", "U"):
            kind_ = "EA" if p.type == "I" else "EM"
            korr.append((next(ids["korr"]), p.id, kind_, *p.avsender, None, None))
        if p.type == "U":
            if rng.random() < 0.08:
                korr.append(
                    (next(ids["korr"]), p.id, "EK", *self.navn.part("org", enhet), None, None)
                )
        elif p.type in ("N", "X"):
            korr.append(self.intern(p, "IA", author, enhet))
            if p.mottaker:
                korr.append(self.intern(p, "IM", p.mottaker, p.mottaker.enhet))
        if p.type != "S" and rng.random() < 0.06:
            kopi = self.kollega(enhet, author)
            if kopi is not None and kopi is not p.mottaker:
                korr.append(self.intern(p, "IK", kopi, kopi.enhet))
        if p.avskrevet:
            maate, dag, av, svar, merknad = p.avskrevet
            rows.avskr.append((next(ids["avskr"]), p.id, maate, kal.iso[dag], (av or sb).id,
                               svar, merknad))  # fmt: skip
        self.flags(p, author, enhet, kind, rows)

    def flags(self, p: Post, author: Person, enhet: Enhet, kind, rows: Rader):
        rng, kal = self.rng, self.kal
        leder, radmann = self.org.leder_for(enhet), self.org.radmann
        sent = min(kal.idag, p.dag + 1)
        answered = min(kal.idag, sent + rng.randint(0, 3))
        flags = []
        if p.type == "S":
            for steg, svar in R.framleggsflagg(rng, p.bstatus):
                til, dag = (leder, sent) if steg == "leder" else (radmann, answered)
                flags.append((steg, til, dag, svar, answered if svar else None))
            if p.bstatus or rng.random() < 0.7:
                sakstype, utvalg = kind.utvalg or ("PS", ("FSK", "KST"))
                for i, kode in enumerate(utvalg, 1):
                    if kode in self.utvalg:
                        meldt = f"{kal.iso[p.dag]} 10:00:00"
                        rows.beh.append((next(self.ids["beh"]), p.id, self.utvalg[kode],
                                         sakstype, i, meldt, ""))  # fmt: skip
        elif p.type in ("U", "N", "X"):
            for steg, svar in R.utkastflagg(rng, p.type, p.status, kal.alder[p.dag]):
                flags.append((steg, leder, sent, svar, answered if svar else None))
        for steg, til, dag, svar, besvart in flags:
            if til is None or til is author:
                continue
            rows.godkj.append((
                next(self.ids["godkj"]), p.id, steg, author.id, til.id,
                f"{kal.iso[dag]} 09:00:00",
                "Til godkjenning." if steg == "leder" else "Til endelig godkjenning.", svar,
                f"{kal.iso[besvart]} 14:00:00" if besvart is not None else None,
                til.id if svar else None, rng.choice(K.AVVIST) if svar == "IG" else "",
            ))  # fmt: skip

    def intern(self, p: Post, kind: str, person: Person, enhet: Enhet):
        return (next(self.ids["korr"]), p.id, kind, person.navn, "", "", "", "", False, enhet.id,
                person.id)  # fmt: skip

    def kollega(self, enhet: Enhet, person: Person):
        others = enhet.sb
        if len(others) > 1:
            other = self.rng.choice(others)
            return other if other is not person else None
        return self.org.leder_for(enhet)


def _skjermet(offentlig: str, tittel: str) -> str:
    """The public title; when the template has nothing to screen, the case's core is."""
    if offentlig != tittel:
        return offentlig
    head, sep, _tail = tittel.partition(" – ")
    return f"{head} – {SKJERMET}" if sep else SKJERMET
