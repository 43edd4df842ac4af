"""Pass 2 of the import: the rows, files and history, in the caller's transaction (see
__init__.py). Users and units named in the extraction are matched by name or created."""

import mimetypes
import re
import uuid
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify
from lxml import etree

from saksarkiv.models import AdministrativEnhet, Endringslogg, Nummerteller, Tilgangskode

from ... import numbering
from ...models import (
    Avskrivning,
    Dokument,
    Journalpost,
    Klasse,
    Korrespondansepart,
    Merknad,
    Saksmappe,
    Sakspart,
)
from ...models.journalpost import Arkivstatus, dokument_path
from .. import eksport
from ..felles import (
    NS_LJ,
    NS_LOGG,
    SYSTEM,
)
from .felles import (
    AVSKRIVNINGSMAATE_KODE,
    JOURNALPOSTTYPE_KODE,
    JOURNALSTATUS_KODE,
    KODE_FRA_NAVN,
    METADATA_FELT,
    PARTTYPE_KODE,
    SAKSSTATUS_KODE,
    SKJERM_AVSENDER,
    SKJERM_PART,
    TILKNYTTET_KODE,
    UKJENT,
    Kontekst,
    Plassering,
    Rapport,
    _alle,
    _dato,
    _fil,
    _q,
    _sum,
    _t,
    _tid,
    _uuid,
    _velg_objekt,
)


class Register:
    """Users and units by the names the extraction gives, created when missing."""

    def __init__(self, arkivskaper: tuple[str, str], rapport: Rapport):
        self.rapport = rapport
        self.arkivskaper = arkivskaper
        Bruker = get_user_model()
        self.brukere = {}
        for bruker in Bruker.objects.order_by("pk"):
            self.brukere.setdefault(bruker.get_full_name() or bruker.get_username(), bruker)
        self.enheter = {}
        for enhet in AdministrativEnhet.objects.order_by("path"):
            self.enheter.setdefault(enhet.navn, enhet)
        self.koder = {k.kode: k for k in Tilgangskode.objects.all()}

    def bruker(self, navn: str, *, paakrevd: bool = False):
        if not navn or navn == SYSTEM:
            if not paakrevd:
                return None
            navn = navn or UKJENT
        if navn not in self.brukere:
            Bruker = get_user_model()
            grunn = slugify(navn)[:130] or "bruker"
            brukernavn, n = f"importert-{grunn}", 1
            while Bruker.objects.filter(username=brukernavn).exists():
                n += 1
                brukernavn = f"importert-{grunn}-{n}"
            bruker = Bruker(username=brukernavn, first_name=navn[:150], is_active=False)
            bruker.set_unusable_password()
            bruker.save()
            self.brukere[navn] = bruker
            self.rapport.antall["brukere opprettet"] += 1
        return self.brukere[navn]

    def enhet(self, navn: str):
        if not navn:
            return None
        if navn not in self.enheter:
            topp = AdministrativEnhet.objects.get_root_nodes().first()
            kode_id, kode_navn = self.arkivskaper
            if topp is None:
                topp = AdministrativEnhet.objects.add_root(
                    {"kode": self._kode(kode_id), "navn": kode_navn[:200]}
                )
                self.enheter.setdefault(kode_navn, topp)
                self.rapport.antall["enheter opprettet"] += 1
                if navn in self.enheter:
                    return self.enheter[navn]
            enhet = AdministrativEnhet.objects.add_child(
                topp, {"kode": self._kode(navn), "navn": navn[:200]}
            )
            topp.refresh_from_db()
            self.enheter[navn] = enhet
            self.rapport.antall["enheter opprettet"] += 1
        return self.enheter[navn]

    @staticmethod
    def _kode(navn: str) -> str:
        grunn = (slugify(navn).upper().replace("-", "")[:16]) or "ENHET"
        kode, n = grunn, 1
        while AdministrativEnhet.objects.filter(kode=kode).exists():
            n += 1
            kode = f"{grunn[:16]}{n}"
        return kode


