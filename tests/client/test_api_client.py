"""`ApiClient` over real sockets: encoding, decoding by content type, headers, streaming, limits, pooling."""

from __future__ import annotations

import gzip
import logging
import threading
from typing import List

import pytest

from pieces_os_client import _constants as C
from pieces_os_client.api_client import ApiClient
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import (
    ApiDecodeError,
    ApiException,
    ApiTypeError,
    ApiValueError,
    ConfigurationError,
    ResponseTooLargeError,
)
from pieces_os_client.rest import RESTResponse
from tests._ops import GET_WIDGETS, POST_WIDGET, POST_WIDGET_TEXT, Widget, Widgets
from tests._server import RawServer, Reply

SNAPSHOT = {"iterable": [{"id": "w1", "displayName": "One", "future": {"x": 1}}]}


def client_for(server: RawServer, **settings: object) -> ApiClient:
    return ApiClient(Configuration(host=server.url, **settings))  # type: ignore[arg-type]


def test_json_decodes_straight_into_the_model(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json=SNAPSHOT))
    with client_for(server) as client:
        response = client.invoke(GET_WIDGETS, None)
    assert isinstance(response, ApiResponse)
    assert response.status_code == 200
    assert isinstance(response.data, Widgets)
    widget = response.data.iterable[0]
    assert (widget.id, widget.display_name) == ("w1", "One")
    assert widget.model_extra == {"future": {"x": 1}}  # unknown fields are kept
    assert response.raw_data == b'{"iterable": [{"id": "w1", "displayName": "One", "future": {"x": 1}}]}'
    assert response.headers["content-type"] == "application/json"


def test_body_is_sent_by_wire_name_without_unset_fields(server: RawServer) -> None:
    server.route(
        "POST", "/widgets/create", lambda req: Reply(200, body=req.body, content_type="application/json")
    )
    with client_for(server) as client:
        sent = Widget(id="w2", display_name="Two")
        response = client.invoke(POST_WIDGET, sent)
        assert server.requests[-1].body == b'{"id":"w2","displayName":"Two"}'
        assert response.data == sent
        # An explicit None is sent as null; unknown fields given at construction go out as they came.
        client.invoke(POST_WIDGET, Widget.model_validate({"id": "w3", "size": None, "extra": [1]}))
        assert server.requests[-1].body == b'{"id":"w3","size":null,"extra":[1]}'


def test_request_headers(server: RawServer) -> None:
    server.route("POST", "/widgets/create", Reply(200, json={"id": "w"}))
    config = Configuration(host=server.url, api_key="app-key", default_headers={"X-Team": "blue"})
    with ApiClient(config, header_name="X-Client", header_value="c1", cookie="session=1") as client:
        client.invoke(POST_WIDGET, Widget(id="w"), headers={"X-Team": "red", "X-Trace": "t1"})
    headers = server.requests[-1].headers
    assert headers["User-Agent"] == f"pieces-os-client-python/{C.USER_AGENT.split('/')[1]}"
    assert headers["Accept"] == "application/json"
    assert headers["Content-Type"] == "application/json"
    assert headers["X-Application-ID"] == "app-key"
    assert headers["X-Team"] == "red"  # per call beats the default
    assert headers["X-Client"] == "c1" and headers["X-Trace"] == "t1"
    assert headers["Cookie"] == "session=1"


def test_no_body_sends_no_content_type(server: RawServer) -> None:
    server.route("POST", "/widgets/create", Reply(200, json={"id": "w"}))
    with client_for(server) as client:
        client.invoke(POST_WIDGET, None)
    request = server.requests[-1]
    assert request.body == b""
    assert request.headers["Content-Length"] == "0"
    assert "Content-Type" not in request.headers


@pytest.mark.parametrize("body", ['{"id": "w"}', [{"id": "w"}], Widgets(iterable=[])])
def test_a_body_of_the_wrong_type_is_rejected_before_any_io(server: RawServer, body: object) -> None:
    with client_for(server) as client, pytest.raises(ApiTypeError) as info:
        client.invoke(POST_WIDGET, body)  # type: ignore[arg-type]
    message = str(info.value)  # the argument, what it takes, what it got, how to build one
    assert "widget must be a Widget or a dict" in message and f"got {type(body).__name__}" in message
    assert "Widget(...)" in message and "Widget.from_dict(...)" in message
    assert isinstance(info.value, TypeError)
    assert server.requests == []


