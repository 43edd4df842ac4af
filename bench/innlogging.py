"""Benchmark of logging in (issue 15, item 11): the server time of the login POST and of the
start page GET after it, with the old password hasher (PBKDF2 first, as Django's default)
and the new one (Argon2 first, saksarkiv/settings.py), and the one login that upgrades a
stored PBKDF2 hash to Argon2.

    .venv/bin/python bench/innlogging.py [--runder 15] [--saker 3000]

Uses its own database (BENCH_INNLOGGING_DATABASE_URL, default saksarkiv_bench_innlogging):
migrates it and loads the demo (`demodata`, as `make run`) once. The requests go through
Django's test client in one process with the benchmark middleware (saksarkiv/bench.py), so
the times are the server's own (`Server-Timing`), without network or a web server; the
personas are archive (the start page with «Siste endringer») and a caseworker.
"""

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/saksarkiv_bench_innlogging"
PASSORD = "saksarkiv"  # the demo's password (generators/saksarkiv.py)
PBKDF2 = "django.contrib.auth.hashers.PBKDF2PasswordHasher"
ARGON2 = "django.contrib.auth.hashers.Argon2PasswordHasher"
# Django's own default list: what Saksarkiv used before Argon2.
GAMMEL = [PBKDF2, "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher", ARGON2,
          "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
          "django.contrib.auth.hashers.ScryptPasswordHasher"]  # fmt: skip

ALGORITME = {PBKDF2: "pbkdf2_sha256", ARGON2: "argon2"}


def _env(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1", "SAKSARKIV_BENCH": "1",
            "DJANGO_SETTINGS_MODULE": "saksarkiv.settings", "PYTHONPATH": str(ROOT)}  # fmt: skip


def forbered(url: str, saker: int, analyser: bool = True) -> None:
    """The database, migrated, with the demo (once: demodata skips what exists), analysed."""
    env, py = _env(url), sys.executable
    navn = url.rsplit("/", 1)[-1]
    subprocess.run(["psql", url.rsplit("/", 1)[0] + "/postgres", "-qc",
                    f"CREATE DATABASE {navn}"], capture_output=True, check=False)  # fmt: skip
    for steg in (["migrate", "-v0"], ["demodata", "--saker", str(saker), "-v0"]):
        subprocess.run([py, "manage.py", *steg], cwd=ROOT, env=env, check=True)
    # Planner statistics, as autovacuum would gather them. Without them (a cluster with
    # autovacuum off, straight after `demodata`) the start page's counts take 1–3 s and
    # would hide what the hasher costs (bench/README.md).
    if analyser:
        subprocess.run(["psql", url, "-qc", "ANALYZE"], check=True)


def _ms(response) -> float:
    return float(response["Server-Timing"].split("dur=")[1])


def _runde(username: str, hasher: str, hashers: list[str]) -> tuple[float, float, int, int]:
    """One login with the password stored by `hasher` under the list `hashers`: (login ms,
    start page ms, login queries, start page queries)."""
    from django.contrib.auth.hashers import make_password
    from django.test import Client, override_settings
    from django.urls import reverse

    from saksarkiv.models import Bruker

    with override_settings(PASSWORD_HASHERS=hashers):
        stored = make_password(PASSORD, hasher=ALGORITME[hasher])
        Bruker.objects.filter(username=username).update(password=stored)
        client = Client(HTTP_HOST="127.0.0.1")
        login = client.post(reverse("login"), {"username": username, "password": PASSORD})
        assert login.status_code == 302, (username, login.status_code)
        start = client.get(reverse("arbeidsbord"))
        assert start.status_code == 200
        return _ms(login), _ms(start), int(login["X-Sql-Queries"]), int(start["X-Sql-Queries"])


SCENARIER = (
    ("PBKDF2 (før)", PBKDF2, GAMMEL),
    ("PBKDF2-hash, første innlogging (oppgraderes)", PBKDF2, None),
    ("Argon2 (nå)", ARGON2, None),
)


def mal(runder: int) -> None:
    from django.conf import settings

    from saksarkiv.models import Rolle

    ny = list(settings.PASSWORD_HASHERS)
    personer = [
        ("arkiv", Rolle.objects.filter(rolle="ARK").first().person.username),
        ("saksbehandler", Rolle.objects.filter(rolle="SB").first().person.username),
    ]
    print("| scenario | persona | innlogging p50 | maks | startside p50 | maks | "
          "sum p50 | SQL inn + start |")  # fmt: skip
    print("|---|---|--:|--:|--:|--:|--:|--:|")
    for navn, hasher, hashers in SCENARIER:
        for persona, username in personer:
            _runde(username, hasher, hashers or ny)  # warm-up
            rows = [_runde(username, hasher, hashers or ny) for _ in range(runder)]
            inn = [r[0] for r in rows]
            start = [r[1] for r in rows]
            total = [a + b for a, b in zip(inn, start, strict=True)]
            print(f"| {navn} | {persona} | {statistics.median(inn):.0f} | {max(inn):.0f} | "
                  f"{statistics.median(start):.0f} | {max(start):.0f} | "
                  f"{statistics.median(total):.0f} | {rows[-1][2]} + {rows[-1][3]} |")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runder", type=int, default=15, help="innlogginger per scenario")
    parser.add_argument("--saker", type=int, default=3000, help="demojournalens størrelse")
    parser.add_argument("--uten-analyse", action="store_true", help="ikke ANALYZE etter demodata")
    parser.add_argument("--fase", choices=("mal",), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fase:
        import django

        sys.path.insert(0, str(ROOT))
        django.setup()
        mal(args.runder)
        return 0
    url = os.environ.get("BENCH_INNLOGGING_DATABASE_URL", DEFAULT_DB)
    forbered(url, args.saker, analyser=not args.uten_analyse)
    done = subprocess.run([sys.executable, str(Path(__file__)), "--fase", "mal", "--runder",
                           str(args.runder)], cwd=ROOT, env=_env(url), check=False)  # fmt: skip
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
