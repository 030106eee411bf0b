"""Above every transport, written once: one attempt sent, its failure worded, its body read bounded.

`exchange` hands a `TransportRequest` to a transport's ``handle_request`` and turns what comes back into
the `RESTResponse` users see: read at once, or (``stream``) read on ``RESTResponse.read()``. The body
is read by `read_body` (`read_body_async` for the asyncio client), which holds the policy every
transport used to repeat:

- at most ``limit`` bytes after decompression: a declared Content-Length over it, or a body that keeps
  coming, raises `ResponseTooLargeError`;
- a truncated body raises, it never returns short: a transport raises while reading (the blocking
  transports also when the call's total deadline shut the socket down under the read: a read timeout);
- the connection is released (back to the pool) when the body was read to its end, and discarded
  (closed) otherwise: too large, failed, cancelled.

A `TransportFailure` a transport raises is worded here by the shared table (`_errors`). This module
imports no HTTP library.

`read_body_async` is `read_body` line for line but for ``async for`` (and the deadline, which asyncio
enforces by cancelling): a shared per-chunk helper would cost every request calls it does not need.
"""

from __future__ import annotations

from typing import (
    TYPE_CHECKING,
    AsyncIterator,
    Callable,
    List,
    Mapping,
    Optional,
    Protocol,
    Tuple,
    cast,
)

from pieces_os_client._transport import Transport, TransportRequest, TransportResponse
from pieces_os_client._transport._errors import Kind, TransportFailure, transport_error
from pieces_os_client.exceptions import OpenApiException
from pieces_os_client.rest import RESTResponse

if TYPE_CHECKING:
    from pieces_os_client._transport import LegacyTransport
    from pieces_os_client.configuration import Configuration

__all__ = [
    "AsyncTransportResponse",
    "BytesResponse",
    "SendAdapter",
    "SendsRequests",
    "as_transport",
    "exchange",
    "failure_error",
    "read_body",
    "read_body_async",
]


def failure_error(
    failure: TransportFailure, request: TransportRequest, *, reading_body: bool = False
) -> OpenApiException:
    """The SDK's error for ``failure`` of ``request`` (raise it ``from failure.__cause__``)."""
    return failure.error(request.method, request.url, request.timeout, reading_body=reading_body)


def exchange(transport: Transport, request: TransportRequest, limit: int) -> RESTResponse:
    """Send ``request`` once through ``transport``: its response, read (or, to stream, unread)."""
    try:
        response = transport.handle_request(request)
    except TransportFailure as failure:
        raise failure_error(failure, request) from failure.__cause__
    if not request.stream:
        data = read_body(response, request, limit)
        return RESTResponse(
            response.status, response.reason, response.headers, data, method=request.method, url=request.url
        )
    return RESTResponse(
        response.status,
        response.reason,
        response.headers,
        method=request.method,
        url=request.url,
        reader=lambda: read_body(response, request, limit),
        discard=response.discard,
    )


def _too_large(request: TransportRequest, limit: int, detail: str) -> OpenApiException:
    return transport_error(Kind.TOO_LARGE, request.method, request.url, detail=detail, limit=limit)


def read_body(response: TransportResponse, request: TransportRequest, limit: int) -> bytes:
    """The whole body of ``response``, at most ``limit`` bytes; then its connection is released.

    Any failure (too large, truncated, timed out) discards the connection instead and raises.
    """
    clean = False
    try:
        length = response.length
        if length is not None and length > limit:
            raise _too_large(request, limit, f"Content-Length is {length}")
        parts: List[bytes] = []
        size = 0
        for chunk in response.chunks():
            size += len(chunk)
            if size > limit:
                raise _too_large(request, limit, "the body kept coming")
            parts.append(chunk)
        clean = True
        return b"".join(parts)
    except TransportFailure as failure:
        raise failure_error(failure, request, reading_body=True) from failure.__cause__
    finally:
        if clean:
            response.release()
        else:
            response.discard()


