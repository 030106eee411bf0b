"""Cases 40-42: header values HTTP cannot carry, credentials in URLs, and cookies.

Every case runs on both transports (urllib3, the default, and requests) and expects the same result.
"""

from __future__ import annotations

import logging
import ssl
import subprocess
import sys
from typing import Any, List

import pytest
import trustme

from pieces_os_client import (
    Allocations,
    ApiClient,
    ApiConnectionError,
    ApiDecodeError,
    ApiTimeoutError,
    Configuration,
    ConfigurationError,
    wait_until_ready,
)
from pieces_os_client.exceptions import TransportError
from tests._calls import assert_released, get, post, raises_within
from tests._payloads import SNAPSHOT_BODY
from tests._server import closed_port, respond

TRANSPORTS = ["urllib3", "requests"]
OK = respond(200, SNAPSHOT_BODY)

# ---- 40: header values HTTP cannot carry ---------------------------------------------------------

# Values a header cannot carry as given: whitespace the server would strip, and text that is not ASCII.
BAD_VALUES = [" KEY-40-SECRET", "KEY-40-SECRET ", "\tKEY-40-SECRET", "ключ-KEY-40-SECRET", "KEY-40-SECRET 🚀"]


def _assert_quiet(err: BaseException, records: List[logging.LogRecord], secret: str) -> None:
    """The secret is in neither the error nor any log line."""
    assert "KEY-40-SECRET" not in str(err) and "KEY-40-SECRET" not in repr(err)
    assert secret not in str(err)
    for record in records:
        assert "KEY-40-SECRET" not in record.getMessage()


@pytest.mark.parametrize("value", BAD_VALUES)
def test_40_api_key_http_cannot_carry_is_refused_at_once_and_never_quoted(
    serve, make_api, sleeps, caplog, value
):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ConfigurationError) as info:
        Configuration(api_key=value)
    _assert_quiet(info.value, caplog.records, value)
    assert "api_key 'application'" in str(info.value)

    server = serve(OK)
    api, client = make_api(server.url, api_key="fine")
    client.configuration.api_key["application"] = value  # edited in place: checked again at send time
    err, _ = raises_within(ConfigurationError, 0.5, post, api)
    _assert_quiet(err, caplog.records, value)
    assert server.connections == 0 and server.bytes_received == 0 and sleeps == []
    assert_released(client)


@pytest.mark.parametrize("where", ["_headers", "default_headers", "user_agent", "header_name"])
@pytest.mark.parametrize("value", BAD_VALUES)
def test_40_header_value_http_cannot_carry_is_refused_before_any_byte(
    serve, make_api, sleeps, caplog, where, value
):
    caplog.set_level(logging.DEBUG)
    server = serve(OK)
    api, client = make_api(server.url)
    if where == "_headers":
        err, _ = raises_within(ConfigurationError, 0.5, get, api, _headers={"X-Trace": value})
    elif where == "default_headers":
        client.configuration.default_headers["X-Trace"] = value
        err, _ = raises_within(ConfigurationError, 0.5, get, api)
    elif where == "user_agent":
        with pytest.raises(ConfigurationError) as info:
            Configuration(user_agent=value)
        _assert_quiet(info.value, caplog.records, value)
        with pytest.raises(ConfigurationError) as info:
            client.user_agent = value
        err = info.value
    else:
        with pytest.raises(ConfigurationError) as info:
            ApiClient(client.configuration, header_name="X-Trace", header_value=value, **sleeps.kwargs)
        err = info.value
    _assert_quiet(err, caplog.records, value)
    assert server.connections == 0 and server.bytes_received == 0 and sleeps == []
    assert_released(client)


