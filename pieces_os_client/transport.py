"""The transport seam: how `ApiClient` and `AsyncApiClient` send one request attempt; plug in your own.

A transport sends one attempt and nothing else: no retries, no redirects, no decoding into models. It
takes a frozen `TransportRequest` (method, url, headers, body, ``(connect, read)`` timeout, ``stream``)
and returns, as soon as the status line and headers are in, a response with ``status``, ``reason``,
``headers``, ``length`` (the declared Content-Length, or None), ``chunks()`` (the body, decoded, piece
by piece), ``release()`` (read to its end: the connection may be reused) and ``discard()`` (close it
unread). Pass one to a client::

    client = ApiClient(configuration, transport=MyTransport())   # or Configuration(transport=...)

The client reads the body (bounded by ``max_response_bytes``), counts the connections it holds, and
does the retries, backoff, deadline, status mapping and decoding above any transport; it closes only a
transport it built itself. A failure is raised as `TransportFailure` naming its `Kind`, ``from`` the
library's error, and the client words it as it words the built-in transports' failures.

The built-in transports take the same keyword arguments (`TransportSettings`): `Urllib3Transport` (the
default), `RequestsTransport` (``pieces-os-client[requests]``) and, for `AsyncApiClient`,
`AiohttpTransport` (``pieces-os-client[async]``). They are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict, List

from pieces_os_client._transport._errors import Kind, TransportFailure
from pieces_os_client._transport._registry import register_transport
from pieces_os_client._transport._seam import (
    AsyncTransport,
    AsyncTransportResponse,
    BytesResponse,
    SocketOption,
    Transport,
    TransportRequest,
    TransportResponse,
    TransportSettings,
)

if TYPE_CHECKING:  # pragma: no cover - names for type checkers and IDEs only
    from pieces_os_client._transport._aiohttp import AiohttpTransport as AiohttpTransport
    from pieces_os_client._transport._requests import RequestsTransport as RequestsTransport
    from pieces_os_client._transport._urllib3 import Urllib3Transport as Urllib3Transport

__all__ = [
    "AiohttpTransport",
    "AsyncTransport",
    "AsyncTransportResponse",
    "BytesResponse",
    "Kind",
    "RequestsTransport",
    "SocketOption",
    "Transport",
    "TransportFailure",
    "TransportRequest",
    "TransportResponse",
    "TransportSettings",
    "Urllib3Transport",
    "register_transport",
]

_BUILT_IN: Dict[str, str] = {
    "AiohttpTransport": "pieces_os_client._transport._aiohttp",
    "RequestsTransport": "pieces_os_client._transport._requests",
    "Urllib3Transport": "pieces_os_client._transport._urllib3",
}

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _BUILT_IN.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> List[str]:
    return sorted({*globals(), *__all__})
