"""The default transport: one urllib3 `PoolManager` (keep-alive, thread-safe) sending one attempt per call.

urllib3's own retries and redirects are off (``retries=False, redirect=False``): `ApiClient` decides
what to retry, and a 3xx reaches the caller as an error instead of being followed with the credential
headers. Every urllib3, http.client and socket error becomes one of the SDK's transport errors here.
No cookie is ever stored or sent: urllib3 keeps no cookie jar, and a ``Set-Cookie`` is only a header of
its response.
"""

from __future__ import annotations

import http.client
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Mapping, NoReturn, Optional, Tuple

import urllib3
from urllib3 import exceptions as u3
from urllib3.response import BaseHTTPResponse

from pieces_os_client._redact import redact_url
from pieces_os_client._transport import (
    _deadline,
    _origin,
    check_tls_files,
    connect_timeout_error,
    connection_refused_error,
    connections_checked_out,
    read_timeout_error,
    tls_error,
    tls_file_error,
)
from pieces_os_client._transport._http import ResponseFramingError, use_sdk_connections
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    ProtocolError,
    ResponseTooLargeError,
    TransportError,
)
from pieces_os_client.rest import RESTResponse

if TYPE_CHECKING:
    from pieces_os_client.configuration import Configuration

__all__ = ["Urllib3Transport"]

# Bytes read per step when the body length is not known up front (chunked or compressed).
_CHUNK = 64 * 1024

# urllib3 never retries and never follows a redirect: ApiClient decides. Built once; it is immutable.
_NO_RETRIES = urllib3.Retry(total=False, redirect=False, raise_on_redirect=False, raise_on_status=False)


class Urllib3Transport:
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

    def send(
        self,
        method: str,
        url: str,
        headers: Mapping[str, str],
        body: Optional[bytes],
        timeout: Tuple[float, float],
        preload_content: bool,
        max_body_bytes: int,
    ) -> RESTResponse:
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
                method,
                url,
                body=body,
                headers=headers,
                retries=_NO_RETRIES,
                redirect=False,
                timeout=urllib3_timeout,
                preload_content=False,
                pool_timeout=pool_timeout,
            )
        except Exception as exc:  # every failure to get a response becomes an SDK error
            _raise_transport_error(exc, method, url, timeout, self)
        status = response.status
        reason = response.reason or http.client.responses.get(status, "")
        if preload_content:
            data = _read_all(response, max_body_bytes, method, url, timeout)
            return RESTResponse(status, reason, response.headers, data, method=method, url=url)

        def read() -> bytes:
            return _read_all(response, max_body_bytes, method, url, timeout)

        def discard() -> None:
            _discard(response)

        return RESTResponse(
            status, reason, response.headers, method=method, url=url, reader=read, discard=discard
        )

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


def _discard(response: BaseHTTPResponse) -> None:
    """Close the connection under an unfinished response and free its pool slot."""
    try:
        response.close()
    finally:
        response.release_conn()


def _read_all(
    response: BaseHTTPResponse,
    limit: int,
    method: str,
    url: str,
    timeout: Tuple[float, float],
) -> bytes:
    """The whole (decoded) body, at most ``limit`` bytes; the connection goes back to the pool after.

    The socket is watched by the current call's total deadline while the body is read.
    """
    clean = False
    _deadline.watch(getattr(getattr(response, "connection", None), "sock", None))
    try:
        length = response.length_remaining
        encoding = response.headers.get("Content-Encoding")
        if length is not None and length > limit:
            raise _too_large(method, url, limit, f"Content-Length is {length}")
        if length is not None and (not encoding or encoding.strip().lower() == "identity"):
            # Known length, no compression: one read, and http.client fails on a short body.
            data = response.read()
        else:
            parts: List[bytes] = []
            size = 0
            while True:
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > limit:
                    raise _too_large(method, url, limit, "the body kept coming")
                parts.append(chunk)
            data = b"".join(parts)
        if _deadline.cut_off():
            # The watchdog shut the socket down: what was read may end early yet look complete.
            raise read_timeout_error(method, url, timeout, reading_body=True)
        clean = True
        return data
    except TransportError:
        raise
    except Exception as exc:
        _raise_transport_error(exc, method, url, timeout, None, reading_body=True)
    finally:
        _deadline.unwatch()  # before the connection can be handed to another call
        if clean:
            response.release_conn()
        else:
            _discard(response)


