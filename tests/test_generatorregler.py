"""The generated journal's rules (generators/journal/regler.py), shared by the ORM demo
writer and the COPY bulk writer: every decision they make is one the product allows."""

import inspect
import random

from hypothesis import given
from hypothesis import strategies as st

from generators.journal import bulk_journal, plan, regler

TYPER = st.sampled_from("IUNXS")
SAKSSTATUSER = st.sampled_from("BARUX")
ALDER = st.integers(min_value=0, max_value=5000)
SEED = st.integers(min_value=0, max_value=2**32)

# (behandlingsstatus, journalstatus) a committee draft may have (DOMAIN.md §9): being
# written, with the leader, with the chief executive, ready for the committee, journalised.
FRAMLEGG = {("", "R"), ("SU", "F"), ("RE", "G"), ("KL", "F"), ("KL", "J")}


@given(SEED, TYPER, SAKSSTATUSER, ALDER, st.booleans())
def test_a_post_s_status_fits_its_case(seed, type_, saksstatus, alder, forste):
    status = regler.journalstatus(random.Random(seed), type_, saksstatus, alder, forste=forste)
    if saksstatus == "U":
        assert status == "U"  # a voided case holds voided posts
    elif saksstatus == "R":
        assert status == ("M" if type_ == "I" else "R")
    elif saksstatus == "A":
        # A closed case holds journalised posts only (and, rarely, a voided later one).
        assert status == "J" or (status == "U" and not forste)
    elif type_ == "I":
        assert status in "MSJ"
    elif type_ == "S" and saksstatus != "X":
        assert status in ("", "J")
    else:
        assert status in "JEFRU" and not (type_ == "X" and status == "E")


@given(SEED, st.sampled_from(["", "J"]), ALDER)
def test_a_committee_draft_stands_at_one_step_of_the_approval_chain(seed, status, alder):
    rng = random.Random(seed)
    bstatus, jstatus = regler.saksframlegg(rng, status, alder)
    assert (bstatus, jstatus) in FRAMLEGG
    flagg = regler.framleggsflagg(rng, bstatus)
    steg = [s for s, _svar in flagg]
    # The leader answers before the chief executive is asked; waiting flags match the step.
    assert steg in ([], ["leder"], ["leder", "radmann"])
    if bstatus == "SU":
        assert flagg == [("leder", "")]
    if bstatus in ("RE", "KL"):
        assert flagg[0] == ("leder", "G") and flagg[1][1] == ("G" if bstatus == "KL" else "")


@given(SEED, st.sampled_from("UR"), ALDER)
def test_a_voided_or_reserved_draft_is_left_as_it_is(seed, status, alder):
    assert regler.saksframlegg(random.Random(seed), status, alder) == ("", status)


@given(SEED, TYPER, st.sampled_from("MSJFERGU"), ALDER)
def test_only_drafts_wait_for_a_leader(seed, type_, status, alder):
    for _steg, svar in regler.utkastflagg(random.Random(seed), type_, status, alder):
        assert svar == "G" or status == "R"


@given(SEED, SAKSSTATUSER, st.sampled_from("MSJFEU"), ALDER)
def test_a_received_post_is_written_off_only_once_handled(seed, saksstatus, status, alder):
    rng = random.Random(seed)
    if regler.avskrives(rng, saksstatus, status, alder, flid=1.0):
        assert status not in ("M", "S") and saksstatus in ("A", "X", "B")
    assert regler.avskrivningsmaate(rng, "N") in ("TE", "TO")
    assert regler.avskrivningsmaate(rng, "I") in ("TE", "TO", "TLF", "BE")
    assert regler.svar_avskriver("U") == "BU" and regler.svar_avskriver("N") == "NN"
    assert not regler.skriver_av(regler.INGEN_AVSKRIVNING) and regler.skriver_av("TE")


def test_both_writers_decide_through_the_shared_rules():
    """The demo plan and the bulk journal call the rules instead of keeping their own copy:
    neither holds the status weights, the approval chain or the write-off methods."""
    for module in (plan, bulk_journal):
        source = inspect.getsource(module)
        for own_copy in ('"MSJ"', '"JEFRU"', '("SU", "F")', '"TLF", "BE"', "0.22"):
            assert own_copy not in source, (module.__name__, own_copy)
        for rule in ("journalstatus", "saksframlegg", "framleggsflagg", "utkastflagg",
                     "avskrives", "avskrivningsmaate", "mottatt"):  # fmt: skip
            assert f"R.{rule}(" in source, (module.__name__, rule)
