"""Every exception the SDK raises, in one tree.

Each error of urllib3, requests, aiohttp, http.client, json or pydantic is re-raised as one of these,
with the original kept as ``__cause__``. On purpose, every `TransportError` is also an instance of the
urllib3 exception classes the official SDK lets escape for the same failure (``MaxRetryError``,
``ReadTimeoutError``, ``ProtocolError``, ``DecodeError``; see each class), so code written for the
official SDK keeps catching them::

    OpenApiException                      base of everything (alias: PiecesOSClientError)
    ├── ApiTypeError        (TypeError)     an argument of the wrong type, e.g. a body that is not a model
    ├── ApiValueError       (ValueError)    an argument with a bad value
    │   └── ConfigurationError              a Configuration that cannot work (bad host, timeout, header)
    ├── ApiKeyError         (KeyError)
    ├── ApiAttributeError   (AttributeError)
    ├── OperationNotProvidedError (NotImplementedError)  an official method not offered here
    ├── ClientClosedError                   an ApiClient (or a streamed response) used after close()
    ├── EventLoopError      (RuntimeError)  an AsyncApiClient called from a second running event loop
    ├── TransportError                      no complete HTTP response was received
    │   ├── ApiConnectionError              could not connect, or the connection broke
    │   ├── ApiTimeoutError                 connect, read or pool timeout
    │   └── ProtocolError                   the server's bytes are not valid HTTP
    │       ├── ResponseTooLargeError       the body is larger than Configuration.max_response_bytes
    │       └── ContentDecodingError        the body cannot be decompressed
    ├── ApiException                        the server answered with an error status
    │   ├── BadRequestException             400
    │   ├── UnauthorizedException           401
    │   ├── ForbiddenException              403
    │   ├── NotFoundException               404
    │   ├── ConflictException               409
    │   ├── UnprocessableEntityException    422
    │   ├── TooManyRequestsException        429
    │   └── ServiceException                5xx
    │       └── GatewayTimeoutException     504
    └── ApiDecodeError                      a success response whose body does not decode or fit the schema

`exception_for_status` is the one mapping from status code to class. Every exception pickles and
deep-copies with its type and fields (so it can cross a process pool), and ``headers`` on an error is a
read-only mapping whose lookups ignore case, like the headers of a response.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Iterator, Mapping, Optional, Tuple, Type

from pieces_os_client._redact import redact_text, redact_url
from pieces_os_client._text import escape_controls, server_excerpt

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = [
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
    "exception_for_status",
]

# How much of a response body an error message quotes; the whole body stays on `.body`.
_BODY_EXCERPT_CHARS = 200


def _attempts_text(attempts: int) -> str:
    return f"{attempts} attempt" if attempts == 1 else f"{attempts} attempts"


# How much of a body the excerpt reads: enough for the excerpt, whatever the body's size.
_EXCERPT_SCAN_CHARS = 8 * 1024


def _excerpt(body: Optional[str]) -> str:
    """The start of ``body`` with runs of whitespace as one space, at most _BODY_EXCERPT_CHARS long.

    Only the first _EXCERPT_SCAN_CHARS characters are read, so a 64 MiB body costs what a short one does.
    """
    if not body:
        return ""
    head = body[:_EXCERPT_SCAN_CHARS]
    text = " ".join(head.split())
    if len(text) > _BODY_EXCERPT_CHARS:
        return escape_controls(text[:_BODY_EXCERPT_CHARS]) + "…"
    if len(body) > len(head) and text:
        return escape_controls(text) + "…"
    return escape_controls(text)


class _Headers(Mapping[str, str]):
    """Response headers kept on an error: read-only, looked up without regard to case, picklable.

    Names keep the case the server sent (iteration and ``dict(headers)`` show them as received); a
    header sent several times holds its values joined by ", ".
    """

    __slots__ = ("_items",)

    def __init__(self, headers: Optional[Mapping[str, str]] = None) -> None:
        items: Dict[str, Tuple[str, str]] = {}
        if headers is not None:
            # items(): a dict or urllib3's headers give each name once (urllib3 joins repeated lines),
            # aiohttp's multidict gives each line: joined here.
            for name, value in headers.items():
                key = name.lower()
                if key in items:
                    items[key] = (items[key][0], f"{items[key][1]}, {value}")
                else:
                    items[key] = (name, value)
        self._items = items

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return repr(dict(self._items.values()))

    def __getstate__(self) -> Dict[str, Tuple[str, str]]:
        return self._items

    def __setstate__(self, state: Dict[str, Tuple[str, str]]) -> None:
        self._items = state


# Whether the urllib3 bases of the transport errors are in place (see `_add_urllib3_bases`).
_urllib3_bases_added = False
_urllib3_bases_lock = threading.Lock()


def _add_urllib3_bases() -> None:
    """Make every `TransportError` class also a subclass of the urllib3 classes its ``urllib3_classes`` names.

    Done once, when the first transport error is made, not when this module is imported: importing
    urllib3 costs more than importing the whole SDK, and errors are rare. Adding bases to a class is
    plain Python (``__bases__`` of a class can be assigned); the SDK's classes keep their identity, name
    and place in the tree, their subclasses (yours too) follow, and every ``except`` written for the SDK's
    tree works as before.
    """
    global _urllib3_bases_added
    if _urllib3_bases_added:
        return
    import urllib3.exceptions  # here, not at the top: see above

    with _urllib3_bases_lock:
        if _urllib3_bases_added:
            return
        for cls in _WITH_URLLIB3_BASES:  # base classes first: each keeps a consistent method order
            extra = tuple(getattr(urllib3.exceptions, name) for name in cls.urllib3_classes)
            cls.__bases__ = (*cls.__bases__, *extra)
        _urllib3_bases_added = True


def _rebuild(cls: Type[BaseException], args: Tuple[Any, ...], state: Dict[str, Any]) -> BaseException:
    """Unpickle an SDK exception: no constructor call (keyword-only arguments would be lost), the
    arguments and every attribute restored as they were."""
    exc = cls.__new__(cls)
    exc.args = args
    exc.__dict__.update(state)
    return exc


class OpenApiException(Exception):
    """Base of every exception raised by pieces_os_client."""

    def __reduce__(self) -> Tuple[Any, ...]:
        # Before urllib3's __reduce__ in the method order of a transport error (see `_add_urllib3_bases`).
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


PiecesOSClientError = OpenApiException


class ApiTypeError(OpenApiException, TypeError):
    """An argument has the wrong type."""


class ApiValueError(OpenApiException, ValueError):
    """An argument has a value that cannot be used."""


class ConfigurationError(ApiValueError):
    """A `Configuration` setting cannot work; raised before any I/O."""


class ApiKeyError(OpenApiException, KeyError):
    """A key is missing or unknown."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class ApiAttributeError(OpenApiException, AttributeError):
    """An attribute is missing or cannot be set."""


