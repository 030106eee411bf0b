"""The one table of transport errors: every transport names a failure's kind, this module words it.

A transport catches its HTTP library's exceptions and raises `TransportFailure` with one `Kind` and,
where the kind wants one, a detail (the library's own words, "connection refused", ...). The layer
above the transports turns it into the SDK's error with `TransportFailure.error`: the class, the
message, ``request_sent`` and ``retryable`` come from `_TABLE` alone, so urllib3, requests and aiohttp
raise the same error for the same fault. This module imports no HTTP library.
"""

from __future__ import annotations

import enum
from typing import Dict, List, NamedTuple, Optional, Tuple, Type

from pieces_os_client._constants import PIECES_OS_PORT_RANGE
from pieces_os_client._text import server_excerpt
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    ConfigurationError,
    ContentDecodingError,
    OpenApiException,
    ProtocolError,
    ResponseTooLargeError,
    TransportError,
)

__all__ = ["Kind", "TransportFailure", "origin", "pool_timeout_failure", "raised_by", "transport_error"]


class Kind(enum.Enum):
    """What went wrong, as far as the caller can tell, whichever library noticed it."""

    REFUSED = "could not connect"  # refused, host name not resolved, connect failed
    CONNECT_TIMEOUT = "connect timeout"
    READ_TIMEOUT = "read timeout"  # waiting for the response, or for the rest of its body
    TLS = "TLS"  # handshake or certificate check failed
    TLS_FILE = "TLS file"  # a CA bundle, certificate or key could not be read while connecting
    POOL_TIMEOUT = "no free connection"
    PROXY = "proxy"
    NO_RESPONSE = "closed without a response"
    CLOSED_EARLY = "closed inside the body"
    BROKEN = "connection broke"
    REFUSED_HEAD = "response head refused"  # a 101, too many 1xx, a cut header section
    NOT_HTTP = "not HTTP"
    BAD_CHUNK = "bad chunked encoding"
    BAD_FRAMING = "bad body framing"
    UNDECODABLE = "not decompressible"
    TOO_LARGE = "body too large"
    BAD_URL = "bad URL"
    NOT_SENT = "refused in the process"  # a library in the process (a mock) raised it: no socket
    TIMEOUT_NOT_SENT = "timeout raised in the process"  # a mock raised a timeout: no socket
    FAILED = "failed"  # anything else the library reports as a failure of the request


class _Entry(NamedTuple):
    cls: Type[TransportError]
    template: str
    request_sent: bool = True
    retryable: Optional[bool] = None  # None: the class's default


_HOW_TO_CONNECT = (
    f"is Pieces OS running? Pieces OS 11 and later listen on ports {PIECES_OS_PORT_RANGE}; "
    "pieces_os_client.discover() finds the one in use and Configuration.host sets it"
)

_TABLE: Dict[Kind, _Entry] = {
    Kind.REFUSED: _Entry(
        ApiConnectionError, "could not connect to {origin} ({detail}): " + _HOW_TO_CONNECT, False
    ),
    Kind.CONNECT_TIMEOUT: _Entry(
        ApiTimeoutError,
        "timed out connecting to {origin} (connect timeout {connect:g} s): is Pieces OS running and not "
        "overloaded? Configuration.connect_timeout or _request_timeout sets the limit",
        False,
    ),
    Kind.READ_TIMEOUT: _Entry(
        ApiTimeoutError,
        "read timed out {stage} from {origin} (read timeout {read:g} s); "
        "Configuration.read_timeout or _request_timeout sets the limit",
    ),
    Kind.TLS: _Entry(
        ApiConnectionError,
        "TLS with {origin} failed ({detail}); check Configuration.ssl_ca_cert, assert_hostname and "
        "verify_ssl",
        False,
        False,
    ),
    Kind.POOL_TIMEOUT: _Entry(
        ApiTimeoutError,
        "no free connection to {origin} within {detail}; close streamed responses, or raise "
        "Configuration.connection_pool_maxsize",
        False,
    ),
    Kind.PROXY: _Entry(
        ApiConnectionError,
        "could not reach {origin} through the proxy{proxy} ({detail}); check Configuration.proxy",
    ),
    Kind.NO_RESPONSE: _Entry(ApiConnectionError, "{origin} closed the connection without sending a response"),
    Kind.CLOSED_EARLY: _Entry(
        ApiConnectionError,
        "the connection to {origin} closed before the whole response body arrived ({detail})",
    ),
    Kind.BROKEN: _Entry(ApiConnectionError, "the connection to {origin} broke ({detail})"),
    Kind.REFUSED_HEAD: _Entry(
        ProtocolError, "the response from {origin} was refused: {detail}; the connection was discarded"
    ),
    Kind.NOT_HTTP: _Entry(ProtocolError, "the response from {origin} is not valid HTTP ({detail})"),
    Kind.BAD_CHUNK: _Entry(
        ProtocolError,
        "the response from {origin} is not valid HTTP (a bad or missing chunk size line in its chunked body)",
    ),
    Kind.BAD_FRAMING: _Entry(
        ProtocolError, "the response from {origin} is not valid HTTP (invalid framing of its body: {detail})"
    ),
    Kind.UNDECODABLE: _Entry(
        ContentDecodingError,
        "the response body from {origin} could not be decompressed ({detail})",
        True,
        False,
    ),
    Kind.TOO_LARGE: _Entry(
        ResponseTooLargeError,
        "response body larger than max_response_bytes={limit} ({detail}); reading stopped and the connection "
        "was closed; raise Configuration.max_response_bytes if the body is expected",
    ),
    Kind.BAD_URL: _Entry(ProtocolError, "cannot send to {url!r} ({detail})"),
    Kind.FAILED: _Entry(ApiConnectionError, "the request to {origin} failed ({detail})"),
    Kind.NOT_SENT: _Entry(
        ApiConnectionError,
        "the request to {origin} never reached the network: {detail}; not retried. If a test mocks HTTP, "
        "register this URL with the mock",
        False,
        False,
    ),
    Kind.TIMEOUT_NOT_SENT: _Entry(
        ApiTimeoutError,
        "a timeout was raised for {origin} without the network: {detail}; not retried",
        False,
        False,
    ),
}


