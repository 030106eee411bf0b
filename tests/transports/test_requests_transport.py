"""The requests transport driven by the ``responses`` library, as an app that mocks HTTP with it would.

``responses`` intercepts requests' adapter, so these tests open no socket: that is the feature. The
same policy (retries, Retry-After, error mapping, decoding) must apply as with the default transport;
`test_transport_parity` checks that over real sockets.
"""

from __future__ import annotations

import json
from typing import Any, Iterator, List

import pytest
import requests
import responses

import pieces_os_client
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiDecodeError,
    ApiTimeoutError,
    ConfigurationError,
    NotFoundException,
    ServiceException,
)
from pieces_os_client.testing import sample_user_profile
from tests._pacing import pacing_for
from tests._server import closed_port

HOST = "http://localhost:1000"


def allocation(allocation_id: str = "c-1") -> Any:
    return {
        "id": allocation_id,
        "user": "u-1",
        "project": "pieces-cloud",
        "status": {"cloud": "RUNNING"},
        "urls": {
            "base": {"status": "RUNNING", "url": "https://u-1.pieces.cloud"},
            "id": {"status": "RUNNING", "url": "https://u-1.pieces.cloud"},
        },
        "updated": {"value": "2023-10-26T15:30:01.617743Z"},
    }


@pytest.fixture
def rsps() -> Iterator[responses.RequestsMock]:
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        yield mock


@pytest.fixture
def api(
    rsps: responses.RequestsMock, request: pytest.FixtureRequest
) -> Iterator[pieces_os_client.AllocationsApi]:
    configuration = pieces_os_client.Configuration(host=HOST, transport="requests")
    with pieces_os_client.ApiClient(configuration, **pacing_for(request)) as client:
        yield pieces_os_client.AllocationsApi(client)


def test_json_response_decodes_into_the_model(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi
) -> None:
    rsps.get(f"{HOST}/allocations", json={"iterable": [allocation()]})
    result = api.allocations_snapshot()
    assert [a.id for a in result.iterable] == ["c-1"]
    assert result.iterable[0].updated is not None
    assert result.iterable[0].updated.value.microsecond == 617743


def test_request_body_and_headers_are_what_apiclient_built(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi
) -> None:
    rsps.post(f"{HOST}/allocations/connect", json=allocation("u-9"))
    api.allocations_connect_new_cloud(user_profile=sample_user_profile("u-9", api_keys=["k"]))
    (call,) = rsps.calls
    sent = json.loads(call.request.body)
    assert sent["id"] == "u-9" and sent["apiKeys"] == ["k"]
    assert call.request.headers["User-Agent"].startswith("pieces-os-client-python/")
    assert call.request.headers["Content-Type"] == "application/json"
    assert "python-requests" not in str(call.request.headers)


def test_text_plain_response_is_a_str(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi
) -> None:
    rsps.post(f"{HOST}/allocations/disconnect", body="c-1", content_type="text/plain")
    assert (
        api.allocations_disconnect_cloud(
            allocation_cloud=pieces_os_client.AllocationCloud.from_dict(allocation())
        )
        == "c-1"
    )


def test_error_status_maps_to_its_exception(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi
) -> None:
    rsps.post(
        f"{HOST}/allocations/reconnect",
        status=404,
        body="no allocation with id 'c-1'",
        content_type="text/plain",
    )
    with pytest.raises(NotFoundException) as info:
        api.allocations_reconnect_cloud(
            allocation_cloud=pieces_os_client.AllocationCloud.from_dict(allocation())
        )
    assert info.value.status == 404 and info.value.body == "no allocation with id 'c-1'"
    assert info.value.attempts == 1


def test_get_is_retried_with_retry_after(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi, sleeps: List[float]
) -> None:
    url = f"{HOST}/allocations"
    rsps.get(url, status=503, body="busy", headers={"Retry-After": "2"})
    rsps.get(url, json={"iterable": []})
    assert api.allocations_snapshot().iterable == []
    assert len(rsps.calls) == 2
    assert sleeps == [2.0]


def test_retries_run_out_with_the_real_status(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi, sleeps: List[float]
) -> None:
    rsps.get(f"{HOST}/allocations", status=502, body="bad gateway")
    with pytest.raises(ServiceException) as info:
        api.allocations_snapshot()
    assert info.value.status == 502 and info.value.attempts == 3
    assert len(rsps.calls) == 3 and len(sleeps) == 2


