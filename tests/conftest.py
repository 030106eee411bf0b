"""Shared fixtures: a raw-socket server answering by route, and a retry sleep recorded, never slept."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests._pacing import Sleeps
from tests._server import RawServer

# The `pieces_os` fixture (a fresh FakePiecesOS per test), enabled the way the docs tell users to.
pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]


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
def _no_host_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests do not follow a PIECES_OS_HOST set in the shell: the default host is the built-in one."""
    monkeypatch.delenv("PIECES_OS_HOST", raising=False)
