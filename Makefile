# netsite — run `make help` for the list of targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help

help: ## List every target with a line on what it does
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed ## Create .venv and install requirements.txt

demo: install ## Migrate the SQLite database and load the demo content (idempotent)
	$(MANAGE) migrate --noinput
	$(MANAGE) load_demo_content

run: demo ## Install, migrate, load demo content and serve on http://127.0.0.1:8000/
	@$(MANAGE) ensure_dev_admin --url http://$(HOST):$(PORT)/
	$(MANAGE) runserver $(HOST):$(PORT)

# Test-only tools from npm (axe-core, the Nu Html Checker), pinned in package-lock.json.
# Without npm the tests that need them are skipped with a message saying so.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --ignore-scripts --loglevel=error && touch $@; \
	else echo "npm not found: accessibility and HTML validator tests will be skipped"; fi

test: install node_modules/.installed ## Run the whole test suite (uses DATABASE_URL when set, SQLite otherwise)
	$(PY) -m pytest

TEMPLATES := $(shell git ls-files '*.html' 2>/dev/null)

lint: install ## Check code style (ruff) and template indentation (djhtml), as pre-commit does
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djhtml --check $(TEMPLATES)

format: install ## Format the code with ruff and the templates with djhtml
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(VENV)/bin/djhtml $(TEMPLATES)

check: install ## Django system checks and a check that migrations match the models
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

backup: install ## Back up the database and media into backups/<date>/ (docs/operations.md)
	$(MANAGE) backup_site --output-dir backups

restore: install ## Restore a backup, replacing the database and media: make restore BACKUP=backups/netsite-backup-…
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=backups/netsite-backup-YYYYMMDD-HHMMSS"; exit 2; }
	$(MANAGE) restore_site "$(BACKUP)"

# The site is benched on PostgreSQL, as it runs in production, when one answers on
# 127.0.0.1:5432 (netsite_bench, created if missing and emptied first; the search bench makes
# and drops its own test_ database); else on SQLite.
BENCH_DATABASE_URL ?= $(shell pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && echo postgres://postgres@127.0.0.1:5432/netsite_bench)

bench: install ## Scale data, gunicorn, nginx and wrk on loopback: bench-results/results.md (BENCH_QUICK=1: smoke run)
	$(PY) bench/import_bench.py $(if $(BENCH_QUICK),--count 100,)
	$(if $(BENCH_DATABASE_URL),BENCH_DATABASE_URL="$(BENCH_DATABASE_URL)",) $(PY) bench/run.py
	DATABASE_URL="$(BENCH_DATABASE_URL)" $(PY) bench/search_bench.py $(if $(BENCH_QUICK),--conditions 50 --trials 500 --repeat 5,)

lighthouse: install ## Lighthouse (accessibility, best practices, SEO) on each demo page type: bench-results/lighthouse.md
	$(PY) tests/browser/lighthouse_report.py

clean: ## Remove the virtualenv, the local database and caches
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache media static

.PHONY: help install demo run test lint format check clean backup restore bench lighthouse
