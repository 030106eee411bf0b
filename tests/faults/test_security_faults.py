"""Checklist cases 23-27 and 33: header injection, redirects, TLS, secrets in logs, and invalid hosts.

Redirect policy: the SDK never follows a redirect. A 3xx reaches the caller as an `ApiException` naming
the status, so a credential header can never be carried to another origin.
"""

from __future__ import annotations

import gc
import http.client
import logging
import ssl
import time
from typing import Any, Iterator

import pytest
import trustme
import urllib3

from pieces_os_client import (
    Allocations,
    AllocationsApi,
    ApiClient,
    ApiConnectionError,
    ApiException,
    Configuration,
    ConfigurationError,
    UnauthorizedException,
)
from tests._calls import assert_released, get, post, raises_within
from tests._payloads import SNAPSHOT_BODY
from tests._server import closed_port, respond

OK = respond(200, SNAPSHOT_BODY)

# ---- 23: CR/LF injection -------------------------------------------------------------------------

INJECTIONS = ["k\r\nX-Evil: 1", "k\nX-Evil: 1", "k\rX-Evil: 1", "k\x00", "k\x7f"]


@pytest.mark.parametrize("value", INJECTIONS)
def test_23_crlf_in_a_per_call_header_value_is_refused_before_any_byte(serve, make_api, value):
    server = serve(OK)
    api, client = make_api(server.url)
    err, _ = raises_within(ConfigurationError, 0.5, get, api, _headers={"X-Trace": value})
    assert "X-Evil" not in str(err)  # the value is never echoed (it may be a secret)
    assert server.connections == 0 and server.bytes_received == 0
    assert_released(client)


@pytest.mark.parametrize("name", ["X-Evil\r\nHost", "X-Evil\n", "Bad Name", "Bad:Name", ""])
def test_23_bad_header_name_is_refused_before_any_byte(serve, make_api, name):
    server = serve(OK)
    api, client = make_api(server.url)
    raises_within(ConfigurationError, 0.5, get, api, _headers={name: "v"})
    assert server.connections == 0 and server.bytes_received == 0
    assert_released(client)


@pytest.mark.parametrize("value", INJECTIONS)
def test_23_crlf_in_the_api_key_is_refused_when_configured(value):
    with pytest.raises(ConfigurationError) as info:
        Configuration(api_key=value)
    assert "X-Evil" not in str(info.value)
    configuration = Configuration()
    with pytest.raises(ConfigurationError):
        configuration.api_key = {"application": value}


def test_23_api_key_edited_in_place_is_checked_again_at_send_time(serve, make_api):
    server = serve(OK)
    api, client = make_api(server.url, api_key="fine")
    client.configuration.api_key["application"] = "sneaky\nX-Evil: 1"
    raises_within(ConfigurationError, 0.5, get, api)
    assert server.connections == 0 and server.bytes_received == 0
    assert_released(client)


def test_23_default_headers_edited_in_place_are_checked_at_send_time(serve, make_api):
    server = serve(OK)
    api, client = make_api(server.url)
    client.configuration.default_headers["X-Evil"] = "a\r\nb: c"
    raises_within(ConfigurationError, 0.5, post, api)
    assert server.connections == 0 and server.bytes_received == 0
    assert_released(client)


def test_23_client_level_headers_are_checked_when_set(serve):
    server = serve(OK)
    configuration = Configuration(host=server.url)
    with pytest.raises(ConfigurationError):
        ApiClient(configuration, header_name="X-Evil", header_value="a\nb")
    with pytest.raises(ConfigurationError):
        ApiClient(configuration, cookie="session=1\r\nX-Evil: 1")
    with ApiClient(configuration) as client:
        with pytest.raises(ConfigurationError):
            client.set_default_header("X-Evil", "a\r\nb")
        with pytest.raises(ConfigurationError):
            client.user_agent = "agent\nX-Evil: 1"
    with pytest.raises(ConfigurationError):
        Configuration(user_agent="agent\r\nX-Evil: 1")
    assert server.connections == 0


# ---- 24-25: redirects ----------------------------------------------------------------------------

