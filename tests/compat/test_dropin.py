"""Drop-in for the official SDK: its method signatures, PIECES_OS_HOST, and its modules this package lacks."""

from __future__ import annotations

import importlib
import inspect
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

import pieces_os_client
from pieces_os_client.api.allocations_api import AllocationsApi
from pieces_os_client.exceptions import (
    ApiTypeError,
    ApiValueError,
    ConfigurationError,
    ModuleNotProvidedError,
)
from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.models.user_profile import UserProfile
from tests._server import RawServer, Reply

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SNAPSHOT: Dict[str, Any] = json.loads((FIXTURES / "allocations.json").read_bytes())
CLOUD: Dict[str, Any] = SNAPSHOT["iterable"][0]
PROFILE: Dict[str, Any] = json.loads((FIXTURES / "user_profile_minimal.json").read_bytes())

# The parameters of the official pieces-os-client 5.0.1 methods, in order, all positional-or-keyword.
OFFICIAL_OPTIONS = ["_request_timeout", "_request_auth", "_content_type", "_headers", "_host_index"]
OFFICIAL_BODIES = {
    "allocations_connect_new_cloud": ["user_profile"],
    "allocations_create_new_allocation": ["allocation_cloud"],
    "allocations_delete_allocation": ["allocation_cloud"],
    "allocations_disconnect_cloud": ["allocation_cloud"],
    "allocations_reconnect_cloud": ["allocation_cloud"],
    "allocations_snapshot": [],
}
VARIANTS = ["", "_with_http_info", "_without_preload_content"]
APP_KEY = {"in": "header", "type": "api_key", "key": "X-Application-ID", "value": "per-call-id"}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("name", sorted(OFFICIAL_BODIES))
def test_signatures_are_the_official_ones_then_ours_keyword_only(name: str, variant: str) -> None:
    params = list(inspect.signature(getattr(AllocationsApi, name + variant)).parameters.values())[1:]
    positional = [p.name for p in params if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    keyword_only = [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]
    assert positional == OFFICIAL_BODIES[name] + OFFICIAL_OPTIONS
    assert keyword_only == ["_retries", "_total_timeout"]
    defaults = {p.name: p.default for p in params}
    assert defaults["_host_index"] == 0 and defaults["_request_auth"] is None


@pytest.fixture
def api(server: RawServer) -> Iterator[AllocationsApi]:
    server.route("GET", "/allocations", *[Reply(200, json=SNAPSHOT)] * 10)
    server.route("POST", "/allocations/connect", *[Reply(200, json=CLOUD)] * 10)
    configuration = pieces_os_client.Configuration(host=server.url, api_key={"application": "configured"})
    with pieces_os_client.ApiClient(configuration) as client:
        yield AllocationsApi(client)


def test_official_options_by_position(api: AllocationsApi, server: RawServer) -> None:
    profile = UserProfile.from_dict(PROFILE)
    # allocations_snapshot(_request_timeout, _request_auth, _content_type, _headers, _host_index)
    api.allocations_snapshot(5.0, APP_KEY, "application/json", {"X-Trace": "1"}, 0)
    api.allocations_snapshot_with_http_info((1.0, 5.0))
    cloud = api.allocations_connect_new_cloud(profile, 5.0, None, "application/json", {"X-Trace": "2"}, 0)
    assert isinstance(cloud, AllocationCloud)
    with api.allocations_connect_new_cloud_without_preload_content(profile, 5.0, APP_KEY) as raw:
        assert raw.status == 200
    snapshots = server.requests_to("GET", "/allocations")
    assert snapshots[0].headers["X-Application-ID"] == "per-call-id"
    assert snapshots[0].headers["X-Trace"] == "1"
    assert snapshots[1].headers["X-Application-ID"] == "configured"
    connects = server.requests_to("POST", "/allocations/connect")
    assert connects[0].headers["X-Application-ID"] == "configured"
    assert connects[0].headers["Content-Type"] == "application/json"
    assert connects[1].headers["X-Application-ID"] == "per-call-id"


def test_request_auth_replaces_the_configured_key_and_one_in_headers(
    api: AllocationsApi, server: RawServer
) -> None:
    auth = {**APP_KEY, "key": "x-application-id"}
    api.allocations_snapshot(_request_auth=auth, _headers={"x-application-id": "from-headers"})
    (request,) = server.requests_to("GET", "/allocations")
    lines = [line for line in request.raw_header_lines if line.lower().startswith("x-application-id:")]
    assert lines == ["X-Application-ID: per-call-id"]


@pytest.mark.parametrize(
    "auth, problem",
    [
        ({**APP_KEY, "in": "query"}, "in='query'"),
        ({**APP_KEY, "in": "cookie"}, "in='cookie'"),
        ({**APP_KEY, "type": "oauth2", "key": "Authorization"}, "type='oauth2'"),
        ({**APP_KEY, "key": "X-Other"}, "key='X-Other'"),
        ({"in": "header", "type": "api_key", "key": "X-Application-ID"}, "lacks value"),
        ({**APP_KEY, "value": "bad\r\nInjected: 1"}, "control character"),
        ({**APP_KEY, "value": 7}, "must be a string"),
    ],
)
def test_request_auth_that_cannot_apply_is_refused_before_any_io(
    api: AllocationsApi, server: RawServer, auth: Dict[str, Any], problem: str
) -> None:
    with pytest.raises(ApiValueError, match="_request_auth") as info:
        api.allocations_snapshot(_request_auth=auth)
    assert problem in str(info.value)
    assert "bad" not in str(info.value) and "per-call-id" not in str(info.value)  # values are never quoted
    assert server.count("GET", "/allocations") == 0


def test_request_auth_must_be_a_mapping(api: AllocationsApi) -> None:
    with pytest.raises(ApiTypeError, match="_request_auth must be a dict"):
        api.allocations_snapshot(_request_auth="per-call-id")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/xml", "application/json; charset=latin-1"]
)
def test_a_content_type_other_than_json_is_refused(
    api: AllocationsApi, server: RawServer, content_type: str
) -> None:
    with pytest.raises(ApiValueError, match="only 'application/json' fits"):
        api.allocations_connect_new_cloud(UserProfile.from_dict(PROFILE), _content_type=content_type)
    assert server.count("POST", "/allocations/connect") == 0


