"""`ApiClient`: the one engine behind every API class: it sends, retries, maps errors and decodes.

API classes only describe an operation (`Operation`); `ApiClient.invoke` checks the body, builds the
request, sends it through the configured transport, retries what is safe to retry, turns error statuses
into `ApiException` subclasses and decodes the body straight from bytes into the declared model::

    configuration = pieces_os_client.Configuration(host="http://localhost:39300")
    with pieces_os_client.ApiClient(configuration) as api_client:
        api = pieces_os_client.AllocationsApi(api_client)
        snapshot = api.allocations_snapshot()

One client is safe to share between threads; it keeps its connections alive between calls. A
process forked from one that used a client (multiprocessing, a pre-forking server) opens connections
of its own on its first call: a child never shares a connection with its parent.
"""

from __future__ import annotations

import os
import random as _random
import threading
import time
import weakref
from types import TracebackType
from typing import Any, Callable, ClassVar, Dict, Mapping, Optional, Set, Tuple, Type

from pieces_os_client._core import Attempts, deadline_error
from pieces_os_client._model import PiecesModel
from pieces_os_client._operation import Operation, RequestTimeout, ResponseType
from pieces_os_client._transport import Transport, create_transport
from pieces_os_client._transport._deadline import Deadline
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.configuration import (
    Configuration,
    check_api_key,
    check_header,
    check_not_sdk_header,
    check_timeout,
)
from pieces_os_client.exceptions import (
    ApiDecodeError,
    ApiException,
    ApiTypeError,
    ApiValueError,
    ClientClosedError,
    ConfigurationError,
    TransportError,
    exception_for_status,
)
from pieces_os_client.rest import RESTResponse
from pieces_os_client.retry import RetryPolicy, parse_retry_after  # noqa: F401  (re-exported)

_JSON = "application/json"

# How many distinct header sets a client remembers as already checked (per-call headers can vary).
_CHECKED_HEADERS_MAX = 256


def _media_type(content_type: Optional[str]) -> str:
    if not content_type:
        return ""
    return content_type.split(";", 1)[0].strip().lower()


def _charset(content_type: Optional[str]) -> str:
    if content_type:
        for param in content_type.split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip():
                return value.strip().strip('"')
    return "utf-8"


def _is_json(media_type: str) -> bool:
    return media_type == _JSON or media_type.endswith("+json")


_BOM = b"\xef\xbb\xbf"


def _without_bom(raw: bytes) -> bytes:
    """A JSON body without its leading UTF-8 byte order mark: RFC 8259 lets a parser ignore one."""
    return raw[3:] if raw.startswith(_BOM) else raw


