"""Stricter HTTP/1.1 response framing than http.client's, for the pools both transports use.

http.client treats every status but 100 as final, and ends the header section at end of stream as
well as at the empty line. Both let bytes on a keep-alive connection be read as the wrong response:

- an interim ``102 Processing`` or ``103 Early Hints`` would be returned as the answer, with the real
  final response left on the connection for the next call to read. Here every interim 1xx (and its
  headers) is skipped and the final response read, at most `MAX_INTERIM_RESPONSES` of them;
- ``101 Switching Protocols`` is not interim: the SDK never asks for an upgrade, so it is refused;
- ``HTTP/1.1 200 OK\\r\\n`` and then close (or a cut inside a header line) would be a complete,
  empty, successful response. Here a header section that does not end with its empty line is an
  incomplete response.

Each refusal raises `ResponseFramingError` (an ``http.client.HTTPException``), so urllib3 discards the
connection and the transport maps it to the SDK's `ProtocolError`. `use_strict_responses` installs the
pool classes that build these responses on a urllib3 `PoolManager`.
"""

from __future__ import annotations

import http.client
import socket
from typing import Any, NoReturn, Optional, Tuple

import urllib3
from urllib3 import exceptions as u3
from urllib3.connection import HTTPConnection, HTTPSConnection

from pieces_os_client._transport import _deadline

__all__ = ["MAX_INTERIM_RESPONSES", "ResponseFramingError", "use_sdk_connections"]

# Interim responses skipped before one final response; more is a server that never answers.
MAX_INTERIM_RESPONSES = 32
# The limits http.client applies to the final response's header section, applied to interim ones too.
_MAX_LINE = 65536
_MAX_HEADERS = 100
_LINE_ENDS = (b"\r\n", b"\n")


class ResponseFramingError(http.client.HTTPException):
    """The response's status line or header section cannot be trusted to frame the response."""


class _LastLine:
    """Reads lines from a response's buffered stream and remembers the last one."""

    __slots__ = ("_fp", "last")

    def __init__(self, fp: Any) -> None:
        self._fp = fp
        self.last: Optional[bytes] = None

    def readline(self, limit: int = -1) -> bytes:
        line: bytes = self._fp.readline(limit)
        self.last = line
        return line

    def __getattr__(self, name: str) -> Any:
        return getattr(self._fp, name)


class _StrictResponse(http.client.HTTPResponse):
    """An http.client response that skips interim 1xx responses and refuses a cut header section."""

    def begin(self) -> None:
        if self.headers is not None:
            return
        fp = self.fp
        watch = _LastLine(fp)
        self.fp = watch  # http.client only calls readline() in begin()
        try:
            super().begin()
        finally:
            if self.fp is watch:
                self.fp = fp
        if watch.last not in _LINE_ENDS:
            # The stream ended before the empty line that ends the header section.
            self._close_and_raise(
                "the connection closed inside the response's status line or headers "
                "(no empty line ended the header section)"
            )

    def _read_status(self) -> Tuple[str, int, str]:
        for _ in range(MAX_INTERIM_RESPONSES + 1):
            version, status, reason = super()._read_status()  # type: ignore[misc]
            if status == 101:
                self._close_and_raise("the server switched protocols (101) though no upgrade was asked for")
            if not 100 <= status <= 199:
                return version, status, reason
            self._skip_interim_headers()
        self._close_and_raise(f"more than {MAX_INTERIM_RESPONSES} interim (1xx) responses in a row")

    def _skip_interim_headers(self) -> None:
        fp = self.fp
        assert fp is not None
        for _ in range(_MAX_HEADERS + 1):
            line = fp.readline(_MAX_LINE + 1)
            if len(line) > _MAX_LINE:
                raise http.client.LineTooLong("header line")
            if line in _LINE_ENDS:
                return
            if not line:
                self._close_and_raise("the connection closed inside an interim (1xx) response's headers")
        raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")

    def _close_and_raise(self, message: str) -> NoReturn:
        self._close_conn()  # type: ignore[attr-defined]
        raise ResponseFramingError(message)


# ---- the connections both transports use: strict responses, TLS handshake as part of connecting, and
# sockets handed to the current call's total deadline --------------------------------------------------


class _ClosesRejectedHeads:
    """A connection whose response head, when urllib3 rejects it, leaves no socket open.

    urllib3 wraps http.client's response in its own after the head is read; when that wrapping raises
    (conflicting ``Content-Length`` values raise `InvalidHeader`), the http.client response is dropped
    unclosed. If the server asked to close the connection, that response already owns the socket, so
    its file descriptor would stay open until the garbage collector finds it. Here it is closed at once.
    """

    _raw: Optional[_StrictResponse] = None

    def response_class(self, *args: Any, **kwargs: Any) -> _StrictResponse:
        # http.client builds its response through ``self.response_class(sock, ...)``: keep a handle on it.
        self._raw = _StrictResponse(*args, **kwargs)
        return self._raw

    def getresponse(self) -> Any:
        try:
            return super().getresponse()  # type: ignore[misc]
        except BaseException:
            if self._raw is not None:
                self._raw.close()
            raise
        finally:
            self._raw = None


class _SDKHTTPConnection(_ClosesRejectedHeads, HTTPConnection):  # type: ignore[misc]  # response_class: a method
    """Interim 1xx skipped and a cut header section refused (`_StrictResponse`), a rejected head's socket
    closed at once, and the socket handed to the current call's total deadline."""

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()
        _deadline.watch(sock)
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _deadline.watch(self.sock)  # a kept-alive connection: the socket already exists
        super().request(*args, **kwargs)


class _SDKHTTPSConnection(_ClosesRejectedHeads, HTTPSConnection):  # type: ignore[misc]  # as above
    """As `_SDKHTTPConnection`, and the TLS handshake is part of connecting.

    urllib3 reports a handshake that outlasts the connect timeout as a *read* timeout, as if the
    request had been sent; nothing has been sent before the handshake ends, so it is a connect timeout
    here, and a POST may be retried like any connection that was never made.
    """

    def _new_conn(self) -> socket.socket:
        sock: socket.socket = super()._new_conn()
        _deadline.watch(sock)  # before the TLS handshake, so a stalled handshake is covered too
        return sock

    def request(self, *args: Any, **kwargs: Any) -> None:
        _deadline.watch(self.sock)
        super().request(*args, **kwargs)

    def connect(self) -> None:
        try:
            super().connect()
        except TimeoutError as exc:  # socket.timeout from the handshake (or a proxy's CONNECT)
            raise u3.ConnectTimeoutError(self, f"TLS handshake with {self.host} timed out") from exc


class _SDKHTTPConnectionPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _SDKHTTPConnection


class _SDKHTTPSConnectionPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _SDKHTTPSConnection


def use_sdk_connections(manager: urllib3.PoolManager) -> None:
    """Make ``manager`` (a PoolManager or ProxyManager, before it opens any pool) use the SDK's connections.

    A manager with pool classes of its own (a SOCKS proxy's) is left as it is.
    """
    current = manager.pool_classes_by_scheme
    if (
        current.get("http") is urllib3.HTTPConnectionPool
        and current.get("https") is urllib3.HTTPSConnectionPool
    ):
        manager.pool_classes_by_scheme = {
            "http": _SDKHTTPConnectionPool,
            "https": _SDKHTTPSConnectionPool,
        }
