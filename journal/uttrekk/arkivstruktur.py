"""arkivstruktur.xml of a Noark 5 arkivuttrekk: arkiv → arkivdel → klassifikasjonssystem →
klasse → saksmappe → journalpost → dokumentbeskrivelse → dokumentobjekt, the document
files copied under DOKUMENT/ as they are written (see eksport.py)."""

import hashlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

from django.conf import settings
from django.db.models import Count, Min, Prefetch
from django.utils import timezone

from saksarkiv.services import DomainError

from ..models import (
    Avskrivning,
    Dokument,
    Journalpost,
    Journalstatus,
    Klasse,
    Korrespondansepart,
    Merknad,
    Saksmappe,
    Sakspart,
)
from ..offentlig import eksport as offentlig
from . import felles
from .felles import (
    AVSKRIVNINGSMAATE,
    DOKUMENTTYPE,
    JOURNALPOSTTYPE,
    JOURNALSTATUS,
    KLASSIFIKASJONSTYPE,
    NS_ARKIV,
    PARTTYPE,
    SAKSSTATUS,
    SYSTEM,
    TILKNYTTET,
    XSI,
    Fremdrift,
    Resultat,
    _batcher,
    _felt,
    _hjemmel,
    _i_perioden,
    _navn,
    _rydd,
    _skjermingsord,
    _tid,
    periode_q,
    system_id,
)

PDFA = {"1A": "fmt/95", "1B": "fmt/354", "2A": "fmt/476", "2B": "fmt/477", "2U": "fmt/478"}
PDFA |= {"3A": "fmt/479", "3B": "fmt/480", "3U": "fmt/481"}
PDF = {"1.0": "fmt/14", "1.1": "fmt/15", "1.2": "fmt/16", "1.3": "fmt/17", "1.4": "fmt/18"}
PDF |= {"1.5": "fmt/19", "1.6": "fmt/20", "1.7": "fmt/276"}
_PDFA_DEL = re.compile(rb"pdfaid:part(?:=['\"]|>)\s*(\d)")
_PDFA_NIVA = re.compile(rb"pdfaid:conformance(?:=['\"]|>)\s*([ABUabu])")


# --- arkivstruktur.xml ---------------------------------------------------------------------
def _a(navn: str) -> str:
    return f"{{{NS_ARKIV}}}{navn}"


def _skjerming(xf, obj, *, mappe: bool, dokumenter: bool = False) -> None:
    ord_ = _skjermingsord(obj, mappe=mappe)
    if not ord_:
        return
    with xf.element(_a("skjerming")):
        _felt(xf, NS_ARKIV, "tilgangsrestriksjon", obj.tilgangskode.kode)
        _felt(xf, NS_ARKIV, "skjermingshjemmel", _hjemmel(obj))
        for tekst in ord_:
            _felt(xf, NS_ARKIV, "skjermingMetadata", tekst)
        if dokumenter:
            _felt(xf, NS_ARKIV, "skjermingDokument", "Skjerming av hele dokumentet")


def _kopier(fil, maal: Path) -> tuple[str, int, str]:
    """Copy a stored file, returning (sha256, size, PRONOM format) of the bytes written."""
    sha = hashlib.sha256()
    storrelse = 0
    start = b""
    hale = b""
    del_, niva = None, None
    with fil.open("rb") as kilde, maal.open("wb") as ut:
        while blokk := kilde.read(1 << 20):
            ut.write(blokk)
            sha.update(blokk)
            storrelse += len(blokk)
            if not start:
                start = blokk[:16]
            if start.startswith(b"%PDF-") and (del_ is None or niva is None):
                vindu = hale + blokk
                del_ = del_ or (m.group(1) if (m := _PDFA_DEL.search(vindu)) else None)
                niva = niva or (m.group(1).upper() if (m := _PDFA_NIVA.search(vindu)) else None)
                hale = blokk[-200:]
    fmt = "av/0"
    if start.startswith(b"%PDF-"):
        fmt = PDFA.get(f"{(del_ or b'').decode()}{(niva or b'').decode()}") or PDF.get(
            start[5:8].decode("ascii", "replace"), "av/0"
        )
    return sha.hexdigest(), storrelse, fmt


