"""CSV import of indicator values (issue 21 item 4), as Norwegian Excel writes it: semicolon
between columns, decimal comma, Windows-1252 or UTF-8 (with or without BOM). A comma file
with decimal points is read too.

The first line names the columns: `indikator` (its id or its name), `enhet` (the unit's
code), `år`, `periode` (empty or 0 for a yearly indicator) and `verdi`. Every line is checked
first — the indicator and unit exist, the user may enter values for the unit, the period
fits the indicator — and the file is saved all or nothing: one bad line and nothing is
saved, and the answer lists every bad line with its line number.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from saksarkiv.models import AdministrativEnhet
from saksarkiv.services import DomainError
from saksarkiv.tillatelser import ingen_tilgang

from ..models import Indikator, Verdikjelde
from ..tillatelser import indikator as regler
from .indikator import _lagre_verdi, sjekk_periode, sjekk_verdi

MAKS_BYTES = 2 * 1024 * 1024
MAKS_LINJER = 10_000
KOLONNER = {
    "indikator": "indikator", "indikator-id": "indikator", "indikatorid": "indikator",
    "id": "indikator", "enhet": "enhet", "enhetskode": "enhet", "enhet kode": "enhet",
    "år": "aar", "aar": "aar", "periode": "periode", "verdi": "verdi",
}  # fmt: skip
PAAKRAVD = ("indikator", "enhet", "aar", "verdi")


@dataclass
class Importrapport:
    nye: int = 0
    korrigerte: int = 0
    uendra: int = 0
    linjer: list[str] = field(default_factory=list)


def _tekst(innhald: bytes) -> str:
    for koding in ("utf-8-sig", "cp1252"):
        try:
            return innhald.decode(koding)
        except UnicodeDecodeError:
            continue
    raise DomainError(_("Filen kan ikke leses som tekst (bruk UTF-8 eller Windows-1252)."),
                      field="fil")  # fmt: skip


def _tal(tekst: str) -> str:
    """«1 234,5» → «1234.5»: spaces (also non-breaking) as thousands separators."""
    tekst = "".join(tekst.split()).replace("\u00a0", "").replace("\u202f", "")
    return tekst.replace(",", ".")


def _heiltal(tekst: str, tom: int | None = None) -> int | None:
    tekst = tekst.strip()
    if not tekst:
        return tom
    try:
        return int(tekst)
    except ValueError:
        return None


def les(fil) -> list[tuple[int, dict]]:
    """(line number, {column: text}) of each data line; the header's errors as DomainError."""
    innhald = fil.read(MAKS_BYTES + 1)
    if len(innhald) > MAKS_BYTES:
        raise DomainError(_("Filen er for stor (høyst 2 MB)."), field="fil")
    tekst = _tekst(innhald)
    if not tekst.strip():
        raise DomainError(_("Filen er tom."), field="fil")
    forste = tekst.splitlines()[0]
    skilje = ";" if ";" in forste else ("\t" if "\t" in forste else ",")
    lesar = csv.reader(io.StringIO(tekst, newline=""), delimiter=skilje)
    hovud = [" ".join(h.strip().lower().split()) for h in next(lesar)]
    kolonner = {i: KOLONNER[h] for i, h in enumerate(hovud) if h in KOLONNER}
    manglar = [k for k in PAAKRAVD if k not in kolonner.values()]
    if manglar:
        raise DomainError(_("Første linje må navngi kolonnene indikator, enhet, år, periode "
                            "og verdi. Mangler: {kolonner}.").format(
                              kolonner=", ".join(manglar).replace("aar", "år")),
                          field="fil")  # fmt: skip
    linjer = []
    for rad in lesar:
        if not any(c.strip() for c in rad):
            continue
        if len(linjer) >= MAKS_LINJER:
            raise DomainError(_("Filen har mer enn {n} linjer.").format(n=MAKS_LINJER),
                              field="fil")  # fmt: skip
        verdiar = {namn: (rad[i].strip() if i < len(rad) else "") for i, namn in kolonner.items()}
        linjer.append((lesar.line_num, verdiar))
    if not linjer:
        raise DomainError(_("Filen har ingen verdier."), field="fil")
    return linjer


