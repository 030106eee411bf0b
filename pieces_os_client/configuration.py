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
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    ClassVar,
    Dict,
    FrozenSet,
    List,
    Literal,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Type,
    Union,
)
from urllib.parse import urlsplit

from pieces_os_client import _constants as C
from pieces_os_client._redact import redact_url
from pieces_os_client._text import escape_controls
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


_PROXY_SCHEMES = ("http", "https", "socks5", "socks5h", "socks4", "socks4a")
_PROXY_EXAMPLE = (
    "a valid proxy looks like 'http://proxy:3128' or 'socks5h://user:password@proxy:1080' "
    f"(scheme {', '.join(_PROXY_SCHEMES)}; percent-encode / @ # ? and spaces in a user name or password)"
)


def _check_proxy(value: object) -> str:
    """``value`` if it is a proxy URL: one of `_PROXY_SCHEMES`, a host, optional credentials and port."""
    if not isinstance(value, str):
        raise ConfigurationError(
            f"proxy must be a string or None, got {type(value).__name__}; {_PROXY_EXAMPLE}"
        )
    problem = _proxy_problem(value)
    if problem is not None:
        # redact_url: the message never quotes a password given in the URL.
        raise ConfigurationError(f"proxy {redact_url(value)!r} {problem}; {_PROXY_EXAMPLE}")
    return value


def _proxy_problem(value: str) -> Optional[str]:
    if _CONTROL_CHARS.search(value) or any(ch.isspace() for ch in value):
        return "contains whitespace or a control character"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:  # the parser's message may quote part of a password: not shown
        return "is not a valid URL"
    if "://" not in value:
        return "needs a scheme such as http://"
    if parts.scheme not in _PROXY_SCHEMES:
        return f"has the scheme {parts.scheme}://, which is not a proxy scheme"
    if not parts.hostname:
        return "has no host name"
    if parts.netloc.count("@") > 1 or "@" in parts.path or parts.query or parts.fragment or "#" in value:
        return "has an unencoded @, #, ? or / in its credentials, or a query or fragment"
    if parts.path not in ("", "/"):
        return "has a path (a proxy is scheme://[user:password@]host:port)"
    if port == 0:
        return "has port 0"
    return None


# A DNS host name: dot-separated labels of letters, digits and inner hyphens, 253 characters at most.
_HOST_NAME = re.compile(
    r"(?=.{1,253}\.?$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?"
)


def _check_tls_server_name(value: object) -> Optional[str]:
    if value is None:
        return None
    if not isinstance(value, str) or not _HOST_NAME.fullmatch(value):
        shown = value if isinstance(value, str) else type(value).__name__
        raise ConfigurationError(
            "tls_server_name must be None or a host name such as 'pieces.local' (the name sent in the TLS "
            f"handshake, SNI), got {escape_controls(repr(shown))}; encode an international name with IDNA "
            "first"
        )
    return value


SocketOption = Tuple[int, int, Union[int, bytes]]
"""One socket option, as ``socket.setsockopt`` takes it: (level, option, value)."""


