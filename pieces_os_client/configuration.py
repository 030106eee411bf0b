"""`Configuration`: where Pieces OS is and how to talk to it (timeouts, retries, TLS, proxy, API key).

Every setting is checked when it is set, so a bad host or timeout fails here, before any I/O. Defaults
come from `pieces_os_client._constants`. This module imports neither urllib3 nor pydantic.
"""

from __future__ import annotations

import math
import os
import platform
import re
import sys
import threading
import weakref
from typing import TYPE_CHECKING, Any, ClassVar, Dict, Literal, Mapping, Optional, Tuple, Type, Union
from urllib.parse import urlsplit

from pieces_os_client import _constants as C
from pieces_os_client._redact import redact_url
from pieces_os_client._transport._registry import transport_names
from pieces_os_client._version import __version__
from pieces_os_client.exceptions import ApiValueError, ConfigurationError
from pieces_os_client.retry import DEFAULT_RETRY_POLICY, RetryPolicy

if TYPE_CHECKING:  # logging itself is imported where it is used: `import pieces_os_client` stays cheap
    import logging

    from pieces_os_client._transport._seam import AsyncTransport, Transport

__all__ = ["Configuration", "TransportName"]

TransportName = Literal["urllib3", "requests"]
"""The built-in transports `Configuration.transport` names: ``"urllib3"`` (the default) or ``"requests"``."""

LOGGER_NAME = "pieces_os_client"

# Control characters (tab excepted) cannot appear in a header value: CR/LF would inject headers.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
# A header name is an RFC 9110 token: ASCII letters, digits and a few symbols.
_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# What a header value may hold: printable ASCII, space and tab (tested after the control characters).
_ASCII_VALUE = re.compile(r"[\t\x20-\x7e]*")
# The environment variable that sets the default host when Configuration(host=...) is not given.
HOST_ENV_VAR = "PIECES_OS_HOST"
# The only API key Pieces OS reads (security scheme "application", header X-Application-ID).
API_KEY_SCHEME = "application"

_HOST_EXAMPLE = (
    "a valid host looks like 'http://localhost:39300' "
    "(http or https, a host name, an optional port and path prefix)"
)


def _default_host() -> str:
    """``PIECES_OS_HOST`` when it is set and not empty, else the built-in default."""
    value = os.environ.get(HOST_ENV_VAR)
    if not value:
        return C.DEFAULT_HOST
    try:
        return _check_host(value)
    except ConfigurationError as exc:
        raise ConfigurationError(
            f"the {HOST_ENV_VAR} environment variable cannot be used: {exc}; fix or unset it, or pass "
            "Configuration(host=...)"
        ) from None


def _check_host(value: object) -> str:
    if not isinstance(value, str):
        raise ConfigurationError(f"host must be a string, got {type(value).__name__}; {_HOST_EXAMPLE}")
    shown = redact_url(value)  # error messages never quote a password given in the URL
    if _CONTROL_CHARS.search(value) or any(ch.isspace() for ch in value):
        raise ConfigurationError(
            f"host {shown!r} contains whitespace or a control character; {_HOST_EXAMPLE}"
        )
    credentials = "must not carry credentials (user:password@); use Configuration.api_key"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError as exc:
        # The parser's message may quote part of a password (a port "S3" from "admin:S3/CRET@host").
        unparsable = credentials if "@" in value else f"is not a valid URL ({exc})"
        raise ConfigurationError(f"host {shown!r} {unparsable}; {_HOST_EXAMPLE}") from None
    problem: Optional[str] = None
    if parts.scheme not in ("http", "https"):
        problem = "needs the scheme http:// or https://"
    elif not parts.hostname:
        problem = "has no host name"
    elif "@" in value:  # in the path too: a password holding "/" ends the host part early
        problem = credentials
    elif parts.query or parts.fragment or value.endswith(("?", "#")):
        problem = "must not have a query or fragment"
    elif port == 0:
        problem = "has port 0"
    if problem is not None:
        raise ConfigurationError(f"host {shown!r} {problem}; {_HOST_EXAMPLE}")
    return value.rstrip("/")