@pytest.mark.parametrize(
    "content_type", ["application/json", "Application/JSON", "application/json; charset=utf-8"]
)
def test_json_content_types_are_accepted(api: AllocationsApi, server: RawServer, content_type: str) -> None:
    api.allocations_connect_new_cloud(UserProfile.from_dict(PROFILE), _content_type=content_type)
    (request,) = server.requests_to("POST", "/allocations/connect")
    assert request.headers["Content-Type"] == "application/json"


@pytest.mark.parametrize("index", [1, -1, True, "0"])
def test_host_index_other_than_zero_is_refused(api: AllocationsApi, server: RawServer, index: Any) -> None:
    with pytest.raises(ApiValueError, match=r"_host_index must be 0.*Configuration\(host=\.\.\.\)"):
        api.allocations_snapshot(_host_index=index)
    assert server.count("GET", "/allocations") == 0


def test_our_own_options_stay_keyword_only(api: AllocationsApi) -> None:
    with pytest.raises(TypeError):
        api.allocations_snapshot(5.0, None, None, None, 0, 2)  # type: ignore[misc]


# --- PIECES_OS_HOST ---------------------------------------------------------------------------------


def test_host_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pieces_os_client.Configuration().host == "http://localhost:1000"
    monkeypatch.setenv("PIECES_OS_HOST", "http://127.0.0.1:39301/")
    assert pieces_os_client.Configuration().host == "http://127.0.0.1:39301"
    # An explicit host always wins.
    assert pieces_os_client.Configuration(host="http://localhost:39300").host == "http://localhost:39300"
    monkeypatch.setenv("PIECES_OS_HOST", "")
    assert pieces_os_client.Configuration().host == "http://localhost:1000"


def test_host_from_the_environment_is_used_for_calls(
    monkeypatch: pytest.MonkeyPatch, server: RawServer
) -> None:
    server.route("GET", "/allocations", Reply(200, json=SNAPSHOT))
    monkeypatch.setenv("PIECES_OS_HOST", server.url)
    with pieces_os_client.ApiClient(pieces_os_client.Configuration()) as client:
        AllocationsApi(client).allocations_snapshot()
    assert server.count("GET", "/allocations") == 1


def test_a_bad_host_in_the_environment_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PIECES_OS_HOST", "ftp://user:secret@example.com")
    with pytest.raises(ConfigurationError, match="PIECES_OS_HOST environment variable") as info:
        pieces_os_client.Configuration()
    assert "secret" not in str(info.value)
    # ...but it is not read when a host is given.
    assert pieces_os_client.Configuration(host="http://localhost:39300").host == "http://localhost:39300"


