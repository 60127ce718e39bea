# Two commands do everything on a fresh Debian machine: `make serve` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup serve site test lint unit build-test pyodide-test e2e bench clean chromium pyodide-wheels

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (browser tests need it)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

setup: $(VENV)/.installed node_modules/.installed

site: setup
	$(BIN)/mkdocs build --strict

serve: setup
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check scorer hooks tests benchmarks

unit: setup
	$(BIN)/pytest -q tests --ignore=tests/e2e --ignore=tests/site

test: setup chromium lint pyodide-wheels
	$(BIN)/pytest -q tests

bench: setup chromium
	$(PY) benchmarks/batch.py

# Pure wheels (pytest, hypothesis, ...) for running the tests inside Pyodide under Node.
PYODIDE_WHEELS := vendor/pyodide-wheels
$(PYODIDE_WHEELS)/.installed: tests/pyodide/requirements.txt | $(VENV)/.installed
	rm -rf $(PYODIDE_WHEELS) && mkdir -p $(PYODIDE_WHEELS)
	$(PY) -m pip download --quiet --disable-pip-version-check --no-deps --only-binary=:all: \
	  --python-version 3.14 --platform any --implementation py \
	  -r tests/pyodide/requirements.txt -d $(PYODIDE_WHEELS)
	touch $@

pyodide-wheels: $(PYODIDE_WHEELS)/.installed

clean:
	rm -rf site dist build *.egg-info
