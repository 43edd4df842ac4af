"""Which committee treats a committee draft (saksframlegg)."""

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from journal.models import Journalpost
from journal.models import Journalposttype as JT
from journal.services import laas
from journal.services import tillatelser as journal_tillatelser
from saksarkiv import access, audit
from saksarkiv.models import Rolletype
from saksarkiv.services import DomainError

from . import tillatelser as utvalg_tillatelser
from .models import Behandling, Medlem, Medlemsrolle, Sakstype, Utvalg

# Which kind of treatment each kind of post gets (DOMAIN.md §12, seed 001): a committee
# draft is a political case, an outgoing letter a delegated decision; any post may be
# referred for information (RS, through «Referer i utvalg»).
SAKSTYPE_FOR = {JT.SAKSFRAMLEGG: Sakstype.POLITISK, JT.UTGAENDE: Sakstype.DELEGERT}


def _tekst(b: Behandling) -> str:
    return f"{b.sakstype} {b.utvalg.kode}" + (
        f" ({b.tilgangskode_id})" if b.tilgangskode_id else ""
    )


def _skjerming(tilgangskode, skjermingshjemmel: str) -> dict:
    hjemmel = (skjermingshjemmel or "").strip()
    kode = getattr(tilgangskode, "pk", tilgangskode) or None
    if kode is None:
        return {"tilgangskode_id": None, "skjermingshjemmel": ""}
    if not hjemmel:
        raise DomainError("Oppgi hjemmel for å skjerme vedtaket.", field="skjermingshjemmel")
    return {"tilgangskode_id": kode, "skjermingshjemmel": hjemmel}


def _ny(actor, post, utvalg, sakstype, **skjerming) -> Behandling:
    if utvalg is None:
        raise DomainError("Velg utvalg.", field="utvalg")
    if not utvalg.aktiv:
        raise DomainError(f"{utvalg.navn} er ikke aktivt.", field="utvalg")
    if post.behandlinger.filter(utvalg=utvalg).exists():
        raise DomainError(f"{utvalg.navn} er allerede valgt.", field="utvalg")
    behandling = Behandling.objects.create(
        journalpost=post, utvalg=utvalg, sakstype=sakstype,
        rekkefolge=(post.behandlinger.aggregate(n=Max("rekkefolge"))["n"] or 0) + 1,
        meldt_opp_av=actor, **skjerming,
    )  # fmt: skip
    audit.record(actor, post, "behandling",
                 endringer={"behandling": {"for": None, "etter": _tekst(behandling)}})  # fmt: skip
    return behandling


@transaction.atomic
def sett_behandling(
    actor, post: Journalpost, utvalg, *, sakstype: str, tilgangskode=None, skjermingshjemmel=""
) -> Behandling:
    """Enrol (melde opp) a committee draft (PS) or a delegated decision (DS) to one more
    committee, after those it has; the same draft serves them all, in this order."""
    post = laas.post(post.pk, "administrativ_enhet")
    if sakstype == Sakstype.REFERAT:
        raise DomainError("Bruk «Referer i utvalg» for referatsaker.", field="sakstype")
    journal_tillatelser.journalpost(actor, post).krev("behandling")
    if sakstype not in Sakstype.values:
        raise DomainError("Velg sakstype (PS, DS eller RS).", field="sakstype")
    forventet = SAKSTYPE_FOR.get(post.journalposttype)
    if sakstype != forventet:
        hva = "Et saksframlegg behandles som PS" if forventet == Sakstype.POLITISK else (
            "Et delegert vedtak (utgående) refereres som DS"
        )  # fmt: skip
        raise DomainError(f"{hva}.", field="sakstype")
    return _ny(actor, post, utvalg, sakstype, **_skjerming(tilgangskode, skjermingshjemmel))


def _laast(behandling: Behandling) -> Behandling:
    return Behandling.objects.select_for_update().select_related("utvalg").get(pk=behandling.pk)


def _regel(behandling: Behandling) -> str:
    return "referer" if behandling.sakstype == Sakstype.REFERAT else "behandling"


@transaction.atomic
def fjern_behandling(actor, behandling: Behandling) -> None:
    """Take a committee off a draft while it is a draft (the rest move up), or withdraw a
    referral. What a committee has treated is never removed (meetings come next)."""
    post = laas.post(behandling.journalpost_id, "administrativ_enhet")
    behandling = _laast(behandling)
    journal_tillatelser.journalpost(actor, post).krev(_regel(behandling))
    if behandling.sakstype == Sakstype.DELEGERT and behandling.klar is not None:
        raise DomainError("Vedtaket er meldt klart til referering og kan ikke trekkes her.")
    if punkt := behandling.sakskartpunkter.select_related("mote").first():
        raise DomainError(
            f"Saken har stått på sakskartet til møtet {punkt.mote.dato:%d.%m.%Y} og kan ikke "
            "fjernes her; møtesekretæren tar den av sakskartet."
        )
    tekst = _tekst(behandling)
    behandling.delete()
    for n, rest in enumerate(post.behandlinger.order_by("rekkefolge", "id"), 1):
        if rest.rekkefolge != n:
            Behandling.objects.filter(pk=rest.pk).update(rekkefolge=n)
    audit.record(actor, post, "behandling fjernet",
                 endringer={"behandling": {"for": tekst, "etter": None}})  # fmt: skip


