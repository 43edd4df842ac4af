"""The minutes (møteprotokoll, issue 18 item 6, first step): built from what was recorded in
the meeting — no retyping. Meeting data, who met (and for whom), who was absent; per item
the changes in attendance, closed doors with their legal basis, the proposals, each vote
with its totals and party lines in a stock phrase («Innstillingen ble enstemmig vedtatt»,
«Forslaget fra H falt med 1 mot 3 stemmer»), and the decision.

The public version is made from the same data: an exempt item (its post has an access code)
shows its screened title, and its proposals and decision are left out; a protected decision
(an access code on the treatment) is left out with its legal basis. Both are PDF/A-2b.
"""

from dataclasses import dataclass, field

from django.utils.safestring import mark_safe

from saksarkiv import audit
from saksarkiv.pdf import render_pdf
from saksarkiv.riktekst import rens

from . import frammote, sakskart, votering
from .models import (
    Endringstype,
    Frammote,
    Frammoteendring,
    Frammotestatus,
    Mote,
    Motestatus,
    Sakskartpunkt,
    Stemmeresultat,
    Votering,
)

RETTET = "protokoll rettet"
# Attendance changes the public version shows for an exempt case (not inhabil, nor the
# substitute who stepped in for that case alone).
OFFENTLIGE_ENDRINGER = (Endringstype.KOM, Endringstype.GIKK)


def rettelser(mote: Mote) -> list:
    """The corrections made after approval, oldest first (printed in the minutes)."""
    return list(audit.history(mote).filter(handling=RETTET).order_by("tidspunkt"))


def _fremmet_av(forslag) -> str:
    navn = [m.person.get_full_name() for m in forslag.fremmet_av.all()]
    if forslag.parti_id:
        navn.insert(0, forslag.parti.kode)
    return " og ".join(navn)


def setning(v, tilstede: int) -> str:
    """The stock phrase for one vote."""
    forslag = v.forslag
    hva = "Innstillingen" if forslag.type == "IN" else f"Forslaget fra {_fremmet_av(forslag)}"
    if v.mot_forslag is not None:
        mot = v.mot_forslag
        mot_hva = ("innstillingen" if mot.type == "IN"
                   else f"forslaget fra {_fremmet_av(mot)}")  # fmt: skip
        if v.resultat == Stemmeresultat.VEDTATT:
            return (f"{hva} ble vedtatt med {v.for_antall} mot {v.mot_antall} stemmer "
                    f"for {mot_hva}.")  # fmt: skip
        if v.resultat == Stemmeresultat.FALT:
            return (f"{mot_hva[0].upper()}{mot_hva[1:]} ble vedtatt med {v.mot_antall} mot "
                    f"{v.for_antall} stemmer for {hva[0].lower()}{hva[1:]}.")  # fmt: skip
    if v.resultat == Stemmeresultat.VEDTATT:
        if v.mot_antall == 0 and v.blank_antall == 0 and v.for_antall == tilstede:
            return f"{hva} ble enstemmig vedtatt."
        tillegg = " ved møteleders dobbeltstemme" if v.dobbeltstemme else ""
        return f"{hva} ble vedtatt med {v.for_antall} mot {v.mot_antall} stemmer{tillegg}."
    if v.resultat == Stemmeresultat.FALT:
        tillegg = " ved møteleders dobbeltstemme" if v.dobbeltstemme else ""
        return f"{hva} falt med {v.for_antall} mot {v.mot_antall} stemmer{tillegg}."
    return (f"Stemmelikhet ({v.for_antall} mot {v.mot_antall}, {v.blank_antall} blanke): "
            "avgjøres ved loddtrekning.")  # fmt: skip


@dataclass
class Sak:
    punkt: Sakskartpunkt
    tittel: str
    skjult: bool = False  # exempt: proposals and decision left out (public version)
    hjemmel: str = ""  # the exempt item's legal basis
    vedtak_skjult: str = ""  # the legal basis when a protected decision is left out
    endringer: list = field(default_factory=list)
    forslag: list = field(default_factory=list)
    voteringer: list = field(default_factory=list)  # [(votering, phrase, party lines)]
    tilstede: int = 0
    rekkefolge: str = ""  # the order change, if the meeting took it out of order


