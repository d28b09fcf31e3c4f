# Two commands on a fresh machine: `make run` serves the dashboard, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
# The bench tools live in their own venv: locust needs urllib3 2, dash[testing]'s selenium pins 1.26.
BENCH_VENV := .venv-bench
BENCH_BIN := $(BENCH_VENV)/bin
BENCH_STAMP := $(BENCH_VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8050
WORKERS ?= 2
# pytest-xdist workers for `make test` (browser tests each start their own server on a free port).
TEST_WORKERS ?= 2

.PHONY: run test test-unit test-browser fuzz screenshots bench bench-validate bench-analysis bench-briefing loadtest faulttest nginx vendor lint validate boundaries region-names catalogues open-data clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt $(STAMP)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

# Runtime + bench/load-test tools (Playwright drives Debian's /usr/bin/chromium; no browser download).
$(BENCH_BIN)/python:
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_BIN)/python -m pip install --quiet --upgrade pip

$(BENCH_STAMP): requirements.txt requirements-bench.txt | $(BENCH_BIN)/python
	$(BENCH_BIN)/pip install --quiet -r requirements.txt -r requirements-bench.txt
	touch $@

run: $(STAMP)
	$(BIN)/python app.py serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

test: $(DEV_STAMP)
	$(BIN)/python -m pytest -n $(TEST_WORKERS)

test-unit: $(DEV_STAMP)
	$(BIN)/python -m pytest -m "not browser"

test-browser: $(DEV_STAMP)
	$(BIN)/python -m pytest -m browser

# The route fuzzer at nightly size (`make test` runs it at 60 examples a route): FUZZ_EXAMPLES per route.
FUZZ_EXAMPLES ?= 2000
fuzz: $(DEV_STAMP)
	ATLAS_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q tests/app/test_route_fuzz.py

# Redraw the picture tests' goldens (tests/browser/goldens/) and the README's pictures (assets/docs/) from the
# code, through the same tests that compare them; look at what changed (git diff --stat, and the files) before committing.
screenshots: $(DEV_STAMP)
	ATLAS_UPDATE_PICTURES=1 $(BIN)/python -m pytest tests/browser/test_pictures.py tests/browser/test_export_pictures.py

# Browser bench against gunicorn -w 2 (budgets in benchmarks/bench.py); not part of `make test`.
bench: $(BENCH_STAMP)
	$(BENCH_BIN)/python benchmarks/bench.py

# Upload bench: a 100,000-row file (CSV, and XLSX as Excel stores it) checked in <= 15 s (benchmarks/bench_validate.py).
bench-validate: $(STAMP)
	$(BIN)/python benchmarks/bench_validate.py

# Server time of the Analysis view's callbacks per view, through Dash's endpoint (budget 200 ms).
bench-analysis: $(STAMP)
	$(BIN)/python benchmarks/analysis_bench.py

# Export timings and file sizes of the bundled storyboard's briefing (kaleido on Debian's chromium).
bench-briefing: $(STAMP)
	$(BIN)/python benchmarks/briefing_bench.py

# Locust, headless, bounded, loopback only, against gunicorn -w 2 app:server that it starts itself.
loadtest: $(BENCH_STAMP)
	$(BENCH_BIN)/python benchmarks/loadtest.py

# nginx from Debian, for the fault test (deploy/ holds its configuration); nothing is started here.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO="sudo"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends nginx >/dev/null; }

# Two instances behind nginx, Locust users, kill -9 one mid-run (loopback only; ~90 s). Not part of `make test`.
faulttest: $(BENCH_STAMP) nginx
	$(BENCH_BIN)/python benchmarks/faulttest.py

# Re-vendor the plotly.js partial bundle matching the pinned plotly (needs npm); the result is committed.
vendor: $(STAMP)
	$(BIN)/python scripts/vendor_assets.py

validate: $(STAMP)
	$(BIN)/python app.py validate data/policy_actions.csv

boundaries: $(STAMP)
	$(BIN)/python app.py build-boundaries

# Region names in en/zh/ko/ja with their sources (boundary file, pycountry, curated table).
region-names: $(STAMP)
	$(BIN)/python -m scripts.build_region_names

# data/datapackage.json and CITATION.cff from the validator's schemas and components/core/data/citation.py.
open-data: $(DEV_STAMP)
	$(BIN)/python -m scripts.build_open_data

clean:
	rm -rf $(VENV) $(BENCH_VENV) .pytest_cache

lint: $(DEV_STAMP)
	$(BIN)/ruff check --select F,E9 --line-length 130 app.py components scripts tests benchmarks deploy

# Refresh locales/atlas.pot and merge it into each language's catalogue (translations kept).
catalogues: $(STAMP)
	$(BIN)/python scripts/build_catalogues.py
