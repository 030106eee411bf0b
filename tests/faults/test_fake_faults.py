"""Case 60: the fake Pieces OS under hostile clients.

A raw socket plays the client: a Content-Length in digits that are not ASCII, bodies refused for their
size or framing, and a client that drips its body or sends chunked trailers without end. Each gets an
answer (400) and a record, or is dropped within the fake's ``socket_timeout``: no handler thread is held.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import Iterator, Tuple

import pytest

from pieces_os_client.testing import FakePiecesOS

POST = b"POST /allocations/connect HTTP/1.1\r\nHost: fake\r\nContent-Type: application/json\r\n"


@pytest.fixture
def fake() -> Iterator[FakePiecesOS]:
    with FakePiecesOS(socket_timeout=1.0, max_body_bytes=1024) as running:
        yield running


def exchange(fake: FakePiecesOS, data: bytes) -> Tuple[int, bytes]:
    """Send ``data`` on a new connection; the status and body of the answer (0 when none came)."""
    received = b""
    with socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock:
        sock.sendall(data)
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            received += chunk
    if not received:
        return 0, b""
    head, _, body = received.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


# -- a Content-Length that is not ASCII digits --------------------------------------------------------


@pytest.mark.parametrize("length", ["\u00b2", "\u0661\u0660", "+5", "0x10", "5 5", "-1", "1" * 30])
def test_60_a_content_length_in_other_digits_gets_a_400_and_a_record(fake: FakePiecesOS, length: str) -> None:
    status, body = exchange(fake, POST + f"Content-Length: {length}\r\n\r\n{{}}".encode())
    assert status == 400 and b"invalid Content-Length" in body
    [record] = fake.requests
    assert (record.method, record.path, record.body) == ("POST", "/allocations/connect", b"")


# -- refusals are recorded --------------------------------------------------------------------------------


def test_60_a_body_refused_for_its_size_is_recorded(fake: FakePiecesOS) -> None:
    status, body = exchange(fake, POST + b"Content-Length: 5000\r\n\r\n" + b"x" * 5000)
    assert status == 400 and b"request body too large: 5000 bytes, the limit is 1024" in body
    [record] = fake.requests
    assert (record.body, record.body_size, record.body_truncated) == (b"", 5000, True)


def test_60_a_chunked_body_refused_for_its_size_or_framing_is_recorded(fake: FakePiecesOS) -> None:
    chunked = POST + b"Transfer-Encoding: chunked\r\n\r\n"
    too_large = chunked + b"200\r\n" + b"a" * 512 + b"\r\n" + b"400\r\n" + b"b" * 1024 + b"\r\n0\r\n\r\n"
    assert exchange(fake, too_large)[0] == 400
    for size in (b"\xc2\xb2", b"+5", b"0x5", b"-1", b"f" * 17):
        status, body = exchange(fake, chunked + b"3\r\nabc\r\n" + size + b"\r\nhello\r\n0\r\n\r\n")
        assert status == 400 and b"invalid chunked request body" in body, size
    no_crlf = exchange(fake, chunked + b"3\r\nabcXY0\r\n\r\n")
    assert no_crlf[0] == 400
    records = fake.requests
    assert len(records) == 7
    assert (records[0].body, records[0].body_size) == (b"a" * 512, 512 + 1024)
    assert all(r.body == b"abc" and r.body_size == 3 for r in records[1:])


# -- endless trailers and dripped bodies are bounded ---------------------------------------------------------


def test_60_more_than_100_trailer_lines_get_a_400(fake: FakePiecesOS) -> None:
    trailers = b"".join(b"X-Trailer-%d: 1\r\n" % i for i in range(101))
    status, body = exchange(
        fake, POST + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n" + trailers + b"\r\n"
    )
    assert status == 400 and b"more than 100 trailer lines" in body
    # 99 trailer lines and the empty line are fine: the request (no body: the signed-in user) is answered.
    trailers = b"".join(b"X-Trailer-%d: 1\r\n" % i for i in range(99))
    status, _ = exchange(fake, POST + b"Transfer-Encoding: chunked\r\n\r\n0\r\n" + trailers + b"\r\n")
    assert status == 200


def drip(fake: FakePiecesOS, head: bytes, unit: bytes) -> float:
    """Send ``head``, then ``unit`` every 0.2 s until the fake closes; seconds until it did (capped)."""
    with socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock:
        sock.sendall(head)
        started = time.monotonic()
        closed = threading.Event()

        def send() -> None:
            while not closed.wait(0.2) and time.monotonic() - started < 8:
                try:
                    sock.sendall(unit)
                except OSError:
                    return

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        try:
            while time.monotonic() - started < 8:
                try:
                    if not sock.recv(65536):
                        break
                except (ConnectionResetError, TimeoutError):
                    break
        finally:
            elapsed = time.monotonic() - started
            closed.set()
            sender.join(5)
    return elapsed


@pytest.mark.parametrize(
    ("head", "unit"),
    [
        (POST + b"Transfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n", b"X-More: 1\r\n"),
        (POST + b"Transfer-Encoding: chunked\r\n\r\n", b"1\r\n \r\n"),
        (POST + b"Content-Length: 1000\r\n\r\n", b" "),
        (POST + b"Transfer-Encoding: chunked\r\n\r\n2;", b"a"),
    ],
    ids=["trailers", "chunks", "fixed-length", "chunk-extension"],
)
def test_60_a_client_that_never_finishes_its_body_is_dropped_at_the_deadline(
    fake: FakePiecesOS, head: bytes, unit: bytes
) -> None:
    # Each piece arrives well within socket_timeout (1 s), so no single read times out: only the
    # deadline for the whole body (socket_timeout after the headers) ends the request. The fake closes
    # the connection when its handler has returned, so the close is the thread let go.
    elapsed = drip(fake, head, unit)
    assert 0.9 <= elapsed < 2.5, elapsed
    assert fake.requests == []  # an incomplete request is not recorded
