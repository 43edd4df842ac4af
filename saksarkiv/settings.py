"""One settings module for development, tests and production.

Everything production needs comes from the environment (see docker-compose.yml and the
README). Without DATABASE_URL / CELERY_BROKER_URL it falls back to embedded defaults: a
SQLite file and kombu's filesystem transport under var/, so `make run` needs no servers.
"""

import importlib.util
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SAKSARKIV_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
# HTTPS hardening is on whenever DEBUG is off, unless explicitly turned off (e.g. behind
# a plain-HTTP test proxy).
HTTPS = env_bool("SAKSARKIV_HTTPS", not DEBUG)

_DEV_SECRET = "dev-only-secret-not-for-production-" + "x" * 20
SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEV_SECRET if DEBUG else None)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "guardian",
    "django_filters",
    "django_htmx",
    "django_prose_editor",
    "treebeard",
    "axes",
    "saksarkiv",
    "journal",
    "utvalg",
    "vedtak",
    "verksemdsplan",
]
# The demo and bulk data generators (manage.py demodata / bulkdata) are not in the production
# image; where the package is present, its commands are.
if importlib.util.find_spec("generators") is not None:
    INSTALLED_APPS.append("generators")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "saksarkiv.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "saksarkiv.middleware.RequestIdMiddleware",
    "saksarkiv.middleware.ValgMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "saksarkiv.middleware.NulltegnMiddleware",
    "saksarkiv.middleware.SessionTimeoutMiddleware",
    "saksarkiv.sprak.SprakMiddleware",  # a logged-in user's language is the profile's
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]
if env_bool("SAKSARKIV_BENCH", False):  # bench/: SQL count and server time as headers
    MIDDLEWARE.insert(0, "saksarkiv.bench.BenchMiddleware")

ROOT_URLCONF = "saksarkiv.urls"
WSGI_APPLICATION = "saksarkiv.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "saksarkiv.context_processors.navigation",
            ],
        },
    },
]

# --- Database --------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'saksarkiv.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The dev server, worker and beat share the file: wait for locks instead of failing.
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # Pages run many short queries. Starting parallel workers costs several milliseconds
    # and, on a small server, the cores the other requests need; PostgreSQL still plans
    # them when a misestimate makes a small query look big. Off unless configured.
    # JIT compilation likewise costs a page hundreds of milliseconds for a query that runs
    # in a few (the similar-case search on a large register); off unless configured.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={env_int('DATABASE_PARALLEL_WORKERS', 0)} "
        f"-c jit={'on' if env_str('DATABASE_JIT', '') == 'on' else 'off'}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication --------------------------------------------------------------------
AUTH_USER_MODEL = "saksarkiv.Bruker"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 first (Django's recommendation): a login POST takes about 160 ms instead of PBKDF2's
# 275 (bench/README.md, «Logging in»). The others stay so that stored hashes still verify;
# Django rehashes them with Argon2 at the user's next login (tests/test_passord.py).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "arbeidsbord"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 3)

# Lockout after repeated failures (django-axes): per user name and address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/sperret.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None

# Sessions: an idle timeout and an absolute lifetime, both in minutes.
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 60))
SESSION_ABSOLUTE_TIMEOUT = timedelta(minutes=env_int("SESSION_ABSOLUTE_MINUTES", 10 * 60))
SESSION_COOKIE_AGE = int(SESSION_ABSOLUTE_TIMEOUT.total_seconds())
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# guardian: no anonymous user row; explicit grants only.
ANONYMOUS_USER_NAME = None
GUARDIAN_MONKEY_PATCH_USER = False

