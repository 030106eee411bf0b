"""The built-in transports' settings, resolved once: defaults filled in, TLS files and extras checked.

This module imports no HTTP library.
"""

from __future__ import annotations

import importlib.util
import os
from typing import Mapping, NamedTuple, Optional, Sequence, Tuple, Union
from urllib.parse import unquote, urlsplit, urlunsplit

from pieces_os_client import _constants as C
from pieces_os_client._transport._seam import SocketOption, TransportSettings
from pieces_os_client.exceptions import ConfigurationError

__all__ = ["Settings", "check_tls_files", "proxy_and_credentials", "resolve_settings"]

SOCKS_SCHEMES = ("socks4", "socks4a", "socks5", "socks5h")


class Settings(NamedTuple):
    """`TransportSettings` with every default filled in."""

    pool_maxsize: int = C.DEFAULT_POOL_MAXSIZE
    pool_block: bool = False
    pool_timeout: float = C.DEFAULT_POOL_TIMEOUT
    verify_ssl: bool = True
    ssl_ca_cert: Optional[str] = None
    ca_cert_data: Union[str, bytes, None] = None
    cert_file: Optional[str] = None
    key_file: Optional[str] = None
    assert_hostname: Union[bool, str, None] = None
    tls_server_name: Optional[str] = None
    proxy: Optional[str] = None
    proxy_headers: Optional[Mapping[str, str]] = None
    socket_options: Optional[Sequence[SocketOption]] = None

    @property
    def socks(self) -> bool:
        """Whether the proxy is a SOCKS proxy."""
        return bool(self.proxy) and proxy_scheme(self.proxy or "") in SOCKS_SCHEMES


def proxy_scheme(proxy: str) -> str:
    return proxy.split("://", 1)[0].lower()


def resolve_settings(settings: TransportSettings) -> Settings:
    """``settings`` with defaults; ConfigurationError for an unknown name, an unreadable TLS file, or a
    SOCKS proxy without PySocks."""
    unknown = set(settings) - set(Settings._fields)
    if unknown:
        known = ", ".join(Settings._fields)
        raise ConfigurationError(
            f"unknown transport setting {sorted(unknown)[0]!r}; the settings are: {known}"
        )
    resolved = Settings(**settings)
    check_tls_files(resolved)
    if resolved.proxy:
        _, credentials = proxy_and_credentials(resolved.proxy)
        if credentials is not None and ":" in credentials[0]:
            raise ConfigurationError(
                "the proxy's user name holds a ':', which Basic authentication cannot carry (the proxy "
                "would read the part after it as the password); use a user name without one"
            )
    if resolved.socket_options:
        check_socket_options(resolved.socket_options)
    if resolved.socks and importlib.util.find_spec("socks") is None:
        raise ConfigurationError(
            f"the SOCKS proxy {proxy_scheme(resolved.proxy or '')}:// needs PySocks: "
            "pip install 'pieces-os-client[socks]'"
        )
    return resolved


def check_tls_files(settings: Settings) -> None:
    """ConfigurationError, before any I/O, if a TLS file the settings name cannot be read."""
    for name in ("ssl_ca_cert", "cert_file", "key_file"):
        path = getattr(settings, name)
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


def proxy_and_credentials(proxy: str) -> Tuple[str, Optional[Tuple[str, str]]]:
    """``proxy`` without its ``user:password@``, and the (user, password) it held, percent-decoded."""
    parts = urlsplit(proxy)
    if parts.username is None and parts.password is None:
        return proxy, None
    host = parts.netloc.rpartition("@")[2]
    bare = urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))
    return bare, (unquote(parts.username or ""), unquote(parts.password or ""))


def check_socket_options(options: Sequence[SocketOption]) -> None:
    """ConfigurationError, before any connection, for a socket option the system refuses.

    Each option is set on a new, unconnected socket (IPv4, then IPv6 for an option only IPv6 has), so a
    bad level, name or value is refused here, naming the option, rather than when the first connection
    fails (which would read as "is Pieces OS running?").
    """
    import socket  # here: only a configuration with socket options needs it

    for option in options:
        try:
            level, name, value = option
        except (TypeError, ValueError):
            raise ConfigurationError(
                f"socket_options entry {option!r} is not a (level, option, value) triple"
            ) from None
        problem: Optional[BaseException] = None
        for family in (socket.AF_INET, socket.AF_INET6):
            try:
                with socket.socket(family, socket.SOCK_STREAM) as probe:
                    probe.setsockopt(level, name, value)
            except (OSError, TypeError, ValueError, OverflowError) as exc:
                problem = problem or exc
                continue
            problem = None
            break
        if problem is not None:
            raise ConfigurationError(
                f"socket_options entry {option!r} cannot be set on a socket ({problem}); check the level, "
                "the option and the value (socket.setsockopt takes the same)"
            ) from None
