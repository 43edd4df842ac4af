"""loependeJournal.xml, offentligJournal.xml and endringslogg.xml of a Noark 5
arkivuttrekk (see eksport.py)."""

import datetime
import heapq
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef, Prefetch, Subquery
from django.db.models.functions import Cast
from django.utils import timezone

from saksarkiv.models import Endringslogg

from ..models import (
    Avskrivning,
    Dokument,
    Journalpost,
    Journalposttype,
    Korrespondansepart,
    Saksmappe,
    Saksstatus,
)
from ..offentlig import eksport as offentlig
from ..offentlig.poster import vis_poster
from . import felles
from .arkivstruktur import korrespondansepart
from .felles import (
    ANONYM,
    AVSKRIVNINGSMAATE,
    KODENAVN,
    METADATANAVN,
    NS_LJ,
    NS_LOGG,
    NS_OJ,
    PARTTYPE,
    SYSTEM,
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
)


# --- loependeJournal.xml and offentligJournal.xml -------------------------------------------
def journalposter(fra, til):
    return Journalpost.objects.filter(periode_q(fra, til, "saksmappe__"))


def _journalhode(xf, ns: str, fra, til, antall: int, seleksjon: str) -> None:
    arkivskaper_id, arkivskaper_navn = offentlig._arkivskaper()
    with xf.element(f"{{{ns}}}journalhode"):
        _felt(xf, ns, "journalStartDato", fra)
        _felt(xf, ns, "journalSluttDato", til)
        _felt(xf, ns, "seleksjon", seleksjon)
        _felt(xf, ns, "antallJournalposter", antall)
        with xf.element(f"{{{ns}}}arkivskaper"):
            _felt(xf, ns, "arkivskaperID", arkivskaper_id)
            _felt(xf, ns, "arkivskaperNavn", arkivskaper_navn)
    xf.write("\n")


SELEKSJON = "Journalposter i saker avsluttet i perioden"


def loepende(xf, fra, til, antall: int, res: Resultat) -> None:
    ns = NS_LJ
    qs = (
        journalposter(fra, til)
        .select_related("saksmappe__administrativ_enhet", "saksmappe__saksansvarlig")
        .select_related("administrativ_enhet", "saksbehandler", "tilgangskode")
        .prefetch_related(
            Prefetch(
                "korrespondanseparter",
                Korrespondansepart.objects.select_related("enhet", "person"),
            ),
            Prefetch(
                "avskrivninger",
                Avskrivning.objects.exclude(avskrivningsmaate="***").select_related(
                    "avskrives_av_journalpost__saksmappe"
                ),
            ),
        )
        .order_by("journalaar", "journalsekvensnummer")
    )
    with xf.element(f"{{{ns}}}loependeJournal", nsmap={None: ns}):
        _journalhode(xf, ns, fra, til, antall, SELEKSJON)
        for i, post in enumerate(qs.iterator(chunk_size=felles.POSTBATCH), start=1):
            if i % felles.POSTBATCH == 0:
                _rydd(felles.POSTBATCH)
            res.antall["loependeJournal"] += 1
            sak = post.saksmappe
            with xf.element(f"{{{ns}}}journalregistrering"):
                if sak.ordningsverdi:
                    with xf.element(f"{{{ns}}}klasse"):
                        _felt(xf, ns, "klasseID", sak.ordningsverdi)
                        _felt(xf, ns, "tittel", sak.ordningsverdi)
                with xf.element(f"{{{ns}}}saksmappe"):
                    _felt(xf, ns, "mappeID", sak.saksnummer)
                    _felt(xf, ns, "saksaar", sak.saksaar)
                    _felt(xf, ns, "sakssekvensnummer", sak.sakssekvensnummer)
                    _felt(xf, ns, "tittel", sak.tittel)
                    if sak.tilgangskode_id:
                        _felt(xf, ns, "offentligTittel", sak.offentlig_tittel)
                    _felt(xf, ns, "administrativEnhet", sak.administrativ_enhet.navn)
                    _felt(xf, ns, "saksansvarlig", _navn(sak.saksansvarlig))
                with xf.element(f"{{{ns}}}journalpost"):
                    _journalpost_lj(xf, ns, post, sak, fra, til)
            xf.write("\n")


