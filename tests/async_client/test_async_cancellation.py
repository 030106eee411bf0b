"""Cancelling an async call closes its connection at once; 100 tasks share one client's pool; closing
leaves no ResourceWarning and no "Unclosed client session" warning (the suite turns warnings into errors),
and ends the calls still in flight with ClientClosedError.

The server side is tests/_server.py's raw server, which sees the connections as they really are.
"""

from __future__ import annotations

import asyncio
import gc
import re
import threading
import time
import warnings
from typing import Any, Dict, List

import pytest

pytest.importorskip("aiohttp")

import pieces_os_client
from pieces_os_client import AsyncAllocationsApi, AsyncApiClient
from tests._payloads import SNAPSHOT_BODY
from tests._server import Conn, Request, raw_server, respond, response_bytes, stall


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 30))


class HalfBody:
    """Sends the headers and part of a long body, then waits to see when the client closes the socket."""

    def __init__(self) -> None:
        self.closed_after: List[float] = []
        self.sent = threading.Event()

    def __call__(self, conn: Conn, request: Request) -> bool:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"
        conn.send(head + b'{"iterable": [')
        self.sent.set()
        started = time.monotonic()
        conn.sock.settimeout(5.0)
        try:
            data = conn.sock.recv(1)
        except OSError:
            data = b""
        if not data:
            self.closed_after.append(time.monotonic() - started)
        return False


@pytest.mark.parametrize("variant", ["preloaded", "streamed read"])
def test_cancelling_a_half_read_call_closes_its_connection(variant: str) -> None:
    half = HalfBody()
    with raw_server(half, respond(200, SNAPSHOT_BODY)) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(host=server.url, read_timeout=10)
            async with AsyncApiClient(configuration) as client:
                api = AsyncAllocationsApi(client)
                if variant == "preloaded":
                    call = asyncio.ensure_future(api.allocations_snapshot())
                else:
                    response = await api.allocations_snapshot_without_preload_content()
                    call = asyncio.ensure_future(response.read())
                await asyncio.to_thread(half.sent.wait, 5)
                await asyncio.sleep(0.05)
                call.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await call
                assert client.connections_in_use() == 0
                # The next call gets a new connection: the half-read one never went back to the pool.
                assert (await api.allocations_snapshot()).iterable == []

        run(main())
        deadline = time.monotonic() + 5
        while not half.closed_after and time.monotonic() < deadline:
            time.sleep(0.01)
    assert half.closed_after and half.closed_after[0] < 2.0, half.closed_after
    assert len(set(server.client_ports)) == 2


def test_wait_for_cancels_the_call_and_it_does_no_more_work() -> None:
    half = HalfBody()
    with raw_server(half, respond(200, SNAPSHOT_BODY)) as server:

        async def main() -> None:
            delays: List[float] = []

            async def sleep(seconds: float) -> None:
                delays.append(seconds)

            configuration = pieces_os_client.Configuration(host=server.url, read_timeout=10)
            async with AsyncApiClient(configuration, sleep=sleep) as client:
                with pytest.raises(asyncio.TimeoutError):
                    await asyncio.wait_for(AsyncAllocationsApi(client).allocations_snapshot(), 0.3)
                await asyncio.sleep(0.3)
            assert delays == []  # no retry was scheduled

        run(main())
    assert server.attempts == 1
    assert half.closed_after and half.closed_after[0] < 2.0


def test_one_hundred_tasks_open_at_most_the_pool_size_in_connections() -> None:
    body = response_bytes(200, SNAPSHOT_BODY)

    def slow(conn: Conn, request: Request) -> bool:
        conn.wait(0.01)
        conn.send(body)
        return True

    with raw_server(slow) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(host=server.url, connection_pool_maxsize=4)
            async with AsyncApiClient(configuration) as client:
                api = AsyncAllocationsApi(client)
                results = await asyncio.gather(*(api.allocations_snapshot() for _ in range(100)))
                assert all(r.iterable == [] for r in results)
                assert client.connections_in_use() == 0

        run(main())
    assert server.attempts == 100
    assert 1 <= server.connections <= 4, server.connections


def test_closing_leaves_no_resource_warning(pieces_os: Any) -> None:
    async def main() -> None:
        async with AsyncApiClient(pieces_os.configuration()) as client:
            await AsyncAllocationsApi(client).allocations_snapshot()
            response = await AsyncAllocationsApi(client).allocations_snapshot_without_preload_content()
            response.close()

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run(main())
        gc.collect()
    assert [str(w.message) for w in caught] == []


