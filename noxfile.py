"""The test matrix: the suite on every supported CPython, on the lowest declared dependencies, and the
asyncio client's tests under both of aiohttp's parsers at its lowest and newest.

`make matrix` runs every session here, one after the other; CI (.ci/run) runs them all but the one on the
Python that `make test` already ran the whole suite on. The supported Pythons are read from the
classifiers in pyproject.toml, the lowest versions from its ``dependencies`` and extras, and the test
tools' pins from requirements-dev.txt, so each fact has one home. Interpreters are taken from pyenv's
versions folder where it has them, else from PATH. Every session spreads its tests over the machine's
cores (pytest-xdist), and each environment is built once.

- ``tests-3.X`` (every supported Python but the oldest): the suite on that Python, less the tests that
  ``make test`` runs on one Python only (ONE_PYTHON_TESTS: the fuzz and schemathesis tests, and those
  that mostly start interpreters: the command line, the docs examples, the pytest plugin).
- ``lowest``: the suite on the oldest supported Python with every runtime dependency at its lower bound
  (``pydantic>=2.14.2`` is installed as ``pydantic==2.14.2``), the ``requests`` and ``socks`` extras
  included, less ONE_PYTHON_TESTS; the oldest Python's run of the suite.
- ``lowest-async``: the asyncio client's tests (``tests/async_client``, the parity tables and the fault
  cases every client meets) on the oldest supported Python with aiohttp, the ``async`` extra, at its
  lower bound too; once with aiohttp's C parser and once with its pure-Python one
  (``AIOHTTP_NO_EXTENSIONS=1``, what users get where aiohttp has no wheel).
- ``newest-async``: the same, and the docs' async examples, with the newest aiohttp the extra admits.
"""

from __future__ import annotations

import glob
import os
import re
from pathlib import Path
from typing import Dict, List

import nox

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml(str(ROOT / "pyproject.toml"))
PYTHONS: List[str] = nox.project.python_versions(PYPROJECT)
FULL_PYTHON = PYTHONS[-1]
# Test tools from requirements-dev.txt (its pins). ruff formats the generator's output (test_generate);
# ruff's checks run once, in `make check`; mypy runs there and in `lowest` (without the async extra).
TEST_TOOLS = [
    "pytest",
    "ruff",
    "pytest-timeout",
    "responses",
    "hypothesis",
    "jinja2",
    "pyyaml",
    "openapi-spec-validator",
    "trustme",
    "packaging",
    "pytest-xdist",
]
ASYNC_TOOLS = ["aiohttp", "pytest-asyncio", "aioresponses"]
# Run on one Python only (by `make test`): property-based and schemathesis tests, and the files whose tests
# mostly start interpreters (what they test does not vary by Python).
ONE_PYTHON_TESTS = [
    "tests/models/test_fuzz_responses.py",
    "tests/spec/test_schemathesis.py",
    "tests/cli/test_cli.py",
    "tests/cli/test_cli_progress.py",
    "tests/docs/test_docs_examples.py",
    "tests/fake/test_fake_plugin.py",
    "tests/project/test_version.py",
    "tests/project/test_benchmarks.py",
]
# Bytecode is written, as `make test` writes it, even where PYTHONDONTWRITEBYTECODE is set: each worker
# and subprocess would otherwise compile the tests and the package again. Sessions inherit os.environ.
os.environ["PYTHONDONTWRITEBYTECODE"] = ""
# Three workers a core, as `make test`: many tests wait on a socket or a timer.
WORKERS = str(3 * (os.cpu_count() or 1))
PYTEST = ["python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", WORKERS, "--dist", "worksteal"]

# The asyncio client's tests: its own files, and the fault tables every client meets.
ASYNC_TESTS = [
    "tests/async_client/test_*.py",
    "tests/parity/test_*.py",
    "tests/faults/test_reuse_faults.py",
    "tests/faults/test_close_faults.py",
    "tests/faults/test_event_loop_faults.py",
]

nox.options.sessions = [
    *(f"tests-{python}" for python in PYTHONS[1:]),
    "lowest",
    "lowest-async",
    "newest-async",
]
nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True


