"""Writes on one post at once (issue «Access on every action», finding 4): two clients writing
off (***) and two answering («Besvar») the same post at the same time, each on its own
database connection, never deadlock. Every service that locks both a case and a post locks
the case first (journal.services.regler.laas_post)."""

import threading

import pytest
from django.db import connection

from journal.models import Avskrivning, Journalpost
from journal.services.avskrivning import avskriv, besvar
from saksarkiv.models import Bruker
from saksarkiv.services import DomainError
from tests.journal.flythjelp import inngaende, ny_sak

RUNDER = 8


def _run(action, post_pk, user_pk, barrier, errors):
    try:
        user = Bruker.objects.get(pk=user_pk)
        for _ in range(RUNDER):
            barrier.wait(timeout=60)
            try:
                action(user, Journalpost.objects.get(pk=post_pk))
            except DomainError as refusal:  # a lost race is a refusal, never a crash
                errors.append(("avslag", refusal.message))
    except Exception as error:  # noqa: BLE001 - collected and asserted on below
        errors.append(("feil", repr(error)))
        barrier.abort()
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_writing_off_and_answering_the_same_post_at_once_never_deadlocks(personas, org):
    sak = ny_sak(personas.saksbehandler, org.enhet_a)
    post = inngaende(personas.arkiv, sak, saksbehandler=personas.saksbehandler)
    sb = personas.saksbehandler.pk

    def forelopig(user, p):
        avskriv(user, p, "***", merknad="Foreløpig svar på telefon.")

    def svar(user, p):
        besvar(user, p, avskriv_ved_ferdigstilling=False)

    actions = [forelopig, forelopig, svar, svar]
    barrier = threading.Barrier(len(actions))
    errors: list = []
    threads = [
        threading.Thread(target=_run, args=(action, post.pk, sb, barrier, errors))
        for action in actions
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    assert not errors, errors
    assert Avskrivning.objects.filter(journalpost=post, avskrivningsmaate="***").count() == (
        2 * RUNDER
    )
    assert Journalpost.objects.filter(besvarer=post).count() == 2 * RUNDER
