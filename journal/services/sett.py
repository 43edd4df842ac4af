"""«Sett av meg» (models/sett.py): the post page marks a post seen by a user it is addressed
to — its caseworker, an internal recipient or a copy recipient — so that it leaves their
«Innboks». One INSERT … ON CONFLICT DO NOTHING: the first opening counts, two tabs at once
cannot fail."""

from ..models import JournalpostSett


def merk_sett(user, post) -> None:
    JournalpostSett.objects.bulk_create(
        [JournalpostSett(person=user, journalpost=post)], ignore_conflicts=True
    )
