"""The async client's total deadline: one watchdog timer per client cancels the calls that outlive theirs.

Case 47 for `AsyncApiClient` (tests/faults/test_deadline_faults.py has it for the blocking client): a
server that drips a byte at a time inside the read timeout is cut off at the total deadline wherever it
drips, a shorter deadline after a longer one fires on time, a deadline passing in the wait before a
retry ends the call, and a cancellation from elsewhere is never mistaken for the deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import time
from typing import Any, Callable, Iterator, List, Tuple

import pytest

pytest.importorskip("aiohttp")

import pieces_os_client
from pieces_os_client import ApiTimeoutError, AsyncAllocationsApi, AsyncApiClient
from pieces_os_client._async_deadline import Watch, Watchdog
from tests._payloads import SNAPSHOT_BODY
from tests._server import raw, raw_server, respond, stall
from tests.faults.test_deadline_faults import DRIPS, TOTAL

OK = respond(200, SNAPSHOT_BODY)


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 30))


async def timed_failure(api: AsyncAllocationsApi, **options: Any) -> Tuple[ApiTimeoutError, float]:
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError) as info:
        await api.allocations_snapshot(**options)
    return info.value, time.monotonic() - started


@pytest.mark.parametrize("where", sorted(DRIPS))
def test_a_dripping_server_is_cut_off_at_the_total_deadline(where: str) -> None:
    # A byte every 0.2 s never trips the 0.6 s read timeout (it counts from the last byte, as a socket
    # read timeout does); the total deadline ends the call, wherever the server drips.
    with raw_server(DRIPS[where]) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(
                host=server.url, read_timeout=0.6, total_timeout=TOTAL
            )
            async with AsyncApiClient(configuration) as client:
                err, elapsed = await timed_failure(AsyncAllocationsApi(client))
                assert TOTAL - 0.05 <= elapsed < TOTAL + 1.0
                assert f"total deadline of {TOTAL:g} s" in str(err) and "Configuration.total_timeout" in str(
                    err
                )
                assert err.retryable is False and err.attempts == 1
                assert client.connections_in_use() == 0

        run(main())
        assert len(server.requests) == 1


def test_a_shorter_deadline_after_a_longer_one_fires_on_time() -> None:
    # The first call's 300 s deadline set the timer; the second call's 0.4 s one must move it earlier.
    with raw_server(OK, stall(5)) as server:

        async def main() -> None:
            async with AsyncApiClient(pieces_os_client.Configuration(host=server.url)) as client:
                api = AsyncAllocationsApi(client)
                assert (await api.allocations_snapshot()).iterable == []
                err, elapsed = await timed_failure(api, _total_timeout=0.4)
                assert 0.35 <= elapsed < 1.5
                assert "total deadline of 0.4 s" in str(err)
                assert client.connections_in_use() == 0

        run(main())


def test_a_deadline_passing_while_waiting_to_retry_ends_the_call() -> None:
    busy = respond(503, b"busy", content_type="text/plain", headers=[("Retry-After", "0")])
    slept: List[float] = []

    async def slow_sleep(seconds: float) -> None:  # a wait that outlasts the deadline
        slept.append(seconds)
        await asyncio.sleep(10)

    with raw_server(busy) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(host=server.url, total_timeout=0.5)
            async with AsyncApiClient(configuration, sleep=slow_sleep) as client:
                err, elapsed = await timed_failure(AsyncAllocationsApi(client))
                assert 0.45 <= elapsed < 2.0
                assert "total deadline of 0.5 s" in str(err)
                assert client.connections_in_use() == 0

        run(main())
        assert len(slept) == 1 and len(server.requests) == 1


@contextlib.contextmanager
def armed_timers(owner: Callable[[object], bool]) -> Iterator[List[asyncio.TimerHandle]]:
    """The running loop's timers armed meanwhile whose callback is a method of an ``owner``, as armed."""
    loop = asyncio.get_running_loop()
    armed: List[asyncio.TimerHandle] = []
    call_at = loop.call_at

    def recording_call_at(when: float, callback: Any, *args: Any, **kwargs: Any) -> Any:
        handle = call_at(when, callback, *args, **kwargs)
        if owner(getattr(callback, "__self__", None)):
            armed.append(handle)
        return handle

    loop.call_at = recording_call_at  # type: ignore[method-assign,assignment]
    try:
        yield armed
    finally:
        del loop.call_at


