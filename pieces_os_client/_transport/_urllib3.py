"""The default transport: one urllib3 `PoolManager` (keep-alive, thread-safe) sending one attempt per call.

urllib3 is used through its documented doors only: a `PoolManager`, `ProxyManager` or (for
``socks5://`` proxies) `SOCKSProxyManager` built from keyword arguments, ``urlopen`` with a `Timeout`, and
the response read through `BaseHTTPResponse`. Its pool and connection classes are urllib3's own, so
tools that patch them (vcrpy, pytest-recording, OpenTelemetry) see every request. urllib3's own
retries and redirects are off (``retries=False, redirect=False``): `ApiClient` decides what to retry,
and a 3xx reaches the caller as an error instead of being followed with the credential headers. Every
urllib3, http.client and socket error is classified here (`_classify`) into a `Kind` of the shared
table, which words the SDK's error. No cookie is ever stored or sent: urllib3 keeps no cookie jar.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import sys
from typing import Any, Dict, Iterator, List, Mapping, Optional, Tuple

import urllib3
from typing_extensions import Unpack
from urllib3 import exceptions as u3
from urllib3.response import BaseHTTPResponse

from pieces_os_client._redact import redact_url
from pieces_os_client._text import server_excerpt
from pieces_os_client._transport import _deadline
from pieces_os_client._transport._decoding import BodyDecoder
from pieces_os_client._transport._errors import Kind, TransportFailure, pool_timeout_failure, raised_by
from pieces_os_client._transport._framing import asks_to_close, refused_head
from pieces_os_client._transport._seam import TransportRequest, TransportSettings
from pieces_os_client._transport._settings import Settings, proxy_and_credentials, resolve_settings

__all__ = ["Urllib3Response", "Urllib3Transport", "pool_arguments"]

# Bytes read per step when the body length is not known up front (chunked or compressed).
_CHUNK = 64 * 1024

# urllib3 never retries and never follows a redirect: ApiClient decides. Built once; it is immutable.
_NO_RETRIES = urllib3.Retry(total=False, redirect=False, raise_on_redirect=False, raise_on_status=False)


class Urllib3Transport:
    """Sends requests over one urllib3 pool manager; every argument is a keyword of `TransportSettings`.

    ``Urllib3Transport(pool_maxsize=4, proxy="http://proxy:3128")``; `Configuration` builds the same
    from its settings when ``transport="urllib3"`` (the default).
    """

    def __init__(self, **settings: Unpack[TransportSettings]) -> None:
        self._settings = resolve_settings(settings)
        _deadline.install_send_hook()
        self._manager = _new_manager(self._settings)
        self._timeouts: Dict[Tuple[float, float], urllib3.Timeout] = {}

    def handle_request(self, request: TransportRequest) -> Urllib3Response:
        timeout = request.timeout
        urllib3_timeout = self._timeouts.get(timeout)
        if urllib3_timeout is None:
            urllib3_timeout = urllib3.Timeout(connect=timeout[0], read=timeout[1])
            if len(self._timeouts) < 64:
                self._timeouts[timeout] = urllib3_timeout
        pool_timeout = self._settings.pool_timeout
        with _deadline.Attempt() as attempt:
            deadline = attempt.deadline
            if deadline is not None and deadline.remaining() < pool_timeout:
                pool_timeout = max(deadline.remaining(), 0.001)
            try:
                response = self._manager.urlopen(
                    request.method,
                    request.url,
                    body=request.body,
                    headers=request.headers,
                    retries=_NO_RETRIES,
                    redirect=False,
                    timeout=urllib3_timeout,
                    preload_content=False,
                    pool_timeout=pool_timeout,
                )
            except Exception as exc:  # every failure to get a response is classified
                _deadline.close_abandoned(attempt.sock)
                raise _classify(exc, self._settings, sent=attempt.sent) from exc
        return Urllib3Response.checked(response, deadline)

    def close(self) -> None:
        self._manager.clear()

    def reset_after_fork(self) -> None:
        # The parent's connections stay open for the parent: the child drops them unclosed.
        self._manager = _new_manager(self._settings)

    def __repr__(self) -> str:
        proxy = self._settings.proxy
        return f"Urllib3Transport(proxy={None if proxy is None else redact_url(proxy)!r})"


def pool_arguments(settings: Settings) -> Dict[str, Any]:
    """The urllib3 pool keyword arguments (TLS, socket options) both blocking transports pass."""
    kwargs: Dict[str, Any] = {}
    if settings.ssl_ca_cert is not None:
        kwargs["ca_certs"] = settings.ssl_ca_cert
    if settings.ca_cert_data is not None:
        kwargs["ca_cert_data"] = settings.ca_cert_data
    if settings.cert_file is not None:
        kwargs["cert_file"] = settings.cert_file
    if settings.key_file is not None:
        kwargs["key_file"] = settings.key_file
    if settings.assert_hostname is not None:
        kwargs["assert_hostname"] = settings.assert_hostname
    if settings.tls_server_name is not None:
        kwargs["server_hostname"] = settings.tls_server_name
    if settings.socket_options is not None:
        kwargs["socket_options"] = [tuple(option) for option in settings.socket_options]
    return kwargs


def _new_manager(settings: Settings) -> urllib3.PoolManager:
    kwargs: Dict[str, Any] = {
        "maxsize": settings.pool_maxsize,
        "block": settings.pool_block,
        "retries": _NO_RETRIES,
        "cert_reqs": "CERT_REQUIRED" if settings.verify_ssl else "CERT_NONE",
        **pool_arguments(settings),
    }
    proxy = settings.proxy
    if not proxy:
        return urllib3.PoolManager(**kwargs)
    bare, credentials = proxy_and_credentials(proxy)
    if settings.socks:
        from urllib3.contrib.socks import SOCKSProxyManager  # needs PySocks: checked by resolve_settings

        # The credentials are given decoded (urllib3 2.6 takes them from the URL still percent-encoded),
        # and the URL it keeps holds none.
        user, password = credentials if credentials is not None else (None, None)
        manager: urllib3.PoolManager = SOCKSProxyManager(bare, username=user, password=password, **kwargs)
        return manager
    proxy_headers = dict(settings.proxy_headers or {})
    if credentials is not None and not any(k.lower() == "proxy-authorization" for k in proxy_headers):
        proxy_headers.update(urllib3.make_headers(proxy_basic_auth=":".join(credentials)))
    return urllib3.ProxyManager(bare, proxy_headers=proxy_headers, **kwargs)


class Urllib3Response:
    """A urllib3 response (also the one under a requests response) as a `TransportResponse`."""

    __slots__ = ("_deadline", "_live", "_raw", "_sock", "headers", "length", "reason", "status")

    # Declared here, as the seam's protocols declare them: type checkers then see this class as one.
    status: int
    reason: str
    headers: Mapping[str, str]
    length: Optional[int]

    def __init__(self, raw: BaseHTTPResponse, deadline: Optional[_deadline.Deadline] = None) -> None:
        self._raw = raw
        self._deadline = deadline
        # A response replayed from memory has no connection: a mock's (responses) has None, and vcrpy's
        # (an http.client response, not urllib3's, whether recorded or replayed) has no such attribute.
        connection: Any = getattr(raw, "connection", None)
        self._live = connection is not None
        # The connection's socket, for the deadline to watch.
        self._sock: Any = getattr(connection, "sock", None)
        self.status = status = raw.status
        self.reason = raw.reason or http.client.responses.get(status, "")
        self.headers: Mapping[str, str] = raw.headers
        self.length: Optional[int] = raw.length_remaining

    @classmethod
    def checked(cls, raw: BaseHTTPResponse, deadline: Optional[_deadline.Deadline]) -> Urllib3Response:
        """``raw`` as a response, its socket watched by ``deadline``; a head the SDK refuses raises."""
        response = cls(raw, deadline)
        if deadline is not None:  # already watched when the audit hook saw the request go out
            deadline.watch(response._sock)
        refused = refused_head(response.status, response.headers, on_a_connection=response._live)
        if refused is not None:
            response.discard()
            raise TransportFailure(Kind.REFUSED_HEAD, refused)
        return response

    def chunks(self) -> Iterator[bytes]:
        """The decoded body; the socket is watched by the total deadline of the read meanwhile."""
        raw = self._raw
        current = _deadline.current()
        if current is not None and current is not self._deadline:  # a streamed body read later
            self._deadline = current
            current.watch(self._sock)
        # The SDK undoes the content codings itself (_decoding), as for the asyncio client: urllib3's
        # decoders return what they have when a compressed stream is cut short, and let an unknown
        # coding through still coded.
        decoder = BodyDecoder.for_header(raw.headers.get("Content-Encoding"))  # repeated lines joined
        try:
            if self.length is not None and decoder is None:
                # Known length, nothing to undo: one read, and http.client fails on a short body.
                yield raw.read(decode_content=False)
            else:
                while True:
                    chunk = raw.read(_CHUNK, decode_content=False)
                    if not chunk:
                        break
                    if decoder is None:
                        yield chunk
                    else:
                        yield from decoder.undo(chunk)
                if decoder is not None:
                    decoder.finish()
        except TransportFailure:
            raise
        except Exception as exc:
            raise _classify(exc, None, reading_body=True) from exc
        deadline = self._deadline
        if deadline is not None and deadline.expired:
            # The watchdog shut the socket down: what was read may end early yet look complete.
            raise TransportFailure(Kind.READ_TIMEOUT)

    def release(self) -> None:
        deadline, self._deadline = self._deadline, None
        if deadline is not None:
            deadline.unwatch()  # before the connection can be handed to another call
        raw = self._raw
        raw.release_conn()
        if asks_to_close(raw.headers.get("Connection")) and self._sock is not None:
            # http.client reads only the first Connection line; RFC 9110 joins them, and any "close"
            # means the server is closing: a request sent on the connection would be lost. urllib3 has
            # put the connection back in its pool as the body ended; shut down, the socket reads as
            # closed when the pool next checks it, and urllib3 opens a new connection instead. (Should
            # another thread take it in between, its request was lost already: the server is closing.)
            with contextlib.suppress(OSError, ValueError):
                socket.socket.shutdown(self._sock, socket.SHUT_RDWR)

    def discard(self) -> None:
        """Close the connection under an unfinished response and free its pool slot."""
        deadline, self._deadline = self._deadline, None
        if deadline is not None:
            deadline.unwatch()
        try:
            self._raw.close()
        finally:
            self._raw.release_conn()


def _mocked_requests_hint() -> str:
    """A hint when the ``responses`` library mocks requests while this client sends with urllib3."""
    adapters = sys.modules.get("requests.adapters")
    send = getattr(getattr(adapters, "HTTPAdapter", None), "send", None)
    if str(getattr(send, "__module__", "")).split(".", 1)[0] != "responses":
        return ""
    return (
        "; the responses library is mocking requests, but this client sends with urllib3: build it with "
        "Configuration(transport='requests') so the mock answers"
    )


def _inner(exc: BaseException) -> BaseException:
    """The low-level error urllib3 wrapped (its ProtocolError keeps it as the second argument)."""
    if isinstance(exc, u3.ProtocolError) and len(exc.args) > 1 and isinstance(exc.args[1], BaseException):
        return exc.args[1]
    if isinstance(exc, (u3.ProxyError, u3.SSLError)) and exc.__cause__ is not None:
        return exc.__cause__
    return exc


def _has_in_chain(exc: BaseException, kind: type) -> bool:
    return _found_in_chain(exc, kind) is not None


def _found_in_chain(exc: BaseException, kind: type) -> Optional[BaseException]:
    """The first error of type ``kind`` in ``exc``'s chain (causes, contexts, wrapped errors), if any."""
    seen: List[BaseException] = []
    current: Optional[BaseException] = exc
    while current is not None and current not in seen:
        if isinstance(current, kind):
            return current
        seen.append(current)
        if isinstance(current, u3.ProtocolError) and len(current.args) > 1:
            arg = current.args[1]
            if isinstance(arg, BaseException):
                current = arg
                continue
        current = current.__cause__ or current.__context__
    return None


