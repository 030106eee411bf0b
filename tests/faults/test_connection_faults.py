"""Cases 35-39: connection-level correctness, on both transports.

Interim 1xx responses, a fork after connections were pooled, framing headers from the caller, a
truncated header section, and objects used after close. Each case is one where a connection could
carry the wrong bytes: a shifted answer, a shared socket, a smuggled request, a cut response taken as
complete, or a call that silently works on a closed client.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import signal
import sys
import time
import warnings
from typing import Any, Dict, List

import pytest

from pieces_os_client import (
    AllocationsApi,
    ApiClient,
    ApiValueError,
    ClientClosedError,
    Configuration,
    ConfigurationError,
    NotFoundException,
    ProtocolError,
)
from tests._calls import assert_released, cloud, get, raises_within, returns_within
from tests._payloads import SNAPSHOT_BODY
from tests._server import Action, Conn, Request, raw, respond, response_bytes

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


# http.client skips 100 Continue and returns any other interim response as if it were the answer, the
# final response still on the connection. The SDK cannot make it read on without its private methods,
# so the call ends with ProtocolError and the connection is closed: never a wrong answer, and no later
# call reads the leftover.
@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("gap", [0.0, 0.05], ids=["same-packet", "separate-packets"])
@pytest.mark.parametrize("interim", list(INTERIM_SCRIPTS), ids=list(INTERIM_SCRIPTS))
def test_35_an_interim_response_ends_the_call_and_the_connection_is_not_reused(
    serve, make_api, sleeps, transport, gap, interim
):
    server = serve(echo(*INTERIM_SCRIPTS[interim], gap=gap), echo(), echo())
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ProtocolError, 2.0, call, api, "call-0")
    assert "interim response (10" in str(err) and "discarded" in str(err)
    assert err.attempts == 1 and server.attempts == 1  # a POST is not retried
    assert_released(client)
    # Each later call gets its own answer, on a new connection: the leftover answer is never read.
    assert returns_within(2.0, call, api, "call-1") == "call-1"
    assert returns_within(2.0, call, api, "call-2") == "call-2"
    assert server.attempts == 3 and server.connections == 2
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_35_a_100_continue_is_skipped_by_http_client(serve, make_api, sleeps, transport):
    server = serve(echo(CONTINUE))
    api, client = make_api(server.url, transport=transport)
    for n in range(3):
        assert returns_within(2.0, call, api, f"call-{n}") == f"call-{n}"
    assert server.attempts == 3 and server.connections == 1
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_35_interim_responses_before_a_json_answer(serve, make_api, sleeps, transport):
    server = serve(raw(PROCESSING + EARLY_HINTS + response_bytes(200, SNAPSHOT_BODY), then="keep"), OK)
    api, client = make_api(server.url, transport=transport)
    assert returns_within(2.0, get, api).iterable == []  # a GET is retried, on a new connection
    assert server.attempts == 2 and server.connections == 2 and len(sleeps) == 1
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


# ---- 36: fork --------------------------------------------------------------------------------------


def _fork_child(api: AllocationsApi, write_fd: int) -> None:
    """In the child: call, say so, call a few more times, report the answers and exit without cleanup."""
    code = 1
    try:
        signal.alarm(15)  # never outlive the test
        answers = [call(api, "child-0")]
        os.write(write_fd, b"+")  # the parent calls from now on, while this process goes on calling
        answers.extend(call(api, f"child-{n}") for n in range(1, 5))
        os.write(write_fd, json.dumps(answers).encode())
        code = 0
    except BaseException as exc:
        with contextlib.suppress(BaseException):
            os.write(write_fd, json.dumps([f"error: {type(exc).__name__}: {exc}"]).encode())
    finally:
        os._exit(code)


def _read_until(read_fd: int, deadline: float, *, one_byte: bool = False) -> bytes:
    chunks: List[bytes] = []
    while time.monotonic() < deadline:
        ready, _, _ = select.select([read_fd], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(read_fd, 1 if one_byte else 65536)
        if not chunk:
            break
        chunks.append(chunk)
        if one_byte:
            break
    return b"".join(chunks)


def _child_answers(pid: int, read_fd: int, deadline: float, first: bytes) -> List[str]:
    try:
        data = (first if first != b"+" else b"") + _read_until(read_fd, deadline)
    finally:
        os.close(read_fd)
        if time.monotonic() >= deadline:  # a child that hangs is killed, not waited for
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    answers: List[str] = json.loads(data or b'["error: no answer from the child"]')
    return answers


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="os.fork semantics tested on Linux")
@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("which", ["own-client", "default-client"])
def test_36_a_forked_child_never_reuses_its_parents_connection(serve, sleeps, transport, which):
    server = serve(echo())
    configuration = Configuration(host=server.url, transport=transport, connect_timeout=1, read_timeout=2)
    if which == "default-client":
        ApiClient.set_default(ApiClient(configuration, **sleeps.kwargs))
        client = ApiClient.get_default()
    else:
        client = ApiClient(configuration, **sleeps.kwargs)
    api = AllocationsApi(client)
    try:
        assert call(api, "parent-before") == "parent-before"
        parent_port = server.requests[-1].client_port
        read_fd, write_fd = os.pipe()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads running
            pid = os.fork()
        if pid == 0:  # pragma: no cover - the child reports through the pipe
            os.close(read_fd)
            if which == "default-client":
                api = AllocationsApi(ApiClient.get_default())
            _fork_child(api, write_fd)
        os.close(write_fd)
        deadline = time.monotonic() + 15.0
        started = _read_until(read_fd, deadline, one_byte=True)  # the child's first call is done
        parent_answers = [call(api, f"parent-{n}") for n in range(5)]
        child_answers = _child_answers(pid, read_fd, deadline, started)
        assert started == b"+", child_answers
        assert child_answers == [f"child-{n}" for n in range(5)]
        assert parent_answers == [f"parent-{n}" for n in range(5)]
        # The parent's connection still works once the child has gone, and is the one it had.
        assert call(api, "parent-after") == "parent-after"
        by_tag: Dict[str, int] = {r.header("X-Call") or "": r.client_port for r in server.requests}
        assert all(by_tag[f"parent-{n}"] == parent_port for n in range(5))
        assert by_tag["parent-after"] == parent_port
        child_ports = {by_tag[f"child-{n}"] for n in range(5)}
        assert parent_port not in child_ports  # the child opened a connection of its own
        assert server.connections == 2
        assert_released(client)
    finally:
        client.close()
        if which == "default-client":
            ApiClient.set_default(None)


# ---- 37: framing headers from the caller ---------------------------------------------------------

FRAMING = [
    "Content-Length",
    "content-length",
    "Transfer-Encoding",
    "Host",
    "CONNECTION",
    "Upgrade",
    "TE",
    "Trailer",
    "Expect",
    "Keep-Alive",
    "Proxy-Connection",
]
FRAMING_VALUES = {"content-length": "0", "transfer-encoding": "chunked", "expect": "100-continue"}


def _value(name: str) -> str:
    return FRAMING_VALUES.get(name.lower(), "x")


@pytest.mark.parametrize("name", FRAMING)
def test_37_framing_header_per_call_is_refused_before_anything_is_sent(serve, make_api, name):
    server = serve(echo())
    api, _ = make_api(server.url)
    err, _ = raises_within(
        ApiValueError,
        1.0,
        api.allocations_delete_allocation,
        cloud(),
        _headers={name: _value(name)},
    )
    assert repr(name) in str(err) and "set by the SDK" in str(err)
    time.sleep(0.05)
    assert server.connections == 0 and server.attempts == 0
    assert call(api, "after") == "after"  # the client is fine for the next call


@pytest.mark.parametrize("name", FRAMING)
def test_37_framing_header_in_default_headers_is_a_configuration_error(serve, name):
    server = serve(echo())
    with pytest.raises(ConfigurationError, match="set by the SDK"):
        Configuration(host=server.url, default_headers={name: _value(name)})
    configuration = Configuration(host=server.url, read_timeout=1)
    with pytest.raises(ConfigurationError, match="set by the SDK"):
        ApiClient(configuration, header_name=name, header_value=_value(name))
    with ApiClient(configuration) as client:
        with pytest.raises(ConfigurationError, match="set by the SDK"):
            client.set_default_header(name, _value(name))
        api = AllocationsApi(client)
        configuration.default_headers[name] = _value(name)  # edited after construction
        err, _ = raises_within(ConfigurationError, 1.0, call, api, "edited")
        assert repr(name) in str(err) and "default_headers" in str(err)
        client.default_headers[name] = _value(name)
        del configuration.default_headers[name]
        raises_within(ConfigurationError, 1.0, call, api, "edited")
        time.sleep(0.05)
        assert server.connections == 0
        del client.default_headers[name]
        assert call(api, "clean") == "clean"


# ---- 38: truncated header section ----------------------------------------------------------------

CUT_HEADERS = {
    "status-line-then-close": b"HTTP/1.1 200 OK\r\n",
    "status-line-without-crlf": b"HTTP/1.1 200 OK",
    "cut-inside-a-header-line": b"HTTP/1.1 200 OK\r\nContent-Type: text/pl",
    "no-empty-line": b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Request: 1\r\n",
    "cut-inside-an-interim-response": b"HTTP/1.1 102 Processing\r\nX-Progress: 5",
}


# http.client ends a header section at the end of the stream as well as at its empty line, so a head cut
# short reads as complete. What the SDK refuses instead is a success whose body has no framing
# (neither Content-Length nor chunked): a cut head has none, and neither can a cut body be told.
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
        assert "neither Content-Length nor chunked framing" in str(err) or "interim" in str(err)
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
def test_38_close_delimited_success_is_refused_an_error_status_is_read(
    serve, make_api, sleeps, transport, body
):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"
    server = serve(raw(head + body, then="close"))
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ProtocolError, 2.0, api.allocations_delete_allocation, cloud())
    assert "neither Content-Length nor chunked framing" in str(err) and server.attempts == 1
    assert_released(client)
    # An error status is the answer whatever its body: a close-delimited one is read to the close.
    server.set_script(raw(b"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\n\r\n" + body, then="close"))
    err404, _ = raises_within(NotFoundException, 2.0, api.allocations_delete_allocation, cloud())
    assert err404.body == body.decode()
    assert_released(client)


# ---- 39: closed objects ----------------------------------------------------------------------------


def test_39_a_closed_client_refuses_calls(serve):
    server = serve(echo())
    configuration = Configuration(host=server.url, read_timeout=1)
    client = ApiClient(configuration)
    api = AllocationsApi(client)
    assert call(api, "open") == "open"
    assert not client.closed
    client.close()
    client.close()  # idempotent
    assert client.closed
    err, _ = raises_within(ClientClosedError, 1.0, call, api, "closed")
    assert "closed" in str(err) and "with" in str(err)
    raises_within(ClientClosedError, 1.0, get, api)
    raises_within(ClientClosedError, 1.0, api.allocations_snapshot_without_preload_content)
    with pytest.raises(ClientClosedError), client:
        pass
    assert server.attempts == 1  # nothing was sent after close

    with ApiClient(configuration) as scoped:
        assert call(AllocationsApi(scoped), "inside") == "inside"
    raises_within(ClientClosedError, 1.0, call, AllocationsApi(scoped), "outside")
    assert server.attempts == 2


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_39_a_streamed_body_reads_the_same_twice_but_not_after_close_unread(serve, make_api, transport):
    server = serve(OK)
    api, client = make_api(server.url, transport=transport)

    response = api.allocations_snapshot_without_preload_content()
    assert response.read() == SNAPSHOT_BODY
    assert response.read() == SNAPSHOT_BODY
    response.close()
    assert response.read() == SNAPSHOT_BODY  # fully read before close: still there
    assert_released(client)

    unread = api.allocations_snapshot_without_preload_content()
    unread.close()
    assert_released(client)
    with pytest.raises(ClientClosedError, match="closed before its body was read"):
        unread.read()
    with api.allocations_snapshot_without_preload_content() as scoped:
        pass
    with pytest.raises(ClientClosedError):
        scoped.read()
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_39_a_streamed_body_whose_read_failed_is_not_read_as_empty(serve, make_api, transport):
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
    server = serve(raw(head + b'{"ite', then="close"))
    api, client = make_api(server.url, transport=transport)
    response = api.allocations_snapshot_without_preload_content()
    with pytest.raises(Exception) as first:
        response.read()
    assert type(first.value).__name__ == "ApiConnectionError"
    with pytest.raises(ClientClosedError):
        response.read()
    assert_released(client)
