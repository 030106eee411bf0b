"""The transport seam: ``handle_request(TransportRequest) -> response``, and the ``send(...)`` shape of
earlier releases, each registered with `register_transport` and driven over real sockets."""

from __future__ import annotations

import http.client
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

import pytest
import urllib3

from pieces_os_client._transport import (
    Kind,
    TransportFailure,
    TransportRequest,
    TransportResponse,
    register_transport,
)
from pieces_os_client._transport._urllib3 import Urllib3Transport
from pieces_os_client.api_client import ApiClient
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ProtocolError,
    ResponseTooLargeError,
    ServiceException,
)
from pieces_os_client.rest import RESTResponse
from tests._loopback import LoopbackServer, Reply, closed_port
from tests._ops import GET_WIDGETS, POST_WIDGET, Widget, Widgets
from tests._pacing import Sleeps

# --- a transport of the new shape, on urllib3 directly (not the SDK's transport) --------------------


class _PoolResponse:
    """A urllib3 response as a `TransportResponse`, in as few lines as a user would write."""

    def __init__(self, raw: urllib3.BaseHTTPResponse, log: List[str]) -> None:
        self.raw = raw
        self.status = raw.status
        self.reason = raw.reason or http.client.responses.get(raw.status, "")
        self.headers: Mapping[str, str] = raw.headers
        self.length: Optional[int] = raw.length_remaining
        self.log = log

    def chunks(self) -> Iterator[bytes]:
        return iter(lambda: self.raw.read(5), b"")  # small pieces: the cap is applied above, per piece

    def release(self) -> None:
        self.log.append("release")
        self.raw.release_conn()

    def discard(self) -> None:
        self.log.append("discard")
        self.raw.close()
        self.raw.release_conn()


class PoolTransport:
    """A transport written to the seam: one urllib3 pool, every request recorded."""

    def __init__(self, configuration: Configuration) -> None:
        self.pool = urllib3.PoolManager(maxsize=2, retries=False)
        self.requests: List[TransportRequest] = []
        self.log: List[str] = []

    def handle_request(self, request: TransportRequest) -> TransportResponse:
        self.requests.append(request)
        connect, read = request.timeout
        try:
            raw = self.pool.urlopen(
                request.method,
                request.url,
                body=request.body,
                headers=dict(request.headers),
                timeout=urllib3.Timeout(connect=connect, read=read),
                preload_content=False,
                redirect=False,
            )
        except urllib3.exceptions.NewConnectionError as exc:
            raise TransportFailure(Kind.REFUSED, "connection refused") from exc
        return _PoolResponse(raw, self.log)

    def connections_in_use(self) -> int:
        return 0

    def close(self) -> None:
        self.pool.clear()


# --- a transport of the old shape: send(...) returning a RESTResponse -------------------------------


class SendTransport:
    """A transport written to the earlier seven-argument ``send``, also on urllib3 directly."""

    def __init__(self, configuration: Configuration) -> None:
        self.pool = urllib3.PoolManager(maxsize=2, retries=False)
        self.calls: List[Tuple[str, str, Optional[bytes], Tuple[float, float], bool, int]] = []
        self.discarded = 0

    def send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: Optional[bytes],
        timeout: Tuple[float, float],
        preload_content: bool,
        max_body_bytes: int,
    ) -> RESTResponse:
        self.calls.append((method, url, body, timeout, preload_content, max_body_bytes))
        raw = self.pool.urlopen(
            method,
            url,
            body=body,
            headers=dict(headers),
            timeout=urllib3.Timeout(connect=timeout[0], read=timeout[1]),
            preload_content=preload_content,
            redirect=False,
        )
        if preload_content:
            return RESTResponse(raw.status, raw.reason or "", raw.headers, raw.data, method=method, url=url)

        def discard() -> None:
            self.discarded += 1
            raw.close()
            raw.release_conn()

        return RESTResponse(
            raw.status,
            raw.reason or "",
            raw.headers,
            method=method,
            url=url,
            reader=raw.read,
            discard=discard,
        )

    def connections_in_use(self) -> int:
        return 0

    def close(self) -> None:
        self.pool.clear()


register_transport("seam-pool-for-tests", PoolTransport)
register_transport("seam-send-for-tests", SendTransport)


def _client(server: LoopbackServer, transport: str, sleeps: Sleeps, **options: Any) -> ApiClient:
    return ApiClient(Configuration(host=server.url, transport=transport, **options), **sleeps.kwargs)


WIDGETS: Dict[str, Any] = {"iterable": [{"id": "w1", "displayName": "one"}]}
WIDGETS_BODY = b'{"iterable": [{"id": "w1", "displayName": "one"}]}'
WIDGETS_MODEL = Widgets(iterable=[Widget(id="w1", display_name="one")])


