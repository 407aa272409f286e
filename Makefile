# Run `make help` for the list of targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Links the site writes to itself (admin emails, the printed login) use the address it runs on.
export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)

.PHONY: help
help: ## List the targets with what they do
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[1m%-16s\033[0m %s\n", $$1, $$2}'

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Development and the tests install requirements-dev.lock: production's requirements.lock plus
# the test tools, at the same versions.
$(VENV)/.installed: $(BIN)/python requirements-dev.lock
	$(BIN)/python -m pip install --quiet --upgrade pip uv==0.13.9
	$(BIN)/uv pip sync --quiet --python $(BIN)/python requirements-dev.lock
	touch $@

# axe-core and the Nu Html Checker for the browser tests. Without npm the browser tests
# say what is missing (and fail in CI) rather than this target stopping the whole suite.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility and HTML checks will not run"; fi

.PHONY: install
install: $(VENV)/.installed ## Create .venv and install the locked dependencies, test tools included

.PHONY: lock
lock: $(BIN)/python ## Re-resolve pyproject.toml into requirements.lock (production) and requirements-dev.lock
	$(BIN)/python -m pip install --quiet uv==0.13.9
	$(BIN)/uv pip compile --quiet pyproject.toml --python-version 3.11 -o requirements.lock
	$(BIN)/uv pip compile --quiet pyproject.toml --extra dev --python-version 3.11 \
		--constraints requirements.lock -o requirements-dev.lock

.PHONY: run
run: install ## Run the site with demo content on http://127.0.0.1:8000 (SQLite, database search)
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) search_index --rebuild
	$(MANAGE) runserver $(HOST):$(PORT)

.PHONY: demo
demo: install ## Load (or refresh) the demo content without starting the server
	$(MANAGE) migrate --no-input
	$(MANAGE) load_demo_content
	$(MANAGE) search_index --rebuild

.PHONY: test
test: install node_modules/.installed ## Run the whole test suite (PostgreSQL/Elasticsearch when DATABASE_URL/ELASTICSEARCH_URL are set)
	$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: check
check: install ## Linters and Django checks, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djhtml --check templates
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

.PHONY: format
format: install ## Format Python and templates in place
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

.PHONY: services
services: ## Start PostgreSQL and Elasticsearch on loopback for the tests
	scripts/services start
	@echo 'Now: eval "$$(scripts/services env)" && make test'

.PHONY: services-stop
services-stop: ## Stop the test services
	scripts/services stop

.PHONY: clean
clean: ## Remove the virtualenv, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 var node_modules
