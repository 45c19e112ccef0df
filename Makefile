# eenplan: `make demo` runs the demo, `make test` runs every check. Both start from a fresh clone.

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-builtin-rules

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EENPLAN := $(BIN)/eenplan
PORT ?= 8000
HOUSEHOLDS ?=
# Two cores: two pytest workers. `make test PYTEST_WORKERS=0` runs in one process.
PYTEST_WORKERS ?= 2
PYTEST_ARGS ?=
BENCH_HOUSEHOLDS ?= 100000

DEMO_SETTINGS := eenplan.settings.base
DEMO_PASSWORD := demo-eenplan-2026
DEMO_USERS := regisseur woonconsulent werkcoach huisarts teamleider beleid privacy beheer melder inwoner

VENDOR := build/static/vendor
VENDOR_FILES := $(VENDOR)/utrecht/component-library.css \
	$(VENDOR)/utrecht/design-tokens.css \
	$(VENDOR)/htmx/htmx.min.js

header = @printf '\n==== %s ====\n' "$(1)"

.PHONY: help demo test setup assets messages serve lock openapi bench \
	system-packages lint typecheck migrations-check test-sqlite test-postgres clean

help:
	@echo "make demo    install, load the demo data and serve it on http://127.0.0.1:$(PORT)/"
	@echo "make test    install, run the gates (ruff, mypy, migrations, messages) and the tests"
	@echo "             on SQLite and on a throwaway PostgreSQL"
	@echo "make bench   latency benchmark with $(BENCH_HOUSEHOLDS) households on PostgreSQL"
	@echo "make lock    refresh requirements/*.txt from requirements/*.in"
	@echo "make openapi regenerate the committed OpenAPI document after an API change"

# ---------------------------------------------------------------------------------------------
# Installation

$(BIN)/python:
	$(call header,Python environment)
	$(PYTHON) -m venv $(VENV)

# The lock files carry hashes, so pip checks every download; pip and setuptools are pinned too.
$(VENV)/.installed: requirements/dev.txt pyproject.toml | $(BIN)/python
	$(call header,Python packages)
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	$(call header,Front-end packages)
	npm ci --no-audit --no-fund
	touch $@

$(VENDOR)/utrecht/component-library.css: node_modules/@utrecht/component-library-css/dist/index.css
$(VENDOR)/utrecht/design-tokens.css: node_modules/@utrecht/design-tokens/dist/index.css
$(VENDOR)/htmx/htmx.min.js: node_modules/htmx.org/dist/htmx.min.js
$(VENDOR_FILES):
	@mkdir -p $(@D)
	cp $< $@

node_modules/@utrecht/component-library-css/dist/index.css \
node_modules/@utrecht/design-tokens/dist/index.css \
node_modules/htmx.org/dist/htmx.min.js: node_modules/.installed

assets: $(VENDOR_FILES)

# Debian packages, installed only when missing: msgfmt and Pango (the plan as PDF) for the demo;
# a browser and a database server for the tests.
SYSTEM_PACKAGES := gettext pango
test test-sqlite test-postgres: SYSTEM_PACKAGES := gettext pango chromium postgresql
bench: SYSTEM_PACKAGES := gettext pango postgresql

system-packages:
	$(call header,System packages)
	scripts/system-packages $(SYSTEM_PACKAGES)

messages: $(VENV)/.installed system-packages
	$(call header,Translations)
	@# compilemessages refuses to run when there is no catalogue at all.
	if compgen -G 'src/eenplan/locale/*/LC_MESSAGES/*.po' >/dev/null \
		|| compgen -G 'src/eenplan/*/locale/*/LC_MESSAGES/*.po' >/dev/null; then \
		cd src && ../$(EENPLAN) compilemessages --verbosity 0; \
	else echo "No catalogues yet."; fi

setup: $(VENV)/.installed assets system-packages messages

# ---------------------------------------------------------------------------------------------
# Demo

demo: setup
	$(call header,Database)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(EENPLAN) migrate --no-input
	$(call header,Demo data)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(EENPLAN) load-demo $(if $(HOUSEHOLDS),--households $(HOUSEHOLDS))
	$(call header,Daily signal task)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(EENPLAN) signalering-plan
	$(call header,Daily reminder task)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(EENPLAN) herinneringen-plan
	$(call header,Static files)
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(EENPLAN) collectstatic --no-input --verbosity 0
	@$(MAKE) --no-print-directory serve

