# Two commands on a fresh machine with only python3:  make report  /  make test
# The venv is (re)installed only when pyproject.toml or constraints.txt change.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# The fixed corpus the tests and the committed notebook outputs use (see tests/reference/).
REFERENCE_CORPUS := NK_CLAIMS_CORPUS=$(CURDIR)/tests/reference
STAMP := $(VENV)/.installed
# JupyterLab reads settings overrides from <prefix>/share/jupyter/lab/settings/.
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json
LAB_PORT ?= 8888

# Leaflet for the zoomable map, inlined into its HTML (analysis/viz/leaflet_assets.py).
LEAFLET_VERSION := 1.9.4
LEAFLET_PREFIX := $(VENV)/share/nk-claims
LEAFLET_JS := $(LEAFLET_PREFIX)/node_modules/leaflet/dist/leaflet.js

.PHONY: install report update check test lint facts notebooks lab lock bench bench-tests accuracy clean-venv chromium

install: $(STAMP) $(LAB_SETTINGS) $(LEAFLET_JS)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name nk-claims --display-name "Python (nk-claims)" >/dev/null
	@touch $(STAMP)

# The npm package leaflet, pinned (no dependencies); without npm, Debian's libjs-leaflet
# (/usr/share/javascript/leaflet, found by the same lookup), installed when run as root.
$(LEAFLET_JS): $(STAMP)
	@if command -v npm >/dev/null; then \
	  npm install --prefix $(LEAFLET_PREFIX) --no-save --no-package-lock --no-audit --no-fund \
	    --loglevel=error leaflet@$(LEAFLET_VERSION) && touch $@; \
	elif [ -f /usr/share/javascript/leaflet/leaflet.js ]; then \
	  echo "note: no npm; the zoomable map uses Debian's libjs-leaflet"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjs-leaflet; \
	else echo "note: no npm and no libjs-leaflet: the zoomable map will fail until one is" \
	  "installed (npm install --prefix $(LEAFLET_PREFIX) leaflet@$(LEAFLET_VERSION))"; fi

# Run every notebook into reports/<run-id>/ (HTML, facts, manifest); reports/latest -> it
# if all succeed. REPORT_ARGS="--as-of 2024-11-12 --jobs 4" to pass options.
report: $(STAMP) $(LEAFLET_JS)
	@$(PY) -m analysis corpus check || { echo "hint: fix seeds/ as the line above says, then run make facts" >&2; exit 2; }
	@$(PY) -m analysis facts check || { echo "rebuilding data/facts/ from seeds/ (make facts)"; $(PY) -m analysis facts build; }
	$(PY) -m analysis report $(REPORT_ARGS)

# What a schedule runs: fetch new articles from the feeds of data/feeds.toml into seeds/,
# rebuild data/facts/ from the corpus, then the report. A feed or page that fails is a line
# in the fetch summary, never a failed run; a run that adds nothing still reports. Only a
# broken feeds file or catalog stops it (exit 2). FETCH_ARGS="--since 2025-01-01 --max 20",
# REPORT_ARGS as for `make report`.
update: $(STAMP) $(LEAFLET_JS)
	$(PY) -m analysis corpus fetch $(FETCH_ARGS)
	$(PY) -m analysis facts build
	$(PY) -m analysis report $(REPORT_ARGS)

# The data checks on your corpus: seeds/ is consistent, and data/facts/ (and the overrides)
# match a fresh build from it. Each failure ends with the command that fixes it.
check: $(STAMP)
	@$(PY) -m analysis corpus check || { echo "hint: fix seeds/ as the line above says, then run make facts" >&2; exit 2; }
	@$(PY) -m analysis facts check

# Re-run the committed notebooks in place with default parameters on the reference corpus
# (what nbval compares against in `make test`) and strip volatile metadata.
# NOTEBOOKS_ARGS="--only 02" for one.
notebooks: $(STAMP) $(LEAFLET_JS)
	$(REFERENCE_CORPUS) $(PY) -m analysis notebooks $(NOTEBOOKS_ARGS)

