"""«Til offentlighetsvurdering» (DOMAIN.md §7): the leader's screening decision on a post
that archive registered with a temporary access code (XX, `Tilgangskode.midlertidig`).

The leader or deputy of the post's unit or of a unit above it, or the chief executive,
decides within `Innstillinger.xx_frist_arbeidsdager` working days after the journal date;
archive may decide on the leader's behalf (overdue posts come to archive). The decision is
one of two:

- **offentlig**: the code goes, and with it the legal basis and every screening flag; the
  public title becomes the title;
- **unntatt**: a permanent code (U, P, E, S, …) with its legal basis and the screening:
  which title words (replaced by *****), the correspondents, the documents. Screening the
  whole title asks the decider to confirm that partial disclosure (meroffentlighet,
  offl. § 11) was considered.

With a code, the public title must differ from the title, as registration and editing
require (registration._public_title); otherwise the post could not be edited afterwards.
Screening only the sender therefore still screens at least one title word.

An incoming post in M moves to S (regler.OFFENTLIGHETSVURDERING); a post already past M
(received by its caseworker, or an own document carrying XX) keeps its status and gets
only the new code. Documents have no screening of their own: they follow their post.
"""

import datetime
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from journal.models import Innstillinger
from saksarkiv import audit, workdays
from saksarkiv.access import SKJERMET
from saksarkiv.models import Tilgangskode
from saksarkiv.services import DomainError

from ..models import Journalpost
from . import laas, regler, tillatelser
from .journalposter import ENDRET_AV_ANDRE

OFFENTLIG = "offentlig"
UNNTATT = "unntatt"

# The fields the decision sets, logged before → after.
VURDERTE_FELT = (
    "tilgangskode",
    "skjermingshjemmel",
    "offentlig_tittel",
    "skjerm_korrespondanseparter",
    "skjerm_dokumenter",
    "journalstatus",
)
MAKS_TITTEL = Journalpost._meta.get_field("offentlig_tittel").max_length

# A word of a title: letters and digits, joined by hyphens, dots, slashes or apostrophes
# ("gnr/bnr 12/34", "Nord-Norge", "01.02.2026" are one word each).
_ORD = re.compile(r"\w+(?:[-'’./]\w+)*")
_BARE_SKJERMET = re.compile(r"^[\s\W]*$")


# --- Screening of title words ----------------------------------------------------------------


def ord_i_tittel(tittel: str) -> list[str]:
    """The title's words, in order; the decision page offers one checkbox per word."""
    return [m.group() for m in _ORD.finditer(tittel)]


def skjerm_ord(tittel: str, indekser: Iterable[int]) -> str:
    """The title with the chosen words (by position in ord_i_tittel) replaced by *****.
    Neighbouring screened words separated only by spaces become one *****, so the public
    title does not tell how many words a name had."""
    valgt = set(indekser)
    treff = list(_ORD.finditer(tittel))
    ukjent = [i for i in valgt if not 0 <= i < len(treff)]
    if ukjent:
        raise DomainError(
            "Tittelen har ikke så mange ord. Last siden på nytt.", field="skjermede_ord"
        )
    deler: list[str] = []
    slutt = 0
    forrige_skjermet = False
    for i, m in enumerate(treff):
        mellom = tittel[slutt : m.start()]
        skjermet = i in valgt
        if not (skjermet and forrige_skjermet and not mellom.strip()):
            deler += [mellom, SKJERMET if skjermet else m.group()]
        forrige_skjermet = skjermet
        slutt = m.end()
    deler.append(tittel[slutt:])
    return "".join(deler)


def skjulte_ord(tittel: str, offentlig_tittel: str, indekser: Iterable[int] = ()) -> set[str]:
    """The title's words the public title hides (casefolded): the ticked words, or, for a
    public title written by hand, the title's words it no longer contains."""
    ordene = ord_i_tittel(tittel)
    valgt = set(indekser)
    if valgt:
        return {o.casefold() for i, o in enumerate(ordene) if i in valgt}
    synlige = {o.casefold() for o in ord_i_tittel(offentlig_tittel)}
    return {o.casefold() for o in ordene if o.casefold() not in synlige}


