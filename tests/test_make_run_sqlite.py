"""`make run`'s embedded default: SQLite. The suite runs on PostgreSQL, so this test runs the
demo the way a newcomer gets it — `migrate` and `demodata` on a fresh SQLite file in a
subprocess with no DATABASE_URL — and then opens the verksemdsplan's pages and takes a few of
its actions there, so a PostgreSQL-only statement in a path the demo or the pages take fails
here rather than on the newcomer's first `make run`."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SJEKK = r"""
import datetime as dt
import os
import time_machine
import django
django.setup()
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from saksarkiv.models import Bruker
from verksemdsplan.models import Aarshjulfrist, Oppdrag, Rapport

# The subprocess runs at the test's frozen moment, as the suite does (tests/klokke.py).
reise = time_machine.travel(dt.datetime.fromisoformat(os.environ["TESTKLOKKE"]), tick=True)
reise.start()
call_command("demodata", saker=60, verbosity=0)
aar = timezone.localdate().year
klient = Client(HTTP_HOST="127.0.0.1")
klient.force_login(Bruker.objects.get(username="rune.dahl"))
feil = []
for namn, args in [
    ("verksemdsplan:oversikt", []), ("verksemdsplan:planar", []),
    ("verksemdsplan:brev_liste", []), ("verksemdsplan:oppdrag_eininga", []),
    ("verksemdsplan:indikatorar", []), ("verksemdsplan:rapporter", []),
    ("verksemdsplan:sjekkliste", []), ("verksemdsplan:aarshjul", [aar]),
    ("verksemdsplan:verksemdsplanar", []),
    ("verksemdsplan:oppdrag", [Oppdrag.objects.order_by("pk").first().pk]),
]:
    svar = klient.get(reverse(namn, args=args))
    if svar.status_code != 200:
        feil.append(f"{namn}: {svar.status_code}")
for rapport in Rapport.objects.order_by("pk")[:2]:
    for url in (reverse("verksemdsplan:rapport", args=[rapport.pk]),
                reverse("verksemdsplan:rapport_pdf", args=[rapport.pk, "politisk"])):
        if (kode := klient.get(url).status_code) != 200:
            feil.append(f"{url}: {kode}")
# An action with a lock on PostgreSQL: next year's default deadlines.
svar = klient.post(reverse("verksemdsplan:aarshjul_standard", args=[aar + 1]))
if svar.status_code != 302 or not Aarshjulfrist.objects.filter(aar=aar + 1).exists():
    feil.append(f"aarshjul_standard: {svar.status_code}")
print("FEIL:" + "|".join(feil) if feil else "OK")
"""


def test_the_demo_and_the_verksemdsplan_work_on_sqlite(tmp_path, klokke):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "CELERY_BROKER_URL")}
    env |= {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "saksarkiv.settings",
        "DJANGO_DEBUG": "1",
        "PYTHONPATH": str(ROOT),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "TESTKLOKKE": klokke.naa.isoformat(),
    }

    def kjor(*args):
        svar = subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=600)  # fmt: skip
        assert svar.returncode == 0, svar.stderr[-3000:]
        return svar.stdout

    kjor("manage.py", "migrate", "--no-input", "-v0")
    assert kjor("-c", SJEKK).strip().splitlines()[-1] == "OK"