# --- Pass 2: the import --------------------------------------------------------------------
@contextmanager
def _bevarte_tidspunkt():
    """Keep the creation times the extraction brings: auto_now_add would put now."""
    felter = [
        m._meta.get_field(navn)
        for m, navn in (
            (Saksmappe, "opprettet"),
            (Journalpost, "opprettet"),
            (Dokument, "opprettet"),
            (Merknad, "registrert"),
        )
    ]
    for f in felter:
        f.auto_now_add = False
    try:
        yield
    finally:
        for f in felter:
            f.auto_now_add = True


def _post_enheter(katalog: Path) -> dict[str, tuple[str, str]]:
    """systemID → (administrativEnhet, saksbehandler) of each post, from loependeJournal.xml."""
    fil = katalog / "loependeJournal.xml"
    ut = {}
    if not fil.is_file():
        return ut
    for _h, el in etree.iterparse(str(fil), tag=_q("journalpost", NS_LJ), huge_tree=True):
        ut[_t(el, "systemID", NS_LJ)] = (
            _t(el, "administrativEnhet", NS_LJ),
            _t(el, "saksbehandler", NS_LJ),
        )
        el.clear(keep_tail=True)
    return ut


class Innleser:
    def __init__(self, ktx: Kontekst, register: Register, bruker):
        self.ktx = ktx
        self.reg = register
        self.bruker = bruker
        self.post_enheter = _post_enheter(ktx.katalog)
        self.lagret: list[str] = []
        self.sak_pk: dict[str, int] = {}
        self.post_pk: dict[str, int] = {}
        self.relasjoner: list[tuple[str, str]] = []
        self.svar: list[tuple[int, str]] = []  # (avskrivning pk, answering post's systemID)
        self.importlogg: list[Endringslogg] = []
        self.importert: set[str] = set()  # systemIDs of the imported cases, posts, documents

    def skjerming(self, el, obj, *, mappe: bool) -> None:
        skjerming = el.find(_q("skjerming"))
        if skjerming is None:
            return
        kode = self.reg.koder[_t(skjerming, "tilgangsrestriksjon")]
        obj.tilgangskode = kode
        hjemmel = _t(skjerming, "skjermingshjemmel")
        obj.skjermingshjemmel = "" if hjemmel in (kode.hjemmel, kode.navn) else hjemmel[:200]
        ord_ = {(m.text or "").strip() for m in _alle(skjerming, "skjermingMetadata")}
        if mappe:
            obj.skjerm_parter = SKJERM_PART in ord_
        else:
            obj.skjerm_korrespondanseparter = bool(ord_ & set(SKJERM_AVSENDER))
            obj.skjerm_dokumenter = bool(_t(skjerming, "skjermingDokument"))

    def klasse(self, plass: Plassering, felt: dict) -> None:
        """Keep the class, so that the classification stays whole (classes without cases);
        not the committees' classes of meeting folders left out."""
        if "moetemappe" in felt.get("_typer", ()):
            return
        arkivdel = (self.ktx.arkivdel or plass.arkivdel or "SAK")[:40]
        _klasse, ny = Klasse.objects.get_or_create(
            arkivdel=arkivdel,
            ordningsprinsipp=plass.prinsipp[:40],
            ordningsverdi=plass.verdi[:100],
            defaults={
                "tittel": (felt.get("tittel") or plass.verdi or "Uten ordningsverdi")[:500],
                "opprettet": _tid(felt.get("opprettetDato", "")) or timezone.now(),
            },
        )
        self.ktx.rapport.antall["klasser"] += ny

    def sak(self, plass: Plassering, el) -> None:
        reg = self.reg
        sid = _t(el, "systemID")
        sak = Saksmappe(
            systemid=uuid.UUID(sid),
            saksaar=int(_t(el, "saksaar")),
            sakssekvensnummer=int(_t(el, "sakssekvensnummer")),
            saksstatus=SAKSSTATUS_KODE[_t(el, "saksstatus")],
            tittel=_t(el, "tittel")[:500],
            saksansvarlig=reg.bruker(_t(el, "saksansvarlig"), paakrevd=True),
            administrativ_enhet=reg.enhet(_t(el, "administrativEnhet")),
            arkivdel=(self.ktx.arkivdel or plass.arkivdel or "SAK")[:40],
            ordningsprinsipp=plass.prinsipp[:40],
            ordningsverdi=plass.verdi[:100],
            opprettet=_tid(_t(el, "opprettetDato")),
            opprettet_av=reg.bruker(_t(el, "opprettetAv"), paakrevd=True),
            avsluttet_dato=_dato(_t(el, "avsluttetDato")),
            avsluttet_av=reg.bruker(_t(el, "avsluttetAv")),
        )
        sak.offentlig_tittel = (_t(el, "offentligTittel") or sak.tittel)[:500]
        self.skjerming(el, sak, mappe=True)
        if sak.tilgangskode is None:
            sak.offentlig_tittel = sak.tittel
        merknader = _alle(el, "merknad")
        if merknader:
            m = merknader[0]
            sak.obs_merknad = _t(m, "merknadstekst")[:300]
            if _t(m, "merknadsdato") != _t(el, "opprettetDato"):
                sak.obs_dato = _dato(_t(m, "merknadsdato"))
        sak.save()
        self.sak_pk[sid] = sak.pk
        self.importert.add(sid)
        Sakspart.objects.bulk_create(
            Sakspart(
                saksmappe=sak,
                systemid=_uuid(_t(p, "partID")) or uuid.uuid4(),
                navn=_t(p, "partNavn")[:200],
                rolle=_t(p, "partRolle")[:60],
                adresse=_t(p, "postadresse")[:200],
                postnummer=_t(p, "postnummer")[:10],
                poststed=_t(p, "poststed")[:60],
                epost=_t(p, "epostadresse")[:254],
            )
            for p in _alle(el, "part")
        )
        for ref in _alle(el, "kryssreferanse"):
            for verdi in _alle(ref, "referanseTilMappe"):
                self.relasjoner.append((sid, (verdi.text or "").strip()))
        for post_el in _alle(el, "registrering"):
            self.post(post_el, sak)
        self.importlogg.append(
            Endringslogg(
                aktor=self.bruker if getattr(self.bruker, "is_authenticated", False) else None,
                aktor_navn=_aktor(self.bruker),
                handling="importert",
                beskrivelse=f"Lest inn fra Noark 5-uttrekk ({self.ktx.katalog.name})"[:500],
                content_type=ContentType.objects.get_for_model(Saksmappe),
                objekt_id=str(sak.pk),
                objekt_tekst=str(sak)[:300],
                tilgangskode=sak.tilgangskode,
                enhet=sak.administrativ_enhet,
            )
        )
        self.ktx.rapport.antall["saksmapper"] += 1

    def post(self, el, sak: Saksmappe) -> None:
        reg = self.reg
        sid = _t(el, "systemID")
        enhet_navn, sb_navn = self.post_enheter.get(sid, ("", ""))
        # What the loependeJournal says holds (no caseworker is none); else the case's.
        kjent = sid in self.post_enheter
        saksbehandler = reg.bruker(sb_navn) if kjent else sak.saksansvarlig
        post = Journalpost(
            saksmappe=sak,
            systemid=uuid.UUID(sid),
            journalaar=int(_t(el, "journalaar")),
            journalsekvensnummer=int(_t(el, "journalsekvensnummer")),
            dokumentnummer=int(_t(el, "journalpostnummer")),
            journalposttype=JOURNALPOSTTYPE_KODE[_t(el, "journalposttype")],
            journalstatus=JOURNALSTATUS_KODE[_t(el, "journalstatus")],
            journaldato=_dato(_t(el, "journaldato")),
            dokumentdato=_dato(_t(el, "dokumentetsDato")),
            forfallsdato=_dato(_t(el, "forfallsdato")),
            ekspedert_dato=_dato(_t(el, "sendtDato")),
            saksbehandler=saksbehandler,
            administrativ_enhet=reg.enhet(enhet_navn) if enhet_navn else sak.administrativ_enhet,
            tittel=_t(el, "tittel")[:500],
            opprettet=_tid(_t(el, "opprettetDato")),
            opprettet_av=reg.bruker(_t(el, "opprettetAv"), paakrevd=True),
        )
        post.offentlig_tittel = (_t(el, "offentligTittel") or post.tittel)[:500]
        self.skjerming(el, post, mappe=False)
        if post.tilgangskode is None:
            post.offentlig_tittel = post.tittel
        avskrivninger = _alle(el, "avskrivning")
        endelige = [
            _dato(_t(a, "avskrivningsdato"))
            for a in avskrivninger
            if AVSKRIVNINGSMAATE_KODE[_t(a, "avskrivningsmaate")] != "***"
        ]
        post.avskrevet_dato = endelige[0] if endelige else None
        post.save()
        self.post_pk[sid] = post.pk
        self.importert.add(sid)
        for a in avskrivninger:
            avskr = Avskrivning.objects.create(
                journalpost=post,
                avskrivningsmaate=AVSKRIVNINGSMAATE_KODE[_t(a, "avskrivningsmaate")],
                avskrivningsdato=_dato(_t(a, "avskrivningsdato")),
                avskrevet_av=reg.bruker(_t(a, "avskrevetAv")),
            )
            if svar := _t(a, "referanseAvskrivesAvJournalpost"):
                self.svar.append((avskr.pk, svar))
        Merknad.objects.bulk_create(
            Merknad(
                journalpost=post,
                tekst=_t(m, "merknadstekst"),
                registrert=_tid(_t(m, "merknadsdato")) or post.opprettet,
                registrert_av=reg.bruker(_t(m, "merknadRegistrertAv"), paakrevd=True),
            )
            for m in _alle(el, "merknad")
        )
        Korrespondansepart.objects.bulk_create(
            Korrespondansepart(
                journalpost=post,
                korrespondanseparttype=PARTTYPE_KODE[_t(p, "korrespondanseparttype")],
                navn=_t(p, "korrespondansepartNavn")[:200],
                adresse=" ".join(t.text or "" for t in _alle(p, "postadresse")).strip()[:200],
                postnummer=_t(p, "postnummer")[:10],
                poststed=_t(p, "poststed")[:60],
                epost=_t(p, "epostadresse")[:254],
                enhet=reg.enhet(_t(p, "administrativEnhet")),
                person=reg.bruker(_t(p, "saksbehandler")),
            )
            for p in _alle(el, "korrespondansepart")
        )
        for dok_el in _alle(el, "dokumentbeskrivelse"):
            self.dokument(dok_el, post)
        self.ktx.rapport.antall["journalposter"] += 1

    def dokument(self, el, post: Journalpost) -> None:
        objekt = _velg_objekt(_alle(el, "dokumentobjekt"))
        dok = Dokument(
            journalpost=post,
            systemid=uuid.UUID(_t(el, "systemID")),
            tilknyttet_registrering_som=TILKNYTTET_KODE[_t(el, "tilknyttetRegistreringSom")],
            dokumentnummer=int(_t(el, "dokumentnummer")),
            tittel=_t(el, "tittel")[:500],
            opprettet=_tid(_t(el, "opprettetDato")),
            opprettet_av=self.reg.bruker(_t(el, "opprettetAv"), paakrevd=True),
            storrelse=0,
            sjekksum="",
            arkivstatus=Arkivstatus.IKKE_NODVENDIG,
        )
        if objekt is not None:
            relativ = _t(objekt, "referanseDokumentfil")
            kilde = _fil(self.ktx.katalog, relativ)
            navn = Path(relativ).name
            fmt = _t(objekt, "format")
            detaljer = _t(objekt, "formatDetaljer")
            dok.filnavn = navn[:255]
            dok.mimetype = (
                detaljer
                if "/" in detaljer
                else ("application/pdf" if fmt in _PDF_PUID else mimetypes.guess_type(navn)[0])
            ) or "application/octet-stream"
            with kilde.open("rb") as f:
                lagret = default_storage.save(dokument_path(dok, navn), File(f, name=navn))
            self.lagret.append(lagret)
            dok.fil.name = lagret
            dok.storrelse = kilde.stat().st_size
            dok.sjekksum = _sum(kilde, "sha256")
            if _t(objekt, "variantformat") == "Arkivformat":
                dok.arkivformat.name = lagret
                dok.arkivformat_sjekksum = dok.sjekksum
                dok.arkivformat_puid = fmt[:32]
                konvertering = objekt.find(_q("konvertering"))
                if konvertering is not None:
                    dok.arkivstatus = Arkivstatus.KONVERTERT
                    dok.konvertert = _tid(_t(konvertering, "konvertertDato"))
                    dok.konvertert_med = _t(konvertering, "konverteringsverktoey")[:200]
                    fra = _t(konvertering, "konvertertFraFormat")
                    if "/" in fra and not re.match(r"^(x-)?fmt/\d+$", fra):
                        dok.mimetype = fra[:100]
                    else:
                        dok.format_puid = fra[:32]
            else:
                dok.format_puid = fmt[:32] if fmt != "av/0" else ""
                # Not in archival format: the conversion job (journal.services.arkivkopi)
                # makes its PDF/A copy, as for an uploaded document.
                dok.arkivstatus = Arkivstatus.VENTER
        else:
            dok.filnavn = ""
            dok.mimetype = ""
        dok.save()
        self.importert.add(str(dok.systemid))
        self.ktx.rapport.antall["dokumenter"] += 1
        if objekt is not None:
            self.ktx.rapport.antall["dokumentfiler"] += 1

    def avslutt(self) -> None:
        """References, counters and the import's own log entries, after all cases are in."""
        kjente = dict(self.sak_pk)
        through = Saksmappe.relaterte_saker.through
        ukjente = {b for _a, b in self.relasjoner if b not in kjente}
        kjente |= {
            str(s): pk
            for s, pk in Saksmappe.objects.filter(systemid__in=ukjente).values_list(
                "systemid", "pk"
            )
        }
        par = set()
        for a, b in self.relasjoner:
            par.add((kjente[a], kjente[b]))
            par.add((kjente[b], kjente[a]))
        through.objects.bulk_create(
            [through(from_saksmappe_id=a, to_saksmappe_id=b) for a, b in sorted(par)],
            ignore_conflicts=True,
        )
        poster = dict(self.post_pk)
        ukjente = {s for _a, s in self.svar if s not in poster}
        poster |= {
            str(s): pk
            for s, pk in Journalpost.objects.filter(systemid__in=ukjente).values_list(
                "systemid", "pk"
            )
        }
        for avskr_pk, svar in self.svar:
            Avskrivning.objects.filter(pk=avskr_pk).update(avskrives_av_journalpost=poster[svar])
        _oppdater_tellere(self.ktx)


