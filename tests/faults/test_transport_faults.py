"""Checklist cases 1-14, 21, 28 and 29: broken connections, timeouts, bad HTTP framing and huge bodies.

Each test scripts a raw server, calls the SDK, and asserts the exact SDK exception, the attempts the
server saw, a time bound and that no pooled connection is left checked out.
"""

from __future__ import annotations

import gzip
import struct
import sys
import time
import tracemalloc
import zlib
from typing import Any, Callable, Dict

import pytest

from pieces_os_client import (
    Allocations,
    ApiConnectionError,
    ApiTimeoutError,
    ContentDecodingError,
    ProtocolError,
    ResponseTooLargeError,
)
from pieces_os_client._constants import DEFAULT_MAX_RESPONSE_BYTES
from tests._calls import assert_released, get, post, raises_within, returns_within
from tests._payloads import CLOUD_BODY, SNAPSHOT_BODY
from tests._server import (
    FullBacklog,
    closed_port,
    endless_chunks,
    raw,
    reset,
    respond,
    response_bytes,
    stall,
)
from tests._server import close as close_action

OK = respond(200, SNAPSHOT_BODY)
JSON_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"


# ---- 1: truncated body ---------------------------------------------------------------------------

TRUNCATED = raw(JSON_HEAD + b"Content-Length: 100\r\n\r\n" + b'{"ite', then="close")


def test_01_truncated_body_get_is_a_transport_error_never_partial_json(serve, make_api, sleeps):
    server = serve(TRUNCATED)
    api, client = make_api(server.url, retries=0)
    err, _ = raises_within(ApiConnectionError, 2.0, get, api)
    assert "closed before the whole response body arrived" in str(err)
    assert server.attempts == 1 and err.attempts == 1
    assert_released(client)


def test_01_truncated_body_get_is_retried(serve, make_api, sleeps):
    server = serve(TRUNCATED, OK)
    api, client = make_api(server.url)
    result = returns_within(2.0, get, api)
    assert isinstance(result, Allocations)
    assert server.attempts == 2 and len(sleeps) == 1
    assert_released(client)


def test_01_truncated_body_post_is_not_retried(serve, make_api, sleeps):
    server = serve(TRUNCATED, OK)
    api, client = make_api(server.url)
    err, _ = raises_within(ApiConnectionError, 2.0, post, api)
    assert server.attempts == 1 and err.attempts == 1 and sleeps == []
    assert_released(client)


# ---- 2: reset mid-body ---------------------------------------------------------------------------


def test_02_reset_mid_body_discards_the_connection(serve, make_api, sleeps):
    server = serve(reset(JSON_HEAD + b"Content-Length: 100\r\n\r\n" + b'{"iterable": ['), OK)
    api, client = make_api(server.url)
    err, _ = raises_within(ApiConnectionError, 2.0, post, api)
    assert server.attempts == 1 and err.attempts == 1
    assert_released(client)
    # The broken connection did not go back to the pool: the next call opens a new one.
    get(api)
    assert server.connections == 2
    assert_released(client)


# ---- 3: close without a response -----------------------------------------------------------------


def test_03_close_without_response_get_is_retried(serve, make_api, sleeps):
    server = serve(close_action(), OK)
    api, client = make_api(server.url)
    assert isinstance(returns_within(2.0, get, api), Allocations)
    assert server.attempts == 2 and len(sleeps) == 1
    assert_released(client)


def test_03_close_without_response_post_is_not_retried(serve, make_api, sleeps):
    server = serve(close_action(), OK)
    api, client = make_api(server.url)
    err, _ = raises_within(ApiConnectionError, 2.0, post, api)
    assert "closed the connection without sending a response" in str(err)
    assert server.attempts == 1 and err.attempts == 1 and sleeps == []
    assert_released(client)


def test_03_close_without_response_every_attempt(serve, make_api, sleeps):
    server = serve(close_action())
    api, client = make_api(server.url)
    err, _ = raises_within(ApiConnectionError, 2.0, get, api)
    assert server.attempts == 3 and err.attempts == 3
    assert "after 3 attempts" in str(err)
    assert_released(client)


# ---- 4: stale keep-alive -------------------------------------------------------------------------


def _wait_until(predicate: Callable[[], bool], seconds: float = 2.0) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.005)


