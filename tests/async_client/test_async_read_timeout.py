"""The asyncio client's read timeout: aiohttp's own ``sock_read``, counted from the last bytes received.

The client sets it through `aiohttp.ClientTimeout` and adds nothing of its own: these tests pin that it
fires its length after the last byte, wherever the server goes silent, and not before; that a shorter
read timeout on a kept-alive connection fires on time; and that a pooled connection outlives it.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any, List

import pytest

pytest.importorskip("aiohttp")

import pieces_os_client
from pieces_os_client import ApiTimeoutError, AsyncAllocationsApi, AsyncApiClient
from tests._payloads import SNAPSHOT_BODY
from tests._server import Action, Conn, Request, raw_server, respond, stall

READ = 0.6
GAP = 0.25
BYTES = 4  # the last one is sent GAP * 3 = 0.75 s in: a timer that only checks every READ fires at 1.8 s

HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n"
WHERE = {
    "status-line": (b"", HEAD),
    "headers": (b"HTTP/1.1 200 OK\r\n", b"X-Slow: aaaa\r\n"),
    "body": (HEAD, SNAPSHOT_BODY),
}


def run(coro: Any) -> Any:
    return asyncio.run(asyncio.wait_for(coro, 30))


def drip_then_hang(head: bytes, rest: bytes, sent: List[float]) -> Action:
    """Send ``head``, then BYTES bytes of ``rest`` GAP apart (noting when the last went), then nothing."""

    def action(conn: Conn, request: Request) -> bool:
        conn.send(head)
        for i in range(BYTES):
            if i:
                conn.wait(GAP)
            conn.send(rest[i : i + 1])
        sent.append(time.monotonic())
        conn.wait(10)  # silent until the client gives up (or the server stops)
        conn.close()
        return False

    return action


@pytest.mark.parametrize("where", sorted(WHERE))
def test_the_read_timeout_fires_its_length_after_the_last_byte(where: str) -> None:
    sent: List[float] = []
    with raw_server(drip_then_hang(*WHERE[where], sent)) as server:

        async def main() -> float:
            configuration = pieces_os_client.Configuration(
                host=server.url, read_timeout=READ, retries=0, total_timeout=20
            )
            async with AsyncApiClient(configuration) as client:
                with pytest.raises(ApiTimeoutError) as info:
                    await AsyncAllocationsApi(client).allocations_snapshot()
                failed = time.monotonic()
                assert "read timed out" in str(info.value)
                assert client.connections_in_use() == 0
                return failed

        failed = run(main())
        # Bytes GAP apart never trip it; silence does, READ after the last byte (not after the first,
        # not up to twice READ): the server's clock is this process's, so the server's pace does not count.
        assert len(sent) == 1
        assert READ - 0.05 <= failed - sent[0] < READ + 0.4


def test_a_shorter_read_timeout_after_a_longer_one_fires_on_time() -> None:
    # The first call's read timeout is 60 s; the second call's 0.4 s one, on the same connection, fires
    # on time.
    with raw_server(respond(200, SNAPSHOT_BODY), stall(10)) as server:

        async def main() -> float:
            async with AsyncApiClient(pieces_os_client.Configuration(host=server.url)) as client:
                api = AsyncAllocationsApi(client)
                assert (await api.allocations_snapshot()).iterable == []
                started = time.monotonic()
                with pytest.raises(ApiTimeoutError, match="read timed out"):
                    await api.allocations_snapshot(_request_timeout=(5, 0.4), _retries=0)
                return time.monotonic() - started

        elapsed = run(main())
        assert 0.35 <= elapsed < 1.5


def test_a_pooled_connection_outlives_the_read_timeout_after_a_large_body() -> None:
    # A body larger than aiohttp's read buffer pauses reading; reading it resumes reading, which starts
    # the read timeout again. It must not then fire on the idle connection in the pool and fail the
    # next call (it did before aiohttp 3.11.11).
    large = b'{"iterable": []' + b" " * (3 * 1024 * 1024) + b"}"
    with raw_server(respond(200, large)) as server:

        async def main() -> None:
            configuration = pieces_os_client.Configuration(host=server.url, read_timeout=0.3, retries=0)
            async with AsyncApiClient(configuration) as client:
                api = AsyncAllocationsApi(client)
                for _ in range(3):
                    assert (await api.allocations_snapshot()).iterable == []
                    await asyncio.sleep(0.5)  # idle in the pool past the read timeout

        run(main())
        assert server.connections == 1 and server.attempts == 3
