"""Checklist cases 30-32: hostile JSON, the wrong content type, and JSON that does not fit the schema.

Every body here arrives with a 200 over a real socket; what may come out is a value or the SDK's
`ApiDecodeError` (carrying the status and the raw bytes), never RecursionError, json or pydantic errors.
"""

from __future__ import annotations

import math
from typing import Any, Callable, Optional

import pytest

from pieces_os_client import Allocations, ApiDecodeError, ServiceException
from tests._calls import assert_released, cloud, get, raises_within, returns_within
from tests._payloads import SNAPSHOT_BODY
from tests._server import respond


def text_call(api: Any, **kwargs: Any) -> Any:
    """A POST whose 200 response is declared text/plain."""
    return api.allocations_disconnect_cloud(cloud(), **kwargs)


def decode_error(
    serve: Callable[..., Any],
    make_api: Callable[..., Any],
    body: bytes,
    *,
    content_type: Optional[str] = "application/json",
    call: Callable[..., Any] = get,
) -> ApiDecodeError:
    server = serve(respond(200, body, content_type=content_type))
    api, client = make_api(server.url)
    err, _ = raises_within(ApiDecodeError, 2.0, call, api)
    assert err.status == 200 and err.body == body
    assert err.content_type == content_type
    assert server.attempts == 1  # a body that does not decode is not a reason to ask again
    assert_released(client)
    return err


def decoded(
    serve: Callable[..., Any],
    make_api: Callable[..., Any],
    body: bytes,
    *,
    content_type: Optional[str] = "application/json",
    call: Callable[..., Any] = get,
) -> Any:
    server = serve(respond(200, body, content_type=content_type))
    api, client = make_api(server.url)
    result = returns_within(2.0, call, api)
    assert server.attempts == 1
    assert_released(client)
    return result


# ---- 30: JSON bombs ------------------------------------------------------------------------------

DEEP_ARRAY = b"[" * 10_000
DEEP_OBJECT = b'{"a":' * 10_000 + b"1" + b"}" * 10_000
BIG_INT = b"1" * 5_000


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(DEEP_ARRAY, id="10k-deep-array"),
        pytest.param(DEEP_OBJECT, id="10k-deep-object"),
        pytest.param(b'{"iterable": ' + DEEP_ARRAY, id="10k-deep-inside-a-field"),
        pytest.param(
            b'{"iterable": [], "schema": {"migration": ' + BIG_INT + b', "semantic": "UNKNOWN"}}',
            id="5000-digit-int",
        ),
        pytest.param(b'{"iterable": [], "unknown": ' + BIG_INT + b"}", id="5000-digit-int-unknown-field"),
        pytest.param(
            b'{"iterable": [], "schema": {"migration": NaN, "semantic": "UNKNOWN"}}', id="NaN-in-int"
        ),
        pytest.param(
            b'{"iterable": [], "schema": {"migration": Infinity, "semantic": "UNKNOWN"}}', id="Infinity"
        ),
        pytest.param(b'{"iterable": [], "iterable": 5}', id="duplicate-key-last-wrong"),
        pytest.param(b'{"iterable": [], "x": "\xff\xfe"}', id="invalid-utf8"),
        pytest.param(b'{"iterable": [], "x": "\xed\xa0\x80"}', id="utf8-surrogate"),
        pytest.param(b"", id="empty"),
        pytest.param(b"\x00" * 64, id="nul-bytes"),
    ],
)
def test_30_hostile_json_is_a_decode_error(serve, make_api, body):
    err = decode_error(serve, make_api, body)
    assert "does not decode into Allocations" in str(err)
    assert not isinstance(err.__cause__, RecursionError)


def test_30_duplicate_keys_last_one_wins(serve, make_api):
    result = decoded(serve, make_api, b'{"iterable": 5, "iterable": []}')
    assert isinstance(result, Allocations) and result.iterable == []


def test_30_nan_in_an_unknown_field_is_kept_as_a_float(serve, make_api):
    # The policy: NaN/Infinity are not JSON, but pydantic-core reads them; no declared response field is
    # a float, so they only survive in unknown fields (kept in model_extra), never in typed data.
    result = decoded(serve, make_api, b'{"iterable": [], "extra": NaN}')
    assert math.isnan(result.model_extra["extra"])


