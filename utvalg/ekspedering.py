"""Back to the case (issue 18 item 8): each committee decision returns to the case it was
made in, and its caseworker expedites it (seed 001 «Ekspedisjon av vedtak», seed 003
§10.9.2 steps 7–9).

- When the secretary closes a held meeting (status G) `varsle` tells each caseworker with a
  decided political case in it by e-mail: the committee, the date, the item numbers and a
  link to «Mine vedtak å ekspedere» — no case title (seed 001: nothing exempt in e-mail).
- The case's journal posts show «Politisk behandling»: every treatment of the case's posts
  with committee, item number, meeting and result; the decision only to those who may read
  the draft (the access chokepoint).
- «Mine vedtak å ekspedere» lists the caseworker's decided, not yet expedited items in
  held meetings. For each the caseworker makes the saksutskrift (draft + treatment +
  decision, PDF/A, an X post in the case that inherits the draft's screening), writes the
  partsbrev (a U post to the case's parties, from the active partsbrev template with the
  decision merged in via [[vedtak]]) — sent as any other letter — and marks it expedited.

Every action is checked by one rule of the rule set VEDTAK (utvalg/tillatelser.py).
"""

from collections import defaultdict

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from journal.models import Journalpost, Journalstatus, Korrespondanseparttype
from journal.services.dokumenter import StoredFiles, kontroller_fil, legg_til
from journal.services.journalposter import legg_til_korrespondansepart
from journal.services.registration import registrer_journalpost
from saksarkiv import access, audit
from saksarkiv.jobber import Epost, legg_i_utboks
from saksarkiv.models import Rolletype
from saksarkiv.pdf import render_pdf
from saksarkiv.riktekst import er_tom, rens
from saksarkiv.services import DomainError

from . import frammote, protokoll, votering
from . import tekst as tekster
from . import tillatelser as regler
from .models import (
    Behandlingsresultat,
    Dokumentmal,
    Maltype,
    Mote,
    Motestatus,
    Sakskartpunkt,
    Sakstype,
    Tekstdokument,
    Votering,
)
from .moteplan import send_etter_commit

PREFIKS = "vedtak:"
VEDTATT = (Behandlingsresultat.VEDTATT, Behandlingsresultat.ENDRET)
HOLDT = (Motestatus.GJENNOMFORT, Motestatus.PROTOKOLL_GODKJENT)
PARTSBREV_TITTEL = "Melding om vedtak – "
SAKSUTSKRIFT_TITTEL = "Saksutskrift – "


def vedtatte() -> QuerySet:
    """Decided political items (VS/VE, not withdrawn) of held meetings (G/PG)."""
    return Sakskartpunkt.objects.filter(
        sakstype=Sakstype.POLITISK,
        behandling__isnull=False,
        trukket__isnull=True,
        resultat__in=VEDTATT,
        mote__status__in=HOLDT,
    )


def a_ekspedere(user) -> QuerySet:
    """«Mine vedtak å ekspedere»: the user's (the draft's caseworker's) decisions not yet
    marked expedited."""
    return vedtatte().filter(behandling__journalpost__saksbehandler=user, ekspedert__isnull=True)


def _lenke() -> str:
    return settings.SAKSARKIV_BASE_URL.rstrip("/") + reverse("utvalg:vedtak")


# --- The caseworkers' e-mail ----------------------------------------------------------------


