"""Demo data for Fjordvik kommune: organisation, people with every role, clearances.

Idempotent: every row is found by its natural key first, so running it again changes
nothing. Later issues extend it (cases, committees, plans) from their own apps.
"""

import random

from django.contrib.auth.hashers import make_password
from django.db import transaction

from saksarkiv import services
from saksarkiv.models import AdministrativEnhet, Bruker, Klarering, Rolle, Rolletype

DEMO_PASSORD = "saksarkiv"
ADMIN_TEXT = "Django-admin (organisasjon, roller, tilgangskoder)"

# (kode, navn, parent kode)
ENHETER = [
    ("FK", "Fjordvik kommune", None),
    ("RAD", "Kommunedirektørens stab", "FK"),
    ("OPK", "Oppvekst og kultur", "FK"),
    ("HV", "Helse og velferd", "FK"),
    ("TM", "Teknikk og miljø", "FK"),
    ("OKO", "Økonomi og organisasjon", "FK"),
    ("POL", "Politisk sekretariat", "RAD"),
    ("JUR", "Juridisk rådgivning", "RAD"),
    ("FSK", "Fjordvik skole", "OPK"),
    ("NSK", "Nordbygda skole", "OPK"),
    ("SBH", "Sentrum barnehage", "OPK"),
    ("KUL", "Kulturtjenesten", "OPK"),
    ("PPT", "Pedagogisk-psykologisk tjeneste", "OPK"),
    ("HJT", "Hjemmetjenesten", "HV"),
    ("SHJ", "Fjordvik sjukeheim", "HV"),
    ("HST", "Helsestasjon og skolehelsetjeneste", "HV"),
    ("BVT", "Barneverntjenesten", "HV"),
    ("NAV", "NAV Fjordvik (kommunal del)", "HV"),
    ("BYG", "Byggesak", "TM"),
    ("PLA", "Plan og geodata", "TM"),
    ("KTE", "Kommunalteknikk", "TM"),
    ("LAN", "Landbruk og miljø", "TM"),
    ("DOK", "Dokumentsenteret", "OKO"),
    ("PER", "Personal og HMS", "OKO"),
    ("OKA", "Økonomiavdelingen", "OKO"),
    ("SKA", "Skatteoppkrever og innfordring", "OKO"),
    ("IKT", "IKT", "OKO"),
]

