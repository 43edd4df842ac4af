# Saksarkiv: the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

# Tests always run on PostgreSQL and Redis.
TEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/saksarkiv
TEST_BROKER_URL ?= redis://127.0.0.1:6379/15
KLOKKEVAKT ?= 1

# Debian packages: WeasyPrint's Pango, fonts for PDFs, Chromium for browser tests;
# LibreOffice, Ghostscript and Tesseract (Norwegian) for the PDF/A archival copies.
RUN_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2
RUN_DEBS += libreoffice-writer-nogui libreoffice-calc-nogui ghostscript tesseract-ocr tesseract-ocr-nor
# gettext (xgettext, msgfmt) for the nynorsk test (tests/verksemdsplan/test_nynorsk.py) and
# `make nynorsk`; running the app needs none: the compiled locale/*/LC_MESSAGES/django.mo is committed.
TEST_DEBS := $(RUN_DEBS) chromium gettext

.PHONY: run test test-klokke lint format system-deps-run system-deps-test services migrate demodata clean nynorsk

$(VENV)/bin/activate:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.run-installed: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install --quiet .
	touch $@

$(VENV)/.test-installed: pyproject.toml | $(VENV)/bin/activate
	$(PIP) install --quiet ".[test]"
	touch $@ $(VENV)/.run-installed

system-deps-run:
	@bash scripts/apt-ensure.sh $(RUN_DEBS)

system-deps-test:
	@bash scripts/apt-ensure.sh $(TEST_DEBS)

services:
	@bash scripts/services.sh

## make run: set everything up and serve http://$(HOST):$(PORT) with a Celery worker and beat.
run: system-deps-run $(VENV)/.run-installed
	@mkdir -p var
	$(PY) scripts/ensure_database.py
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --no-input -v0
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py demodata
	@DJANGO_DEBUG=$${DJANGO_DEBUG:-1} HOST=$(HOST) PORT=$(PORT) PY=$(PY) bash scripts/serve.sh

## make test: the whole suite on PostgreSQL and Redis, browser tests included.
test: system-deps-test services $(VENV)/.test-installed
	@# axe-core for the accessibility checks of the public pages (tests/browser), kept under var/.
	@test -f var/npm/node_modules/axe-core/axe.min.js || \
		npm install --no-save --no-audit --no-fund --prefix var/npm axe-core@4
	@# The whole suite at the run's moment (tests/klokke.py), then the clock guard: the
	@# date-sensitive tests again at each hard day (tests/harde_dager.py; KLOKKEVAKT=0 skips it).
	@status=0; \
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(VENV)/bin/pytest $(PYTEST_ARGS) || status=$$?; \
	if [ "$(KLOKKEVAKT)" != 0 ]; then \
		DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
			$(VENV)/bin/python -m tests.harde_dager || status=1; \
	fi; \
	exit $$status

## make test-klokke: only the clock guard (the date-sensitive tests at every hard day).
test-klokke: services $(VENV)/.test-installed
	DATABASE_URL=$(TEST_DATABASE_URL) CELERY_BROKER_URL=$(TEST_BROKER_URL) \
		$(VENV)/bin/python -m tests.harde_dager $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: $(VENV)/.test-installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

## make nynorsk: merge the verksemdsplan part's new msgids into locale/nn/LC_MESSAGES/django.po
## (untranslated, for the translator) and compile the .mo (scripts/meldingar.py).
nynorsk: $(VENV)/.run-installed
	@bash scripts/apt-ensure.sh gettext
	DJANGO_DEBUG=1 $(PY) scripts/meldingar.py

## make bench-data / make bench: bulk data and the benchmark (bench/README.md), in a separate
## PostgreSQL database. BENCH_POSTER sets the size, BENCH_ARGS passes options to bench/run.py.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/saksarkiv_bench
BENCH_POSTER ?= 1000000
.PHONY: bench bench-data bench-innkalling bench-protokoll

bench-data: $(VENV)/.run-installed
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) scripts/ensure_database.py
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_DEBUG=1 $(PY) manage.py migrate --no-input -v0
	DATABASE_URL=$(BENCH_DATABASE_URL) DJANGO_DEBUG=1 \
		$(PY) manage.py bulkdata --journalposter $(BENCH_POSTER) --tom

bench: $(VENV)/.run-installed
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/run.py $(BENCH_ARGS)

## make bench-innkalling: publishing a 40-case meeting notice (bench/innkalling.py).
bench-innkalling: services $(VENV)/.run-installed
	$(PY) bench/innkalling.py

## make bench-protokoll: holding that meeting and publishing its minutes (bench/protokoll.py).
bench-protokoll: services $(VENV)/.run-installed
	$(PY) bench/protokoll.py

## make bench-innlogging: login POST + start page, PBKDF2 before and Argon2 now (bench/innlogging.py).
.PHONY: bench-innlogging
bench-innlogging: services $(VENV)/.run-installed
	$(PY) bench/innlogging.py

## make bench-arkivkopi: PDF/A conversion throughput, office and scanned pages (bench/arkivkopi.py).
.PHONY: bench-arkivkopi
bench-arkivkopi: system-deps-run $(VENV)/.run-installed
	$(PY) bench/arkivkopi.py $(BENCH_ARGS)

## make bench-arkivuttrekk: Noark 5 arkivuttrekk of ≈100,000 posts over the bench database
## (bench/arkivuttrekk.py; make bench-data first). BENCH_ARGS e.g. "--poster 50000".
.PHONY: bench-arkivuttrekk
bench-arkivuttrekk: $(VENV)/.run-installed
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) bench/arkivuttrekk.py $(BENCH_ARGS)
