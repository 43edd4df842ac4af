"""Demo data of the committees (utvalg): Fjordvik's parties, committees and elected members
for the current municipal period, and the secretaries who keep them. Safe to run again:
what exists is left as it is.

The elected members are users without roles (they log in to read their papers); their
names come from the same catalogue as the rest of the demo, from their own seeded random
generator, so the same day gives the same council.
"""

import datetime as dt
import random

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from saksarkiv.models import Bruker
from saksarkiv.riktekst import rens
from saksarkiv.workdays import first_working_day_on_or_after
from utvalg.models import (
    Behandling,
    Dokumentmal,
    Maltype,
    Medlem,
    Medlemsrolle,
    Parti,
    Sakstype,
    Utvalg,
    Utvalgstype,
)

from .journal import katalog as K
from .saksarkiv import DEMO_PASSORD

PARTIER = [
    ("AP", "Arbeiderpartiet"), ("H", "Høyre"), ("SP", "Senterpartiet"),
    ("FRP", "Fremskrittspartiet"), ("SV", "Sosialistisk Venstreparti"),
    ("KRF", "Kristelig Folkeparti"), ("V", "Venstre"), ("MDG", "Miljøpartiet De Grønne"),
    ("R", "Rødt"), ("FBL", "Fjordvik bygdeliste"),
]  # fmt: skip

# The council's 27 seats per party, and each committee's seats drawn from it.
KOMMUNESTYRET = {"AP": 8, "H": 6, "SP": 5, "FRP": 3, "SV": 2, "KRF": 1, "V": 1, "FBL": 1}

# (kode, navn, type, rekkefølge, sekretær, seats per party or None for a body without
# parties, and how many members such a body has)
UTVALG = [
    ("KST", "Kommunestyret", Utvalgstype.KOMMUNESTYRE, 30, "marte.lie", KOMMUNESTYRET),
    ("FSK", "Formannskapet", Utvalgstype.FORMANNSKAP, 20, "marte.lie",
     {"AP": 2, "H": 2, "SP": 1, "FRP": 1, "SV": 1}),
    ("HOO", "Hovedutvalg for oppvekst", Utvalgstype.HOVEDUTVALG, 10, "jonas.vik",
     {"AP": 3, "H": 2, "SP": 2, "FRP": 1, "KRF": 1}),
    ("HTE", "Hovedutvalg for teknisk", Utvalgstype.HOVEDUTVALG, 10, "jonas.vik",
     {"AP": 3, "H": 2, "SP": 2, "FRP": 1, "V": 1}),
    ("ELD", "Eldrerådet", Utvalgstype.RAAD, 10, "marte.lie", 5),
    ("ADM", "Administrasjonsutvalget", Utvalgstype.ADMINISTRATIVT, 10, "jonas.vik",
     {"AP": 2, "H": 1, "SP": 1}),
    ("KU", "Kontrollutvalget", Utvalgstype.HOVEDUTVALG, 10, "jonas.vik",
     {"AP": 1, "H": 1, "SP": 1, "SV": 1, "FRP": 1}),
    ("DEL", "Kommunedirektørens delegerte myndighet", Utvalgstype.DELEGERT, 5, "marte.lie",
     0),
]  # fmt: skip

ORDFORER = ("eva.nes", "Eva", "Nes")  # mayor: leads the council and the executive committee
VARA_PER_PARTI = 3


def periode(dag: dt.date) -> tuple[dt.date, dt.date]:
    """The municipal election period around `dag`: 1 October of an election year (2023,
    2027, …) to 30 September four years later."""
    aar = dag.year - (dag.year - 2023) % 4
    start = dt.date(aar, 10, 1)
    if start > dag:
        start = dt.date(aar - 4, 10, 1)
    return start, dt.date(start.year + 4, 9, 30)


