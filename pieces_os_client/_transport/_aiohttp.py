"""The asyncio client's transport: one aiohttp session (``pieces-os-client[async]``), one attempt per call.

The same seam as the blocking transports, with awaitables: ``await handle_request(request)`` returns an
`AiohttpResponse` whose ``chunks()`` is iterated with ``async for``. The body is read, bounded, by
`read_body_async` above this module.

aiohttp is used through its documented doors: a `ClientSession` with a `TCPConnector` built from
arguments (``limit``, ``ssl``, ``socket_factory``), `ClientTimeout` for the connect and read timeouts,
``proxy``/``proxy_auth``/``server_hostname`` per request, a client middleware, and its exception
classes. Its errors are classified by class (and by what the SDK knows: whether the head had arrived,
whether the body was chunked), never by their text, so both of aiohttp's parsers (the C one and the
pure-Python one, ``AIOHTTP_NO_EXTENSIONS=1``) give the same errors. Three choices keep its behaviour the
blocking clients':

- aiohttp sends an idempotent request (a GET) a second time by itself when a connection drops; a
  middleware turns those two errors into one aiohttp does not retry, so `ApiClient`'s policy alone
  decides (and counts) retries;
- the bytes a server sent are undone here (`_decoding`), not by aiohttp, which undoes one coding only;
- a pooled connection on which bytes arrived while it was idle (a server that writes an unasked-for
  response after the answer) is closed instead of reused (`_Connector.connect`): otherwise the next call
  would read those bytes as its answer. aiohttp offers no documented way to see them; the connection's
  protocol says so through ``should_close``, the property aiohttp's own pool reads when a connection is
  released. If a release of aiohttp lacks it, the client refuses to start (a test pins it). The
  connection a response ended with ``Connection: close`` in one of several lines is closed the same
  way: aiohttp before 3.14 heeds only one of those lines.

The session (a connection pool of at most ``pool_maxsize`` connections) is created on the first
request, inside the running loop, and belongs to that loop. aiohttp is imported when this transport is
built, never by ``import pieces_os_client``.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import http.client
import socket
import ssl
import time
import weakref
from typing import TYPE_CHECKING, Any, AsyncGenerator, Dict, Mapping, Optional, Tuple

from typing_extensions import Unpack

from pieces_os_client._redact import redact_url
from pieces_os_client._transport._decoding import PIECE, BodyDecoder
from pieces_os_client._transport._errors import Kind, TransportFailure, pool_timeout_failure, raised_by
from pieces_os_client._transport._framing import asks_to_close, refused_head
from pieces_os_client._transport._seam import TransportRequest, TransportSettings
from pieces_os_client._transport._settings import (
    SOCKS_SCHEMES,
    Settings,
    proxy_and_credentials,
    proxy_scheme,
    resolve_settings,
)
from pieces_os_client.exceptions import ConfigurationError

if TYPE_CHECKING:
    import aiohttp

__all__ = ["INSTALL_HINT", "AiohttpResponse", "AiohttpTransport"]

INSTALL_HINT = "pip install 'pieces-os-client[async]'"

# The header limits http.client applies, so both clients accept and refuse the same heads: 64 KiB per
# line, and 100 lines counting the empty one that ends the section (99 headers).
_MAX_LINE = 65536
_MAX_HEADERS = 99

_NO_TYPE = ("Content-Type",)


def _import_aiohttp() -> Any:
    """The aiohttp module, or an ImportError that says how to install it."""
    try:
        import aiohttp
    except ImportError as exc:
        raise ImportError(
            f"AsyncApiClient needs aiohttp, which is not installed; install it with {INSTALL_HINT}"
        ) from exc
    return aiohttp


class AiohttpTransport:
    """Sends requests over one aiohttp session; every argument is a keyword of `TransportSettings`.

    ``pool_block`` does not apply: aiohttp always waits (up to ``pool_timeout``) for a free connection.
    A SOCKS proxy is refused: aiohttp has no SOCKS support.
    """

    def __init__(self, **settings: Unpack[TransportSettings]) -> None:
        self._aiohttp = library = _import_aiohttp()
        proxy = settings.get("proxy")
        if proxy and proxy_scheme(proxy) in SOCKS_SCHEMES:  # before resolve_settings asks for PySocks
            raise ConfigurationError(
                f"the asyncio client cannot use the SOCKS proxy {redact_url(proxy)} "
                f"({proxy_scheme(proxy)}:// is not supported by aiohttp): use ApiClient, "
                "which supports SOCKS with pieces-os-client[socks], or an http:// proxy"
            )
        resolved = self._settings = resolve_settings(settings)
        self._classes = _sdk_classes(library)
        self.session: Optional[aiohttp.ClientSession] = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._closer: Optional[AsyncGenerator[None, None]] = None
        self._closing: weakref.WeakSet[Any] = weakref.WeakSet()  # the session's connector's
        # (connect, read) -> aiohttp.ClientTimeout: most calls use the same few.
        self._timeouts: Dict[Tuple[float, float], Any] = {}
        proxy = resolved.proxy
        self._proxy: Optional[str] = None
        self._proxy_auth: Any = None
        self._proxy_headers: Optional[Dict[str, str]] = None
        if proxy:
            self._proxy, credentials = proxy_and_credentials(proxy)
            headers = dict(resolved.proxy_headers or {})
            given = any(name.lower() == "proxy-authorization" for name in headers)
            if credentials is not None and not given:
                self._proxy_auth = library.BasicAuth(*credentials)
            self._proxy_headers = headers or None
        self._ssl: Any = _ssl_context(resolved)
        # What every request passes beyond aiohttp's defaults (proxy, TLS name, TLS context): only
        # what is set, since aiohttp looks at every argument it is given.
        options: Dict[str, Any] = {
            "proxy": self._proxy,
            "proxy_auth": self._proxy_auth,
            "proxy_headers": self._proxy_headers,
            "server_hostname": resolved.tls_server_name,
            "ssl": None if self._ssl is True else self._ssl,
        }
        self._options = {name: value for name, value in options.items() if value is not None}

    # --- sending ----------------------------------------------------------------------------------------

    def _client_timeout(self, key: Tuple[float, float]) -> Any:
        """The ClientTimeout for ``key`` (connect, read), made and remembered: calls use the same few."""
        if len(self._timeouts) >= 64:  # timeouts computed per call: keep the cache small
            self._timeouts.clear()
        connect, read = key
        found = self._timeouts[key] = self._aiohttp.ClientTimeout(
            total=None,
            # aiohttp's connect covers waiting for a free connection, then connecting
            connect=self._settings.pool_timeout + connect,
            sock_connect=connect,
            sock_read=read,
        )
        return found

    async def handle_request(self, request: TransportRequest) -> AiohttpResponse:
        session = self.session
        if session is None or self._loop is not asyncio.get_running_loop():
            session = await self._session_for_this_loop()
        headers = request.headers
        if "Accept-Encoding" not in headers:  # what urllib3 sends: no compressed body is asked for
            headers = {**headers, "Accept-Encoding": "identity"}
        proxy_headers = self._proxy_headers
        if proxy_headers is not None and request.url.startswith("http:"):
            # aiohttp sends proxy_headers only on a CONNECT (https targets); a plain-http request goes
            # to the proxy itself, so they travel with it, as the blocking clients send them.
            headers = {**headers, **proxy_headers}
        started = time.monotonic()
        timeout = self._timeouts.get(request.timeout) or self._client_timeout(request.timeout)
        try:
            response = await session.request(
                request.method,
                request.url,
                data=request.body,
                headers=headers,
                allow_redirects=False,
                timeout=timeout,
                # aiohttp gives a POST without a body "Content-Type: application/octet-stream"; urllib3
                # sends none. Asked for per request, not per session: a session-wide list costs every call.
                skip_auto_headers=None if request.body is not None or request.method == "GET" else _NO_TYPE,
                **self._options,
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            failure = self._failure(exc)
            if failure.kind is Kind.CONNECT_TIMEOUT and time.monotonic() - started >= (
                self._settings.pool_timeout + request.timeout[0]
            ):
                # aiohttp's connect timeout covers waiting for a free connection and connecting, and it
                # says "connection timeout" for both: when the whole budget ran out, it was the wait.
                failure = pool_timeout_failure(self._settings.pool_timeout, self._settings.pool_maxsize)
            raise failure from exc
        length = response.headers.get("Content-Length")
        refused = None
        if (
            length is None
            or not length.isdigit()
            or response.status == 101
            or len(response.headers.getall("Content-Length")) > 1  # two lines: one parser lets them by
        ):
            # The rare heads: the framing rule. A response a mock made in memory (aioresponses) has no
            # connection, and no framing to check. Two Content-Length lines are joined, as urllib3 joins
            # them, so the rule sees several values.
            head: Mapping[str, str] = response.headers
            lines = response.headers.getall("Content-Length", ())
            if len(lines) > 1:
                head = {"Content-Length": ", ".join(lines)}
            refused = refused_head(response.status, head, on_a_connection=response.connection is not None)
        if refused is None and len(response.raw_headers) > _MAX_HEADERS:
            # Counted here: aiohttp's own max_headers (3.13 on) counts differently in its two parsers.
            refused = f"more than {_MAX_HEADERS} headers"
        if refused is not None:
            response.close()
            raise TransportFailure(Kind.REFUSED_HEAD, refused)
        lines = response.headers.getall("Connection", ())
        if len(lines) > 1 and asks_to_close(", ".join(lines)):
            # Some aiohttp releases heed one of several Connection lines; a "close" in any of them means
            # the server closes after this response (RFC 9110 7.6.1). aiohttp pools the connection as
            # the body ends, so the connector is told to close it instead of handing it out again.
            # By now aiohttp may have pooled it (the body had all arrived): the connector named it.
            protocol = _CHECKED_OUT.get(None)
            if protocol is not None:
                self._closing.add(protocol)
        return AiohttpResponse(response, self, None if length is None else int(length))

    async def _session_for_this_loop(self) -> aiohttp.ClientSession:
        """The session of the running loop: made on first use, made again once its loop has closed.

        The session closes with its loop: `asyncio.run` (and pytest-asyncio, and `asyncio.Runner`) close
        every open async generator of the loop (``loop.shutdown_asyncgens()``) before closing the loop,
        and one of them (`_closes_with_the_loop`) closes the session then, while the loop still runs.
        So a client used across two ``asyncio.run()`` calls leaves no connection of the first behind.
        """
        loop = asyncio.get_running_loop()
        old = self.session
        if old is not None and not old.closed and self._loop is not loop:
            if self._loop is not None and not self._loop.is_closed():
                from pieces_os_client.exceptions import EventLoopError

                raise EventLoopError(
                    "this AsyncApiClient is in use by another event loop that is still running; one client "
                    "serves one event loop: create a client per loop (or per thread that runs a loop)"
                )
            # Its loop has closed; its connections were closed with it (or, on a loop closed without
            # shutting its async generators down, went with it): nothing is left to close on this loop.
            old.detach()
            self.session = None
        aiohttp = self._aiohttp
        settings = self._settings
        socket_options = settings.socket_options
        connector = self._classes.connector(
            limit=settings.pool_maxsize,
            limit_per_host=settings.pool_maxsize,
            socket_factory=None if socket_options is None else functools.partial(_socket, socket_options),
        )
        session = aiohttp.ClientSession(
            connector=connector,
            trust_env=False,  # no proxy or .netrc from the environment: only what is configured
            cookie_jar=aiohttp.DummyCookieJar(),  # no cookie is ever stored or sent back
            timeout=aiohttp.ClientTimeout(total=None),
            auto_decompress=False,  # codings are undone by _decoding, as urllib3 undoes them
            middlewares=(self._classes.no_retry,),
            max_line_size=_MAX_LINE,
            max_field_size=_MAX_LINE,
        )
        self.session, self._loop, self._closing = session, loop, connector.closing
        guard = self._closer = _closes_with_the_loop(self, session)
        await guard.__anext__()  # started: the loop now holds it among its async generators
        return session  # type: ignore[no-any-return]

    async def aclose(self) -> None:
        session, self.session = self.session, None
        guard, self._closer = self._closer, None
        if session is None:
            return
        if self._loop is asyncio.get_running_loop():
            if guard is not None:
                await guard.aclose()  # closes the session
            else:
                await session.close()
        else:  # made on a loop that has closed: its connections were closed with it
            session.detach()

    def __repr__(self) -> str:
        proxy = self._settings.proxy
        return f"AiohttpTransport(proxy={None if proxy is None else redact_url(proxy)!r})"

    def _failure(self, exc: BaseException) -> TransportFailure:
        """The failure an aiohttp (or socket) exception raised before the response head is."""
        aiohttp = self._aiohttp
        if isinstance(exc, self._classes.attempt_failed):
            exc = exc.__cause__ or exc
        if isinstance(exc, aiohttp.ConnectionTimeoutError):
            return TransportFailure(Kind.CONNECT_TIMEOUT)
        if isinstance(exc, (aiohttp.ServerTimeoutError, asyncio.TimeoutError)):
            return TransportFailure(Kind.READ_TIMEOUT)
        if isinstance(exc, (aiohttp.ClientConnectorCertificateError, aiohttp.ClientConnectorSSLError)):
            return TransportFailure(Kind.TLS, exc)
        if isinstance(exc, (aiohttp.ClientProxyConnectionError, aiohttp.ClientHttpProxyError)):
            proxy = self._settings.proxy
            return TransportFailure(
                Kind.PROXY, exc, request_sent=False, proxy=f" {redact_url(proxy)}" if proxy else ""
            )
        if isinstance(exc, aiohttp.ClientConnectorError):
            refused = isinstance(exc.os_error, ConnectionRefusedError)
            return TransportFailure(
                Kind.REFUSED, "connection refused" if refused else f"connection failed: {exc.os_error}"
            )
        if isinstance(exc, aiohttp.ServerDisconnectedError):
            if isinstance(exc.message, str):
                return TransportFailure(Kind.NO_RESPONSE)
            # aiohttp had parsed part of a header section (exc.message is that partial response).
            return TransportFailure(
                Kind.REFUSED_HEAD,
                "the connection closed inside the response's status line or headers "
                "(no empty line ended the header section)",
            )
        fault = _parser_fault(aiohttp, exc)
        if fault is not None:
            return TransportFailure(Kind.NOT_HTTP, _describe_head_fault(aiohttp, fault))
        if isinstance(exc, (aiohttp.ClientOSError, OSError)):
            return TransportFailure(Kind.BROKEN, exc)
        if isinstance(exc, aiohttp.InvalidURL):
            return TransportFailure(Kind.BAD_URL, exc)
        if isinstance(exc, aiohttp.ClientError):
            return TransportFailure(Kind.FAILED, f"{type(exc).__name__}: {exc}")
        raiser = raised_by(exc)
        if raiser is not None:  # no socket was involved: a mock (aioresponses) or a cassette raised it
            timeout = isinstance(exc, (TimeoutError, asyncio.TimeoutError))
            return TransportFailure(Kind.TIMEOUT_NOT_SENT if timeout else Kind.NOT_SENT, raiser)
        raise exc  # not a transport failure: a bug to see, not to disguise


async def _closes_with_the_loop(transport: AiohttpTransport, session: Any) -> AsyncGenerator[None, None]:
    """Suspended until its loop shuts its async generators down (or the transport closes): then it
    closes ``session``, on that loop, and the transport makes a new one on its next request."""
    try:
        yield
    finally:
        if transport.session is session:
            transport.session = None
        if not session.closed:
            await session.close()


class AiohttpResponse:
    """An aiohttp response as a transport response; ``chunks()`` is the response itself (``async for``)."""

    __slots__ = ("_decoder", "_done", "_raw", "_read", "_transport", "headers", "length", "reason", "status")

    # Declared here, as the seam's protocols declare them: type checkers then see this class as one.
    status: int
    reason: str
    headers: Mapping[str, str]
    length: Optional[int]

    def __init__(
        self, raw: aiohttp.ClientResponse, transport: AiohttpTransport, length: Optional[int]
    ) -> None:
        self._raw = raw
        self._transport = transport
        self._read = 0  # bytes read off the connection (before decoding)
        self._done = False
        self.status = status = raw.status
        self.reason = raw.reason or http.client.responses.get(status, "")
        headers: Mapping[str, str] = raw.headers
        self.headers = headers
        self.length = length  # aiohttp's parser has checked it is a whole number
        # Repeated Content-Encoding lines are one list (RFC 9110 5.3), as urllib3 joins them.
        codings = raw.headers.getall("Content-Encoding", None)
        self._decoder = None if codings is None else BodyDecoder.for_header(", ".join(codings))

    def chunks(self) -> AiohttpResponse:
        return self

    async def read_whole(self) -> Optional[bytes]:
        """The whole body in one read when its length is declared and nothing is to be undone, else None.

        `read_body_async` asks for it first: one read instead of an iteration that must end in a raised
        StopAsyncIteration. The read stops at the declared length and raises if the body is short.
        """
        if self._decoder is not None or self.length is None:
            return None
        self._done = True
        try:
            data: bytes = await self._raw.content.read()
        except Exception as exc:
            raise self._failure(exc) from exc
        self._read = len(data)
        return data

    def __aiter__(self) -> AiohttpResponse:
        return self

    async def __anext__(self) -> bytes:
        if self._done:
            raise StopAsyncIteration
        decoder = self._decoder
        content = self._raw.content
        try:
            if decoder is None and self.length is not None:
                # Known length, nothing to undo: one read, which stops at the length and raises if short.
                self._done = True
                data: bytes = await content.read()
                self._read = len(data)
                if not data:
                    raise StopAsyncIteration
                return data
            while True:
                data = await content.read(PIECE)
                self._read += len(data)
                if decoder is None:
                    if not data:
                        raise StopAsyncIteration
                    return data
                if not data:
                    self._done = True
                    decoder.finish()
                    raise StopAsyncIteration
                decoded = b"".join(decoder.undo(data))
                if decoded:
                    return decoded
        except (StopAsyncIteration, TransportFailure):
            raise
        except Exception as exc:
            raise self._failure(exc) from exc

    def release(self) -> None:
        self._raw.release()

    def discard(self) -> None:
        self._raw.close()

    def _failure(self, exc: BaseException) -> TransportFailure:
        """The failure an exception raised while reading the body is."""
        aiohttp = self._transport._aiohttp
        if isinstance(exc, (aiohttp.ServerTimeoutError, asyncio.TimeoutError)):
            return TransportFailure(Kind.READ_TIMEOUT)
        if isinstance(exc, aiohttp.ClientPayloadError):
            # The connection ended before the body did.
            length = self.length
            if length is not None:  # worded as http.client words it, from what was read and announced
                read = self._raw.content.total_bytes
                return TransportFailure(
                    Kind.CLOSED_EARLY, f"IncompleteRead({read} bytes read, {length - read} more expected)"
                )
            return TransportFailure(Kind.CLOSED_EARLY, "the connection closed inside the body")
        if _parser_fault(aiohttp, exc) is not None:
            chunked = "chunked" in self.headers.get("Transfer-Encoding", "").lower()
            return TransportFailure(Kind.BAD_CHUNK) if chunked else TransportFailure(Kind.BAD_FRAMING, exc)
        return self._transport._failure(exc)


# --- what the transport adds to aiohttp, built once per aiohttp module -----------------------------------


class _Classes:
    """The connector class, the middleware and the error class the transport adds to aiohttp."""

    def __init__(
        self, connector: Any, no_retry: Any, attempt_failed: Any, max_headers: Dict[str, int]
    ) -> None:
        self.connector = connector
        self.no_retry = no_retry
        self.attempt_failed = attempt_failed
        self.max_headers = max_headers  # ClientSession's argument where aiohttp has it


# The protocol of the connection the current task's request went out on, set by the connector.
_CHECKED_OUT: contextvars.ContextVar[Any] = contextvars.ContextVar("pieces_os_client_checked_out")


@functools.cache
def _sdk_classes(aiohttp: Any) -> _Classes:
    if not hasattr(aiohttp.client_proto.ResponseHandler, "should_close"):  # pragma: no cover - aiohttp's own
        raise ImportError(
            "this aiohttp has no ResponseHandler.should_close, which the asyncio client needs to refuse a "
            "connection with unread bytes; install a supported aiohttp: " + INSTALL_HINT
        )

    class AttemptFailed(aiohttp.ClientConnectionError):  # type: ignore[misc]
        """A dropped connection, raised so that aiohttp does not send the request again by itself."""

    async def no_retry(request: Any, handler: Any) -> Any:
        try:
            return await handler(request)
        except (aiohttp.ClientOSError, aiohttp.ServerDisconnectedError) as exc:
            raise AttemptFailed(str(exc)) from exc

    class Connector(aiohttp.TCPConnector):  # type: ignore[misc]
        """aiohttp's connector; a pooled connection with bytes that arrived while it was idle is closed."""

        def __init__(self, **options: Any) -> None:
            super().__init__(**options)
            # Connections whose last response said "Connection: close" in one of several lines.
            self.closing: weakref.WeakSet[Any] = weakref.WeakSet()

        def unusable(self, connection: Any) -> bool:
            protocol = connection.protocol
            return protocol is not None and (protocol.should_close or protocol in self.closing)

        async def connect(self, req: Any, traces: Any, timeout: Any) -> Any:
            connection = await super().connect(req, traces, timeout)
            if self.unusable(connection):
                for _ in range(self.limit):  # at most every pooled connection, then a new one
                    connection.close()  # never reused: those bytes are no answer to this request
                    connection = await super().connect(req, traces, timeout)
                    if not self.unusable(connection):
                        break
            # aiohttp connects in the task that sends, so the transport reads this back in that task.
            _CHECKED_OUT.set(connection.protocol)
            return connection

    import inspect

    has_max_headers = "max_headers" in inspect.signature(aiohttp.ClientSession).parameters
    return _Classes(
        Connector, no_retry, AttemptFailed, {"max_headers": _MAX_HEADERS} if has_max_headers else {}
    )


