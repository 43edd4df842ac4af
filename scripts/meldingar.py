"""The nynorsk translation of the verksemdsplan part (issue 21, item 8).

The part's strings are the gettext msgids (bokmål) of the verksemdsplan app's Python, its
templates and the base template's header. They are extracted with Django's own makemessages
(templatize + xgettext, Debian's `gettext` package) run over a copy of just these files in a
temporary directory, so locale/nn/LC_MESSAGES/django.po holds this part's strings only; the
other apps stay bokmål in nynorsk (nn falls back to LANGUAGE_CODE).

    make nynorsk            # = python scripts/meldingar.py

merges new msgids into the nynorsk file (untranslated, for a translator to fill in), drops
the ones no longer used and compiles the .mo. The .mo is committed next to the .po, so running
the app needs no gettext tools; tests/verksemdsplan/test_nynorsk.py fails on a msgid without
a nynorsk translation and on a .mo that is not compiled from the .po.
"""

import ast
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What belongs to the part: directories (every .py/.html/.txt below) and single files.
DELEN = (
    "verksemdsplan", "templates/verksemdsplan", "templates/base.html",
    # The daily digest carries the year wheel's reminders; it is rendered in the reader's language.
    "journal/jobber.py", "templates/epost/daglig.html", "templates/epost/daglig.txt",
)  # fmt: skip
NN_PO = ROOT / "locale" / "nn" / "LC_MESSAGES" / "django.po"
NN_MO = NN_PO.with_suffix(".mo")


def _kopier_delen(maal: Path) -> None:
    """Copy the part's sources (not its migrations: their strings are not looked up) to maal."""
    for del_ in DELEN:
        kilde = ROOT / del_
        if kilde.is_file():
            (maal / del_).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(kilde, maal / del_)
        elif kilde.is_dir():
            shutil.copytree(
                kilde,
                maal / del_,
                ignore=shutil.ignore_patterns("__pycache__", "migrations", "*.pyc"),
            )


def lag_po(maal: Path, gammel: Path | None = None) -> Path:
    """Run makemessages for nn over a copy of the part in maal; merge into a copy of `gammel`
    (an existing .po) when given. Returns the written .po. Django must be set up."""
    from django.core.management import call_command
    from django.test.utils import override_settings

    _kopier_delen(maal)
    po = maal / "locale" / "nn" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    if gammel is not None and gammel.exists():
        shutil.copy2(gammel, po)
    forrige = Path.cwd()
    os.chdir(maal)
    try:
        # Only the temporary locale directory: makemessages also clears .pot files in the
        # LOCALE_PATHS, which must not touch the real one.
        with override_settings(LOCALE_PATHS=[]):
            call_command(
                "makemessages",
                locale=["nn"],
                domain="django",
                extensions=["html", "txt", "py"],
                no_obsolete=True,
                add_location="file",
                verbosity=0,
            )
    finally:
        os.chdir(forrige)
    return po


def les_po(po: Path) -> dict[tuple[str, str], dict]:
    """The entries of a .po file as gettext's tools write it (entries apart by a blank line):
    (msgctxt, msgid) → {"msgstr": [..], "plural": str | None, "fuzzy": bool}. The header
    (empty msgid) and obsolete (#~) entries are left out."""
    oppforinger: dict[tuple[str, str], dict] = {}
    for blokk in po.read_text(encoding="utf-8").split("\n\n"):
        felter: dict[str, str] = {}
        fuzzy, felt = False, None
        for linje in blokk.splitlines():
            linje = linje.strip()
            if linje.startswith("#,") and "fuzzy" in linje:
                fuzzy = True
            elif linje.startswith('"') and felt:
                felter[felt] += ast.literal_eval(linje)
            elif linje and not linje.startswith("#"):
                felt, _, verdi = linje.partition(" ")
                felter[felt] = ast.literal_eval(verdi)
        if felter.get("msgid"):
            oppforinger[(felter.get("msgctxt", ""), felter["msgid"])] = {
                "msgstr": [v for k, v in sorted(felter.items()) if k.startswith("msgstr")],
                "plural": felter.get("msgid_plural"),
                "fuzzy": fuzzy,
            }
    return oppforinger


def kompiler(po: Path, mo: Path) -> None:
    """msgfmt with format checks (a translation must keep the msgid's placeholders)."""
    subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True)


def main() -> int:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saksarkiv.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    django.setup()
    with tempfile.TemporaryDirectory() as tmp:
        ny = lag_po(Path(tmp), NN_PO)
        NN_PO.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ny, NN_PO)
    kompiler(NN_PO, NN_MO)
    mangler = [
        msgid for (_ctx, msgid), o in les_po(NN_PO).items() if o["fuzzy"] or not all(o["msgstr"])
    ]
    print(f"{NN_PO.relative_to(ROOT)}: {len(mangler)} uten nynorsk omsetjing")
    for msgid in mangler:
        print(f"  {msgid!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
