"""Benchmark of the minutes (issue 18): the meeting of bench/innkalling.py (40 political
cases, two exempt, the committee's seats copied from the council) is held — notice, roll
call, per case the recommendation and an alternative from the largest party but the
chair's, an alternative vote with each present member's vote, the result — then closed,
and its minutes (members' and public version) and decisions list are published.
Target for publishing the minutes: ≤ 10 s and ≤ 500 MB peak memory.

    .venv/bin/python bench/protokoll.py [--saker 40] [--sider 9]

Same database as bench/innkalling.py (made by it when missing). Everything runs in a child
process under /usr/bin/time -v, inside a transaction that is rolled back, so every run
measures the same.
"""

import argparse
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import innkalling as benk  # bench/innkalling.py: the meeting and its drafts

ROOT = Path(__file__).resolve().parent.parent


def mal() -> None:
    """Hold the meeting, then time the minutes and the decisions list; roll back."""
    from django.db import transaction

    from utvalg import frammote, innkalling, protokollforing, resultat, sakskart, votering
    from utvalg.models import Mote

    mote = Mote.objects.get(utvalg__kode=benk.KODE)
    ms = mote.utvalg.sekretaer
    with transaction.atomic():
        innkalling.publiser(ms, mote)
        frammote.start_opprop(ms, mote)
        start = time.perf_counter()
        tilstede = frammote.tilstede(mote)
        for punkt in sakskart.aktive(mote):
            if not punkt.behandling_id:
                continue
            her = tilstede[punkt.pk].tilstede
            partier = sorted({m.parti_id for m in her if m.parti_id})
            motparti = partier[-1] if partier else None
            forfatter = next((m for m in her if m.parti_id == motparti), her[0])
            inn = votering.foreslaa(ms, punkt, type="IN", tekst="<p>Innstillingen vedtas.</p>")
            alt = votering.foreslaa(ms, punkt, type="AL", tekst="<p>Saken sendes tilbake.</p>",
                                    fremmet_av=[forfatter])  # fmt: skip
            stemmer = {m.pk: "M" if m.parti_id == motparti else "F" for m in her}
            votering.stem(ms, punkt, forslag=inn, mot_forslag=alt, stemmer=stemmer)
            resultat.avgjor(ms, punkt, resultat="VS")
        protokollforing.avslutt(ms, mote)
        motet = time.perf_counter() - start
        start = time.perf_counter()
        dokumenter = protokollforing.publiser_protokoll(ms, mote)
        protokoll = time.perf_counter() - start
        start = time.perf_counter()
        liste = protokollforing.publiser_vedtaksliste(ms, mote)
        vedtaksliste = time.perf_counter() - start
        sider = [d.sider for d in dokumenter] + [liste.sider]
        transaction.set_rollback(True)
    print(f"RESULTAT {motet:.1f} {protokoll:.1f} {vedtaksliste:.1f} {sider}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--saker", type=int, default=40)
    parser.add_argument("--sider", type=int, default=9, help="sider per sak, vedlegg medregnet")
    parser.add_argument("--fase", choices=("mal",), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.fase:
        benk._django()
        mal()
        return 0
    url = benk.os.environ.get("BENCH_INNKALLING_DATABASE_URL", benk.DEFAULT_DB)
    env, py = benk._env(url), sys.executable
    benk.forbered(url, args.saker, args.sider)
    time_bin = shutil.which("time") or "/usr/bin/time"
    done = subprocess.run([time_bin, "-v", py, str(Path(__file__)), "--fase", "mal"], cwd=ROOT,
                          env=env, capture_output=True, text=True, check=False)  # fmt: skip
    funn = re.search(r"RESULTAT ([\d.]+) ([\d.]+) ([\d.]+) \[(.*)\]", done.stdout)
    topp = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if done.returncode or not funn:
        print(done.stdout, done.stderr)
        return 1
    motet, protokoll, liste, sider = (float(funn.group(1)), float(funn.group(2)),
                                      float(funn.group(3)), funn.group(4))  # fmt: skip
    mb = int(topp.group(1)) / 1024 if topp else float("nan")
    ok = protokoll <= 10 and mb <= 500
    print(f"Møtet, {args.saker} saker: {motet:.1f} s; protokollen {protokoll:.1f} s, "
          f"vedtakslisten {liste:.1f} s, sider {sider}, topp {mb:.0f} MB "
          f"({'innenfor' if ok else 'OVER'} målet ≤ 10 s og ≤ 500 MB)")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