def check_timeout(value: object, name: str) -> float:
    """``value`` as seconds if above zero and at most `MAX_TIMEOUT` (one day), else ConfigurationError."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"{name} must be a number of seconds, got {type(value).__name__}")
    try:
        seconds = float(value)
    except OverflowError:  # an int too large for a float (and too long to quote)
        seconds, value = math.inf, "a number too large for a float"
    if not math.isfinite(seconds) or seconds <= 0:
        raise ConfigurationError(f"{name} must be a finite number of seconds above 0, got {value!r}")
    if seconds > C.MAX_TIMEOUT:
        raise ConfigurationError(
            f"{name} must be at most {C.MAX_TIMEOUT:g} seconds (one day), got {seconds:g}; "
            "a longer wait cannot be told from a hang"
        )
    return seconds


def _check_count(value: object, name: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigurationError(f"{name} must be a whole number >= {minimum}, got {value!r}")
    return value


def check_header(name: object, value: object, what: str = "header") -> None:
    """Reject a header that cannot be sent as given, before anything is sent.

    The name must be an HTTP token; the value one line of printable ASCII (tabs and inner spaces
    allowed) that does not start or end with whitespace, which HTTP would strip. The message names the
    header and never quotes the value: it may be a secret.
    """
    if not isinstance(name, str) or not _TOKEN.fullmatch(name):
        raise ConfigurationError(
            f"{what} name {name!r} is not a valid HTTP header name "
            "(ASCII letters, digits and !#$%&'*+-.^_`|~ only)"
        )
    if not isinstance(value, str):
        raise ConfigurationError(f"{what} {name!r} must be a string, got {type(value).__name__}")
    if _CONTROL_CHARS.search(value):
        raise ConfigurationError(
            f"{what} {name!r} contains a control character (CR, LF or similar); "
            "header values must be one line"
        )
    if not _ASCII_VALUE.fullmatch(value):
        raise ConfigurationError(
            f"{what} {name!r} contains a character that is not printable ASCII, which HTTP headers "
            "cannot carry reliably; encode it first (for example percent-encoding or base64)"
        )
    if value != value.strip(" \t"):
        raise ConfigurationError(
            f"{what} {name!r} starts or ends with whitespace, which the server would strip "
            "(it would see another value); remove it"
        )


def check_headers(headers: object, what: str) -> Dict[str, str]:
    """``headers`` as a new dict once every name and value passes `check_header`."""
    if not isinstance(headers, Mapping):
        raise ConfigurationError(f"{what} must be a dict of str to str, got {type(headers).__name__}")
    checked: Dict[str, str] = {}
    for name, value in headers.items():
        check_header(name, value, what=f"{what} header")
        checked[name] = value
    return checked


def check_api_key(keys: Mapping[str, object]) -> None:
    """Every API key is one Pieces OS reads (``application``) and a valid header value."""
    for scheme, key in keys.items():
        if scheme != API_KEY_SCHEME:
            raise ConfigurationError(
                f"api_key has the entry {scheme!r}, which is never sent: the only key Pieces OS reads is "
                f"{API_KEY_SCHEME!r} (sent as {C.API_KEY_HEADER}); pass api_key='...' or "
                f"api_key={{'{API_KEY_SCHEME}': '...'}}"
            )
        check_header(scheme, key, what="api_key")


def _check_bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigurationError(f"{name} must be True or False, got {type(value).__name__} {value!r}")
    return value


# Headers that frame the request or manage the connection. The SDK and its HTTP library set them; a
# caller's value could desynchronise the request from its body (a Content-Length of 0 leaves the body
# to be read as the next request) or the connection from the pool, so they are refused, in any case.
SDK_HEADERS = frozenset(
    {
        "connection",
        "content-length",
        "expect",
        "host",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)


def check_not_sdk_header(
    name: object, what: str = "header", error: Type[ApiValueError] = ConfigurationError
) -> None:
    """Refuse a header in `SDK_HEADERS` (case-insensitive) before anything is sent."""
    if isinstance(name, str) and name.lower() in SDK_HEADERS:
        raise error(
            f"{what} {name!r} cannot be set: it frames the request or manages the connection, so it is "
            "set by the SDK; remove it (SDK-set headers: "
            "Connection, Content-Length, Expect, Host, Keep-Alive, Proxy-Connection, TE, Trailer, "
            "Transfer-Encoding, Upgrade)"
        )


def check_transport(value: object) -> Any:
    """``value`` if it names a transport or is one (it has ``handle_request``), else ConfigurationError."""
    if isinstance(value, str):
        if value not in transport_names():
            choices = ", ".join(repr(n) for n in transport_names())
            raise ConfigurationError(
                f"unknown transport {value!r}; choose one of {choices}, or pass a transport object"
            )
        return value
    if not callable(getattr(value, "handle_request", None)):
        raise ConfigurationError(
            f"transport must be a transport name ('urllib3', 'requests') or an object with a "
            f"handle_request(request) method, got {type(value).__name__}"
        )
    return value


def _transport_name(transport: object) -> str:
    return transport if isinstance(transport, str) else type(transport).__name__


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

    Without ``host``, the ``PIECES_OS_HOST`` environment variable (when set and not empty) is the host,
    else ``http://localhost:1000``; an explicit ``host`` always wins. The API key is sent to whatever
    host this names.
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
        total_timeout: float = C.DEFAULT_TOTAL_TIMEOUT,
        retries: Union[int, RetryPolicy, None] = None,
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
        transport: Union[TransportName, Transport, AsyncTransport] = C.DEFAULT_TRANSPORT,
        debug: bool = False,
    ) -> None:
        self.host = _default_host() if host is None else host
        self.api_key = api_key  # the setter takes a str or None too
        self.api_key_prefix: Dict[str, str] = dict(api_key_prefix or {})
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self.total_timeout = total_timeout
        self.retries = retries  # None selects the default
        self.verify_ssl = verify_ssl
        self.ssl_ca_cert = ssl_ca_cert
        """Path to a CA bundle (PEM) to verify the server with, instead of the system's."""
        self.ca_cert_data = ca_cert_data
        """CA certificates as PEM text (or DER bytes) to verify the server with, instead of a file."""
        self.cert_file = cert_file
        """Client certificate (PEM) for mutual TLS."""
        self.key_file = key_file
        """Private key of ``cert_file``."""
        self.assert_hostname = assert_hostname
        self.proxy = proxy
        self.proxy_headers = proxy_headers
        self.default_headers: Dict[str, str] = dict(default_headers or {})
        for name in self.default_headers:
            check_not_sdk_header(name, "default_headers header")
        """Headers sent with every request (a per-call ``_headers`` overrides them)."""
        self.user_agent = user_agent
        self.connection_pool_maxsize = connection_pool_maxsize
        self.pool_block = pool_block
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
        if debug is not False:  # building settings with debug off never touches logging
            self.debug = debug

    def __setstate__(self, state: Dict[str, Any]) -> None:
        # A copy (copy.deepcopy, pickle) with debug on holds the debug handler like its original.
        self.__dict__.update(state)
        if self._debug:
            _hold_debug_logging(self)

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
        check_api_key(keys)
        self._api_key = keys

    @property
    def verify_ssl(self) -> bool:
        """Verify the server's TLS certificate (on by default; turn off only for testing)."""
        return self._verify_ssl

    @verify_ssl.setter
    def verify_ssl(self, value: bool) -> None:
        self._verify_ssl = _check_bool(value, "verify_ssl")

    @property
    def pool_block(self) -> bool:
        """When every pooled connection is busy: wait up to ``pool_timeout`` (True) or open an extra one."""
        return self._pool_block

    @pool_block.setter
    def pool_block(self, value: bool) -> None:
        self._pool_block = _check_bool(value, "pool_block")

    @property
    def assert_hostname(self) -> Union[bool, str, None]:
        """Host name to check the certificate against (None: the URL's), or False to skip the check."""
        return self._assert_hostname

    @assert_hostname.setter
    def assert_hostname(self, value: Union[bool, str, None]) -> None:
        if value is True or not (value is None or value is False or isinstance(value, str)):
            raise ConfigurationError(
                "assert_hostname must be None (check the URL's host name), a host name, or False "
                f"(no check), got {type(value).__name__} {value!r}"
            )
        self._assert_hostname = value

    @property
    def proxy_headers(self) -> Optional[Dict[str, str]]:
        """Extra headers for the proxy (e.g. Proxy-Authorization); never logged.

        Checked when set, and again when an `ApiClient` is built (a dict edited in place).
        """
        return self._proxy_headers

    @proxy_headers.setter
    def proxy_headers(self, value: Optional[Dict[str, str]]) -> None:
        self._proxy_headers = None if value is None else check_headers(value, "proxy_headers")

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
    def total_timeout(self) -> float:
        """Seconds one whole call may take, every attempt and backoff wait included (default 300).

        Enforced while reading too: a server that keeps sending a byte at a time is cut off when the
        deadline passes (`ApiTimeoutError`). A streamed response's ``read()`` gets the same number of
        seconds again, counted from the ``read()`` call.
        """
        return self._total_timeout

    @total_timeout.setter
    def total_timeout(self, value: float) -> None:
        self._total_timeout = check_timeout(value, "total_timeout")

    @property
    def timeout(self) -> Tuple[float, float]:
        """(connect, read) seconds: what a call uses unless it passes ``_request_timeout``."""
        return (self._connect_timeout, self._read_timeout)

    @property
    def retries(self) -> int:
        """Retries after the first attempt for a call that may be retried (default 2; 0 turns them off).

        Set a whole number (the default policy with that many retries), a `RetryPolicy`, or None for
        the default; `retry_policy` is the whole policy.
        """
        return self._retry_policy.max_retries

    @retries.setter
    def retries(self, value: Union[int, RetryPolicy, None]) -> None:
        if value is None:
            self._retry_policy = DEFAULT_RETRY_POLICY
        elif isinstance(value, RetryPolicy):
            self._retry_policy = value
        else:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise ConfigurationError(
                    f"retries must be a whole number >= 0 or a RetryPolicy, got {value!r}"
                )
            self._retry_policy = DEFAULT_RETRY_POLICY.with_retries(value)

    @property
    def retry_policy(self) -> RetryPolicy:
        """The `RetryPolicy` calls use: what is retried, how often, and the waits in between."""
        return self._retry_policy

    @retry_policy.setter
    def retry_policy(self, value: RetryPolicy) -> None:
        if not isinstance(value, RetryPolicy):
            raise ConfigurationError(f"retry_policy must be a RetryPolicy, got {type(value).__name__}")
        self._retry_policy = value

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
        """Largest response body read, in bytes after decompression (default 4 MiB; at least 1)."""
        return self._max_response_bytes

    @max_response_bytes.setter
    def max_response_bytes(self, value: int) -> None:
        self._max_response_bytes = _check_count(value, "max_response_bytes", 1)

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
    def transport(self) -> Union[str, Transport, AsyncTransport]:
        """What sends requests: the name of a built-in transport, ``"urllib3"`` (default) or
        ``"requests"`` (`TransportName`), or a transport object (`pieces_os_client.transport`).

        A transport object is shared by every client built from this configuration, and closed by none
        of them: it belongs to whoever made it. `AsyncApiClient` sends over aiohttp whatever name is
        set here.
        """
        transport: Union[str, Transport, AsyncTransport] = self._transport
        return transport

    @transport.setter
    def transport(self, value: Union[TransportName, Transport, AsyncTransport]) -> None:
        self._transport = check_transport(value)

    @property
    def debug(self) -> bool:
        """True: the ``pieces_os_client`` logger logs one DEBUG line per request attempt, and one per
        retry, to stderr (not the lines of the built-in fake's ``pieces_os_client.testing`` logger).

        The logger is process-wide, so the switch is counted: the stderr handler is added when a first
        configuration turns debug on, and removed when the last one that turned it on turns it off (or
        is garbage collected). Building a configuration with debug off changes nothing. Credentials
        are never logged; http.client's debug output stays off.
        """
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self._debug = _check_bool(value, "debug")
        if value:
            _hold_debug_logging(self)
        else:
            _release_debug_logging(id(self))

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
            f"Configuration(host={redact_url(self._host)!r}, api_key={_redact(self._api_key)!r}, "
            f"timeout={self.timeout!r}, retries={self.retries!r}, verify_ssl={self.verify_ssl!r}, "
            f"proxy={None if self._proxy is None else redact_url(self._proxy)!r}, "
            f"transport={_transport_name(self._transport)!r})"
        )


