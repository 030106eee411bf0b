"""Case 54: discovery against a hostile port file, and the arguments of `wait_until_ready` and `discover`.

A port file that is a FIFO, a symlink to ``/dev/zero``, a 300 MB file or digits that are not ASCII must
cost a few bytes of reading at most and end within ``timeout`` with an SDK error, in the calling thread
and through `async_discover`. The cases that hung or ate memory before their fix run in a subprocess
with a time bound and a memory cap, so a regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List

import pytest

import pieces_os_client
from pieces_os_client import cli
from pieces_os_client.discovery import (
    PiecesOSNotFoundError,
    async_discover,
    discover,
    port_file_locations,
    wait_until_ready,
)
from pieces_os_client.exceptions import ApiTimeoutError, ApiValueError, ConfigurationError
from pieces_os_client.testing import FakePiecesOS
from tests._calls import raises_within
from tests._server import closed_port, default_range_held, has_ipv6_loopback

ROOT = Path(__file__).resolve().parents[2]
# What a child process may take: far more than discovery needs, far less than reading /dev/zero would.
CHILD_MEMORY = 512 * 1024 * 1024
CHILD_SECONDS = 15.0

posix_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")


@pytest.fixture
def port_file(tmp_path: Path) -> Path:
    """Where discovery reads the port file first, under a home folder of the test's own."""
    path = port_file_locations(tmp_path / "home")[0]
    path.parent.mkdir(parents=True)
    return path