@pytest.mark.parametrize("name", ["X-Ключ", "X-Rocket-🚀", "X(Trace)", "X/Trace", 'X"Trace'])
def test_40_header_name_that_is_not_a_token_is_refused(serve, make_api, sleeps, name):
    server = serve(OK)
    api, client = make_api(server.url)
    err, _ = raises_within(ConfigurationError, 0.5, get, api, _headers={name: "v"})
    assert "not a valid HTTP header name" in str(err)
    client.configuration.default_headers[name] = "v"
    raises_within(ConfigurationError, 0.5, get, api)
    assert server.connections == 0 and sleeps == []
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    "value", ["Basic PROXY-40-SECRET\n", "Basic PROXY-40-SECRET\r\nX-Evil: 1", *BAD_VALUES]
)
def test_40_proxy_headers_are_checked_when_set_and_when_a_client_is_built(serve, transport, value):
    proxy = serve(OK)  # a plain HTTP proxy sees the request with an absolute URL and the proxy headers
    with pytest.raises(ConfigurationError) as info:
        Configuration(proxy=proxy.url, proxy_headers={"Proxy-Authorization": value})
    assert "PROXY-40-SECRET" not in str(info.value) and "KEY-40-SECRET" not in str(info.value)
    assert "proxy_headers header 'Proxy-Authorization'" in str(info.value)

    configuration = Configuration(
        host=f"http://127.0.0.1:{closed_port()}",
        proxy=proxy.url,
        proxy_headers={"Proxy-Authorization": "Basic good"},
        transport=transport,
        read_timeout=2,
    )
    with ApiClient(configuration) as client:
        assert isinstance(get(_api(client)), Allocations)
    assert proxy.requests[0].header("Proxy-Authorization") == "Basic good"
    assert proxy.requests[0].target.startswith("http://127.0.0.1:")

    assert configuration.proxy_headers is not None
    configuration.proxy_headers["Proxy-Authorization"] = value  # edited in place
    with pytest.raises(ConfigurationError) as info:
        ApiClient(configuration)
    assert "PROXY-40-SECRET" not in str(info.value) and "KEY-40-SECRET" not in str(info.value)
    assert proxy.connections == 1


def _api(client: ApiClient) -> Any:
    from pieces_os_client import AllocationsApi

    return AllocationsApi(client)


# ---- 41: credentials in URLs are masked ----------------------------------------------------------

# Passwords holding characters that end the host part of a URL for the parser.
CREDENTIAL_URLS = [
    "http://admin:S3/CRET41@127.0.0.1:39300",
    "http://admin:S3#CRET41@127.0.0.1:39300",
    "http://admin:S3?CRET41@127.0.0.1:39300",
    "http://admin:S3@CRET41@127.0.0.1:39300",
    "http://admin:12/S3CRET41@127.0.0.1:39300",
    "http://admin:S3CRET41@127.0.0.1:39300",
    "http://admin:S3 CRET41@127.0.0.1:39300",
]


def _no_password(text: str) -> None:
    assert "S3" not in text and "CRET41" not in text and "admin" not in text, text


# A proxy may carry credentials (sent as Proxy-Authorization): only a well-formed one is taken.
PROXY_CREDENTIAL_URLS = ["http://admin:S3CRET41@127.0.0.1:39300", "socks5h://admin:S3CRET41@127.0.0.1:39300"]


@pytest.mark.parametrize("url", CREDENTIAL_URLS)
def test_41_password_in_host_or_proxy_is_masked_in_configuration_errors(url):
    builds = [lambda: Configuration(host=url)]
    if url not in PROXY_CREDENTIAL_URLS:
        builds.append(lambda: Configuration(proxy=url))
    for build in builds:
        with pytest.raises(ConfigurationError) as info:
            build()
        _no_password(str(info.value))
        _no_password(repr(info.value))
        assert "***@127.0.0.1:39300" in str(info.value)
    configuration = Configuration()
    for name in ("host", "proxy") if url not in PROXY_CREDENTIAL_URLS else ("host",):
        with pytest.raises(ConfigurationError) as info:
            setattr(configuration, name, url)
        _no_password(str(info.value))
    _no_password(repr(configuration))


@pytest.mark.parametrize("url", PROXY_CREDENTIAL_URLS)
def test_41_a_proxy_with_credentials_is_taken_and_shown_masked(url):
    configuration = Configuration(proxy=url)
    assert configuration.proxy == url  # the value itself, for the transport
    _no_password(repr(configuration))
    assert "***@127.0.0.1:39300" in repr(configuration)