# How the lines of `Configuration.debug` (and of the command line's --verbose) read.
DEBUG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# The name of the stderr handler `Configuration.debug` adds, so it is added once and removed again.
_DEBUG_HANDLER_NAME = "pieces_os_client.debug"
# The configurations that turned debug on (by id, weakly held): the handler stays while one is left.
_debug_holders: Dict[int, weakref.ref[Configuration]] = {}
_debug_lock = threading.RLock()  # re-entrant: a weakref callback may run while it is held


def _hold_debug_logging(configuration: Configuration) -> None:
    key = id(configuration)
    with _debug_lock:
        if key in _debug_holders:
            return
        _debug_holders[key] = weakref.ref(configuration, lambda _ref: _release_debug_logging(key))
        if len(_debug_holders) == 1:
            _set_debug_logging(True)


def _release_debug_logging(key: int) -> None:
    with _debug_lock:
        if _debug_holders.pop(key, None) is not None and not _debug_holders:
            _set_debug_logging(False)


# The logger of the built-in fake; it and its children are left out of the `debug` output.
_FAKE_LOGGER = f"{LOGGER_NAME}.testing"


def _not_the_fake(record: logging.LogRecord) -> bool:
    return record.name != _FAKE_LOGGER and not record.name.startswith(f"{_FAKE_LOGGER}.")


def _set_debug_logging(on: bool) -> None:
    import logging

    logger = logging.getLogger(LOGGER_NAME)
    ours = [h for h in logger.handlers if h.get_name() == _DEBUG_HANDLER_NAME]
    if on:
        logger.setLevel(logging.DEBUG)
        if not ours:
            handler = logging.StreamHandler(sys.stderr)
            handler.set_name(_DEBUG_HANDLER_NAME)
            handler.setFormatter(logging.Formatter(DEBUG_FORMAT))
            # The client's lines only: the in-process fake logs each request it serves on a child logger,
            # which a user debugging their client did not ask to see.
            handler.addFilter(_not_the_fake)
            logger.addHandler(handler)
    elif ours:  # off undoes what on did, and leaves levels and handlers set elsewhere alone
        for added in ours:
            logger.removeHandler(added)
        if logger.level == logging.DEBUG:
            logger.setLevel(logging.NOTSET)