def _socket(options: Any, addr_info: Any) -> socket.socket:
    """A socket for aiohttp's ``socket_factory``, with ``Configuration.socket_options`` set on it."""
    family, kind, proto = addr_info[0], addr_info[1], addr_info[2]
    sock = socket.socket(family=family, type=kind, proto=proto)
    try:
        for level, option, value in options:
            sock.setsockopt(level, option, value)
    except BaseException:
        sock.close()
        raise
    return sock


def _ssl_context(settings: Settings) -> Any:
    """What aiohttp's ``ssl=`` takes: True (its default verification), False, or a context of our own."""
    if not settings.verify_ssl:
        return False
    if (
        settings.ssl_ca_cert is None
        and settings.ca_cert_data is None
        and settings.cert_file is None
        and settings.assert_hostname is None
    ):
        return True
    context = ssl.create_default_context(cafile=settings.ssl_ca_cert, cadata=settings.ca_cert_data)
    if settings.cert_file is not None:
        context.load_cert_chain(settings.cert_file, settings.key_file)
    if settings.assert_hostname is False:
        context.check_hostname = False
    return context


def _parser_fault(aiohttp: Any, exc: BaseException) -> Optional[BaseException]:
    """The error of aiohttp's HTTP parser in ``exc``'s chain, the most specific one, if any.

    aiohttp wraps what its parser raised (``ClientResponseError`` from a generic
    ``HttpProcessingError`` from the parser's own class); the innermost one names the fault.
    """
    fault_class = aiohttp.http_exceptions.HttpProcessingError
    found: Optional[BaseException] = None
    current: Optional[BaseException] = exc
    for _ in range(8):
        if current is None:
            break
        if isinstance(current, fault_class) or (
            found is None and isinstance(current, aiohttp.ClientResponseError)
        ):
            found = current
        current = current.__cause__ or current.__context__
    return found


def _describe_head_fault(aiohttp: Any, fault: BaseException) -> str:
    """What is wrong with a response head, as far as both of aiohttp's parsers say the same.

    The C parser and the pure-Python one raise different classes for the same bytes (a line that is
    not a status line is ``BadHttpMessage`` for one, ``BadStatusLine`` for the other), so only what
    both tell alike is named.
    """
    if isinstance(fault, aiohttp.http_exceptions.LineTooLong):
        return "a header line is too long"
    return "malformed status line, headers or framing"
