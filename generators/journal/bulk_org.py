"""The organisation of the bulk municipality (journal/bulk.py): 300 administrative units in a
four-level tree, 2,000 people with their roles and clearances. Pure data planned from one
`random.Random`; bulk.py writes it with COPY.

The tree is built the way treebeard's materialised path stores it: a node's `path` is its
parent's path plus its position among its siblings (ordered by `navn`, the model's
`node_order_by`) written in `AdministrativEnhet.alphabet` with `steplen` characters.
"""

import random
import unicodedata
from dataclasses import dataclass, field

from saksarkiv.models import AdministrativEnhet

from . import katalog as K

ANTALL_ENHETER = 300
ANTALL_PERSONER = 2000
ANTALL_ARKIV = 15
ANTALL_MOTESEKRETAERER = 5
KOMMUNE = "Storvik kommune"
DOMENE = "storvik.kommune.no"

STEDER = [
    *K.STEDER, "Sentrum", "Vikane", "Haugen", "Bøen", "Eide", "Sandvik", "Holmen", "Åsen",
    "Berg", "Dalen", "Nesset", "Moen",
]  # fmt: skip
TRINN = ["1.–4. trinn", "5.–7. trinn", "8.–10. trinn", "SFO", "Forsterket avdeling"]
BAER = ["Blåbær", "Tyttebær", "Molte", "Rognebær", "Bringebær", "Jordbær"]
SONER = ["team nord", "team sør", "team vest", "team øst", "natt", "rehabilitering"]
ETASJER = ["avdeling 1. etasje", "avdeling 2. etasje", "skjermet avdeling", "korttid", "kjøkken"]
TEAM = ["team 1", "team 2", "team 3", "fagteam", "merkantilt", "forvaltning"]

# The access code a unit's restricted cases carry, by the kind of cases it handles
# (katalog.ENHETER keys). Caseworkers and leaders there may be cleared for it.
KODE_FOR_PROFIL = {
    "FSK": "E", "NSK": "E", "PPT": "E", "SBH": "U", "HJT": "U", "SHJ": "U", "HST": "U",
    "BVT": "U", "NAV": "U", "PER": "P", "SKA": "S", "JUR": "U",
}  # fmt: skip
# How many cases a caseworker in a unit of this kind opens, relative to the others.
AKTIVITET = {
    "BYG": 4.0, "PLA": 2.5, "KTE": 2.0, "LAN": 2.0, "DOK": 2.0, "POL": 2.0, "OKA": 1.5,
    "PER": 1.5, "JUR": 1.5, "KUL": 1.5, "IKT": 1.0, "SKA": 1.0, "RAD": 1.0, "OPK": 1.0,
    "HV": 1.0, "TM": 1.0, "OKO": 1.0, "PPT": 0.5, "BVT": 0.6, "NAV": 0.4, "FSK": 0.25,
    "NSK": 0.25, "SBH": 0.15, "HJT": 0.12, "SHJ": 0.1, "HST": 0.15,
}  # fmt: skip

# Where caseworkers sit, relative to other units: in schools, kindergartens and care units
# most staff never register in the archive.
PLASSERING = {"FSK": 0.5, "NSK": 0.5, "SBH": 0.3, "SHJ": 0.6, "HJT": 0.7, "HST": 0.8}


