"""Case 59: what the clients used to do differently, each now one documented behaviour on every client.

Every test meets the raw server with the urllib3, requests and asyncio clients (`CLIENTS`) and asserts
the same outcome; where a difference cannot be removed with the libraries' public APIs, the test
asserts the documented difference (docs/reliability.md, case 59).
"""

from __future__ import annotations

import gzip
import time
import zlib
from typing import List

import pytest

from pieces_os_client import ProtocolError, ServiceException
from tests._every_client import CLIENTS, every_client
from tests._payloads import SNAPSHOT_BODY
from tests._server import Conn, Request, raw, raw_server, respond, response_bytes


def _coded(codings: List[str], *, lines: int = 1) -> bytes:
    """A 200 whose snapshot body went through ``codings`` in order; ``lines``: Content-Encoding lines."""
    body = SNAPSHOT_BODY
    for coding in codings:
        body = zlib.compress(body) if coding == "deflate" else gzip.compress(body)
    if lines == 1:
        header = f"Content-Encoding: {', '.join(codings)}\r\n"
    else:
        header = "".join(f"Content-Encoding: {coding}\r\n" for coding in codings)
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + header.encode()
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


CODED = {
    "gzip, gzip": _coded(["gzip", "gzip"]),
    "two Content-Encoding lines": _coded(["gzip", "gzip"], lines=2),
    "deflate, gzip": _coded(["deflate", "gzip"]),
    "x-gzip": _coded(["x-gzip"]),
}


@pytest.mark.parametrize("client_kind", CLIENTS)
@pytest.mark.parametrize("coding", sorted(CODED))
def test_59a_a_body_coded_several_times_decodes_on_every_client(client_kind: str, coding: str) -> None:
    with (
        raw_server(raw(CODED[coding], then="keep")) as server,
        every_client(client_kind, server.url) as (api, client),
    ):
        assert api.allocations_snapshot().iterable == []
        assert client.connections_in_use() == 0


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_59b_an_error_keeps_every_line_of_a_repeated_header(client_kind: str) -> None:
    headers = [("X-Note", "first"), ("X-Note", "second"), ("Retry-After", "0")]
    with (
        raw_server(respond(503, b"busy", content_type="text/plain", headers=headers)) as server,
        every_client(client_kind, server.url, retries=0) as (api, _),
        pytest.raises(ServiceException) as info,
    ):
        api.allocations_snapshot()
    assert info.value.headers["x-note"] == "first, second"


INTERIM = b"HTTP/1.1 102 Processing\r\n\r\n"


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_59c_interim_responses_are_refused_by_the_blocking_clients_and_skipped_by_asyncio(
    client_kind: str,
) -> None:
    # Documented difference: aiohttp skips interim responses inside ClientResponse.start (no hook, and
    # no cap: the total deadline bounds an endless run); http.client returns the first as the answer.
    with (
        raw_server(raw(INTERIM * 200 + response_bytes(200, SNAPSHOT_BODY), then="keep")) as server,
        every_client(client_kind, server.url, retries=0) as (api, client),
    ):
        if client_kind == "asyncio":
            assert api.allocations_snapshot().iterable == []
        else:
            with pytest.raises(ProtocolError, match=r"interim response \(102\)"):
                api.allocations_snapshot()
        assert client.connections_in_use() == 0


def _with_header_lines(*lines: bytes) -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        + b"".join(line + b"\r\n" for line in lines)
        + f"Content-Length: {len(SNAPSHOT_BODY)}\r\n\r\n".encode()
        + SNAPSHOT_BODY
    )


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_59d_header_lines_up_to_64_kib_are_read_longer_ones_refused(client_kind: str) -> None:
    with (
        raw_server(
            raw(_with_header_lines(b"X-Long: " + b"a" * 10_000), then="keep"),
            raw(_with_header_lines(b"X-Long: " + b"a" * 70_000)),
        ) as server,
        every_client(client_kind, server.url, retries=0) as (api, _),
    ):
        assert api.allocations_snapshot().iterable == []  # over aiohttp's default 8,190
        with pytest.raises(ProtocolError, match="a header line is too long"):
            api.allocations_snapshot()


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_59e_at_most_99_header_lines(client_kind: str) -> None:
    # http.client's limit of 100 lines counts the empty line that ends the header section.
    lines = [f"X-H{n}: v".encode() for n in range(97)]  # with Content-Type and Content-Length: 99
    with (
        raw_server(
            raw(_with_header_lines(*lines), then="keep"),
            raw(_with_header_lines(*lines, b"X-One-Too-Many: v")),
        ) as server,
        every_client(client_kind, server.url, retries=0) as (api, _),
    ):
        assert api.allocations_snapshot().iterable == []
        with pytest.raises(ProtocolError):
            api.allocations_snapshot()


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_59f_a_per_call_header_in_another_case_replaces_the_default(client_kind: str) -> None:
    with (
        raw_server(respond(200, SNAPSHOT_BODY)) as server,
        every_client(client_kind, server.url, default_headers={"X-Trace": "default"}) as (api, _),
    ):
        api.allocations_snapshot(_headers={"user-agent": "mine/1", "x-trace": "call"})
        request = server.requests[-1]
    sent = [(name.lower(), value) for name, value in request.headers]
    assert [value for name, value in sent if name == "user-agent"] == ["mine/1"]
    assert [value for name, value in sent if name == "x-trace"] == ["call"]


@pytest.mark.parametrize("client_kind", CLIENTS)
@pytest.mark.parametrize("length", ["abc", "\u00b2", "1_0", "+5", ""])
def test_59g_a_content_length_that_is_not_a_number_is_refused_at_once(client_kind: str, length: str) -> None:
    head = f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"

    def answer(conn: Conn, request: Request) -> bool:
        conn.send(head.encode("utf-8") + SNAPSHOT_BODY)
        conn.wait(10)  # keeps the connection open: a client reading to the close would wait here
        return False

    with (
        raw_server(answer) as server,
        every_client(client_kind, server.url, retries=0, read_timeout=5) as (api, client),
    ):
        started = time.monotonic()
        with pytest.raises(ProtocolError):
            api.allocations_snapshot()
        assert time.monotonic() - started < 2.5  # half the read timeout it would wait to the close
        assert client.connections_in_use() == 0


def test_59h_requests_through_a_proxy_counts_its_connections() -> None:
    target = "http://pieces.invalid:39300"
    with raw_server(respond(200, SNAPSHOT_BODY)) as proxy:
        with every_client("requests", target, proxy=proxy.url) as (api, client):
            streamed = api.allocations_snapshot_without_preload_content()
            assert client.connections_in_use() == 1
            assert streamed.read() == SNAPSHOT_BODY
            assert client.connections_in_use() == 0
        assert proxy.requests[-1].target == f"{target}/allocations"


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_59i_retry_after_is_digits_or_an_http_date_asctime_included(client_kind: str) -> None:
    asctime = time.strftime("%a %b %e %H:%M:%S %Y", time.gmtime(time.time() + 3))
    waits: List[float] = []
    busy = [
        respond(503, b"", headers=[("Retry-After", "1_0")]),  # float() reads 10: not delay-seconds
        respond(503, b"", headers=[("Retry-After", asctime)]),  # RFC 9110 asks to accept it (GMT)
        respond(200, SNAPSHOT_BODY),
    ]
    with raw_server(*busy) as server, every_client(client_kind, server.url, sleep=waits.append) as (api, _):
        assert api.allocations_snapshot().iterable == []
    assert len(waits) == 2
    assert waits[0] <= 0.5  # the backoff, not 10 s
    assert 1.0 <= waits[1] <= 3.5  # the date, seconds from now
