# Hulpwijzer: `make run` starts the assistant, `make test` runs every check.
# Both set up what is missing first (Python 3.10 venv, packages, model).

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMP := $(VENV)/.installed
MODEL := models/hulpwijzer.tar.gz
RASA_ARGS := --config bot/config.yml --domain bot/domain
MODEL_INPUTS := $(shell find data bot/domain -name '*.yml' 2>/dev/null) bot/config.yml
# the readers' code is part of the trained model (their features and storage format)
MODEL_CODE := $(wildcard bot/nlu/*.py)

# Quiet, offline-friendly Rasa/TensorFlow.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export PYTHONHASHSEED := 0
# One TensorFlow thread: the default pools make Rasa several times slower on 2 cores.
export TF_INTRA_OP_PARALLELISM_THREADS := 1
export TF_INTER_OP_PARALLELISM_THREADS := 1

.PHONY: help install chromium haproxy node axe model run shell lint format test test-unit validate kb-check kb-import test-stories nlu-eval crossval benchmark clean

help:
	@echo "make run        set up, train if needed, start the assistant on localhost"
	@echo "make test       set up, train if needed, run the whole test suite"
	@echo "make shell      talk to the assistant in the terminal (rasa shell with the action server)"
	@echo "make model      train the Rasa model if data/config changed"
	@echo "make nlu-eval   rasa test nlu on the held-out set (tests/nlu)"
	@echo "make crossval   5-fold cross-validation on the training data"
	@echo "make benchmark  routing accuracy, first replies, answer relevance and speed (benchmarks/)"
	@echo "make benchmark-load  msg/s and latency at 1, 20, 50 residents vs a bare rasa init bot (LOAD_ARGS=...)"
	@echo "make lint       ruff lint and format check (make format fixes)"
	@echo "make kb-check   validate the knowledge-base content files"
	@echo "make kb-import  validate and import them into DATABASE_URL (default var/hulpwijzer.db)"
	@echo "make clean      remove the venv, models and build output"

$(STAMP): pyproject.toml constraints.txt scripts/setup-venv.sh
	scripts/setup-venv.sh $(VENV)
	@touch $@

install: $(STAMP)

$(MODEL): $(STAMP) $(MODEL_INPUTS) $(MODEL_CODE)
	# --force: Rasa's training cache does not see changes to the readers' code
	$(RASA) train $(RASA_ARGS) --data data --out models --fixed-model-name hulpwijzer --force
	@touch $@

model: $(MODEL)

chromium:
	scripts/install-chromium.sh

# Debian's frog + frogdata and hunspell-nl: removing names from residents' questions (insight/)
.PHONY: frog
frog:
	scripts/install-frog.sh

# Debian's haproxy for the load-balancer test (deploy/haproxy/, docs/deployment.md)
haproxy:
	scripts/install-haproxy.sh

# npm packages (package.json, pinned by package-lock.json): the NL Design System stylesheets
# the staff app serves, and axe-core for the accessibility scans in the browser tests.
# Without npm the staff pages are plain and the scans are skipped (a failure in CI).
NODE_STAMP := node_modules/.package-lock.json
node axe: $(NODE_STAMP)
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; else echo "npm not found: plain staff pages, accessibility scans skipped"; fi

run: install frog $(MODEL) $(NODE_STAMP)
	scripts/run.sh

# `rasa shell` in the terminal, with the action server and the generated endpoints
shell: install $(MODEL)
	scripts/shell.sh

validate: install
	$(RASA) data validate $(RASA_ARGS) --data data

test-unit: install chromium frog haproxy axe $(MODEL)
	$(PY) -m pytest

test-stories: install $(MODEL)
	$(RASA) test core --model $(MODEL) --stories tests/stories --out build/results/stories --fail-on-prediction-errors

kb-check: install
	$(PY) -m knowledge_base check --seeds ../shared/seeds

kb-import: install
	$(PY) -m knowledge_base import

# ruff: lint, import order and format (configuration in pyproject.toml); `make format` fixes
lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

test: validate kb-check lint test-unit test-stories

tests/nlu/heldout.yml: tests/nlu/heldout.jsonl scripts/heldout_to_rasa.py
	$(PY) scripts/heldout_to_rasa.py $< $@

nlu-eval: install $(MODEL) tests/nlu/heldout.yml
	$(RASA) test nlu --model $(MODEL) --nlu tests/nlu/heldout.yml --out build/results/nlu

crossval: install
	$(RASA) test nlu --config bot/config.yml --nlu data/nlu --cross-validation --folds 5 --out build/results/crossval

# blind4 and crisis_blind4 are the frozen held-out NLU sets; the kb_blind sets are frozen too,
# each run first before any change it led to (docs/knowledge-base.md); kb_blind9_second is
# kb_blind9 with a second labeller's fits
benchmark: install $(MODEL)
	$(PY) benchmarks/routing_accuracy.py --model $(MODEL) tests/nlu/heldout.jsonl
	$(PY) benchmarks/routing_accuracy.py --model $(MODEL) benchmarks/data/blind4.jsonl
	$(PY) benchmarks/routing_accuracy.py --model $(MODEL) benchmarks/data/crisis_blind4.jsonl
	$(PY) benchmarks/first_reply.py --model $(MODEL) tests/nlu/heldout.jsonl benchmarks/data/blind4.jsonl benchmarks/data/kb_blind2.jsonl benchmarks/data/kb_blind3.jsonl benchmarks/data/kb_blind4.jsonl benchmarks/data/kb_blind5.jsonl benchmarks/data/kb_blind6.jsonl benchmarks/data/kb_blind7.jsonl benchmarks/data/kb_blind8.jsonl benchmarks/data/kb_blind9.jsonl benchmarks/data/kb_blind9_second.jsonl benchmarks/data/kb_blind10.jsonl benchmarks/data/kb_blind11.jsonl benchmarks/data/kb_blind12.jsonl benchmarks/data/kb_blind13.jsonl benchmarks/data/kb_blind14.jsonl benchmarks/data/kb_blind14_second.jsonl benchmarks/data/kb_blind15.jsonl benchmarks/data/kb_blind16.jsonl benchmarks/data/kb_blind17.jsonl benchmarks/data/kb_blind18.jsonl benchmarks/data/kb_blind19.jsonl benchmarks/data/kb_blind20.jsonl benchmarks/data/kb_blind21.jsonl benchmarks/data/kb_blind22.jsonl benchmarks/data/kb_blind23.jsonl benchmarks/data/kb_blind24.jsonl benchmarks/data/kb_blind25.jsonl benchmarks/data/kb_blind26.jsonl
	$(PY) benchmarks/kb_relevance.py --model $(MODEL)
	$(PY) benchmarks/kb_relevance.py --model $(MODEL) benchmarks/data/kb_blind.jsonl
	$(PY) benchmarks/kb_search_latency.py
	$(PY) benchmarks/readability.py

# REST conversations at 1, 20 and 50 concurrent residents: Hulpwijzer (SQLite; PostgreSQL + Redis
# + 2 workers) against a bare `rasa init` bot trained in build/ (docs/performance.md; about 7 minutes,
# 2 more the first time, to train that bot);
# flags in LOAD_ARGS, e.g. make benchmark-load LOAD_ARGS="--seconds 10 --only bare,embedded"
.PHONY: benchmark-load
benchmark-load: install $(MODEL)
	$(PY) benchmarks/load.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) models build