class _Folk:
    """Elected members as users without roles, one name each."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.brukt = set(Bruker.objects.values_list("username", flat=True))
        self.passord = make_password(DEMO_PASSORD)
        self.nye = 0

    def person(self, username=None, first=None, last=None, stilling="Folkevalgt") -> Bruker:
        while username is None:
            first, last = self.rng.choice(K.FORNAVN), self.rng.choice(K.ETTERNAVN)
            kandidat = f"{first}.{last}".lower().replace("ø", "o").replace("å", "a")
            kandidat = kandidat.replace("æ", "ae")
            if kandidat not in self.brukt:
                username = kandidat
        person = Bruker.objects.filter(username=username).first()
        if person is None:
            person = Bruker.objects.create(
                username=username, first_name=first, last_name=last, stilling=stilling,
                email=f"{username}@politiker.fjordvik.no", password=self.passord,
                initialer=(first[0] + last[0]).upper(),
            )  # fmt: skip
            self.nye += 1
        self.brukt.add(username)
        return person


def _sete(utvalg, person, rolle, fra, til, parti=None, nr=None):
    Medlem.objects.create(
        utvalg=utvalg, person=person, rolle=rolle, parti=parti, vararekkefolge=nr,
        fra=fra, til=til,
    )  # fmt: skip


@transaction.atomic
def load(log=lambda message: None, seed: int = 2026) -> dict[str, int]:
    """Create what is missing: parties, committees and (for a committee without seats)
    its members for the current period."""
    rng = random.Random(seed)
    fra, til = periode(timezone.localdate())
    partier = {}
    for kode, navn in PARTIER:
        partier[kode], _ = Parti.objects.get_or_create(kode=kode, defaults={"navn": navn})
    folk = _Folk(rng)
    sekretaerer = {
        b.username: b for b in Bruker.objects.filter(username__in=("marte.lie", "jonas.vik"))
    }
    kst_folk: dict[str, list[Bruker]] = {}

    def kommunestyret() -> dict[str, list[Bruker]]:
        """The council's members per party (made once, when a committee needs them)."""
        if not kst_folk:
            kst_folk.update(
                {parti: [folk.person() for _ in range(n)] for parti, n in KOMMUNESTYRET.items()}
            )
            kst_folk["AP"][0] = folk.person(*ORDFORER, stilling="Ordfører")
        return kst_folk

    created = {"utvalg": 0, "medlemmer": 0}
    for kode, navn, type_, rekkefolge, sekretaer, seter in UTVALG:
        utvalg, ny = Utvalg.objects.get_or_create(
            kode=kode, defaults={"navn": navn, "rekkefolge": rekkefolge}
        )
        created["utvalg"] += ny
        if ny or utvalg.periode_fra is None:
            utvalg.utvalgstype, utvalg.periode_fra, utvalg.periode_til = type_, fra, til
            utvalg.sekretaer = sekretaerer.get(sekretaer)
            utvalg.save()
        if utvalg.medlemmer.exists():
            continue
        if isinstance(seter, int):
            _uten_parti(utvalg, seter, folk, fra, til)
        else:
            _med_partier(utvalg, seter, kommunestyret(), partier, folk, fra, til)
        created["medlemmer"] += utvalg.medlemmer.count()
    created["folkevalgte"] = folk.nye
    log(f"Utvalg: {created}")
    return created


def _med_partier(utvalg, seter, kst_folk, partier, folk, fra, til):
    fra_kst = utvalg.kode in ("KST", "FSK")
    faste = []
    for parti, n in seter.items():
        personer = kst_folk[parti][:n] if fra_kst else [folk.person() for _ in range(n)]
        faste += [(p, parti) for p in personer]
    leder = kst_folk["AP"][0] if fra_kst else faste[0][0]
    nestleder = next(p for p, parti in faste if parti == "H")
    for person, parti in faste:
        rolle = (
            Medlemsrolle.LEDER if person == leder
            else Medlemsrolle.NESTLEDER if person == nestleder
            else Medlemsrolle.MEDLEM
        )  # fmt: skip
        _sete(utvalg, person, rolle, fra, til, partier[parti])
    for parti in seter:
        # The council's substitutes are the party's next candidates; a committee's are other
        # members of the party.
        for nr in range(1, VARA_PER_PARTI + 1):
            _sete(utvalg, folk.person(), Medlemsrolle.VARAMEDLEM, fra, til, partier[parti], nr)