def _dokumentobjekt(
    xf, dok: Dokument, post: Journalpost, katalog: Path, res: Resultat, hvor="dokumentobjekt"
):
    """`hvor` names the unit the object is written under: the same document written again
    elsewhere (a meeting's moeteregistrering) gets its own systemID and file."""
    if post.journalstatus == Journalstatus.UTGAR:
        return  # voided: the description is kept, the file is not
    if dok.arkivformat:
        fil, variant = dok.arkivformat, "Arkivformat"
    elif dok.fil:
        fil, variant = dok.fil, "Produksjonsformat"
    else:
        return
    objekt_id = system_id(hvor, dok.systemid, variant)
    endelse = Path(fil.name).suffix.lower() or ".bin"
    relativ = f"DOKUMENT/{post.journalaar}/{objekt_id}{endelse}"
    maal = katalog / relativ
    maal.parent.mkdir(parents=True, exist_ok=True)
    try:
        sjekksum, storrelse, fmt = _kopier(fil, maal)
        if variant == "Arkivformat":
            fmt = getattr(dok, "arkivformat_puid", "") or fmt
    except FileNotFoundError as exc:
        raise DomainError(
            f"Filen til dokument {dok.dokumentnummer} i journalpost {post.journalpostnummer} "
            "finnes ikke i dokumentlageret."
        ) from exc
    res.antall["dokumentfiler"] += 1
    with xf.element(_a("dokumentobjekt")):
        _felt(xf, NS_ARKIV, "systemID", objekt_id)
        _felt(xf, NS_ARKIV, "versjonsnummer", 1)
        _felt(xf, NS_ARKIV, "variantformat", variant)
        _felt(xf, NS_ARKIV, "format", fmt)
        _felt(xf, NS_ARKIV, "formatDetaljer", dok.mimetype if fmt == "av/0" else "")
        _felt(xf, NS_ARKIV, "opprettetDato", _tid(dok.opprettet))
        _felt(xf, NS_ARKIV, "opprettetAv", _navn(dok.opprettet_av))
        _felt(xf, NS_ARKIV, "referanseDokumentfil", relativ)
        _felt(xf, NS_ARKIV, "sjekksum", sjekksum)
        _felt(xf, NS_ARKIV, "sjekksumAlgoritme", "SHA256")
        _felt(xf, NS_ARKIV, "filstoerrelse", storrelse)
        # The archival copy made by the conversion job (journal.services.arkivkopi).
        konvertert = getattr(dok, "konvertert", None)
        if variant == "Arkivformat" and konvertert:
            with xf.element(_a("konvertering")):
                _felt(xf, NS_ARKIV, "konvertertDato", _tid(konvertert))
                _felt(xf, NS_ARKIV, "konvertertAv", SYSTEM)
                fra_format = getattr(dok, "format_puid", "") or dok.mimetype
                _felt(xf, NS_ARKIV, "konvertertFraFormat", fra_format or "av/0")
                _felt(xf, NS_ARKIV, "konvertertTilFormat", fmt)
                _felt(xf, NS_ARKIV, "konverteringsverktoey", getattr(dok, "konvertert_med", ""))


def korrespondansepart(xf, ns: str, part: Korrespondansepart) -> None:
    with xf.element(f"{{{ns}}}korrespondansepart"):
        _felt(xf, ns, "korrespondanseparttype", PARTTYPE.get(part.korrespondanseparttype))
        navn = part.navn or (part.enhet.navn if part.enhet else _navn(part.person))
        _felt(xf, ns, "korrespondansepartNavn", navn or "Ukjent")
        if ns != NS_ARKIV:
            return
        _felt(xf, ns, "postadresse", part.adresse)
        _felt(xf, ns, "postnummer", part.postnummer)
        _felt(xf, ns, "poststed", part.poststed)
        _felt(xf, ns, "epostadresse", part.epost)
        _felt(xf, ns, "administrativEnhet", part.enhet.navn if part.enhet else "")
        _felt(xf, ns, "saksbehandler", _navn(part.person))


