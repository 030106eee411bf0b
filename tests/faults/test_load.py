"""Checklist case 34 under load: one `ApiClient` shared by 8 threads against the built-in fake Pieces OS.

`test_load_8_threads_500_calls_each` runs in the default suite: zero errors, no "connection pool is full"
warning from urllib3, and never more connections than the pool holds, counted both by the client's pools
and by the distinct client ports the fake saw. `test_soak_50000_calls` (marked ``soak``, run by
``make soak``) makes 50,000 calls and prints the memory growth it measured.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import resource
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any, List, Set

import pytest

from pieces_os_client import AllocationCloud, Allocations, AllocationsApi, ApiClient
from pieces_os_client.testing import FakePiecesOS
from tests._server import checked_out, pools_of

THREADS = 8
CALLS_PER_THREAD = 500
# Every tenth call is a POST with a body; the rest are snapshots.
POST_EVERY = 10


@dataclass
class LoadResult:
    calls: int = 0
    errors: List[BaseException] = field(default_factory=list)
    elapsed: float = 0.0


class PortSampler:
    """Samples the fake's open connections every few milliseconds: distinct client ports, most at once.

    Keep-alive connections live for the whole run, so sampling sees every one of them.
    """

    def __init__(self, fake: FakePiecesOS) -> None:
        self._server: Any = fake._server
        self.ports: Set[int] = set()
        self.most_open = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        with self._server.conn_lock:
            socks = list(self._server.connections)
        self.most_open = max(self.most_open, len(socks))
        for sock in socks:
            with contextlib.suppress(OSError):  # closed between the copy and here
                self.ports.add(sock.getpeername()[1])

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(0.002)

    def __enter__(self) -> PortSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sample()
        self._stop.set()
        self._thread.join(timeout=5)


def hammer(api: AllocationsApi, cloud: AllocationCloud, threads: int, calls: int) -> LoadResult:
    """``threads`` threads, each making ``calls`` calls through the same client; errors are collected."""
    result = LoadResult()
    lock = threading.Lock()
    barrier = threading.Barrier(threads)

    def worker() -> None:
        done = 0
        barrier.wait(timeout=10)
        for i in range(calls):
            try:
                if i % POST_EVERY == 0:
                    answer: Any = api.allocations_reconnect_cloud(cloud)
                    ok = isinstance(answer, AllocationCloud) and answer.id == cloud.id
                else:
                    answer = api.allocations_snapshot()
                    ok = isinstance(answer, Allocations) and len(answer.iterable) == 1
                if not ok:
                    raise AssertionError(f"unexpected answer {answer!r}")
                done += 1
            except BaseException as exc:  # every failure is counted, none stops the run
                with lock:
                    result.errors.append(exc)
        with lock:
            result.calls += done

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    started = time.monotonic()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=120)
        assert not thread.is_alive(), "a load thread did not finish in time"
    result.elapsed = time.monotonic() - started
    return result


def opened_connections(client: ApiClient) -> int:
    """Connections the client's urllib3 pools ever opened (``num_connections`` counts each new one)."""
    return sum(pool.num_connections for pool in pools_of(client))


def test_load_8_threads_500_calls_each(caplog):
    caplog.set_level(logging.WARNING, logger="urllib3")
    # The fake keeps the latest 1000 requests by default; this test counts all of them.
    with FakePiecesOS(max_recorded_requests=THREADS * CALLS_PER_THREAD) as fake:
        cloud = fake.add_allocation()
        client = ApiClient(fake.configuration(read_timeout=30))
        maxsize = client.configuration.connection_pool_maxsize
        api = AllocationsApi(client)
        try:
            with PortSampler(fake) as sampler:
                result = hammer(api, cloud, THREADS, CALLS_PER_THREAD)
            received = len(fake.requests)
            assert checked_out(client) == 0 and client.connections_in_use() == 0
            opened = opened_connections(client)
        finally:
            client.close()

    total = THREADS * CALLS_PER_THREAD
    assert result.errors == [], result.errors[:3]
    assert result.calls == total and received == total
    pool_warnings = [
        r for r in caplog.records if r.name.startswith("urllib3") and r.levelno >= logging.WARNING
    ]
    assert pool_warnings == [], [r.getMessage() for r in pool_warnings]
    assert 1 <= opened <= min(THREADS, maxsize)
    assert 1 <= len(sampler.ports) <= min(THREADS, maxsize) and sampler.most_open <= maxsize
    print(
        f"\nload: {THREADS} threads x {CALLS_PER_THREAD} calls = {total} calls in {result.elapsed:.2f} s "
        f"({total / result.elapsed:.0f} calls/s), 0 errors, {opened} connections opened "
        f"({len(sampler.ports)} client ports seen by the server, pool size {maxsize})"
    )


