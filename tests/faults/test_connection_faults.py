"""Cases 35-39: connection-level correctness, on both transports.

Interim 1xx responses, a fork after connections were pooled, framing headers from the caller, a
truncated header section, and objects used after close. Each case is one where a connection could
carry the wrong bytes: a shifted answer, a shared socket, a smuggled request, a cut response taken as
complete, or a call that silently works on a closed client.
"""

from __future__ import annotations

from typing import Any

import pytest

from pieces_os_client import (
    AllocationsApi,
    ProtocolError,
)

from ._server import Action, Conn, Request, raw, respond, response_bytes
from .conftest import SNAPSHOT_BODY, assert_released, cloud, get, raises_within, returns_within

TRANSPORTS = ("urllib3", "requests")
OK = respond(200, SNAPSHOT_BODY)


def echo(*before: bytes, gap: float = 0.0) -> Action:
    """Answer a text response whose body is the request's ``X-Call`` header, after ``before`` bytes.

    With ``gap``, each of ``before`` goes out in its own write, ``gap`` seconds apart, before the final
    response; without, everything goes out in one write (one packet on loopback).
    """

    def action(conn: Conn, request: Request) -> bool:
        final = response_bytes(200, request.header("X-Call") or "", content_type="text/plain")
        if gap:
            for part in before:
                conn.send(part)
                conn.wait(gap)
            conn.send(final)
        else:
            conn.send(b"".join(before) + final)
        return True

    return action


def call(api: AllocationsApi, tag: str, **kwargs: Any) -> str:
    """A POST with a text response; the echo server answers with ``tag``."""
    result: str = api.allocations_delete_allocation(cloud(), _headers={"X-Call": tag}, **kwargs)
    return result


# ---- 35: interim 1xx responses -------------------------------------------------------------------

PROCESSING = b"HTTP/1.1 102 Processing\r\n\r\n"
EARLY_HINTS = (
    b"HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nLink: </a.js>; rel=preload\r\n\r\n"
)
CONTINUE = b"HTTP/1.1 100 Continue\r\nX-Note: interim\r\n\r\n"

INTERIM_SCRIPTS = {
    "one-102": (PROCESSING,),
    "103-with-headers": (EARLY_HINTS,),
    "several-in-a-row": (PROCESSING, EARLY_HINTS, CONTINUE, PROCESSING),
}


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("gap", [0.0, 0.05], ids=["same-packet", "separate-packets"])
@pytest.mark.parametrize("interim", list(INTERIM_SCRIPTS), ids=list(INTERIM_SCRIPTS))
def test_35_interim_responses_are_skipped_and_each_call_gets_its_own_answer(
    serve, make_api, sleeps, transport, gap, interim
):
    server = serve(echo(*INTERIM_SCRIPTS[interim], gap=gap))
    api, client = make_api(server.url, transport=transport)
    for n in range(4):
        assert returns_within(2.0, call, api, f"call-{n}") == f"call-{n}"
    assert server.attempts == 4 and server.connections == 1  # one kept-alive connection, no shift
    assert sleeps == []
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_35_interim_responses_before_a_json_answer(serve, make_api, sleeps, transport):
    server = serve(raw(PROCESSING + EARLY_HINTS + response_bytes(200, SNAPSHOT_BODY), then="keep"))
    api, client = make_api(server.url, transport=transport)
    assert returns_within(2.0, get, api).iterable == []
    assert returns_within(2.0, get, api).iterable == []
    assert server.attempts == 2 and server.connections == 1
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_35_unexpected_101_is_a_protocol_error_and_the_connection_is_discarded(
    serve, make_api, sleeps, transport
):
    upgrade = b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n"
    server = serve(raw(upgrade + b"\x81\x05hello", then="keep"), echo())
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ProtocolError, 2.0, call, api, "first")
    assert "101" in str(err) and err.attempts == 1 and server.attempts == 1
    assert_released(client)
    assert returns_within(2.0, call, api, "second") == "second"
    assert server.connections == 2  # the upgraded connection was not reused
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_35_endless_interim_responses_are_a_protocol_error(serve, make_api, sleeps, transport):
    server = serve(raw(PROCESSING * 200, then="keep"))
    api, client = make_api(server.url, transport=transport, retries=0)
    err, _ = raises_within(ProtocolError, 2.0, get, api)
    assert "interim" in str(err)
    assert_released(client)


# ---- 38: truncated header section ----------------------------------------------------------------

CUT_HEADERS = {
    "status-line-then-close": b"HTTP/1.1 200 OK\r\n",
    "status-line-without-crlf": b"HTTP/1.1 200 OK",
    "cut-inside-a-header-line": b"HTTP/1.1 200 OK\r\nContent-Type: text/pl",
    "no-empty-line": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Request: 1\r\n",
    "cut-inside-an-interim-response": b"HTTP/1.1 102 Processing\r\nX-Progress: 5",
}


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("cut", list(CUT_HEADERS), ids=list(CUT_HEADERS))
def test_38_truncated_header_section_is_a_protocol_error_post_not_retried(
    serve, make_api, sleeps, transport, cut
):
    server = serve(raw(CUT_HEADERS[cut], then="close"), echo())
    api, client = make_api(server.url, transport=transport)
    for operation in (api.allocations_delete_allocation, api.allocations_disconnect_cloud):
        server.set_script(raw(CUT_HEADERS[cut], then="close"), echo())
        before = server.attempts
        err, _ = raises_within(ProtocolError, 2.0, operation, cloud())
        assert "header section" in str(err) or "interim" in str(err)
        assert server.attempts == before + 1 and err.attempts == 1 and sleeps == []
        assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_38_truncated_header_section_get_is_retried(serve, make_api, sleeps, transport):
    server = serve(raw(b"HTTP/1.1 200 OK\r\n", then="close"), OK)
    api, client = make_api(server.url, transport=transport)
    assert returns_within(2.0, get, api).iterable == []
    assert server.attempts == 2 and len(sleeps) == 1
    api, client = make_api(server.url, transport=transport, retries=0)
    server.set_script(raw(b"HTTP/1.1 200 OK\r\n", then="close"))
    err, _ = raises_within(ProtocolError, 2.0, get, api)
    assert err.attempts == 1
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("body", [b"", b"deleted"])
def test_38_close_delimited_body_after_a_complete_header_section_is_read(
    serve, make_api, sleeps, transport, body
):
    server = serve(raw(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n" + body, then="close"))
    api, client = make_api(server.url, transport=transport)
    assert returns_within(2.0, api.allocations_delete_allocation, cloud()) == body.decode()
    assert server.attempts == 1
    assert_released(client)
