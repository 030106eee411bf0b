"""The built-in fake Pieces OS at the HTTP level: endpoints, state, strict bodies, faults, record, lifecycle.

Raw `http.client` over real loopback sockets, so these tests see exactly the bytes a client would.
"""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional, Tuple

import pytest

from pieces_os_client.models.allocation_cloud import AllocationCloud
from pieces_os_client.testing import FakePiecesOS, RecordedRequest, sample_user_profile

Response = Tuple[int, Dict[str, str], bytes]


def call(
    fake: FakePiecesOS,
    method: str,
    path: str,
    body: Optional[bytes] = None,
    headers: Optional[Dict[str, str]] = None,
    timeout: float = 5.0,
) -> Response:
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=timeout)
    try:
        sent = (
            {"Content-Type": "application/json", **(headers or {})}
            if body is not None
            else dict(headers or {})
        )
        conn.request(method, path, body=body, headers=sent)
        resp = conn.getresponse()
        return resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read()
    finally:
        conn.close()


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes (the socket's timeout bounds the wait)."""
    data = b""
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return data
        data += chunk


def post_json(fake: FakePiecesOS, path: str, payload: Any) -> Response:
    return call(fake, "POST", path, json.dumps(payload).encode())


def connect(fake: FakePiecesOS, user_id: str = "u-1", **fields: Any) -> Dict[str, Any]:
    status, headers, body = call(
        fake, "POST", "/allocations/connect", sample_user_profile(user_id, **fields).to_json().encode()
    )
    assert status == 200, body
    assert headers["content-type"] == "application/json"
    result: Dict[str, Any] = json.loads(body)
    return result


def snapshot(fake: FakePiecesOS) -> List[Dict[str, Any]]:
    status, _, body = call(fake, "GET", "/allocations")
    assert status == 200
    items: List[Dict[str, Any]] = json.loads(body)["iterable"]
    return items


@pytest.fixture
def fake() -> Any:
    with FakePiecesOS() as server:
        yield server


# -- health, routing, HTTP/1.1 ------------------------------------------------------------------------


def test_health_answers_get_and_head(fake: FakePiecesOS) -> None:
    status, headers, body = call(fake, "GET", "/.well-known/health")
    assert (status, headers["content-type"], body) == (200, "text/plain; charset=utf-8", b"ok")
    status, headers, body = call(fake, "HEAD", "/.well-known/health")
    assert (status, headers["content-length"], body) == (200, "2", b"")


def test_unknown_path_is_404_and_wrong_method_is_405_with_allow(fake: FakePiecesOS) -> None:
    status, headers, body = call(fake, "GET", "/nope")
    assert status == 404 and headers["content-type"].startswith("text/plain") and b"/nope" in body
    status, headers, _ = call(fake, "DELETE", "/allocations")
    assert (status, headers["allow"]) == (405, "GET")
    status, headers, _ = call(fake, "GET", "/allocations/connect")
    assert (status, headers["allow"]) == (405, "POST")
    status, headers, _ = call(fake, "QUERY", "/allocations")  # a method http.server does not know
    assert (status, headers["allow"]) == (405, "GET")


def test_keep_alive_serves_many_requests_on_one_connection(fake: FakePiecesOS) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)
    try:
        conn.request("GET", "/allocations")
        conn.getresponse().read()
        first = conn.sock
        for _ in range(20):
            conn.request("POST", "/allocations/connect", body=sample_user_profile().to_json().encode())
            resp = conn.getresponse()
            assert resp.status == 200 and int(resp.headers["Content-Length"]) == len(resp.read())
        assert conn.sock is first
    finally:
        conn.close()


def test_malformed_request_line_gets_text_plain_400() -> None:
    with FakePiecesOS() as fake, socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock:
        sock.sendall(b"NONSENSE\r\n\r\n")
        data = read_until_closed(sock)
    assert data.startswith(b"HTTP/1.1 400") and b"text/plain" in data and b"<html" not in data.lower()


# -- endpoints and state ------------------------------------------------------------------------------


