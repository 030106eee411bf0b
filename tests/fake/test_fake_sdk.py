"""The SDK against the built-in fake: every endpoint, each error a user meets, and the pytest fixture.

These double as the SDK's endpoint tests against a server that speaks the full wire format, and as
proof that the fake answers what the generated models decode.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

import pieces_os_client
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiDecodeError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    GatewayTimeoutException,
    NotFoundException,
    ServiceException,
)
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
from pieces_os_client.testing import FakePiecesOS, sample_user_profile
from tests._pacing import pacing_for


@pytest.fixture
def api(pieces_os: FakePiecesOS, request: pytest.FixtureRequest) -> Iterator[pieces_os_client.AllocationsApi]:
    with pieces_os_client.ApiClient(pieces_os.configuration(), **pacing_for(request)) as client:
        yield pieces_os_client.AllocationsApi(client)


def test_documented_example_runs_against_the_fake(pieces_os: FakePiecesOS) -> None:
    configuration = pieces_os_client.Configuration(host=pieces_os.url)
    with pieces_os_client.ApiClient(configuration) as api_client:
        api_instance = pieces_os_client.AllocationsApi(api_client)
        user_profile = sample_user_profile("docs-user")
        api_response = api_instance.allocations_connect_new_cloud(user_profile=user_profile)
    assert isinstance(api_response, AllocationCloud)
    assert api_response.user == "docs-user"
    assert api_response.status.cloud is AllocationStatusEnum.RUNNING
    assert api_response.updated is not None and api_response.updated.value.tzinfo is not None


def test_the_six_endpoints_in_cloud_mode(
    pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi
) -> None:
    pieces_os.cloud = True
    assert api.allocations_snapshot().iterable == []
    cloud = api.allocations_connect_new_cloud(user_profile=sample_user_profile("u1"))
    assert [a.id for a in api.allocations_snapshot().iterable] == ["u1"]

    assert api.allocations_disconnect_cloud(allocation_cloud=cloud) == "u1"
    assert api.allocations_snapshot().iterable[0].status.cloud == "DISCONNECTED"
    again = api.allocations_reconnect_cloud(allocation_cloud=cloud)
    assert again.status.cloud is AllocationStatusEnum.RUNNING

    extra = pieces_os.state.new_cloud(sample_user_profile("team"))
    created = api.allocations_create_new_allocation(allocation_cloud=extra)
    assert created.id == "team"
    assert {a.id for a in api.allocations_snapshot().iterable} == {"u1", "team"}
    assert api.allocations_delete_allocation(allocation_cloud=created) == "team"
    assert [a.id for a in api.allocations_snapshot().iterable] == ["u1"]

    paths = [(r.method, r.path) for r in pieces_os.requests]
    assert ("POST", "/allocations/create") in paths and ("POST", "/allocations/delete") in paths


def test_with_http_info_gives_status_headers_and_raw_bytes(api: pieces_os_client.AllocationsApi) -> None:
    response = api.allocations_connect_new_cloud_with_http_info(user_profile=sample_user_profile("h"))
    assert response.status_code == 200
    assert response.data.id == "h"
    assert AllocationCloud.from_json(response.raw_data) == response.data


def test_body_is_sent_by_wire_name(pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi) -> None:
    profile = sample_user_profile("w", api_keys=["k1"])
    api.allocations_connect_new_cloud(user_profile=profile)
    sent = pieces_os.requests[-1]
    assert sent.headers["Content-Type"].startswith("application/json")
    assert sent.json()["apiKeys"] == ["k1"] and "api_keys" not in sent.json()
    assert sent.headers["User-Agent"].startswith("pieces-os-client-python/")


def test_cloud_only_endpoints_raise_service_exception_locally(api: pieces_os_client.AllocationsApi) -> None:
    cloud = api.allocations_connect_new_cloud(user_profile=sample_user_profile())
    with pytest.raises(ServiceException) as info:
        api.allocations_create_new_allocation(allocation_cloud=cloud)
    assert info.value.status == 500 and "unimplemented locally" in (info.value.body or "")
    with pytest.raises(ServiceException):
        api.allocations_delete_allocation(allocation_cloud=cloud)


def test_unknown_allocation_raises_not_found(
    pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi
) -> None:
    ghost = pieces_os.state.new_cloud(sample_user_profile("ghost"))
    with pytest.raises(NotFoundException) as info:
        api.allocations_reconnect_cloud(allocation_cloud=ghost)
    assert "ghost" in (info.value.body or "")


def test_a_body_the_server_rejects_raises_bad_request(api: pieces_os_client.AllocationsApi) -> None:
    unchecked = pieces_os_client.UserProfile.model_construct(**{"id": "x"})  # no aesthetics
    with pytest.raises(BadRequestException) as info:
        api.allocations_connect_new_cloud(user_profile=unchecked)
    assert "aesthetics" in (info.value.body or "")


def test_a_body_of_the_wrong_type_never_leaves_the_client(
    pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi
) -> None:
    with pytest.raises(ApiTypeError):
        api.allocations_connect_new_cloud(user_profile='{"id": "x"}')  # type: ignore[arg-type]
    with pytest.raises(ApiValueError):  # a dict is taken as the official SDK takes it, and checked
        api.allocations_connect_new_cloud(user_profile={"id": "x"})  # type: ignore[arg-type]
    assert pieces_os.requests == []


def test_retries_on_injected_503_honour_retry_after(
    pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi, sleeps: list
) -> None:
    pieces_os.fail_next("/allocations", times=2, status=503, retry_after="1")
    assert api.allocations_snapshot().iterable == []
    assert len(pieces_os.requests) == 3
    assert sleeps == [1.0, 1.0]


def test_post_is_not_retried_after_it_reached_the_server(
    pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi, sleeps: list
) -> None:
    pieces_os.fail_next("/allocations/connect", status=504)
    with pytest.raises(GatewayTimeoutException) as info:
        api.allocations_connect_new_cloud(user_profile=sample_user_profile())
    assert info.value.attempts == 1 and len(pieces_os.requests) == 1


def test_timeout_and_dropped_connection(
    pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi
) -> None:
    pieces_os.stall_next("/allocations/connect", 5)
    with pytest.raises(ApiTimeoutError):
        api.allocations_connect_new_cloud(user_profile=sample_user_profile(), _request_timeout=(2, 0.2))
    pieces_os.drop_next("/allocations/connect")
    with pytest.raises(ApiConnectionError):
        api.allocations_connect_new_cloud(user_profile=sample_user_profile())


def test_a_response_that_does_not_decode(
    pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi
) -> None:
    pieces_os.respond_next("/allocations", body='{"iterable": 5}', content_type="application/json")
    with pytest.raises(ApiDecodeError) as info:
        api.allocations_snapshot()
    assert info.value.status == 200 and info.value.body == b'{"iterable": 5}'


def test_an_allocation_with_an_unknown_status_can_be_sent_back(
    pieces_os: FakePiecesOS, api: pieces_os_client.AllocationsApi
) -> None:
    # A newer Pieces OS may report a status this SDK does not know; the fake serves it and takes it back.
    cloud = pieces_os.add_allocation()
    cloud.status.cloud = AllocationStatusEnum("HIBERNATING")
    pieces_os.add_allocation(cloud)
    served = api.allocations_snapshot().iterable[0]
    assert served.status.cloud.value == "HIBERNATING"
    assert api.allocations_disconnect_cloud(allocation_cloud=served) == served.id
    assert (
        api.allocations_reconnect_cloud(allocation_cloud=served).status.cloud == AllocationStatusEnum.RUNNING
    )


def test_a_fault_on_a_path_the_fake_never_serves_is_refused(pieces_os: FakePiecesOS) -> None:
    with pytest.raises(ValueError, match=r"never serves '/allocations/'.*/allocations/connect"):
        pieces_os.fail_next("/allocations/")
    with pytest.raises(ValueError, match="never serves"):
        pieces_os.stall_next("/allocation", 1)
    with pytest.raises(TypeError, match="path must be a str"):
        pieces_os.drop_next(b"/allocations")  # type: ignore[arg-type]
    assert pieces_os.pending_faults() == []


UNUSED_FAULT_TESTS = """
pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]


