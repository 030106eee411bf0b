"""Checklist cases 15-20 and 22: how many times a request is sent, how long the SDK waits, which timeout.

Retries are counted by the server. The client's sleep is patched (``sleeps`` records each delay and the
jitter is pinned to 0), except in the Retry-After cap test, which runs with the real sleep and a time bound.
"""

from __future__ import annotations

import email.utils
import time
from typing import Any

import pytest

from pieces_os_client import (
    Allocations,
    AllocationsApi,
    ApiClient,
    ApiException,
    ApiTimeoutError,
    ApiValueError,
    BadRequestException,
    Configuration,
    ConfigurationError,
    ConflictException,
    ForbiddenException,
    GatewayTimeoutException,
    NotFoundException,
    ServiceException,
    TooManyRequestsException,
    UnauthorizedException,
    UnprocessableEntityException,
)
from pieces_os_client._constants import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RETRIES,
    DEFAULT_READ_TIMEOUT,
    INITIAL_RETRY_DELAY,
    MAX_RETRY_AFTER,
    MAX_RETRY_DELAY,
    RETRY_JITTER,
)
from tests._payloads import CLOUD_BODY, SNAPSHOT_BODY
from tests._server import Action, Conn, Request, respond, stall

from .conftest import assert_released, get, post, raises_within, returns_within

OK = respond(200, SNAPSHOT_BODY)


def status(code: int, *headers: tuple) -> Action:
    return respond(code, f"status {code}", content_type="text/plain", headers=headers)


# ---- 15: retry count -----------------------------------------------------------------------------


def test_15_two_retryable_failures_then_success_is_three_attempts(serve, make_api, sleeps):
    server = serve(status(503), status(503), OK)
    api, client = make_api(server.url)
    assert isinstance(returns_within(1.0, get, api), Allocations)
    assert server.attempts == 3
    assert sleeps == [INITIAL_RETRY_DELAY, 2 * INITIAL_RETRY_DELAY]
    assert_released(client)


@pytest.mark.parametrize("retries", [None, 0, 1, 4])
def test_15_always_failing_is_max_plus_one_attempts_recorded_on_the_error(serve, make_api, sleeps, retries):
    server = serve(status(503))
    settings: Any = {} if retries is None else {"retries": retries}
    api, client = make_api(server.url, **settings)
    expected = (DEFAULT_MAX_RETRIES if retries is None else retries) + 1
    err, _ = raises_within(ServiceException, 1.0, get, api)
    assert err.status == 503 and err.attempts == expected and server.attempts == expected
    assert len(sleeps) == expected - 1
    if expected > 1:
        assert f"after {expected} attempts" in str(err)
    assert_released(client)


def test_15_per_call_retries_beat_the_client(serve, make_api, sleeps):
    server = serve(status(503))
    api, client = make_api(server.url, retries=5)
    err, _ = raises_within(ServiceException, 1.0, get, api, _retries=1)
    assert err.attempts == 2 and server.attempts == 2
    assert_released(client)


def test_15_500_is_not_retried(serve, make_api, sleeps):
    # 500 is how a local Pieces OS answers calls it does not implement: repeating it cannot help.
    server = serve(status(500), status(500), OK)
    api, client = make_api(server.url)
    err, _ = raises_within(ServiceException, 1.0, get, api)
    assert err.attempts == 1 and server.attempts == 1 and sleeps == []
    assert_released(client)


# ---- 16: retryable status matrix -----------------------------------------------------------------

EXPECTED_CLASS = {
    400: BadRequestException,
    401: UnauthorizedException,
    403: ForbiddenException,
    404: NotFoundException,
    408: ApiException,
    409: ConflictException,
    422: UnprocessableEntityException,
    429: TooManyRequestsException,
    500: ServiceException,
    502: ServiceException,
    503: ServiceException,
    504: GatewayTimeoutException,
}
RETRIED_FOR_GET = {408, 429, 502, 503, 504}


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("code", sorted(EXPECTED_CLASS))
def test_16_only_the_documented_statuses_are_retried_and_only_for_get(serve, make_api, sleeps, code, method):
    server = serve(status(code))
    api, client = make_api(server.url)
    call = get if method == "GET" else post
    err, _ = raises_within(EXPECTED_CLASS[code], 1.0, call, api)
    expected = 3 if (method == "GET" and code in RETRIED_FOR_GET) else 1
    assert err.status == code and err.body == f"status {code}"
    assert server.attempts == expected and err.attempts == expected
    assert [r.method for r in server.requests] == [method] * expected
    assert_released(client)


