"""Hardening (issue «Access on every action», finding 6): every page carries a
Content-Security-Policy without `unsafe-inline` or `unsafe-eval` and a Permissions-Policy, and
gunicorn's Server header names no software. The browser tests run with the policy on and fail
on anything it blocks (tests/browser/conftest.py)."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests import klokke

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/logg-inn/", "/postliste/", "/", "/sok/", "/helse/"])
def test_every_response_has_the_policies(client, personas, url):
    client.force_login(personas.saksbehandler)
    response = client.get(url, follow=True)
    policy = response.headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["object-src"] == "'none'"
    assert "unsafe" not in policy
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_no_page_template_has_inline_script_or_style():
    """What the policy would block: inline <script> bodies, <style> and style="" (e-mails and
    PDFs are not web pages and keep theirs)."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        rel = path.relative_to(ROOT / "templates")
        if rel.parts[0] in ("epost", "print") or "print" in rel.parts:
            continue
        text = path.read_text()
        if "<style" in text or 'style="' in text:
            offenders.append(str(rel))
        for chunk in text.split("<script")[1:]:
            if "src=" not in chunk.split(">", 1)[0]:
                offenders.append(str(rel))
    assert not offenders, offenders


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_gunicorn_names_no_server_software():
    port = _free_port()
    db = connection.settings_dict
    env = {
        **klokke.miljo(),
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
    }
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:saksarkiv.gunicorn_conf",
         "saksarkiv.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/helse/", timeout=2)
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        assert response.status == 200
        assert response.headers["Server"] == "Saksarkiv"
        assert "gunicorn" not in str(response.headers).lower()
        assert response.headers["Content-Security-Policy"]
    finally:
        server.terminate()
        server.wait(timeout=30)