class ModuleNotProvidedError(OpenApiException, ModuleNotFoundError):
    """An import named a module of the official ``pieces_os_client`` SDK that this package does not
    provide (its other API modules, its other models, its ``wrapper`` package). This package covers the
    Allocations API only and installs under the same import name, so the two cannot share an environment.
    """

    def __reduce__(self) -> Tuple[Any, ...]:
        # ``name`` (the module refused) is a slot of ImportError, not in __dict__: carry it explicitly.
        return (_rebuild_import_error, (type(self), self.args, self.name, dict(self.__dict__)))


def _rebuild_import_error(
    cls: Type[ImportError], args: Tuple[Any, ...], name: Optional[str], state: Dict[str, Any]
) -> BaseException:
    exc = _rebuild(cls, args, state)
    assert isinstance(exc, ImportError)
    exc.name = name
    return exc


class OperationNotProvidedError(OpenApiException, NotImplementedError):
    """A method of the official SDK's API classes that this package keeps for its signature but does not
    offer (``WellKnownApi.get_well_known_stream_health``, a websocket stream): raised at once, before any
    I/O, saying what to use instead.
    """


class ClientClosedError(OpenApiException):
    """An `ApiClient` was used after ``close()`` (or its ``with`` block), or a streamed response's
    body was read after the response was closed unread: nothing was sent. Or an `AsyncApiClient` was
    closed while a call was in flight: that call was ended, and its request may have been sent. The
    message says which, and what to do.
    """


class EventLoopError(OpenApiException, RuntimeError):
    """An `AsyncApiClient` was called from an event loop while the loop it serves still runs: nothing
    was sent. One client serves one loop; once that loop has closed, the client serves the next one."""


