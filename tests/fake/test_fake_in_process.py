"""The fake served in process (``FakePiecesOS(in_process=True)``): no socket, same answers.

The parity test runs the transport parity scenario table once against the socket server (urllib3
transport) and once in process, and expects the same outcome from both: result or error, status, body,
attempts, sleeps and what the fake recorded.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Any, Dict, Iterator

import pytest

import pieces_os_client
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    BadRequestException,
    ConfigurationError,
    ResponseTooLargeError,
    ServiceException,
)
from pieces_os_client.testing import IN_PROCESS_TRANSPORT, FakePiecesOS, sample_user_profile
from tests.parity.test_transport_parity import FIXED_TIME, SCENARIOS, outcome


class SocketOpened(AssertionError):
    """A socket was created while sockets were banned."""


@pytest.fixture
def no_sockets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any socket created from now on (by any library) raises `SocketOpened`."""

    def banned(*args: Any, **kwargs: Any) -> socket.socket:
        raise SocketOpened("a socket was opened")

    monkeypatch.setattr(socket, "socket", banned)
    monkeypatch.setattr(socket, "create_connection", banned)
    monkeypatch.setattr(socket, "socketpair", banned)


@pytest.fixture
def fake() -> Iterator[FakePiecesOS]:
    with FakePiecesOS(in_process=True) as running:
        yield running


@pytest.fixture
def api(fake: FakePiecesOS) -> Iterator[pieces_os_client.AllocationsApi]:
    with pieces_os_client.ApiClient(fake.configuration()) as client:
        yield pieces_os_client.AllocationsApi(client)


def test_every_endpoint_and_fault_without_a_socket(no_sockets: None, sleeps: list) -> None:
    with FakePiecesOS(in_process=True) as fake:
        assert fake.url.startswith("http://fake-pieces-os-") and fake.url.endswith(".invalid")
        with pieces_os_client.ApiClient(fake.configuration()) as client:
            api = pieces_os_client.AllocationsApi(client)
            cloud = api.allocations_connect_new_cloud(user_profile=sample_user_profile("ada"))
            assert [a.id for a in api.allocations_snapshot().iterable] == ["ada"]
            assert api.allocations_disconnect_cloud(allocation_cloud=cloud) == "ada"
            assert api.allocations_reconnect_cloud(allocation_cloud=cloud).status.cloud == "RUNNING"
            with pytest.raises(ServiceException):
                api.allocations_create_new_allocation(allocation_cloud=cloud)

            fake.fail_next("/allocations", times=2, status=503, retry_after="0")
            api.allocations_snapshot()
            fake.drop_next("/allocations/connect")
            with pytest.raises(ApiConnectionError) as dropped:
                api.allocations_connect_new_cloud()
            assert dropped.value.request_sent
            fake.stall_next("/allocations", 5)
            with pytest.raises(ApiTimeoutError):
                api.allocations_snapshot(_request_timeout=(1, 0.05), _retries=0)
        paths = [r.path for r in fake.requests]
        assert paths.count("/allocations") == 5  # one, three for the retried 503, one stalled
    # The ban works: the default transport cannot reach even a socket fake's address (the ban's error
    # is the cause of the SDK's, which names it).
    with (
        pytest.raises(pieces_os_client.ApiConnectionError, match="tests raised SocketOpened") as refused,
        pieces_os_client.ApiClient(
            pieces_os_client.Configuration(host="http://127.0.0.1:9", retries=0)
        ) as client,
    ):
        pieces_os_client.AllocationsApi(client).allocations_snapshot()
    assert isinstance(refused.value.__cause__, SocketOpened)


def test_no_file_descriptor_is_opened(fake: FakePiecesOS, api: pieces_os_client.AllocationsApi) -> None:
    api.allocations_snapshot()  # warm up: imports, the deadline watchdog thread
    before = _open_fds()
    for _ in range(20):
        api.allocations_connect_new_cloud(user_profile=sample_user_profile("fd"))
        api.allocations_snapshot()
    assert _open_fds() == before


def _open_fds() -> int:
    import os

    return len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else 0


def test_a_short_stall_is_answered_and_a_long_one_times_out(
    fake: FakePiecesOS, api: pieces_os_client.AllocationsApi
) -> None:
    fake.stall_next("/allocations", 0.1)
    started = time.monotonic()
    api.allocations_snapshot(_request_timeout=(1, 2))
    assert 0.1 <= time.monotonic() - started < 1.5

    fake.stall_next("/allocations/connect", 30)
    started = time.monotonic()
    with pytest.raises(ApiTimeoutError) as info:
        api.allocations_connect_new_cloud(_request_timeout=(1, 0.2))
    assert 0.2 <= time.monotonic() - started < 2
    assert info.value.request_sent and info.value.attempts == 1  # a POST that may have arrived
    assert fake.allocations == []  # the stalled request was never answered


