# The two commands a new user types: `make serve` and `make test`.
# Every target creates .venv from the lock file when it is missing or older than the lock.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check test lint demo lock bench bench-lighthouse clean vendor

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

bench: $(BIN)/brive-solidarite bench/lighthouse/node_modules/.package-lock.json
	$(BIN)/python bench/valider.py
	$(BIN)/python bench/build.py
	$(BIN)/python bench/reload.py
	$(BIN)/python bench/poids.py
	$(BIN)/python bench/lighthouse.py

bench-lighthouse: $(BIN)/brive-solidarite bench/lighthouse/node_modules/.package-lock.json
	$(BIN)/python bench/lighthouse.py

# Lighthouse for the benchmark only (not for make test: it is heavy): the exact version of
# bench/lighthouse/package-lock.json, run with Debian's Chromium.
bench/lighthouse/node_modules/.package-lock.json: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error

# Leaflet for the map (README, « Carte »): the exact version of package-lock.json, copied
# into docs/ and committed, so that `mkdocs build` alone makes the whole site, without npm.
# tests/test_vendor.py checks the copy is byte-identical to node_modules/leaflet/dist.
LEAFLET := docs/assets/vendor/leaflet
vendor: node_modules/.package-lock.json
	rm -rf $(LEAFLET) && mkdir -p $(LEAFLET)/images
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css $(LEAFLET)/
	cp node_modules/leaflet/dist/images/*.png $(LEAFLET)/images/
	cp node_modules/leaflet/LICENSE $(LEAFLET)/
	printf 'leaflet %s\nCopié de node_modules/leaflet (registre npm, version de package-lock.json) par `make vendor` : ne pas modifier à la main.\n' \
		"$$(node -p 'require("./node_modules/leaflet/package.json").version')" > $(LEAFLET)/VERSION

# Regenerate requirements.lock from the ranges of pyproject.toml.
lock:
	rm -rf /tmp/brive-lock && $(PYTHON) -m venv /tmp/brive-lock
	/tmp/brive-lock/bin/pip install --quiet --upgrade setuptools '.[dev]'
	/tmp/brive-lock/bin/pip freeze --all --exclude-editable | grep -v -e '^brive-solidarite' -e '^pip==' > requirements.lock

clean:
	rm -rf $(VENV) site node_modules
