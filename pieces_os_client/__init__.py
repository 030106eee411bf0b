"""pieces_os_client: a typed Python client for the Pieces OS Allocations API.

``import pieces_os_client`` is cheap: every public name is loaded on first use (PEP 562)::

    import pieces_os_client

    configuration = pieces_os_client.Configuration(host="http://localhost:39300")
    with pieces_os_client.ApiClient(configuration) as api_client:
        api = pieces_os_client.AllocationsApi(api_client)
        print(api.allocations_snapshot())
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict, List

from pieces_os_client import _official_modules
from pieces_os_client._version import __version__ as __version__
from pieces_os_client.models import _MODEL_MODULES

if TYPE_CHECKING:  # pragma: no cover - names for type checkers and IDEs only
    from pieces_os_client.api.allocations_api import AllocationsApi as AllocationsApi
    from pieces_os_client.api.allocations_api import AsyncAllocationsApi as AsyncAllocationsApi
    from pieces_os_client.api.well_known_api import AsyncWellKnownApi as AsyncWellKnownApi
    from pieces_os_client.api.well_known_api import WellKnownApi as WellKnownApi
    from pieces_os_client.api_client import ApiClient as ApiClient
    from pieces_os_client.api_response import ApiResponse as ApiResponse
    from pieces_os_client.async_api_client import AsyncApiClient as AsyncApiClient
    from pieces_os_client.async_api_client import AsyncRESTResponse as AsyncRESTResponse
    from pieces_os_client.configuration import Configuration as Configuration
    from pieces_os_client.discovery import PiecesOSNotFoundError as PiecesOSNotFoundError
    from pieces_os_client.discovery import async_discover as async_discover
    from pieces_os_client.discovery import async_wait_until_ready as async_wait_until_ready
    from pieces_os_client.discovery import discover as discover
    from pieces_os_client.discovery import wait_until_ready as wait_until_ready
    from pieces_os_client.exceptions import *  # noqa: F403
    from pieces_os_client.models import *  # noqa: F403
    from pieces_os_client.pieces_os import DiscoveredPiecesOS as DiscoveredPiecesOS
    from pieces_os_client.pieces_os import PiecesOSVersion as PiecesOSVersion
    from pieces_os_client.pieces_os import async_discover_with_version as async_discover_with_version
    from pieces_os_client.pieces_os import async_server_version as async_server_version
    from pieces_os_client.pieces_os import discover_with_version as discover_with_version
    from pieces_os_client.pieces_os import server_version as server_version
    from pieces_os_client.retry import RetryPolicy as RetryPolicy

# Public name -> module that defines it (models are added from pieces_os_client.models below).
_RUNTIME_EXPORTS: Dict[str, str] = {
    "AllocationsApi": "pieces_os_client.api.allocations_api",
    "ApiClient": "pieces_os_client.api_client",
    "ApiResponse": "pieces_os_client.api_response",
    # The asyncio client: its module imports aiohttp only when an AsyncApiClient is built.
    "AsyncAllocationsApi": "pieces_os_client.api.allocations_api",
    "AsyncApiClient": "pieces_os_client.async_api_client",
    "AsyncRESTResponse": "pieces_os_client.async_api_client",
    "AsyncWellKnownApi": "pieces_os_client.api.well_known_api",
    "async_discover": "pieces_os_client.discovery",
    "async_wait_until_ready": "pieces_os_client.discovery",
    "Configuration": "pieces_os_client.configuration",
    "DiscoveredPiecesOS": "pieces_os_client.pieces_os",
    "PiecesOSNotFoundError": "pieces_os_client.discovery",
    "PiecesOSVersion": "pieces_os_client.pieces_os",
    "RetryPolicy": "pieces_os_client.retry",
    "WellKnownApi": "pieces_os_client.api.well_known_api",
    "async_discover_with_version": "pieces_os_client.pieces_os",
    "async_server_version": "pieces_os_client.pieces_os",
    "discover": "pieces_os_client.discovery",
    "discover_with_version": "pieces_os_client.pieces_os",
    "server_version": "pieces_os_client.pieces_os",
    "wait_until_ready": "pieces_os_client.discovery",
}
_EXCEPTIONS_MODULE = "pieces_os_client.exceptions"
_EXCEPTION_NAMES = (
    "ApiAttributeError",
    "ApiConnectionError",
    "ApiDecodeError",
    "ApiException",
    "ApiKeyError",
    "ApiTimeoutError",
    "ApiTypeError",
    "ApiValueError",
    "BadRequestException",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictException",
    "ContentDecodingError",
    "EventLoopError",
    "ForbiddenException",
    "GatewayTimeoutException",
    "ModuleNotProvidedError",
    "NotFoundException",
    "OpenApiException",
    "OperationNotProvidedError",
    "PiecesOSClientError",
    "ProtocolError",
    "ResponseTooLargeError",
    "ServiceException",
    "TooManyRequestsException",
    "TransportError",
    "UnauthorizedException",
    "UnprocessableEntityException",
)

_EXPORTS: Dict[str, str] = {
    **_RUNTIME_EXPORTS,
    **dict.fromkeys(_EXCEPTION_NAMES, _EXCEPTIONS_MODULE),
    **{name: f"pieces_os_client.models.{module}" for name, module in _MODEL_MODULES.items()},
}

__all__ = sorted([*_EXPORTS, "__version__"])

# `import pieces_os_client.wrapper` and the official SDK's other API modules fail saying what this is.
_official_modules.install()


# Type checkers see the names imported above, and no __getattr__: one returning Any would make every
# misspelt name (`from pieces_os_client import AllocationsAPI`) pass silently as Any.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module 'pieces_os_client' has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value  # later look-ups skip this function
        return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
