"""The ``requests`` transport: one `requests.Session` sending one attempt per call.

Selected with ``Configuration(transport="requests")`` (install ``pieces-os-client[requests]``). It
exists so that apps whose tests mock HTTP with the ``responses`` library can mock this SDK too:
``responses`` intercepts requests' adapter, so registered URLs answer without a socket. Everything else
stays in `ApiClient` (retries, Retry-After, timeouts, status mapping, decoding), and the transport
behaves like the default urllib3 one: no retries or redirects of its own, no proxy or ``.netrc`` taken
from the environment, no headers beyond those `ApiClient` builds, the same body-size limit and the same
errors (requests wraps urllib3: its errors are unwrapped and classified as the urllib3 transport's are,
and worded by the same table). An error raised by something that is not a socket (a mock refusing a
URL it does not know) names what raised it and is not retried.

requests is extended only where it documents it: `HTTPAdapter.init_poolmanager` and
`proxy_manager_for` pass the TLS and socket settings to urllib3, `proxy_headers` adds the configured
proxy headers to the credentials requests takes from the proxy URL.

Cookies: requests keeps a cookie jar per session and would send a ``Set-Cookie`` from one response
back with later requests (to another port too). This transport's jar refuses every cookie, so none is
stored or sent, as with urllib3; a ``Cookie`` header the caller sets is sent as given.

Not supported: ``pool_block`` (requests gives no way to bound the wait for a pooled connection, so it
is refused rather than allowed to block forever). One difference remains for https without
``ssl_ca_cert``: requests verifies against certifi's CA bundle, urllib3 against the system's.
"""

from __future__ import annotations

import http.client
import http.cookiejar
from typing import Any, Dict, Optional, Union

from typing_extensions import Unpack

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

from pieces_os_client._redact import redact_url
from pieces_os_client._transport import _deadline
from pieces_os_client._transport._errors import Kind, TransportFailure, raised_by
from pieces_os_client._transport._seam import BytesResponse, TransportRequest, TransportSettings
from pieces_os_client._transport._settings import Settings, resolve_settings
from pieces_os_client._transport._urllib3 import Urllib3Response, _classify, pool_arguments

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
    """requests' adapter with the TLS, socket and proxy settings that requests itself does not expose."""

    def __init__(self, settings: Settings) -> None:
        self._extra_pool_kwargs = pool_arguments(settings)
        self._proxy_headers = dict(settings.proxy_headers or {})
        # ca_cert_data is the only CA to trust: requests would add its own bundle (certifi) beside it.
        self._ca_data_only = settings.ca_cert_data is not None and settings.ssl_ca_cert is None
        super().__init__(
            pool_connections=4, pool_maxsize=settings.pool_maxsize, max_retries=0, pool_block=False
        )

    def init_poolmanager(
        self, connections: int, maxsize: int, block: bool = False, **pool_kwargs: Any
    ) -> None:
        super().init_poolmanager(connections, maxsize, block, **{**pool_kwargs, **self._extra_pool_kwargs})

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        return super().proxy_manager_for(proxy, **{**proxy_kwargs, **self._extra_pool_kwargs})

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        super().cert_verify(conn, url, verify, cert)  # type: ignore[no-untyped-call]
        if self._ca_data_only and verify is True:
            conn.ca_certs = None
            conn.ca_cert_dir = None

    def proxy_headers(self, proxy: str) -> Dict[str, str]:
        headers: Dict[str, str] = super().proxy_headers(proxy)  # Proxy-Authorization from user:pass@
        headers.update(self._proxy_headers)
        return headers


class RequestsTransport:
    """Sends requests through one `requests.Session`; every argument is a keyword of `TransportSettings`."""

    def __init__(self, **settings: Unpack[TransportSettings]) -> None:
        resolved = self._settings = resolve_settings(settings)
        if resolved.pool_block:
            raise ConfigurationError(
                "pool_block=True is not supported by the requests transport (requests cannot bound the "
                "wait for a free connection); use the default urllib3 transport, or pool_block=False"
            )
        _deadline.install_send_hook()
        self._session = self._new_session()

    def _new_session(self) -> requests.Session:
        settings = self._settings
        session = requests.Session()
        session.trust_env = False  # like urllib3: no proxies, CA bundles or .netrc from the environment
        session.headers.clear()  # only the headers ApiClient builds are sent
        session.cookies.set_policy(_NoCookies())  # no cookie is stored from a response, none is sent
        adapter = _Adapter(settings)
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        if settings.proxy:
            session.proxies = {"http": settings.proxy, "https": settings.proxy}
        verify: Any = settings.verify_ssl
        if settings.verify_ssl and settings.ssl_ca_cert is not None:
            verify = settings.ssl_ca_cert
        session.verify = verify
        if settings.cert_file is not None:
            session.cert = (
                (settings.cert_file, settings.key_file)
                if settings.key_file is not None
                else settings.cert_file
            )
        return session

    def handle_request(self, request: TransportRequest) -> Union[Urllib3Response, BytesResponse]:
        with _deadline.Attempt() as attempt:
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
                _deadline.close_abandoned(attempt.sock)
                raise _classify_requests(exc, self._settings, attempt.sent) from exc
        raw = response.raw
        if raw is None or not hasattr(raw, "release_conn"):  # a mock that gave no urllib3 response
            status = response.status_code
            reason = response.reason or http.client.responses.get(status, "")
            return BytesResponse(status, reason, dict(response.headers), response.content)
        return Urllib3Response.checked(raw, attempt.deadline)

    def close(self) -> None:
        self._session.close()

    def reset_after_fork(self) -> None:
        # The parent's connections stay open for the parent: the child drops them unclosed.
        self._session = self._new_session()

    def __repr__(self) -> str:
        proxy = self._settings.proxy
        return f"RequestsTransport(proxy={None if proxy is None else redact_url(proxy)!r})"


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


def _classify_requests(exc: BaseException, settings: Settings, sent: bool) -> TransportFailure:
    """The failure a requests exception is: what it wraps from urllib3 is classified as urllib3's own."""
    inner = _unwrap(exc)
    if inner is not None:
        return _classify(inner, settings, sent=sent)
    raiser = raised_by(exc)
    if raiser is not None:  # no socket was involved: a mock (responses) raised it
        timeout = isinstance(exc, requests.exceptions.Timeout)
        return TransportFailure(Kind.TIMEOUT_NOT_SENT if timeout else Kind.NOT_SENT, raiser)
    # Errors raised by requests itself, with no urllib3 error inside.
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
        return TransportFailure(Kind.BROKEN, exc)
    if isinstance(exc, requests.exceptions.RequestException):
        return TransportFailure(Kind.FAILED, f"{type(exc).__name__}: {exc}")
    if isinstance(exc, OSError):  # requests checks the TLS files before it connects
        return TransportFailure(Kind.TLS_FILE, exc)
    raise exc  # not a transport failure: a bug to see, not to disguise