class TransportError(OpenApiException):
    """No complete HTTP response was received.

    ``method`` and ``url`` name the request; ``attempts`` says how many times it was sent.
    ``request_sent`` is False only when the request certainly never reached the server (connection
    refused, connect timeout, name resolution failure, no free pooled connection): such a failure may be
    retried even for a POST. ``retryable`` is False for failures that repeating cannot fix (a TLS
    certificate that does not verify).

    Every instance is also an instance of the urllib3 exception classes that the official SDK lets escape
    for the same failure (`urllib3_classes`; all derive from ``urllib3.exceptions.HTTPError``), so code
    written for it (``except urllib3.exceptions.MaxRetryError``) catches this SDK's errors too, whichever
    transport sent the request. ``reason`` is the underlying library's error (the ``__cause__``), as on
    urllib3's ``MaxRetryError``; ``pool`` is None.
    """

    urllib3_classes: ClassVar[Tuple[str, ...]] = ("HTTPError",)
    """The urllib3 exception classes (in ``urllib3.exceptions``) this class also derives from, once the first
    transport error is made (`_add_urllib3_bases`)."""

    pool: ClassVar[None] = None

    def __new__(cls, *args: Any, **kwargs: Any) -> Self:
        if not _urllib3_bases_added:
            _add_urllib3_bases()
        return super().__new__(cls)

    @property
    def reason(self) -> Optional[BaseException]:
        """The error of the HTTP library that caused this one (``__cause__``), or None."""
        return self.__cause__

    def __init__(
        self,
        message: str,
        *,
        method: Optional[str] = None,
        url: Optional[str] = None,
        attempts: int = 1,
        request_sent: bool = True,
        retryable: Optional[bool] = None,
    ) -> None:
        message = redact_text(message)  # a URL quoted from a lower layer may carry user:password@
        # Not super(): the next __init__ may be urllib3's (see `urllib3_classes`), with other arguments.
        Exception.__init__(self, message)
        self.message = message
        self.method = method
        self.url = None if url is None else redact_url(url)
        self.attempts = attempts
        self.request_sent = request_sent
        self.retryable = type(self).retryable_by_default if retryable is None else retryable

    retryable_by_default: ClassVar[bool] = True

    def __str__(self) -> str:
        where = f" ({self.method} {self.url})" if self.method and self.url else ""
        tries = f" after {_attempts_text(self.attempts)}" if self.attempts != 1 else ""
        return f"{self.message}{where}{tries}"


class ApiConnectionError(TransportError):
    """The SDK could not connect to Pieces OS, or the connection broke mid-exchange.

    Also a urllib3 ``MaxRetryError`` and ``ProtocolError``: the official SDK lets the first escape when it
    cannot connect (and a GET's broken connection), the second when a POST's connection or a body breaks.
    """

    urllib3_classes: ClassVar[Tuple[str, ...]] = ("MaxRetryError", "ProtocolError")


class ApiTimeoutError(TransportError):
    """Connecting, reading, or waiting for a pooled connection took longer than allowed.

    Also a urllib3 ``MaxRetryError`` and ``ReadTimeoutError``: the official SDK lets the first escape for a
    connect timeout and a GET's read timeout, the second for a POST's read timeout or a body that stalls.
    """

    urllib3_classes: ClassVar[Tuple[str, ...]] = ("MaxRetryError", "ReadTimeoutError")


class ProtocolError(TransportError):
    """The server sent bytes that are not valid HTTP (bad status line, headers or framing).

    Also a urllib3 ``MaxRetryError`` and ``ProtocolError``, as the official SDK lets escape (a GET's
    invalid response is retried into ``MaxRetryError``).
    """

    urllib3_classes: ClassVar[Tuple[str, ...]] = ("MaxRetryError", "ProtocolError")


class ResponseTooLargeError(ProtocolError):
    """The response body exceeded ``Configuration.max_response_bytes``; reading was stopped."""

    retryable_by_default = False  # the next attempt would be just as large


class ContentDecodingError(ProtocolError):
    """The body could not be decompressed as its ``Content-Encoding`` says (corrupt gzip, say).

    Also a urllib3 ``DecodeError``, which the official SDK lets escape there.
    """

    urllib3_classes: ClassVar[Tuple[str, ...]] = ("DecodeError",)


