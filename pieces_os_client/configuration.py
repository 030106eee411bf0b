"""`Configuration`: where Pieces OS is and how to talk to it (timeouts, retries, TLS, proxy, API key).

Every setting is checked when it is set, so a bad host or timeout fails here, before any I/O. Defaults
come from `pieces_os_client._constants`. This module imports neither urllib3 nor pydantic.
"""

from __future__ import annotations

import math
import platform
import re
import sys
import threading
from typing import TYPE_CHECKING, ClassVar, Dict, Optional, Tuple, Union
from urllib.parse import urlsplit

from pieces_os_client import _constants as C
from pieces_os_client._transport import check_transport_name
from pieces_os_client._version import __version__
from pieces_os_client.exceptions import ConfigurationError

if TYPE_CHECKING:  # logging itself is imported where it is used: `import pieces_os_client` stays cheap
    import logging

__all__ = ["Configuration"]

LOGGER_NAME = "pieces_os_client"

# Control characters (tab excepted) cannot appear in a header value: CR/LF would inject headers.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# The user:password@ part of a URL, replaced by ***@ wherever a URL is quoted.
_USERINFO = re.compile(r"(//)[^/?#]*@")

_HOST_EXAMPLE = (
    "a valid host looks like 'http://localhost:39300' (http or https, a host name, an optional port)"
)


def _check_host(value: object) -> str:
    if not isinstance(value, str):
        raise ConfigurationError(f"host must be a string, got {type(value).__name__}; {_HOST_EXAMPLE}")
    shown = _USERINFO.sub(r"\1***@", value)  # error messages never quote a password given in the URL
    if _CONTROL_CHARS.search(value) or any(ch.isspace() for ch in value):
        raise ConfigurationError(
            f"host {shown!r} contains whitespace or a control character; {_HOST_EXAMPLE}"
        )
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        raise ConfigurationError(f"host {shown!r} is not a valid URL ({exc}); {_HOST_EXAMPLE}") from exc
    problem = None
    if parts.scheme not in ("http", "https"):
        problem = "needs the scheme http:// or https://"
    elif not parts.hostname:
        problem = "has no host name"
    elif "@" in parts.netloc:
        problem = "must not carry credentials; use Configuration.api_key"
    elif parts.query or parts.fragment or value.endswith(("?", "#")):
        problem = "must not have a query or fragment"
    elif port == 0:
        problem = "has port 0"
    if problem is not None:
        raise ConfigurationError(f"host {shown!r} {problem}; {_HOST_EXAMPLE}")
    return value.rstrip("/")


