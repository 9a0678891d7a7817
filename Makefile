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
	@$(MANAGE) ensure_dev_admin
	$(MANAGE) runserver $(HOST):$(PORT)

test: install ## Run the whole test suite (uses DATABASE_URL when set, SQLite otherwise)
	$(PY) -m pytest

lint: install ## Check code style (ruff) and template indentation (djhtml)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install ## Django system checks and a check that migrations match the models
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

clean: ## Remove the virtualenv, the local database and caches
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache media static

.PHONY: help install demo run test lint format check clean
