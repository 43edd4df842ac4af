"""Benchmark of the Noark 5 arkivuttrekk (issue 20): time and peak memory of
`manage.py arkivuttrekk` over the bench database (bulkdata). Target: 100,000 posts with their
documents ≤ 5 min and ≤ 500 MB peak.

    .venv/bin/python bench/arkivuttrekk.py [--fra 2025-01-01 --til 2025-12-31] [--behold]

Without a period it takes the latest closing dates back until the closed cases hold about
`--poster` posts (default 100,000). The export runs in a child process under
/usr/bin/time -v (wall time and maximum resident set size); the package is written to a
temporary directory and removed afterwards unless `--behold`. The database is only read.
"""

import argparse
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/saksarkiv_bench"


def _env(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "saksarkiv.settings", "PYTHONPATH": str(ROOT)}  # fmt: skip


def _periode(poster: int) -> tuple[datetime.date, datetime.date, int]:
    """The latest closing dates whose cases hold about `poster` posts."""
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.db.models import Count

    from journal.models import Saksmappe

    per_dag = (
        Saksmappe.objects.filter(saksstatus="A", avsluttet_dato__isnull=False)
        .values("avsluttet_dato")
        .annotate(n=Count("journalposter"))
        .order_by("-avsluttet_dato")
    )
    total, til, fra = 0, None, None
    for rad in per_dag.iterator():
        til = til or rad["avsluttet_dato"]
        fra = rad["avsluttet_dato"]
        total += rad["n"]
        if total >= poster:
            break
    if til is None:
        sys.exit("Basen har ingen avsluttede saker: kjør make bench-data først.")
    return fra, til, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--fra", type=datetime.date.fromisoformat)
    parser.add_argument("--til", type=datetime.date.fromisoformat)
    parser.add_argument("--poster", type=int, default=100_000)
    parser.add_argument("--behold", action="store_true", help="Behold uttrekket.")
    args = parser.parse_args()
    os.environ.update(_env(args.database_url))
    if args.fra and args.til:
        fra, til, antall = args.fra, args.til, None
    else:
        fra, til, antall = _periode(args.poster)
    katalog = Path(tempfile.mkdtemp(prefix="arkivuttrekk-bench-")) / "uttrekk"
    kommando = [
        "/usr/bin/time", "-v", sys.executable, str(ROOT / "manage.py"), "arkivuttrekk",
        "--fra", fra.isoformat(), "--til", til.isoformat(), "-o", str(katalog),
    ]  # fmt: skip
    print(f"Periode {fra} – {til}" + (f" (≈ {antall} journalposter)" if antall else ""))
    kjoring = subprocess.run(kommando, env=_env(args.database_url), capture_output=True, text=True)
    print(kjoring.stdout.strip())
    tid = re.search(r"Elapsed \(wall clock\) time.*: (\S+)", kjoring.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", kjoring.stderr)
    if kjoring.returncode != 0 or not tid or not rss:
        print(kjoring.stderr[-3000:], file=sys.stderr)
        sys.exit(kjoring.returncode or 1)
    storrelse = sum(f.stat().st_size for f in katalog.rglob("*") if f.is_file())
    print(f"Tid: {tid.group(1)}  Topp RSS: {int(rss.group(1)) / 1024:.0f} MB  "
          f"Uttrekk: {storrelse / 1e6:.0f} MB")  # fmt: skip
    if args.behold:
        print(f"Uttrekket ligger i {katalog}")
    else:
        shutil.rmtree(katalog.parent)


if __name__ == "__main__":
    main()
