"""Write-off (avskrivning) of received posts and the replies that answer them (DOMAIN.md §6).

A restanse is a received post (I, or N for its recipient) that is not finally written off;
a write-off with `***` (preliminary answer) keeps it a restanse. The final write-off's date is
kept on the post (`Journalpost.avskrevet_dato`, set here and nowhere else), so that the
worklists find the open ones through the partial indexes `jp_restanse_*`.
"""

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import (
    Avskrivning,
    Avskrivningsmaate,
    Ekspedisjonsmaate,
    Journalpost,
    Journalposttype,
    Journalstatus,
    Korrespondansepart,
    Korrespondanseparttype,
)
from . import laas, tillatelser
from .registration import registrer_journalpost

ENDELIGE = [m for m in Avskrivningsmaate.values if m != Avskrivningsmaate.FORELOPIG_SVAR]


def restanse_q() -> Q:
    """Posts that are open restanser (used on Journalpost querysets): incoming letters that
    are not void, and notes for follow-up once sent (a draft note is nobody's restanse)."""
    mottatt = Q(journalposttype=Journalposttype.INNGAENDE) & ~Q(journalstatus=Journalstatus.UTGAR)
    notat = Q(
        journalposttype=Journalposttype.NOTAT_MED_OPPFOLGING,
        journalstatus__in=[Journalstatus.EKSPEDERT, Journalstatus.JOURNALFORT],
    )
    # The type list repeats what the two arms say, so that PostgreSQL sees at once that the
    # partial indexes `jp_restanse_*` (I/N, not written off) hold every row asked for.
    return (
        Q(journalposttype__in=[Journalposttype.INNGAENDE, Journalposttype.NOTAT_MED_OPPFOLGING])
        & (mottatt | notat)
        & Q(avskrevet_dato__isnull=True)
    )


def med_restanse(qs):
    """Annotate each post with `er_restanse` (in the same query)."""
    return qs.annotate(er_restanse=ExpressionWrapper(restanse_q(), output_field=BooleanField()))


def er_restanse(post) -> bool:
    """Is the post an open restanse now (asks the database)?"""
    return Journalpost.objects.filter(pk=post.pk).filter(restanse_q()).exists()


def er_restanse_felt(post) -> bool:
    """restanse_q() for a post just read, from its own fields (no query; the post page). The
    two must agree (tests/journal/test_flyt_avskrivning.py compares them)."""
    if post.avskrevet_dato is not None:
        return False
    if post.journalposttype == Journalposttype.INNGAENDE:
        return post.journalstatus != Journalstatus.UTGAR
    return post.journalposttype == Journalposttype.NOTAT_MED_OPPFOLGING and (
        post.journalstatus in (Journalstatus.EKSPEDERT, Journalstatus.JOURNALFORT)
    )


def _merk_avskrevet(actor, post: Journalpost, avskrivning: Avskrivning) -> None:
    """Keep the final write-off on the post (compare-and-set: written off once). A received
    post still in M is marked received (S) by the same step (seed 001: the caseworker marks
    it received, writes it off, and archive journalises it), so it reaches archive's «Til
    journalføring» instead of waiting in M for ever."""
    changed = Journalpost.objects.filter(pk=post.pk, avskrevet_dato__isnull=True).update(
        avskrevet_dato=avskrivning.avskrivningsdato
    )
    if changed != 1:
        raise DomainError(f"{post} er allerede avskrevet.")
    post.avskrevet_dato = avskrivning.avskrivningsdato
    if post.journalposttype == Journalposttype.INNGAENDE and (
        post.journalstatus == Journalstatus.MIDLERTIDIG
    ):
        mottatt = Journalpost.objects.filter(
            pk=post.pk, journalstatus=Journalstatus.MIDLERTIDIG
        ).update(journalstatus=Journalstatus.REGISTRERT_AV_SB)
        if mottatt:
            post.journalstatus = Journalstatus.REGISTRERT_AV_SB
            audit.record(actor, post, "merket som mottatt ved avskrivning", endringer={
                "journalstatus": {"for": Journalstatus.MIDLERTIDIG,
                                  "etter": Journalstatus.REGISTRERT_AV_SB}})  # fmt: skip


@transaction.atomic
def avskriv(
    actor,
    post: Journalpost,
    avskrivningsmaate: str,
    *,
    merknad: str = "",
    besvart_med: Journalpost | None = None,
) -> Avskrivning:
    """Write off a received post. `***` records a preliminary answer: it stays a restanse."""
    post = laas.post(post.pk)
    tillatelser.journalpost(actor, post).krev("avskriv")
    if avskrivningsmaate not in Avskrivningsmaate.values:
        raise DomainError("Velg en avskrivningsmåte.", field="avskrivningsmaate")
    if besvart_med is not None and besvart_med.saksmappe_id != post.saksmappe_id:
        raise DomainError("Svaret må ligge i samme sak.", field="besvart_med")
    avskrivning = Avskrivning.objects.create(
        journalpost=post,
        avskrivningsmaate=avskrivningsmaate,
        avskrivningsdato=timezone.localdate(),
        avskrevet_av=actor,
        avskrives_av_journalpost=besvart_med,
        merknad=merknad.strip()[:300],
    )
    if avskrivningsmaate in ENDELIGE:
        _merk_avskrevet(actor, post, avskrivning)
    beskrivelse = avskrivning.get_avskrivningsmaate_display()
    if besvart_med is not None:
        beskrivelse += f" med {besvart_med.saksdokumentnummer}"
    audit.record(
        actor,
        post,
        "foreløpig svar" if avskrivningsmaate == Avskrivningsmaate.FORELOPIG_SVAR else "avskrevet",
        endringer={"avskrivningsmaate": {"for": None, "etter": avskrivningsmaate}},
        beskrivelse=beskrivelse,
    )
    return avskrivning


