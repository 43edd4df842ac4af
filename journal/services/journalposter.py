"""A journal post's life after registration: status transitions, edits, correspondents,
remarks, and archive's move, copy and void (DOMAIN.md §4)."""

import uuid

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from saksarkiv import audit
from saksarkiv.services import DomainError

from .. import numbering
from ..models import (
    Dokument,
    Journalpost,
    Journalposttype,
    Korrespondansepart,
    Korrespondanseparttype,
    Merknad,
    Saksmappe,
    Saksstatus,
    TilknyttetRegistreringSom,
)
from . import avskrivning, laas, publisering, regler, tillatelser
from .registration import _screening

REDIGERBARE_FELT = (
    "tittel",
    "offentlig_tittel",
    "tilgangskode",
    "skjermingshjemmel",
    "skjerm_korrespondanseparter",
    "skjerm_dokumenter",
    "dokumentdato",
    "forfallsdato",
    "ekspedisjonsmaate",
)


def _locked(post: Journalpost) -> Journalpost:
    return laas.post(post.pk, "administrativ_enhet")


ENDRET_AV_ANDRE = "Journalposten er endret av noen andre i mellomtiden. Last siden på nytt."


def _compare_and_set(post: Journalpost, til: str, **fields) -> None:
    """Change the status only if nobody else changed it first (two clicks, one winner)."""
    changed = Journalpost.objects.filter(pk=post.pk, journalstatus=post.journalstatus).update(
        journalstatus=til, **fields
    )
    if changed != 1:
        raise DomainError(ENDRET_AV_ANDRE)


def _godkjenning_mangler(post: Journalpost) -> str | None:
    """Why an own document may not be finished yet because of its approval flags."""
    siste = post.godkjenninger.order_by("-sendt", "-id").first()
    if siste is None:
        return None
    if siste.svar == "":
        return f"Journalposten venter på godkjenning fra {siste.sendt_til.get_full_name()}."
    if siste.svar == "IG":
        return (
            "Journalposten er ikke godkjent. Rett den og send den til godkjenning på nytt "
            "før du ferdigstiller."
        )
    return None


def ved_ferdigstilling(actor, post: Journalpost) -> None:
    """What the apps above the journal do when a post is finished (F), before its main
    document is required: e.g. a text written in the browser becomes the main document
    (settings.SAKSARKIV_VED_FERDIGSTILLING: functions (actor, post) that may refuse with a
    DomainError)."""
    for hook in settings.SAKSARKIV_VED_FERDIGSTILLING:
        import_string(hook)(actor, post)


@transaction.atomic
def endre_status(actor, post: Journalpost, handling: str, *, begrunnelse: str = "") -> Journalpost:
    """Move a post through its journal-status workflow (see regler.JOURNALSTATUS_OVERGANGER)."""
    sett = post.journalstatus  # the status the user acted on: a stale view loses
    post = _locked(post)
    if post.journalstatus != sett:
        raise DomainError(ENDRET_AV_ANDRE)
    overgang = regler.finn_overgang(post, handling)  # an unknown or impossible step: 409
    tillatelser.journalpost(actor, post).krev(handling)
    extra = {}
    if handling == "ferdigstill":
        ved_ferdigstilling(actor, post)
        if not post.dokumenter.filter(
            tilknyttet_registrering_som=TilknyttetRegistreringSom.HOVEDDOKUMENT
        ).exists():
            raise DomainError("Last opp hoveddokumentet før du ferdigstiller.")
        if reason := _godkjenning_mangler(post):
            raise DomainError(reason)
    elif handling == "ekspeder":
        if post.journalposttype == Journalposttype.UTGAENDE:
            if not post.ekspedisjonsmaate:
                raise DomainError(
                    "Velg ekspedisjonsmåte før du ekspederer.", field="ekspedisjonsmaate"
                )
            if not post.korrespondanseparter.filter(
                korrespondanseparttype=Korrespondanseparttype.MOTTAKER
            ).exists():
                raise DomainError("Et utgående brev må ha minst én mottaker.")
        extra["ekspedert_dato"] = timezone.localdate()
    elif handling == "journalfor":
        if post.tilgangskode_id and post.tilgangskode.midlertidig:
            raise DomainError(
                f"Journalposten er midlertidig sperret ({post.tilgangskode_id}): lederen må "
                "avgjøre skjermingen før den journalføres."
            )
        if post.journalposttype == Journalposttype.SAKSFRAMLEGG and post.behandlingsstatus != "KL":
            raise DomainError("Saksframlegget er ikke godkjent av rådmannen ennå.")
        if funn := publisering.personnummer_funn(post):
            raise DomainError(
                "Journalposten blir offentlig i postlisten når den journalføres, og den har "
                "fødselsnummer. Skjerm tittelen, partene eller dokumentene først.",
                details=funn,
            )
    elif handling == "utgaar":
        if not begrunnelse.strip():
            raise DomainError("Skriv hvorfor journalposten utgår.", field="begrunnelse")
        if post.journalposttype == Journalposttype.SAKSFRAMLEGG:
            extra["behandlingsstatus"] = ""
        # A void post waits for nobody's approval.
        post.godkjenninger.filter(svar="").update(
            svar="IG",
            besvart=timezone.now(),
            besvart_av=actor,
            kommentar=f"Journalposten er satt til utgår: {begrunnelse.strip()}",
        )
    elif handling == "gjenapne" and post.journalposttype == Journalposttype.SAKSFRAMLEGG:
        raise DomainError("Et saksframlegg trekkes tilbake gjennom godkjenningen.")
    fra = post.journalstatus
    _compare_and_set(post, overgang.til, **extra)
    post.refresh_from_db()
    audit.record(
        actor,
        post,
        overgang.knapp.lower(),
        endringer={"journalstatus": {"for": fra, "etter": overgang.til}},
        beskrivelse=begrunnelse.strip(),
    )
    if handling == "ferdigstill":
        avskrivning.avskriv_besvart_ved_ferdigstilling(actor, post)
    if handling == "journalfor" and post.saksmappe.saksstatus == Saksstatus.RESERVERT:
        # A journalised document means the case is under way.
        Saksmappe.objects.filter(pk=post.saksmappe_id, saksstatus=Saksstatus.RESERVERT).update(
            saksstatus=Saksstatus.UNDER_BEHANDLING
        )
        audit.record(
            actor,
            post.saksmappe,
            "under behandling",
            endringer={"saksstatus": {"for": "R", "etter": "B"}},
        )
    return post