def _uten_parti(utvalg, antall, folk, fra, til):
    if antall == 0:  # a delegated body: the chief executive decides, reported to committees
        radmann = Bruker.objects.filter(roller__rolle="RAD").order_by("pk").first()
        if radmann is not None:
            _sete(utvalg, radmann, Medlemsrolle.LEDER, fra, til)
        return
    for i in range(antall):
        rolle = (
            Medlemsrolle.LEDER
            if i == 0
            else Medlemsrolle.NESTLEDER
            if i == 1
            else Medlemsrolle.MEDLEM
        )
        _sete(utvalg, folk.person(stilling="Representant i eldrerådet"), rolle, fra, til)
    for nr in range(1, 3):
        _sete(
            utvalg,
            folk.person(stilling="Vararepresentant i eldrerådet"),
            Medlemsrolle.VARAMEDLEM,
            fra,
            til,
            nr=nr,
        )


@transaction.atomic
def ensure_koer(log=lambda message: None, seed: int = 2026) -> dict[str, int]:
    """Delegated decisions (DS) and referrals (RS) in the queues, as the seeds' routines make
    them after the journal exists: recent building-permit letters reported to the technical
    committee, recent invitations and inspection reports referred to the executive
    committee and the council. Nothing when the demo already has them."""
    from journal.models import Journalpost

    rng = random.Random(seed)
    utvalg = {u.kode: u for u in Utvalg.objects.filter(kode__in=("HTE", "FSK", "KST", "DEL"))}
    nye = {"delegerte": 0, "referatsaker": 0}
    brev = list(
        Journalpost.objects.filter(
            journalposttype="U", journalstatus__in=("E", "J"), tilgangskode__isnull=True,
            administrativ_enhet__kode__in=("BYG", "OPM"),
        ).order_by("-journaldato", "-id")[:12]
    )  # fmt: skip
    har_ds = Behandling.objects.filter(sakstype=Sakstype.DELEGERT).exists()
    for post in brev[:8] if "HTE" in utvalg and not har_ds else []:
        klar = timezone.make_aware(dt.datetime.combine(post.journaldato, dt.time(14)))
        Behandling.objects.create(
            journalpost=post, utvalg=utvalg["HTE"], sakstype=Sakstype.DELEGERT,
            meldt_opp=klar, meldt_opp_av=post.saksbehandler, klar=klar,
        )  # fmt: skip
        nye["delegerte"] += 1
    innkommet = list(
        Journalpost.objects.filter(
            journalposttype="I", journalstatus="J", tilgangskode__isnull=True
        ).order_by("-journaldato", "-id")[:40]
    )
    har_rs = Behandling.objects.filter(
        sakstype=Sakstype.REFERAT, journalpost__journalposttype="I"
    ).exists()
    for post in [] if har_rs else rng.sample(innkommet, min(5, len(innkommet))):
        for n, kode in enumerate(("FSK", "KST"), 1):
            if kode in utvalg:
                Behandling.objects.create(
                    journalpost=post, utvalg=utvalg[kode], sakstype=Sakstype.REFERAT,
                    rekkefolge=n, meldt_opp=timezone.make_aware(
                        dt.datetime.combine(post.journaldato, dt.time(15))
                    ), meldt_opp_av=post.saksbehandler,
                )  # fmt: skip
                nye["referatsaker"] += 1
    log(f"Køer: {nye}")
    return nye