def check_timeout(value: object, name: str) -> float:
    """``value`` as seconds if it is a finite number above zero, else ConfigurationError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"{name} must be a number of seconds, got {type(value).__name__}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds <= 0:
        raise ConfigurationError(f"{name} must be a finite number of seconds above 0, got {value!r}")
    return seconds


def _check_count(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigurationError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return value


def check_header(name: object, value: object, what: str = "header") -> None:
    """Reject a header that would corrupt the request (CR/LF injection) before anything is sent.

    The message never quotes the value: it may be a secret.
    """
    if not isinstance(name, str) or not name or _CONTROL_CHARS.search(name) or ":" in name or " " in name:
        raise ConfigurationError(f"{what} name {name!r} is not a valid HTTP header name")
    if not isinstance(value, str):
        raise ConfigurationError(f"{what} {name!r} must be a string, got {type(value).__name__}")
    if _CONTROL_CHARS.search(value):
        raise ConfigurationError(
            f"{what} {name!r} contains a control character (CR, LF or similar); "
            "header values must be one line"
        )


def _redact(mapping: Dict[str, str]) -> Dict[str, str]:
    return dict.fromkeys(mapping, "***")


class Configuration:
    """Settings for an `ApiClient`. Every argument is optional::

        configuration = pieces_os_client.Configuration(
            host="http://localhost:39300",
            api_key="my-application-id",  # sent as X-Application-ID
            read_timeout=10,
            retries=1,
        )

    The host, timeouts, retries, API key and headers are read on every call; TLS, proxy and pool
    settings are read when an `ApiClient` is created.
    """

    _default: ClassVar[Optional[Configuration]] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        host: Optional[str] = None,
        api_key: Union[str, Dict[str, str], None] = None,
        api_key_prefix: Optional[Dict[str, str]] = None,
        *,
        connect_timeout: float = C.DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = C.DEFAULT_READ_TIMEOUT,
        retries: Optional[int] = None,
        verify_ssl: bool = True,
        ssl_ca_cert: Optional[str] = None,
        ca_cert_data: Union[str, bytes, None] = None,
        cert_file: Optional[str] = None,
        key_file: Optional[str] = None,
        assert_hostname: Union[bool, str, None] = None,
        proxy: Optional[str] = None,
        proxy_headers: Optional[Dict[str, str]] = None,
        default_headers: Optional[Dict[str, str]] = None,
        user_agent: str = C.USER_AGENT,
        connection_pool_maxsize: int = C.DEFAULT_POOL_MAXSIZE,
        pool_block: bool = False,
        pool_timeout: float = C.DEFAULT_POOL_TIMEOUT,
        max_response_bytes: int = C.DEFAULT_MAX_RESPONSE_BYTES,
        transport: str = C.DEFAULT_TRANSPORT,
        debug: bool = False,
    ) -> None:
        self.host = C.DEFAULT_HOST if host is None else host
        self.api_key = api_key  # the setter takes a str or None too
        self.api_key_prefix: Dict[str, str] = dict(api_key_prefix or {})
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.retries = retries  # None selects the default
        self.verify_ssl = verify_ssl
        """Verify the server's TLS certificate (on by default; turn off only for testing)."""
        self.ssl_ca_cert = ssl_ca_cert
        """Path to a CA bundle (PEM) to verify the server with, instead of the system's."""
        self.ca_cert_data = ca_cert_data
        """CA certificates as PEM text (or DER bytes) to verify the server with, instead of a file."""
        self.cert_file = cert_file
        """Client certificate (PEM) for mutual TLS."""
        self.key_file = key_file
        """Private key of ``cert_file``."""
        self.assert_hostname = assert_hostname
        """Host name to check the certificate against (None: the URL's), or False to skip the check."""
        self.proxy = proxy
        self.proxy_headers: Optional[Dict[str, str]] = proxy_headers
        """Extra headers for the proxy (e.g. Proxy-Authorization); never logged."""
        self.default_headers: Dict[str, str] = dict(default_headers or {})
        """Headers sent with every request (a per-call ``_headers`` overrides them)."""
        self.user_agent = user_agent
        self.connection_pool_maxsize = connection_pool_maxsize
        self.pool_block = pool_block
        """When every pooled connection is busy: wait up to ``pool_timeout`` (True) or open an extra one."""
        self.pool_timeout = pool_timeout
        self.max_response_bytes = max_response_bytes
        self.transport = transport
        import logging

        self.logger: Dict[str, logging.Logger] = {
            "package_logger": logging.getLogger(LOGGER_NAME),
            "urllib3_logger": logging.getLogger("urllib3"),
        }
        """The SDK's logger (``pieces_os_client``) under "package_logger"; `debug` switches it to DEBUG."""
        self._debug = False
        self.debug = debug

    # --- validated settings -------------------------------------------------------------------------

    @property
    def host(self) -> str:
        """Base URL of Pieces OS, e.g. ``http://localhost:39300`` (trailing slash removed)."""
        return self._host

    @host.setter
    def host(self, value: str) -> None:
        self._host = _check_host(value)

    @property
    def api_key(self) -> Dict[str, str]:
        """API keys by scheme; ``{"application": key}`` is sent as ``X-Application-ID``.

        Assign a plain string as a shorthand for ``{"application": key}``.
        """
        return self._api_key

    @api_key.setter
    def api_key(self, value: Union[str, Dict[str, str], None]) -> None:
        if value is None:
            keys: Dict[str, str] = {}
        elif isinstance(value, str):
            keys = {"application": value}
        elif isinstance(value, dict):
            keys = dict(value)
        else:
            raise ConfigurationError(
                "api_key must be a string or a dict like {'application': '...'}, "
                f"got {type(value).__name__}"
            )
        for scheme, key in keys.items():
            check_header(scheme, key, what="api_key")
        self._api_key = keys

    @property
    def connect_timeout(self) -> float:
        """Seconds to wait for a connection (default `DEFAULT_CONNECT_TIMEOUT`)."""
        return self._connect_timeout

    @connect_timeout.setter
    def connect_timeout(self, value: float) -> None:
        self._connect_timeout = check_timeout(value, "connect_timeout")

    @property
    def read_timeout(self) -> float:
        """Seconds to wait for each read of the response (default `DEFAULT_READ_TIMEOUT`)."""
        return self._read_timeout

    @read_timeout.setter
    def read_timeout(self, value: float) -> None:
        self._read_timeout = check_timeout(value, "read_timeout")

    @property
    def timeout(self) -> Tuple[float, float]:
        """(connect, read) seconds: what a call uses unless it passes ``_request_timeout``."""
        return (self._connect_timeout, self._read_timeout)

    @property
    def retries(self) -> int:
        """Retries after the first attempt for a call that may be retried (default 2; 0 turns them off)."""
        return self._retries

    @retries.setter
    def retries(self, value: Optional[int]) -> None:
        self._retries = C.DEFAULT_MAX_RETRIES if value is None else _check_count(value, "retries", 0)

    @property
    def connection_pool_maxsize(self) -> int:
        """Keep-alive connections kept per host (default `DEFAULT_POOL_MAXSIZE`)."""
        return self._connection_pool_maxsize

    @connection_pool_maxsize.setter
    def connection_pool_maxsize(self, value: int) -> None:
        self._connection_pool_maxsize = _check_count(value, "connection_pool_maxsize", 1)

    @property
    def pool_timeout(self) -> float:
        """Seconds to wait for a free pooled connection when ``pool_block`` is on."""
        return self._pool_timeout

    @pool_timeout.setter
    def pool_timeout(self, value: float) -> None:
        self._pool_timeout = check_timeout(value, "pool_timeout")

    @property
    def max_response_bytes(self) -> int:
        """Largest response body read, in bytes after decompression (default 64 MiB)."""
        return self._max_response_bytes

    @max_response_bytes.setter
    def max_response_bytes(self, value: int) -> None:
        self._max_response_bytes = _check_count(value, "max_response_bytes", 0)

    @property
    def user_agent(self) -> str:
        """The User-Agent header (default ``pieces-os-client-python/<version>``)."""
        return self._user_agent

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        check_header("User-Agent", value)
        self._user_agent = value

    @property
    def proxy(self) -> Optional[str]:
        """Proxy URL (``http://host:port``) for every request, or None."""
        return self._proxy

    @proxy.setter
    def proxy(self, value: Optional[str]) -> None:
        if value is not None:
            try:
                _check_host(value)
            except ConfigurationError as exc:
                raise ConfigurationError(f"proxy: {exc}") from None
        self._proxy = value

    @property
    def transport(self) -> str:
        """Which transport sends requests: ``"urllib3"`` (default) or another registered name."""
        return self._transport

    @transport.setter
    def transport(self, value: str) -> None:
        self._transport = check_transport_name(value)

    @property
    def debug(self) -> bool:
        """True: the ``pieces_os_client`` logger logs one DEBUG line per request attempt to stderr.

        The logger is process-wide, like upstream's: False (also at construction) removes the stderr
        handler a True added. Credentials are never logged; http.client's debug output stays off.
        """
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self._debug = bool(value)
        _set_debug_logging(self._debug)

    # --- helpers ------------------------------------------------------------------------------------

    def get_api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        """The API key for scheme ``identifier`` with its prefix (``api_key_prefix``), or None."""
        key = self._api_key.get(identifier)
        if key is None and alias is not None:
            key = self._api_key.get(alias)
        if key is None:
            return None
        prefix = self.api_key_prefix.get(identifier)
        return f"{prefix} {key}" if prefix else key

    def auth_headers(self) -> Dict[str, str]:
        """The credential headers for a request (``X-Application-ID`` when an application key is set)."""
        key = self.get_api_key_with_prefix("application")
        return {} if key is None else {C.API_KEY_HEADER: key}

    def to_debug_report(self) -> str:
        """Versions of the OS, Python and the SDK, for bug reports."""
        return (
            "Python SDK Debug Report:\n"
            f"OS: {sys.platform} {platform.release()}\n"
            f"Python Version: {sys.version.split()[0]}\n"
            f"SDK Package Version: {__version__}"
        )

    @classmethod
    def get_default(cls) -> Configuration:
        """The process-wide default configuration (created on first use)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    @classmethod
    def set_default(cls, default: Optional[Configuration]) -> None:
        """Replace the process-wide default configuration (None: back to a fresh default)."""
        with cls._default_lock:
            cls._default = default

    def __repr__(self) -> str:
        # Keys and proxy headers are shown by name only: they are secrets.
        return (
            f"Configuration(host={self._host!r}, api_key={_redact(self._api_key)!r}, "
            f"timeout={self.timeout!r}, retries={self._retries!r}, verify_ssl={self.verify_ssl!r}, "
            f"proxy={self._proxy!r}, transport={self._transport!r})"
        )


# The name of the stderr handler `Configuration.debug` adds, so it is added once and removed again.
_DEBUG_HANDLER_NAME = "pieces_os_client.debug"


def _set_debug_logging(on: bool) -> None:
    import logging

    logger = logging.getLogger(LOGGER_NAME)
    ours = [h for h in logger.handlers if h.get_name() == _DEBUG_HANDLER_NAME]
    if on:
        logger.setLevel(logging.DEBUG)
        if not ours:
            handler = logging.StreamHandler(sys.stderr)
            handler.set_name(_DEBUG_HANDLER_NAME)
            handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
            logger.addHandler(handler)
    elif ours:  # off undoes what on did, and leaves levels and handlers set elsewhere alone
        for added in ours:
            logger.removeHandler(added)
        if logger.level == logging.DEBUG:
            logger.setLevel(logging.NOTSET)
