"""The actor kinds of a user for a case or a post, and the status transition tables
(STYLE.md §2): the one place where the workflows of DOMAIN.md §3–4 are written. The
permission rules that read them, one per object and action, are in tillatelser.py.
"""

from dataclasses import dataclass

from saksarkiv import access
from saksarkiv.models import Rolletype
from saksarkiv.services import DomainError

from ..models import Journalposttype as T
from ..models import Journalstatus as J
from ..models import Saksstatus as S

# Roles that may register cases and posts at all.
REGISTRERENDE_ROLLER = (
    Rolletype.SAKSBEHANDLER,
    Rolletype.LEDER,
    Rolletype.STEDFORTREDER,
    Rolletype.ARKIV,
    Rolletype.MOTESEKRETAER,
    Rolletype.RADMANN,
)

# Actor kinds, decided per user and object.
ARKIV = "arkiv"
SAKSBEHANDLER = "saksbehandler"  # the post's caseworker or the case's responsible one
LEDER = "leder"  # leader or deputy of the unit or a unit above it, or the chief executive
RADMANN = "radmann"

AKTORNAVN = {
    ARKIV: "arkivtjenesten",
    SAKSBEHANDLER: "saksbehandleren",
    LEDER: "lederen for enheten",
    RADMANN: "rådmannen",
}


def case_actor_kinds(user, sak) -> set[str]:
    kinds = set()
    if access.is_archive(user):
        kinds.add(ARKIV)
    if sak.saksansvarlig_id == user.pk:
        kinds.add(SAKSBEHANDLER)
    if access.leads_unit(user, sak.administrativ_enhet):
        kinds.add(LEDER)
    if access.has_role(user, Rolletype.RADMANN):
        kinds.add(RADMANN)
    return kinds


def post_actor_kinds(user, post) -> set[str]:
    kinds = set()
    if access.is_archive(user):
        kinds.add(ARKIV)
    if user.pk in (post.saksbehandler_id, post.saksmappe.saksansvarlig_id):
        kinds.add(SAKSBEHANDLER)
    if access.leads_unit(user, post.administrativ_enhet):
        kinds.add(LEDER)
    if access.has_role(user, Rolletype.RADMANN):
        kinds.add(RADMANN)
    return kinds


