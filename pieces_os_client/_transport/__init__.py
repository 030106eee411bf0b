"""Transports: the part of the SDK that sends one HTTP request attempt, and nothing else.

The policy (retries, backoff, Retry-After, timeouts, error mapping by status, decoding, logging, header
checks) lives in `ApiClient`; a transport only sends one attempt and returns a `RESTResponse`, or raises
one of the SDK's `TransportError` subclasses with ``request_sent`` saying whether the request could
have reached the server. ``Configuration.transport`` names the transport; each name maps to a factory
that is imported only when a client is built, so ``import pieces_os_client`` stays cheap. A new
transport registers itself with `register_transport`.
"""

from __future__ import annotations

import importlib
import os
from typing import TYPE_CHECKING, Callable, Dict, Mapping, Optional, Protocol, Tuple, Union

from pieces_os_client._constants import PIECES_OS_PORT_RANGE
from pieces_os_client.exceptions import ApiConnectionError, ApiTimeoutError, ApiValueError, ConfigurationError

if TYPE_CHECKING:
    import urllib3

    from pieces_os_client.configuration import Configuration
    from pieces_os_client.rest import RESTResponse

__all__ = [
    "Transport",
    "TransportFactory",
    "available_transports",
    "connect_timeout_error",
    "connection_refused_error",
    "connections_checked_out",
    "create_transport",
    "read_timeout_error",
    "register_transport",
    "tls_error",
    "tls_file_error",
]


class Transport(Protocol):
    """Sends one request attempt. Thread-safe: one transport serves every thread of a client."""

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
        """Send once; never retry, never follow redirects.

        ``timeout`` is (connect, read) in seconds. With ``preload_content`` the body is read before
        returning (``data`` set, connection back in the pool); otherwise the response is returned
        unread and releases its connection when read or closed. A body over ``max_body_bytes``
        (after decompression) raises `ResponseTooLargeError` and the connection is discarded; a
        truncated body raises, never returns.
        """
        ...

    def connections_in_use(self) -> int:
        """How many pooled connections are checked out right now (0 when idle)."""
        ...

    def close(self) -> None:
        """Close every pooled connection."""
        ...


TransportFactory = Callable[["Configuration"], Transport]

# Name -> factory, or "module:attribute" imported on first use.
_REGISTRY: Dict[str, Union[str, TransportFactory]] = {
    "urllib3": "pieces_os_client._transport._urllib3:Urllib3Transport",
    "requests": "pieces_os_client._transport._requests:RequestsTransport",
}


def register_transport(name: str, factory: Union[str, TransportFactory]) -> None:
    """Make ``Configuration(transport=name)`` build its transport with ``factory(configuration)``.

    ``factory`` may be a ``"module:attribute"`` string, imported when the first client is built.
    """
    if not name or not isinstance(name, str):
        raise ApiValueError("a transport name must be a non-empty string")
    _REGISTRY[name] = factory


def available_transports() -> Tuple[str, ...]:
    """The registered transport names, sorted."""
    return tuple(sorted(_REGISTRY))


def check_transport_name(name: object) -> str:
    """``name`` if a transport is registered under it, else a ConfigurationError listing the choices."""
    if not isinstance(name, str) or name not in _REGISTRY:
        choices = ", ".join(repr(n) for n in available_transports())
        raise ConfigurationError(f"unknown transport {name!r}; choose one of {choices}")
    return name


def create_transport(configuration: Configuration) -> Transport:
    """Build the transport ``configuration.transport`` names."""
    name = check_transport_name(configuration.transport)
    if configuration.proxy_headers is not None:  # checked again: the dict may have been edited in place
        from pieces_os_client.configuration import check_headers

        check_headers(configuration.proxy_headers, "proxy_headers")
    factory = _REGISTRY[name]
    if isinstance(factory, str):
        module_name, _, attribute = factory.partition(":")
        factory = getattr(importlib.import_module(module_name), attribute)
        _REGISTRY[name] = factory
    return factory(configuration)


def connection_refused_error(method: str, url: str, detail: str, *, request_sent: bool) -> ApiConnectionError:
    """The connection error every transport raises when it cannot reach the server: it says what to try."""
    return ApiConnectionError(
        f"could not connect to {_origin(url)} ({detail}): is Pieces OS running? Pieces OS 11 and later "
        f"listen on ports {PIECES_OS_PORT_RANGE}; pieces_os_client.discover() finds the one in use "
        "and Configuration.host sets it",
        method=method,
        url=url,
        request_sent=request_sent,
    )


def connect_timeout_error(method: str, url: str, timeout: Tuple[float, float]) -> ApiTimeoutError:
    """The error every transport raises when the connection is not made within the connect timeout."""
    return ApiTimeoutError(
        f"timed out connecting to {_origin(url)} (connect timeout {timeout[0]:g} s): is Pieces OS running "
        "and not overloaded? Configuration.connect_timeout or _request_timeout sets the limit",
        method=method,
        url=url,
        request_sent=False,
    )


def read_timeout_error(
    method: str, url: str, timeout: Tuple[float, float], *, reading_body: bool = False
) -> ApiTimeoutError:
    """The error every transport raises when the response (or the rest of its body) is too slow."""
    stage = "while reading the response body" if reading_body else "waiting for the response"
    return ApiTimeoutError(
        f"read timed out {stage} from {_origin(url)} (read timeout {timeout[1]:g} s); "
        "Configuration.read_timeout or _request_timeout sets the limit",
        method=method,
        url=url,
        request_sent=True,
    )


def tls_error(method: str, url: str, detail: object) -> ApiConnectionError:
    """The error every transport raises when the TLS handshake or certificate check fails (not retried)."""
    return ApiConnectionError(
        f"TLS with {_origin(url)} failed ({detail}); check Configuration.ssl_ca_cert, "
        "assert_hostname and verify_ssl",
        method=method,
        url=url,
        request_sent=False,
        retryable=False,
    )


def check_tls_files(configuration: Configuration) -> None:
    """ConfigurationError, before any I/O, if a TLS file the configuration names cannot be read."""
    for name in ("ssl_ca_cert", "cert_file", "key_file"):
        path = getattr(configuration, name, None)
        if path is None:
            continue
        if not isinstance(path, (str, os.PathLike)):
            raise ConfigurationError(
                f"Configuration.{name} must be a file path (str), got {type(path).__name__}"
            )
        try:
            with open(path, "rb"):
                pass
        except (OSError, ValueError) as exc:
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ConfigurationError(
                f"Configuration.{name} {os.fspath(path)!r} cannot be read ({detail}); "
                "point it at an existing PEM file, or set it to None"
            ) from None


def tls_file_error(exc: BaseException) -> ConfigurationError:
    """A TLS file (CA bundle, client certificate or key) went missing after the client was built."""
    return ConfigurationError(
        f"a TLS file could not be read while connecting ({exc}); check that Configuration.ssl_ca_cert, "
        "cert_file and key_file name existing PEM files (not retried)"
    )


def connections_checked_out(manager: Optional[urllib3.PoolManager]) -> int:
    """Connections of ``manager``'s pools that are checked out right now (both transports use urllib3)."""
    if manager is None:
        return 0
    pools = manager.pools
    with pools.lock:
        candidates = list(pools._container.values())
    in_use = 0
    for pool in candidates:
        queue = getattr(pool, "pool", None)
        if queue is not None:
            in_use += queue.maxsize - queue.qsize()
    return in_use


def _origin(url: str) -> str:
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    return f"{scheme}://{rest.split('/', 1)[0]}"
