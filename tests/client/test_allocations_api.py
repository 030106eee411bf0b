"""End to end through the generated `AllocationsApi`: every endpoint and response type, over loopback."""

from __future__ import annotations

import contextlib
import io
import json
import textwrap
from pathlib import Path
from typing import Any, Dict, List

import pytest
from pydantic import ValidationError

import pieces_os_client
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.exceptions import (
    ApiTypeError,
    ApiValueError,
    GatewayTimeoutException,
    ServiceException,
)
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.allocations import Allocations
from pieces_os_client.models.user_profile import UserProfile
from pieces_os_client.rest import RESTResponse
from tests._server import RawServer, Reply, Request

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SNAPSHOT_BYTES = (FIXTURES / "allocations.json").read_bytes()
SNAPSHOT: Dict[str, Any] = json.loads(SNAPSHOT_BYTES)
CLOUD: Dict[str, Any] = SNAPSHOT["iterable"][0]
PROFILE: Dict[str, Any] = json.loads((FIXTURES / "user_profile_minimal.json").read_bytes())


def echo_cloud(request: Request) -> Reply:
    return Reply(200, json=CLOUD)


@pytest.fixture
def api(server: RawServer) -> Any:
    server.route("GET", "/allocations", Reply(200, SNAPSHOT_BYTES, content_type="application/json"))
    server.route("POST", "/allocations/connect", Reply(200, json=CLOUD))
    server.route("POST", "/allocations/create", Reply(200, json=CLOUD))
    server.route("POST", "/allocations/reconnect", Reply(200, json=CLOUD))
    server.route("POST", "/allocations/delete", Reply(200, CLOUD["id"]))
    server.route("POST", "/allocations/disconnect", Reply(200, CLOUD["id"]))
    configuration = pieces_os_client.Configuration(host=server.url)
    with pieces_os_client.ApiClient(configuration) as client:
        yield pieces_os_client.AllocationsApi(client)


def test_snapshot(api: Any, server: RawServer) -> None:
    allocations = api.allocations_snapshot()
    assert isinstance(allocations, Allocations)
    assert json.loads(allocations.to_json()) == SNAPSHOT  # lossless
    info = api.allocations_snapshot_with_http_info()
    assert isinstance(info, ApiResponse) and info.status_code == 200 and info.raw_data == SNAPSHOT_BYTES
    with api.allocations_snapshot_without_preload_content() as raw:
        assert isinstance(raw, RESTResponse) and raw.read() == SNAPSHOT_BYTES
    assert server.count("GET", "/allocations") == 3


def test_connect_new_cloud_sends_the_profile_by_wire_name(api: Any, server: RawServer) -> None:
    profile = UserProfile.from_dict(PROFILE)
    cloud = api.allocations_connect_new_cloud(user_profile=profile)
    assert isinstance(cloud, AllocationCloud) and cloud.id == CLOUD["id"]
    sent = server.requests_to("POST", "/allocations/connect")[-1]
    assert json.loads(sent.body) == PROFILE  # nothing invented: no default email or picture
    assert sent.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("allocations_create_new_allocation", "/allocations/create"),
        ("allocations_reconnect_cloud", "/allocations/reconnect"),
    ],
)
def test_endpoints_returning_a_cloud(api: Any, server: RawServer, method: str, path: str) -> None:
    body = AllocationCloud.from_dict(CLOUD)
    result = getattr(api, method)(allocation_cloud=body)
    assert isinstance(result, AllocationCloud) and result == body
    assert json.loads(server.requests_to("POST", path)[-1].body) == CLOUD
    info = getattr(api, f"{method}_with_http_info")(allocation_cloud=body)
    assert info.data == body and info.status_code == 200
    with getattr(api, f"{method}_without_preload_content")(allocation_cloud=body) as raw:
        assert json.loads(raw.read()) == CLOUD


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("allocations_delete_allocation", "/allocations/delete"),
        ("allocations_disconnect_cloud", "/allocations/disconnect"),
    ],
)
def test_endpoints_returning_text(api: Any, server: RawServer, method: str, path: str) -> None:
    body = AllocationCloud.from_dict(CLOUD)
    result = getattr(api, method)(allocation_cloud=body)
    assert result == CLOUD["id"] and isinstance(result, str)
    assert server.requests_to("POST", path)[-1].headers["Accept"] == "text/plain"
    assert getattr(api, f"{method}_with_http_info")(allocation_cloud=body).data == CLOUD["id"]