def test_calls_that_end_in_time_share_one_timer() -> None:
    with raw_server(OK) as server:

        async def main() -> int:
            async with AsyncApiClient(pieces_os_client.Configuration(host=server.url)) as client:
                with armed_timers(lambda owner: owner is client._watchdog) as armed:
                    api = AsyncAllocationsApi(client)
                    for _ in range(50):
                        await api.allocations_snapshot()
                return len(armed)

        assert run(main()) == 1


def test_a_cancellation_from_elsewhere_is_not_the_deadline() -> None:
    with raw_server(stall(5)) as server:

        async def main() -> None:
            async with AsyncApiClient(pieces_os_client.Configuration(host=server.url)) as client:
                call = asyncio.ensure_future(AsyncAllocationsApi(client).allocations_snapshot())
                await asyncio.sleep(0.2)
                call.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await call
                assert client.connections_in_use() == 0

        run(main())


def watch_this_task(dog: Watchdog) -> Tuple[Watch, asyncio.Task[Any]]:
    """A 60 s watch of the task running now, and that task."""
    watch = dog.watch(60.0)
    task = asyncio.current_task()
    assert task is not None
    return watch, task


def expire(watch: Watch, task: asyncio.Task[Any]) -> None:
    """What the watchdog does when the deadline passes."""
    watch.expired = True
    task.cancel()


def test_an_expiry_that_lands_after_the_call_finished_is_absorbed() -> None:
    # The watchdog may cancel the task in the very turn of the loop in which the call's last await
    # completes; the call then receives that cancellation itself (settle), so the caller's next await is
    # not cancelled by a deadline that no longer matters.
    async def main() -> None:
        dog = Watchdog()
        watch, task = watch_this_task(dog)
        expire(watch, task)
        await watch.settle()
        dog.unwatch(watch)
        await asyncio.sleep(0)  # not cancelled
        dog.close()

    run(main())


def test_a_foreign_cancellation_is_not_taken_back() -> None:
    async def main() -> bool:
        dog = Watchdog()
        watch, task = watch_this_task(dog)
        task.cancel()
        try:
            await asyncio.sleep(0)
        except asyncio.CancelledError:
            caused = watch.caused()
        dog.unwatch(watch)
        dog.close()
        return caused

    assert run(main()) is False


def test_an_expiry_swallowed_below_the_call_is_still_taken_back() -> None:
    async def main() -> int:
        dog = Watchdog()
        watch, task = watch_this_task(dog)
        expire(watch, task)
        with contextlib.suppress(asyncio.CancelledError):  # code under the call that carries on
            await asyncio.sleep(0)
        await watch.settle()
        dog.unwatch(watch)
        dog.close()
        await asyncio.sleep(0)  # not cancelled
        return task.cancelling() if sys.version_info >= (3, 11) else 0

    assert run(main()) == 0


def test_an_unread_call_reads_the_answer_it_retries_and_returns_the_next_unread() -> None:
    busy = respond(503, b"busy", content_type="text/plain", headers=[("Retry-After", "0")])

    async def no_sleep(seconds: float) -> None:
        pass

    with raw_server(busy, OK) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(host=server.url)
            async with AsyncApiClient(configuration, sleep=no_sleep) as client:
                api = AsyncAllocationsApi(client)
                async with await api.allocations_snapshot_without_preload_content() as response:
                    assert response.status == 200 and not response.is_read
                    assert await response.read() == SNAPSHOT_BODY
                assert client.connections_in_use() == 0

        run(main())
        assert len(server.requests) == 2 and server.connections == 1  # the 503 read: its connection reused


def test_a_deadline_passing_while_reading_an_answer_before_its_retry_ends_the_call() -> None:
    head = b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nRetry-After: 0\r\n"
    slow_busy = raw(head + b"Content-Length: 100\r\n\r\nbu", stall=5)

    async def no_sleep(seconds: float) -> None:
        pass

    with raw_server(slow_busy) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(host=server.url, total_timeout=0.5)
            async with AsyncApiClient(configuration, sleep=no_sleep) as client:
                started = time.monotonic()
                with pytest.raises(ApiTimeoutError) as info:
                    await AsyncAllocationsApi(client).allocations_snapshot_without_preload_content()
                assert 0.45 <= time.monotonic() - started < 2.0
                assert "total deadline of 0.5 s" in str(info.value)
                assert client.connections_in_use() == 0

        run(main())
        assert len(server.requests) == 1
