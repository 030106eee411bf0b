"""The async client behaves as the blocking one: the same scenario table, the same outcomes.

Every scenario of tests/parity/test_transport_parity.py runs through `ApiClient` on both transports and
through `AsyncApiClient`, against the real fake over loopback; each records what the caller sees (result, or
the exception's type, message, status, body and attempts), the requests the server saw and the delays the
client would have slept. The records must be equal. The async client runs on an event loop in a thread
of its own, so the table's blocking call functions drive it unchanged.
"""

from __future__ import annotations

from typing import Any, Dict, Iterator, List

import pytest

pytest.importorskip("aiohttp")

import pieces_os_client
from pieces_os_client.exceptions import OpenApiException
from pieces_os_client.testing import FakePiecesOS
from tests._every_client import BlockingView, LoopThread
from tests.parity.test_transport_parity import (
    FIXED_TIME,
    SCENARIOS,
    TRANSPORTS,
    Scenario,
    error_record,
    outcome,
    prepare_scenario,
    server_saw,
)


@pytest.fixture(scope="module")
def loop() -> Iterator[LoopThread]:
    runner = LoopThread()
    yield runner
    runner.close()


def async_outcome(fake: FakePiecesOS, loop: LoopThread, scenario: Scenario) -> Dict[str, Any]:
    prepare_scenario(fake, scenario)
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
        record.update(error_record(exc))
    else:
        record["result"] = result.to_dict() if hasattr(result, "to_dict") else result
    finally:
        record["connections_in_use"] = client.connections_in_use()
        loop.run(client.close())
    record["server_saw"] = server_saw(fake)
    record["sleeps"] = sleeps
    return record


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_async_client_agrees_with_both_transports(name: str, loop: LoopThread) -> None:
    scenario = SCENARIOS[name]
    with FakePiecesOS(clock=lambda: FIXED_TIME) as fake:
        records = [outcome(fake, transport, scenario) for transport in TRANSPORTS]
        records.append(async_outcome(fake, loop, scenario))
    assert records[0] == records[1]
    assert records[2] == records[0]
    assert records[0]["connections_in_use"] == 0