_PDF_PUID = set(eksport.arkivstruktur.PDF.values()) | set(eksport.arkivstruktur.PDFA.values())


def _aktor(bruker) -> str:
    if bruker is None or not getattr(bruker, "is_authenticated", False):
        return "System"
    return bruker.get_full_name() or bruker.get_username()


def _oppdater_tellere(ktx: Kontekst) -> None:
    """New cases and posts after the import get numbers after the imported ones."""
    hoyest = defaultdict(int)
    for aar, nr in ktx.saksnumre:
        hoyest[(numbering.SAK, aar)] = max(hoyest[(numbering.SAK, aar)], nr)
    for aar, nr in ktx.journalnumre:
        hoyest[(numbering.JOURNALPOST, aar)] = max(hoyest[(numbering.JOURNALPOST, aar)], nr)
    table = connection.ops.quote_name(Nummerteller._meta.db_table)
    with connection.cursor() as cursor:
        for (serie, aar), nr in hoyest.items():
            cursor.execute(
                f"INSERT INTO {table} (serie, aar, siste) VALUES (%s, %s, %s) "  # noqa: S608
                f"ON CONFLICT (serie, aar) DO UPDATE SET siste = GREATEST({table}.siste, "
                "EXCLUDED.siste)",
                [serie, aar, nr],
            )


