"""Votes in public (issue 18, item 9), no login: once a meeting is held, its page at /moter/
shows per item the public result and decision, and for each vote the phrase of the minutes
and how each party voted, naming the members who split from their party; each elected
member has a page with their seats, their attendance and their votes on public items.

What is public is decided where the public minutes decide it (`protokoll.saker(…,
offentlig=True)`), and narrowed further here for a web page anyone can search:
- an exempt item (its post has an access code) shows its screened title only — no
  proposals, votes, decision or attendance changes; on a member page its votes are left out;
- a protected decision (an access code on the treatment) shows «Vedtaket er unntatt
  offentlighet» with its legal basis; its proposals are left out too (the recommendation
  is usually the decision word for word) and its votes get the generated phrase, never the
  secretary's free text; the party lines stay (they are names and numbers);
- a secret ballot shows its counts, never who voted what (no Stemme rows exist for it).
Only members (Medlem rows) of active committees have a page: a user who is only staff has
none. Every page reads a fixed number of queries, however many rows it shows."""

from dataclasses import dataclass, field

from django.db.models import Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from saksarkiv.riktekst import rens

from . import protokoll, sakskart, votering
from .models import (
    Endringstype,
    Forslagstype,
    Frammote,
    Frammoteendring,
    Frammotestatus,
    Medlem,
    Medlemsrolle,
    Mote,
    Motestatus,
    Stemme,
    Utvalg,
)

HOLDT = (Motestatus.GJENNOMFORT, Motestatus.PROTOKOLL_GODKJENT)
_ROLLER = (Medlemsrolle.LEDER, Medlemsrolle.NESTLEDER, Medlemsrolle.MEDLEM, Medlemsrolle.VARAMEDLEM)
_ROLLEORDEN = {kode: n for n, kode in enumerate(_ROLLER)}


def _navn(medlem: Medlem) -> dict:
    """A member as the templates link them: name and the person's page."""
    return {"navn": medlem.person.get_full_name(), "person": medlem.person_id}


def forslagsnavn(forslag) -> str:
    """«Innstillingen», «Alternativt forslag fra H og Kari Nordmann» — never the text."""
    if forslag.type == Forslagstype.INNSTILLING:
        return "Innstillingen"
    fra = [m.person.get_full_name() for m in forslag.fremmet_av.all()]
    if forslag.parti_id:
        fra.insert(0, forslag.parti.kode)
    return f"{forslag.get_type_display()} fra {' og '.join(fra)}" if fra else (
        forslag.get_type_display())  # fmt: skip


# --- The meeting page ------------------------------------------------------------------------


@dataclass
class Linje:
    parti: str
    for_antall: int
    mot_antall: int
    blank_antall: int
    avvikere: list = field(default_factory=list)  # [{"navn", "person", "stemme"}]


@dataclass
class OffentligVotering:
    rekkefolge: int
    setning: str
    hemmelig: bool
    for_antall: int
    mot_antall: int
    blank_antall: int
    resultat: str
    linjer: list = field(default_factory=list)  # [Linje]; empty for a secret ballot


@dataclass
class OffentligSak:
    pk: int
    saksnummer: str
    tittel: str
    unntatt: bool = False
    hjemmel: str = ""  # the exempt post's legal basis
    trukket: bool = False
    merknad: str = ""
    lukket_hjemmel: str = ""
    rekkefolge: str = ""
    resultat: str = ""
    vedtak_html: str = ""
    vedtak_skjult: str = ""  # the protected decision's legal basis
    endringer: list = field(default_factory=list)  # [(member, text, for member or None)]
    forslag: list = field(default_factory=list)  # [(name, text html)]
    voteringer: list = field(default_factory=list)  # [OffentligVotering]


def _parti(medlem: Medlem) -> str:
    return medlem.parti.kode if medlem.parti_id else "Uten parti"  # as partilinjer names it


def _linjer(v) -> list[Linje]:
    """`votering.partilinjer` with each member who split from their party linked."""
    linjer = []
    for pl in votering.partilinjer(v):
        linje = Linje(pl.parti, pl.for_antall, pl.mot_antall, pl.blank_antall)
        for navn, stemme in pl.avvikere:
            s = next((s for s in v.stemmer.all()
                      if s.medlem.person.get_full_name() == navn and _parti(s.medlem) == pl.parti
                      and s.get_stemme_display().lower() == stemme), None)  # fmt: skip
            linje.avvikere.append((_navn(s.medlem) if s else {"navn": navn, "person": None})
                                  | {"stemme": stemme})  # fmt: skip
        linjer.append(linje)
    return linjer


