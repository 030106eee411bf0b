"""The async client behaves as the blocking one: the same scenario table, the same outcomes.

Every scenario of tests/parity/test_transport_parity.py runs through `ApiClient` on both transports and
through `AsyncApiClient`, against the real fake over loopback; each records what the caller sees (result, or
the exception's type, message, status, body and attempts), the requests the server saw and the delays the
client would have slept. The records must be equal. The async client runs on an event loop in a thread
of its own, so the table's blocking call functions drive it unchanged.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List, Tuple

import pytest

pytest.importorskip("aiohttp")

import pieces_os_client
from pieces_os_client.exceptions import OpenApiException
from pieces_os_client.testing import FakePiecesOS
from tests._every_client import BlockingView, LoopThread
from tests.parity.test_transport_parity import FIXED_TIME, SCENARIOS, TRANSPORTS, Scenario


@pytest.fixture(scope="module")
def loop() -> Iterator[LoopThread]:
    runner = LoopThread()
    yield runner
    runner.close()


def _error_record(exc: OpenApiException) -> Dict[str, Any]:
    record: Dict[str, Any] = {"error": type(exc).__name__, "message": str(exc)}
    for attribute in ("status", "body", "attempts", "request_sent", "data"):
        record[attribute] = getattr(exc, attribute, None)
    return record


def _server_saw(fake: FakePiecesOS) -> List[Tuple[Any, ...]]:
    return [
        (
            r.method,
            r.path,
            sorted((k.lower(), v) for k, v in r.headers.items()),
            r.body,
        )
        for r in fake.requests
    ]


def _prepare(fake: FakePiecesOS, scenario: Scenario) -> None:
    fake.state.clear()
    fake.reset_faults()
    scenario[0](fake)
    fake.clear_requests()


def sync_outcome(fake: FakePiecesOS, transport: str, scenario: Scenario) -> Dict[str, Any]:
    _prepare(fake, scenario)
    _, call, overrides = scenario
    sleeps: List[float] = []
    record: Dict[str, Any] = {}
    configuration = fake.configuration(transport=transport, **overrides)
    with pieces_os_client.ApiClient(configuration, sleep=sleeps.append, random=lambda: 0.5) as client:
        try:
            result = call(pieces_os_client.AllocationsApi(client))
        except OpenApiException as exc:
            record.update(_error_record(exc))
        else:
            record["result"] = result.to_dict() if hasattr(result, "to_dict") else result
    record["server_saw"] = _server_saw(fake)
    record["sleeps"] = sleeps
    return record


def async_outcome(fake: FakePiecesOS, loop: LoopThread, scenario: Scenario) -> Dict[str, Any]:
    _prepare(fake, scenario)
    _, call, overrides = scenario
    sleeps: List[float] = []
    record: Dict[str, Any] = {}

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)

    configuration = fake.configuration(**overrides)
    client = pieces_os_client.AsyncApiClient(configuration, sleep=sleep, random=lambda: 0.5)
    try:
        result = call(BlockingView(pieces_os_client.AsyncAllocationsApi(client), loop))
    except OpenApiException as exc:
        record.update(_error_record(exc))
    else:
        record["result"] = result.to_dict() if hasattr(result, "to_dict") else result
    finally:
        assert client.connections_in_use() == 0
        loop.run(client.close())
    record["server_saw"] = _server_saw(fake)
    record["sleeps"] = sleeps
    return record


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_async_client_agrees_with_both_transports(name: str, loop: LoopThread) -> None:
    scenario = SCENARIOS[name]
    with FakePiecesOS(clock=lambda: FIXED_TIME) as fake:
        records = [sync_outcome(fake, transport, scenario) for transport in TRANSPORTS]
        records.append(async_outcome(fake, loop, scenario))
    assert records[0] == records[1]
    assert records[2] == records[0]