def _historikk(katalog: Path, innleser: Innleser) -> None:
    """endringslogg.xml: each change as an audit entry on the imported case, post or document,
    in the order of the file (the export writes them in time order)."""
    fil = katalog / "endringslogg.xml"
    if not fil.is_file():
        return
    ct = {m: ContentType.objects.get_for_model(m) for m in (Saksmappe, Journalpost, Dokument)}
    rader: list[Endringslogg] = []
    utenfor = 0

    def skriv() -> int:
        med, uten = _med_objekter(rader, ct, innleser.importert)
        Endringslogg.objects.bulk_create(med)
        innleser.ktx.rapport.antall["endringer i loggen"] += len(med)
        rader.clear()
        return uten

    for _h, el in etree.iterparse(str(fil), tag=_q("endring", NS_LOGG), huge_tree=True):
        metadata = _t(el, "referanseMetadata", NS_LOGG)
        felt = METADATA_FELT.get(metadata, metadata)
        koder = KODE_FRA_NAVN.get(felt, {})
        for_ = _t(el, "tidligereVerdi", NS_LOGG)
        etter = _t(el, "nyVerdi", NS_LOGG)
        rader.append(
            Endringslogg(
                tidspunkt=_tid(_t(el, "endretDato", NS_LOGG)),
                aktor_navn=_t(el, "endretAv", NS_LOGG)[:200],
                handling="endret",
                beskrivelse="Fra endringsloggen i Noark 5-uttrekket",
                objekt_id=_t(el, "referanseArkivenhet", NS_LOGG),
                endringer={felt: {"for": koder.get(for_, for_), "etter": koder.get(etter, etter)}},
            )
        )
        el.clear(keep_tail=True)
        if len(rader) >= 1000:
            utenfor += skriv()
    utenfor += skriv()
    if utenfor:
        innleser.ktx.rapport.merknader.append(
            f"{utenfor} endringer i endringsloggen gjelder andre enheter enn de innleste "
            "sakene, journalpostene og dokumentene (f.eks. klasser eller møter); de er ikke "
            "lest inn."
        )


