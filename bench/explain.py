"""The queries behind one slow page, with EXPLAIN ANALYZE of the slowest (bench/README.md).

    .venv/bin/python bench/explain.py /sok/?q=byggetillatelse --bruker ola.hansen [--alle]

Runs the request in-process through Django's test client against the bench database,
prints every SQL query with its time, and EXPLAIN (ANALYZE, BUFFERS) of the slowest one
(of all of them with --alle). Without --bruker the request is anonymous.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/saksarkiv_bench"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--bruker", help="user name (logged in); default anonymous")
    parser.add_argument("--alle", action="store_true", help="EXPLAIN every query")
    parser.add_argument(
        "--profil", type=int, metavar="N", help="profile the request: the N costliest functions"
    )
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    args = parser.parse_args()
    os.environ.update(
        {
            "DATABASE_URL": args.database_url,
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "bench-only-secret-" + "b" * 40,
            "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
            "SAKSARKIV_HTTPS": "0",
            "SAKSARKIV_VAR_DIR": os.environ.get("SAKSARKIV_BENCH_VAR", "/tmp/saksarkiv-bench-var"),
            "LOG_LEVEL": "WARNING",
            "DJANGO_SETTINGS_MODULE": "saksarkiv.settings",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from saksarkiv.models import Bruker

    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )
    client = Client()
    if args.bruker:
        client.force_login(Bruker.objects.get(username=args.bruker))
    client.get(args.url)  # warm caches
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(args.url)
        total = (time.perf_counter() - started) * 1000
    queries = captured.captured_queries
    if args.profil:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(client.get, args.url)
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profil)
    print(f"HTTP {response.status_code}, {total:.0f} ms, {len(queries)} SQL-spørringer\n")
    for i, query in enumerate(queries, 1):
        print(f"{i:>3}. {float(query['time']) * 1000:8.1f} ms  {query['sql'][:150]}")
    chosen = queries if args.alle else [max(queries, key=lambda q: float(q["time"]))]
    with connection.cursor() as cursor:
        for query in chosen:
            print(f"\n--- {float(query['time']) * 1000:.1f} ms ---\n{query['sql']}\n")
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query['sql']}")
            print("\n".join(row[0] for row in cursor.fetchall()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