# ---- 17-19: Retry-After --------------------------------------------------------------------------

BACKOFF = INITIAL_RETRY_DELAY  # the first backoff delay with the jitter pinned to 0


def _http_date(offset: float) -> str:
    return email.utils.formatdate(time.time() + offset, usegmt=True)


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [
        ("20", 20.0, 20.0),
        ("0", 0.0, 0.0),
        ("1.5", 1.5, 1.5),
        (" 7 ", 7.0, 7.0),
        (str(int(MAX_RETRY_AFTER)), MAX_RETRY_AFTER, MAX_RETRY_AFTER),
        ("-10", BACKOFF, BACKOFF),
        ("inf", BACKOFF, BACKOFF),
        ("-inf", BACKOFF, BACKOFF),
        ("nan", BACKOFF, BACKOFF),
        ("1e400", BACKOFF, BACKOFF),
        ("garbage", BACKOFF, BACKOFF),
        ("", BACKOFF, BACKOFF),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0, 0.0),  # in the past: retry at once
        ("Wed, 21 Oct 2015 07:28:00", BACKOFF, BACKOFF),  # no zone: malformed
        ("Mon, 99 Foo 2015 99:99:99 GMT", BACKOFF, BACKOFF),
        ("future-date", MAX_RETRY_AFTER / 2 - 2.0, MAX_RETRY_AFTER / 2),
    ],
)
def test_17_retry_after_values_give_a_bounded_delay_and_never_raise(
    serve, make_api, sleeps, value, low, high
):
    header = _http_date(MAX_RETRY_AFTER / 2) if value == "future-date" else value
    server = serve(status(503, ("Retry-After", header)), OK)
    api, client = make_api(server.url)
    assert isinstance(returns_within(1.0, get, api), Allocations)
    assert server.attempts == 2 and len(sleeps) == 1
    assert low <= sleeps[0] <= high
    assert_released(client)


@pytest.mark.parametrize("value", ["99999999999", str(int(MAX_RETRY_AFTER) + 1), "3600", "future-date"])
def test_18_retry_after_above_the_cap_is_not_waited_for(serve, make_api, value):
    # The real sleep stays in place here: the bound proves nothing waits for hours.
    header = _http_date(10 * MAX_RETRY_AFTER) if value == "future-date" else value
    server = serve(status(429, ("Retry-After", header)), OK)
    api, client = make_api(server.url)
    err, _ = raises_within(TooManyRequestsException, 1.0, get, api)
    assert err.status == 429 and err.attempts == 1 and server.attempts == 1
    assert err.headers.get("Retry-After") == header  # the caller can still read what the server asked
    assert_released(client)


@pytest.mark.parametrize("retries", [0, 2])
def test_19_malformed_retry_after_shows_the_real_status(serve, make_api, sleeps, retries):
    server = serve(status(503, ("Retry-After", "soon")))
    api, client = make_api(server.url, retries=retries)
    err, _ = raises_within(ServiceException, 1.0, get, api)
    assert err.status == 503 and err.attempts == retries + 1 == server.attempts
    assert sleeps == [BACKOFF * 2**i for i in range(retries)]
    assert_released(client)


# ---- 20: backoff schedule ------------------------------------------------------------------------


@pytest.mark.parametrize("jitter", [0.0, 0.5, 1.0])
def test_20_backoff_is_exponential_capped_and_jittered(serve, make_api, sleeps, jitter):
    sleeps.draw = jitter
    server = serve(status(503))
    api, client = make_api(server.url, retries=7)
    raises_within(ServiceException, 1.0, get, api)
    bases = [min(INITIAL_RETRY_DELAY * 2**i, MAX_RETRY_DELAY) for i in range(7)]
    assert bases == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert sleeps == pytest.approx([b * (1 - RETRY_JITTER * jitter) for b in bases])
    assert server.attempts == 8
    assert_released(client)