def test_connect_allocates_the_users_cloud_with_realistic_payload(fake: FakePiecesOS) -> None:
    before = datetime.now(timezone.utc)
    cloud = connect(fake, "user-42", vanityname="ada")
    assert cloud["id"] == cloud["user"] == "user-42"
    schema = {"migration": 0, "semantic": "MAJOR_0_MINOR_0_PATCH_1"}
    assert cloud["schema"] == schema  # Pieces OS stamps every object it sends
    assert cloud["status"] == {"schema": schema, "cloud": "RUNNING"}
    assert cloud["project"] and cloud["region"]
    urls = cloud["urls"]
    assert set(urls) == {"schema", "base", "id", "vanity"}
    assert urls["vanity"] == {"schema": schema, "status": "RUNNING", "url": "https://ada.pieces.cloud"}
    stamp = cloud["updated"]["value"]
    assert stamp.endswith("Z")
    when = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    assert before - timedelta(seconds=1) <= when <= datetime.now(timezone.utc) + timedelta(seconds=1)


def test_connect_takes_project_and_region_from_the_profile_metadata(fake: FakePiecesOS) -> None:
    profile = sample_user_profile("u-7").to_dict()
    profile["auth0"] = {"global_id": "g-7", "allocation": {"project": "acme-proj", "region": "europe-west1"}}
    status, _, body = post_json(fake, "/allocations/connect", profile)
    assert status == 200
    cloud = json.loads(body)
    assert (cloud["project"], cloud["region"]) == ("acme-proj", "europe-west1")


def test_connect_is_idempotent_and_snapshot_lists_the_state(fake: FakePiecesOS) -> None:
    assert snapshot(fake) == []
    first = connect(fake, "a")
    assert connect(fake, "a") == first
    connect(fake, "b")
    assert [c["id"] for c in snapshot(fake)] == ["a", "b"]
    assert [a.id for a in fake.allocations] == ["a", "b"]


def test_connect_without_body_connects_the_signed_in_user(fake: FakePiecesOS) -> None:
    status, _, body = call(fake, "POST", "/allocations/connect")
    assert status == 200
    assert json.loads(body)["user"] == fake.signed_in_user_id


def test_pending_mode() -> None:
    with FakePiecesOS(connect_status="PENDING") as fake:
        assert connect(fake)["status"]["cloud"] == "PENDING"
    with pytest.raises(ValueError, match="PENDING"):
        FakePiecesOS(connect_status="FAILED")


def test_disconnect_then_reconnect(fake: FakePiecesOS) -> None:
    cloud = connect(fake, "u-1")
    status, headers, body = post_json(fake, "/allocations/disconnect", cloud)
    assert (status, headers["content-type"], body) == (200, "text/plain; charset=utf-8", b"u-1")
    assert snapshot(fake)[0]["status"]["cloud"] == "DISCONNECTED"
    assert snapshot(fake)[0]["urls"]["base"]["status"] == "DISCONNECTED"
    status, _, body = post_json(fake, "/allocations/reconnect", cloud)
    assert status == 200 and json.loads(body)["status"]["cloud"] == "RUNNING"
    assert snapshot(fake)[0]["status"]["cloud"] == "RUNNING"


@pytest.mark.parametrize("path", ["/allocations/reconnect", "/allocations/disconnect"])
def test_unknown_allocation_is_404(fake: FakePiecesOS, path: str) -> None:
    ghost = json.loads(fake.state.new_cloud(sample_user_profile("ghost")).to_json())
    status, headers, body = post_json(fake, path, ghost)
    assert status == 404 and headers["content-type"].startswith("text/plain") and b"ghost" in body


@pytest.mark.parametrize("path", ["/allocations/create", "/allocations/delete"])
def test_create_and_delete_are_unimplemented_locally(fake: FakePiecesOS, path: str) -> None:
    cloud = connect(fake)
    status, headers, body = post_json(fake, path, cloud)
    assert status == 500 and headers["content-type"].startswith("text/plain")
    assert b"unimplemented locally" in body
    assert len(snapshot(fake)) == 1


def test_create_and_delete_in_cloud_mode() -> None:
    with FakePiecesOS(cloud=True) as fake:
        cloud = fake.state.new_cloud(sample_user_profile("team"))
        status, _, body = call(fake, "POST", "/allocations/create", cloud.to_json().encode())
        assert status == 200
        created = json.loads(body)
        assert created["id"] == "team" and created["updated"]["value"].endswith("Z")
        assert [c["id"] for c in snapshot(fake)] == ["team"]
        status, _, body = post_json(fake, "/allocations/delete", created)
        assert (status, body) == (200, b"team")
        assert snapshot(fake) == []
        status, _, _ = post_json(fake, "/allocations/delete", created)
        assert status == 404