def test_a_dict_body_is_validated_into_the_model_and_sent_losslessly(api: Any, server: RawServer) -> None:
    # The official methods take a dict for the body; here too, by wire name as from_dict reads it.
    given = {**PROFILE, "fromANewerPiecesOS": {"kept": [1, None]}}
    cloud = api.allocations_connect_new_cloud(user_profile=given)
    assert isinstance(cloud, AllocationCloud)
    sent = server.requests_to("POST", "/allocations/connect")[-1].body
    assert json.loads(sent) == given
    assert sent == UserProfile.from_dict(given).to_json().encode()
    api.allocations_reconnect_cloud(CLOUD)  # by position too
    assert json.loads(server.requests_to("POST", "/allocations/reconnect")[-1].body) == CLOUD
    assert api.allocations_disconnect_cloud_with_http_info(allocation_cloud=CLOUD).data == CLOUD["id"]
    with api.allocations_delete_allocation_without_preload_content(allocation_cloud=CLOUD) as raw:
        assert raw.status == 200
    assert json.loads(server.requests_to("POST", "/allocations/delete")[-1].body) == CLOUD


def test_a_dict_that_does_not_fit_is_an_api_value_error_before_any_io(api: Any, server: RawServer) -> None:
    with pytest.raises(ApiValueError) as info:
        api.allocations_connect_new_cloud(user_profile={"id": "x"})
    message = str(info.value)
    assert "user_profile does not fit UserProfile" in message and "aesthetics" in message
    assert "nothing was sent" in message
    assert isinstance(info.value.__cause__, ValidationError)  # pydantic's own error, whole
    with pytest.raises(ApiValueError, match="allocation_cloud does not fit AllocationCloud"):
        api.allocations_reconnect_cloud(allocation_cloud={**CLOUD, "status": "RUNNING"})
    assert server.requests == []


@pytest.mark.parametrize("body", ['{"id": "x"}', b"{}", [PROFILE], 5])
def test_a_body_of_another_type_is_an_api_type_error_before_any_io(
    api: Any, server: RawServer, body: object
) -> None:
    with pytest.raises(ApiTypeError) as info:
        api.allocations_connect_new_cloud(user_profile=body)
    message = str(info.value)  # the argument, what it takes, what it got, how to build one
    assert (
        "user_profile must be a UserProfile or a dict" in message and f"got {type(body).__name__}" in message
    )
    assert "UserProfile(...)" in message and "UserProfile.from_dict(...)" in message
    with pytest.raises(
        ApiTypeError, match="allocation_cloud must be an AllocationCloud or a dict, got UserProfile"
    ):
        api.allocations_reconnect_cloud(allocation_cloud=UserProfile.from_dict(PROFILE))
    assert server.requests == []


def test_declared_errors(api: Any, server: RawServer, sleeps: List[float]) -> None:
    server.route("POST", "/allocations/create", Reply(500, "not implemented locally"))
    server.route("POST", "/allocations/connect", Reply(504, "cloud timed out"))
    with pytest.raises(ServiceException) as info:
        api.allocations_create_new_allocation(allocation_cloud=AllocationCloud.from_dict(CLOUD))
    assert info.value.status == 500 and info.value.data == "not implemented locally"
    with pytest.raises(GatewayTimeoutException) as gateway:
        api.allocations_connect_new_cloud(user_profile=UserProfile.from_dict(PROFILE))
    assert gateway.value.data == "cloud timed out" and gateway.value.attempts == 1
    assert server.count("POST", "/allocations/connect") == 1


def test_per_call_headers_and_timeout(api: Any, server: RawServer) -> None:
    api.allocations_snapshot(_headers={"X-Request-ID": "r-1"}, _request_timeout=(1.0, 2.0), _retries=0)
    assert server.requests[-1].headers["X-Request-ID"] == "r-1"


DOCUMENTED_EXAMPLE = textwrap.dedent(
    """
    import pieces_os_client
    from pieces_os_client.models.allocation_cloud import AllocationCloud
    from pieces_os_client.models.user_profile import UserProfile
    from pieces_os_client.rest import ApiException

    configuration = pieces_os_client.Configuration(host="http://localhost:1000")
    with pieces_os_client.ApiClient(configuration) as api_client:
        api_instance = pieces_os_client.AllocationsApi(api_client)
        user_profile = pieces_os_client.UserProfile(...)  # a valid profile
        try:
            api_response = api_instance.allocations_connect_new_cloud(user_profile=user_profile)
        except Exception as e:
            print("Exception when calling AllocationsApi->allocations_connect_new_cloud: %s\\n" % e)
    """
)


def test_the_documented_example_runs_as_written(server: RawServer) -> None:
    server.route("POST", "/allocations/connect", Reply(200, json=CLOUD))
    # Only the server's address and the elided profile are filled in; every other line is as documented.
    code = DOCUMENTED_EXAMPLE.replace("http://localhost:1000", server.url).replace(
        "pieces_os_client.UserProfile(...)", f"pieces_os_client.UserProfile.from_dict({PROFILE!r})"
    )
    namespace: Dict[str, Any] = {}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "documented_example", "exec"), namespace)
    assert out.getvalue() == ""
    assert isinstance(namespace["api_response"], AllocationCloud)
    assert namespace["api_response"].id == CLOUD["id"]
    assert json.loads(server.requests_to("POST", "/allocations/connect")[0].body) == PROFILE
