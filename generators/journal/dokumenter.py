"""The demo journal's documents (journal/demo.py): a letter, note or committee draft per
post, rendered as PDF/A-2b from templates/journal/print/demodokument.html.

WeasyPrint takes about a tenth of a second per page, so a few hundred documents are
rendered in worker processes, one per core. The workers are started fresh ("spawn") and
never touch the database: they get plain dictionaries and return PDF bytes. This module
imports no models, so a worker can import it before Django is set up.
"""

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor

from . import katalog as K

TEMPLATE = "journal/print/demodokument.html"
PARALLEL_FROM = 40

TYPENAVN = {"I": "Brev", "U": "Brev", "N": "Notat", "X": "Notat", "S": "Saksframlegg"}
KOMMUNEADRESSE = {"adresse": "Postboks 100", "postnummer": "6900", "poststed": "Fjordvik"}

INNGAAENDE = [
    "Vi viser til tidligere kontakt med kommunen og sender med dette {hva}.",
    "Nødvendig dokumentasjon følger vedlagt. Ta gjerne kontakt dersom noe mangler eller er uklart.",
    "Vi ber om at saken behandles så snart som mulig, og ser fram til å høre fra dere.",
    "Opplysningene er gitt etter beste skjønn. Vi kan gi flere opplysninger på telefon eller "
    "e-post ved behov.",
]
FRA_ORGAN = [
    "{avsender} viser til saken og oversender {hva}.",
    "Vi ber om at kommunen tar dette med i den videre behandlingen av saken.",
    "Spørsmål om innholdet kan rettes til saksbehandleren hos oss.",
]
VEDTAK = [
    "Vi viser til henvendelsen mottatt {mottatt}.",
    "Kommunen har vurdert saken etter gjeldende regelverk og de opplysningene som foreligger. "
    "Vurderingen og begrunnelsen går fram av saksdokumentene.",
    "Vedtaket er et enkeltvedtak og kan påklages innen tre uker fra det tidspunktet brevet kom "
    "fram, jf. forvaltningsloven §§ 28 og 29. Klagen sendes til kommunen.",
    "Ta gjerne kontakt med saksbehandleren dersom du har spørsmål.",
]
FORELOPIG = [
    "Vi bekrefter at henvendelsen er mottatt {mottatt}.",
    "Saken er under behandling. Forventet saksbehandlingstid er om lag {uker} uker.",
    "Trenger vi flere opplysninger, tar vi kontakt.",
]
UTGAAENDE = [
    "Vedlagt følger {hva}.",
    "Vi ber om tilbakemelding innen {frist}.",
    "Ta kontakt med saksbehandleren dersom du har spørsmål.",
]
NOTAT = [
    "Notatet sendes til {mottaker} for vurdering og tilbakemelding.",
    "Saken gjelder {hva}. Bakgrunnen er beskrevet i saksdokumentene.",
    "Vi ber om tilbakemelding innen {frist}.",
]
NOTAT_X = [
    "Notatet er skrevet til saken for å dokumentere {hva}.",
    "Det krever ingen videre oppfølging.",
]
SAKSFRAMLEGG = [
    "Saksopplysninger: Saken gjelder {hva}. Relevante dokumenter ligger i saken.",
    "Vurdering: Kommunedirektøren har vurdert saken opp mot gjeldende planer, økonomiske "
    "rammer og regelverk, og mener forslaget gir en god og forsvarlig løsning.",
    "Økonomiske konsekvenser: Tiltaket dekkes innenfor vedtatt budsjett.",
]
VEDLEGG = [
    "Vedlegg til {hva}.",
    "Vedlegget er en del av dokumentasjonen i saken og skal leses sammen med hoveddokumentet.",
]


def _lc(text: str) -> str:
    return text[:1].lower() + text[1:]


def _address(part) -> dict:
    return {
        "navn": part.navn,
        "adresse": part.adresse,
        "postnummer": part.postnummer,
        "poststed": part.poststed,
        "epost": part.epost,
    }