def test_post_is_not_retried_on_503(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi, sleeps: List[float]
) -> None:
    rsps.post(f"{HOST}/allocations/connect", status=503, body="busy")
    with pytest.raises(ServiceException):
        api.allocations_connect_new_cloud(user_profile=sample_user_profile())
    assert len(rsps.calls) == 1 and sleeps == []


def test_simulated_connection_error(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi, sleeps: List[float]
) -> None:
    # An error the mock raises did not come from a socket: it names what raised it, and no retry can
    # change its answer.
    rsps.get(f"{HOST}/allocations", body=requests.exceptions.ConnectionError("connection refused"))
    with pytest.raises(ApiConnectionError) as info:
        api.allocations_snapshot()
    assert info.value.attempts == 1 and sleeps == []
    assert "never reached the network" in str(info.value) and "responses raised ConnectionError" in str(
        info.value
    )
    assert not info.value.request_sent and not info.value.retryable


def test_unregistered_url_says_the_mock_refused_it_and_is_not_retried(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi, sleeps: List[float]
) -> None:
    rsps.get(f"{HOST}/elsewhere", body="{}")
    with pytest.raises(ApiConnectionError) as info:
        api.allocations_snapshot(_request_timeout=1)
    message = str(info.value)
    assert "doesn't match any registered mock" in message and "responses" in message
    assert "register this URL with the mock" in message and "is Pieces OS running" not in message
    assert info.value.attempts == 1 and sleeps == []


def test_a_urllib3_client_while_responses_is_active_says_which_transport_to_use(
    rsps: responses.RequestsMock, sleeps: List[float]
) -> None:
    # The user forgot transport="requests": the mock never sees the request, which meets a closed port.
    url = f"http://127.0.0.1:{closed_port()}"
    rsps.get(f"{url}/allocations", body='{"iterable": []}', content_type="application/json")
    configuration = pieces_os_client.Configuration(host=url, retries=0)
    with pieces_os_client.ApiClient(configuration) as client, pytest.raises(ApiConnectionError) as info:
        pieces_os_client.AllocationsApi(client).allocations_snapshot()
    assert "responses library is mocking requests" in str(info.value)
    assert "transport='requests'" in str(info.value)


def test_simulated_timeouts(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi, sleeps: List[float]
) -> None:
    url = f"{HOST}/allocations/connect"
    rsps.post(url, body=requests.exceptions.ReadTimeout("slow"))
    with pytest.raises(ApiTimeoutError) as info:
        api.allocations_connect_new_cloud(user_profile=sample_user_profile())
    assert info.value.attempts == 1 and "responses raised ReadTimeout (slow)" in str(info.value)
    rsps.replace(responses.POST, url, body=requests.exceptions.ConnectTimeout("no connect"))
    with pytest.raises(ApiTimeoutError) as info:
        api.allocations_connect_new_cloud(user_profile=sample_user_profile())
    assert info.value.attempts == 1 and sleeps == []  # a mock's timeout: no retry changes its answer


def test_a_body_that_does_not_decode(
    rsps: responses.RequestsMock, api: pieces_os_client.AllocationsApi
) -> None:
    rsps.get(f"{HOST}/allocations", body="{not json", content_type="application/json")
    with pytest.raises(ApiDecodeError) as info:
        api.allocations_snapshot()
    assert info.value.status == 200 and info.value.body == b"{not json"


def test_pool_block_is_refused_with_the_requests_transport() -> None:
    configuration = pieces_os_client.Configuration(host=HOST, transport="requests", pool_block=True)
    with pytest.raises(ConfigurationError, match="pool_block"):
        pieces_os_client.ApiClient(configuration)


def test_responses_decorator_style(sleeps: List[float]) -> None:
    """The way most test suites use ``responses``: a decorator and module-level registration."""

    @responses.activate
    def scenario() -> None:
        responses.get(f"{HOST}/allocations", json={"iterable": [allocation("d-1")]})
        configuration = pieces_os_client.Configuration(host=HOST, transport="requests")
        with pieces_os_client.ApiClient(configuration) as client:
            assert pieces_os_client.AllocationsApi(client).allocations_snapshot().iterable[0].id == "d-1"

    scenario()