@pytest.mark.parametrize("how", ["close", "reset"])
def test_04_stale_keep_alive_connection_is_replaced(serve, make_api, sleeps, how):
    # Response 1 promises keep-alive, then the server drops the idle socket (FIN, or RST).
    # (A short pause before the drop lets the client read response 1 before an RST could reach it.)
    server = serve(raw(response_bytes(200, CLOUD_BODY), then=how, stall=0.05), respond(200, CLOUD_BODY))
    api, client = make_api(server.url)
    assert post(api).id == "cloud-1"
    _wait_until(lambda: len(server._threads) == 1 and not server._threads[0].is_alive())
    # A POST is never retried once sent, so success proves the dead socket was detected before sending.
    result = returns_within(2.0, post, api)
    assert result.id == "cloud-1"
    assert server.attempts == 2 and server.connections == 2 and sleeps == []
    assert_released(client)


# ---- 5-7: read timeouts --------------------------------------------------------------------------


def test_05_read_timeout_get_succeeds_on_the_second_attempt(serve, make_api, sleeps):
    server = serve(stall(5.0), OK)
    api, client = make_api(server.url, read_timeout=0.3)
    result = returns_within(0.3 + 1.0, get, api)
    assert isinstance(result, Allocations)
    assert server.attempts == 2 and len(sleeps) == 1
    assert_released(client)


def test_06_read_timeout_post_is_one_attempt(serve, make_api, sleeps):
    server = serve(stall(5.0), OK)
    api, client = make_api(server.url, read_timeout=0.3)
    err, elapsed = raises_within(ApiTimeoutError, 0.3 + 1.0, post, api)
    assert elapsed >= 0.25
    assert "read timed out waiting for the response" in str(err)
    assert server.attempts == 1 and err.attempts == 1 and sleeps == []
    assert_released(client)


def test_07_slow_body_times_out_while_reading_the_body(serve, make_api, sleeps):
    server = serve(stall(5.0, data=JSON_HEAD + b"Content-Length: 50\r\n\r\n" + b'{"iterable"'))
    api, client = make_api(server.url, read_timeout=0.3)
    err, _ = raises_within(ApiTimeoutError, 0.3 + 1.0, post, api)
    assert "while reading the response body" in str(err)
    assert server.attempts == 1 and err.attempts == 1
    assert_released(client)


def test_07_slow_chunked_body_times_out(serve, make_api, sleeps):
    head = JSON_HEAD + b'Transfer-Encoding: chunked\r\n\r\n5\r\n{"ite\r\n'
    server = serve(stall(5.0, data=head))
    api, client = make_api(server.url, read_timeout=0.3, retries=0)
    err, _ = raises_within(ApiTimeoutError, 0.3 + 1.0, get, api)
    assert "while reading the response body" in str(err)
    assert server.attempts == 1
    assert_released(client)


# ---- 8: connect timeout --------------------------------------------------------------------------


@pytest.fixture
def full_backlog():
    if not sys.platform.startswith("linux"):
        pytest.skip("a full listen backlog drops SYNs only on Linux; elsewhere connect() is refused")
    backlog = FullBacklog()
    yield backlog
    backlog.close()


def test_08_connect_timeout_within_the_connect_timeout(full_backlog, make_api, sleeps):
    api, client = make_api(full_backlog.url, connect_timeout=0.3, retries=0)
    err, elapsed = raises_within(ApiTimeoutError, 0.3 + 0.5, get, api)
    assert elapsed >= 0.25
    assert "timed out connecting" in str(err) and err.request_sent is False
    assert err.attempts == 1
    assert_released(client)


def test_08_connect_timeout_post_is_retried_because_nothing_was_sent(full_backlog, make_api, sleeps):
    api, client = make_api(full_backlog.url, connect_timeout=0.2)
    err, _ = raises_within(ApiTimeoutError, 3 * 0.2 + 1.0, post, api)
    assert err.attempts == 3 and len(sleeps) == 2
    assert_released(client)


# ---- 9: connection refused -----------------------------------------------------------------------


def test_09_connection_refused_names_the_url_and_what_to_try(make_api, sleeps):
    port = closed_port()
    api, client = make_api(f"http://127.0.0.1:{port}")
    err, _ = raises_within(ApiConnectionError, 1.0, get, api)
    text = str(err)
    assert f"http://127.0.0.1:{port}" in text
    assert "connection refused" in text and "is Pieces OS running?" in text and "39300" in text
    assert "discover()" in text
    assert err.attempts == 3 and err.request_sent is False and len(sleeps) == 2
    assert isinstance(err.__cause__, Exception)
    assert_released(client)