def test_a_body_where_none_is_declared_is_rejected(server: RawServer) -> None:
    with (
        client_for(server) as client,
        pytest.raises(ApiTypeError, match="widgets-snapshot takes no request body"),
    ):
        client.invoke(GET_WIDGETS, Widget(id="w"))
    assert server.requests == []


@pytest.mark.parametrize(
    "headers",
    [{"X-Evil": "a\r\nX-Injected: 1"}, {"X-Evil": "a\nb"}, {"Bad Name": "x"}, {"X:Colon": "x"}, {"X-Num": 5}],
)
def test_bad_per_call_headers_are_rejected_before_any_io(server: RawServer, headers: dict) -> None:
    with client_for(server) as client, pytest.raises(ConfigurationError):
        client.invoke(GET_WIDGETS, None, headers=headers)
    assert server.requests == []


def test_api_key_mutated_to_contain_crlf_is_rejected_before_any_io(server: RawServer) -> None:
    config = Configuration(host=server.url)
    config.api_key["application"] = "key\r\nX-Evil: 1"  # bypasses the setter
    with ApiClient(config) as client, pytest.raises(ConfigurationError) as info:
        client.invoke(GET_WIDGETS, None)
    assert "api_key 'application' contains a control character" in str(info.value)
    assert "key\r\n" not in str(info.value)
    assert server.requests == []


@pytest.mark.parametrize("timeout", [0, -1, float("nan"), (1.0,), (1.0, 0), "3"])
def test_bad_per_call_timeout(server: RawServer, timeout: object) -> None:
    with client_for(server) as client, pytest.raises(ApiValueError, match="_request_timeout"):
        client.invoke(GET_WIDGETS, None, request_timeout=timeout)  # type: ignore[arg-type]
    assert server.requests == []


@pytest.mark.parametrize("retries", [-1, 1.5, True])
def test_bad_per_call_retries(server: RawServer, retries: object) -> None:
    with client_for(server) as client, pytest.raises(ApiValueError, match="_retries must be a whole number"):
        client.invoke(GET_WIDGETS, None, retries=retries)  # type: ignore[arg-type]


def test_text_plain_decodes_into_str(server: RawServer) -> None:
    server.route("POST", "/widgets/delete", Reply(200, "d3c1ded-é"))
    with client_for(server) as client:
        response = client.invoke(POST_WIDGET_TEXT, Widget(id="w"))
    assert response.data == "d3c1ded-é"
    assert server.requests[-1].headers["Accept"] == "text/plain"


def test_text_honours_the_charset(server: RawServer) -> None:
    server.route(
        "POST",
        "/widgets/delete",
        Reply(200, "é".encode("latin-1"), content_type="text/plain; charset=latin-1"),
    )
    with client_for(server) as client:
        assert client.invoke(POST_WIDGET_TEXT, Widget(id="w")).data == "é"


def test_a_json_string_where_text_is_declared_is_unwrapped(server: RawServer) -> None:
    server.route("POST", "/widgets/delete", Reply(200, json="the-uuid"))
    with client_for(server) as client:
        assert client.invoke(POST_WIDGET_TEXT, Widget(id="w")).data == "the-uuid"
        server.route("POST", "/widgets/delete", Reply(200, json={"not": "a string"}))
        assert client.invoke(POST_WIDGET_TEXT, Widget(id="w")).data == '{"not": "a string"}'