@pytest.fixture
def fifo(port_file: Path) -> Iterator[Path]:
    """The port file is a FIFO nobody writes to: opening it for reading blocks until a writer comes."""
    os.mkfifo(port_file)
    yield port_file
    # Should a reader still be blocked (a regression), a writer that opens and closes releases it.
    try:
        fd = os.open(port_file, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return  # no reader is waiting
    os.close(fd)


def run_child(code: str) -> Dict[str, Any]:
    """Run ``code`` in a fresh interpreter with a memory cap and a time bound; the JSON it prints last."""
    prelude = textwrap.dedent(
        f"""
        import json, resource, sys, time
        resource.setrlimit(resource.RLIMIT_AS, ({CHILD_MEMORY}, {CHILD_MEMORY}))
        sys.path.insert(0, {str(ROOT)!r})
        """
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", prelude + textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=CHILD_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"the child did not finish within {CHILD_SECONDS} s")
    assert done.returncode == 0, done.stderr[-3000:]
    result: Dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def discover_in_child(home: Path, port: int, *, use_async: bool = False) -> Dict[str, Any]:
    """discover() (or asyncio.run(async_discover())) in a child: what it raised, how long it took."""
    call = "asyncio.run(async_discover(**options))" if use_async else "discover(**options)"
    return run_child(
        f"""
        import asyncio, threading, tracemalloc
        from pieces_os_client.discovery import async_discover, discover
        tracemalloc.start()
        options = dict(home={str(home)!r}, ports=[{port}], legacy_ports=[], timeout=0.5)
        started = time.monotonic()
        try:
            outcome = {{"url": {call}}}
        except Exception as exc:
            outcome = {{"error": type(exc).__name__, "message": str(exc)}}
        outcome["elapsed"] = time.monotonic() - started
        outcome["peak_kib"] = tracemalloc.get_traced_memory()[1] // 1024  # Python allocations
        time.sleep(0.6)  # longer than the timeout: every thread discovery started has ended by now
        outcome["threads"] = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
        print(json.dumps(outcome))
        """
    )


# A port file that is opened or read as it must not be blocks (a FIFO without a writer, /dev/zero) until
# the child is killed: discovery's own timeout is 0.5 s, so a bound well above it tells the two apart
# without failing on a loaded machine.
HANG = 3.0


def finishes_within(seconds: float, fn: Callable[[], Any]) -> Any:
    """``fn()`` in a daemon thread, which must finish within ``seconds``; its result, or what it raised."""
    box: List[Any] = []

    def run() -> None:
        try:
            box.append(fn())
        except BaseException as exc:
            box.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"did not finish within {seconds} s"
    return box[0]


# -- 54a: a FIFO ----------------------------------------------------------------------------------------


@posix_only
def test_54a_a_fifo_port_file_is_not_opened_for_reading(fifo: Path, tmp_path: Path) -> None:
    with FakePiecesOS() as fake:
        started = time.monotonic()
        found = finishes_within(
            3.0, lambda: discover(home=tmp_path / "home", ports=[fake.port], legacy_ports=[], timeout=2)
        )
        elapsed = time.monotonic() - started
        assert found == fake.url  # the range is probed as usual, and answers at once
    assert elapsed < 1.0, elapsed  # half its 2 s timeout


@posix_only
def test_54a_a_fifo_port_file_is_named_in_the_error(fifo: Path, tmp_path: Path) -> None:
    outcome = discover_in_child(tmp_path / "home", closed_port())
    assert outcome["error"] == "PiecesOSNotFoundError", outcome
    assert f"port file {fifo}: not a regular file" in outcome["message"]
    assert outcome["elapsed"] < HANG, outcome


# -- 54b: a symlink to /dev/zero --------------------------------------------------------------------------


@posix_only
def test_54b_a_port_file_linked_to_dev_zero_is_not_read(port_file: Path, tmp_path: Path) -> None:
    port_file.symlink_to("/dev/zero")
    outcome = discover_in_child(tmp_path / "home", closed_port())
    assert outcome["error"] == "PiecesOSNotFoundError", outcome
    assert f"port file {port_file}: not a regular file" in outcome["message"]
    assert outcome["elapsed"] < HANG and outcome["peak_kib"] < 100 * 1024, outcome


# -- 54c: a 300 MB file ------------------------------------------------------------------------------------


def test_54c_a_huge_port_file_is_not_read(port_file: Path, tmp_path: Path) -> None:
    with port_file.open("wb") as f:
        f.truncate(300 * 1000 * 1000)  # sparse: 300 MB to read, nothing on disk
    outcome = (
        discover_in_child(tmp_path / "home", closed_port())
        if hasattr(os, "mkfifo")  # resource (the memory cap) is POSIX
        else {"error": "skipped"}
    )
    if outcome["error"] != "skipped":
        assert outcome["error"] == "PiecesOSNotFoundError", outcome
        assert "300000000 bytes, too large to hold a port" in outcome["message"]
        assert outcome["peak_kib"] < 100 * 1024, outcome  # read, it would be 300 MB
    # A file of a few bytes more than a port ("39300" and a line ending) is not read either.
    port_file.write_bytes(b"39300" + b" " * 40)
    with pytest.raises(PiecesOSNotFoundError, match="too large to hold a port"):
        discover(home=tmp_path / "home", ports=[], legacy_ports=[])


# -- 54d: digits that are not ASCII --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["3930\u00b2", "\u00b2", "\u0663\u0669\u0663\u0660\u0660", "39 300", "+39300"]
)
def test_54d_a_port_file_without_an_ascii_port_is_skipped(port_file: Path, tmp_path: Path, text: str) -> None:
    port_file.write_text(text, encoding="utf-8")
    with FakePiecesOS() as fake:
        assert discover(home=tmp_path / "home", ports=[fake.port], legacy_ports=[]) == fake.url
    with pytest.raises(PiecesOSNotFoundError) as info:
        discover(home=tmp_path / "home", ports=[closed_port()], legacy_ports=[])
    assert f"port file {port_file}: holds no port number" in info.value.tried


def test_54d_the_cli_reports_it_as_not_found_not_an_internal_error(
    port_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    port_file.write_text("\u00b2", encoding="utf-8")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("USERPROFILE", str(tmp_path / "home"))
    with default_range_held():  # discovery probes the range; no other test's server is probed
        try:
            found = discover()
        except PiecesOSNotFoundError:
            pass
        else:
            pytest.skip(f"a Pieces OS (or a fake) answers at {found} on this machine")
        assert cli.main(["discover"]) == cli.EXIT_CONNECTION
    err = capsys.readouterr().err
    assert "internal error" not in err and "PiecesOSNotFoundError" in err and "holds no port number" in err


# -- 54e: async_discover keeps asyncio.run() free -------------------------------------------------------


@posix_only
def test_54e_async_discover_with_a_fifo_lets_asyncio_run_return(fifo: Path, tmp_path: Path) -> None:
    outcome = discover_in_child(tmp_path / "home", closed_port(), use_async=True)
    assert outcome["error"] == "PiecesOSNotFoundError", outcome  # an SDK error, not TimeoutError
    assert outcome["elapsed"] < HANG, outcome
    assert outcome["threads"] == [], outcome  # no thread left blocked


def test_54e_a_cancelled_async_discover_stops_its_thread(tmp_path: Path) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)

        async def main() -> float:
            task = asyncio.create_task(
                async_discover(home=tmp_path, ports=[silent.getsockname()[1]], legacy_ports=[], timeout=10)
            )
            await asyncio.sleep(0.2)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            cancelled = time.monotonic()
            while any(t.name == "pieces-os-discover" for t in threading.enumerate()):
                assert time.monotonic() - cancelled < 1.0, "the discovery thread outlived its caller"
                await asyncio.sleep(0.01)
            return time.monotonic() - cancelled

        assert finishes_within(5.0, lambda: asyncio.run(main())) < 0.5


@pytest.mark.parametrize("bad", [{"timeout": math.nan}, {"ports": ["39300"]}])
def test_54e_async_forms_raise_the_same_sdk_errors(tmp_path: Path, bad: Dict[str, Any]) -> None:
    with pytest.raises(ApiValueError):
        asyncio.run(async_discover(home=tmp_path, **bad))
    with pytest.raises(ApiValueError):
        asyncio.run(pieces_os_client.async_wait_until_ready(timeout=math.nan))


# -- 54f: an address the URL parser refuses ------------------------------------------------------------------


@pytest.mark.parametrize("host", ["http://[::1", "http://[127.0.0.1]:1", "http://[::1]x:1", "http://a b:1"])
def test_54f_an_unparsable_address_is_a_configuration_error(host: str) -> None:
    err, _ = raises_within(ConfigurationError, 1.0, wait_until_ready, host, timeout=1)
    assert "http://127.0.0.1:39300" in str(err)


# -- 54g: a timeout or an interval that is not a number of seconds --------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        {"timeout": math.nan},
        {"timeout": -1.0},
        {"timeout": math.inf},
        {"interval": math.nan},
        {"interval": -0.5},
        {"interval": math.inf},
    ],
)
@pytest.mark.parametrize("with_host", [True, False])
def test_54g_timeout_and_interval_are_checked_at_once(options: Dict[str, float], with_host: bool) -> None:
    host = f"http://127.0.0.1:{closed_port()}" if with_host else None
    err = finishes_within(2.0, lambda: wait_until_ready(host, **options))
    assert type(err) is ApiValueError, repr(err)
    name = next(iter(options))
    assert f"{name} must be" in str(err)


def test_54g_an_interval_of_zero_is_allowed_and_still_bounded() -> None:
    host = f"http://127.0.0.1:{closed_port()}"
    raises_within(ApiTimeoutError, 1.5, wait_until_ready, host, timeout=0.3, interval=0)


# -- 54h: IPv6 loopback -----------------------------------------------------------------------------------


@pytest.mark.skipif(not has_ipv6_loopback(), reason="no IPv6 loopback on this machine")
@pytest.mark.parametrize("host", ["::1", "[::1]"])
def test_54h_discover_on_ipv6_returns_a_url_configuration_accepts(tmp_path: Path, host: str) -> None:
    with FakePiecesOS(host="::1") as fake:
        url = discover(home=tmp_path, host=host, ports=[closed_port(), fake.port], legacy_ports=[])
        assert url == f"http://[::1]:{fake.port}" == fake.url
        assert wait_until_ready(url, timeout=2) == url
        with pieces_os_client.ApiClient(pieces_os_client.Configuration(host=url)) as client:
            assert pieces_os_client.AllocationsApi(client).allocations_snapshot().iterable == []
