"""The transport seam: a transport object with ``handle_request(TransportRequest) -> response``, passed
to the client (or set on `Configuration`), driven over real sockets; and the deprecated ways."""

from __future__ import annotations

import http.client
import os
import warnings
from typing import Any, Dict, Iterator, List, Mapping, Optional

import pytest
import urllib3

from pieces_os_client.api_client import ApiClient
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiValueError,
    ConfigurationError,
    ResponseTooLargeError,
)
from pieces_os_client.transport import (
    Kind,
    TransportFailure,
    TransportRequest,
    TransportResponse,
    Urllib3Transport,
    register_transport,
)
from tests._ops import GET_WIDGETS, POST_WIDGET, Widget, Widgets
from tests._pacing import Sleeps
from tests._server import RawServer, Reply, closed_port

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

    def __init__(self) -> None:
        self.pool = urllib3.PoolManager(maxsize=2, retries=False)
        self.requests: List[TransportRequest] = []
        self.log: List[str] = []
        self.closed = 0

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

    def close(self) -> None:
        self.closed += 1
        self.pool.clear()

    def reset_after_fork(self) -> None:
        self.pool = urllib3.PoolManager(maxsize=2, retries=False)


def _client(server: RawServer, transport: Any, sleeps: Sleeps, **options: Any) -> ApiClient:
    return ApiClient(Configuration(host=server.url, **options), transport=transport, **sleeps.kwargs)


WIDGETS: Dict[str, Any] = {"iterable": [{"id": "w1", "displayName": "one"}]}
WIDGETS_BODY = b'{"iterable": [{"id": "w1", "displayName": "one"}]}'
WIDGETS_MODEL = Widgets(iterable=[Widget(id="w1", display_name="one")])


def test_a_handle_request_transport_gets_one_request_object_per_attempt(
    server: RawServer, sleeps: Sleeps
) -> None:
    server.route("GET", "/widgets", Reply(503), Reply(200, json=WIDGETS))
    transport = PoolTransport()
    with _client(server, transport, sleeps, read_timeout=7) as client:
        assert client.transport is transport
        response = client.invoke(GET_WIDGETS, None)
    assert response.data == WIDGETS_MODEL
    assert transport.closed == 0  # a transport passed in is its owner's to close
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
    server: RawServer, sleeps: Sleeps
) -> None:
    body = b'{"id": "w", "displayName": "a name longer than twenty bytes"}'
    server.route("POST", "/widgets/create", Reply(200, body=body, content_type="application/json"))
    transport = PoolTransport()
    with _client(server, transport, sleeps) as client:
        raw = client.invoke_raw(POST_WIDGET, Widget(id="w"))
        assert transport.requests[-1].stream is True
        assert transport.requests[-1].body == b'{"id":"w"}'
        assert transport.log == []  # nothing read yet
        assert client.connections_in_use() == 1  # counted by the client, whatever the transport
        assert raw.read() == body
        assert transport.log == ["release"] and client.connections_in_use() == 0
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
    for transport in (PoolTransport(), None):
        config = Configuration(host=url, retries=0)
        with (
            ApiClient(config, transport=transport, **sleeps.kwargs) as client,
            pytest.raises(ApiConnectionError) as info,
        ):
            client.invoke(GET_WIDGETS, None)
        errors.append((str(info.value), info.value.request_sent, info.value.retryable))
    assert errors[0] == errors[1]
    assert errors[0][0].startswith(f"could not connect to {url} (connection refused): is Pieces OS running?")
    assert errors[0][1:] == (False, True)


def test_a_transport_on_the_configuration_is_shared_and_closed_by_no_client(
    server: RawServer, sleeps: Sleeps
) -> None:
    server.route("GET", "/widgets", Reply(200, json=WIDGETS))
    transport = PoolTransport()
    configuration = Configuration(host=server.url, transport=transport)
    assert configuration.transport is transport and "PoolTransport" in repr(configuration)
    for _ in range(2):
        with ApiClient(configuration, **sleeps.kwargs) as client:
            assert client.invoke(GET_WIDGETS, None).data == WIDGETS_MODEL
    assert len(transport.requests) == 2 and transport.closed == 0
    transport.close()


