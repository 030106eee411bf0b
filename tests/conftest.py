"""Shared fixtures: a loopback HTTP server, and a recorded retry sleep so retry tests never wait."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loopback import LoopbackServer
from _pacing import Sleeps

# The `pieces_os` fixture (a fresh FakePiecesOS per test), enabled the way the docs tell users to.
pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """A started `LoopbackServer` on 127.0.0.1 port 0, stopped after the test."""
    with LoopbackServer() as srv:
        yield srv


@pytest.fixture
def sleeps() -> Sleeps:
    """The delays a client would have slept between attempts; nothing actually sleeps.

    Pass ``**sleeps.kwargs`` to the `ApiClient`. Jitter is pinned to its midpoint (random() = 0.5)
    so backoff delays are exact.
    """
    return Sleeps(0.5)


@pytest.fixture(autouse=True)
def _no_host_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests do not follow a PIECES_OS_HOST set in the shell: the default host is the built-in one."""
    monkeypatch.delenv("PIECES_OS_HOST", raising=False)
