"""Documents written in the browser from templates (issue 16, items 2–3): committee drafts
(saksframlegg), delegated decisions and letters to the parties.

- A template (Dokumentmal) has a head and a foot with merge fields in double brackets —
  [[saksnummer]], [[parter]] … (FLETTEFELT) — and the starting text of each section.
- A post's text (Tekstdokument) starts from a template and is written section by section;
  every save is cleaned (saksarkiv.riktekst) and versioned, so that an autosave from a stale
  window cannot overwrite newer text.
- The preview and the finished document are the same rendering: a PDF/A made by WeasyPrint
  from templates/print/tekstdokument.html. When the post is finished (F) it becomes the main
  document (journal's hook settings.SAKSARKIV_VED_FERDIGSTILLING), and the text is frozen:
  only a post back in R (the chain sent it back, or it was reopened) is written in again.
"""

import html
import re

from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe

from journal.models import Journalpost
from journal.models import Journalposttype as T
from journal.services import laas
from journal.services import tillatelser as journal_tillatelser
from journal.services.dokumenter import StoredFiles, kontroller_fil, legg_til, ny_versjon
from saksarkiv import access, audit
from saksarkiv.models import Rolletype
from saksarkiv.pdf import render_pdf
from saksarkiv.riktekst import er_tom, rens
from saksarkiv.services import DomainError, IkkeTilgang

from .models import (
    Behandlingsresultat,
    Dokumentmal,
    Maltype,
    Motestatus,
    Sakskartpunkt,
    Sakstype,
    Tekstdokument,
)

# The sections of each kind of document, in order: (field, heading).
SEKSJONER = {
    Maltype.SAKSFRAMLEGG: [
        ("saksopplysninger", "Saksopplysninger"),
        ("vurdering", "Vurdering"),
        ("innstilling", "Kommunedirektørens innstilling"),
    ],
    Maltype.DELEGERT: [
        ("saksopplysninger", "Saksopplysninger"),
        ("vurdering", "Vurdering"),
        ("innstilling", "Vedtak"),
    ],
    Maltype.PARTSBREV: [("brevtekst", "Brevtekst")],
    Maltype.SAKSUTSKRIFT: [("brevtekst", "Tekst")],
}
TEKSTFELT = ("saksopplysninger", "vurdering", "innstilling", "brevtekst")
# Which templates a kind of post is written from.
MALTYPER_FOR = {
    T.SAKSFRAMLEGG: (Maltype.SAKSFRAMLEGG,),
    T.UTGAENDE: (Maltype.DELEGERT, Maltype.PARTSBREV),
}

FLETTEFELT = {
    "saksnummer": "Saksnummer (2026/12)",
    "dokumentnummer": "Dokumentnummer (2026/12-3)",
    "tittel": "Journalpostens tittel",
    "sakstittel": "Sakens tittel",
    "saksbehandler": "Saksbehandlerens navn",
    "enhet": "Enheten",
    "parter": "Sakens parter med adresse",
    "mottakere": "Mottakerne med adresse",
    "dato": "Dagens dato",
    "utvalg": "Utvalgene som behandler saken, i rekkefølge",
    "vedtak": "Vedtaket (i partsbrev, når det er fattet)",
}
_FELT = re.compile(r"\[\[\s*([a-zæøå_]+)\s*\]\]")
IKKE_FATTET = "(Vedtaket er ikke fattet ennå.)"


# --- Merge fields -------------------------------------------------------------------------------


def ukjente_felt(tekst: str) -> list[str]:
    return sorted({navn for navn in _FELT.findall(tekst or "") if navn not in FLETTEFELT})


def _adresse(p) -> str:
    sted = " ".join(x for x in (p.postnummer, p.poststed) if x)
    return ", ".join(x for x in (p.navn, p.adresse, sted) if x)


def _vedtak(post: Journalpost, leser) -> str:
    """The decision a letter to the parties tells: the case's newest committee decision
    (decided in a held meeting, issue 18 item 8) whose draft `leser` may read, else the
    newest delegated decision written here that `leser` may read."""
    lesbare = Journalpost.objects.readable_by(leser).values("pk")
    utvalget = (
        Sakskartpunkt.objects.filter(
            behandling__journalpost__saksmappe=post.saksmappe_id,
            behandling__journalpost__in=lesbare,
            trukket__isnull=True,
            resultat__in=(Behandlingsresultat.VEDTATT, Behandlingsresultat.ENDRET),
            mote__status__in=(Motestatus.GJENNOMFORT, Motestatus.PROTOKOLL_GODKJENT),
        )
        .order_by("-mote__dato", "-mote__klokkeslett", "-behandlet", "-pk")
        .values_list("vedtak", flat=True)
        .first()
    )
    if utvalget and not er_tom(utvalget):
        return rens(utvalget)
    delegert = (
        Tekstdokument.objects.filter(
            journalpost__saksmappe=post.saksmappe_id,
            journalpost__behandlinger__sakstype=Sakstype.DELEGERT,
            journalpost__in=Journalpost.objects.readable_by(leser).values("pk"),
        )
        .exclude(journalpost=post)
        .order_by("-endret")
        .first()
    )
    return delegert.innstilling if delegert and not er_tom(delegert.innstilling) else ""