@transaction.atomic
def endre_journalpost(actor, post: Journalpost, **values) -> Journalpost:
    """Edit a post's metadata; the audit entry holds before and after."""
    post = _locked(post)
    tillatelser.journalpost(actor, post).krev("endre")
    unknown = set(values) - set(REDIGERBARE_FELT)
    if unknown:
        raise DomainError(f"Feltene {', '.join(sorted(unknown))} kan ikke endres her.")
    before = audit.snapshot(post, REDIGERBARE_FELT)
    kode = values.pop("tilgangskode", post.tilgangskode_id)
    kode = getattr(kode, "pk", kode)
    screening = _screening(
        values.pop("tittel", post.tittel),
        values.pop("offentlig_tittel", post.offentlig_tittel if kode else ""),
        kode,
        values.pop("skjermingshjemmel", post.skjermingshjemmel),
        "Journalposten",
    )
    dokumentdato = values.get("dokumentdato", post.dokumentdato)
    forfallsdato = values.get("forfallsdato", post.forfallsdato)
    if dokumentdato and forfallsdato and forfallsdato < dokumentdato:
        raise DomainError("Forfallsdatoen kan ikke være før dokumentdatoen.", field="forfallsdato")
    for name, value in {**screening, **values}.items():
        setattr(post, name, value)
    post.save()
    post.refresh_from_db()
    changes = audit.diff(before, audit.snapshot(post, REDIGERBARE_FELT))
    if changes:
        audit.record(actor, post, "endret", endringer=changes)
    return post


@transaction.atomic
def legg_til_korrespondansepart(
    actor,
    post: Journalpost,
    *,
    korrespondanseparttype: str,
    navn: str = "",
    person=None,
    enhet=None,
    **address,
) -> Korrespondansepart:
    """Add a sender, recipient or copy recipient; internal ones name a person or unit. An
    internal copy recipient (IK) finds the post in their kopiboks."""
    post = _locked(post)
    kopi = korrespondanseparttype == Korrespondanseparttype.INTERN_KOPIMOTTAKER
    tillatelser.journalpost(actor, post).krev("kopi" if kopi else "korrespondanseparter")
    if korrespondanseparttype not in Korrespondanseparttype.values:
        raise DomainError("Velg type korrespondansepart.", field="korrespondanseparttype")
    internal = korrespondanseparttype.startswith("I")
    if internal and person is None and enhet is None:
        raise DomainError("Velg en intern person eller enhet.", field="person")
    if internal and not navn:
        navn = person.get_full_name() if person is not None else enhet.navn
    navn = navn.strip()
    if not navn:
        raise DomainError("Oppgi navnet.", field="navn")
    part = Korrespondansepart.objects.create(
        journalpost=post,
        korrespondanseparttype=korrespondanseparttype,
        navn=navn,
        person=person,
        enhet=enhet,
        **{k: (v or "").strip() for k, v in address.items()},
    )
    audit.record(
        actor,
        post,
        "korrespondansepart lagt til",
        endringer={part.get_korrespondanseparttype_display().lower(): {"for": None, "etter": navn}},
    )
    return part


