"""The transport a client sends through: the one it is given, or a built-in one made from a `Configuration`.

`Configuration` holds settings and names; the built-in transports take plain keyword arguments
(`TransportSettings`). This is the one place that reads the first to build the second, so neither
imports the other.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, Optional, Tuple, Union, cast

from pieces_os_client._transport._registry import legacy_factory, transport_names
from pieces_os_client._transport._seam import AsyncTransport, Transport, TransportSettings
from pieces_os_client.exceptions import ConfigurationError

if TYPE_CHECKING:
    from pieces_os_client.configuration import Configuration

__all__ = ["build_async_transport", "build_transport", "settings_from"]


def settings_from(configuration: Configuration) -> TransportSettings:
    """The built-in transports' keyword arguments, from ``configuration``'s settings."""
    from pieces_os_client.configuration import check_headers

    proxy_headers = configuration.proxy_headers
    if proxy_headers is not None:  # checked again: the dict may have been edited in place
        proxy_headers = check_headers(proxy_headers, "proxy_headers")
    return TransportSettings(
        pool_maxsize=configuration.connection_pool_maxsize,
        pool_block=configuration.pool_block,
        pool_timeout=configuration.pool_timeout,
        verify_ssl=configuration.verify_ssl,
        ssl_ca_cert=configuration.ssl_ca_cert,
        ca_cert_data=configuration.ca_cert_data,
        cert_file=configuration.cert_file,
        key_file=configuration.key_file,
        assert_hostname=configuration.assert_hostname,
        tls_server_name=configuration.tls_server_name,
        proxy=configuration.proxy,
        proxy_headers=proxy_headers,
        socket_options=configuration.socket_options,
    )


def is_async_transport(transport: object) -> bool:
    """Whether ``transport``'s ``handle_request`` is a coroutine function (an `AsyncTransport`)."""
    return inspect.iscoroutinefunction(getattr(transport, "handle_request", None))


def build_transport(
    configuration: Configuration, given: Optional[Transport] = None
) -> Tuple[Transport, bool]:
    """The transport an `ApiClient` sends through, and whether the client built it (and so closes it)."""
    chosen: Union[str, object] = configuration.transport if given is None else given
    if not isinstance(chosen, str):
        if is_async_transport(chosen):
            raise ConfigurationError(
                f"{type(chosen).__name__} is an asynchronous transport (its handle_request is async): "
                "use it with AsyncApiClient, or give ApiClient a transport whose handle_request is not async"
            )
        return _checked(chosen), False
    if chosen == "urllib3":
        from pieces_os_client._transport._urllib3 import Urllib3Transport

        return Urllib3Transport(**settings_from(configuration)), True
    if chosen == "requests":
        from pieces_os_client._transport._requests import RequestsTransport

        return RequestsTransport(**settings_from(configuration)), True
    factory = legacy_factory(chosen)
    if factory is None:
        choices = ", ".join(repr(n) for n in transport_names())
        raise ConfigurationError(
            f"unknown transport {chosen!r}; choose one of {choices}, or pass a transport"
        )
    return _checked(factory(configuration)), True


def build_async_transport(
    configuration: Configuration, given: Union[AsyncTransport, Transport, None] = None
) -> Tuple[AsyncTransport, bool]:
    """The transport an `AsyncApiClient` sends through, and whether the client built it.

    A name (``"urllib3"``, the default, or ``"requests"``) selects the aiohttp transport: those name
    the blocking clients' libraries. A blocking transport object (the in-process fake's) is run in a
    worker thread per attempt.
    """
    chosen: Union[str, object] = configuration.transport if given is None else given
    if isinstance(chosen, str):
        if legacy_factory(chosen) is not None:
            raise ConfigurationError(
                f"the transport {chosen!r} was registered by name, which serves ApiClient only; give "
                "AsyncApiClient an asynchronous transport instead: AsyncApiClient(configuration, "
                "transport=...) (see pieces_os_client.transport.AsyncTransport)"
            )
        from pieces_os_client._transport._aiohttp import AiohttpTransport

        return AiohttpTransport(**settings_from(configuration)), True
    if is_async_transport(chosen):
        return cast(AsyncTransport, chosen), False
    from pieces_os_client._transport._threaded import ThreadedTransport

    return ThreadedTransport(_checked(chosen)), False


def _checked(transport: Any) -> Transport:
    if not callable(getattr(transport, "handle_request", None)):
        raise ConfigurationError(
            f"a transport needs a handle_request(request) method; {type(transport).__name__} has none "
            "(see pieces_os_client.transport.Transport)"
        )
    return cast(Transport, transport)
