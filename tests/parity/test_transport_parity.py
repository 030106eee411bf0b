"""The urllib3 and requests transports behave the same: one scenario, both transports, identical outcomes.

Every scenario runs against the real fake over loopback, once per transport, and records what the
caller sees (the result, or the exception's type, message, status, body and attempts), the number of
attempts the server counted and the delays the client would have slept. The two records must be equal.
"""

from __future__ import annotations

import socket
from datetime import datetime, timezone
from typing import Any, Callable, Dict, List, Tuple

import pytest

import pieces_os_client
from pieces_os_client.exceptions import OpenApiException
from pieces_os_client.testing import FakePiecesOS, sample_user_profile

TRANSPORTS = ("urllib3", "requests")
FIXED_TIME = datetime(2023, 10, 26, 15, 30, 1, 617743, tzinfo=timezone.utc)
Api = pieces_os_client.AllocationsApi


def profile_call(api: Api) -> Any:
    return api.allocations_connect_new_cloud(user_profile=sample_user_profile("parity"))


def snapshot_call(api: Api) -> Any:
    return api.allocations_snapshot()


def prepare_nothing(fake: FakePiecesOS) -> None:
    pass


# name -> (prepare the fake, the call, client configuration overrides)
Scenario = Tuple[Callable[[FakePiecesOS], None], Callable[[Api], Any], Dict[str, Any]]


def status_scenario(status: int, path: str, call: Callable[[Api], Any]) -> Scenario:
    return (lambda fake: fake.fail_next(path, status=status, times=5), call, {})


SCENARIOS: Dict[str, Scenario] = {
    "connect": (prepare_nothing, profile_call, {}),
    "snapshot after connect": (lambda fake: fake.add_allocation(sample_user_profile("s")), snapshot_call, {}),
    "disconnect text/plain": (
        lambda fake: fake.add_allocation(sample_user_profile("d")),
        lambda api: api.allocations_disconnect_cloud(allocation_cloud=api.allocations_snapshot().iterable[0]),
        {},
    ),
    "unimplemented create": (
        prepare_nothing,
        lambda api: api.allocations_create_new_allocation(
            allocation_cloud=profile_call(api)  # connect first, then create: 500 locally
        ),
        {},
    ),
    "503 with Retry-After, then success": (
        lambda fake: fake.fail_next("/allocations", times=2, status=503, retry_after="1"),
        snapshot_call,
        {},
    ),
    "429 with an HTTP-date Retry-After in the past": (
        lambda fake: fake.fail_next("/allocations", status=429, retry_after="Wed, 21 Oct 2015 07:28:00 GMT"),
        snapshot_call,
        {},
    ),
    "malformed Retry-After on 503 until retries run out": (
        lambda fake: fake.fail_next("/allocations", times=3, status=503, retry_after="soon"),
        snapshot_call,
        {},
    ),
    "Retry-After above the cap": (
        lambda fake: fake.fail_next("/allocations", status=503, retry_after="7200"),
        snapshot_call,
        {},
    ),
    "read timeout on GET, then success": (
        lambda fake: fake.stall_next("/allocations", 2),
        lambda api: api.allocations_snapshot(_request_timeout=(2, 0.3)),
        {},
    ),
    "read timeout on POST is not retried": (
        lambda fake: fake.stall_next("/allocations/connect", 2),
        lambda api: api.allocations_connect_new_cloud(
            user_profile=sample_user_profile(), _request_timeout=(2, 0.3)
        ),
        {},
    ),
    "dropped connection on GET, then success": (
        lambda fake: fake.drop_next("/allocations"),
        snapshot_call,
        {},
    ),
    "dropped connection on POST": (lambda fake: fake.drop_next("/allocations/connect"), profile_call, {}),
    "decode error": (
        lambda fake: fake.respond_next(
            "/allocations", body=b'{"iterable": [', content_type="application/json"
        ),
        snapshot_call,
        {},
    ),
    "schema mismatch": (
        lambda fake: fake.respond_next(
            "/allocations", body=b'{"iterable": [{"id": 1}]}', content_type="application/json"
        ),
        snapshot_call,
        {},
    ),
    "json where text is declared": (
        lambda fake: fake.respond_next(
            "/allocations/disconnect", body=b'"quoted"', content_type="application/json"
        ),
        lambda api: api.allocations_disconnect_cloud(),
        {},
    ),
    "response too large": (
        lambda fake: fake.respond_next("/allocations", body=b"x" * 5000, content_type="application/json"),
        snapshot_call,
        {"max_response_bytes": 1000},
    ),
    "retries=0": (lambda fake: fake.fail_next("/allocations", status=502), snapshot_call, {"retries": 0}),
    **{
        f"status {status} on POST": status_scenario(status, "/allocations/connect", profile_call)
        for status in (400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504, 418)
    },
    **{
        f"status {status} on GET": status_scenario(status, "/allocations", snapshot_call)
        for status in (404, 408, 429, 500, 502, 503, 504)
    },
}


