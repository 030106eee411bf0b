"""Typed usage of pieces_os_client, written as an application would write it.

`make typecheck` checks this file against the installed package (a wheel, not this source tree) with
``mypy --strict`` without the pydantic plugin and with basedpyright in standard mode: every
``assert_type`` below must hold exactly (an ``Any`` fails it), and every ``ignore`` comment must still
be needed (unused ignores are errors in both), which proves the calls marked wrong are type errors.
``tests/typecheck/test_typing_usage.py`` runs `run` against the built-in fake Pieces OS, so the sample is also
true at run time.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from typing_extensions import assert_type

import pieces_os_client
from pieces_os_client import (
    Aesthetics,
    AllocationCloud,
    AllocationCloudStatus,
    AllocationCloudUrl,
    AllocationCloudUrls,
    Allocations,
    AllocationsApi,
    AllocationStatusEnum,
    ApiClient,
    ApiDecodeError,
    ApiException,
    ApiResponse,
    Configuration,
    ConfigurationError,
    EmbeddedModelSchema,
    EmbeddedModelSchemaSemanticVersionEnum,
    Font,
    GroupedTimestamp,
    NotFoundException,
    OpenApiException,
    Theme,
    TransportError,
    UserProfile,
)
from pieces_os_client.configuration import TransportName
from pieces_os_client.rest import RESTResponse
from pieces_os_client.testing import IN_PROCESS_TRANSPORT
from pieces_os_client.transport import (
    AiohttpTransport,
    AsyncTransport,
    AsyncTransportResponse,
    RequestsTransport,
    Transport,
    TransportRequest,
    TransportResponse,
    Urllib3Transport,
)

# --- models -----------------------------------------------------------------------------------------

SCHEMA = EmbeddedModelSchema(
    migration=0, semantic=EmbeddedModelSchemaSemanticVersionEnum.MAJOR_0_MINOR_0_PATCH_1
)


def build_profile(user_id: str) -> UserProfile:
    """A user profile built by Python attribute names, nested four models deep."""
    profile = UserProfile(
        id=user_id,
        aesthetics=Aesthetics(
            font=Font(size=14, var_schema=SCHEMA),
            theme=Theme(dark=True),
            var_schema=SCHEMA,
        ),
        api_keys=["key-1"],
        var_schema=SCHEMA,
        name="Ada Lovelace",
        created=GroupedTimestamp(value=datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)),
    )
    assert_type(profile.aesthetics.font.size, int)
    assert_type(profile.aesthetics.theme.var_schema, Optional[EmbeddedModelSchema])
    assert_type(profile.api_keys, Optional[List[str]])
    assert_type(profile.name, Optional[str])
    return profile


def build_allocation(allocation_id: str, user: str) -> AllocationCloud:
    """An allocation built by Python attribute names, nested three models deep."""
    running = AllocationStatusEnum.RUNNING
    return AllocationCloud(
        id=allocation_id,
        project="pieces",
        user=user,
        status=AllocationCloudStatus(cloud=running),
        urls=AllocationCloudUrls(
            base=AllocationCloudUrl(status=running, url=f"https://{allocation_id}.pieces.cloud"),
            id=AllocationCloudUrl(status=running, url=f"https://{allocation_id}.id.pieces.cloud"),
            var_schema=SCHEMA,
        ),
        var_schema=SCHEMA,
    )


def round_trip(profile: UserProfile, allocation: AllocationCloud) -> None:
    """`to_dict`, `to_json`, `from_dict` and `from_json` keep the model type."""
    as_dict = profile.to_dict()
    assert_type(as_dict, Dict[str, Any])
    again = UserProfile.from_dict(as_dict)
    assert_type(again, UserProfile)
    assert again.aesthetics.font.size == 14
    assert_type(UserProfile.from_dict(None), None)
    assert_type(UserProfile.from_dict(profile), UserProfile)

    text = allocation.to_json()
    assert_type(text, str)
    # None for the JSON text `null`, as the official SDK's from_json.
    assert_type(AllocationCloud.from_json(text.encode()), Optional[AllocationCloud])
    parsed = AllocationCloud.from_json(text)
    assert parsed is not None
    assert_type(parsed, AllocationCloud)
    cloud_id: str = AllocationCloud.from_dict(allocation.to_dict()).id
    assert cloud_id == allocation.id
    assert_type(parsed.urls.base.status, AllocationStatusEnum)
    assert_type(parsed.urls.vanity, Optional[AllocationCloudUrl])
    assert_type(parsed.to_str(), str)


# --- configuration ----------------------------------------------------------------------------------


def configure(host: str, transport: TransportName = "urllib3") -> Configuration:
    """Every kind of setting, typed as the docs describe it."""
    configuration = Configuration(
        host=host,
        api_key={"application": "typed-usage"},
        connect_timeout=2.0,
        read_timeout=10,
        retries=1,
        verify_ssl=True,
        default_headers={"X-Request-Source": "typed-usage"},
        pool_block=False,
        pool_timeout=5.0,
        max_response_bytes=1 << 20,
        transport=transport,
    )
    configuration.read_timeout = 15
    configuration.api_key = "typed-usage"  # a plain string is shorthand for {"application": ...}
    assert_type(configuration.api_key, Dict[str, str])
    configuration.retries = None  # back to the default
    assert_type(configuration.retries, int)
    assert_type(configuration.timeout, Tuple[float, float])
    assert_type(configuration.host, str)
    assert_type(configuration.proxy, Optional[str])
    assert_type(configuration.transport, Union[str, Transport, AsyncTransport])
    configuration.transport = "requests"
    configuration.transport = transport
    assert_type(configuration.get_api_key_with_prefix("application"), Optional[str])
    assert_type(configuration.to_debug_report(), str)
    return configuration


def transport_is_checked(host: str) -> None:
    """``transport`` takes fixed names: a misspelt one is a type error (a ConfigurationError at run time)."""
    Configuration(host=host, transport="requests")
    try:
        Configuration(host=host, transport="bogus")  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
    except ConfigurationError as exc:
        assert "unknown transport" in str(exc)
    else:
        raise AssertionError("an unknown transport was accepted")


def misspelt_names_are_errors() -> None:
    """The package's names load lazily, yet a misspelt one is an error for the checkers, not an Any."""
    try:
        api_class = pieces_os_client.AllocationsAPI  # type: ignore[attr-defined]  # pyright: ignore[reportAttributeAccessIssue]
    except AttributeError as exc:
        assert "AllocationsAPI" in str(exc)
    else:
        raise AssertionError(f"pieces_os_client.AllocationsAPI is {api_class!r}")
    assert_type(pieces_os_client.AllocationsApi(), AllocationsApi)


