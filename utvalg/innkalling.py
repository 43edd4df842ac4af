"""The notice (møteinnkalling, issue 17 item 4) and its public version.

One PDF/A per version, built from the agenda as it stands:
- a cover with the meeting's data and who is called (members and substitutes seated on
  the day), then the agenda with the page where each draft starts;
- then each political case's draft with its attachments — their archived PDFs included,
  page by page, with a bookmark per case.
Referrals and delegated decisions are listed on the agenda; their documents are read in the
member portal.

When any item is exempt (its post has an access code), the members' notice gets access
code MU and a public notice is made at the same time from the same data: exempt drafts are
left out and their titles screened (seed 001). Nothing is edited by hand.

Publishing (`publiser`) numbers the agenda, stops on a personal ID number in anything the
public notice would publish (saksarkiv.personnummer), registers each version as a journal
post in the committee's meeting case for the year, sets it R → G (readable by those
entitled, seed 001), and tells the members and first substitutes by e-mail — a link, the
meeting's time and place, never a case title.
"""

import datetime
import io
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.db.models import Case, Q, When
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

from journal.models import Dokument, Journalpost, Journalstatus
from journal.services.dokumenter import StoredFiles, kontroller_fil, legg_til
from journal.services.registration import opprett_sak, registrer_journalpost
from saksarkiv import audit
from saksarkiv.jobber import Epost, legg_i_utboks
from saksarkiv.models import Rolle, Rolletype
from saksarkiv.pdf import render_pdf
from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.personnummer import finn, maskert
from saksarkiv.services import DomainError

from . import sakskart
from . import tillatelser as regler
from .models import (
    Medlem,
    Medlemsrolle,
    Mote,
    Motedokument,
    Motedokumenttype,
    Motesak,
    Motestatus,
    Sakskartpunkt,
    Sakstype,
)
from .moteplan import send_etter_commit

logger = logging.getLogger(__name__)
PREFIKS = "innkalling:"


@dataclass
class Del:
    """One agenda item in one version of the notice."""

    punkt: Sakskartpunkt
    tittel: str
    unntatt: bool = False
    hjemmel: str = ""
    dokumenter: list = field(default_factory=list)  # [(title, PdfReader, bytes)]
    side: int | None = None

    @property
    def sider(self) -> int:
        return sum(len(leser.pages) for _t, leser, _data in self.dokumenter)


def _unntatt(post: Journalpost | None) -> bool:
    return post is not None and post.tilgangskode_id is not None


def _pdf(dokument: Dokument) -> tuple[PdfReader, bytes] | None:
    felt = dokument.arkivformat or (
        dokument.fil if dokument.mimetype == "application/pdf" else None
    )
    if not felt:
        return None
    try:
        with felt.open("rb") as fil:
            data = fil.read()
        return PdfReader(io.BytesIO(data)), data
    except (OSError, PdfReadError, ValueError) as error:
        logger.warning("Kunne ikke lese %s til innkallingen: %s", felt.name, error)
        return None


def punkter(mote: Mote, nummer: int | None = None) -> list[Sakskartpunkt]:
    """The agenda items a notice carries: all active ones for the notice (0), only the
    supplementary ones not yet sent for a supplementary notice."""
    qs = Sakskartpunkt.objects.filter(mote=mote, trukket__isnull=True).select_related(
        "behandling__journalpost__saksmappe", "behandling__journalpost__tilgangskode"
    )
    if nummer:
        qs = qs.filter(Q(innkalling=nummer) | Q(innkalling__isnull=True, tillegg=True))
    return sorted(qs, key=sakskart.sorteringsnokkel)


def deler(mote: Mote, liste: list[Sakskartpunkt], offentlig: bool) -> list[Del]:
    """Each item as this version shows it, with the PDFs it carries."""
    ps_poster = [p.behandling.journalpost_id for p in liste
                 if p.behandling_id and p.sakstype == Sakstype.POLITISK]  # fmt: skip
    dokumenter: dict[int, list[Dokument]] = {}
    for d in Dokument.objects.filter(journalpost__in=ps_poster).order_by(
        "journalpost_id", "tilknyttet_registrering_som", "dokumentnummer"
    ):
        dokumenter.setdefault(d.journalpost_id, []).append(d)
    resultat = []
    for punkt in liste:
        post = punkt.behandling.journalpost if punkt.behandling_id else None
        if post is None:
            resultat.append(Del(punkt, punkt.get_fast_display()))
            continue
        unntatt = _unntatt(post)
        tittel = post.offentlig_tittel if (offentlig and unntatt) else post.tittel
        del_ = Del(punkt, tittel, unntatt, post.skjermingshjemmel if unntatt else "")
        if punkt.sakstype == Sakstype.POLITISK and not (offentlig and unntatt):
            for dokument in dokumenter.get(post.pk, []):
                if (lest := _pdf(dokument)) is not None:
                    del_.dokumenter.append((dokument.tittel, *lest))
        resultat.append(del_)
    return resultat


