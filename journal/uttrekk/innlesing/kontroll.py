"""Pass 1 of the import: whether every case and post of the extraction can be taken in
(see __init__.py). Every fault goes into the report."""

import hashlib
from collections import defaultdict

from ...models import (
    Dokument,
    Journalpost,
    Saksmappe,
)
from .felles import (
    AVSKRIVNINGSMAATE_KODE,
    JOURNALPOSTTYPE_KODE,
    JOURNALSTATUS_KODE,
    PARTTYPE_KODE,
    SAKSSTATUS_KODE,
    TILKNYTTET_KODE,
    Kontekst,
    Plassering,
    Rapport,
    _alle,
    _fil,
    _q,
    _sum,
    _t,
    _uuid,
    _velg_objekt,
    _xsi_type,
)


def _skjerming_ok(el, hvor: str, ktx: Kontekst, koder: dict) -> None:
    skjerming = el.find(_q("skjerming"))
    if skjerming is None:
        return
    kode = _t(skjerming, "tilgangsrestriksjon")
    if kode not in koder:
        ktx.rapport.avvis(
            f"{hvor}: tilgangskoden «{kode}» finnes ikke i Saksarkiv. Opprett den under "
            "Tilgangskoder (med hjemmel) før innlesingen."
        )


def _kontroller_kode(verdi: str, koder: dict, hva: str, hvor: str, rapport: Rapport) -> None:
    if verdi not in koder:
        rapport.avvis(f"{hvor}: ukjent {hva} «{verdi}».")


def _kontroller_mappe(plass: Plassering, mappe, ktx: Kontekst, koder: dict) -> None:
    r = ktx.rapport
    sid = _t(mappe, "systemID")
    type_ = _xsi_type(mappe)
    if type_ == "moetemappe" and ktx.uten_moeter:
        r.antall["møtemapper utelatt"] += 1
        return
    if type_ == "moetemappe":
        r.avvis(
            f"Møtemappe {sid} «{_t(mappe, 'tittel')[:60]}»: møter føres i møtemodulen og leses "
            "ikke inn. Bruk --uten-moeter for å lese inn sakene uten møtemappene (de blir "
            "stående i uttrekket)."
        )
        return
    if type_ != "saksmappe":
        r.avvis(
            f"Mappe {sid} «{_t(mappe, 'tittel')[:60]}» er av typen «{type_ or 'mappe'}»; "
            "Saksarkiv leser inn saksmapper (møtemapper føres i møtemodulen)."
        )
        return
    hvor = f"Saksmappe {_t(mappe, 'saksaar')}/{_t(mappe, 'sakssekvensnummer')} ({sid})"
    if _uuid(sid) is None:
        r.avvis(f"{hvor}: systemID er ikke en UUID (Noark 5 v5.0).")
    if sid in ktx.saker:
        r.avvis(f"{hvor}: systemID finnes to ganger i uttrekket.")
    nummer = (int(_t(mappe, "saksaar")), int(_t(mappe, "sakssekvensnummer")))
    if nummer in ktx.saksnumre:
        r.avvis(f"{hvor}: saksnummeret finnes to ganger i uttrekket.")
    ktx.saksnumre.add(nummer)
    ktx.saker[sid] = nummer
    _kontroller_kode(_t(mappe, "saksstatus"), SAKSSTATUS_KODE, "saksstatus", hvor, r)
    _skjerming_ok(mappe, hvor, ktx, koder)
    if len(_alle(mappe, "mappe")):
        r.avvis(f"{hvor}: har undermapper; Saksarkiv har ikke mapper i mapper.")
    for ref in _alle(mappe, "kryssreferanse"):
        for navn in ("referanseTilMappe", "referanseTilKlasse", "referanseTilRegistrering"):
            for verdi in _alle(ref, navn):
                if navn != "referanseTilMappe":
                    r.avvis(f"{hvor}: kryssreferanse til {navn[11:].lower()} kan ikke leses inn.")
                else:
                    ktx.referanser.append((hvor, (verdi.text or "").strip(), "sak"))
    dokumentnumre = set()
    for reg in _alle(mappe, "registrering"):
        _kontroller_post(reg, hvor, ktx, koder, dokumentnumre)
    r.antall["saksmapper"] += 1