def varsle(mote: Mote) -> int:
    """Queue one mail per caseworker with decided political items in `mote` (called when the
    secretary closes the held meeting): the item numbers and a link, never a title. Safe to
    call twice: the outbox keys are per meeting and person. Returns how many were new."""
    punkter = (
        Sakskartpunkt.objects.filter(
            mote=mote, sakstype=Sakstype.POLITISK, behandling__isnull=False,
            trukket__isnull=True, resultat__in=VEDTATT,
            behandling__journalpost__saksbehandler__isnull=False,
        )
        .exclude(behandling__journalpost__saksbehandler__email="")
        .select_related("behandling__journalpost__saksbehandler")
        .order_by("nummer", "rekkefolge")
    )  # fmt: skip
    per_person = defaultdict(list)
    for punkt in punkter:
        per_person[punkt.behandling.journalpost.saksbehandler].append(punkt)
    mote = Mote.objects.select_related("utvalg").get(pk=mote.pk)
    emne = f"Vedtak å ekspedere fra {mote.utvalg.navn} {mote.dato:%d.%m.%Y}"
    eposter = []
    for person, liste in sorted(per_person.items(), key=lambda par: par[0].pk):
        tekst = render_to_string("utvalg/epost_vedtak.txt", {
            "mote": mote, "punkter": liste, "lenke": _lenke(), "person": person,
            "kommune": settings.SAKSARKIV_KOMMUNE,
        })  # fmt: skip
        eposter.append(Epost(nokkel=f"{PREFIKS}{mote.pk}:{person.pk}", til=person.email,
                             emne=emne, tekst=tekst, mottaker_id=person.pk))  # fmt: skip
    antall = legg_i_utboks(eposter)
    send_etter_commit(f"{PREFIKS}{mote.pk}:")
    return antall


# --- The start page -----------------------------------------------------------------------------


def arbeidsbord(user) -> list[dict]:
    """The tile «Mine vedtak å ekspedere» (settings.SAKSARKIV_ARBEIDSBORD), for anyone with
    a decision to expedite: one count query for a caseworker (the drafts' writers), none for
    anyone else (their roles are known on every page). Anyone reaches the list from
    «Politisk behandling»."""
    if not access.has_role(user, Rolletype.SAKSBEHANDLER):
        return []
    antall = a_ekspedere(user).count()
    if not antall:
        return []
    return [{"navn": "Mine vedtak å ekspedere", "antall": antall, "url": reverse("utvalg:vedtak")}]


# --- The record of the treatment on the case ----------------------------------------------------


def behandlinger_i_saken(user, saksmappe_id: int) -> list[Sakskartpunkt]:
    """Every agenda item of the case's posts, oldest meeting first, in one query: each with
    `innsyn` (may `user` read the draft, and so the decision?)."""
    from django.db.models import Exists, OuterRef

    lesbar = Journalpost.objects.readable_by(user).filter(pk=OuterRef("behandling__journalpost"))
    return list(
        Sakskartpunkt.objects.filter(behandling__journalpost__saksmappe=saksmappe_id)
        .exclude(mote__status=Motestatus.AVLYST)
        .select_related("mote__utvalg", "behandling__journalpost")
        .annotate(innsyn=Exists(lesbar))
        .order_by("mote__dato", "mote__klokkeslett", "rekkefolge", "pk")
    )


# --- Actions ------------------------------------------------------------------------------------


def _laas(punkt: Sakskartpunkt) -> Sakskartpunkt:
    """The item locked, with what its rules read."""
    return (
        Sakskartpunkt.objects.select_for_update(of=("self",))
        .select_related(
            "mote__utvalg", "behandling__tilgangskode",
            "behandling__journalpost__saksmappe__saksansvarlig",
            "behandling__journalpost__administrativ_enhet",
            "behandling__journalpost__saksbehandler", "behandling__journalpost__tilgangskode",
        )
        .get(pk=punkt.pk)
    )  # fmt: skip


def _skjerming(post: Journalpost, behandling, prefiks: str) -> dict:
    """The new post's title and screening: the draft's access code, legal basis and public
    title copied (an exempt case stays exempt); a decision protected on the treatment
    protects the extract and the letter too."""
    tittel = f"{prefiks}{post.tittel}"
    if post.tilgangskode_id:
        return {
            "tittel": tittel,
            "offentlig_tittel": f"{prefiks}{post.offentlig_tittel}",
            "tilgangskode": post.tilgangskode_id,
            "skjermingshjemmel": post.skjermingshjemmel,
        }
    if behandling.tilgangskode_id:
        return {
            "tittel": tittel,
            "offentlig_tittel": f"{tittel} – *****",
            "tilgangskode": behandling.tilgangskode_id,
            "skjermingshjemmel": behandling.skjermingshjemmel,
        }
    return {"tittel": tittel}