def _seter(mote: Mote) -> dict:
    seter = list(
        Medlem.objects.gyldige(mote.dato).filter(utvalg=mote.utvalg_id)
        .select_related("person", "parti")
        .order_by("parti__navn", "vararekkefolge", "person__last_name")
    )  # fmt: skip
    rang = {r: n for n, r in enumerate(Medlemsrolle.values)}

    def orden(m):
        return (rang[m.rolle], m.parti.navn if m.parti else "", m.person.last_name)

    faste = sorted((m for m in seter if m.rolle != Medlemsrolle.VARAMEDLEM), key=orden)
    return {"faste": faste, "vara": [m for m in seter if m.rolle == Medlemsrolle.VARAMEDLEM]}


def _forside(mote, deler_, nummer, offentlig, seter, sider_foran, referanse) -> bytes:
    context = {
        "referanse": referanse,
        "tittel": _tittel(mote, nummer, offentlig, False),
        "mote": mote,
        "utvalg": mote.utvalg,
        "nummer": nummer,
        "offentlig": offentlig,
        "deler": deler_,
        "grupper": [
            (navn, [d for d in deler_ if sakskart.gruppe(d.punkt) == kode])
            for kode, navn in sakskart.GRUPPER
        ],  # fmt: skip
        "sider_foran": sider_foran,
        **seter,
    }
    return render_pdf("print/innkalling.html", context, archival=True)


def _tittel(mote: Mote, nummer: int, offentlig: bool, unntatt: bool) -> str:
    hva = "Tilleggsinnkalling" if nummer else "Møteinnkalling"
    if nummer > 1:
        hva += f" {nummer}"
    tekst = f"{hva} – {mote.utvalg.navn} {mote.dato:%d.%m.%Y}"
    if offentlig and unntatt:
        return f"Offentlig {hva[0].lower()}{hva[1:]} – {mote.utvalg.navn} {mote.dato:%d.%m.%Y}"
    return tekst


def bygg(mote: Mote, nummer: int = 0, *, offentlig: bool, referanse: str = "") -> tuple[bytes, int]:
    """The notice's PDF/A (the member version, or the public one) and its page count.
    `referanse`: the journal post's number once registered (a preview has none)."""
    deler_ = deler(mote, punkter(mote, nummer), offentlig)
    seter = _seter(mote)
    # The cover and agenda come first; where each draft starts depends on their length,
    # so they are rendered until that length stands (once more at most, in practice).
    foran, forside = 1, b""
    for _runde in range(4):
        side = foran + 1
        for d in deler_:
            d.side = side if d.dokumenter else None
            side += d.sider
        forside = _forside(mote, deler_, nummer, offentlig, seter, foran, referanse)
        lengde = len(PdfReader(io.BytesIO(forside)).pages)
        if lengde == foran:
            break
        foran = lengde
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(forside)))
    produsent = (writer.metadata or {}).get("/Producer")
    for d in deler_:
        if not d.dokumenter:
            continue
        forste = len(writer.pages)
        for _dokumenttittel, leser, _data in d.dokumenter:
            writer.append(leser, import_outline=False)
        navn = f"{d.punkt.saksnummer} {d.tittel}".strip()
        writer.add_outline_item(title=navn, page_number=forste)
    if produsent:
        writer.add_metadata({"/Producer": produsent})
    ut = io.BytesIO()
    writer.write(ut)
    return ut.getvalue(), len(writer.pages)


# --- Publishing -----------------------------------------------------------------------------


