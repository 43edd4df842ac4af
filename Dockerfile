# syntax=docker/dockerfile:1
# Production image for Saksarkiv: web (gunicorn + WhiteNoise), Celery worker and beat all run
# from this one image; docker-compose.yml picks the command. Configuration comes from the
# environment at run time (see .env.example); nothing secret is baked in.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's runtime libraries and the fonts the PDFs use, and the archival-copy tools
# (LibreOffice, Ghostscript, Tesseract with Norwegian): the same list as RUN_DEBS in the
# Makefile.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-liberation2 \
        libreoffice-writer-nogui \
        libreoffice-calc-nogui \
        ghostscript \
        tesseract-ocr \
        tesseract-ocr-nor \
    && rm -rf /var/lib/apt/lists/*

# The dependencies first, so a code change does not reinstall them. pyproject.toml has
# `packages = []`: this installs only the dependencies; the code is copied to /app below.
# README.md* is a wildcard so the build works whether or not the README exists yet.
COPY pyproject.toml README.md* /tmp/src/
RUN pip install /tmp/src && rm -rf /tmp/src

# A fixed, unprivileged user. Its home directory is writable (gunicorn's control socket
# lives there); the code itself stays owned by root and read-only for the app.
RUN groupadd --system --gid 10001 saksarkiv \
    && useradd --system --uid 10001 --gid saksarkiv --create-home \
        --home-dir /home/saksarkiv --shell /usr/sbin/nologin saksarkiv

WORKDIR /app
COPY . /app

# Fixed paths inside the image. STATIC_ROOT is filled at build time and must not sit under a
# volume (a volume would hide newer static files after an upgrade). /app/var holds the beat
# schedule; /data/media the uploaded documents: both are volumes in docker-compose.yml and
# are created here so that new named volumes get the app user as owner.
ENV DJANGO_SETTINGS_MODULE=saksarkiv.settings \
    DJANGO_DEBUG=false \
    SAKSARKIV_VAR_DIR=/app/var \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    WEB_CONCURRENCY=3

# collectstatic only imports the settings (no database, no broker); production settings
# refuse to load without a secret key, so it gets a throwaway one that exists only in this
# RUN step. DEBUG off selects WhiteNoise's compressed manifest storage, as at run time.
RUN DJANGO_DEBUG=false \
    DJANGO_SECRET_KEY=collectstatic-only-this-key-is-never-used-at-run-time-0123456789 \
    DJANGO_ALLOWED_HOSTS=localhost \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    CELERY_BROKER_URL=redis://localhost:6379/0 \
    python manage.py collectstatic --no-input -v0 \
    && python -m compileall -q /app \
    && mkdir -p /app/var /data/media \
    && chown saksarkiv:saksarkiv /app/var /data/media

USER saksarkiv:saksarkiv
EXPOSE 8000

# Workers from WEB_CONCURRENCY (gunicorn reads it; default 3 above), 4 threads each. PDF
# rendering can take a while, hence the 60 s timeout; workers are recycled now and then to
# keep memory in check. The access log goes to stdout with duration and request id.
CMD ["gunicorn", "-c", "python:saksarkiv.gunicorn_conf", "saksarkiv.wsgi", \
     "--bind", "0.0.0.0:8000", \
     "--worker-class", "gthread", \
     "--threads", "4", \
     "--timeout", "60", \
     "--graceful-timeout", "30", \
     "--max-requests", "1000", \
     "--max-requests-jitter", "100", \
     "--worker-tmp-dir", "/dev/shm", \
     "--access-logfile", "-", \
     "--access-logformat", "%(h)s %(l)s %(u)s %(t)s \"%(r)s\" %(s)s %(b)s \"%(f)s\" \"%(a)s\" %(M)sms rid=%({x-request-id}o)s"]
