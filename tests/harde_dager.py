"""The clock guard (make test): the date-sensitive tests (marker `datofolsom`, less those
pinned to one moment by the `klokke` marker) once more at each moment of tests/klokke.py
HARDE_DAGER, each in a pytest run of its own with SAKSARKIV_TESTKLOKKE set, so that the
process, the module fixtures and PostgreSQL all live on that day. Three runs at a time (the
runs wait on PostgreSQL as much as on Python; KLOKKEVAKT_SAMTIDIG changes it), each on
its own test database.

    python -m tests.harde_dager [pytest options …]
"""

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from tests.klokke import HARDE_DAGER, MILJO

TESTS = Path(__file__).resolve().parent

SAMTIDIG = int(os.environ.get("KLOKKEVAKT_SAMTIDIG", "3"))


def _database_url(base: str, navn: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{navn}"))


def filer() -> list[str]:
    """The test files that mark something date-sensitive: collecting only them spares each
    run the import of every other test module (the marker still selects within them)."""
    return sorted(
        str(path.relative_to(TESTS.parent))
        for path in TESTS.rglob("test_*.py")
        if "datofolsom" in path.read_text() and "browser" not in path.parts
    )


def kjor(navn: str, moment: str, args: list[str]) -> tuple[str, int, str, float]:
    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saksarkiv")
    env = {**os.environ, MILJO: moment, "DATABASE_URL": _database_url(base, navn)}
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "datofolsom and not klokke", "-q",
         "-p", "no:cacheprovider", *args, *filer()],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return navn, result.returncode, result.stdout + result.stderr, time.monotonic() - start


def main(args: list[str]) -> int:
    with ThreadPoolExecutor(SAMTIDIG) as pool:
        runs = list(pool.map(lambda item: kjor(*item, args), HARDE_DAGER.items()))
    totals = {"passed": 0, "failed": 0}
    bad = False
    for navn, code, output, seconds in runs:
        summary = output.strip().splitlines()[-1] if output.strip() else "(ingen utdata)"
        print(f"{navn:<16} {HARDE_DAGER[navn]}  {seconds:5.1f} s  {summary}")
        for count, word in re.findall(r"(\d+) (passed|failed|errors?)", summary):
            totals["passed" if word == "passed" else "failed"] += int(count)
        if code != 0:
            bad = True
            print(output)
    if bad and not totals["failed"]:
        totals["failed"] = 1  # a run that broke before its summary
    print(f"klokkevakt: {totals['passed']} passed, {totals['failed']} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
