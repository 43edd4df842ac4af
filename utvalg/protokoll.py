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

from saksarkiv.pdf import render_pdf
from saksarkiv.riktekst import rens

from . import frammote, sakskart, votering
from .models import (
    Endringstype,
    Frammote,
    Frammoteendring,
    Frammotestatus,
    Mote,
    Sakskartpunkt,
    Stemmeresultat,
    Votering,
)


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
    vedtak_skjult: str = ""  # the legal basis when a protected decision is left out
    endringer: list = field(default_factory=list)
    forslag: list = field(default_factory=list)
    voteringer: list = field(default_factory=list)  # [(votering, phrase, party lines)]
    tilstede: int = 0


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
        sak = Sak(p, tittel, skjult=offentlig and unntatt)
        if offentlig and p.behandling_id and p.behandling.tilgangskode_id:
            sak.vedtak_skjult = p.behandling.skjermingshjemmel or p.behandling.tilgangskode.navn
        sak.endringer = [e for e in endringer if e.punkt_id == p.pk]
        sak.forslag = list(p.forslag.all())
        antall = len(tilstede[p.pk].tilstede) if p.pk in tilstede else 0
        sak.tilstede = antall
        for v in voteringer.get(p.pk, []):
            sak.voteringer.append((v, setning(v, antall), votering.partilinjer(v)))
        resultat.append(sak)
    return resultat


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
    }
    return render_pdf("print/protokoll.html", context, archival=True)
