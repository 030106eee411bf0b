"""Above every transport, written once: one attempt sent, its failure worded, its body read bounded.

`exchange` hands a `TransportRequest` to a transport's ``handle_request`` and turns what comes back into
the `RESTResponse` users see: read at once, or (``stream``) read on ``RESTResponse.read()``. The body
is read by `read_body` (`read_body_async` for the asyncio client), which holds the policy every
transport would otherwise repeat:

- at most ``limit`` bytes after decompression: a declared Content-Length over it, or a body that keeps
  coming, raises `ResponseTooLargeError`;
- a truncated body raises, it never returns short: a transport raises while reading (the blocking
  transports also when the call's total deadline shut the socket down under the read: a read timeout);
- the connection is released (back to the pool) when the body was read to its end, and discarded
  (closed) otherwise: too large, failed, cancelled.

The client counts the connections it holds (`Checkouts`): one from the moment an attempt is handed to
the transport until its body has been read or its response closed, whatever the transport. A
`TransportFailure` a transport raises is worded here by the shared table (`_errors`). This module
imports no HTTP library.
"""

from __future__ import annotations

import threading
import weakref
from typing import List, Optional

from pieces_os_client._transport._errors import Kind, TransportFailure, transport_error
from pieces_os_client._transport._seam import (
    AsyncTransportResponse,
    Transport,
    TransportRequest,
    TransportResponse,
)
from pieces_os_client.exceptions import OpenApiException
from pieces_os_client.rest import RESTResponse

__all__ = ["Checkouts", "exchange", "failure_error", "read_body", "read_body_async"]


class Checkouts:
    """How many connections a client holds right now: attempts in flight and responses not yet read."""

    __slots__ = ("_lock", "count")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0

    def take(self) -> None:
        with self._lock:
            self.count += 1

    def give(self) -> None:
        with self._lock:
            self.count -= 1

    def reset(self) -> None:
        """In a forked child: the parent's calls are not the child's."""
        self._lock = threading.Lock()
        self.count = 0


class _Held:
    """A streamed response's hold on its connection, given back once: when read, or when closed unread."""

    __slots__ = ("_checkouts", "_limit", "_request", "_response")

    def __init__(
        self, checkouts: Checkouts, response: TransportResponse, request: TransportRequest, limit: int
    ) -> None:
        self._checkouts: Optional[Checkouts] = checkouts
        self._response = response
        self._request = request
        self._limit = limit

    def _give(self) -> None:
        checkouts, self._checkouts = self._checkouts, None
        if checkouts is not None:
            checkouts.give()

    def read(self) -> bytes:
        try:
            return read_body(self._response, self._request, self._limit)
        finally:
            self._give()

    def discard(self) -> None:
        if self._checkouts is None:  # read, or closed, already
            return
        try:
            self._response.discard()
        finally:
            self._give()


def failure_error(
    failure: TransportFailure, request: TransportRequest, *, reading_body: bool = False
) -> OpenApiException:
    """The SDK's error for ``failure`` of ``request`` (raise it ``from failure.__cause__``)."""
    return failure.error(request.method, request.url, request.timeout, reading_body=reading_body)


def exchange(
    transport: Transport, request: TransportRequest, limit: int, checkouts: Checkouts
) -> RESTResponse:
    """Send ``request`` once through ``transport``: its response, read (or, to stream, unread)."""
    checkouts.take()
    try:
        response = transport.handle_request(request)
    except TransportFailure as failure:
        checkouts.give()
        raise failure_error(failure, request) from failure.__cause__
    except BaseException:
        checkouts.give()
        raise
    if not request.stream:
        try:
            data = read_body(response, request, limit)
        finally:
            checkouts.give()
        return RESTResponse(
            response.status, response.reason, response.headers, data, method=request.method, url=request.url
        )
    held = _Held(checkouts, response, request, limit)
    streamed = RESTResponse(
        response.status,
        response.reason,
        response.headers,
        method=request.method,
        url=request.url,
        reader=held.read,
        discard=held.discard,
    )
    # A streamed response dropped unread gives its connection back when it is garbage collected.
    weakref.finalize(streamed, held.discard)
    return streamed


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


async def read_body_async(response: AsyncTransportResponse, request: TransportRequest, limit: int) -> bytes:
    """`read_body` for the asyncio client (its total deadline cancels the read); cancelling discards too.

    A response that offers ``read_whole()`` (the aiohttp transport's) is asked for its body in one read
    first; None means it has to be read piece by piece.
    """
    clean = False
    try:
        length = response.length
        if length is not None:
            if length > limit:
                raise _too_large(request, limit, f"Content-Length is {length}")
            whole = getattr(response, "read_whole", None)
            if whole is not None:
                data: Optional[bytes] = await whole()
                if data is not None:
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
