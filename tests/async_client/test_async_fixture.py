"""The async pytest fixture, and discovery that does not block the event loop."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from typing import Any, List

import pytest

pytest.importorskip("aiohttp")
pytest.importorskip("pytest_asyncio")

import pieces_os_client
from pieces_os_client.testing import FakePiecesOS
from tests._server import closed_port, raw_server, stall


@pytest.mark.asyncio
async def test_the_async_client_fixture_talks_to_the_pieces_os_fake(
    pieces_os_async_client: pieces_os_client.AsyncApiClient, pieces_os: FakePiecesOS
) -> None:
    pieces_os.fail_next("/allocations", status=503, retry_after="0")
    api = pieces_os_client.AsyncAllocationsApi(pieces_os_async_client)
    assert (await api.allocations_snapshot()).iterable == []
    assert [r.path for r in pieces_os.requests] == ["/allocations", "/allocations"]


def test_loading_the_plugin_imports_neither_aiohttp_nor_pytest_asyncio() -> None:
    code = (
        "import sys, json\n"
        "import pieces_os_client.testing.pytest_plugin\n"
        "print(json.dumps(['aiohttp' in sys.modules, 'pytest_asyncio' in sys.modules]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(out.stdout) == [False, False]


async def _ticks_while(awaitable: Any) -> List[float]:
    """How often a 10 ms ticker ran while ``awaitable`` was awaited: a blocked loop would not tick."""
    ticks: List[float] = []
    done = asyncio.Event()

    async def ticker() -> None:
        while not done.is_set():
            ticks.append(time.monotonic())
            await asyncio.sleep(0.01)

    task = asyncio.ensure_future(ticker())
    try:
        await awaitable
    finally:
        done.set()
        await task
    return ticks


@pytest.mark.asyncio
async def test_async_wait_until_ready_does_not_block_the_loop(pieces_os: FakePiecesOS) -> None:
    url = await pieces_os_client.async_wait_until_ready(pieces_os.url, timeout=5)
    assert url.rstrip("/") == pieces_os.url.rstrip("/")
    host = f"http://127.0.0.1:{closed_port()}"

    async def wait() -> None:
        with pytest.raises(pieces_os_client.ApiTimeoutError):
            await pieces_os_client.async_wait_until_ready(host, timeout=0.3, interval=0.05)

    started = time.monotonic()
    ticks = await _ticks_while(wait())
    assert time.monotonic() - started < 3
    assert len(ticks) >= 5, ticks


@pytest.mark.asyncio
async def test_async_discover_does_not_block_the_loop(tmp_path: Any) -> None:
    with raw_server(stall(2)) as server:  # accepts, never answers: discovery waits out its timeout

        async def discover() -> None:
            with pytest.raises(pieces_os_client.PiecesOSNotFoundError):
                await pieces_os_client.async_discover(
                    timeout=0.3, home=tmp_path, ports=[server.port], legacy_ports=[]
                )

        ticks = await _ticks_while(discover())
    assert len(ticks) >= 5, ticks