def _personnummer(deler_offentlig: list[Del]) -> list[str]:
    """What the public notice would publish — each title as it shows there and the text of
    each document it includes — checked for identity numbers."""
    funn = []
    for d in deler_offentlig:
        navn = d.punkt.saksnummer or d.punkt.sakstype
        for nr in _unike(d.tittel):
            funn.append(f"{navn}: tittelen har et fødselsnummer ({nr}).")
        for n, (tittel, _leser, data) in enumerate(d.dokumenter, start=1):
            for nr in _unike(pdf_tekst(data, tittel)):
                funn.append(f"{navn}: dokument {n} «{tittel[:60]}» har et fødselsnummer ({nr}).")
    return funn


def _unike(tekst: str) -> list[str]:
    return list(dict.fromkeys(maskert(nr) for nr in finn(tekst)))


def motesak(actor, mote: Mote):
    """The committee's meeting case for the meeting's year, made the first time a meeting
    document is published."""
    return motesak_for(actor, mote.utvalg, mote.dato.year)


def motesak_for(actor, utvalg, aar: int):
    """The committee's meeting case for `aar` (made on demand: in the committee
    secretary's unit, else the actor's as meeting secretary, else the actor's own)."""
    motesak_ = Motesak.objects.filter(utvalg=utvalg, aar=aar).first()
    if motesak_ is not None:
        return motesak_.saksmappe
    rolle = (
        Rolle.objects.filter(rolle=Rolletype.MOTESEKRETAER)
        .filter(person__in=[p for p in (utvalg.sekretaer_id, actor.pk) if p])
        .order_by(Case(When(person=utvalg.sekretaer_id, then=0), default=1), "pk")
        .select_related("enhet").first()
    )  # fmt: skip
    if rolle is None:
        # The chief executive referring a report: the case goes in their own unit.
        rolle = (
            Rolle.objects.filter(person=actor)
            .order_by("-standard", "pk").select_related("enhet").first()
        )  # fmt: skip
    if rolle is None:
        raise DomainError("Verken utvalgets sekretær eller du har en enhet å registrere "
                          "møtesaken i.")  # fmt: skip
    saksmappe = opprett_sak(
        actor, tittel=f"Møter i {utvalg.navn} {aar}", administrativ_enhet=rolle.enhet,
        saksansvarlig=actor,
    )  # fmt: skip
    Motesak.objects.create(utvalg=utvalg, aar=aar, saksmappe=saksmappe)
    return saksmappe


def registrer_motedokument(
    actor, saksmappe, mote, nummer, type_, *, lag, tittel, offentlig_tittel="",
    tilgangskode=None, hjemmel="", journalstatus=Journalstatus.GODKJENT,
) -> Motedokument:  # fmt: skip
    """Register one meeting document as an X post in the meeting case, then make its PDF
    with `lag(reference) -> (bytes, pages)` (the PDF names the post's reference) as the
    post's main document, and set the post R → `journalstatus`."""
    skjermet = tilgangskode is not None
    post = registrer_journalpost(
        actor, saksmappe, journalposttype="X", tittel=tittel, offentlig_tittel=offentlig_tittel,
        tilgangskode=tilgangskode, skjermingshjemmel=hjemmel, saksbehandler=actor,
        dokumentdato=timezone.localdate(), skjerm_dokumenter=skjermet,
        skjerm_korrespondanseparter=skjermet,
    )  # fmt: skip
    data, sider = lag(post.saksdokumentnummer)
    filnavn = f"{mote.utvalg.kode.lower()}-{mote.dato:%Y-%m-%d}-{type_.lower()}{nummer or ''}.pdf"
    stored = StoredFiles()
    try:
        legg_til(actor, post, kontroller_fil(data, filnavn), tittel=post.offentlig_tittel,
                 tilknyttet_som="H", stored=stored)  # fmt: skip
    except BaseException:
        stored.remove_all()
        raise
    # Published: R → G (or F for minutes not yet approved), readable by everyone entitled
    # (seed 001, «Møteinnkalling»).
    Journalpost.objects.filter(pk=post.pk).update(journalstatus=journalstatus)
    post.journalstatus = journalstatus
    audit.record(actor, post, "møtedokument publisert", endringer={
        "journalstatus": {"for": Journalstatus.RESERVERT, "etter": journalstatus}},
        beskrivelse=tittel)  # fmt: skip
    return Motedokument.objects.create(mote=mote, type=type_, nummer=nummer, journalpost=post,
                                       publisert_av=actor, sider=sider)  # fmt: skip


