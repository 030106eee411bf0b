"""The tools users wrap around HTTP clients see this SDK's requests, on every client, over real sockets.

Record and replay (vcrpy, pytest-recording), tracing (OpenTelemetry's urllib3, requests and aiohttp-client
instrumentations, sentry-sdk), HTTP proxies with credentials and headers, SOCKS proxies, socket options
and a TLS server name. Each tool is a dev dependency; a test whose tool is not installed skips (the
``lowest`` session of the matrix installs only the package's own dependencies).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import ssl
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest

import pieces_os_client
import pieces_os_client.transport
from tests._pacing import Sleeps
from tests._proxies import HttpProxy, Socks5Server, basic
from tests._server import RawServer, Reply, closed_port

BLOCKING = ["urllib3", "requests"]


def _snapshot_header(client: pieces_os_client.ApiClient) -> str:
    """One snapshot call; the ``X-Answer`` header the server (or the cassette) gave it."""
    response = pieces_os_client.AllocationsApi(client).allocations_snapshot_with_http_info()
    assert response.data.iterable == []
    return str(response.headers["X-Answer"])


def _answers(server: RawServer, count: int) -> None:
    """``GET /allocations`` answers an empty snapshot, with ``X-Answer: 1``, ``2``, ... in order (the
    one before last chunked)."""
    replies = [Reply(200, json={"iterable": []}, headers={"X-Answer": str(n)}) for n in range(1, count + 1)]
    replies[-2] = Reply(  # one body chunked: a cassette keeps the body and drops the framing
        200,
        b'10\r\n{"iterable": []}\r\n0\r\n\r\n',
        headers={"X-Answer": str(count - 1), "Transfer-Encoding": "chunked"},
        content_type="application/json",
    )
    server.route("GET", "/allocations", *replies)


# ---- vcrpy ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", BLOCKING)
def test_vcrpy_records_every_call_whenever_the_client_was_built_and_replays_without_a_server(
    transport: str, tmp_path: Path
) -> None:
    vcr = pytest.importorskip("vcr")
    recorder = vcr.VCR(record_mode="once")
    server = RawServer.routed()
    _answers(server, 4)
    configuration = pieces_os_client.Configuration(host=server.url, transport=transport, retries=0)
    clients: List[Any] = []
    try:
        built_before = pieces_os_client.ApiClient(configuration)  # built, not used, before any cassette
        used_earlier = pieces_os_client.ApiClient(configuration)
        clients += [built_before, used_earlier]
        with recorder.use_cassette(str(tmp_path / "earlier.yaml")) as earlier:
            assert _snapshot_header(used_earlier) == "1"
        assert len(earlier) == 1
        with recorder.use_cassette(str(tmp_path / "calls.yaml")) as cassette:
            assert _snapshot_header(built_before) == "2"
            built_inside = pieces_os_client.ApiClient(configuration)
            clients.append(built_inside)
            assert _snapshot_header(built_inside) == "3"
            assert _snapshot_header(used_earlier) == "4"
        assert len(cassette) == 3  # every call recorded, whenever its client was built
        assert cassette.play_count == 0
        assert server.count("GET", "/allocations") == 4
    finally:
        server.stop()

    # Replay: the server is gone, so an answer can only come from the cassette.
    replayer = vcr.VCR(record_mode="none")
    with replayer.use_cassette(str(tmp_path / "calls.yaml")) as cassette:
        assert _snapshot_header(clients[0]) == "2"  # the clients that recorded, their pools still open
        assert _snapshot_header(clients[2]) == "3"
        with pieces_os_client.ApiClient(configuration) as fresh:
            assert _snapshot_header(fresh) == "4"
        assert cassette.all_played
    with replayer.use_cassette(str(tmp_path / "earlier.yaml")) as cassette:
        assert _snapshot_header(clients[1]) == "1"
        # Played once already, and nothing may be recorded: the cassette refuses, and the SDK says so.
        with pytest.raises(pieces_os_client.ApiConnectionError) as refused:
            _snapshot_header(clients[1])
        assert isinstance(refused.value.__cause__, vcr.errors.CannotOverwriteExistingCassetteException)
        assert "vcr raised CannotOverwriteExistingCassetteException" in str(refused.value)
        assert "/allocations" in str(refused.value)
        assert refused.value.request_sent is False
    for client in clients:
        client.close()


# ---- pytest-recording ----------------------------------------------------------------------------

# A user's test module: a client built at import (before any cassette) and one per test, three tests
# recorded in one pytest process.
RECORDED_MODULE = """
import os