def _voteringer(punkt: Sakskartpunkt) -> list[tuple[Votering, str]]:
    """Each vote on the item with its phrase as the minutes have it."""
    tilstede = frammote.tilstede(punkt.mote)
    antall = len(tilstede[punkt.pk].tilstede) if punkt.pk in tilstede else 0
    voteringer = (
        Votering.objects.filter(punkt=punkt)
        .select_related("forslag__parti", "mot_forslag__parti")
        .prefetch_related("forslag__fremmet_av__person", "mot_forslag__fremmet_av__person",
                          *votering.STEMMER)
    )  # fmt: skip
    return [(v, v.tekst or protokoll.setning(v, antall)) for v in voteringer]


def bygg_saksutskrift(punkt: Sakskartpunkt, leser, referanse: str = "") -> bytes:
    """The saksutskrift as PDF/A: the case, the draft's text (or its title), the treatment
    (committee, meeting, item number, closed doors, proposals, votes) and the decision.
    `leser` must be allowed to read the draft (the caller checked it)."""
    post = punkt.behandling.journalpost
    tekst = Tekstdokument.objects.filter(journalpost=post).select_related("mal").first()
    seksjoner = []
    if tekst is not None:
        seksjoner = [
            (overskrift, mark_safe(rens(getattr(tekst, felt))))  # noqa: S308 - cleaned
            for felt, overskrift in tekster.seksjoner(tekst)
            if not er_tom(getattr(tekst, felt))
        ]
    mal = Dokumentmal.objects.filter(maltype=Maltype.SAKSUTSKRIFT, aktiv=True).order_by("pk")
    mal = mal.first()
    topp = bunn = ""
    if mal is not None:
        verdier = tekster.flettefelt(post, leser)
        topp = mark_safe(tekster.flett(mal.topp, verdier))  # noqa: S308 - cleaned, escaped
        bunn = mark_safe(tekster.flett(mal.bunn, verdier))  # noqa: S308 - cleaned, escaped
    forslag = list(punkt.forslag.select_related("parti").prefetch_related("fremmet_av__person"))
    for f in forslag:
        f.tekst_html = mark_safe(rens(f.tekst))  # noqa: S308 - cleaned
    context = {
        "tittel": f"{SAKSUTSKRIFT_TITTEL}{post.tittel}",
        "referanse": referanse,
        "punkt": punkt,
        "mote": punkt.mote,
        "utvalg": punkt.mote.utvalg,
        "post": post,
        "sak": post.saksmappe,
        "seksjoner": seksjoner,
        "topp": topp,
        "bunn": bunn,
        "forslag": forslag,
        "voteringer": _voteringer(punkt),
        "vedtak": mark_safe(rens(punkt.vedtak)),  # noqa: S308 - cleaned
        "kommune": settings.SAKSARKIV_KOMMUNE,
    }
    return render_pdf("print/saksutskrift.html", context, archival=True)


@transaction.atomic
def lag_saksutskrift(actor, punkt: Sakskartpunkt) -> Journalpost:
    """Register the saksutskrift as an X post (R) in the case, the PDF/A its main document,
    and keep it on the item. One per item."""
    punkt = _laas(punkt)
    regler.vedtak(actor, punkt).krev("saksutskrift")
    post = punkt.behandling.journalpost
    utskrift = registrer_journalpost(
        actor, post.saksmappe, journalposttype="X", saksbehandler=post.saksbehandler,
        administrativ_enhet=post.administrativ_enhet, dokumentdato=timezone.localdate(),
        skjerm_korrespondanseparter=bool(post.tilgangskode_id),
        **_skjerming(post, punkt.behandling, SAKSUTSKRIFT_TITTEL),
    )  # fmt: skip
    referanse = f"{post.saksmappe.saksnummer}-{utskrift.dokumentnummer}"
    data = bygg_saksutskrift(punkt, actor, referanse)
    filnavn = f"saksutskrift-{referanse.replace('/', '-')}.pdf"
    tittel = utskrift.offentlig_tittel if utskrift.tilgangskode_id else utskrift.tittel
    stored = StoredFiles()
    try:
        legg_til(actor, utskrift, kontroller_fil(data, filnavn), tittel=tittel,
                 tilknyttet_som="H", stored=stored)  # fmt: skip
    except BaseException:
        stored.remove_all()
        raise
    # Compare-and-set: two clicks at once cannot both keep their extract.
    if not Sakskartpunkt.objects.filter(pk=punkt.pk, saksutskrift__isnull=True).update(
        saksutskrift=utskrift
    ):
        raise DomainError("Saksutskriften er allerede laget.")
    audit.record(actor, post, "saksutskrift laget", beskrivelse=(
        f"{punkt.saksnummer} i {punkt.mote.utvalg.navn}: {referanse}"))  # fmt: skip
    return utskrift


