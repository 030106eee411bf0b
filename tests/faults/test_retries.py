"""Retry policy: what is retried, how often, the delays, Retry-After; the server counts the attempts."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any, Dict, List, Optional

import pytest

from pieces_os_client.api_client import ApiClient, parse_retry_after
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import (
    ApiConnectionError,
    ApiTimeoutError,
    ConfigurationError,
    ServiceException,
)
from pieces_os_client.retry import RetryPolicy
from tests._ops import GET_WIDGETS, POST_WIDGET, Widget
from tests._pacing import Sleeps
from tests._server import RawServer, Reply, closed_port

OK = Reply(200, json={"iterable": []})


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
    server.route("GET", "/widgets", Reply(429, headers={"Retry-After": header}), OK)
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
    server.route("GET", "/widgets", Reply(500), Reply(500), Reply(500), OK)
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