def test_30_ints_up_to_4300_digits_are_exact(serve, make_api):
    digits = b"9" * 4_300
    result = decoded(
        serve, make_api, b'{"iterable": [], "schema": {"migration": ' + digits + b', "semantic": "UNKNOWN"}}'
    )
    assert result.var_schema.migration == int(digits)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(DEEP_ARRAY, id="10k-deep-array"),
        pytest.param(DEEP_OBJECT, id="10k-deep-object"),
        pytest.param(BIG_INT, id="5000-digit-int"),
    ],
)
def test_30_json_bomb_where_text_is_declared_comes_back_as_the_text(serve, make_api, body):
    # A text/plain operation answered with a JSON content type: a JSON string is unwrapped, anything else
    # (bombs included) is returned as the text it is, never parsed into a RecursionError.
    assert decoded(serve, make_api, body, call=text_call) == body.decode()


def test_30_json_bomb_in_an_error_body_keeps_the_status(serve, make_api, sleeps):
    server = serve(respond(500, DEEP_ARRAY))
    api, client = make_api(server.url)
    err, _ = raises_within(ServiceException, 2.0, get, api)
    assert err.status == 500 and err.body == DEEP_ARRAY.decode()
    assert_released(client)


def test_30_invalid_utf8_text_is_a_decode_error(serve, make_api):
    err = decode_error(
        serve, make_api, b"cloud-\xff", content_type="text/plain; charset=utf-8", call=text_call
    )
    assert "does not decode as utf-8" in str(err)


# ---- 31: the wrong content type ------------------------------------------------------------------


def test_31_text_where_json_is_declared_is_a_decode_error(serve, make_api):
    err = decode_error(serve, make_api, SNAPSHOT_BODY, content_type="text/plain")
    assert "expected a JSON body (Allocations) but the response is text/plain" in str(err)


def test_31_html_error_page_with_200_is_a_decode_error(serve, make_api):
    decode_error(serve, make_api, b"<html>proxy login</html>", content_type="text/html")


@pytest.mark.parametrize(
    "content_type", [None, "application/json; charset=utf-8", "application/problem+json"]
)
def test_31_json_without_or_with_a_json_like_content_type_decodes(serve, make_api, content_type):
    assert isinstance(decoded(serve, make_api, SNAPSHOT_BODY, content_type=content_type), Allocations)


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b'"cloud-1"', "application/json", "cloud-1"),  # a JSON string is unwrapped
        (b'{"id": "cloud-1"}', "application/json", '{"id": "cloud-1"}'),  # other JSON: the text as sent
        (b"cloud-1", "text/plain", "cloud-1"),
        (b"cloud-1", None, "cloud-1"),
        (b"caf\xe9", "text/plain; charset=latin-1", "café"),
    ],
)
def test_31_json_or_text_where_text_is_declared(serve, make_api, body, content_type, expected):
    assert decoded(serve, make_api, body, content_type=content_type, call=text_call) == expected


def test_31_unknown_charset_is_a_decode_error(serve, make_api):
    decode_error(serve, make_api, b"cloud-1", content_type="text/plain; charset=klingon", call=text_call)


# ---- 32: schema-violating JSON -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"{}", "iterable"),
        (b'{"iterable": "not a list"}', "iterable"),
        (b'{"iterable": [{"id": "c"}]}', "iterable.0"),
        (b'{"iterable": [], "schema": {"migration": "one", "semantic": "UNKNOWN"}}', "schema.migration"),
        (b"[]", "Allocations"),
        (b"null", "Allocations"),
    ],
)
def test_32_schema_violation_carries_status_and_raw_body(serve, make_api, body, field):
    err = decode_error(serve, make_api, body)
    assert field in str(err)
    assert err.method == "GET" and err.url is not None and err.url.endswith("/allocations")


def test_32_schema_violation_on_a_post_response(serve, make_api):
    body = b'{"id": "cloud-1", "project": 7}'
    err = decode_error(serve, make_api, body, call=lambda api: api.allocations_reconnect_cloud(cloud()))
    assert "AllocationCloud" in str(err) and err.method == "POST"