def navn_med_skjermede_ord(post: Journalpost, skjermet: set[str]) -> list[str]:
    """The post's correspondents and its case's parties whose names hold a word the public
    title hides («Søknad om dispensasjon ***** *****» from Lise Kvamme). Publishing such a
    name beside the screened title gives the screened words away."""
    if not skjermet:
        return []
    navn = [
        *post.korrespondanseparter.values_list("navn", flat=True),
        *post.saksmappe.parter.values_list("navn", flat=True),
    ]
    treff: list[str] = []
    for n in navn:
        if skjermet & {o.casefold() for o in ord_i_tittel(n)} and n not in treff:
            treff.append(n)
    return treff


def navneord_i_tittel(post: Journalpost) -> set[int]:
    """The positions of the title's words that occur in a correspondent's or a party's
    name: the decision page marks them, and ticking one preselects screening the names."""
    navn = {
        o.casefold()
        for n in navn_med_skjermede_ord(post, {o.casefold() for o in ord_i_tittel(post.tittel)})
        for o in ord_i_tittel(n)
    }
    return {i for i, o in enumerate(ord_i_tittel(post.tittel)) if o.casefold() in navn}


def helt_skjermet(offentlig_tittel: str) -> bool:
    """Is nothing of the title left to the public (only *****, spaces and punctuation)?"""
    return bool(_BARE_SKJERMET.match(offentlig_tittel.replace(SKJERMET, "")))


# --- Deadline ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Frist:
    """The screening deadline of a post and the working days left until it (negative when
    it has passed), counted with Norwegian public holidays."""

    dato: datetime.date
    igjen: int

    @property
    def overskredet(self) -> bool:
        return self.igjen < 0

    @property
    def tekst(self) -> str:
        if self.igjen > 1:
            return f"{self.igjen} arbeidsdager igjen"
        if self.igjen == 1:
            return "1 arbeidsdag igjen"
        if self.igjen == 0:
            return "Fristen går ut i dag"
        dager = -self.igjen
        return f"Fristen gikk ut for {dager} arbeidsdag{'er' if dager > 1 else ''} siden"


def fristdato(journaldato: datetime.date) -> datetime.date:
    return workdays.add_working_days(journaldato, Innstillinger.hent().xx_frist_arbeidsdager)


def arbeidsdager_igjen(idag: datetime.date, frist: datetime.date) -> int:
    """Working days left until the deadline (0 on the day itself); once the day has passed,
    minus the working days since it, and at least one: on the weekend or holiday after a
    deadline no working day has passed, yet the deadline is out (as the worklists' «Forfalt»
    and archive's «XX over frist» say), not «today»."""
    if frist >= idag:
        return workdays.working_days_between(idag, frist)
    return -max(1, workdays.working_days_between(frist, idag))


def frist(post: Journalpost, idag: datetime.date | None = None) -> Frist:
    dato = fristdato(post.journaldato)
    idag = idag or timezone.localdate()
    return Frist(dato=dato, igjen=arbeidsdager_igjen(idag, dato))


# --- Who may decide ------------------------------------------------------------------------------


def er_midlertidig(post: Journalpost) -> bool:
    return post.tilgangskode_id is not None and post.tilgangskode.midlertidig


def paa_vegne_av_leder(user, post: Journalpost) -> bool:
    """Does archive decide on the leader's behalf (the user leads none of the units)?"""
    kinds = regler.post_actor_kinds(user, post)
    return regler.ARKIV in kinds and regler.LEDER not in kinds


def versjon(post: Journalpost) -> str:
    """A fingerprint of what the decision page showed: title, code and status. The form
    carries it, so a decision taken on a page that has gone stale is refused."""
    kilde = f"{post.tittel}\x1f{post.tilgangskode_id or ''}\x1f{post.journalstatus}"
    return hashlib.sha256(kilde.encode()).hexdigest()[:16]