def test_cloud_mode_can_be_switched_at_run_time(fake: FakePiecesOS) -> None:
    cloud = fake.add_allocation()
    fake.cloud = True
    assert call(fake, "POST", "/allocations/delete", cloud.to_json().encode())[0] == 200


def test_unknown_fields_are_kept(fake: FakePiecesOS) -> None:
    cloud = connect(fake, "x")
    fake.cloud = True
    cloud["futureField"] = {"nested": [1, None]}
    status, _, body = post_json(fake, "/allocations/create", cloud)
    assert status == 200 and json.loads(body)["futureField"] == {"nested": [1, None]}


# -- bodies the fake rejects: always 400 text/plain with a reason, never 500 or a hang ----------------


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"{", b"not valid JSON"),
        (b"\xff\xfe", b"not UTF-8"),
        (b"[]", b"does not match UserProfile"),
        (b"null", b"does not match UserProfile"),
        (b'{"id": "u"}', b"aesthetics"),
        (b'{"id": 5, "aesthetics": {"font": {"size": 1}, "theme": {"dark": true}}}', b"id"),
        (b'{"id": "u", "aesthetics": {"font": {"size": "1"}, "theme": {"dark": true}}}', b"size"),
        (b'{"id": "u", "aesthetics": {"font": {"size": 1}, "theme": {"dark": "yes"}}}', b"dark"),
        (b'{"id": "u", "name": null, "aesthetics": {"font": {"size": 1}, "theme": {"dark": true}}}', b"name"),
        (
            b'{"id": "u", "aesthetics": {"font": {"size": 1}, "theme": {"dark": true}},'
            b' "schema": {"migration": 0, "semantic": "MAJOR_9"}}',
            b"MAJOR_9",
        ),
        (
            b'{"id": "u", "aesthetics": {"font": {"size": 1}, "theme": {"dark": true}}, '
            b'"created": {"value": 5}}',
            b"value",
        ),
        (b"[" * 10000, b"JSON"),
    ],
    ids=lambda v: v[:40].decode("latin-1") if isinstance(v, bytes) else None,
)
def test_bad_bodies_are_400_with_a_reason(fake: FakePiecesOS, body: bytes, reason: bytes) -> None:
    status, headers, answer = call(fake, "POST", "/allocations/connect", body)
    assert status == 400, answer
    assert headers["content-type"] == "text/plain; charset=utf-8"
    assert reason in answer


def test_status_with_an_unknown_enum_value_is_rejected(fake: FakePiecesOS) -> None:
    cloud = connect(fake)
    cloud["status"]["cloud"] = "HIBERNATING"
    status, _, body = post_json(fake, "/allocations/reconnect", cloud)
    assert status == 400 and b"status.cloud" in body and b"HIBERNATING" in body


def test_an_unknown_enum_value_the_fake_serves_is_accepted_back(fake: FakePiecesOS) -> None:
    # What a newer Pieces OS may report: the fake holds it, serves it, and takes it back.
    held = AllocationCloud.from_dict({**connect(fake), "status": {"cloud": "HIBERNATING"}})
    fake.add_allocation(held)
    status, _, body = call(fake, "GET", "/allocations")
    served = json.loads(body)["iterable"][0]
    assert status == 200 and served["status"]["cloud"] == "HIBERNATING"
    status, _, body = post_json(fake, "/allocations/reconnect", served)
    assert status == 200, body
    assert json.loads(body)["status"]["cloud"] == "RUNNING"
    served["status"]["cloud"] = "FROZEN"  # never served: still refused
    status, _, body = post_json(fake, "/allocations/reconnect", served)
    assert status == 400 and b"FROZEN" in body


def test_oversized_body_is_400_without_reading_it() -> None:
    with (
        FakePiecesOS(max_body_bytes=1000) as fake,
        socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock,
    ):
        sock.sendall(b"POST /allocations/connect HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000000\r\n\r\n")
        sock.sendall(b"{" * 100_000)  # the client keeps sending; it must still get the answer
        data = read_until_closed(sock)
    assert data.startswith(b"HTTP/1.1 400") and b"too large" in data and b"Connection: close" in data