serve:
	$(call header,eenplan)
	@if $(BIN)/python -c 'import socket, sys; s = socket.socket(); sys.exit(s.connect_ex(("127.0.0.1", $(PORT))) != 0)'; then \
		echo "Port $(PORT) is in use. Stop the other server or run: make demo PORT=8001"; exit 1; fi
	@echo "Open http://127.0.0.1:$(PORT)/ (stop with Ctrl+C)"
	@echo "Demo accounts, all with password $(DEMO_PASSWORD):"
	@for user in $(DEMO_USERS); do echo "  $$user"; done
	@echo
	@# The background worker (retention, daily scans, reminders) runs next to the web server and
	@# stops with it; the links in its e-mails point to this server.
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) EENPLAN_SITE_URL=$${EENPLAN_SITE_URL:-http://127.0.0.1:$(PORT)} \
		$(EENPLAN) db_worker --queue-name '*' --no-reload & \
	worker=$$!; trap 'kill $$worker 2>/dev/null || true' EXIT; \
	DJANGO_SETTINGS_MODULE=$(DEMO_SETTINGS) $(BIN)/gunicorn -c deploy/gunicorn.conf.py \
		--bind 127.0.0.1:$(PORT)

# ---------------------------------------------------------------------------------------------
# Checks

lint: $(VENV)/.installed
	$(call header,ruff check)
	$(BIN)/ruff check
	$(call header,ruff format --check)
	$(BIN)/ruff format --check

typecheck: $(VENV)/.installed
	$(call header,mypy)
	$(BIN)/mypy src

migrations-check: $(VENV)/.installed
	$(call header,makemigrations --check)
	DJANGO_SETTINGS_MODULE=eenplan.settings.test $(EENPLAN) makemigrations --check --dry-run

# The test settings come from pyproject.toml, whatever the shell exports.
PYTEST := env -u DJANGO_SETTINGS_MODULE $(BIN)/pytest $(if $(filter-out 0,$(PYTEST_WORKERS)),-n $(PYTEST_WORKERS)) $(PYTEST_ARGS)

test-sqlite: setup
	$(call header,Tests on SQLite)
	env -u DATABASE_URL $(PYTEST)

test-postgres: setup
	$(call header,Tests on PostgreSQL)
	PYTHON=$(BIN)/python scripts/with-postgres $(PYTEST)

test: setup lint typecheck migrations-check test-sqlite test-postgres
	$(call header,All checks passed)

# ---------------------------------------------------------------------------------------------
# Benchmark and maintenance

bench: setup
	$(call header,Benchmark: $(BENCH_HOUSEHOLDS) households on PostgreSQL)
	PYTHON=$(BIN)/python scripts/with-postgres $(BIN)/python benchmarks/run.py \
		--households $(BENCH_HOUSEHOLDS)
	@$(MAKE) --no-print-directory bench-linkage

# Record linkage: a million signals against a million residents in DuckDB, and single signals
# against a million residents in PostgreSQL. `make bench-linkage LINKAGE_ARGS="--residents 100000
# --signals 100000"` is a quick run.
.PHONY: bench-linkage test-spark
LINKAGE_ARGS ?=
bench-linkage: SYSTEM_PACKAGES := gettext postgresql
bench-linkage: setup
	$(call header,Benchmark: record linkage)
	PYTHON=$(BIN)/python scripts/with-postgres $(BIN)/python benchmarks/linkage.py $(LINKAGE_ARGS)

# The Spark engine is optional: pyspark (and Java 17) only for this target, from its own lock file.
# It proves on a small set, with Spark local[2], that both engines give the same links.
test-spark: setup
	$(call header,Record linkage on Spark)
	$(BIN)/python -m pip install --quiet -r requirements/spark.txt
	env -u DJANGO_SETTINGS_MODULE -u DATABASE_URL $(BIN)/pytest -m spark -p no:xdist src/eenplan/linkage

# The committed OpenAPI document; a test fails when it differs from what the code generates.
openapi: $(VENV)/.installed
	DJANGO_SETTINGS_MODULE=eenplan.settings.test $(EENPLAN) spectacular --lang en \
		--format openapi-json --validate --fail-on-warn --file src/eenplan/api/openapi.json

lock: $(VENV)/.installed
	cd requirements && ../$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links --output-file=base.txt base.in
	cd requirements && ../$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe \
		--strip-extras --no-emit-index-url --no-emit-find-links --output-file=dev.txt dev.in

clean:
	rm -rf build $(VENV)/.installed node_modules/.installed bench-results
