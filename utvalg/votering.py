"""Proposals and votes (issue 18, items 2–3).

- Proposals: the recommendation (innstilling) is taken from the draft's written text; the
  secretary enters proposals made in the meeting on behalf of one or more members or a
  party group. A proposal can be changed until it has been voted on.
- Votes, in their recorded order: a proposal alone (for/against) or against another
  (alternative vote). In an open vote every member present at the item (utvalg/frammote.py)
  votes for or against — members present have a duty to vote (kommuneloven § 11-9);
  blank votes only in elections. The totals must add up to those present. In a tie the
  chair's vote decides (kommuneloven § 11-9 second paragraph), except in elections, where
  it stands undecided for the lot. A secret ballot (elections only) keeps counts alone.
- `partilinjer` gives each party's votes and names the members who split from their party.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from saksarkiv import audit
from saksarkiv.riktekst import er_tom, rens
from saksarkiv.services import DomainError

from . import frammote
from .models import (
    Forslag,
    Forslagstype,
    Medlem,
    Medlemsrolle,
    Sakskartpunkt,
    Stemme,
    Stemmegivning,
    Stemmeresultat,
    Votering,
)


def _laas(actor, punkt: Sakskartpunkt) -> Sakskartpunkt:
    mote = frammote._laas(actor, punkt.mote)  # the meeting's lock, rule and state
    return Sakskartpunkt.objects.select_related("behandling__journalpost").get(
        pk=punkt.pk, mote=mote, trukket__isnull=True
    )


def _neste(qs, felt="rekkefolge") -> int:
    return (qs.aggregate(m=Max(felt))["m"] or 0) + 1


def innstilling_fra_saken(punkt: Sakskartpunkt) -> str:
    """The recommendation written in the draft (its text document), or ""."""
    post = punkt.behandling.journalpost if punkt.behandling_id else None
    tekst = getattr(post, "tekstdokument", None) if post is not None else None
    return "" if tekst is None or er_tom(tekst.innstilling) else tekst.innstilling


@transaction.atomic
def foreslaa(actor, punkt: Sakskartpunkt, *, type: str, tekst: str = "", fremmet_av=(),
             parti=None) -> Forslag:  # fmt: skip
    """Enter a proposal. The recommendation's text defaults to the draft's «innstilling»."""
    punkt = _laas(actor, punkt)
    if type not in Forslagstype.values:
        raise DomainError("Velg hva slags forslag det er.", field="type")
    tekst = (tekst or "").strip()
    if type == Forslagstype.INNSTILLING:
        if punkt.forslag.filter(type=Forslagstype.INNSTILLING).exists():
            raise DomainError("Saken har allerede innstillingen som forslag.", field="type")
        tekst = tekst or innstilling_fra_saken(punkt)
        if fremmet_av or parti:
            raise DomainError("Innstillingen fremmes ikke av enkeltmedlemmer.", field="fremmet_av")
    elif not (fremmet_av or parti):
        raise DomainError("Oppgi hvem som fremmet forslaget (medlemmer eller partigruppe).",
                          field="fremmet_av")  # fmt: skip
    if not tekst:
        raise DomainError("Skriv forslaget.", field="tekst")
    forslag = Forslag.objects.create(
        punkt=punkt, type=type, tekst=rens(tekst), parti=parti,
        rekkefolge=_neste(punkt.forslag), registrert_av=actor,
    )  # fmt: skip
    if fremmet_av:
        forslag.fremmet_av.set(fremmet_av)
    audit.record(actor, punkt.mote, "forslag registrert",
                 beskrivelse=f"{punkt.saksnummer}: {forslag.get_type_display()}")  # fmt: skip
    return forslag


@transaction.atomic
def endre_forslag(actor, forslag: Forslag, tekst: str) -> Forslag:
    punkt = _laas(actor, forslag.punkt)
    forslag = Forslag.objects.select_for_update().get(pk=forslag.pk, punkt=punkt)
    if forslag.voteringer.exists() or Votering.objects.filter(mot_forslag=forslag).exists():
        raise DomainError("Forslaget er stemt over og kan ikke endres.")
    if not (tekst or "").strip():
        raise DomainError("Skriv forslaget.", field="tekst")
    forslag.tekst = rens(tekst.strip())
    forslag.save(update_fields=["tekst"])
    audit.record(actor, punkt.mote, "forslag endret", beskrivelse=punkt.saksnummer)
    return forslag


# --- Votes ----------------------------------------------------------------------------------


def _moteleder(tilstede: list[Medlem]) -> Medlem | None:
    """Who chairs at this item: the leader if present, else the deputy leader."""
    for rolle in (Medlemsrolle.LEDER, Medlemsrolle.NESTLEDER):
        for m in tilstede:
            if m.rolle == rolle:
                return m
    return None


def _resultat(for_: int, mot: int, valg: bool, lederstemme: str | None) -> tuple[str, bool]:
    if for_ > mot:
        return Stemmeresultat.VEDTATT, False
    if mot > for_:
        return Stemmeresultat.FALT, False
    if valg or lederstemme is None:
        return Stemmeresultat.UAVGJORT, False
    return (Stemmeresultat.VEDTATT if lederstemme == Stemmegivning.FOR
            else Stemmeresultat.FALT), True  # fmt: skip


@transaction.atomic
def stem(actor, punkt: Sakskartpunkt, *, forslag: Forslag, stemmer: dict | None = None,
         mot_forslag: Forslag | None = None, valg: bool = False, hemmelig: bool = False,
         antall: tuple[int, int, int] | None = None) -> Votering:  # fmt: skip
    """Record one vote. `stemmer`: {member id: "F"/"M"/"B"} for an open vote; `antall`:
    (for, mot, blank) for a secret ballot."""
    punkt = _laas(actor, punkt)
    if forslag.punkt_id != punkt.pk or (mot_forslag and mot_forslag.punkt_id != punkt.pk):
        raise DomainError("Forslaget hører ikke til saken.", field="forslag")
    if mot_forslag is not None and mot_forslag.pk == forslag.pk:
        raise DomainError("Et forslag kan ikke stemmes mot seg selv.", field="mot_forslag")
    if hemmelig and not valg:
        raise DomainError("Hemmelig avstemning brukes bare ved valg.", field="hemmelig")
    tilstede = frammote.tilstede(punkt.mote)[punkt.pk].tilstede
    if not tilstede:
        raise DomainError("Ingen er registrert til stede ved saken.")
    votering = Votering(punkt=punkt, rekkefolge=_neste(punkt.voteringer), forslag=forslag,
                        mot_forslag=mot_forslag, valg=valg, hemmelig=hemmelig,
                        registrert_av=actor)  # fmt: skip
    lederstemme = None
    rader = []
    if hemmelig:
        if antall is None or len(antall) != 3 or any(n < 0 for n in antall):
            raise DomainError("Oppgi antall stemmer for, mot og blanke.", field="antall")
        if sum(antall) != len(tilstede):
            raise DomainError(f"Stemmene ({sum(antall)}) må gå opp i antallet til stede "
                              f"({len(tilstede)}).", field="antall")  # fmt: skip
        votering.for_antall, votering.mot_antall, votering.blank_antall = antall
    else:
        stemmer = {int(k): v for k, v in (stemmer or {}).items()}
        ids = {m.pk for m in tilstede}
        if set(stemmer) - ids:
            raise DomainError("Bare medlemmer til stede ved saken kan stemme.", field="stemmer")
        mangler = [m for m in tilstede if m.pk not in stemmer]
        if mangler:
            navn = ", ".join(m.person.get_full_name() for m in mangler)
            raise DomainError(f"Alle til stede har stemmeplikt; mangler stemme fra {navn}.",
                              field="stemmer")  # fmt: skip
        gyldige = {Stemmegivning.FOR, Stemmegivning.MOT} | (
            {Stemmegivning.BLANK} if valg else set()
        )
        if any(v not in gyldige for v in stemmer.values()):
            raise DomainError("Blank stemme kan bare gis ved valg." if not valg
                              else "Ugyldig stemme.", field="stemmer")  # fmt: skip
        telling = Counter(stemmer.values())
        votering.for_antall = telling[Stemmegivning.FOR]
        votering.mot_antall = telling[Stemmegivning.MOT]
        votering.blank_antall = telling[Stemmegivning.BLANK]
        leder = _moteleder(tilstede)
        lederstemme = stemmer.get(leder.pk) if leder else None
        rader = [Stemme(medlem_id=pk, stemme=v) for pk, v in stemmer.items()]
    votering.resultat, votering.dobbeltstemme = _resultat(
        votering.for_antall, votering.mot_antall, valg, lederstemme
    )
    votering.save()
    for rad in rader:
        rad.votering = votering
    Stemme.objects.bulk_create(rader)
    utfall = f"{votering.for_antall} mot {votering.mot_antall}, "
    utfall += votering.get_resultat_display().lower()
    audit.record(actor, punkt.mote, "votering registrert",
                 beskrivelse=f"{punkt.saksnummer}: {utfall}")  # fmt: skip
    return votering


# What `partilinjer` reads of each vote: prefetch it for a list of votes.
STEMMER = ("stemmer__medlem__person", "stemmer__medlem__parti")


@dataclass
class Partilinje:
    """One party's votes in one vote, and the members who voted against its majority."""

    parti: str
    for_antall: int = 0
    mot_antall: int = 0
    blank_antall: int = 0
    avvikere: list = field(default_factory=list)  # [(member name, vote)]


def partilinjer(votering: Votering) -> list[Partilinje]:
    """Per party (members without a party as «Uten parti»), in name order."""
    if votering.hemmelig:
        return []
    grupper: dict[str, list[Stemme]] = {}
    for s in votering.stemmer.all():  # callers prefetch STEMMER
        navn = s.medlem.parti.kode if s.medlem.parti_id else "Uten parti"
        grupper.setdefault(navn, []).append(s)
    linjer = []
    for navn in sorted(grupper):
        stemmer = grupper[navn]
        telling = Counter(s.stemme for s in stemmer)
        linje = Partilinje(navn, telling[Stemmegivning.FOR], telling[Stemmegivning.MOT],
                           telling[Stemmegivning.BLANK])  # fmt: skip
        flertall, antall = telling.most_common(1)[0]
        if antall * 2 > len(stemmer):  # a clear party line: name who split from it
            linje.avvikere = sorted(
                (s.medlem.person.get_full_name(), s.get_stemme_display().lower())
                for s in stemmer if s.stemme != flertall
            )  # fmt: skip
        linjer.append(linje)
    return linjer