def test_a_handle_request_transport_gets_one_request_object_per_attempt(
    server: LoopbackServer, sleeps: Sleeps
) -> None:
    server.script("GET", "/widgets", Reply(503), Reply(200, json=WIDGETS))
    with _client(server, "seam-pool-for-tests", sleeps, read_timeout=7) as client:
        response = client.invoke(GET_WIDGETS, None)
        transport: Any = client._transport
    assert response.data == WIDGETS_MODEL
    assert isinstance(transport, PoolTransport)
    # The retry stayed above the seam: two single attempts, the same frozen request each time.
    assert [(r.method, r.url, r.body, r.timeout, r.stream) for r in transport.requests] == [
        ("GET", f"{server.url}/widgets", None, (5.0, 7.0), False),
        ("GET", f"{server.url}/widgets", None, (5.0, 7.0), False),
    ]
    assert transport.requests[0].headers["Accept"] == "application/json"
    # The 503 body was read to its end before the retry, then the 200's: both connections released.
    assert transport.log == ["release", "release"]
    assert sleeps == [0.5]
    with pytest.raises(AttributeError):
        transport.requests[0].method = "POST"


def test_a_handle_request_transport_streams_and_the_body_is_capped_above_it(
    server: LoopbackServer, sleeps: Sleeps
) -> None:
    body = b'{"id": "w", "displayName": "a name longer than twenty bytes"}'
    server.script("POST", "/widgets/create", Reply(200, body=body, content_type="application/json"))
    with _client(server, "seam-pool-for-tests", sleeps) as client:
        transport: Any = client._transport
        raw = client.invoke_raw(POST_WIDGET, Widget(id="w"))
        assert transport.requests[-1].stream is True
        assert transport.requests[-1].body == b'{"id":"w"}'
        assert transport.log == []  # nothing read yet
        assert raw.read() == body
        assert transport.log == ["release"]
        client.configuration.max_response_bytes = 20
        with pytest.raises(ResponseTooLargeError) as info:
            client.invoke(POST_WIDGET, Widget(id="w"))
    assert str(info.value).startswith(
        f"response body larger than max_response_bytes=20 (Content-Length is {len(body)}); reading stopped"
    )
    assert transport.log == ["release", "discard"]


def test_a_failure_kind_from_any_transport_is_worded_by_the_one_table(sleeps: Sleeps) -> None:
    """The same refused connection, classified by the test's transport and by urllib3's: one message."""
    url = f"http://127.0.0.1:{closed_port()}"
    errors = []
    for transport in ("seam-pool-for-tests", "urllib3"):
        config = Configuration(host=url, transport=transport, retries=0)
        with ApiClient(config, **sleeps.kwargs) as client, pytest.raises(ApiConnectionError) as info:
            client.invoke(GET_WIDGETS, None)
        errors.append((str(info.value), info.value.request_sent, info.value.retryable))
    assert errors[0] == errors[1]
    assert errors[0][0].startswith(f"could not connect to {url} (connection refused): is Pieces OS running?")
    assert errors[0][1:] == (False, True)


def test_a_send_transport_of_earlier_releases_still_works(server: LoopbackServer, sleeps: Sleeps) -> None:
    server.script("GET", "/widgets", Reply(503, body="busy"), Reply(200, json=WIDGETS))
    with _client(server, "seam-send-for-tests", sleeps, read_timeout=3) as client:
        transport: Any = client._transport
        assert isinstance(transport, SendTransport)
        assert client.invoke(GET_WIDGETS, None).data == Widgets(
            iterable=[Widget(id="w1", display_name="one")]
        )
        streamed = client.invoke_raw(GET_WIDGETS, None)
        assert streamed.read() == WIDGETS_BODY
        unread = client.invoke_raw(GET_WIDGETS, None)
        unread.close()
    limit = 4 * 1024 * 1024
    assert transport.calls == [
        ("GET", f"{server.url}/widgets", None, (5.0, 3.0), True, limit),  # 503: retried
        ("GET", f"{server.url}/widgets", None, (5.0, 3.0), True, limit),
        ("GET", f"{server.url}/widgets", None, (5.0, 3.0), False, limit),
        ("GET", f"{server.url}/widgets", None, (5.0, 3.0), False, limit),
    ]
    assert transport.discarded == 1 and sleeps == [0.5]


def test_a_send_transport_error_status_is_mapped_above_it(server: LoopbackServer, sleeps: Sleeps) -> None:
    server.script("GET", "/widgets", Reply(500, body="still down"))
    with (
        _client(server, "seam-send-for-tests", sleeps, retries=0) as client,
        pytest.raises(ServiceException) as info,
    ):
        client.invoke(GET_WIDGETS, None)
    assert info.value.status == 500 and info.value.body == "still down"


def test_the_builtin_transports_still_offer_send(server: LoopbackServer) -> None:
    server.script("GET", "/widgets", Reply(200, json=WIDGETS))
    transport = Urllib3Transport(Configuration(host=server.url))
    try:
        response = transport.send("GET", f"{server.url}/widgets", {}, None, (2.0, 2.0), True, 1024)
        assert (
            response.status == 200
            and response.read() == b'{"iterable": [{"id": "w1", "displayName": "one"}]}'
        )
        with pytest.raises(ResponseTooLargeError):
            transport.send("GET", f"{server.url}/widgets", {}, None, (2.0, 2.0), True, 10)
        with pytest.raises(ProtocolError):  # worded by the same table as a client's call
            transport.send("GET", "http://", {}, None, (2.0, 2.0), True, 10)
        assert transport.connections_in_use() == 0
    finally:
        transport.close()
