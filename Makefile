# Hashiya: `make run` opens the app, `make test` runs the linters (ruff, mypy, import-linter) and
# the tests, `make lint` the linters alone. Each sets up its own virtual environment: the app's
# (.venv) holds only what the app needs, the tests' (.venv-test) adds the test tools, which the
# app would otherwise load at start (sqlite-utils imports pandas and numpy when they are there).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_VENV := .venv-test
TPY := $(TEST_VENV)/bin/python
TEST_STAMP := $(TEST_VENV)/.installed

.PHONY: run test lint bench clean translations

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $(STAMP)

$(TEST_STAMP): pyproject.toml
	$(PYTHON) -m venv $(TEST_VENV)
	$(TPY) -m pip install --quiet --upgrade pip
	$(TPY) -m pip install --quiet -e '.[test]'
	touch $(TEST_STAMP)

run: $(STAMP)
	$(PY) main.py $(ARGS)

test: $(TEST_STAMP)
	$(TPY) -m ruff check .
	$(TPY) -m mypy
	$(TEST_VENV)/bin/lint-imports
	$(TPY) -m pytest

lint: $(TEST_STAMP)
	$(TPY) -m ruff check .
	$(TPY) -m mypy
	$(TEST_VENV)/bin/lint-imports

# the interface's words: collect tr() strings into gui/translations/*.ts, compile the .qm files
translations: $(TEST_STAMP)
	$(TPY) scripts/update_translations.py

bench: $(TEST_STAMP) $(STAMP)
	$(TPY) -m bench

clean:
	rm -rf $(VENV) $(TEST_VENV) .pytest_cache .ruff_cache .mypy_cache .import_linter_cache
