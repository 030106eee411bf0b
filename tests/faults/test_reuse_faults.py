"""Cases 53 and 57: a kept-alive connection is reused only when it is certain to carry the next answer.

Every client (urllib3, requests, asyncio) meets the same raw server. Each test checks the next call gets
its own answer, on a new connection, where the old one cannot be trusted.
"""

from __future__ import annotations

import time
from typing import Any, Callable

import pytest

from pieces_os_client import ApiException
from tests._calls import cloud
from tests._every_client import CLIENTS, every_client
from tests._server import Action, Conn, Request, response_bytes


def echoed(request: Request) -> bytes:
    """A text answer whose body is the request's ``X-Call`` header."""
    return response_bytes(200, request.header("X-Call") or "", content_type="text/plain")


def answer_then(first: Callable[[Request], bytes], stray: bytes, *, after: float = 0.05) -> Action:
    """Answer with ``first(request)``; ``after`` seconds later write ``stray`` on the same connection."""

    def action(conn: Conn, request: Request) -> bool:
        conn.send(first(request))
        conn.wait(after)
        conn.send(stray)
        return True

    return action


def echo(conn: Conn, request: Request) -> bool:
    conn.send(echoed(request))
    return True


def call(api: Any, tag: str) -> Any:
    """A POST (never retried) with a text answer; the echo server answers with ``tag``."""
    return api.allocations_delete_allocation(cloud(), _headers={"X-Call": tag})


STRAY = {
    # A complete response nobody asked for: read by the next call, it would be taken as its answer.
    "a-response-nobody-asked-for": (
        echoed,
        response_bytes(200, "stray", content_type="text/plain"),
    ),
    "a-body-after-a-204": (
        lambda request: b"HTTP/1.1 204 No Content\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nstray",
    ),
    "a-body-after-a-304": (
        lambda request: b"HTTP/1.1 304 Not Modified\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nstray",
    ),
}


@pytest.mark.parametrize("client_kind", CLIENTS)
@pytest.mark.parametrize("stray", sorted(STRAY))
def test_53_bytes_that_arrive_on_an_idle_connection_are_never_an_answer(serve, client_kind, stray):
    first, extra = STRAY[stray]
    server = serve(answer_then(first, extra), echo)
    with every_client(client_kind, server.url) as (api, client):
        try:
            call(api, "call-0")
        except ApiException as exc:  # the 304
            assert exc.status == 304
        time.sleep(0.2)  # the stray bytes are on the idle connection now
        for n in (1, 2, 3):
            assert call(api, f"call-{n}") == f"call-{n}"
        assert server.connections == 2  # the connection with unread bytes was not used again
        assert client.connections_in_use() == 0


def two_connection_lines(conn: Conn, request: Request) -> bool:
    """Answer with ``Connection: keep-alive`` then ``Connection: close``; close only a little later."""
    body = (request.header("X-Call") or "").encode()
    conn.send(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: keep-alive\r\nConnection: close\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
        + body
    )
    conn.wait(0.5)  # a client that reuses the connection sends its next request before this close
    conn.close()
    return False


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_57_two_connection_lines_one_saying_close_close_the_connection(serve, client_kind):
    # RFC 9110 7.6.1: the Connection field is a list; a "close" in any of its lines ends the connection.
    # http.client reads only the first line, so urllib3 would put the connection back in its pool and
    # send the next POST on it, which the server then closes unanswered.
    server = serve(two_connection_lines)
    with every_client(client_kind, server.url) as (api, client):
        for n in range(3):
            assert call(api, f"call-{n}") == f"call-{n}"
        assert server.connections == 3
        assert client.connections_in_use() == 0