def _registrering(xf, post: Journalpost, sak: Saksmappe, ctx) -> None:
    katalog, res, fra, til = ctx
    res.antall["registrering"] += 1
    res.skjermet |= post.tilgangskode_id is not None
    with xf.element(_a("registrering"), {f"{{{XSI}}}type": "journalpost"}):
        _felt(xf, NS_ARKIV, "systemID", post.systemid)
        _felt(xf, NS_ARKIV, "opprettetDato", _tid(post.opprettet))
        _felt(xf, NS_ARKIV, "opprettetAv", _navn(post.opprettet_av))
        _felt(xf, NS_ARKIV, "arkivertDato", _tid(sak.avsluttet_dato))
        _felt(xf, NS_ARKIV, "arkivertAv", _navn(sak.avsluttet_av) or SYSTEM)
        _skjerming(xf, post, mappe=False, dokumenter=post.skjerm_dokumenter)
        for dok in post.dokumenter.all():
            res.antall["dokumentbeskrivelse"] += 1
            with xf.element(_a("dokumentbeskrivelse")):
                _felt(xf, NS_ARKIV, "systemID", dok.systemid)
                _felt(xf, NS_ARKIV, "dokumenttype", DOKUMENTTYPE.get(post.journalposttype))
                _felt(xf, NS_ARKIV, "dokumentstatus", "Dokumentet er ferdigstilt")
                _felt(xf, NS_ARKIV, "tittel", dok.tittel or post.tittel)
                _felt(xf, NS_ARKIV, "opprettetDato", _tid(dok.opprettet))
                _felt(xf, NS_ARKIV, "opprettetAv", _navn(dok.opprettet_av))
                _felt(xf, NS_ARKIV, "tilknyttetRegistreringSom", TILKNYTTET.get(
                    dok.tilknyttet_registrering_som))  # fmt: skip
                _felt(xf, NS_ARKIV, "dokumentnummer", dok.dokumentnummer)
                _felt(xf, NS_ARKIV, "tilknyttetDato", _tid(dok.opprettet))
                _felt(xf, NS_ARKIV, "tilknyttetAv", _navn(dok.opprettet_av))
                _dokumentobjekt(xf, dok, post, katalog, res)
        _felt(xf, NS_ARKIV, "registreringsID", f"{sak.saksnummer}-{post.dokumentnummer}")
        _felt(xf, NS_ARKIV, "tittel", post.tittel)
        if post.tilgangskode_id:
            _felt(xf, NS_ARKIV, "offentligTittel", post.offentlig_tittel)
        for merknad in post.merknader.all():
            with xf.element(_a("merknad")):
                _felt(xf, NS_ARKIV, "merknadstekst", merknad.tekst)
                _felt(xf, NS_ARKIV, "merknadsdato", _tid(merknad.registrert))
                _felt(xf, NS_ARKIV, "merknadRegistrertAv", _navn(merknad.registrert_av))
        for part in post.korrespondanseparter.all():
            korrespondansepart(xf, NS_ARKIV, part)
        _felt(xf, NS_ARKIV, "journalaar", post.journalaar)
        _felt(xf, NS_ARKIV, "journalsekvensnummer", post.journalsekvensnummer)
        _felt(xf, NS_ARKIV, "journalpostnummer", post.dokumentnummer)
        _felt(xf, NS_ARKIV, "journalposttype", JOURNALPOSTTYPE.get(post.journalposttype))
        _felt(xf, NS_ARKIV, "journalstatus", JOURNALSTATUS.get(post.journalstatus))
        _felt(xf, NS_ARKIV, "journaldato", post.journaldato)
        _felt(xf, NS_ARKIV, "dokumentetsDato", post.dokumentdato)
        _felt(xf, NS_ARKIV, "sendtDato", _tid(post.ekspedert_dato))
        _felt(xf, NS_ARKIV, "forfallsdato", post.forfallsdato)
        vedlegg = sum(1 for d in post.dokumenter.all() if d.tilknyttet_registrering_som == "V")
        _felt(xf, NS_ARKIV, "antallVedlegg", vedlegg or None)
        for avskr in post.avskrivninger.all():
            with xf.element(_a("avskrivning")):
                _felt(xf, NS_ARKIV, "avskrivningsdato", avskr.avskrivningsdato)
                _felt(xf, NS_ARKIV, "avskrevetAv", _navn(avskr.avskrevet_av))
                _felt(xf, NS_ARKIV, "avskrivningsmaate", AVSKRIVNINGSMAATE.get(
                    avskr.avskrivningsmaate))  # fmt: skip
                svar = avskr.avskrives_av_journalpost
                if svar is not None and _i_perioden(svar.saksmappe, fra, til):
                    _felt(xf, NS_ARKIV, "referanseAvskrivesAvJournalpost", svar.systemid)