@pytest.mark.parametrize("length", [b"abc", b"-1", b"5\r\nContent-Length: 6"])
def test_invalid_content_length_is_400(length: bytes) -> None:
    with FakePiecesOS() as fake, socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock:
        sock.sendall(
            b"POST /allocations/connect HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + b"\r\n\r\n{}"
        )
        assert read_until_closed(sock).startswith(b"HTTP/1.1 400")


def test_expect_100_continue(fake: FakePiecesOS) -> None:
    body = sample_user_profile("patient").to_json().encode()
    with socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock:
        sock.sendall(
            b"POST /allocations/connect HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nConnection: close\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body)
        )
        assert sock.recv(1024).startswith(b"HTTP/1.1 100 Continue")  # without waiting for the body
        sock.sendall(body)
        data = read_until_closed(sock)
    assert data.startswith(b"HTTP/1.1 200") and b'"id":"patient"' in data


def test_expect_100_continue_with_a_body_too_large_is_refused_at_once() -> None:
    with (
        FakePiecesOS(max_body_bytes=10) as fake,
        socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock,
    ):
        sock.sendall(
            b"POST /allocations/connect HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
            b"Content-Length: 99\r\n\r\n"
        )
        assert read_until_closed(sock).startswith(b"HTTP/1.1 400")


def test_chunked_request_body_is_accepted(fake: FakePiecesOS) -> None:
    body = sample_user_profile("chunky").to_json().encode()
    chunked = b"".join(
        b"%x\r\n%s\r\n" % (len(body[i : i + 7]), body[i : i + 7]) for i in range(0, len(body), 7)
    )
    with socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock:
        sock.sendall(
            b"POST /allocations/connect HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
            b"Connection: close\r\n\r\n" + chunked + b"0\r\n\r\n"
        )
        data = read_until_closed(sock)
    assert data.startswith(b"HTTP/1.1 200") and b'"id":"chunky"' in data


