# aseankg: every target CI and the README use. `make help` lists them.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STORE  ?= oxigraph:./aseankg-data
SHARED ?= ../shared
QUICK  ?=

.DEFAULT_GOAL := help
.PHONY: help install vendor demo test test-fast lint fuzz eval protocol bench docs clean

help:  ## list targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(BIN)/aseankg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

# cytoscape.js for the self-contained HTML export is committed in kg/data/vendor/ with its
# licence and kg/data/vendor/cytoscape.json (version and npm integrity from js/package-lock.json,
# sha256 of the file; tests/test_export.py checks both). `make vendor` refreshes it with npm,
# which verifies the package against the lock file's integrity.
vendor:  ## refresh the vendored cytoscape.js from js/package-lock.json (needs npm)
	cd js && npm ci --no-audit --no-fund --silent
	cp js/node_modules/cytoscape/dist/cytoscape.min.js kg/data/vendor/cytoscape.min.js
	cp js/node_modules/cytoscape/LICENSE kg/data/vendor/cytoscape.LICENSE
	$(PYTHON) -c 'import hashlib, json; lock = json.load(open("js/package-lock.json"))["packages"]["node_modules/cytoscape"]; \
	  sha = hashlib.sha256(open("kg/data/vendor/cytoscape.min.js", "rb").read()).hexdigest(); \
	  json.dump({"package": "cytoscape", "version": lock["version"], "npm_integrity": lock["integrity"], \
	  "file": "cytoscape.min.js", "sha256": sha, "licence": "MIT, cytoscape.LICENSE"}, \
	  open("kg/data/vendor/cytoscape.json", "w"), indent=1)'

install: $(BIN)/aseankg  ## create .venv and install aseankg with its test tools

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

protocol: install  ## the W3C SPARQL 1.1 Protocol tests against aseankg serve and oxigraph serve (fetches the manifest)
	$(BIN)/python -m evaluation.protocol

bench: install  ## speed and memory at 1.3M triples (QUICK=1: the short CI run; SCALE=100k: about 13M triples)
	$(BIN)/python -m bench $(if $(QUICK),--quick,) $(if $(SCALE),--scale $(SCALE),)

docs: install  ## render the ontology's reference documentation into dist/docs/
	$(BIN)/python -m kg.outputs.docs dist/docs

clean:  ## remove the virtualenv, dist/ and the default store
	rm -rf $(VENV) dist aseankg-data