def test_load_with_a_pool_smaller_than_the_threads_blocks_instead_of_overflowing(caplog):
    # With pool_block, threads beyond the pool size wait for a connection instead of opening extra ones.
    caplog.set_level(logging.WARNING, logger="urllib3")
    with FakePiecesOS() as fake:
        cloud = fake.add_allocation()
        client = ApiClient(fake.configuration(connection_pool_maxsize=2, pool_block=True, read_timeout=30))
        api = AllocationsApi(client)
        try:
            with PortSampler(fake) as sampler:
                result = hammer(api, cloud, THREADS, 50)
            opened = opened_connections(client)
            assert checked_out(client) == 0
        finally:
            client.close()
    assert result.errors == [] and result.calls == THREADS * 50
    assert opened <= 2 and len(sampler.ports) <= 2
    assert [r for r in caplog.records if r.name.startswith("urllib3")] == []


def _rss_bytes() -> int:
    """Current resident set size (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        scale = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


SOAK_CALLS = 50_000
SOAK_ROUNDS = 10


@pytest.mark.soak
@pytest.mark.timeout(900)
def test_soak_50000_calls(caplog):
    caplog.set_level(logging.WARNING, logger="urllib3")
    per_round = SOAK_CALLS // SOAK_ROUNDS // THREADS
    mib = 1024 * 1024
    with FakePiecesOS() as fake:
        cloud = fake.add_allocation()
        client = ApiClient(fake.configuration(read_timeout=30))
        api = AllocationsApi(client)
        try:
            hammer(api, cloud, THREADS, 100)  # warm-up: imports, model schemas, pooled connections
            fake.clear_requests()
            gc.collect()
            baseline = _rss_bytes()
            samples = []
            calls = 0
            elapsed = 0.0
            with PortSampler(fake) as sampler:
                for _ in range(SOAK_ROUNDS):
                    result = hammer(api, cloud, THREADS, per_round)
                    assert result.errors == [], result.errors[:3]
                    calls += result.calls
                    elapsed += result.elapsed
                    fake.clear_requests()  # the fake's own record would otherwise grow with every call
                    gc.collect()
                    samples.append(_rss_bytes())
            opened = opened_connections(client)
            assert checked_out(client) == 0
        finally:
            client.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    growth = samples[-1] - baseline
    second_half = samples[-1] - samples[len(samples) // 2 - 1]
    print(
        f"\nsoak: {calls} calls by {THREADS} threads in {elapsed:.1f} s ({calls / elapsed:.0f} calls/s), "
        f"0 errors, {opened} connections opened ({len(sampler.ports)} client ports seen)\n"
        f"soak: RSS after warm-up {baseline / mib:.1f} MiB, after {calls} calls {samples[-1] / mib:.1f} MiB, "
        f"growth {growth / mib:+.2f} MiB (second half {second_half / mib:+.2f} MiB), "
        f"peak RSS {peak / mib:.1f} MiB\n"
        f"soak: RSS per round (MiB): {', '.join(f'{s / mib:.1f}' for s in samples)}"
    )
    assert calls == SOAK_CALLS
    assert [r for r in caplog.records if r.name.startswith("urllib3")] == []
    assert growth < 16 * mib
    assert second_half < 4 * mib