def test_leaves_a_fault_unused(pieces_os):
    pieces_os.fail_next("/allocations/connect", status=503)


def test_opts_out(pieces_os):
    pieces_os.fail_next("/allocations/connect", status=503)
    pieces_os.allow_unused_faults = True


def test_uses_its_fault(pieces_os):
    import urllib.request, urllib.error

    pieces_os.fail_next("/allocations", status=503)
    try:
        urllib.request.urlopen(pieces_os.url + "/allocations", timeout=5)
    except urllib.error.HTTPError as exc:
        assert exc.code == 503
"""


PLUGIN = "pieces_os_client.testing.pytest_plugin"


def test_the_fixture_fails_a_test_that_leaves_faults_unused(tmp_path: Path) -> None:
    (tmp_path / "test_unused.py").write_text(UNUSED_FAULT_TESTS, encoding="utf-8")
    # Its own root: a temporary folder inside this checkout (nox's) would take this project's pytest settings.
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            PLUGIN,
            "-o",
            "addopts=",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        check=False,
        # Only the fixtures' plugin: every installed one would take seconds to load.
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )
    assert "3 passed, 1 error" in done.stdout, done.stdout  # the error is the teardown of the first
    assert "ERROR test_unused.py::test_leaves_a_fault_unused" in done.stdout
    assert "never used: respond 503 to any method /allocations/connect (1 left)" in done.stdout
