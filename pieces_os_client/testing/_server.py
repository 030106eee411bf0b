"""`FakePiecesOS`: a real HTTP server that behaves like a local Pieces OS, for tests and demos.

Standard library only (``http.server``): HTTP/1.1 with keep-alive and an exact ``Content-Length`` on
every answer, one thread per connection, bounded socket timeouts, and a body-size cap, so a client that
misbehaves gets a 4xx or a closed connection, never a hang. The endpoints' behaviour lives in
`_state.AllocationsState`; this module adds routing, fault injection and a bounded record of requests.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import socket
import socketserver
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Deque,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Set,
    Tuple,
    Union,
)

from pieces_os_client._text import escape_controls
from pieces_os_client._version import __version__
from pieces_os_client.testing._state import (
    DEFAULT_USER_ID,
    DEFAULT_VERSION,
    FAKE_INSTALLATION_PATH,
    ROUTES,
    TEXT,
    AllocationsState,
    Reply,
    text,
)

if TYPE_CHECKING:
    from types import TracebackType

    from pieces_os_client.configuration import Configuration
    from pieces_os_client.models.allocation_cloud import AllocationCloud
    from pieces_os_client.models.user_profile import UserProfile

logger = logging.getLogger("pieces_os_client.testing")

# Largest request body the fake reads; a bigger one is answered with 400 and the connection closed.
DEFAULT_MAX_BODY_BYTES = 1024 * 1024
# Seconds a connection may sit idle (or stall mid-request) before the fake closes it.
DEFAULT_SOCKET_TIMEOUT = 10.0
# After refusing a body, how long and how much the fake keeps reading so the client gets the answer.
_LINGER_SECONDS = 0.5
_LINGER_MAX_BYTES = 1024 * 1024
# Seconds stop() waits for connection threads to finish after closing their sockets.
_STOP_JOIN_SECONDS = 2.0
# How many requests the fake remembers by default; older ones are forgotten first.
DEFAULT_MAX_RECORDED_REQUESTS = 1000
# Of a body the fake refuses (answers with 4xx), the record keeps only this many first bytes.
REFUSED_BODY_PREFIX_BYTES = 4096
# The most trailer lines after a chunked request body; more is refused with 400.
_MAX_TRAILER_LINES = 100
# A Content-Length and a chunk size: ASCII digits, and at most 16 hexadecimal digits.
_DIGITS = re.compile(r"[0-9]{1,20}")
_HEX = re.compile(rb"[0-9A-Fa-f]{1,16}")


class Headers(Mapping[str, str]):
    """Request headers as received: read-only, case-insensitive look-up, original names kept.

    A header sent more than once maps to its values joined with ``", "``.
    """

    def __init__(self, items: List[Tuple[str, str]]) -> None:
        merged: Dict[str, Tuple[str, str]] = {}
        for name, value in items:
            key = name.lower()
            if key in merged:
                merged[key] = (merged[key][0], f"{merged[key][1]}, {value}")
            else:
                merged[key] = (name, value)
        self._items = merged

    def __getitem__(self, name: str) -> str:
        return self._items[name.lower()][1]

    def __iter__(self) -> Iterator[str]:
        return (original for original, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._items

    def __repr__(self) -> str:
        return f"Headers({dict(self.items())!r})"


@dataclass(frozen=True)
class RecordedRequest:
    """One request the fake received, as it arrived (faulted requests included)."""

    method: str
    path: str
    """The path without the query string, e.g. ``/allocations/connect``."""
    query: str
    headers: Headers
    body: bytes
    """The body; for a body the fake refused (a 4xx answer), only its first 4 KiB (see `body_size`)."""
    received_at: float = field(default_factory=time.monotonic)
    """`time.monotonic()` when the request was complete, to measure gaps between retries."""
    body_size: int = -1
    """The length of the whole body as received (``len(body)`` unless the record kept a prefix)."""

    def __post_init__(self) -> None:
        if self.body_size < 0:
            object.__setattr__(self, "body_size", len(self.body))

    @property
    def body_truncated(self) -> bool:
        """True when `body` is only the first bytes of what was received."""
        return len(self.body) < self.body_size

    def json(self) -> Any:
        """The body decoded as JSON (``None`` for an empty body)."""
        return json.loads(self.body) if self.body else None


@dataclass
class _Fault:
    kind: str  # "respond", "stall" or "drop"
    method: Optional[str]
    remaining: int
    reply: Optional[Reply] = None
    seconds: float = 0.0


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, address: Tuple[str, int], fake: FakePiecesOS) -> None:
        self.fake = fake
        self.connections: Set[socket.socket] = set()
        self.handler_threads: Set[threading.Thread] = set()
        self.conn_lock = threading.Lock()
        if ":" in address[0]:  # an IPv6 address such as ::1
            self.address_family = socket.AF_INET6
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind resolves the host's FQDN, which can block on DNS: skip it.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = int(port)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.conn_lock:
            self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.conn_lock:
            self.connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        logger.debug("connection from %s ended with an error", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # No HTTP/0.9 replies without a status line: a request too broken to name its version gets a
    # normal status line and headers.
    default_request_version = "HTTP/1.0"
    # Headers and body leave in one write, and without Nagle's delay: keep-alive calls stay fast.
    wbufsize = 64 * 1024
    disable_nagle_algorithm = True
    server_version = f"PiecesOSFake/{__version__}"
    sys_version = ""
    server: _Server

    def setup(self) -> None:
        with self.server.conn_lock:
            self.server.handler_threads.add(threading.current_thread())
        super().setup()
        # Bounded reads and writes: an idle or stalled client is dropped instead of holding a thread.
        self.connection.settimeout(self.server.fake.socket_timeout)

    def finish(self) -> None:
        try:
            super().finish()
            if self._unread_body:
                self._lingering_close()
        finally:
            with self.server.conn_lock:
                self.server.handler_threads.discard(threading.current_thread())

    def handle_expect_100(self) -> bool:
        # A body that will be refused is not invited: _read_body answers 400 without reading it.
        length = self.headers.get("Content-Length", "").strip()
        if length.isdigit() and int(length) > self.server.fake.max_body_bytes:
            return True
        result = super().handle_expect_100()
        self.wfile.flush()  # the interim 100 must leave now, not with the final answer
        return result

    def version_string(self) -> str:
        return self.server_version

    _unread_body = False

    def _lingering_close(self) -> None:
        """Half-close, then drain what the client is still sending, briefly and boundedly.

        Closing a socket with unread input makes the kernel send a reset, which can destroy the 400
        the client has not read yet; draining first lets the answer arrive.
        """
        sock = self.connection
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_WR)
            sock.settimeout(_LINGER_SECONDS)
            deadline = time.monotonic() + _LINGER_SECONDS
            drained = 0
            while drained < _LINGER_MAX_BYTES and time.monotonic() < deadline:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                drained += len(chunk)

    def log_message(self, format: str, *args: Any) -> None:
        # The request line is the client's: its control characters are escaped, never written raw.
        logger.debug("%s - %s", self.address_string(), escape_controls(format % args))

    def send_error(self, code: int, message: Optional[str] = None, explain: Optional[str] = None) -> None:
        # http.server would answer with an HTML page; the fake speaks text/plain like Pieces OS.
        reason = message or self.responses.get(code, ("Error",))[0]
        self._reply(text(code, f"{code} {reason}" + (f": {explain}" if explain else "")), close=True)

    # Every method goes through one dispatcher; unknown paths get 404, known paths 405 with Allow.
    def do_GET(self) -> None:
        self._dispatch()

    do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_TRACE = do_GET

    def __getattr__(self, name: str) -> Any:
        # Any other method token (QUERY, PROPFIND, ...) is dispatched too, so a known path answers 405
        # with Allow rather than http.server's 501.
        if name.startswith("do_") and name[3:].isalpha():
            return self._dispatch
        raise AttributeError(name)

    def _reply(self, reply: Reply, *, close: bool = False) -> None:
        if close:
            self.close_connection = True
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if self.close_connection:
                self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and reply.body:
                self.wfile.write(reply.body)
            self.wfile.flush()
        except OSError:
            self.close_connection = True

    def _read_body(self) -> Optional[bytes]:
        """The request body, or None after refusing it (400, recorded) or dropping the client.

        The whole body, chunk lines and trailers included, must arrive within ``socket_timeout``
        seconds of the end of the headers: a client that stalls, drips it or sends trailers without
        end is dropped then, as one that goes away is, instead of holding this thread.
        """
        fake = self.server.fake
        self._body_deadline = time.monotonic() + fake.socket_timeout
        try:
            if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                return self._read_chunked(fake.max_body_bytes)
            lengths = self.headers.get_all("Content-Length") or []
            if not lengths:
                return b""
            value = lengths[0].strip()
            # ASCII digits only: "²" passes str.isdigit(), and int() then refuses it.
            if len({v.strip() for v in lengths}) != 1 or not _DIGITS.fullmatch(value):
                return self._refuse(400, f"invalid Content-Length: {', '.join(lengths)!r}")
            length = int(value)
            if length > fake.max_body_bytes:
                message = f"request body too large: {length} bytes, the limit is {fake.max_body_bytes}"
                return self._refuse(400, message, size=length)
            body = self._read_exactly(length)
            if len(body) != length:
                self.close_connection = True  # the client went away mid-body
                return None
            return body
        except OSError:  # the deadline passed (TimeoutError), or the client went away
            self.close_connection = True
            return None
        finally:
            with contextlib.suppress(OSError):
                self.connection.settimeout(fake.socket_timeout)

    def _refuse(self, status: int, message: str, *, body: bytes = b"", size: int = 0) -> Optional[bytes]:
        """Answer ``status`` with ``message``, record the request, close the connection; returns None."""
        self._unread_body = True
        path, _, query = self.path.partition("?")
        headers = Headers(list(self.headers.items()))
        kept = body[:REFUSED_BODY_PREFIX_BYTES]
        self.server.fake._record(RecordedRequest(self.command, path, query, headers, kept, body_size=size))
        self._reply(text(status, message), close=True)
        return None

    def _time_left(self) -> None:
        """Give the next read of the socket only the time left for the body; past it, `TimeoutError`."""
        left = self._body_deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request body did not arrive in time")
        self.connection.settimeout(left)

    def _read_exactly(self, size: int) -> bytes:
        """Up to ``size`` bytes (fewer at end of stream), each read of the socket within the deadline."""
        parts: List[bytes] = []
        got = 0
        while got < size:
            self._time_left()
            part = self.rfile.read1(min(size - got, 65536))  # one read of the socket at most
            if not part:
                break
            parts.append(part)
            got += len(part)
        return b"".join(parts)

    def _readline(self, limit: int) -> bytes:
        """A line of at most ``limit`` bytes, each read of the socket within the deadline."""
        line = b""
        while len(line) < limit and not line.endswith(b"\n"):
            self._time_left()
            byte = self.rfile.read1(1)  # from the buffer, or one read of the socket
            if not byte:
                break
            line += byte
        return line

    def _read_chunked(self, limit: int) -> Optional[bytes]:
        chunks: List[bytes] = []
        total = 0

        def refuse(message: str) -> Optional[bytes]:
            return self._refuse(400, message, body=b"".join(chunks), size=total)

        while True:
            size_field = self._readline(1024).split(b";", 1)[0].strip()
            if not _HEX.fullmatch(size_field):
                return refuse("invalid chunked request body")
            size = int(size_field, 16)
            total += size
            if total > limit:
                return refuse(f"request body too large: the limit is {limit} bytes")
            if size == 0:
                for _ in range(_MAX_TRAILER_LINES):
                    if self._readline(1024) in (b"\r\n", b"\n", b""):
                        return b"".join(chunks)  # trailers are ignored
                return refuse(f"more than {_MAX_TRAILER_LINES} trailer lines after the chunked body")
            chunk = self._read_exactly(size)
            if len(chunk) != size:
                self.close_connection = True  # the client went away mid-chunk
                return None
            chunks.append(chunk)
            if self._readline(2) not in (b"\r\n", b"\n"):
                return refuse("invalid chunked request body")

    def _dispatch(self) -> None:
        fake = self.server.fake
        body = self._read_body()
        if body is None:
            return
        path, _, query = self.path.partition("?")
        headers = Headers(list(self.headers.items()))
        reply = fake._exchange(self.command, path, query, headers, body, fake._stopping.wait)
        if reply is None:  # a dropped connection
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._reply(reply)


class FakePiecesOS:
    """A local Pieces OS on ``127.0.0.1`` (or ``::1``) for tests, demos and trying the SDK without Pieces OS.

    A real HTTP server in a background thread that implements the six Allocations endpoints of
    ``openapi.yaml`` with state: ``connect`` allocates the user's cloud (or connects it again after a
    disconnect), ``reconnect`` brings it to RUNNING, ``disconnect`` marks it DISCONNECTED, the snapshot
    lists what exists (every rule: "The state rules" in ``docs/testing.md``). ``create`` and
    ``delete`` answer 500 "unimplemented locally", as a local Pieces OS does, unless ``cloud=True``.
    ``GET``/``HEAD /.well-known/health`` answers 200 ``ok``, ``/.well-known/version`` the ``version``
    given (settable), ``/.well-known/installation/path`` a made-up path. Use it as a context manager::

        from pieces_os_client.testing import FakePiecesOS

        with FakePiecesOS() as fake:
            configuration = fake.configuration()   # a Configuration whose host is fake.url
            ...
            assert fake.requests[-1].path == "/allocations/connect"

    Args:
        host: address to bind; ``127.0.0.1`` by default, ``"::1"`` for IPv6 loopback.
        port: port to bind; 0 (the default) picks a free one, see `url`.
        cloud: serve ``create`` and ``delete`` as a Pieces cloud does instead of answering 500.
        connect_status: the status a newly connected cloud reports, ``"RUNNING"`` or ``"PENDING"``.
        max_body_bytes: largest request body read; a larger one is answered with 400.
        socket_timeout: seconds a connection may stay idle or stall mid-request before it is closed.
        max_recorded_requests: how many requests `requests` keeps (the latest); older ones are
            forgotten, so a long run or a load test does not grow the fake without bound.
        clock: returns the aware date-time written to ``updated``; the current UTC time by default
            (pass a fixed one for byte-identical answers).
        version: what ``GET /.well-known/version`` answers (``"11.0.4"`` by default); settable later as
            ``fake.version``, to test code that checks the Pieces OS version (``"debug"`` for a
            development build, ``"12.0.0-beta.1"`` for a pre-release).
        in_process: serve without any socket: `url` is then a name only the in-process transport
            reaches (``http://fake-pieces-os-<n>.invalid``), and `configuration` selects that
            transport. For suites that may not open ports; see ``docs/testing.md``.
    """

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        cloud: bool = False,
        connect_status: str = "RUNNING",
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        socket_timeout: float = DEFAULT_SOCKET_TIMEOUT,
        clock: Optional[Callable[[], datetime]] = None,
        max_recorded_requests: int = DEFAULT_MAX_RECORDED_REQUESTS,
        in_process: bool = False,
        version: str = DEFAULT_VERSION,
    ) -> None:
        if isinstance(max_recorded_requests, bool) or not isinstance(max_recorded_requests, int):
            raise TypeError(
                f"max_recorded_requests must be an int, not {type(max_recorded_requests).__name__}"
            )
        if max_recorded_requests < 0:
            raise ValueError(f"max_recorded_requests must be 0 or more, not {max_recorded_requests}")
        self.state = AllocationsState(cloud=cloud, connect_status=connect_status, clock=clock)
        self._initial_cloud = cloud
        self._initial_version = self.version = _check_version(version)
        self.host = host
        self.max_body_bytes = max_body_bytes
        self.socket_timeout = socket_timeout
        self._requested_port = port
        self._lock = threading.Lock()
        self._requests: Deque[RecordedRequest] = deque(maxlen=max_recorded_requests)
        self.allow_unused_faults = False
        """Set to True to let the ``pieces_os`` fixture end a test with faults that were never used."""
        self._faults: Dict[str, List[_Fault]] = {}
        self._stopping = threading.Event()
        self._server: Optional[_Server] = None
        self._thread: Optional[threading.Thread] = None
        self._in_process_origin: Optional[str] = None
        self._attached = False
        if in_process:
            from pieces_os_client.testing import _in_process

            self._in_process_origin = _in_process.new_origin()

    @property
    def is_in_process(self) -> bool:
        """True for a fake served without sockets (``FakePiecesOS(in_process=True)``)."""
        return self._in_process_origin is not None

    # -- lifecycle ---------------------------------------------------------------------------------

    def start(self) -> FakePiecesOS:
        """Bind and start serving in a daemon thread; returns ``self``. Starting twice is an error."""
        if self.running:
            raise RuntimeError("this FakePiecesOS is already running")
        self._stopping.clear()
        if self._in_process_origin is not None:
            from pieces_os_client.testing import _in_process

            _in_process.attach(self._in_process_origin, self)
            self._attached = True
            return self
        self._server = _Server((self.host, self._requested_port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakePiecesOS:{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every open connection and release the port. Safe to call twice."""
        if self._attached:
            from pieces_os_client.testing import _in_process

            self._stopping.set()  # wakes stalled requests
            assert self._in_process_origin is not None
            _in_process.detach(self._in_process_origin, self)
            self._attached = False
            return
        server, thread = self._server, self._thread
        if server is None:
            return
        self._stopping.set()  # wakes stalled requests
        server.shutdown()
        with server.conn_lock:
            connections = list(server.connections)
            threads = list(server.handler_threads)
        for conn in connections:
            with contextlib.suppress(OSError):
                conn.shutdown(socket.SHUT_RDWR)
        server.server_close()
        deadline = time.monotonic() + _STOP_JOIN_SECONDS
        for worker in threads:
            worker.join(max(0.0, deadline - time.monotonic()))
        if thread is not None:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._server = self._thread = None

    def __enter__(self) -> FakePiecesOS:
        return self.start()

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._server is not None or self._attached

    @property
    def port(self) -> int:
        """The port the fake listens on (known once started)."""
        if self._in_process_origin is not None:
            raise RuntimeError(
                "an in-process FakePiecesOS listens on no port: give your code fake.url together with "
                "fake.configuration() (or transport=pieces_os_client.testing.IN_PROCESS_TRANSPORT)"
            )
        if self._server is None:
            raise RuntimeError("the FakePiecesOS is not running: call start() or use it in a with block")
        return self._server.server_port

    @property
    def url(self) -> str:
        """The base URL to give the SDK, e.g. ``http://127.0.0.1:49152``.

        In process, a name no socket reaches, e.g. ``http://fake-pieces-os-1.invalid``: only a client
        built with the in-process transport (see `configuration`) gets an answer from it.
        """
        if self._in_process_origin is not None:
            return self._in_process_origin
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    def configuration(self, **overrides: Any) -> Configuration:
        """A `Configuration` for this fake; keyword arguments are passed on to `Configuration`.

        For an in-process fake it selects the in-process transport (`IN_PROCESS_TRANSPORT`).
        """
        from pieces_os_client.configuration import Configuration

        if self._in_process_origin is not None:
            from pieces_os_client.testing._in_process import IN_PROCESS_TRANSPORT

            chosen = overrides.setdefault("transport", IN_PROCESS_TRANSPORT)
            if chosen is not IN_PROCESS_TRANSPORT:
                raise ValueError(
                    "an in-process FakePiecesOS is reached only through IN_PROCESS_TRANSPORT, not "
                    f"{chosen!r}; leave transport out, or use FakePiecesOS() for a real socket"
                )
        overrides.setdefault("host", self.url)
        return Configuration(**overrides)

    # -- modes and state ---------------------------------------------------------------------------

    @property
    def cloud(self) -> bool:
        """Whether ``create`` and ``delete`` are served (as by a Pieces cloud); settable."""
        return self.state.cloud

    @cloud.setter
    def cloud(self, value: bool) -> None:
        self.state.cloud = value

    @property
    def allocations(self) -> List[AllocationCloud]:
        """A copy of the allocations the fake holds, oldest first."""
        return self.state.allocations()

    def add_allocation(self, allocation: Union[AllocationCloud, UserProfile, None] = None) -> AllocationCloud:
        """Put an allocation in place before a test, as if the user had connected earlier.

        Pass an `AllocationCloud` to store it as is, a `UserProfile` to allocate that user's cloud, or
        nothing for the fake's signed-in user. Returns what the fake now holds.
        """
        from pieces_os_client.models.allocation_cloud import AllocationCloud

        if isinstance(allocation, AllocationCloud):
            stored = allocation
        else:
            stored = self.state.new_cloud(allocation or self.state.default_profile())
        self.state.put(stored)
        return stored.model_copy(deep=True)

    def reset(self) -> None:
        """Back to the state of a fresh fake: no allocations, no recorded requests, no faults.

        Cloud mode and ``version`` return to what the constructor was given, and ``allow_unused_faults``
        to False. For
        a fake shared by many tests (the ``pieces_os_session`` fixture); a running fake keeps running.
        """
        self.state.clear()
        self.state.cloud = self._initial_cloud
        self.version = self._initial_version
        self.allow_unused_faults = False
        self.reset_faults()
        self.clear_requests()

    @property
    def version(self) -> str:
        """What ``GET /.well-known/version`` answers; settable (``fake.version = "debug"``)."""
        return self._version

    @version.setter
    def version(self, value: str) -> None:
        self._version = _check_version(value)

    installation_path = FAKE_INSTALLATION_PATH
    """What ``GET /.well-known/installation/path`` answers."""

    signed_in_user_id = DEFAULT_USER_ID
    """The user a ``connect`` without a body connects: the account the fake is signed in with."""

    # -- request record ----------------------------------------------------------------------------

    @property
    def requests(self) -> List[RecordedRequest]:
        """The requests received so far, in arrival order (a copy; safe to use from any thread).

        The latest ``max_recorded_requests`` (1000 by default); a body the fake refused is kept as its
        first 4 KiB, with its full length in `RecordedRequest.body_size`.
        """
        with self._lock:
            return list(self._requests)

    def clear_requests(self) -> None:
        with self._lock:
            self._requests.clear()

    def _record(self, request: RecordedRequest) -> None:
        with self._lock:
            self._requests.append(request)

    # -- fault injection ---------------------------------------------------------------------------

    def respond_next(
        self,
        path: str,
        *,
        status: int = 200,
        body: Union[bytes, str] = b"",
        content_type: str = TEXT,
        headers: Optional[Mapping[str, str]] = None,
        times: int = 1,
        method: Optional[str] = None,
    ) -> None:
        """Answer the next ``times`` requests to ``path`` with exactly this response.

        For responses the real server would never send: a malformed body, a wrong content type.
        Faults queue per path and are used in the order they were added. ``method`` limits the fault
        to one HTTP method.
        """
        if not 100 <= status <= 599:
            raise ValueError(f"status must be between 100 and 599, not {status}")
        raw = body.encode("utf-8") if isinstance(body, str) else bytes(body)
        reply = Reply(status, raw, content_type, dict(headers or {}))
        self._add_fault(path, _Fault("respond", method, times, reply=reply))

    def fail_next(
        self,
        path: str,
        *,
        times: int = 1,
        status: int = 500,
        retry_after: Union[str, int, float, None] = None,
        body: Optional[str] = None,
        method: Optional[str] = None,
    ) -> None:
        """Make the next ``times`` requests to ``path`` fail with ``status`` (text/plain).

        ``retry_after`` is sent as the ``Retry-After`` header (seconds or an HTTP date, or any string
        to test how a client copes). Example: ``fake.fail_next("/allocations", times=2, status=503)``.
        """
        headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
        message = body if body is not None else f"injected failure: HTTP {status}"
        self.respond_next(path, status=status, body=message, headers=headers, times=times, method=method)

    def stall_next(self, path: str, seconds: float, *, times: int = 1, method: Optional[str] = None) -> None:
        """Hold the next ``times`` requests to ``path`` for ``seconds`` before answering them normally.

        A client with a shorter read timeout sees a timeout; `stop` ends every stall at once.
        """
        if seconds < 0:
            raise ValueError("seconds must not be negative")
        self._add_fault(path, _Fault("stall", method, times, seconds=seconds))

    def drop_next(self, path: str, *, times: int = 1, method: Optional[str] = None) -> None:
        """Close the connection without answering the next ``times`` requests to ``path``."""
        self._add_fault(path, _Fault("drop", method, times))

    def reset_faults(self) -> None:
        """Forget every fault not yet used."""
        with self._lock:
            self._faults.clear()

    def pending_faults(self) -> List[str]:
        """The faults queued but not used yet, e.g. ``["respond 503 to GET /allocations (2 left)"]``."""
        with self._lock:
            return [
                f"{fault.kind}"
                + (f" {fault.reply.status}" if fault.reply is not None else "")
                + f" to {fault.method or 'any method'} {path} ({fault.remaining} left)"
                for path, queue in self._faults.items()
                for fault in queue
            ]

    def _add_fault(self, path: str, fault: _Fault) -> None:
        if not isinstance(path, str):
            raise TypeError(f"path must be a str such as '/allocations', not {type(path).__name__}")
        if path not in ROUTES:
            served = ", ".join(sorted(ROUTES))
            raise ValueError(
                f"the fake never serves {path!r}, so a fault there would never fire; use one of: {served}"
            )
        if fault.remaining < 1:
            raise ValueError("times must be at least 1")
        if fault.method is not None:
            fault.method = fault.method.upper()
        with self._lock:
            self._faults.setdefault(path, []).append(fault)

    def _take_fault(self, method: str, path: str) -> Optional[_Fault]:
        with self._lock:
            queue = self._faults.get(path)
            if not queue:
                return None
            for fault in queue:
                if fault.method is None or fault.method == method:
                    fault.remaining -= 1
                    if fault.remaining == 0:
                        queue.remove(fault)
                    return fault
            return None

    # -- answering -----------------------------------------------------------------------------------

    def _exchange(
        self,
        method: str,
        path: str,
        query: str,
        headers: Headers,
        body: bytes,
        stall: Callable[[float], object],
    ) -> Optional[Reply]:
        """Record one request and answer it, faults applied; ``None`` means drop the connection.

        The part of the fake that knows no transport: the socket server and the in-process transport
        both call it. ``stall(seconds)`` holds a stalled request (and may raise to give up on it).
        """
        received_at = time.monotonic()

        def record(reply: Optional[Reply]) -> None:
            kept = body
            if reply is not None and 400 <= reply.status < 500:
                kept = body[:REFUSED_BODY_PREFIX_BYTES]  # a refused body is not kept whole
            self._record(RecordedRequest(method, path, query, headers, kept, received_at, len(body)))

        fault = self._take_fault(method, path)
        if fault is not None:
            record(None)  # recorded before the fault acts, so a stalled request is seen at once
            if fault.kind == "drop":
                return None
            if fault.kind == "stall":
                stall(fault.seconds)
            elif fault.reply is not None:
                return fault.reply
        reply = self._answer(method, path, body)
        if fault is None:
            record(reply)
        return reply

    def _answer(self, method: str, path: str, body: bytes) -> Reply:
        allowed = ROUTES.get(path)
        if allowed is None:
            return text(404, f"no such endpoint: {path}")
        if method not in allowed and not (method == "HEAD" and "GET" in allowed):
            return text(405, f"{method} is not allowed on {path}", {"Allow": ", ".join(allowed)})
        if path == "/.well-known/health":
            return text(200, "ok")
        if path == "/.well-known/version":
            return text(200, self.version)
        if path == "/.well-known/installation/path":
            return text(200, self.installation_path)
        try:
            return self.state.handle("GET" if method == "HEAD" else method, path, body)
        except Exception as exc:  # a bug in the fake: say so instead of dropping the connection
            logger.exception("fake Pieces OS failed on %s %s", method, path)
            return text(500, f"fake Pieces OS internal error: {type(exc).__name__}: {exc}")

    def __repr__(self) -> str:
        where = self.url if self.running else "stopped"
        mode = ", in_process=True" if self.is_in_process else ""
        return f"FakePiecesOS({where}, cloud={self.cloud}{mode})"


def _check_version(value: object) -> str:
    """A version the fake can answer: a non-empty string of printable ASCII without spaces."""
    if not isinstance(value, str):
        raise TypeError(f"version must be a str such as '11.0.4' or 'debug', not {type(value).__name__}")
    if not value or not all("!" <= ch <= "~" for ch in value):
        raise ValueError(f"version must be printable ASCII without spaces, such as '11.0.4', not {value!r}")
    return value
