"""Logging: one DEBUG line per attempt on the ``pieces_os_client`` logger; credentials never appear."""

from __future__ import annotations

import http.client
import logging
import re
from typing import Any, Dict, List

import pytest

from pieces_os_client import AllocationsApi
from pieces_os_client.api_client import ApiClient
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import ServiceException
from pieces_os_client.testing import FakePiecesOS
from tests._ops import GET_WIDGETS, POST_WIDGET, Widget
from tests._server import RawServer, Reply

SECRET = "app-key-5f1e2d"
COOKIE = "session=c00kie-9a8b"
TOKEN = "Bearer t0ken-77aa"


def test_one_debug_line_per_attempt(
    server: RawServer, sleeps: List[float], caplog: pytest.LogCaptureFixture
) -> None:
    server.route("GET", "/widgets", Reply(503), Reply(200, json={"iterable": []}))
    caplog.set_level(logging.DEBUG, logger="pieces_os_client")
    with ApiClient(Configuration(host=server.url), **sleeps.kwargs) as client:
        client.invoke(GET_WIDGETS, None)
    attempts = [
        r.getMessage() for r in caplog.records if "(attempt" in r.getMessage() and "->" in r.getMessage()
    ]
    assert len(attempts) == 2
    pattern = r"GET {url}/widgets -> {status} in \d+\.\d ms \(attempt {n}/3\)"
    assert re.fullmatch(pattern.format(url=re.escape(server.url), status=503, n=1), attempts[0])
    assert re.fullmatch(pattern.format(url=re.escape(server.url), status=200, n=2), attempts[1])
    assert all(r.name == "pieces_os_client" and r.levelno == logging.DEBUG for r in caplog.records)


def test_nothing_is_logged_unless_debug_is_on(server: RawServer, caplog: pytest.LogCaptureFixture) -> None:
    server.route("GET", "/widgets", Reply(200, json={"iterable": []}))
    caplog.set_level(logging.INFO, logger="pieces_os_client")
    with ApiClient(Configuration(host=server.url)) as client:
        client.invoke(GET_WIDGETS, None)
    assert [r for r in caplog.records if r.name.startswith("pieces_os_client")] == []


def test_debug_switch_logs_attempts_to_stderr(server: RawServer, capfd: pytest.CaptureFixture[str]) -> None:
    server.route("GET", "/widgets", Reply(200, json={"iterable": []}))
    config = Configuration(host=server.url, api_key=SECRET, debug=True)
    try:
        with ApiClient(config) as client:
            client.invoke(GET_WIDGETS, None)
    finally:
        config.debug = False
    err = capfd.readouterr().err
    assert f"DEBUG pieces_os_client: GET {server.url}/widgets -> 200 in " in err
    assert SECRET not in err
    assert http.client.HTTPConnection.debuglevel == 0


def test_credentials_never_reach_logs_repr_or_errors(
    server: RawServer, sleeps: List[float], caplog: pytest.LogCaptureFixture
) -> None:
    server.route(
        "POST",
        "/widgets/create",
        Reply(500, "failed", headers={"Set-Cookie": COOKIE}),
        Reply(200, json={"id": "w"}),
    )
    server.route("GET", "/widgets", Reply(503, "busy"))
    caplog.set_level(logging.DEBUG)  # every logger, urllib3's included
    config = Configuration(
        host=server.url, api_key=SECRET, proxy_headers={"Proxy-Authorization": TOKEN}, default_headers={}
    )
    texts: List[str] = [repr(config)]
    with ApiClient(
        config, header_name="Authorization", header_value=TOKEN, cookie=COOKIE, **sleeps.kwargs
    ) as client:
        texts.append(repr(client))
        with pytest.raises(ServiceException) as info:
            client.invoke(POST_WIDGET, Widget(id="w"))
        texts += [str(info.value), repr(info.value)]
        with pytest.raises(ServiceException) as info2:
            client.invoke(GET_WIDGETS, None, headers={"Cookie": COOKIE})
        texts += [str(info2.value), repr(info2.value)]
    assert server.requests[0].headers["X-Application-ID"] == SECRET  # it was sent...
    texts += [r.getMessage() for r in caplog.records]
    texts += [str(r.args) for r in caplog.records]
    assert any("attempt 3/3" in t for t in texts)
    for text in texts:  # ...and written nowhere
        for secret in (SECRET, "c00kie-9a8b", "t0ken-77aa"):
            assert secret not in text, text


def test_debug_prints_the_lines_the_readme_lists_and_not_the_fakes(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    # README, Configuration: "A 503 followed by a 200 prints three lines"; the fake's are left out.
    with FakePiecesOS() as fake:
        url = re.escape(f"{fake.url}/allocations")
        config = fake.configuration()
        config.debug = True
        try:
            with ApiClient(config) as client:
                fake.fail_next("/allocations", status=503, retry_after="0")
                AllocationsApi(client).allocations_snapshot()
        finally:
            config.debug = False
    lines = capfd.readouterr().err.splitlines()
    prefix = r"\S+ \S+ DEBUG pieces_os_client: "
    assert len(lines) == 3, lines
    assert re.fullmatch(prefix + rf"GET {url} -> 503 in \d+\.\d ms \(attempt 1/3\)", lines[0])
    assert re.fullmatch(prefix + rf"retrying GET {url} in 0\.00 s \(attempt 2/3 next\)", lines[1])
    assert re.fullmatch(prefix + rf"GET {url} -> 200 in \d+\.\d ms \(attempt 2/3\)", lines[2])
    # The fake did log its requests, on its own logger.
    assert [r.name for r in caplog.records].count("pieces_os_client.testing") == 2


@pytest.mark.parametrize(
    ("retry_after", "options", "line"),
    [
        ("3600", {}, "Retry-After 3600 s is above the 60 s cap: not retrying"),
        ("5", {"_total_timeout": 2}, "a retry in 5.00 s would pass the total deadline: not retrying"),
    ],
)
def test_debug_names_a_retry_not_made(
    capfd: pytest.CaptureFixture[str], retry_after: str, options: Dict[str, Any], line: str
) -> None:
    with FakePiecesOS() as fake:
        config = fake.configuration()
        config.debug = True
        try:
            with ApiClient(config) as client, pytest.raises(ServiceException):
                fake.fail_next("/allocations", status=503, retry_after=retry_after)
                AllocationsApi(client).allocations_snapshot(**options)
        finally:
            config.debug = False
    lines = capfd.readouterr().err.splitlines()
    assert len(lines) == 2, lines
    assert lines[1].endswith(f"DEBUG pieces_os_client: {line}")