def _poster_for(saker: list[Saksmappe]) -> dict[int, list[Journalpost]]:
    poster = (
        Journalpost.objects.filter(saksmappe__in=[s.pk for s in saker])
        .select_related("opprettet_av", "tilgangskode")
        .prefetch_related(
            Prefetch("dokumenter", Dokument.objects.select_related("opprettet_av")),
            Prefetch(
                "korrespondanseparter",
                Korrespondansepart.objects.select_related("enhet", "person"),
            ),
            Prefetch("merknader", Merknad.objects.select_related("registrert_av")),
            Prefetch(
                "avskrivninger",
                Avskrivning.objects.select_related(
                    "avskrevet_av", "avskrives_av_journalpost__saksmappe"
                ),
            ),
        )
        .order_by("saksmappe_id", "dokumentnummer")
    )
    per_sak = defaultdict(list)
    for post in poster:
        per_sak[post.saksmappe_id].append(post)
    return per_sak


def _mappe(xf, sak: Saksmappe, parter, relaterte, poster, ctx) -> None:
    _katalog, res, _fra, _til = ctx
    res.antall["mappe"] += 1
    res.skjermet |= sak.tilgangskode_id is not None
    with xf.element(_a("mappe"), {f"{{{XSI}}}type": "saksmappe"}):
        _felt(xf, NS_ARKIV, "systemID", sak.systemid)
        _felt(xf, NS_ARKIV, "mappeID", sak.saksnummer)
        _felt(xf, NS_ARKIV, "tittel", sak.tittel)
        if sak.tilgangskode_id:
            _felt(xf, NS_ARKIV, "offentligTittel", sak.offentlig_tittel)
        _felt(xf, NS_ARKIV, "dokumentmedium", "Elektronisk arkiv")
        _felt(xf, NS_ARKIV, "opprettetDato", _tid(sak.opprettet))
        _felt(xf, NS_ARKIV, "opprettetAv", _navn(sak.opprettet_av))
        _felt(xf, NS_ARKIV, "avsluttetDato", _tid(sak.avsluttet_dato))
        _felt(xf, NS_ARKIV, "avsluttetAv", _navn(sak.avsluttet_av) or SYSTEM)
        for part in parter:
            with xf.element(_a("part")):
                _felt(xf, NS_ARKIV, "partID", part.systemid)
                _felt(xf, NS_ARKIV, "partNavn", part.navn)
                _felt(xf, NS_ARKIV, "partRolle", part.rolle or "Part")
                _felt(xf, NS_ARKIV, "postadresse", part.adresse)
                _felt(xf, NS_ARKIV, "postnummer", part.postnummer)
                _felt(xf, NS_ARKIV, "poststed", part.poststed)
                _felt(xf, NS_ARKIV, "epostadresse", part.epost)
        for annen in relaterte:
            with xf.element(_a("kryssreferanse")):
                _felt(xf, NS_ARKIV, "referanseTilMappe", annen)
        if sak.obs_merknad:
            with xf.element(_a("merknad")):
                _felt(xf, NS_ARKIV, "merknadstekst", sak.obs_merknad)
                _felt(xf, NS_ARKIV, "merknadsdato", _tid(sak.obs_dato or sak.opprettet))
                _felt(xf, NS_ARKIV, "merknadRegistrertAv", _navn(sak.saksansvarlig))
        _skjerming(xf, sak, mappe=True)
        for post in poster:
            _registrering(xf, post, sak, ctx)
        _felt(xf, NS_ARKIV, "saksaar", sak.saksaar)
        _felt(xf, NS_ARKIV, "sakssekvensnummer", sak.sakssekvensnummer)
        _felt(xf, NS_ARKIV, "saksdato", timezone.localtime(sak.opprettet).date())
        _felt(xf, NS_ARKIV, "administrativEnhet", sak.administrativ_enhet.navn)
        _felt(xf, NS_ARKIV, "saksansvarlig", _navn(sak.saksansvarlig))
        _felt(xf, NS_ARKIV, "saksstatus", SAKSSTATUS[sak.saksstatus])
    xf.write("\n")