def _journalpost_lj(xf, ns, post: Journalpost, sak: Saksmappe, fra, til) -> None:
    ord_ = _skjermingsord(post, mappe=False)
    avskrivninger = list(post.avskrivninger.all())
    endelig = avskrivninger[-1] if avskrivninger else None
    _felt(xf, ns, "systemID", post.systemid)
    _felt(xf, ns, "registreringsID", f"{sak.saksnummer}-{post.dokumentnummer}")
    _felt(xf, ns, "journalaar", post.journalaar)
    _felt(xf, ns, "journalsekvensnummer", post.journalsekvensnummer)
    _felt(xf, ns, "journalpostnummer", post.dokumentnummer)
    _felt(xf, ns, "tittel", post.tittel)
    if post.tilgangskode_id:
        _felt(xf, ns, "offentligTittel", post.offentlig_tittel)
    _felt(xf, ns, "skjermingMetadata", "; ".join(ord_))
    _felt(xf, ns, "journaldato", post.journaldato)
    _felt(xf, ns, "dokumentetsDato", post.dokumentdato)
    if endelig is not None:
        _felt(xf, ns, "avskrivningsdato", endelig.avskrivningsdato)
        _felt(xf, ns, "avskrivningsmaate", AVSKRIVNINGSMAATE.get(endelig.avskrivningsmaate))
    _felt(xf, ns, "administrativEnhet", post.administrativ_enhet.navn)
    _felt(xf, ns, "saksbehandler", _navn(post.saksbehandler))
    svar = endelig.avskrives_av_journalpost if endelig else None
    if svar is not None and _i_perioden(svar.saksmappe, fra, til):
        _felt(xf, ns, "referanseAvskrivesAvJournalpost", svar.systemid)
    if post.tilgangskode_id:
        _felt(xf, ns, "tilgangsrestriksjon", post.tilgangskode.kode)
        _felt(xf, ns, "skjermingshjemmel", _hjemmel(post))
    parter = list(post.korrespondanseparter.all())
    for part in parter:
        korrespondansepart(xf, ns, part)
    if not parter:  # the schema wants one: the post's own unit (as offentligJournal)
        intern = "IM" if post.journalposttype == Journalposttype.INNGAENDE else "IA"
        with xf.element(f"{{{ns}}}korrespondansepart"):
            _felt(xf, ns, "korrespondanseparttype", PARTTYPE[intern])
            _felt(xf, ns, "korrespondansepartNavn", post.administrativ_enhet.navn)


def offentlig_journal(xf, fra, til, antall: int, res: Resultat) -> None:
    """The public view of the same posts, screened by journal.offentlig.poster as the public
    journal screens them; with the stored systemIDs."""
    ns = NS_OJ
    qs = (
        journalposter(fra, til)
        .with_innsyn(ANONYM)
        .select_related("saksmappe", "administrativ_enhet", "tilgangskode")
        .order_by("journalaar", "journalsekvensnummer")
    )
    with xf.element(f"{{{ns}}}offentligJournal", nsmap={None: ns}):
        _journalhode(xf, ns, fra, til, antall, f"{SELEKSJON}, skjermet")
        for batch in _batcher(qs.iterator(chunk_size=felles.POSTBATCH), felles.POSTBATCH):
            _rydd(len(batch))
            ids = {p.pk: p.systemid for p in batch}
            for post in vis_poster(batch):
                res.antall["offentligJournal"] += 1
                with xf.element(f"{{{ns}}}journalregistrering"):
                    with xf.element(f"{{{ns}}}saksmappe"):
                        _felt(xf, ns, "mappeID", post.saksnummer)
                        _felt(xf, ns, "saksaar", post.saksaar)
                        _felt(xf, ns, "sakssekvensnummer", post.sakssekvensnummer)
                        _felt(xf, ns, "offentligTittel", post.sak_tittel)
                    with xf.element(f"{{{ns}}}journalpost"):
                        _felt(xf, ns, "systemID", ids[post.pk])
                        _felt(xf, ns, "registreringsID", post.saksdokumentnummer)
                        _felt(xf, ns, "journalaar", post.journalaar)
                        _felt(xf, ns, "journalsekvensnummer", post.journalsekvensnummer)
                        _felt(xf, ns, "journalpostnummer", post.dokumentnummer)
                        _felt(xf, ns, "offentligTittel", post.tittel)
                        _felt(xf, ns, "skjermingMetadata", offentlig._skjerming(post))
                        _felt(xf, ns, "journaldato", post.journaldato)
                        _felt(xf, ns, "dokumentetsDato", post.dokumentdato)
                        _felt(xf, ns, "administrativEnhet", post.enhet)
                        _felt(xf, ns, "tilgangsrestriksjon", post.tilgangskode)
                        _felt(xf, ns, "skjermingshjemmel", post.hjemmel)
                        for type_, navn in offentlig._parter_xml(post):
                            with xf.element(f"{{{ns}}}korrespondansepart"):
                                _felt(xf, ns, "korrespondanseparttype", type_)
                                _felt(xf, ns, "korrespondansepartNavn", navn)
                xf.write("\n")