@transaction.atomic
def fjern_korrespondansepart(actor, part: Korrespondansepart) -> None:
    post = _locked(part.journalpost)
    tillatelser.journalpost(actor, post).krev("fjern_korrespondansepart")
    audit.record(
        actor,
        post,
        "korrespondansepart fjernet",
        endringer={
            part.get_korrespondanseparttype_display().lower(): {"for": part.navn, "etter": None}
        },
    )
    part.delete()


@transaction.atomic
def legg_til_merknad(actor, post: Journalpost, tekst: str) -> Merknad:
    tillatelser.journalpost(actor, post).krev("merknad")
    tekst = tekst.strip()
    if not tekst:
        raise DomainError("Skriv merknaden.", field="tekst")
    merknad = Merknad.objects.create(journalpost=post, tekst=tekst, registrert_av=actor)
    audit.record(actor, post, "merknad", endringer={"merknad": {"for": None, "etter": tekst[:300]}})
    return merknad


def _krev_mottakersak(sak: Saksmappe, post: Journalpost) -> Saksmappe:
    sak = Saksmappe.objects.select_for_update().get(pk=sak.pk)
    if sak.pk == post.saksmappe_id:
        raise DomainError("Velg en annen sak enn den posten ligger i.", field="saksmappe")
    regler.krev_aapen_sak(sak)
    return sak


@transaction.atomic
def flytt(actor, post: Journalpost, ny_sak: Saksmappe) -> Journalpost:
    """Move a post to another case (archive only). It keeps its journal number and gets the
    next document number in the new case."""
    post = _locked(post)
    tillatelser.journalpost(actor, post).krev("flytt")
    ny_sak = _krev_mottakersak(ny_sak, post)
    gammel = post.saksmappe
    fra = post.saksdokumentnummer
    post.saksmappe = ny_sak
    post.dokumentnummer = numbering.next_document_number(ny_sak)
    post.save(update_fields=["saksmappe", "dokumentnummer"])
    post.refresh_from_db()
    til = post.saksdokumentnummer
    endringer = {"saksmappe": {"for": fra, "etter": til}}
    audit.record(actor, post, "flyttet", endringer=endringer)
    audit.record(actor, gammel, "journalpost flyttet ut", endringer=endringer)
    audit.record(actor, ny_sak, "journalpost flyttet inn", endringer=endringer)
    return post


@transaction.atomic
def kopier(actor, post: Journalpost, ny_sak: Saksmappe) -> Journalpost:
    """Copy a post into another case (archive only): a new registration with new numbers,
    the same metadata, correspondents and documents (the stored files are shared)."""
    post = _locked(post)
    tillatelser.journalpost(actor, post).krev("kopier")
    ny_sak = _krev_mottakersak(ny_sak, post)
    today = timezone.localdate()
    kopi = Journalpost.objects.get(pk=post.pk)
    kopi.pk = None
    kopi.systemid = uuid.uuid4()  # a copy is a new archival record
    kopi.saksmappe = ny_sak
    kopi.journaldato = today
    kopi.journalaar = today.year
    kopi.besvarer = None
    kopi.avskriv_ved_ferdigstilling = False
    kopi.opprettet_av = actor
    kopi.dokumentnummer = numbering.next_document_number(ny_sak)
    kopi.journalsekvensnummer = numbering.next_number(numbering.JOURNALPOST, today.year)
    kopi.save()
    for part in post.korrespondanseparter.all():
        part.pk = None
        part.systemid = uuid.uuid4()
        part.journalpost = kopi
        part.save()
    for dokument in post.dokumenter.all():
        Dokument.objects.create(
            journalpost=kopi,
            **{
                f.name: getattr(dokument, f.name)
                for f in Dokument._meta.concrete_fields
                if f.name not in {"id", "systemid", "journalpost", "opprettet"}
            },
        )
    audit.record_created(actor, kopi, "kopiert")
    audit.record(actor, post, "kopiert", beskrivelse=f"Kopi: {kopi.saksdokumentnummer} ({kopi})")
    return kopi
