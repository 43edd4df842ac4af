"""The test clock (STYLE.md §9): the suite never reads the machine's calendar.

Every test runs with the clock frozen (time-machine, ticking from a fixed start) at the run's
moment: `SAKSARKIV_TESTKLOKKE` (an ISO time; Oslo time when it has no offset), or else the
real time when the run began, printed in pytest's header so that any run can be repeated.
Fixtures build their data from that frozen day (`klokke.dag`), never from a constant date.

The same moment reaches everything the code asks for the time:
- Python in this process: time-machine, started per test by the `klokke` fixture;
- PostgreSQL: in the test database `now()`, `statement_timestamp()`, `transaction_timestamp()`
  and `clock_timestamp()` (Django's `Now()` included) are shadowed by functions in the schema
  `testklokke`, which add the test's offset from the real time. The offset is kept in a
  sequence (sequences ignore rollbacks, so a failed savepoint cannot undo it) and written
  before the first query after the clock moved. The SQL keywords CURRENT_DATE,
  CURRENT_TIMESTAMP, LOCALTIMESTAMP … cannot be shadowed: a query that uses them fails the
  test with a message saying what to use instead;
- subprocesses (a real Celery worker): `miljo()` passes the test's current time on, and
  tests/settings.py starts the same clock there.

Tests whose outcome depends on the day carry the marker `datofolsom`. After the whole suite,
make test runs them again at each moment in HARDE_DAGER, each day in a pytest run of its own
(tests/harde_dager.py). `pytest --harde-dager` is the quick variant for one file while writing
tests: one process, each test parametrized over the hard days; a module- or session-scoped
fixture that builds dated data must then request `testklokke_run` to be rebuilt per day.
"""

import datetime as dt
import os
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest
import time_machine

OSLO = ZoneInfo("Europe/Oslo")
MILJO = "SAKSARKIV_TESTKLOKKE"

# Moments where a date computed the wrong way shows: the year turning (also when Oslo and UTC
# disagree on the date or the year), the nights the clock changes, a holiday that moves, a
# leap day.
HARDE_DAGER = {
    "nyttarsaften": "2026-12-31T23:30:00+01:00",
    "nyttarsnatt": "2027-01-01T00:30:00+01:00",  # Oslo in 2027, UTC still in 2026
    "sommertid": "2027-03-28T03:15:00+02:00",  # 1. påskedag, 02:00–03:00 skipped
    "andre_paaskedag": "2027-03-29T08:00:00+02:00",
    "vintertid": "2027-10-31T02:30:00+01:00",  # the hour 02:00–03:00 the second time
    "skuddag": "2028-02-29T12:00:00+01:00",
}


def les(tekst: str) -> dt.datetime:
    """An ISO date or time as an aware datetime; without an offset it is Oslo time."""
    moment = dt.datetime.fromisoformat(tekst)
    return moment if moment.tzinfo else moment.replace(tzinfo=OSLO)


def oyeblikk() -> dt.datetime:
    """The moment this run is at. Chosen once, in the first process, and handed on through
    the environment so that every process of the run agrees."""
    if not os.environ.get(MILJO):
        os.environ[MILJO] = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
    return les(os.environ[MILJO])


def start_prosessklokke():
    """Run this process at the run's moment (tests/settings.py: pytest and the worker)."""
    time_machine.travel(oyeblikk().astimezone(dt.UTC), tick=True).start()


def miljo() -> dict[str, str]:
    """The environment for a subprocess that must share the test's clock."""
    from django.utils import timezone

    return {**os.environ, MILJO: timezone.now().isoformat()}


def ved(moment: str, *values, id: str):
    """A parameter set that runs at `moment` (the `klokke` marker), for tables of hard days."""
    return pytest.param(*values, marks=pytest.mark.klokke(moment), id=id)


# --- PostgreSQL ------------------------------------------------------------------------------
SKJEMA = "testklokke"
SEARCH_PATH = f"public,{SKJEMA},pg_catalog"
_FUNKSJONER = {
    "now": "pg_catalog.now()",
    "transaction_timestamp": "pg_catalog.transaction_timestamp()",
    "statement_timestamp": "pg_catalog.statement_timestamp()",
    "clock_timestamp": "pg_catalog.clock_timestamp()",
}
_NOKKELORD = re.compile(
    r"\b(CURRENT_DATE|CURRENT_TIMESTAMP|CURRENT_TIME|LOCALTIMESTAMP|LOCALTIME)\b", re.I
)


def installer_i_postgres(connection):
    """Shadow PostgreSQL's clock functions in the test database (search_path puts the
    schema before pg_catalog; see tests/settings.py)."""
    sql = [
        f"CREATE SCHEMA IF NOT EXISTS {SKJEMA}",
        f"CREATE SEQUENCE IF NOT EXISTS {SKJEMA}.forskyvning_us"
        " MINVALUE -9223372036854775807 START 0",
        f"""CREATE OR REPLACE FUNCTION {SKJEMA}.forskyvning() RETURNS interval
            LANGUAGE sql STABLE
            AS $$ SELECT last_value * interval '1 microsecond' FROM {SKJEMA}.forskyvning_us $$""",
    ]
    for navn, original in _FUNKSJONER.items():
        volatility = "VOLATILE" if navn == "clock_timestamp" else "STABLE"
        sql.append(
            f"""CREATE OR REPLACE FUNCTION {SKJEMA}.{navn}() RETURNS timestamptz
                LANGUAGE sql {volatility}
                AS $$ SELECT {original} + {SKJEMA}.forskyvning() $$"""
        )
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)
    _tilstand.database = connection.settings_dict["NAME"]