def _kontroller_post(reg, sakhvor: str, ktx: Kontekst, koder: dict, dokumentnumre: set) -> None:
    r = ktx.rapport
    sid = _t(reg, "systemID")
    if _xsi_type(reg) != "journalpost":
        r.avvis(
            f"{sakhvor}: registrering {sid} er av typen «{_xsi_type(reg) or 'registrering'}»; "
            "Saksarkiv leser inn journalposter."
        )
        return
    hvor = f"Journalpost {_t(reg, 'journalaar')}/{_t(reg, 'journalsekvensnummer')} ({sid})"
    if _uuid(sid) is None:
        r.avvis(f"{hvor}: systemID er ikke en UUID (Noark 5 v5.0).")
    if sid in ktx.poster:
        r.avvis(f"{hvor}: systemID finnes to ganger i uttrekket.")
    ktx.poster.add(sid)
    nummer = (int(_t(reg, "journalaar")), int(_t(reg, "journalsekvensnummer")))
    if nummer in ktx.journalnumre:
        r.avvis(f"{hvor}: journalnummeret finnes to ganger i uttrekket.")
    ktx.journalnumre.add(nummer)
    dokumentnummer = _t(reg, "journalpostnummer")
    if not dokumentnummer:
        r.avvis(f"{hvor}: mangler journalpostnummer (dokumentnummeret i saken).")
    elif dokumentnummer in dokumentnumre:
        r.avvis(f"{hvor}: journalpostnummer {dokumentnummer} finnes to ganger i saken.")
    dokumentnumre.add(dokumentnummer)
    _kontroller_kode(_t(reg, "journalposttype"), JOURNALPOSTTYPE_KODE, "journalposttype", hvor, r)
    _kontroller_kode(_t(reg, "journalstatus"), JOURNALSTATUS_KODE, "journalstatus", hvor, r)
    _skjerming_ok(reg, hvor, ktx, koder)
    for part in _alle(reg, "korrespondansepart"):
        _kontroller_kode(
            _t(part, "korrespondanseparttype"), PARTTYPE_KODE, "korrespondanseparttype", hvor, r
        )
    for avskr in _alle(reg, "avskrivning"):
        maate = _t(avskr, "avskrivningsmaate")
        _kontroller_kode(maate, AVSKRIVNINGSMAATE_KODE, "avskrivningsmåte", hvor, r)
        if svar := _t(avskr, "referanseAvskrivesAvJournalpost"):
            ktx.referanser.append((hvor, svar, "post"))
    numre = set()
    for dok in _alle(reg, "dokumentbeskrivelse"):
        dsid = _t(dok, "systemID")
        if _uuid(dsid) is None:
            r.avvis(f"{hvor}: dokumentbeskrivelse {dsid} har en systemID som ikke er en UUID.")
        if dsid in ktx.dokumenter:
            r.avvis(f"{hvor}: dokumentbeskrivelse {dsid} finnes to ganger i uttrekket.")
        ktx.dokumenter.add(dsid)
        if _t(dok, "dokumentnummer") in numre:
            r.avvis(f"{hvor}: dokumentnummer {_t(dok, 'dokumentnummer')} finnes to ganger.")
        numre.add(_t(dok, "dokumentnummer"))
        _kontroller_kode(
            _t(dok, "tilknyttetRegistreringSom"), TILKNYTTET_KODE, "tilknytning", hvor, r
        )
        objekter = _alle(dok, "dokumentobjekt")
        if len(objekter) > 1:
            r.merknader.append(
                f"{hvor}: dokument {_t(dok, 'dokumentnummer')} har {len(objekter)} "
                "dokumentobjekter; arkivformatet (ellers den siste versjonen) leses inn."
            )
        if (objekt := _velg_objekt(objekter)) is not None:
            _kontroller_fil(objekt, hvor, ktx)
        r.antall["dokumenter"] += 1
    r.antall["journalposter"] += 1


