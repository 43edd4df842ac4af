"""Benchmark of the worklists, the search page, the public journal and the scheduled jobs
on the bulk database (bench/README.md).

    .venv/bin/python bench/run.py [--requests 200] [--clients 8] [--only restanser]

It starts gunicorn on 127.0.0.1:8765 with SAKSARKIV_BENCH=1 (saksarkiv/bench.py adds
`X-Sql-Queries` and `Server-Timing` to every response), logs in personas chosen from the
data over HTTP, and runs each page with N concurrent clients for a fixed number of requests
after a warm-up. Then it stops gunicorn and runs each job of `manage.py kjor_jobb` under
/usr/bin/time -v for its wall time and peak memory. Pages whose URL name does not exist
yet, and jobs the command does not know, are skipped with a note.

Prints a table and writes bench/results/<date>-<time>.json. Exits non-zero when a page
answered anything but HTTP 200 or a job failed.
"""

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
PORT = int(os.environ.get("BENCH_PORT", "8765"))
PASSORD = "saksarkiv"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/saksarkiv_bench"
TARGET_MS = {"liste": 100, "sok": 250, "postliste": 100, "start": 100, "side": 150}
TARGET_QUERIES = 10


@dataclass
class Page:
    label: str
    kind: str  # liste, sok, postliste, start, side (one object's page): which target applies
    name: str  # URL name
    query: str = ""
    persona: str = ""  # "" = anonymous
    follow_next: bool = False  # bench the second page (keyset cursor from the first)
    url: str = ""
    objekt: str = ""  # "post": the URL takes the persona's newest incoming post


@dataclass
class Result:
    label: str
    persona: str
    url: str
    requests: int = 0
    statuses: dict = field(default_factory=dict)
    server_p50: float = 0.0
    server_p95: float = 0.0
    server_max: float = 0.0
    client_p50: float = 0.0
    client_p95: float = 0.0
    queries_min: int = 0
    queries_max: int = 0
    bytes: int = 0
    alone_p50: float = 0.0  # server time with one client, one request at a time
    load: tuple = ()  # load average (1 min) before and after the page
    target_ms: int = 0
    ok: bool = True
    note: str = ""


