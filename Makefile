# Two commands on a fresh machine with only python3:  make report  /  make test
# The venv is (re)installed only when pyproject.toml or constraints.txt change.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install report test lint facts notebooks lab lock bench clean-venv

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	$(PY) -m ipykernel install --sys-prefix --name nk-claims --display-name "Python (nk-claims)" >/dev/null
	@touch $(STAMP)

report: $(STAMP)
	$(PY) -m analysis corpus check

test: $(STAMP)
	$(PY) -m ruff check analysis tests benchmarks
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check analysis tests benchmarks

# Re-pin: resolve the newest versions allowed by pyproject.toml and freeze them.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade pip && .venv-lock/bin/pip install --quiet -e ".[dev]"
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^nk-claims' > constraints.txt
	rm -rf .venv-lock

clean-venv:
	rm -rf $(VENV)