# --- endringslogg.xml ----------------------------------------------------------------------
def _endring(xf, ref, metadata: str, tid, av: str, for_, etter, res: Resultat) -> None:
    koder = KODENAVN.get(metadata, {})
    for_ = koder.get(for_, for_)
    etter = koder.get(etter, etter)
    if for_ in (None, "") or etter in (None, ""):
        return  # Noark's endringslogg holds changes of a value: both values are required
    res.antall["endring"] += 1
    ns = NS_LOGG
    with xf.element(f"{{{ns}}}endring"):
        _felt(xf, ns, "referanseArkivenhet", ref)
        _felt(xf, ns, "referanseMetadata", METADATANAVN.get(metadata, metadata))
        _felt(xf, ns, "endretDato", _tid(tid))
        _felt(xf, ns, "endretAv", av or SYSTEM)
        _felt(xf, ns, "tidligereVerdi", for_)
        _felt(xf, ns, "nyVerdi", etter)
    xf.write("\n")


def _logg_for(model, uttrekk) -> Iterator[tuple]:
    ct = ContentType.objects.get_for_model(model)
    ids = uttrekk.annotate(tekst=Cast("pk", CharField())).values("tekst")
    ref = model.objects.filter(pk=Cast(OuterRef("objekt_id"), model._meta.pk)).values("systemid")
    return (
        Endringslogg.objects.filter(content_type=ct, objekt_id__in=ids)
        .annotate(ref=Subquery(ref[:1]))
        .order_by("tidspunkt", "id")
        .values_list("tidspunkt", "id", "ref", "aktor_navn", "endringer")
        .iterator(chunk_size=felles.POSTBATCH)
    )


def _ulogget_avslutning(saker) -> Iterator[tuple]:
    """Cases closed without a service (imported or seed data) have no logged closing; the
    closing they record (date, by whom) is their saksstatus change."""
    ct = ContentType.objects.get_for_model(Saksmappe)
    logget = Endringslogg.objects.filter(
        content_type=ct,
        objekt_id=Cast(OuterRef("pk"), CharField()),
        endringer__saksstatus__etter=Saksstatus.AVSLUTTET,
    )
    ulogget = saker.filter(~Exists(logget)).select_related("avsluttet_av")
    for sak in ulogget.order_by("avsluttet_dato", "saksaar", "sakssekvensnummer").iterator(
        chunk_size=felles.BATCH
    ):
        endring = {
            "saksstatus": {"for": Saksstatus.UNDER_BEHANDLING, "etter": Saksstatus.AVSLUTTET}
        }
        # After every logged entry of the same moment (id 2**63).
        yield (
            _tidspunkt(sak.avsluttet_dato),
            1 << 63,
            sak.systemid,
            _navn(sak.avsluttet_av),
            endring,
        )


def _tidspunkt(dag):
    tz = timezone.get_current_timezone()
    return datetime.datetime.combine(dag, datetime.time(), tzinfo=tz)


def endringslogg(xf, fra, til, res: Resultat) -> None:
    """Every change of the extracted cases, posts and documents in time order (one stream
    merged from the three logs and the unlogged closings), so that an import that keeps the
    file's order gives the same file back."""
    saker = Saksmappe.objects.filter(periode_q(fra, til))
    strommer = [
        _logg_for(Saksmappe, saker),
        _logg_for(Journalpost, Journalpost.objects.filter(saksmappe__in=saker)),
        _logg_for(Dokument, Dokument.objects.filter(journalpost__saksmappe__in=saker)),
        _ulogget_avslutning(saker),
    ]
    with xf.element(f"{{{NS_LOGG}}}endringslogg", nsmap={None: NS_LOGG}):
        xf.write("\n")
        for tid, _id, ref, av, endringer in heapq.merge(*strommer, key=lambda r: (r[0], r[1])):
            if not isinstance(endringer, dict):
                continue
            for metadata, verdi in endringer.items():
                if isinstance(verdi, dict) and {"for", "etter"} <= set(verdi):
                    _endring(xf, ref, metadata, tid, av, verdi["for"], verdi["etter"], res)
