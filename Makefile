# Every command the README names. The first use creates .venv and installs what is needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test matrix check typecheck compat wheel-check lint format generate demo bench bench-compare bench-pythons soak clean

# pip's own lines say what it fetches and installs; PIP_INSTALL_FLAGS=--quiet silences them.
PIP_INSTALL_FLAGS ?= --progress-bar off --disable-pip-version-check
# Every environment first gets this pip: it resolves requirements-dev.txt in about 8 s where the pip that
# Python 3.11's venv brings (23.2) takes about 19 s.
PIP := pip==26.3

$(STAMP): pyproject.toml requirements-dev.txt
	@echo "make: creating $(VENV) with $$($(PYTHON) --version), then installing $(PIP), the package (editable, requests extra) and the tools of requirements-dev.txt"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(PIP_INSTALL_FLAGS) '$(PIP)'
	$(BIN)/python -m pip install $(PIP_INSTALL_FLAGS) -r requirements-dev.txt -e '.[requests]'
	touch $(STAMP)

install: $(STAMP)

# The whole suite, spread over the machine's cores (pytest-xdist): three workers a core, since many tests
# spend their time waiting on a socket or a timer. One file runs fast on its own:
# `.venv/bin/python -m pytest -q tests/faults/test_retry_faults.py`. See tests/README.md.
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(3 * (os.cpu_count() or 1))')
# Bytecode is written even where PYTHONDONTWRITEBYTECODE is set: every worker and every subprocess a test
# starts would otherwise compile the package, the tests and pytest's rewritten asserts again.
test: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -q -n $(PYTEST_WORKERS) --dist worksteal

# The suite on every supported Python (pyenv's or on PATH), then on the lowest declared dependency
# versions, and the asyncio client's tests with aiohttp at its lowest: see noxfile.py. Environments are kept in .nox and reused; NOX_ARGS=-N builds them anew.
NOX_ARGS ?=
matrix: $(STAMP)
	$(BIN)/nox $(NOX_ARGS)

check: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The typed usage sample (tests/typecheck/usage.py) as users' projects check it: against a wheel installed
# in a virtual environment of its own, with `mypy --strict` without the pydantic plugin and with
# basedpyright in standard mode (what editors use). See tests/typecheck/run.py.
TYPING_VENV := .venv-typing
TYPING_STAMP := $(TYPING_VENV)/.installed

$(TYPING_STAMP): tests/typecheck/requirements.txt
	$(PYTHON) -m venv $(TYPING_VENV)
	$(TYPING_VENV)/bin/python -m pip install --quiet $(PIP_INSTALL_FLAGS) '$(PIP)'
	$(TYPING_VENV)/bin/python -m pip install --quiet -r tests/typecheck/requirements.txt
	touch $(TYPING_STAMP)

typecheck: $(TYPING_STAMP)
	$(TYPING_VENV)/bin/python tests/typecheck/run.py

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

generate: $(STAMP)
	$(BIN)/python -m tools.generate

# The demo needs only the package: a fresh clone gets .venv with the runtime dependencies, then every
# endpoint runs against the built-in fake Pieces OS (no Pieces OS needed).
DEMO_STAMP := $(VENV)/.demo-installed

$(DEMO_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet $(PIP_INSTALL_FLAGS) '$(PIP)'
	$(BIN)/python -m pip install --quiet -e .
	touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	$(BIN)/pieces-os-client demo

# The 50,000-call soak (not part of `make test`): prints memory growth; see docs/reliability.md.
soak: $(STAMP)
	$(BIN)/python -m pytest -q -s -m soak -p no:cacheprovider tests/faults/test_load.py

# Benchmarks (not part of `make test`): tables of medians and ratios (the asyncio client's in a second
# one); see docs/performance.md.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# The official SDK has our import name, so it gets a virtual environment of its own, with the same
# pydantic, urllib3 and aiohttp (for the async floor) as ours: only the SDKs differ.
OFFICIAL_VENV := .venv-official
OFFICIAL_STAMP := $(OFFICIAL_VENV)/.installed

$(OFFICIAL_STAMP): $(STAMP) benchmarks/_pins.py
	$(PYTHON) -m venv $(OFFICIAL_VENV)
	$(OFFICIAL_VENV)/bin/python -m pip install --quiet pieces-os-client==5.0.1 pyyaml $$($(BIN)/python -m benchmarks._pins)
	touch $(OFFICIAL_STAMP)

bench-compare: $(STAMP) $(OFFICIAL_STAMP)
	$(BIN)/python -m benchmarks.run --compare $(OFFICIAL_VENV)/bin/python

# Code written against the official SDK's surface (tests/compat/official_surface.py) runs against this
# package and against the official 5.0.1 in OFFICIAL_VENV, each talking to a fake Pieces OS started as a
# separate process; where the two differ on purpose, the script asserts each side's behaviour.
compat: $(STAMP) $(OFFICIAL_STAMP)
	$(BIN)/python tests/compat/run.py $(BIN)/python $(OFFICIAL_VENV)/bin/python

# A wheel built with `python -m build`, installed into a fresh virtual environment, passes the
# compatibility script (its fake Pieces OS served from the installed wheel too).
WHEEL_DIR := .wheel-check

wheel-check: $(STAMP)
	rm -rf $(WHEEL_DIR)
	$(BIN)/python -m build --quiet --wheel --outdir $(WHEEL_DIR)/dist .
	$(PYTHON) -m venv $(WHEEL_DIR)/venv
	$(WHEEL_DIR)/venv/bin/python -m pip install --quiet $(WHEEL_DIR)/dist/pieces_os_client-*.whl
	$(BIN)/python tests/compat/run.py $(WHEEL_DIR)/venv/bin/python
	rm -rf $(WHEEL_DIR)

# bench-compare on every supported CPython on this machine (pyenv's included), bytecode compiled.
bench-pythons: $(STAMP)
	$(BIN)/python -m benchmarks.pythons

clean:
	rm -rf $(VENV) $(OFFICIAL_VENV) .bench $(TYPING_VENV) $(WHEEL_DIR) build *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis .nox
