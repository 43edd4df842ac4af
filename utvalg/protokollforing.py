"""After the meeting (issue 18, items 6–7): the secretary closes the held meeting, publishes
the minutes (and, with exempt items or protected decisions, the public minutes made from the
same data at the same time) and the decisions list as journal posts in the committee's
meeting case; the committee approves the minutes — at its next meeting (the standing item
«Godkjenning av protokoll») or by its chair when it has so decided — and they are locked.

- Before approval the minutes are made again whenever the secretary edits a stock phrase
  or a decision: each time a new version of the same documents (logged with checksums).
- Approval sets the meeting to «Protokoll godkjent» and the minutes' posts F → G, and
  prints the approval in them. From then on attendance, proposals, votes and results are
  locked (frammote._laas): a change is a correction (`korriger`) with a reason, logged on
  the meeting and on each minutes post, whose documents get a new version listing it.
"""

import io
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from pypdf import PdfReader

from journal.models import Dokument, Journalpost, Journalstatus
from journal.services.dokumenter import ny_versjon
from saksarkiv import audit
from saksarkiv.pdf import render_pdf
from saksarkiv.pdftekst import pdf_tekst
from saksarkiv.riktekst import er_tom, rens
from saksarkiv.services import DomainError

from . import frammote, innkalling, protokoll
from . import tillatelser as regler
from .models import (
    Behandlingsresultat,
    Medlem,
    Medlemsrolle,
    Mote,
    Motedokument,
    Motedokumenttype,
    Motestatus,
    Sakskartpunkt,
    Sakstype,
    Votering,
)

T = Motedokumenttype
PROTOKOLLER = (T.PROTOKOLL, T.OFFENTLIG_PROTOKOLL)
RETTET = protokoll.RETTET


def _laas(actor, mote: Mote) -> Mote:
    mote = Mote.objects.select_for_update(of=("self",)).select_related("utvalg").get(pk=mote.pk)
    regler.utvalg(actor, mote.utvalg).krev("moter")
    return mote


def forrige_mote(mote: Mote) -> Mote | None:
    """The committee's last held meeting before `mote`: the minutes its standing item
    «Godkjenning av protokoll» approves."""
    return (
        Mote.objects.filter(utvalg=mote.utvalg_id, dato__lt=mote.dato)
        .filter(status__in=(Motestatus.GJENNOMFORT, Motestatus.PROTOKOLL_GODKJENT))
        .order_by("-dato", "-klokkeslett").first()
    )  # fmt: skip


def dokumenter(mote: Mote) -> list[Motedokument]:
    return list(
        Motedokument.objects.filter(mote=mote, type__in=(*PROTOKOLLER, T.VEDTAKSLISTE))
        .select_related("journalpost").order_by("type")
    )  # fmt: skip


# --- Closing the meeting ----------------------------------------------------------------------


@transaction.atomic
def avslutt(actor, mote: Mote) -> Mote:
    """The meeting is held: every political case on the agenda has its result. The
    caseworkers are told which decisions they have to expedite."""
    mote = _laas(actor, mote)
    if mote.status != Motestatus.INNKALT:
        raise DomainError(f"Møtet er {mote.get_status_display().lower()}; bare et innkalt møte "
                          "kan avsluttes.")  # fmt: skip
    if not mote.frammote.exists():
        raise DomainError("Registrer oppropet før møtet avsluttes.")
    apne = [
        p.saksnummer for p in Sakskartpunkt.objects.filter(
            mote=mote, trukket__isnull=True, resultat="", behandling__isnull=False,
            sakstype=Sakstype.POLITISK,
        ).order_by("rekkefolge")
    ]  # fmt: skip
    if apne:
        raise DomainError(f"Registrer resultatet for {', '.join(apne)} før møtet avsluttes.")
    mote.status = Motestatus.GJENNOMFORT
    mote.save(update_fields=["status"])
    audit.record(actor, mote, "møtet avsluttet", endringer={
        "status": {"for": Motestatus.INNKALT, "etter": Motestatus.GJENNOMFORT}})  # fmt: skip
    # Back to the case: each treated item is written into its post's history.
    for p in Sakskartpunkt.objects.filter(
        mote=mote, trukket__isnull=True, behandling__isnull=False
    ).exclude(resultat="").select_related("behandling__journalpost"):  # fmt: skip
        audit.record(actor, p.behandling.journalpost, "behandlet i utvalg",
                     beskrivelse=f"{mote.utvalg.navn} {mote.dato:%d.%m.%Y}, {p.saksnummer}: "
                                 f"{p.get_resultat_display().lower()}")  # fmt: skip
    from . import ekspedering

    ekspedering.varsle(mote)
    return mote


