"""The ``requests`` transport: one `requests.Session` sending one attempt per call.

Selected with ``Configuration(transport="requests")`` (install ``pieces-os-client[requests]``). It
exists so that apps whose tests mock HTTP with the ``responses`` library can mock this SDK too:
``responses`` intercepts requests' adapter, so registered URLs answer without a socket. Everything else
stays in `ApiClient` (retries, Retry-After, timeouts, status mapping, decoding), and the transport
behaves like the default urllib3 one: no retries or redirects of its own, no proxy or ``.netrc`` taken
from the environment, no headers beyond those `ApiClient` builds, the same body-size limit and the same
errors (requests wraps urllib3: its errors are unwrapped and classified as the urllib3 transport's are,
and worded by the same table).

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
from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional, Union

from pieces_os_client.exceptions import ConfigurationError

try:
    import requests
    from requests.adapters import HTTPAdapter
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ConfigurationError(
        "Configuration(transport='requests') needs the requests package: "
        "pip install 'pieces-os-client[requests]'"
    ) from exc

from urllib3 import exceptions as u3

from pieces_os_client._transport import TransportRequest, check_tls_files, connections_checked_out
from pieces_os_client._transport._errors import Kind, TransportFailure
from pieces_os_client._transport._exchange import BytesResponse, SendsRequests
from pieces_os_client._transport._http import use_sdk_connections
from pieces_os_client._transport._urllib3 import Urllib3Response, _classify

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


class RequestsTransport(SendsRequests):
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

    def handle_request(self, request: TransportRequest) -> Union[Urllib3Response, BytesResponse]:
        try:
            response = self._session.request(
                request.method,
                request.url,
                headers=dict(request.headers),
                data=request.body,
                timeout=request.timeout,
                allow_redirects=False,
                stream=True,  # the body is read above the transport, bounded, as urllib3's is
            )
        except Exception as exc:  # every failure to get a response is classified
            raise _classify_requests(exc) from exc
        raw = response.raw
        if raw is None or not hasattr(raw, "release_conn"):  # a mock that gave no urllib3 response
            status = response.status_code
            reason = response.reason or http.client.responses.get(status, "")
            return BytesResponse(status, reason, dict(response.headers), response.content)
        raw.decode_content = True  # requests asks urllib3 for the raw bytes; decode as urllib3 does
        return Urllib3Response(raw)

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


def _classify_requests(exc: BaseException) -> TransportFailure:
    """The failure a requests exception is: what it wraps from urllib3 is classified as urllib3's own."""
    inner = _unwrap(exc)
    if inner is not None:
        return _classify(inner, None)
    # Errors raised by requests itself (or by a mock such as ``responses``) with no urllib3 error inside.
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return TransportFailure(Kind.CONNECT_TIMEOUT)
    if isinstance(exc, requests.exceptions.Timeout):
        return TransportFailure(Kind.READ_TIMEOUT)
    if isinstance(exc, requests.exceptions.SSLError):
        return TransportFailure(Kind.TLS, exc)
    if isinstance(exc, requests.exceptions.ProxyError):
        return TransportFailure(Kind.PROXY, exc)
    if isinstance(exc, (requests.exceptions.InvalidURL, requests.exceptions.InvalidSchema)):
        return TransportFailure(Kind.BAD_URL, exc)
    if isinstance(exc, (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError)):
        return TransportFailure(Kind.NOT_HTTP, exc)
    if isinstance(exc, requests.exceptions.ConnectionError):
        if "refused" in str(exc).lower():
            return TransportFailure(Kind.REFUSED, "connection refused")
        return TransportFailure(Kind.BROKEN, exc)
    if isinstance(exc, requests.exceptions.RequestException):
        return TransportFailure(Kind.FAILED, f"{type(exc).__name__}: {exc}")
    if isinstance(exc, OSError):  # requests checks the TLS files before it connects
        return TransportFailure(Kind.TLS_FILE, exc)
    raise exc  # not a transport failure: a bug to see, not to disguise
