# Two commands on a fresh machine: `make run` serves the dashboard, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run test test-unit test-browser bench lint validate boundaries clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt $(STAMP)
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

run: $(STAMP)
	$(BIN)/python app.py serve --host $(HOST) --port $(PORT)

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

test-unit: $(DEV_STAMP)
	$(BIN)/python -m pytest -m "not browser"

test-browser: $(DEV_STAMP)
	$(BIN)/python -m pytest -m browser

bench: $(DEV_STAMP)
	$(BIN)/python -m pytest benchmarks -s -p no:cacheprovider -o testpaths=benchmarks

validate: $(STAMP)
	$(BIN)/python app.py validate data/policy_actions.csv

boundaries: $(STAMP)
	$(BIN)/python app.py build-boundaries

clean:
	rm -rf $(VENV) .pytest_cache

lint: $(DEV_STAMP)
	$(BIN)/ruff check --select F,E9 --line-length 130 app.py components scripts tests benchmarks