# --- The minutes and the decisions list -------------------------------------------------------


@dataclass
class Versjon:
    type: str
    offentlig: bool
    tittel: str
    offentlig_tittel: str = ""
    tilgangskode: str | None = None
    hjemmel: str = ""

    @property
    def vakt(self) -> bool:
        """Published to everyone: checked for personal ID numbers first."""
        return self.tilgangskode is None


def _versjoner(mote: Mote) -> list[Versjon]:
    """The minutes' versions: one, public as it is, or the members' (MU) and the public."""
    saker = protokoll.saker(mote, offentlig=True)
    skjult = [s for s in saker if s.skjult or s.vedtak_skjult]
    navn = f"Møteprotokoll {mote.utvalg.navn} {mote.dato:%d.%m.%Y}"
    if not skjult:
        return [Versjon(T.PROTOKOLL, False, navn)]
    hjemler = sorted({s.hjemmel for s in skjult if s.hjemmel} | {
        s.vedtak_skjult for s in skjult if s.vedtak_skjult})  # fmt: skip
    return [
        Versjon(T.PROTOKOLL, False, f"{navn} – med unntatte saker", f"{navn} – *****", "MU",
                "; ".join(hjemler) or "Offl. § 14 / koml. § 11-5"),
        Versjon(T.OFFENTLIG_PROTOKOLL, True, f"Offentlig møteprotokoll {mote.utvalg.navn} "
                f"{mote.dato:%d.%m.%Y}"),
    ]  # fmt: skip


def _id_vakt(mote: Mote, data: bytes, hva: str) -> None:
    if funn := innkalling._unike(pdf_tekst(data, hva)):
        raise DomainError(
            f"{hva} er ikke publisert: den offentlige versjonen ville vist et fødselsnummer "
            f"({', '.join(funn)}). Skjerm det der det står, og prøv igjen.",
        )


def _lag(mote: Mote, offentlig: bool, referanse: str, vakt: bool) -> tuple[bytes, int]:
    data = protokoll.bygg(mote, offentlig=offentlig, referanse=referanse)
    if vakt:
        _id_vakt(mote, data, "Protokollen")
    return data, _sider(data)