def kontekst(post, kommune: str, enhet, vedlegg: str = "") -> dict:
    """The template context of a post's main document (or of an attachment)."""
    sak = post.sak
    referanse = f"{sak.aar}/{sak.nr}-{post.dokumentnummer}"
    person = post.saksbehandler or post.opprettet_av
    mottatt = post.besvarer.dato if post.besvarer else sak.opprettet
    values = {
        "hva": _lc(post.tittel),
        "mottatt": f"{mottatt:%d.%m.%Y}",
        "uker": 4 + post.nr % 5,
        "frist": f"{post.forfall or post.dato:%d.%m.%Y}",
        "mottaker": post.mottaker.get_full_name() if post.mottaker else "leder",
    }
    own = {"navn": kommune, "enhet": enhet.navn, "epost": enhet.epost, **KOMMUNEADRESSE}
    ctx = {
        "tittel": post.tittel,
        "dokumenttype": TYPENAVN[post.type],
        "referanse": referanse,
        "var_referanse": referanse,
        "dato": post.dato,
        "skjermingshjemmel": post.hjemmel if post.kode else "",
        "saksbehandler": person.get_full_name() if person else "",
        "mottakere": [],
        "kopi": [k[1].navn if k[1] else k[2].get_full_name() for k in post.korr if k[0][1] == "K"],
    }
    if post.type == "I":
        sender = next((k[1] for k in post.korr if k[0] == "EA"), None)
        from_body = getattr(sender, "organ", False)
        ctx.update(
            avsender=_address(sender) if sender else own,
            mottakere=[{"navn": kommune, "enhet": enhet.navn, **KOMMUNEADRESSE}],
            var_referanse="",
            deres_referanse=f"{sak.aar}/{sak.nr}" if post.dokumentnummer > 1 else "",
            saksbehandler="",
            underskriver=sender.navn if sender else kommune,
            avsnitt=[
                t.format(avsender=sender.navn if sender else "", **values)
                for t in (FRA_ORGAN if from_body else INNGAAENDE)[: 2 + post.nr % 2]
            ],
        )
    else:
        texts = {"N": NOTAT, "X": NOTAT_X, "S": SAKSFRAMLEGG}.get(post.type)
        if post.type == "U":
            texts = VEDTAK if post.svar else FORELOPIG if post.forelopig else UTGAAENDE
        ctx.update(
            avsender=own,
            underskriver=ctx["saksbehandler"],
            underskriver_stilling=getattr(person, "stilling", ""),
            elektronisk_godkjent=post.type == "U",
            avsnitt=[t.format(**values) for t in texts],
        )
        if post.type == "U":
            ctx["mottakere"] = [_address(k[1]) for k in post.korr if k[0] == "EM"]
        elif post.type in ("N", "X"):
            ctx["mottakere"] = [
                {"navn": k[2].get_full_name(), "adresse": k[3].navn if k[3] else ""}
                for k in post.korr
                if k[0] == "IM"
            ]
        if post.type == "S":
            names = {kode: navn for kode, navn, _rekkefolge in K.UTVALG}
            ctx["utvalg"] = ", ".join(names[b[0]] for b in post.behandlinger) or "Formannskapet"
            ctx["sakstype"] = {"PS": "Politisk sak", "DS": "Delegert sak", "RS": "Referatsak"}[
                post.behandlinger[0][1] if post.behandlinger else "PS"
            ]
            ctx["innstilling"] = (
                f"Saken vedtas slik det går fram av saksframlegget: {_lc(post.tittel)}."
            )
            ctx["underskriver"] = "Kommunedirektøren"
            ctx["underskriver_stilling"] = ""
    if vedlegg:
        ctx.update(
            tittel=f"{vedlegg} – {post.tittel}",
            dokumenttype="Vedlegg",
            avsnitt=[t.format(**values) for t in VEDLEGG],
            innstilling="",
        )
    return ctx


def filnavn(referanse: str, tittel: str) -> str:
    """«2026-12-3 Søknad om ….pdf»: screened words left out, no path separators or
    characters Windows refuses."""
    tittel = re.sub(r"\s*[–-]?\s*\*{5}", "", tittel)
    tittel = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "-", tittel).strip(" .")
    return f"{referanse.replace('/', '-')} {tittel}"[:150].rstrip(" .") + ".pdf"


def _init_worker():
    import django

    django.setup()


def render_one(ctx: dict) -> bytes:
    from saksarkiv.pdf import render_pdf

    return render_pdf(TEMPLATE, ctx, archival=True)


def render_all(contexts: list[dict]) -> list[bytes]:
    """Render every context to PDF/A, in parallel when there are many."""
    workers = min(os.cpu_count() or 1, 4)
    if len(contexts) < PARALLEL_FROM or workers < 2:
        return [render_one(ctx) for ctx in contexts]
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=spawn, initializer=_init_worker) as pool:
        return list(pool.map(render_one, contexts, chunksize=8))