# ---- 10: pool exhausted --------------------------------------------------------------------------


def test_10_pool_exhausted_is_a_pool_timeout_not_a_hang(serve, make_api, sleeps):
    server = serve(OK)
    api, client = make_api(server.url, connection_pool_maxsize=1, pool_block=True, pool_timeout=0.3)
    held = api.allocations_snapshot_without_preload_content()
    assert client.connections_in_use() == 1
    err, elapsed = raises_within(ApiTimeoutError, 0.3 + 0.7, get, api, _retries=0)
    assert elapsed >= 0.25
    assert "no free connection" in str(err) and "connection_pool_maxsize=1" in str(err)
    assert err.attempts == 1 and server.attempts == 1
    held.close()
    assert_released(client)
    assert isinstance(get(api), Allocations)  # the slot is usable again
    assert_released(client)


# ---- 11-14: invalid HTTP -------------------------------------------------------------------------

INVALID_HTTP = {
    "status-line-omg": b"HTTP/1.1 Omg\r\n\r\n",
    "status-line-http-0.5": b"HTTP/0.5 200 OK\r\nContent-Length: 2\r\n\r\n{}",
    "101-headers": JSON_HEAD
    + b"".join(b"X-Header-%d: v\r\n" % i for i in range(101))
    + b"Content-Length: 2\r\n\r\n{}",
    "70KB-header-line": JSON_HEAD + b"X-Big: " + b"a" * 70_000 + b"\r\nContent-Length: 2\r\n\r\n{}",
    "chunk-size-ZZZ": JSON_HEAD + b"Transfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n",
    "no-final-chunk": JSON_HEAD + b"Transfer-Encoding: chunked\r\n\r\n10\r\n" + b'{"iterable": []}' + b"\r\n",
    "conflicting-content-length": JSON_HEAD + b"Content-Length: 16\r\nContent-Length: 2\r\n\r\n{}",
}
INVALID_HTTP_MESSAGE = {
    "status-line-omg": "bad status line",
    "status-line-http-0.5": "UnknownProtocol",
    "101-headers": "more than 100 headers",
    "70KB-header-line": "a header line is too long",
    "chunk-size-ZZZ": "chunked",
    "no-final-chunk": "chunked",
    "conflicting-content-length": "multiple unmatching values",
}


@pytest.mark.parametrize("case", list(INVALID_HTTP))
def test_11_to_14_invalid_http_is_a_protocol_error(serve, make_api, sleeps, case):
    server = serve(raw(INVALID_HTTP[case]))
    api, client = make_api(server.url)
    err, _ = raises_within(ProtocolError, 2.0, post, api)
    assert INVALID_HTTP_MESSAGE[case] in str(err)
    assert server.attempts == 1 and err.attempts == 1
    assert not isinstance(err.__cause__, type(None))
    assert_released(client)


def test_11_invalid_http_get_is_retried_then_reported(serve, make_api, sleeps):
    server = serve(raw(INVALID_HTTP["status-line-omg"]))
    api, client = make_api(server.url)
    err, _ = raises_within(ProtocolError, 2.0, get, api)
    assert server.attempts == 3 and err.attempts == 3
    assert_released(client)


def test_13_truncated_inside_a_chunk_is_a_connection_error(serve, make_api, sleeps):
    # The size line is fine but the connection ends inside the chunk's data: a truncated body (case 1).
    server = serve(raw(JSON_HEAD + b'Transfer-Encoding: chunked\r\n\r\n10\r\n{"ite'))
    api, client = make_api(server.url, retries=0)
    raises_within(ApiConnectionError, 2.0, get, api)
    assert server.attempts == 1
    assert_released(client)


def test_14_conflicting_content_length_is_never_read_as_a_body(serve, make_api, sleeps):
    # Request-smuggling defence: neither length is trusted, nothing is decoded.
    server = serve(raw(INVALID_HTTP["conflicting-content-length"], then="keep"))
    api, client = make_api(server.url, retries=0)
    raises_within(ProtocolError, 2.0, get, api)
    assert_released(client)


