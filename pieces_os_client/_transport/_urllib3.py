"""The default transport: one urllib3 `PoolManager` (keep-alive, thread-safe) sending one attempt per call.

urllib3's own retries and redirects are off (``retries=False, redirect=False``): `ApiClient` decides
what to retry, and a 3xx reaches the caller as an error instead of being followed with the credential
headers. Every urllib3, http.client and socket error is classified here (`_classify`) into a `Kind` of
the shared table, which words the SDK's error.
No cookie is ever stored or sent: urllib3 keeps no cookie jar, and a ``Set-Cookie`` is only a header of
its response.
"""

from __future__ import annotations

import http.client
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Tuple

import urllib3
from urllib3 import exceptions as u3
from urllib3.response import BaseHTTPResponse

from pieces_os_client._redact import redact_url
from pieces_os_client._transport import (
    TransportRequest,
    _deadline,
    check_tls_files,
    connections_checked_out,
)
from pieces_os_client._transport._errors import Kind, TransportFailure, pool_timeout_failure
from pieces_os_client._transport._exchange import SendsRequests
from pieces_os_client._transport._http import ResponseFramingError, use_sdk_connections

if TYPE_CHECKING:
    from pieces_os_client.configuration import Configuration

__all__ = ["Urllib3Transport"]

# Bytes read per step when the body length is not known up front (chunked or compressed).
_CHUNK = 64 * 1024

# urllib3 never retries and never follows a redirect: ApiClient decides. Built once; it is immutable.
_NO_RETRIES = urllib3.Retry(total=False, redirect=False, raise_on_redirect=False, raise_on_status=False)


class Urllib3Transport(SendsRequests):
    """Sends requests over one urllib3 pool manager built from a `Configuration`."""

    def __init__(self, configuration: Configuration) -> None:
        check_tls_files(configuration)
        self._pool_timeout = configuration.pool_timeout
        self.proxy = configuration.proxy
        self._maxsize = configuration.connection_pool_maxsize
        kwargs: Dict[str, Any] = {
            "maxsize": configuration.connection_pool_maxsize,
            "block": configuration.pool_block,
            "retries": _NO_RETRIES,
            "cert_reqs": "CERT_REQUIRED" if configuration.verify_ssl else "CERT_NONE",
        }
        if configuration.ssl_ca_cert is not None:
            kwargs["ca_certs"] = configuration.ssl_ca_cert
        if configuration.ca_cert_data is not None:
            kwargs["ca_cert_data"] = configuration.ca_cert_data
        if configuration.cert_file is not None:
            kwargs["cert_file"] = configuration.cert_file
        if configuration.key_file is not None:
            kwargs["key_file"] = configuration.key_file
        if configuration.assert_hostname is not None:
            kwargs["assert_hostname"] = configuration.assert_hostname
        self._manager: urllib3.PoolManager
        if configuration.proxy:
            self._manager = urllib3.ProxyManager(
                configuration.proxy, proxy_headers=dict(configuration.proxy_headers or {}), **kwargs
            )
        else:
            self._manager = urllib3.PoolManager(**kwargs)
        use_sdk_connections(self._manager)
        self._timeouts: Dict[Tuple[float, float], urllib3.Timeout] = {}

    def handle_request(self, request: TransportRequest) -> Urllib3Response:
        timeout = request.timeout
        urllib3_timeout = self._timeouts.get(timeout)
        if urllib3_timeout is None:
            urllib3_timeout = urllib3.Timeout(connect=timeout[0], read=timeout[1])
            if len(self._timeouts) < 64:
                self._timeouts[timeout] = urllib3_timeout
        pool_timeout = self._pool_timeout
        deadline = _deadline.current()
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
            raise _classify(exc, self) from exc
        return Urllib3Response(response)

    def connections_in_use(self) -> int:
        return connections_checked_out(self._manager)

    def close(self) -> None:
        self._manager.clear()

    @property
    def maxsize(self) -> int:
        return self._maxsize

    @property
    def pool_timeout(self) -> float:
        return self._pool_timeout


