# Two commands set everything up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format install bench train clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/briefbot run

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check bot briefings tests bench
	$(BIN)/ruff format --check bot briefings
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format bot briefings tests bench
	$(BIN)/ruff check --fix bot briefings tests bench

bench: $(STAMP)
	$(BIN)/python bench/extract.py

# Rebuild the committed link model from ../shared/eval (dev/ + train/), fixed seed.
train: $(STAMP)
	$(BIN)/python -m briefings.extract.train --shared ../shared --out briefings/data/link_model.json

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
