"""Cases 43, 44 and 49: hostile strings on a terminal, discovery that trusts only Pieces OS, a loaded fake.

The command line runs as a subprocess against a raw-socket server that answers with hostile strings;
discovery probes raw servers that answer as something else, or drip their answer a byte at a time.
"""

from __future__ import annotations

import http.client
import json
import logging
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from pieces_os_client import AllocationsApi, ApiClient, Configuration
from pieces_os_client.discovery import PiecesOSNotFoundError, discover, wait_until_ready
from pieces_os_client.exceptions import ApiTimeoutError, ConfigurationError, NotFoundException
from pieces_os_client.testing import FakePiecesOS
from tests._calls import raises_within
from tests._payloads import CLOUD_WIRE
from tests._processes import fake_server_command
from tests._server import Conn, RawServer, Request, closed_port, has_ipv6_loopback, respond, response_bytes

TIMEOUT = 60
TRANSPORTS = ["urllib3", "requests"]

# What a hostile server puts in its strings: an OSC window title, a screen clear, a carriage return
# that overwrites the line, a C1 CSI, DEL and a bidi override.
OSC_TITLE = "\x1b]0;owned\x07"
HOSTILE = f"id{OSC_TITLE}\x1b[2J\rX\x9b31m\x7f\u202eevil"
RAW_CONTROLS = ["\x1b", "\x07", "\r", "\x9b", "\x7f", "\u202e"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pieces_os_client", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"},
        check=False,
    )


