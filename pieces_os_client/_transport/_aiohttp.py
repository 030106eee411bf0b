"""The asyncio client's transport: one aiohttp session (``pieces-os-client[async]``), one attempt per call.

The same seam as the blocking transports, with awaitables: ``await handle_request(request)`` returns
an `AiohttpResponse` whose ``chunks()`` is iterated with ``async for``. The body is read, bounded, by
`read_body_async` above this module, and every aiohttp (or socket) exception is classified here
(`_classify`) into a `Kind` of the shared table, so the asyncio client raises the blocking client's
errors word for word.

The session (a connection pool of at most ``Configuration.connection_pool_maxsize`` connections) is
created on the first request, inside the running loop. aiohttp is imported by whoever builds this
transport, never by ``import pieces_os_client``.
"""

from __future__ import annotations

import asyncio
import functools
import http.client
import ssl
import time
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional, Tuple, Type

from pieces_os_client._redact import redact_url
from pieces_os_client._transport import TransportRequest, check_tls_files
from pieces_os_client._transport._errors import Kind, TransportFailure, pool_timeout_failure

if TYPE_CHECKING:
    import aiohttp

    from pieces_os_client.configuration import Configuration

__all__ = ["AiohttpResponse", "AiohttpTransport"]

# Bytes read per step while the body is counted against max_response_bytes.
_CHUNK = 64 * 1024


_NO_TYPE = ("Content-Type",)