def _virksomheter():
    """(sektor kode, sektor navn, profil, [(navn, profil, [avdelinger])])."""
    skoler = [
        (f"{sted} skole", "FSK" if i % 2 else "NSK", TRINN) for i, sted in enumerate(STEDER[:12])
    ]
    barnehager = [(f"{sted} barnehage", "SBH", BAER) for sted in STEDER[4:18]]
    return [
        ("STAB", "Kommunedirektørens stab", "RAD", [
            ("Politisk sekretariat", "POL", ["Utvalgssekretariat", "Valg og folkevalgte"]),
            ("Juridisk rådgivning", "JUR", ["Innsyn og personvern"]),
            ("Kommunikasjon og service", "RAD", ["Servicetorget", "Nettredaksjon"]),
            ("Beredskap og samfunnssikkerhet", "RAD", []),
        ]),
        ("OKO", "Økonomi og organisasjon", "OKO", [
            ("Dokumentsenteret", "DOK", ["Postmottak", "Arkiv", "Innsynsteamet"]),
            ("Personal og HMS", "PER", ["Rekruttering", "Lønn", "HMS", "Tillitsvalgte"]),
            ("Økonomiavdelingen", "OKA", ["Regnskap", "Budsjett og analyse", "Fakturamottak"]),
            ("Skatteoppkrever og innfordring", "SKA", ["Arbeidsgiverkontroll", "Innfordring"]),
            ("IKT", "IKT", ["Brukerstøtte", "Drift", "Informasjonssikkerhet"]),
            ("Innkjøp", "OKA", []),
        ]),
        ("OPK", "Oppvekst", "OPK", [
            *skoler, *barnehager,
            ("Pedagogisk-psykologisk tjeneste", "PPT", TEAM[:3]),
            ("Oppvekstkontoret", "OPK", []),
        ]),
        ("KUL", "Kultur og fritid", "KUL", [
            ("Kulturtjenesten", "KUL", ["Arrangement", "Tilskudd"]),
            ("Biblioteket", "KUL", ["Hovedbiblioteket", "Filial Nordbygda"]),
            ("Kulturskolen", "KUL", ["Musikk", "Dans og teater"]),
            ("Fritid og ungdom", "KUL", []),
        ]),
        ("HV", "Helse og velferd", "HV", [
            *((f"Hjemmetjenesten sone {s}", "HJT", SONER) for s in ("nord", "sør", "vest")),
            *((f"{sted} sjukeheim", "SHJ", ETASJER) for sted in ("Storvik", "Lia", "Nordbygda")),
            ("Helsestasjon og skolehelsetjeneste", "HST", ["Helsestasjon", "Skolehelse"]),
            ("Legetjenesten", "HST", ["Legevakt", "Storvik legesenter"]),
            ("Barneverntjenesten", "BVT", ["Mottak og undersøkelse", "Tiltak", "Omsorg"]),
            ("NAV Storvik (kommunal del)", "NAV", ["Mottak", "Oppfølging", "Bolig"]),
            ("Psykisk helse og rus", "HJT", TEAM[:4]),
            ("Tildelingskontoret", "HJT", []),
        ]),
        ("TM", "Teknikk og miljø", "TM", [
            ("Byggesak", "BYG", [*TEAM, "tilsyn", "ulovlighetsoppfølging"]),
            ("Plan og geodata", "PLA", ["Arealplan", "Oppmåling", "Kart og matrikkel"]),
            ("Kommunalteknikk", "KTE", ["Vann og avløp", "Veg", "Renovasjon"]),
            ("Landbruk og miljø", "LAN", ["Landbruk", "Miljø og vilt"]),
            ("Eiendom", "KTE", ["Drift", "Prosjekt", "Renhold"]),
            ("Brann og redning", "KTE", ["Forebyggende", "Beredskap"]),
        ]),
        ("SAM", "Samfunnsutvikling", "PLA", [
            ("Næring og reiseliv", "PLA", []),
            ("Folkehelse og frivillighet", "KUL", []),
            ("Klima og miljø", "LAN", []),
        ]),
    ]  # fmt: skip


@dataclass(eq=False)
class Enhet:
    kode: str
    navn: str
    profil: str
    parent: "Enhet | None" = None
    children: list = field(default_factory=list)
    id: int = 0
    path: str = ""
    depth: int = 0
    sb: list = field(default_factory=list)  # its caseworkers (Person)
    leder: "Person | None" = None
    stedfortreder: "Person | None" = None

    @property
    def kode_for_profil(self) -> str:
        return KODE_FOR_PROFIL.get(self.profil, "")