class ApiException(OpenApiException):
    """The server answered with an error status.

    Attributes: ``status`` (int), ``reason`` (str), ``headers`` (a read-only mapping; lookups ignore
    case, so ``headers.get("retry-after")`` finds ``Retry-After``), ``body`` (the body as text),
    ``data`` (the decoded body where one was declared, else ``None``), ``method``, ``url`` and
    ``attempts`` (how many times the request was sent, retries included).
    """

    hint: ClassVar[str] = ""
    """What to try next; appended to the message."""

    def __init__(
        self,
        status: Optional[int] = None,
        reason: Optional[str] = None,
        http_resp: Any = None,
        *,
        body: Optional[str] = None,
        data: Any = None,
        headers: Optional[Mapping[str, str]] = None,
        method: Optional[str] = None,
        url: Optional[str] = None,
        attempts: int = 1,
    ) -> None:
        if http_resp is not None:
            status = status if status is not None else getattr(http_resp, "status", None)
            reason = reason if reason is not None else getattr(http_resp, "reason", None)
            if headers is None:
                headers = getattr(http_resp, "headers", None)
            if body is None:
                raw = getattr(http_resp, "data", None)
                if isinstance(raw, (bytes, bytearray)):
                    body = bytes(raw).decode("utf-8", "replace")
        self.status = status
        self.reason = reason
        self.headers: Mapping[str, str] = _Headers(headers)
        self.body = body
        self.data = data
        self.method = method
        self.url = url
        self.attempts = attempts
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [f"HTTP {self.status}"]
        if self.reason:
            parts.append(f" {server_excerpt(self.reason)}")
        if self.method and self.url:
            parts.append(f" from {self.method} {self.url}")
        if self.attempts != 1:
            parts.append(f" after {_attempts_text(self.attempts)}")
        excerpt = _excerpt(self.body)
        if excerpt:
            parts.append(f": {excerpt}")
        hint = self.hint
        if not hint and self.status == 304:
            hint = (
                "304 Not Modified answers a conditional request, and the SDK sends none (no If-None-Match "
                "or If-Modified-Since): something between the SDK and Pieces OS answered; check "
                "Configuration.host and Configuration.proxy"
            )
        elif not hint and isinstance(self.status, int) and 300 <= self.status <= 399:
            hint = "redirects are not followed; point Configuration.host at the final address"
        if hint:
            parts.append(f" — {hint}")
        return "".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status={self.status!r}, reason={self.reason!r})"


class BadRequestException(ApiException):
    """400 Bad Request: the server rejected the request body or parameters."""

    hint = "check the body passed to the call"


class UnauthorizedException(ApiException):
    """401 Unauthorized."""

    hint = "check Configuration.api_key"


class ForbiddenException(ApiException):
    """403 Forbidden."""

    hint = "check Configuration.api_key"


class NotFoundException(ApiException):
    """404 Not Found: this Pieces OS does not serve the endpoint (check the host and version)."""

    hint = "no such allocation or endpoint: check the id sent and Configuration.host"


class ConflictException(ApiException):
    """409 Conflict."""


class UnprocessableEntityException(ApiException):
    """422 Unprocessable Entity: the body is JSON but does not fit the schema."""

    hint = "the body does not fit the schema Pieces OS expects"


class TooManyRequestsException(ApiException):
    """429 Too Many Requests."""

    hint = "Pieces OS is rate limiting; wait before calling again"


class ServiceException(ApiException):
    """5xx: Pieces OS failed to handle the request (500 is also how it reports unimplemented calls)."""

    hint = "Pieces OS could not handle the request (a local Pieces OS also answers 500 for cloud-only calls)"


class GatewayTimeoutException(ServiceException):
    """504 Gateway Timeout: Pieces OS gave up waiting for its cloud."""

    hint = "Pieces OS gave up waiting for its cloud; try again later"


class ApiDecodeError(OpenApiException):
    """A success response whose body does not decode, or decodes but does not fit the schema.

    Carries ``status``, ``headers``, ``body`` (raw bytes), ``content_type``, ``method`` and ``url``.
    """

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        body: bytes = b"",
        content_type: Optional[str] = None,
        headers: Optional[Mapping[str, str]] = None,
        method: Optional[str] = None,
        url: Optional[str] = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.body = body
        self.content_type = content_type
        self.headers: Mapping[str, str] = _Headers(headers)
        self.method = method
        self.url = url

    def __str__(self) -> str:
        where = f" from {self.method} {self.url}" if self.method and self.url else ""
        return f"{self.message} (HTTP {self.status}{where}, {len(self.body)} body bytes)"


# The classes given urllib3 bases by `_add_urllib3_bases`, base classes first.
_WITH_URLLIB3_BASES: Tuple[Type[TransportError], ...] = (
    TransportError,
    ApiConnectionError,
    ApiTimeoutError,
    ProtocolError,
    ContentDecodingError,
)

_STATUS_EXCEPTIONS: Dict[int, Type[ApiException]] = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    409: ConflictException,
    422: UnprocessableEntityException,
    429: TooManyRequestsException,
    504: GatewayTimeoutException,
}


def exception_for_status(status: int) -> Type[ApiException]:
    """The exception class raised for an error response with this status code."""
    cls = _STATUS_EXCEPTIONS.get(status)
    if cls is not None:
        return cls
    if 500 <= status <= 599:
        return ServiceException
    return ApiException