def hvem_tekst(kinds: tuple[str, ...]) -> str:
    names = [AKTORNAVN[k] for k in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " eller " + names[-1]


@dataclass(frozen=True)
class Overgang:
    """One allowed status change: from which statuses, for which post types, by whom."""

    handling: str
    knapp: str
    fra: frozenset
    til: str
    typer: frozenset
    hvem: tuple[str, ...]

    @property
    def verb(self) -> str:
        """The step as an infinitive, for refusals: «Bare arkivtjenesten kan journalføre.»"""
        return VERB.get(self.knapp, self.knapp.lower())


VERB = {
    "Merk som mottatt": "merke journalposten som mottatt",
    "Journalfør": "journalføre",
    "Ferdigstill": "ferdigstille",
    "Gjenåpne utkastet": "gjenåpne utkastet",
    "Ekspeder": "ekspedere",
    "Sett til utgår": "sette journalposten til utgår",
    "Ta under behandling": "ta saken under behandling",
    "Unnta fra prosesstyring": "unnta saken fra prosesstyring",
    "Ta inn i prosesstyring": "ta saken inn i prosesstyring",
    "Avslutt saken": "avslutte saker",
    "Gjenåpne saken": "gjenåpne saken",
    "Sett saken til utgår": "sette saken til utgår",
    "Offentlighetsvurder": "offentlighetsvurdere journalposten",
}


ALLE_TYPER = frozenset(T.values)
EGNE = frozenset({T.UTGAENDE, T.NOTAT_MED_OPPFOLGING, T.NOTAT_UTEN_OPPFOLGING})

# Journal status of posts (DOMAIN.md §4). Committee drafts (S) move R → F/G → F through
# the approval chain in services/godkjenning.py, and are journalised from F when ready (KL).
JOURNALSTATUS_OVERGANGER = (
    Overgang("motta", "Merk som mottatt", frozenset({J.MIDLERTIDIG}), J.REGISTRERT_AV_SB,
             frozenset({T.INNGAENDE}), (SAKSBEHANDLER, LEDER)),
    Overgang("journalfor", "Journalfør", frozenset({J.REGISTRERT_AV_SB}), J.JOURNALFORT,
             frozenset({T.INNGAENDE}), (ARKIV,)),
    Overgang("ferdigstill", "Ferdigstill", frozenset({J.RESERVERT}), J.FERDIGSTILT, EGNE,
             (SAKSBEHANDLER,)),
    Overgang("gjenapne", "Gjenåpne utkastet", frozenset({J.FERDIGSTILT}), J.RESERVERT, EGNE,
             (SAKSBEHANDLER, ARKIV)),
    Overgang("ekspeder", "Ekspeder", frozenset({J.FERDIGSTILT}), J.EKSPEDERT,
             frozenset({T.UTGAENDE, T.NOTAT_MED_OPPFOLGING}), (SAKSBEHANDLER, ARKIV)),
    Overgang("journalfor", "Journalfør", frozenset({J.EKSPEDERT}), J.JOURNALFORT,
             frozenset({T.UTGAENDE, T.NOTAT_MED_OPPFOLGING}), (ARKIV,)),
    Overgang("journalfor", "Journalfør", frozenset({J.FERDIGSTILT}), J.JOURNALFORT,
             frozenset({T.NOTAT_UTEN_OPPFOLGING, T.SAKSFRAMLEGG}), (ARKIV,)),
    Overgang("utgaar", "Sett til utgår",
             frozenset(set(J.values) - {J.UTGAR}), J.UTGAR, ALLE_TYPER, (ARKIV,)),
)  # fmt: skip


# The leader's screening decision on a temporarily restricted (XX) post moves an incoming
# post from M to S (services/offentlighet.py); posts past M keep their status. Archive may
# decide on the leader's behalf when the deadline has passed. Kept out of the table above:
# it is not a plain status button on the post page.
OFFENTLIGHETSVURDERING = Overgang(
    "offentlighetsvurder", "Offentlighetsvurder", frozenset({J.MIDLERTIDIG}),
    J.REGISTRERT_AV_SB, frozenset({T.INNGAENDE}), (LEDER, ARKIV),
)  # fmt: skip


def overgang_for(post, handling: str) -> Overgang | None:
    """The transition `handling` from the post's current status, if there is one."""
    for overgang in JOURNALSTATUS_OVERGANGER:
        if (
            overgang.handling == handling
            and post.journalstatus in overgang.fra
            and post.journalposttype in overgang.typer
        ):
            return overgang
    return None


def ugyldig_overgang(post, handling: str) -> str:
    return (
        f"En journalpost av typen {post.journalposttype} med status "
        f"{post.get_journalstatus_display().lower()} ({post.journalstatus}) kan ikke "
        f"«{handling_navn(handling)}»."
    )


def finn_overgang(post, handling: str) -> Overgang:
    """The transition `handling` from the post's current status, or a Norwegian refusal."""
    overgang = overgang_for(post, handling)
    if overgang is None:
        raise DomainError(ugyldig_overgang(post, handling))
    return overgang


def handling_navn(handling: str) -> str:
    for overgang in JOURNALSTATUS_OVERGANGER:
        if overgang.handling == handling:
            return overgang.knapp.lower()
    return handling


# Case status (DOMAIN.md §3). Closing (→ A) has its own rules in services/saker.py.
SAKSSTATUS_OVERGANGER = (
    Overgang("behandle", "Ta under behandling", frozenset({S.RESERVERT}), S.UNDER_BEHANDLING,
             ALLE_TYPER, (SAKSBEHANDLER, LEDER, ARKIV)),
    Overgang("unnta", "Unnta fra prosesstyring",
             frozenset({S.RESERVERT, S.UNDER_BEHANDLING}), S.UNNTATT_PROSESSTYRING,
             ALLE_TYPER, (ARKIV,)),
    Overgang("prosesstyr", "Ta inn i prosesstyring", frozenset({S.UNNTATT_PROSESSTYRING}),
             S.UNDER_BEHANDLING, ALLE_TYPER, (ARKIV,)),
    Overgang("avslutt", "Avslutt saken",
             frozenset({S.RESERVERT, S.UNDER_BEHANDLING, S.UNNTATT_PROSESSTYRING}),
             S.AVSLUTTET, ALLE_TYPER, (ARKIV,)),
    Overgang("gjenapne", "Gjenåpne saken", frozenset({S.AVSLUTTET}), S.UNDER_BEHANDLING,
             ALLE_TYPER, (ARKIV,)),
    Overgang("utgaar", "Sett saken til utgår",
             frozenset({S.RESERVERT, S.UNDER_BEHANDLING, S.UNNTATT_PROSESSTYRING}), S.UTGAR,
             ALLE_TYPER, (ARKIV,)),
)  # fmt: skip


def saksovergang_for(sak, handling: str) -> Overgang | None:
    for overgang in SAKSSTATUS_OVERGANGER:
        if overgang.handling == handling and sak.saksstatus in overgang.fra:
            return overgang
    return None


def ugyldig_saksovergang(sak) -> str:
    return (
        f"Sak {sak.saksnummer} har status {sak.get_saksstatus_display().lower()}: "
        "den endringen er ikke mulig nå."
    )


def finn_saksovergang(sak, handling: str) -> Overgang:
    overgang = saksovergang_for(sak, handling)
    if overgang is None:
        raise DomainError(ugyldig_saksovergang(sak))
    return overgang


AAPNE_SAKSSTATUSER = (S.RESERVERT, S.UNDER_BEHANDLING, S.UNNTATT_PROSESSTYRING)


def lukket_sak(sak) -> str | None:
    """Why a case may not be changed now (it is closed or void), or None."""
    if sak.saksstatus in AAPNE_SAKSSTATUSER:
        return None
    return (
        f"Sak {sak.saksnummer} er {sak.get_saksstatus_display().lower()}: "
        "gjenåpne den før du endrer den."
    )


def krev_aapen_sak(sak) -> None:
    if grunn := lukket_sak(sak):
        raise DomainError(grunn)


def er_registrator(actor, post) -> bool:
    """The actor registered this incoming post, which still waits in M (see tillatelser.py:
    archive holds the letter it registers and completes its registration)."""
    return post.opprettet_av_id == actor.pk and post.journalstatus == J.MIDLERTIDIG