class ApiClient:
    """Sends requests for the API classes; a context manager that owns one connection pool.

    ``header_name``/``header_value`` add one default header and ``cookie`` a Cookie header
    (the upstream constructor). ``sleep`` replaces `time.sleep` between attempts and ``random`` the
    backoff jitter's `random.random` (``sleep=delays.append, random=lambda: 0.0`` makes retries
    instant and exact in tests). Close the client (or use ``with``) to close its connections.
    """

    _default: ClassVar[Optional[ApiClient]] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
        *,
        sleep: Optional[Callable[[float], None]] = None,
        random: Optional[Callable[[], float]] = None,
    ) -> None:
        if configuration is None:
            configuration = Configuration.get_default()
        elif not isinstance(configuration, Configuration):
            raise ApiTypeError(
                f"configuration must be a Configuration, got {type(configuration).__name__}; "
                "build one with pieces_os_client.Configuration(host=...)"
            )
        self.configuration = configuration
        self.default_headers: Dict[str, str] = {}
        if header_name is not None:
            check_header(header_name, header_value)
            check_not_sdk_header(header_name)
            self.default_headers[header_name] = header_value  # type: ignore[assignment]  # checked above
        if cookie is not None:
            check_header("Cookie", cookie)
        self.cookie = cookie
        # How this client waits between attempts and draws the backoff jitter (a number in [0, 1)).
        self._sleep: Callable[[float], None] = time.sleep if sleep is None else sleep
        self._random: Callable[[], float] = _random.random if random is None else random
        self._transport: Transport = create_transport(configuration)
        self._checked_headers: Set[Tuple[Tuple[str, str], ...]] = set()
        self._closed = False
        _live_clients.add(self)

    # --- lifecycle ----------------------------------------------------------------------------------

    def __enter__(self) -> ApiClient:
        if self._closed:
            raise _closed_error()
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection; the client refuses calls after this. Closing again does nothing."""
        if self._closed:
            return
        self._closed = True
        self._transport.close()

    @property
    def closed(self) -> bool:
        """True once `close` has been called (or the ``with`` block has ended)."""
        return self._closed

    def _reopen_after_fork(self) -> None:
        """In a forked child: drop the parent's connections unclosed (still the parent's); open new ones."""
        if not self._closed:
            self._transport = create_transport(self.configuration)

    @classmethod
    def get_default(cls) -> ApiClient:
        """The process-wide default client (built from `Configuration.get_default` on first use)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    @classmethod
    def set_default(cls, default: Optional[ApiClient]) -> None:
        """Replace the process-wide default client."""
        with cls._default_lock:
            cls._default = default

    @property
    def user_agent(self) -> str:
        """The User-Agent sent with every request."""
        return self.default_headers.get("User-Agent", self.configuration.user_agent)

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.set_default_header("User-Agent", value)

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send ``header_name: header_value`` with every request of this client."""
        check_header(header_name, header_value)
        check_not_sdk_header(header_name)
        self.default_headers[header_name] = header_value

    def connections_in_use(self) -> int:
        """Pooled connections checked out right now; 0 when no call or streamed response is open."""
        return self._transport.connections_in_use()

    def __repr__(self) -> str:
        return f"ApiClient(host={self.configuration.host!r}, transport={self.configuration.transport!r})"

    # --- calls --------------------------------------------------------------------------------------

    def invoke(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        *,
        request_timeout: RequestTimeout = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        total_timeout: Optional[float] = None,
    ) -> ApiResponse[Any]:
        """Send ``operation`` and return the decoded response; raise on an error status.

        ``request_timeout`` is seconds for each of connect and read, or a (connect, read) pair;
        ``headers`` are added to (and override) the default headers; ``retries`` overrides
        ``Configuration.retries`` and ``total_timeout`` ``Configuration.total_timeout`` for this call.
        """
        response, attempts = self._send(
            operation, body, request_timeout, headers, retries, total_timeout, preload=True
        )
        status = response.status
        raw = response.data if response.data is not None else b""
        if 200 <= status <= 299:
            data = self._decode(operation, response, raw)
            return ApiResponse(status, response.headers, data, raw)
        raise self._status_error(operation, response, raw, attempts)

    def invoke_raw(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        *,
        request_timeout: RequestTimeout = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        total_timeout: Optional[float] = None,
    ) -> RESTResponse:
        """Send ``operation`` and return the response unread, whatever its status.

        Retries apply as for `invoke`. The caller reads the body with ``read()`` or closes the
        response; either gives its connection back to the pool. The total deadline covers the call
        up to the response headers; ``read()`` gets the same number of seconds again, counted from
        when it is called.
        """
        seconds = self._resolve_total_timeout(total_timeout)
        response, _ = self._send(operation, body, request_timeout, headers, retries, seconds, preload=False)
        reader = response._reader
        if reader is not None:
            response._reader = _read_within(reader, seconds, operation.method, response.url)
        return response

    # --- the policy ---------------------------------------------------------------------------------

    def _send(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        request_timeout: RequestTimeout,
        headers: Optional[Mapping[str, str]],
        retries: Optional[int],
        total_timeout: Optional[float],
        *,
        preload: bool,
    ) -> Tuple[RESTResponse, int]:
        if self._closed:
            raise _closed_error()
        payload = self._encode_body(operation, body)
        request_headers = self._build_headers(operation, payload is not None, headers)
        timeout = self._resolve_timeout(request_timeout)
        policy = self._resolve_retries(retries)
        total = self._resolve_total_timeout(total_timeout)
        with Deadline(total) as deadline:
            return self._attempts(
                operation, payload, request_headers, timeout, policy, deadline, preload=preload
            )

    def _attempts(
        self,
        operation: Operation,
        payload: Optional[bytes],
        request_headers: Dict[str, str],
        timeout: Tuple[float, float],
        policy: RetryPolicy,
        deadline: Deadline,
        *,
        preload: bool,
    ) -> Tuple[RESTResponse, int]:
        """The retry loop of one call, within ``deadline``; `Attempts` decides, this loop does the I/O."""
        config = self.configuration
        method = operation.method
        url = config.host + operation.path
        max_bytes = config.max_response_bytes
        transport = self._transport
        draw = self._random
        state = Attempts(policy, method, url, timeout, deadline)
        while True:
            attempt_timeout = state.start()
            try:
                response = transport.send(
                    method, url, request_headers, payload, attempt_timeout, preload, max_bytes
                )
            except TransportError as exc:
                delay = state.failed(exc, draw())
            else:
                if deadline.expired:  # the socket was shut down under the headers: they may be cut short
                    response.release_conn()
                    state.sent = True
                    raise state.deadline_error(None)
                retry_in = state.answered(response.status, response.headers, draw())
                if retry_in is None:
                    return response, state.attempt  # the caller sees the real status
                delay = retry_in
                try:
                    response.read()  # bounded; frees the connection of a streamed response
                except TransportError as exc:
                    raise state.read_failed(exc) from exc
            self._sleep(delay)

    def _encode_body(self, operation: Operation, body: Optional[PiecesModel]) -> Optional[bytes]:
        if body is None:
            return None
        expected = operation.body_type
        if expected is None:
            raise ApiTypeError(f"{operation.operation_id} takes no request body, got {type(body).__name__}")
        if not isinstance(body, expected):
            name = operation.body_param or "body"
            hint = expected.__name__
            article = _article(hint)
            raise ApiTypeError(
                f"{name} must be {article} {hint}, got {type(body).__name__}; build one with {hint}(...) "
                f"or {hint}.from_dict(...)"
            )
        try:
            return body.model_dump_json(by_alias=True, exclude_unset=True).encode("utf-8")
        except (ValueError, RecursionError) as exc:  # pydantic's PydanticSerializationError is a ValueError
            name = operation.body_param or "body"
            raise ApiValueError(
                f"{name} cannot be sent as JSON ({_first_line(exc)}); nothing was sent: fix the value "
                "(a lone surrogate such as '\\ud800' in a str, or nesting deeper than the serializer allows)"
            ) from exc

    def _build_headers(
        self, operation: Operation, has_body: bool, extra: Optional[Mapping[str, str]]
    ) -> Dict[str, str]:
        config = self.configuration
        headers: Dict[str, str] = {"User-Agent": config.user_agent, "Accept": operation.accept}
        if has_body:
            headers["Content-Type"] = _JSON
        if config.default_headers:
            headers.update(config.default_headers)
        if self.default_headers:
            headers.update(self.default_headers)
        if self.cookie is not None:
            headers["Cookie"] = self.cookie
        if config.api_key:
            headers.update(config.auth_headers())
        if extra:
            if not isinstance(extra, Mapping):
                raise ApiTypeError(f"_headers must be a mapping of str to str, got {type(extra).__name__}")
            headers.update(extra)
        # Checking every header costs more than the rest of this method; a set of headers seen to pass
        # is not checked again (the key is the exact names and values, so any change is checked).
        try:
            seen = tuple(headers.items())
            known = seen in self._checked_headers
        except TypeError:  # an unhashable value: the check below says what is wrong
            seen, known = (), False
        if not known:
            check_api_key(config.api_key)
            for name, value in headers.items():
                check_header(name, value, what="header")
            for name in config.default_headers:
                check_not_sdk_header(name, "Configuration.default_headers header")
            for name in self.default_headers:
                check_not_sdk_header(name, "ApiClient default header")
            for name in extra or ():
                check_not_sdk_header(name, "_headers header", ApiValueError)
            if len(self._checked_headers) < _CHECKED_HEADERS_MAX:
                self._checked_headers.add(seen)
        return headers

    def _resolve_timeout(self, request_timeout: RequestTimeout) -> Tuple[float, float]:
        if request_timeout is None:
            return self.configuration.timeout
        try:
            if isinstance(request_timeout, tuple):
                if len(request_timeout) != 2:
                    raise ConfigurationError(
                        f"_request_timeout must be seconds or a (connect, read) pair, got {request_timeout!r}"
                    )
                return (
                    check_timeout(request_timeout[0], "_request_timeout connect"),
                    check_timeout(request_timeout[1], "_request_timeout read"),
                )
            seconds = check_timeout(request_timeout, "_request_timeout")
        except ConfigurationError as exc:
            raise ApiValueError(str(exc)) from None
        return (seconds, seconds)

    def _resolve_total_timeout(self, total_timeout: Optional[float]) -> float:
        if total_timeout is None:
            return self.configuration.total_timeout
        try:
            return check_timeout(total_timeout, "_total_timeout")
        except ConfigurationError as exc:
            raise ApiValueError(str(exc)) from None

    def _resolve_retries(self, retries: Optional[int]) -> RetryPolicy:
        policy = self.configuration.retry_policy
        if retries is None:
            return policy
        if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
            raise ApiValueError(f"_retries must be a whole number >= 0, got {retries!r}")
        return policy.with_retries(retries)

    # --- decoding -----------------------------------------------------------------------------------

    def _decode(self, operation: Operation, response: RESTResponse, raw: bytes) -> Any:
        status = response.status
        if status in operation.responses:
            target = operation.responses[status]
        else:
            target = next(
                (t for s, t in operation.responses.items() if 200 <= s <= 299 and t is not None), None
            )
        if target is None:
            return None
        content_type = response.headers.get("Content-Type")
        media = _media_type(content_type)
        if target is str:
            return self._decode_text(operation, response, raw, content_type, media)
        if media and not _is_json(media):
            raise self._decode_error(
                f"expected a JSON body ({target.__name__}) but the response is {media}",
                operation,
                response,
                raw,
                content_type,
            )
        try:
            return target.model_validate_json(_without_bom(raw), by_alias=True, by_name=False)  # type: ignore[union-attr]
        except (ValueError, RecursionError) as exc:  # pydantic's ValidationError is a ValueError
            raise self._decode_error(
                f"the body does not decode into {target.__name__}: {_first_line(exc)}",
                operation,
                response,
                raw,
                content_type,
            ) from exc

    def _decode_text(
        self,
        operation: Operation,
        response: RESTResponse,
        raw: bytes,
        content_type: Optional[str],
        media: str,
    ) -> str:
        if _is_json(media):
            raw = _without_bom(raw)
        charset = _charset(content_type)
        try:
            text = raw.decode(charset)
        except (UnicodeError, LookupError, ValueError) as exc:  # a bad body, or a charset that is no codec
            raise self._decode_error(
                f"the text body does not decode as {_shown_charset(charset)}",
                operation,
                response,
                raw,
                content_type,
            ) from exc
        if _is_json(media) and _starts_json_string(text):
            # A JSON string where text was declared: unwrap it, so callers get the same str either way.
            # Only a body that starts as a string is parsed: other JSON is returned as the text it is.
            import json  # here, not at the top: rarely needed, and it keeps `import pieces_os_client` cheap

            try:
                value = json.loads(text)
            except (ValueError, RecursionError):
                return text
            if isinstance(value, str):
                return value
        return text

    def _decode_error(
        self,
        message: str,
        operation: Operation,
        response: RESTResponse,
        raw: bytes,
        content_type: Optional[str],
    ) -> ApiDecodeError:
        return ApiDecodeError(
            message,
            status=response.status,
            body=raw,
            content_type=content_type,
            headers=response.headers,
            method=operation.method,
            url=response.url or None,
        )

    def _status_error(
        self, operation: Operation, response: RESTResponse, raw: bytes, attempts: int
    ) -> ApiException:
        content_type = response.headers.get("Content-Type")
        media = _media_type(content_type)
        text = _decode_leniently(raw, content_type)
        data: Any = None
        declared: Optional[ResponseType] = operation.responses.get(response.status)
        if declared is str or (declared is None and media.startswith("text/")):
            data = text
        elif declared is not None and _is_json(media or _JSON):
            try:
                data = declared.model_validate_json(_without_bom(raw), by_alias=True, by_name=False)  # type: ignore[union-attr]
            except (ValueError, RecursionError):
                data = None  # the error status matters more than its body's shape; the text is on .body
        cls = exception_for_status(response.status)
        return cls(
            status=response.status,
            reason=response.reason,
            body=text,
            data=data,
            headers=response.headers,
            method=operation.method,
            url=response.url or self.configuration.host + operation.path,
            attempts=attempts,
        )


def _closed_error() -> ClientClosedError:
    return ClientClosedError(
        "this ApiClient was closed; create a new one, or use it only inside its `with` block"
    )


# Every open client, so that a forked child can drop the connections it shares with its parent.
_live_clients: weakref.WeakSet[ApiClient] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    # Only the forking thread survives a fork: a lock another thread held would never be released.
    ApiClient._default_lock = threading.Lock()
    for client in list(_live_clients):
        client._reopen_after_fork()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _read_within(reader: Callable[[], bytes], seconds: float, method: str, url: str) -> Callable[[], bytes]:
    """``reader`` bounded by a total deadline of ``seconds`` counted from when it is called."""

    def read() -> bytes:
        with Deadline(seconds) as deadline:
            try:
                return reader()
            except TransportError as exc:
                if deadline.passed():
                    raise deadline_error(deadline.seconds, method, url, 1, True, exc) from exc
                raise

    return read


def _article(noun: str) -> str:
    """The article for ``noun`` by sound: an AllocationCloud, a UserProfile (U as in "you"), an Update."""
    head = noun[:3].lower()
    if head[:1] in ("a", "e", "i", "o"):
        return "an"
    if head[:1] == "u" and not (len(head) == 3 and head[1] not in "aeiou" and head[2] in "aeiou"):
        return "an"
    return "a"


def _decode_leniently(raw: bytes, content_type: Optional[str]) -> str:
    """The body as text for an error: the declared charset if it works, else UTF-8; never raises.

    A charset that names no text codec (``undefined``, ``rot13``), or one that cannot replace bad bytes
    (``idna``), falls back to UTF-8 with replacement characters.
    """
    charset = _charset(content_type)
    if charset.lower() not in ("utf-8", "utf8"):
        try:
            return raw.decode(charset, "replace")
        except (UnicodeError, LookupError, ValueError):
            pass
    return raw.decode("utf-8", "replace")


def _shown_charset(charset: str) -> str:
    """A charset named by the server, as quoted in a message: short, and on one line."""
    return charset[:40] + ("…" if len(charset) > 40 else "")


def _starts_json_string(text: str) -> bool:
    """Whether ``text`` is a JSON string (``"``) after JSON whitespace; looks at no more than it must."""
    for char in text:
        if char == '"':
            return True
        if char not in " \t\r\n":
            return False
    return False


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    lines = text.splitlines()
    if len(lines) > 2:  # pydantic: "N validation errors for X", then field and message
        return " ".join(line.strip() for line in lines[:3]) + (" …" if len(lines) > 3 else "")
    return " ".join(line.strip() for line in lines)
