"""Transports: the part of the SDK that sends one HTTP request attempt, and nothing else.

The seam (`pieces_os_client.transport` is its public home) is one method, in the shape of httpx's
``handle_request``: a `Transport` takes a frozen `TransportRequest` and returns a `TransportResponse` as
soon as the status line and headers are in; an `AsyncTransport` does the same with ``await``. A failure
is raised as `TransportFailure` naming its `Kind` (``from`` the library's error).

Everything else happens once, above every transport: the bounded body read and the count of
connections held (`_exchange`), the wording of each failure (`_errors`), the head the SDK refuses
(`_framing`), and in the clients the retries, backoff, Retry-After, total deadline, status-to-error
mapping and decoding. The built-in transports (`_urllib3`, `_requests`, `_aiohttp`) take plain keyword
arguments (`TransportSettings`); `_build` makes them from a `Configuration`, so the configuration and the
transports never import each other.
"""

from __future__ import annotations

from pieces_os_client._transport._errors import Kind, TransportFailure
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

__all__ = [
    "AsyncTransport",
    "AsyncTransportResponse",
    "BytesResponse",
    "Kind",
    "SocketOption",
    "Transport",
    "TransportFailure",
    "TransportRequest",
    "TransportResponse",
    "TransportSettings",
]