def _too_large(method: str, url: str, limit: int, detail: str) -> ResponseTooLargeError:
    return ResponseTooLargeError(
        f"response body larger than max_response_bytes={limit} ({detail}); reading stopped and the "
        "connection was closed; raise Configuration.max_response_bytes if the body is expected",
        method=method,
        url=url,
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


def _raise_transport_error(
    exc: BaseException,
    method: str,
    url: str,
    timeout: Tuple[float, float],
    transport: Optional[Urllib3Transport],
    *,
    reading_body: bool = False,
) -> NoReturn:
    err = _map_error(exc, method, url, timeout, transport, reading_body)
    raise err from exc


def _map_error(
    exc: BaseException,
    method: str,
    url: str,
    timeout: Tuple[float, float],
    transport: Optional[Urllib3Transport],
    reading_body: bool,
) -> TransportError:
    origin = _origin(url)
    make: Callable[..., TransportError]
    missing = None if reading_body else _found_in_chain(exc, FileNotFoundError)
    if missing is not None:
        # Only a TLS file (ssl_ca_cert, cert_file, key_file) is opened while connecting.
        raise tls_file_error(missing) from exc
    if isinstance(exc, u3.EmptyPoolError):
        maxsize = transport.maxsize if transport is not None else "?"
        wait = transport.pool_timeout if transport is not None else "?"
        return ApiTimeoutError(
            f"no free connection to {origin} within pool_timeout={wait} s (connection_pool_maxsize="
            f"{maxsize}); close streamed responses, or raise Configuration.connection_pool_maxsize",
            method=method,
            url=url,
            request_sent=False,
        )
    if isinstance(exc, u3.NameResolutionError):
        return connection_refused_error(method, url, "cannot resolve the host name", request_sent=False)
    if isinstance(exc, u3.NewConnectionError):
        if _has_in_chain(exc, ConnectionRefusedError):
            detail = "connection refused"
        else:
            cause = exc.__cause__ or exc.__context__
            detail = f"connection failed: {cause}" if cause is not None else "connection failed"
        return connection_refused_error(method, url, detail, request_sent=False)
    if isinstance(exc, u3.ConnectTimeoutError):
        return connect_timeout_error(method, url, timeout)
    if isinstance(exc, (u3.ReadTimeoutError, TimeoutError)):
        return read_timeout_error(method, url, timeout, reading_body=reading_body)
    if isinstance(exc, u3.SSLError):
        return tls_error(method, url, _inner(exc))
    if isinstance(exc, u3.ProxyError):
        proxy = f" {redact_url(transport.proxy)}" if transport is not None and transport.proxy else ""
        refused = _has_in_chain(exc, ConnectionRefusedError)
        detail = "connection refused" if refused else str(_inner(exc))
        return ApiConnectionError(
            f"could not reach {origin} through the proxy{proxy} ({detail}); check Configuration.proxy",
            method=method,
            url=url,
            request_sent=not _has_in_chain(exc, u3.NewConnectionError),
        )
    if isinstance(exc, u3.DecodeError):
        return ProtocolError(
            f"the response body from {origin} could not be decompressed ({exc})",
            method=method,
            url=url,
            retryable=False,
        )
    inner = _inner(exc)
    if isinstance(inner, u3.InvalidChunkLength) or (
        # http.client decodes chunked bodies itself; a chunk-size line that is not hex, or missing
        # because the stream ended without the final 0 chunk, surfaces as an IncompleteRead raised
        # while handling the ValueError from parsing that line.
        isinstance(inner, http.client.IncompleteRead) and _has_in_chain(inner, ValueError)
    ):
        make = ProtocolError
        message = f"invalid chunked encoding in the response from {origin} (bad or missing chunk size line)"
    elif reading_body and isinstance(inner, ValueError):
        # A chunk-size line such as "-f" parses as a negative length, which the reader refuses.
        make = ProtocolError
        message = f"invalid framing of the response body from {origin} ({inner})"
    elif isinstance(inner, (u3.IncompleteRead, http.client.IncompleteRead)):
        make = ApiConnectionError
        message = f"the connection to {origin} closed before the whole response body arrived ({inner!r})"
    elif isinstance(inner, ResponseFramingError):
        make = ProtocolError
        message = f"the response from {origin} was refused: {inner}; the connection was discarded"
    elif isinstance(inner, http.client.RemoteDisconnected):
        make = ApiConnectionError
        message = f"{origin} closed the connection without sending a response"
    elif isinstance(inner, (http.client.HTTPException, u3.HeaderParsingError, u3.InvalidHeader)):
        make = ProtocolError
        message = f"the response from {origin} is not valid HTTP ({type(inner).__name__}: {inner})"
    elif isinstance(inner, (u3.ProtocolError, OSError)):
        make = ApiConnectionError
        message = f"the connection to {origin} broke ({inner})"
    elif isinstance(inner, u3.LocationValueError):
        make = ProtocolError
        message = f"cannot send to {url!r} ({inner})"
    elif isinstance(inner, u3.HTTPError):
        make = ApiConnectionError
        message = f"the request to {origin} failed ({type(inner).__name__}: {inner})"
    else:
        raise exc  # not a transport failure: a bug to see, not to disguise
    return make(message, method=method, url=url)
