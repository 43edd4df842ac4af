"""Benchmark of the meeting notice (issue 17): publishing the notice of a meeting with 40
political cases, each a draft with an attachment (about 300 pages in all), two of them
exempt — so the members' notice and the public notice are both built, registered and
mailed. Target: ≤ 20 s and ≤ 500 MB peak memory.

    .venv/bin/python bench/innkalling.py [--saker 40] [--sider 9]

Uses its own database (BENCH_INNKALLING_DATABASE_URL, default saksarkiv_bench_innkalling):
migrates it, loads the demo organisation (no journal), and makes the meeting's drafts once
(kept for the next run). The publishing itself runs in a child process under
/usr/bin/time -v, inside a transaction that is rolled back, so every run measures the same.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/saksarkiv_bench_innkalling"
KODE = "BENCH"


def _env(url: str) -> dict:
    return {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "1",
            "DJANGO_SETTINGS_MODULE": "saksarkiv.settings", "PYTHONPATH": str(ROOT)}  # fmt: skip


def _django():
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()


def _pdf(tittel: str, sider: int) -> bytes:
    from weasyprint import HTML

    avsnitt = "".join(
        f"<h2>Del {n}</h2>" + "<p>" + ("Saksopplysninger og vurdering. " * 70) + "</p>"
        for n in range(sider)
    )
    html = f"<h1>{tittel}</h1>{avsnitt}"
    return HTML(string=html).write_pdf(pdf_variant="pdf/a-2b")


def lag(saker: int, sider: int) -> None:
    """The committee, its meeting and its drafts (once)."""
    import datetime as dt
    import hashlib

    from django.core.files.base import ContentFile
    from django.db import transaction

    from journal.models import Dokument, Journalpost
    from journal.services.registration import opprett_sak, registrer_journalpost
    from saksarkiv.models import AdministrativEnhet, Bruker, Rolle
    from utvalg.models import Behandling, Medlem, Mote, Sakskartpunkt, Utvalg

    if Sakskartpunkt.objects.filter(mote__utvalg__kode=KODE).count() >= saker:
        return
    arkiv = Bruker.objects.filter(roller__rolle="ARK").first()
    ms = Rolle.objects.filter(rolle="MS").select_related("person").first().person
    enhet = AdministrativEnhet.objects.filter(roller__rolle="SB").first()
    with transaction.atomic():
        utvalg, _ny = Utvalg.objects.get_or_create(kode=KODE, defaults={
            "navn": "Benkeutvalget", "sekretaer": ms})  # fmt: skip
        kst = Utvalg.objects.get(kode="KST")
        if not utvalg.medlemmer.exists():
            for m in kst.medlemmer.gyldige()[:20]:
                Medlem.objects.create(utvalg=utvalg, person=m.person, rolle=m.rolle,
                                      parti=m.parti, vararekkefolge=m.vararekkefolge,
                                      fra=dt.date(2020, 1, 1))  # fmt: skip
        mote, _ny = Mote.objects.get_or_create(
            utvalg=utvalg, dato=dt.date(2099, 6, 11), klokkeslett=dt.time(18),
            defaults={"sted": "Kommunestyresalen"})  # fmt: skip
        sak = opprett_sak(arkiv, tittel="Benkesaker", administrativ_enhet=enhet)
        for n in range(saker):
            skjerm = {"tilgangskode": "P", "skjermingshjemmel": "Offl. § 25",
                      "offentlig_tittel": f"Sak {n} *****"} if n % 20 == 7 else {}  # fmt: skip
            post = registrer_journalpost(arkiv, sak, journalposttype="S",
                                         tittel=f"Sak {n} om budsjett", **skjerm)  # fmt: skip
            for nr, (som, antall) in enumerate((("H", sider - 2), ("V", 2)), start=1):
                data = _pdf(f"Sak {n} {'saksframlegg' if som == 'H' else 'vedlegg'}", antall)
                Dokument.objects.create(
                    journalpost=post, tilknyttet_registrering_som=som, dokumentnummer=nr,
                    tittel=f"Dokument {nr}", fil=ContentFile(data, name="d.pdf"),
                    filnavn="d.pdf", mimetype="application/pdf", storrelse=len(data),
                    sjekksum=hashlib.sha256(data).hexdigest(),
                    arkivformat=ContentFile(data, name="d.pdf"), opprettet_av=arkiv,
                )  # fmt: skip
            Journalpost.objects.filter(pk=post.pk).update(journalstatus="F",
                                                          behandlingsstatus="KL")  # fmt: skip
            b = Behandling.objects.create(journalpost=post, utvalg=utvalg, sakstype="PS")
            Sakskartpunkt.objects.create(mote=mote, utvalg=utvalg, behandling=b, sakstype="PS",
                                         rekkefolge=n + 1)  # fmt: skip


def mal() -> None:
    """Publish the notice (both versions) and roll it back; print seconds and pages."""
    from django.db import transaction

    from utvalg import innkalling
    from utvalg.models import Mote

    mote = Mote.objects.get(utvalg__kode=KODE)
    start = time.perf_counter()
    with transaction.atomic():
        dokumenter = innkalling.publiser(mote.utvalg.sekretaer, mote)
        sider = [d.sider for d in dokumenter]
        transaction.set_rollback(True)
    print(f"RESULTAT {time.perf_counter() - start:.1f} {sider}")


def forbered(url: str, saker: int, sider: int) -> None:
    """The database, migrated, with the demo organisation and the meeting (once)."""
    env, py = _env(url), sys.executable
    navn = url.rsplit("/", 1)[-1]
    subprocess.run(["psql", url.rsplit("/", 1)[0] + "/postgres", "-qc",
                    f"CREATE DATABASE {navn}"], capture_output=True, check=False)  # fmt: skip
    for steg in (["manage.py", "migrate", "-v0"], ["manage.py", "demodata", "--saker", "0", "-v0"],
                 [str(Path(__file__)), "--fase", "lag", "--saker", str(saker),
                  "--sider", str(sider)]):  # fmt: skip
        subprocess.run([py, *steg], cwd=ROOT, env=env, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saker", type=int, default=40)
    parser.add_argument("--sider", type=int, default=9, help="sider per sak, vedlegg medregnet")
    parser.add_argument("--fase", choices=("lag", "mal"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fase:
        _django()
        lag(args.saker, args.sider) if args.fase == "lag" else mal()
        return 0
    url = os.environ.get("BENCH_INNKALLING_DATABASE_URL", DEFAULT_DB)
    env, py = _env(url), sys.executable
    forbered(url, args.saker, args.sider)
    time_bin = shutil.which("time") or "/usr/bin/time"
    done = subprocess.run([time_bin, "-v", py, str(Path(__file__)), "--fase", "mal"], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=False)  # fmt: skip
    resultat = re.search(r"RESULTAT ([\d.]+) \[(.*)\]", done.stdout)
    topp = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if done.returncode or not resultat:
        print(done.stdout, done.stderr)
        return 1
    sekunder, sider = float(resultat.group(1)), resultat.group(2)
    mb = int(topp.group(1)) / 1024 if topp else float("nan")
    ok = sekunder <= 20 and mb <= 500
    print(f"Innkalling, {args.saker} saker: {sekunder:.1f} s, sider {sider}, topp {mb:.0f} MB "
          f"({'innenfor' if ok else 'OVER'} målet ≤ 20 s og ≤ 500 MB)")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