@dataclass
class _Tilstand:
    database: str | None = None  # the test database, once the functions are installed
    skrevet_us: int | None = None  # the offset last written to the sequence


_tilstand = _Tilstand()
_TOLERANSE_US = 50_000  # ticking makes the measured offset jitter by microseconds


def _forskyvning_us() -> int:
    import time

    if not time_machine.escape_hatch.is_travelling():
        return 0
    return round((time.time() - time_machine.escape_hatch.time.time()) * 1_000_000)


def sql_vakt(execute, sql, params, many, context):
    """Execute wrapper on every test connection: the database's clock follows the test's,
    and SQL never asks PostgreSQL for a date it cannot be told."""
    if isinstance(sql, str) and (treff := _NOKKELORD.search(sql)):
        raise AssertionError(
            f"SQL spør PostgreSQL om tiden med {treff.group(1)}, som testklokka ikke kan "
            "styre, og som i en økt i UTC gir feil dato i Oslo. Bruk django.db.models."
            "functions.Now() eller send timezone.localdate()/timezone.now() som parameter."
        )
    if _tilstand.database and context["connection"].settings_dict["NAME"] == _tilstand.database:
        forskyvning = _forskyvning_us()
        if _tilstand.skrevet_us is None or abs(forskyvning - _tilstand.skrevet_us) > _TOLERANSE_US:
            context["connection"].connection.execute(
                f"SELECT setval('{SKJEMA}.forskyvning_us', %s, true)", [forskyvning]
            )
            _tilstand.skrevet_us = forskyvning
    return execute(sql, params, many, context)


def _ny_forbindelse(sender, connection, **kwargs):
    if connection.vendor == "postgresql" and sql_vakt not in connection.execute_wrappers:
        connection.execute_wrappers.append(sql_vakt)


# --- the fixture -----------------------------------------------------------------------------
@dataclass
class Klokke:
    """The frozen clock of one test (time-machine's traveller, in the users' words)."""

    reise: time_machine.Traveller

    @property
    def naa(self) -> dt.datetime:
        from django.utils import timezone

        return timezone.localtime()

    @property
    def dag(self) -> dt.date:
        from django.utils import timezone

        return timezone.localdate()

    def flytt_til(self, moment: dt.datetime | dt.date | str):
        """Move to a moment; a date keeps the time of day (Oslo)."""
        if isinstance(moment, str):
            moment = les(moment)
        elif not isinstance(moment, dt.datetime):
            moment = dt.datetime.combine(moment, self.naa.time().replace(tzinfo=None))
            moment = moment.replace(tzinfo=OSLO)
        self.reise.move_to(moment.astimezone(dt.UTC))

    def flytt(self, **delta):
        """Move by a timedelta's worth (days=…, hours=…)."""
        self.reise.shift(dt.timedelta(**delta))

    def til_arbeidsdag(self) -> dt.date:
        """Move to the first working day on or after today, same time of day; the day."""
        from saksarkiv.workdays import first_working_day_on_or_after

        dag = first_working_day_on_or_after(self.dag)
        if dag != self.dag:
            self.flytt_til(dag)
        return dag


def pytest_addoption(parser):
    parser.addoption(
        "--harde-dager",
        action="store_true",
        help="Kjør hver test én gang for hvert øyeblikk i tests/klokke.py HARDE_DAGER.",
    )


def pytest_configure(config):
    from django.db.backends.signals import connection_created

    config.addinivalue_line(
        "markers", "klokke(moment): the test is about this moment (ISO; Oslo time), not the run's"
    )
    config.addinivalue_line(
        "markers",
        "datofolsom: depends on the day; run again at every hard day (make test, --harde-dager)",
    )
    connection_created.connect(_ny_forbindelse, dispatch_uid="testklokke")


def pytest_report_header(config):
    moment = oyeblikk().astimezone(OSLO)
    if config.getoption("harde_dager"):
        return "testklokke: " + ", ".join(HARDE_DAGER)
    return f"testklokke: {moment.isoformat()} (gjenta med {MILJO}={moment.isoformat()})"


def pytest_generate_tests(metafunc):
    pinned = metafunc.definition.get_closest_marker("klokke")  # the same moment every time
    if (
        metafunc.config.getoption("harde_dager")
        and "testklokke_run" in metafunc.fixturenames
        and not pinned
    ):
        metafunc.parametrize(
            "testklokke_run",
            [les(v) for v in HARDE_DAGER.values()],
            ids=list(HARDE_DAGER),
            indirect=True,
            scope="session",
        )


@pytest.fixture(scope="session", autouse=True)
def testklokke_run(request) -> dt.datetime:
    """The run's moment; with --harde-dager one of HARDE_DAGER. Everything set up for the
    session or a module runs at it too."""
    moment = getattr(request, "param", None) or oyeblikk()
    with time_machine.travel(moment.astimezone(dt.UTC), tick=True):
        yield moment


@pytest.fixture(scope="module", autouse=True)
def _klokke_modul(testklokke_run):
    """A module's own fixtures (a demo journal built once for the module) start at the run's
    moment too, not minutes after it: a run begun at 23:58 must not build them tomorrow."""
    with time_machine.travel(testklokke_run.astimezone(dt.UTC), tick=True):
        yield


@pytest.fixture(autouse=True)
def klokke(request, testklokke_run) -> Klokke:
    """Each test starts at the run's moment (or its `klokke` marker's) and ticks from it."""
    marker = request.node.get_closest_marker("klokke")
    moment = les(marker.args[0]) if marker else testklokke_run
    with time_machine.travel(moment.astimezone(dt.UTC), tick=True) as reise:
        yield Klokke(reise)
