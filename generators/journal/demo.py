"""Demo journal for Fjordvik kommune: committees, thousands of cases and posts over three
years, write-offs and restanser, approvals, committee drafts, screening and real PDF/A
documents, so that every journal page has something believable to show.

This is seed data, not user actions: it is planned in memory from a fixed seed, written
with bulk_create in one transaction, and writes no audit entries. It runs once: when the
journal already has cases, it leaves them alone. The plan is made in plan.py
from the words in katalog.py; the letters are rendered by dokumenter.py.
"""

import datetime as dt
import hashlib
import random
import time
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from journal import numbering
from journal.models import (
    Avskrivning,
    Dokument,
    Godkjenning,
    Journalpost,
    Korrespondansepart,
    Merknad,
    Saksmappe,
    Sakspart,
)
from journal.services import dokumenttekst
from saksarkiv.models import (
    AdministrativEnhet,
    Bruker,
    Nummerteller,
    Rolle,
    Rolletype,
    Tilgangskode,
)
from utvalg.models import Behandling, Utvalg

from . import dokumenter as demo_dokumenter
from . import katalog as K
from . import regler as R
from .arbeid import ensure_worklists
from .arkivkopier import ensure_arkivkopier
from .innsynskrav import ensure_innsynskrav_sak
from .kontakter import ensure_kontakter
from .plan import HJEMMEL, Planner, Post, Sak, siste_arbeidsdag

BATCH = 500


