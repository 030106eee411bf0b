"""The suite's one raw-socket HTTP server (besides the fake Pieces OS), and a probe for the client's pool.

`RawServer` binds ``127.0.0.1:0`` in a daemon thread and hands each accepted connection to its own
thread (so a stalled first attempt never delays the retry). On each connection it reads one request at a
time (up to ``\\r\\n\\r\\n``, then the body by ``Content-Length``), counts it as one attempt, and answers
it in one of two ways:

- a script (fault injection): a list of actions, one per attempt, the last repeating; each writes exactly
  the bytes the case needs: a response, a stall, a close, or a reset (`respond`, `raw`, `stall`, ...);
- routes (ordinary exchanges): ``server.route("GET", "/allocations", Reply(503), Reply(200, json=...))``
  answers each request to that method and path with the next `Reply`, the last repeating; a request with
  no route gets a 404. A `Reply` may wait before answering (``delay``) or close the connection after it.

Every request is recorded (`Request`: method, path, headers in order, body, client port), so tests count
attempts, read what was sent and tell whether calls shared one connection. Pass an ``ssl.SSLContext``
as ``tls`` to serve HTTPS. Every wait inside the server is bounded and ends early when the server stops,
so a test that fails can never leave a thread blocking the suite.
"""

from __future__ import annotations

import contextlib
import http
import json as _json
import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union, overload

import pytest
import urllib3

# The longest any server-side wait may last, whatever a test asks for.
MAX_WAIT = 10.0
# How long the server waits for a client to send a request before giving up on the connection.
READ_IDLE = 5.0


class Headers(List[Tuple[str, str]]):
    """A request's header lines in order, as ``(name, value)`` pairs; also read as a dict by exact name
    (``headers["Content-Type"]``, ``headers.get(...)``, ``"Content-Type" in headers``; a repeated name
    gives its last value)."""

    @overload  # type: ignore[override]
    def __getitem__(self, key: str) -> str: ...
    @overload
    def __getitem__(self, key: int) -> Tuple[str, str]: ...
    @overload
    def __getitem__(self, key: slice) -> List[Tuple[str, str]]: ...
    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            found = self.get(key)
            if found is None:
                raise KeyError(key)
            return found
        return super().__getitem__(key)

    def get(self, name: str, default: Optional[str] = None) -> Optional[str]:
        values = [value for key, value in self if key == name]
        return values[-1] if values else default

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return any(key == item for key, _ in self)
        return super().__contains__(item)


@dataclass
class Request:
    """One request as the server read it."""

    method: str
    target: str
    headers: Headers
    body: bytes
    raw: bytes
    client_port: int

    @property
    def path(self) -> str:
        """The request target (for these tests, always a path)."""
        return self.target

    @property
    def raw_header_lines(self) -> List[str]:
        return [f"{key}: {value}" for key, value in self.headers]

    def header(self, name: str) -> Optional[str]:
        """The value of header ``name``, whatever its case (the first one)."""
        lname = name.lower()
        for key, value in self.headers:
            if key.lower() == lname:
                return value
        return None


class Conn:
    """The server side of one accepted connection, as an action sees it."""

    def __init__(self, sock: socket.socket, server: RawServer) -> None:
        self.sock = sock
        self.server = server
        self.closed = False

    def send(self, data: bytes) -> None:
        """Write all of ``data``; a client that went away is not an error here."""
        with contextlib.suppress(OSError):
            self.sock.sendall(data)

    def wait(self, seconds: float) -> None:
        """Sleep up to ``seconds`` (capped), returning early when the server stops."""
        self.server.stopping.wait(min(seconds, MAX_WAIT))

    def close(self) -> None:
        """A clean close: FIN after whatever was written."""
        if not self.closed:
            self.closed = True
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RDWR)
            self.sock.close()

    def reset(self) -> None:
        """An abortive close: ``SO_LINGER`` on with timeout 0 makes close() send RST."""
        if not self.closed:
            self.closed = True
            with contextlib.suppress(OSError):
                self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.sock.close()


# An action handles one attempt. It returns True to keep the connection open for another request.
Action = Callable[[Conn, Request], bool]