class Urllib3Response:
    """A urllib3 response (also the one under a requests response) as a `TransportResponse`."""

    __slots__ = ("_deadline", "_raw", "headers", "length", "reason", "status")

    def __init__(self, raw: BaseHTTPResponse) -> None:
        self._raw = raw
        self._deadline: Optional[_deadline.Deadline] = None
        self.status = status = raw.status
        self.reason = raw.reason or http.client.responses.get(status, "")
        self.headers = raw.headers
        self.length: Optional[int] = raw.length_remaining

    def chunks(self) -> Iterator[bytes]:
        """The decoded body; the socket is watched by the current call's total deadline meanwhile."""
        raw = self._raw
        self._deadline = deadline = _deadline.current()
        if deadline is not None:
            deadline.watch(getattr(getattr(raw, "connection", None), "sock", None))
        try:
            encoding = raw.headers.get("Content-Encoding")
            if self.length is not None and (not encoding or encoding.strip().lower() == "identity"):
                # Known length, no compression: one read, and http.client fails on a short body.
                yield raw.read()
            else:
                while True:
                    chunk = raw.read(_CHUNK)
                    if not chunk:
                        break
                    yield chunk
        except Exception as exc:
            raise _classify(exc, None, reading_body=True) from exc
        if deadline is not None and deadline.expired:
            # The watchdog shut the socket down: what was read may end early yet look complete.
            raise TransportFailure(Kind.READ_TIMEOUT)

    def release(self) -> None:
        deadline, self._deadline = self._deadline, None
        if deadline is not None:
            deadline.unwatch()  # before the connection can be handed to another call
        self._raw.release_conn()

    def discard(self) -> None:
        """Close the connection under an unfinished response and free its pool slot."""
        deadline, self._deadline = self._deadline, None
        if deadline is not None:
            deadline.unwatch()
        try:
            self._raw.close()
        finally:
            self._raw.release_conn()


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
    exc: BaseException, transport: Optional[Urllib3Transport], *, reading_body: bool = False
) -> TransportFailure:
    """The failure ``exc`` (raised by urllib3, http.client or a socket) is; re-raises anything else."""
    missing = None if reading_body else _found_in_chain(exc, FileNotFoundError)
    if missing is not None:
        # Only a TLS file (ssl_ca_cert, cert_file, key_file) is opened while connecting.
        return TransportFailure(Kind.TLS_FILE, missing)
    if isinstance(exc, u3.EmptyPoolError):
        maxsize = transport.maxsize if transport is not None else "?"
        wait = transport.pool_timeout if transport is not None else "?"
        return pool_timeout_failure(wait, maxsize)
    if isinstance(exc, u3.NameResolutionError):
        return TransportFailure(Kind.REFUSED, "cannot resolve the host name")
    if isinstance(exc, u3.NewConnectionError):
        if _has_in_chain(exc, ConnectionRefusedError):
            return TransportFailure(Kind.REFUSED, "connection refused")
        cause = exc.__cause__ or exc.__context__
        return TransportFailure(
            Kind.REFUSED, f"connection failed: {cause}" if cause is not None else "connection failed"
        )
    if isinstance(exc, u3.ConnectTimeoutError):
        return TransportFailure(Kind.CONNECT_TIMEOUT)
    if isinstance(exc, (u3.ReadTimeoutError, TimeoutError)):
        return TransportFailure(Kind.READ_TIMEOUT)
    if isinstance(exc, u3.SSLError):
        return TransportFailure(Kind.TLS, _inner(exc))
    if isinstance(exc, u3.ProxyError):
        refused = _has_in_chain(exc, ConnectionRefusedError)
        return TransportFailure(
            Kind.PROXY,
            "connection refused" if refused else _inner(exc),
            request_sent=not _has_in_chain(exc, u3.NewConnectionError),
            proxy=f" {redact_url(transport.proxy)}" if transport is not None and transport.proxy else "",
        )
    if isinstance(exc, u3.DecodeError):
        return TransportFailure(Kind.UNDECODABLE, exc)
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
    if isinstance(inner, ResponseFramingError):
        return TransportFailure(Kind.REFUSED_HEAD, inner)
    if isinstance(inner, http.client.RemoteDisconnected):
        return TransportFailure(Kind.NO_RESPONSE)
    if isinstance(inner, (http.client.HTTPException, u3.HeaderParsingError, u3.InvalidHeader)):
        return TransportFailure(Kind.NOT_HTTP, f"{type(inner).__name__}: {inner}")
    if isinstance(inner, (u3.ProtocolError, OSError)):
        return TransportFailure(Kind.BROKEN, inner)
    if isinstance(inner, u3.LocationValueError):
        return TransportFailure(Kind.BAD_URL, inner)
    if isinstance(inner, u3.HTTPError):
        return TransportFailure(Kind.FAILED, f"{type(inner).__name__}: {inner}")
    raise exc  # not a transport failure: a bug to see, not to disguise