def test_invalid_utf8_text_is_a_decode_error(server: RawServer) -> None:
    server.route("POST", "/widgets/delete", Reply(200, b"\xff\xfe", content_type="text/plain"))
    with client_for(server) as client, pytest.raises(ApiDecodeError) as info:
        client.invoke(POST_WIDGET_TEXT, Widget(id="w"))
    assert info.value.body == b"\xff\xfe"
    assert isinstance(info.value.__cause__, UnicodeDecodeError)


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(200, b"{not json", content_type="application/json"), "the body does not decode into Widgets"),
        (Reply(200, json={"iterable": [{"no_id": 1}]}), "the body does not decode into Widgets"),
        (Reply(200, json={"iterable": "nope"}), "the body does not decode into Widgets"),
        (Reply(200, b"", content_type="application/json"), "the body does not decode into Widgets"),
        (Reply(200, b"[" * 10000, content_type="application/json"), "the body does not decode into Widgets"),
        (Reply(200, "plain words"), "expected a JSON body (Widgets) but the response is text/plain"),
    ],
)
def test_bodies_that_do_not_decode(server: RawServer, reply: Reply, message: str) -> None:
    server.route("GET", "/widgets", reply)
    with client_for(server) as client, pytest.raises(ApiDecodeError) as info:
        client.invoke(GET_WIDGETS, None)
    error = info.value
    assert message in str(error)
    assert error.status == 200
    assert error.body == reply.payload()[0]
    assert error.url == f"{server.url}/widgets" and error.method == "GET"
    if "expected a JSON body" not in message:
        from pydantic import ValidationError

        assert isinstance(error.__cause__, ValidationError)
    assert client.connections_in_use() == 0


def test_a_json_body_without_content_type_is_still_decoded(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, b'{"iterable": []}'))
    with client_for(server) as client:
        assert client.invoke(GET_WIDGETS, None).data == Widgets(iterable=[])


def test_problem_json_counts_as_json(server: RawServer) -> None:
    server.route(
        "GET",
        "/widgets",
        Reply(200, b'{"iterable": []}', content_type="application/vnd.x+json; charset=utf-8"),
    )
    with client_for(server) as client:
        assert client.invoke(GET_WIDGETS, None).data == Widgets(iterable=[])


def test_an_undeclared_success_status_decodes_like_the_declared_one(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(201, json={"iterable": []}))
    with client_for(server) as client:
        response = client.invoke(GET_WIDGETS, None)
    assert (response.status_code, response.data) == (201, Widgets(iterable=[]))


def test_streamed_response_holds_the_connection_until_read(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json=SNAPSHOT))
    with client_for(server) as client:
        response = client.invoke_raw(GET_WIDGETS, None)
        assert isinstance(response, RESTResponse)
        assert (response.status, response.reason) == (200, "OK")
        assert response.getheader("Content-Type") == response.getheader("content-type") == "application/json"
        assert response.getheader("X-Missing", "dflt") == "dflt"
        assert response.data is None and not response.is_read
        assert client.connections_in_use() == 1
        assert response.read() == response.data
        assert Widgets.model_validate_json(response.read()).iterable[0].id == "w1"
        assert client.connections_in_use() == 0
        with client.invoke_raw(GET_WIDGETS, None) as unread:
            assert client.connections_in_use() == 1
        assert unread.is_read
        assert client.connections_in_use() == 0
        client.invoke(GET_WIDGETS, None)  # the pool still works after a discarded connection


def test_streamed_error_status_is_returned_not_raised(server: RawServer, sleeps: List[float]) -> None:
    server.route("GET", "/widgets", Reply(500, "boom"))
    with client_for(server) as client:
        response = client.invoke_raw(GET_WIDGETS, None)
        assert response.status == 500 and response.read() == b"boom"


def test_redirects_are_not_followed(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(302, headers={"Location": f"{server.url}/elsewhere"}))
    server.route("GET", "/elsewhere", Reply(200, json={"iterable": []}))
    with client_for(server, api_key="secret") as client, pytest.raises(ApiException) as info:
        client.invoke(GET_WIDGETS, None)
    assert info.value.status == 302
    assert "redirects are not followed; point Configuration.host at the final address" in str(info.value)
    assert server.count("GET", "/elsewhere") == 0


def test_keep_alive_100_calls_over_one_connection(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json=SNAPSHOT))
    with client_for(server) as client:
        for _ in range(100):
            client.invoke(GET_WIDGETS, None)
        assert client.connections_in_use() == 0
    ports = server.request_ports()
    assert len(ports) == 100
    assert len(set(ports)) == 1