def response_bytes(
    status: int = 200,
    body: Union[bytes, str] = b"",
    *,
    content_type: Optional[str] = "application/json",
    headers: Sequence[Tuple[str, str]] = (),
    reason: Optional[str] = None,
    keep_alive: bool = True,
) -> bytes:
    """A well-formed HTTP/1.1 response with a Content-Length."""
    data = body.encode() if isinstance(body, str) else body
    lines = [f"HTTP/1.1 {status} {reason if reason is not None else _REASONS.get(status, 'Status')}"]
    if content_type is not None:
        lines.append(f"Content-Type: {content_type}")
    lines.append(f"Content-Length: {len(data)}")
    if not keep_alive:
        lines.append("Connection: close")
    lines.extend(f"{k}: {v}" for k, v in headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data


_REASONS: Dict[int, str] = {
    200: "OK",
    204: "No Content",
    301: "Moved Permanently",
    302: "Found",
    303: "See Other",
    307: "Temporary Redirect",
    308: "Permanent Redirect",
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    408: "Request Timeout",
    409: "Conflict",
    422: "Unprocessable Entity",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
}


# ---- actions -------------------------------------------------------------------------------------


def respond(
    status: int = 200,
    body: Union[bytes, str] = b"",
    *,
    content_type: Optional[str] = "application/json",
    headers: Sequence[Tuple[str, str]] = (),
    keep_alive: bool = True,
) -> Action:
    """Answer with a well-formed response; keep the connection open unless ``keep_alive`` is False."""
    data = response_bytes(status, body, content_type=content_type, headers=headers, keep_alive=keep_alive)

    def action(conn: Conn, request: Request) -> bool:
        conn.send(data)
        return keep_alive

    return action


def raw(data: bytes, *, then: str = "close", stall: float = 0.0) -> Action:
    """Write exactly ``data``, optionally stall, then ``close`` (FIN), ``reset`` (RST) or ``keep`` open."""

    def action(conn: Conn, request: Request) -> bool:
        conn.send(data)
        if stall:
            conn.wait(stall)
        if then == "reset":
            conn.reset()
        elif then == "close":
            conn.close()
        return then == "keep"

    return action


def stall(seconds: float = MAX_WAIT, *, data: bytes = b"") -> Action:
    """Write ``data`` (maybe nothing), then hold the connection silent for ``seconds`` and close it."""
    return raw(data, then="close", stall=seconds)


def close() -> Action:
    """Read the request and close without a byte of response."""
    return raw(b"", then="close")


def reset(data: bytes = b"") -> Action:
    """Write ``data`` (maybe part of a response), then reset the connection."""
    return raw(data, then="reset")


def endless_chunks(chunk: bytes = b"0" * 65536) -> Action:
    """Headers for a chunked JSON body, then chunks until the client goes away (or the cap is hit)."""

    def action(conn: Conn, request: Request) -> bool:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        frame = b"%x\r\n" % len(chunk) + chunk + b"\r\n"
        conn.sock.settimeout(2.0)
        deadline = time.monotonic() + MAX_WAIT
        try:
            conn.sock.sendall(head)
            while time.monotonic() < deadline and not conn.server.stopping.is_set():
                conn.sock.sendall(frame)
                conn.server.bytes_sent += len(frame)
        except OSError:
            pass
        conn.close()
        return False

    return action


# ---- routes: replies per method and path -------------------------------------------------------------

# The longest a Reply may wait before answering, so a forgotten delay never hangs the suite.
MAX_DELAY = 5.0


@dataclass
class Reply:
    """An ordinary answer for `RawServer.route`: status, body (bytes, text or JSON), headers, a delay."""

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
        """The body and its Content-Type: JSON for ``json``, UTF-8 text for a str, bytes as they are."""
        if self.json is not None:
            return _json.dumps(self.json).encode(), self.content_type or "application/json"
        if isinstance(self.body, str):
            return self.body.encode("utf-8"), self.content_type or "text/plain; charset=utf-8"
        return self.body, self.content_type

    def encode(self, method: str) -> bytes:
        payload, content_type = self.payload()
        reason = self.reason if self.reason is not None else _phrase(self.status)
        lines = [f"HTTP/1.1 {self.status} {reason}"]
        if content_type is not None:
            lines.append(f"Content-Type: {content_type}")
        lines.extend(f"{name}: {value}" for name, value in self.headers.items())
        if not any(name.lower() in ("content-length", "transfer-encoding") for name in self.headers):
            lines.append(f"Content-Length: {len(payload)}")
        if self.close:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        return head if method == "HEAD" else head + payload

    def action(self) -> Action:
        def answer(conn: Conn, request: Request) -> bool:
            if self.delay:
                conn.wait(min(self.delay, MAX_DELAY))
            conn.send(self.encode(request.method))
            return not self.close

        return answer


def _phrase(status: int) -> str:
    """The standard reason phrase (http.HTTPStatus's), or ``Status`` for a code it does not know."""
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Status"


# What a route answers with: a Reply, or a function of the request that returns one.
Responder = Union[Reply, Callable[[Request], Reply]]


def _listening_ports() -> Optional[set[int]]:
    """Ports with a TCP socket listening on this machine (Linux's /proc/net/tcp*); None where unknown."""
    ports: set[int] = set()
    found = False
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as lines:
                next(lines)  # the header
                for line in lines:
                    local, state = line.split()[1], line.split()[3]
                    if state == "0A":  # TCP_LISTEN
                        ports.add(int(local.rsplit(":", 1)[1], 16))
            found = True
        except OSError:
            continue
    return ports if found else None


@contextlib.contextmanager
def default_range_held() -> Iterator[None]:
    """Every port of Pieces OS's range (39300-39333) held, for a test that runs discovery over it.

    Another test's server on an ephemeral port may sit in that range; probing it would break that test and
    this one. Each port is bound and never listens (a probe of it is refused, and the kernel gives no bound
    port out as an ephemeral one). A port that cannot be bound because a connection of an earlier test is
    in TIME_WAIT there has no listener either; one that something listens on skips the test, naming it.
    """
    from pieces_os_client.discovery import PIECES_OS_PORTS

    held: List[socket.socket] = []
    try:
        unheld: List[int] = []
        for port in PIECES_OS_PORTS:
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                sock.close()
                unheld.append(port)
            else:
                held.append(sock)
        if unheld:
            listening = _listening_ports()
            taken = unheld if listening is None else [p for p in unheld if p in listening]
            if taken:
                pytest.skip(f"something listens on port {taken[0]} of Pieces OS's range on this machine")
        yield
    finally:
        for sock in held:
            sock.close()


def shut_down(
    listener: socket.socket,
    lock: threading.Lock,
    socks: Iterable[socket.socket],
    accept_thread: threading.Thread,
    threads: Iterable[threading.Thread],
    timeout: float = 2.0,
) -> None:
    """Stop a loopback server: close its listener and every socket it holds, then wait for its threads."""
    with contextlib.suppress(OSError):
        listener.shutdown(socket.SHUT_RDWR)  # wakes accept() now rather than at its timeout
    listener.close()
    with lock:
        held = list(socks)
    for sock in held:
        # shutdown() wakes a thread blocked in recv() on this socket; close() alone does not.
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            sock.close()
    accept_thread.join(timeout)
    for thread in list(threads):  # after accept() has ended: no thread is added any more
        thread.join(timeout)


# ---- the server ----------------------------------------------------------------------------------


@dataclass
class RawServer:
    """Scripted HTTP server on 127.0.0.1:0; see the module docstring.

    ``script``: one action per attempt, the last repeating. ``tls``: an ``ssl.SSLContext`` to wrap
    accepted sockets with. ``backlog``: the listen() backlog.
    """

    script: Sequence[Action] = ()
    tls: Optional[ssl.SSLContext] = None
    backlog: int = 64
    host: str = "127.0.0.1"

    requests: List[Request] = field(default_factory=list)
    connections: int = 0
    client_ports: List[int] = field(default_factory=list)
    bytes_received: int = 0
    bytes_sent: int = 0
    handler_errors: List[BaseException] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._routes: Optional[Dict[Tuple[str, str], List[Responder]]] = None
        self._threads: List[threading.Thread] = []
        self._socks: List[socket.socket] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind((self.host, 0))
        self._listener.listen(self.backlog)
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self._actions: List[Action] = list(self.script)
        self._offset = 0
        self._accept_thread = threading.Thread(target=self._accept_loop, name="raw-server", daemon=True)
        self._accept_thread.start()

    # -- public surface --

    @property
    def url(self) -> str:
        scheme = "https" if self.tls is not None else "http"
        return f"{scheme}://{self.host}:{self.port}"

    @property
    def attempts(self) -> int:
        """How many requests the server has read in full."""
        return len(self.requests)

    def set_script(self, *actions: Action) -> None:
        """Replace the script; attempt numbering continues from the current count."""
        with self._lock:
            self._actions = list(actions)
            self._offset = len(self.requests)

    @classmethod
    def routed(cls, tls: Optional[ssl.SSLContext] = None) -> RawServer:
        """A server that answers by route only: every request gets a 404 until its route is set."""
        server = cls(tls=tls)
        with server._lock:
            if server._routes is None:
                server._routes = {}
        return server

    def route(self, method: str, path: str, *replies: Responder) -> None:
        """Answer ``method path`` with ``replies`` in order, the last repeating; from now on this server
        answers by route, and a request with no route gets a 404."""
        if not replies:
            raise ValueError("route at least one reply")
        with self._lock:
            if self._routes is None:
                self._routes = {}
            self._routes[(method.upper(), path)] = list(replies)

    def requests_to(self, method: str, path: str) -> List[Request]:
        """The requests received for ``method path``, in order."""
        with self._lock:
            return [r for r in self.requests if r.method == method.upper() and r.target == path]

    def count(self, method: str, path: str) -> int:
        """How many requests ``method path`` received (attempts, retries included)."""
        return len(self.requests_to(method, path))

    def request_ports(self) -> List[int]:
        """The client port of every request, in order: one distinct port means one TCP connection."""
        with self._lock:
            return [r.client_port for r in self.requests]

    def stop(self) -> None:
        self.stopping.set()
        shut_down(self._listener, self._lock, self._socks, self._accept_thread, self._threads)

    def __enter__(self) -> RawServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- internals --

    def _action_for(self, attempt: int, request: Request) -> Action:
        with self._lock:
            routes = self._routes
            if routes is not None:
                replies = routes.get((request.method, request.target))
                if replies is None:
                    return Reply(404, f"no route for {request.method} {request.target}").action()
                responder = replies.pop(0) if len(replies) > 1 else replies[0]
            actions = self._actions
            index = attempt - self._offset
        if routes is not None:
            return (responder(request) if callable(responder) else responder).action()
        if not actions:
            return respond(200, b"{}")
        return actions[min(index, len(actions) - 1)]

    def _accept_loop(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, addr = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._lock:
                self.connections += 1
                self.client_ports.append(addr[1])
                self._socks.append(sock)
            thread = threading.Thread(target=self._serve, args=(sock, addr[1]), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _serve(self, sock: socket.socket, client_port: int) -> None:
        try:
            sock.settimeout(READ_IDLE)
        except OSError:  # stop() closed the socket before this thread ran: nothing to serve
            return
        try:
            if self.tls is not None:
                try:
                    sock = self.tls.wrap_socket(sock, server_side=True)
                except (OSError, ssl.SSLError):
                    sock.close()
                    return
                with self._lock:
                    self._socks.append(sock)
            conn = Conn(sock, self)
            buffer = b""
            while not self.stopping.is_set() and not conn.closed:
                request, buffer = self._read_request(sock, buffer, client_port)
                if request is None:
                    break
                with self._lock:
                    attempt = len(self.requests)
                    self.requests.append(request)
                keep = self._action_for(attempt, request)(conn, request)
                if not keep:
                    break
            conn.close()
        except BaseException as exc:  # recorded, so a broken harness shows up in the test
            self.handler_errors.append(exc)
            with contextlib.suppress(OSError):
                sock.close()

    def _recv(self, sock: socket.socket) -> bytes:
        try:
            data = sock.recv(65536)
        except (TimeoutError, OSError):
            return b""
        self.bytes_received += len(data)
        return data

    def _read_request(
        self, sock: socket.socket, buffer: bytes, client_port: int
    ) -> Tuple[Optional[Request], bytes]:
        while b"\r\n\r\n" not in buffer:
            data = self._recv(sock)
            if not data:
                return None, b""
            buffer += data
        head, _, rest = buffer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ")
        method, target = (parts[0], parts[1]) if len(parts) >= 2 else (lines[0], "")
        headers = Headers()
        for line in lines[1:]:
            key, _, value = line.partition(":")
            headers.append((key.strip(), value.strip()))
        length = 0
        for key, value in headers:
            if key.lower() == "content-length":
                length = int(value)
        while len(rest) < length:
            data = self._recv(sock)
            if not data:
                return None, b""
            rest += data
        body, remainder = rest[:length], rest[length:]
        raw_bytes = head + b"\r\n\r\n" + body
        return Request(method, target, headers, body, raw_bytes, client_port), remainder


@contextlib.contextmanager
def raw_server(*script: Action, **kwargs: object) -> Iterator[RawServer]:
    server = RawServer(script, **kwargs)  # type: ignore[arg-type]
    try:
        yield server
    finally:
        server.stop()


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (bound, then released)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port: int = sock.getsockname()[1]
    sock.close()
    return port


def has_ipv6_loopback() -> bool:
    """Whether this machine can bind ``::1`` (tests on IPv6 loopback skip without it)."""
    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock:
            sock.bind(("::1", 0))
    except OSError:
        return False
    return True


class FullBacklog:
    """A listener with ``listen(0)`` whose accept queue is filled and never drained (Linux).

    Further connection attempts get no SYN-ACK, so a client's connect() hangs until its own timeout.
    """

    def __init__(self) -> None:
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(0)
        self.port: int = self.listener.getsockname()[1]
        self.fillers: List[socket.socket] = []
        for _ in range(16):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", self.port))
            self.fillers.append(filler)
            if not self._connects_quickly():
                return
        raise RuntimeError("could not fill the listen backlog")

    def _connects_quickly(self) -> bool:
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.settimeout(0.1)
        try:
            probe.connect(("127.0.0.1", self.port))
        except OSError:
            probe.close()
            return False
        self.fillers.append(probe)
        return True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        for sock in self.fillers:
            sock.close()
        self.listener.close()


# ---- the client's connection pool ----------------------------------------------------------------


def find_pool_managers(root: object, depth: int = 6) -> List[urllib3.PoolManager]:
    """Every urllib3 PoolManager reachable from ``root`` through instance attributes.

    The transport keeps its PoolManager in a private attribute whose name tests should not depend on,
    so this walks ``vars()`` (and ``__slots__``) a few levels deep.
    """
    found: List[urllib3.PoolManager] = []
    seen: set[int] = set()

    def walk(obj: object, level: int) -> None:
        if id(obj) in seen or level > depth:
            return
        seen.add(id(obj))
        if isinstance(obj, urllib3.PoolManager):
            found.append(obj)
            return
        if isinstance(obj, (str, bytes, int, float, bool, type(None), type)):
            return
        values: List[object] = []
        if isinstance(obj, dict):  # e.g. a requests Session's adapters
            values.extend(obj.values())
        with contextlib.suppress(TypeError):
            values.extend(vars(obj).values())
        for slot in getattr(type(obj), "__slots__", ()):
            with contextlib.suppress(AttributeError):
                values.append(getattr(obj, slot))
        for value in values:
            walk(value, level + 1)

    walk(root, 0)
    return found


def pools_of(client: object) -> List[urllib3.HTTPConnectionPool]:
    pools: List[urllib3.HTTPConnectionPool] = []
    for manager in find_pool_managers(client):
        for key in list(manager.pools.keys()):
            pool = manager.pools.get(key)
            if pool is not None:
                pools.append(pool)
    return pools


def checked_out(client: object) -> int:
    """Connections taken from the client's pools and not yet returned.

    urllib3's pool is a LIFO queue pre-filled with ``maxsize`` slots (``None`` placeholders or idle
    connections). Taking a connection removes a slot; returning it (or discarding a broken one, which
    puts ``None`` back) restores the slot. So at rest ``pool.pool.qsize() == pool.pool.maxsize``, and
    ``queue.maxsize - qsize`` counts connections still checked out. A closed pool (``pool.pool is None``) has
    none. Raises if no PoolManager can be found, so the check can never pass vacuously.
    """
    managers = find_pool_managers(client)
    if not managers:
        raise AssertionError(f"no urllib3 PoolManager reachable from {type(client).__name__}")
    total = 0
    for pool in pools_of(client):
        queue = pool.pool
        if queue is not None:
            total += queue.maxsize - queue.qsize()
    return total
