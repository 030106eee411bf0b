"""Code written against the official pieces-os-client 5.0.1 API surface, as its users write it.

It runs unchanged against this package and against the official SDK (each in its own virtual
environment; see tests/compat/run.py and ``make compat``), talking to a fake Pieces OS whose URL is in
``PIECES_COMPAT_HOST``. ``PIECES_COMPAT_SIDE`` says which SDK is installed (``ours`` or ``official``):
the few places where the two differ on purpose assert each side's documented behaviour, so every
difference is written down here.

Only the official import paths are used: submodules, since the official top-level package exports
nothing.
"""

from __future__ import annotations

import datetime
import os
import sys
import warnings

from pieces_os_client.api.allocations_api import AllocationsApi
from pieces_os_client.api.well_known_api import WellKnownApi
from pieces_os_client.api_client import ApiClient
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import (
    ApiException,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    NotFoundException,
    OpenApiException,
    ServiceException,
)
from pieces_os_client.models.aesthetics import Aesthetics
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.allocations import Allocations
from pieces_os_client.models.font import Font
from pieces_os_client.models.grouped_timestamp import GroupedTimestamp
from pieces_os_client.models.theme import Theme
from pieces_os_client.models.user_profile import UserProfile
from pieces_os_client.rest import RESTResponse

HOST = os.environ["PIECES_COMPAT_HOST"]
SIDE = os.environ["PIECES_COMPAT_SIDE"]
assert SIDE in ("ours", "official"), SIDE
OURS = SIDE == "ours"
APP_KEY = {"in": "header", "type": "api_key", "key": "X-Application-ID", "value": "per-call-id"}


def check_side() -> None:
    """The SDK installed is the one PIECES_COMPAT_SIDE names: only the official one has the wrapper."""
    try:
        import pieces_os_client.wrapper  # noqa: F401
    except ImportError as exc:
        assert OURS, f"the official SDK should have pieces_os_client.wrapper: {exc}"
        # Ours says what it is instead of a bare "No module named".
        assert "Allocations API and its well-known endpoints only" in str(exc), exc
        assert isinstance(exc, ModuleNotFoundError) and isinstance(exc, OpenApiException)
    else:
        assert not OURS, "this package has no pieces_os_client.wrapper"


def check_configuration() -> Configuration:
    configuration = Configuration(host=HOST, api_key={"application": "first-id"})
    assert configuration.host == HOST
    assert configuration.get_api_key_with_prefix("application") == "first-id"
    configuration.api_key["application"] = "second-id"  # edited in place, as the official docs show
    assert configuration.get_api_key_with_prefix("application") == "second-id"
    configuration.api_key_prefix["application"] = "Token"
    assert configuration.get_api_key_with_prefix("application") == "Token second-id"
    del configuration.api_key_prefix["application"]
    assert configuration.get_api_key_with_prefix("missing") is None
    assert "Python SDK Debug Report" in configuration.to_debug_report()
    return configuration


def profile() -> UserProfile:
    return UserProfile(id="auth0|compat", aesthetics=Aesthetics(theme=Theme(dark=True), font=Font(size=14)))


def check_models() -> None:
    user = profile()
    as_dict = user.to_dict()
    given = {"id": "auth0|compat", "aesthetics": {"theme": {"dark": True}, "font": {"size": 14}}}
    if OURS:
        # Only what was given is there, and sent.
        assert as_dict == given, as_dict
    else:
        # The official models fill email and picture with placeholder defaults, sent as if given.
        assert as_dict == {**given, "email": "user@pieces.app", "picture": "https://picsum.photos/200"}
    assert UserProfile.from_dict(as_dict) == user
    assert UserProfile.from_json(user.to_json()) == user
    assert UserProfile.from_dict(None) is None
    assert "auth0|compat" in user.to_str()
    assert UserProfile.model_validate(as_dict) == user
    assert user.model_dump(by_alias=True, exclude_none=True) == as_dict
    # A naive date-time: the official SDK takes it as it is; this package refuses it (a time without
    # a zone is ambiguous) and takes an aware one.
    naive = datetime.datetime(2024, 1, 2, 3, 4, 5)
    if OURS:
        try:
            GroupedTimestamp(value=naive)
        except ValueError as exc:
            assert "time zone" in str(exc) or "timezone" in str(exc), exc
        else:
            raise AssertionError("a naive date-time should be refused")
    else:
        assert GroupedTimestamp(value=naive).value == naive
    aware = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    assert GroupedTimestamp(value=aware).value == aware


def check_api_client(configuration: Configuration) -> None:
    with ApiClient(configuration) as api_client:
        api_client.set_default_header("X-Compat", "yes")
        api_client.user_agent = "compat-script/1"
        assert api_client.user_agent == "compat-script/1"
        assert api_client.configuration is configuration
    ApiClient.set_default(ApiClient(configuration))
    assert isinstance(ApiClient.get_default(), ApiClient)
    assert AllocationsApi().api_client is ApiClient.get_default()
    ApiClient.set_default(None)