def _partsbrev_under_arbeid(post: Journalpost) -> Journalpost | None:
    return (
        Journalpost.objects.filter(
            saksmappe=post.saksmappe_id, journalposttype="U",
            journalstatus=Journalstatus.RESERVERT, tittel=f"{PARTSBREV_TITTEL}{post.tittel}",
        ).order_by("pk").first()
    )  # fmt: skip


@transaction.atomic
def skriv_partsbrev(actor, punkt: Sakskartpunkt) -> Journalpost:
    """Register the letter to the parties as a U post (R) in the case, addressed to the
    case's parties, its text started from the active partsbrev template so that [[vedtak]]
    merges the committee's decision. It is then written and sent as any other letter."""
    punkt = _laas(punkt)
    regler.vedtak(actor, punkt).krev("partsbrev")
    post = punkt.behandling.journalpost
    sak = post.saksmappe
    mal = Dokumentmal.objects.filter(maltype=Maltype.PARTSBREV, aktiv=True).order_by("pk").first()
    if mal is None:
        raise DomainError("Det finnes ingen aktiv mal for partsbrev. Be arkivet eller politisk "
                          "sekretariat om å lage en under Dokumentmaler.")  # fmt: skip
    if (finnes := _partsbrev_under_arbeid(post)) is not None:
        raise DomainError(f"Partsbrevet er allerede påbegynt ({sak.saksnummer}-"
                          f"{finnes.dokumentnummer}). Fortsett i det.")  # fmt: skip
    # The parties are screened with the case: copied only for those who may read them.
    parter = list(sak.parter.all()) if not sak.skjerm_parter or access.can_read(actor, sak) else []
    brev = registrer_journalpost(
        actor, sak, journalposttype="U",
        saksbehandler=post.saksbehandler if access.is_archive(actor) else actor,
        administrativ_enhet=post.administrativ_enhet, dokumentdato=timezone.localdate(),
        skjerm_korrespondanseparter=sak.skjerm_parter or bool(post.tilgangskode_id),
        **_skjerming(post, punkt.behandling, PARTSBREV_TITTEL),
    )  # fmt: skip
    for part in parter:
        legg_til_korrespondansepart(
            actor, brev, korrespondanseparttype=Korrespondanseparttype.MOTTAKER, navn=part.navn,
            adresse=part.adresse, postnummer=part.postnummer, poststed=part.poststed,
            epost=part.epost,
        )  # fmt: skip
    tekster.start_tekst(actor, brev, mal, vedtak=punkt.vedtak)
    audit.record(actor, post, "partsbrev påbegynt", beskrivelse=(
        f"{punkt.saksnummer} i {punkt.mote.utvalg.navn}: {sak.saksnummer}-{brev.dokumentnummer}"
    ))  # fmt: skip
    return brev


@transaction.atomic
def merk_ekspedert(actor, punkt: Sakskartpunkt) -> Sakskartpunkt:
    """The caseworker has sent the decision on: it leaves «Mine vedtak å ekspedere»."""
    punkt = _laas(punkt)
    regler.vedtak(actor, punkt).krev("ekspeder")
    naa = timezone.now()
    if not Sakskartpunkt.objects.filter(pk=punkt.pk, ekspedert__isnull=True).update(
        ekspedert=naa, ekspedert_av=actor
    ):
        raise DomainError("Vedtaket er allerede merket som ekspedert.")
    punkt.ekspedert, punkt.ekspedert_av = naa, actor
    audit.record(actor, punkt.behandling.journalpost, "vedtak ekspedert",
                 endringer={"ekspedert": {"for": None, "etter": naa.isoformat()}},
                 beskrivelse=f"{punkt.saksnummer} i {punkt.mote.utvalg.navn}")  # fmt: skip
    return punkt