def _med_objekter(rader: list[Endringslogg], ct: dict, importert: set) -> tuple[list, int]:
    """Point each entry at its imported object (by systemID) with the object's access code
    and unit, so the log is as restricted as the object (saksarkiv.audit)."""
    ids = {r.objekt_id for r in rader} & importert
    objekter = {}
    for s, pk, kode, enhet in Saksmappe.objects.filter(systemid__in=ids).values_list(
        "systemid", "pk", "tilgangskode", "administrativ_enhet"
    ):
        objekter[str(s)] = (ct[Saksmappe], pk, kode, enhet)
    for s, pk, kode, enhet in Journalpost.objects.filter(systemid__in=ids).values_list(
        "systemid", "pk", "tilgangskode", "administrativ_enhet"
    ):
        objekter[str(s)] = (ct[Journalpost], pk, kode, enhet)
    for s, pk, kode, enhet in Dokument.objects.filter(systemid__in=ids).values_list(
        "systemid", "pk", "journalpost__tilgangskode", "journalpost__administrativ_enhet"
    ):
        objekter[str(s)] = (ct[Dokument], pk, kode, enhet)
    med = []
    for rad in rader:
        if rad.objekt_id not in objekter:
            continue
        rad.content_type, pk, rad.tilgangskode_id, rad.enhet_id = objekter[rad.objekt_id]
        rad.objekt_id = str(pk)
        med.append(rad)
    return med, len(rader) - len(med)
