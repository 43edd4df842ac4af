"""The committees' queues (køliste, DOMAIN.md §12): which treatments wait for a committee,
since when, and where a caseworker's political cases stand.

A treatment is in its committee's queue when
- PS: its committee draft has come through the approval chain (behandlingsstatus KL,
  journalstatus F);
- DS: its delegated decision is marked ready to be reported and is not void;
- RS: it was referred and the post is not void.
An item put on a meeting's agenda leaves the queue (utvalg/sakskart.py); taken off before
it is numbered, or withdrawn, it comes back.
"""

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from journal.models import Behandlingsstatus, Godkjenning, Godkjenningssvar
from journal.models import Journalposttype as T
from journal.models import Journalstatus as J
from saksarkiv import access
from saksarkiv.models import Rolletype

from .models import Behandling, Sakskartpunkt, Sakstype, Utvalg

KLAR = (
    Q(
        sakstype=Sakstype.POLITISK,
        journalpost__journalposttype=T.SAKSFRAMLEGG,
        journalpost__journalstatus=J.FERDIGSTILT,
        journalpost__behandlingsstatus=Behandlingsstatus.KLAR,
    )
    | Q(sakstype=Sakstype.DELEGERT, klar__isnull=False) & ~Q(journalpost__journalstatus=J.UTGAR)
    | Q(sakstype=Sakstype.REFERAT) & ~Q(journalpost__journalstatus=J.UTGAR)
)
# On an agenda, unless withdrawn or postponed (then it waits for the next meeting again).
PAA_KARTET = Q(trukket__isnull=True) & ~Q(resultat="UT")
PA_SAKSKART = Exists(Sakskartpunkt.objects.filter(PAA_KARTET, behandling=OuterRef("pk")))
# Ready, and not on a meeting's agenda.
I_KOEN = KLAR & ~Q(PA_SAKSKART)


def _godkjent_endelig():
    """When the chief executive approved the draft (the last «G» of the final step)."""
    return (
        Godkjenning.objects.filter(
            journalpost=OuterRef("journalpost_id"),
            steg="radmann",
            svar=Godkjenningssvar.GODKJENT,
        )
        .order_by("-besvart")
        .values("besvart")[:1]
    )


def i_koen(utvalg: Utvalg | None = None) -> QuerySet:
    """Treatments waiting in `utvalg`'s queue (all queues with None), each with `i_koen_fra`:
    since when it has waited (a draft: its final approval; a delegated decision: when it was
    marked ready; a referral: when it was referred)."""
    qs = Behandling.objects.filter(I_KOEN)
    if utvalg is not None:
        qs = qs.filter(utvalg=utvalg)
    return qs.annotate(
        i_koen_fra=Case(
            When(
                sakstype=Sakstype.POLITISK,
                then=Coalesce(Subquery(_godkjent_endelig()), F("meldt_opp")),
            ),
            When(sakstype=Sakstype.DELEGERT, then=F("klar")),
            default=F("meldt_opp"),
            output_field=DateTimeField(),
        )
    )


def antall_per_utvalg() -> dict[int, int]:
    """Each committee's queue length, in one query."""
    rows = Behandling.objects.filter(I_KOEN).values("utvalg").annotate(n=Count("pk"))
    return {row["utvalg"]: row["n"] for row in rows}


def arbeidsbord(user) -> list[dict]:
    """Start-page tiles for a meeting secretary: each queue's count, the committees the user
    is secretary for first (settings.SAKSARKIV_ARBEIDSBORD)."""
    if not access.has_role(user, Rolletype.MOTESEKRETAER):
        return []
    antall = antall_per_utvalg()
    utvalg = sorted(
        Utvalg.objects.filter(aktiv=True),
        key=lambda u: (u.sekretaer_id != user.pk, u.rekkefolge, u.navn),
    )
    return [
        {
            "navn": f"Køliste {u.navn}",
            "antall": antall.get(u.pk, 0),
            "url": reverse("utvalg:koliste", args=[u.pk]),
        }
        for u in utvalg
    ]


# --- Where a caseworker's political cases stand --------------------------------------------
STADIER = {
    "utkast": "Utkast",
    "leder": "Til godkjenning hos leder",
    "radmann": "Til endelig godkjenning",
    "koen": "I kølisten",
    "ikke_klar": "Ikke meldt klar til referering",
    "utgaatt": "Utgått",
    "journalfort": "Journalført",
}


def stadium(b: Behandling) -> str:
    """Where one treatment stands, in words (the draft's chain, or the queue)."""
    post = b.journalpost
    if post.journalstatus == J.UTGAR:
        return STADIER["utgaatt"]
    if (dato := getattr(b, "sakskart_dato", None)) is not None:
        return f"På sakskartet til møtet {dato:%d.%m.%Y}"
    if b.sakstype == Sakstype.REFERAT:
        return STADIER["koen"]
    if b.sakstype == Sakstype.DELEGERT:
        return STADIER["koen"] if b.klar else STADIER["ikke_klar"]
    if post.behandlingsstatus == Behandlingsstatus.KLAR:
        return STADIER["koen"] if post.journalstatus == J.FERDIGSTILT else STADIER["journalfort"]
    if post.behandlingsstatus == Behandlingsstatus.GODKJENT_LEDER:
        return STADIER["radmann"]
    if post.behandlingsstatus == Behandlingsstatus.TIL_LEDER:
        return STADIER["leder"]
    return STADIER["utkast"]


def med_sakskart(qs: QuerySet) -> QuerySet:
    """Annotate `sakskart_dato`: the date of the meeting whose agenda holds the treatment."""
    return qs.annotate(
        sakskart_dato=Subquery(
            Sakskartpunkt.objects.filter(PAA_KARTET, behandling=OuterRef("pk")).values(
                "mote__dato"
            )[:1]
        )
    )


def dager_siden(tidspunkt) -> int | None:
    if tidspunkt is None:
        return None
    return (timezone.localdate() - timezone.localtime(tidspunkt).date()).days


def planlagt_ikke_klar(utvalg: Utvalg) -> QuerySet:
    """Drafts planned for a meeting of `utvalg` that have not come through the chain yet."""
    return (
        Behandling.objects.filter(
            utvalg=utvalg, sakstype=Sakstype.POLITISK, planlagt_mote__isnull=False
        )
        .exclude(KLAR)
        .exclude(journalpost__journalstatus=J.UTGAR)
        .order_by("planlagt_mote", "id")
    )


def klar_ikke_planlagt(utvalg: Utvalg) -> QuerySet:
    """Drafts ready in the queue of `utvalg` that nobody has planned for a meeting."""
    return i_koen(utvalg).filter(sakstype=Sakstype.POLITISK, planlagt_mote__isnull=True)