def test_14_transfer_encoding_wins_over_content_length(serve, make_api, sleeps):
    # RFC 9112 6.3: with both, the chunked framing is used and Content-Length ignored (never both read).
    body = b'{"iterable": []}'
    framed = (
        JSON_HEAD + b"Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n" + body + b"\r\n0\r\n\r\n"
    )
    server = serve(raw(framed, then="keep"), OK)
    api, client = make_api(server.url)
    assert isinstance(returns_within(1.0, get, api), Allocations)
    assert isinstance(get(api), Allocations)  # nothing left over on the connection to confuse call 2
    assert server.attempts == 2 and server.connections == 1
    assert_released(client)


# ---- 21: no leak after retries -------------------------------------------------------------------


@pytest.mark.parametrize(
    "script",
    [
        pytest.param([stall(5.0)], id="timeouts"),
        pytest.param([respond(503, "busy", content_type="text/plain")], id="503s"),
        pytest.param([respond(500, "boom", content_type="text/plain")], id="500s"),
        pytest.param([TRUNCATED], id="truncated"),
        pytest.param([reset(JSON_HEAD + b"Content-Length: 9\r\n\r\n{")], id="resets"),
    ],
)
def test_21_no_connection_left_checked_out_after_retries(serve, make_api, sleeps, script):
    server = serve(*script)
    api, client = make_api(server.url, read_timeout=0.1, retries=1)
    for _ in range(2):
        with pytest.raises(Exception) as info:
            get(api)
        assert info.value.__class__.__module__ == "pieces_os_client.exceptions"
    assert server.attempts in (2, 4)  # 500 is not retried; the others are, 2 attempts per call
    assert_released(client)


def test_21_streamed_response_after_retries_holds_one_connection_until_closed(serve, make_api, sleeps):
    server = serve(respond(503, "busy", content_type="text/plain"), respond(503, "busy"), OK)
    api, client = make_api(server.url)
    response = api.allocations_snapshot_without_preload_content()
    assert response.status == 200 and server.attempts == 3
    assert client.connections_in_use() == 1
    assert response.read() == SNAPSHOT_BODY
    assert_released(client)


# ---- 28: huge bodies -----------------------------------------------------------------------------


def test_28_huge_content_length_is_refused_from_the_header(serve, make_api, sleeps):
    # 10 GiB announced; the server sends the headers and a few bytes, then waits.
    server = serve(stall(5.0, data=JSON_HEAD + b"Content-Length: 10737418240\r\n\r\n" + b"[" * 100))
    api, client = make_api(server.url)
    err, _ = raises_within(ResponseTooLargeError, 1.0, get, api)
    assert "Content-Length is 10737418240" in str(err)
    assert f"max_response_bytes={DEFAULT_MAX_RESPONSE_BYTES}" in str(err)
    assert server.attempts == 1 and err.attempts == 1  # repeating cannot make the body smaller
    assert_released(client)


@pytest.mark.parametrize("limit", [1024, 100_000])
def test_28_content_length_at_the_limit_is_read_one_above_is_refused(serve, make_api, sleeps, limit):
    body = b'{"iterable": [], "pad": "' + b"x" * (limit - 27) + b'"}'
    assert len(body) == limit
    server = serve(respond(200, body), respond(200, body + b" "))
    api, client = make_api(server.url, max_response_bytes=limit)
    assert isinstance(get(api), Allocations)
    raises_within(ResponseTooLargeError, 1.0, get, api)
    assert server.attempts == 2
    assert_released(client)


def test_28_endless_chunked_stream_is_cut_at_the_cap_with_bounded_memory(serve, make_api, sleeps):
    server = serve(endless_chunks())
    limit = 1024 * 1024
    api, client = make_api(server.url, max_response_bytes=limit)
    tracemalloc.start()
    try:
        err, _ = raises_within(ResponseTooLargeError, 2.0, get, api)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "the body kept coming" in str(err)
    assert peak < 4 * limit, f"peak {peak} bytes for a {limit}-byte cap"
    assert server.attempts == 1 and err.attempts == 1
    assert_released(client)


def test_28_streamed_response_is_capped_too(serve, make_api, sleeps):
    server = serve(endless_chunks())
    api, client = make_api(server.url, max_response_bytes=1024 * 1024)
    response = api.allocations_snapshot_without_preload_content()
    assert response.status == 200 and client.connections_in_use() == 1
    raises_within(ResponseTooLargeError, 2.0, response.read)
    assert server.attempts == 1
    assert_released(client)


# ---- 29: decompression bomb ----------------------------------------------------------------------

_BOMBS: Dict[str, bytes] = {}
BOMB_SIZE = 200 * 1024 * 1024