def _registrer(actor, saksmappe, mote, nummer, type_, *, offentlig, **kwargs) -> Motedokument:
    def lag(referanse):
        return bygg(mote, nummer, offentlig=offentlig, referanse=referanse)

    return registrer_motedokument(actor, saksmappe, mote, nummer, type_, lag=lag, **kwargs)


def kan_lese_alt(user, mote: Mote, nummer: int = 0) -> bool:
    """May `user` read every exempt case in the notice (the members' version)? The
    secretary composes it without reading it; reading it goes through the chokepoint."""
    poster = [p.behandling.journalpost for p in punkter(mote, nummer) if p.behandling_id]
    unntatte = {post.pk for post in poster if _unntatt(post)}
    if not unntatte:
        return True
    lesbare = Journalpost.objects.readable_by(user).filter(pk__in=unntatte).count()
    return lesbare == len(unntatte)


def neste_nummer(mote: Mote) -> int:
    """The next supplementary notice's number (the notice itself is 0)."""
    siste = (
        Motedokument.objects.filter(mote=mote, type=Motedokumenttype.INNKALLING)
        .order_by("-nummer").values_list("nummer", flat=True).first()
    )  # fmt: skip
    return 0 if siste is None else siste + 1


@transaction.atomic
def publiser(actor, mote: Mote) -> list[Motedokument]:
    """Publish the notice — or, when it went out already, a supplementary notice with the
    items added since."""
    mote = sakskart._laas(actor, mote)  # the agenda's lock and state
    regler.utvalg(actor, mote.utvalg).krev("innkall")
    nummer = 0 if mote.status == Motestatus.PLANLAGT else neste_nummer(mote)
    liste = punkter(mote, nummer)
    if not [p for p in liste if p.behandling_id]:
        raise DomainError(
            "Sett saker på sakskartet før innkallingen sendes."
            if nummer == 0
            else "Ingen nye tilleggssaker å sende tilleggsinnkalling for."
        )
    if any(p.nummer is None for p in liste):
        sakskart.nummerer(actor, mote)
        liste = punkter(mote, nummer)
    deler_medlem = deler(mote, liste, offentlig=False)
    unntatt = [d for d in deler_medlem if d.unntatt]
    deler_offentlig = deler(mote, liste, offentlig=True)
    if funn := _personnummer(deler_offentlig):
        raise DomainError(
            "Innkallingen er ikke publisert: den offentlige innkallingen ville vist et "
            "fødselsnummer. Skjerm det der det står, og prøv igjen.", details=funn,
        )  # fmt: skip
    for d in deler_medlem:
        if d.punkt.sakstype == Sakstype.POLITISK and d.punkt.behandling_id and not d.dokumenter:
            raise DomainError(f"{d.punkt.saksnummer} har ikke noe saksframlegg i PDF å legge ved.")
    saksmappe = motesak(actor, mote)
    dokumenter = []
    if unntatt:
        hjemler = sorted({d.hjemmel for d in unntatt if d.hjemmel})
        tittel = _tittel(mote, nummer, False, True)
        dokumenter.append(_registrer(
            actor, saksmappe, mote, nummer, Motedokumenttype.INNKALLING, offentlig=False,
            tittel=f"{tittel} – med unntatte saker", offentlig_tittel=f"{tittel} – *****",
            tilgangskode="MU", hjemmel="; ".join(hjemler) or "Offl. § 14 / koml. § 11-5",
        ))  # fmt: skip
        dokumenter.append(_registrer(
            actor, saksmappe, mote, nummer, Motedokumenttype.OFFENTLIG_INNKALLING, offentlig=True,
            tittel=_tittel(mote, nummer, True, True),
        ))  # fmt: skip
    else:
        # Nothing exempt: the notice is public as it is.
        dokumenter.append(_registrer(
            actor, saksmappe, mote, nummer, Motedokumenttype.INNKALLING, offentlig=False,
            tittel=_tittel(mote, nummer, False, False),
        ))  # fmt: skip
    medlem_sider = dokumenter[0].sider
    Sakskartpunkt.objects.filter(pk__in=[p.pk for p in liste], innkalling__isnull=True).update(
        innkalling=nummer
    )
    if nummer == 0:
        mote.status = Motestatus.INNKALT
        mote.save(update_fields=["status"])
    hva = "tilleggsinnkalling publisert" if nummer else "innkalling publisert"
    versjon = ", offentlig versjon uten unntatte saker" if unntatt else ""
    audit.record(actor, mote, hva, beskrivelse=f"{len(liste)} saker, {medlem_sider} sider{versjon}")
    _varsle(mote, nummer)
    return dokumenter


