"""Retries: checklist cases 15-20 and 22 (how many times a request is sent, how long the SDK waits, which
timeout), then the retry policy itself (what is retried, how often, the delays, Retry-After).

Retries are counted by the server. The client's sleep is patched (``sleeps`` records each delay and the
jitter is pinned to 0), except in the Retry-After cap test, which runs with the real sleep and a time bound.
"""

from __future__ import annotations

import email.utils
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any, Dict, List, Optional

import pytest

from pieces_os_client import (
    Allocations,
    AllocationsApi,
    ApiClient,
    ApiConnectionError,
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
from pieces_os_client.api_client import parse_retry_after
from pieces_os_client.retry import RetryPolicy
from tests._calls import assert_released, get, post, raises_within, returns_within
from tests._ops import GET_WIDGETS, POST_WIDGET, Widget
from tests._pacing import Sleeps
from tests._payloads import CLOUD_BODY, SNAPSHOT_BODY
from tests._server import Action, Conn, RawServer, Reply, Request, closed_port, respond, stall

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


# -- the retry policy through ApiClient.invoke, on a server answering by route -----------------------------

OK_REPLY = Reply(200, json={"iterable": []})


def client_for(server: RawServer, sleeps: Optional[Sleeps] = None, **settings: object) -> ApiClient:
    pacing = {} if sleeps is None else sleeps.kwargs
    return ApiClient(Configuration(host=server.url, **settings), **pacing)  # type: ignore[arg-type]


def test_get_gives_up_after_the_retries_and_says_how_many_attempts(
    server: RawServer, sleeps: List[float]
) -> None:
    server.route("GET", "/widgets", Reply(503, "busy"))
    with client_for(server, sleeps=sleeps) as client, pytest.raises(ServiceException) as info:
        client.invoke(GET_WIDGETS, None)
    assert server.count("GET", "/widgets") == 3 == info.value.attempts
    assert str(info.value).startswith(
        f"HTTP 503 Service Unavailable from GET {server.url}/widgets after 3 attempts: busy"
    )
    assert len(sleeps) == 2


def test_retries_per_client_and_per_call(server: RawServer, sleeps: List[float]) -> None:
    server.route("GET", "/widgets", Reply(503))
    with client_for(server, retries=0, sleeps=sleeps) as client:
        with pytest.raises(ServiceException) as info:
            client.invoke(GET_WIDGETS, None)
        assert info.value.attempts == 1 and "after" not in str(info.value)
        assert server.count("GET", "/widgets") == 1
        with pytest.raises(ServiceException) as info:
            client.invoke(GET_WIDGETS, None, retries=4)
        assert info.value.attempts == 5
        assert server.count("GET", "/widgets") == 6
    assert sleeps == [0.5, 1.0, 2.0, 4.0]


def test_backoff_is_capped_and_jittered() -> None:
    policy = Configuration().retry_policy
    delays = [policy.backoff(n, 0.5) for n in range(1, 9)]
    assert delays == [0.4375, 0.875, 1.75, 3.5, 7.0, 7.0, 7.0, 7.0]
    assert [policy.backoff(n, 0.0) for n in (1, 2, 5, 10)] == [0.5, 1.0, 8.0, 8.0]
    assert policy.backoff(1, 0.999999) == pytest.approx(0.375, abs=1e-5)


def test_post_read_timeout_is_not_retried(server: RawServer, sleeps: List[float]) -> None:
    server.route("POST", "/widgets/create", Reply(200, json={"id": "w"}, delay=2.0))
    with (
        client_for(server, read_timeout=0.2, sleeps=sleeps) as client,
        pytest.raises(ApiTimeoutError) as info,
    ):
        client.invoke(POST_WIDGET, Widget(id="w"))
    assert server.count("POST", "/widgets/create") == 1
    assert info.value.attempts == 1 and info.value.request_sent is True
    assert sleeps == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("20", 20.0),
        ("0", 0.0),
        ("1.5", 1.5),
        (" 7 ", 7.0),
        ("-10", None),
        ("nan", None),
        ("inf", None),
        ("-inf", None),
        ("1e400", None),
        ("soon", None),
        ("", None),
        (None, None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # in the past
        ("Wed, 21 Oct 2015 07:28:00", None),  # no zone: malformed
        ("Mon, 99 Foo 2015 07:28:00 GMT", None),
    ],
)
def test_parse_retry_after(value: Optional[str], expected: Optional[float]) -> None:
    assert parse_retry_after(value) == expected


def test_parse_retry_after_future_date() -> None:
    now = time.time()
    when = format_datetime(datetime.fromtimestamp(now, timezone.utc) + timedelta(seconds=30), usegmt=True)
    delay = parse_retry_after(when, now=now)
    assert delay is not None and 29.0 <= delay <= 30.0


