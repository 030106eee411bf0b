"""Errors: one tree, one status mapping, messages that say what to try, pinned word for word."""

from __future__ import annotations

import sys
import time
from typing import List, Optional

import pytest

import pieces_os_client
from pieces_os_client import exceptions as E
from pieces_os_client.api_client import ApiClient
from pieces_os_client.configuration import Configuration
from tests._ops import GET_WIDGETS, POST_WIDGET, Widget
from tests._pacing import Sleeps
from tests._server import FullBacklog, RawServer, Reply, closed_port


def client_for(url: str, sleeps: Optional[Sleeps] = None, **settings: object) -> ApiClient:
    pacing = {} if sleeps is None else sleeps.kwargs
    return ApiClient(Configuration(host=url, **settings), **pacing)  # type: ignore[arg-type]


# The server sends http.HTTPStatus's reason phrase; Python 3.13 renamed 422 after RFC 9110.
UNPROCESSABLE = "Unprocessable Content" if sys.version_info >= (3, 13) else "Unprocessable Entity"

# The one table of the suite that pins the wording of messages on purpose (the status line, the call, the
# body excerpt and the hint, as users read them): elsewhere tests assert the facts a message must carry.
STATUS_CASES = [
    (400, E.BadRequestException, "Bad Request", "check the body passed to the call"),
    (401, E.UnauthorizedException, "Unauthorized", "check Configuration.api_key"),
    (403, E.ForbiddenException, "Forbidden", "check Configuration.api_key"),
    (
        404,
        E.NotFoundException,
        "Not Found",
        "no such allocation or endpoint: check the id sent and Configuration.host",
    ),
    (409, E.ConflictException, "Conflict", ""),
    (
        422,
        E.UnprocessableEntityException,
        UNPROCESSABLE,
        "the body does not fit the schema Pieces OS expects",
    ),
    (
        429,
        E.TooManyRequestsException,
        "Too Many Requests",
        "Pieces OS is rate limiting; wait before calling again",
    ),
    (
        500,
        E.ServiceException,
        "Internal Server Error",
        "Pieces OS could not handle the request (a local Pieces OS also answers 500 for cloud-only calls)",
    ),
    (
        502,
        E.ServiceException,
        "Bad Gateway",
        "Pieces OS could not handle the request (a local Pieces OS also answers 500 for cloud-only calls)",
    ),
    (
        503,
        E.ServiceException,
        "Service Unavailable",
        "Pieces OS could not handle the request (a local Pieces OS also answers 500 for cloud-only calls)",
    ),
    (
        504,
        E.GatewayTimeoutException,
        "Gateway Timeout",
        "Pieces OS gave up waiting for its cloud; try again later",
    ),
    (418, E.ApiException, "I'm a Teapot", ""),
    (
        307,
        E.ApiException,
        "Temporary Redirect",
        "redirects are not followed; point Configuration.host at the final address",
    ),
]


@pytest.mark.parametrize(("status", "cls", "reason", "hint"), STATUS_CASES)
def test_every_status_maps_to_its_exception(
    server: RawServer, sleeps: List[float], status: int, cls: type, reason: str, hint: str
) -> None:
    server.route("POST", "/widgets/create", Reply(status, "it went wrong\n  badly"))
    with client_for(server.url, sleeps=sleeps) as client, pytest.raises(E.ApiException) as info:
        client.invoke(POST_WIDGET, Widget(id="w"))
    error = info.value
    assert type(error) is cls
    assert E.exception_for_status(status) is cls
    assert (error.status, error.reason, error.body) == (status, reason, "it went wrong\n  badly")
    assert error.data == "it went wrong\n  badly"  # a text/plain error body is decoded into str
    assert error.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert (error.method, error.url, error.attempts) == ("POST", f"{server.url}/widgets/create", 1)
    expected = f"HTTP {status} {reason} from POST {server.url}/widgets/create: it went wrong badly"
    if hint:
        expected += f" — {hint}"
    assert str(error) == expected
    assert repr(error) == f"{cls.__name__}(status={status}, reason={reason!r})"
    assert server.count("POST", "/widgets/create") == 1  # POST: no status is retried


def test_declared_text_error_body_is_data_and_undeclared_json_is_not_decoded(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(500, "database locked"))
    with client_for(server.url) as client:
        with pytest.raises(E.ServiceException) as info:
            client.invoke(GET_WIDGETS, None)
        assert info.value.data == "database locked"
        server.route("GET", "/widgets", Reply(409, json={"message": "taken"}))
        with pytest.raises(E.ConflictException) as conflict:
            client.invoke(GET_WIDGETS, None)
        assert conflict.value.data is None
        assert conflict.value.body == '{"message": "taken"}'


def test_long_error_bodies_are_excerpted_in_the_message_only(server: RawServer) -> None:
    body = "x" * 500
    server.route("GET", "/widgets", Reply(400, body))
    with client_for(server.url) as client, pytest.raises(E.BadRequestException) as info:
        client.invoke(GET_WIDGETS, None)
    assert info.value.body == body
    assert f": {'x' * 200}… — " in str(info.value)