def _bomb(framing: str) -> bytes:
    """200 MiB of zeros deflated (about 200 KB), framed as gzip or zlib; built in a fraction of a second.

    After a full flush the deflate bytes for another MiB of zeros are always the same, so the stream is
    the first block, that repeated block 199 times and the final block, framed by hand (RFC 1952 for
    gzip, RFC 1950 for zlib, which is what ``Content-Encoding: deflate`` carries).
    """
    if framing not in _BOMBS:
        zeros = bytes(1024 * 1024)
        compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
        repeated = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
        deflated = first + repeated * (BOMB_SIZE // len(zeros) - 1) + compressor.flush()
        if framing == "gzip":
            crc = 0
            for _ in range(BOMB_SIZE // len(zeros)):
                crc = zlib.crc32(zeros, crc)
            header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
            _BOMBS[framing] = header + deflated + struct.pack("<II", crc, BOMB_SIZE & 0xFFFFFFFF)
        else:
            adler = 1
            for _ in range(BOMB_SIZE // len(zeros)):
                adler = zlib.adler32(zeros, adler)
            _BOMBS[framing] = b"\x78\xda" + deflated + struct.pack(">I", adler)
    return _BOMBS[framing]


def gzip_bomb() -> bytes:
    return _bomb("gzip")


def test_29_gzip_bomb_fixture_is_what_it_claims():
    bomb = gzip_bomb()
    assert len(bomb) < 300_000
    assert struct.unpack("<I", bomb[-4:])[0] == BOMB_SIZE
    decoder = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = decoder.decompress(bomb[:20_000], 8 * 1024 * 1024)
    assert len(deflate_bomb()) < 300_000
    assert zlib.decompressobj().decompress(deflate_bomb()[:20_000], 1024) == bytes(1024)
    assert len(out) == 8 * 1024 * 1024 and not out.strip(b"\x00")


def deflate_bomb() -> bytes:
    return _bomb("zlib")


BOMBS: Dict[str, Callable[[], bytes]] = {
    "gzip": gzip_bomb,
    "deflate": deflate_bomb,
    "gzip, gzip": lambda: gzip.compress(gzip_bomb(), 9),  # the bomb gzipped again: about 600 bytes
}


@pytest.mark.parametrize(
    ("encoding", "limit"),
    [
        ("gzip", 4 * 1024 * 1024),
        ("deflate", 4 * 1024 * 1024),
        ("gzip, gzip", 4 * 1024 * 1024),
        ("gzip", None),
    ],
    ids=["gzip-4MiB", "deflate-4MiB", "double-gzip-4MiB", "gzip-default-cap"],
)
def test_29_decompression_bomb_is_capped_after_decoding(serve, make_api, sleeps, encoding, limit):
    bomb = BOMBS[encoding]()
    server = serve(respond(200, bomb, headers=[("Content-Encoding", encoding)]))
    settings: Any = {} if limit is None else {"max_response_bytes": limit}
    cap = DEFAULT_MAX_RESPONSE_BYTES if limit is None else limit
    api, client = make_api(server.url, **settings)
    if limit is not None:
        tracemalloc.start()
    try:
        err, _ = raises_within(ResponseTooLargeError, 5.0, get, api)
        peak = tracemalloc.get_traced_memory()[1] if limit is not None else 0
    finally:
        if limit is not None:
            tracemalloc.stop()
    assert f"max_response_bytes={cap}" in str(err)
    if limit is not None:
        assert peak < 4 * limit, f"peak {peak} bytes for a {limit}-byte cap"
    assert server.attempts == 1 and err.attempts == 1
    assert_released(client)


def test_29_small_gzip_body_decodes(serve, make_api, sleeps):
    server = serve(respond(200, gzip.compress(SNAPSHOT_BODY), headers=[("Content-Encoding", "gzip")]))
    api, client = make_api(server.url)
    assert isinstance(get(api), Allocations)
    assert_released(client)


def test_29_corrupt_gzip_is_a_protocol_error(serve, make_api, sleeps):
    corrupt = b"\x1f\x8b\x08\x00garbage-not-deflate"
    server = serve(respond(200, corrupt, headers=[("Content-Encoding", "gzip")]))
    api, client = make_api(server.url, retries=0)
    err, _ = raises_within(ContentDecodingError, 2.0, get, api)
    assert isinstance(err, ProtocolError)  # its own class, in the ProtocolError branch
    assert "could not be decompressed" in str(err)
    assert_released(client)
