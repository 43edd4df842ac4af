"""Benchmark middleware (bench/README.md): counts the SQL queries of each request and measures
its time on the server, as response headers the benchmark reads:

    X-Sql-Queries: 7
    Server-Timing: app;dur=12.4

Installed only with SAKSARKIV_BENCH=1 (saksarkiv/settings.py), first in MIDDLEWARE so that
it measures the whole request: sessions, authentication, the view and the template.
"""

import time
from contextlib import ExitStack

from django.db import connections


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class BenchMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = _QueryCounter()
        started = time.perf_counter()
        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(counter))
            response = self.get_response(request)
        duration = (time.perf_counter() - started) * 1000
        response["X-Sql-Queries"] = str(counter.count)
        response["Server-Timing"] = f"app;dur={duration:.1f}"
        return response
