"""The tools users wrap around HTTP clients see this SDK's requests, on every client, over real sockets.

Record and replay (vcrpy, pytest-recording), tracing (OpenTelemetry's urllib3, requests and aiohttp-client
instrumentations, sentry-sdk), HTTP proxies with credentials and headers, SOCKS proxies, socket options
and a TLS server name. Each tool is a dev dependency; a test whose tool is not installed skips (the
``lowest`` session of the matrix installs only the package's own dependencies).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any, List

import pytest

import pieces_os_client
from tests._loopback import LoopbackServer, Reply

BLOCKING = ["urllib3", "requests"]


def _snapshot_header(client: pieces_os_client.ApiClient) -> str:
    """One snapshot call; the ``X-Answer`` header the server (or the cassette) gave it."""
    response = pieces_os_client.AllocationsApi(client).allocations_snapshot_with_http_info()
    assert response.data.iterable == []
    return str(response.headers["X-Answer"])


def _answers(server: LoopbackServer, count: int) -> None:
    """``GET /allocations`` answers an empty snapshot, with ``X-Answer: 1``, ``2``, ... in order (the
    one before last chunked)."""
    replies = [Reply(200, json={"iterable": []}, headers={"X-Answer": str(n)}) for n in range(1, count + 1)]
    replies[-2] = Reply(  # one body chunked: a cassette keeps the body and drops the framing
        200,
        b'10\r\n{"iterable": []}\r\n0\r\n\r\n',
        headers={"X-Answer": str(count - 1), "Transfer-Encoding": "chunked"},
        content_type="application/json",
    )
    server.script("GET", "/allocations", *replies)


# ---- vcrpy ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", BLOCKING)
def test_vcrpy_records_every_call_whenever_the_client_was_built_and_replays_without_a_server(
    transport: str, tmp_path: Path
) -> None:
    vcr = pytest.importorskip("vcr")
    recorder = vcr.VCR(record_mode="once")
    server = LoopbackServer().start()
    _answers(server, 4)
    configuration = pieces_os_client.Configuration(host=server.url, transport=transport, retries=0)
    clients: List[Any] = []
    try:
        built_before = pieces_os_client.ApiClient(configuration)  # built, not used, before any cassette
        used_earlier = pieces_os_client.ApiClient(configuration)
        clients += [built_before, used_earlier]
        with recorder.use_cassette(str(tmp_path / "earlier.yaml")) as earlier:
            assert _snapshot_header(used_earlier) == "1"
        assert len(earlier) == 1
        with recorder.use_cassette(str(tmp_path / "calls.yaml")) as cassette:
            assert _snapshot_header(built_before) == "2"
            built_inside = pieces_os_client.ApiClient(configuration)
            clients.append(built_inside)
            assert _snapshot_header(built_inside) == "3"
            assert _snapshot_header(used_earlier) == "4"
        assert len(cassette) == 3  # every call recorded, whenever its client was built
        assert cassette.play_count == 0
        assert server.count("GET", "/allocations") == 4
    finally:
        server.stop()

    # Replay: the server is gone, so an answer can only come from the cassette.
    replayer = vcr.VCR(record_mode="none")
    with replayer.use_cassette(str(tmp_path / "calls.yaml")) as cassette:
        assert _snapshot_header(clients[0]) == "2"  # the clients that recorded, their pools still open
        assert _snapshot_header(clients[2]) == "3"
        with pieces_os_client.ApiClient(configuration) as fresh:
            assert _snapshot_header(fresh) == "4"
        assert cassette.all_played
    with replayer.use_cassette(str(tmp_path / "earlier.yaml")) as cassette:
        assert _snapshot_header(clients[1]) == "1"
        # Played once already, and nothing may be recorded: the cassette refuses, and the SDK says so.
        with pytest.raises(pieces_os_client.ApiConnectionError) as refused:
            _snapshot_header(clients[1])
        assert isinstance(refused.value.__cause__, vcr.errors.CannotOverwriteExistingCassetteException)
        assert "vcr raised CannotOverwriteExistingCassetteException" in str(refused.value)
        assert "/allocations" in str(refused.value)
        assert refused.value.request_sent is False
    for client in clients:
        client.close()


# ---- pytest-recording ----------------------------------------------------------------------------

# A user's test module: a client built at import (before any cassette) and one per test, three tests
# recorded in one pytest process.
RECORDED_MODULE = """
import os

import pytest

import pieces_os_client

CONFIGURATION = pieces_os_client.Configuration(host=os.environ["PIECES_OS_HOST_URL"], retries=0)
SHARED = pieces_os_client.ApiClient(CONFIGURATION)


def answer(client):
    response = pieces_os_client.AllocationsApi(client).allocations_snapshot_with_http_info()
    return response.headers["X-Answer"]


@pytest.mark.vcr
def test_shared_client():
    assert answer(SHARED) == "1"


@pytest.mark.vcr
def test_own_client():
    with pieces_os_client.ApiClient(CONFIGURATION) as client:
        assert answer(client) == "2"


@pytest.mark.vcr
def test_requests_client_and_shared_client():
    configuration = pieces_os_client.Configuration(host=CONFIGURATION.host, transport="requests")
    with pieces_os_client.ApiClient(configuration) as client:
        assert answer(client) == "3"
    assert answer(SHARED) == "4"
"""


PLUGINS = ("-p", "pytest_recording.plugin")


def _pytest(directory: Path, host: str, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest on ``directory``'s test module in a process of its own, as a user's suite runs.

    Only pytest-recording is loaded: the other installed plugins (hypothesis's) take seconds to import.
    """
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PLUGINS, *args, "test_recorded.py"],
        cwd=directory,
        env={**os.environ, "PIECES_OS_HOST_URL": host, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_pytest_recording_writes_one_cassette_per_test_and_replays_them_without_a_server(
    tmp_path: Path,
) -> None:
    pytest.importorskip("pytest_recording")
    yaml = pytest.importorskip("yaml")
    (tmp_path / "test_recorded.py").write_text(RECORDED_MODULE)
    (tmp_path / "pytest.ini").write_text("[pytest]\nfilterwarnings = error\n")
    server = LoopbackServer().start()
    _answers(server, 4)
    try:
        recording = _pytest(tmp_path, server.url, "--record-mode=once")
        assert recording.returncode == 0, recording.stdout + recording.stderr
        assert server.count("GET", "/allocations") == 4
    finally:
        server.stop()
    cassettes = sorted(p.name for p in (tmp_path / "cassettes" / "test_recorded").iterdir())
    assert cassettes == [
        "test_own_client.yaml",
        "test_requests_client_and_shared_client.yaml",
        "test_shared_client.yaml",
    ]
    interactions = {
        name: [
            i["response"]["headers"]["X-Answer"]
            for i in yaml.safe_load((tmp_path / "cassettes" / "test_recorded" / name).read_text())[
                "interactions"
            ]
        ]
        for name in cassettes
    }
    assert interactions == {
        "test_own_client.yaml": [["2"]],
        "test_requests_client_and_shared_client.yaml": [["3"], ["4"]],
        "test_shared_client.yaml": [["1"]],
    }

    replay = _pytest(tmp_path, server.url, "--record-mode=none")
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert "3 passed" in replay.stdout