class AsyncTransportResponse(Protocol):
    """`TransportResponse` for the asyncio client: the same, with ``chunks()`` iterated with ``async for``."""

    status: int
    reason: str
    headers: Mapping[str, str]
    length: Optional[int]

    def chunks(self) -> AsyncIterator[bytes]: ...

    async def read(self) -> bytes:
        """The whole body at once: exactly ``length`` bytes (only called when ``length`` is known)."""
        ...

    def release(self) -> None: ...

    def discard(self) -> None: ...


async def read_body_async(response: AsyncTransportResponse, request: TransportRequest, limit: int) -> bytes:
    """`read_body` for the asyncio client (its total deadline cancels the read); cancelling discards too.

    A body whose size is known before reading it (a Content-Length within ``limit``, no content-coding to
    undo, no Transfer-Encoding to frame it otherwise) is read with one ``read()``: the transport stops at
    the declared length and raises if the connection ends before it, so no count is needed.
    """
    clean = False
    try:
        length = response.length
        if length is not None:
            if length > limit:
                raise _too_large(request, limit, f"Content-Length is {length}")
            headers = response.headers
            if not headers.get("Content-Encoding") and "Transfer-Encoding" not in headers:
                data = await response.read()
                clean = True
                return data
        parts: List[bytes] = []
        size = 0
        async for chunk in response.chunks():
            size += len(chunk)
            if size > limit:
                raise _too_large(request, limit, "the body kept coming")
            parts.append(chunk)
        clean = True
        return b"".join(parts)
    except TransportFailure as failure:
        raise failure_error(failure, request, reading_body=True) from failure.__cause__
    finally:
        if clean:
            response.release()
        else:
            response.discard()


# --- helpers for transports ----------------------------------------------------------------------


class BytesResponse:
    """A `TransportResponse` whose body is already in memory; ``on_done`` runs once, on release or discard."""

    __slots__ = ("_data", "_on_done", "headers", "length", "reason", "status")

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


class SendsRequests:
    """Gives a transport with ``handle_request`` the ``send(...)`` method of earlier releases."""

    def send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: Optional[bytes],
        timeout: Tuple[float, float],
        preload_content: bool,
        max_body_bytes: int,
    ) -> RESTResponse:
        """Send once: ``exchange`` of the same request (see `LegacyTransport.send`)."""
        request = TransportRequest(method, url, headers, body, timeout, not preload_content)
        return exchange(cast(Transport, self), request, max_body_bytes)


class _Sent:
    """A `RESTResponse` from a ``send``-shaped transport, seen as a `TransportResponse`."""

    __slots__ = ("_response", "headers", "length", "reason", "status")

    def __init__(self, response: RESTResponse) -> None:
        self._response = response
        self.status = response.status
        self.reason = response.reason
        self.headers = response.headers
        self.length: Optional[int] = None

    def chunks(self) -> Tuple[bytes]:
        return (self._response.read(),)  # bounded and mapped by that transport already

    def release(self) -> None:
        """Nothing to do: reading released the connection."""

    def discard(self) -> None:
        self._response.release_conn()


class SendAdapter:
    """A `Transport` over a transport of the earlier ``send(...)`` shape (see `LegacyTransport`)."""

    __slots__ = ("_configuration", "legacy")

    def __init__(self, legacy: LegacyTransport, configuration: Configuration) -> None:
        self.legacy = legacy
        self._configuration = configuration

    def handle_request(self, request: TransportRequest) -> TransportResponse:
        response = self.legacy.send(
            request.method,
            request.url,
            request.headers,
            request.body,
            request.timeout,
            not request.stream,
            self._configuration.max_response_bytes,
        )
        return _Sent(response)

    def connections_in_use(self) -> int:
        return self.legacy.connections_in_use()

    def close(self) -> None:
        self.legacy.close()


def as_transport(transport: object, configuration: Configuration) -> Transport:
    """``transport`` itself if it has ``handle_request``, else a `SendAdapter` around it."""
    if hasattr(transport, "handle_request"):
        return cast(Transport, transport)
    return SendAdapter(cast("LegacyTransport", transport), configuration)
