# Tessera's two commands: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
ASSETS := src/tessera/web/static/build/tessera.js
CHROMIUM ?= /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_DIR    ?= var/demo
DEMO_PEOPLE ?= 20000
DEMO_SEED   ?= 1

.PHONY: install demo test lint typecheck layers unit bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
		|| { echo "Tessera needs Python >= 3.11 (set PYTHON=python3.11)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## The screens' scripts and styles, bundled from npm (no CDN at run time).
$(ASSETS): frontend/package.json frontend/package-lock.json frontend/build.mjs $(wildcard frontend/src/* frontend/src/*/*)
	npm ci --prefix frontend --no-audit --no-fund --loglevel=error
	npm run --prefix frontend --silent build

## Debian's Chromium for the browser tests (Playwright drives it; no browser download).
$(CHROMIUM):
	$(SUDO) apt-get install -y --no-install-recommends chromium \
		|| { $(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends chromium; }

install: $(STAMP) $(ASSETS)

## demo: a fresh synthetic world through every pipeline stage, demo accounts, then the server.
demo: install
	rm -rf $(DEMO_DIR)
	$(BIN)/tessera generate $(DEMO_DIR)/drop --people $(DEMO_PEOPLE) --seed $(DEMO_SEED)
	$(BIN)/tessera run $(DEMO_DIR)/drop --data-dir $(DEMO_DIR)/data
	$(BIN)/tessera quarantine --data-dir $(DEMO_DIR)/data --format csv | head -n 15
	$(BIN)/tessera findings --data-dir $(DEMO_DIR)/data --limit 20
	$(BIN)/tessera users demo --data-dir $(DEMO_DIR)/data
	@echo "Tessera is serving on http://127.0.0.1:8000/ : open it in a browser and sign in with a demo account above (API: GET /openapi.json)"
	$(BIN)/tessera serve --data-dir $(DEMO_DIR)/data

## test: lint, type-check, layering contracts, then the whole test suite.
test: install lint typecheck layers unit

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

unit: install $(CHROMIUM)
	$(BIN)/pytest -n 2 --dist loadgroup --durations=15

## bench: measure generate and ingest at 100k and 1M people; writes benchmarks/results.md.
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --out benchmarks/results.md

clean:
	rm -rf $(VENV) var build .mypy_cache .ruff_cache .pytest_cache