@dataclass(eq=False)
class Person:
    id: int
    username: str
    fornavn: str
    etternavn: str
    enhet: Enhet
    stilling: str
    roller: list = field(default_factory=list)  # (rolle, Enhet, standard)
    klareringer: list = field(default_factory=list)  # (kode, Enhet | None)
    flid: float = 0.97  # share of old received posts this caseworker writes off

    @property
    def navn(self) -> str:
        return f"{self.fornavn} {self.etternavn}"


def ascii_navn(text: str) -> str:
    text = text.lower().replace("æ", "ae").replace("ø", "o").replace("å", "a")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in text if c.isalnum() or c in ".-")


def _key(position: int) -> str:
    """A sibling position (1-based) as treebeard writes it in a path step."""
    alphabet, steplen = AdministrativEnhet.alphabet, AdministrativEnhet.steplen
    digits = ""
    while position:
        position, rest = divmod(position, len(alphabet))
        digits = alphabet[rest] + digits
    return digits.rjust(steplen, alphabet[0])


class Organisasjon:
    def __init__(self, rng: random.Random, first_unit_id: int = 1, first_person_id: int = 1):
        self.rng = rng
        self.enheter: list[Enhet] = []
        self.personer: list[Person] = []
        self._build_units()
        for offset, enhet in enumerate(self.enheter):
            enhet.id = first_unit_id + offset
        self._paths(self.rot, "")
        self._build_people(first_person_id)

    # --- units ----------------------------------------------------------------------------
    def _unit(self, kode, navn, profil, parent=None) -> Enhet:
        enhet = Enhet(kode, navn, profil, parent)
        if parent:
            parent.children.append(enhet)
        self.enheter.append(enhet)
        return enhet

    def _build_units(self):
        self.rot = self._unit("SK", KOMMUNE, "RAD")
        avdelinger = []  # (virksomhet, remaining department names)
        for kode, navn, profil, virksomheter in _virksomheter():
            sektor = self._unit(kode, navn, profil, self.rot)
            for i, (vnavn, vprofil, avd) in enumerate(virksomheter, 1):
                virksomhet = self._unit(f"{kode}-{i:02d}", vnavn, vprofil, sektor)
                if vprofil == "DOK":
                    self.dokumentsenter = virksomhet
                if vprofil == "POL":
                    self.politisk = virksomhet
                avdelinger.append((virksomhet, list(avd)))
        # Departments round-robin until the tree has its size: bigger units get more.
        while len(self.enheter) < ANTALL_ENHETER:
            added = False
            for virksomhet, names in avdelinger:
                if names and len(self.enheter) < ANTALL_ENHETER:
                    j = len(virksomhet.children) + 1
                    self._unit(f"{virksomhet.kode}-{j}", f"{virksomhet.navn} – {names.pop(0)}",
                               virksomhet.profil, virksomhet)  # fmt: skip
                    added = True
            if not added:
                raise ValueError("For få avdelingsnavn til å fylle organisasjonen.")

    def _paths(self, enhet: Enhet, parent_path: str, position: int = 1):
        enhet.path = parent_path + _key(position)
        enhet.depth = len(enhet.path) // AdministrativEnhet.steplen
        enhet.children.sort(key=lambda child: child.navn)  # node_order_by = ["navn"]
        for i, child in enumerate(enhet.children, 1):
            self._paths(child, enhet.path, i)

    # --- people ---------------------------------------------------------------------------
    def _new_person(self, enhet: Enhet, stilling: str) -> Person:
        rng = self.rng
        fornavn, etternavn = rng.choice(K.FORNAVN), rng.choice(K.ETTERNAVN)
        base = ascii_navn(f"{fornavn}.{etternavn}")
        username, n = base, 1
        while username in self._taken:
            n += 1
            username = f"{base}{n}"
        self._taken.add(username)
        person = Person(self._next_id, username, fornavn, etternavn, enhet, stilling)
        self._next_id += 1
        self.personer.append(person)
        return person

    def _build_people(self, first_id: int):
        rng = self.rng
        self._taken, self._next_id = set(), first_id
        self.radmann = self._new_person(self.rot, "Kommunedirektør")
        self.radmann.roller += [("RAD", self.rot, True), ("LED", self.rot, False)]
        self.radmann.klareringer += [(kode, None) for kode in ("U", "P", "E", "S", "MU")]
        self.rot.leder = self.radmann
        for enhet in self.enheter[1:]:
            stilling = {2: "Kommunalsjef", 3: "Virksomhetsleder"}.get(enhet.depth, "Avdelingsleder")
            leder = self._new_person(enhet, stilling)
            leder.roller.append(("LED", enhet, True))
            enhet.leder = leder
            if enhet.kode_for_profil:
                leder.klareringer.append((enhet.kode_for_profil, enhet))
            if enhet.depth == 2 and enhet.kode in ("OPK", "HV"):
                leder.klareringer += [("U", enhet), ("E", enhet)]
            if enhet.profil == "PER" and enhet.depth == 3:
                leder.klareringer.append(("P", None))
        self.arkiv = []
        for i in range(ANTALL_ARKIV):
            person = self._new_person(self.dokumentsenter, "Arkivmedarbeider")
            person.roller.append(("ARK", self.dokumentsenter, True))
            if i < 5:
                person.klareringer.append(("U", None))
            self.arkiv.append(person)
        self.motesekretaerer = []
        for _ in range(ANTALL_MOTESEKRETAERER):
            person = self._new_person(self.politisk, "Møtesekretær")
            person.roller.append(("MS", self.politisk, True))
            self.motesekretaerer.append(person)
        # Caseworkers: in the departments and the service units without departments, a few
        # advisers at service-unit level.
        homes = [e for e in self.enheter if e.depth >= 3]
        weights = [(0.25 if e.children else 1.0) * PLASSERING.get(e.profil, 1.0) for e in homes]
        for enhet in rng.choices(homes, weights, k=ANTALL_PERSONER - len(self.personer)):
            person = self._new_person(enhet, "Saksbehandler")
            person.roller.append(("SB", enhet, True))
            roll = rng.random()
            person.flid = 0.97 if roll < 0.9 else 0.8 if roll < 0.98 else 0.4
            if enhet.kode_for_profil and rng.random() < 0.7:
                person.klareringer.append((enhet.kode_for_profil, enhet))
            enhet.sb.append(person)
        for enhet in self.enheter[1:]:
            # A deputy (SF) in about one unit of three, from its own caseworkers or below.
            pool = enhet.sb or [p for child in enhet.children for p in child.sb]
            if pool and rng.random() < 0.35:
                deputy = rng.choice(pool)
                deputy.roller.append(("SF", enhet, False))
                enhet.stedfortreder = deputy
        self.saksbehandlere = [p for p in self.personer if p.stilling == "Saksbehandler"]

    def leder_for(self, enhet: Enhet) -> Person:
        """The leader a post in `enhet` goes to for approval."""
        while enhet.leder is None and enhet.parent is not None:
            enhet = enhet.parent
        return enhet.leder

    # --- rows for COPY ---------------------------------------------------------------------
    def enhet_rows(self):
        for e in self.enheter:
            epost = f"{ascii_navn(e.kode)}@{DOMENE}"
            yield (e.id, e.path, e.depth, len(e.children), e.kode, e.navn, epost, True)

    def bruker_rows(self, password_hash: str, joined: str):
        for p in self.personer:
            yield (
                p.id, password_hash, None, False, p.username, p.fornavn, p.etternavn,
                f"{p.username}@{DOMENE}", False, True, joined,
                (p.fornavn[0] + p.etternavn[0]).upper(), p.stilling, "",
            )  # fmt: skip

    def rolle_rows(self, first_id: int, fra: str):
        rows = (
            (p.id, enhet.id, rolle, fra, None, standard)
            for p in self.personer
            for rolle, enhet, standard in p.roller
        )
        for i, row in enumerate(rows):
            yield (first_id + i, *row)

    def klarering_rows(self, first_id: int, fra: str):
        rows = (
            (p.id, kode, enhet.id if enhet else None, fra, None, "Testdata")
            for p in self.personer
            for kode, enhet in p.klareringer
        )
        for i, row in enumerate(rows):
            yield (first_id + i, *row)
