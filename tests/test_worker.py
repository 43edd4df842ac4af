"""Wiring: a real Celery worker on Redis runs a job against the test database, on the test's
clock (tests/klokke.py: `miljo()` hands the worker the test's moment)."""

import datetime
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from saksarkiv.tasks import clear_expired_sessions, clear_expired_sessions_now
from tests import klokke as testklokke

ROOT = Path(__file__).resolve().parent.parent


def make_session(key, expires_in: datetime.timedelta):
    return Session.objects.create(
        session_key=key, session_data="", expire_date=timezone.now() + expires_in
    )


@pytest.mark.django_db
def test_clearing_sessions_is_safe_to_run_twice():
    make_session("utlopt", datetime.timedelta(days=-1))
    make_session("gyldig", datetime.timedelta(days=1))
    assert clear_expired_sessions_now() == 1
    assert clear_expired_sessions_now() == 0
    assert list(Session.objects.values_list("session_key", flat=True)) == ["gyldig"]


def test_beat_schedule_runs_daily_jobs_after_the_dst_gap_oslo_time():
    """Daily at 05:30 (the quarterly/monthly checks at 05:45): never in 02:00–03:00."""
    assert settings.CELERY_TIMEZONE == "Europe/Oslo"
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        schedule = entry["schedule"]
        assert schedule.hour == {5} and schedule.minute <= {30, 45}
    assert settings.CELERY_BEAT_SCHEDULE["rydd-utlopte-okter"]["schedule"].minute == {30}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_real_worker_on_redis_runs_the_job(klokke):
    assert settings.CELERY_BROKER_URL.startswith("redis://"), "tests run on Redis"
    # Away from the run's moment: a worker on any clock but the test's would find the
    # first session not expired yet, or the second expired already.
    klokke.flytt(days=3)
    make_session("utlopt", datetime.timedelta(days=-1))
    make_session("gyldig", datetime.timedelta(days=1))
    queue = f"test-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    env = {
        **testklokke.miljo(),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "saksarkiv", "worker", "--pool=solo",
         "-Q", queue, "--without-mingle", "--without-gossip", "--loglevel=INFO"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        clear_expired_sessions.apply_async(queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and Session.objects.filter(pk="utlopt").exists():
            assert worker.poll() is None, worker.stdout.read()
            time.sleep(0.3)
        assert not Session.objects.filter(pk="utlopt").exists(), "the worker did not run the job"
        assert Session.objects.filter(pk="gyldig").exists()
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)
    assert "saksarkiv.tasks.clear_expired_sessions" in output
    assert "succeeded" in output