# Every page the issue names, with the persona it is for. Worklists for everyone go to the
# caseworker with the most restanser; a leader's lists to the leader of the unit with the
# most posts and to a deputy; archive's tabs to an archive clerk.
PAGES = [
    Page("Mitt arbeidsbord", "start", "arbeidsbord", persona="saksbehandler"),
    Page("Mitt arbeidsbord", "start", "arbeidsbord", persona="leder"),
    Page("Mitt arbeidsbord", "start", "arbeidsbord", persona="stedfortreder"),
    Page("Mitt arbeidsbord", "start", "arbeidsbord", persona="arkiv"),
    Page("Mitt arbeidsbord", "start", "arbeidsbord", persona="radmann"),
    Page("Innboks", "liste", "journal:innboks", persona="saksbehandler"),
    Page("Mine restanser", "liste", "journal:restanser", persona="saksbehandler"),
    Page("Mine restanser, side 2", "liste", "journal:restanser", persona="saksbehandler",
         follow_next=True),
    Page("Forfallsliste", "liste", "journal:forfall", persona="saksbehandler"),
    Page("Forfallsliste, enheten", "liste", "journal:forfall", "vis=enhet", "leder"),
    Page("Oppfølging (OBS)", "liste", "journal:obs", persona="saksbehandler"),
    Page("Oppfølging (OBS), enheten", "liste", "journal:obs", "vis=enhet", "leder"),
    Page("Mine konsepter", "liste", "journal:konsepter", persona="saksbehandler"),
    Page("Kopiboks", "liste", "journal:kopiboks", persona="saksbehandler"),
    Page("Ufordelte", "liste", "journal:ufordelte", persona="leder"),
    Page("Ufordelte", "liste", "journal:ufordelte", persona="stedfortreder"),
    Page("Mottatte", "liste", "journal:mottatte", persona="leder"),
    Page("Til offentlighetsvurdering", "liste", "journal:offentlighetsvurdering",
         persona="leder"),
    Page("Til godkjenning hos leder", "liste", "journal:godkjenning_leder", persona="leder"),
    Page("Til godkjenning hos leder", "liste", "journal:godkjenning_leder",
         persona="stedfortreder"),
    Page("For endelig godkjenning", "liste", "journal:endelig_godkjenning", persona="radmann"),
    *(
        Page(f"Arkivkontroll: {vis}", "liste", "journal:arkivkontroll", f"vis={vis}", "arkiv")
        for vis in ("journalforing", "midlertidig", "reserverte_saker", "onskes_avsluttet",
                    "xx_over_frist")
    ),
    Page("Arkivkontroll: journalforing, side 2", "liste", "journal:arkivkontroll",
         "vis=journalforing", "arkiv", follow_next=True),
    Page("Søk saker «byggetillatelse»", "sok", "journal:sok", "q=byggetillatelse",
         "saksbehandler"),
    Page("Søk poster «byggetillatelse»", "sok", "journal:sok",
         "type=journalposter&q=byggetillatelse", "saksbehandler"),
    Page("Søk poster «tilskudd»", "sok", "journal:sok", "type=journalposter&q=tilskudd",
         "saksbehandler"),
    Page("Søk saker «tilskudd»", "sok", "journal:sok", "q=tilskudd", "arkiv"),
    # The post page: every action on it asks its rule (issue 13), and the apps' panels.
    Page("Journalpost", "side", "journal:journalpost", persona="saksbehandler", objekt="post"),
    Page("Journalpost", "side", "journal:journalpost", persona="arkiv", objekt="post"),
    # The audit log (archive), over one «registrert» entry per post (bulkdata).
    Page("Endringslogg", "liste", "endringslogg", persona="arkiv"),
    Page("Endringslogg, side 2", "liste", "endringslogg", persona="arkiv", follow_next=True),
    Page("Postliste, siste dag", "postliste", "offentlig:postliste"),
    Page("Postliste, én dag for 30 dager siden", "postliste", "offentlig:postliste", "fra={dag30}"),
    # The public meeting calendar (issue 17): a year of every committee's meetings.
    Page("Møtekalender, i år", "postliste", "moter:kalender"),
]  # fmt: skip


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB))
    parser.add_argument("--broker-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--requests", type=int, default=200, help="measured requests per page")
    parser.add_argument("--warmup", type=int, default=16, help="requests before measuring")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument(
        "--alone", type=int, default=20, help="requests by one client first (0: none)"
    )
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument(
        "--budget", type=float, default=120, help="seconds per page at most (fewer requests)"
    )
    parser.add_argument("--job-timeout", type=float, default=1800, help="seconds per job at most")
    parser.add_argument("--only", help="only pages whose label or URL contains this text")
    parser.add_argument("--no-http", action="store_true", help="skip the pages")
    parser.add_argument("--no-jobs", action="store_true", help="skip the jobs")
    parser.add_argument("--dato", help="the day the jobs run for (ÅÅÅÅ-MM-DD); default today")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results"))
    return parser.parse_args()


def bench_env(args) -> dict:
    var = Path(os.environ.get("SAKSARKIV_BENCH_VAR", "/tmp/saksarkiv-bench-var"))
    return {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "CELERY_BROKER_URL": args.broker_url,
        "SAKSARKIV_BENCH": "1",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-only-secret-" + "b" * 40,
        "DJANGO_ALLOWED_HOSTS": f"{HOST},localhost",
        "SAKSARKIV_HTTPS": "0",
        "SAKSARKIV_VAR_DIR": str(var),
        "LOG_LEVEL": "WARNING",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "saksarkiv.settings",
    }


# --- data ------------------------------------------------------------------------------


