"""Case 56: one `AsyncApiClient` and more than one event loop.

While the loop a client serves is alive, a call from another loop raises `EventLoopError` at once and
the first loop's calls keep their deadlines; once that loop has closed, the client serves the next one
without a word, and the connections of the first closed with it (two ``asyncio.run()`` calls, or
pytest-asyncio's loop per test).
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time
import warnings
from typing import Any, List

import pytest

pytest.importorskip("aiohttp")

import pieces_os_client
from pieces_os_client import ApiTimeoutError, AsyncAllocationsApi, AsyncApiClient, EventLoopError
from pieces_os_client.testing import FakePiecesOS
from tests._server import raw_server, stall


def test_56a_a_call_from_a_second_running_loop_is_refused_and_the_first_loops_deadline_holds() -> None:
    with raw_server(stall(10)) as server:
        configuration = pieces_os_client.Configuration(host=server.url, read_timeout=10, total_timeout=1.5)
        client = AsyncApiClient(configuration)
        outcome: List[Any] = []

        def first_loop() -> None:
            async def call() -> None:
                started = time.monotonic()
                try:
                    await AsyncAllocationsApi(client).allocations_snapshot()
                except ApiTimeoutError as exc:
                    outcome.append((exc, time.monotonic() - started))
                await client.close()

            asyncio.run(call())

        thread = threading.Thread(target=first_loop)
        thread.start()
        time.sleep(0.3)  # the first loop's call is waiting for its answer

        async def second() -> None:
            await AsyncAllocationsApi(client).allocations_snapshot()

        started = time.monotonic()
        with pytest.raises(EventLoopError) as info:
            asyncio.run(asyncio.wait_for(second(), 10))
        assert time.monotonic() - started < 1.0  # at once, not after the first loop's call (1.2 s later)
        assert "one client serves one event loop" in str(info.value)
        assert isinstance(info.value, RuntimeError)  # what code written against asyncio catches
        thread.join(10)
        assert not thread.is_alive()
        [(error, elapsed)] = outcome
        assert "total deadline of 1.5 s" in str(error)
        assert 1.4 <= elapsed < 2.5, elapsed  # the first loop's deadline held
        assert server.attempts == 1  # the refused call sent nothing


def test_56b_a_client_serves_the_next_loop_once_its_loop_has_closed_and_leaves_nothing_open() -> None:
    with FakePiecesOS() as fake:
        client = AsyncApiClient(fake.configuration())

        async def snapshot() -> int:
            return len((await AsyncAllocationsApi(client).allocations_snapshot()).iterable)

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            for _ in range(3):  # three loops in turn, as three asyncio.run() calls
                assert asyncio.run(asyncio.wait_for(snapshot(), 10)) == 0
                gc.collect()  # an unclosed session, connector or transport would warn now
            asyncio.run(client.close())
            gc.collect()
        assert [str(w.message) for w in caught] == []
        assert len(fake.requests) == 3
