"""Test settings: the real settings module on PostgreSQL and Redis, with fast hashing, an
in-memory mailbox and a small test-only app that exercises the access chokepoint."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/saksarkiv")
os.environ.setdefault("CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-secret-key-" + "t" * 40)
os.environ.setdefault("DJANGO_DEBUG", "0")
os.environ.setdefault("SAKSARKIV_HTTPS", "0")
os.environ.setdefault("SAKSARKIV_VAR_DIR", "/tmp/saksarkiv-test-var")
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by the
# tests around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from tests import klokke  # noqa: E402

# The test clock (tests/klokke.py): this process (pytest, or a worker a test starts) runs at
# the run's moment, and PostgreSQL's clock functions are shadowed by the schema testklokke.
klokke.start_prosessklokke()

from saksarkiv.settings import *  # noqa: E402,F403
from saksarkiv.settings import BASE_DIR, INSTALLED_APPS, STORAGES, TEMPLATES  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "tests.accessapp"]
ALLOWED_HOSTS = ["*"]
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "tests" / "templates"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
DATABASES["default"].setdefault("OPTIONS", {})["options"] = f"-c search_path={klokke.SEARCH_PATH}"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
