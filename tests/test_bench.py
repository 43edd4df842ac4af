"""The benchmark middleware (saksarkiv/bench.py) and its switch in settings."""

import os
import re
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

BENCH = "saksarkiv.bench.BenchMiddleware"


@pytest.fixture
def bench(settings):
    settings.MIDDLEWARE = [BENCH, *settings.MIDDLEWARE]


def _server_ms(response) -> float:
    match = re.fullmatch(r"app;dur=(\d+\.\d)", response["Server-Timing"])
    assert match, response["Server-Timing"]
    return float(match.group(1))


def test_headers_count_every_query_of_the_request(bench, login, personas):
    client = login(personas.leder)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("arbeidsbord"))
    assert response.status_code == 200
    # Session, user, roles and the page's own queries: all of them, no more.
    assert int(response["X-Sql-Queries"]) == len(queries.captured_queries) > 2
    assert _server_ms(response) > 0


def test_a_request_without_queries_counts_zero(bench, client, db):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("login"))
    assert response.status_code == 200
    assert response["X-Sql-Queries"] == str(len(queries.captured_queries)) == "0"
    assert _server_ms(response) >= 0


def test_without_the_middleware_there_are_no_headers(login, personas):
    assert BENCH not in django_settings.MIDDLEWARE
    response = login(personas.leder).get(reverse("arbeidsbord"))
    assert "X-Sql-Queries" not in response and "Server-Timing" not in response


@pytest.mark.parametrize(("flag", "first"), [("1", BENCH), ("0", None)])
def test_settings_install_it_only_with_saksarkiv_bench(flag, first):
    env = {**os.environ, "SAKSARKIV_BENCH": flag, "DJANGO_DEBUG": "1"}
    code = "from saksarkiv import settings; print(settings.MIDDLEWARE[0])"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    installed = result.stdout.strip()
    assert (installed == BENCH) == (first == BENCH)
