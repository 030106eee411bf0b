"""A blocking `Transport` used by an `AsyncApiClient`: each attempt and body read runs in a worker thread.

This is how the in-process fake (and any transport written for `ApiClient`) serves asyncio code. The
event loop keeps running while the transport works; when the call is cancelled (its total deadline, the
client closed), the thread finishes the step it is in and the response is discarded.
"""

from __future__ import annotations

import asyncio
from typing import AsyncIterator, Iterable, Mapping, Optional

from pieces_os_client._transport._seam import Transport, TransportRequest, TransportResponse

__all__ = ["ThreadedTransport"]


class ThreadedTransport:
    """`transport` (blocking) as an `AsyncTransport`; closing it is left to whoever made ``transport``."""

    def __init__(self, transport: Transport) -> None:
        self.transport = transport

    async def handle_request(self, request: TransportRequest) -> _ThreadedResponse:
        return _ThreadedResponse(await asyncio.to_thread(self.transport.handle_request, request))

    async def aclose(self) -> None:
        """Nothing to close: the blocking transport belongs to whoever made it."""


class _ThreadedResponse:
    __slots__ = ("_response", "headers", "length", "reason", "status")

    # Declared here, as the seam's protocols declare them: type checkers then see this class as one.
    status: int
    reason: str
    headers: Mapping[str, str]
    length: Optional[int]

    def __init__(self, response: TransportResponse) -> None:
        self._response = response
        self.status = response.status
        self.reason = response.reason
        self.headers: Mapping[str, str] = response.headers
        self.length: Optional[int] = response.length

    async def chunks(self) -> AsyncIterator[bytes]:
        pieces: Iterable[bytes] = self._response.chunks()
        if isinstance(pieces, (tuple, list)):  # already in memory
            for piece in pieces:
                yield piece
            return
        iterator = iter(pieces)
        while True:
            piece = await asyncio.to_thread(next, iterator, None)
            if piece is None:
                return
            yield piece

    def release(self) -> None:
        self._response.release()

    def discard(self) -> None:
        self._response.discard()
