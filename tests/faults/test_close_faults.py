"""Case 55: a client closed while it is still in use, from another thread or under a streamed response.

A call waiting to retry ends at once when its client is closed, and sends nothing after `close()`; a
streamed response whose body was not read before its client closed raises `ClientClosedError` on
every client, and one whose body was read keeps it.
"""

from __future__ import annotations

import threading
import time

import pytest

from pieces_os_client import AllocationsApi, ApiClient, ClientClosedError, Configuration
from tests._calls import get
from tests._every_client import CLIENTS, every_client
from tests._server import respond

BUSY = respond(503, b"busy", content_type="text/plain", headers=[("Retry-After", "5")])
SNAPSHOT = respond(200, b'{"iterable": []}')


@pytest.mark.parametrize("transport", ["urllib3", "requests"])
def test_55a_close_from_another_thread_ends_a_retry_wait_and_sends_nothing_after(serve, transport):
    server = serve(BUSY, SNAPSHOT)
    client = ApiClient(Configuration(host=server.url, transport=transport, read_timeout=1))
    api = AllocationsApi(client)
    closer = threading.Timer(0.3, client.close)
    closer.start()
    started = time.monotonic()
    try:
        with pytest.raises(ClientClosedError) as info:
            get(api)  # waits 5 s (Retry-After) before its retry, unless the client is closed
    finally:
        closer.cancel()
    elapsed = time.monotonic() - started
    assert 0.25 <= elapsed < 1.5, elapsed
    assert "was closed while GET" in str(info.value) and "may have reached Pieces OS" in str(info.value)
    time.sleep(0.2)
    assert server.attempts == 1 and server.connections == 1  # no retry, and no connection after close()
    assert client.connections_in_use() == 0


@pytest.mark.parametrize("client_kind", CLIENTS)
def test_55b_a_streamed_body_not_read_before_its_client_closed_is_gone(serve, client_kind):
    server = serve(SNAPSHOT)
    with every_client(client_kind, server.url) as (api, client):
        read_first = api.allocations_snapshot_without_preload_content()
        assert read_first.read() == b'{"iterable": []}'
        unread = api.allocations_snapshot_without_preload_content()
        assert client.connections_in_use() == 1
        client.close()
        with pytest.raises(ClientClosedError) as info:
            unread.read()
        assert "closed before its body was read" in str(info.value)
        assert read_first.read() == b'{"iterable": []}'  # a body already read stays readable
        assert client.connections_in_use() == 0
