"""Transports: the part of the SDK that sends one HTTP request attempt, and nothing else.

The seam is one method, in the shape of httpx's ``handle_request``::

    class MyTransport:
        def __init__(self, configuration: Configuration) -> None: ...
        def handle_request(self, request: TransportRequest) -> TransportResponse: ...
        def connections_in_use(self) -> int: ...
        def close(self) -> None: ...

    register_transport("mine", MyTransport)  # then Configuration(transport="mine")

`TransportRequest` is a frozen value (method, url, headers, body, (connect, read) timeout, stream);
`handle_request` sends it once (no retries, no redirects) and returns as soon as the status line and
headers are in: a `TransportResponse` with ``status``, ``reason``, ``headers``, ``length`` (the
declared Content-Length, or None), ``chunks()`` (the decoded body, piece by piece), ``release()``
(the body was read to its end: the connection may be reused) and ``discard()`` (close the connection
unread). A failure is raised as `TransportFailure` naming its `Kind` (``from`` the library's error);
a transport may also raise one of the SDK's `TransportError` subclasses itself.

Everything else happens once, above every transport (`pieces_os_client._transport._exchange`): the
body read bounded by ``Configuration.max_response_bytes`` (after decompression; a truncated body always
raises; the connection released when the body was read, discarded otherwise), the wording of each
failure (`pieces_os_client._transport._errors`), and in `ApiClient` the retries, backoff, Retry-After,
total deadline, status-to-error mapping and decoding.

A transport written for earlier releases, with ``send(method, url, headers, body, timeout,
preload_content, max_body_bytes) -> RESTResponse`` and no ``handle_request``, keeps working: it is
called through an adapter. The built-in transports still offer ``send`` for code that calls them.

``Configuration.transport`` names the transport; each name maps to a factory that is imported only
when a client is built, so ``import pieces_os_client`` stays cheap.
"""

from __future__ import annotations

import importlib
import os
from typing import (
    TYPE_CHECKING,
    Callable,
    Dict,
    Iterable,
    Mapping,
    NamedTuple,
    Optional,
    Protocol,
    Tuple,
    Union,
)

from pieces_os_client._transport._errors import Kind, TransportFailure
from pieces_os_client.exceptions import ApiValueError, ConfigurationError

if TYPE_CHECKING:
    import urllib3

    from pieces_os_client.configuration import Configuration
    from pieces_os_client.rest import RESTResponse

__all__ = [
    "Kind",
    "LegacyTransport",
    "Transport",
    "TransportFactory",
    "TransportFailure",
    "TransportRequest",
    "TransportResponse",
    "available_transports",
    "connections_checked_out",
    "create_transport",
    "register_transport",
]


class TransportRequest(NamedTuple):
    """One attempt to send: what a transport's ``handle_request`` receives."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: Optional[bytes]
    timeout: Tuple[float, float]
    """(connect, read) in seconds."""
    stream: bool = False
    """True when the caller reads the body later (``*_without_preload_content``), not at once."""


class TransportResponse(Protocol):
    """A response whose status line and headers are in and whose body is still on the connection."""

    status: int
    reason: str
    headers: Mapping[str, str]
    length: Optional[int]
    """The declared body length (Content-Length), or None when unknown."""

    def chunks(self) -> Iterable[bytes]:
        """The body, decoded, in pieces (an iterator, or a tuple of what is already in memory).

        Raises `TransportFailure` (or a `TransportError`) on a fault.

        A body that ends before its declared length or framing says raises: it never just stops.
        """
        ...

    def release(self) -> None:
        """The body was read to its end: give the connection back to the pool."""
        ...

    def discard(self) -> None:
        """Close the connection without reading further; it is never reused."""
        ...


class Transport(Protocol):
    """Sends one request attempt. Thread-safe: one transport serves every thread of a client."""

    def handle_request(self, request: TransportRequest) -> TransportResponse:
        """Send once; never retry, never follow redirects; return when the headers are in."""
        ...

    def connections_in_use(self) -> int:
        """How many pooled connections are checked out right now (0 when idle)."""
        ...

    def close(self) -> None:
        """Close every pooled connection."""
        ...


class LegacyTransport(Protocol):
    """The transport shape of earlier releases, still accepted by `register_transport`."""

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
        """Send once and return a `RESTResponse`: read (bounded) with ``preload_content``, else unread."""
        ...

    def connections_in_use(self) -> int: ...

    def close(self) -> None: ...


TransportFactory = Callable[["Configuration"], Union[Transport, LegacyTransport]]

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


def create_transport(configuration: Configuration) -> Union[Transport, LegacyTransport]:
    """Build the transport ``configuration.transport`` names (as its factory returns it)."""
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
