"""The transport seam's value types and protocols; `pieces_os_client.transport` is their public home.

This module imports no HTTP library.
"""

from __future__ import annotations

from typing import (
    AsyncIterator,
    Callable,
    Iterable,
    Mapping,
    NamedTuple,
    Optional,
    Protocol,
    Sequence,
    Tuple,
    Union,
)

from typing_extensions import TypedDict

__all__ = [
    "AsyncTransport",
    "AsyncTransportResponse",
    "BytesResponse",
    "SocketOption",
    "Transport",
    "TransportRequest",
    "TransportResponse",
    "TransportSettings",
]

SocketOption = Tuple[int, int, Union[int, bytes]]
"""One ``setsockopt`` call: (level, option, value), e.g. ``(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)``."""


class TransportRequest(NamedTuple):
    """One attempt to send: what a transport's ``handle_request`` receives."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: Optional[bytes]
    timeout: Tuple[float, float]
    """(connect, read) in seconds."""
    stream: bool = False
    """True when the caller reads the body later (``*_without_preload_content``), not at once."""


class TransportResponse(Protocol):
    """A response whose status line and headers are in and whose body is still on the connection."""

    status: int
    reason: str
    headers: Mapping[str, str]
    length: Optional[int]
    """The declared body length (Content-Length), or None when unknown."""

    def chunks(self) -> Iterable[bytes]:
        """The body, decoded, in pieces (an iterator, or a tuple of what is already in memory).

        Raises `TransportFailure` (or a `TransportError`) on a fault. A body that ends before its
        declared length or framing says raises: it never just stops.
        """
        ...

    def release(self) -> None:
        """The body was read to its end: give the connection back to the pool."""
        ...

    def discard(self) -> None:
        """Close the connection without reading further; it is never reused."""
        ...


class Transport(Protocol):
    """Sends one request attempt. Thread-safe: one transport serves every thread of a client."""

    def handle_request(self, request: TransportRequest) -> TransportResponse:
        """Send once; never retry, never follow redirects; return when the headers are in."""
        ...

    def close(self) -> None:
        """Close every pooled connection. Called by a client only for a transport it built itself."""
        ...

    def reset_after_fork(self) -> None:
        """In a forked child: forget the pooled connections, which are the parent's, without closing them.

        Called once per transport in the child, before its first request there. A transport that keeps
        no connections does nothing.
        """
        ...


class AsyncTransportResponse(Protocol):
    """`TransportResponse` for the asyncio client: ``chunks()`` is iterated with ``async for``."""

    status: int
    reason: str
    headers: Mapping[str, str]
    length: Optional[int]

    def chunks(self) -> AsyncIterator[bytes]: ...

    def release(self) -> None: ...

    def discard(self) -> None: ...


class AsyncTransport(Protocol):
    """Sends one request attempt for an `AsyncApiClient`; one transport serves one event loop."""

    async def handle_request(self, request: TransportRequest) -> AsyncTransportResponse:
        """Send once; never retry, never follow redirects; return when the headers are in."""
        ...

    async def aclose(self) -> None:
        """Close every pooled connection. Called by a client only for a transport it built itself."""
        ...


class TransportSettings(TypedDict, total=False):
    """The keyword arguments every built-in transport takes; `Configuration` has a setting for each."""

    pool_maxsize: int
    """Keep-alive connections kept (default 10)."""
    pool_block: bool
    """When every connection is busy: wait up to ``pool_timeout`` (True) or open an extra one."""
    pool_timeout: float
    """Seconds to wait for a free connection when ``pool_block`` is on."""
    verify_ssl: bool
    ssl_ca_cert: Optional[str]
    ca_cert_data: Union[str, bytes, None]
    cert_file: Optional[str]
    key_file: Optional[str]
    assert_hostname: Union[bool, str, None]
    tls_server_name: Optional[str]
    """The name sent in the TLS handshake (SNI) and checked against the certificate, instead of the URL's."""
    proxy: Optional[str]
    """``http://``, ``https://``, ``socks5://``, ``socks5h://``, ``socks4://`` or ``socks4a://``, with
    ``user:password@`` when the proxy asks for credentials."""
    proxy_headers: Optional[Mapping[str, str]]
    socket_options: Optional[Sequence[SocketOption]]


class BytesResponse:
    """A response whose body is already in memory, usable by both clients' transports.

    ``on_done`` runs once, on release or discard.
    """

    __slots__ = ("_data", "_on_done", "headers", "length", "reason", "status")

    # Declared here, as the seam's protocols declare them: type checkers then see this class as one.
    status: int
    reason: str
    headers: Mapping[str, str]
    length: Optional[int]

    def __init__(
        self,
        status: int,
        reason: str,
        headers: Mapping[str, str],
        data: bytes,
        *,
        length: Optional[int] = None,
        on_done: Optional[Callable[[], None]] = None,
    ) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers
        self.length = length
        self._data = data
        self._on_done = on_done

    def chunks(self) -> Tuple[bytes]:
        return (self._data,)

    def release(self) -> None:
        on_done, self._on_done = self._on_done, None
        if on_done is not None:
            on_done()

    discard = release
