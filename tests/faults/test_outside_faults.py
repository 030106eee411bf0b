"""Case 61: what an attack from outside found after the transports moved to public APIs, on every client.

Each row of case 61 in docs/reliability.md has its test here, named for it; each failed before its fix.
"""

from __future__ import annotations

import gc
import gzip
import socket
import time
import warnings
from typing import Any

import pytest

import pieces_os_client
from pieces_os_client import (
    ApiConnectionError,
    ApiTimeoutError,
    ConfigurationError,
    ContentDecodingError,
    ProtocolError,
)
from pieces_os_client.testing import sample_user_profile
from pieces_os_client.transport import register_transport
from tests._every_client import CLIENTS, every_client
from tests._server import Conn, Request, raw, raw_server

TEXT = "x" * 1500  # /.well-known/version is a text endpoint: a cut body would still decode


def _coded(body: bytes, coding: str) -> bytes:
    return (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
        + f"Content-Encoding: {coding}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        + body
    )


PACKED = gzip.compress(TEXT.encode())
BAD_CODINGS = {
    "gzip-cut-in-half": _coded(PACKED[: len(PACKED) // 2], "gzip"),
    "gzip-then-junk": _coded(PACKED + b"junk", "gzip"),
    "an-unknown-coding": _coded(TEXT.encode(), "compress-of-my-own"),
}


@pytest.mark.parametrize("client_kind", CLIENTS)
@pytest.mark.parametrize("body", sorted(BAD_CODINGS))
def test_61a_a_coded_body_that_does_not_undo_is_never_an_answer(client_kind: str, body: str) -> None:
    with (
        raw_server(raw(BAD_CODINGS[body], then="keep")) as server,
        every_client(client_kind, server.url, retries=0) as (_, client),
    ):
        api = pieces_os_client.WellKnownApi(client.client) if client_kind != "asyncio" else None
        if api is not None:
            with pytest.raises(ContentDecodingError):
                api.get_well_known_version()
        else:
            async_api = pieces_os_client.AsyncWellKnownApi(client.client)
            with pytest.raises(ContentDecodingError):
                client.loop.run(async_api.get_well_known_version())
        assert client.connections_in_use() == 0


LENGTHS = {
    "one-line-16-16": b"Content-Length: 16, 16\r\n",
    "two-lines": b"Content-Length: 16\r\nContent-Length: 16\r\n",
    "5000-digits": b"Content-Length: " + b"1" * 5000 + b"\r\n",
}


@pytest.mark.parametrize("client_kind", CLIENTS)
@pytest.mark.parametrize("length", sorted(LENGTHS))
def test_61b_a_content_length_of_several_values_is_refused_at_once(client_kind: str, length: str) -> None:
    def answer(conn: Conn, request: Request) -> bool:
        conn.send(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            + LENGTHS[length]
            + b'\r\n{"iterable": []}'
        )
        conn.wait(10)  # left open: a client reading to the close would wait here
        return False

    with (
        raw_server(answer) as server,
        every_client(client_kind, server.url, retries=0, read_timeout=5) as (
            api,
            client,
        ),
    ):
        started = time.monotonic()
        with pytest.raises(ProtocolError):
            api.allocations_snapshot()
        assert time.monotonic() - started < 2.5  # half the read timeout it would wait to the close
        assert client.connections_in_use() == 0


def build_client(client_kind: str, configuration: pieces_os_client.Configuration) -> None:
    """Build a client of ``client_kind``; a bad setting must stop it (an asyncio one opens nothing yet)."""
    if client_kind == "asyncio":
        pytest.importorskip("aiohttp")
        pieces_os_client.AsyncApiClient(configuration)
    else:
        configuration.transport = client_kind
        pieces_os_client.ApiClient(configuration).close()


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_61c_a_proxy_user_name_with_a_colon_is_refused_before_anything_is_sent(client_kind: str) -> None:
    configuration = pieces_os_client.Configuration(
        host="http://pieces.invalid:39300", proxy="http://us%3Aer:S3CRET@127.0.0.1:3128"
    )
    with pytest.raises(ConfigurationError) as info:
        build_client(client_kind, configuration)
    assert "user name holds a ':'" in str(info.value) and "S3CRET" not in str(info.value)


BAD_OPTIONS = {
    "value-too-large": (socket.SOL_SOCKET, socket.SO_KEEPALIVE, 2**40),
    "level-too-large": (2**40, socket.SO_KEEPALIVE, 1),
    "no-such-option": (socket.SOL_SOCKET, 987654, 1),
}


@pytest.mark.parametrize("client_kind", CLIENTS)
@pytest.mark.parametrize("option", sorted(BAD_OPTIONS))
def test_61d_a_socket_option_the_system_refuses_is_a_configuration_error(
    client_kind: str, option: str
) -> None:
    configuration = pieces_os_client.Configuration(
        host="http://127.0.0.1:9", socket_options=[BAD_OPTIONS[option]]
    )
    with pytest.raises(ConfigurationError) as info:
        build_client(client_kind, configuration)
    assert "socket_options entry" in str(info.value)


def test_61e_an_error_a_mock_raises_in_the_asyncio_client_names_what_raised_it() -> None:
    pytest.importorskip("aiohttp")
    aioresponses = pytest.importorskip("aioresponses")
    import asyncio

    import aiohttp

    if tuple(int(p) for p in aiohttp.__version__.split(".")[:2]) >= (3, 14):
        pytest.skip("aioresponses 0.7.9 fails on aiohttp 3.14 (ClientResponse needs stream_writer)")
    host = "http://localhost:39300"

    async def main() -> None:
        with aioresponses.aioresponses() as mocked:
            mocked.get(f"{host}/allocations", exception=ValueError("not what a socket raises"))
            async with pieces_os_client.AsyncApiClient(pieces_os_client.Configuration(host=host)) as client:
                with pytest.raises(ApiConnectionError) as info:
                    await pieces_os_client.AsyncAllocationsApi(client).allocations_snapshot()
        assert "never reached the network" in str(info.value) and "ValueError" in str(info.value)
        assert info.value.attempts == 1

    asyncio.run(asyncio.wait_for(main(), 20))


def test_61f_register_transport_refuses_what_cannot_build_one_and_the_async_client_a_registered_name() -> (
    None
):
    with pytest.warns(DeprecationWarning), pytest.raises(pieces_os_client.ApiValueError, match="factory"):
        register_transport("not-callable-for-tests", "module:attribute")  # type: ignore[arg-type]
    with pytest.warns(DeprecationWarning):  # unregistered after the test (tests/conftest.py)
        register_transport("blocking-for-tests", lambda configuration: None)
    pytest.importorskip("aiohttp")
    configuration = pieces_os_client.Configuration(transport="blocking-for-tests")
    with pytest.raises(ConfigurationError, match="serves ApiClient only"):
        pieces_os_client.AsyncApiClient(configuration)


def _drip_status_line(conn: Conn, request: Request) -> bool:
    for byte in b"HTTP/1.1 200 OK\r\n":
        conn.send(bytes([byte]))
        conn.wait(0.2)
    return False


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_61g_the_deadline_error_does_not_repeat_what_the_deadline_did(client_kind: str) -> None:
    with (
        raw_server(_drip_status_line) as server,
        every_client(client_kind, server.url, read_timeout=1, total_timeout=0.7, retries=0) as (api, _),
        pytest.raises(ApiTimeoutError) as info,
    ):
        api.allocations_snapshot()
    message = str(info.value)
    assert "total deadline of 0.7 s" in message
    assert "the last attempt failed with" not in message  # the cut status line was the watchdog's doing


def _tunnel_then_silence(conn: Conn, request: Request) -> bool:
    assert request.method == "CONNECT"
    conn.send(b"HTTP/1.1 200 Connection established\r\n\r\n")
    conn.wait(5)  # the TLS handshake never gets an answer
    return False


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_61h_a_tls_handshake_stalled_through_a_proxy_tunnel_is_a_connect_timeout(client_kind: str) -> None:
    with (
        raw_server(_tunnel_then_silence) as proxy,
        every_client(
            client_kind, "https://pieces.invalid:39300", proxy=proxy.url, connect_timeout=0.5, retries=0
        ) as (api, _),
    ):
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError) as info:
            api.allocations_connect_new_cloud(user_profile=sample_user_profile())
        assert time.monotonic() - started < 2.0
    assert "timed out connecting" in str(info.value)
    assert info.value.request_sent is False  # nothing but the CONNECT went out: a POST may be retried


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_61i_a_streamed_response_dropped_unread_gives_its_connection_back(client_kind: str) -> None:
    body = b'{"iterable": []}'
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
    with (
        raw_server(raw(head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body, then="keep")) as server,
        every_client(client_kind, server.url) as (api, client),
    ):
        streamed: Any = api.allocations_snapshot_without_preload_content()
        assert client.connections_in_use() == 1
        del streamed
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            gc.collect()
        if client_kind == "asyncio":  # the aiohttp response is closed on the loop's thread
            client.loop.run(_next_turn())
        assert client.connections_in_use() == 0
        assert api.allocations_snapshot().iterable == []


async def _next_turn() -> None:
    import asyncio

    await asyncio.sleep(0)
