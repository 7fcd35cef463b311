# Enkelt: `make run` and `make test` are the two commands a newcomer needs.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.9
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 2
# The suite runs on every core (pytest-xdist); PYTEST_ARGS=-n0 runs it in one process.
PYTEST_ARGS ?= -n auto --durations=15

VENV_STAMP := $(VENV)/.stamp-$(shell cksum requirements.lock 2>/dev/null | cut -d' ' -f1)
NODE_STAMP := node_modules/.stamp
ASSETS_STAMP := enkelt/core/static_build/.built
PO_FILES := $(wildcard locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)
STATIC_SOURCES := $(shell find enkelt -path '*/static/*' -type f 2>/dev/null)
COLLECT_STAMP := var/static/staticfiles.json

.PHONY: help run dev test lint demo bench drills install assets messages clean

help:
	@echo "make run    - install everything, load demo data, serve http://$(HOST):$(PORT)"
	@echo "make test   - install everything, run the whole test suite (DATABASE_URL for PostgreSQL)"
	@echo "make dev    - Django's debug server with demo data"
	@echo "make lint   - ruff, mypy, migrations and translation checks"
	@echo "make demo   - reset the demo data"
	@echo "make bench  - benchmark (see bench/README.md)"
	@echo "make drills - reliability drills: soak with a database restart and a killed worker"

$(VENV_STAMP): requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock
	rm -f $(VENV)/.stamp-*
	touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(ASSETS_STAMP): $(NODE_STAMP) scripts/build-assets.mjs
	node scripts/build-assets.mjs

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

install: $(VENV_STAMP) $(ASSETS_STAMP) $(MO_FILES)

assets: $(ASSETS_STAMP)

$(COLLECT_STAMP): $(VENV_STAMP) $(ASSETS_STAMP) $(STATIC_SOURCES)
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py collectstatic --noinput -v 0

run: install $(COLLECT_STAMP)
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.local ENKELT_DEMO=1 $(PY) manage.py enkelt_demo
	@echo "serving on http://$(HOST):$(PORT)"
	DJANGO_SETTINGS_MODULE=config.settings.local ENKELT_DEMO=1 exec $(VENV)/bin/gunicorn config.wsgi \
	  --config config/gunicorn.py --bind $(HOST):$(PORT) --workers $(WORKERS) --access-logfile - --graceful-timeout 10

dev: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.dev ENKELT_DEMO=1 $(PY) manage.py enkelt_demo
	DJANGO_SETTINGS_MODULE=config.settings.dev ENKELT_DEMO=1 $(PY) manage.py runserver $(HOST):$(PORT)

demo: install
	mkdir -p var
	DJANGO_SETTINGS_MODULE=config.settings.local $(PY) manage.py migrate --noinput -v 0
	DJANGO_SETTINGS_MODULE=config.settings.local ENKELT_DEMO=1 $(PY) manage.py enkelt_demo --reset

test: install
	mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy enkelt config bench
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run
	$(PY) scripts/check_translations.py

messages: $(VENV_STAMP)
	DJANGO_SETTINGS_MODULE=config.settings.dev $(PY) manage.py makemessages -l da -l en --no-location --ignore=node_modules --ignore=.venv --ignore=var
	# English is the source language: every msgstr is its msgid, made afresh each time.
	msgfilter --keep-header --no-wrap -i locale/en/LC_MESSAGES/django.po -o locale/en/LC_MESSAGES/django.po sed -e d
	msgattrib --clear-fuzzy --no-obsolete --no-wrap -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	msgen --no-wrap -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po

bench: install $(COLLECT_STAMP)
	@# performance.md: wrk from Debian's packages is the load generator; install it when we can.
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null \
	  && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; } \
	  || echo "bench: wrk not installed; the Python load generator is used"
	$(PY) bench/run.py $(BENCH_ARGS)

drills: install $(COLLECT_STAMP)
	@# reliability.md: soak the submission endpoints while PostgreSQL restarts and a worker dies.
	$(PY) scripts/drills.py $(DRILLS_ARGS)

clean:
	rm -rf $(VENV) node_modules enkelt/core/static_build var/static
