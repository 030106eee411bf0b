"""The benchmark's loopback HTTP/1.1 server, run in a process of its own.

Its CPU is not the client's: the benchmarks measure the client process only, so the server lives in
a separate process (``python -m benchmarks._server``). It listens on one port per snapshot size (the
client always asks for ``GET /allocations``; the port decides how many clouds come back), answers
``POST /allocations/connect`` on every port, keeps connections alive, and counts the TCP connections
it accepts per port. A control port answers ``GET /stats`` (accepted connections per port, and the CPU
seconds this process has used, as JSON) and ``POST /reset`` (counts back to zero), so the runner can tell
whether the server kept up during a throughput run.

Each response is written with one ``sendall`` so no Nagle / delayed-ACK stall can slip into a figure.
On start it prints one JSON line: ``{"control": port, "snapshot": {"1": port, "1000": port}}``.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import socket
import socketserver
import sys
import threading
import time
from typing import Dict, Optional, Tuple

from benchmarks import _payloads

_MAX_HEAD = 64 * 1024


def _response(status: str, content_type: str, body: bytes, close: bool = False) -> bytes:
    head = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
        + ("Connection: close\r\n" if close else "")
        + "\r\n"
    )
    return head.encode("ascii") + body


_CONNECT = _response("200 OK", "application/json", _payloads.connected_cloud())
_NOT_FOUND = _response("404 Not Found", "text/plain", b"not found")


class _Counter:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.accepted = 0

    def add(self) -> None:
        with self._lock:
            self.accepted += 1


def _read_request(sock: socket.socket, buf: bytearray) -> Optional[Tuple[str, str, Dict[str, str], bytes]]:
    """One request from ``sock`` (leftover bytes stay in ``buf``); None when the peer closed."""
    while True:
        end = buf.find(b"\r\n\r\n")
        if end >= 0:
            break
        if len(buf) > _MAX_HEAD:
            return None
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf += chunk
    head = bytes(buf[:end]).decode("latin-1")
    del buf[: end + 4]
    lines = head.split("\r\n")
    method, path, _version = lines[0].split(" ", 2)
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0"))
    while len(buf) < length:
        chunk = sock.recv(max(65536, length - len(buf)))
        if not chunk:
            return None
        buf += chunk
    body = bytes(buf[:length])
    del buf[:length]
    return method, path, headers, body


def _serve_api(snapshot_response: bytes, counter: _Counter) -> type:
    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            counter.add()
            sock: socket.socket = self.request
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            buf = bytearray()
            try:
                while True:
                    request = _read_request(sock, buf)
                    if request is None:
                        return
                    method, path, headers, _body = request
                    path = path.split("?", 1)[0]
                    if method == "GET" and path == "/allocations":
                        response = snapshot_response
                    elif method == "POST" and path == "/allocations/connect":
                        response = _CONNECT
                    else:
                        response = _NOT_FOUND
                    sock.sendall(response)
                    if headers.get("connection", "").lower() == "close":
                        return
            except (ConnectionError, OSError):
                return

    return Handler


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clouds", default="1,1000", help="snapshot sizes, one port each")
    args = parser.parse_args()
    counters: Dict[str, _Counter] = {}
    ports: Dict[str, int] = {}
    servers = []
    for size in args.clouds.split(","):
        counter = _Counter()
        snapshot = _response("200 OK", "application/json", _payloads.snapshot(int(size)))
        server = _Server(("127.0.0.1", 0), _serve_api(snapshot, counter))
        counters[size] = counter
        ports[size] = server.server_address[1]
        servers.append(server)

    class Control(socketserver.StreamRequestHandler):
        def handle(self) -> None:
            request = _read_request(self.request, bytearray())
            if request is None:
                return
            method, path, _headers, _body = request
            if method == "POST" and path == "/reset":
                for counter in counters.values():
                    with counter._lock:
                        counter.accepted = 0
            stats = {size: counter.accepted for size, counter in counters.items()}
            body = json.dumps({"connections": stats, "cpu": time.process_time()}).encode()
            self.request.sendall(_response("200 OK", "application/json", body, close=True))

    control = _Server(("127.0.0.1", 0), Control)
    for server in [*servers, control]:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    print(json.dumps({"control": control.server_address[1], "snapshot": ports}), flush=True)
    # Serve until the parent closes our stdin (or dies).
    sys.stdin.read()


if __name__ == "__main__":
    main()