# --- errors -----------------------------------------------------------------------------------------


def describe(error: OpenApiException) -> str:
    """Every field an error carries, with its type."""
    if isinstance(error, ApiException):
        assert_type(error.status, Optional[int])
        assert_type(error.reason, Optional[str])
        assert_type(error.body, Optional[str])
        assert_type(error.headers, Mapping[str, str])
        assert_type(error.method, Optional[str])
        assert_type(error.url, Optional[str])
        assert_type(error.attempts, int)
        return f"{error.status} {error.reason} after {error.attempts}: {error.body}"
    if isinstance(error, TransportError):
        assert_type(error.message, str)
        assert_type(error.method, Optional[str])
        assert_type(error.url, Optional[str])
        assert_type(error.attempts, int)
        assert_type(error.request_sent, bool)
        assert_type(error.retryable, bool)
        return f"{error.message} after {error.attempts}"
    if isinstance(error, ApiDecodeError):
        assert_type(error.status, Optional[int])
        assert_type(error.body, bytes)
        assert_type(error.content_type, Optional[str])
        assert_type(error.headers, Mapping[str, str])
        return f"{error.message}: {len(error.body)} bytes"
    return str(error)


# --- every AllocationsApi method and its variants ---------------------------------------------------


def check_response(response: RESTResponse) -> bytes:
    assert_type(response.status, int)
    assert_type(response.reason, str)
    assert_type(response.headers, Mapping[str, str])
    assert_type(response.getheader("Content-Type"), Optional[str])
    assert_type(response.getheader("Content-Type", "text/plain"), str)
    body = response.read()
    assert_type(body, bytes)
    assert response.status == 200, response.status
    return body


def check_info(info: ApiResponse[Any]) -> None:
    assert_type(info.status_code, int)
    assert_type(info.headers, Mapping[str, str])
    assert_type(info.raw_data, bytes)
    assert info.status_code == 200