def test_a_transport_the_client_built_is_closed_by_it(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json=WIDGETS))
    with ApiClient(Configuration(host=server.url)) as client:
        built = client.transport
        assert isinstance(built, Urllib3Transport)
        client.invoke(GET_WIDGETS, None)
    # Closed: its pools are empty (urllib3's clear()), and a later request opens a new connection.
    before = set(server.request_ports())
    response = built.handle_request(TransportRequest("GET", f"{server.url}/widgets", {}, None, (2.0, 2.0)))
    assert b"".join(response.chunks()) == WIDGETS_BODY
    response.release()
    assert server.request_ports()[-1] not in before
    built.close()


def test_the_builtin_transports_take_plain_settings(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json=WIDGETS))
    transport = Urllib3Transport(pool_maxsize=1, verify_ssl=False)
    try:
        with ApiClient(Configuration(host=server.url), transport=transport) as client:
            assert client.invoke(GET_WIDGETS, None).data == WIDGETS_MODEL
        with pytest.raises(ConfigurationError, match="unknown transport setting 'maxsize'"):
            Urllib3Transport(maxsize=1)  # type: ignore[call-arg]
    finally:
        transport.close()


def test_a_transport_without_handle_request_is_refused() -> None:
    class SendOnly:  # the send(...) shape of earlier releases, removed
        def send(self, *args: Any) -> None: ...

    with pytest.raises(ConfigurationError, match="handle_request"):
        Configuration(transport=SendOnly())  # type: ignore[arg-type]
    with pytest.raises(ConfigurationError, match="handle_request"):
        ApiClient(Configuration(), transport=SendOnly())  # type: ignore[arg-type]


def test_register_transport_still_works_with_a_deprecation_warning(server: RawServer, sleeps: Sleeps) -> None:
    server.route("GET", "/widgets", Reply(200, json=WIDGETS))
    made: List[Configuration] = []

    def factory(configuration: Configuration) -> PoolTransport:
        made.append(configuration)
        return PoolTransport()

    with pytest.warns(DeprecationWarning, match="pass the transport object instead"):
        register_transport("seam-pool-for-tests", factory)  # unregistered after the test (tests/conftest.py)
    configuration = Configuration(host=server.url, transport="seam-pool-for-tests")
    with ApiClient(configuration, **sleeps.kwargs) as client:
        assert client.invoke(GET_WIDGETS, None).data == WIDGETS_MODEL
        transport: Any = client.transport
    assert made == [configuration] and transport.closed == 1  # the client built it, so it closed it
    with pytest.raises(ApiValueError, match="built-in"), pytest.warns(DeprecationWarning):
        register_transport("urllib3", factory)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="fork is POSIX")
def test_a_transport_passed_in_is_reset_once_in_a_forked_child(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json=WIDGETS))
    transport = PoolTransport()
    resets: List[int] = []
    reset = transport.reset_after_fork
    transport.reset_after_fork = lambda: (resets.append(os.getpid()), reset())[-1]  # type: ignore[method-assign]
    configuration = Configuration(host=server.url)
    clients = [ApiClient(configuration, transport=transport) for _ in range(2)]  # one transport, two clients
    clients[0].invoke(GET_WIDGETS, None)
    read, write = os.pipe()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # 3.12+: fork with threads running
        pid = os.fork()
    if pid == 0:  # the child: report the resets it saw, call once on its own connection, exit
        code = 1
        try:
            ok = clients[1].invoke(GET_WIDGETS, None).data == WIDGETS_MODEL
            os.write(write, f"{len(resets)} {resets == [os.getpid()]} {ok}".encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            report = pipe.read()
        _, status = os.waitpid(pid, 0)
    finally:
        for client in clients:
            client.close()
        transport.close()
    assert os.WEXITSTATUS(status) == 0 and report == "1 True True"
    assert resets == []  # the parent's transport was left alone


def test_the_configuration_and_the_transports_do_not_import_each_other() -> None:
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "pieces_os_client"

    def imports(path: Path) -> List[str]:
        names: List[str] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.append(node.module)
            elif isinstance(node, ast.Import):
                names.extend(alias.name for alias in node.names)
        return names

    transports = ["_urllib3", "_requests", "_aiohttp", "_threaded", "_settings", "_decoding", "_framing"]
    for name in transports:
        assert "pieces_os_client.configuration" not in imports(package / "_transport" / f"{name}.py"), name
    configuration = imports(package / "configuration.py")
    assert not [m for m in configuration if any(m.endswith(f"._transport.{t}") for t in transports)]