def _sak(s: protokoll.Sak) -> OffentligSak:
    p = s.punkt
    post = p.behandling.journalpost if p.behandling_id else None
    sak = OffentligSak(p.pk, p.saksnummer or p.get_sakstype_display(), s.tittel,
                       unntatt=s.skjult, trukket=p.trukket is not None,
                       lukket_hjemmel=p.lukket_hjemmel if p.lukket else "")  # fmt: skip
    if s.skjult:  # the screened title and the legal basis, nothing more
        sak.hjemmel = post.skjermingshjemmel
        return sak
    if sak.trukket:
        sak.merknad = p.merknad
        return sak
    sak.vedtak_skjult = s.vedtak_skjult
    sak.rekkefolge = getattr(s, "rekkefolge", "")  # an order change the meeting made
    sak.resultat = p.get_resultat_display() if p.resultat else ""
    if p.resultat and p.vedtak and not s.vedtak_skjult:
        sak.vedtak_html = mark_safe(rens(p.vedtak))  # noqa: S308 - cleaned
    for e in s.endringer:
        tekst = e.get_type_display().lower()
        if e.type == Endringstype.INHABIL:
            tekst += f" ({e.hjemmel}; avgjort av {e.avgjort_av})"
        sak.endringer.append((_navn(e.medlem), tekst,
                              _navn(e.for_medlem) if e.for_medlem_id else None))  # fmt: skip
    if not s.vedtak_skjult:
        sak.forslag = [(forslagsnavn(f), mark_safe(rens(f.tekst)))  # noqa: S308 - cleaned
                       for f in s.forslag]  # fmt: skip
    for v, _setning, _partilinjer in s.voteringer:
        # The secretary's edited phrase is free text: not for a protected decision.
        tekst = protokoll.setning(v, s.tilstede)
        tekst = tekst if s.vedtak_skjult else (v.tekst or tekst)
        sak.voteringer.append(OffentligVotering(
            v.rekkefolge, tekst, v.hemmelig, v.for_antall, v.mot_antall, v.blank_antall,
            v.get_resultat_display(), [] if v.hemmelig else _linjer(v)))  # fmt: skip
    return sak


def behandlinger(mote: Mote) -> dict | None:
    """What the public page of a held meeting shows of its treatment, or None before."""
    if mote.status not in HOLDT:
        return None
    opprop = list(Frammote.objects.filter(mote=mote).select_related(
        "medlem__person", "medlem__parti", "vara_for__person"))  # fmt: skip
    opprop.sort(key=lambda r: (r.medlem.person.last_name, r.medlem.person.first_name, r.pk))
    return {
        "godkjent": mote.status == Motestatus.PROTOKOLL_GODKJENT,
        "motte": [r for r in opprop if r.status == Frammotestatus.MOTT and not r.vara_for_id],
        "vara": [r for r in opprop if r.status == Frammotestatus.MOTT and r.vara_for_id],
        "forfall": [r for r in opprop if r.status != Frammotestatus.MOTT],
        "saker": [_sak(s) for s in protokoll.saker(mote, offentlig=True)],
    }


# --- The members' pages ----------------------------------------------------------------------


def _aktive_medlemmer():
    return Medlem.objects.filter(utvalg__aktiv=True).select_related("utvalg", "person", "parti")


def _rolle(m: Medlem) -> tuple:
    return (_ROLLEORDEN.get(m.rolle, 9), m.parti.kode if m.parti_id else "~",
            m.vararekkefolge or 0, m.person.last_name, m.person.first_name)  # fmt: skip


@require_GET
def representanter(request):
    """The committees' members today, per committee (one committee with ?utvalg=KODE)."""
    dag = timezone.localdate()
    utvalg = list(Utvalg.objects.filter(aktiv=True).order_by("rekkefolge", "navn"))
    valgt = next((u for u in utvalg if u.kode == request.GET.get("utvalg")), None)
    seter = _aktive_medlemmer().gyldige(dag)
    if valgt is not None:
        seter = seter.filter(utvalg=valgt)
    per_utvalg: dict[int, list] = {}
    for m in seter:
        per_utvalg.setdefault(m.utvalg_id, []).append(m)
    grupper = [(u, sorted(per_utvalg[u.pk], key=_rolle)) for u in utvalg if u.pk in per_utvalg]
    context = {"utvalg": utvalg, "valgt": valgt, "grupper": grupper}
    return render(request, "offentlig/representanter.html", context)


def _aar(request, arene: list[int]) -> int | None:
    try:
        aar = int(request.GET.get("aar", ""))
    except ValueError:
        aar = None
    return aar if aar in arene else (arene[-1] if arene else None)


