# The two commands the README documents are `make run` and `make test`; both create the
# virtual environment in .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test lint typecheck model fingerprint eval bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/commitments run

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check pipeline flows tests benchmarks data notebooks
	$(BIN)/ruff format --check pipeline flows tests benchmarks data notebooks

typecheck: $(STAMP)
	$(BIN)/mypy

# Rebuild the serialised rule model in models/ from its config and pattern files.
model: $(STAMP)
	$(BIN)/python -m pipeline.nlp.build

# Record what the model predicts on the bundled sample (tests/nlp/test_fingerprint.py reads it):
# after a new model version, never to make a changed prediction pass under the old one.
fingerprint: $(STAMP)
	$(BIN)/python -m pipeline.nlp.fingerprint --write

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