def check_calls(configuration: Configuration) -> None:
    with ApiClient(configuration) as api_client:
        api = AllocationsApi(api_client)
        snapshot = api.allocations_snapshot()
        assert isinstance(snapshot, Allocations) and isinstance(snapshot.iterable, list)
        # The official positional order: _request_timeout first here, right after the body elsewhere.
        assert isinstance(api.allocations_snapshot(10.0), Allocations)
        every = api.allocations_snapshot((5.0, 10.0), APP_KEY, "application/json", {"X-Trace": "1"}, 0)
        assert isinstance(every, Allocations)
        info = api.allocations_snapshot_with_http_info(_request_timeout=10, _request_auth=APP_KEY)
        assert isinstance(info, ApiResponse) and info.status_code == 200
        assert isinstance(info.data, Allocations) and info.raw_data.startswith(b"{")
        assert info.headers is not None

        cloud = api.allocations_connect_new_cloud(profile(), 10.0, None, "application/json", None, 0)
        assert isinstance(cloud, AllocationCloud) and cloud.user == "auth0|compat"
        connected = api.allocations_connect_new_cloud_with_http_info(user_profile=profile(), _host_index=0)
        assert connected.status_code == 200 and isinstance(connected.data, AllocationCloud)
        again = api.allocations_reconnect_cloud(allocation_cloud=cloud, _request_timeout=10.0)
        assert isinstance(again, AllocationCloud)

        raw = api.allocations_snapshot_without_preload_content(10.0)
        assert raw.status == 200
        body = raw.read()
        assert Allocations.from_json(body).to_dict() == snapshot.to_dict() or body.startswith(b"{")
        if OURS:
            assert isinstance(raw, RESTResponse)
            assert (raw.getheader("content-type") or "").startswith("application/json")
        else:
            # The official method returns urllib3's response, whose getheader() is deprecated.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                assert (raw.getheader("content-type") or "").startswith("application/json")

        # A local Pieces OS answers create with 500: both raise ServiceException with its fields.
        try:
            api.allocations_create_new_allocation(cloud)
        except ServiceException as exc:
            assert isinstance(exc, ApiException) and isinstance(exc, OpenApiException)
            assert exc.status == 500 and exc.reason
            assert isinstance(exc.body, str) and "unimplemented" in exc.body
            assert exc.headers is not None
            assert "500" in str(exc)
        else:
            raise AssertionError("create should fail on a local Pieces OS")

        # A body of the wrong type is refused before any I/O by both, each with a TypeError/ValueError.
        try:
            api.allocations_disconnect_cloud(profile())  # type: ignore[arg-type]
        except (ApiTypeError, ValueError, TypeError):
            pass
        else:
            raise AssertionError("a UserProfile is not an AllocationCloud")

        # Settings that cannot apply. The official SDK refuses _host_index=1 (pydantic's
        # ValidationError, a ValueError); this package raises ApiValueError (a ValueError too).
        try:
            api.allocations_snapshot(_host_index=1)
        except ValueError:
            pass
        else:
            raise AssertionError("there is only one server")
        if OURS:
            # The official SDK would send a query-string or cookie credential Pieces OS never reads;
            # this package says so instead.
            for where in ("query", "cookie"):
                try:
                    api.allocations_snapshot(_request_auth={**APP_KEY, "in": where})
                except ApiValueError as exc:
                    assert "X-Application-ID" in str(exc), exc
                else:
                    raise AssertionError("_request_auth outside the header cannot apply")

    # After the `with` block: the official client keeps working; this package's client is closed and
    # says so.
    if OURS:
        try:
            api.allocations_snapshot()
        except OpenApiException as exc:
            assert type(exc).__name__ == "ClientClosedError", exc
        else:
            raise AssertionError("a closed client should refuse calls")
    else:
        assert isinstance(api.allocations_snapshot(), Allocations)


def check_well_known(configuration: Configuration) -> None:
    """The calls every consumer makes first: is Pieces OS running, which version, where is it."""
    with ApiClient(configuration) as api_client:
        api = WellKnownApi(api_client)
        assert api.get_well_known_health() == "ok"
        version = api.get_well_known_version(_request_timeout=5.0)
        assert isinstance(version, str) and version[:1].isdigit(), version
        assert isinstance(api.get_installation_path(), str)
        info = api.get_well_known_version_with_http_info()
        assert isinstance(info, ApiResponse) and info.status_code == 200 and info.data == version
        raw = api.get_well_known_health_without_preload_content()
        assert raw.status == 200
        raw.read()
        try:
            api.get_well_known_stream_health()
        except NotImplementedError as exc:  # ours: a websocket stream, not offered; says what to use
            assert OURS and "get_well_known_health()" in str(exc), exc
            assert isinstance(exc, OpenApiException)
        except ApiException as exc:  # the official SDK sends a plain GET, which the fake does not serve
            assert not OURS and exc.status == 404, exc
        else:
            raise AssertionError("the stream health endpoint cannot answer a plain GET")


def check_exception_names() -> None:
    assert issubclass(BadRequestException, ApiException) and issubclass(NotFoundException, ApiException)
    error = NotFoundException(status=404, reason="Not Found")
    assert error.status == 404 and error.reason == "Not Found" and error.body is None
    assert issubclass(ApiValueError, ValueError) and issubclass(ApiTypeError, TypeError)


def main() -> int:
    check_side()
    configuration = check_configuration()
    check_models()
    check_api_client(configuration)
    check_calls(configuration)
    check_well_known(configuration)
    check_exception_names()
    print(f"compat ({SIDE}, {sys.version.split()[0]}): every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