def _stamp(day: dt.date, rng: random.Random) -> dt.datetime:
    """A working-hours time on `day`, never in the future."""
    moment = dt.datetime.combine(day, dt.time(8 + rng.randint(0, 7), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now())


class Org:
    """The demo organisation as the generator needs it: units, who works where, leaders."""

    def __init__(self):
        self.units = {u.kode: u for u in AdministrativEnhet.objects.order_by("path")}
        by_path = {u.path: u for u in self.units.values()}
        step = AdministrativEnhet.steplen
        self.parent = {
            u.kode: (by_path[u.path[:-step]].kode if u.path[:-step] in by_path else None)
            for u in self.units.values()
        }
        self.people = {b.pk: b for b in Bruker.objects.filter(is_active=True)}
        self.by_username = {b.username: b for b in self.people.values()}
        self.roles = defaultdict(list)  # (rolle, enhet kode) -> [Bruker]
        self.home = {}  # person pk -> standard unit
        rows = Rolle.objects.gyldige().select_related("enhet").order_by("person__username")
        for rolle in rows:
            person = self.people.get(rolle.person_id)
            if person is None:
                continue
            self.roles[(rolle.rolle, rolle.enhet.kode)].append(person)
            if rolle.standard or person.pk not in self.home:
                self.home[person.pk] = rolle.enhet
        self.arkiv = sorted(
            {p for (r, _u), ps in self.roles.items() if r == Rolletype.ARKIV for p in ps},
            key=lambda p: p.username,
        )
        radmenn = [p for (r, _u), ps in self.roles.items() if r == Rolletype.RADMANN for p in ps]
        self.radmann = radmenn[0] if radmenn else None

    def handlers(self, kode: str) -> list[Bruker]:
        """Who handles the unit's cases: its caseworkers; where it has none, its archive
        staff (Dokumentsenteret), or else its leader and deputies (a sector, the chief
        executive's staff)."""
        for roller in ((Rolletype.SAKSBEHANDLER,), (Rolletype.ARKIV,),
                       (Rolletype.LEDER, Rolletype.STEDFORTREDER)):  # fmt: skip
            people = [p for r in roller for p in self.roles.get((r, kode), [])]
            if people:
                return people
        return []

    def leader(self, kode: str, not_person=None) -> Bruker | None:
        """The nearest leader of the unit or a unit above it, other than `not_person`."""
        while kode:
            for person in self.roles.get((Rolletype.LEDER, kode), []):
                if person != not_person:
                    return person
            kode = self.parent.get(kode)
        return self.radmann if self.radmann != not_person else None

    def colleague(self, kode: str, person, rng) -> Bruker | None:
        others = [p for p in self.handlers(kode) if p != person]
        return rng.choice(others) if others else self.leader(kode, person)

    def subtree(self, kode: str) -> list[str]:
        path = self.units[kode].path
        return [k for k, u in self.units.items() if u.path.startswith(path)]


def _draft(plan: Planner, bstatus: str, status: str):
    politisk = [k for k, _v, ks in plan.kinds if any(x.utvalg and x.utvalg[0] == "PS" for x in ks)]
    kode = plan.rng.choice(politisk)
    sak = plan.open_case(kode, utvalg=True)
    p = plan.add(sak, K.S(), status, 3, bstatus=bstatus)
    sakstype, utvalg = sak.kind.utvalg if sak.kind.utvalg[0] == "PS" else ("PS", ("FSK", "KST"))
    p.behandlinger = [(u, sakstype) for u in utvalg]
    leader = plan.org.leader(kode, p.saksbehandler)
    sent = plan.today - dt.timedelta(days=2)
    if bstatus == "SU":
        p.flagg.append(plan.flag(p, "leder", leader, sent))
    else:
        p.flagg.append(plan.flag(p, "leder", leader, sent, "G", sent))
        if bstatus == "KL":
            p.flagg.append(plan.flag(p, "radmann", plan.org.radmann, sent, "G", sent))
        else:
            p.flagg.append(plan.flag(p, "radmann", plan.org.radmann, sent))
    p.flagg = [f for f in p.flagg if f["sendt_til"]]


def ensure_chain(plan: Planner):
    """The chief executive has a draft waiting for final approval (RE/G), a leader has one
    sent to them (SU/F), and the committee queue is not empty (KL/F)."""
    found = Counter(
        (p.bstatus, p.status)
        for p in plan.all_posts()
        if p.type == "S" and any(sakstype == "PS" for _u, sakstype in p.behandlinger)
    )
    for bstatus, status in (("RE", "G"), ("SU", "F"), ("KL", "F")):
        if not found[(bstatus, status)] and plan.org.radmann:
            _draft(plan, bstatus, status)


def ensure_every_code(plan: Planner):
    """Every case status, journal status and post type at least once, even in a small
    journal (tests run with a few dozen cases); OBS dates past and to come; a precedent."""
    rng = plan.rng
    statuses = Counter(s.status for s in plan.saker)
    for status, pick in (("X", lambda k: k.lopende), ("U", lambda k: not k.lopende),
                         ("R", lambda k: k.forste.type != "I" and not k.lopende),
                         ("A", lambda k: not k.lopende and k.slutt)):  # fmt: skip
        if not statuses[status]:
            kode, kind = rng.choice([(k, x) for k, _v, ks in plan.kinds for x in ks if pick(x)])
            day = siste_arbeidsdag(plan.today - dt.timedelta(days=300 if status == "A" else 3))
            plan.ny_sak(kode, kind, day, status=status)
    open_cases = [s for s in plan.saker if s.status == "B"]
    for days, has in ((-10, lambda d: d < plan.today), (20, lambda d: d >= plan.today)):
        if open_cases and not any(s.obs and has(s.obs[0]) for s in open_cases):
            rng.choice(open_cases).obs = (plan.today + dt.timedelta(days=days), K.OBS_MERKNADER[0])
    if not any(s.presedens for s in plan.saker):
        closed = sorted(
            (s for s in plan.saker if s.status == "A"), key=lambda s: not s.kind.presedens
        )
        if closed:
            closed[0].presedens = True
    found = Counter((p.type, p.status) for p in plan.all_posts())
    sak = plan.open_case(plan.kinds[0][0])
    for type_, status, steg in (
        ("I", "S", K.I("Henvendelse – {kjerne}")),
        ("U", "E", K.U("Brev – {kjerne}")),
        ("X", "F", K.X("Notat – {kjerne}")),
        ("N", "R", K.N("Notat – {kjerne}")),
        ("X", "U", K.X("Feilregistrert notat – {kjerne}")),
    ):
        if not found[(type_, status)]:
            p = plan.add(sak, steg, status, 2)
            p.ekspdato = p.dato if status == "E" else None


def choose_documents(saker: list[Sak], recent: int, rng: random.Random) -> list[Post]:
    """Posts that get a real PDF/A main document: every registered or finished post in the
    most recent cases (every post in the closed ones), and anywhere the drafts waiting for
    approval and the committee queue, which the approval services require to have one.
    Older cases keep their metadata only (rendering is the slow part)."""
    by_age = sorted(saker, key=lambda s: (s.opprettet, s.idx), reverse=True)
    newest = by_age[:recent]
    # At least one closed case shows its archival versions, however small the journal.
    newest += [s for s in by_age if s.status == "A"][:1]
    chosen = {id(p) for sak in newest for p in sak.posts if p.status not in ("R", "U")}
    chosen |= {id(p) for sak in newest if sak.status == "A" for p in sak.posts}
    out = []
    for sak in saker:
        for p in sak.posts:
            waiting = any(not f["svar"] for f in p.flagg) or p.bstatus in ("SU", "RE")
            if id(p) in chosen or waiting or (p.bstatus == "KL" and p.status == "F"):
                p.dokument = True
                if p.type == "I" and rng.random() < (0.3 if sak.kind.ordning == "GBNR" else 0.05):
                    p.vedlegg.append(rng.choice(("Situasjonsplan", "Tegninger", "Kart", "Bilder")))
                out.append(p)
    if out and not any(p.vedlegg for p in out):  # a small journal shows an attachment too
        p = next((p for p in out if p.type == "I"), out[0])
        p.vedlegg.append("Situasjonsplan" if p.sak.kind.ordning == "GBNR" else "Bilder")
    return out


def _bulk(model, objs):
    return model.objects.bulk_create(objs, batch_size=BATCH)


# Registration times that auto_now_add would set to now. Seed data carries its planned
# times instead (a case from 2024 was not registered today).
STAMPED = [
    (Saksmappe, "opprettet"),
    (Journalpost, "opprettet"),
    (Godkjenning, "sendt"),
    (Merknad, "registrert"),
    (Dokument, "opprettet"),
]


def _avskrevet(p: Post) -> dt.date | None:
    """The day a post was first written off for good (a preliminary «***» does not count)."""
    return min((dag for maate, dag, *_ in p.avskrivninger if R.skriver_av(maate)), default=None)


@contextmanager
def planned_times():
    """Let bulk_create keep the times set on the objects. Only for this one-off load (a
    management command, single-threaded); the fields are restored afterwards, whatever
    happens."""
    fields = [(f, f.auto_now_add) for f in (m._meta.get_field(name) for m, name in STAMPED)]
    for f, _before in fields:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f, before in fields:
            f.auto_now_add = before


class Writer:
    """Writes a plan with bulk_create, no audit entries (seed data, not user actions)."""

    def __init__(self, org: Org, rng: random.Random):
        self.org, self.rng = org, rng
        self.utvalg = {u.kode: u for u in Utvalg.objects.all()}

    def cases(self, saker: list[Sak]):
        rng, units = self.rng, self.org.units
        objs = []
        for s in saker:
            gbnr = s.kind.ordning == "GBNR"
            nummer = s.felt["gbnr"].removeprefix("gnr ").replace(" bnr ", "/")
            objs.append(Saksmappe(
                tittel=s.tittel, offentlig_tittel=s.offentlig, tilgangskode_id=s.kode or None,
                skjermingshjemmel=HJEMMEL.get(s.kode, ""), saksaar=s.aar,
                sakssekvensnummer=s.nr, saksstatus=s.status, saksansvarlig=s.ansvarlig,
                administrativ_enhet=units[s.enhet],
                ordningsprinsipp="GBNR" if gbnr else "K-kode",
                ordningsverdi=nummer if gbnr else s.kind.ordning,
                obs_dato=s.obs[0] if s.obs else None, obs_merknad=s.obs[1] if s.obs else "",
                skjerm_parter=bool(s.kode and s.parter), onskes_avsluttet=s.onskes_avsluttet,
                presedens=s.presedens, opprettet_av=s.opprettet_av or s.ansvarlig,
                avsluttet_dato=s.avsluttet[0] if s.avsluttet else None,
                avsluttet_av=s.avsluttet[1] if s.avsluttet else None,
                opprettet=_stamp(s.opprettet, rng),
            ))  # fmt: skip
        objs = _bulk(Saksmappe, objs)
        for s, obj in zip(saker, objs, strict=True):
            s.obj = obj
        through = Saksmappe.relaterte_saker.through
        pairs = {(s.obj.pk, o.obj.pk) for s in saker for o in s.relaterte}
        pairs |= {(b, a) for a, b in pairs}
        _bulk(through, [through(from_saksmappe_id=a, to_saksmappe_id=b) for a, b in pairs])
        _bulk(Sakspart, [Sakspart(saksmappe=s.obj, navn=p.navn, rolle=p.rolle, adresse=p.adresse,
                                  postnummer=p.postnummer, poststed=p.poststed, epost=p.epost)
                         for s in saker for p in s.parter])  # fmt: skip

    def posts(self, posts: list[Post]):
        # Answers refer to what they answer, which is never an answer itself: write the
        # answered posts first, then the answers with their link.
        rng = self.rng
        posts = [p for p in posts if not p.besvarer] + [p for p in posts if p.besvarer]
        objs = [Journalpost(
            saksmappe=p.sak.obj, journalaar=p.aar, journalsekvensnummer=p.nr,
            dokumentnummer=p.dokumentnummer, journalposttype=p.type, journalstatus=p.status,
            behandlingsstatus=p.bstatus, tittel=p.tittel, offentlig_tittel=p.offentlig,
            tilgangskode_id=p.kode or None, skjermingshjemmel=p.hjemmel,
            dokumentdato=p.dato - dt.timedelta(days=(p.nr % 4) if p.type == "I" else 0),
            journaldato=p.dato, forfallsdato=p.forfall, saksbehandler=p.saksbehandler,
            administrativ_enhet=self.org.units[p.sak.enhet],
            skjerm_korrespondanseparter=bool(p.kode), ekspedisjonsmaate=p.ekspmaate,
            avskriv_ved_ferdigstilling=p.avskriv_ved_ferdigstilling, ekspedert_dato=p.ekspdato,
            avskrevet_dato=_avskrevet(p),
            opprettet_av=p.opprettet_av or p.sak.ansvarlig, opprettet=_stamp(p.dato, rng),
        ) for p in posts]  # fmt: skip
        first = sum(1 for p in posts if not p.besvarer)
        for p, obj in zip(posts, objs, strict=True):
            p.obj = obj
        _bulk(Journalpost, objs[:first])
        for p in posts[first:]:
            p.obj.besvarer = p.besvarer.obj
        _bulk(Journalpost, objs[first:])
        _bulk(Korrespondansepart, [Korrespondansepart(
            journalpost=p.obj, korrespondanseparttype=t,
            navn=part.navn if part else person.get_full_name(),
            adresse=part.adresse if part else "", postnummer=part.postnummer if part else "",
            poststed=part.poststed if part else "", epost=part.epost if part else "",
            person=person, enhet=enhet,
        ) for p in posts for t, part, person, enhet in p.korr])  # fmt: skip
        _bulk(Avskrivning, [Avskrivning(
            journalpost=p.obj, avskrivningsmaate=m, avskrivningsdato=d, avskrevet_av=av,
            avskrives_av_journalpost=svar.obj if svar else None, merknad=merknad,
        ) for p in posts for m, d, av, svar, merknad in p.avskrivninger])  # fmt: skip
        flags = [(p, f) for p in posts for f in p.flagg]
        _bulk(Godkjenning, [Godkjenning(
            journalpost=p.obj, steg=f["steg"], sendt_av=f["sendt_av"], sendt_til=f["sendt_til"],
            melding=f["melding"], svar=f["svar"], besvart_av=f["besvart_av"],
            besvart=_stamp(f["besvart"], rng) if f["besvart"] else None,
            kommentar=f["kommentar"], sendt=_stamp(f["sendt"], rng),
        ) for p, f in flags])  # fmt: skip
        _bulk(Behandling, [
            Behandling(journalpost=p.obj, utvalg=self.utvalg[kode], sakstype=sakstype,
                       rekkefolge=n, meldt_opp=_stamp(p.dato, rng), meldt_opp_av=p.saksbehandler)
            for p in posts for n, (kode, sakstype) in enumerate(p.behandlinger, 1)
            if kode in self.utvalg
        ])  # fmt: skip
        _bulk(Merknad, [Merknad(journalpost=p.obj, tekst=t, registrert_av=av,
                                registrert=_stamp(d, rng))
                        for p in posts for t, av, d in p.merknader])  # fmt: skip

    @staticmethod
    def counters(counters: Counter):
        series = {"sak": numbering.SAK, "journalpost": numbering.JOURNALPOST}
        for (serie, aar), siste in counters.items():
            Nummerteller.objects.update_or_create(
                serie=series[serie], aar=aar, defaults={"siste": siste}
            )

    def documents(self, jobs, pdfs, stored: list[str]) -> int:
        field_ = Dokument._meta.get_field("fil")
        objs = []
        for (p, nummer, som, tittel, _ctx), data in zip(jobs, pdfs, strict=True):
            sjekksum = hashlib.sha256(data).hexdigest()
            dokument = Dokument(
                journalpost=p.obj, tilknyttet_registrering_som=som, dokumentnummer=nummer,
                tittel=tittel, mimetype="application/pdf", storrelse=len(data),
                sjekksum=sjekksum, arkivformat_sjekksum=sjekksum,
                innhold=dokumenttekst.tekst(data),  # searchable: «Søk også i dokumentinnhold»
                opprettet_av=p.saksbehandler or p.opprettet_av or p.sak.ansvarlig,
                filnavn=demo_dokumenter.filnavn(f"{p.sak.aar}/{p.sak.nr}-{p.dokumentnummer}",
                                                tittel),
                opprettet=_stamp(p.dato, self.rng),
            )  # fmt: skip
            # Stored under a generated name, like uploads: the title may be screened.
            name = field_.generate_filename(dokument, f"{uuid.uuid4().hex}.pdf")
            name = default_storage.save(name, ContentFile(data))
            stored.append(name)
            dokument.fil.name = dokument.arkivformat.name = name
            objs.append(dokument)
        return len(_bulk(Dokument, objs))


def ensure_utvalg() -> int:
    """The committees the catalogue's cases go to (generators/utvalg.py keeps the register
    with members; this only makes sure the codes exist when the journal is made alone)."""
    created = 0
    for kode, navn, rekkefolge in K.UTVALG:
        _utvalg, new = Utvalg.objects.get_or_create(
            kode=kode, defaults={"navn": navn, "rekkefolge": rekkefolge}
        )
        created += new
    return created


def document_jobs(docs: list[Post], org: Org) -> list[tuple]:
    """(post, number, H/V, title, template context) per document to render."""
    kommune = settings.SAKSARKIV_KOMMUNE
    jobs = []
    for p in docs:
        unit = org.units[p.sak.enhet]
        tittel = p.offentlig if p.kode else p.tittel
        jobs.append((p, 1, "H", tittel, demo_dokumenter.kontekst(p, kommune, unit)))
        for n, navn in enumerate(p.vedlegg, 2):
            ctx = demo_dokumenter.kontekst(p, kommune, unit, vedlegg=navn)
            jobs.append((p, n, "V", f"{navn} – {tittel}", ctx))
    return jobs


def load(saker: int = 3000, log=lambda message: None, seed: int = 2026) -> dict[str, int]:
    """Create the committees and, unless the journal has cases already, about `saker` cases
    with four posts each on average. Returns how many of each kind were created."""
    created = {"utvalg": ensure_utvalg(), "saker": 0, "journalposter": 0, "dokumenter": 0}
    if saker <= 0:
        return created
    if Saksmappe.objects.exists():
        log("Journalen har allerede saker: demojournalen er ikke lagt inn på nytt.")
        created["innsynskrav"] = ensure_innsynskrav_sak(log)
        created["kontakter"] = ensure_kontakter(log)
        created["arkivkopier"] = ensure_arkivkopier(log)
        created["dokumenttekst"] = dokumenttekst.fyll_manglende(log)
        return created
    org = Org()
    if not org.arkiv or not any(k in org.units for k in K.ENHETER):
        log("Fant ikke demoorganisasjonen (enheter og arkivtjeneste): ingen demojournal.")
        return created
    started = time.perf_counter()
    rng = random.Random(seed)
    hjemmel = dict(HJEMMEL)
    hjemmel.update(Tilgangskode.objects.filter(kode="XX").values_list("kode", "hjemmel"))
    planner = Planner(org, rng, timezone.localdate(), hjemmel)
    planner.lag(saker)
    ensure_chain(planner)
    ensure_every_code(planner)
    ensure_worklists(planner)
    counters = planner.number()
    posts = sorted(planner.all_posts(), key=lambda p: (p.aar, p.nr))
    jobs = document_jobs(choose_documents(planner.saker, max(4, saker // 15), rng), org)
    planned = time.perf_counter()
    pdfs = demo_dokumenter.render_all([job[-1] for job in jobs])
    rendered = time.perf_counter()
    stored: list[str] = []
    try:
        with transaction.atomic(), planned_times():
            writer = Writer(org, rng)
            writer.cases(planner.saker)
            writer.posts(posts)
            writer.counters(counters)
            created["dokumenter"] = writer.documents(jobs, pdfs, stored)
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise
    created["saker"], created["journalposter"] = len(planner.saker), len(posts)
    created["innsynskrav"] = ensure_innsynskrav_sak(log)
    created["kontakter"] = ensure_kontakter(log)
    created["arkivkopier"] = ensure_arkivkopier(log)
    log(
        f"  journal: planlagt på {planned - started:.1f} s, {len(pdfs)} PDF/A på "
        f"{rendered - planned:.1f} s, lagret på {time.perf_counter() - rendered:.1f} s"
    )
    return created
