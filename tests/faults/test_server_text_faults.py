"""Cases 52 and 58: what a server writes reaches an exception message short, masked and escaped.

52: redaction takes time linear in its input, and server text is cut to a short excerpt before anything
else reads it, so a 64 KiB status line of ``a://`` costs a call nothing it would notice (it used to cost
~17 s of CPU per error with the GIL held). 58: control characters the server puts in a status line, a
media type or a charset reach ``str(err)`` escaped on every client (the asyncio client's cases are in the
parity table, tests/parity/test_async_fault_parity.py).
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from typing import Callable, List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import pieces_os_client
from pieces_os_client import (
    ApiDecodeError,
    ApiException,
    ProtocolError,
    ServiceException,
)
from pieces_os_client._redact import MASK, redact_text
from pieces_os_client._text import server_excerpt
from tests._calls import cloud, get
from tests._server import raw, respond, response_bytes

TRANSPORTS = ["urllib3", "requests"]

# 64 KiB, under http.client's 65,536-byte line limit: the status line of case 52.
HOSTILE_LINE = "@ " + "a://" * 16000
RAW_CONTROLS = ["\x1b", "\x07", "\r", "\n", "\x9b", "\x7f", "\u202e"]


def assert_no_raw_controls(text: str) -> None:
    for char in RAW_CONTROLS:
        assert char not in text, (char, text)


# ---- 52: redaction in linear time, server text cut first -----------------------------------------

# The rule before case 52, as a regular expression: the reference for short inputs (on long ones it
# backtracks for minutes, which is the bug).
_REFERENCE = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s@]*(?:@[^\s@]*)*@")


def reference_redaction(text: str) -> str:
    return _REFERENCE.sub(lambda m: f"{m.group(1)}{MASK}@", text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="ab9:/@ .-+_é\n#?", max_size=40))
def test_52_redaction_masks_what_the_rule_says(text: str) -> None:
    assert redact_text(text) == reference_redaction(text)


def test_52_redaction_examples() -> None:
    assert redact_text("see http://admin:S3/CR@T@host:1/x and ftp://u:p@h") == (
        "see http://***@host:1/x and ftp://***@h"
    )
    assert redact_text("(https://u:p@h) x_http://u:p@h") == "(https://***@h) x_http://u:p@h"
    assert redact_text("://u:p@h") == "://u:p@h"


# Inputs on which a backtracking pattern takes time quadratic in their length: 256 KiB each.
ADVERSARIAL = {
    "at, then a://": "@ " + "a://" * 65536,
    "a:// then @": "a://" * 65536 + "@",
    ":// then @": "://" * 87381 + "@",
    "scheme characters then @": "a." * 131072 + "@",
    "scheme characters, ://, no @": "@ " + "a.b-c+d" * 37449 + "://",
    "many URLs with user info": "http://u:p@h " * 20164,
    "@ everywhere": "a://@" * 52428,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_52_redaction_is_linear_on_adversarial_inputs(name: str) -> None:
    text = ADVERSARIAL[name]
    # The quadratic pattern took minutes on each of these; a linear pass takes milliseconds. The bound
    # is generous so that a loaded machine cannot fail it.
    started = time.process_time()
    masked = redact_text(text)
    assert time.process_time() - started < 1.0
    assert len(masked) <= len(text)
    if name == "many URLs with user info":
        assert masked == "http://***@h " * 20164


def test_52_server_excerpt_is_short_and_never_shows_user_info_it_cut() -> None:
    assert server_excerpt(HOSTILE_LINE) == "@ a://…"
    secret = "x" * 190 + " http://admin:S3CRET@host/"
    shown = server_excerpt(secret)
    assert "admin" not in shown and shown.endswith(" http://…")
    assert server_excerpt("short \x1b[2J http://u:p@h") == "short \\x1b[2J http://***@h"
    assert len(server_excerpt("é" * 10**6)) == 201


def _ticker() -> Callable[[], float]:
    """Start a thread that wakes every 10 ms; the function returned stops it and gives its longest gap."""
    gaps: List[float] = [0.0]
    stop = threading.Event()

    def tick() -> None:
        last = time.monotonic()
        while not stop.wait(0.01):
            now = time.monotonic()
            gaps.append(now - last)
            last = now

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()

    def longest_gap() -> float:
        stop.set()
        thread.join(timeout=30)
        return max(gaps)

    return longest_gap


HOSTILE_ANSWERS = {
    "status line": (HOSTILE_LINE + "\r\n\r\n").encode(),
    # The server closes after each answer and says so: a retry never meets a pooled connection it closed.
    "reason phrase": (
        f"HTTP/1.1 503 {HOSTILE_LINE}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    ).encode(),
}


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("where", sorted(HOSTILE_ANSWERS))
def test_52_a_64_kib_status_line_of_urls_ends_within_the_deadline(serve, make_api, sleeps, transport, where):
    # The waits between the three attempts are recorded (`sleeps`), not slept: the time is the parsing's.
    server = serve(raw(HOSTILE_ANSWERS[where]))
    # The deadline only stops a hang: the bound the test holds the call to is `elapsed` below.
    api, _ = make_api(server.url, transport=transport, total_timeout=5)
    longest_gap = _ticker()
    started, cpu = time.monotonic(), time.process_time()
    with pytest.raises((ProtocolError, ServiceException)) as info:
        get(api)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    gap = longest_gap()
    assert elapsed < 3.5, elapsed
    assert cpu < 1.0, cpu  # the three errors (and their retries' backoff) cost next to nothing
    assert gap < 1.5, gap  # no other thread was held up
    message = str(info.value)
    assert len(message) < 600 and "@ a://…" in message, message
    assert info.value.attempts == 3 and sleeps == [0.5, 1.0]
    if where == "reason phrase":
        assert info.value.reason == HOSTILE_LINE  # the attribute keeps what was sent


def test_52_the_event_loop_is_not_stalled_by_a_hostile_status_line(serve):
    pytest.importorskip("aiohttp")
    server = serve(raw(HOSTILE_ANSWERS["status line"]))

    waits: List[float] = []

    async def no_wait(seconds: float) -> None:  # the waits between attempts are recorded, not slept
        waits.append(seconds)
        await asyncio.sleep(0)

    async def main() -> float:
        gaps: List[float] = [0.0]

        async def tick() -> None:
            last = time.monotonic()
            while True:
                await asyncio.sleep(0.01)
                now = time.monotonic()
                gaps.append(now - last)
                last = now

        ticker = asyncio.create_task(tick())
        configuration = pieces_os_client.Configuration(host=server.url, total_timeout=5)
        async with pieces_os_client.AsyncApiClient(configuration, sleep=no_wait) as client:
            with pytest.raises(ProtocolError) as info:
                await pieces_os_client.AsyncAllocationsApi(client).allocations_snapshot()
        ticker.cancel()
        # aiohttp's two parsers word a bad status line differently, so the asyncio client quotes none.
        assert "a://" not in str(info.value) and len(str(info.value)) < 600
        return max(gaps)

    started = time.monotonic()
    gap = asyncio.run(asyncio.wait_for(main(), 30))
    assert time.monotonic() - started < 3.5
    assert gap < 1.5, gap
    assert len(waits) == 2  # every attempt was made


# ---- 58: control characters from the server, escaped in every message ----------------------------

# What a status line or a header can carry (latin-1): an OSC title, a screen clear, CR, a C1 CSI.
ESC_TEXT = "x\x1b]0;owned\x07\x1b[2J\r\x9b1m"
# A header value cannot hold a CR (the header section would end there).
HEADER_ESC_TEXT = ESC_TEXT.replace("\r", "")


def _escaped_in(text: str) -> bool:
    return "x\\x1b]0" in text  # shown, escaped (a media type ends at its ";")


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_58_control_characters_in_a_bad_status_line_are_escaped(serve, make_api, transport):
    server = serve(raw(f"HTTP/1.1 2{ESC_TEXT}00 OK\r\n\r\n".encode("latin-1")))
    api, _ = make_api(server.url, transport=transport)
    with pytest.raises(ProtocolError) as info:
        get(api, _retries=0)
    assert "not valid HTTP" in str(info.value)
    assert_no_raw_controls(str(info.value))
    assert_no_raw_controls(info.value.message)
    assert _escaped_in(str(info.value))


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_58_control_characters_in_a_reason_phrase_are_escaped(serve, make_api, transport):
    reason = ESC_TEXT
    server = serve(raw(response_bytes(404, b"gone", content_type="text/plain", reason=reason)))
    api, _ = make_api(server.url, transport=transport)
    with pytest.raises(ApiException) as info:
        get(api, _retries=0)
    assert info.value.status == 404
    assert_no_raw_controls(str(info.value))
    assert _escaped_in(str(info.value))


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_58_control_characters_in_a_media_type_are_escaped(serve, make_api, transport):
    media = f"text/{HEADER_ESC_TEXT}"
    server = serve(respond(200, b"{}", content_type=media))
    api, _ = make_api(server.url, transport=transport)
    with pytest.raises(ApiDecodeError) as info:
        get(api, _retries=0)
    assert "expected a JSON body" in str(info.value)
    assert_no_raw_controls(str(info.value))
    assert_no_raw_controls(info.value.message)
    assert _escaped_in(str(info.value))
    assert info.value.content_type == media  # the attribute keeps what was sent


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_58_control_characters_in_a_charset_are_escaped(serve, make_api, transport):
    charset = f"u{HEADER_ESC_TEXT}"
    server = serve(respond(200, b"text", content_type=f"text/plain; charset={charset}"))
    api, _ = make_api(server.url, transport=transport)
    with pytest.raises(ApiDecodeError) as info:
        api.allocations_disconnect_cloud(cloud(), _retries=0)  # disconnect answers text
    assert "does not decode as" in str(info.value)
    assert_no_raw_controls(str(info.value))
    assert _escaped_in(str(info.value))
