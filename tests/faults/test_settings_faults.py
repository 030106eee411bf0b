"""Cases 50 and 51: smaller protocol cases (error headers, TLS handshake stall, 304, BOM) and settings
that used to be accepted silently while doing the wrong thing."""

from __future__ import annotations

import gc
import logging
import pickle

import pytest

from pieces_os_client import (
    Allocations,
    ApiClient,
    ApiDecodeError,
    ApiException,
    ApiTimeoutError,
    Configuration,
    ConfigurationError,
    TooManyRequestsException,
)
from tests._calls import assert_released, get, post, raises_within
from tests._payloads import CLOUD_BODY, SNAPSHOT_BODY
from tests._server import respond, stall

TRANSPORTS = ["urllib3", "requests"]
BOM = b"\xef\xbb\xbf"

# ---- 50: smaller cases ---------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_50_error_headers_are_looked_up_without_regard_to_case(serve, make_api, transport):
    server = serve(
        respond(429, "slow down", content_type="text/plain", headers=[("retry-after", "120")]),
        respond(200, b"{not json", headers=[("x-request-id", "r-1")]),
    )
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(TooManyRequestsException, 1.0, get, api)
    assert err.attempts == 1  # 120 s is above the Retry-After cap
    for name in ("Retry-After", "retry-after", "RETRY-AFTER"):
        assert err.headers.get(name) == "120" and err.headers[name] == "120" and name in err.headers
    assert "retry-after" in dict(err.headers)  # names keep the case the server sent
    assert pickle.loads(pickle.dumps(err)).headers.get("Retry-After") == "120"
    decode_err, _ = raises_within(ApiDecodeError, 1.0, get, api)
    assert decode_err.headers.get("X-Request-ID") == "r-1"
    assert decode_err.headers.get("content-type") == "application/json"
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_50_tls_handshake_that_stalls_is_a_connect_timeout_with_nothing_sent(
    serve, make_api, sleeps, transport
):
    # A plain socket that accepts and never answers the ClientHello.
    server = serve(stall())
    url = f"https://127.0.0.1:{server.port}"
    api, client = make_api(url, transport=transport, connect_timeout=0.3, read_timeout=5, retries=1)
    err, _ = raises_within(ApiTimeoutError, 2.0, post, api)
    assert err.request_sent is False  # nothing was sent: even the POST was tried again
    assert err.attempts == 2 and server.connections == 2 and server.attempts == 0
    assert "timed out connecting" in str(err) and "read timed out" not in str(err)
    assert len(sleeps) == 1
    assert_released(client)


@pytest.mark.parametrize("call", [get, post])
def test_50_304_has_its_own_message(serve, make_api, call):
    server = serve(respond(304, b"", content_type=None, headers=[("ETag", '"v1"')]))
    api, client = make_api(server.url)
    err, _ = raises_within(ApiException, 1.0, call, api)
    assert err.status == 304 and err.attempts == 1
    assert "redirect" not in str(err)
    assert "304 Not Modified answers a conditional request, and the SDK sends none" in str(err)
    assert server.requests[0].header("If-None-Match") is None
    assert server.requests[0].header("If-Modified-Since") is None
    assert_released(client)


def test_50_json_body_with_a_utf8_bom_is_decoded(serve, make_api):
    server = serve(
        respond(200, BOM + SNAPSHOT_BODY),
        respond(200, BOM + CLOUD_BODY),
        respond(200, BOM + BOM + SNAPSHOT_BODY),  # only one BOM is a byte order mark
    )
    api, client = make_api(server.url)
    assert isinstance(get(api), Allocations)
    assert post(api).id == "cloud-1"
    raises_within(ApiDecodeError, 1.0, get, api)
    info_server = serve(respond(200, BOM + SNAPSHOT_BODY))
    api, client = make_api(info_server.url)
    assert api.allocations_snapshot_with_http_info().raw_data == BOM + SNAPSHOT_BODY
    assert_released(client)


# ---- 51: settings accepted silently --------------------------------------------------------------


