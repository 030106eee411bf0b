"""Case 47: a total deadline per call. A server that drips one byte at a time, each just inside the read
timeout, is cut off when ``total_timeout`` passes, wherever it drips (status line, headers, body, chunk
size lines, a streamed body read later), on both transports; retries and their waits count too."""

from __future__ import annotations

import time
from typing import Any, Callable, List

import pytest

from pieces_os_client import ApiTimeoutError, Configuration, ServiceException
from pieces_os_client._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RETRIES,
    DEFAULT_READ_TIMEOUT,
    MAX_RETRY_DELAY,
)
from tests._calls import assert_released, get, post, raises_within, returns_within
from tests._payloads import SNAPSHOT_BODY
from tests._server import Action, Conn, Request, close, respond

TRANSPORTS = ("urllib3", "requests")
# Each byte comes well inside the read timeout, so no single read ever times out; the deadline is short
# (a real deadline on a real socket: these tests wait for it).
GAP = 0.05
READ_TIMEOUT = 0.5
TOTAL = 0.4


def drip(head: bytes, body: bytes = b"") -> Action:
    """Send ``head`` at once, then ``body`` one byte every GAP seconds (until the client goes away)."""

    def action(conn: Conn, request: Request) -> bool:
        conn.send(head)
        for i in range(len(body)):
            if conn.closed or conn.server.stopping.is_set():
                break
            try:
                conn.sock.sendall(body[i : i + 1])
            except OSError:
                break
            conn.wait(GAP)
        conn.close()
        return False

    return action


STATUS_LINE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n" + SNAPSHOT_BODY
)
HEADERS = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 200 + b"\r\n\r\n"
FIXED_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n"
CHUNKED_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"

DRIPS = {
    "status-line": drip(b"", STATUS_LINE),
    "headers": drip(b"", HEADERS),
    "fixed-length-body": drip(FIXED_HEAD, b'{"iterable": [' + b" " * 400),
    "chunk-size-lines": drip(CHUNKED_HEAD, b"0000000000" * 40),
}


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("where", sorted(DRIPS))
def test_47_a_dripping_server_is_cut_off_at_the_total_deadline(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str, where: str
) -> None:
    server = serve(DRIPS[where])
    api, client = make_api(server.url, transport=transport, read_timeout=READ_TIMEOUT, total_timeout=TOTAL)
    err, elapsed = raises_within(ApiTimeoutError, TOTAL + 1.0, get, api)
    assert elapsed >= TOTAL - 0.05
    assert f"total deadline of {TOTAL:g} s" in str(err) and "Configuration.total_timeout" in str(err)
    assert "_total_timeout" in str(err)
    assert err.retryable is False
    assert server.attempts == 1  # no retry is started past the deadline
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_47_the_per_call_total_timeout_wins_and_a_post_is_cut_off_too(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str
) -> None:
    server = serve(DRIPS["fixed-length-body"])
    api, client = make_api(server.url, transport=transport, read_timeout=READ_TIMEOUT, total_timeout=60.0)
    err, _ = raises_within(ApiTimeoutError, 0.3 + 1.0, post, api, _total_timeout=0.3)
    assert "total deadline of 0.3 s" in str(err)
    assert server.attempts == 1
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_47_a_streamed_read_gets_its_own_deadline_from_when_it_is_called(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str
) -> None:
    server = serve(DRIPS["fixed-length-body"])
    api, client = make_api(server.url, transport=transport, read_timeout=READ_TIMEOUT, total_timeout=TOTAL)
    response = returns_within(TOTAL, api.allocations_snapshot_without_preload_content)
    assert response.status == 200
    assert client.connections_in_use() == 1
    time.sleep(TOTAL)  # the call's deadline has passed; the read gets its own
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError) as info:
        response.read()
    elapsed = time.monotonic() - started
    assert TOTAL - 0.05 <= elapsed < TOTAL + 1.0
    assert "total deadline" in str(info.value)
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_47_a_retry_whose_backoff_would_pass_the_deadline_is_not_started(
    serve: Callable[..., Any], make_api: Callable[..., Any], sleeps: List[float], transport: str
) -> None:
    # A GET whose connection closes without a response is retried after 0.5 s: not with 0.4 s left.
    server = serve(close())
    api, client = make_api(server.url, transport=transport, total_timeout=0.4)
    err, _ = raises_within(ApiTimeoutError, 2.0, get, api)
    assert "total deadline of 0.4 s" in str(err) and "the last attempt failed with" in str(err)
    assert server.attempts == 1 and sleeps == []
    assert err.attempts == 1
    # A retryable status with Retry-After past the deadline: the caller sees the real status at once.
    server.set_script(respond(503, b"busy", content_type="text/plain", headers=[("Retry-After", "5")]))
    status_err, _ = raises_within(ServiceException, 1.0, get, api, _total_timeout=2.0)
    assert status_err.status == 503 and status_err.attempts == 1
    assert sleeps == []
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_47_a_kept_alive_connection_outlives_the_deadline_of_the_call_that_used_it(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str
) -> None:
    server = serve(respond(200, SNAPSHOT_BODY))
    api, client = make_api(server.url, transport=transport, total_timeout=0.3)
    assert get(api).iterable == []
    time.sleep(0.4)  # the first call's deadline passes while its connection sits in the pool
    assert get(api, _total_timeout=5).iterable == []
    assert server.connections == 1 and server.attempts == 2
    assert_released(client)


def test_47_the_default_total_timeout_is_finite_and_above_a_legitimate_call() -> None:
    config = Configuration()
    attempts = DEFAULT_MAX_RETRIES + 1
    longest = (
        attempts * (DEFAULT_CONNECT_TIMEOUT + DEFAULT_READ_TIMEOUT) + DEFAULT_MAX_RETRIES * MAX_RETRY_DELAY
    )
    assert longest < config.total_timeout <= 600
    config.total_timeout = 2.5
    assert config.total_timeout == 2.5
    for bad in (0, -1, float("inf"), float("nan"), 86401, "10", True):
        with pytest.raises(ValueError):
            config.total_timeout = bad  # type: ignore[assignment]