@pytest.mark.parametrize("url", CREDENTIAL_URLS)
def test_41_cli_never_prints_a_password_from_host(url):
    done = subprocess.run(
        [sys.executable, "-m", "pieces_os_client", "--host", url, "allocations", "snapshot"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done
    assert "ConfigurationError" in done.stderr and "***@127.0.0.1:39300" in done.stderr
    _no_password(done.stdout + done.stderr)


def test_41_wait_until_ready_masks_credentials_in_its_messages():
    port = closed_port()
    with pytest.raises(ApiTimeoutError) as timed_out:
        wait_until_ready(f"http://admin:S3CRET41@127.0.0.1:{port}", timeout=0.3, interval=0.05)
    assert f"***@127.0.0.1:{port}/.well-known/health: refused" in str(timed_out.value)
    _no_password(str(timed_out.value))
    for url in ("http://admin:S3/CRET41@127.0.0.1:1", "ftp://admin:S3CRET41@127.0.0.1:1"):
        with pytest.raises(ConfigurationError) as info:
            wait_until_ready(url, timeout=0.3)
        assert "***@127.0.0.1:1" in str(info.value)
        _no_password(str(info.value))


def test_41_transport_errors_mask_any_url_credentials_they_quote():
    # What a lower layer (urllib3, requests, a proxy) puts in its message is quoted in the SDK's error.
    err = ApiConnectionError(
        "could not reach http://127.0.0.1:1 through the proxy http://admin:S3/CRET41@proxy:3128 (refused)",
        method="GET",
        url="http://admin:S3#CRET41@127.0.0.1:1/allocations",
    )
    for text in (str(err), repr(err), err.message, str(err.url)):
        _no_password(text)
    assert "http://***@proxy:3128" in str(err) and err.url == "http://***@127.0.0.1:1/allocations"


# ---- 42: no cookie is ever stored or sent --------------------------------------------------------

SET_COOKIE = [("Set-Cookie", "session=COOKIE-42; Path=/"), ("Set-Cookie", "other=2; Domain=127.0.0.1")]


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_42_set_cookie_is_never_stored_or_sent(serve, make_api, transport):
    first = serve(respond(200, SNAPSHOT_BODY, headers=SET_COOKIE))
    second = serve(respond(200, SNAPSHOT_BODY, headers=SET_COOKIE))
    api, client = make_api(first.url, transport=transport)
    get(api)
    get(api)
    with pytest.raises(ApiDecodeError):  # a POST too (its reply is not the cloud it expects)
        post(api)
    client.configuration.host = second.url  # another port on the same host
    get(api)
    for request in first.requests + second.requests:
        assert request.header("Cookie") is None, request.raw
    # A Cookie header the caller sets is sent as given, and only it.
    get(api, _headers={"Cookie": "mine=1"})
    client.configuration.default_headers["Cookie"] = "default=2"
    get(api)
    assert [r.header("Cookie") for r in second.requests] == [None, "mine=1", "default=2"]
    client.configuration.default_headers.clear()
    with ApiClient(client.configuration, cookie="client=3") as other:
        get(_api(other))
        get(_api(other))
    assert [r.header("Cookie") for r in second.requests[-2:]] == ["client=3", "client=3"]
    assert_released(client)


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_42_ca_cert_data_is_the_ca_both_transports_trust(serve, make_api, sleeps, ca, transport):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    server = serve(OK, tls=context)
    pem = ca.cert_pem.bytes().decode("ascii")
    api, client = make_api(server.url, ca_cert_data=pem, transport=transport)
    assert isinstance(get(api), Allocations)
    assert server.attempts == 1
    assert_released(client)
    other = trustme.CA()  # a CA that did not sign the server's certificate: refused
    api, client = make_api(
        server.url, ca_cert_data=other.cert_pem.bytes().decode("ascii"), transport=transport
    )
    err, _ = raises_within(ApiConnectionError, 2.0, get, api)
    assert "TLS" in str(err) and err.attempts == 1 and server.attempts == 1
    assert isinstance(err, TransportError) and err.request_sent is False
    assert_released(client)
