# Two commands do everything on a fresh Debian 12 machine (Python 3.11, Node 20, npm, root):
#   make serve   set up, then serve the site at http://127.0.0.1:8000
#   make test    set up, then ruff, the strict build and the whole pytest suite
# Set-up is stamp-driven, so both are quick once a machine is set up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
PIP := $(PY) -m pip --disable-pip-version-check
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# apt-get needs root: as root run it directly, otherwise through sudo.
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq
# Every benchmarks/*.py is a benchmark; helper modules start with an underscore.
BENCHMARKS := $(sort $(filter-out benchmarks/_%,$(wildcard benchmarks/*.py)))

# Run pytest; exit 5 ("no tests collected") is reported and stays a failure, never a pass.
define pytest
@rc=0; $(BIN)/pytest -q $(1) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests in '$(1)': failing" >&2; fi; \
	exit $$rc
endef

.PHONY: setup serve site test lint unit site-test pyodide-test e2e bench clean distclean chromium \
        pyodide-wheels nginx

# --- set-up -----------------------------------------------------------------------------------------

$(VENV)/.installed: requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "make: Python 3.11 or newer is needed; '$(PYTHON)' is $$($(PYTHON) --version 2>&1)" >&2; exit 1; }
	@$(PYTHON) -c 'import ensurepip' 2>/dev/null || { \
	  echo "Installing Debian's python3-venv (needed to create $(VENV))"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) python3-venv; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet -r requirements.txt
	$(PIP) install --quiet --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null 2>&1 || { echo "make: npm (Node 20) is needed for the Pyodide runtime" >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

# Debian's chromium drives the browser tests (Playwright cannot download a browser here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium (the browser tests need it)"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) chromium; }

# Debian's nginx serves the site built for a sub-path in the tests, with deploy/nginx.conf as shipped.
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx-light (the sub-path tests serve the site with deploy/nginx.conf)"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) nginx-light; }

# Pure wheels (pytest, hypothesis, ...) for running the tests inside Pyodide under Node.
PYODIDE_WHEELS := vendor/pyodide-wheels
$(PYODIDE_WHEELS)/.installed: tests/pyodide/requirements.txt | $(VENV)/.installed
	rm -rf $(PYODIDE_WHEELS) && mkdir -p $(PYODIDE_WHEELS)
	$(PIP) download --quiet --no-deps --only-binary=:all: \
	  --python-version 3.14 --platform any --implementation py \
	  -r tests/pyodide/requirements.txt -d $(PYODIDE_WHEELS)
	touch $@

pyodide-wheels: $(PYODIDE_WHEELS)/.installed

setup: $(VENV)/.installed node_modules/.installed

# --- the two commands ---------------------------------------------------------------------------------

# Live reload is off: it injects an inline script that the site's Content-Security-Policy refuses.
serve: setup
	$(BIN)/mkdocs serve --strict --no-livereload --dev-addr 127.0.0.1:$(PORT)

# ruff, the strict build into site/, then one pytest run over tests/ that picks up every suite
# (unit, site, pyodide, e2e). A failed ruff or build is reported first and fails the target, but the
# tests still run, so pytest's summary line is always the last thing `make test` prints.
test: setup chromium nginx pyodide-wheels
	@failed=""; \
	echo "$(BIN)/ruff check ."; $(BIN)/ruff check . || failed="$$failed ruff"; \
	echo "$(BIN)/mkdocs build --strict --quiet"; $(BIN)/mkdocs build --strict --quiet || failed="$$failed build"; \
	if [ -n "$$failed" ]; then echo "make: FAILED:$$failed (the tests run anyway; make test will fail)" >&2; fi; \
	rc=0; $(BIN)/pytest -q tests || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests: failing" >&2; fi; \
	if [ $$rc -eq 0 ] && [ -n "$$failed" ]; then rc=1; fi; \
	exit $$rc

# --- other targets ----------------------------------------------------------------------------------

site: setup
	$(BIN)/mkdocs build --strict

lint: setup
	$(BIN)/ruff check .

unit: setup
	$(call pytest,tests --ignore=tests/site --ignore=tests/pyodide --ignore=tests/e2e --ignore=tests/test_in_pyodide.py)

site-test: setup
	$(call pytest,tests/site)

pyodide-test: setup pyodide-wheels
	$(call pytest,tests/test_in_pyodide.py tests/pyodide)

e2e: setup chromium nginx
	$(call pytest,tests/e2e)

bench: setup chromium site
	@test -n "$(BENCHMARKS)" || { echo "make: no benchmarks/*.py found" >&2; exit 1; }
	@set -e; for b in $(BENCHMARKS); do echo "== $$b"; $(PY) $$b; done

clean:
	rm -rf site dist build *.egg-info .cache benchmarks/out

distclean: clean
	rm -rf $(VENV) node_modules vendor
