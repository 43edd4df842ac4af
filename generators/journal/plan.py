"""Planning the demo journal in memory (journal/demo.py): cases with their parties, the
posts a case of each kind gets over time, and the statuses, write-offs, approvals and
committee treatments that follow from a post's age and the case's state (DOMAIN.md §3–9).

Everything is decided by one random.Random, so the same seed and date give the same
journal. Nothing here touches the database; demo.py reads the organisation and writes
the plan.
"""

import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from saksarkiv.workdays import first_working_day_on_or_after, is_working_day

from . import katalog as K
from . import regler as R

DAG = dt.timedelta(days=1)
SKJERMET = "*****"
HJEMMEL = {
    "U": "Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
    "P": "Offl. § 25",
    "E": "Offl. § 13 jf. fvl. § 13 første ledd nr. 1",
    "S": "Offl. § 13 jf. skatteforvaltningsloven § 3-1",
}


@dataclass
class Part:
    navn: str
    adresse: str = ""
    postnummer: str = ""
    poststed: str = ""
    epost: str = ""
    rolle: str = ""
    organ: bool = False  # a public body (writes as an institution)


@dataclass
class Post:
    sak: "Sak"
    type: str
    tittel: str
    offentlig: str
    dato: dt.date
    kode: str = ""
    hjemmel: str = ""
    status: str = ""
    bstatus: str = ""
    svar: bool = False
    forelopig: bool = False
    hvem: str = ""
    saksbehandler: object = None
    opprettet_av: object = None
    mottaker: object = None  # the internal recipient of a note (N/X)
    korr: list = field(default_factory=list)  # (type, Part | None, person, enhet)
    besvarer: "Post | None" = None
    avskriv_ved_ferdigstilling: bool = False
    forfall: dt.date | None = None
    ekspmaate: str = ""
    ekspdato: dt.date | None = None
    avskrivninger: list = field(default_factory=list)  # (maate, dato, av, svarpost, merknad)
    flagg: list = field(default_factory=list)  # dicts for Godkjenning
    behandlinger: list = field(default_factory=list)  # (utvalg kode, sakstype)
    merknader: list = field(default_factory=list)  # (tekst, av, dato)
    dokument: bool = False
    vedlegg: list = field(default_factory=list)
    dokumentnummer: int = 0
    aar: int = 0
    nr: int = 0
    obj: object = None


@dataclass
class Sak:
    idx: int
    kind: K.Sakstype
    enhet: str
    ansvarlig: object
    opprettet: dt.date
    felt: dict
    parter: list
    tittel: str = ""
    offentlig: str = ""
    kode: str = ""
    status: str = "B"
    opprettet_av: object = None
    posts: list = field(default_factory=list)
    obs: tuple | None = None
    onskes_avsluttet: bool = False
    presedens: bool = False
    avsluttet: tuple | None = None  # (dato, av)
    relaterte: list = field(default_factory=list)
    aar: int = 0
    nr: int = 0
    obj: object = None


def siste_arbeidsdag(day: dt.date) -> dt.date:
    """The last working day on or before `day`: no letter is journalised on a Sunday or on
    Christmas Day, whatever day the demo is made."""
    while not is_working_day(day):
        day -= DAG
    return day