def _kontroller_fil(objekt, hvor: str, ktx: Kontekst) -> None:
    r = ktx.rapport
    relativ = _t(objekt, "referanseDokumentfil")
    fil = _fil(ktx.katalog, relativ)
    if fil is None or not fil.is_file():
        r.avvis(f"{hvor}: dokumentfilen {relativ} finnes ikke i uttrekket.")
        return
    algoritme = _t(objekt, "sjekksumAlgoritme").upper().replace("-", "")
    if algoritme not in hashlib.algorithms_available and algoritme.lower() not in (
        hashlib.algorithms_available
    ):
        r.avvis(f"{hvor}: ukjent sjekksumalgoritme «{_t(objekt, 'sjekksumAlgoritme')}».")
        return
    summen = _sum(fil, algoritme.lower())
    if summen != _t(objekt, "sjekksum").lower():
        r.avvis(f"{hvor}: sjekksummen til {relativ} stemmer ikke med filen.")
    storrelse = _t(objekt, "filstoerrelse")
    if storrelse and int(storrelse) != fil.stat().st_size:
        r.avvis(f"{hvor}: filstørrelsen til {relativ} stemmer ikke med filen.")
    r.antall["dokumentfiler"] += 1


def _kontroller_database(ktx: Kontekst) -> None:
    """systemIDs and numbers the extraction brings must be free here."""
    r = ktx.rapport
    for model, ids, hva in (
        (Saksmappe, list(ktx.saker), "saksmappen"),
        (Journalpost, list(ktx.poster), "journalposten"),
        (Dokument, list(ktx.dokumenter), "dokumentet"),
    ):
        gyldige = [u for u in map(_uuid, ids) if u]
        for i in range(0, len(gyldige), 5000):
            for sid in model.objects.filter(systemid__in=gyldige[i : i + 5000]).values_list(
                "systemid", flat=True
            ):
                r.avvis(f"Systemid {sid}: {hva} finnes allerede i Saksarkiv (lest inn før?).")
    for (aar, nr), sak in _finnes(Saksmappe, "saksaar", "sakssekvensnummer", ktx.saksnumre):
        r.avvis(f"Saksnummer {aar}/{nr} er allerede brukt i Saksarkiv (sak «{sak}»).")
    for (aar, nr), _ in _finnes(
        Journalpost, "journalaar", "journalsekvensnummer", ktx.journalnumre
    ):
        r.avvis(f"Journalnummer {aar}/{nr} er allerede brukt i Saksarkiv.")
    for hvor, ref, hva in ktx.referanser:
        kjent = ktx.saker if hva == "sak" else ktx.poster
        if ref in kjent:
            continue
        model = Saksmappe if hva == "sak" else Journalpost
        if not (_uuid(ref) and model.objects.filter(systemid=ref).exists()):
            r.avvis(f"{hvor}: referansen {ref} peker verken i uttrekket eller i Saksarkiv.")


def _finnes(model, aar_felt: str, nr_felt: str, numre: set):
    per_aar = defaultdict(list)
    for aar, nr in numre:
        per_aar[aar].append(nr)
    for aar, nr_liste in per_aar.items():
        for i in range(0, len(nr_liste), 5000):
            qs = model.objects.filter(**{aar_felt: aar, f"{nr_felt}__in": nr_liste[i : i + 5000]})
            for nr, pk in qs.values_list(nr_felt, "pk"):
                yield (aar, nr), pk


# --- Pass 2: the import --------------------------------------------------------------------
