"""The generic job machinery (saksarkiv.jobber): claiming a period, the outbox, and two
senders at once on real database connections."""

import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from saksarkiv import jobber
from saksarkiv.models import Jobbkjoring, Utsending


def epost(n: int) -> jobber.Epost:
    return jobber.Epost(
        nokkel=f"test:p:{n}", til=f"person{n}@example.no", emne="Emne", tekst="Tekst"
    )


def test_topp_keeps_only_the_k_smallest_or_largest():
    minste, storste = jobber.Topp(3), jobber.Topp(2, storst=True)
    for n in [5, 1, 9, 3, 7, 2]:
        minste.legg_til((n,), f"v{n}")
        storste.legg_til((n,), f"v{n}")
    assert minste.verdier() == ["v1", "v2", "v3"]
    assert storste.verdier() == ["v9", "v7"]


@pytest.mark.django_db
def test_a_claim_is_one_row_per_job_and_period():
    kjoring, ferdig = jobber.krev("test", "2026-11")
    assert not ferdig
    jobber.fullfor(kjoring, {"antall": 1})
    again, ferdig = jobber.krev("test", "2026-11")
    assert again.pk == kjoring.pk and ferdig
    assert Jobbkjoring.objects.get().forsok == 2
    assert not jobber.krev("test", "2026-12")[1]


@pytest.mark.django_db
def test_queueing_the_same_keys_again_adds_nothing():
    assert jobber.legg_i_utboks([epost(1), epost(2)], batch=1) == 2
    assert jobber.legg_i_utboks([epost(2), epost(3)]) == 1
    assert Utsending.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_senders_never_send_the_same_mail():
    jobber.legg_i_utboks([epost(n) for n in range(4)])
    locked = threading.Event()
    release = threading.Event()

    def hold_first_row():
        try:
            with transaction.atomic():
                Utsending.objects.select_for_update().get(nokkel="test:p:0")
                locked.set()
                release.wait(10)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_first_row)
    holder.start()
    assert locked.wait(10)
    try:
        first = jobber.send_utsendinger("test:")  # skips the row the other connection holds
    finally:
        release.set()
        holder.join(10)
    assert first.sendt == 3
    assert not Utsending.objects.get(nokkel="test:p:0").sendt
    second = jobber.send_utsendinger("test:")
    assert second.sendt == 1
    assert sorted(m.to[0] for m in mail.outbox) == [f"person{n}@example.no" for n in range(4)]