def _finn_indikator(tekst: str, per_id: dict, per_namn: dict):
    if tekst.isdigit() and int(tekst) in per_id:
        return per_id[int(tekst)], None
    treff = per_namn.get(tekst.lower(), [])
    if len(treff) == 1:
        return treff[0], None
    if len(treff) > 1:
        return None, _("flere indikatorer heter «{namn}»: bruk id").format(namn=tekst)
    return None, _("ukjent indikator «{namn}»").format(namn=tekst)


@transaction.atomic
def importer(actor, fil) -> Importrapport:
    """Check every line, then save them all; a DomainError listing the bad lines (nothing
    saved) when any is wrong."""
    if not regler.kan_importere(actor):
        raise ingen_tilgang(_("Bare ledere og kommunedirektøren importerer "
                                     "indikatorverdier.")).feil()  # fmt: skip
    linjer = les(fil)
    indikatorar = list(
        Indikator.objects.select_related("enhet").prefetch_related("delegert_til")
    )  # fmt: skip
    per_id = {i.pk: i for i in indikatorar}
    per_namn: dict[str, list] = {}
    for i in indikatorar:
        per_namn.setdefault(i.namn.lower(), []).append(i)
    koder = {v["enhet"].lower() for _n, v in linjer}
    einingar = {
        e.kode_lav: e
        for e in AdministrativEnhet.objects.annotate(kode_lav=Lower("kode")).filter(
            kode_lav__in=koder
        )  # fmt: skip
    }
    idag = timezone.localdate()
    feil: list[str] = []
    klare = []
    sett: dict[tuple, int] = {}
    for nr, v in linjer:
        grunnar = []
        indikator, grunn = _finn_indikator(v["indikator"], per_id, per_namn)
        if grunn:
            grunnar.append(grunn)
        enhet = einingar.get(v["enhet"].lower())
        if enhet is None:
            grunnar.append(_("ukjent enhet «{kode}»").format(kode=v["enhet"]))
        aar = _heiltal(v["aar"])
        periode = _heiltal(v.get("periode", ""), tom=0)
        if aar is None:
            grunnar.append(_("året «{aar}» er ikke et tall").format(aar=v["aar"]))
        if periode is None:
            grunnar.append(_("perioden «{p}» er ikke et tall").format(p=v.get("periode")))
        verdi = None
        if indikator is not None:
            if enhet is not None and (avslag := regler.verdi_for_enhet(actor, indikator, enhet)):
                grunnar.append(str(avslag).rstrip("."))
            if aar is not None and periode is not None:
                try:
                    sjekk_periode(indikator, aar, periode, idag)
                except DomainError as error:
                    grunnar.append(error.message.rstrip("."))
            try:
                verdi = sjekk_verdi(indikator, _tal(v["verdi"]) or None)
            except DomainError as error:
                grunnar.append(f"{error.message.rstrip('.')} («{v['verdi']}»)")
        if not grunnar and indikator is not None and enhet is not None:
            nokkel = (indikator.pk, enhet.pk, aar, periode)
            if nokkel in sett:
                grunnar.append(_("samme verdi som på linje {nr}").format(nr=sett[nokkel]))
            sett[nokkel] = nr
        if grunnar:
            feil.append(_("Linje {nr}: {grunnar}.").format(nr=nr, grunnar="; ".join(grunnar)))
        else:
            klare.append((indikator, enhet, aar, periode, verdi))
    if feil:
        raise DomainError(
            _("Ingenting er importert: {n} linjer har feil.").format(n=len(feil))
            if len(feil) > 1
            else _("Ingenting er importert: én linje har feil."),
            field="fil",
            details=feil,
        )
    rapport = Importrapport()
    namn = getattr(fil, "name", "") or "CSV"
    for indikator, enhet, aar, periode, verdi in klare:
        utfall = _lagre_verdi(actor, indikator, enhet, aar, periode, verdi,
                              grunn=_("Importert fra {fil}").format(fil=namn),
                              kjelde=Verdikjelde.CSV, idag=idag)  # fmt: skip
        if utfall == "ny":
            rapport.nye += 1
        elif utfall == "korrigert":
            rapport.korrigerte += 1
        else:
            rapport.uendra += 1
    return rapport
