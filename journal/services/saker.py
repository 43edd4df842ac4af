"""A case's life after creation: edits, parties, related cases, status, «ønskes avsluttet»,
closing by archive (with the rules of DOMAIN.md §3) and reopening."""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from saksarkiv import audit
from saksarkiv.services import DomainError

from ..models import Dokument, Journalpost, Journalstatus, Saksmappe, Sakspart
from ..models.journalpost import Arkivstatus
from . import avskrivning, regler, tillatelser
from .registration import _screening

REDIGERBARE_FELT = (
    "tittel",
    "offentlig_tittel",
    "tilgangskode",
    "skjermingshjemmel",
    "skjerm_parter",
    "arkivdel",
    "ordningsprinsipp",
    "ordningsverdi",
    "obs_dato",
    "obs_merknad",
    "presedens",
    "saksansvarlig",
    "administrativ_enhet",
)


ENDRET_AV_ANDRE = "Saken er endret av noen andre i mellomtiden. Last siden på nytt."


def _locked(sak: Saksmappe) -> Saksmappe:
    return (
        Saksmappe.objects.select_for_update(of=("self",))
        .select_related("administrativ_enhet")
        .get(pk=sak.pk)
    )


@transaction.atomic
def endre_sak(actor, sak: Saksmappe, **values) -> Saksmappe:
    sak = _locked(sak)
    tillatelser.saksmappe(actor, sak).krev("endre")
    unknown = set(values) - set(REDIGERBARE_FELT)
    if unknown:
        raise DomainError(f"Feltene {', '.join(sorted(unknown))} kan ikke endres her.")
    reassigned = values.get("saksansvarlig", sak.saksansvarlig) != sak.saksansvarlig or (
        values.get("administrativ_enhet", sak.administrativ_enhet) != sak.administrativ_enhet
    )
    if reassigned and not regler.case_actor_kinds(actor, sak) & {regler.LEDER, regler.ARKIV}:
        raise DomainError(
            "Bare lederen og arkivet kan gi saken til en annen.", field="saksansvarlig"
        )
    before = audit.snapshot(sak, REDIGERBARE_FELT)
    kode = values.pop("tilgangskode", sak.tilgangskode_id)
    kode = getattr(kode, "pk", kode)
    screening = _screening(
        values.pop("tittel", sak.tittel),
        values.pop("offentlig_tittel", sak.offentlig_tittel if kode else ""),
        kode,
        values.pop("skjermingshjemmel", sak.skjermingshjemmel),
        "Saken",
    )
    if values.get("obs_merknad") and not values.get("obs_dato", sak.obs_dato):
        raise DomainError("Merknaden hører til en OBS-dato: velg datoen.", field="obs_dato")
    for name, value in {**screening, **values}.items():
        setattr(sak, name, value)
    sak.save()
    sak.refresh_from_db()
    changes = audit.diff(before, audit.snapshot(sak, REDIGERBARE_FELT))
    if changes:
        audit.record(actor, sak, "endret", endringer=changes)
    return sak


@transaction.atomic
def legg_til_part(actor, sak: Saksmappe, *, navn: str, **fields) -> Sakspart:
    sak = _locked(sak)
    tillatelser.saksmappe(actor, sak).krev("parter")
    navn = navn.strip()
    if not navn:
        raise DomainError("Oppgi navnet på parten.", field="navn")
    part = Sakspart.objects.create(
        saksmappe=sak, navn=navn, **{k: (v or "").strip() for k, v in fields.items()}
    )
    audit.record(actor, sak, "part lagt til", endringer={"part": {"for": None, "etter": navn}})
    return part


@transaction.atomic
def fjern_part(actor, part: Sakspart) -> None:
    sak = _locked(part.saksmappe)
    tillatelser.saksmappe(actor, sak).krev("parter")
    audit.record(actor, sak, "part fjernet", endringer={"part": {"for": part.navn, "etter": None}})
    part.delete()


@transaction.atomic
def relater(actor, sak: Saksmappe, annen: Saksmappe) -> None:
    """«jf. sak»: relate two cases (both directions)."""
    sak = _locked(sak)
    tillatelser.saksmappe(actor, sak).krev("relater")
    tillatelser.saksmappe(actor, annen).krev("vises_til")
    if annen.pk == sak.pk:
        raise DomainError("En sak kan ikke vise til seg selv.", field="sak")
    if sak.relaterte_saker.filter(pk=annen.pk).exists():
        raise DomainError(f"Saken viser allerede til {annen.saksnummer}.", field="sak")
    sak.relaterte_saker.add(annen)
    endringer = {"relatert sak": {"for": None, "etter": annen.saksnummer}}
    audit.record(actor, sak, "relatert sak", endringer=endringer)
    audit.record(
        actor,
        annen,
        "relatert sak",
        endringer={"relatert sak": {"for": None, "etter": sak.saksnummer}},
    )


@transaction.atomic
def fjern_relasjon(actor, sak: Saksmappe, annen: Saksmappe) -> None:
    sak = _locked(sak)
    tillatelser.saksmappe(actor, sak).krev("relater")
    sak.relaterte_saker.remove(annen)
    audit.record(
        actor,
        sak,
        "relasjon fjernet",
        endringer={"relatert sak": {"for": annen.saksnummer, "etter": None}},
    )