@pytest.mark.parametrize(
    "keys", [{"Application": "KEY-51"}, {"X-Application-ID": "KEY-51"}, {"app": "KEY-51"}]
)
def test_51_api_key_dict_without_application_is_refused(serve, make_api, keys):
    with pytest.raises(ConfigurationError) as info:
        Configuration(api_key=keys)
    message = str(info.value)
    assert "'application'" in message and "X-Application-ID" in message and "KEY-51" not in message
    server = serve(respond(200, SNAPSHOT_BODY))
    api, client = make_api(server.url, api_key="KEY-51")
    client.configuration.api_key.clear()
    client.configuration.api_key.update(keys)  # edited in place: checked at send time
    raises_within(ConfigurationError, 0.5, get, api)
    assert server.connections == 0
    assert_released(client)


@pytest.mark.parametrize("name", ["verify_ssl", "pool_block", "debug"])
@pytest.mark.parametrize("value", ["no", "false", 0, 1, None, "True"])
def test_51_bool_settings_take_booleans_only(name, value):
    if name == "debug" and value is None:
        # The official SDK's default for the argument (logging left alone); assigning None is refused.
        assert Configuration(debug=None).debug is False
    else:
        with pytest.raises(ConfigurationError, match=f"{name} must be True or False"):
            Configuration(**{name: value})
    configuration = Configuration()
    with pytest.raises(ConfigurationError, match=name):
        setattr(configuration, name, value)
    assert getattr(configuration, name) is (name == "verify_ssl")  # unchanged by the refused value


@pytest.mark.parametrize("value", [True, 0, 1, b"localhost"])
def test_51_assert_hostname_takes_none_false_or_a_name(value):
    with pytest.raises(ConfigurationError, match="assert_hostname must be None"):
        Configuration(assert_hostname=value)
    for fine in (None, False, "pieces.example"):
        assert Configuration(assert_hostname=fine).assert_hostname == fine


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_51_max_response_bytes_below_one_is_refused(serve, make_api, transport):
    for value in (0, -1):
        with pytest.raises(ConfigurationError, match="max_response_bytes must be a whole number >= 1"):
            Configuration(max_response_bytes=value)
    server = serve(respond(200, b"7", content_type="text/plain"))
    api, client = make_api(server.url, transport=transport, max_response_bytes=1)
    with api.allocations_snapshot_without_preload_content() as response:
        assert response.read() == b"7"  # one byte is a usable limit
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_51_host_path_is_a_prefix_and_never_holds_credentials(serve, make_api, transport):
    server = serve(respond(200, SNAPSHOT_BODY))
    api, client = make_api(server.url + "/base/", transport=transport)
    assert client.configuration.host == server.url + "/base"
    get(api)
    assert server.requests[0].target == "/base/allocations"
    for host in ("http://127.0.0.1:1/a@b", "http://admin:12/S3CRET@127.0.0.1:1"):
        with pytest.raises(ConfigurationError, match="must not carry credentials") as info:
            Configuration(host=host)
        assert "S3CRET" not in str(info.value)
    assert_released(client)


def _our_handlers() -> list:
    return [
        h for h in logging.getLogger("pieces_os_client").handlers if h.get_name() == "pieces_os_client.debug"
    ]


def test_51_building_settings_leaves_debug_logging_alone():
    logger = logging.getLogger("pieces_os_client")
    first = Configuration(debug=True)
    try:
        Configuration()
        Configuration(debug=False)
        gc.collect()
        assert first.debug is True and len(_our_handlers()) == 1 and logger.level == logging.DEBUG
        second = Configuration(debug=True)
        assert len(_our_handlers()) == 1  # one handler, however many configurations turn debug on
        first.debug = False  # the second still wants it
        assert len(_our_handlers()) == 1 and second.debug is True
        first.debug = True
        second.debug = False
        assert len(_our_handlers()) == 1
        del second
        gc.collect()
        assert len(_our_handlers()) == 1
    finally:
        first.debug = False
    assert _our_handlers() == [] and logger.level == logging.NOTSET
    forgotten = Configuration(debug=True)
    assert len(_our_handlers()) == 1
    del forgotten  # a configuration that is gone no longer holds the handler
    gc.collect()
    assert _our_handlers() == []


def test_51_debug_client_logs_while_another_configuration_is_built(serve, capfd):
    server = serve(respond(200, SNAPSHOT_BODY))
    configuration = Configuration(host=server.url, debug=True)
    try:
        with ApiClient(configuration) as client:
            Configuration(host=server.url)  # e.g. a second client elsewhere in the program
            from pieces_os_client import AllocationsApi

            AllocationsApi(client).allocations_snapshot()
    finally:
        configuration.debug = False
    err = capfd.readouterr().err
    assert f"GET {server.url}/allocations -> 200" in err