def _classify(
    exc: BaseException, settings: Optional[Settings], *, reading_body: bool = False, sent: bool = True
) -> TransportFailure:
    """The failure ``exc`` (raised by urllib3, http.client or a socket) is; re-raises anything else.

    ``sent`` is False when the audit hook saw no byte of the request go out on this attempt: then a
    timeout is a connect timeout (urllib3 reports a TLS handshake that stalls as a read timeout) and
    a broken connection left nothing for the server to act on.
    """
    missing = None if reading_body else _found_in_chain(exc, FileNotFoundError)
    if missing is not None:
        # Only a TLS file (ssl_ca_cert, cert_file, key_file) is opened while connecting.
        return TransportFailure(Kind.TLS_FILE, missing)
    if isinstance(exc, u3.EmptyPoolError):
        maxsize = settings.pool_maxsize if settings is not None else "?"
        wait = settings.pool_timeout if settings is not None else "?"
        return pool_timeout_failure(wait, maxsize)
    if isinstance(exc, u3.NameResolutionError):
        return TransportFailure(Kind.REFUSED, "cannot resolve the host name")
    if isinstance(exc, u3.NewConnectionError):
        if _has_in_chain(exc, ConnectionRefusedError):
            return TransportFailure(Kind.REFUSED, "connection refused" + _mocked_requests_hint())
        cause = exc.__cause__ or exc.__context__
        return TransportFailure(
            Kind.REFUSED, f"connection failed: {cause}" if cause is not None else "connection failed"
        )
    if isinstance(exc, u3.ConnectTimeoutError) or (
        not sent and isinstance(exc, (u3.ReadTimeoutError, TimeoutError)) and _deadline.hook_installed()
    ):
        return TransportFailure(Kind.CONNECT_TIMEOUT)
    if isinstance(exc, (u3.ReadTimeoutError, TimeoutError)):
        return TransportFailure(Kind.READ_TIMEOUT)
    if isinstance(exc, u3.SSLError):
        return TransportFailure(Kind.TLS, _inner(exc))
    if isinstance(exc, u3.ProxyError):
        refused = _has_in_chain(exc, ConnectionRefusedError)
        proxy = settings.proxy if settings is not None else None
        return TransportFailure(
            Kind.PROXY,
            "connection refused" if refused else _inner(exc),
            request_sent=not _has_in_chain(exc, u3.NewConnectionError),
            proxy=f" {redact_url(proxy)}" if proxy else "",
        )
    if isinstance(exc, u3.DecodeError):
        return TransportFailure(Kind.UNDECODABLE, exc)
    unsent = None if sent or reading_body or not _deadline.hook_installed() else False
    inner = _inner(exc)
    if isinstance(inner, u3.InvalidChunkLength) or (
        # http.client decodes chunked bodies itself; a chunk-size line that is not hex, or missing
        # because the stream ended without the final 0 chunk, surfaces as an IncompleteRead raised
        # while handling the ValueError from parsing that line.
        isinstance(inner, http.client.IncompleteRead) and _has_in_chain(inner, ValueError)
    ):
        return TransportFailure(Kind.BAD_CHUNK)
    if reading_body and isinstance(inner, ValueError):
        # A chunk-size line such as "-f" parses as a negative length, which the reader refuses.
        return TransportFailure(Kind.BAD_FRAMING, inner)
    if isinstance(inner, (u3.IncompleteRead, http.client.IncompleteRead)):
        return TransportFailure(Kind.CLOSED_EARLY, repr(inner))
    if isinstance(inner, http.client.RemoteDisconnected):
        return TransportFailure(Kind.NO_RESPONSE, request_sent=unsent)
    if isinstance(inner, http.client.BadStatusLine):
        line = str(inner.args[0]).strip() if inner.args else ""
        return TransportFailure(
            Kind.NOT_HTTP, f"bad status line '{server_excerpt(line)}'" if line else "bad status line"
        )
    if isinstance(inner, http.client.LineTooLong):
        return TransportFailure(Kind.NOT_HTTP, "a header line is too long")
    if isinstance(inner, (http.client.HTTPException, u3.HeaderParsingError, u3.InvalidHeader)):
        return TransportFailure(Kind.NOT_HTTP, f"{type(inner).__name__}: {inner}")
    if isinstance(inner, (u3.ProtocolError, OSError)):
        return TransportFailure(Kind.BROKEN, inner, request_sent=unsent)
    if isinstance(inner, u3.LocationValueError):
        return TransportFailure(Kind.BAD_URL, inner)
    if isinstance(inner, u3.HTTPError):
        return TransportFailure(Kind.FAILED, f"{type(inner).__name__}: {inner}")
    raiser = None if reading_body else raised_by(exc)
    if raiser is not None:  # no socket was involved: a tool in the process (vcrpy's cassette) refused it
        return TransportFailure(Kind.NOT_SENT, raiser)
    raise exc  # not a transport failure: a bug to see, not to disguise