def test_20_real_jitter_stays_within_its_band(serve):
    delays: list = []
    server = serve(status(503))
    with ApiClient(Configuration(host=server.url, retries=6), sleep=delays.append) as client:  # real random
        raises_within(ServiceException, 1.0, get, AllocationsApi(client))
    assert len(delays) == 6
    bases = [min(INITIAL_RETRY_DELAY * 2**i, MAX_RETRY_DELAY) for i in range(6)]
    for delay, base in zip(delays, bases):
        assert base * (1 - RETRY_JITTER) <= delay <= base


# ---- 22: timeout configuration -------------------------------------------------------------------


def answer_after(seconds: float, body: bytes = SNAPSHOT_BODY) -> Action:
    inner = respond(200, body)

    def action(conn: Conn, request: Request) -> bool:
        conn.wait(seconds)
        return inner(conn, request)

    return action


def test_22_default_timeouts_are_finite():
    configuration = Configuration()
    assert configuration.timeout == (DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT)
    assert 0 < DEFAULT_CONNECT_TIMEOUT < 60 and 0 < DEFAULT_READ_TIMEOUT <= 600


@pytest.mark.parametrize("value", [None, 0, -1, float("inf"), float("nan"), "5", True])
@pytest.mark.parametrize("name", ["connect_timeout", "read_timeout", "pool_timeout"])
def test_22_a_timeout_can_never_be_switched_off(name, value):
    with pytest.raises(ConfigurationError):
        Configuration(**{name: value})
    configuration = Configuration()
    with pytest.raises(ConfigurationError):
        setattr(configuration, name, value)


@pytest.mark.parametrize("value", [0, -1, float("inf"), float("nan"), (1.0,), (1.0, None), (None, 1.0), "1"])
def test_22_a_per_call_timeout_is_checked_before_any_io(serve, make_api, value):
    server = serve(OK)
    api, client = make_api(server.url)
    raises_within(ApiValueError, 0.5, get, api, _request_timeout=value)
    assert server.connections == 0
    assert_released(client)


def test_22_client_read_timeout_applies(serve, make_api, sleeps):
    server = serve(stall(5.0))
    api, client = make_api(server.url, read_timeout=0.3, retries=0)
    err, elapsed = raises_within(ApiTimeoutError, 1.0, get, api)
    assert elapsed >= 0.25 and "read timeout 0.3 s" in str(err)
    assert_released(client)


@pytest.mark.parametrize("per_call", [0.3, (1.0, 0.3)])
def test_22_per_call_timeout_beats_a_longer_client_timeout(serve, make_api, sleeps, per_call):
    server = serve(stall(5.0))
    api, client = make_api(server.url, read_timeout=10.0, retries=0)
    err, elapsed = raises_within(ApiTimeoutError, 1.0, get, api, _request_timeout=per_call)
    assert elapsed >= 0.25 and "read timeout 0.3 s" in str(err)
    assert_released(client)


def test_22_per_call_timeout_beats_a_shorter_client_timeout(serve, make_api, sleeps):
    server = serve(answer_after(0.4))
    api, client = make_api(server.url, read_timeout=0.1, retries=0)
    assert isinstance(returns_within(1.5, get, api, _request_timeout=2.0), Allocations)
    raises_within(ApiTimeoutError, 1.0, get, api)  # without it, the client's 0.1 s applies
    assert_released(client)


def test_22_changing_the_configuration_applies_to_the_next_call(serve, make_api, sleeps):
    server = serve(answer_after(0.4, CLOUD_BODY))
    api, client = make_api(server.url, read_timeout=0.1)
    raises_within(ApiTimeoutError, 1.0, post, api)
    client.configuration.read_timeout = 2.0
    assert returns_within(1.5, post, api).id == "cloud-1"
    assert_released(client)
