"""A response head the HTTP library rejects must not leave the client's socket open.

urllib3 refuses a head whose ``Content-Length`` values disagree only after http.client has parsed it,
and when the server asked to close the connection (``Connection: close``, HTTP/1.0, no usable length)
http.client's response then owns the socket. These tests keep the garbage collector off during the call,
so a socket that only a reference cycle still holds shows up as an open socket on the client's port.
"""

from __future__ import annotations

import gc
import socket
from typing import Iterator, List

import pytest

from pieces_os_client import ProtocolError
from tests._calls import assert_released, get, raises_within
from tests._server import Conn, Request

HEADS = {
    "close": b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
    "http10": b"HTTP/1.0 200 OK\r\nContent-Length: 5\r\nContent-Length: 0\r\n\r\nhello",
    "no-usable-length": b"HTTP/1.1 500 Oops\r\nContent-Length: -1\r\nContent-Length: 0\r\n\r\nbody",
    "keep-alive": b"HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello",
}


@pytest.fixture
def no_gc() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def open_sockets_on(port: int) -> List[socket.socket]:
    """Sockets of this process still holding a file descriptor, bound to local ``port``."""
    found = []
    for obj in gc.get_objects():
        if isinstance(obj, socket.socket) and obj.fileno() != -1:
            try:
                if obj.getsockname()[1] == port:
                    found.append(obj)
            except OSError:
                continue
    return found


@pytest.mark.parametrize("transport", ["urllib3", "requests"])
@pytest.mark.parametrize("head", sorted(HEADS))
def test_rejected_head_closes_the_socket_at_once(serve, make_api, no_gc, transport, head):
    ports: List[int] = []

    def answer(conn: Conn, request: Request) -> bool:
        ports.append(request.client_port)
        conn.send(HEADS[head])
        conn.close()
        return False

    server = serve(answer)
    api, client = make_api(server.url, retries=0, transport=transport)
    err, _ = raises_within(ProtocolError, 2.0, get, api)
    assert "Content-Length" in str(err)
    assert server.attempts == 1
    assert_released(client)
    assert open_sockets_on(ports[0]) == []
