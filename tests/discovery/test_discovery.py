"""`discover` and `wait_until_ready` against fakes on ephemeral ports.

The port range and the home folder are injected, so nothing here depends on what happens to listen on
39300-39333, 1000 or 5323 on the machine running the tests.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

import pieces_os_client
from pieces_os_client.discovery import (
    PIECES_OS_PORTS,
    PiecesOSNotFoundError,
    discover,
    port_file_locations,
    wait_until_ready,
)
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    ConfigurationError,
)
from pieces_os_client.testing import FakePiecesOS
from tests._server import default_range_held


def closed_ports(count: int) -> List[int]:
    """Ports that were free a moment ago: nothing listens there."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path


@pytest.fixture
def silent_listener() -> Iterator[int]:
    """A port that accepts connections (the backlog) but never answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(8)
        yield s.getsockname()[1]


def write_port_file(home: Path, port: object, which: int = 1) -> Path:
    path = port_file_locations(home)[which]
    path.parent.mkdir(parents=True)
    path.write_text(f"{port}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("platform", "folders"),
    [
        ("darwin", ["Library/com.pieces.os/production/Config", "Library/com.pieces.os/production/config"]),
        ("win32", ["Documents/com.pieces.os/production/Config"]),  # names ignore case there
        ("linux", ["Documents/com.pieces.os/production/Config", "Documents/com.pieces.os/production/config"]),
        (
            "freebsd13",
            ["Documents/com.pieces.os/production/Config", "Documents/com.pieces.os/production/config"],
        ),
    ],
)
def test_port_file_locations_are_this_systems_config_folders(
    home: Path, platform: str, folders: List[str]
) -> None:
    # Sources disagree on Config or config, which matters where names are case-sensitive: both, Config first.
    assert port_file_locations(home, platform=platform) == [home / f / ".port.txt" for f in folders]
    expected = "darwin" if sys.platform == "darwin" else "win32" if sys.platform == "win32" else "linux"
    assert port_file_locations(home) == port_file_locations(home, platform=expected)
    assert PIECES_OS_PORTS[0] == 39300 and PIECES_OS_PORTS[-1] == 39333 and len(PIECES_OS_PORTS) == 34


def test_the_port_file_wins(pieces_os: FakePiecesOS, home: Path) -> None:
    with FakePiecesOS() as in_range:
        write_port_file(home, pieces_os.port)
        found = discover(home=home, ports=[in_range.port], legacy_ports=[])
    assert found == pieces_os.url


def test_range_is_probed_and_the_lowest_answering_port_wins(home: Path) -> None:
    with FakePiecesOS() as a, FakePiecesOS() as b:
        ports = sorted([a.port, b.port, *closed_ports(5)])
        lowest = min(a.port, b.port)
        assert discover(home=home, ports=ports, legacy_ports=[]) == f"http://127.0.0.1:{lowest}"


def test_legacy_ports_come_last(pieces_os: FakePiecesOS, home: Path) -> None:
    assert discover(home=home, ports=closed_ports(3), legacy_ports=[pieces_os.port]) == pieces_os.url


def test_a_port_file_pointing_nowhere_or_garbage_is_skipped(pieces_os: FakePiecesOS, home: Path) -> None:
    write_port_file(home, closed_ports(1)[0], which=0)
    write_port_file(home, "not a port", which=1)
    assert discover(home=home, ports=[pieces_os.port], legacy_ports=[]) == pieces_os.url


def test_a_port_file_of_32_bytes_is_read(pieces_os: FakePiecesOS, home: Path) -> None:
    path = port_file_locations(home)[0]
    path.parent.mkdir(parents=True)
    text = f"\ufeff{pieces_os.port}\r\n".encode()  # a BOM and a Windows line ending are allowed
    path.write_bytes(text + b" " * (32 - len(text)))
    assert discover(home=home, ports=[], legacy_ports=[]) == pieces_os.url


def test_a_host_name_is_resolved(pieces_os: FakePiecesOS, home: Path) -> None:
    assert discover(home=home, host="localhost", ports=[pieces_os.port], legacy_ports=[]) == (
        f"http://localhost:{pieces_os.port}"
    )


def test_health_must_answer_200(pieces_os: FakePiecesOS, home: Path) -> None:
    pieces_os.fail_next("/.well-known/health", status=404)
    with pytest.raises(PiecesOSNotFoundError):
        discover(home=home, ports=[pieces_os.port], legacy_ports=[])
    assert [(r.method, r.path) for r in pieces_os.requests] == [("GET", "/.well-known/health")]


def test_nothing_running_answers_fast_and_lists_what_was_tried(home: Path, silent_listener: int) -> None:
    ports = sorted(closed_ports(34))
    legacy = closed_ports(2)
    started = time.monotonic()
    with pytest.raises(PiecesOSNotFoundError) as info:
        discover(home=home, ports=[*ports, silent_listener], legacy_ports=legacy)
    elapsed = time.monotonic() - started
    assert elapsed < 1.5, elapsed  # about a second at most, even with a port that never answers
    err = info.value
    assert isinstance(err, ApiConnectionError) and isinstance(err, pieces_os_client.OpenApiException)
    assert err.request_sent is False
    text = str(err)
    # One line that a person can read: this system's port files, written once; the ports; what to do.
    # Its length less the home folder's path (which depends on where the tests run: about 70 characters
    # under /tmp/pytest-of-*, many more in a deep checkout).
    assert "\n" not in text and len(text.replace(str(home), "")) < 330, text
    assert "{Config,config}/.port.txt" in text
    assert ("Library" in text) == (sys.platform == "darwin")
    assert f"37 ports from {min(ports + legacy + [silent_listener])} to" in text
    assert f"{silent_listener}: no answer within 1 s" in text
    files = port_file_locations(home)
    assert "Is Pieces OS running?" in text and "Configuration(host=...)" in text
    # `tried` has the details: one entry per port file, then per group of ports, with what each did.
    assert err.tried[: len(files)] == [f"port file {path}: absent" for path in files]
    assert f"http://127.0.0.1:{legacy[0]}/.well-known/health: refused" in err.tried
    assert f"http://127.0.0.1:{silent_listener}/.well-known/health: no answer within the timeout" in err.tried


def test_a_silent_port_in_the_range_does_not_delay_the_answer(home: Path, silent_listener: int) -> None:
    # Pieces OS answers on the lowest port; a port above it accepts and never answers. The answer is
    # certain as soon as the lowest port answered: discover returns then, not at its timeout.
    with FakePiecesOS() as fake:
        ports = [fake.port, silent_listener, *closed_ports(3)]
        started = time.monotonic()
        found = discover(
            home=home, ports=sorted(ports, key=lambda p: p != fake.port), legacy_ports=[], timeout=5
        )
        elapsed = time.monotonic() - started
        assert found == fake.url
    assert elapsed < 2.5, elapsed  # half the 5 s timeout it would otherwise wait


def test_the_port_files_port_answers_at_once_whatever_the_range_does(
    home: Path, silent_listener: int
) -> None:
    with FakePiecesOS() as fake:
        write_port_file(home, fake.port)
        started = time.monotonic()
        found = discover(home=home, ports=[silent_listener, *closed_ports(3)], legacy_ports=[], timeout=5)
        elapsed = time.monotonic() - started
        assert found == fake.url
    assert elapsed < 2.5, elapsed  # half the 5 s timeout it would otherwise wait


def test_a_silent_port_before_the_answering_one_is_waited_for(home: Path, silent_listener: int) -> None:
    # The more trusted port might still answer, so the answer is not certain before the timeout: the
    # order of trust holds, and the wait is bounded by timeout.
    with FakePiecesOS() as fake:
        started = time.monotonic()
        found = discover(home=home, ports=[silent_listener, fake.port], legacy_ports=[], timeout=0.5)
        elapsed = time.monotonic() - started
        assert found == fake.url
    assert 0.45 <= elapsed < 1.0, elapsed


def test_a_refused_port_before_the_answering_one_does_not_delay_it(home: Path, silent_listener: int) -> None:
    with FakePiecesOS() as fake:
        started = time.monotonic()
        found = discover(home=home, ports=[*closed_ports(5), fake.port, silent_listener], timeout=5)
        elapsed = time.monotonic() - started
        assert found == fake.url
    assert elapsed < 2.5, elapsed  # half the 5 s timeout it would otherwise wait


def test_more_ports_than_probes_open_at_once_are_all_probed(home: Path) -> None:
    with FakePiecesOS() as fake:
        ports = [*closed_ports(100), fake.port]
        assert discover(home=home, ports=ports, legacy_ports=[], timeout=5) == fake.url


@pytest.mark.skipif(sys.platform == "win32", reason="one port file path on Windows")
def test_the_default_message_is_one_short_line(home: Path) -> None:
    try:
        with default_range_held():
            found = discover(home=home)
    except PiecesOSNotFoundError as err:
        text = str(err)
    else:
        pytest.skip(f"a Pieces OS (or a fake) answers at {found} on this machine")
    shown = str(port_file_locations(home)[0].parent.parent) + "/{Config,config}/.port.txt"
    assert text == (
        f"no Pieces OS found on this machine: no port file at {shown}; nothing answered as Pieces OS "
        "at http://127.0.0.1 on ports 1000, 5323, 39300-39333. Is Pieces OS running? Start it, or "
        "pass the address explicitly with Configuration(host=...)"
    )


def test_contiguous_range_is_named_as_a_range(home: Path) -> None:
    first = closed_ports(1)[0]
    with pytest.raises(PiecesOSNotFoundError) as info:
        discover(home=home, ports=range(first, first + 3), legacy_ports=[], timeout=0.5)
    assert f"http://127.0.0.1:{first}-{first + 2}/.well-known/health: refused" in info.value.tried
    assert f"at http://127.0.0.1 on ports {first}-{first + 2}." in str(info.value)


@pytest.mark.parametrize(
    ("options", "kind", "words"),
    [
        ({"timeout": float("nan")}, ApiValueError, "timeout must be a finite number"),
        ({"timeout": -1}, ApiValueError, "timeout must be a finite number"),
        ({"timeout": "1"}, ApiTypeError, "timeout must be a number of seconds"),
        ({"ports": [0]}, ApiValueError, "ports must hold port numbers from 1 to 65535"),
        ({"legacy_ports": 1000}, ApiTypeError, "legacy_ports must be a sequence"),
        ({"port_files": "/tmp/x"}, ApiTypeError, "port_files must be a list of paths"),
        ({"host": "http://127.0.0.1:39300"}, ConfigurationError, "like '127.0.0.1' or '::1'"),
        ({"host": 127}, ConfigurationError, "host must be an address"),
    ],
)
def test_bad_arguments_are_sdk_errors_at_once(
    home: Path, options: Dict[str, Any], kind: type, words: str
) -> None:
    with pytest.raises(pieces_os_client.OpenApiException) as info:
        discover(home=home, **options)
    assert type(info.value) is kind and words in str(info.value)


def test_wait_until_ready_with_a_host(pieces_os: FakePiecesOS) -> None:
    assert wait_until_ready(pieces_os.url + "/", timeout=2) == pieces_os.url
    closed = f"http://127.0.0.1:{closed_ports(1)[0]}"
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError, match=r"not ready within 0\.5 s"):
        wait_until_ready(closed, timeout=0.5, interval=0.05)
    assert time.monotonic() - started < 2
    with pytest.raises(ConfigurationError):
        wait_until_ready("https://localhost:1", timeout=0.1)
    with pytest.raises(ApiTypeError, match="unexpected option 'prots'"):
        wait_until_ready(timeout=0.1, prots=[1])


def test_wait_until_ready_discovers_a_server_that_starts_late(home: Path) -> None:
    port = closed_ports(1)[0]
    fake = FakePiecesOS(port=port)
    starter = threading.Timer(0.3, fake.start)
    starter.start()
    try:
        url = wait_until_ready(timeout=5, interval=0.05, home=home, ports=[port], legacy_ports=[])
        assert url == f"http://127.0.0.1:{port}"
    finally:
        starter.join(5)
        fake.stop()


def test_exported_from_the_package() -> None:
    assert pieces_os_client.discover is discover
    assert pieces_os_client.wait_until_ready is wait_until_ready
    assert pieces_os_client.PiecesOSNotFoundError is PiecesOSNotFoundError