SECRET_KEY = "app-key-SECRET-1"
SECRET_AUTH = "Bearer SECRET-2"
SECRET_COOKIE = "session=SECRET-3"


@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("method", ["GET", "POST"])
def test_24_cross_origin_redirect_is_not_followed_and_no_credential_leaves(serve, sleeps, code, method):
    other = serve(OK)
    target = f"http://localhost:{other.port}/allocations"
    origin = serve(respond(code, b"", content_type=None, headers=[("Location", target)]))
    configuration = Configuration(host=origin.url, api_key=SECRET_KEY, connect_timeout=1, read_timeout=1)
    with ApiClient(configuration, cookie=SECRET_COOKIE, **sleeps.kwargs) as client:
        api = AllocationsApi(client)
        call = get if method == "GET" else post
        err, _ = raises_within(ApiException, 1.0, call, api, _headers={"Authorization": SECRET_AUTH})
        assert err.status == code and err.attempts == 1
        assert "redirects are not followed" in str(err)
        assert err.headers.get("Location") == target  # the caller can decide where to go
        assert origin.attempts == 1
        sent = origin.requests[0]
        assert sent.header("X-Application-ID") == SECRET_KEY  # the credentials were there to leak
        assert sent.header("Authorization") == SECRET_AUTH and sent.header("Cookie") == SECRET_COOKIE
        assert other.connections == 0 and other.bytes_received == 0
        assert_released(client)


def test_25_redirect_loop_is_one_attempt(serve, make_api, sleeps):
    server = serve(respond(302, b"", content_type=None, headers=[("Location", "/allocations")]))
    api, client = make_api(server.url)
    err, _ = raises_within(ApiException, 1.0, get, api)
    assert err.status == 302 and server.attempts == 1
    assert_released(client)


def test_25_303_after_post_is_not_turned_into_a_get(serve, make_api, sleeps):
    server = serve(respond(303, b"", content_type=None, headers=[("Location", "/allocations")]), OK)
    api, client = make_api(server.url)
    err, _ = raises_within(ApiException, 1.0, post, api)
    assert err.status == 303 and err.method == "POST"
    assert [r.method for r in server.requests] == ["POST"]
    assert_released(client)


# ---- 26: TLS -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


@pytest.fixture
def tls_server(serve, ca) -> Iterator[Any]:
    def start(*names: str) -> Any:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ca.issue_cert(*names).configure_cert(context)
        return serve(OK, tls=context)

    yield start


@pytest.fixture
def ca_file(ca, tmp_path) -> str:
    path = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return str(path)


def test_26_tls_verification_is_on_by_default(tls_server, make_api, sleeps):
    assert Configuration().verify_ssl is True
    server = tls_server("localhost")
    api, client = make_api(f"https://localhost:{server.port}")
    err, _ = raises_within(ApiConnectionError, 2.0, get, api)
    assert "TLS" in str(err) and "certificate verify failed" in str(err)
    assert err.attempts == 1 and err.retryable is False  # repeating cannot fix a certificate
    assert server.attempts == 0  # no request was sent over an unverified connection
    assert_released(client)


def test_26_custom_ca_bundle_verifies(tls_server, make_api, ca_file):
    server = tls_server("localhost")
    api, client = make_api(f"https://localhost:{server.port}", ssl_ca_cert=ca_file)
    assert isinstance(get(api), Allocations)
    assert server.attempts == 1
    assert_released(client)


@pytest.mark.parametrize(("cert_for", "host"), [("localhost", "127.0.0.1"), ("pieces.example", "localhost")])
def test_26_hostname_mismatch_fails(tls_server, make_api, ca_file, sleeps, cert_for, host):
    server = tls_server(cert_for)
    api, client = make_api(f"https://{host}:{server.port}", ssl_ca_cert=ca_file)
    err, _ = raises_within(ApiConnectionError, 2.0, get, api)
    assert "TLS" in str(err) and "mismatch" in str(err).lower()
    assert err.attempts == 1 and server.attempts == 0
    assert_released(client)