def flettefelt(post: Journalpost, leser) -> dict[str, str]:
    """The merge values of one post as `leser` may see them (the access chokepoint: the
    case's screened parties and another post's decision only with access to them): plain
    text, except [[vedtak]], which is cleaned HTML."""
    sak = post.saksmappe
    sb = post.saksbehandler
    parter = sak.parter.all() if not sak.skjerm_parter or access.can_read(leser, sak) else []
    return {
        "saksnummer": sak.saksnummer,
        "dokumentnummer": f"{sak.saksnummer}-{post.dokumentnummer}",
        "tittel": post.tittel,
        "sakstittel": sak.tittel,
        "saksbehandler": (sb.get_full_name() or sb.username) if sb else "",
        "enhet": post.administrativ_enhet.navn,
        "parter": "\n".join(_adresse(p) for p in parter),
        "mottakere": "\n".join(
            _adresse(k) for k in post.korrespondanseparter.filter(korrespondanseparttype="EM")
        ),
        "dato": timezone.localdate().strftime("%d.%m.%Y"),
        "utvalg": ", ".join(b.utvalg.navn for b in post.behandlinger.select_related("utvalg")),
        "vedtak": _vedtak(post, leser),
    }


def flett(tekst: str, verdier: dict[str, str]) -> str:
    """The cleaned HTML `tekst` with its merge fields filled in: values are escaped (line
    breaks become <br>), the decision is inserted as the cleaned HTML it is."""

    def verdi(match) -> str:
        navn = match.group(1)
        if navn not in verdier:
            return match.group(0)
        if navn == "vedtak":
            return verdier[navn] or html.escape(IKKE_FATTET)
        return html.escape(verdier[navn]).replace("\n", "<br>")

    return _FELT.sub(verdi, rens(tekst))


# --- Templates ----------------------------------------------------------------------------------


def kan_holde_maler(user) -> bool:
    """Archive and the secretariat keep the templates."""
    return access.has_role(user, Rolletype.ARKIV, Rolletype.MOTESEKRETAER)


MALFELT = ("navn", "maltype", "aktiv", "topp", "saksopplysninger", "vurdering",
           "innstilling", "brevtekst", "bunn")  # fmt: skip


@transaction.atomic
def lagre_mal(actor, mal: Dokumentmal | None, **verdier) -> Dokumentmal:
    if not kan_holde_maler(actor):
        raise IkkeTilgang("Dokumentmalene vedlikeholdes av arkivet og politisk sekretariat.")
    if not (verdier.get("navn") or "").strip():
        raise DomainError("Gi malen et navn.", field="navn")
    if verdier.get("maltype") not in Maltype.values:
        raise DomainError("Velg type.", field="maltype")
    for felt in ("topp", "bunn", *TEKSTFELT):
        if ukjente := ukjente_felt(verdier.get(felt, "")):
            navn = ", ".join(f"[[{u}]]" for u in ukjente)
            raise DomainError(f"Ukjente flettefelt: {navn}.", field=felt)
    foer = audit.snapshot(mal) if mal else None
    mal = Dokumentmal.objects.select_for_update().get(pk=mal.pk) if mal else Dokumentmal()
    for felt in MALFELT:
        if felt in verdier:
            verdi = verdier[felt]
            setattr(mal, felt, rens(verdi) if felt in ("topp", "bunn", *TEKSTFELT) else verdi)
    mal.navn = mal.navn.strip()
    mal.save()
    if foer is None:
        audit.record_created(actor, mal)
    elif endringer := audit.diff(foer, audit.snapshot(mal)):
        audit.record(actor, mal, "endret", endringer=endringer)
    return mal


# --- A post's text ------------------------------------------------------------------------------


def seksjoner(tekst: Tekstdokument) -> list[tuple[str, str]]:
    return SEKSJONER[tekst.mal.maltype]


@transaction.atomic
def start_tekst(actor, post: Journalpost, mal: Dokumentmal, *, vedtak: str | None = None
                ) -> Tekstdokument:  # fmt: skip
    """Write the post's document in the browser, from `mal` (its sections' starting text,
    merged). Not for a post that already has an uploaded main document. `vedtak`: the
    decision [[vedtak]] merges, when the caller knows which one the letter tells (the
    partsbrev of one agenda item, utvalg/ekspedering.py) and checked that `actor` reads it."""
    post = laas.post(post.pk, "saksmappe", "administrativ_enhet", "saksbehandler")
    journal_tillatelser.journalpost(actor, post).krev("skriv_tekst")
    if hasattr(post, "tekstdokument"):
        raise DomainError("Journalposten har allerede en tekst.")
    if mal is None or not mal.aktiv:
        raise DomainError("Velg en mal.", field="mal")
    if mal.maltype not in MALTYPER_FOR.get(post.journalposttype, ()):
        raise DomainError(f"{mal.get_maltype_display()} passer ikke til denne journalposten.",
                          field="mal")  # fmt: skip
    if post.dokumenter.filter(tilknyttet_registrering_som="H").exists():
        raise DomainError(
            "Journalposten har allerede et opplastet hoveddokument. Et saksframlegg skrevet i "
            "et annet system sendes som opplastet dokument; da skrives det ikke her."
        )
    verdier = flettefelt(post, actor)
    if vedtak is not None:
        verdier["vedtak"] = rens(vedtak) if not er_tom(vedtak) else ""
    tekst = Tekstdokument.objects.create(
        journalpost=post, mal=mal, endret_av=actor,
        **{felt: flett(getattr(mal, felt), verdier) for felt in TEKSTFELT},
    )  # fmt: skip
    audit.record(actor, post, "tekst startet", beskrivelse=f"Mal: {mal.navn}")
    return tekst


