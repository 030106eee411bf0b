"""The transport layer: names, pool limits, and requests through a proxy."""

from __future__ import annotations

import time
from typing import List

import pytest

from pieces_os_client.api_client import ApiClient
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import ApiConnectionError, ApiTimeoutError, ConfigurationError
from tests._ops import GET_WIDGETS, POST_WIDGET, Widget
from tests._server import RawServer, Reply, closed_port


def test_unknown_transport_name() -> None:
    with pytest.raises(ConfigurationError, match="unknown transport 'nope'"):
        Configuration(transport="nope")


def test_pool_exhausted_is_a_bounded_timeout(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json={"iterable": []}))
    config = Configuration(host=server.url, connection_pool_maxsize=1, pool_block=True, pool_timeout=0.2)
    with ApiClient(config) as client:
        held = client.invoke_raw(GET_WIDGETS, None)
        started = time.monotonic()
        with pytest.raises(ApiTimeoutError) as info:
            client.invoke(GET_WIDGETS, None, retries=0)
        assert time.monotonic() - started < 1.5
        assert "no free connection" in str(info.value) and "connection_pool_maxsize=1" in str(info.value)
        assert info.value.request_sent is False
        held.release_conn()
        assert client.invoke(GET_WIDGETS, None).status_code == 200
        assert client.connections_in_use() == 0


def test_requests_go_through_the_proxy_with_its_headers(server: RawServer) -> None:
    target = "http://pieces.invalid:39300"
    server.route("POST", f"{target}/widgets/create", Reply(200, json={"id": "w"}))
    config = Configuration(host=target, proxy=server.url, proxy_headers={"Proxy-Authorization": "Basic eDp5"})
    with ApiClient(config) as client:
        assert client.invoke(POST_WIDGET, Widget(id="w")).data == Widget(id="w")
    request = server.requests[-1]
    assert request.path == f"{target}/widgets/create"  # absolute form: the proxy forwards it
    assert request.headers["Proxy-Authorization"] == "Basic eDp5"


def test_an_unreachable_proxy_is_a_connection_error(sleeps: List[float]) -> None:
    proxy = f"http://127.0.0.1:{closed_port()}"
    config = Configuration(host="http://pieces.invalid:39300", proxy=proxy, retries=0)
    with ApiClient(config, **sleeps.kwargs) as client, pytest.raises(ApiConnectionError) as info:
        client.invoke(POST_WIDGET, Widget(id="w"))
    message = str(info.value)  # the facts a user needs: where, through what, what happened, what to check
    assert (
        "could not reach http://pieces.invalid:39300" in message and f"through the proxy {proxy}" in message
    )
    assert "connection refused" in message and "check Configuration.proxy" in message
    assert "POST http://pieces.invalid:39300/widgets/create" in message
    assert info.value.request_sent is False
