"""Which committee treats a committee draft (saksframlegg)."""

from django.db import transaction
from django.db.models import Max, Q

from journal.models import Journalpost
from journal.services import laas
from journal.services import tillatelser as journal_tillatelser
from saksarkiv import access, audit
from saksarkiv.models import Rolletype
from saksarkiv.services import DomainError

from . import tillatelser as utvalg_tillatelser
from .models import Behandling, Medlem, Medlemsrolle, Sakstype, Utvalg


@transaction.atomic
def sett_behandling(actor, post: Journalpost, utvalg, *, sakstype: str) -> Behandling:
    """Which committee treats the draft, and as what (PS, DS, RS). Set while it is a draft."""
    post = laas.post(post.pk, "administrativ_enhet")
    journal_tillatelser.journalpost(actor, post).krev("behandling")
    if utvalg is None:
        raise DomainError("Velg utvalg.", field="utvalg")
    if sakstype not in Sakstype.values:
        raise DomainError("Velg sakstype (PS, DS eller RS).", field="sakstype")
    if post.behandlinger.filter(utvalg=utvalg).exists():
        raise DomainError(f"{utvalg.navn} er allerede valgt.", field="utvalg")
    behandling = Behandling.objects.create(
        journalpost=post,
        utvalg=utvalg,
        sakstype=sakstype,
        rekkefolge=post.behandlinger.count() + 1,
    )
    audit.record(
        actor,
        post,
        "behandling",
        endringer={"behandling": {"for": None, "etter": f"{sakstype} {utvalg.kode}"}},
    )
    return behandling


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