def _sider(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def _ny_versjon(actor, motedokument: Motedokument, beskrivelse: str) -> None:
    post = motedokument.journalpost
    data, _s = _lag(motedokument.mote, motedokument.type == T.OFFENTLIG_PROTOKOLL,
                    post.saksdokumentnummer, vakt=post.tilgangskode_id is None)  # fmt: skip
    hoved = Dokument.objects.get(journalpost=post, tilknyttet_registrering_som="H")
    ny_versjon(actor, hoved, data, beskrivelse=beskrivelse)


@transaction.atomic
def publiser_protokoll(actor, mote: Mote) -> list[Motedokument]:
    """Publish the minutes of a held meeting — or make them again, as new versions of the
    same posts, after the secretary edited them. Locked once approved."""
    mote = _laas(actor, mote)
    if mote.status == Motestatus.PROTOKOLL_GODKJENT:
        raise DomainError("Protokollen er godkjent og låst. Endringer registreres som rettelser "
                          "med begrunnelse.")  # fmt: skip
    if mote.status != Motestatus.GJENNOMFORT:
        raise DomainError("Avslutt møtet før protokollen lages.")
    versjoner = _versjoner(mote)
    finnes = {d.type: d for d in dokumenter(mote) if d.type in PROTOKOLLER}
    if finnes:
        if set(finnes) != {v.type for v in versjoner}:
            raise DomainError(
                "En sak er blitt unntatt (eller åpnet) etter at protokollen ble laget, så den "
                "trenger en annen offentlig versjon. Be arkivet registrere protokollen på nytt."
            )
        for v in versjoner:
            _ny_versjon(actor, finnes[v.type], "Protokollen laget på nytt før godkjenning")
        audit.record(actor, mote, "protokoll laget på nytt")
        return [finnes[v.type] for v in versjoner]
    saksmappe = innkalling.motesak(actor, mote)
    nye = []
    for v in versjoner:

        def lag(referanse, v=v):
            return _lag(mote, v.offentlig, referanse, v.vakt)

        nye.append(innkalling.registrer_motedokument(
            actor, saksmappe, mote, 0, v.type, lag=lag, tittel=v.tittel,
            offentlig_tittel=v.offentlig_tittel, tilgangskode=v.tilgangskode, hjemmel=v.hjemmel,
            journalstatus=Journalstatus.FERDIGSTILT,
        ))  # fmt: skip
    offentlig = " og offentlig versjon" if len(versjoner) > 1 else ""
    audit.record(actor, mote, "protokoll publisert", beskrivelse=f"Møteprotokoll{offentlig}, "
                 "ikke godkjent")  # fmt: skip
    return nye


@transaction.atomic
def publiser_vedtaksliste(actor, mote: Mote) -> Motedokument:
    """The decisions list, public, as soon as the meeting is held (seed 001: the day after):
    each item's public title and result, and its decision unless exempt or protected —
    marked «ikke godkjent» until the minutes are."""
    mote = _laas(actor, mote)
    if mote.status not in (Motestatus.GJENNOMFORT, Motestatus.PROTOKOLL_GODKJENT):
        raise DomainError("Vedtakslisten publiseres når møtet er avsluttet.")
    if Motedokument.objects.filter(mote=mote, type=T.VEDTAKSLISTE).exists():
        raise DomainError("Vedtakslisten er allerede publisert.")

    def lag(referanse):
        data = bygg_vedtaksliste(mote, referanse=referanse)
        _id_vakt(mote, data, "Vedtakslisten")
        return data, _sider(data)

    dokument = innkalling.registrer_motedokument(
        actor, innkalling.motesak(actor, mote), mote, 0, T.VEDTAKSLISTE, lag=lag,
        tittel=f"Vedtaksliste {mote.utvalg.navn} {mote.dato:%d.%m.%Y}",
    )  # fmt: skip
    audit.record(actor, mote, "vedtaksliste publisert")
    return dokument


def bygg_vedtaksliste(mote: Mote, *, referanse: str = "") -> bytes:
    saker = [s for s in protokoll.saker(mote, offentlig=True) if s.punkt.behandling_id]
    for s in saker:
        s.vedtak_html = mark_safe(rens(s.punkt.vedtak))  # noqa: S308 - cleaned
    context = {
        "tittel": f"Vedtaksliste – {mote.utvalg.navn} {mote.dato:%d.%m.%Y}",
        "mote": mote,
        "utvalg": mote.utvalg,
        "referanse": referanse,
        "saker": saker,
        "godkjent": mote.status == Motestatus.PROTOKOLL_GODKJENT,
    }
    return render_pdf("print/vedtaksliste.html", context, archival=True)


# --- Approval and lock ----------------------------------------------------------------------


def _godkjenn(actor, mote: Mote, hvordan: str) -> Mote:
    if mote.status == Motestatus.PROTOKOLL_GODKJENT:
        raise DomainError(f"Protokollen fra {mote} er allerede godkjent.")
    if mote.status != Motestatus.GJENNOMFORT:
        raise DomainError(f"Møtet {mote} er ikke avsluttet.")
    publisert = [d for d in dokumenter(mote) if d.type in PROTOKOLLER]
    if not publisert:
        raise DomainError(f"Protokollen fra {mote} er ikke laget ennå.")
    mote.status = Motestatus.PROTOKOLL_GODKJENT
    mote.protokoll_godkjent = timezone.now()
    mote.protokoll_godkjent_av = actor
    mote.protokoll_godkjenning = hvordan
    mote.save(update_fields=["status", "protokoll_godkjent", "protokoll_godkjent_av",
                             "protokoll_godkjenning"])  # fmt: skip
    audit.record(actor, mote, "protokoll godkjent", beskrivelse=hvordan, endringer={
        "status": {"for": Motestatus.GJENNOMFORT,
                   "etter": Motestatus.PROTOKOLL_GODKJENT}})  # fmt: skip
    for d in publisert:
        _ny_versjon(actor, d, f"Godkjent: {hvordan}")
        Journalpost.objects.filter(pk=d.journalpost_id).update(journalstatus=Journalstatus.GODKJENT)
        audit.record(actor, d.journalpost, "protokoll godkjent", beskrivelse=hvordan, endringer={
            "journalstatus": {"for": Journalstatus.FERDIGSTILT,
                              "etter": Journalstatus.GODKJENT}})  # fmt: skip
    return mote


def godkjenn_i_mote(actor, punkt: Sakskartpunkt) -> Mote | None:
    """The standing item «Godkjenning av protokoll» carried: the committee's last held
    meeting's minutes are approved. Called by resultat.avgjor inside its transaction."""
    forrige = forrige_mote(punkt.mote)
    if forrige is None or forrige.status == Motestatus.PROTOKOLL_GODKJENT:
        return None
    forrige = _laas(actor, forrige)
    hvordan = f"Godkjent i møte {punkt.mote.dato:%d.%m.%Y}, {punkt.saksnummer or 'sak 2'}"
    return _godkjenn(actor, forrige, hvordan)


def moteleder(mote: Mote) -> Medlem | None:
    return (
        Medlem.objects.gyldige(mote.dato)
        .filter(utvalg=mote.utvalg_id, rolle=Medlemsrolle.LEDER)
        .select_related("person").first()
    )  # fmt: skip


@transaction.atomic
def godkjenn_av_leder(actor, mote: Mote) -> Mote:
    """Approval by the chair, when the committee has so decided (Utvalg.protokoll_av_leder):
    the chair approves, or the secretary registers the chair's approval."""
    mote = Mote.objects.select_for_update(of=("self",)).select_related("utvalg").get(pk=mote.pk)
    leder = moteleder(mote)
    regler.mote(actor, mote).krev("godkjenn_protokoll")
    navn = leder.person.get_full_name() if leder else "møteleder"
    return _godkjenn(actor, mote, f"Godkjent av møteleder {navn} etter fullmakt fra utvalget, "
                                  f"{timezone.localdate():%d.%m.%Y}")  # fmt: skip


# --- Editing the minutes: before the lock, and corrections after --------------------------------


def _endre(actor, punkt: Sakskartpunkt, *, vedtak, setninger, endringer) -> None:
    if vedtak is not None:
        vedtak = "" if er_tom(vedtak) else rens(vedtak)
        if punkt.resultat in (Behandlingsresultat.VEDTATT, Behandlingsresultat.ENDRET) and not (
            vedtak
        ):
            raise DomainError("Vedtaket kan ikke være tomt.", field="vedtak")
        if vedtak != punkt.vedtak:
            endringer["vedtak"] = {"for": punkt.vedtak, "etter": vedtak}
            punkt.vedtak = vedtak
            punkt.save(update_fields=["vedtak"])
    voteringer = {v.pk: v for v in Votering.objects.filter(punkt=punkt)}
    if setninger:
        til_stede = frammote.tilstede(punkt.mote).get(punkt.pk)
        antall = len(til_stede.tilstede) if til_stede else 0
    for pk, tekst in (setninger or {}).items():
        v = voteringer.get(int(pk))
        if v is None:
            raise DomainError("Voteringen hører ikke til saken.")
        tekst = " ".join((tekst or "").split())
        if len(tekst) > 1000:
            raise DomainError("Protokollteksten kan være høyst 1000 tegn.", field=f"setning-{pk}")
        if tekst == protokoll.setning(v, antall):
            tekst = ""  # the generated phrase: follows the vote if it is corrected
        if tekst != v.tekst:
            endringer[f"votering {v.rekkefolge}"] = {"for": v.tekst, "etter": tekst}
            v.tekst = tekst
            v.save(update_fields=["tekst"])


@transaction.atomic
def rediger(actor, punkt: Sakskartpunkt, *, vedtak=None, setninger=None) -> dict:
    """Before the lock: the secretary edits an item's stock phrases (blank: the generated
    one) or its decision text, and publishes the minutes again when she is done."""
    mote = frammote._laas(actor, punkt.mote)
    punkt = Sakskartpunkt.objects.select_for_update().get(pk=punkt.pk, mote=mote)
    endringer: dict = {}
    _endre(actor, punkt, vedtak=vedtak, setninger=setninger, endringer=endringer)
    if endringer:
        audit.record(actor, mote, "protokolltekst endret", endringer=endringer,
                     beskrivelse=punkt.saksnummer)  # fmt: skip
    return endringer


@transaction.atomic
def korriger(actor, punkt: Sakskartpunkt, *, grunn: str, vedtak=None, setninger=None) -> dict:
    """After approval: a correction of the locked minutes, with its reason — logged on the
    meeting and on each minutes post, whose documents get a new version listing it."""
    mote = _laas(actor, punkt.mote)
    if mote.status != Motestatus.PROTOKOLL_GODKJENT:
        raise DomainError("Protokollen er ikke låst ennå: endre den direkte.")
    grunn = " ".join((grunn or "").split())
    if not grunn:
        raise DomainError("Skriv hvorfor den godkjente protokollen rettes.", field="grunn")
    punkt = Sakskartpunkt.objects.select_for_update().get(pk=punkt.pk, mote=mote)
    endringer: dict = {}
    _endre(actor, punkt, vedtak=vedtak, setninger=setninger, endringer=endringer)
    if not endringer:
        raise DomainError("Ingenting er endret.")
    beskrivelse = f"{punkt.saksnummer}: {grunn}"[:500]
    audit.record(actor, mote, RETTET, endringer=endringer, beskrivelse=beskrivelse)
    for d in dokumenter(mote):
        if d.type in PROTOKOLLER:
            audit.record(actor, d.journalpost, RETTET, beskrivelse=beskrivelse)
            _ny_versjon(actor, d, f"Rettelse etter godkjenning – {beskrivelse}"[:500])
    return endringer
