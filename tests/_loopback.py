"""A scriptable HTTP server on 127.0.0.1 (port 0) for tests over real sockets.

Script replies per (method, path); each request takes the next reply and the last one repeats::

    with LoopbackServer() as server:
        server.script("GET", "/allocations", Reply(503), Reply(200, json={"iterable": []}))
        ...  # call server.url
        assert server.count("GET", "/allocations") == 2

The server records every request (method, path, headers, body, client port), so tests can count
attempts, read what was sent and tell whether calls shared one TCP connection (`client_ports`).
A reply may wait (``delay``) before answering, to provoke client timeouts; waits are bounded. Pass an
``ssl.SSLContext`` to serve HTTPS.
"""

from __future__ import annotations

import json as _json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

__all__ = ["LoopbackServer", "RecordedRequest", "Reply", "closed_port"]


@dataclass
class Reply:
    """What the server answers: status, body (bytes, text or JSON), headers, and an optional delay."""

    status: int = 200
    body: Union[bytes, str] = b""
    headers: Dict[str, str] = field(default_factory=dict)
    json: Any = None
    content_type: Optional[str] = None
    delay: float = 0.0
    """Seconds to wait before sending anything (the client's read timeout should fire first)."""
    close: bool = False
    """Close the connection after this reply (``Connection: close``)."""
    reason: Optional[str] = None

    def payload(self) -> Tuple[bytes, Optional[str]]:
        if self.json is not None:
            return _json.dumps(self.json).encode(), self.content_type or "application/json"
        if isinstance(self.body, str):
            return self.body.encode("utf-8"), self.content_type or "text/plain; charset=utf-8"
        return self.body, self.content_type


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: Dict[str, str]
    body: bytes
    client_port: int
    raw_header_lines: List[str]


Responder = Union[Reply, Callable[[RecordedRequest], Reply]]


class _QuietServer(ThreadingHTTPServer):
    """Keeps per-connection errors (a client that hangs up, a refused TLS handshake) off stderr."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass


class LoopbackServer:
    """A threading HTTP/1.1 server with keep-alive; start with ``with`` or `start`, stop with `stop`."""

    # Longest a scripted delay may be, so a forgotten stall never hangs the suite.
    MAX_DELAY = 5.0

    def __init__(self, ssl_context: Optional[ssl.SSLContext] = None) -> None:
        self._lock = threading.Lock()
        self._tls = ssl_context is not None
        self._scripts: Dict[Tuple[str, str], List[Responder]] = {}
        self.requests: List[RecordedRequest] = []
        self._stop = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go in separate writes

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                request = RecordedRequest(
                    method=self.command,
                    path=self.path,
                    headers=dict(self.headers.items()),
                    body=body,
                    client_port=self.client_address[1],
                    raw_header_lines=[f"{k}: {v}" for k, v in self.headers.items()],
                )
                reply = server._next_reply(request)
                if reply.delay:
                    server._stop.wait(min(reply.delay, LoopbackServer.MAX_DELAY))
                payload, content_type = reply.payload()
                try:
                    self.send_response(reply.status, reply.reason)
                    if content_type is not None:
                        self.send_header("Content-Type", content_type)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    if not any(k.lower() in ("content-length", "transfer-encoding") for k in reply.headers):
                        self.send_header("Content-Length", str(len(payload)))
                    if reply.close:
                        self.send_header("Connection", "close")
                        self.close_connection = True
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(payload)
                    self.wfile.flush()
                except OSError:  # the client gave up (timeout) and closed its socket
                    self.close_connection = True

            do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = do_PATCH = _handle

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        if ssl_context is not None:  # TLS: the handshake happens on the first read of each connection
            self._httpd.socket = ssl_context.wrap_socket(
                self._httpd.socket, server_side=True, do_handshake_on_connect=False
            )
        self._thread: Optional[threading.Thread] = None

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}"

    def script(self, method: str, path: str, *replies: Responder) -> None:
        """Replies for ``method path``, in order; the last one repeats."""
        if not replies:
            raise ValueError("script at least one reply")
        with self._lock:
            self._scripts[(method.upper(), path)] = list(replies)

    def _next_reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            replies = self._scripts.get((request.method, request.path))
            if replies is None:
                return Reply(404, f"no script for {request.method} {request.path}")
            responder = replies.pop(0) if len(replies) > 1 else replies[0]
        return responder(request) if callable(responder) else responder

    def requests_to(self, method: str, path: str) -> List[RecordedRequest]:
        with self._lock:
            return [r for r in self.requests if r.method == method.upper() and r.path == path]

    def count(self, method: str, path: str) -> int:
        """How many requests ``method path`` received (attempts, retries included)."""
        return len(self.requests_to(method, path))

    def client_ports(self) -> List[int]:
        """The client port of every request, in order: one distinct port means one TCP connection."""
        with self._lock:
            return [r.client_port for r in self.requests]

    def start(self) -> LoopbackServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05})
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def closed_port() -> int:
    """A loopback port nothing listens on: bound, then closed (connections to it are refused)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    sock.close()
    return port
