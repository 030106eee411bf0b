"""`AsyncApiClient`: the asyncio twin of `ApiClient`, sending over aiohttp (``pieces-os-client[async]``).

It shares everything but the I/O with `ApiClient`: the request encoding, header and option checks, the
status-to-error mapping and the decoding (`ClientCore`), and the retry state of a call (`Attempts`)::

    configuration = pieces_os_client.Configuration(host="http://localhost:39300")
    async with pieces_os_client.AsyncApiClient(configuration) as api_client:
        api = pieces_os_client.AsyncAllocationsApi(api_client)
        snapshot = await api.allocations_snapshot()

One client serves every task of one event loop; its aiohttp session (one connection pool of at most
``Configuration.connection_pool_maxsize`` connections) is created by the first call, inside the running
loop, and closed by ``await client.close()``. Cancelling a call closes the connection it was using: a
half-read connection never goes back to the pool. ``import pieces_os_client`` never imports aiohttp.
"""

from __future__ import annotations

import asyncio
import http.client
import random as _random
import ssl
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Awaitable, Callable, List, Mapping, Optional, Tuple, Type, TypeVar

from pieces_os_client._client_core import ClientCore
from pieces_os_client._core import Attempts, deadline_error
from pieces_os_client._model import PiecesModel
from pieces_os_client._operation import Operation, RequestTimeout
from pieces_os_client._redact import redact_url
from pieces_os_client._transport import (
    _origin,
    check_tls_files,
    connect_timeout_error,
    connection_refused_error,
    read_timeout_error,
    tls_error,
)
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ClientClosedError,
    ProtocolError,
    ResponseTooLargeError,
    TransportError,
)
from pieces_os_client.rest import RESTResponse

if TYPE_CHECKING:
    import aiohttp

__all__ = ["AsyncApiClient", "AsyncRESTResponse", "async_discover", "async_wait_until_ready"]

_T = TypeVar("_T")

INSTALL_HINT = "pip install 'pieces-os-client[async]'"

# Bytes read per step while the body is counted against max_response_bytes.
_CHUNK = 64 * 1024


def _aiohttp() -> Any:
    """The aiohttp module, or an ImportError that says how to install it."""
    try:
        import aiohttp
    except ImportError as exc:
        raise ImportError(
            f"AsyncApiClient needs aiohttp, which is not installed; install it with {INSTALL_HINT}"
        ) from exc
    return aiohttp