def test_eight_threads_share_one_client(server: RawServer, caplog: pytest.LogCaptureFixture) -> None:
    server.route("GET", "/widgets", Reply(200, json=SNAPSHOT))
    server.route(
        "POST", "/widgets/create", lambda req: Reply(200, body=req.body, content_type="application/json")
    )
    errors: List[BaseException] = []
    calls_per_thread = 50

    def work(n: int) -> None:
        try:
            for i in range(calls_per_thread):
                if i % 2:
                    assert client.invoke(GET_WIDGETS, None).data.iterable[0].id == "w1"
                else:
                    widget = Widget(id=f"t{n}-{i}")
                    assert client.invoke(POST_WIDGET, widget).data == widget
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    with caplog.at_level(logging.WARNING, logger="urllib3"), client_for(server) as client:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)
        assert client.connections_in_use() == 0
    assert errors == []
    assert len(server.requests) == 8 * calls_per_thread
    assert len(set(server.request_ports())) <= C.DEFAULT_POOL_MAXSIZE
    assert not [r for r in caplog.records if "pool is full" in r.getMessage()]


def test_body_over_the_limit_by_content_length(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json=SNAPSHOT))
    with client_for(server, max_response_bytes=10) as client, pytest.raises(ResponseTooLargeError) as info:
        client.invoke(GET_WIDGETS, None)
    assert "larger than max_response_bytes=10 (Content-Length is 70)" in str(info.value)
    assert client.connections_in_use() == 0


def test_body_over_the_limit_while_streaming_chunks(server: RawServer) -> None:
    chunk = b"x" * 1000
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(100)) + b"0\r\n\r\n"
    server.route("GET", "/widgets", _chunked_reply(chunked))
    with (
        client_for(server, max_response_bytes=50_000) as client,
        pytest.raises(ResponseTooLargeError) as info,
    ):
        client.invoke(GET_WIDGETS, None)
    assert "the body kept coming" in str(info.value)
    assert client.connections_in_use() == 0


def _chunked_reply(chunked: bytes) -> Reply:
    # Framed by hand: with Transfer-Encoding given, the loopback server adds no Content-Length.
    return Reply(200, chunked, content_type="application/json", headers={"Transfer-Encoding": "chunked"})


def test_decompressed_size_is_capped(server: RawServer) -> None:
    bomb = gzip.compress(b"0" * 5_000_000)
    server.route(
        "GET",
        "/widgets",
        Reply(200, bomb, content_type="application/json", headers={"Content-Encoding": "gzip"}),
    )
    with client_for(server, max_response_bytes=1_000_000) as client:
        with pytest.raises(ResponseTooLargeError):
            client.invoke(GET_WIDGETS, None)
        assert client.connections_in_use() == 0


def test_gzip_body_within_the_limit_decodes(server: RawServer) -> None:
    server.route(
        "GET",
        "/widgets",
        Reply(
            200,
            gzip.compress(b'{"iterable": []}'),
            content_type="application/json",
            headers={"Content-Encoding": "gzip"},
        ),
    )
    with client_for(server) as client:
        assert client.invoke(GET_WIDGETS, None).data == Widgets(iterable=[])


def test_default_client_and_context_manager() -> None:
    try:
        first = ApiClient.get_default()
        assert ApiClient.get_default() is first
        assert first.configuration is Configuration.get_default()
        mine = ApiClient(Configuration(host="http://localhost:39300"))
        ApiClient.set_default(mine)
        assert ApiClient.get_default() is mine
    finally:
        ApiClient.set_default(None)
        Configuration.set_default(None)


def test_configuration_must_be_a_configuration() -> None:
    with pytest.raises(ApiTypeError, match="configuration must be a Configuration, got dict"):
        ApiClient({"host": "http://localhost:1000"})  # type: ignore[arg-type]


def test_user_agent_can_be_overridden(server: RawServer) -> None:
    server.route("GET", "/widgets", Reply(200, json={"iterable": []}))
    with client_for(server) as client:
        assert client.user_agent == C.USER_AGENT
        client.user_agent = "my-app/1.0"
        client.invoke(GET_WIDGETS, None)
    assert server.requests[-1].headers["User-Agent"] == "my-app/1.0"


def test_repr(server: RawServer) -> None:
    with client_for(server, api_key="s3cret") as client:
        assert repr(client) == f"ApiClient(host='{server.url}', transport='urllib3')"
