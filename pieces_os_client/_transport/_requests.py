"""The ``requests`` transport: one `requests.Session` sending one attempt per call.

Selected with ``Configuration(transport="requests")`` (install ``pieces-os-client[requests]``). It
exists so that apps whose tests mock HTTP with the ``responses`` library can mock this SDK too:
``responses`` intercepts requests' adapter, so registered URLs answer without a socket. Everything else
stays in `ApiClient` (retries, Retry-After, timeouts, status mapping, decoding), and the transport
behaves like the default urllib3 one: no retries or redirects of its own, no proxy or ``.netrc`` taken
from the environment, no headers beyond those `ApiClient` builds, the same body-size limit and the same
errors (requests wraps urllib3, and its errors are unwrapped and mapped by the same table).

Cookies: requests keeps a cookie jar per session and would send a ``Set-Cookie`` from one response
back with later requests (to another port too). This transport's jar refuses every cookie, so none is
stored or sent, as with urllib3; a ``Cookie`` header the caller sets is sent as given.

Not supported: ``Configuration.pool_block`` (requests gives no way to bound the wait for a pooled
connection, so it is refused rather than allowed to block forever). One difference remains for https
without ``ssl_ca_cert``: requests verifies against certifi's CA bundle, urllib3 against the system's.
"""

from __future__ import annotations

import http.client
import http.cookiejar
from typing import TYPE_CHECKING, Any, Dict, Mapping, NoReturn, Optional, Tuple

from pieces_os_client.exceptions import (
    ApiConnectionError,
    ConfigurationError,
    ProtocolError,
    TransportError,
)

try:
    import requests
    from requests.adapters import HTTPAdapter
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ConfigurationError(
        "Configuration(transport='requests') needs the requests package: "
        "pip install 'pieces-os-client[requests]'"
    ) from exc

from urllib3 import exceptions as u3

from pieces_os_client._transport import (
    _origin,
    check_tls_files,
    connect_timeout_error,
    connection_refused_error,
    connections_checked_out,
    read_timeout_error,
    tls_error,
    tls_file_error,
)
from pieces_os_client._transport._http import use_sdk_connections
from pieces_os_client._transport._urllib3 import _discard, _map_error, _read_all
from pieces_os_client.rest import RESTResponse

if TYPE_CHECKING:
    from pieces_os_client.configuration import Configuration

__all__ = ["RequestsTransport"]


class _NoCookies(http.cookiejar.CookiePolicy):
    """A cookie policy that accepts no cookie and returns none."""

    netscape = True
    rfc2965 = False
    hide_cookie2 = True

    def set_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False

    def return_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False

    def domain_return_ok(self, domain: str, request: Any) -> bool:
        return False

    def path_return_ok(self, path: str, request: Any) -> bool:
        return False


class _Adapter(HTTPAdapter):
    """requests' adapter with the TLS and proxy settings `Configuration` has and requests does not expose."""

    def __init__(
        self,
        pool_kwargs: Dict[str, Any],
        proxy_headers: Mapping[str, str],
        maxsize: int,
        *,
        ca_data_only: bool = False,
    ) -> None:
        self._extra_pool_kwargs = pool_kwargs
        self._proxy_headers = dict(proxy_headers)
        # ca_cert_data is the only CA to trust: requests would add its own bundle (certifi) beside it.
        self._ca_data_only = ca_data_only
        super().__init__(pool_connections=4, pool_maxsize=maxsize, max_retries=0, pool_block=False)

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **{**pool_kwargs, **self._extra_pool_kwargs})
        use_sdk_connections(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **{**proxy_kwargs, **self._extra_pool_kwargs})
        use_sdk_connections(manager)
        return manager

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]
        if self._ca_data_only and verify is True:
            conn.ca_certs = None
            conn.ca_cert_dir = None

    def proxy_headers(self, proxy: str) -> Dict[str, str]:
        headers: Dict[str, str] = super().proxy_headers(proxy)
        headers.update(self._proxy_headers)
        return headers


