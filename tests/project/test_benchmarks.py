"""The benchmark harness works: every implementation a worker measures answers, and the asyncio table
is built with ``--quick`` settings. A smoke test: nothing here is timed or held to a figure."""

from __future__ import annotations

import sys
from typing import Iterator

import pytest

from benchmarks import run


@pytest.fixture(scope="module")
def bench_server() -> Iterator[run.Server]:
    server = run.Server()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def worker(bench_server: run.Server) -> Iterator[run.Worker]:
    worker = run.Worker(sys.executable, "ours", bench_server.ports)
    try:
        yield worker
    finally:
        worker.close()


@pytest.mark.parametrize("impl", ["sdk", "floor"])
def test_blocking_blocks_answer(worker: run.Worker, impl: str) -> None:
    answer = worker.ask(cmd="block", kind="snapshot", impl=impl, clouds="1", calls=3)
    assert answer["cpu"] >= 0 and answer["wall"] > 0


@pytest.mark.parametrize("impl", ["async", "async-floor"])
@pytest.mark.parametrize("clouds", ["1", "1000"])
def test_async_blocks_answer(worker: run.Worker, impl: str, clouds: str) -> None:
    pytest.importorskip("aiohttp")
    answer = worker.ask(cmd="block", kind="snapshot", impl=impl, clouds=clouds, calls=3)
    assert answer["cpu"] >= 0 and answer["wall"] > 0


def test_tasks_share_one_pool(worker: run.Worker, bench_server: run.Server) -> None:
    pytest.importorskip("aiohttp")
    bench_server.reset()
    answer = worker.ask(cmd="tasks", tasks=run.TASKS, calls=2)
    assert answer["throughput"] > 0 and answer["cpu"] >= 0
    accepted, _cpu = bench_server.stats()
    assert 1 <= accepted <= worker.ask(cmd="pool_size")["pool_size"]


def test_quick_async_table_has_every_row(worker: run.Worker, bench_server: run.Server) -> None:
    pytest.importorskip("aiohttp")
    args = run.parse_args(["--quick"])
    # Fewer calls than --quick's: enough for every row and for 100 tasks to fill the pool of 10.
    args.concurrency_calls, args.rounds = 300, 2
    table = run.async_table(worker, None, bench_server, args).render()
    for row in (
        "async snapshot, 1 cloud: client CPU/call",
        "async snapshot, 1,000 clouds: client CPU/call",
        f"{run.TASKS} tasks, one AsyncApiClient: snapshot calls/s",
        f"{run.THREADS} threads, one ApiClient: client CPU/call",
    ):
        assert row in table, table
    connection_rows = [line for line in table.splitlines() if "TCP connections" in line]
    assert len(connection_rows) == 2 and all("| met" in line for line in connection_rows), table
