# aseankg: every target CI and the README use. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= oxigraph:./aseankg-data
SHARED ?= ../shared
QUICK  ?=

.DEFAULT_GOAL := help
.PHONY: help install vendor demo test test-fast lint fuzz eval bench docs clean

help:  ## list targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/aseankg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

# cytoscape.js for the self-contained HTML export, pinned in js/package-lock.json; needs npm
kg/data/vendor/cytoscape.min.js: js/package.json js/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd js && npm ci --no-audit --no-fund --silent && cd .. && mkdir -p kg/data/vendor && \
	  cp js/node_modules/cytoscape/dist/cytoscape.min.js $@; \
	else echo "npm not found: HTML export stays unavailable until it is installed (make vendor)"; fi

vendor: kg/data/vendor/cytoscape.min.js  ## vendor the pinned cytoscape.js for HTML export (needs npm)

install: $(BIN)/aseankg kg/data/vendor/cytoscape.min.js  ## create .venv and install aseankg with its test tools

demo: install  ## build the store from the bundled example releases and answer questions
	$(BIN)/python -m kg.demo --store $(STORE)

test: install  ## run the whole test suite (lint included)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

test-fast: install  ## the edit loop: every test but the slow ones (kill -9 trials, sweeps, servers)
	$(BIN)/python -m pytest -m "not slow" -n 2

lint: install  ## ruff: lint and formatting
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fuzz: install  ## extraction on 10,000 mutated releases: crashes, hangs, slowest, evidence (N=... to change)
	$(BIN)/python -m bench.fuzz -n $(or $(N),10000)

eval: install  ## score extraction of ../shared/corpus (per class and publisher family), then what the graph answers
	rm -rf dist/eval && mkdir -p dist/eval
	$(BIN)/aseankg -q extract $(SHARED)/corpus/raw --out-dir dist/eval
	$(BIN)/python $(SHARED)/corpus/score.py $(SHARED)/corpus/gold dist/eval --index $(SHARED)/corpus/INDEX.tsv
	$(BIN)/python -m evaluation.graph $(SHARED)/corpus

bench: install  ## speed and memory benchmarks (QUICK=1 for the short run)
	$(BIN)/python -m bench $(if $(QUICK),--quick,)

docs: install  ## render the ontology's reference documentation into dist/docs/
	$(BIN)/python -m kg.outputs.docs dist/docs

clean:  ## remove the virtualenv, dist/ and the default store
	rm -rf $(VENV) dist aseankg-data
