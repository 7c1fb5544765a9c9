# The two commands a new user types: `make serve` and `make test`.
# Every target creates .venv from the lock file when it is missing or older than the lock.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint demo lock bench clean

$(BIN)/brive-solidarite: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

serve: $(BIN)/brive-solidarite  ## build and serve at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

demo: $(BIN)/brive-solidarite  ## the same with the fictional data of demo/
	BRIVE_DONNEES=demo $(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(BIN)/brive-solidarite  ## static site in site/
	$(BIN)/mkdocs build --strict

check: $(BIN)/brive-solidarite  ## validate data/ and demo/
	$(BIN)/brive-solidarite valider
	$(BIN)/brive-solidarite valider --donnees demo

lint: $(BIN)/brive-solidarite
	$(BIN)/ruff check hooks tests bench
	$(BIN)/ruff format --check hooks tests bench

test: $(BIN)/brive-solidarite lint node_modules/.package-lock.json  ## every test
	$(BIN)/pytest

# axe-core for the browser tests only (never served by the site): the exact version of
# package-lock.json, from the npm registry. Without npm the accessibility tests are skipped
# (they fail under CI=true).
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm absent : les tests d'accessibilité (axe-core) seront sautés"; fi

bench: $(BIN)/brive-solidarite
	$(BIN)/python bench/valider.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/reload.py
	$(BIN)/python bench/poids.py

# Regenerate requirements.lock from the ranges of pyproject.toml.
lock:
	rm -rf /tmp/brive-lock && $(PYTHON) -m venv /tmp/brive-lock
	/tmp/brive-lock/bin/pip install --quiet --upgrade setuptools '.[dev]'
	/tmp/brive-lock/bin/pip freeze --all --exclude-editable | grep -v -e '^brive-solidarite' -e '^pip==' > requirements.lock

clean:
	rm -rf $(VENV) site node_modules
