"""Held meetings with minutes in the demo year (issue 18): the executive committee's two
latest held meetings are run through the product's own services, as the secretary does it —
drafts written and approved, the agenda and the notice, the roll call (a member absent and a
substitute in her place), proposals and votes (an alternative voted down along party lines;
a member inhabil for one item), the results (one
item postponed back to the queue), the meeting closed, the minutes and the decisions list
published. The older meeting's minutes are approved under «Godkjenning av protokoll» in the
later one, and its decisions get follow-up; the later meeting's minutes wait for the next.
The caseworkers find the decisions in «Mine vedtak å ekspedere» and «Vedtak for
oppfølging».

Runs once: nothing when a held meeting already has an agenda."""

from django.db import transaction
from django.utils import timezone

from utvalg.models import (
    Fastsak,
    Medlem,
    Medlemsrolle,
    Mote,
    Motedokumenttype,
    Motestatus,
    Sakskartpunkt,
    Utvalg,
)

from .utvalg import skriv_framlegg

# Per meeting, oldest first: (unit, case title, recommendation, how it went).
# How: "alternativ" – an opposition proposal voted down against the recommendation;
# "inhabil" – a member inhabil, the rest carry it; "enstemmig"; "utsatt" – postponed.
SAKER = [
    [
        ("OKA", "Budsjettjustering etter andre tertial",
         "<p>Formannskapet vedtar budsjettjusteringene i vedlegg 1. Merforbruket i helse og "
         "velferd dekkes av disposisjonsfondet.</p>", "alternativ"),
        ("PLA", "Reguleringsplan for Fjordvik sentrum – andre gangs behandling",
         "<p>Planforslaget legges ut til ny offentlig ettersyn i seks uker.</p>", "inhabil"),
    ],
    [
        ("KUL", "Tilskudd til lag og foreninger – fordeling",
         "<p>Tilskuddene fordeles som foreslått i vedlegg 2.</p>", "enstemmig"),
        ("KTE", "Trafikksikkerhetsplan for Fjordvik kommune",
         "<p>Trafikksikkerhetsplanen vedtas. Tiltakene prioriteres i økonomiplanen.</p>",
         "alternativ"),
        ("OKA", "Salg av kommunal tomt i Nordbygda",
         "<p>Tomten legges ut for salg til takst.</p>", "utsatt"),
    ],
]  # fmt: skip
ALTERNATIV = "<p>Saken sendes tilbake til kommunedirektøren for ny vurdering.</p>"
INHABIL = "Fvl. § 6 første ledd bokstav a"


def _tekster(innstilling: str, tittel: str) -> dict:
    return {
        "saksopplysninger": f"<p>Saken gjelder {tittel[0].lower()}{tittel[1:]}.</p>",
        "vurdering": "<p>Kommunedirektøren har vurdert saken og tilrår vedtaket nedenfor.</p>",
        "innstilling": innstilling,
    }


def _stem(ms, punkt, forslag, *, mot=None, opposisjon=None):
    """Everyone present votes for `forslag`; the opposition party, if named, against."""
    from utvalg import frammote, votering

    her = frammote.tilstede(punkt.mote)[punkt.pk].tilstede
    stemmer = {m.pk: "M" if opposisjon and m.parti_id == opposisjon else "F" for m in her}
    votering.stem(ms, punkt, forslag=forslag, mot_forslag=mot, stemmer=stemmer)