def run(host: str, transport: TransportName = "urllib3") -> None:
    """Call every endpoint in each of its three forms; the fake must serve create and delete."""
    profile = build_profile("typed-user")
    round_trip(profile, build_allocation("typed-0", "typed-user"))
    transport_is_checked(host)
    misspelt_names_are_errors()

    with ApiClient(configure(host, transport)) as client:
        api = AllocationsApi(client)

        # connect
        connected = api.allocations_connect_new_cloud(profile)
        assert_type(connected, AllocationCloud)
        connected_info = api.allocations_connect_new_cloud_with_http_info(
            user_profile=profile, _request_timeout=5.0, _headers={"X-Attempt": "2"}, _retries=0
        )
        assert_type(connected_info, ApiResponse[AllocationCloud])
        assert_type(connected_info.data, AllocationCloud)
        check_info(connected_info)
        with api.allocations_connect_new_cloud_without_preload_content(
            profile, _request_timeout=(1.0, 5.0)
        ) as streamed:
            assert_type(streamed, RESTResponse)
            streamed_cloud = AllocationCloud.from_json(check_response(streamed))
            assert streamed_cloud is not None and streamed_cloud.id == connected.id

        # snapshot
        snapshot: Allocations = api.allocations_snapshot()
        assert_type(snapshot.iterable, List[AllocationCloud])
        snapshot_info = api.allocations_snapshot_with_http_info()
        assert_type(snapshot_info.data, Allocations)
        check_info(snapshot_info)
        with api.allocations_snapshot_without_preload_content() as streamed:
            streamed_snapshot = Allocations.model_validate_json(check_response(streamed))
            assert len(streamed_snapshot.iterable) == 1

        # create
        created = api.allocations_create_new_allocation(build_allocation("typed-1", "typed-user"))
        assert_type(created, AllocationCloud)
        created_info = api.allocations_create_new_allocation_with_http_info(
            allocation_cloud=build_allocation("typed-2", "typed-user")
        )
        assert_type(created_info.data, AllocationCloud)
        check_info(created_info)
        with api.allocations_create_new_allocation_without_preload_content(
            build_allocation("typed-3", "typed-user")
        ) as streamed:
            created_cloud = AllocationCloud.from_json(check_response(streamed))
            assert created_cloud is not None and created_cloud.id == "typed-3"

        # reconnect
        reconnected = api.allocations_reconnect_cloud(connected)
        assert_type(reconnected, AllocationCloud)
        reconnected_info = api.allocations_reconnect_cloud_with_http_info(allocation_cloud=created)
        assert_type(reconnected_info.data, AllocationCloud)
        check_info(reconnected_info)
        with api.allocations_reconnect_cloud_without_preload_content(created) as streamed:
            check_response(streamed)

        # disconnect
        disconnected = api.allocations_disconnect_cloud(connected)
        assert_type(disconnected, str)
        disconnected_info = api.allocations_disconnect_cloud_with_http_info(allocation_cloud=created)
        assert_type(disconnected_info, ApiResponse[str])
        assert_type(disconnected_info.data, str)
        check_info(disconnected_info)
        with api.allocations_disconnect_cloud_without_preload_content(created) as streamed:
            assert check_response(streamed).decode() == "typed-1"

        # delete
        deleted = api.allocations_delete_allocation(created)
        assert_type(deleted, str)
        deleted_info = api.allocations_delete_allocation_with_http_info(
            build_allocation("typed-2", "typed-user")
        )
        assert_type(deleted_info.data, str)
        check_info(deleted_info)
        with api.allocations_delete_allocation_without_preload_content(
            allocation_cloud=build_allocation("typed-3", "typed-user")
        ) as streamed:
            assert check_response(streamed).decode() == "typed-3"

        # an error status: deleting again finds nothing
        try:
            api.allocations_delete_allocation(created)
        except NotFoundException as exc:
            assert_type(exc, NotFoundException)
            assert exc.status == 404
            assert describe(exc).startswith("404 ")
        else:
            raise AssertionError("deleting a deleted allocation succeeded")

        # a body of the wrong model is a type error before it is an ApiTypeError
        try:
            api.allocations_connect_new_cloud(connected)  # type: ignore[arg-type]  # pyright: ignore[reportArgumentType]
        except pieces_os_client.ApiTypeError as exc:
            assert "UserProfile" in str(exc)
        else:
            raise AssertionError("an AllocationCloud was accepted as a UserProfile")


def transports_are_typed() -> None:
    """The in-process fake is a transport, each built-in one matches the seam's protocols."""
    fake = pieces_os_client.Configuration(transport=IN_PROCESS_TRANSPORT)
    blocking: Transport = Urllib3Transport(pool_maxsize=2, socket_options=[(6, 1, 1)])
    also_blocking: Transport = RequestsTransport(proxy="http://user:pw@127.0.0.1:3128")
    asynchronous: AsyncTransport = AiohttpTransport(tls_server_name="pieces.local")
    request = TransportRequest("GET", "http://127.0.0.1:39300/allocations", {}, None, (1.0, 5.0))
    response: TransportResponse = blocking.handle_request(request)
    assert_type(response.length, Optional[int])
    with pieces_os_client.ApiClient(fake, transport=also_blocking) as client:
        assert_type(client.transport, Transport)
    async_client = pieces_os_client.AsyncApiClient(fake, transport=asynchronous)
    assert_type(async_client.transport, AsyncTransport)

    async def answer() -> AsyncTransportResponse:
        return await asynchronous.handle_request(request)

    del answer, response
