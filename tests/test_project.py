"""Project hygiene that CI must hold: migrations match the models, lint is clean."""

import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_migrations_match_the_models():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def test_ruff_finds_nothing():
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), "check", "--quiet", str(ROOT)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_make_run_creates_a_missing_postgres_database():
    import os
    import uuid

    import psycopg

    name = f"saksarkiv_ny_{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{name}"}
    script = ROOT / "scripts" / "ensure_database.py"
    try:
        for _ in range(2):  # the second run finds it and does nothing
            result = subprocess.run(
                [sys.executable, str(script)], env=env, capture_output=True, text=True
            )
            assert result.returncode == 0, result.stderr
        with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres") as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            assert found.fetchone()
    finally:
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


LAG = ("saksarkiv", "journal", "utvalg", "vedtak", "verksemdsplan", "generators")


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    linter = Path(sys.executable).parent / "lint-imports"
    return subprocess.run(
        [str(linter), "--no-cache"],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
    )


def test_the_layers_hold():
    """pyproject.toml [tool.importlinter]: each layer imports only those below it."""
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("fil", "linje", "melding"),
    [
        ("saksarkiv/_brudd.py", "import journal.models", "saksarkiv is not allowed to import"),
        ("journal/_brudd.py", "from utvalg import models", "journal is not allowed to import"),
        ("utvalg/_brudd.py", "import generators.saksarkiv", "utvalg is not allowed to import"),
        ("journal/services/_brudd.py", "from journal.offentlig import poster", "journal.offentlig"),
    ],
)  # fmt: skip
def test_a_wrong_import_breaks_the_contract(tmp_path, fil, linje, melding):
    """The contract has teeth: the same code with one import against the layers fails."""
    import shutil

    for package in LAG:
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / fil).write_text(linje + "\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0 and melding in result.stdout, result.stdout + result.stderr


def test_dates_follow_the_format_module(settings):
    """settings.FORMAT_MODULE_PATH takes effect: templates write `|date` and get 03.12.2026."""
    import datetime

    from django.template import engines
    from django.utils import translation

    with translation.override("nb"):
        rendered = engines["django"].from_string('{{ d|date }} {{ t|date:"DATETIME_FORMAT" }}')
        html = rendered.render(
            {"d": datetime.date(2026, 12, 3), "t": datetime.datetime(2026, 12, 3, 14, 5)}
        )
    assert html == "03.12.2026 03.12.2026 14:05"


def test_templates_use_one_date_filter():
    """Dates are written `|date` (or a named format), not with a pattern of their own."""
    spredt = [
        f"{path.relative_to(ROOT)}"
        for path in (ROOT / "templates").rglob("*")
        if path.is_file() and '|date:"d.m.Y' in path.read_text()
    ]
    assert spredt == ["templates/saksarkiv/_endringslogg_tabell.html"]  # with seconds, on purpose
