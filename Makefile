# Two commands do everything on a fresh Debian 12 machine (Python 3.11, Node 20, npm, root):
#   make serve   set up, then serve the site at http://127.0.0.1:8000
#   make test    set up, then ruff + import-linter + mypy, the strict build and the whole pytest suite
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

# The suites share one strict build of the site: `make test` (and site-test, e2e, bench) build it into
# site/ and hand it over in WAI_SITE_DIR (tests/shared_site.py), so no suite builds it again.
SHARED_SITE := WAI_SITE_DIR=$(CURDIR)/site
# Tests that run Pyodide under Node, and tests of the whole built site: not part of `make unit`.
PYODIDE_TESTS := tests/test_in_pyodide.py tests/pyodide tests/sitebuild/test_pycompile_step.py
SITE_TESTS := tests/site tests/sitebuild/test_postbuild_run.py

# Run pytest; exit 5 ("no tests collected") is reported and stays a failure, never a pass.
define pytest
@rc=0; $(2) $(BIN)/pytest -q $(1) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests in '$(1)': failing" >&2; fi; \
	exit $$rc
endef

.PHONY: setup serve site test lint lint-checks unit site-test pyodide-test e2e bench clean distclean \
        chromium pdftools nginx pyodide-wheels pyodide-build

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

# The site-level build steps (sitebuild/, not part of the scorer wheel) are importable from any folder.
$(VENV)/.sitebuild: | $(VENV)/.installed
	echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_path("purelib"))')/wai-sitebuild.pth"
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

# Debian's poppler-utils (pdfinfo, pdftotext, pdftoppm): the print tests read the PDFs Chromium makes.
pdftools:
	@command -v pdftotext >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  echo "Installing Debian's poppler-utils (the print tests need it)"; \
	  $(SUDO) apt-get update -qq && $(APT_INSTALL) poppler-utils; }

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

# pyodide-build and its pure dependencies, run inside Pyodide at build time to py-compile the wheel.
PYODIDE_BUILD := vendor/pyodide-build
$(PYODIDE_BUILD)/.installed: sitebuild/pyodide-build-requirements.txt | $(VENV)/.installed
	rm -rf $(PYODIDE_BUILD) && mkdir -p $(PYODIDE_BUILD)
	$(PIP) download --quiet --no-deps --only-binary=:all: \
	  --python-version 3.14 --platform any --implementation py \
	  -r sitebuild/pyodide-build-requirements.txt -d $(PYODIDE_BUILD)
	touch $@

pyodide-build: $(PYODIDE_BUILD)/.installed

setup: $(VENV)/.installed $(VENV)/.sitebuild node_modules/.installed $(PYODIDE_BUILD)/.installed

# --- the two commands ---------------------------------------------------------------------------------

# Live reload is off: it injects an inline script that the site's Content-Security-Policy refuses.
serve: setup
	$(BIN)/mkdocs serve --strict --no-livereload --dev-addr 127.0.0.1:$(PORT)

# The lint checks (ruff, import-linter, mypy), the strict build into site/, then one pytest run over
# tests/ that picks up every suite (unit, site, pyodide, e2e), all on that one build. A failed lint or
# build is reported first and fails the target, but the tests still run (after a failed build the
# suites build the site once themselves, and fail with its log), so pytest's summary line is always
# the last thing printed.
test: setup chromium pdftools nginx pyodide-wheels
	@failed=""; site=""; \
	$(MAKE) --no-print-directory lint-checks || failed="$$failed lint"; \
	echo "$(BIN)/mkdocs build --strict --quiet"; \
	if $(BIN)/mkdocs build --strict --quiet; then site="$(SHARED_SITE)"; else failed="$$failed build"; fi; \
	if [ -n "$$failed" ]; then echo "make: FAILED:$$failed (the tests run anyway; make test will fail)" >&2; fi; \
	rc=0; env $$site $(BIN)/pytest -q tests || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make: pytest collected no tests: failing" >&2; fi; \
	if [ $$rc -eq 0 ] && [ -n "$$failed" ]; then rc=1; fi; \
	exit $$rc

# --- other targets ----------------------------------------------------------------------------------

site: setup
	$(BIN)/mkdocs build --strict

# ruff, the scorer's layer contracts (import-linter, configured in pyproject.toml) and mypy over
# scorer/ and hooks/; `make test` runs the same three.
LINT_CHECKS := "$(BIN)/ruff check ." "$(BIN)/lint-imports --no-cache" "$(BIN)/mypy"
lint: setup
	@$(MAKE) --no-print-directory lint-checks

# All three run even when one fails; the target fails if any did.
lint-checks:
	@failed=""; \
	for check in $(LINT_CHECKS); do echo "$$check"; $$check || failed="$$failed $${check%% *}"; done; \
	if [ -n "$$failed" ]; then echo "make: lint FAILED:$$failed" >&2; exit 1; fi

# The quick loop (under a minute on an idle two-core machine): no site, no Pyodide, no browser, and
# the fuzz tests at 30 examples each (`make test` runs them at their full budget).
unit: setup
	$(call pytest,tests --ignore=tests/e2e $(addprefix --ignore=,$(SITE_TESTS) $(PYODIDE_TESTS)),FUZZ_EXAMPLES=30)

site-test: site
	$(call pytest,$(SITE_TESTS),$(SHARED_SITE))

pyodide-test: setup pyodide-wheels
	$(call pytest,$(PYODIDE_TESTS))

e2e: chromium pdftools nginx site
	$(call pytest,tests/e2e,$(SHARED_SITE))

bench: setup chromium site
	@test -n "$(BENCHMARKS)" || { echo "make: no benchmarks/*.py found" >&2; exit 1; }
	@set -e; for b in $(BENCHMARKS); do echo "== $$b"; $(SHARED_SITE) $(PY) $$b; done

clean:
	rm -rf site dist build *.egg-info .cache benchmarks/out .mypy_cache .import_linter_cache

distclean: clean
	rm -rf $(VENV) node_modules vendor