class _Deadline:
    """The total deadline of one call (or one streamed read), on the monotonic clock."""

    __slots__ = ("at", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return time.monotonic() >= self.at


class AsyncRESTResponse:
    """A response whose body has not been read yet: ``await response.read()``, or ``async with``.

    ``status``, ``reason`` and ``headers`` are there at once. `read` returns the whole body (bounded by
    ``Configuration.max_response_bytes``) and gives the connection back to the pool; `close` drops the
    connection unread. ``async with`` closes it on the way out if it was not read.
    """

    __slots__ = ("_lost", "_reader", "_response", "data", "headers", "method", "reason", "status", "url")

    def __init__(
        self,
        response: aiohttp.ClientResponse,
        reader: Callable[[], Awaitable[bytes]],
        *,
        method: str,
        url: str,
    ) -> None:
        self.status = response.status
        self.reason = response.reason or http.client.responses.get(response.status, "")
        self.headers: Mapping[str, str] = response.headers
        self.method = method
        self.url = url
        self.data: Optional[bytes] = None
        self._response: Optional[aiohttp.ClientResponse] = response
        self._reader: Optional[Callable[[], Awaitable[bytes]]] = reader
        self._lost = False

    async def read(self) -> bytes:
        """The whole body; read on the first call, then kept on ``data``."""
        if self.data is None:
            if self._lost:
                raise ClientClosedError(
                    "this response was closed before its body was read (or reading it failed), so the "
                    "body is gone; call read() before close(), or make the call again"
                )
            reader, self._reader, self._response = self._reader, None, None
            if reader is None:
                self.data = b""
            else:
                self._lost = True  # until the read succeeds
                self.data = await reader()
                self._lost = False
        return self.data

    @property
    def is_read(self) -> bool:
        """True once the body has been read (or the response was closed unread)."""
        return self._reader is None

    def getheader(self, name: str, default: Optional[str] = None) -> Optional[str]:
        """The value of header ``name`` (case-insensitive), or ``default``."""
        return self.headers.get(name, default)

    def getheaders(self) -> Mapping[str, str]:
        """All response headers."""
        return self.headers

    def close(self) -> None:
        """Drop the connection without reading the body (it never goes back to the pool half-read)."""
        response, self._response, self._reader = self._response, None, None
        if response is not None:
            self._lost = True
            response.close()

    release_conn = close

    async def __aenter__(self) -> AsyncRESTResponse:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        size = "unread" if self.data is None else f"{len(self.data)} bytes"
        return f"AsyncRESTResponse(status={self.status!r}, reason={self.reason!r}, body=<{size}>)"


class AsyncApiClient(ClientCore):
    """Sends requests for the async API classes over one aiohttp session; an async context manager.

    The arguments are `ApiClient`'s. ``sleep`` replaces `asyncio.sleep` between attempts (an async
    function taking seconds) and ``random`` the backoff jitter's `random.random`. Building one without
    aiohttp installed raises ImportError. Close the client (``await client.close()`` or ``async with``)
    to close its connections.
    """

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
        *,
        sleep: Optional[Callable[[float], Awaitable[Any]]] = None,
        random: Optional[Callable[[], float]] = None,
    ) -> None:
        self._aiohttp = _aiohttp()
        super().__init__(configuration, header_name, header_value, cookie)
        check_tls_files(self.configuration)
        self._sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep if sleep is None else sleep
        self._random: Callable[[], float] = _random.random if random is None else random
        self._session: Optional[aiohttp.ClientSession] = None
        self._closed = False

    # --- lifecycle ----------------------------------------------------------------------------------

    async def __aenter__(self) -> AsyncApiClient:
        if self._closed:
            raise _closed_error()
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session and its connections; the client refuses calls after this. Idempotent."""
        if self._closed:
            return
        self._closed = True
        session, self._session = self._session, None
        if session is not None:
            await session.close()

    @property
    def closed(self) -> bool:
        """True once `close` has been called (or the ``async with`` block has ended)."""
        return self._closed

    def connections_in_use(self) -> int:
        """Connections checked out by calls or unread responses right now."""
        session = self._session
        if session is None or session.closed:
            return 0
        acquired = getattr(session.connector, "_acquired", ())
        return len(acquired)

    def __repr__(self) -> str:
        return f"AsyncApiClient(host={self.configuration.host!r})"

    def _get_session(self) -> aiohttp.ClientSession:
        session = self._session
        if session is None:
            aiohttp = self._aiohttp
            config = self.configuration
            connector = aiohttp.TCPConnector(
                limit=config.connection_pool_maxsize,
                limit_per_host=config.connection_pool_maxsize,
                ssl=self._ssl_context() if config.host.startswith("https:") or config.proxy else True,
            )
            session = aiohttp.ClientSession(
                connector=connector,
                trust_env=False,  # no proxy or .netrc from the environment: only what is configured
                cookie_jar=aiohttp.DummyCookieJar(),  # no cookie is ever stored or sent back
                timeout=aiohttp.ClientTimeout(total=None),
                skip_auto_headers=("Accept-Encoding", "Content-Type"),
                auto_decompress=True,
            )
            # aiohttp repeats a GET once by itself when the connection drops; the retry policy decides.
            if hasattr(session, "_retry_connection"):
                session._retry_connection = False
            self._session = session
        return session

    def _ssl_context(self) -> Any:
        config = self.configuration
        if not config.verify_ssl:
            return False
        context = ssl.create_default_context(cafile=config.ssl_ca_cert, cadata=config.ca_cert_data)
        if config.cert_file is not None:
            context.load_cert_chain(config.cert_file, config.key_file)
        if config.assert_hostname is False:
            context.check_hostname = False
        return context

    # --- calls --------------------------------------------------------------------------------------

    async def invoke(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        *,
        request_timeout: RequestTimeout = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        total_timeout: Optional[float] = None,
    ) -> ApiResponse[Any]:
        """Send ``operation`` and return the decoded response; raise on an error status (as `ApiClient`)."""
        response, attempts = await self._send(
            operation, body, request_timeout, headers, retries, total_timeout, preload=True
        )
        assert isinstance(response, RESTResponse)
        raw = response.data if response.data is not None else b""
        if 200 <= response.status <= 299:
            data = self._decode(operation, response, raw)
            return ApiResponse(response.status, response.headers, data, raw)
        raise self._status_error(operation, response, raw, attempts)

    async def invoke_raw(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        *,
        request_timeout: RequestTimeout = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        total_timeout: Optional[float] = None,
    ) -> AsyncRESTResponse:
        """Send ``operation`` and return the response unread, whatever its status.

        Retries apply as for `invoke`. ``await response.read()`` reads the body within the same number
        of seconds as the total deadline again, counted from when it is called.
        """
        seconds = self._resolve_total_timeout(total_timeout)
        response, _ = await self._send(
            operation, body, request_timeout, headers, retries, seconds, preload=False
        )
        assert isinstance(response, AsyncRESTResponse)
        return response

    # --- the loop over the shared core --------------------------------------------------------------

    async def _send(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        request_timeout: RequestTimeout,
        headers: Optional[Mapping[str, str]],
        retries: Optional[int],
        total_timeout: Optional[float],
        *,
        preload: bool,
    ) -> Tuple[Any, int]:
        if self._closed:
            raise _closed_error()
        payload, request_headers, timeout, policy, total = self._prepare(
            operation, body, request_timeout, headers, retries, total_timeout
        )
        request_headers.setdefault("Accept-Encoding", "identity")  # what the blocking client sends
        deadline = _Deadline(total)
        session = self._get_session()
        config = self.configuration
        method = operation.method
        url = config.host + operation.path
        max_bytes = config.max_response_bytes
        draw = self._random
        state = Attempts(policy, method, url, timeout, deadline)
        while True:
            attempt_timeout = state.start()
            try:
                response = await _within(
                    deadline,
                    self._attempt(
                        session,
                        method,
                        url,
                        request_headers,
                        payload,
                        attempt_timeout,
                        max_bytes,
                        preload,
                        deadline.seconds,
                    ),
                )
            except TransportError as exc:
                delay = state.failed(exc, draw())
            except asyncio.TimeoutError:  # the total deadline passed during the attempt
                state.sent = True
                raise state.deadline_error(None) from None
            else:
                retry_in = state.answered(response.status, response.headers, draw())
                if retry_in is None:
                    return response, state.attempt
                delay = retry_in
                if isinstance(response, AsyncRESTResponse):
                    try:
                        await _within(deadline, response.read())
                    except TransportError as exc:
                        raise state.read_failed(exc) from exc
                    except asyncio.TimeoutError:
                        response.close()
                        raise state.deadline_error(None) from None
            await self._sleep(delay)

    async def _attempt(
        self,
        session: aiohttp.ClientSession,
        method: str,
        url: str,
        headers: Mapping[str, str],
        payload: Optional[bytes],
        timeout: Tuple[float, float],
        max_bytes: int,
        preload: bool,
        seconds: float,
    ) -> Any:
        """One attempt: a `RESTResponse` with its body read, or an unread `AsyncRESTResponse`."""
        aiohttp = self._aiohttp
        config = self.configuration
        client_timeout = aiohttp.ClientTimeout(
            total=None,
            connect=config.pool_timeout + timeout[0],  # waiting for a free connection, then connecting
            sock_connect=timeout[0],
            sock_read=timeout[1],
        )
        try:
            response = await session.request(
                method,
                url,
                data=payload,
                headers=headers,
                allow_redirects=False,
                timeout=client_timeout,
                proxy=config.proxy or None,
                proxy_headers=config.proxy_headers or None,
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            raise _map_error(exc, method, url, timeout, config, reading_body=False) from exc
        if response.status == 101:
            response.close()
            raise ProtocolError(
                f"the response from {_origin(url)} was refused: the server switched protocols (101) though "
                "no upgrade was asked for; the connection was discarded",
                method=method,
                url=url,
            )
        status = response.status
        reason = response.reason or http.client.responses.get(status, "")
        if preload:
            data = await _read_all(response, max_bytes, method, url, timeout, config)
            return RESTResponse(status, reason, response.headers, data, method=method, url=url)

        async def read() -> bytes:
            reading = _read_all(response, max_bytes, method, url, timeout, config)
            try:
                return await _within(_Deadline(seconds), reading)
            except asyncio.TimeoutError:
                raise deadline_error(seconds, method, url, 1, True, None) from None

        return AsyncRESTResponse(response, read, method=method, url=url)


async def _within(deadline: _Deadline, awaitable: Awaitable[_T]) -> _T:
    """``awaitable`` cancelled (its connection closed) when ``deadline`` passes: asyncio.TimeoutError."""
    return await asyncio.wait_for(awaitable, max(deadline.remaining(), 0.0))


async def _read_all(
    response: aiohttp.ClientResponse,
    limit: int,
    method: str,
    url: str,
    timeout: Tuple[float, float],
    config: Configuration,
) -> bytes:
    """The whole (decoded) body, at most ``limit`` bytes; the connection goes back to the pool after.

    Any failure, cancellation included, closes the connection instead.
    """
    clean = False
    length = response.content_length
    size = 0
    try:
        if length is not None and length > limit:
            raise _too_large(method, url, limit, f"Content-Length is {length}")
        parts: List[bytes] = []
        async for chunk in response.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > limit:
                raise _too_large(method, url, limit, "the body kept coming")
            parts.append(chunk)
        data = b"".join(parts)
        clean = True
        return data
    except (TransportError, asyncio.CancelledError):
        raise
    except Exception as exc:
        import aiohttp

        if (
            isinstance(exc, aiohttp.ClientPayloadError)
            and isinstance(exc.__cause__ or exc.__context__, aiohttp.http_exceptions.ContentLengthError)
            and length is not None
        ):  # worded as the blocking client words it, from what was read and what was announced
            raise ApiConnectionError(
                f"the connection to {_origin(url)} closed before the whole response body arrived "
                f"(IncompleteRead({size} bytes read, {length - size} more expected))",
                method=method,
                url=url,
            ) from exc
        raise _map_error(exc, method, url, timeout, config, reading_body=True) from exc
    finally:
        if clean:
            response.release()
        else:
            response.close()


def _too_large(method: str, url: str, limit: int, detail: str) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"response body larger than max_response_bytes={limit} ({detail}); reading stopped and the "
        "connection was closed; raise Configuration.max_response_bytes if the body is expected",
        method=method,
        url=url,
    )


def _map_error(
    exc: BaseException,
    method: str,
    url: str,
    timeout: Tuple[float, float],
    config: Configuration,
    *,
    reading_body: bool,
) -> TransportError:
    """The SDK's transport error for an aiohttp (or socket) failure; the same messages as `ApiClient`'s."""
    import aiohttp

    origin = _origin(url)
    # aiohttp 3.10 and later tell a connect timeout by its type; 3.9 only by its message.
    connect_timeout = getattr(aiohttp, "ConnectionTimeoutError", ())
    if isinstance(exc, connect_timeout) or (
        isinstance(exc, aiohttp.ServerTimeoutError) and str(exc).startswith("Connection timeout")
    ):
        return connect_timeout_error(method, url, timeout)
    if isinstance(exc, (aiohttp.ServerTimeoutError, asyncio.TimeoutError)):
        return read_timeout_error(method, url, timeout, reading_body=reading_body)
    if isinstance(exc, (aiohttp.ClientConnectorCertificateError, aiohttp.ClientConnectorSSLError)):
        return tls_error(method, url, exc)
    if isinstance(exc, (aiohttp.ClientProxyConnectionError, aiohttp.ClientHttpProxyError)):
        proxy = f" {redact_url(config.proxy)}" if config.proxy else ""
        return ApiConnectionError(
            f"could not reach {origin} through the proxy{proxy} ({exc}); check Configuration.proxy",
            method=method,
            url=url,
            request_sent=False,
        )
    if isinstance(exc, aiohttp.ClientConnectorError):
        refused = isinstance(exc.os_error, ConnectionRefusedError)
        detail = "connection refused" if refused else f"connection failed: {exc.os_error}"
        return connection_refused_error(method, url, detail, request_sent=False)
    if isinstance(exc, aiohttp.ServerDisconnectedError) and not isinstance(exc.message, str):
        # aiohttp had parsed part of a header section (exc.message is that partial response).
        return ProtocolError(
            f"the response from {origin} was refused: the connection closed inside the response's status "
            "line or headers (no empty line ended the header section); the connection was discarded",
            method=method,
            url=url,
        )
    if isinstance(exc, aiohttp.ServerDisconnectedError):
        return ApiConnectionError(
            f"{origin} closed the connection without sending a response", method=method, url=url
        )
    if isinstance(exc, aiohttp.ClientPayloadError):
        text = str(exc)
        if "chunk" in text.lower() and "not enough data" not in text.lower():
            return ProtocolError(
                f"invalid chunked encoding in the response from {origin} (bad or missing chunk size line)",
                method=method,
                url=url,
            )
        if "decompress" in text.lower() or "encoding" in text.lower():
            return ProtocolError(
                f"the response body from {origin} could not be decompressed ({exc})",
                method=method,
                url=url,
                retryable=False,
            )
        return ApiConnectionError(
            f"the connection to {origin} closed before the whole response body arrived ({text})",
            method=method,
            url=url,
        )
    if isinstance(exc, (aiohttp.ClientResponseError, aiohttp.ClientPayloadError)):
        detail = str(getattr(exc, "message", exc))
        if "chunk size" in detail.lower():
            return ProtocolError(
                f"invalid chunked encoding in the response from {origin} (bad or missing chunk size line)",
                method=method,
                url=url,
            )
        return ProtocolError(
            f"the response from {origin} is not valid HTTP ({_parser_detail(detail)})", method=method, url=url
        )
    if isinstance(exc, (aiohttp.ClientOSError, OSError)):
        return ApiConnectionError(f"the connection to {origin} broke ({exc})", method=method, url=url)
    if isinstance(exc, aiohttp.InvalidURL):
        return ProtocolError(f"cannot send to {url!r} ({exc})", method=method, url=url)
    if isinstance(exc, aiohttp.ClientError):
        return ApiConnectionError(
            f"the request to {origin} failed ({type(exc).__name__}: {exc})", method=method, url=url
        )
    raise exc  # not a transport failure: a bug to see, not to disguise


def _parser_detail(message: str) -> str:
    """aiohttp's parser error, named as http.client names the same fault (a bad status line)."""
    first, _, rest = message.partition("\n")
    if first.startswith(("Expected HTTP/", "Bad status line")):
        quoted = rest.strip().splitlines()[0] if rest.strip() else ""
        if quoted.startswith(("b'", 'b"')):
            line = quoted[2:-1].encode("latin-1").decode("unicode_escape")
            return f"BadStatusLine: {line}\r\n"
    return f"ClientResponseError: {' '.join(message.split())}"


def _closed_error() -> ClientClosedError:
    return ClientClosedError(
        "this AsyncApiClient was closed; create a new one, or use it only inside its `async with` block"
    )


# --- discovery that does not block the loop ---------------------------------------------------------


async def async_discover(**options: Any) -> str:
    """`pieces_os_client.discover`, run in a worker thread so the event loop keeps running.

    Takes the same keyword arguments; bounded by its ``timeout`` (plus a second of slack).
    """
    from pieces_os_client.discovery import DEFAULT_DISCOVERY_TIMEOUT, discover

    timeout = float(options.get("timeout", DEFAULT_DISCOVERY_TIMEOUT))
    return await asyncio.wait_for(asyncio.to_thread(discover, **options), timeout + 1.0)


async def async_wait_until_ready(host: Optional[str] = None, **options: Any) -> str:
    """`pieces_os_client.wait_until_ready`, run in a worker thread so the event loop keeps running.

    Takes the same arguments; bounded by its ``timeout`` (plus a second of slack).
    """
    from pieces_os_client.discovery import wait_until_ready

    timeout = float(options.get("timeout", 30.0))
    return await asyncio.wait_for(asyncio.to_thread(wait_until_ready, host, **options), timeout + 1.0)