def assert_no_raw_controls(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, (char, text)


def hostile_snapshot() -> bytes:
    cloud: Dict[str, Any] = json.loads(json.dumps(CLOUD_WIRE))
    cloud["id"] = HOSTILE
    cloud["user"] = "u\x1b[1A"
    cloud["status"]["cloud"] = "RUN\x9bNING"
    cloud["urls"]["base"]["url"] = "https://x.example/\r\x1b[2K"
    return json.dumps({"iterable": [cloud]}).encode()


# -- 43: terminal and log injection ---------------------------------------------------------------------


def test_43_cli_table_escapes_server_strings() -> None:
    with RawServer([respond(200, hostile_snapshot())]) as server:
        done = run("--host", server.url, "allocations", "snapshot")
    assert done.returncode == 0, done.stderr
    assert_no_raw_controls(done.stdout)
    lines = done.stdout.splitlines()
    assert len(lines) == 2  # the header and one row: nothing in the values starts a new line
    assert "id\\x1b]0;owned\\x07\\x1b[2J\\rX\\x9b31m\\x7f\\u202eevil" in lines[1]
    assert "RUN\\x9bNING" in lines[1] and "\\r\\x1b[2K" in lines[1]


def test_43_cli_json_stays_exact() -> None:
    with RawServer([respond(200, hostile_snapshot())]) as server:
        done = run("--host", server.url, "--json", "allocations", "snapshot")
    assert done.returncode == 0, done.stderr
    assert_no_raw_controls(done.stdout)  # every control character is a JSON \u escape
    cloud = json.loads(done.stdout)["iterable"][0]
    assert cloud["id"] == HOSTILE  # byte-exact once decoded
    assert cloud["status"]["cloud"] == "RUN\x9bNING"
    assert cloud["urls"]["base"]["url"] == "https://x.example/\r\x1b[2K"


def test_43_cli_text_answer_is_escaped(tmp_path: Path) -> None:
    body_file = tmp_path / "cloud.json"
    body_file.write_text(json.dumps(CLOUD_WIRE), encoding="utf-8")
    answer = respond(200, HOSTILE.encode(), content_type="text/plain; charset=utf-8")
    with RawServer([answer]) as server:
        done = run("--host", server.url, "allocations", "disconnect", "--file", str(body_file))
        as_json = run("--host", server.url, "--json", "allocations", "disconnect", "--file", str(body_file))
    assert done.returncode == 0, done.stderr
    assert_no_raw_controls(done.stdout)
    assert done.stdout == "id\\x1b]0;owned\\x07\\x1b[2J\\rX\\x9b31m\\x7f\\u202eevil\n"
    assert as_json.returncode == 0 and json.loads(as_json.stdout) == HOSTILE
    assert_no_raw_controls(as_json.stdout)


def test_43_cli_error_line_escapes_reason_and_body() -> None:
    reason = f"Not{OSC_TITLE}Found\x9b2J"
    body = f"gone\x1b[2J\r{OSC_TITLE}\u202e!".encode()
    data = response_bytes(404, body, content_type="text/plain", reason=reason)
    with RawServer([lambda conn, request: (conn.send(data), True)[1]]) as server:
        done = run("--host", server.url, "--retries", "0", "allocations", "snapshot")
    assert done.returncode == 4, done.stderr
    assert_no_raw_controls(done.stderr)
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("pieces-os-client: NotFoundException: HTTP 404 Not")
    assert "\\x1b]0;owned\\x07" in lines[0] and "\\u202e" in lines[0]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_43_exception_messages_and_debug_lines_escape_server_strings(
    transport: str, caplog: pytest.LogCaptureFixture
) -> None:
    reason = f"Bad{OSC_TITLE}\x9b"
    data = response_bytes(404, f"x\x1b[2J{OSC_TITLE}\u202e", content_type="text/plain", reason=reason)
    caplog.set_level(logging.DEBUG, logger="pieces_os_client")
    with RawServer([lambda conn, request: (conn.send(data), True)[1]]) as server:
        config = Configuration(host=server.url, transport=transport, retries=0)
        with ApiClient(config) as client:
            err, _ = raises_within(NotFoundException, 5, AllocationsApi(client).allocations_snapshot)
    message = str(err)
    for char in RAW_CONTROLS:
        assert char not in message
    assert f"HTTP 404 Bad\\x1b]0;owned\\x07\\x9b from GET {server.url}/allocations" in message
    assert "x\\x1b[2J\\x1b]0;owned\\x07\\u202e" in message
    assert err.reason == reason  # the attribute keeps the exact text
    for record in caplog.records:
        for char in RAW_CONTROLS:
            assert char not in record.getMessage()


def test_43_fake_server_log_escapes_the_request_line() -> None:
    with fake_server_command(timeout=TIMEOUT, errors="surrogateescape") as (proc, info):
        port = int(info["url"].rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /\x1b]0;owned\x07\x1b[2J\x9b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            sock.settimeout(5)
            while sock.recv(4096):
                pass
        proc.terminate()
        assert proc.wait(TIMEOUT) == 0
        err = proc.stderr.read() if proc.stderr else ""
    assert "GET /\\x1b]0;owned\\x07\\x1b[2J" in err, err
    assert "\x1b" not in err and "\x07" not in err


# -- 44: discovery --------------------------------------------------------------------------------------


def write_port_file(home: Path, port: int, folder: str) -> None:
    path = home / "Documents" / "com.pieces.os" / "production" / folder / ".port.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(str(port), encoding="utf-8")


def test_44_a_server_that_is_not_pieces_os_is_skipped(tmp_path: Path) -> None:
    html = respond(200, b"<html>hello</html>", content_type="text/html")
    with RawServer([html]) as impostor, FakePiecesOS() as fake:
        # The impostor is both in the port file and first in the range; the fake is found anyway.
        write_port_file(tmp_path, impostor.port, "Config")
        ports = sorted([impostor.port, fake.port])
        assert discover(home=tmp_path, ports=ports, legacy_ports=[]) == fake.url
        assert impostor.attempts >= 1
        with pytest.raises(PiecesOSNotFoundError) as info:
            discover(home=tmp_path, ports=[impostor.port], legacy_ports=[])
    assert f"{impostor.port}: answered, but not as Pieces OS does" in str(info.value)
    # What Pieces OS answers (ok, ok:<id>, or the same as a JSON string) is accepted.
    for body in (b"ok", b"ok:8f14e45f-ceea-467f-a0e6-4b2c1d3e5f60", b'"ok"'):
        with RawServer([respond(200, body, content_type="text/plain")]) as server:
            assert discover(home=tmp_path, ports=[server.port], legacy_ports=[]) == server.url


def test_44_port_file_in_a_lowercase_config_folder_is_found(tmp_path: Path) -> None:
    with FakePiecesOS() as fake:
        write_port_file(tmp_path, fake.port, "config")
        assert discover(home=tmp_path, ports=[closed_port()], legacy_ports=[]) == fake.url


def _drip(conn: Conn, request: Request) -> bool:
    """A 200 whose headers arrive a byte every 0.2 s: each read is quick, the answer never ends."""
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Padding: " + b"a" * 200:
        if conn.server.stopping.is_set():
            break
        conn.send(bytes([byte]))
        conn.wait(0.2)
    conn.close()
    return False


def test_44_wait_until_ready_timeout_is_a_deadline() -> None:
    with RawServer([_drip]) as server:
        err, elapsed = raises_within(ApiTimeoutError, 3.0, wait_until_ready, server.url, timeout=2)
    assert elapsed >= 1.9
    assert "not ready within 2 s" in str(err)


def test_44_discover_ends_its_probes_within_its_bound(tmp_path: Path) -> None:
    with RawServer([_drip]) as server:
        started = time.monotonic()
        with pytest.raises(PiecesOSNotFoundError):
            discover(home=tmp_path, ports=[server.port, closed_port()], legacy_ports=[], timeout=0.5)
        elapsed = time.monotonic() - started
        left = [t.name for t in threading.enumerate() if t.name.startswith("pieces-os-discover")]
    assert elapsed < 1.5, elapsed  # its 0.5 s timeout, not the drip's pace
    assert left == []


@pytest.mark.parametrize("host", ["127.0.0.1:99999", "http://127.0.0.1:port", "http://127.0.0.1:0"])
def test_44_a_bad_address_for_wait_until_ready_is_a_configuration_error(host: str) -> None:
    err, _ = raises_within(ConfigurationError, 1.0, wait_until_ready, host, timeout=1)
    assert "http://127.0.0.1:39300" in str(err) or "port 0" in str(err)


# -- 49: the fake under load ----------------------------------------------------------------------------


def post_many(port: int, count: int, body: bytes, host: str = "127.0.0.1") -> List[int]:
    statuses = []
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        for _ in range(count):
            conn.request("POST", "/allocations/connect", body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            response.read()
            statuses.append(response.status)
    finally:
        conn.close()
    return statuses


def test_49_refused_bodies_are_recorded_as_a_bounded_prefix() -> None:
    body = b"{" + b" " * (1024 * 1024 - 1)  # 1 MiB, not valid JSON: answered 400
    with FakePiecesOS() as fake:
        assert set(post_many(fake.port, 40, body)) == {400}
        records = fake.requests
    assert len(records) == 40
    assert all(r.body_size == len(body) and r.body_truncated for r in records)
    assert sum(len(r.body) for r in records) <= 40 * 4096


def test_49_the_request_record_is_bounded() -> None:
    with FakePiecesOS(max_recorded_requests=10) as fake:
        conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=10)
        try:
            for index in range(30):
                conn.request("GET", f"/allocations?n={index}")
                conn.getresponse().read()
        finally:
            conn.close()
        records = fake.requests
    assert [r.query for r in records] == [f"n={index}" for index in range(20, 30)]
    with pytest.raises(ValueError, match="max_recorded_requests"):
        FakePiecesOS(max_recorded_requests=-1)


@pytest.mark.skipif(not has_ipv6_loopback(), reason="no IPv6 loopback on this machine")
@pytest.mark.parametrize("transport", TRANSPORTS)
def test_49_the_fake_serves_on_ipv6_loopback(transport: str) -> None:
    with FakePiecesOS(host="::1") as fake:
        assert fake.url == f"http://[::1]:{fake.port}"
        with ApiClient(fake.configuration(transport=transport)) as client:
            api = AllocationsApi(client)
            api.allocations_connect_new_cloud()
            assert len(api.allocations_snapshot().iterable) == 1
        recorded: Optional[str] = fake.requests[-1].headers.get("Host")
        assert recorded == f"[::1]:{fake.port}"