class TransportFailure(Exception):
    """What a transport raises: ``raise TransportFailure(kind, detail) from library_error``.

    Never seen by users: the layer above the transport raises `error` in its place.

    ``request_sent`` overrides the kind's default where only the transport can tell (a proxy that
    refused the connection); ``proxy`` names the proxy in a `Kind.PROXY` message.
    """

    def __init__(
        self, kind: Kind, detail: object = "", *, request_sent: Optional[bool] = None, proxy: str = ""
    ) -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail
        self.request_sent = request_sent
        self.proxy = proxy

    def error(
        self,
        method: str,
        url: str,
        timeout: Tuple[float, float],
        *,
        reading_body: bool = False,
    ) -> OpenApiException:
        """The SDK's error for this failure of ``method url``; raise it ``from`` this failure's cause."""
        if self.kind is Kind.TLS_FILE:
            return ConfigurationError(
                f"a TLS file could not be read while connecting ({self.detail}); check that "
                "Configuration.ssl_ca_cert, cert_file and key_file name existing PEM files (not retried)"
            )
        return transport_error(
            self.kind,
            method,
            url,
            timeout,
            self.detail,
            reading_body=reading_body,
            request_sent=self.request_sent,
            proxy=self.proxy,
        )


def transport_error(
    kind: Kind,
    method: str,
    url: str,
    timeout: Tuple[float, float] = (0.0, 0.0),
    detail: object = "",
    *,
    reading_body: bool = False,
    request_sent: Optional[bool] = None,
    proxy: str = "",
    limit: int = 0,
) -> TransportError:
    """The SDK's `TransportError` for a failure of ``kind``, worded and flagged by the table.

    ``detail`` is often a library's message quoting what the server sent (a status line, a header): it is
    quoted as a short excerpt, cut before anything else reads it, with control characters escaped.
    """
    entry = _TABLE[kind]
    message = entry.template.format(
        origin=origin(url),
        url=url,
        detail=server_excerpt(str(detail).strip()),
        proxy=proxy,
        connect=timeout[0],
        read=timeout[1],
        stage="while reading the response body" if reading_body else "waiting for the response",
        limit=limit,
    )
    return entry.cls(
        message,
        method=method,
        url=url,
        request_sent=entry.request_sent if request_sent is None else request_sent,
        retryable=entry.retryable,
    )


def origin(url: str) -> str:
    """``scheme://host:port`` of ``url`` (the URL itself if it has no scheme)."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    return f"{scheme}://{rest.split('/', 1)[0]}"


def pool_timeout_failure(pool_timeout: object, maxsize: object) -> TransportFailure:
    """No free connection came within ``pool_timeout``: worded the same by every transport."""
    return TransportFailure(
        Kind.POOL_TIMEOUT, f"pool_timeout={pool_timeout} s (connection_pool_maxsize={maxsize})"
    )


# Modules whose errors come from a real connection: an error they raise is classified by its class.
_NETWORK_MODULES = ("requests", "urllib3", "http", "socket", "ssl", "aiohttp", "asyncio")


def raised_by(exc: BaseException) -> Optional[str]:
    """Who refused a request that never reached a socket (a mock such as ``responses``), else None.

    The answer names the module that raised ``exc`` and the first line of its message (escaped, cut
    short); None when the error came from the network (an `OSError` of a socket in its chain, or a
    raise inside the HTTP libraries themselves).
    """
    seen: List[BaseException] = []
    current: Optional[BaseException] = exc
    while current is not None and current not in seen:
        seen.append(current)
        if isinstance(current, OSError) and not type(current).__module__.startswith("requests"):
            return None
        current = current.__cause__ or current.__context__
    tb = exc.__traceback__
    if tb is None:
        return None
    while tb.tb_next is not None:
        tb = tb.tb_next
    module = str(tb.tb_frame.f_globals.get("__name__", ""))
    top = module.split(".", 1)[0]
    if not top or top in _NETWORK_MODULES or top == "pieces_os_client":
        return None
    first = str(exc).strip().split("\n", 1)[0]
    return f"{top} raised {type(exc).__name__} ({server_excerpt(first)})"