# (brukernavn, fornavn, etternavn, stilling, [(rolle, enhet, standard)], [(kode, enhet|None)])
PERSONER = [
    ("admin", "Sys", "Administrator", "Systemansvarlig", [], []),
    (
        "rune.dahl",
        "Rune",
        "Dahl",
        "Kommunedirektør",
        [("RAD", "FK", True), ("LED", "RAD", False)],
        [("U", None), ("P", None), ("E", None), ("S", None), ("MU", None)],
    ),
    (
        "hilde.aas",
        "Hilde",
        "Aas",
        "Assisterende kommunedirektør",
        [("SF", "RAD", True), ("SB", "JUR", False)],
        [("U", None), ("P", None)],
    ),
    (
        "ingrid.berg",
        "Ingrid",
        "Berg",
        "Arkivleder",
        [("ARK", "DOK", True), ("LED", "DOK", False)],
        [("U", None), ("MU", None)],
    ),
    ("ola.arkiv", "Ola", "Nygård", "Arkivmedarbeider", [("ARK", "DOK", True)], [("U", None)]),
    ("siri.moe", "Siri", "Moe", "Arkivmedarbeider", [("ARK", "DOK", True)], []),
    (
        "marte.lie",
        "Marte",
        "Lie",
        "Møtesekretær",
        [("MS", "POL", True), ("SB", "POL", False)],
        [("MU", None)],
    ),
    (
        "jonas.vik",
        "Jonas",
        "Vik",
        "Møtesekretær / politisk rådgiver",
        [("MS", "POL", True), ("LED", "POL", False)],
        [("MU", None)],
    ),
    (
        "anne.strand",
        "Anne",
        "Strand",
        "Kommunalsjef oppvekst og kultur",
        [("LED", "OPK", True)],
        [("U", "OPK"), ("E", "OPK")],
    ),
    (
        "per.holm",
        "Per",
        "Holm",
        "Kommunalsjef helse og velferd",
        [("LED", "HV", True)],
        [("U", "HV")],
    ),
    ("kari.lund", "Kari", "Lund", "Kommunalsjef teknikk og miljø", [("LED", "TM", True)], []),
    (
        "geir.bakke",
        "Geir",
        "Bakke",
        "Økonomisjef",
        [("LED", "OKO", True), ("LED", "OKA", False)],
        [("S", "OKO")],
    ),
    ("tone.haug", "Tone", "Haug", "Rektor", [("LED", "FSK", True)], [("E", "FSK")]),
    ("erik.solberg", "Erik", "Solberg", "Rektor", [("LED", "NSK", True)], [("E", "NSK")]),
    ("lise.eide", "Lise", "Eide", "Styrer", [("LED", "SBH", True)], []),
    ("morten.ruud", "Morten", "Ruud", "Kulturleder", [("LED", "KUL", True)], []),
    ("nina.foss", "Nina", "Foss", "Leder PPT", [("LED", "PPT", True)], [("E", "PPT")]),
    (
        "bjorn.tangen",
        "Bjørn",
        "Tangen",
        "Virksomhetsleder hjemmetjenesten",
        [("LED", "HJT", True)],
        [("U", "HJT")],
    ),
    ("randi.sand", "Randi", "Sand", "Virksomhetsleder sjukeheimen", [("LED", "SHJ", True)], []),
    ("camilla.berge", "Camilla", "Berge", "Barnevernleder", [("LED", "BVT", True)], [("U", "BVT")]),
    ("trond.myhre", "Trond", "Myhre", "Byggesaksleder", [("LED", "BYG", True)], []),
    ("heidi.nilsen", "Heidi", "Nilsen", "Planleder", [("LED", "PLA", True)], []),
    ("stian.berg", "Stian", "Berg", "Leder kommunalteknikk", [("LED", "KTE", True)], []),
    ("eva.hansen", "Eva", "Hansen", "Personalsjef", [("LED", "PER", True)], [("P", None)]),
    ("arne.kvam", "Arne", "Kvam", "Skatteoppkrever", [("LED", "SKA", True)], [("S", "SKA")]),
    # Deputies (stedfortreder): act with the leader's rights.
    (
        "silje.toft",
        "Silje",
        "Toft",
        "Inspektør",
        [("SF", "FSK", False), ("SB", "FSK", True)],
        [("E", "FSK")],
    ),
    (
        "knut.aune",
        "Knut",
        "Aune",
        "Fagleder byggesak",
        [("SF", "BYG", False), ("SB", "BYG", True)],
        [],
    ),
    (
        "marit.ness",
        "Marit",
        "Ness",
        "Fagleder barnevern",
        [("SF", "BVT", False), ("SB", "BVT", True)],
        [("U", "BVT")],
    ),
]

FORNAVN = [
    "Anders",
    "Astrid",
    "Even",
    "Frida",
    "Håkon",
    "Ida",
    "Jørgen",
    "Kristin",
    "Lars",
    "Maria",
    "Nils",
    "Oda",
    "Petter",
    "Ragnhild",
    "Sindre",
    "Thea",
    "Vegard",
    "Åse",
    "Magnus",
    "Solveig",
    "Henrik",
    "Guro",
    "Ole",
    "Linn",
]
ETTERNAVN = [
    "Andersen",
    "Bakken",
    "Dale",
    "Engen",
    "Fjeld",
    "Gundersen",
    "Halvorsen",
    "Iversen",
    "Jakobsen",
    "Karlsen",
    "Lunde",
    "Moen",
    "Nordli",
    "Olsen",
    "Pedersen",
    "Rønning",
    "Sæther",
    "Tveit",
    "Ulvik",
    "Vold",
    "Wiik",
    "Østby",
    "Aasen",
    "Brekke",
]
# Caseworkers (saksbehandlere) spread over the service units.
SAKSBEHANDLERENHETER = [
    "BYG",
    "BYG",
    "BYG",
    "PLA",
    "PLA",
    "KTE",
    "LAN",
    "FSK",
    "NSK",
    "SBH",
    "KUL",
    "PPT",
    "HJT",
    "SHJ",
    "HST",
    "BVT",
    "BVT",
    "NAV",
    "PER",
    "PER",
    "OKA",
    "SKA",
    "IKT",
    "JUR",
]
SAKSBEHANDLERKLARERING = {"BVT": "U", "PER": "P", "SKA": "S", "PPT": "E", "NAV": "U"}