# --- the official SDK's other modules ---------------------------------------------------------------

MISSING = [
    "pieces_os_client.wrapper",
    "pieces_os_client.wrapper.client",
    "pieces_os_client.api.assets_api",
    "pieces_os_client.api.qgpt_api",
    "pieces_os_client.api.workstream_summary_api",
    "pieces_os_client.models.asset",
]


@pytest.mark.parametrize("name", MISSING)
def test_official_modules_not_here_fail_saying_so(name: str) -> None:
    with pytest.raises(ModuleNotProvidedError) as info:
        importlib.import_module(name)
    assert isinstance(info.value, ModuleNotFoundError)
    message = str(info.value)
    assert "Allocations API and its well-known endpoints only" in message
    assert "same import name as the official SDK" in message
    assert info.value.name == ("pieces_os_client.wrapper" if ".wrapper" in name else name)


def test_a_from_import_fails_the_same_way_in_a_fresh_interpreter() -> None:
    code = (
        "try:\n    from pieces_os_client.wrapper import PiecesClient\n"
        "except ModuleNotFoundError as exc:\n    print(type(exc).__name__, exc.name)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["ModuleNotProvidedError", "pieces_os_client.wrapper"]


def test_unknown_names_keep_the_usual_error_and_real_modules_import() -> None:
    with pytest.raises(ModuleNotFoundError) as info:
        importlib.import_module("pieces_os_client.api.no_such_api")
    assert not isinstance(info.value, ModuleNotProvidedError)
    for name in ("pieces_os_client.api.allocations_api", "pieces_os_client.models.user_profile"):
        importlib.import_module(name)


def test_the_finder_is_installed_once() -> None:
    from pieces_os_client import _official_modules

    _official_modules.install()
    finders: List[object] = [f for f in sys.meta_path if type(f).__name__ == "_OfficialModulesFinder"]
    assert len(finders) == 1


# --- submodules read as attributes -------------------------------------------------------------------


def test_submodules_read_as_attributes_in_a_fresh_interpreter() -> None:
    # OpenAPI-Generator-style tests write `pieces_os_client.models.<module>.<Class>`: the official models
    # import their nested modules, so this works there once any model module is imported; here always.
    code = """
import sys
import pieces_os_client
from pieces_os_client.models import _MODEL_MODULES

status = pieces_os_client.models.allocation_cloud_status.AllocationCloudStatus
assert status.__name__ == "AllocationCloudStatus", status
import pieces_os_client.api
assert pieces_os_client.api.allocations_api.AllocationsApi.__name__ == "AllocationsApi"
assert pieces_os_client.api.allocations_api is sys.modules["pieces_os_client.api.allocations_api"]
for name, module in _MODEL_MODULES.items():
    found = getattr(pieces_os_client.models, module)
    assert found is sys.modules["pieces_os_client.models." + module], module
    assert getattr(found, name) is getattr(pieces_os_client.models, name), name
print("ok")
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["ok"]


@pytest.mark.parametrize(
    ("package", "name"),
    [("pieces_os_client.models", "asset"), ("pieces_os_client.api", "assets_api")],
)
def test_an_official_submodule_not_here_is_a_missing_attribute_that_says_so(package: str, name: str) -> None:
    module = importlib.import_module(package)
    assert not hasattr(module, name)
    assert getattr(module, name, "default") == "default"
    with pytest.raises(AttributeError) as info:
        getattr(module, name)
    assert info.value.name == name
    message = str(info.value)
    assert f"{package}.{name}" in message and "Allocations API and its well-known endpoints only" in message
    assert "same import name as the official SDK" in message


@pytest.mark.parametrize(
    ("package", "name"),
    [
        ("pieces_os_client.models", "NoSuchModel"),
        ("pieces_os_client.models", "_private"),
        ("pieces_os_client.api", "no_such_api"),
        ("pieces_os_client.api", "__wrapped__"),
    ],
)
def test_other_missing_attributes_keep_the_usual_error(package: str, name: str) -> None:
    module = importlib.import_module(package)
    with pytest.raises(AttributeError) as info:
        getattr(module, name)
    assert str(info.value) == f"module {package!r} has no attribute {name!r}"