# --- Internationalisation --------------------------------------------------------------
LANGUAGE_CODE = "nb"
# Bokmål is the UI; the verksemdsplan part (issue 21, item 8) is also in nynorsk (locale/nn).
# The user chooses in the header (Django's set_language view); the choice is kept in a cookie
# for a year. Strings without an nn translation stay bokmål (nn falls back to LANGUAGE_CODE).
LANGUAGES = [("nb", _("Norsk bokmål")), ("nn", _("Norsk nynorsk"))]
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = HTTPS
TIME_ZONE = "Europe/Oslo"
USE_I18N = True
USE_TZ = True
# Dates as 03.12.2026 (saksarkiv/formats/nb/formats.py): with localisation on, Django reads
# formats from the locale's format module, not from DATE_FORMAT settings.
FORMAT_MODULE_PATH = ["saksarkiv.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- E-mail ------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Saksarkiv <saksarkiv@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Celery ------------------------------------------------------------------------------
_celery_dir = VAR_DIR / "celery"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://")
if CELERY_BROKER_URL.startswith("filesystem://"):
    for _sub in ("queue", "processed", "control"):
        (_celery_dir / _sub).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_celery_dir / "queue"),
        "data_folder_out": str(_celery_dir / "queue"),
        "processed_folder": str(_celery_dir / "processed"),
        # Fanout exchanges (the worker's remote control): under var/ too, not in the cwd.
        "control_folder": str(_celery_dir / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The one beat schedule (STYLE.md §5): daily jobs at 05:30 Oslo time, outside the DST gap.
CELERY_BEAT_SCHEDULE = {
    "rydd-utlopte-okter": {
        "task": "saksarkiv.tasks.clear_expired_sessions",
        "schedule": crontab(hour=5, minute=30),
    },
    "daglig-oversikt": {
        "task": "journal.tasks.daglig_sammendrag",
        "schedule": crontab(hour=5, minute=30),
    },
    # Quarterly and monthly jobs run on the first working day of the quarter / month. A
    # crontab cannot say "first working day" (Easter, May 1st and weekends move it), so these
    # fire every morning at 05:45, after the daily digest, and the task decides whether
    # today is that day (journal.jobber.i_startvindu).
    "kvartalsvise-restanselister": {
        "task": "journal.tasks.kvartalsvise_restanselister",
        "schedule": crontab(hour=5, minute=45),
    },
    "maanedlig-lederoversikt": {
        "task": "journal.tasks.maanedlig_lederoversikt",
        "schedule": crontab(hour=5, minute=45),
    },
    # Archival copies: uploads queue their own conversion; this daily run takes what is
    # still waiting (a worker was down) and retries failed ones, up to
    # ARKIVKOPI_MAKS_FORSOK attempts each (one a day).
    "arkivkopier": {
        "task": "journal.tasks.konverter_ventende_arkivkopier",
        "schedule": crontab(hour=5, minute=30),
    },
}
# Attempts at converting a document to PDF/A before it stays «feilet» for archive staff.
ARKIVKOPI_MAKS_FORSOK = 5

# --- Logging -------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "saksarkiv.request_id.RequestIdLogFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"}
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint.progress": {"level": "WARNING"}},
}

# --- Security (production) ------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp) on every response: our own scripts and styles only —
# no inline script or style, no eval — and no framing, plugins or foreign form targets.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page of ours uses (saksarkiv.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), interest-cohort=()"
)
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REDIRECT_EXEMPT = [r"^helse/$"]