# --- The members' e-mail --------------------------------------------------------------------


def mottakere(mote: Mote) -> list[Medlem]:
    """Members seated on the meeting day, and each party's first substitute (seed 001:
    the exempt papers go to the members; the first substitute prepares to step in)."""
    seter = list(
        Medlem.objects.gyldige(mote.dato).filter(utvalg=mote.utvalg_id)
        .exclude(person__email="").select_related("person", "parti")
        .order_by("parti_id", "vararekkefolge", "pk")
    )  # fmt: skip
    valgt, forste_vara = [], set()
    for m in seter:
        if m.rolle != Medlemsrolle.VARAMEDLEM:
            valgt.append(m)
        elif m.parti_id not in forste_vara:
            forste_vara.add(m.parti_id)
            valgt.append(m)
    unike = {}
    for m in valgt:
        unike.setdefault(m.person_id, m)
    return list(unike.values())


def _varsle(mote: Mote, nummer: int) -> int:
    # The member portal's page for the meeting: the papers are read there, after login.
    lenke = settings.SAKSARKIV_BASE_URL.rstrip("/") + reverse("utvalg:portal_mote", args=[mote.pk])
    hva = "Tilleggsinnkalling" if nummer else "Innkalling"
    emne = f"{hva} til {mote.utvalg.navn} {mote.dato:%d.%m.%Y}"
    eposter = []
    for medlem in mottakere(mote):
        tekst = render_to_string("utvalg/epost_innkalling.txt", {
            "mote": mote, "nummer": nummer, "lenke": lenke, "medlem": medlem,
            "vara": medlem.rolle == Medlemsrolle.VARAMEDLEM, "kommune": settings.SAKSARKIV_KOMMUNE,
        })  # fmt: skip
        eposter.append(Epost(nokkel=f"{PREFIKS}{mote.pk}:{nummer}:{medlem.person_id}",
                             til=medlem.person.email, emne=emne, tekst=tekst,
                             mottaker_id=medlem.person_id))  # fmt: skip
    antall = legg_i_utboks(eposter)
    send_etter_commit(f"{PREFIKS}{mote.pk}:{nummer}:")
    return antall


# --- The secretary's start page -------------------------------------------------------------
VARSEL_DAGER = 3  # warn this many days before the notice deadline


def frist(mote: Mote):
    """The last day the notice may go out (the committee's deadline before the meeting)."""
    return mote.dato - datetime.timedelta(days=mote.utvalg.innkallingsfrist)


def arbeidsbord(user) -> list[dict]:
    """Start-page warnings for a meeting secretary: coming meetings whose notice is not
    published and whose deadline is near or passed (settings.SAKSARKIV_ARBEIDSBORD). The
    committees the user is secretary for come first."""
    from saksarkiv import access

    if not access.has_role(user, Rolletype.MOTESEKRETAER):
        return []
    idag = timezone.localdate()
    moter = (
        Mote.objects.filter(status=Motestatus.PLANLAGT, dato__gte=idag, utvalg__aktiv=True,
                            dato__lte=idag + datetime.timedelta(days=120))
        .select_related("utvalg").order_by("dato", "klokkeslett")
    )  # fmt: skip
    varsler = []
    for mote in moter:
        dager = (frist(mote) - idag).days
        if dager > VARSEL_DAGER:
            continue
        naar = ("Fristen gikk ut " if dager < 0 else "Fristen er ") + (
            "i dag" if dager == 0 else "i morgen" if dager == 1 else f"{frist(mote):%d.%m.%Y}"
        )
        varsler.append({
            "navn": f"Innkallingen til {mote.utvalg.navn} {mote.dato:%d.%m.%Y} er ikke publisert",
            "varsel": f"{naar} ({mote.utvalg.innkallingsfrist} dager før møtet).",
            "antall": "!",
            "url": reverse("utvalg:mote", args=[mote.pk]) + "#innkalling",
            "egen": mote.utvalg.sekretaer_id == user.pk,
        })  # fmt: skip
    return sorted(varsler, key=lambda v: not v["egen"])