MALER = [
    {
        "navn": "Saksframlegg – politisk sak",
        "maltype": Maltype.SAKSFRAMLEGG,
        "topp": "<h2>Saksframlegg</h2><p>Saksnummer: [[saksnummer]]<br>Dokumentnummer: "
        "[[dokumentnummer]]<br>Saksbehandler: [[saksbehandler]], [[enhet]]</p>"
        "<p>Behandles i: [[utvalg]]</p><h2>[[tittel]]</h2>",
        "saksopplysninger": "<p>Bakgrunn for saken: </p>",
        "vurdering": "<p>Kommunedirektørens vurdering: </p>",
        "innstilling": "<p>Kommunedirektøren rår [[utvalg]] til å gjøre slikt vedtak:</p><p></p>",
        "bunn": "<p>Fjordvik, [[dato]]</p>",
    },
    {
        "navn": "Delegert vedtak",
        "maltype": Maltype.DELEGERT,
        "topp": "<h2>Delegert vedtak</h2><p>Saksnummer: [[saksnummer]]<br>Saksbehandler: "
        "[[saksbehandler]], [[enhet]]</p><h2>[[tittel]]</h2>",
        "saksopplysninger": "<p>Saken gjelder </p>",
        "vurdering": "<p></p>",
        "innstilling": "<p>Med hjemmel i delegasjonsreglementet gjøres slikt vedtak:</p><p></p>",
        "bunn": "<p>Vedtaket refereres for utvalget. [[dato]]</p>",
    },
    {
        "navn": "Partsbrev med vedtak",
        "maltype": Maltype.PARTSBREV,
        "topp": "<p>[[mottakere]]</p><p>Vår ref.: [[dokumentnummer]]<br>Dato: [[dato]]</p>"
        "<h2>[[tittel]]</h2>",
        "brevtekst": "<p>Vi viser til saken og melder om vedtaket:</p><blockquote>[[vedtak]]"
        "</blockquote><p>Vedtaket kan påklages innen tre uker etter at dette brevet er "
        "mottatt (forvaltningsloven § 29).</p>",
        "bunn": "<p>Med hilsen</p><p>[[saksbehandler]]<br>[[enhet]]</p>",
    },
    {
        "navn": "Saksutskrift",
        "maltype": Maltype.SAKSUTSKRIFT,
        "topp": "<h2>Saksutskrift</h2><p>Saksnummer: [[saksnummer]]</p><h2>[[tittel]]</h2>",
        "brevtekst": "<p>Behandlet i [[utvalg]].</p>",
        "bunn": "<p>Rett utskrift bekreftes, [[dato]]</p>",
    },
]


def ensure_maler(log=lambda message: None) -> dict[str, int]:
    """The document templates archive and the secretariat keep (made once)."""
    nye = 0
    for mal in MALER:
        _mal, ny = Dokumentmal.objects.get_or_create(
            navn=mal["navn"], defaults={k: (rens(v) if k not in ("navn", "maltype") else v)
                                        for k, v in mal.items()}
        )  # fmt: skip
        nye += ny
    log(f"Dokumentmaler: {nye}")
    return {"dokumentmaler": nye}


# Months with a meeting, the weekday (ISO, 4 = Thursday), time and place, per committee.
MOTERYTME = {
    "KST": ((2, 3, 4, 6, 9, 10, 11, 12), dt.time(18, 0), "Kommunestyresalen, rådhuset"),
    "FSK": ((1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12), dt.time(9, 0), "Formannskapssalen, rådhuset"),
    "HOO": ((2, 3, 5, 6, 9, 10, 11), dt.time(13, 0), "Møterom Fjorden, rådhuset"),
    "HTE": ((2, 3, 5, 6, 9, 10, 11), dt.time(9, 0), "Møterom Fjorden, rådhuset"),
    "ELD": ((3, 6, 9, 11), dt.time(10, 0), "Fjordvik omsorgssenter"),
    "ADM": ((3, 6, 10, 12), dt.time(12, 0), "Møterom Fjellet, rådhuset"),
    "KU": ((2, 4, 6, 9, 11), dt.time(10, 0), "Møterom Fjellet, rådhuset"),
}