@transaction.atomic
def flytt_opp(actor, behandling: Behandling) -> None:
    """Move a committee one step earlier in the draft's order (Formannskapet before
    Kommunestyret)."""
    post = laas.post(behandling.journalpost_id, "administrativ_enhet")
    behandling = _laast(behandling)
    journal_tillatelser.journalpost(actor, post).krev("behandling")
    rekke = list(post.behandlinger.select_for_update().order_by("rekkefolge", "id"))
    i = next(i for i, b in enumerate(rekke) if b.pk == behandling.pk)
    if i == 0:
        raise DomainError(f"{behandling.utvalg.navn} er allerede først.")
    rekke[i - 1], rekke[i] = rekke[i], rekke[i - 1]
    for n, b in enumerate(rekke, 1):
        Behandling.objects.filter(pk=b.pk).update(rekkefolge=n)
    rekkefolge = [_tekst(b) for b in rekke]
    audit.record(
        actor,
        post,
        "behandling flyttet",
        endringer={"rekkefolge": {"for": None, "etter": rekkefolge}},
    )


@transaction.atomic
def meld_klar(actor, behandling: Behandling) -> Behandling:
    """A delegated decision is ready to be reported (behandlingsstatus KL in the seeds): it
    enters the committee's queue."""
    post = laas.post(behandling.journalpost_id, "administrativ_enhet")
    behandling = _laast(behandling)
    journal_tillatelser.journalpost(actor, post).krev("meld_klar")
    if behandling.sakstype != Sakstype.DELEGERT:
        raise DomainError("Bare delegerte saker meldes klar til referering.")
    if behandling.klar is not None:
        raise DomainError("Vedtaket er allerede meldt klart til referering.")
    behandling.klar = timezone.now()
    behandling.save(update_fields=["klar"])
    audit.record(actor, post, "meldt klar til referering",
                 endringer={"behandling": {"for": _tekst(behandling), "etter": "KL"}})  # fmt: skip
    return behandling


@transaction.atomic
def planlegg(actor, behandling: Behandling, dato) -> Behandling:
    """Plan a committee draft for the committee's meeting on `dato` (None: no longer
    planned). The date is a coming day; the meeting itself is set up by the secretary."""
    post = laas.post(behandling.journalpost_id, "administrativ_enhet")
    behandling = _laast(behandling)
    journal_tillatelser.journalpost(actor, post).krev("planlegg")
    if behandling.sakstype != Sakstype.POLITISK:
        raise DomainError("Bare politiske saker planlegges til møter.")
    if dato is not None and dato < timezone.localdate():
        raise DomainError("Velg en kommende møtedato.", field="dato")
    foer = behandling.planlagt_mote
    behandling.planlagt_mote = dato
    behandling.planlagt_av = actor if dato else None
    behandling.save(update_fields=["planlagt_mote", "planlagt_av"])
    audit.record(actor, post, "planlagt til møte", endringer={"planlagt_mote": {
        "for": foer and foer.isoformat(), "etter": dato and dato.isoformat(),
    }}, beskrivelse=behandling.utvalg.navn)  # fmt: skip
    return behandling


@transaction.atomic
def referer(actor, post: Journalpost, utvalg_liste, *, tilgangskode=None, skjermingshjemmel=""):
    """«Referer i utvalg»: the post goes to each chosen committee's queue as a referatsak
    (RS), for information."""
    post = laas.post(post.pk, "administrativ_enhet")
    journal_tillatelser.journalpost(actor, post).krev("referer")
    utvalg_liste = list(utvalg_liste or [])
    if not utvalg_liste:
        raise DomainError("Velg minst ett utvalg.", field="utvalg")
    skjerming = _skjerming(tilgangskode, skjermingshjemmel)
    return [_ny(actor, post, u, Sakstype.REFERAT, **skjerming) for u in utvalg_liste]


def krev_behandling(post: Journalpost) -> None:
    """A committee draft names the committee that treats it before it is sent (the journal's
    approval chain asks, settings.SAKSARKIV_SAKSFRAMLEGG_KRAV)."""
    if not Behandling.objects.filter(journalpost=post).exists():
        raise DomainError("Velg hvilket utvalg som skal behandle saken før du sender den.")


# --- The committee register -----------------------------------------------------------------


