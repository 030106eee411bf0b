"""Every Python example in README.md and docs/**/*.md runs, against a fake Pieces OS.

Each fenced block whose info string starts with ``python`` is one test (blocks marked
``python no-run`` are skipped: they need a real Pieces OS). A fresh `FakePiecesOS` is started per
block, holding one allocation with the id the spec's examples use (so the generated examples reach
the endpoints' real work rather than a 404), and the literal ``http://localhost:1000`` in the block is
replaced by its URL. The block runs with a home folder of its own holding the fake's port in the
Pieces OS port file, so `discover()` finds the fake as it finds Pieces OS. A script runs in this
interpreter, as ``__main__``, with its output captured and ``sys.exit`` turned into an exit status as a
process would have it; a block that defines ``test_*`` functions is a test module, run by pytest in a
process of its own (with the ``pieces_os`` fixture's plugin). Tracebacks name the Markdown file and line.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import subprocess
import sys
import traceback
from pathlib import Path
from typing import Iterator

import pytest

from pieces_os_client.discovery import PiecesOSNotFoundError, discover, port_file_locations
from pieces_os_client.testing import FakePiecesOS, sample_user_profile
from tests._doc_blocks import ROOT, Example, doc_files, extract
from tests._server import closed_port, default_range_held

DOCUMENTED_HOST = "http://localhost:1000"
TIMEOUT = 60
EXAMPLE_ALLOCATION_ID = "5d6f3a1e-8c2b-4f7a-9e10-2b3c4d5e6f70"  # AllocationCloud.id's example in openapi.yaml
_DEFINES_TESTS = re.compile(r"^def test_\w+\(", re.MULTILINE)
PLUGIN = "pieces_os_client.testing.pytest_plugin"
EXAMPLES = [example for path in doc_files() for example in extract(path)]


def run_script(example: Example, code: str, tmp_path: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (from ``example``) with ``home`` as the home folder: a test module under pytest in a
    process of its own, a script in this interpreter (`run_in_process`)."""
    if not _DEFINES_TESTS.search(code.replace("async def test_", "def test_")):
        return run_in_process(example, code, home)
    # Padding: line N of the module is line N of the Markdown file, so tracebacks point at the doc.
    script = tmp_path / f"test_example_{example.path.stem.lower()}_{example.line}.py"
    script.write_text("\n" * (example.line - 1) + code, encoding="utf-8")
    # Its own root: a temporary folder inside this checkout (nox's) would take this project's pytest settings.
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    # The documented plugin, named (pytest's plugin autoloading, tested in tests/fake/test_fake_plugin.py, is
    # off: loading every installed plugin would cost each example seconds).
    plugins = ["-p", PLUGIN]
    if "async" in example.info.split():
        plugins += ["-p", "asyncio"]  # pytest-asyncio, by its entry point name
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugins, str(script)]
    env = {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "HOME": str(home),
        "USERPROFILE": str(home),
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
    }
    try:
        return subprocess.run(
            command, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT, env=env, check=False
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{example.where}: the example did not finish within {TIMEOUT} s")


@contextlib.contextmanager
def _logging_kept() -> Iterator[None]:
    """The levels and handlers of every logger as they were, whatever a script sets."""
    loggers = [
        logging.getLogger(),
        *(logging.getLogger(name) for name in list(logging.root.manager.loggerDict)),
    ]
    saved = [(logger, logger.level, list(logger.handlers)) for logger in loggers]
    try:
        yield
    finally:
        for logger, level, handlers in saved:
            logger.setLevel(level)
            logger.handlers[:] = handlers


def run_in_process(example: Example, code: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run a script in this interpreter as ``__main__`` would run, with ``home`` as the home folder.

    Its stdout and stderr are captured; the result reads as a finished process's: ``sys.exit(text)``
    prints the text to stderr with status 1, an uncaught exception its traceback with status 1.
    """
    compiled = compile("\n" * (example.line - 1) + code, str(example.path), "exec")
    out, err = io.StringIO(), io.StringIO()
    status = 0
    saved_env = {name: os.environ.get(name) for name in ("HOME", "USERPROFILE")}
    os.environ["HOME"] = os.environ["USERPROFILE"] = str(home)
    try:
        with _logging_kept(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                exec(compiled, {"__name__": "__main__", "__file__": str(example.path)})
            except SystemExit as stop:
                if isinstance(stop.code, int) or stop.code is None:
                    status = stop.code or 0
                else:
                    print(stop.code, file=sys.stderr)
                    status = 1
            except Exception:
                traceback.print_exc()
                status = 1
    finally:
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess([example.where], status, out.getvalue(), err.getvalue())


def test_examples_were_found() -> None:
    where = {e.path.name for e in EXAMPLES}
    assert "testing.md" in where and "README.md" in where


def test_extraction_handles_info_strings_and_fences(tmp_path: Path) -> None:
    doc = tmp_path / "x.md"
    doc.write_text(
        "text\n```python\nprint(1)\n```\n\n````python no-run\nx = '```'\n````\n\n```sh\nls\n```\n"
        "1. item\n\n   ```python\n   print(2)\n   ```\n",
        encoding="utf-8",
    )
    found = extract(doc)
    assert [(e.line, e.info, e.code) for e in found] == [
        (3, "python", "print(1)\n"),
        (7, "python no-run", "x = '```'\n"),
        (16, "python", "print(2)\n"),
    ]


def _release(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")[:2] if part.isdigit())


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.where for e in EXAMPLES])
def test_example_runs(example: Example, tmp_path: Path) -> None:
    if "no-run" in example.info.split():
        pytest.skip("marked `python no-run`: needs a real Pieces OS")
    if "async" in example.info.split():  # `python async`: needs the async extra (and pytest-asyncio)
        aiohttp = pytest.importorskip("aiohttp")
        if "aioresponses" in example.code and _release(aiohttp.__version__) >= (3, 14):
            pytest.skip(
                "aioresponses 0.7.9 fails on aiohttp 3.14 (ClientResponse needs stream_writer); "
                "docs/testing.md says so where the recipe is"
            )
        if _DEFINES_TESTS.search(example.code.replace("async def test_", "def test_")):
            pytest.importorskip("pytest_asyncio")
    home = tmp_path / "home"
    with FakePiecesOS() as fake:
        fake.add_allocation(sample_user_profile(EXAMPLE_ALLOCATION_ID))
        port_file = port_file_locations(home)[0]  # where Pieces OS writes its port
        port_file.parent.mkdir(parents=True)
        port_file.write_text(str(fake.port), encoding="utf-8")
        done = run_script(example, example.code.replace(DOCUMENTED_HOST, fake.url), tmp_path, home)
    if done.returncode != 0:
        tail = (done.stdout + done.stderr).strip().splitlines()[-25:]
        pytest.fail(
            f"{example.where}: the example failed (exit {done.returncode})\n" + "\n".join(tail), pytrace=False
        )


def readme_example(heading: str) -> Example:
    """The first Python example of the README section under ``heading``."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n## ", start + 1)
    lines_before = text[:start].count("\n") + 1
    section_lines = range(lines_before, lines_before + text[start:end].count("\n") + 1)
    found = [e for e in extract(ROOT / "README.md") if e.line in section_lines]
    assert found, f"no Python example under {heading!r}"
    return found[0]


def nothing_is_running(home: Path) -> None:
    """Skip when something answers as Pieces OS here: the test needs a machine where none runs."""
    try:
        url = discover(home=home)
    except PiecesOSNotFoundError:
        return
    pytest.skip(f"a Pieces OS (or a fake) answers at {url} on this machine")


def test_quick_start_without_pieces_os_exits_with_one_line(tmp_path: Path) -> None:
    example = readme_example("## Quick start")
    home = tmp_path / "home"
    home.mkdir()
    with default_range_held():  # discovery probes the range; no other test's server is probed
        nothing_is_running(home)
        done = run_script(example, example.code, tmp_path, home)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, (done.returncode, done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("pieces_os_client: no Pieces OS found on this machine"), lines[0]
    assert "Is Pieces OS running?" in lines[0]


# The API reference pages: the blocking ones and their asyncio twins (every form of each method).
# Each page has an example per operation.
OPERATIONS = {
    "AllocationsApi.md": 6,
    "AsyncAllocationsApi.md": 6,
    "WellKnownApi.md": 3,
    "AsyncWellKnownApi.md": 3,
}
API_PAGES = tuple(OPERATIONS)
API_EXAMPLES = [e for e in EXAMPLES if e.path.name in API_PAGES]


@pytest.mark.parametrize("example", API_EXAMPLES, ids=[e.where for e in API_EXAMPLES])
def test_api_example_without_pieces_os_prints_the_error(example: Example, tmp_path: Path) -> None:
    if "async" in example.info.split():
        pytest.importorskip("aiohttp")
    home = tmp_path / "home"
    home.mkdir()
    nowhere = f"http://127.0.0.1:{closed_port()}"  # nothing listens: Pieces OS is not there
    # No retries: the message is the same, without the backoff waits of every call in the example.
    documented = f'Configuration(host="{DOCUMENTED_HOST}")'
    assert documented in example.code, example.where
    code = example.code.replace(documented, f'Configuration(host="{nowhere}", retries=0)')
    done = run_script(example, code, tmp_path, home)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert f"Pieces OS did not answer: could not connect to {nowhere}" in done.stdout, done.stdout
    assert "is Pieces OS running?" in done.stdout


def test_every_api_example_was_found() -> None:
    for page in API_PAGES:
        assert len([e for e in API_EXAMPLES if e.path.name == page]) == OPERATIONS[page], page


def test_async_api_examples_await_every_form() -> None:
    """Each asyncio example awaits the method, its ApiResponse form and its unread form under async with."""
    examples = [e for e in API_EXAMPLES if e.path.name in ("AsyncAllocationsApi.md", "AsyncWellKnownApi.md")]
    for example in examples:
        assert "async" in example.info.split(), example.where
        method = re.search(r"await api_instance\.(\w+)\(", example.code)
        assert method is not None, example.where
        name = method[1]
        assert f"await api_instance.{name}_with_http_info(" in example.code, example.where
        assert f"async with await api_instance.{name}_without_preload_content(" in example.code, example.where