@transaction.atomic
def lagre_tekst(actor, tekst: Tekstdokument, *, versjon: int, **felt) -> Tekstdokument:
    """Save the sections (cleaned). `versjon` is the version the writer started from: when
    the text was saved meanwhile (another window), nothing is saved and the writer is told."""
    post = laas.post(tekst.journalpost_id)
    tekst = Tekstdokument.objects.select_for_update().select_related("mal").get(pk=tekst.pk)
    journal_tillatelser.journalpost(actor, post).krev("skriv_tekst")
    if versjon != tekst.versjon:
        raise DomainError(
            "Teksten er lagret fra et annet vindu etter at du åpnet den. Last siden på nytt for "
            "å se den nyeste teksten; det du skrev her er ikke lagret."
        )
    foer = {f: getattr(tekst, f) for f in (*TEKSTFELT, "vedlegg")}
    for navn, verdi in felt.items():
        if navn in TEKSTFELT:
            setattr(tekst, navn, rens(verdi))
        elif navn == "vedlegg":
            linjer = [linje.strip() for linje in (verdi or "").splitlines()]
            tekst.vedlegg = "\n".join(linje for linje in linjer if linje)
    endret = [f for f, v in foer.items() if getattr(tekst, f) != v]
    if endret:
        tekst.versjon += 1
        tekst.endret, tekst.endret_av = timezone.now(), actor
        tekst.save()
        audit.record(actor, post, "tekst lagret", beskrivelse=", ".join(endret))
    return tekst


def pdf(tekst: Tekstdokument, leser=None) -> bytes:
    """The document as the committee (or the parties) will see it: PDF/A, merged as
    `leser` may see the case (default: the text's last writer)."""
    post = tekst.journalpost
    verdier = flettefelt(post, leser or tekst.endret_av)
    context = {
        "tittel": post.tittel,
        "post": post,
        "mal": tekst.mal,
        "topp": mark_safe(flett(tekst.mal.topp, verdier)),  # noqa: S308 - cleaned, escaped
        "bunn": mark_safe(flett(tekst.mal.bunn, verdier)),  # noqa: S308 - cleaned, escaped
        "seksjoner": [
            (overskrift, mark_safe(rens(getattr(tekst, felt))))  # noqa: S308 - cleaned
            for felt, overskrift in seksjoner(tekst)
        ],
        "vedlegg": [linje for linje in tekst.vedlegg.splitlines() if linje.strip()],
    }
    return render_pdf("print/tekstdokument.html", context, archival=True)


def lag_hoveddokument(actor, post: Journalpost) -> None:
    """Journal's hook when a post is finished (F): a post written here gets its text as the
    main document in PDF/A — added the first time, a new version of it after the chain sent
    it back. Called inside the journal's transaction with the post locked."""
    tekst = Tekstdokument.objects.select_related("mal").filter(journalpost=post).first()
    if tekst is None:
        return
    if any(er_tom(getattr(tekst, felt)) for felt, _o in seksjoner(tekst)):
        tomme = [o for f, o in seksjoner(tekst) if er_tom(getattr(tekst, f))]
        raise DomainError(f"Skriv {', '.join(t.lower() for t in tomme)} før du går videre.")
    data = pdf(tekst, actor)
    filnavn = f"{post.saksmappe.saksnummer.replace('/', '-')}-{post.dokumentnummer}.pdf"
    if tekst.dokument_id is None:
        if post.dokumenter.filter(tilknyttet_registrering_som="H").exists():
            raise DomainError(
                "Journalposten har både skrevet tekst og et opplastet hoveddokument: fjern det "
                "ene før du går videre."
            )
        stored = StoredFiles()
        # A screened post's document carries the public title: a document list never
        # holds more than the post's screening allows.
        tittel = post.offentlig_tittel if post.tilgangskode_id else post.tittel
        try:
            dokument = legg_til(
                actor, post, kontroller_fil(data, filnavn), tittel=tittel,
                tilknyttet_som="H", stored=stored,
            )  # fmt: skip
        except BaseException:
            stored.remove_all()
            raise
        tekst.dokument = dokument
        tekst.save(update_fields=["dokument"])
        return
    ny_versjon(actor, tekst.dokument, data, beskrivelse=f"Fra teksten, versjon {tekst.versjon}")
