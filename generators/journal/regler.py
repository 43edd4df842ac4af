"""The rules of a generated journal, once, for both writers: the ORM demo writer
(plan.py → demo.py) and the COPY bulk writer (bulk_journal.py → bulk.py).

Each rule takes the seeded `random.Random` and plain values (a post's type, its case's
status, its age in days) and returns a decision, so the two writers differ only in how they
store what is decided: model objects through the ORM for a few thousand demo cases, tuples
for COPY for a million bulk posts. The rules follow DOMAIN.md §3–9 and the seeds: how far a
post has come by its age, where a committee draft stands in the approval chain, which drafts
wait for a leader, what a reply writes off and how the rest is written off.
"""

import random

# A post is finished (ferdigstilt, ekspedert or journalført): a reply in one of these writes
# off what it answers.
FERDIG = ("F", "E", "J")
INGEN_AVSKRIVNING = "***"  # a preliminary reply: noted, but the post is still open


def journalstatus(rng: random.Random, type_: str, saksstatus: str, alder: int, *, forste: bool):
    """A post's journalstatus from its case's status and its age in days. A committee draft
    (S) that is not journalised gets "" here: `saksframlegg` decides it with its
    behandlingsstatus."""
    if saksstatus == "U":
        return "U"
    if saksstatus == "R":  # reserved: the first post is not registered yet
        return "M" if type_ == "I" else "R"
    if saksstatus == "A":
        return "U" if not forste and rng.random() < 0.01 else "J"
    if saksstatus == "X" and alder > 7:
        return "J"
    if type_ == "I":
        weights = (0, 3, 97) if alder > 30 else (15, 30, 55) if alder > 7 else (60, 25, 15)
        return rng.choices("MSJ", weights)[0]
    if saksstatus == "X":
        return "F"
    if type_ == "S":
        return "J" if alder > 90 else ""
    if alder > 60:
        status = rng.choices("JEFRU", (94, 2, 2, 1, 1))[0]
    elif alder > 15:
        status = rng.choices("JEFR", (55, 18, 15, 12))[0]
    else:
        status = rng.choices("JEFR", (15, 20, 20, 45))[0]
    return "F" if status == "E" and type_ == "X" else status


def saksframlegg(rng: random.Random, status: str, alder: int) -> tuple[str, str]:
    """(behandlingsstatus, journalstatus) of a committee draft: its place in the approval
    chain SU/F (to the leader) → RE/G (to the chief executive) → KL/F (ready for the
    committee) → KL/J. A voided draft or one in a reserved case stays as it is."""
    if status not in ("", "J"):
        return "", status
    if status == "J":
        return "KL", "J"
    if alder > 45:
        return rng.choices([("KL", "F"), ("KL", "J")], (40, 60))[0]
    return rng.choices([("", "R"), ("SU", "F"), ("RE", "G"), ("KL", "F")], (30, 25, 20, 25))[0]


def framleggsflagg(rng: random.Random, behandlingsstatus: str) -> list[tuple[str, str]]:
    """The approval flags of a committee draft, as (step, answer; "" while waiting): the
    leader first, then the chief executive. A draft still being written was sent back now
    and then."""
    if behandlingsstatus == "SU":
        return [("leder", "")]
    if behandlingsstatus == "RE":
        return [("leder", "G"), ("radmann", "")]
    if behandlingsstatus == "KL":
        return [("leder", "G"), ("radmann", "G")]
    return [("leder", "IG")] if rng.random() < 0.15 else []


def utkastflagg(rng: random.Random, type_: str, status: str, alder: int) -> list[tuple[str, str]]:
    """The approval flag of a caseworker's own letter or note: some drafts wait for the
    leader or came back not approved; some recent letters were approved before dispatch."""
    roll = rng.random()
    if status == "R" and roll < 0.22:
        return [("leder", "")]
    if status == "R" and roll < 0.27:
        return [("leder", "IG")]
    if type_ == "U" and status in FERDIG and roll < 0.1 and alder < 120:
        return [("leder", "G")]
    return []


def mottatt(type_: str, status: str) -> bool:
    """Incoming mail, or a note for follow-up once it is sent (a draft note is nobody's
    restanse yet), as journal.services.avskrivning.restanse_q counts them."""
    return (type_ == "I" and status != "U") or (type_ == "N" and status in ("E", "J"))


def svar_avskriver(type_: str) -> str:
    """How a finished reply writes off what it answers: BU by letter, NN by note."""
    return "BU" if type_ == "U" else "NN"


def avskrivningsmaate(rng: random.Random, type_: str) -> str:
    """How a received post nobody answered in writing is written off."""
    methods = ("TE", "TO") if type_ == "N" else ("TE", "TO", "TLF", "BE")
    return rng.choices(methods, (35, 30, 20, 15)[: len(methods)])[0]


def avskrives(rng: random.Random, saksstatus: str, status: str, alder: int, flid: float) -> bool:
    """Whether a received post with no written reply has been written off: always in a
    closed or running case once it is handled, in an open case mostly when it is journalised
    and a fortnight old (the caseworker's `flid` decides how often)."""
    if saksstatus in ("A", "X"):
        return status not in ("M", "S")
    return saksstatus == "B" and status == "J" and alder > 14 and rng.random() < flid


def forelopig_paa_telefon(rng: random.Random, saksstatus: str, type_: str) -> bool:
    """An open letter given a preliminary answer by phone: noted, still a restanse."""
    return saksstatus == "B" and type_ == "I" and rng.random() < 0.15


def skriver_av(maate: str) -> bool:
    """A write-off that closes the post: every method but the preliminary «***»."""
    return maate != INGEN_AVSKRIVNING