# Tests run in parallel, one pytest-xdist worker per CPU (TEST_WORKERS=0 runs them in this
# process); the 15 slowest are listed so that a slow new test is noticed.
TEST_WORKERS ?= auto
test: $(STAMP) $(LAB_SETTINGS) $(LEAFLET_JS) chromium
	$(PY) -m ruff check analysis tests benchmarks
	@# Bytecode caches on: without them every worker and kernel recompiles (PYTHONDONTWRITEBYTECODE).
	PYTHONDONTWRITEBYTECODE= $(PY) -m pytest -n $(TEST_WORKERS) --durations=15

# Regenerate the committed facts (data/facts/*.csv and the data dictionary README.md) from
# seeds/, and the reference corpus's facts (tests/reference/) the tests use. When the latter
# change (extractor or lexicon changed), run make notebooks too.
facts: $(STAMP)
	$(PY) -m analysis facts build
	$(REFERENCE_CORPUS) $(PY) -m analysis facts build

# Figures, not tests (benchmarks/README.md): extractor throughput on a 5 MB synthetic corpus
# (words_per_s_per_core), time and peak memory on 8,000 numbers in one sentence and on a
# 19 MB article, `python -m analysis extract` on the seed (cli_extract_seconds) and
# the test suite as `make test` runs it (test_suite_wall_seconds; also `make bench-tests`).
SUITE_TIME := $(PY) benchmarks/test_suite_time.py -- -n $(TEST_WORKERS) -q -p no:cacheprovider
bench: $(STAMP) $(LAB_SETTINGS) $(LEAFLET_JS) chromium
	$(PY) benchmarks/extract_throughput.py
	$(PY) benchmarks/extract_large.py
	$(PY) benchmarks/command_time.py
	$(SUITE_TIME)

bench-tests: $(STAMP) $(LAB_SETTINGS) $(LEAFLET_JS) chromium
	$(SUITE_TIME)

# Accuracy, one table (benchmarks/README.md): the development set tests/data/devset, speaker
# attribution on SpkAtt and dates on KRAUTS (against HeidelTime) from ../shared/bench beside
# the repository (BENCH=DIR for another folder; what is missing is skipped with one line).
BENCH ?= $(CURDIR)/../shared/bench
accuracy: $(STAMP)
	$(PY) benchmarks/accuracy.py --bench $(BENCH)

lint: $(STAMP)
	$(PY) -m ruff check analysis tests benchmarks

$(LAB_SETTINGS): data/jupyter/overrides.json $(STAMP)
	@mkdir -p $(dir $@)
	cp data/jupyter/overrides.json $@

# JupyterLab on notebooks/ with the nk-claims kernel; prints the URL (with a fresh token) and
# opens it in a browser if there is one. LAB_ARGS=--no-browser, LAB_PORT=8899 to change that.
lab: $(STAMP) $(LAB_SETTINGS) $(LEAFLET_JS)
	@token=$$($(PY) -c "import secrets; print(secrets.token_hex(16))"); \
	echo "Open http://127.0.0.1:$(LAB_PORT)/lab/tree/00_explore.ipynb?token=$$token  (Ctrl-C stops)"; \
	exec $(PY) -m jupyter lab --ServerApp.root_dir=notebooks --ServerApp.ip=127.0.0.1 \
	  --ServerApp.port=$(LAB_PORT) --ServerApp.port_retries=0 --IdentityProvider.token=$$token \
	  --LabApp.default_url=/lab/tree/00_explore.ipynb \
	  --MappingKernelManager.default_kernel_name=nk-claims \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

# The browser test drives Debian's chromium; install it when missing (needs root or sudo).
chromium:
	@test -x /usr/bin/chromium || { \
	  if [ "$$(id -u)" = 0 ]; then sudo=""; \
	  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo="sudo -n"; \
	  else echo "note: no /usr/bin/chromium and no root: the browser test will be skipped" \
	    "(install it with: sudo apt-get install chromium)"; exit 0; fi; \
	  command -v apt-get >/dev/null || { echo "note: no apt-get: install chromium yourself"; exit 0; }; \
	  $$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq chromium \
	  || echo "note: installing chromium failed: the browser test will be skipped"; }

# Re-pin: resolve the newest versions allowed by pyproject.toml and freeze them.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade pip && .venv-lock/bin/pip install --quiet -e ".[dev]"
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^nk-claims' > constraints.txt
	rm -rf .venv-lock

clean-venv:
	rm -rf $(VENV)
