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

import contextlib
import datetime
import importlib.metadata
import json
import os
import socket
import sys
import threading
import warnings
from typing import Callable, Iterator

import pydantic
import urllib3

import pieces_os_client
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
from pieces_os_client.models.allocation_cloud_status import AllocationCloudStatus
from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum
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


def check_sign_out_handler() -> None:
    """The user-stream handler of the official wrapper, the Pieces CLI and the Sublime plugin: an empty
    message means the user signed out."""

    def on_message(message: str) -> str:
        try:
            user = UserProfile.from_json(message)
        except json.JSONDecodeError:
            return "signed out"
        return "no user" if user is None else f"signed in as {user.id}"

    assert on_message("") == "signed out"
    assert on_message("null") == "no user"
    assert on_message(profile().to_json()) == "signed in as auth0|compat"
    try:
        UserProfile.from_json('{"id": "auth0|compat"}')  # JSON that does not fit
    except pydantic.ValidationError:
        pass
    else:
        raise AssertionError("a UserProfile needs aesthetics")


def _public(version: str) -> tuple:
    """How a plugin without packaging compares versions: the numbers before any local label."""
    return tuple(int(part) for part in version.split("+")[0].split("."))


def check_version_gates() -> None:
    """The Neovim plugin wants >= 4.4.1 (else it runs pip install --upgrade); pins ask for 5.0.1."""
    for version in (pieces_os_client.__version__, importlib.metadata.version("pieces-os-client")):
        assert _public(version) >= (4, 4, 1) and _public(version) == (5, 0, 1), version
        if OURS:
            # This package's own release is the local label (README, Versions).
            assert version.startswith("5.0.1+lossless."), version
        else:
            assert version == "5.0.1", version
    with contextlib.suppress(ImportError):  # where packaging is installed, its rules agree
        from packaging.specifiers import SpecifierSet

        for gate in (">=4.4.0", ">=4.4.1", "==5.0.1", "~=5.0"):
            assert pieces_os_client.__version__ in SpecifierSet(gate), gate


def check_submodules_as_attributes() -> None:
    """OpenAPI-Generator-style tests read a model module as an attribute of the models package."""
    import pieces_os_client.models

    status = pieces_os_client.models.allocation_cloud_status.AllocationCloudStatus
    assert status.__name__ == "AllocationCloudStatus"
    assert pieces_os_client.api.allocations_api.AllocationsApi is AllocationsApi
    # A model module of the official SDK that this package does not have: hasattr() is False and the
    # AttributeError says why (the official has it, imported by the modules that use it).
    if OURS:
        assert getattr(pieces_os_client.models, "asset", None) is None
        try:
            pieces_os_client.models.asset  # noqa: B018
        except AttributeError as exc:
            assert "is not here" in str(exc), exc
    else:
        assert pieces_os_client.models.asset.Asset.__name__ == "Asset"


_CLOUD = {
    "id": "c1",
    "project": "p",
    "user": "u",
    "status": {"cloud": "RUNNING"},
    "urls": {
        "base": {"url": "https://c1.pieces.cloud", "status": "RUNNING"},
        "id": {"url": "https://c1.pieces.cloud", "status": "RUNNING"},
    },
}


def check_to_dict_and_str() -> None:
    """to_dict() gives Python values; str() and f-strings of an enum member are the official ones."""
    cloud = AllocationCloud.from_dict({**_CLOUD, "updated": {"value": "2024-05-01T08:09:10.123Z"}})
    assert cloud is not None
    as_dict = cloud.to_dict()
    updated = as_dict["updated"]["value"]
    assert isinstance(updated, datetime.datetime) and updated.year == 2024
    status = as_dict["status"]["cloud"]
    assert status is AllocationStatusEnum.RUNNING and status.value == "RUNNING"
    assert str(status) == "AllocationStatusEnum.RUNNING"
    expected = "AllocationStatusEnum.RUNNING" if sys.version_info >= (3, 11) else "RUNNING"
    assert f"{status}" == expected and format(status) == expected
    # A value the SDK does not know: the official turns it into UNKNOWN, this package keeps it.
    newer = AllocationStatusEnum("HIBERNATING")
    if OURS:
        assert newer.value == "HIBERNATING" and str(newer) == "AllocationStatusEnum.HIBERNATING"
    else:
        assert newer is AllocationStatusEnum.UNKNOWN
    # An explicit null: kept here (lossless), dropped by the official to_dict().
    with_null = AllocationCloudStatus.from_dict({"cloud": "RUNNING", "schema": None})
    assert with_null is not None
    assert ("schema" in with_null.to_dict()) is OURS


