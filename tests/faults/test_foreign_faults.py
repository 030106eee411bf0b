"""Case 45: inputs that used to let a foreign exception (UnicodeError, ValueError, OverflowError,
pydantic's serialization error, OSError) out of an API call. Each now ends in an SDK error, on both
transports, over a real socket."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict

import pytest

from pieces_os_client import (
    AllocationCloud,
    ApiClient,
    ApiDecodeError,
    ApiValueError,
    Configuration,
    ConfigurationError,
    ProtocolError,
    ServiceException,
)
from tests._calls import assert_released, cloud, get, post, raises_within
from tests._payloads import CLOUD_BODY, CLOUD_WIRE, SNAPSHOT_BODY
from tests._server import raw, respond

TRANSPORTS = ("urllib3", "requests")


def text_call(api: Any) -> Any:
    """A POST whose 200 response is declared text/plain."""
    return api.allocations_disconnect_cloud(cloud())


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("charset", ["undefined", "idna", "rot13", "no-such-codec"])
def test_45_a_charset_that_is_no_text_codec_is_a_decode_error(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str, charset: str
) -> None:
    body = "d\u00e9connect\u00e9 \u2713".encode()  # not plain ASCII, so idna has to work at it
    server = serve(respond(200, body, content_type=f"text/plain; charset={charset}"))
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ApiDecodeError, 2.0, text_call, api)
    assert f"does not decode as {charset}" in str(err)
    assert err.body == body and err.status == 200
    assert server.attempts == 1
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("charset", ["undefined", "idna", "rot13", "no-such-codec"])
def test_45_an_error_status_with_any_charset_is_the_status_error(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str, charset: str
) -> None:
    body = b"cloud \xff unavailable"  # not UTF-8 either: the fallback replaces the bad byte
    server = serve(respond(500, body, content_type=f"text/plain; charset={charset}"))
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ServiceException, 2.0, get, api)
    assert err.status == 500
    assert err.body is not None and err.body.startswith("cloud ") and "unavailable" in err.body
    assert "cloud" in str(err)
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_45_a_negative_chunk_size_is_a_protocol_error(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str
) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    server = serve(raw(head + b"-f\r\n" + b"{" * 15 + b"\r\n0\r\n\r\n"))
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ProtocolError, 2.0, get, api, _retries=0)
    assert "invalid framing of its body" in str(err)
    assert server.attempts == 1
    assert_released(client)


@pytest.mark.parametrize("name", ["connect_timeout", "read_timeout", "pool_timeout", "total_timeout"])
@pytest.mark.parametrize("value", [1e10, 86400.5, 10**400])
def test_45_a_timeout_too_large_for_the_clocks_is_refused_at_configuration(name: str, value: Any) -> None:
    with pytest.raises(ConfigurationError) as info:
        Configuration(**{name: value})
    assert f"{name} must be" in str(info.value)
    assert Configuration(**{name: 86400}) is not None  # one day is the most, and it is allowed


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    "kwargs",
    [
        {"_request_timeout": 1e10},
        {"_request_timeout": (1.0, 1e10)},
        {"_request_timeout": (1e10, 1.0)},
        {"_total_timeout": 1e10},
        {"_total_timeout": 0},
    ],
)
def test_45_a_per_call_timeout_too_large_is_refused_before_sending(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str, kwargs: Dict[str, Any]
) -> None:
    server = serve(respond(200, SNAPSHOT_BODY))
    api, _ = make_api(server.url, transport=transport)
    raises_within(ApiValueError, 2.0, get, api, **kwargs)
    assert server.connections == 0


def _deep(levels: int) -> Dict[str, Any]:
    root: Dict[str, Any] = {}
    node = root
    for _ in range(levels):
        node["a"] = {}
        node = node["a"]
    return root


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("case", ["lone-surrogate", "3000-deep-extra"])
def test_45_a_body_that_cannot_be_serialized_is_refused_before_sending(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str, case: str
) -> None:
    if case == "lone-surrogate":
        body = cloud()
        body.id = "cloud-\ud800"
    else:
        body = AllocationCloud.model_validate({**CLOUD_WIRE, "deep": _deep(3000)})
    server = serve(respond(200, b"{}"))
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ApiValueError, 2.0, api.allocations_reconnect_cloud, body)
    assert "cannot be sent as JSON" in str(err) and "nothing was sent" in str(err)
    assert server.connections == 0
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("setting", ["ssl_ca_cert", "cert_file", "key_file"])
def test_45_a_missing_tls_file_is_a_configuration_error_and_never_retried(
    serve: Callable[..., Any], tmp_path: Path, transport: str, setting: str
) -> None:
    server = serve(respond(200, SNAPSHOT_BODY))
    missing = str(tmp_path / "missing.pem")
    settings: Dict[str, Any] = {setting: missing}
    if setting == "key_file":
        certificate = tmp_path / "client.pem"
        certificate.write_bytes(b"not used: the key is checked first")
        settings = {"cert_file": str(certificate), "key_file": missing}
    config = Configuration(host=f"https://127.0.0.1:{server.port}", transport=transport, **settings)
    err, _ = raises_within(ConfigurationError, 2.0, ApiClient, config)
    assert f"Configuration.{setting}" in str(err) and missing in str(err)
    assert server.connections == 0


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("setting", ["ssl_ca_cert", "cert_file"])
def test_45_a_tls_file_removed_after_the_client_was_built_is_not_retried(
    serve: Callable[..., Any], make_api: Callable[..., Any], tmp_path: Path, transport: str, setting: str
) -> None:
    trustme = pytest.importorskip("trustme")
    pem = tmp_path / "file.pem"
    trustme.CA().cert_pem.write_to_path(str(pem))
    server = serve(respond(200, SNAPSHOT_BODY))
    api, client = make_api(f"https://127.0.0.1:{server.port}", transport=transport, **{setting: str(pem)})
    pem.unlink()
    err, _ = raises_within(ConfigurationError, 2.0, get, api)
    assert "TLS file could not be read" in str(err) and "not retried" in str(err)
    assert server.attempts == 0
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_45_the_text_path_and_post_still_work(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str
) -> None:
    server = serve(respond(200, b"disconnected", content_type="text/plain; charset=utf-8"))
    api, client = make_api(server.url, transport=transport)
    assert text_call(api) == "disconnected"
    server.set_script(respond(200, SNAPSHOT_BODY))
    assert get(api).iterable == []
    server.set_script(respond(200, CLOUD_BODY))
    assert post(api).id == "cloud-1"
    assert_released(client)


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_45_a_date_time_that_overflows_at_utc_is_a_decode_error(
    serve: Callable[..., Any], make_api: Callable[..., Any], transport: str, value: str
) -> None:
    # Moving these to UTC leaves the range of datetime: it used to escape as a bare OverflowError.
    import json

    payload = {"iterable": [{**CLOUD_WIRE, "updated": {"value": value}}]}
    server = serve(respond(200, json.dumps(payload).encode(), content_type="application/json"))
    api, client = make_api(server.url, transport=transport)
    err, _ = raises_within(ApiDecodeError, 2.0, get, api)
    assert "in range once moved to UTC" in str(err)
    assert err.status == 200
    assert_released(client)
