"""One blocking view over every client: urllib3, requests and asyncio, for tests that run a script of calls.

``with every_client("asyncio", url) as (api, client):`` gives an `AllocationsApi`-like object whose methods
block (the asyncio client's run on an event loop in a thread of its own) and a `Handle` with the
client's ``connections_in_use()`` and ``close()``. Each test parametrized over `CLIENTS` then meets the
same server with each client and asserts one behaviour.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from typing import Any, Callable, Coroutine, Iterator, Tuple

import pytest

import pieces_os_client

CLIENTS = ("urllib3", "requests", "asyncio")


class LoopThread:
    """An event loop running in a daemon thread; `run` waits (bounded) for a coroutine on it."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()

    def run(self, coro: Coroutine[Any, Any, Any], timeout: float = 30.0) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()


class BlockingView:
    """An async API (or response) seen through blocking calls: each method runs its coroutine on the loop."""

    def __init__(self, target: Any, loop: LoopThread) -> None:
        self._target = target
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, name)
        if not callable(value):
            return value

        def call(*args: Any, **kwargs: Any) -> Any:
            result = value(*args, **kwargs)
            if asyncio.iscoroutine(result):
                result = self._loop.run(result)
            if isinstance(result, pieces_os_client.AsyncRESTResponse):
                return BlockingView(result, self._loop)
            return result

        return call


class Handle:
    """The client under test, whichever it is: how many connections it holds, and closing it."""

    def __init__(self, client: Any, loop: Any = None) -> None:
        self.client = client
        self.loop = loop

    def connections_in_use(self) -> int:
        count: int = self.client.connections_in_use()
        return count

    def close(self) -> None:
        if self.loop is None:
            self.client.close()
        else:
            self.loop.run(self.client.close())


@contextlib.contextmanager
def every_client(kind: str, url: str, **settings: Any) -> Iterator[Tuple[Any, Handle]]:
    """An API of client ``kind`` on ``url``; short timeouts unless ``settings`` say otherwise."""
    settings.setdefault("connect_timeout", 1.0)
    settings.setdefault("read_timeout", 1.0)
    sleep: Callable[..., Any] = settings.pop("sleep", None)
    if kind == "asyncio":
        pytest.importorskip("aiohttp")
        configuration = pieces_os_client.Configuration(host=url, **settings)
        loop = LoopThread()

        async def no_wait(seconds: float) -> None:
            if sleep is not None:
                sleep(seconds)

        client = pieces_os_client.AsyncApiClient(configuration, sleep=no_wait)
        try:
            yield BlockingView(pieces_os_client.AsyncAllocationsApi(client), loop), Handle(client, loop)
        finally:
            loop.run(client.close())
            loop.close()
        return
    configuration = pieces_os_client.Configuration(host=url, transport=kind, **settings)
    with pieces_os_client.ApiClient(configuration, sleep=sleep or (lambda s: None)) as blocking:
        yield pieces_os_client.AllocationsApi(blocking), Handle(blocking)