@pytest.mark.parametrize(
    ("header", "expected_sleep"),
    [("2", 2.0), ("0", 0.0), ("1.5", 1.5), ("soon", 0.5), ("-10", 0.5), ("nan", 0.5)],
)
def test_retry_after_sets_the_delay(
    server: RawServer, sleeps: List[float], header: str, expected_sleep: float
) -> None:
    server.route("GET", "/widgets", Reply(429, headers={"Retry-After": header}), OK_REPLY)
    with client_for(server, sleeps=sleeps) as client:
        assert client.invoke(GET_WIDGETS, None).status_code == 200
    assert sleeps == [expected_sleep]
    assert server.count("GET", "/widgets") == 2


def test_a_connection_closed_by_the_server_after_a_response_is_reopened(
    server: RawServer, sleeps: List[float]
) -> None:
    server.route("GET", "/widgets", Reply(200, json={"iterable": []}, close=True))
    with client_for(server, retries=0, sleeps=sleeps) as client:
        for _ in range(3):
            assert client.invoke(GET_WIDGETS, None).status_code == 200
    assert len(set(server.request_ports())) == 3


def test_post_connection_refused_is_retried_without_reaching_a_server(sleeps: List[float]) -> None:
    config = Configuration(host=f"http://127.0.0.1:{closed_port()}")
    with ApiClient(config, **sleeps.kwargs) as client, pytest.raises(ApiConnectionError) as info:
        client.invoke(POST_WIDGET, Widget(id="w"), retries=1)
    assert info.value.attempts == 2 and sleeps == [0.5]


def test_a_retry_policy_sets_statuses_methods_and_backoff(server: RawServer, sleeps: Sleeps) -> None:
    policy = RetryPolicy(
        max_retries=3, statuses=frozenset({500}), backoff_base=0.1, backoff_cap=0.15, jitter=0
    )
    server.route("GET", "/widgets", Reply(500), Reply(500), Reply(500), OK_REPLY)
    with ApiClient(Configuration(host=server.url, retries=policy), **sleeps.kwargs) as client:
        assert client.configuration.retries == 3 and client.configuration.retry_policy is policy
        assert client.invoke(GET_WIDGETS, None).status_code == 200
        server.route("GET", "/widgets", Reply(503))
        with pytest.raises(ServiceException) as info:
            client.invoke(GET_WIDGETS, None)  # 503 is not in this policy's statuses
        assert info.value.attempts == 1
    assert sleeps == [0.1, 0.15, 0.15]


def test_a_retry_policy_without_the_never_sent_rule_does_not_retry_a_refused_post(sleeps: Sleeps) -> None:
    policy = RetryPolicy(retry_unsent=False)
    config = Configuration(host=f"http://127.0.0.1:{closed_port()}", retries=policy)
    with ApiClient(config, **sleeps.kwargs) as client, pytest.raises(ApiConnectionError) as info:
        client.invoke(POST_WIDGET, Widget(id="w"))
    assert info.value.attempts == 1 and sleeps == []


def test_next_delay_follows_retry_after_within_its_cap() -> None:
    policy = RetryPolicy(max_retry_after=5.0, jitter=0.5)
    assert policy.next_delay(1, None, 0.5) == 0.375
    assert policy.next_delay(1, "2", 0.5) == 2.0
    assert policy.next_delay(1, "6", 0.5) is None
    assert policy.next_delay(2, "soon", 0.0) == 1.0


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"max_retries": -1}, "RetryPolicy.max_retries must be a whole number >= 0, got -1"),
        ({"methods": "GET"}, "RetryPolicy.methods must be a set of method names"),
        ({"statuses": frozenset({700})}, "RetryPolicy.statuses must hold statuses 100-599, not 700"),
        ({"backoff_cap": float("inf")}, "RetryPolicy.backoff_cap must be between 0 and 86400 seconds"),
        ({"jitter": 2}, "RetryPolicy.jitter must be a fraction from 0 to 1, got 2"),
    ],
)
def test_a_bad_retry_policy_is_refused_when_built(settings: Dict[str, Any], message: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        RetryPolicy(**settings)
    assert str(info.value).startswith(message)


def test_retries_accepts_a_whole_number_or_a_policy_only() -> None:
    with pytest.raises(ConfigurationError, match="retries must be a whole number >= 0 or a RetryPolicy"):
        Configuration(retries=1.5)  # type: ignore[arg-type]
    assert Configuration(retries=4).retry_policy == RetryPolicy(max_retries=4)