def _check_socket_options(value: object) -> Optional[List[SocketOption]]:
    if value is None:
        return None
    example = "e.g. [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)]"
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ConfigurationError(
            f"socket_options must be None or a list of (level, option, value) tuples, {example}; "
            f"got {type(value).__name__}"
        )
    checked: List[SocketOption] = []
    for item in value:
        if (
            not isinstance(item, tuple)
            or len(item) != 3
            or any(isinstance(n, bool) or not isinstance(n, int) for n in item[:2])
            or not isinstance(item[2], (int, bytes))
        ):
            raise ConfigurationError(
                "socket_options must hold (level, option, value) tuples of two whole numbers and an int or "
                f"bytes value, as socket.setsockopt takes them, {example}; got {escape_controls(repr(item))}"
            )
        checked.append((item[0], item[1], item[2]))
    return checked


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

    # The plain attributes (the validated settings are properties below). Every public name a class of the
    # instance declares, here or in a subclass, may be assigned; any other raises ConfigurationError.
    api_key_prefix: Dict[str, str]
    """Prefixes by scheme, e.g. ``{"application": "Token"}`` sends ``X-Application-ID: Token <key>``."""
    ssl_ca_cert: Optional[str]
    ca_cert_data: Union[str, bytes, None]
    cert_file: Optional[str]
    key_file: Optional[str]
    default_headers: Dict[str, str]
    logger: Dict[str, logging.Logger]
    # Official settings kept as given, with no effect on the Allocations API, as in the official SDK: they
    # serve operation servers, path and query parameters, file downloads and other auth schemes, which no
    # Allocations operation has (see the README's Configuration section).
    server_variables: Dict[str, str]
    server_operation_index: Dict[Any, int]
    server_operation_variables: Dict[Any, Dict[str, str]]
    ignore_operation_servers: bool
    temp_folder_path: Optional[str]
    username: Optional[str]
    password: Optional[str]
    access_token: Optional[str]
    safe_chars_for_path_param: str
    client_side_validation: bool
    datetime_format: str
    date_format: str
    logger_stream_handler: Optional[logging.Handler]
    logger_file_handler: Optional[logging.Handler]

    def __init__(
        self,
        host: Optional[str] = None,
        api_key: Union[str, Dict[str, str], None] = None,
        api_key_prefix: Optional[Dict[str, str]] = None,
        username: Optional[str] = None,
        password: Optional[str] = None,
        access_token: Optional[str] = None,
        server_index: Optional[int] = None,
        server_variables: Optional[Dict[str, str]] = None,
        server_operation_index: Optional[Dict[Any, int]] = None,
        server_operation_variables: Optional[Dict[Any, Dict[str, str]]] = None,
        ignore_operation_servers: bool = False,
        ssl_ca_cert: Optional[str] = None,
        retries: Union[int, RetryPolicy, None] = None,
        ca_cert_data: Union[str, bytes, None] = None,
        *,
        debug: Optional[bool] = False,
        connect_timeout: float = C.DEFAULT_CONNECT_TIMEOUT,
        read_timeout: float = C.DEFAULT_READ_TIMEOUT,
        total_timeout: float = C.DEFAULT_TOTAL_TIMEOUT,
        verify_ssl: bool = True,
        cert_file: Optional[str] = None,
        key_file: Optional[str] = None,
        assert_hostname: Union[bool, str, None] = None,
        tls_server_name: Optional[str] = None,
        socket_options: Optional[Sequence[SocketOption]] = None,
        proxy: Optional[str] = None,
        proxy_headers: Optional[Dict[str, str]] = None,
        default_headers: Optional[Dict[str, str]] = None,
        user_agent: str = C.USER_AGENT,
        connection_pool_maxsize: int = C.DEFAULT_POOL_MAXSIZE,
        pool_block: bool = False,
        pool_timeout: float = C.DEFAULT_POOL_TIMEOUT,
        max_response_bytes: int = C.DEFAULT_MAX_RESPONSE_BYTES,
        transport: Union[TransportName, Transport, AsyncTransport] = C.DEFAULT_TRANSPORT,
    ) -> None:
        self.host = _default_host() if host is None else host
        # The official SDK's host settings: index 0 (its default) unless a host was given or came from
        # PIECES_OS_HOST; an index given here selects that server, as there.
        self._server_index: Optional[int] = 0 if host is None and self._host == C.DEFAULT_HOST else None
        self.server_variables = dict(server_variables or {})
        if server_index is not None:
            self.server_index = server_index
        self.server_operation_index = dict(server_operation_index or {})
        self.server_operation_variables = dict(server_operation_variables or {})
        self.ignore_operation_servers = ignore_operation_servers
        self.api_key = api_key  # the setter takes a str or None too
        self.api_key_prefix = dict(api_key_prefix or {})
        self.refresh_api_key_hook = None
        self.username = username
        self.password = password
        self.access_token = access_token
        self.temp_folder_path = None
        self.safe_chars_for_path_param = ""
        self.client_side_validation = True
        self.datetime_format = "%Y-%m-%dT%H:%M:%S.%f%z"
        self.date_format = "%Y-%m-%d"
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
        self.tls_server_name = tls_server_name
        self.socket_options = socket_options
        self.proxy = proxy
        self.proxy_headers = proxy_headers
        self.default_headers = dict(default_headers or {})
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

        self.logger = {
            "package_logger": logging.getLogger(LOGGER_NAME),
            "urllib3_logger": logging.getLogger("urllib3"),
        }
        """The SDK's logger (``pieces_os_client``) under "package_logger"; `debug` switches it to DEBUG."""
        self.logger_stream_handler = None
        self.logger_file_handler = None
        self._logger_format = _OFFICIAL_LOG_FORMAT
        self._logger_formatter: Optional[logging.Formatter] = None
        self._debug = False
        if debug is not False and debug is not None:  # building settings with debug off never touches logging
            self.debug = debug

    def __setattr__(self, name: str, value: Any) -> None:
        # A misspelt or unknown setting is an error here, not a new attribute nothing reads.
        if not name.startswith("_") and name not in _declared_names(type(self)):
            raise ConfigurationError(_unknown_setting(type(self), name))
        object.__setattr__(self, name, value)

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
        self._server_index = None  # as the official SDK: a host given replaces the index

    @property
    def server_index(self) -> Optional[int]:
        """The index in `get_host_settings` the host was taken from, or None when it was given.

        As in the official SDK: 0 by default (``http://localhost:1000``); assigning 1 selects
        ``http://localhost:5323`` (Pieces OS before version 11 on Linux); assigning `host` sets it to None.
        """
        return self._server_index

    @server_index.setter
    def server_index(self, value: Optional[int]) -> None:
        if value is None:
            self._server_index = None
            return
        self.host = self.get_host_from_settings(value, self.server_variables)
        self._server_index = value

    @property
    def refresh_api_key_hook(self) -> Optional[Callable[[Configuration], object]]:
        """Called with this configuration before the API key is read for a request, as in the official SDK
        (to refresh ``api_key`` in place), or None."""
        return self._refresh_api_key_hook

    @refresh_api_key_hook.setter
    def refresh_api_key_hook(self, value: Optional[Callable[[Configuration], object]]) -> None:
        if value is not None and not callable(value):
            raise ConfigurationError(
                "refresh_api_key_hook must be None or a function taking the configuration, got "
                f"{type(value).__name__}"
            )
        self._refresh_api_key_hook = value

    @property
    def tls_server_name(self) -> Optional[str]:
        """The host name sent in the TLS handshake (SNI) and checked against the certificate, when it is
        not the host name of `host` (e.g. ``https://127.0.0.1:39300`` serving a certificate for
        ``pieces.local``); None: the host's."""
        return self._tls_server_name

    @tls_server_name.setter
    def tls_server_name(self, value: Optional[str]) -> None:
        self._tls_server_name = _check_tls_server_name(value)

    @property
    def socket_options(self) -> Optional[List[SocketOption]]:
        """Options set on each new connection's socket, as ``(level, option, value)`` tuples for
        ``socket.setsockopt`` (e.g. ``[(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)]``); None: the HTTP
        library's defaults."""
        return self._socket_options

    @socket_options.setter
    def socket_options(self, value: Optional[Sequence[SocketOption]]) -> None:
        self._socket_options = _check_socket_options(value)

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
        """Proxy URL for every request, or None: ``http://`` or ``https://``, or ``socks5://``, ``socks5h://``,
        ``socks4://``, ``socks4a://``, with optional ``user:password@`` (sent as Proxy-Authorization to an
        HTTP proxy; percent-encode ``/ @ # ?`` and spaces in them). Shown with the credentials masked."""
        return self._proxy

    @proxy.setter
    def proxy(self, value: Optional[str]) -> None:
        self._proxy = None if value is None else _check_proxy(value)

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

    @property
    def logger_format(self) -> str:
        """The official SDK's format for its log file; kept, as `logger_file` is refused."""
        return self._logger_format

    @logger_format.setter
    def logger_format(self, value: str) -> None:
        if not isinstance(value, str):
            raise ConfigurationError(
                f"logger_format must be a logging format string, got {type(value).__name__}"
            )
        self._logger_format = value
        self._logger_formatter = None

    @property
    def logger_formatter(self) -> logging.Formatter:
        """``logging.Formatter(logger_format)``, as in the official SDK."""
        if self._logger_formatter is None:
            import logging

            self._logger_formatter = logging.Formatter(self._logger_format)
        return self._logger_formatter

    @logger_formatter.setter
    def logger_formatter(self, value: logging.Formatter) -> None:
        self._logger_formatter = value

    @property
    def logger_file(self) -> None:
        """Always None: the official SDK's log file is not offered (see the setter)."""
        return None

    @logger_file.setter
    def logger_file(self, value: Optional[str]) -> None:
        if value is not None:
            raise ConfigurationError(
                "logger_file is not supported: it would add a process-wide file handler that no "
                "configuration could remove; add one yourself, e.g. logging.getLogger('pieces_os_client')"
                ".addHandler(logging.FileHandler(path)), and set Configuration.debug = True for one line per "
                "attempt"
            )

    # --- helpers ------------------------------------------------------------------------------------

    def get_api_key_with_prefix(self, identifier: str, alias: Optional[str] = None) -> Optional[str]:
        """The API key for scheme ``identifier`` with its prefix (``api_key_prefix``), or None.

        Calls `refresh_api_key_hook` first, when one is set.
        """
        if self._refresh_api_key_hook is not None:
            self._refresh_api_key_hook(self)
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

    def get_basic_auth_token(self) -> Optional[str]:
        """The value of a Basic ``Authorization`` header for `username` and `password`, as the official SDK
        computes it (no Allocations operation sends one)."""
        import base64

        pair = f"{self.username or ''}:{self.password or ''}"
        return "Basic " + base64.b64encode(pair.encode("latin-1")).decode("ascii")

    def auth_settings(self) -> Dict[str, Dict[str, Any]]:
        """The official SDK's auth settings: ``application`` (the ``X-Application-ID`` key) when an API key
        is set, and the ``auth0`` and ``authorization`` bearer tokens when `access_token` is. Only
        ``application`` is sent: it is the one scheme the Allocations operations use."""
        auth: Dict[str, Dict[str, Any]] = {}
        if API_KEY_SCHEME in self._api_key:
            auth[API_KEY_SCHEME] = {
                "type": "api_key",
                "in": "header",
                "key": C.API_KEY_HEADER,
                "value": self.get_api_key_with_prefix(API_KEY_SCHEME),
            }
        if self.access_token is not None:
            for scheme in ("auth0", "authorization"):
                auth[scheme] = {
                    "type": "oauth2",
                    "in": "header",
                    "key": "Authorization",
                    "value": "Bearer " + self.access_token,
                }
        return auth

    def get_host_settings(self) -> List[Dict[str, Any]]:
        """The servers the official SDK lists: Pieces OS's default ports before version 11."""
        return [dict(server) for server in _HOST_SETTINGS]

    def get_host_from_settings(
        self,
        index: Optional[int],
        variables: Optional[Mapping[str, str]] = None,
        servers: Optional[Sequence[Mapping[str, Any]]] = None,
    ) -> str:
        """The URL of server ``index`` of ``servers`` (`get_host_settings` by default) with its variables
        filled in, as in the official SDK; `host` when ``index`` is None."""
        if index is None:
            return self._host
        servers = self.get_host_settings() if servers is None else servers
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < len(servers):
            raise ConfigurationError(
                f"server_index {index!r} is not an index of the host settings: use 0 to {len(servers) - 1}, "
                "or set Configuration.host"
            )
        server = servers[index]
        url = str(server["url"])
        given = variables or {}
        for name, variable in (server.get("variables") or {}).items():
            value = given.get(name, variable["default_value"])
            allowed = variable.get("enum_values")
            if allowed and value not in allowed:
                raise ConfigurationError(
                    f"server variable {name!r} is {value!r}; it must be one of {allowed}"
                )
            url = url.replace("{" + name + "}", value)
        return url

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
    def get_default_copy(cls) -> Configuration:
        """`get_default` (the official SDK's older name for it)."""
        return cls.get_default()

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
# The official SDK's log line format (`Configuration.logger_format`).
_OFFICIAL_LOG_FORMAT = "%(asctime)s %(levelname)s %(message)s"

# The servers the official SDK's configuration lists (`Configuration.get_host_settings`).
_HOST_SETTINGS: Tuple[Dict[str, str], ...] = (
    {"url": "http://localhost:1000", "description": "Pieces OS before version 11 on macOS and Windows"},
    {"url": "http://localhost:5323", "description": "Pieces OS before version 11 on Linux"},
)

# Public attribute names each Configuration class declares (annotations, properties, methods), with its
# base classes': the names `Configuration.__setattr__` accepts.
_DECLARED: Dict[type, FrozenSet[str]] = {}


def _declared_names(cls: type) -> FrozenSet[str]:
    names = _DECLARED.get(cls)
    if names is None:
        found: set[str] = set()
        for klass in cls.__mro__:
            if klass is object:
                continue
            found.update(vars(klass))
            found.update(vars(klass).get("__annotations__", {}))
        names = frozenset(n for n in found if not n.startswith("_"))
        _DECLARED[cls] = names
    return names


def _unknown_setting(cls: type, name: str) -> str:
    import difflib

    known = sorted(_declared_names(cls))
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return (
        f"{cls.__name__} has no setting {name!r}; {hint}the settings are listed in the README's "
        "Configuration section (a subclass may declare more: a class attribute or annotation)"
    )


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
