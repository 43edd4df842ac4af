"""The test clock itself (tests/klokke.py): Python and PostgreSQL agree on the frozen moment,
moving it moves both, rollbacks cannot undo it, and SQL that asks PostgreSQL for the date in
a way the clock cannot steer fails loudly."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Now
from django.utils import timezone

from saksarkiv.models import Bruker, Endringslogg
from tests.factories import BrukerFactory
from tests.klokke import HARDE_DAGER, OSLO, les

pytestmark = [pytest.mark.django_db, pytest.mark.datofolsom]


def db_naa() -> dict[str, dt.datetime]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT now(), statement_timestamp(), transaction_timestamp(), clock_timestamp()"
        )
        row = cursor.fetchone()
    return dict(zip(("now", "statement", "transaction", "clock"), row, strict=True))


def assert_naer(a: dt.datetime, b: dt.datetime, sekunder=5):
    assert abs(a - b) < dt.timedelta(seconds=sekunder), (a, b)


def test_python_and_postgresql_agree_on_the_frozen_moment(klokke, testklokke_run):
    assert_naer(timezone.now(), testklokke_run)
    for name, value in db_naa().items():
        assert_naer(value, timezone.now()), name
    # Django's Now() is statement_timestamp() on PostgreSQL: the same clock.
    (annotated,) = (
        Bruker.objects.filter(pk=BrukerFactory().pk).annotate(n=Now()).values_list("n", flat=True)
    )
    assert_naer(annotated, timezone.now())


def test_moving_the_clock_moves_postgresql_too(klokke):
    klokke.flytt_til("2031-07-01T12:00")
    assert timezone.localdate() == dt.date(2031, 7, 1)
    assert db_naa()["now"].astimezone(OSLO).date() == dt.date(2031, 7, 1)
    klokke.flytt(days=-400)
    assert_naer(db_naa()["statement"], timezone.now())


def test_a_rolled_back_savepoint_does_not_undo_the_clock(klokke):
    klokke.flytt_til("2030-01-15T09:00")
    # The first query after the move writes the offset, then fails and is rolled back.
    with pytest.raises(IntegrityError), transaction.atomic():
        Endringslogg.objects.create(handling=None, objekt_id="1")
    assert db_naa()["now"].astimezone(OSLO).date() == dt.date(2030, 1, 15)


@pytest.mark.parametrize("keyword", ["CURRENT_DATE", "current_timestamp", "LOCALTIMESTAMP"])
def test_sql_keywords_the_clock_cannot_steer_fail_the_test(keyword):
    with pytest.raises(AssertionError, match="testklokka"), connection.cursor() as cursor:
        cursor.execute(f"SELECT {keyword}")


@pytest.mark.klokke("2027-01-01T00:30")
def test_the_marker_freezes_a_given_moment_and_oslo_decides_the_date():
    # 00:30 in Oslo is 23:30 the day before in UTC: «today» is Oslo's day.
    assert timezone.localdate() == dt.date(2027, 1, 1)
    assert timezone.now().astimezone(dt.UTC).date() == dt.date(2026, 12, 31)
    assert db_naa()["now"].astimezone(OSLO).date() == dt.date(2027, 1, 1)


def test_hard_days_are_what_their_names_say():
    days = {name: les(value) for name, value in HARDE_DAGER.items()}
    assert days["nyttarsnatt"].astimezone(dt.UTC).year == 2026
    assert days["sommertid"].utcoffset() == dt.timedelta(hours=2)
    assert days["sommertid"].astimezone(OSLO).date() == dt.date(2027, 3, 28)  # 1. påskedag
    assert days["vintertid"].astimezone(OSLO).fold == 1 or days["vintertid"].utcoffset() == (
        dt.timedelta(hours=1)
    )
    assert days["skuddag"].date() == dt.date(2028, 2, 29)


@pytest.fixture(scope="module")
def modul_naa():
    return timezone.now()


def test_module_fixtures_start_at_the_runs_moment(modul_naa, testklokke_run):
    """However late in the run the module comes, its fixtures are built on the run's day."""
    assert abs(modul_naa - testklokke_run) < dt.timedelta(seconds=5)