def _saker_i_klasse(fra, til, arkivdel, prinsipp, verdi) -> Iterator:
    qs = (
        Saksmappe.objects.filter(periode_q(fra, til))
        .filter(arkivdel=arkivdel, ordningsprinsipp=prinsipp, ordningsverdi=verdi)
        .select_related(
            "opprettet_av", "avsluttet_av", "saksansvarlig", "administrativ_enhet", "tilgangskode"
        )
        .order_by("saksaar", "sakssekvensnummer")
    )
    through = Saksmappe.relaterte_saker.through
    for saker in _batcher(qs.iterator(chunk_size=felles.BATCH), felles.BATCH):
        ids = [s.pk for s in saker]
        parter = defaultdict(list)
        for part in Sakspart.objects.filter(saksmappe__in=ids).order_by("saksmappe_id", "id"):
            parter[part.saksmappe_id].append(part)
        relaterte = defaultdict(list)
        for sak_id, annen in (
            through.objects.filter(from_saksmappe__in=ids)
            .filter(periode_q(fra, til, "to_saksmappe__"))
            .order_by(
                "from_saksmappe_id", "to_saksmappe__saksaar", "to_saksmappe__sakssekvensnummer"
            )
            .values_list("from_saksmappe_id", "to_saksmappe__systemid")
        ):
            relaterte[sak_id].append(annen)
        poster = _poster_for(saker)
        for sak in saker:
            yield sak, parter[sak.pk], relaterte[sak.pk], poster[sak.pk]
        antall = len(saker) + sum(len(p) for p in poster.values())
        del saker, poster, parter, relaterte
        _rydd(antall)


def _klasser(fra, til) -> list[dict]:
    """The whole classification of the extracted archive parts: every class cases use and
    every class kept from an import (Klasse), with the first creation time and how many of
    its cases are in the period."""
    arkivdeler = Saksmappe.objects.filter(periode_q(fra, til)).values("arkivdel")
    klasser = {
        (k["arkivdel"], k["ordningsprinsipp"], k["ordningsverdi"]): k | {"tittel": ""}
        for k in Saksmappe.objects.filter(arkivdel__in=arkivdeler)
        .values("arkivdel", "ordningsprinsipp", "ordningsverdi")
        .annotate(opprettet=Min("opprettet"), i_perioden=Count("pk", filter=periode_q(fra, til)))
    }
    for kept in Klasse.objects.filter(arkivdel__in=arkivdeler).values():
        key = (kept["arkivdel"], kept["ordningsprinsipp"], kept["ordningsverdi"])
        klasse = klasser.setdefault(key, dict(zip(_KLASSEFELT, key, strict=True), i_perioden=0))
        klasse["tittel"] = kept["tittel"]
        klasse["opprettet"] = min(kept["opprettet"], klasse.get("opprettet", kept["opprettet"]))
    return [klasser[k] for k in sorted(klasser)]


_KLASSEFELT = ("arkivdel", "ordningsprinsipp", "ordningsverdi")


def tillegg() -> list:
    """The modules of settings.SAKSARKIV_UTTREKK_TILLEGG (e.g. utvalg.uttrekk: meetings): each
    names the archive parts it has units in for the period, `arkivdeler(fra, til)` → {arkivdel:
    first creation time}, and writes its klassifikasjonssystem(s) of one of them after the
    cases' ones, `skriv(xf, arkivdel, fra, til, ctx, fremdrift)`."""
    return [import_module(navn) for navn in getattr(settings, "SAKSARKIV_UTTREKK_TILLEGG", [])]