def _frammote(rader, varainn) -> list[dict]:
    """One line per held meeting: møtt, forfall, ikke møtt, møtte som vara for X, or — for
    a substitute who stepped in for one item — tiltrådte som vara (for X, in a public item)."""
    linjer = {}
    for r in rader:
        if r.status == Frammotestatus.MOTT and r.vara_for_id:
            tekst, for_ = "Møtte som vara for", _navn(r.vara_for)
        else:
            tekst, for_ = r.get_status_display(), None
        linjer[r.mote_id] = {"mote": r.mote, "tekst": tekst, "for": for_}
    for e in varainn:
        if e.mote_id in linjer:
            continue
        post = e.punkt.behandling.journalpost if e.punkt.behandling_id else None
        if post is not None and post.tilgangskode_id is not None:  # an exempt item
            linjer[e.mote_id] = {"mote": e.mote, "tekst": "Tiltrådte som vara i én sak",
                                 "for": None}  # fmt: skip
        else:
            tekst = f"Tiltrådte som vara i sak {e.punkt.saksnummer} for"
            linjer[e.mote_id] = {"mote": e.mote, "tekst": tekst, "for": _navn(e.for_medlem)}
    return sorted(linjer.values(), key=lambda x: (x["mote"].dato, x["mote"].klokkeslett),
                  reverse=True)  # fmt: skip


@require_GET
def representant(request, pk):
    """One elected member: seats, attendance per held meeting and votes on public items."""
    seter = list(_aktive_medlemmer().filter(person_id=pk).order_by("-fra", "pk"))
    if not seter:
        raise Http404("Fant ikke representanten.")
    dag = timezone.localdate()
    ider = [s.pk for s in seter]
    naa = sorted((s for s in seter if s.fra <= dag and (s.til is None or s.til >= dag)),
                 key=lambda s: (s.utvalg.rekkefolge, s.utvalg.navn))  # fmt: skip
    partier = list(dict.fromkeys(s.parti for s in (naa or seter[:1]) if s.parti_id))
    holdt = Q(mote__status__in=HOLDT, mote__utvalg__aktiv=True)
    rader = list(Frammote.objects.filter(holdt, medlem__in=ider).select_related(
        "mote__utvalg", "vara_for__person"))  # fmt: skip
    varainn = list(Frammoteendring.objects.filter(
        holdt, medlem__in=ider, type=Endringstype.VARA_INN).select_related(
        "mote__utvalg", "for_medlem__person", "punkt__behandling__journalpost"))  # fmt: skip
    arene = sorted({r.mote.dato.year for r in rader} | {e.mote.dato.year for e in varainn})
    aar = _aar(request, arene)
    frammote = [x for x in _frammote(rader, varainn) if x["mote"].dato.year == aar]
    stemmer = list(
        Stemme.objects.filter(
            medlem__in=ider,
            votering__hemmelig=False,
            votering__punkt__mote__status__in=HOLDT,
            votering__punkt__mote__utvalg__aktiv=True,
            votering__punkt__mote__dato__year=aar or 0,
            votering__punkt__trukket__isnull=True,
        )
        # An exempt item's votes are not shown at all.
        .filter(Q(votering__punkt__behandling__isnull=True)
                | Q(votering__punkt__behandling__journalpost__tilgangskode__isnull=True))
        .select_related("votering__punkt__mote__utvalg",
                        "votering__punkt__behandling__journalpost",
                        "votering__forslag__parti", "votering__mot_forslag__parti")
        .prefetch_related("votering__forslag__fremmet_av__person",
                          "votering__mot_forslag__fremmet_av__person")
    )  # fmt: skip
    stemmer.sort(key=lambda s: (
        -s.votering.punkt.mote.dato.toordinal(), s.votering.punkt.mote.klokkeslett,
        sakskart.sorteringsnokkel(s.votering.punkt), s.votering.rekkefolge))  # fmt: skip
    for s in stemmer:
        p = s.votering.punkt
        s.tittel = p.behandling.journalpost.tittel if p.behandling_id else p.get_fast_display()
        s.forslagsnavn = forslagsnavn(s.votering.forslag)
        if s.votering.mot_forslag_id:
            mot = forslagsnavn(s.votering.mot_forslag)
            s.forslagsnavn += f" mot {mot[0].lower()}{mot[1:]}"
    context = {
        "person": seter[0].person,
        "partier": partier,
        "seter": naa,
        "arene": arene,
        "aar": aar,
        "frammote": frammote,
        "stemmer": stemmer,
    }
    return render(request, "offentlig/representant.html", context)