def test_an_exhausted_pool_is_the_same_pool_timeout_as_the_blocking_client() -> None:
    # The one connection is held by a streamed response whose body is still coming: the next call waits
    # pool_timeout, then fails with the error the blocking client raises (type, message, request_sent),
    # not a "connect timeout".
    settings: Dict[str, Any] = {
        "connection_pool_maxsize": 1,
        "pool_block": True,
        "pool_timeout": 0.3,
        "connect_timeout": 0.2,  # the asyncio client waits for both: pool_timeout, then the connect timeout
    }
    with (
        raw_server(HalfBody(), respond(200, SNAPSHOT_BODY)) as server,
        pieces_os_client.ApiClient(pieces_os_client.Configuration(host=server.url, **settings)) as client,
    ):
        api = pieces_os_client.AllocationsApi(client)
        held = api.allocations_snapshot_without_preload_content()
        with pytest.raises(pieces_os_client.ApiTimeoutError) as blocking:
            api.allocations_snapshot(_retries=0)
        held.close()

    async def main(url: str) -> pieces_os_client.ApiTimeoutError:
        async with AsyncApiClient(pieces_os_client.Configuration(host=url, **settings)) as client:
            api = AsyncAllocationsApi(client)
            async with await api.allocations_snapshot_without_preload_content():
                started = time.monotonic()
                with pytest.raises(pieces_os_client.ApiTimeoutError) as info:
                    await api.allocations_snapshot(_retries=0)
                assert 0.5 - 0.05 <= time.monotonic() - started < 3
            assert (await api.allocations_snapshot()).iterable == []  # the slot is free again
            return info.value

    with raw_server(HalfBody(), respond(200, SNAPSHOT_BODY)) as server:
        err = run(main(server.url))
        assert server.attempts == 2
    assert "no free connection" in str(err) and "connection_pool_maxsize=1" in str(err)
    # The same server address (port 0 gives each server its own): compare with the port masked.
    assert (type(err), err.request_sent) == (type(blocking.value), blocking.value.request_sent)
    assert _without_port(str(err)) == _without_port(str(blocking.value))


def _without_port(text: str) -> str:
    return re.sub(r"127\.0\.0\.1:\d+", "127.0.0.1:PORT", text)


HEAD_16 = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n"
IN_FLIGHT = {  # what the server sends before it goes silent (for 10 s, then it closes the connection)
    "before the response": b"",
    "inside the headers": b"HTTP/1.1 200 OK\r\n",
    "inside the body": HEAD_16 + b'{"it',
}


IN_FLIGHT_ERROR = re.compile(
    r"this AsyncApiClient was closed while GET http://127\.0\.0\.1:\d+/allocations was in flight, so the "
    r"call was ended; the request may have reached Pieces OS\. "
)


@pytest.mark.parametrize("where", sorted(IN_FLIGHT))
def test_closing_the_client_ends_the_calls_in_flight(where: str) -> None:
    # Closing the session under a call that was reading a body used to leave that call waiting past
    # its own deadlines (the watchdog closed with the client). Now every call in flight ends at once:
    # three ordinary calls, and a streamed one (its read() when the headers came, else the call).
    with raw_server(stall(10, data=IN_FLIGHT[where])) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(host=server.url, retries=0, total_timeout=20)
            client = AsyncApiClient(configuration)
            api = AsyncAllocationsApi(client)
            calls: List[Any] = [asyncio.ensure_future(api.allocations_snapshot()) for _ in range(3)]
            streamed = api.allocations_snapshot_without_preload_content()
            if where == "inside the body":
                response = await asyncio.wait_for(streamed, 5)
                calls.append(asyncio.ensure_future(response.read()))
            else:
                calls.append(asyncio.ensure_future(streamed))
            await asyncio.sleep(0.3)
            started = time.monotonic()
            await client.close()
            outcomes = await asyncio.wait_for(asyncio.gather(*calls, return_exceptions=True), 5)
            assert time.monotonic() - started < 2.0
            assert client.connections_in_use() == 0
            for outcome in outcomes:
                assert isinstance(outcome, pieces_os_client.ClientClosedError), repr(outcome)
                assert IN_FLIGHT_ERROR.match(str(outcome)), str(outcome)

        run(main())


def test_closing_from_inside_a_call_ends_it_before_its_next_attempt() -> None:
    # A retry's sleep hook that closes the client (odd, but possible) does not cancel its own task, and
    # the call does not open a new session for its next attempt: it ends there.
    busy = respond(503, b"busy", content_type="text/plain", headers=[("Retry-After", "0")])

    with raw_server(busy, respond(200, SNAPSHOT_BODY)) as server:

        async def main() -> None:
            client: AsyncApiClient

            async def closing_sleep(seconds: float) -> None:
                await client.close()

            client = AsyncApiClient(pieces_os_client.Configuration(host=server.url), sleep=closing_sleep)
            with pytest.raises(pieces_os_client.ClientClosedError) as info:
                await AsyncAllocationsApi(client).allocations_snapshot()
            assert IN_FLIGHT_ERROR.match(str(info.value)), str(info.value)
            assert client._session is None

        run(main())
        assert server.attempts == 1