def choose_personas() -> dict[str, str]:
    """User names from the bulk data: the caseworker with the most restanser, the leader of
    the service unit with the most posts (and a deputy there), archive, the chief executive."""
    from django.db.models import Count

    from journal.models import Journalpost
    from journal.services.avskrivning import restanse_q
    from saksarkiv.models import AdministrativEnhet, Rolle

    sb = (
        Journalpost.objects.filter(restanse_q(), journalposttype="I", saksbehandler__isnull=False)
        .values("saksbehandler__username")
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    per_unit = dict(
        Journalpost.objects.values_list("administrativ_enhet__path").annotate(n=Count("id"))
    )
    units = AdministrativEnhet.objects.filter(depth=3)
    unit = max(units, key=lambda u: sum(n for p, n in per_unit.items() if p.startswith(u.path)))
    roles = Rolle.objects.gyldige().select_related("person")
    leader = roles.get(rolle="LED", enhet=unit).person.username
    deputy = (
        roles.filter(rolle="SF", enhet__path__startswith=unit.path).order_by("enhet__path").first()
        or roles.filter(rolle="SF").first()
    )
    return {
        "saksbehandler": sb["saksbehandler__username"],
        "leder": leader,
        "stedfortreder": deputy.person.username,
        "arkiv": roles.filter(rolle="ARK").order_by("person__username").first().person.username,
        "radmann": roles.get(rolle="RAD").person.username,
    }


def _objekt_args(page: Page, personas: dict[str, str]) -> list:
    """The pk a page about one object needs: the caseworker persona's newest incoming
    post (archive opens the same one)."""
    from journal.models import Journalpost

    post = (
        Journalpost.objects.filter(
            saksbehandler__username=personas["saksbehandler"], journalposttype="I"
        )
        .order_by("-journaldato", "-id")
        .values_list("pk", flat=True)
        .first()
    )
    return [post]


def resolve(pages: list[Page], personas: dict[str, str]) -> tuple[list[Page], list[str]]:
    from django.urls import NoReverseMatch, reverse
    from django.utils import timezone

    from saksarkiv.workdays import add_working_days

    dag30 = add_working_days(timezone.localdate() - dt.timedelta(days=30), 1).isoformat()
    ready, notes = [], []
    for page in pages:
        try:
            path = reverse(page.name, args=_objekt_args(page, personas) if page.objekt else None)
        except NoReverseMatch:
            notes.append(f"hoppet over «{page.label}»: URL-navnet {page.name} finnes ikke ennå")
            continue
        query = page.query.format(dag30=dag30)
        page.url = f"{path}?{query}" if query else path
        ready.append(page)
    return ready, notes


# --- HTTP ------------------------------------------------------------------------------


class Client:
    """One keep-alive connection with its own cookies (http.client reconnects by itself
    when the server closes the connection)."""

    def __init__(self, cookies: dict | None = None):
        self.conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
        self.cookies = dict(cookies or {})

    def request(self, method: str, url: str, body: dict | None = None):
        headers = {"Host": f"{HOST}:{PORT}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        try:
            self.conn.request(method, url, data, headers)
            response = self.conn.getresponse()
            content = response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn.request(method, url, data, headers)
            response = self.conn.getresponse()
            content = response.read()
        client_ms = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response, content, client_ms


def login(username: str) -> dict:
    client = Client()
    _response, page, _ms = client.request("GET", "/logg-inn/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    body = {"csrfmiddlewaretoken": token, "username": username, "password": PASSORD}
    response, _page, _ms = client.request("POST", "/logg-inn/", body)
    if response.status != 302 or "sessionid" not in client.cookies:
        raise SystemExit(f"Innlogging som {username} feilet (HTTP {response.status}).")
    return client.cookies


def next_page_url(url: str, content: bytes) -> str | None:
    """The keyset link to the next page (etter=…) in a list page."""
    match = re.search(rb'href="\?([^"]*etter=[^"]*)"', content)
    if not match:
        return None
    query = match.group(1).decode().replace("&amp;", "&")
    return f"{url.split('?')[0]}?{query}"


def bench_page(page: Page, cookies: dict, args) -> Result:
    result = Result(page.label, page.persona or "anonym", page.url)
    result.target_ms = TARGET_MS[page.kind]
    url = page.url
    if page.follow_next:
        _r, content, _ms = Client(cookies).request("GET", url)
        url = next_page_url(url, content)
        if url is None:
            result.note = "listen har bare én side"
            return result
        result.url = url
    samples, lock = [], threading.Lock()
    load_before = os.getloadavg()[0]
    deadline = time.monotonic() + args.budget
    if args.alone:
        client = Client(cookies)
        alone = []
        for _ in range(args.alone):
            response, _content, _ms = client.request("GET", url)
            alone.append(float(response.headers.get("Server-Timing", "app;dur=nan").split("=")[1]))
        result.alone_p50 = percentile(sorted(alone), 50)

    def worker(count: int, record: bool):
        client = Client(cookies)
        for _ in range(count):
            if time.monotonic() > deadline:
                return
            response, content, client_ms = client.request("GET", url)
            timing = response.headers.get("Server-Timing", "app;dur=nan")
            server_ms = float(timing.split("dur=")[1])
            queries = int(response.headers.get("X-Sql-Queries", "-1"))
            if record:
                with lock:
                    samples.append((response.status, server_ms, client_ms, queries, len(content)))

    for count, record in ((args.warmup, False), (args.requests, True)):
        per_client = [
            count // args.clients + (i < count % args.clients) for i in range(args.clients)
        ]
        with ThreadPoolExecutor(args.clients) as pool:
            list(pool.map(lambda n, r=record: worker(n, r), per_client))
    if not samples:
        result.note = f"ingen svar innen {args.budget:.0f} s"
        result.ok = False
        return result
    if len(samples) < args.requests:
        result.note = f"bare {len(samples)} forespørsler innen {args.budget:.0f} s"
    statuses = [s[0] for s in samples]
    server = sorted(s[1] for s in samples)
    client_ms = sorted(s[2] for s in samples)
    queries = [s[3] for s in samples]
    result.requests = len(samples)
    result.statuses = {str(code): statuses.count(code) for code in sorted(set(statuses))}
    result.server_p50, result.server_p95 = percentile(server, 50), percentile(server, 95)
    result.server_max = server[-1]
    result.client_p50, result.client_p95 = percentile(client_ms, 50), percentile(client_ms, 95)
    result.queries_min, result.queries_max = min(queries), max(queries)
    result.bytes = int(statistics.median(s[4] for s in samples))
    result.ok = set(statuses) == {200}
    result.load = (round(load_before, 1), round(os.getloadavg()[0], 1))
    return result


def percentile(values: list[float], p: int) -> float:
    if not values:
        return 0.0
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return round(values[k], 1)


@contextmanager
def gunicorn(env: dict, args):
    command = [
        str(Path(PYTHON).parent / "gunicorn"), "-c", "python:saksarkiv.gunicorn_conf",
        "saksarkiv.wsgi", "--bind", f"{HOST}:{PORT}",
        "--workers", str(args.workers), "--threads", str(args.threads),
        "--worker-class", "gthread" if args.threads > 1 else "sync",
        "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    probe = http.client.HTTPConnection(HOST, PORT, timeout=2)
    try:
        probe.request("GET", "/helse/")
        probe.getresponse()
    except OSError:
        pass  # free, as it should be
    else:
        raise SystemExit(f"Port {PORT} er i bruk av en annen server. Velg en annen: BENCH_PORT=…")
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                conn = http.client.HTTPConnection(HOST, PORT, timeout=2)
                conn.request("GET", "/helse/")
                response = conn.getresponse()
                if response.status == 200 and response.getheader("X-Sql-Queries"):
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("gunicorn startet ikke (se loggen over).")
            time.sleep(0.3)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


# --- jobs ------------------------------------------------------------------------------


def reset_job_state():
    """Jobs claim their period once; to measure a full run again, the bench database forgets
    earlier runs (runs, outbox, stored reports)."""
    from django.apps import apps

    for model in ("Jobbkjoring", "Utsending", "Rapport"):
        with suppress(LookupError):
            apps.get_model("saksarkiv", model).objects.all().delete()


def run_jobs(env: dict, args) -> tuple[list[dict], list[str]]:
    from django.core.management import get_commands

    if "kjor_jobb" not in get_commands():
        return [], ["hoppet over jobbene: manage.py kjor_jobb finnes ikke ennå"]
    results, notes = [], []
    time_bin = shutil.which("time") or "/usr/bin/time"
    for job in ("daglig", "kvartal", "maaned"):
        reset_job_state()
        command = [PYTHON, "manage.py", "kjor_jobb", job]
        if args.dato:
            command += ["--dato", args.dato]
        use_time = Path(time_bin).exists()
        if use_time:
            command = [time_bin, "-v", *command]
        started = time.perf_counter()
        try:
            done = subprocess.run(
                command, cwd=ROOT, env=env, capture_output=True, text=True,
                timeout=args.job_timeout,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            results.append({"jobb": job, "sekunder": args.job_timeout, "topp_mb": None,
                            "ok": False, "utskrift": "avbrutt: tidsgrensen nådd"})  # fmt: skip
            continue
        seconds = time.perf_counter() - started
        peak_kb = None
        if use_time:
            match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
            peak_kb = int(match.group(1)) if match else None
        else:
            import resource

            peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        output = done.stdout.strip().splitlines()
        results.append(
            {
                "jobb": job,
                "sekunder": round(seconds, 1),
                "topp_mb": round(peak_kb / 1024, 1) if peak_kb else None,
                "ok": done.returncode == 0,
                "utskrift": output[-1] if output else done.stderr.strip()[-300:],
            }
        )
    return results, notes


# --- report ----------------------------------------------------------------------------


def print_table(results: list[Result], jobs: list[dict], notes: list[str]):
    header = (
        f"{'side':<38} {'persona':<14} {'alene':>6} {'p50':>7} {'p95':>7} {'maks':>7} "
        f"{'kl.p95':>7} {'SQL':>5} {'status':<7} {'last':>9}  mål"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if not r.requests:
            print(f"{r.label:<38} {r.persona:<14} {r.note}")
            continue
        if r.note:
            notes.append(f"{r.label} ({r.persona}): {r.note}")
        sql = (
            f"{r.queries_min}"
            if r.queries_min == r.queries_max
            else f"{r.queries_min}–{r.queries_max}"
        )
        status = ",".join(f"{k}×{v}" if len(r.statuses) > 1 else k for k, v in r.statuses.items())
        verdict = "OK" if r.server_p95 <= r.target_ms and r.queries_max <= TARGET_QUERIES else "BOM"
        load = "→".join(f"{x:.1f}" for x in r.load)
        print(
            f"{r.label:<38} {r.persona:<14} {r.alone_p50:>6.1f} {r.server_p50:>7.1f} "
            f"{r.server_p95:>7.1f} {r.server_max:>7.1f} {r.client_p95:>7.1f} {sql:>5} "
            f"{status:<7} {load:>9}  {verdict} (≤{r.target_ms} ms)"
        )
    for job in jobs:
        print(f"jobb {job['jobb']:<8} {job['sekunder']:>7.1f} s, topp {job['topp_mb']} MB, "
              f"{'ok' if job['ok'] else 'FEILET'}: {job['utskrift']}")  # fmt: skip
    for note in notes:
        print(f"merk: {note}")


def main() -> int:
    args = parse_args()
    env = bench_env(args)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from journal.models import Journalpost

    posts = Journalpost.objects.count()
    if not posts:
        raise SystemExit(f"Ingen journalposter i {args.database_url}: kjør bulkdata først.")
    personas = choose_personas()
    pages, notes = resolve(
        [p for p in PAGES if not args.only or args.only in p.label + p.name], personas
    )
    connection.close()
    results: list[Result] = []
    if not args.no_http:
        subprocess.run(
            [PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        with gunicorn(env, args):
            sessions = {role: login(username) for role, username in personas.items()}
            sessions[""] = {}
            for page in pages:
                result = bench_page(page, sessions[page.persona], args)
                results.append(result)
                print(f"  {page.label} ({result.persona}): p95 {result.server_p95} ms", flush=True)
    jobs, job_notes = ([], []) if args.no_jobs else run_jobs(env, args)
    notes += job_notes
    print()
    print_table(results, jobs, notes)
    load = os.getloadavg()
    report = {
        "tid": dt.datetime.now().isoformat(timespec="seconds"),
        "maskin": {
            "cpu": os.cpu_count(),
            "python": platform.python_version(),
            "plattform": platform.platform(),
            "last": load,
        },
        "journalposter": posts,
        "oppsett": {
            "klienter": args.clients,
            "forespørsler": args.requests,
            "oppvarming": args.warmup,
            "gunicorn": f"{args.workers} workers × {args.threads} threads",
        },
        "personas": personas,
        "sider": [asdict(r) for r in results],
        "jobber": jobs,
        "merknader": notes,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{dt.datetime.now():%Y-%m-%d-%H%M}.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nSkrev {path}")
    failed = [r for r in results if not r.ok] + [j for j in jobs if not j["ok"]]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