def test_a_client_that_stalls_mid_body_is_dropped_within_the_socket_timeout() -> None:
    with (
        FakePiecesOS(socket_timeout=0.3) as fake,
        socket.create_connection(("127.0.0.1", fake.port), timeout=5) as sock,
    ):
        sock.sendall(b"POST /allocations/connect HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        started = time.monotonic()
        assert sock.recv(100) == b""
        assert time.monotonic() - started < 3
        assert fake.requests == []  # an incomplete request is not recorded


# -- fault injection ----------------------------------------------------------------------------------


def test_fail_next_fails_n_times_with_retry_after_then_recovers(fake: FakePiecesOS) -> None:
    fake.fail_next("/allocations", times=2, status=503, retry_after="1")
    for _ in range(2):
        status, headers, body = call(fake, "GET", "/allocations")
        assert (status, headers["retry-after"], headers["content-type"]) == (
            503,
            "1",
            "text/plain; charset=utf-8",
        )
        assert b"503" in body
    assert call(fake, "GET", "/allocations")[0] == 200
    assert [r.path for r in fake.requests] == ["/allocations"] * 3


def test_faults_are_per_path_and_method_and_queue_in_order(fake: FakePiecesOS) -> None:
    fake.fail_next("/allocations/connect", status=504, method="post")
    fake.fail_next("/allocations/connect", status=500)
    assert call(fake, "GET", "/allocations")[0] == 200
    assert call(fake, "GET", "/allocations/connect")[0] == 500  # the method-scoped fault waits for a POST
    assert call(fake, "POST", "/allocations/connect")[0] == 504
    assert call(fake, "POST", "/allocations/connect")[0] == 200
    fake.fail_next("/allocations", times=5)
    fake.reset_faults()
    assert call(fake, "GET", "/allocations")[0] == 200


def test_respond_next_sends_exactly_what_it_is_given(fake: FakePiecesOS) -> None:
    fake.respond_next(
        "/allocations", body=b'{"iterable": [', content_type="application/json", headers={"X-A": "1"}
    )
    status, headers, body = call(fake, "GET", "/allocations")
    assert (status, headers["content-type"], headers["x-a"], body) == (
        200,
        "application/json",
        "1",
        b'{"iterable": [',
    )


def test_stall_next_delays_the_answer(fake: FakePiecesOS) -> None:
    fake.stall_next("/allocations", 0.3)
    started = time.monotonic()
    assert call(fake, "GET", "/allocations")[0] == 200
    assert 0.25 <= time.monotonic() - started < 3
    fake.stall_next("/allocations", 5)
    with pytest.raises((TimeoutError, socket.timeout)):  # one class from Python 3.10 on
        call(fake, "GET", "/allocations", timeout=0.2)


def test_drop_next_closes_without_answering(fake: FakePiecesOS) -> None:
    fake.drop_next("/allocations/connect")
    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        call(fake, "POST", "/allocations/connect", sample_user_profile().to_json().encode())
    assert fake.allocations == []  # a dropped request changes nothing
    assert connect(fake)["id"]


def test_fault_arguments_are_checked(fake: FakePiecesOS) -> None:
    with pytest.raises(ValueError, match="never serves 'allocations'"):
        fake.fail_next("allocations")
    with pytest.raises(ValueError, match="times"):
        fake.drop_next("/allocations", times=0)
    with pytest.raises(ValueError, match="status"):
        fake.respond_next("/allocations", status=42)
    with pytest.raises(ValueError, match="negative"):
        fake.stall_next("/allocations", -1)


# -- the request record -------------------------------------------------------------------------------


def test_requests_are_recorded_with_method_path_headers_and_body(fake: FakePiecesOS) -> None:
    payload = sample_user_profile("rec").to_json().encode()
    call(fake, "POST", "/allocations/connect?debug=1", payload, headers={"X-Application-ID": "app-1"})
    (req,) = fake.requests
    assert isinstance(req, RecordedRequest)
    assert (req.method, req.path, req.query, req.body) == ("POST", "/allocations/connect", "debug=1", payload)
    assert req.headers["x-application-id"] == req.headers["X-Application-ID"] == "app-1"
    assert "content-type" in req.headers and "X-Nope" not in req.headers
    assert req.json()["id"] == "rec"
    fake.clear_requests()
    assert fake.requests == []


def test_record_is_complete_under_concurrency(fake: FakePiecesOS) -> None:
    errors: List[BaseException] = []

    def worker() -> None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", fake.port, timeout=5)
            for _ in range(25):
                conn.request("GET", "/allocations")
                conn.getresponse().read()
            conn.close()
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert not errors and not any(t.is_alive() for t in threads)
    assert len(fake.requests) == 200


# -- lifecycle ----------------------------------------------------------------------------------------


def test_stop_is_prompt_with_idle_and_stalled_connections_and_frees_the_port() -> None:
    fake = FakePiecesOS().start()
    port = fake.port
    idle = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    idle.request("GET", "/allocations")
    idle.getresponse().read()
    fake.stall_next("/allocations", 30)
    outcomes: List[object] = []

    def stalled_call() -> None:
        # The stall ends at stop; the answer then races the connection's close: either is an end.
        try:
            outcomes.append(call(fake, "GET", "/allocations", timeout=10)[0])
        except ConnectionError:  # http.client's RemoteDisconnected is one
            outcomes.append("closed")

    stalled = threading.Thread(target=stalled_call, daemon=True)
    stalled.start()
    deadline = time.monotonic() + 5
    while len(fake.requests) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    fake.stop()
    assert time.monotonic() - started < 2.5
    stalled.join(5)
    assert not stalled.is_alive()
    assert outcomes in ([200], ["closed"])
    idle.close()
    fake.stop()  # a second stop is harmless
    with FakePiecesOS(port=port) as again:  # the port is free for the next server
        assert again.port == port
    with pytest.raises(RuntimeError, match="not running"):
        _ = fake.url


def test_start_twice_is_an_error_and_fixed_port_works() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with FakePiecesOS(port=port) as fake:
        assert fake.url == f"http://127.0.0.1:{port}"
        with pytest.raises(RuntimeError, match="already running"):
            fake.start()


def test_pieces_os_fixture(pieces_os: FakePiecesOS) -> None:
    assert pieces_os.running and not pieces_os.cloud
    assert call(pieces_os, "GET", "/.well-known/health")[0] == 200


def test_importing_the_testing_package_does_not_import_pytest() -> None:
    code = "import sys, pieces_os_client.testing; print('pytest' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "False"