def test_stopping_the_fake_ends_a_stall_at_once() -> None:
    fake = FakePiecesOS(in_process=True).start()
    fake.stall_next("/allocations", 30)
    errors: list = []

    def call() -> None:
        with pieces_os_client.ApiClient(fake.configuration(retries=0)) as client:
            try:
                pieces_os_client.AllocationsApi(client).allocations_snapshot(_request_timeout=(1, 20))
            except ApiConnectionError as exc:
                errors.append(exc)

    worker = threading.Thread(target=call)
    worker.start()
    deadline = time.monotonic() + 5
    while not fake.requests and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    fake.stop()
    worker.join(5)
    assert not worker.is_alive() and time.monotonic() - started < 2
    assert len(errors) == 1 and "was stopped" in str(errors[0])


def test_a_stopped_fake_is_a_connection_error_that_says_what_to_do(sleeps: list) -> None:
    fake = FakePiecesOS(in_process=True)
    with fake:
        configuration = fake.configuration()
    with (
        pieces_os_client.ApiClient(configuration) as client,
        pytest.raises(ApiConnectionError, match="no in-process FakePiecesOS is running") as info,
    ):
        pieces_os_client.AllocationsApi(client).allocations_connect_new_cloud()
    assert not info.value.request_sent
    with fake, pieces_os_client.ApiClient(configuration) as client:  # restarted: the same URL answers
        assert pieces_os_client.AllocationsApi(client).allocations_snapshot().iterable == []


def test_size_limits_apply_both_ways() -> None:
    with FakePiecesOS(in_process=True, max_body_bytes=100) as fake:
        with pieces_os_client.ApiClient(fake.configuration()) as client:
            api = pieces_os_client.AllocationsApi(client)
            with pytest.raises(BadRequestException, match="request body too large"):
                api.allocations_connect_new_cloud(user_profile=sample_user_profile("big"))
        assert fake.requests == []  # refused before it was read, as over a socket
        fake.add_allocation()
        configuration = fake.configuration(max_response_bytes=100)
        with pieces_os_client.ApiClient(configuration) as client, pytest.raises(ResponseTooLargeError):
            pieces_os_client.AllocationsApi(client).allocations_snapshot()


def test_a_streamed_response_counts_as_a_connection_in_use(fake: FakePiecesOS) -> None:
    with pieces_os_client.ApiClient(fake.configuration()) as client:
        api = pieces_os_client.AllocationsApi(client)
        response = api.allocations_snapshot_without_preload_content()
        assert client.connections_in_use() == 1
        assert response.status == 200 and response.getheader("content-type") == "application/json"
        assert response.read().startswith(b"{")
        assert client.connections_in_use() == 0
        api.allocations_snapshot_without_preload_content().close()
        assert client.connections_in_use() == 0


def test_the_url_is_for_the_in_process_transport_only(fake: FakePiecesOS) -> None:
    with pytest.raises(RuntimeError, match="listens on no port"):
        _ = fake.port
    with pytest.raises(ValueError, match="only through IN_PROCESS_TRANSPORT"):
        fake.configuration(transport="urllib3")
    configuration = pieces_os_client.Configuration(host=fake.url, transport=IN_PROCESS_TRANSPORT)
    with pieces_os_client.ApiClient(configuration) as client:
        assert pieces_os_client.AllocationsApi(client).allocations_snapshot().iterable == []
    with pytest.raises(ConfigurationError, match="unknown transport"):
        pieces_os_client.Configuration(transport="in-process")
    assert "in_process=True" in repr(fake) and fake.is_in_process


def _normalized(record: Dict[str, Any], url: str) -> Dict[str, Any]:
    """The outcome with the fake's address replaced, so socket and in-process records compare."""
    text = repr(record).replace(url, "<fake>").replace(url.split("://", 1)[1], "<fake>")
    return {"record": text}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_socket_and_in_process_modes_agree(name: str) -> None:
    scenario = SCENARIOS[name]
    records = []
    for in_process in (False, True):
        with FakePiecesOS(clock=lambda: FIXED_TIME, in_process=in_process) as fake:
            transport = IN_PROCESS_TRANSPORT if in_process else "urllib3"
            records.append(_normalized(outcome(fake, transport, scenario), fake.url))
    assert records[0] == records[1]