@transaction.atomic
def besvar(
    actor,
    post: Journalpost,
    *,
    journalposttype: str = Journalposttype.UTGAENDE,
    avskriv_ved_ferdigstilling: bool = True,
    tittel: str = "",
    offentlig_tittel: str = "",
) -> Journalpost:
    """«Besvar og avskriv» / «Besvar uten å avskrive»: a reply (U or N) as a draft in the same
    case, linked to the received post. With write-off, the received post is written off (BU
    or NN) when the reply is finished."""
    post = laas.post(post.pk)
    tillatelser.journalpost(actor, post).krev("besvar")
    if journalposttype not in (Journalposttype.UTGAENDE, Journalposttype.NOTAT_MED_OPPFOLGING):
        raise DomainError("Et svar er et utgående brev (U) eller et notat (N).")
    if avskriv_ved_ferdigstilling and not er_restanse(post):
        raise DomainError(f"{post} er allerede avskrevet. Velg «Besvar uten å avskrive».")
    svar = registrer_journalpost(
        actor,
        post.saksmappe,
        journalposttype=journalposttype,
        tittel=tittel.strip() or f"Svar – {post.tittel}",
        offentlig_tittel=offentlig_tittel
        or (f"Svar – {post.offentlig_tittel}" if post.tilgangskode_id and not tittel else ""),
        administrativ_enhet=post.administrativ_enhet,
        saksbehandler=actor,
        tilgangskode=post.tilgangskode_id,
        skjermingshjemmel=post.skjermingshjemmel,
        ekspedisjonsmaate=_svarmaate(post) if journalposttype == Journalposttype.UTGAENDE else "",
        skjerm_korrespondanseparter=post.skjerm_korrespondanseparter,
        besvarer=post,
        avskriv_ved_ferdigstilling=avskriv_ved_ferdigstilling,
    )
    # The sender of what we answer is the recipient of the answer.
    if journalposttype == Journalposttype.UTGAENDE:
        for part in post.korrespondanseparter.filter(
            korrespondanseparttype=Korrespondanseparttype.AVSENDER
        ):
            Korrespondansepart.objects.create(
                journalpost=svar,
                korrespondanseparttype=Korrespondanseparttype.MOTTAKER,
                navn=part.navn,
                adresse=part.adresse,
                postnummer=part.postnummer,
                poststed=part.poststed,
                epost=part.epost,
            )
    else:
        author = post.saksbehandler or post.opprettet_av
        Korrespondansepart.objects.create(
            journalpost=svar,
            korrespondanseparttype=Korrespondanseparttype.INTERN_MOTTAKER,
            navn=author.get_full_name() or author.get_username(),
            person=author,
            enhet=post.administrativ_enhet,
        )
    audit.record(
        actor,
        post,
        "besvart" if avskriv_ved_ferdigstilling else "besvart uten avskrivning",
        beskrivelse=f"Svar: {svar.saksdokumentnummer}",
    )
    return svar


def _svarmaate(post) -> str:
    """Answer the way the letter came: by e-mail when the sender gave an address."""
    senders = post.korrespondanseparter.filter(
        korrespondanseparttype=Korrespondanseparttype.AVSENDER
    )
    return Ekspedisjonsmaate.EPOST if senders.exclude(epost="").exists() else Ekspedisjonsmaate.POST


def avskriv_besvart_ved_ferdigstilling(actor, svar: Journalpost) -> Avskrivning | None:
    """Called when a reply is finished: write off the post it answers (BU for a letter, NN
    for a note), unless that post is already written off."""
    if not (svar.avskriv_ved_ferdigstilling and svar.besvarer_id):
        return None
    besvart = Journalpost.objects.select_for_update().get(pk=svar.besvarer_id)
    if not er_restanse(besvart):
        return None
    maate = (
        Avskrivningsmaate.BREV
        if svar.journalposttype == Journalposttype.UTGAENDE
        else Avskrivningsmaate.NOTAT
    )
    avskrivning = Avskrivning.objects.create(
        journalpost=besvart,
        avskrivningsmaate=maate,
        avskrivningsdato=timezone.localdate(),
        avskrevet_av=actor,
        avskrives_av_journalpost=svar,
    )
    _merk_avskrevet(actor, besvart, avskrivning)
    audit.record(
        actor,
        besvart,
        "avskrevet",
        endringer={"avskrivningsmaate": {"for": None, "etter": maate}},
        beskrivelse=f"{avskrivning.get_avskrivningsmaate_display()} med {svar.saksdokumentnummer}",
    )
    return avskrivning