def saker(mote: Mote, offentlig: bool) -> list[Sak]:
    tilstede = frammote.tilstede(mote)
    endringer = list(Frammoteendring.objects.filter(mote=mote).select_related(
        "medlem__person", "for_medlem__person"))  # fmt: skip
    punkter = (
        Sakskartpunkt.objects.filter(mote=mote)
        .select_related("behandling__journalpost", "behandling__tilgangskode")
        .prefetch_related("forslag__fremmet_av__person", "forslag__parti")
    )
    voteringer: dict[int, list[Votering]] = {}
    for v in (
        Votering.objects.filter(punkt__mote=mote)
        .select_related("forslag__parti", "mot_forslag__parti")
        .prefetch_related("forslag__fremmet_av__person", "mot_forslag__fremmet_av__person",
                          *votering.STEMMER)
    ):  # fmt: skip
        voteringer.setdefault(v.punkt_id, []).append(v)
    resultat = []
    for p in sorted(punkter, key=sakskart.sorteringsnokkel):
        post = p.behandling.journalpost if p.behandling_id else None
        unntatt = post is not None and post.tilgangskode_id is not None
        tittel = p.get_fast_display() if post is None else (
            post.offentlig_tittel if offentlig and unntatt else post.tittel)  # fmt: skip
        sak = Sak(p, tittel, skjult=offentlig and unntatt,
                  hjemmel=post.skjermingshjemmel if unntatt else "")  # fmt: skip
        if offentlig and p.behandling_id and p.behandling.tilgangskode_id:
            sak.vedtak_skjult = p.behandling.skjermingshjemmel or p.behandling.tilgangskode.navn
        sak.endringer = [e for e in endringer if e.punkt_id == p.pk]
        if sak.skjult:
            # Who was inhabil in an exempt case, and on what ground, can tell what it is.
            sak.endringer = [e for e in sak.endringer if e.type in OFFENTLIGE_ENDRINGER]
        # A protected decision is usually the recommendation word for word, and the
        # secretary's own phrase may quote it: the public version keeps neither.
        skjul_tekst = bool(sak.skjult or sak.vedtak_skjult)
        sak.forslag = [] if skjul_tekst else list(p.forslag.all())
        antall = len(tilstede[p.pk].tilstede) if p.pk in tilstede else 0
        sak.tilstede = antall
        for v in voteringer.get(p.pk, []):
            tekst = setning(v, antall) if skjul_tekst else (v.tekst or setning(v, antall))
            sak.voteringer.append((v, tekst, votering.partilinjer(v)))
        resultat.append(sak)
    _rekkefolge(resultat)
    return resultat


def _rekkefolge(saker_: list[Sak]) -> None:
    """Order changes are kept: an item the meeting took out of the agenda's order says
    which it came after."""
    behandlet = [s for s in saker_ if s.punkt.behandlingsrekkefolge]
    i_motet = sorted(behandlet, key=lambda s: s.punkt.behandlingsrekkefolge)
    for plass, s in enumerate(behandlet):
        faktisk = i_motet.index(s)
        if faktisk != plass:
            foran = i_motet[faktisk - 1] if faktisk else None
            s.rekkefolge = (
                f"Møtet endret rekkefølgen: saken ble behandlet etter "
                f"{foran.punkt.saksnummer or foran.tittel}." if foran
                else "Møtet endret rekkefølgen: saken ble behandlet først."
            )  # fmt: skip


def bygg(mote: Mote, *, offentlig: bool, referanse: str = "") -> bytes:
    """The minutes (or their public version) as PDF/A."""
    opprop = list(Frammote.objects.filter(mote=mote).select_related(
        "medlem__person", "medlem__parti", "vara_for__person"))  # fmt: skip
    saker_ = saker(mote, offentlig)
    for s in saker_:
        s.vedtak_html = mark_safe(rens(s.punkt.vedtak))  # noqa: S308 - cleaned
        for f in s.forslag:
            f.tekst_html = mark_safe(rens(f.tekst))  # noqa: S308 - cleaned
    context = {
        "tittel": ("Offentlig møteprotokoll" if offentlig else "Møteprotokoll")
        + f" – {mote.utvalg.navn} {mote.dato:%d.%m.%Y}",
        "mote": mote,
        "utvalg": mote.utvalg,
        "offentlig": offentlig,
        "referanse": referanse,
        "motte": [r for r in opprop if r.status == Frammotestatus.MOTT and not r.vara_for_id],
        "vara": [r for r in opprop if r.vara_for_id],
        "forfall": [r for r in opprop if r.status != Frammotestatus.MOTT],
        "saker": saker_,
        "endringstyper": Endringstype,
        "godkjent": mote.protokoll_godkjenning
        if mote.status == Motestatus.PROTOKOLL_GODKJENT
        else "",
        "rettelser": rettelser(mote),
    }
    return render_pdf("print/protokoll.html", context, archival=True)