def _ascii(text: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", " ": ".", "&": "og"})
    return "".join(c for c in text.lower().translate(table) if c.isalnum() or c in ".-")


def _skjerm(template: str, felt: dict) -> str:
    return template.format(**{**felt, **dict.fromkeys(K.SKJERMEDE_FELT, SKJERMET)})


class Planner:
    """Plans the whole journal in memory: the same seed and date give the same journal."""

    def __init__(self, org, rng: random.Random, today: dt.date, hjemmel: dict):
        self.org, self.rng, self.today, self.hjemmel = org, rng, today, hjemmel
        self.start = dt.date(today.year - 2, 1, 2)
        self.saker: list[Sak] = []
        self.kinds = [
            (kode, vekt, kinds)
            for kode, (vekt, kinds) in K.ENHETER.items()
            if kode in org.units and org.handlers(kode)
        ]
        self.previous = defaultdict(list)  # unit -> its earlier cases (related cases)

    # --- names and addresses --------------------------------------------------------------
    def person(self, etternavn=None, rolle="") -> Part:
        rng = self.rng
        first = rng.choice(K.BARNENAVN if rolle in ("elev", "barn") else K.FORNAVN)
        last = etternavn or rng.choice(K.ETTERNAVN)
        postnummer, poststed = rng.choice(K.POSTSTEDER)
        adresse = f"{rng.choice(K.VEIER)} {rng.randint(1, 80)}"
        epost = f"{_ascii(first)}.{_ascii(last)}@eksempel.no"
        return Part(f"{first} {last}", adresse, postnummer, poststed, epost, rolle)

    def firma(self, navn=None, rolle="") -> Part:
        navn = navn or self.rng.choice(K.FIRMA)
        postnummer, poststed = self.rng.choice(K.POSTSTEDER)
        adresse = f"{self.rng.choice(K.VEIER)} {self.rng.randint(1, 40)}"
        slug = _ascii(navn.removesuffix(" AS")).replace(".", "-")
        return Part(navn, adresse, postnummer, poststed, f"post@{slug}.eksempel.no", rolle)

    def organ(self, enhet: str, hvem: str) -> Part:
        names = hvem.removeprefix("org:").split("|") if hvem.startswith("org:") else None
        navn = self.rng.choice(names or K.ORGANER_FOR.get(enhet) or [o[0] for o in K.ORGANER])
        known = {o[0]: o[1:] for o in K.ORGANER}
        adresse, postnummer, poststed = known.get(navn, ("Rådhuset", "6900", "Fjordvik"))
        slug = _ascii(navn).replace(".", "-")
        epost = f"postmottak@{slug}.eksempel.no"
        return Part(navn, adresse, postnummer, poststed, epost, organ=True)

    def parties(self, kind: K.Sakstype, felt: dict) -> list[Part]:
        if kind.part in ("person", "ansatt"):
            return [self.person(rolle="arbeidstaker" if kind.part == "ansatt" else "søker")]
        if kind.part == "firma":
            return [self.firma(rolle="ansvarlig søker"), self.person(rolle="tiltakshaver")]
        if kind.part in ("elev", "barn"):
            parent = self.person(rolle="foresatt")
            surname = parent.navn.split()[-1]
            child = self.person(surname, kind.part)
            child.adresse, child.postnummer, child.poststed, child.epost = (
                parent.adresse, parent.postnummer, parent.poststed, "")  # fmt: skip
            parties = [child, parent]
            if kind.part == "barn" and self.rng.random() < 0.6:
                parties.append(self.person(surname, "foresatt"))
            return parties
        if kind.part == "lag":
            return [self.firma(felt["lag"], "søker")]
        return []

    def fields(self, kind, enhet, aar) -> tuple[dict, list[Part]]:
        rng = self.rng
        felt = {
            "aar": aar, "naar": aar + 1, "aar4": aar + 4, "aar12": aar + 12,
            "gbnr": f"gnr {rng.randint(1, 120)} bnr {rng.randint(1, 320)}",
            "adr": f"{rng.choice(K.VEIER)} {rng.randint(1, 90)}",
            "sted": rng.choice(K.STEDER), "vei": rng.choice(K.VEIER),
            "gard": rng.choice(K.GARDER),
            "skole": "Nordbygda skole" if enhet == "NSK" else "Fjordvik skole",
            "lag": rng.choice(K.LAG), "arrangement": rng.choice(K.ARRANGEMENTER),
            "stilling": rng.choice(K.STILLINGER), "firma": rng.choice(K.FIRMA),
            "tema": rng.choice(K.TEMAER), "itkjop": rng.choice(K.IT_KJOP),
            "regionplan": rng.choice(K.REGIONPLANER), "tertial": rng.choice((1, 2)),
            "soker": "",
        }  # fmt: skip
        parter = self.parties(kind, felt)
        felt["navn"] = parter[0].navn if parter else ""
        return felt, parter

    def internal(self, type_, person, enhet=None):
        return (type_, None, person, enhet or self.org.home.get(person.pk))

    # --- cases ----------------------------------------------------------------------------
    def lag(self, antall: int) -> list[Sak]:
        rng = self.rng
        span = (self.today - self.start).days
        dates = sorted(self.start + dt.timedelta(days=rng.randint(0, span)) for _ in range(antall))
        unit_weights = [vekt for _k, vekt, _kinds in self.kinds]
        for day in dates:
            day = first_working_day_on_or_after(day)
            kode, _vekt, kinds = rng.choices(self.kinds, unit_weights)[0]
            kind = rng.choices(kinds, [k.vekt for k in kinds])[0]
            self.ny_sak(kode, kind, day if day <= self.today else siste_arbeidsdag(self.today))
        return self.saker

    def ny_sak(self, kode, kind, day, ansvarlig=None, status=None) -> Sak:
        rng = self.rng
        felt, parter = self.fields(kind, kode, day.year)
        handler = ansvarlig or rng.choice(self.org.handlers(kode))
        sak = Sak(len(self.saker), kind, kode, handler, day, felt, parter)
        earlier = [s for s in self.previous[kode] if s.kind.ordning == kind.ordning]
        if earlier and rng.random() < (0.15 if kind.ordning == "GBNR" else 0.03):
            other = rng.choice(earlier[-40:])
            if kind.ordning == "GBNR":  # the same property: the next step of one project
                felt.update({k: other.felt[k] for k in ("gbnr", "adr", "navn")})
                sak.parter = [Part(**vars(p)) for p in other.parter]
            sak.relaterte.append(other)
        self.previous[kode].append(sak)
        if kind.tilgang and rng.random() < kind.skjermet:
            sak.kode = kind.tilgang
        felt["kjerne"] = kind.kjerne.format(**felt)
        sak.tittel = kind.tittel.format(**felt)
        felt["tittel"], felt["tittel_lc"] = sak.tittel, sak.tittel[0].lower() + sak.tittel[1:]
        sak.offentlig = (
            _skjerm(kind.tittel, {**felt, "kjerne": _skjerm(kind.kjerne, felt)})
            if sak.kode
            else sak.tittel
        )
        sak.opprettet_av = handler
        self.saker.append(sak)
        self.plan_posts(sak, status)
        return sak

    def steps(self, kind: K.Sakstype) -> list[K.Steg]:
        rng = self.rng
        mids = [s for s in kind.steg if s.type != "S"]
        k = rng.choices(range(7), (14, 26, 24, 16, 10, 6, 4))[0]
        if kind.lopende:
            chosen = [rng.choice(mids) for _ in range(k + 2)] if mids else []
        else:
            chosen = [mids[i] for i in sorted(rng.sample(range(len(mids)), min(k, len(mids))))]
            chosen += rng.choices(K.EKSTRA, k=max(0, k - len(mids)))
        if kind.utvalg:
            chosen.append(K.S())
        return [kind.forste, *chosen, *([kind.slutt] if kind.slutt else [])]

    def plan_posts(self, sak: Sak, status=None):
        rng, today = self.rng, self.today
        steps = self.steps(sak.kind)
        day = sak.opprettet
        for i, steg in enumerate(steps):
            if i:
                gap = rng.randint(10, 45) if steg.type == "S" else rng.randint(2, 28)
                day = first_working_day_on_or_after(day + dt.timedelta(days=gap))
            if day > today:
                break
            sak.posts.append(self.post(sak, steg, day))
        age = (today - sak.opprettet).days
        first_own = sak.kind.forste.type != "I"
        last = sak.posts[-1].dato if sak.posts else sak.opprettet
        closing = last + dt.timedelta(days=rng.randint(5, 60))
        if status:
            sak.status = status
            closing = min(closing, today)
        elif sak.kind.lopende:
            sak.status = "X"
        elif rng.random() < 0.01:
            sak.status = "U"
        elif age <= 21 and first_own and rng.random() < 0.5:
            sak.status = "R"
        else:
            p_close = 0.9 if age > 365 else 0.75 if age > 180 else 0.5 if age > 60 else 0.25
            complete = len(sak.posts) == len(steps)
            sak.status = "A" if complete and closing <= today and rng.random() < p_close else "B"
        if sak.status == "A":
            sak.avsluttet = (closing, self.archive_person())
        elif sak.status == "R" or sak.status == "U":
            sak.posts = sak.posts[:1]
        if sak.status != "R" and not first_own:
            sak.opprettet_av = self.archive_person() or sak.ansvarlig
        self.set_statuses(sak)

    def archive_person(self):
        return self.rng.choice(self.org.arkiv) if self.org.arkiv else None

    # --- posts ----------------------------------------------------------------------------
    def sender(self, sak: Sak, hvem: str, soker: Part | None) -> Part:
        if hvem == "part" and sak.parter:
            return sak.parter[1] if sak.kind.part in ("elev", "barn") else sak.parter[0]
        if hvem.startswith("org"):
            return self.organ(sak.enhet, hvem)
        if hvem == "firma":
            return sak.parter[0] if sak.kind.part == "firma" else self.firma()
        if hvem == "soker" and soker:
            return soker
        return self.person()

    def recipients(self, sak: Sak, hvem: str, soker: Part | None) -> list[Part]:
        if hvem == "part" and sak.parter:
            return sak.parter[1:] if sak.kind.part in ("elev", "barn") else sak.parter[:1]
        return [self.sender(sak, hvem, soker)]

    def post(self, sak: Sak, steg: K.Steg, day: dt.date, kode: str = "") -> Post:
        rng, org = self.rng, self.org
        soker = self.person(rolle="søker") if steg.hvem == "soker" else None
        felt = {**sak.felt, "soker": soker.navn if soker else ""}
        if sak.kind.lopende:
            felt["firma"] = rng.choice(K.FIRMA)
        tittel = steg.tittel.format(**felt)
        kode = sak.kode or steg.tilgang or kode
        offentlig = tittel
        if kode:
            public = {**felt, **dict.fromkeys(K.SKJERMEDE_FELT, SKJERMET)}
            if sak.kode:
                public["kjerne"] = _skjerm(sak.kind.kjerne, felt)
                public["tittel"] = sak.offentlig
                public["tittel_lc"] = sak.offentlig[0].lower() + sak.offentlig[1:]
            offentlig = steg.tittel.format(**public)
            if offentlig == tittel:
                raise ValueError(f"Demotittelen «{tittel}» har ikke noe å skjerme.")
        p = Post(sak, steg.type, tittel, offentlig, day, kode=kode,
                 hjemmel=self.hjemmel.get(kode, ""), svar=steg.svar,
                 forelopig=steg.forelopig, hvem=steg.hvem)  # fmt: skip
        author = sak.ansvarlig
        if p.type == "I":
            p.korr.append(("EA", self.sender(sak, steg.hvem, soker), None, None))
            if rng.random() < 0.35:
                p.forfall = day + dt.timedelta(days=rng.choice((14, 21, 28)))
        elif p.type == "U":
            for part in self.recipients(sak, steg.hvem, soker):
                p.korr.append(("EM", part, None, None))
            if sak.kind.part == "firma" and len(sak.parter) > 1 and rng.random() < 0.5:
                p.korr.append(("EK", sak.parter[1], None, None))
            elif rng.random() < 0.08:
                p.korr.append(("EK", self.organ(sak.enhet, "org"), None, None))
            p.ekspmaate = rng.choices(("svarut", "epost", "post", "personlig"), (45, 25, 25, 5))[0]
        elif p.type in ("N", "X"):
            p.korr.append(self.internal("IA", author, org.units[sak.enhet]))
            if p.type == "N" or rng.random() < 0.7:
                mottaker = (
                    org.leader(sak.enhet, author)
                    if rng.random() < 0.5
                    else org.colleague(sak.enhet, author, rng)
                )
                if mottaker:
                    p.mottaker = mottaker
                    p.korr.append(self.internal("IM", mottaker))
            if p.type == "N" and rng.random() < 0.5:
                p.forfall = day + dt.timedelta(days=rng.randint(7, 21))
        if p.type != "S" and rng.random() < 0.06:
            kopi = org.colleague(sak.enhet, author, rng)
            if kopi and kopi != p.mottaker:
                p.korr.append(self.internal("IK", kopi))
        return p

    def status_for(self, p: Post, sak: Sak) -> str:
        age = (self.today - p.dato).days
        return R.journalstatus(self.rng, p.type, sak.status, age, forste=p is sak.posts[0])

    def set_statuses(self, sak: Sak):
        rng = self.rng
        for i, p in enumerate(sak.posts):
            p.status = self.status_for(p, sak)
            own = p.type != "I"
            p.saksbehandler = sak.ansvarlig
            p.opprettet_av = sak.ansvarlig if own else (self.archive_person() or sak.ansvarlig)
            if p.type == "S":
                self.plan_saksframlegg(sak, p)
                if p.status != "J":
                    del sak.posts[i + 1 :]
                    break
            age = (self.today - p.dato).days
            if p.type == "I" and p.status == "M" and age <= 10 and rng.random() < 0.12:
                p.saksbehandler = None  # waits in the leader's «Ufordelte journalposter»
            if p.type in ("U", "N") and p.status in ("E", "J"):
                p.ekspdato = min(p.dato + dt.timedelta(days=rng.randint(0, 2)), self.today)
            if own and p.type != "S":
                self.plan_flags(sak, p)
        self.plan_write_offs(sak)
        self.plan_extras(sak)

    def plan_saksframlegg(self, sak: Sak, p: Post):
        rng, org = self.rng, self.org
        sakstype, utvalg = sak.kind.utvalg or ("PS", ("FSK",))
        age = (self.today - p.dato).days
        if p.status == "U":
            return
        p.bstatus, p.status = R.saksframlegg(rng, "R" if sak.status == "R" else p.status, age)
        if p.bstatus or rng.random() < 0.7:
            p.behandlinger = [(kode, sakstype) for kode in utvalg]
        author, radmann = p.saksbehandler, org.radmann
        if author == radmann:
            return
        leader = org.leader(sak.enhet, author)
        sent = p.dato + dt.timedelta(days=1)
        answered = min(sent + dt.timedelta(days=rng.randint(1, 4)), self.today)
        for steg, svar in R.framleggsflagg(rng, p.bstatus):
            til = leader if steg == "leder" else radmann
            if steg == "leder":
                p.flagg.append(self.flag(p, steg, til, sent, svar, answered if svar else None))
            else:
                p.flagg.append(self.flag(p, steg, til, answered, svar, answered if svar else None))
        p.flagg = [f for f in p.flagg if f["sendt_til"]]

    def flag(self, p, steg, til, sendt, svar="", besvart=None) -> dict:
        return {
            "steg": steg,
            "sendt_av": p.saksbehandler,
            "sendt_til": til,
            "sendt": min(sendt, self.today),
            "melding": "Til godkjenning." if steg == "leder" else "Til endelig godkjenning.",
            "svar": svar,
            "besvart": besvart,
            "besvart_av": til if svar else None,
            "kommentar": self.rng.choice(K.AVVIST) if svar == "IG" else "",
        }

    def plan_flags(self, sak: Sak, p: Post):
        rng = self.rng
        leader = self.org.leader(sak.enhet, p.saksbehandler)
        if leader is None or sak.status not in ("B", "A", "X"):
            return
        sent = min(p.dato + DAG, self.today)
        answered = min(sent + dt.timedelta(days=rng.randint(0, 3)), self.today)
        for steg, svar in R.utkastflagg(rng, p.type, p.status, (self.today - p.dato).days):
            p.flagg.append(self.flag(p, steg, leader, sent, svar, answered if svar else None))

    def write_off(self, p: Post, maate, dato, av, svar=None, merknad=""):
        p.avskrivninger.append((maate, min(dato, self.today), av, svar, merknad))

    def plan_write_offs(self, sak: Sak):
        """Answers write off what they answer (BU/NN); the rest is written off by TE, TO,
        TLF or BE, or stays a restanse in an open case. Closed cases keep none."""
        rng = self.rng
        open_ = []  # received posts (I, N) not finally written off
        for p in sak.posts:
            if p.status == "U":
                continue
            answers = [o for o in open_ if not o.svar]  # an answer is never answered itself
            if (p.svar or p.forelopig) and answers:
                target = next((o for o in answers if o.type == "I"), answers[0])
                p.besvarer = target
                done = p.status in R.FERDIG
                if p.forelopig and done:
                    self.write_off(target, R.INGEN_AVSKRIVNING, p.ekspdato or p.dato,
                                   p.saksbehandler, p, "Foreløpig svar sendt.")  # fmt: skip
                elif done:
                    maate = R.svar_avskriver(p.type)
                    self.write_off(target, maate, p.ekspdato or p.dato, p.saksbehandler, p)
                    open_.remove(target)
                elif not p.forelopig:
                    p.avskriv_ved_ferdigstilling = True
            if self.received(p):
                open_.append(p)
        closing = sak.avsluttet[0] if sak.avsluttet else self.today
        for p in open_:
            av = p.mottaker if p.type == "N" else p.saksbehandler
            av = av or sak.ansvarlig
            age = (self.today - p.dato).days
            maate = R.avskrivningsmaate(rng, p.type)
            when = min(p.dato + dt.timedelta(days=rng.randint(1, 14)), closing)
            if R.avskrives(rng, sak.status, p.status, age, flid=0.7):
                self.write_off(p, maate, when, av)
            elif R.forelopig_paa_telefon(rng, sak.status, p.type):
                self.write_off(p, R.INGEN_AVSKRIVNING, when, av, None,
                               "Foreløpig svar gitt på telefon.")  # fmt: skip

    def plan_extras(self, sak: Sak):
        rng, today = self.rng, self.today
        if sak.status == "B" and rng.random() < 0.12:
            sak.obs = (today + dt.timedelta(days=rng.randint(-30, 45)), rng.choice(K.OBS_MERKNADER))
        if sak.status == "A" and sak.kind.presedens and rng.random() < 0.4:
            sak.presedens = True
        if sak.status == "B" and sak.posts and sak.kind.slutt and rng.random() < 0.5:
            last = sak.posts[-1]
            done = all(R.skriver_av(a[0]) for p in sak.posts for a in p.avskrivninger)
            if last.status == "J" and last.type == sak.kind.slutt.type and done:
                sak.onskes_avsluttet = not self.restanser(sak)
        for p in sak.posts:
            if sak.status != "R" and rng.random() < 0.04:
                av = p.saksbehandler or p.opprettet_av
                when = min(p.dato + dt.timedelta(days=rng.randint(0, 5)), today)
                p.merknader.append((rng.choice(K.MERKNADER), av, when))

    @staticmethod
    def received(p: Post) -> bool:
        return R.mottatt(p.type, p.status)

    def is_restanse(self, p: Post) -> bool:
        return self.received(p) and not any(R.skriver_av(a[0]) for a in p.avskrivninger)

    def restanser(self, sak: Sak) -> list[Post]:
        return [p for p in sak.posts if self.is_restanse(p)]

    # --- adding to the plan afterwards (demo.py: what the personas must find) -------------
    def open_case(self, kode: str, person=None, utvalg=False, apen=False) -> Sak:
        """An open case of the unit (handled by `person`; `apen`: without an access code, so
        that a post in it may get one of its own), or a new one from last month."""
        for sak in reversed(self.saker):
            if (
                sak.status == "B"
                and sak.enhet == kode
                and person in (None, sak.ansvarlig)
                and (sak.kind.utvalg or not utvalg)
                and not (apen and sak.kode)
            ):
                return sak

        def fits(k: K.Sakstype) -> bool:
            return not k.lopende and (k.utvalg or not utvalg) and not (apen and k.tilgang)

        kinds = [k for k in K.ENHETER[kode][1] if fits(k)]
        kinds = kinds or [k for _u, (_v, ks) in K.ENHETER.items() for k in ks if fits(k)]
        day = siste_arbeidsdag(self.today - dt.timedelta(days=30))
        return self.ny_sak(kode, self.rng.choice(kinds), day, ansvarlig=person, status="B")

    def add(
        self, sak: Sak, steg: K.Steg, status: str, days_ago=1, kode="", etter_siste=True, **values
    ) -> Post:
        """A post `days_ago` calendar days back (on the working day before, if that is none),
        and unless `etter_siste` is false, not before the case's last post."""
        day = siste_arbeidsdag(self.today - dt.timedelta(days=days_ago))
        if sak.posts and etter_siste:
            day = max(day, sak.posts[-1].dato)
        p = self.post(sak, steg, day, kode)
        p.status = status
        p.saksbehandler = sak.ansvarlig
        p.opprettet_av = sak.ansvarlig if p.type != "I" else self.archive_person()
        for name, value in values.items():
            setattr(p, name, value)
        if p.svar and status == "R":  # «Besvar og avskriv» in progress
            p.besvarer = next((o for o in self.restanser(sak) if o.type == "I"), None)
            p.avskriv_ved_ferdigstilling = p.besvarer is not None
        sak.posts.append(p)
        return p

    def all_posts(self):
        return (p for sak in self.saker for p in sak.posts)

    # --- numbers -------------------------------------------------------------------------
    def number(self):
        """Case numbers per year in order of creation; document numbers 1..n per case;
        journal numbers per year, gap-free, in order of journal date."""
        counters = Counter()
        for sak in sorted(self.saker, key=lambda s: (s.opprettet, s.idx)):
            sak.aar = sak.opprettet.year
            counters[("sak", sak.aar)] += 1
            sak.nr = counters[("sak", sak.aar)]
            sak.posts.sort(key=lambda p: p.dato)
            for n, p in enumerate(sak.posts, 1):
                p.dokumentnummer = n
        posts = sorted(
            self.all_posts(), key=lambda p: (p.dato, p.sak.aar, p.sak.nr, p.dokumentnummer)
        )
        for p in posts:
            p.aar = p.dato.year
            counters[("journalpost", p.aar)] += 1
            p.nr = counters[("journalpost", p.aar)]
        return counters
