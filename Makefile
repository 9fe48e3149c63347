# Every target creates its own virtual environment and installs what it needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PERIOD ?= 2019-08
# e.g. make bench BENCH_ARGS=--quick

.PHONY: sample test check lint types schema bench clean

# constraints.txt pins the libraries that shape the papers' bytes (see the README).
$(BIN)/kpicli: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]' -c constraints.txt
	touch $@

## Build the sample committee papers into out/$(PERIOD)/
sample: $(BIN)/kpicli
	$(BIN)/kpicli build --period $(PERIOD)

## Run the whole test suite (unit, golden and end-to-end), two workers
test: $(BIN)/kpicli
	$(BIN)/python -m pytest -n 2 --dist loadgroup -q

lint: $(BIN)/kpicli
	$(BIN)/ruff check kpicli tests scripts benchmarks
	$(BIN)/ruff format --check kpicli tests scripts benchmarks

types: $(BIN)/kpicli
	$(BIN)/mypy

## Lint, types and tests: the one gate
check: lint types test

## Regenerate the committed JSON Schemas
schema: $(BIN)/kpicli
	$(BIN)/kpicli schema --out schema

## Per-stage timings and the WeasyPrint floor
bench: $(BIN)/kpicli
	$(BIN)/python benchmarks/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) out build dist .pytest_cache .mypy_cache .ruff_cache
