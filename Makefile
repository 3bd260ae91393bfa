# The front door. `make run` and `make test` work on a fresh machine with Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The suite of `make test-postgres`; `make test` (SQLite) leaves out what needs PostgreSQL.
SUITE := not browser and not celery_worker

.DEFAULT_GOAL := help

.PHONY: help install messages compilemessages run migrate reference superuser test contract lint format test-postgres test-browser test-worker test-hostile schemathesis bench screenshots worker beat clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[36m%-15s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.installed ## Create .venv, install the pinned dependencies, compile the translations
	@$(MAKE) --no-print-directory compilemessages

# The interface's translations (ru, tr, ar) live in astana_site/locale/; English is the source.
# Strings for JavaScript reach it through json_script (django domain), so there is no djangojs.
MESSAGES_ARGS := -l ru -l tr -l ar --add-location file --ignore '.venv/*' --ignore 'tests/*' \
	--ignore 'bench/*' --ignore 'scripts/*' --ignore 'docs/*' --ignore 'staticfiles/*' --ignore '*/vendor/*'

messages: $(VENV)/.installed ## Update the .po catalogues from the code (then translate what is new)
	$(BIN)/python manage.py makemessages $(MESSAGES_ARGS)
	$(BIN)/python manage.py makemessages -d djangojs $(MESSAGES_ARGS)

compilemessages: $(VENV)/.installed ## Compile the .po catalogues to .mo (needs msgfmt, package gettext)
	$(BIN)/python manage.py compilemessages --ignore '.venv/*' -v 0

migrate: install ## Apply database migrations (and make the shared cache's table)
	$(BIN)/python manage.py migrate --noinput

reference: migrate ## Load the reference history of the Astana process (idempotent)
	$(BIN)/python manage.py load_reference

run: reference ## Install, migrate, load the reference data and serve on http://127.0.0.1:8000
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

superuser: migrate ## Create an admin login (prompts for name and password)
	$(BIN)/python manage.py createsuperuser

lint: install ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

contract: install ## The import contract: each layer imports only the layers below it
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_architecture.py

test: lint contract compilemessages ## ruff, the import contract, compilemessages, makemigrations --check and the suite on SQLite
	DJANGO_SETTINGS_MODULE=astana_site.settings.test $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -m "$(SUITE) and not postgres" $(PYTEST_ARGS)

test-postgres: install ## The suite on PostgreSQL (set DATABASE_URL)
	@test -n "$(DATABASE_URL)" || (echo "DATABASE_URL must point at PostgreSQL" && exit 2)
	$(BIN)/python -m pytest -m "$(SUITE)" $(PYTEST_ARGS)

test-hostile: install ## Only the hostile-input and fault suite (tests/hostile; also in `make test`)
	$(BIN)/python -m pytest -m "hostile" $(PYTEST_ARGS)

test-worker: install ## The task path through a real Celery worker (set CELERY_BROKER_URL)
	$(BIN)/python -m pytest -m celery_worker $(PYTEST_ARGS)

test-browser: install ## Pages in headless Chromium (needs /usr/bin/chromium)
	$(BIN)/python -m pytest -m browser $(PYTEST_ARGS)

schemathesis: install ## Fuzz the API against its OpenAPI schema
	$(BIN)/python bench/run_schemathesis.py

bench: install ## Every bench/bench_*.py; rewrites their sections of docs/PERFORMANCE.md (BENCH_FACTOR, BENCH_PG_URL, BENCH_ONLY)
	$(BIN)/python bench/run_all.py

screenshots: install ## Screenshots of the dashboard for the README (docs/img/, needs Chromium)
	$(BIN)/python scripts/screenshots.py

worker: install ## A Celery worker (needs CELERY_BROKER_URL)
	$(BIN)/celery -A astana_site worker --loglevel=INFO

beat: install ## Celery beat, which enqueues polling of due sources
	$(BIN)/celery -A astana_site beat --loglevel=INFO

clean: ## Remove the virtualenv and local database
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