def _locked(post: Journalpost) -> Journalpost:
    return laas.post(post.pk, "administrativ_enhet", "tilgangskode")


# --- The decision ----------------------------------------------------------------------------


def _offentlig(post: Journalpost) -> dict:
    return {
        "tilgangskode": None,
        "skjermingshjemmel": "",
        "offentlig_tittel": post.tittel,
        "skjerm_korrespondanseparter": False,
        "skjerm_dokumenter": False,
    }


def _unntatt(
    post: Journalpost,
    *,
    tilgangskode,
    skjermingshjemmel: str,
    skjermede_ord: Iterable[int],
    offentlig_tittel: str,
    skjerm_korrespondanseparter: bool,
    skjerm_dokumenter: bool,
    vurdert_meroffentlighet: bool,
    navn_kan_vises: bool,
) -> dict:
    kode_id = getattr(tilgangskode, "pk", tilgangskode)
    if not kode_id:
        raise DomainError("Velg tilgangskoden som skal gjelde.", field="tilgangskode")
    kode = Tilgangskode.objects.filter(kode=kode_id, aktiv=True).first()
    if kode is None:
        raise DomainError(f"Tilgangskoden {kode_id} finnes ikke.", field="tilgangskode")
    if kode.midlertidig:
        raise DomainError(
            f"{kode.kode} er en midlertidig kode. Velg koden som skal gjelde, eller gjør "
            "journalposten offentlig.",
            field="tilgangskode",
        )
    hjemmel = (skjermingshjemmel or "").strip() or kode.hjemmel
    if not hjemmel:
        raise DomainError("Oppgi hjemmel for unntaket.", field="skjermingshjemmel")
    valgte = list(skjermede_ord)
    tittel = skjerm_ord(post.tittel, valgte) if valgte else (offentlig_tittel or "").strip()
    if not tittel:
        raise DomainError(
            "Kryss av ordene i tittelen som skal skjermes, eller skriv den offentlige tittelen.",
            field="offentlig_tittel",
        )
    if tittel == post.tittel.strip():
        raise DomainError(
            "Den offentlige tittelen er lik tittelen. Skjerm ordene som skal unntas med "
            "*****, eller gjør journalposten offentlig.",
            field="offentlig_tittel",
        )
    if len(tittel) > MAKS_TITTEL:
        raise DomainError(
            f"Den offentlige tittelen blir lengre enn {MAKS_TITTEL} tegn. Skjerm færre enkeltord "
            "eller skriv den selv.",
            field="offentlig_tittel",
        )
    if helt_skjermet(tittel) and not vurdert_meroffentlighet:
        raise DomainError(
            "Hele tittelen blir skjermet. Vurder meroffentlighet (offl. § 11): kan deler av "
            "tittelen vises? Kryss av for at du har vurdert det.",
            field="vurdert_meroffentlighet",
        )
    if not skjerm_korrespondanseparter and not navn_kan_vises:
        navn = navn_med_skjermede_ord(post, skjulte_ord(post.tittel, tittel, valgte))
        if navn:
            raise DomainError(
                "Du skjermer ord i tittelen som står i navnet til "
                + ", ".join(f"«{n}»" for n in navn)
                + ". Skjerm avsender/mottaker, ellers står navnet i postlisten ved siden av "
                "den skjermede tittelen. Skal navnet likevel være offentlig, kryss av for det.",
                field="skjerm_korrespondanseparter",
            )
    return {
        "tilgangskode": kode,
        "skjermingshjemmel": hjemmel,
        "offentlig_tittel": tittel,
        "skjerm_korrespondanseparter": bool(skjerm_korrespondanseparter),
        "skjerm_dokumenter": bool(skjerm_dokumenter),
    }