def _hold(ms, mote: Mote, saker: list) -> None:
    from utvalg import frammote, innkalling, protokollforing, resultat, sakskart, votering
    from utvalg.models import Frammote

    behandlinger = []
    for enhet, tittel, innstilling, _hvordan in saker:
        b = skriv_framlegg(mote.utvalg, enhet_kode=enhet, sak=tittel, tittel=tittel,
                           tekster=_tekster(innstilling, tittel))  # fmt: skip
        if b is None:
            return
        behandlinger.append(b)
    sakskart.sett_pa(ms, mote, [b.pk for b in behandlinger])
    innkalling.publiser(ms, mote)
    # The roll call: a member absent, the first substitute of her party in her place.
    frammote.start_opprop(ms, mote)
    seter = list(frammote._seter(mote).select_related("person").order_by("pk"))
    varaer = [v for v in seter if v.rolle == Medlemsrolle.VARAMEDLEM]
    borte = next((m for m in seter if m.rolle == Medlemsrolle.MEDLEM
                  and any(v.parti_id == m.parti_id for v in varaer)), None)  # fmt: skip
    if borte is not None:
        frammote.sett_status(ms, Frammote.objects.get(mote=mote, medlem=borte), "F")
        vara = min((v for v in varaer if v.parti_id == borte.parti_id),
                   key=lambda v: v.vararekkefolge or 0)  # fmt: skip
        frammote.vara_motte(ms, mote, vara=vara, for_medlem=borte)
    leder = next((m for m in seter if m.rolle == Medlemsrolle.LEDER), seter[0])
    partier = {m.parti_id for m in seter if m.parti_id and m.parti_id != leder.parti_id}
    # The opposition: the largest party but the chair's.
    opposisjon = max(sorted(partier), key=lambda p: sum(1 for m in seter if m.parti_id == p),
                     default=None)  # fmt: skip
    punkter = {p.behandling_id: p for p in sakskart.aktive(mote) if p.behandling_id}
    forrige = protokollforing.forrige_mote(mote)
    for p in sakskart.aktive(mote):
        # The previous minutes are approved when there are minutes to approve (the plan's
        # older meetings are rows without an agenda).
        if p.fast == Fastsak.INNKALLING or forrige is not None and forrige.dokumenter.filter(
                type=Motedokumenttype.PROTOKOLL).exists():  # fmt: skip
            resultat.avgjor(ms, p, resultat="VS")
    for b, (_e, _t, _i, hvordan) in zip(behandlinger, saker, strict=True):
        punkt = punkter[b.pk]
        if hvordan == "utsatt":
            resultat.avgjor(ms, punkt, resultat="UT")
            continue
        innstilling = votering.foreslaa(ms, punkt, type="IN")
        if hvordan == "inhabil":
            ved = next(m for m in seter if m.rolle == Medlemsrolle.MEDLEM and m != borte)
            frammote.endre(ms, punkt, medlem=ved, type="IH", hjemmel=INHABIL,
                           avgjort_av="Utvalget")  # fmt: skip
        her = frammote.tilstede(mote)[punkt.pk].tilstede
        fremmer = next((m for m in her if opposisjon and m.parti_id == opposisjon), None)
        if hvordan == "alternativ" and fremmer is not None:
            alternativ = votering.foreslaa(ms, punkt, type="AL", tekst=ALTERNATIV,
                                           fremmet_av=[fremmer])  # fmt: skip
            _stem(ms, punkt, innstilling, mot=alternativ, opposisjon=opposisjon)
        else:
            _stem(ms, punkt, innstilling)
        resultat.avgjor(ms, punkt, resultat="VS")
    protokollforing.avslutt(ms, mote)
    protokollforing.publiser_protokoll(ms, mote)
    protokollforing.publiser_vedtaksliste(ms, mote)


def _folg_opp(ms, mote: Mote) -> None:
    """Decision follow-up (issue 19) of an approved meeting's decisions: each with its
    draft's caseworker responsible and a deadline two months after the meeting (past by
    now: overdue unless done); the first is carried out."""
    import datetime as dt

    from vedtak import services as oppfolging

    punkter = Sakskartpunkt.objects.filter(mote=mote, resultat__in=("VS", "VE"),
                                           behandling__isnull=False).order_by("nummer")  # fmt: skip
    for n, punkt in enumerate(punkter.select_related("behandling__journalpost__saksbehandler")):
        sb = punkt.behandling.journalpost.saksbehandler
        if sb is None:
            continue
        frist = mote.dato + dt.timedelta(days=60)
        o = oppfolging.registrer(ms, punkt, frist=frist, fristtype="U", saksbehandlere=[sb],
                                 merknad="Rapporteres til formannskapet.")  # fmt: skip
        if n == 0:
            utfort = min(timezone.localdate(), mote.dato + dt.timedelta(days=30))
            oppfolging.oppdater(sb, o.linjer.get(), status="IV", utfort=utfort,
                                hva_er_gjort="Vedtaket er gjennomført som vedtatt.")  # fmt: skip


@transaction.atomic
def ensure_holdte_moter(log=lambda message: None) -> dict[str, int]:
    idag = timezone.localdate()
    if Sakskartpunkt.objects.filter(mote__dato__lt=idag).exists():
        return {"holdte møter med protokoll": 0}
    fsk = Utvalg.objects.filter(kode="FSK").select_related("sekretaer").first()
    if fsk is None or fsk.sekretaer is None:
        return {"holdte møter med protokoll": 0}
    # The latest held meetings of the seats' election period (right after an election the
    # new committee may have met once, or not yet).
    holdte = [
        m for m in Mote.objects.filter(utvalg=fsk, dato__lt=idag, status__in=(
            Motestatus.GJENNOMFORT, Motestatus.PROTOKOLL_GODKJENT)).order_by("-dato")[:12]
        if Medlem.objects.gyldige(m.dato).filter(utvalg=fsk).exists()
    ][: len(SAKER)][::-1]  # fmt: skip
    if not holdte:
        return {"holdte møter med protokoll": 0}
    # The plan marked them held; they are held here, through the services, step by step.
    Mote.objects.filter(pk__in=[m.pk for m in holdte]).update(status=Motestatus.PLANLAGT)
    for mote, saker in zip(holdte, SAKER[-len(holdte) :], strict=True):
        mote.refresh_from_db()
        _hold(fsk.sekretaer, mote, saker)
    for mote in holdte:
        mote.refresh_from_db()
        if mote.status == Motestatus.PROTOKOLL_GODKJENT:
            _folg_opp(fsk.sekretaer, mote)
    log(f"Holdte møter med protokoll: {len(holdte)}")
    return {"holdte møter med protokoll": len(holdte)}