def _motedag(aar: int, maaned: int) -> dt.date:
    """The second Thursday of the month, or the next working day when that is a holiday."""
    forste = dt.date(aar, maaned, 1)
    torsdag = forste + dt.timedelta(days=(3 - forste.weekday()) % 7 + 7)
    return first_working_day_on_or_after(torsdag)


@transaction.atomic
def ensure_moter(log=lambda message: None) -> dict[str, int]:
    """Last year's, this year's and next year's meeting plan for the demo committees (the
    secretaries plan the coming year in the autumn): held meetings are done (minutes
    approved, except the latest), coming ones planned. The executive committee's two latest
    held meetings are then held for real (generators/protokoller.py)."""
    from utvalg.models import Mote, Motestatus

    idag = timezone.localdate()
    nye = 0
    for kode, (maaneder, tid, sted) in MOTERYTME.items():
        utvalg = Utvalg.objects.filter(kode=kode).first()
        for aar in (idag.year - 1, idag.year, idag.year + 1):
            if utvalg is None or utvalg.moter.filter(dato__year=aar).exists():
                continue
            datoer = [_motedag(aar, m) for m in maaneder]
            holdt = [d for d in datoer if d < idag]
            for dato in datoer:
                # The year's last held meeting awaits approval, unless the year is over.
                status = (
                    Motestatus.PLANLAGT if dato >= idag
                    else Motestatus.GJENNOMFORT if dato == holdt[-1] and aar == idag.year
                    else Motestatus.PROTOKOLL_GODKJENT
                )  # fmt: skip
                Mote.objects.create(utvalg=utvalg, dato=dato, klokkeslett=tid, sted=sted,
                                    status=status)  # fmt: skip
                nye += 1
    log(f"Møter: {nye}")
    return {"møter": nye}


# An exempt committee draft for the executive committee (offl. § 25: a personnel case),
# so that the demo's agenda, notice and member portal show how exempt items are handled.
UNNTATT_FRAMLEGG = {
    "sak": "Tilsetting av kommunalsjef for helse og velferd",
    "tittel": "Tilsetting av kommunalsjef for helse og velferd – innstilling",
    "offentlig_tittel": "Tilsetting av kommunalsjef for helse og velferd – *****",
    "saksopplysninger": "<p>Stillingen ble lyst ut i september. Det kom 14 søkere; fem ble "
    "intervjuet. Innstillingen bygger på intervjuer, referanser og tester.</p>",
    "vurdering": "<p>Kommunedirektøren mener Hanne Kristiansen har best samlet kompetanse "
    "og ledererfaring for stillingen.</p>",
    "innstilling": "<p>Hanne Kristiansen tilsettes som kommunalsjef for helse og velferd.</p>",
}


def _unntatt_framlegg(utvalg: Utvalg) -> None:
    from journal.models import Journalpost

    if Journalpost.objects.filter(tittel=UNNTATT_FRAMLEGG["tittel"]).exists():
        return
    skriv_framlegg(
        utvalg, enhet_kode="PER", sak=UNNTATT_FRAMLEGG["sak"], tittel=UNNTATT_FRAMLEGG["tittel"],
        offentlig_tittel=UNNTATT_FRAMLEGG["offentlig_tittel"], tekster=UNNTATT_FRAMLEGG,
        skjerming={"tilgangskode": "U", "skjermingshjemmel": "Offl. § 25",
                   "skjerm_korrespondanseparter": True},
    )  # fmt: skip


