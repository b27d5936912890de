# The two commands a newcomer needs: `make run` and `make test`. Both install everything first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
CHROMIUM ?= /usr/bin/chromium
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install lint format chromium demo messages bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## make run: install, migrate, load the Peru demo data, serve on http://127.0.0.1:8000
# Links in emails and in load_demo's output use SITE_URL: by default the address `make run` serves on.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	@echo ""
	@echo "OGP Tracker: $(SITE_URL)/   admin: $(SITE_URL)/admin/"
	@echo "Demo logins are printed above when first created (run 'make demo-passwords' to reset them)."
	$(PY) manage.py runserver $(HOST):$(PORT)

## make migrate: after `git pull`, install what the new version needs (its pinned dependencies),
## then apply its migrations. Back up first (README, "Upgrading").
.PHONY: migrate
migrate: install
	$(PY) manage.py migrate --noinput

demo-passwords: install
	$(PY) manage.py load_demo --reset-passwords

## make test: install, lint, and run the whole suite (browser tests included): first every test but
## the browser, integration and serial ones in PYTEST_WORKERS processes (pytest-xdist), then those in
## one process (one live server, one Chromium, real Celery workers on a shared broker, timed servers).
## PYTEST_WORKERS=0 runs the whole suite in one process, as before.
PYTEST_WORKERS ?= auto
test: install chromium
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	@if [ "$(PYTEST_WORKERS)" = 0 ]; then \
	  echo "$(PY) -m pytest"; $(PY) -m pytest; \
	else \
	  status=0; \
	  echo "$(PY) -m pytest -n $(PYTEST_WORKERS) --maxprocesses 4 -m 'not browser and not integration and not serial'"; \
	  $(PY) -m pytest -n $(PYTEST_WORKERS) --maxprocesses 4 -m "not browser and not integration and not serial" || status=$$?; \
	  echo "$(PY) -m pytest -m 'browser or integration or serial'"; \
	  $(PY) -m pytest -m "browser or integration or serial" || status=$$?; \
	  exit $$status; \
	fi

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Browser tests drive Debian's Chromium. Install it where we can (root with apt-get); otherwise the
# browser tests fail and say why.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the browser tests..."; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "WARNING: $(CHROMIUM) is missing; install Debian's chromium or the browser tests will fail."; \
	  fi; \
	fi

messages: install
	$(PY) manage.py makemessages -l es -l en --no-obsolete --ignore=.venv --ignore=bench
	$(PY) manage.py compilemessages --ignore=.venv

## make worker / make beat: the background processes, for when CELERY_BROKER_URL is set (without a
## broker, `make run` runs every task in-process and needs neither)
.PHONY: worker beat
worker: install
	$(VENV)/bin/celery -A ogptracker worker --loglevel=INFO

beat: install
	$(VENV)/bin/celery -A ogptracker beat --loglevel=INFO

## make bench-import: import_ogp_irm on the full Explorer file and a 5x file (SQLite, or DATABASE_URL)
.PHONY: bench-import
bench-import: install
	$(PY) bench/import_bench.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles test-artifacts mutants

## make bench-api: public API vs a raw json_agg endpoint, and export memory (PostgreSQL, Redis, wrk)
.PHONY: bench-api
bench-api: install
	$(PY) bench/api_bench.py $(ARGS)

## make mutate: mutation testing (mutmut) of the modules that hold the product's promises (figures,
## versioning, permissions, services, stars, notifications, importers; [tool.mutmut] in pyproject.toml),
## then the score and the surviving mutants, then `make mutate-settings`. Slow (hours on 2 cores) and
## not part of `make test`.
## Narrow it with mutmut's name globs: make mutate MUTANTS='commitments.figures.counting.* commitments.versioning.*'
## Results are kept in mutants/ and reused by the next run; `rm -rf mutants` starts afresh.
.PHONY: mutate mutate-settings
MUTANTS ?=
mutate: install
	$(VENV)/bin/mutmut run $(MUTANTS)
	@$(PY) bench/mutation_score.py $(MUTANTS)
	$(MAKE) mutate-settings

## make mutate-settings: the hand-made regressions of ogptracker/settings.py (throttles, CSP, HTTPS,
## cookies, lockouts, passwords, body limits; bench/settings_mutants.py), each against its tests.
## mutmut cannot mutate module-level settings. Narrow it: make mutate-settings SETTINGS_MUTANTS='csp https'
SETTINGS_MUTANTS ?=
mutate-settings: install
	$(PY) bench/settings_mutants.py $(SETTINGS_MUTANTS)
