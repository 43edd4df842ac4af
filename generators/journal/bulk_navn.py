"""What the bulk journal is made of besides its course (generators/journal/bulk_journal.py): the
working-day calendar, and the names, addresses and title fields of cases and their parties,
taken from the demo catalogue (generators/journal/katalog.py)."""

import datetime as dt
import random

from saksarkiv.workdays import is_working_day

from . import katalog as K
from .bulk_org import Enhet, Organisasjon, ascii_navn

FRAMTID = 130  # working days after today the calendar covers (due dates, OBS dates)


class Kalender:
    """Working days from the first journal day to a little after today."""

    def __init__(self, today: dt.date, first: dt.date):
        days, day = [], first
        end = today + dt.timedelta(days=FRAMTID * 7 // 5 + 14)
        while day <= end:
            if is_working_day(day):
                days.append(day)
            day += dt.timedelta(days=1)
        self.dager = days
        self.iso = [d.isoformat() for d in days]
        self.aar = [d.year for d in days]
        self.alder = [(today - d).days for d in days]  # calendar days before today
        self.idag = max(i for i, d in enumerate(days) if d <= today)  # last working day


class Navn:
    """Senders, recipients and parties: public bodies and firms keep one address each;
    private persons are new every time."""

    def __init__(self, rng: random.Random, org: Organisasjon):
        self.rng = rng
        self._organ = {
            o[0]: (o[0], *o[1:], f"postmottak@{ascii_navn(o[0])}.eksempel.no", True)
            for o in K.ORGANER
        }
        self.firma = {f: self._fast_adresse(f) for f in [*K.FIRMA, *K.LAG]}
        self._skole = {e.id: self._virksomhet(e).navn for e in org.enheter}

    def _fast_adresse(self, navn):
        postnummer, poststed = self.rng.choice(K.POSTSTEDER)
        adresse = f"{self.rng.choice(K.VEIER)} {self.rng.randint(1, 40)}"
        slug = ascii_navn(navn.removesuffix(" AS").replace(" ", "-"))
        return (navn, adresse, postnummer, poststed, f"post@{slug}.eksempel.no", True)

    def _virksomhet(self, enhet: Enhet) -> Enhet:
        while enhet.depth > 3:
            enhet = enhet.parent
        return enhet

    def person(self, etternavn=None, barn=False):
        rng = self.rng
        fornavn = rng.choice(K.BARNENAVN if barn else K.FORNAVN)
        etternavn = etternavn or rng.choice(K.ETTERNAVN)
        postnummer, poststed = rng.choice(K.POSTSTEDER)
        epost = "" if barn else f"{ascii_navn(fornavn)}.{ascii_navn(etternavn)}@eksempel.no"
        adresse = f"{rng.choice(K.VEIER)} {rng.randint(1, 80)}"
        return (f"{fornavn} {etternavn}", adresse, postnummer, poststed, epost, False)

    def part(self, hvem: str, enhet: Enhet):
        """A sender or recipient: a public body, a firm or a private person."""
        rng = self.rng
        if hvem.startswith("org"):
            names = hvem[4:].split("|") if hvem.startswith("org:") else None
            navn = rng.choice(names or K.ORGANER_FOR.get(enhet.profil) or list(self._organ))
            return self._organ.get(navn) or self._fast_adresse(navn)
        if hvem == "firma":
            return self.firma[rng.choice(K.FIRMA)]
        return self.person()

    def felt(self, kind, enhet: Enhet, aar: int):
        rng = self.rng
        felt = {
            "aar": aar, "naar": aar + 1, "aar4": aar + 4, "aar12": aar + 12,
            "gbnr": f"gnr {rng.randint(1, 120)} bnr {rng.randint(1, 320)}",
            "adr": f"{rng.choice(K.VEIER)} {rng.randint(1, 90)}",
            "sted": rng.choice(K.STEDER), "vei": rng.choice(K.VEIER),
            "gard": rng.choice(K.GARDER), "skole": self._skole[enhet.id],
            "lag": rng.choice(K.LAG), "arrangement": rng.choice(K.ARRANGEMENTER),
            "stilling": rng.choice(K.STILLINGER), "firma": rng.choice(K.FIRMA),
            "tema": rng.choice(K.TEMAER), "itkjop": rng.choice(K.IT_KJOP),
            "regionplan": rng.choice(K.REGIONPLANER), "tertial": rng.choice((1, 2)),
            "soker": "", "navn": "",
        }  # fmt: skip
        parter = []
        if kind.part in ("person", "ansatt"):
            parter.append(("arbeidstaker" if kind.part == "ansatt" else "søker", self.person()))
        elif kind.part == "firma":
            parter += [
                ("ansvarlig søker", self.firma[felt["firma"]]),
                ("tiltakshaver", self.person()),
            ]
        elif kind.part in ("elev", "barn"):
            foresatt = self.person()
            barn = self.person(foresatt[0].split()[-1], barn=True)
            parter += [(kind.part, (barn[0], *foresatt[1:4], "", False)), ("foresatt", foresatt)]
        elif kind.part == "lag":
            parter.append(("søker", self.firma[felt["lag"]]))
        if parter:
            felt["navn"] = parter[0][1][0]
        return felt, parter
