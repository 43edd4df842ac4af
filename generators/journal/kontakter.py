"""The demo's contacts register: the public bodies and firms that write to Fjordvik kommune
most, each with the kortkode archive gives it (seed 001), an organisation number with a
valid check digit (fictitious, not the bodies' real numbers) and the same name, address and
e-mail as the demo's correspondents (plan.Planner.organ), so that a generated letter from
«Statens vegvesen» is the contact SVV. Idempotent: only missing short codes are added."""

from django.db import transaction

from journal.models import Kontakt
from journal.models.kontakt import orgnr_gyldig

from . import katalog as K
from .plan import _ascii

# kortkode → name in katalog.ORGANER (address from there), telephone
FRA_KATALOG = {
    "STATSF": ("Statsforvalteren i Vestland", "57 64 30 00"),
    "SVV": ("Statens vegvesen", "22 07 30 00"),
    "VLFK": ("Vestland fylkeskommune", "55 63 90 00"),
    "NVE": ("Norges vassdrags- og energidirektorat", "22 95 95 95"),
    "MATTILSYNET": ("Mattilsynet", "22 40 00 00"),
    "HUSBANKEN": ("Husbanken", "22 96 16 00"),
    "ATIL": ("Arbeidstilsynet", "73 19 97 00"),
    "POLITI": ("Vest politidistrikt", "02800"),
    "DIBK": ("Direktoratet for byggkvalitet", "22 47 56 00"),
    "SKATT": ("Skatteetaten", "800 80 000"),
    "HDIR": ("Helsedirektoratet", "810 20 050"),
    "UDIR": ("Utdanningsdirektoratet", "23 30 12 00"),
    "BUFETAT": ("Bufetat region vest", "46 61 50 00"),
    "IKA": ("IKA Vestland", "55 55 55 00"),
    "REVISJON": ("Revisjon Vest IKS", "57 00 11 22"),
    "AVIS": ("Fjordvik Avis", "57 00 22 33"),
}
# Contacts the demo's letters do not come from, but archive registers often.
ANDRE = [
    ("NAV", "NAV Fjordvik", "Storgata 5", "6900", "Fjordvik", "nav.fjordvik@eksempel.no",
     "55 55 33 33"),
    ("KS", "KS – Kommunesektorens organisasjon", "Postboks 1378 Vika", "0114", "Oslo",
     "ks@eksempel.no", "24 13 26 00"),
]  # fmt: skip


def _orgnr(n: int) -> str:
    """A fictitious organisation number with a valid check digit: the n-th 8-digit stem
    from 91000000 whose check digit is not 10."""
    stem = 91_000_000 + n * 7_919
    while True:
        for kontroll in range(10):
            kandidat = f"{stem}{kontroll}"
            if orgnr_gyldig(kandidat):
                return kandidat
        stem += 1


def kontakter() -> list[Kontakt]:
    adresser = {o[0]: o[1:] for o in K.ORGANER}
    rader = []
    for n, (kode, (navn, telefon)) in enumerate(FRA_KATALOG.items()):
        adresse, postnummer, poststed = adresser[navn]
        epost = f"postmottak@{_ascii(navn).replace('.', '-')}.eksempel.no"
        rader.append(
            Kontakt(
                kortkode=kode,
                navn=navn,
                organisasjon=True,
                organisasjonsnummer=_orgnr(n),
                adresse=adresse,
                postnummer=postnummer,
                poststed=poststed,
                epost=epost,
                telefon=telefon,
            )
        )
    for m, (kode, navn, adresse, postnummer, poststed, epost, telefon) in enumerate(ANDRE):
        rader.append(
            Kontakt(
                kortkode=kode,
                navn=navn,
                organisasjon=True,
                organisasjonsnummer=_orgnr(len(FRA_KATALOG) + m),
                adresse=adresse,
                postnummer=postnummer,
                poststed=poststed,
                epost=epost,
                telefon=telefon,
            )
        )
    return rader


@transaction.atomic
def ensure_kontakter(log=lambda message: None) -> int:
    """Add the demo contacts whose short codes are missing; how many were added."""
    finnes = set(Kontakt.objects.values_list("kortkode", flat=True))
    nye = [k for k in kontakter() if k.kortkode not in finnes]
    Kontakt.objects.bulk_create(nye)
    if nye:
        log(f"  kontaktregister: {len(nye)} kontakter med kortkode")
    return len(nye)