@transaction.atomic
def lagre_utvalg(actor, utvalg: Utvalg | None, **verdier) -> Utvalg:
    """Create a committee (`utvalg` None) or change its register entry; audited."""
    if utvalg is None:
        utvalg_tillatelser.utvalg(actor).krev("ny")
        utvalg, foer = Utvalg(), None
    else:
        utvalg = Utvalg.objects.select_for_update().get(pk=utvalg.pk)
        utvalg_tillatelser.utvalg(actor, utvalg).krev("endre")
        foer = audit.snapshot(utvalg)
    kode = (verdier.get("kode") or "").strip().upper()
    if not kode:
        raise DomainError("Skriv en kort kode for utvalget, f.eks. FSK.", field="kode")
    if Utvalg.objects.filter(kode=kode).exclude(pk=utvalg.pk).exists():
        raise DomainError(f"Koden {kode} er allerede i bruk.", field="kode")
    fra, til = verdier.get("periode_fra"), verdier.get("periode_til")
    if fra and til and til < fra:
        raise DomainError("Perioden kan ikke slutte før den begynner.", field="periode_til")
    sekretaer = verdier.get("sekretaer")
    if sekretaer is not None and not access.has_role(sekretaer, Rolletype.MOTESEKRETAER):
        raise DomainError(f"{sekretaer} er ikke møtesekretær.", field="sekretaer")
    verdier["kode"] = kode
    for navn, verdi in verdier.items():
        setattr(utvalg, navn, verdi)
    utvalg.save()
    if foer is None:
        audit.record_created(actor, utvalg)
    else:
        endringer = audit.diff(foer, audit.snapshot(utvalg))
        if endringer:
            audit.record(actor, utvalg, "endret", endringer=endringer)
    return utvalg


def _overlapper(qs, fra, til):
    """Seats in `qs` whose period meets [fra, til] (an open end runs for ever)."""
    qs = qs.filter(Q(til__isnull=True) | Q(til__gte=fra))
    return qs if til is None else qs.filter(fra__lte=til)


@transaction.atomic
def legg_til_medlem(
    actor, utvalg: Utvalg, *, person, rolle, fra, til=None, parti=None, vararekkefolge=None
) -> Medlem:
    """Give `person` a seat: one seat per person at a time, one leader and one deputy leader
    at a time; a substitute without a number comes last in the party's order."""
    utvalg = Utvalg.objects.select_for_update().get(pk=utvalg.pk)
    utvalg_tillatelser.utvalg(actor, utvalg).krev("medlemmer")
    if rolle not in Medlemsrolle.values:
        raise DomainError("Velg rolle.", field="rolle")
    if til is not None and til < fra:
        raise DomainError("Vervet kan ikke slutte før det begynner.", field="til")
    seter = _overlapper(utvalg.medlemmer.all(), fra, til)
    if seter.filter(person=person).exists():
        raise DomainError(f"{person} har allerede et verv i {utvalg.navn} i perioden.",
                          field="person")  # fmt: skip
    if rolle in (Medlemsrolle.LEDER, Medlemsrolle.NESTLEDER):
        annen = seter.filter(rolle=rolle).select_related("person").first()
        if annen is not None:
            navn = Medlemsrolle(rolle).label.lower()
            raise DomainError(f"{annen.person} er allerede {navn} i perioden.", field="rolle")
    if rolle != Medlemsrolle.VARAMEDLEM:
        vararekkefolge = None
    elif vararekkefolge is None:
        siste = seter.filter(rolle=rolle, parti=parti).aggregate(n=Max("vararekkefolge"))["n"]
        vararekkefolge = (siste or 0) + 1
    medlem = Medlem.objects.create(
        utvalg=utvalg, person=person, rolle=rolle, parti=parti,
        vararekkefolge=vararekkefolge, fra=fra, til=til,
    )  # fmt: skip
    audit.record_created(actor, medlem, "medlem lagt til")
    return medlem


@transaction.atomic
def avslutt_medlem(actor, medlem: Medlem, til) -> Medlem:
    """End a seat on `til` (seats are ended, never deleted: the minutes name who sat)."""
    medlem = Medlem.objects.select_for_update().select_related("utvalg").get(pk=medlem.pk)
    utvalg_tillatelser.utvalg(actor, medlem.utvalg).krev("medlemmer")
    if til < medlem.fra:
        raise DomainError("Vervet kan ikke slutte før det begynte.", field="til")
    if medlem.til is not None and medlem.til <= til:
        raise DomainError("Vervet er allerede avsluttet.", field="til")
    foer = medlem.til
    medlem.til = til
    medlem.save(update_fields=["til"])
    endringer = {"til": {"for": foer and foer.isoformat(), "etter": til.isoformat()}}
    audit.record(actor, medlem, "medlem avsluttet", endringer=endringer)
    return medlem