class RequestsTransport:
    """Sends requests through one `requests.Session` built from a `Configuration`."""

    def __init__(self, configuration: Configuration) -> None:
        check_tls_files(configuration)
        if configuration.pool_block:
            raise ConfigurationError(
                "pool_block=True is not supported by the requests transport (requests cannot bound the "
                "wait for a free connection); use the default urllib3 transport, or pool_block=False"
            )
        pool_kwargs: Dict[str, Any] = {}
        if configuration.assert_hostname is not None:
            pool_kwargs["assert_hostname"] = configuration.assert_hostname
        ca_data_only = False
        if configuration.ca_cert_data is not None and configuration.verify_ssl:
            pool_kwargs["ca_cert_data"] = configuration.ca_cert_data
            ca_data_only = configuration.ssl_ca_cert is None
        self._adapter = _Adapter(
            pool_kwargs,
            configuration.proxy_headers or {},
            configuration.connection_pool_maxsize,
            ca_data_only=ca_data_only,
        )
        session = requests.Session()
        session.trust_env = False  # like urllib3: no proxies, CA bundles or .netrc from the environment
        session.headers.clear()  # only the headers ApiClient builds are sent
        session.cookies.set_policy(_NoCookies())  # no cookie is stored from a response, none is sent
        session.mount("http://", self._adapter)
        session.mount("https://", self._adapter)
        if configuration.proxy:
            session.proxies = {"http": configuration.proxy, "https": configuration.proxy}
        verify: Any = configuration.verify_ssl
        if configuration.verify_ssl and configuration.ssl_ca_cert is not None:
            verify = configuration.ssl_ca_cert
        session.verify = verify
        if configuration.cert_file is not None:
            session.cert = (
                (configuration.cert_file, configuration.key_file)
                if configuration.key_file is not None
                else configuration.cert_file
            )
        self._session = session

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
        try:
            response = self._session.request(
                method,
                url,
                headers=dict(headers),
                data=body,
                timeout=timeout,
                allow_redirects=False,
                stream=True,  # the body is read below, bounded, by the same code as urllib3's
            )
        except Exception as exc:  # every failure to get a response becomes an SDK error
            _raise_transport_error(exc, method, url, timeout)
        raw = response.raw
        status = response.status_code
        reason = response.reason or http.client.responses.get(status, "")
        if raw is None or not hasattr(raw, "release_conn"):  # a mock that gave no urllib3 response
            data = response.content
            return RESTResponse(status, reason, dict(response.headers), data, method=method, url=url)
        raw.decode_content = True  # requests asks urllib3 for the raw bytes; decode as urllib3 does
        headers_out = raw.headers
        if preload_content:
            data = _read_all(raw, max_body_bytes, method, url, timeout)
            return RESTResponse(status, reason, headers_out, data, method=method, url=url)

        def read() -> bytes:
            return _read_all(raw, max_body_bytes, method, url, timeout)

        def discard() -> None:
            _discard(raw)

        return RESTResponse(status, reason, headers_out, method=method, url=url, reader=read, discard=discard)

    def connections_in_use(self) -> int:
        return connections_checked_out(self._adapter.poolmanager)

    def close(self) -> None:
        self._session.close()


def _unwrap(exc: BaseException) -> Optional[BaseException]:
    """The urllib3 error a requests exception wraps (through MaxRetryError), if any."""
    inner: Optional[BaseException] = (
        exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else None
    )
    if isinstance(inner, u3.MaxRetryError) and inner.reason is not None:
        inner = inner.reason
    if isinstance(inner, u3.HTTPError):
        return inner
    return None


def _raise_transport_error(
    exc: BaseException, method: str, url: str, timeout: Tuple[float, float]
) -> NoReturn:
    inner = _unwrap(exc)
    if inner is not None:
        # What requests wraps is what the urllib3 transport sees: map it with the same table.
        raise _map_error(inner, method, url, timeout, None, False) from exc
    raise _map_requests_error(exc, method, url, timeout) from exc


def _map_requests_error(
    exc: BaseException, method: str, url: str, timeout: Tuple[float, float]
) -> TransportError:
    """Errors raised by requests itself (or by a mock such as ``responses``) with no urllib3 error inside."""
    origin = _origin(url)
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return connect_timeout_error(method, url, timeout)
    if isinstance(exc, requests.exceptions.Timeout):
        return read_timeout_error(method, url, timeout)
    if isinstance(exc, requests.exceptions.SSLError):
        return tls_error(method, url, exc)
    if isinstance(exc, requests.exceptions.ProxyError):
        return ApiConnectionError(
            f"could not reach {origin} through the proxy ({exc}); check Configuration.proxy",
            method=method,
            url=url,
        )
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema)):
        return ProtocolError(f"cannot send to {url!r} ({exc})", method=method, url=url)
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return ProtocolError(f"the response from {origin} is not valid HTTP ({exc})", method=method, url=url)
    if isinstance(exc, requests.exceptions.ConnectionError):
        if "refused" in str(exc).lower():
            return connection_refused_error(method, url, "connection refused", request_sent=False)
        return ApiConnectionError(f"the connection to {origin} broke ({exc})", method=method, url=url)
    if isinstance(exc, requests.exceptions.RequestException):
        return ApiConnectionError(
            f"the request to {origin} failed ({type(exc).__name__}: {exc})", method=method, url=url
        )
    if isinstance(exc, OSError):  # requests checks the TLS files before it connects
        raise tls_file_error(exc) from exc
    raise exc  # not a transport failure: a bug to see, not to disguise