@transaction.atomic
def vurder_offentlighet(
    actor,
    post: Journalpost,
    *,
    vedtak: str,
    tilgangskode=None,
    skjermingshjemmel: str = "",
    skjermede_ord: Iterable[int] = (),
    offentlig_tittel: str = "",
    skjerm_korrespondanseparter: bool = False,
    skjerm_dokumenter: bool = True,
    vurdert_meroffentlighet: bool = False,
    navn_kan_vises: bool = False,
    merknad: str = "",
    sett_versjon: str | None = None,
) -> Journalpost:
    """Decide the screening of a temporarily restricted post: `vedtak` OFFENTLIG removes the
    code, UNNTATT sets `tilgangskode` (code or its id) with its legal basis and screening.
    `sett_versjon` is versjon() of the post as the decider saw it (None: as passed in)."""
    sett = sett_versjon if sett_versjon is not None else versjon(post)
    post = _locked(post)
    if versjon(post) != sett:
        raise DomainError(ENDRET_AV_ANDRE)
    tillatelser.journalpost(actor, post).krev("offentlighetsvurder")
    if vedtak == OFFENTLIG:
        verdier = _offentlig(post)
    elif vedtak == UNNTATT:
        verdier = _unntatt(
            post,
            tilgangskode=tilgangskode,
            skjermingshjemmel=skjermingshjemmel,
            skjermede_ord=skjermede_ord,
            offentlig_tittel=offentlig_tittel,
            skjerm_korrespondanseparter=skjerm_korrespondanseparter,
            skjerm_dokumenter=skjerm_dokumenter,
            vurdert_meroffentlighet=vurdert_meroffentlighet,
            navn_kan_vises=navn_kan_vises,
        )
    else:
        raise DomainError("Velg om journalposten er offentlig eller unntatt.", field="vedtak")
    overgang = regler.OFFENTLIGHETSVURDERING
    if post.journalstatus in overgang.fra and post.journalposttype in overgang.typer:
        verdier["journalstatus"] = overgang.til
    paa_vegne = paa_vegne_av_leder(actor, post)
    before = audit.snapshot(post, VURDERTE_FELT)
    midlertidig_kode = post.tilgangskode_id
    # Compare-and-set: only a post still carrying the temporary code and the status the
    # decider saw is changed, so two decisions at once cannot both win.
    changed = Journalpost.objects.filter(
        pk=post.pk, tilgangskode=midlertidig_kode, journalstatus=post.journalstatus
    ).update(**verdier)
    if changed != 1:
        raise DomainError(ENDRET_AV_ANDRE)
    post = Journalpost.objects.select_related("saksmappe", "tilgangskode").get(pk=post.pk)
    if not Journalpost.objects.visible_to(actor).filter(pk=post.pk).exists():
        raise DomainError("Etter vurderingen ville du ikke lenger se journalposten.")
    if vedtak == OFFENTLIG:
        beskrivelse = f"Offentlig: tilgangskoden {midlertidig_kode} er fjernet."
    else:
        beskrivelse = (
            f"Unntatt offentlighet: {post.tilgangskode_id} ({post.skjermingshjemmel}) i stedet "
            f"for {midlertidig_kode}."
        )
    if vedtak == UNNTATT and navn_kan_vises and not post.skjerm_korrespondanseparter:
        navn = navn_med_skjermede_ord(post, skjulte_ord(post.tittel, post.offentlig_tittel))
        if navn:
            beskrivelse += (
                " Navnet " + ", ".join(f"«{n}»" for n in navn) + " er bevisst ikke skjermet."
            )
    if paa_vegne:
        beskrivelse += " Avgjort av arkivet på vegne av lederen."
    if merknad.strip():
        beskrivelse += f" {merknad.strip()}"
    audit.record(
        actor,
        post,
        "offentlighetsvurdert av arkivet" if paa_vegne else "offentlighetsvurdert",
        endringer=audit.diff(before, audit.snapshot(post, VURDERTE_FELT)),
        beskrivelse=beskrivelse,
    )
    return post