# --- Saksarkiv's own settings ------------------------------------------------------------
SAKSARKIV_KOMMUNE = env_str("SAKSARKIV_KOMMUNE", "Fjordvik kommune")
# The address users reach the system on: links in e-mails (digests, quarterly lists).
SAKSARKIV_BASE_URL = env_str("SAKSARKIV_BASE_URL", "http://127.0.0.1:8000")
# Upper limit for document uploads (bytes); later issues read it.
SAKSARKIV_MAKS_FILSTORRELSE = env_int("SAKSARKIV_MAKS_FILSTORRELSE", 50 * 1024 * 1024)
# Where the arkivuttrekk ordered from the archive's page are written, one directory per run.
SAKSARKIV_UTTREKK_DIR = Path(env_str("SAKSARKIV_UTTREKK_DIR", str(VAR_DIR / "uttrekk")))
# Modules that add to the arkivuttrekk what the journal does not know of (journal must not
# import them): each has arkivdeler(fra, til) and skriv(xf, arkivdel, fra, til, ctx, fremdrift).
SAKSARKIV_UTTREKK_TILLEGG = ["utvalg.uttrekk"]
# The apps' main-menu entries (lists of saksarkiv.navigation.MenuItem), in this order.
SAKSARKIV_MENY = [
    "journal.meny.MENY",
    "utvalg.meny.MENY",
    "vedtak.meny.MENY",
    "verksemdsplan.meny.MENY",
]
# Functions (user) -> [{navn, antall, url}] that put worklist tiles on the start page.
SAKSARKIV_ARBEIDSBORD = [
    "journal.arbeidslister.arbeidsbord",
    "utvalg.koliste.arbeidsbord",
    "utvalg.innkalling.arbeidsbord",
    "utvalg.ekspedering.arbeidsbord",
    "vedtak.views.arbeidsbord",
    "verksemdsplan.views.oppdrag.arbeidsbord",
]
# Dicts {"app_label.model": URL name of the object's page}: the people's work «Siste endringer»
# on archive's start page shows (the rest of the audit log is the system's bookkeeping).
SAKSARKIV_SISTE_ENDRINGER = ["journal.siste_endringer.LENKER"]
# Functions (request, post, context) -> safe HTML (render_to_string) or None: panels the apps
# above the journal add to the journal post page (a plain str is shown as text). The
# committee treatment of a saksframlegg comes from utvalg.
SAKSARKIV_JOURNALPOST_PANELER = ["utvalg.views.tekst.tekst_panel", "utvalg.views.behandling_panel"]
# The same for the case page (sak): «Politisk behandling», the case's treatments in
# committees and their decisions (issue 18).
SAKSARKIV_SAK_PANELER = ["utvalg.views.ekspedering.politisk_behandling_panel"]
# The same for a meeting item's page (utvalg/views/behandling_i_mote.py): functions
# (request, punkt, context) -> safe HTML or None. Decision follow-up (issue 19) adds its own.
SAKSARKIV_SAKSKARTPUNKT_PANELER = ["vedtak.views.panel"]
# Functions (post) raising DomainError: what a saksframlegg needs before it is sent.
SAKSARKIV_SAKSFRAMLEGG_KRAV = ["utvalg.services.krev_behandling"]
# Functions (actor, post) run when a post is finished (F), before its main document is
# required; they may refuse with a DomainError. A text written in the browser becomes the
# main document (PDF/A).
SAKSARKIV_VED_FERDIGSTILLING = ["utvalg.tekst.lag_hoveddokument"]
# Sections the apps above the journal add to its mails (journal/jobber.py), computed for all
# recipients at once: functions (day) -> {user id: [section]} for the daily digest (a user
# with only such items gets it too), and (day, {id: leader}) -> {user id: [section]} for the
# monthly leader overview. Decision follow-up (issue 19) adds its deadlines.
SAKSARKIV_DAGLIG_TILLEGG = ["vedtak.varsler.daglig", "verksemdsplan.varsler.daglig"]
SAKSARKIV_MAANEDLIG_TILLEGG = ["vedtak.varsler.maanedlig"]
# Functions (user, [vedtak.Oppfolging]) -> {oppfolging id: [{tekst, status, url}]}: what the
# apps above the decision follow-up add to its pages and report (vedtak must not import them).
# The verksemdsplan shows the assignment a decision became and its current status (issue 21).
SAKSARKIV_OPPFOLGING_TILLEGG = ["verksemdsplan.views.oppdrag.vedtakstillegg"]

# --- Documents on journal posts (journal.services.dokumenter) -----------------------------
# Largest file a user may upload or an e-mail may carry (bytes): the documented env variable
# SAKSARKIV_MAKS_FILSTORRELSE above (default 50 MiB).
DOKUMENT_MAKS_STORRELSE = SAKSARKIV_MAKS_FILSTORRELSE
# Formats accepted, recognised by their content (see journal.services.dokumenter.FORMATER).
DOKUMENT_TILLATTE_FORMATER = [
    "PDF", "PNG", "JPEG", "TIFF", "DOCX", "XLSX", "PPTX", "ODT", "ODS", "TXT", "EML",
]  # fmt: skip