def test_26_verification_can_be_switched_off_explicitly(tls_server, make_api):
    server = tls_server("pieces.example")
    api, client = make_api(f"https://127.0.0.1:{server.port}", verify_ssl=False)
    with pytest.warns(urllib3.exceptions.InsecureRequestWarning):  # urllib3 says so on every request
        assert isinstance(get(api), Allocations)
    assert_released(client)


# ---- 27: secrets never logged --------------------------------------------------------------------


@pytest.fixture
def debug_logging(caplog) -> Iterator[Any]:
    caplog.set_level(logging.DEBUG)  # the root logger: pieces_os_client and urllib3 alike
    yield caplog
    gc.collect()  # a configuration with debug on holds the stderr handler until it is gone


def test_27_secrets_never_reach_logs_repr_or_errors(serve, sleeps, debug_logging, capsys):
    secrets = [SECRET_KEY, SECRET_AUTH.split()[1], SECRET_COOKIE.split("=")[1], "PROXY-SECRET-4"]
    server = serve(
        OK,
        respond(401, "who are you?", content_type="text/plain"),
        respond(503, "busy", content_type="text/plain"),
        respond(503, "busy", content_type="text/plain"),
        respond(503, "busy", content_type="text/plain"),
        respond(200, b"{not json"),
    )
    configuration = Configuration(
        host=server.url,
        api_key=SECRET_KEY,
        debug=True,
        connect_timeout=1,
        read_timeout=1,
        default_headers={"Authorization": SECRET_AUTH},
    )
    configuration.proxy_headers = {"Proxy-Authorization": "Basic PROXY-SECRET-4"}
    seen = [repr(configuration)]
    with ApiClient(configuration, cookie=SECRET_COOKIE, **sleeps.kwargs) as client:
        api = AllocationsApi(client)
        get(api)
        for _ in range(3):
            with pytest.raises(Exception) as info:
                get(api)
            seen += [str(info.value), repr(info.value)]
        seen.append(repr(client))
    refused = ApiClient(
        Configuration(host=f"http://127.0.0.1:{closed_port()}", api_key=SECRET_KEY), **sleeps.kwargs
    )
    with pytest.raises(ApiConnectionError) as info:
        AllocationsApi(refused).allocations_snapshot(_retries=0)
    seen += [str(info.value), repr(info.value)]
    refused.close()

    assert http.client.HTTPConnection.debuglevel == 0
    assert server.requests[0].header("X-Application-ID") == SECRET_KEY  # it was really sent
    records = debug_logging.records
    assert any(r.name == "pieces_os_client" and r.levelno == logging.DEBUG for r in records)
    captured = capsys.readouterr()
    seen += [r.getMessage() for r in records] + [repr(r.args) for r in records]
    seen += [captured.out, captured.err]
    for text in seen:
        for secret in secrets:
            assert secret not in text, text
    assert any("attempt" in r.getMessage() for r in records)


def test_27_status_error_does_not_echo_request_headers(serve, make_api):
    server = serve(respond(401, "no", content_type="text/plain"))
    api, client = make_api(server.url, api_key=SECRET_KEY)
    err, _ = raises_within(UnauthorizedException, 1.0, get, api)
    assert SECRET_KEY not in str(err) and SECRET_KEY not in repr(err)
    assert SECRET_KEY not in repr(err.headers)
    assert err.attempts == 1 and server.attempts == 1
    assert_released(client)


# ---- 33: invalid host ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "invalid://x",
        "http://",
        "localhost:1000",
        "ftp://localhost",
        "http:///allocations",
        "http://local host:1000",
        "http://localhost:99999",
        "http://localhost:0",
        "http://user:secret@localhost:1000",
        "http://localhost:1000/?q=1",
        "http://localhost\r\n:1000",
        "",
        42,
    ],
)
def test_33_invalid_host_is_a_configuration_error_before_any_io(host):
    started = time.monotonic()
    with pytest.raises(ConfigurationError) as info:
        Configuration(host=host)
    assert time.monotonic() - started < 2.0
    assert "secret" not in str(info.value)
    configuration = Configuration()
    with pytest.raises(ConfigurationError):
        configuration.host = host
    assert configuration.host == "http://localhost:1000"  # unchanged by the refused value