def skriv(xf, fra, til, tidspunkt, ctx, fremdrift: Fremdrift) -> None:
    klasser = _klasser(fra, til)
    moduler = tillegg()
    # Archive parts with units of the additions only (meetings, no closed case) come too.
    ekstra = defaultdict(list)
    for modul in moduler:
        for arkivdel, opprettet in modul.arkivdeler(fra, til).items():
            ekstra[arkivdel].append(opprettet)
    deler = {k["arkivdel"]: [] for k in klasser}
    for k in klasser:
        deler[k["arkivdel"]].append(k)
    for arkivdel in sorted(set(ekstra) - set(deler)):
        deler[arkivdel] = []
    arkivskaper_id, arkivskaper_navn = offentlig._arkivskaper()
    felt = lambda navn, verdi: _felt(xf, NS_ARKIV, navn, verdi)  # noqa: E731
    with xf.element(
        _a("arkiv"),
        {f"{{{XSI}}}schemaLocation": f"{NS_ARKIV} arkivstruktur.xsd"},
        nsmap={None: NS_ARKIV, "xsi": XSI},
    ):
        felt("systemID", system_id("arkiv", arkivskaper_id))
        felt("tittel", f"Sakarkiv {arkivskaper_navn}")
        felt("arkivstatus", "Avsluttet")
        felt("dokumentmedium", "Elektronisk arkiv")
        alle = [k["opprettet"] for k in klasser] + [d for v in ekstra.values() for d in v]
        felt("opprettetDato", _tid(min(alle)))
        felt("opprettetAv", SYSTEM)
        felt("avsluttetDato", _tid(tidspunkt))
        felt("avsluttetAv", SYSTEM)
        with xf.element(_a("arkivskaper")):
            felt("arkivskaperID", arkivskaper_id)
            felt("arkivskaperNavn", arkivskaper_navn)
        for arkivdel, i_del in deler.items():
            with xf.element(_a("arkivdel")):
                felt("systemID", system_id("arkivdel", arkivdel))
                felt("tittel", arkivdel)
                felt("arkivdelstatus", "Avsluttet periode")
                felt("dokumentmedium", "Elektronisk arkiv")
                foerst = [k["opprettet"] for k in i_del] + ekstra.get(arkivdel, [])
                felt("opprettetDato", _tid(min(foerst)))
                felt("opprettetAv", SYSTEM)
                felt("avsluttetDato", _tid(tidspunkt))
                felt("avsluttetAv", SYSTEM)
                felt("arkivperiodeStartDato", fra)
                felt("arkivperiodeSluttDato", til)
                for prinsipp, i_system in itertools.groupby(
                    i_del, key=lambda k: k["ordningsprinsipp"]
                ):
                    i_system = list(i_system)
                    with xf.element(_a("klassifikasjonssystem")):
                        felt("systemID", system_id("klassifikasjonssystem", arkivdel, prinsipp))
                        felt("klassifikasjonstype", KLASSIFIKASJONSTYPE.get(prinsipp))
                        felt("tittel", prinsipp or "Uten ordningsprinsipp")
                        felt("opprettetDato", _tid(min(k["opprettet"] for k in i_system)))
                        felt("opprettetAv", SYSTEM)
                        for klasse in i_system:
                            _klasse(xf, klasse, fra, til, ctx, fremdrift)
                for modul in moduler:
                    modul.skriv(xf, arkivdel, fra, til, ctx, fremdrift)


def _klasse(xf, klasse: dict, fra, til, ctx, fremdrift: Fremdrift) -> None:
    arkivdel, prinsipp, verdi = (
        klasse["arkivdel"],
        klasse["ordningsprinsipp"],
        klasse["ordningsverdi"],
    )
    with xf.element(_a("klasse")):
        _felt(xf, NS_ARKIV, "systemID", system_id("klasse", arkivdel, prinsipp, verdi))
        _felt(xf, NS_ARKIV, "klasseID", verdi or "uklassifisert")
        _felt(xf, NS_ARKIV, "tittel", klasse["tittel"] or verdi or "Uten ordningsverdi")
        _felt(xf, NS_ARKIV, "opprettetDato", _tid(klasse["opprettet"]))
        _felt(xf, NS_ARKIV, "opprettetAv", SYSTEM)
        xf.write("\n")
        if klasse["i_perioden"]:
            for sak, parter, relaterte, poster in _saker_i_klasse(
                fra, til, arkivdel, prinsipp, verdi
            ):
                _mappe(xf, sak, parter, relaterte, poster, ctx)
            fremdrift("arkivstruktur", ctx[1].antall["registrering"])
