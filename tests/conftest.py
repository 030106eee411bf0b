"""Shared fixtures: raw-socket servers (by route or by script), clients on them, retry waits recorded."""

from __future__ import annotations

import gc
from typing import Any, Callable, Iterator, List, Tuple

import pytest

from pieces_os_client import AllocationsApi, ApiClient, Configuration
from tests._pacing import Sleeps, pacing_for
from tests._server import Action, RawServer

# The `pieces_os` fixture (a fresh FakePiecesOS per test), enabled the way the docs tell users to.
pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]


def pytest_configure(config: pytest.Config) -> None:
    if not config.pluginmanager.has_plugin("asyncio"):  # pytest-asyncio comes with the async extra's tools
        config.addinivalue_line("markers", "asyncio: an asyncio test; skipped without pytest-asyncio")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_setupnodes(config: pytest.Config, specs: List[Any]) -> None:
    """Hypothesis builds its Unicode tables and reads the constants of this project's modules on first use,
    then keeps them in ``.hypothesis/``. On a fresh clone every pytest-xdist worker would build them (about
    1.7 s of CPU each); the controller builds them once, before the workers start (0.05 s once kept)."""
    try:
        from hypothesis import find
        from hypothesis import strategies as st
    except ImportError:
        return
    import pieces_os_client.models as models

    for name in models.__all__:  # each model's module: Hypothesis reads the constants of those loaded
        getattr(models, name)
    find(st.text(), lambda text: True)


def pytest_collection_modifyitems(config: pytest.Config, items: List[pytest.Item]) -> None:
    """Without pytest-asyncio (the suite without the async extra), its tests are skipped, saying why."""
    if config.pluginmanager.has_plugin("asyncio"):
        return
    skip = pytest.mark.skip(
        reason="needs pytest-asyncio and the async extra: pip install pytest-asyncio aiohttp"
    )
    for item in items:
        if item.get_closest_marker("asyncio") is not None:
            item.add_marker(skip)


def pytest_collection_finish(session: pytest.Session) -> None:
    """What collection built (modules, models' schemas, test items) lives until the end: the garbage
    collector stops walking it on every full collection of the run (about a tenth of the suite's CPU)."""
    gc.freeze()


@pytest.fixture
def server() -> Iterator[RawServer]:
    """A `RawServer` on 127.0.0.1 port 0 answering by route (``server.route("GET", "/x", Reply(...))``),
    stopped after the test; a failure inside the server fails the test."""
    with RawServer.routed() as srv:
        yield srv
    assert not srv.handler_errors, srv.handler_errors


@pytest.fixture
def sleeps() -> Sleeps:
    """The delays a client would have slept between attempts; nothing actually sleeps.

    Pass ``**sleeps.kwargs`` to the `ApiClient` (the fault suite's `make_api` does). The backoff jitter
    is pinned to 0 (no shortening), so delays are exact: 0.5, 1, 2, 4, 8 s; set ``sleeps.draw`` to pin
    it elsewhere. The one such fixture of the suite.
    """
    return Sleeps(0.0)


@pytest.fixture(autouse=True)
def _transport_names_restored() -> Iterator[None]:
    """A name registered with the deprecated `register_transport` is unregistered when the test ends."""
    from pieces_os_client._transport import _registry

    before = dict(_registry._LEGACY)
    yield
    _registry._LEGACY.clear()
    _registry._LEGACY.update(before)


@pytest.fixture(autouse=True)
def _no_host_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests do not follow a PIECES_OS_HOST set in the shell: the default host is the built-in one."""
    monkeypatch.delenv("PIECES_OS_HOST", raising=False)


@pytest.fixture
def serve() -> Iterator[Callable[..., RawServer]]:
    """Start a RawServer with a script; every server is stopped at teardown."""
    servers: List[RawServer] = []

    def start(*script: Action, **kwargs: Any) -> RawServer:
        server = RawServer(script, **kwargs)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
    for server in servers:
        assert not server.handler_errors, server.handler_errors


@pytest.fixture
def make_api(request: pytest.FixtureRequest) -> Iterator[Callable[..., Tuple[AllocationsApi, ApiClient]]]:
    """Build an AllocationsApi on a fresh client; short timeouts unless a test says otherwise.

    In a test that uses the `sleeps` fixture, the client records its waits there instead of sleeping.
    """
    clients: List[ApiClient] = []
    pacing = pacing_for(request)

    def build(url: str, **settings: Any) -> Tuple[AllocationsApi, ApiClient]:
        settings.setdefault("connect_timeout", 1.0)
        settings.setdefault("read_timeout", 1.0)
        client = ApiClient(Configuration(host=url, **settings), **pacing)
        clients.append(client)
        return AllocationsApi(client), client

    yield build
    for client in clients:
        client.close()