def test_exception_tree() -> None:
    for name in E.__all__:
        obj = getattr(E, name)
        if isinstance(obj, type):
            assert issubclass(obj, E.OpenApiException), name
    assert E.PiecesOSClientError is E.OpenApiException
    assert issubclass(E.GatewayTimeoutException, E.ServiceException)
    assert issubclass(E.ResponseTooLargeError, E.ProtocolError)
    for transport_error in (E.ApiConnectionError, E.ApiTimeoutError, E.ProtocolError):
        assert issubclass(transport_error, E.TransportError)
    assert issubclass(E.ApiTypeError, TypeError) and issubclass(E.ApiValueError, ValueError)
    assert issubclass(E.ConfigurationError, E.ApiValueError)


def test_rest_module_keeps_the_upstream_import_path() -> None:
    from pieces_os_client.rest import ApiException, RESTResponse

    assert ApiException is E.ApiException
    assert RESTResponse.__module__ == "pieces_os_client.rest"
    assert pieces_os_client.ApiException is E.ApiException


def test_exception_for_status_covers_every_code() -> None:
    assert E.exception_for_status(599) is E.ServiceException
    assert E.exception_for_status(501) is E.ServiceException
    assert E.exception_for_status(302) is E.ApiException
    assert E.exception_for_status(410) is E.ApiException


def test_api_exception_from_an_http_response_object() -> None:
    class Raw:
        status = 404
        reason = "Not Found"
        headers = {"Content-Type": "text/plain"}
        data = b"nope"

    error = E.NotFoundException(http_resp=Raw())
    assert (error.status, error.reason, error.body, error.headers) == (404, "Not Found", "nope", Raw.headers)
    assert str(error).startswith("HTTP 404 Not Found: nope — ")


def test_connection_refused_names_the_url_and_what_to_try(sleeps: List[float]) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    with client_for(url, sleeps=sleeps) as client, pytest.raises(E.ApiConnectionError) as info:
        client.invoke(GET_WIDGETS, None)
    error = info.value
    assert str(error) == (
        f"could not connect to {url} (connection refused): is Pieces OS running? "
        "Pieces OS 11 and later listen on ports 39300\u201339333; pieces_os_client.discover() finds the one "
        f"in use and Configuration.host sets it (GET {url}/widgets) after 3 attempts"
    )
    assert error.attempts == 3 and error.request_sent is False
    assert isinstance(error.__cause__, Exception) and type(error.__cause__).__module__.startswith("urllib3")
    assert len(sleeps) == 2


def test_connection_refused_for_post_is_retried_because_nothing_was_sent(sleeps: List[float]) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    with client_for(url, sleeps=sleeps) as client, pytest.raises(E.ApiConnectionError) as info:
        client.invoke(POST_WIDGET, Widget(id="w"))
    assert info.value.attempts == 3
    assert "(POST " in str(info.value)


def test_unresolvable_host(sleeps: List[float]) -> None:
    with (
        client_for("http://no-such-host.invalid:39300", sleeps=sleeps) as client,
        pytest.raises(E.ApiConnectionError) as info,
    ):
        client.invoke(GET_WIDGETS, None, retries=0)
    assert "could not connect to http://no-such-host.invalid:39300 (cannot resolve the host name)" in str(
        info.value
    )


def test_read_timeout_is_bounded(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json={"iterable": []}, delay=2.0))
    with client_for(server.url, read_timeout=0.2, retries=0) as client:
        started = time.monotonic()
        with pytest.raises(E.ApiTimeoutError) as info:
            client.invoke(GET_WIDGETS, None)
        elapsed = time.monotonic() - started
        assert client.connections_in_use() == 0
    assert 0.15 < elapsed < 1.5
    assert str(info.value) == (
        f"read timed out waiting for the response from {server.url} (read timeout 0.2 s); "
        f"Configuration.read_timeout or _request_timeout sets the limit (GET {server.url}/widgets)"
    )
    assert info.value.request_sent is True


def test_per_call_timeout_beats_the_configured_one(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json={"iterable": []}, delay=2.0))
    with client_for(server.url, retries=0) as client:
        started = time.monotonic()
        with pytest.raises(E.ApiTimeoutError, match=r"read timeout 0.2 s"):
            client.invoke(GET_WIDGETS, None, request_timeout=(1.0, 0.2))
        with pytest.raises(E.ApiTimeoutError, match=r"read timeout 0.2 s"):
            client.invoke(GET_WIDGETS, None, request_timeout=0.2)
    assert time.monotonic() - started < 2.0


def test_connect_timeout(sleeps: List[float]) -> None:
    # A listening socket whose backlog is full does not complete new handshakes (Linux).
    backlog = FullBacklog()
    try:
        url = backlog.url
        with client_for(url, connect_timeout=0.2, sleeps=sleeps) as client:
            started = time.monotonic()
            with pytest.raises(E.ApiTimeoutError) as info:
                client.invoke(POST_WIDGET, Widget(id="w"), retries=1)
            assert time.monotonic() - started < 2.0
        assert f"timed out connecting to {url} (connect timeout 0.2 s)" in str(info.value)
        assert info.value.request_sent is False and info.value.attempts == 2  # POST retried: never sent
    finally:
        backlog.close()


def test_transport_error_str() -> None:
    assert str(E.ApiTimeoutError("slow")) == "slow"
    assert str(E.ApiTimeoutError("slow", method="GET", url="http://x/a", attempts=2)) == (
        "slow (GET http://x/a) after 2 attempts"
    )


def test_decode_error_str() -> None:
    error = E.ApiDecodeError("bad", status=200, body=b"{", method="GET", url="http://x/a")
    assert str(error) == "bad (HTTP 200 from GET http://x/a, 1 body bytes)"
