"""Row locks in one order everywhere: a case before its posts (STYLE.md §2).

Registering a post locks its case (the document number), and a new post that refers to
another (a reply) takes a key-share lock on it; a service that locked the post first and the
case second could deadlock with it. So every service that changes a post locks it through
`post()`, which takes the case first. Many rows: cases before posts, each in primary-key order.
"""

from ..models import Journalpost, Saksmappe


def post(pk: int, *related: str) -> Journalpost:
    """The post, locked (FOR UPDATE) after its case, with `saksmappe` and `related` joined."""
    while True:
        sak_id = Journalpost.objects.filter(pk=pk).values_list("saksmappe_id", flat=True).get()
        Saksmappe.objects.select_for_update(of=("self",)).filter(pk=sak_id).values("pk").get()
        locked = (
            Journalpost.objects.select_for_update(of=("self",))
            .select_related("saksmappe", *related)
            .get(pk=pk)
        )
        if locked.saksmappe_id == sak_id:  # not moved to another case meanwhile
            return locked


def saker(ids) -> None:
    """Lock the cases with these ids, in primary-key order."""
    list(
        Saksmappe.objects.select_for_update(of=("self",))
        .filter(pk__in=ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
