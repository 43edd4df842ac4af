"""Wiring: a real Celery worker on Redis runs the daily digest end to end against the test
database (the pattern of tests/test_worker.py), on the test's clock (tests/klokke.py).

Not `datofolsom`: starting a worker is too slow to repeat for every hard day; the job body's
dates are tested in test_daglig.py."""

import datetime
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from journal.tasks import daglig_sammendrag
from saksarkiv.models import Jobbkjoring, Utsending
from tests import klokke as testklokke

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_on_redis_runs_the_daily_digest(dag, personas, restanser):
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "tests run on Redis"
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = {
        **testklokke.miljo(),  # the worker's clock starts at this test's moment
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "saksarkiv", "worker", "--pool=solo",
         "-Q", queue, "--without-mingle", "--without-gossip", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip

    def done() -> bool:
        return Jobbkjoring.objects.filter(jobb="daglig", fullfort__isnull=False).exists() and (
            not Utsending.objects.filter(sendt__isnull=True).exists()
        )

    try:
        daglig_sammendrag.apply_async(kwargs={"dato": dag.isoformat()}, queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not done():
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.3)
        assert done(), "the worker did not run the digest"
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    sent = Utsending.objects.filter(sendt__isnull=False)
    assert sorted(sent.values_list("til", flat=True)) == sorted(
        [
            personas.saksbehandler.email,
            personas.stedfortreder.email,
            personas.saksbehandler_annen.email,
        ]
    )
    kjoring = Jobbkjoring.objects.get()
    assert kjoring.periode == dag.isoformat() and kjoring.resultat == {"e-post lagt i kø": 3}
    # The worker ran on the test's clock, not the machine's.
    assert abs(kjoring.fullfort - timezone.now()) < datetime.timedelta(minutes=2)
    assert "journal.tasks.daglig_sammendrag" in output and "succeeded" in output
