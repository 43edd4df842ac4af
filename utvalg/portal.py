"""The member portal (issue 17, item 5): elected members read their committees' meetings and
papers (utvalg/tilgang.py says which, through the access chokepoint), keep private notes on
the cases, and report absence with a lawful reason. The secretary is told and gets the next
substitute on the same list suggested; calling the substitute in gives them the meeting's
papers as a member. Mails name the meeting and the people, never a case."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from saksarkiv import audit
from saksarkiv.jobber import Epost, legg_i_utboks
from saksarkiv.services import DomainError, IkkeTilgang

from . import tillatelser as regler
from .models import (
    Forfall,
    Forfallsgrunn,
    Medlem,
    Medlemsrolle,
    Mote,
    Motestatus,
    Notat,
    Sakskartpunkt,
)
from .moteplan import send_etter_commit

PREFIKS = "forfall:"
APEN = (Motestatus.PLANLAGT, Motestatus.INNKALT)


def sete(user, mote: Mote) -> Medlem | None:
    """The user's seat in the meeting's committee on the meeting day (a substitute's too)."""
    seter = Medlem.objects.gyldige(mote.dato).filter(utvalg=mote.utvalg_id, person=user)
    return seter.exclude(rolle=Medlemsrolle.VARAMEDLEM).first() or seter.first()


def innkalt_som_vara(user, mote: Mote) -> Forfall | None:
    return (
        Forfall.objects.filter(mote=mote, vara__person=user)
        .select_related("medlem__person").first()
    )  # fmt: skip


def krev_sete(user, mote: Mote) -> Medlem:
    """Only the committee's members and substitutes see a meeting in the portal."""
    seat = sete(user, mote)
    if seat is None:
        raise IkkeTilgang("Du sitter ikke i utvalget som holder dette møtet.")
    return seat


def foreslaatt_vara(mote: Mote, medlem: Medlem) -> Medlem | None:
    """The next substitute on the absent member's list (party) in their order, seated on
    the meeting day: one who is not already called in for this meeting and has not reported
    absence from it. None when the list is used up."""
    brukt = Forfall.objects.filter(mote=mote)
    return (
        Medlem.objects.gyldige(mote.dato)
        .filter(utvalg=mote.utvalg_id, rolle=Medlemsrolle.VARAMEDLEM)
        .filter(Q(parti=medlem.parti_id) if medlem.parti_id else Q(parti__isnull=True))
        .exclude(pk__in=brukt.exclude(vara__isnull=True).values("vara"))
        .exclude(pk__in=brukt.values("medlem"))
        .exclude(person=medlem.person_id)
        .select_related("person", "parti")
        .order_by(F("vararekkefolge").asc(nulls_last=True), "pk")
        .first()
    )


def _aapen(mote: Mote) -> None:
    if mote.status not in APEN or mote.dato < timezone.localdate():
        raise DomainError("Møtet er holdt eller avlyst; forfall meldes bare til kommende møter.")


def _epost(nokkel: str, person, emne: str, mal: str, context: dict) -> None:
    if not person or not person.email:
        return
    tekst = render_to_string(mal, context | {"kommune": settings.SAKSARKIV_KOMMUNE})
    legg_i_utboks([Epost(nokkel=nokkel, til=person.email, emne=emne, tekst=tekst,
                         mottaker_id=person.pk)])  # fmt: skip
    send_etter_commit(nokkel)


def _lenke(navn: str, pk: int) -> str:
    return settings.SAKSARKIV_BASE_URL.rstrip("/") + reverse(navn, args=[pk])


@transaction.atomic
def meld_forfall(actor, mote: Mote, *, grunn: str, merknad: str = "") -> Forfall:
    """A member reports absence; the secretary is told, with the suggested substitute."""
    mote = (
        Mote.objects.select_for_update(of=("self",)).select_related("utvalg__sekretaer")
        .get(pk=mote.pk)
    )  # fmt: skip
    seat = krev_sete(actor, mote)
    if seat.rolle == Medlemsrolle.VARAMEDLEM and not innkalt_som_vara(actor, mote):
        raise DomainError("Du er ikke innkalt til dette møtet og trenger ikke melde forfall.")
    _aapen(mote)
    if grunn not in Forfallsgrunn.values:
        raise DomainError("Velg grunnen til forfallet.", field="grunn")
    try:
        with transaction.atomic():
            forfall = Forfall.objects.create(
                mote=mote, medlem=seat, grunn=grunn, merknad=(merknad or "").strip(),
                meldt_av=actor,
            )  # fmt: skip
    except IntegrityError as error:
        raise DomainError("Du har allerede meldt forfall til dette møtet.") from error
    vara = foreslaatt_vara(mote, seat)
    audit.record(actor, mote, "forfall meldt",
                 beskrivelse=f"{actor.get_full_name()}: {forfall.get_grunn_display()}")  # fmt: skip
    _epost(f"{PREFIKS}{forfall.pk}:meldt", mote.utvalg.sekretaer,
           f"Forfall til {mote.utvalg.navn} {mote.dato:%d.%m.%Y}", "utvalg/epost_forfall.txt",
           {"mote": mote, "forfall": forfall, "vara": vara,
            "lenke": _lenke("utvalg:mote", mote.pk) + "#forfall"})  # fmt: skip
    return forfall


@transaction.atomic
def kall_inn_vara(actor, forfall: Forfall, vara: Medlem | None = None) -> Forfall:
    """The secretary calls in the substitute (the suggested one unless another is chosen):
    they are told by e-mail and read the meeting's papers as a member from now."""
    mote = Mote.objects.select_for_update().select_related("utvalg").get(pk=forfall.mote_id)
    regler.utvalg(actor, mote.utvalg).krev("moter")
    forfall = (
        Forfall.objects.select_for_update(of=("self",)).select_related("medlem").get(pk=forfall.pk)
    )
    if mote.status not in APEN:
        raise DomainError("Møtet er holdt eller avlyst.")
    if forfall.vara_id:
        raise DomainError("En vara er allerede kalt inn for dette forfallet.")
    vara = vara or foreslaatt_vara(mote, forfall.medlem)
    if vara is None:
        raise DomainError("Det er ingen flere varamedlemmer på listen å kalle inn.", field="vara")
    gyldig = Medlem.objects.gyldige(mote.dato).filter(
        pk=vara.pk, utvalg=mote.utvalg_id, rolle=Medlemsrolle.VARAMEDLEM
    )
    if not gyldig.exists():
        raise DomainError("Velg et varamedlem i utvalget på møtedagen.", field="vara")
    forfall.vara, forfall.vara_innkalt = vara, timezone.now()
    try:
        with transaction.atomic():
            forfall.save(update_fields=["vara", "vara_innkalt"])
    except IntegrityError as error:
        raise DomainError("Varamedlemmet er allerede kalt inn til møtet.", field="vara") from error
    vara = Medlem.objects.select_related("person", "parti").get(pk=vara.pk)
    audit.record(actor, mote, "vara kalt inn",
                 beskrivelse=f"{vara.person.get_full_name()} for "
                             f"{forfall.medlem.person.get_full_name()}")  # fmt: skip
    _epost(f"{PREFIKS}{forfall.pk}:vara", vara.person,
           f"Du er kalt inn til {mote.utvalg.navn} {mote.dato:%d.%m.%Y}", "utvalg/epost_vara.txt",
           {"mote": mote, "forfall": forfall, "vara": vara,
            "lenke": _lenke("utvalg:portal_mote", mote.pk)})  # fmt: skip
    return forfall


@transaction.atomic
def lagre_notat(actor, punkt: Sakskartpunkt, tekst: str) -> Notat | None:
    """A member's private note on a case on a published notice (empty: the note goes)."""
    punkt = Sakskartpunkt.objects.select_related("mote").get(pk=punkt.pk)
    krev_sete(actor, punkt.mote)
    if punkt.innkalling is None:
        raise DomainError("Saken er ikke sendt ut med innkallingen ennå.")
    tekst = (tekst or "").strip()
    if len(tekst) > 5000:
        raise DomainError("Notatet kan ha høyst 5000 tegn.", field="tekst")
    # The log says that a note changed, never what it says.
    audit.record(actor, punkt.mote, "privat notat endret")
    if not tekst:
        Notat.objects.filter(person=actor, punkt=punkt).delete()
        return None
    notat, _ny = Notat.objects.update_or_create(person=actor, punkt=punkt,
                                                defaults={"tekst": tekst})  # fmt: skip
    return notat