@transaction.atomic
def sett_onskes_avsluttet(actor, sak: Saksmappe, onskes: bool = True) -> Saksmappe:
    """The caseworker marks the case «ønskes avsluttet» (ØA) for archive."""
    sak = _locked(sak)
    tillatelser.saksmappe(actor, sak).krev("onskes_avsluttet")
    if sak.onskes_avsluttet == onskes:
        return sak
    Saksmappe.objects.filter(pk=sak.pk).update(onskes_avsluttet=onskes)
    sak.refresh_from_db()
    audit.record(
        actor,
        sak,
        "ønskes avsluttet" if onskes else "ønskes ikke avsluttet",
        endringer={"onskes_avsluttet": {"for": not onskes, "etter": onskes}},
    )
    return sak


def hindringer_for_avslutning(sak: Saksmappe) -> list[str]:
    """Exactly what keeps the case from being closed, one line per blocking item. The
    lines name numbers, never titles: they are shown to archive staff only."""
    blockers = []
    posts = Journalpost.objects.filter(saksmappe=sak).exclude(journalstatus=Journalstatus.UTGAR)
    for post in posts.filter(avskrivning.restanse_q()).order_by("dokumentnummer"):
        blockers.append(
            f"Journalpost {post.saksdokumentnummer} ({post.journalposttype}) er ikke avskrevet."
        )
    for post in posts.exclude(journalstatus=Journalstatus.JOURNALFORT).order_by("dokumentnummer"):
        blockers.append(
            f"Journalpost {post.saksdokumentnummer} er ikke journalført "
            f"(status {post.journalstatus} – {post.get_journalstatus_display().lower()})."
        )
    missing = (
        Dokument.objects.filter(journalpost__in=posts)
        .filter(Q(arkivformat="") | Q(arkivformat__isnull=True))
        .select_related("journalpost")
        .order_by("journalpost__dokumentnummer", "dokumentnummer")
    )
    # Every document needs its PDF/A copy: a PDF/A original is its own, the rest get one
    # from the conversion job (journal.services.arkivkopi).
    feilet = " Konverteringen feilet: se dokumentet og «Arkivformat feilet»."
    for dokument in missing:
        blockers.append(
            f"Dokument {dokument.dokumentnummer} i journalpost "
            f"{sak.saksnummer}-{dokument.journalpost.dokumentnummer} mangler arkivformat (PDF/A)."
            + (feilet if dokument.arkivstatus == Arkivstatus.FEILET else "")
        )
    return blockers


def _status_change(actor, sak: Saksmappe, handling: str, **extra) -> Saksmappe:
    overgang = regler.finn_saksovergang(sak, handling)
    fra = sak.saksstatus
    changed = Saksmappe.objects.filter(pk=sak.pk, saksstatus=fra).update(
        saksstatus=overgang.til, **extra
    )
    if changed != 1:
        raise DomainError(ENDRET_AV_ANDRE)
    sak.refresh_from_db()
    audit.record(
        actor,
        sak,
        overgang.knapp.lower(),
        endringer={"saksstatus": {"for": fra, "etter": overgang.til}},
    )
    return sak


@transaction.atomic
def endre_saksstatus(actor, sak: Saksmappe, handling: str) -> Saksmappe:
    """Status changes other than closing: R → B, B ↔ X, → U, A → B (reopen)."""
    sett = sak.saksstatus  # the status the user acted on: a stale view loses
    sak = _locked(sak)
    if sak.saksstatus != sett:
        raise DomainError(ENDRET_AV_ANDRE)
    if handling == "avslutt":
        return avslutt(actor, sak)
    regler.finn_saksovergang(sak, handling)  # an unknown or impossible step: 409
    tillatelser.saksmappe(actor, sak).krev(handling)
    if handling == "utgaar" and sak.journalposter.exclude(journalstatus=Journalstatus.UTGAR):
        raise DomainError(
            "Saken har journalposter som ikke er utgått. Flytt dem eller sett dem til utgår først."
        )
    extra = {}
    if handling == "gjenapne":
        extra = {"avsluttet_dato": None, "avsluttet_av": None}
    return _status_change(actor, sak, handling, **extra)


@transaction.atomic
def avslutt(actor, sak: Saksmappe) -> Saksmappe:
    """Archive closes the case (A) when every post is journalised and written off and every
    document has its archival version; otherwise the refusal lists what blocks it."""
    sett = sak.saksstatus
    sak = _locked(sak)
    if sak.saksstatus != sett:
        raise DomainError(ENDRET_AV_ANDRE)
    tillatelser.saksmappe(actor, sak).krev("avslutt")
    blockers = hindringer_for_avslutning(sak)
    if blockers:
        raise DomainError(f"Sak {sak.saksnummer} kan ikke avsluttes ennå:", details=blockers)
    return _status_change(
        actor,
        sak,
        "avslutt",
        avsluttet_dato=timezone.localdate(),
        avsluttet_av=actor,
        onskes_avsluttet=False,
    )