class AiohttpTransport:
    """Sends requests over one aiohttp session built from a `Configuration` (``aiohttp`` is that module)."""

    def __init__(self, configuration: Configuration, aiohttp: Any) -> None:
        check_tls_files(configuration)
        self._aiohttp = aiohttp
        self._configuration = configuration
        self.session: Optional[aiohttp.ClientSession] = None
        # (pool_timeout, connect, read) -> aiohttp.ClientTimeout: most calls use the same few.
        self._timeouts: Dict[Tuple[float, float, float], Any] = {}

    def _new_client_timeout(self, key: Tuple[float, float, float]) -> Any:
        """The ClientTimeout for ``key`` (pool_timeout, connect, read), made and remembered."""
        if len(self._timeouts) >= 64:  # timeouts computed per call: keep the cache small
            self._timeouts.clear()
        pool_timeout, connect, read = key
        found = self._timeouts[key] = self._aiohttp.ClientTimeout(
            total=None,
            connect=pool_timeout + connect,  # waiting for a free connection, then connecting
            sock_connect=connect,
            sock_read=read,
        )
        return found

    async def handle_request(self, request: TransportRequest) -> AiohttpResponse:
        config = self._configuration
        connect, read = request.timeout
        key = (config._pool_timeout, connect, read)
        client_timeout = self._timeouts.get(key) or self._new_client_timeout(key)
        headers = request.headers
        if "Accept-Encoding" not in headers:  # what urllib3 sends: no compressed body is asked for
            headers = {**headers, "Accept-Encoding": "identity"}
        started = time.monotonic()
        try:
            response = await (self.session or self._get_session()).request(
                request.method,
                request.url,
                data=request.body,
                headers=headers,
                allow_redirects=False,
                timeout=client_timeout,
                proxy=config._proxy or None,
                proxy_headers=config._proxy_headers or None,
                # aiohttp gives a POST without a body "Content-Type: application/octet-stream"; urllib3
                # sends none. Asked for per request, not per session: a session-wide list costs every call.
                skip_auto_headers=None if request.body is not None or request.method == "GET" else _NO_TYPE,
            )
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            failure = self._classify(exc)
            if failure.kind is Kind.CONNECT_TIMEOUT and self._waited_for_the_pool(started, connect):
                failure = pool_timeout_failure(config.pool_timeout, config.connection_pool_maxsize)
            raise failure from exc
        if response.status == 101:
            response.close()
            raise TransportFailure(
                Kind.REFUSED_HEAD, "the server switched protocols (101) though no upgrade was asked for"
            )
        return AiohttpResponse(response, self)

    def _waited_for_the_pool(self, started: float, connect: float) -> bool:
        # aiohttp's ``connect`` timeout covers waiting for a free connection and connecting, and it says
        # "connection timeout" for both. It was the wait when the whole budget (pool_timeout, then the
        # connect timeout) ran out, not just the socket's connect timeout, and every connection is busy.
        config = self._configuration
        spent = time.monotonic() - started
        return (
            spent >= config.pool_timeout + connect
            and self.connections_in_use() >= config.connection_pool_maxsize
        )

    def connections_in_use(self) -> int:
        session = self.session
        if session is None or session.closed:
            return 0
        return len(getattr(session.connector, "_acquired", ()))

    async def close(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            await session.close()

    def _get_session(self) -> aiohttp.ClientSession:
        session: Optional[aiohttp.ClientSession] = self.session
        if session is None:
            aiohttp = self._aiohttp
            config = self._configuration
            connector = aiohttp.TCPConnector(
                limit=config.connection_pool_maxsize,
                limit_per_host=config.connection_pool_maxsize,
                ssl=self._ssl_context() if config.host.startswith("https:") or config.proxy else True,
            )
            _use_lazy_read_timer(connector)
            session = aiohttp.ClientSession(
                connector=connector,
                trust_env=False,  # no proxy or .netrc from the environment: only what is configured
                cookie_jar=aiohttp.DummyCookieJar(),  # no cookie is ever stored or sent back
                timeout=aiohttp.ClientTimeout(total=None),
                auto_decompress=True,
            )
            # aiohttp repeats a GET once by itself when the connection drops; the retry policy decides.
            if hasattr(session, "_retry_connection"):
                session._retry_connection = False
            self.session = session
        return session

    def _ssl_context(self) -> Any:
        config = self._configuration
        if not config.verify_ssl:
            return False
        context = ssl.create_default_context(cafile=config.ssl_ca_cert, cadata=config.ca_cert_data)
        if config.cert_file is not None:
            context.load_cert_chain(config.cert_file, config.key_file)
        if config.assert_hostname is False:
            context.check_hostname = False
        return context

    def _classify(self, exc: BaseException) -> TransportFailure:
        """The failure an aiohttp (or socket) exception is; re-raises anything else."""
        aiohttp = self._aiohttp
        if isinstance(exc, aiohttp.ConnectionTimeoutError):
            return TransportFailure(Kind.CONNECT_TIMEOUT)
        if isinstance(exc, (aiohttp.ServerTimeoutError, asyncio.TimeoutError)):
            return TransportFailure(Kind.READ_TIMEOUT)
        if isinstance(exc, (aiohttp.ClientConnectorCertificateError, aiohttp.ClientConnectorSSLError)):
            return TransportFailure(Kind.TLS, exc)
        if isinstance(exc, (aiohttp.ClientProxyConnectionError, aiohttp.ClientHttpProxyError)):
            proxy = self._configuration.proxy
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
        if isinstance(exc, aiohttp.ClientPayloadError):
            text = str(exc).lower()
            if "chunk" in text and "not enough data" not in text:
                return TransportFailure(Kind.BAD_CHUNK)
            if "decompress" in text or "encoding" in text:
                return TransportFailure(Kind.UNDECODABLE, exc)
            return TransportFailure(Kind.CLOSED_EARLY, exc)
        if isinstance(exc, aiohttp.ClientResponseError):
            detail = str(getattr(exc, "message", exc))
            if "chunk size" in detail.lower():
                return TransportFailure(Kind.BAD_CHUNK)
            return TransportFailure(Kind.NOT_HTTP, _parser_detail(detail))
        if isinstance(exc, (aiohttp.ClientOSError, OSError)):
            return TransportFailure(Kind.BROKEN, exc)
        if isinstance(exc, aiohttp.InvalidURL):
            return TransportFailure(Kind.BAD_URL, exc)
        if isinstance(exc, aiohttp.ClientError):
            return TransportFailure(Kind.FAILED, f"{type(exc).__name__}: {exc}")
        raise exc  # not a transport failure: a bug to see, not to disguise


class AiohttpResponse:
    """An aiohttp response as a transport response; ``chunks()`` is the response itself (``async for``)."""

    __slots__ = ("_raw", "_read", "_transport", "headers", "length", "reason", "status")

    def __init__(self, raw: aiohttp.ClientResponse, transport: AiohttpTransport) -> None:
        self._raw = raw
        self._transport = transport
        self._read = 0
        self.status = status = raw.status
        self.reason = raw.reason or http.client.responses.get(status, "")
        headers: Mapping[str, str] = raw.headers
        self.headers = headers
        length = headers.get("Content-Length")  # aiohttp's parser has checked it is a whole number
        self.length = None if length is None else int(length)

    def chunks(self) -> AiohttpResponse:
        return self

    def __aiter__(self) -> AiohttpResponse:
        return self

    async def __anext__(self) -> bytes:
        try:
            chunk: bytes = await self._raw.content.read(_CHUNK)
        except Exception as exc:
            raise self._failure(exc) from exc
        if not chunk:
            raise StopAsyncIteration
        self._read += len(chunk)
        return chunk

    async def read(self) -> bytes:
        try:
            data: bytes = await self._raw.content.read()
        except Exception as exc:
            self._read = self._raw.content.total_bytes
            raise self._failure(exc) from exc
        return data

    def release(self) -> None:
        self._raw.release()

    def discard(self) -> None:
        self._raw.close()

    def _failure(self, exc: BaseException) -> TransportFailure:
        aiohttp = self._transport._aiohttp
        length = self.length
        if (
            isinstance(exc, aiohttp.ClientPayloadError)
            and isinstance(exc.__cause__ or exc.__context__, aiohttp.http_exceptions.ContentLengthError)
            and length is not None
        ):  # worded as http.client words it, from what was read and what was announced
            read = self._read
            return TransportFailure(
                Kind.CLOSED_EARLY, f"IncompleteRead({read} bytes read, {length - read} more expected)"
            )
        return self._transport._classify(exc)


# --- the read timeout, one timer per connection ---------------------------------------------------------
#
# aiohttp's ``sock_read`` timeout counts from the last bytes received, as a socket read timeout does:
# its connection protocol (``aiohttp.client_proto.ResponseHandler``) cancels its timer and arms a new one
# each time it starts a read and each time bytes arrive (``_reschedule_timeout``), and cancels it when the
# response ends (``_drop_timeout``). That is two loop timers per call, about as much as the rest of this
# client's own work on a small call. The subclass below keeps the same deadline, reset at the same
# points, as a number, and one timer per connection waits for it: when the timer fires and the deadline
# has moved on (bytes came since), it waits again for the new one; when it has not, the read times out
# through aiohttp's own ``_on_read_timeout``, so the failure is aiohttp's, word for word. A kept-alive
# connection serving call after call re-arms its timer about once per read timeout, not twice per call.
#
# Those three methods and the ``_read_timeout`` and ``_loop`` attributes are aiohttp's internals,
# unchanged from 3.9 to 3.14 (3.11.11 is the oldest this package supports). If any is missing the
# connector keeps aiohttp's own protocol, which times reads out the same way, at its own cost.

_READ_TIMER_HOOKS = ("_reschedule_timeout", "_drop_timeout", "_on_read_timeout")
_lazy_handler: Optional[Type[Any]] = None


def _lazy_read_timer_class(base: Type[Any]) -> Optional[Type[Any]]:
    """``base`` (aiohttp's ResponseHandler) with its read timeout on one timer, or None if it cannot be."""
    if not all(callable(getattr(base, name, None)) for name in _READ_TIMER_HOOKS):
        return None

    class LazyReadTimer(base):  # type: ignore[misc]
        _read_deadline: Optional[float] = None  # when the read in progress times out, on the loop's clock
        _read_timer: Optional[asyncio.TimerHandle] = None
        _read_timer_at = 0.0  # when _read_timer fires

        def _reschedule_timeout(self) -> None:
            timeout = self._read_timeout
            if not timeout:
                self._read_deadline = None
                return
            loop = self._loop
            deadline = self._read_deadline = loop.time() + timeout
            timer = self._read_timer
            if timer is None or self._read_timer_at > deadline:  # none, or too late for this deadline
                if timer is not None:
                    timer.cancel()
                self._read_timer_at = deadline
                self._read_timer = loop.call_at(deadline, self._read_timer_fired)

        def _drop_timeout(self) -> None:
            self._read_deadline = None  # the timer stays; it finds nothing to do when it fires

        def _read_timer_fired(self) -> None:
            self._read_timer = None
            deadline = self._read_deadline
            if deadline is None:
                return
            if deadline > self._read_timer_at:  # bytes came after the timer was set: wait for the rest
                self._read_timer_at = deadline
                self._read_timer = self._loop.call_at(deadline, self._read_timer_fired)
                return
            self._on_read_timeout()

        def connection_lost(self, exc: Optional[BaseException]) -> None:
            timer, self._read_timer = self._read_timer, None
            if timer is not None:
                timer.cancel()
            super().connection_lost(exc)

    return LazyReadTimer


def _use_lazy_read_timer(connector: Any) -> None:
    """Make ``connector`` build its connections' protocols as `_lazy_read_timer_class` of aiohttp's."""
    global _lazy_handler
    factory = getattr(connector, "_factory", None)
    if not (isinstance(factory, functools.partial) and isinstance(factory.func, type)):
        return
    base: Type[Any] = factory.func
    handler = _lazy_handler
    if handler is None or handler.__base__ is not base:
        probe = factory()  # the state the subclass reads is set by aiohttp's __init__
        if not (hasattr(probe, "_read_timeout") and hasattr(probe, "_loop")):
            return
        handler = _lazy_read_timer_class(base)
        if handler is None:
            return
        _lazy_handler = handler
    build: Callable[..., Any] = handler
    connector._factory = functools.partial(build, *factory.args, **factory.keywords)


def _parser_detail(message: str) -> str:
    """aiohttp's parser error, named as http.client names the same fault (a bad status line)."""
    first, _, rest = message.partition("\n")
    if first.startswith(("Expected HTTP/", "Bad status line")):
        quoted = rest.strip().splitlines()[0] if rest.strip() else ""
        if quoted.startswith(("b'", 'b"')):
            line = quoted[2:-1].encode("latin-1").decode("unicode_escape")
            return f"BadStatusLine: {line}\r\n"
    return f"ClientResponseError: {' '.join(message.split())}"
