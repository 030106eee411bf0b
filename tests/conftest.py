"""Shared fixtures: a loopback HTTP server, and a patched retry sleep so retry tests never wait."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, List

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _loopback import LoopbackServer

from pieces_os_client.api_client import ApiClient

# The `pieces_os` fixture (a fresh FakePiecesOS per test), enabled the way the docs tell users to.
pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """A started `LoopbackServer` on 127.0.0.1 port 0, stopped after the test."""
    with LoopbackServer() as srv:
        yield srv


@pytest.fixture
def sleeps(monkeypatch: pytest.MonkeyPatch) -> List[float]:
    """The delays the client would have slept between attempts; nothing actually sleeps.

    Jitter is pinned to its midpoint (random() = 0.5) so backoff delays are exact.
    """
    recorded: List[float] = []
    monkeypatch.setattr(ApiClient, "_sleep", staticmethod(recorded.append))
    monkeypatch.setattr(ApiClient, "_random", staticmethod(lambda: 0.5))
    return recorded