def _username(first: str, last: str) -> str:
    table = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a"})
    return f"{first}.{last}".lower().translate(table)


def _people():
    yield from PERSONER
    rng = random.Random(2026)  # fixed seed: the same people every run
    taken = {p[0] for p in PERSONER}
    for unit in SAKSBEHANDLERENHETER:
        while True:
            first, last = rng.choice(FORNAVN), rng.choice(ETTERNAVN)
            username = _username(first, last)
            if username not in taken:
                taken.add(username)
                break
        clearances = (
            [(SAKSBEHANDLERKLARERING[unit], unit)] if unit in SAKSBEHANDLERKLARERING else []
        )
        yield (username, first, last, "Saksbehandler", [("SB", unit, True)], clearances)


def _ensure_units(log) -> dict[str, AdministrativEnhet]:
    units: dict[str, AdministrativEnhet] = {
        u.kode: u for u in AdministrativEnhet.objects.filter(kode__in=[e[0] for e in ENHETER])
    }
    for kode, navn, parent in ENHETER:
        if kode in units:
            continue
        fields = {"kode": kode, "navn": navn, "epost": f"{kode.lower()}@fjordvik.kommune.no"}
        if parent is None:
            unit = AdministrativEnhet.objects.add_root(fields)
        else:
            unit = AdministrativEnhet.objects.add_child(units[parent], fields)
            units[parent].refresh_from_db()
        units[kode] = unit
        services.record_master_data_change(None, unit, None)
        log(f"  enhet {kode} – {navn}")
    return units


@transaction.atomic
def load(log=lambda message: None) -> dict[str, int]:
    """Create what is missing; returns how many of each kind were created."""
    created = {"enheter": 0, "personer": 0, "roller": 0, "klareringer": 0}
    before_units = AdministrativEnhet.objects.count()
    units = _ensure_units(log)
    created["enheter"] = AdministrativEnhet.objects.count() - before_units
    password_hash = None
    for username, first, last, stilling, roles, clearances in _people():
        person = Bruker.objects.filter(username=username).first()
        if person is None:
            password_hash = password_hash or make_password(DEMO_PASSORD)
            person = Bruker.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@fjordvik.kommune.no",
                stilling=stilling,
                initialer=(first[0] + last[0]).upper(),
                password=password_hash,
                is_staff=username == "admin",
                is_superuser=username == "admin",
            )
            services.record_master_data_change(None, person, None)
            created["personer"] += 1
        for rolle, unit_code, standard in roles:
            if not Rolle.objects.filter(
                person=person, enhet=units[unit_code], rolle=rolle
            ).exists():
                services.grant_role(None, person, units[unit_code], rolle, standard=standard)
                created["roller"] += 1
        for kode, unit_code in clearances:
            unit = units[unit_code] if unit_code else None
            if not Klarering.objects.filter(
                person=person, tilgangskode_id=kode, enhet=unit
            ).exists():
                services.grant_clearance(None, person, kode, enhet=unit, merknad="Demodata")
                created["klareringer"] += 1
    return created


def demo_logins() -> list[tuple[str, str, str]]:
    """(brukernavn, navn, hva personen gjør) for the README and `make run`'s banner."""
    labels = dict(Rolletype.choices)
    rows = []
    for username, first, last, stilling, roles, _clearances in PERSONER:
        role_text = (
            ", ".join(f"{labels[r]} ({u})" for r, u, _s in roles)
            or "Django-admin (organisasjon, roller, tilgangskoder)"
        )
        rows.append((username, f"{first} {last}", f"{stilling}: {role_text}"))
    return rows