def prepare_scenario(fake: FakePiecesOS, scenario: Scenario) -> None:
    """The fake as the scenario needs it, with nothing recorded yet."""
    fake.state.clear()
    fake.reset_faults()
    scenario[0](fake)
    fake.clear_requests()


def error_record(exc: OpenApiException) -> Dict[str, Any]:
    record: Dict[str, Any] = {"error": type(exc).__name__, "message": str(exc)}
    for attribute in ("status", "body", "attempts", "request_sent", "data"):
        record[attribute] = getattr(exc, attribute, None)
    return record


def server_saw(fake: FakePiecesOS) -> List[Tuple[Any, ...]]:
    """What the server saw: method, path, headers (Host carries the same port for every client), body."""
    return [
        (r.method, r.path, sorted((k.lower(), v) for k, v in r.headers.items()), r.body)
        for r in fake.requests
    ]


def outcome(fake: FakePiecesOS, transport: str, scenario: Scenario) -> Dict[str, Any]:
    prepare_scenario(fake, scenario)
    _, call, overrides = scenario
    sleeps: List[float] = []
    record: Dict[str, Any] = {}
    configuration = fake.configuration(transport=transport, **overrides)
    with pieces_os_client.ApiClient(configuration, sleep=sleeps.append, random=lambda: 0.5) as client:
        try:
            result = call(pieces_os_client.AllocationsApi(client))
        except OpenApiException as exc:
            record.update(error_record(exc))
        else:
            record["result"] = result.to_dict() if hasattr(result, "to_dict") else result
        record["connections_in_use"] = client.connections_in_use()
    record["server_saw"] = server_saw(fake)
    record["sleeps"] = sleeps
    return record


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_both_transports_agree(name: str) -> None:
    scenario = SCENARIOS[name]
    with FakePiecesOS(clock=lambda: FIXED_TIME) as fake:  # a fixed clock: byte-identical answers
        results = [outcome(fake, transport, scenario) for transport in TRANSPORTS]
    assert results[0] == results[1]
    assert results[0]["connections_in_use"] == 0


def test_connection_refused_is_the_same_error(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    records = []
    for transport in TRANSPORTS:
        sleeps: List[float] = []
        configuration = pieces_os_client.Configuration(host=f"http://127.0.0.1:{port}", transport=transport)
        with pieces_os_client.ApiClient(configuration, sleep=sleeps.append) as client:
            api = pieces_os_client.AllocationsApi(client)
            for call in (snapshot_call, profile_call):
                with pytest.raises(pieces_os_client.ApiConnectionError) as info:
                    call(api)
                records.append((transport, str(info.value), info.value.attempts, info.value.request_sent))
        records.append((transport, "sleeps", len(sleeps), None))
    urllib3_side = [r[1:] for r in records if r[0] == "urllib3"]
    requests_side = [r[1:] for r in records if r[0] == "requests"]
    assert urllib3_side == requests_side
    assert urllib3_side[0][1] == 3  # GET: three attempts; a refused POST never reached the server either
    assert "is Pieces OS running?" in urllib3_side[0][0]
