"""Committee members read their committees' papers (DOMAIN.md §7), exempt ones included.

Added to the access chokepoint (saksarkiv/access.py, the `extra` rules of the journal's
access policies) when the app is ready, so every list, page and download that asks the
chokepoint — the member portal, the journal's own pages, the document downloads — gives
the same answer. A member reads a post and its documents when the post is
- a case on a published notice (draft, referral or delegated decision), or
- a published meeting document (the notice with access code MU),
of a meeting they are called to: they held a permanent seat in its committee on the
meeting day, or were called in as the substitute for a member who reported absence.
Nothing of other committees' meetings, and nothing before the notice is published.
"""

import dataclasses

from django.db.models import Exists, OuterRef, Q

from .models import Forfall, Medlem, Medlemsrolle, Mote, Motedokument, Sakskartpunkt

INGEN = Q(pk__isnull=True)  # never true: the rule adds nothing


def innkalte_moter(user):
    """The meetings `user` is called to, as a subquery of ids."""
    fast = (
        Medlem.objects.filter(person=user, utvalg=OuterRef("utvalg"), fra__lte=OuterRef("dato"))
        .exclude(rolle=Medlemsrolle.VARAMEDLEM)
        .filter(Q(til__isnull=True) | Q(til__gte=OuterRef("dato")))
    )
    vara = Forfall.objects.filter(mote=OuterRef("pk"), vara__person=user)
    return Mote.objects.filter(Q(Exists(fast)) | Q(Exists(vara))).values("pk")


def _regel(post_ref: str):
    def regel(user):
        # No query to ask first whether the user sits anywhere: the meetings they are
        # called to are an uncorrelated subquery the database works out once per query,
        # and it is reached only for rows that no earlier rule has opened.
        if not user.is_authenticated:
            return INGEN
        moter = innkalte_moter(user)
        pa_kartet = Sakskartpunkt.objects.filter(
            behandling__journalpost=OuterRef(post_ref), innkalling__isnull=False, mote__in=moter
        )
        motedokument = Motedokument.objects.filter(journalpost=OuterRef(post_ref), mote__in=moter)
        return Q(Exists(pa_kartet)) | Q(Exists(motedokument))

    return regel


def registrer() -> None:
    """Extend the journal's access policies (once)."""
    from journal.models import Dokument, Journalpost

    for model, ref in ((Journalpost, "pk"), (Dokument, "journalpost_id")):
        policy = model.access_policy
        if any(getattr(r, "_utvalg_medlem", False) for r in policy.extra):
            continue
        regel = _regel(ref)
        regel._utvalg_medlem = True
        model.access_policy = dataclasses.replace(policy, extra=(*policy.extra, regel))