def skriv_framlegg(utvalg: Utvalg, *, enhet_kode: str, sak: str, tittel: str, tekster: dict,
                   offentlig_tittel: str = "", skjerming: dict | None = None):  # fmt: skip
    """Write, enrol and approve a committee draft through the product's own services: a
    caseworker of the unit writes it from the template, their leader and the chief
    executive approve it, and it waits in the committee's queue. None when the demo
    organisation lacks the people."""
    from journal.services import godkjenning
    from journal.services.registration import opprett_sak, registrer_journalpost
    from saksarkiv.models import AdministrativEnhet, Bruker
    from utvalg import services, tekst

    enhet = AdministrativEnhet.objects.filter(kode=enhet_kode).first()
    sb = Bruker.objects.filter(roller__enhet=enhet, roller__rolle="SB").order_by("pk").first()
    leder = Bruker.objects.filter(roller__enhet=enhet, roller__rolle="LED").first()
    radmann = Bruker.objects.filter(roller__rolle="RAD").order_by("pk").first()
    mal = Dokumentmal.objects.filter(maltype=Maltype.SAKSFRAMLEGG, aktiv=True).first()
    if not (enhet and sb and leder and radmann and mal):
        return None
    saksmappe = opprett_sak(sb, tittel=sak, administrativ_enhet=enhet)
    post = registrer_journalpost(
        sb, saksmappe, journalposttype="S", tittel=tittel, offentlig_tittel=offentlig_tittel,
        **(skjerming or {}),
    )  # fmt: skip
    skrevet = tekst.start_tekst(sb, post, mal)
    tekst.lagre_tekst(sb, skrevet, versjon=skrevet.versjon, **{
        felt: tekster[felt] for felt in ("saksopplysninger", "vurdering", "innstilling")
    })  # fmt: skip
    behandling = services.sett_behandling(sb, post, utvalg, sakstype="PS")
    flagg = godkjenning.send_saksframlegg(sb, post, leder)
    godkjenning.besvar_godkjenning(leder, flagg, godkjent=True)
    siste = post.godkjenninger.get(steg="radmann", svar="")
    godkjenning.besvar_godkjenning(radmann, siste, godkjent=True)
    return behandling


def ensure_sakskart(log=lambda message: None) -> dict[str, int]:
    """The next meeting of the executive committee and of the council gets an agenda from
    its queue, as the secretary builds it (the exempt draft included); a few referrals stay
    in the queue for the secretary to place. The executive committee's notice is published.
    Nothing when an agenda exists."""
    from utvalg import innkalling, koliste, sakskart
    from utvalg.models import Mote, Motestatus, Sakskartpunkt

    if Sakskartpunkt.objects.filter(mote__dato__gte=timezone.localdate()).exists():
        return {"saker på sakskart": 0}
    fsk = Utvalg.objects.filter(kode="FSK").first()
    if fsk is not None:
        _unntatt_framlegg(fsk)
    nye = 0
    idag = timezone.localdate()
    for kode in ("FSK", "KST"):
        utvalg = Utvalg.objects.filter(kode=kode).select_related("sekretaer").first()
        mote = (
            Mote.objects.filter(utvalg=utvalg, dato__gte=idag, status=Motestatus.PLANLAGT)
            .order_by("dato").first()
        )  # fmt: skip
        if utvalg is None or mote is None or utvalg.sekretaer is None:
            continue
        ko = list(koliste.i_koen(utvalg).select_related("journalpost").order_by("i_koen_fra", "pk"))
        # Everything but the newest political case and the two newest referrals.
        referater = [b.pk for b in ko if b.sakstype == Sakstype.REFERAT]
        andre = [b for b in ko if b.sakstype != Sakstype.REFERAT]
        siste = next((b for b in reversed(andre) if b.sakstype == Sakstype.POLITISK
                      and b.journalpost.tilgangskode_id is None), None)  # fmt: skip
        valgt = [b.pk for b in andre if b != siste] + referater[: max(0, len(referater) - 2)][:8]
        if valgt:
            nye += len(sakskart.sett_pa(utvalg.sekretaer, mote, valgt))
        # The executive committee's notice is out (with a public version, since the
        # personnel case is exempt); the council's waits for its secretary.
        if kode == "FSK" and valgt:
            innkalling.publiser(utvalg.sekretaer, mote)
    log(f"Sakskart: {nye}")
    return {"saker på sakskart": nye}
