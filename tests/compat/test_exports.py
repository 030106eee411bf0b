"""The public surface: `__all__` pinned, the upstream import paths, a cheap ``import pieces_os_client``."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys

import pieces_os_client
from pieces_os_client.models import _MODEL_MODULES

RUNTIME_AND_ERRORS = [
    "AllocationsApi",
    "ApiAttributeError",
    "ApiClient",
    "ApiConnectionError",
    "ApiDecodeError",
    "ApiException",
    "ApiKeyError",
    "ApiResponse",
    "ApiTimeoutError",
    "ApiTypeError",
    "ApiValueError",
    "AsyncAllocationsApi",
    "AsyncApiClient",
    "AsyncRESTResponse",
    "AsyncWellKnownApi",
    "BadRequestException",
    "ClientClosedError",
    "Configuration",
    "ConfigurationError",
    "ConflictException",
    "ContentDecodingError",
    "DiscoveredPiecesOS",
    "EventLoopError",
    "ForbiddenException",
    "GatewayTimeoutException",
    "ModuleNotProvidedError",
    "NotFoundException",
    "OpenApiException",
    "OperationNotProvidedError",
    "PiecesOSClientError",
    "PiecesOSNotFoundError",
    "PiecesOSVersion",
    "ProtocolError",
    "ResponseTooLargeError",
    "RetryPolicy",
    "ServiceException",
    "TooManyRequestsException",
    "TransportError",
    "UnauthorizedException",
    "UnprocessableEntityException",
    "WellKnownApi",
    "async_discover",
    "async_discover_with_version",
    "async_server_version",
    "async_wait_until_ready",
    "discover",
    "discover_with_version",
    "server_version",
    "wait_until_ready",
]


def test_all_is_pinned() -> None:
    assert pieces_os_client.__all__ == sorted([*RUNTIME_AND_ERRORS, *_MODEL_MODULES, "__version__"])
    for name in ("UserProfile", "AllocationCloud", "Allocations", "AllocationStatusEnum"):
        assert name in pieces_os_client.__all__


def test_every_exported_name_resolves_to_its_defining_module() -> None:
    for name in pieces_os_client.__all__:
        value = getattr(pieces_os_client, name)
        assert value is not None, name
    assert pieces_os_client.Configuration.__module__ == "pieces_os_client.configuration"
    assert pieces_os_client.ApiClient.__module__ == "pieces_os_client.api_client"
    assert pieces_os_client.AllocationsApi.__module__ == "pieces_os_client.api.allocations_api"
    assert pieces_os_client.UserProfile.__module__ == "pieces_os_client.models.user_profile"


def test_every_exception_is_exported() -> None:
    from pieces_os_client import exceptions

    exported = {name for name in exceptions.__all__ if isinstance(getattr(exceptions, name), type)}
    assert exported <= set(pieces_os_client.__all__)


def test_upstream_import_paths() -> None:
    from pieces_os_client.api.allocations_api import AllocationsApi
    from pieces_os_client.api_client import ApiClient
    from pieces_os_client.api_response import ApiResponse
    from pieces_os_client.configuration import Configuration
    from pieces_os_client.exceptions import ApiException
    from pieces_os_client.models.allocation_cloud import AllocationCloud
    from pieces_os_client.models.user_profile import UserProfile
    from pieces_os_client.rest import ApiException as RestApiException
    from pieces_os_client.rest import RESTResponse

    assert RestApiException is ApiException
    assert pieces_os_client.AllocationsApi is AllocationsApi
    assert pieces_os_client.ApiClient is ApiClient
    assert pieces_os_client.ApiResponse is ApiResponse
    assert pieces_os_client.Configuration is Configuration
    assert pieces_os_client.AllocationCloud is AllocationCloud
    assert pieces_os_client.UserProfile is UserProfile
    assert RESTResponse.__name__ == "RESTResponse"
    for module, name in _MODEL_MODULES.items():
        assert getattr(importlib.import_module(f"pieces_os_client.models.{name}"), module).__name__ == module


def test_unknown_attribute() -> None:
    try:
        pieces_os_client.NoSuchThing  # noqa: B018
    except AttributeError as exc:
        assert "has no attribute 'NoSuchThing'" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")


_PROBED = (
    "urllib3",
    "pydantic",
    "requests",
    "pieces_os_client.models.user_profile",
    "pieces_os_client.api_client",
)
# Standard-library modules the SDK imports only where they are used, to keep `import pieces_os_client` cheap.
_LAZY_STDLIB = ("json", "logging", "email.utils", "pprint")


def _modules_after(code: str, names: tuple = _PROBED) -> dict:
    probe = (
        f"import sys\n{code}\nloaded = set(sys.modules)\nimport json\n"
        f"print(json.dumps({{m: m in loaded for m in {names!r}}}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(out.stdout)


def test_import_is_cheap() -> None:
    loaded = _modules_after("import pieces_os_client")
    assert not any(loaded.values()), loaded


def test_import_leaves_stdlib_helpers_unloaded() -> None:
    before = _modules_after("", _LAZY_STDLIB)
    after = _modules_after("import pieces_os_client", _LAZY_STDLIB)
    # Only what the bare interpreter already loads may be present after the import.
    assert {m for m, on in after.items() if on} <= {m for m, on in before.items() if on}, after


def test_configuration_and_exceptions_stay_cheap() -> None:
    loaded = _modules_after(
        "import pieces_os_client; pieces_os_client.Configuration(); pieces_os_client.ApiException; "
        "from pieces_os_client.rest import ApiException"
    )
    assert not any(loaded.values()), loaded


def test_the_api_loads_what_it_needs() -> None:
    loaded = _modules_after("import pieces_os_client; pieces_os_client.AllocationsApi")
    assert loaded["urllib3"] is False  # the transport is imported when a client is built
    assert loaded["pydantic"] and loaded["pieces_os_client.api_client"]
    assert loaded["requests"] is False


def test_the_api_and_a_model_create_only_the_classes_they_name() -> None:
    # What `make bench` times for import: model classes are created when a model is first used, and the
    # standard library modules that only the transport or a rare path needs stay unloaded.
    probe = (
        "import sys\nimport pieces_os_client\npieces_os_client.AllocationsApi\npieces_os_client.UserProfile\n"
        "print(sorted(m for m in sys.modules if m.startswith('pieces_os_client.models.')))\n"
        "print(sorted(m for m in ('socket', 'tempfile', 'importlib.resources', 'urllib3') "
        "if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    models, stdlib = out.stdout.splitlines()
    names = ("allocation_cloud", "allocations", "user_profile")
    assert models == str([f"pieces_os_client.models.{n}" for n in names])
    assert stdlib == "[]"
