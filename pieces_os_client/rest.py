"""`RESTResponse`, the raw HTTP response every transport returns, and the error names existing code imports.

``from pieces_os_client.rest import ApiException`` keeps working: the exceptions live in
`pieces_os_client.exceptions` and are re-exported here. `RESTResponse` is what the
``*_without_preload_content`` methods return: status and headers are there at once; the body is read
on `read()` (bounded by ``Configuration.max_response_bytes``) and the pooled connection goes back to
the pool when the body has been read or the response is closed.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Callable, List, Mapping, Optional, Tuple, Type, overload

from pieces_os_client.exceptions import (
    ApiException,
    ApiValueError,
    ClientClosedError,
    OpenApiException,
    ProtocolError,
    ResponseTooLargeError,
    TransportError,
)

__all__ = [
    "ApiException",
    "ApiValueError",
    "OpenApiException",
    "ProtocolError",
    "RESTResponse",
    "ResponseTooLargeError",
    "TransportError",
]


class _Response:
    """What `RESTResponse` and `AsyncRESTResponse` share: the head, reading the body once, dropping it."""

    __slots__ = (
        "__weakref__",
        "_discard",
        "_lost",
        "_reader",
        "data",
        "headers",
        "method",
        "reason",
        "status",
        "url",
    )

    status: int
    reason: str
    headers: Mapping[str, str]
    data: Optional[bytes]
    method: str
    url: str
    # Set by the transport for a streamed response: read the whole body (bounded, errors mapped,
    # connection released), or drop the connection without reading.
    _reader: Optional[Callable[[], Any]]
    _discard: Optional[Callable[[], None]]
    # True once the body can no longer be read: closed unread, or the read failed.
    _lost: bool

    def _take_reader(self) -> Optional[Callable[[], Any]]:
        """The body's reader, taken so that nothing reads or drops the body again; None if there is none.

        Raises `ClientClosedError` when the body is gone (closed unread, or its first read failed).
        """
        if self._lost:
            raise ClientClosedError(
                "this response was closed before its body was read (or reading it failed), so the "
                "body is gone; call read() before close(), or make the call again"
            )
        reader, self._reader, self._discard = self._reader, None, None
        return reader

    @property
    def is_read(self) -> bool:
        """True once the body has been read (or the response was closed unread)."""
        return self._reader is None

    @overload
    def getheader(self, name: str) -> Optional[str]: ...
    @overload
    def getheader(self, name: str, default: str) -> str: ...
    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """The value of header ``name`` (case-insensitive), or ``default``."""
        value = self.headers.get(name)
        if value is None:
            lowered = name.lower()
            for key, candidate in self.headers.items():
                if key.lower() == lowered:
                    return candidate
            return default
        return value

    def getheaders(self) -> Mapping[str, str]:
        """All response headers."""
        return self.headers

    def release_conn(self) -> None:
        """Give the connection back: an unread body is not drained, the connection is closed instead."""
        discard, self._reader, self._discard = self._discard, None, None
        if discard is not None:
            self._lost = True
            discard()

    close = release_conn

    def __repr__(self) -> str:
        size = "unread" if self.data is None else f"{len(self.data)} bytes"
        return f"{type(self).__name__}(status={self.status!r}, reason={self.reason!r}, body=<{size}>)"


class RESTResponse(_Response):
    """One HTTP response: ``status``, ``reason``, ``headers`` and, once read, ``data`` (bytes).

    A preloaded response (what ``invoke`` decodes) arrives with ``data`` already set. A streamed
    response (``*_without_preload_content``) holds a pooled connection until `read` or `close` is
    called; use it as a context manager to be sure::

        with api.allocations_snapshot_without_preload_content() as response:
            raw = response.read()
    """

    __slots__ = ()

    def __init__(
        self,
        status: int,
        reason: str,
        headers: Mapping[str, str],
        data: Optional[bytes] = None,
        *,
        method: str = "",
        url: str = "",
        reader: Optional[Callable[[], bytes]] = None,
        discard: Optional[Callable[[], None]] = None,
    ) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers
        self.data = data
        self.method = method
        self.url = url
        self._reader = reader
        self._discard = discard
        self._lost = False

    def read(self) -> bytes:
        """The whole body; read from the connection on the first call, then kept on ``data``.

        Reading again returns the same bytes. Reading a response that was closed unread (or whose first
        read failed) raises `ClientClosedError`: its connection is gone.
        """
        if self.data is None:
            reader = self._take_reader()
            if reader is None:
                self.data = b""
            else:
                self._lost = True  # until the read succeeds
                self.data = reader()
                self._lost = False
        return self.data

    def header_items(self) -> List[Tuple[str, str]]:
        """The headers as (name, value) pairs."""
        return list(self.headers.items())

    def __enter__(self) -> RESTResponse:
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.release_conn()