import pytest

import pieces_os_client

CONFIGURATION = pieces_os_client.Configuration(host=os.environ["PIECES_OS_HOST_URL"], retries=0)
SHARED = pieces_os_client.ApiClient(CONFIGURATION)


def answer(client):
    response = pieces_os_client.AllocationsApi(client).allocations_snapshot_with_http_info()
    return response.headers["X-Answer"]


@pytest.mark.vcr
def test_shared_client():
    assert answer(SHARED) == "1"


@pytest.mark.vcr
def test_own_client():
    with pieces_os_client.ApiClient(CONFIGURATION) as client:
        assert answer(client) == "2"


@pytest.mark.vcr
def test_requests_client_and_shared_client():
    configuration = pieces_os_client.Configuration(host=CONFIGURATION.host, transport="requests")
    with pieces_os_client.ApiClient(configuration) as client:
        assert answer(client) == "3"
    assert answer(SHARED) == "4"
"""


PLUGINS = ("-p", "pytest_recording.plugin")


def _pytest(directory: Path, host: str, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest on ``directory``'s test module in a process of its own, as a user's suite runs.

    Only pytest-recording is loaded: the other installed plugins (hypothesis's) take seconds to import.
    """
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PLUGINS, *args, "test_recorded.py"],
        cwd=directory,
        env={**os.environ, "PIECES_OS_HOST_URL": host, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_pytest_recording_writes_one_cassette_per_test_and_replays_them_without_a_server(
    tmp_path: Path,
) -> None:
    pytest.importorskip("pytest_recording")
    yaml = pytest.importorskip("yaml")
    (tmp_path / "test_recorded.py").write_text(RECORDED_MODULE)
    (tmp_path / "pytest.ini").write_text("[pytest]\nfilterwarnings = error\n")
    server = RawServer.routed()
    _answers(server, 4)
    try:
        recording = _pytest(tmp_path, server.url, "--record-mode=once")
        assert recording.returncode == 0, recording.stdout + recording.stderr
        assert server.count("GET", "/allocations") == 4
    finally:
        server.stop()
    cassettes = sorted(p.name for p in (tmp_path / "cassettes" / "test_recorded").iterdir())
    assert cassettes == [
        "test_own_client.yaml",
        "test_requests_client_and_shared_client.yaml",
        "test_shared_client.yaml",
    ]
    interactions = {
        name: [
            i["response"]["headers"]["X-Answer"]
            for i in yaml.safe_load((tmp_path / "cassettes" / "test_recorded" / name).read_text())[
                "interactions"
            ]
        ]
        for name in cassettes
    }
    assert interactions == {
        "test_own_client.yaml": [["2"]],
        "test_requests_client_and_shared_client.yaml": [["3"], ["4"]],
        "test_shared_client.yaml": [["1"]],
    }

    replay = _pytest(tmp_path, server.url, "--record-mode=none")
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert "3 passed" in replay.stdout


# ---- OpenTelemetry -------------------------------------------------------------------------------


def _tracing() -> Tuple[Any, Any, Any]:
    """A tracer provider that keeps finished spans in memory, its exporter and a tracer from it."""
    sdk_trace = pytest.importorskip("opentelemetry.sdk.trace")
    export = pytest.importorskip("opentelemetry.sdk.trace.export")
    in_memory = pytest.importorskip("opentelemetry.sdk.trace.export.in_memory_span_exporter")
    exporter = in_memory.InMemorySpanExporter()
    provider = sdk_trace.TracerProvider()
    provider.add_span_processor(export.SimpleSpanProcessor(exporter))
    return provider, exporter, provider.get_tracer("tests")


def _status(span: Any) -> Any:
    """The HTTP status a client span recorded (the stable attribute name, or the older one)."""
    attributes = dict(span.attributes)
    return attributes.get("http.response.status_code", attributes.get("http.status_code"))


def _assert_one_span_per_attempt(exporter: Any, parent: Any, server: RawServer) -> None:
    """Two attempts (503, then 200), each its own client span under ``parent``, whose context reached
    the server in that attempt's ``traceparent``."""
    spans = [s for s in exporter.get_finished_spans() if s.parent is not None and s.name != "work"]
    assert [_status(s) for s in spans] == [503, 200]
    assert all(s.kind.name == "CLIENT" and s.parent.span_id == parent.span_id for s in spans)
    sent = [r.headers.get("traceparent") for r in server.requests_to("GET", "/allocations")]
    expected = [
        f"00-{s.context.trace_id:032x}-{s.context.span_id:016x}-{s.context.trace_flags:02x}" for s in spans
    ]
    assert sent == expected


def _unavailable_then_empty(server: RawServer) -> None:
    server.route("GET", "/allocations", Reply(503), Reply(200, json={"iterable": []}))


INSTRUMENTATIONS = {
    "urllib3": ("opentelemetry.instrumentation.urllib3", "URLLib3Instrumentor"),
    "requests": ("opentelemetry.instrumentation.requests", "RequestsInstrumentor"),
}


@pytest.fixture
def instrument() -> Iterator[Callable[..., None]]:
    """``instrument(instrumentor, **kwargs)`` instruments a library for the test; undone when it ends."""
    done: List[Any] = []

    def start(instrumentor: Any, **kwargs: Any) -> None:
        instrumentor.instrument(**kwargs)
        done.append(instrumentor)

    yield start
    for instrumentor in done:
        instrumentor.uninstrument()


@pytest.mark.parametrize("transport", BLOCKING)
def test_opentelemetry_traces_each_attempt_of_a_blocking_client(
    transport: str, server: RawServer, sleeps: Sleeps, instrument: Callable[..., None]
) -> None:
    module, name = INSTRUMENTATIONS[transport]
    instrumentor = getattr(pytest.importorskip(module), name)()
    provider, exporter, tracer = _tracing()
    _unavailable_then_empty(server)
    configuration = pieces_os_client.Configuration(host=server.url, transport=transport)
    client = pieces_os_client.ApiClient(configuration, **sleeps.kwargs)  # built before instrumenting
    instrument(instrumentor, tracer_provider=provider)
    with client, tracer.start_as_current_span("work") as work:
        assert pieces_os_client.AllocationsApi(client).allocations_snapshot().iterable == []
    _assert_one_span_per_attempt(exporter, work.get_span_context(), server)


def test_opentelemetry_traces_each_attempt_of_the_asyncio_client(
    server: RawServer, instrument: Callable[..., None]
) -> None:
    pytest.importorskip("aiohttp")
    module = pytest.importorskip("opentelemetry.instrumentation.aiohttp_client")
    instrumentor = module.AioHttpClientInstrumentor()
    provider, exporter, tracer = _tracing()
    _unavailable_then_empty(server)
    configuration = pieces_os_client.Configuration(host=server.url)

    async def no_sleep(seconds: float) -> None:
        pass

    async def main() -> Any:
        # Built before instrumenting: its aiohttp session is made by its first call.
        client = pieces_os_client.AsyncApiClient(configuration, sleep=no_sleep)
        instrument(instrumentor, tracer_provider=provider)
        async with client:
            with tracer.start_as_current_span("work") as work:
                snapshot = await pieces_os_client.AsyncAllocationsApi(client).allocations_snapshot()
        assert snapshot.iterable == []
        return work.get_span_context()

    parent = asyncio.run(asyncio.wait_for(main(), 30))
    _assert_one_span_per_attempt(exporter, parent, server)


# ---- sentry-sdk ----------------------------------------------------------------------------------

# sentry-sdk patches http.client (breadcrumbs, spans, trace headers for every blocking client) and adds
# a trace config to every aiohttp session, for good: it runs in a process of its own. Nothing leaves the
# process: the events go to a transport that keeps them.
SENTRY_CHILD = """
import asyncio, json, sys

import sentry_sdk
from sentry_sdk.transport import Transport

import pieces_os_client

events = []


class Keep(Transport):
    def capture_envelope(self, envelope):
        events.extend(item.payload.json for item in envelope.items if item.payload.json is not None)


sentry_sdk.init(dsn="http://key@127.0.0.1:9/1", transport=Keep, traces_sample_rate=1.0)
host = sys.argv[1]


async def call_async():
    async with pieces_os_client.AsyncApiClient(pieces_os_client.Configuration(host=host)) as client:
        await pieces_os_client.AsyncAllocationsApi(client).allocations_snapshot()


with sentry_sdk.start_transaction(name="work"):
    for transport in ("urllib3", "requests"):
        configuration = pieces_os_client.Configuration(host=host, transport=transport)
        with pieces_os_client.ApiClient(configuration, sleep=lambda seconds: None) as client:
            pieces_os_client.AllocationsApi(client).allocations_snapshot()
    asyncio.run(call_async())
sentry_sdk.capture_message("after the calls")
sentry_sdk.flush(timeout=5)
print(json.dumps(events))
"""


def test_sentry_sdk_sees_every_attempt_of_every_client(server: RawServer) -> None:
    pytest.importorskip("sentry_sdk")
    pytest.importorskip("aiohttp")
    server.route(
        "GET",
        "/allocations",
        Reply(503),
        Reply(200, json={"iterable": []}),
        Reply(503),
        Reply(200, json={"iterable": []}),
    )
    child = subprocess.run(
        [sys.executable, "-c", SENTRY_CHILD, server.url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert child.returncode == 0, child.stderr
    events = json.loads(child.stdout)
    url = f"{server.url}/allocations"
    transaction = next(e for e in events if e.get("type") == "transaction")
    spans = [
        (s["op"], s["description"], s["data"].get("http.response.status_code")) for s in transaction["spans"]
    ]
    assert spans == [  # urllib3: 503 then 200; requests: the same; aiohttp: 200 (the 200 repeats)
        ("http.client", f"GET {url}", status) for status in (503, 200, 503, 200, 200)
    ]
    message = next(e for e in events if e.get("message") == "after the calls")
    crumbs = [
        (b["category"], b["data"]["url"], b["data"]["http.response.status_code"])
        for b in message["breadcrumbs"]["values"]
    ]
    assert crumbs == [("httplib", url, status) for status in (503, 200, 503, 200, 200)]
    trace_id = transaction["contexts"]["trace"]["trace_id"]
    sent = [r.headers.get("sentry-trace", "") for r in server.requests_to("GET", "/allocations")]
    assert len(sent) == 5 and all(header.startswith(f"{trace_id}-") for header in sent)
    assert [header.split("-")[1] for header in sent] == [s["span_id"] for s in transaction["spans"]]


# ---- HTTP proxies --------------------------------------------------------------------------------

CLIENTS = ["urllib3", "requests", "aiohttp"]
# The settings reach a built-in transport two ways: given to it, or set on the Configuration it is built from.
VIAS = ["transport", "configuration"]

USER = "proxyuser7"
PASSWORD = "pa@ss-9"  # written pa%40ss-9 in a URL
USERINFO = f"{USER}:pa%40ss-9"
SECRETS = (USER, PASSWORD, "pa%40ss-9", basic(USER, PASSWORD).split()[1])


def _transport(client: str, **settings: Any) -> Any:
    """The built-in transport of ``client`` (a library's name), built with ``settings``."""
    if client == "aiohttp":
        pytest.importorskip("aiohttp")
        return pieces_os_client.transport.AiohttpTransport(**settings)
    if client == "requests":
        return pieces_os_client.transport.RequestsTransport(**settings)
    return pieces_os_client.transport.Urllib3Transport(**settings)


def _prepare(
    client: str, via: str, host: str, *, debug: bool = False, **settings: Any
) -> Tuple[pieces_os_client.Configuration, Any, str]:
    """The configuration and transport (None: the client builds it) for ``client`` with ``settings``
    given ``via`` the transport or the configuration; and ``repr()`` of the one that holds them."""
    if via == "transport":
        transport = _transport(client, **settings)
        return pieces_os_client.Configuration(host=host, retries=0, debug=debug), transport, repr(transport)
    if client == "aiohttp":
        pytest.importorskip("aiohttp")
    name = "requests" if client == "requests" else "urllib3"  # AsyncApiClient uses aiohttp for either
    configuration = pieces_os_client.Configuration(
        host=host, retries=0, debug=debug, transport=name, **settings
    )
    return configuration, None, repr(configuration)


def _snapshot(client: str, configuration: pieces_os_client.Configuration, transport: Any = None) -> Any:
    """One snapshot call with ``client``'s library: `AsyncApiClient` for aiohttp, else `ApiClient`.

    A transport passed in is closed here too (the client closes only one it built).
    """
    if client == "aiohttp":

        async def main() -> Any:
            try:
                async with pieces_os_client.AsyncApiClient(configuration, transport=transport) as api_client:
                    return await pieces_os_client.AsyncAllocationsApi(api_client).allocations_snapshot()
            finally:
                if transport is not None:
                    await transport.aclose()

        return asyncio.run(asyncio.wait_for(main(), 30))
    try:
        with pieces_os_client.ApiClient(configuration, transport=transport) as api_client:
            return pieces_os_client.AllocationsApi(api_client).allocations_snapshot()
    finally:
        if transport is not None:
            transport.close()


def _assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", CLIENTS)
def test_credentials_in_the_proxy_url_become_proxy_authorization_and_are_never_shown(
    client: str,
    via: str,
    server: RawServer,
    caplog: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    server.route("GET", "/allocations", Reply(200, json={"iterable": []}))
    caplog.set_level(logging.DEBUG)  # every logger: the SDK's, urllib3's, aiohttp's
    with HttpProxy(basic(USER, PASSWORD)) as proxy:
        settings = {"proxy": proxy.url(USERINFO), "proxy_headers": {"X-Proxy-Ticket": "t-1"}}
        configuration, transport, shown = _prepare(client, via, server.url, debug=True, **settings)
        assert _snapshot(client, configuration, transport).iterable == []
        configuration.debug = False
    (asked,) = proxy.requests
    assert asked.target == f"{server.url}/allocations"  # through the proxy, not straight to the server
    assert [v for k, v in asked.headers if k.lower() == "proxy-authorization"] == [basic(USER, PASSWORD)]
    assert [v for k, v in asked.headers if k.lower() == "x-proxy-ticket"] == ["t-1"]  # proxy_headers too
    assert server.count("GET", "/allocations") == 1
    assert "GET" in caplog.text  # the SDK's debug lines were written
    assert f"proxy='http://***@127.0.0.1:{proxy.port}'" in shown
    _assert_no_secret(caplog.text, capfd.readouterr().err, shown)


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", CLIENTS)
def test_proxy_headers_reach_an_http_proxy_once_and_a_proxy_authorization_given_there_wins(
    client: str, via: str, server: RawServer
) -> None:
    server.route("GET", "/allocations", Reply(200, json={"iterable": []}))
    with HttpProxy(basic("given", "by-header")) as proxy:
        headers = {"Proxy-Authorization": basic("given", "by-header"), "X-Proxy-Ticket": "t-2"}
        configuration, transport, _ = _prepare(
            client, via, server.url, proxy=proxy.url(USERINFO), proxy_headers=headers
        )
        assert _snapshot(client, configuration, transport).iterable == []
    (asked,) = proxy.requests
    names = [k.lower() for k, _ in asked.headers]
    assert names.count("proxy-authorization") == 1 and names.count("x-proxy-ticket") == 1


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", CLIENTS)
@pytest.mark.parametrize("target", ["http", "https"])
def test_a_proxy_that_refuses_the_credentials_is_named_with_them_masked(
    client: str, target: str, via: str
) -> None:
    with HttpProxy(basic(USER, "the-right-one")) as proxy:
        host = f"{target}://127.0.0.1:{closed_port()}"  # never reached: the proxy refuses first
        configuration, transport, shown = _prepare(client, via, host, proxy=proxy.url(USERINFO))
        with pytest.raises(pieces_os_client.PiecesOSClientError) as raised:
            _snapshot(client, configuration, transport)
    error = raised.value
    assert "407" in str(error)
    if target == "https":  # the CONNECT is refused: the error is the proxy's, which it names
        assert isinstance(error, pieces_os_client.ApiConnectionError)
        assert f"http://***@127.0.0.1:{proxy.port}" in str(error)
    else:  # the proxy answers the request itself: its answer is the response
        assert isinstance(error, pieces_os_client.ApiException) and error.status == 407
    _assert_no_secret(str(error), repr(error), shown, *(str(a) for a in error.args))


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", CLIENTS)
def test_a_proxy_that_cannot_be_reached_is_named_with_its_credentials_masked(client: str, via: str) -> None:
    port = closed_port()
    proxy = f"http://{USERINFO}@127.0.0.1:{port}"
    configuration, transport, shown = _prepare(client, via, "http://127.0.0.1:9", proxy=proxy)
    with pytest.raises(pieces_os_client.ApiConnectionError) as raised:
        _snapshot(client, configuration, transport)
    assert f"http://***@127.0.0.1:{port}" in str(raised.value) and f"http://***@127.0.0.1:{port}" in shown
    _assert_no_secret(str(raised.value), repr(raised.value), shown)


# ---- SOCKS ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", BLOCKING)
@pytest.mark.parametrize("scheme", ["socks5", "socks5h"])
@pytest.mark.parametrize("authenticated", [False, True], ids=["no-auth", "user-password"])
def test_socks5_proxies_carry_the_blocking_clients_calls(
    client: str, scheme: str, authenticated: bool, via: str, server: RawServer
) -> None:
    pytest.importorskip("socks")
    server.route("GET", "/allocations", Reply(200, json={"iterable": []}))
    port = server.port
    with Socks5Server(*((USER, PASSWORD) if authenticated else ())) as socks:
        proxy = socks.url(scheme, USERINFO if authenticated else "")
        configuration, transport, shown = _prepare(client, via, f"http://localhost:{port}", proxy=proxy)
        assert _snapshot(client, configuration, transport).iterable == []
    assert socks.refused == []
    (asked,) = socks.requests
    # socks5h leaves the name to the proxy; socks5 resolves it first.
    expected = ("domain", "localhost") if scheme == "socks5h" else ("ipv4", "127.0.0.1")
    assert (asked.address_type, asked.host, asked.port) == (*expected, port)
    assert asked.user == (USER if authenticated else None)  # the password matched too, decoded
    assert server.count("GET", "/allocations") == 1
    if authenticated:
        assert f"{scheme}://***@127.0.0.1:{socks.port}" in shown
    _assert_no_secret(shown)


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", BLOCKING)
def test_a_socks_proxy_that_refuses_the_credentials_fails_the_call_without_showing_them(
    client: str, via: str
) -> None:
    pytest.importorskip("socks")
    with Socks5Server(USER, "the-right-one") as socks:
        proxy = socks.url("socks5h", USERINFO)
        configuration, transport, _ = _prepare(client, via, "http://localhost:9", proxy=proxy)
        with pytest.raises(pieces_os_client.ApiConnectionError) as raised:
            _snapshot(client, configuration, transport)
    assert socks.refused == [f"wrong credentials for {USER!r}"]
    assert socks.requests == []
    _assert_no_secret(str(raised.value), repr(raised.value))


@pytest.mark.parametrize("via", VIAS)
def test_the_asyncio_client_refuses_a_socks_proxy_and_says_what_to_use(via: str) -> None:
    pytest.importorskip("aiohttp")
    for scheme in ("socks5", "socks5h", "socks4"):
        with pytest.raises(pieces_os_client.ConfigurationError) as raised:
            proxy = f"{scheme}://{USERINFO}@127.0.0.1:1080"
            _snapshot("aiohttp", *_prepare("aiohttp", via, "http://127.0.0.1:9", proxy=proxy)[:2])
        message = str(raised.value)
        assert f"{scheme}://" in message and f"{scheme}://***@127.0.0.1:1080" in message
        assert "ApiClient" in message and "pieces-os-client[socks]" in message and "http:// proxy" in message
        _assert_no_secret(message)


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", BLOCKING)
def test_a_socks_proxy_without_pysocks_says_which_extra_to_install(
    client: str, via: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "socks", None)  # as if PySocks were not installed
    with pytest.raises(pieces_os_client.ConfigurationError) as raised:
        proxy = f"socks5h://{USERINFO}@127.0.0.1:1080"
        _snapshot(client, *_prepare(client, via, "http://127.0.0.1:9", proxy=proxy)[:2])
    assert "PySocks" in str(raised.value) and "pip install 'pieces-os-client[socks]'" in str(raised.value)
    _assert_no_secret(str(raised.value))


# ---- socket options and the TLS server name ------------------------------------------------------

# The options a client's sockets had when they connected to a watched port: an audit hook
# ("socket.connect", raised by every connect, blocking or asyncio's) reads them with getsockopt.
_WATCHED_PORTS: List[int] = []
_SEEN_OPTIONS: List[Dict[str, int]] = []
_HOOK: List[bool] = []

KEEPIDLE = getattr(socket, "TCP_KEEPIDLE", None)  # Linux; elsewhere SO_KEEPALIVE alone is checked
OPTIONS: List[Tuple[int, int, int]] = [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)]
if KEEPIDLE is not None:
    OPTIONS.append((socket.IPPROTO_TCP, KEEPIDLE, 77))


def _on_connect(event: str, args: Tuple[Any, ...]) -> None:
    if event != "socket.connect" or not _WATCHED_PORTS:
        return
    sock, address = args
    if isinstance(address, tuple) and len(address) >= 2 and address[1] in _WATCHED_PORTS:
        seen = {"keepalive": sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)}
        if KEEPIDLE is not None:
            seen["keepidle"] = sock.getsockopt(socket.IPPROTO_TCP, KEEPIDLE)
        _SEEN_OPTIONS.append(seen)


@pytest.fixture
def connect_options() -> Iterator[Callable[[int], List[Dict[str, int]]]]:
    """``watch(port)``: the list that will hold the options of each socket connecting to ``port``."""
    if not _HOOK:  # an audit hook cannot be removed: one for the process, idle unless a port is watched
        sys.addaudithook(_on_connect)
        _HOOK.append(True)

    def watch(port: int) -> List[Dict[str, int]]:
        _WATCHED_PORTS.append(port)
        return _SEEN_OPTIONS

    yield watch
    _WATCHED_PORTS.clear()
    _SEEN_OPTIONS.clear()


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", CLIENTS)
def test_socket_options_are_set_on_every_connection_of_every_client(
    client: str, via: str, server: RawServer, connect_options: Callable[[int], List[Dict[str, int]]]
) -> None:
    server.route("GET", "/allocations", Reply(200, json={"iterable": []}, close=True))
    seen = connect_options(server.port)
    for _ in range(2):  # the server closes after each answer: two connections
        _snapshot(client, *_prepare(client, via, server.url, socket_options=OPTIONS)[:2])
    _snapshot(client, *_prepare(client, via, server.url)[:2])  # without: the system's defaults
    wanted = {"keepalive": 1, **({"keepidle": 77} if KEEPIDLE is not None else {})}
    assert len(seen) == 3
    assert [bool(s["keepalive"]) for s in seen] == [True, True, False]
    assert all(s.get("keepidle", 77) == 77 for s in seen[:2]) and seen[0].keys() == wanted.keys()
    if KEEPIDLE is not None:
        assert seen[2]["keepidle"] != 77


@pytest.fixture(scope="module")
def ca() -> Any:
    trustme = pytest.importorskip("trustme")
    return trustme.CA()


@pytest.fixture
def named_tls_server(ca: Any, tmp_path: Path) -> Iterator[Tuple[RawServer, str, List[Optional[str]]]]:
    """An HTTPS server on 127.0.0.1 whose certificate names only ``pieces.test``; the CA file; the SNI
    names its clients sent."""
    names: List[Optional[str]] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("pieces.test").configure_cert(context)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    bundle = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    server = RawServer.routed(tls=context)
    server.route("GET", "/allocations", Reply(200, json={"iterable": []}))
    yield server, str(bundle), names
    server.stop()


@pytest.mark.parametrize("via", VIAS)
@pytest.mark.parametrize("client", CLIENTS)
def test_tls_server_name_is_sent_and_checked_instead_of_the_urls_host(
    client: str, via: str, named_tls_server: Tuple[RawServer, str, List[Optional[str]]]
) -> None:
    server, bundle, names = named_tls_server  # server.url is https://127.0.0.1:PORT
    sent = _prepare(client, via, server.url, ssl_ca_cert=bundle, tls_server_name="pieces.test")[:2]
    assert _snapshot(client, *sent).iterable == []
    assert names == ["pieces.test"]
    assert server.count("GET", "/allocations") == 1

    for name in (None, "other.test"):  # the URL's host, or another name: the certificate does not match
        with pytest.raises(pieces_os_client.ApiConnectionError) as raised:
            _snapshot(
                client, *_prepare(client, via, server.url, ssl_ca_cert=bundle, tls_server_name=name)[:2]
            )
        assert str(raised.value).startswith(f"TLS with {server.url} failed (")
    assert names == ["pieces.test", None, "other.test"]  # no name is sent for an IP address
    assert server.count("GET", "/allocations") == 1