def check_dict_bodies(configuration: Configuration) -> None:
    """The official methods validate a dict into the body model."""
    given = {"id": "auth0|dict", "aesthetics": {"theme": {"dark": True}, "font": {"size": 14}}}
    with ApiClient(configuration) as api_client:
        api = AllocationsApi(api_client)
        cloud = api.allocations_connect_new_cloud(user_profile=given)  # type: ignore[arg-type]
        assert isinstance(cloud, AllocationCloud) and cloud.user == "auth0|dict"
        try:
            api.allocations_connect_new_cloud(user_profile={"id": "x"})  # type: ignore[arg-type]
        except ValueError as exc:
            if OURS:  # the SDK's own error; pydantic's is its cause
                assert isinstance(exc, ApiValueError) and isinstance(exc.__cause__, pydantic.ValidationError)
            else:
                assert isinstance(exc, pydantic.ValidationError)
        else:
            raise AssertionError("a UserProfile needs aesthetics")


@contextlib.contextmanager
def _server(answer: Callable[[socket.socket], None]) -> Iterator[str]:
    """A socket server on 127.0.0.1 that reads a request, then calls ``answer`` with the connection."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(2)
                with contextlib.suppress(OSError):
                    conn.recv(65536)
                    answer(conn)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(5)
        listener.close()


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def check_urllib3_exceptions() -> None:
    """Code written for the official SDK catches urllib3's exceptions around calls: the SDK's errors are
    also instances of those classes (README, Compatibility)."""
    cases = [
        (
            "refused",
            contextlib.nullcontext(f"http://127.0.0.1:{_closed_port()}"),
            "MaxRetryError",
            "MaxRetryError",
        ),
        ("read timeout", _server(lambda conn: stop.wait(1.5)), "MaxRetryError", "ReadTimeoutError"),
        (
            "not HTTP",
            _server(lambda conn: conn.sendall(b"NOT HTTP\r\n\r\n")),
            "MaxRetryError",
            "ProtocolError",
        ),
    ]
    stop = threading.Event()
    cloud = AllocationCloud.from_dict(_CLOUD)
    for name, server, on_get, on_post in cases:
        with server as url, ApiClient(Configuration(host=url)) as api_client:
            api = AllocationsApi(api_client)
            for post, expected in ((False, on_get), (True, on_post)):
                try:
                    if post:
                        api.allocations_reconnect_cloud(cloud, _request_timeout=(1.0, 0.3))
                    else:
                        api.allocations_snapshot(_request_timeout=(1.0, 0.3))
                except getattr(urllib3.exceptions, expected) as exc:
                    assert isinstance(exc, urllib3.exceptions.HTTPError)
                    assert isinstance(exc, OpenApiException) is OURS, (name, exc)
                else:
                    raise AssertionError(f"{name}: expected {expected}")
    stop.set()


# Every attribute of the official Configuration and its default (connection_pool_maxsize and retries
# aside: this package has its own defaults), from official_configuration.json beside this script, the
# table the suite's Configuration tests read too.
_TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "official_configuration.json")
with open(_TABLE, encoding="utf-8") as _table:
    OFFICIAL_CONFIGURATION = json.load(_table)


def check_configuration_attributes() -> None:
    configuration = Configuration()
    for name, default in OFFICIAL_CONFIGURATION.items():
        assert getattr(configuration, name) == default, name
    assert Configuration(server_index=1).host == "http://localhost:5323"
    configuration.tls_server_name = "pieces.local"
    configuration.socket_options = [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]
    configuration.username, configuration.password = "u", "p"
    assert configuration.get_basic_auth_token() == "Basic dTpw"
    # A misspelt setting: the official SDK makes an attribute nothing reads; this package refuses it.
    try:
        configuration.verfy_ssl = False  # type: ignore[attr-defined]
    except ApiValueError as exc:
        assert OURS and "verify_ssl" in str(exc), exc
    else:
        assert not OURS
    # A log file: the official adds a process-wide file handler; this package refuses it.
    try:
        configuration.logger_file = os.devnull
    except ApiValueError as exc:
        assert OURS and "FileHandler" in str(exc), exc
    else:
        assert not OURS
        for logger in configuration.logger.values():  # undo the official's process-wide handler
            for handler in [h for h in logger.handlers if h is configuration.logger_file_handler]:
                logger.removeHandler(handler)
                handler.close()
    # Defaults of this package's own: 2 retries, 10 pooled connections (the official: None, 5 per CPU).
    if OURS:
        assert (Configuration().retries, Configuration().connection_pool_maxsize) == (2, 10)
    else:
        assert Configuration().retries is None
        assert Configuration().connection_pool_maxsize == 5 * (os.cpu_count() or 1)


def main() -> int:
    check_side()
    configuration = check_configuration()
    check_configuration_attributes()
    check_models()
    check_sign_out_handler()
    check_version_gates()
    check_submodules_as_attributes()
    check_to_dict_and_str()
    check_api_client(configuration)
    check_calls(configuration)
    check_dict_bodies(configuration)
    check_urllib3_exceptions()
    check_well_known(configuration)
    check_exception_names()
    print(f"compat ({SIDE}, {sys.version.split()[0]}): every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