def _add_pyenv_pythons() -> None:
    """Put pyenv's interpreters for the supported versions first on PATH (its shims only run one)."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = []
    for python in PYTHONS:
        folders = glob.glob(os.path.join(root, "versions", f"{python}.*", "bin"))
        patch = re.compile(rf"{re.escape(python)}\.(\d+)$")

        def patch_level(folder: str, patch: re.Pattern[str] = patch) -> int:
            match = patch.search(os.path.basename(os.path.dirname(folder)))
            return int(match.group(1)) if match else -1

        newest = max(folders, key=patch_level, default=None)
        if newest is not None and patch_level(newest) >= 0:
            found.append(newest)
    if found:
        os.environ["PATH"] = os.pathsep.join([*found, os.environ.get("PATH", "")])


_add_pyenv_pythons()


def _dev_pins() -> Dict[str, str]:
    """requirements-dev.txt as {normalized name: requirement line}."""
    pins = {}
    for line in (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        match = re.match(r"[A-Za-z0-9._-]+", line)
        if match:
            pins[_normalize(match.group(0))] = line
    return pins


def _normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _tools(*names: str) -> List[str]:
    pins = _dev_pins()
    return [pins[_normalize(name)] for name in names]


def _lowest_pins(*extras: str) -> List[str]:
    """``name==X`` for each runtime dependency (and those of ``extras``) declared as ``name>=X``."""
    project = PYPROJECT["project"]
    declared = list(project["dependencies"])
    for extra in extras:
        declared += project["optional-dependencies"][extra]
    pins = []
    for requirement in declared:
        match = re.match(r"\s*([A-Za-z0-9._-]+)\s*>=\s*([0-9][A-Za-z0-9.]*)", requirement)
        if match is None:
            raise ValueError(f"no lower bound in {requirement!r} (pyproject.toml)")
        pins.append(f"{match.group(1)}=={match.group(2)}")
    return pins


@nox.session(python=PYTHONS[1:])
def tests(session: nox.Session) -> None:
    """The suite on one Python, less ONE_PYTHON_TESTS (`make test` runs those)."""
    # The asyncio client's tests run here; `lowest` runs without the async extra (they skip there).
    session.install("-e", ".[requests]", *_tools(*TEST_TOOLS, *ASYNC_TOOLS))
    session.run(*PYTEST, *_ignore(ONE_PYTHON_TESTS), *session.posargs)


def _ignore(paths: List[str]) -> List[str]:
    return [f"--ignore={path}" for path in paths]


def _install_at_lower_bounds(session: nox.Session, extras: List[str], tools: List[str]) -> Path:
    """Install the package with ``extras`` and ``tools``, every runtime dependency at its lower bound,
    and check that nothing pulled a newer release; returns the constraints file (for later installs)."""
    pins = _lowest_pins(*extras)
    constraints = Path(session.create_tmp()) / "constraints-lowest.txt"
    constraints.write_text("\n".join(pins) + "\n", encoding="utf-8")
    session.install("-c", str(constraints), "-e", f".[{','.join(extras)}]", *tools)
    # Fail loudly if anything pulled a newer release than the bound under test.
    session.run("python", "-c", _CHECK_PINS, *pins)
    return constraints


@nox.session(python=PYTHONS[0])
def lowest(session: nox.Session) -> None:
    """The suite (less ONE_PYTHON_TESTS) on the oldest Python, every runtime dependency at its lower bound."""
    constraints = _install_at_lower_bounds(session, ["requests", "socks"], _tools(*TEST_TOOLS))
    # `make check`'s typing without the async extra: the asyncio client must type-check without aiohttp.
    session.install("-c", str(constraints), *_tools("mypy", "types-requests", "types-PyYAML"))
    # Without aiohttp its types are Any, so an ignore that aiohttp's stubs need is unused here: not an error.
    session.run("python", "-m", "mypy", "--no-warn-unused-ignores")
    session.run(*PYTEST, *_ignore(ONE_PYTHON_TESTS), *session.posargs)


@nox.session(name="lowest-async", python=PYTHONS[0])
def lowest_async(session: nox.Session) -> None:
    """The asyncio client's tests on the oldest Python with aiohttp at its declared lower bound."""
    tools = _tools(*TEST_TOOLS, *(name for name in ASYNC_TOOLS if name != "aiohttp"))
    _install_at_lower_bounds(session, ["requests", "async"], tools)
    _run_async_tests(session, _async_tests())


@nox.session(name="newest-async", python=FULL_PYTHON)
def newest_async(session: nox.Session) -> None:
    """The asyncio client's tests and the docs' async examples with the newest aiohttp the extra admits."""
    tools = _tools(*TEST_TOOLS, *(name for name in ASYNC_TOOLS if name != "aiohttp"))
    session.install("--upgrade", "-e", ".[requests,async]", *tools)
    _run_async_tests(session, [*_async_tests(), "tests/docs/test_docs_examples.py"])


def _async_tests() -> List[str]:
    return sorted({str(path.relative_to(ROOT)) for pattern in ASYNC_TESTS for path in ROOT.glob(pattern)})


def _run_async_tests(session: nox.Session, tests: List[str]) -> None:
    """``tests`` with aiohttp's C parser, then with its pure-Python one."""
    args = [*PYTEST, *tests, *session.posargs]
    session.run("python", "-c", "import aiohttp; print('aiohttp', aiohttp.__version__)")
    session.run(*args)
    session.run(*args, env={"AIOHTTP_NO_EXTENSIONS": "1"})


_CHECK_PINS = """
import sys
from importlib.metadata import version
def release(text):  # "2.6" and "2.6.0" are one release
    parts = [int(part) for part in text.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return parts
wrong = []
for pin in sys.argv[1:]:
    name, wanted = pin.split("==")
    got = version(name)
    print(f"{name} {got}")
    if release(got) != release(wanted):
        wrong.append(f"{name} {got} (wanted {wanted})")
sys.exit("not at the lower bound: " + ", ".join(wrong) if wrong else 0)
"""
