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
