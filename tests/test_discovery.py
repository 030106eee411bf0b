"""`discover` and `wait_until_ready` against fakes on ephemeral ports.

The port range and the home folder are injected, so nothing here depends on what happens to listen on
39300-39333, 1000 or 5323 on the machine running the tests.
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from typing import Iterator, List

import pytest

import pieces_os_client
from pieces_os_client.discovery import (
    PIECES_OS_PORTS,
    PiecesOSNotFoundError,
    discover,
    port_file_locations,
    wait_until_ready,
)
from pieces_os_client.exceptions import ApiConnectionError, ApiTimeoutError, ConfigurationError
from pieces_os_client.testing import FakePiecesOS


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


def test_port_file_locations_are_the_pieces_os_config_folders(home: Path) -> None:
    # Sources disagree on Config or config, which matters on Linux: both are looked at, Config first.
    assert port_file_locations(home) == [
        home / "Library/com.pieces.os/production/Config/.port.txt",
        home / "Library/com.pieces.os/production/config/.port.txt",
        home / "Documents/com.pieces.os/production/Config/.port.txt",
        home / "Documents/com.pieces.os/production/config/.port.txt",
    ]
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
    for path in port_file_locations(home):
        assert str(path) in text
    assert f"http://127.0.0.1:{legacy[0]}/.well-known/health" in text
    assert "Is Pieces OS running?" in text
    assert len(err.tried) == 4 + 1 + 2  # port files, the range, the legacy ports


def test_contiguous_range_is_named_as_a_range(home: Path) -> None:
    first = closed_ports(1)[0]
    with pytest.raises(PiecesOSNotFoundError) as info:
        discover(home=home, ports=range(first, first + 3), legacy_ports=[], timeout=0.5)
    assert f"http://127.0.0.1:{first}-{first + 2}/.well-known/health" in str(info.value)


def test_wait_until_ready_with_a_host(pieces_os: FakePiecesOS) -> None:
    assert wait_until_ready(pieces_os.url + "/", timeout=2) == pieces_os.url
    closed = f"http://127.0.0.1:{closed_ports(1)[0]}"
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError, match=r"not ready within 0\.5 s"):
        wait_until_ready(closed, timeout=0.5, interval=0.05)
    assert time.monotonic() - started < 2
    with pytest.raises(ConfigurationError):
        wait_until_ready("https://localhost:1", timeout=0.1)


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
