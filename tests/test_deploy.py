"""Deployment set-up (STYLE.md §8): production settings pass `check --deploy`, refuse to run
without a secret key, and docker-compose.yml / .env.example cover what the settings read.

No database: the checks run `manage.py` in a subprocess with production-like settings, and
Django only connects to a database for checks when asked to (`--database`).
"""

import importlib.util
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = ROOT / "docker-compose.yml"
APP_SERVICES = ("web", "worker", "beat")

# Inherited variables that would weaken or change the production settings under test
# (tests/settings.py sets some of them in this process).
_NOT_INHERITED = (
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_DEBUG",
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DJANGO_CSRF_TRUSTED_ORIGINS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "SAKSARKIV_HTTPS",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_PRELOAD",
    "EMAIL_BACKEND",
    "CELERY_TASK_ALWAYS_EAGER",
)


def _production_env(tmp_path: Path, **overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _NOT_INHERITED}
    env.update(
        DJANGO_SETTINGS_MODULE="saksarkiv.settings",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="saksarkiv.example.no",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/saksarkiv",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/15",
        SAKSARKIV_VAR_DIR=str(tmp_path / "var"),
    )
    env.update(overrides)
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_under_production_settings(tmp_path):
    env = _production_env(tmp_path)
    assert len(env["DJANGO_SECRET_KEY"]) >= 50

    result = _manage(env, "check", "--deploy", "--fail-level", "WARNING")

    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "no issues" in output, output


def test_production_settings_refuse_to_start_without_secret_key(tmp_path):
    env = _production_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]

    result = _manage(env, "check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


# --- docker-compose.yml -------------------------------------------------------------------
# PyYAML is not a dependency, so the file is read with a small indentation-based reader that
# understands exactly the shapes docker-compose.yml uses: top-level keys, services at two
# spaces, `environment: *anchor` or `environment:` with `<<: *anchor` plus extra keys. When
# PyYAML happens to be installed, the same facts are checked against a real parse too.


def _blocks(lines: list[str], indent: int) -> dict[str, list[str]]:
    """Keys at exactly `indent` spaces, each with the lines below it up to the next key."""
    key_re = re.compile(rf"^ {{{indent}}}([A-Za-z0-9_.-]+):(.*)$")
    blocks: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.strip() == "" or line.lstrip().startswith("#"):
            continue
        match = key_re.match(line)
        if match:
            current = match.group(1)
            blocks[current] = [match.group(2).strip()]
        elif len(line) - len(line.lstrip()) < indent:
            current = None
        elif current is not None:
            blocks[current].append(line)
    return blocks


def _anchor(text: str, name: str) -> dict[str, str]:
    match = re.search(rf"^[\w-]+: &{re.escape(name)}\n((?:(?:  .*)?\n)*)", text, re.MULTILINE)
    assert match, f"anchor &{name} not found"
    entries = re.findall(r"^  ([A-Z][A-Z0-9_]*): (.*)$", match.group(1), re.MULTILINE)
    return {key: value.strip().strip('"') for key, value in entries}


def _compose_from_text(text: str) -> dict[str, dict[str, str]]:
    """service name -> its environment (anchor resolved), read without PyYAML."""
    top = _blocks(text.splitlines(), 0)
    services = _blocks(top["services"][1:], 2)
    result = {}
    for name, body in services.items():
        fields = _blocks(body[1:], 4)
        env: dict[str, str] = {}
        if "environment" in fields:
            head, *rest = fields["environment"]
            refs = [head, *(line.strip() for line in rest)]
            for ref in refs:
                alias = re.fullmatch(r"(?:<<: )?\*([\w-]+)", ref)
                if alias:
                    env.update(_anchor(text, alias.group(1)))
                elif (pair := re.fullmatch(r"([A-Z][A-Z0-9_]*): (.*)", ref)) is not None:
                    env[pair.group(1)] = pair.group(2).strip('"')
        result[name] = env
    return result


def _compose_from_yaml(text: str) -> dict[str, dict[str, str]] | None:
    if importlib.util.find_spec("yaml") is None:
        return None
    import yaml

    data = yaml.safe_load(text)
    return {
        name: {k: str(v) for k, v in (service.get("environment") or {}).items()}
        for name, service in data["services"].items()
    }


@pytest.fixture(scope="module")
def compose_services() -> dict[str, dict[str, str]]:
    text = COMPOSE.read_text(encoding="utf-8")
    services = _compose_from_text(text)
    parsed = _compose_from_yaml(text)
    if parsed is not None:
        assert services == parsed, "the text reader and PyYAML disagree"
    return services


def test_compose_has_all_services(compose_services):
    assert {"postgres", "redis", "web", "worker", "beat"} <= compose_services.keys()


@pytest.mark.parametrize("service", APP_SERVICES)
@pytest.mark.parametrize("variable", ["DATABASE_URL", "CELERY_BROKER_URL"])
def test_app_services_take_connections_from_environment(compose_services, service, variable):
    value = compose_services[service].get(variable, "")
    assert value.startswith("${" + variable), f"{service}: {variable}={value!r}"


@pytest.mark.parametrize("service", APP_SERVICES)
def test_app_services_require_a_secret_key(compose_services, service):
    assert compose_services[service]["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    assert compose_services[service]["DJANGO_DEBUG"] in {"false", "${DJANGO_DEBUG:-false}"}


def test_env_example_documents_every_setting_read_from_the_environment():
    settings_text = (ROOT / "saksarkiv" / "settings.py").read_text(encoding="utf-8")
    read = set(re.findall(r"env_(?:str|bool|int|list)\(\s*\"([A-Z0-9_]+)\"", settings_text))
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^#? ?([A-Z0-9_]+)=", example, re.MULTILINE))

    assert read, "found no env_* calls in settings.py"
    assert read - documented == set()
