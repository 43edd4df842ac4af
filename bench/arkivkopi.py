"""Benchmark of the PDF/A archival copies (issue 20, item 1): conversion throughput in pages
per minute for an office document (DOCX through LibreOffice) and for scanned pages (a
multi-page TIFF and a single JPEG through OCRmyPDF with Tesseract's Norwegian data).

    .venv/bin/python bench/arkivkopi.py [--sider 20] [--skannede 5] [--runder 3]
    # or: make bench-arkivkopi

The documents are made here (LibreOffice writes the DOCX from HTML; the scans are A4 pages
at 300 dpi with Norwegian text drawn in DejaVu Sans), then converted by the same function
the job uses (`journal.services.arkivkopi.lag_pdfa`), one at a time, as the worker does.
No database is needed. The figures are wall-clock times, including each tool's start.
"""

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saksarkiv.settings")
os.environ.setdefault("DJANGO_DEBUG", "1")

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
AVSNITT = (
    "Kommunen har mottatt søknad om løyve til å byggje tilbygg på gnr. 12 bnr. 34. "
    "Tiltaket er vurdert etter plan- og bygningsloven, og naboene er varslet. "
    "Vedtaket kan påklages innen tre uker fra det er mottatt."
)


def _docx(mappe: Path, sider: int) -> bytes:
    deler = [f"<h1>Saksframlegg, side {n + 1}</h1>" + f"<p>{AVSNITT}</p>" * 12
             for n in range(sider)]  # fmt: skip
    html = '<div style="page-break-after: always"></div>'.join(deler)
    (mappe / "kilde.html").write_text(f"<html><body>{html}</body></html>", encoding="utf-8")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(mappe / 'profil').as_uri()}", "--headless",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(mappe),
         str(mappe / "kilde.html")],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return (mappe / "kilde.docx").read_bytes()


def _side(n: int):
    from PIL import Image, ImageDraw, ImageFont

    bilde = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi
    tegn = ImageDraw.Draw(bilde)
    font = ImageFont.truetype(FONT, 42)
    tegn.text((200, 200), f"Søknad om løyve til å byggje – side {n + 1}", fill=0, font=font)
    ord_ = AVSNITT.split()
    linjer = [" ".join(ord_[i : i + 9]) for i in range(0, len(ord_), 9)] * 8
    for i, linje in enumerate(linjer[:60]):
        tegn.text((200, 340 + i * 62), linje, fill=0, font=font)
    return bilde


def _tiff(sider: int) -> bytes:
    rammer = [_side(n) for n in range(sider)]
    ut = io.BytesIO()
    rammer[0].save(ut, "TIFF", compression="tiff_lzw", dpi=(300, 300), save_all=True,
                   append_images=rammer[1:])  # fmt: skip
    return ut.getvalue()


def _jpeg() -> bytes:
    ut = io.BytesIO()
    _side(0).save(ut, "JPEG", quality=85, dpi=(300, 300))
    return ut.getvalue()


def _mal(navn: str, data: bytes, runder: int) -> dict:
    from pypdf import PdfReader

    from journal.services import arkivkopi

    tider, sider, verktoy = [], 0, ""
    for _ in range(runder):
        with tempfile.TemporaryDirectory(prefix="bench-arkivkopi-") as tmp:
            mappe = Path(tmp)
            kilde = mappe / "dokument"
            kilde.write_bytes(data)
            start = time.perf_counter()
            fmt = arkivkopi.identifiser(kilde)
            resultat = arkivkopi.lag_pdfa(kilde, fmt, mappe)
            tider.append(time.perf_counter() - start)
        sider = len(PdfReader(io.BytesIO(resultat.data)).pages)
        verktoy = resultat.verktoy
    median = statistics.median(tider)
    return {"navn": navn, "puid": fmt.puid, "sider": sider, "median": median,
            "min": min(tider), "per_min": sider / median * 60, "verktoy": verktoy}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sider", type=int, default=20, help="pages in the DOCX")
    parser.add_argument("--skannede", type=int, default=5, help="pages in the scanned TIFF")
    parser.add_argument("--runder", type=int, default=3, help="conversions of each")
    args = parser.parse_args()

    import django

    django.setup()
    with tempfile.TemporaryDirectory(prefix="bench-kilder-") as tmp:
        docx = _docx(Path(tmp), args.sider)
    resultater = [
        _mal(f"DOCX, {args.sider} sider", docx, args.runder),
        _mal(f"Skannet TIFF, {args.skannede} sider", _tiff(args.skannede), args.runder),
        _mal("Skannet JPEG, 1 side", _jpeg(), args.runder),
    ]
    print(f"load average: {os.getloadavg()[0]:.1f}; {args.runder} runder hver")
    print("| dokument | PRONOM | sider | median s | min s | sider/min | verktøy |")
    print("|---|---|--:|--:|--:|--:|---|")
    for r in resultater:
        print(f"| {r['navn']} | {r['puid']} | {r['sider']} | {r['median']:.1f} | "
              f"{r['min']:.1f} | {r['per_min']:.0f} | {r['verktoy']} |")  # fmt: skip


if __name__ == "__main__":
    main()
