"""Proxies on 127.0.0.1 for the ecosystem tests: an HTTP forwarding proxy and a SOCKS5 server, raw sockets.

`HttpProxy` reads each request with the fault suite's `RawServer`, checks ``Proxy-Authorization``
against the credentials it was given (407 when they are missing or wrong), and forwards a request for
an ``http://`` URL to its origin, which must be on loopback, relaying the answer. A ``CONNECT`` (an
``https://`` target) is answered 407 or 501: no tunnel is needed here.

`Socks5Server` speaks RFC 1928 (the CONNECT command; IPv4 and domain-name addresses) and RFC 1929
(user/password), records what each client asked for and relays bytes to a loopback target. Every wait
is bounded, and `stop` ends every connection.
"""

from __future__ import annotations

import base64
import contextlib
import ipaddress
import socket
import struct
import threading
from dataclasses import dataclass
from typing import List, Optional
from urllib.parse import urlsplit

from tests._server import Conn, RawServer, Request, response_bytes, shut_down

__all__ = ["HttpProxy", "Socks5Server", "SocksRequest", "basic"]

# Longest any wait of these servers lasts, whatever happens.
WAIT = 5.0
# Hop-by-hop headers the proxy does not pass on to the origin.
_HOP = frozenset({"proxy-authorization", "proxy-connection", "connection", "keep-alive"})


def basic(user: str, password: str) -> str:
    """The ``Proxy-Authorization`` value for ``user`` and ``password``."""
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _on_loopback(host: str) -> bool:
    try:
        address = socket.getaddrinfo(host, None, socket.AF_INET)[0][4][0]
    except OSError:
        return False
    return ipaddress.ip_address(address).is_loopback


class HttpProxy:
    """A forwarding HTTP proxy; ``authorization`` is the ``Proxy-Authorization`` it insists on, if any."""

    def __init__(self, authorization: Optional[str] = None) -> None:
        self.authorization = authorization
        self._server = RawServer([self._handle])
        self.port = self._server.port

    @property
    def requests(self) -> List[Request]:
        """What the proxy was asked, in order (the target is the absolute URL for plain http)."""
        return self._server.requests

    def url(self, userinfo: str = "") -> str:
        """``http://[userinfo@]127.0.0.1:PORT``."""
        return f"http://{userinfo + '@' if userinfo else ''}127.0.0.1:{self.port}"

    def _handle(self, conn: Conn, request: Request) -> bool:
        if self.authorization is not None and request.header("Proxy-Authorization") != self.authorization:
            conn.send(
                response_bytes(
                    407,
                    b"proxy credentials needed",
                    content_type="text/plain",
                    headers=[("Proxy-Authenticate", 'Basic realm="loopback"')],
                )
            )
            return request.method != "CONNECT"
        if request.method == "CONNECT":
            conn.send(response_bytes(501, b"no tunnels here", content_type="text/plain", keep_alive=False))
            return False
        conn.send(self._forward(request))
        return True

    def _forward(self, request: Request) -> bytes:
        """The origin's answer to ``request`` (a 502 when it cannot be had)."""
        target = urlsplit(request.target)
        if target.scheme != "http" or not target.hostname or not _on_loopback(target.hostname):
            return response_bytes(502, b"only http:// targets on loopback", content_type="text/plain")
        lines = [
            f"{request.method} {target.path or '/'}{'?' + target.query if target.query else ''} HTTP/1.1"
        ]
        lines += [f"{k}: {v}" for k, v in request.headers if k.lower() not in _HOP]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        try:
            with socket.create_connection((target.hostname, target.port or 80), timeout=WAIT) as origin:
                origin.sendall(head + request.body)
                return _read_response(origin)
        except OSError:
            return response_bytes(502, b"the origin did not answer", content_type="text/plain")

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> HttpProxy:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _read_response(sock: socket.socket) -> bytes:
    """One response with a Content-Length (what the loopback servers send), head and body."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = sock.recv(65536)
        if not piece:
            raise OSError("the origin closed inside the head")
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(body) < length:
        piece = sock.recv(65536)
        if not piece:
            raise OSError("the origin closed inside the body")
        body += piece
    return head + b"\r\n\r\n" + body


@dataclass
class SocksRequest:
    """What a SOCKS client asked for: the address type (``ipv4`` or ``domain``), host and port."""

    address_type: str
    host: str
    port: int
    user: Optional[str]


class Socks5Server:
    """A SOCKS5 server on 127.0.0.1; with ``user`` and ``password`` it requires RFC 1929 authentication."""

    def __init__(self, user: Optional[str] = None, password: Optional[str] = None) -> None:
        self.credentials = None if user is None else (user, password or "")
        self.requests: List[SocksRequest] = []
        self.refused: List[str] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._socks: List[socket.socket] = []
        self._threads: List[threading.Thread] = []
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self._accepting = threading.Thread(target=self._accept_loop, name="socks5", daemon=True)
        self._accepting.start()

    def url(self, scheme: str = "socks5", userinfo: str = "") -> str:
        return f"{scheme}://{userinfo + '@' if userinfo else ''}127.0.0.1:{self.port}"

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._track(sock)
            thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _track(self, sock: socket.socket) -> None:
        with self._lock:
            self._socks.append(sock)

    def _serve(self, client: socket.socket) -> None:
        with contextlib.suppress(OSError, ValueError), client:
            client.settimeout(WAIT)
            request = self._negotiate(client)
            if request is None:
                return
            origin = socket.create_connection((request.host, request.port), timeout=WAIT)
            self._track(origin)
            with origin:
                bound = origin.getsockname()
                client.sendall(b"\x05\x00\x00\x01" + socket.inet_aton(bound[0]) + struct.pack("!H", bound[1]))
                self._relay(client, origin)

    def _negotiate(self, client: socket.socket) -> Optional[SocksRequest]:
        """The greeting, the authentication and the CONNECT request; None when the client is refused."""
        version, count = _exactly(client, 2)
        methods = _exactly(client, count)
        if version != 5:
            return None
        wanted = 0x02 if self.credentials is not None else 0x00
        if wanted not in methods:
            self.refused.append(f"no acceptable method in {list(methods)}")
            client.sendall(b"\x05\xff")
            return None
        client.sendall(bytes([5, wanted]))
        user: Optional[str] = None
        if self.credentials is not None:
            _exactly(client, 1)  # the subnegotiation's version, 1
            user = _exactly(client, _exactly(client, 1)[0]).decode("utf-8")
            password = _exactly(client, _exactly(client, 1)[0]).decode("utf-8")
            if (user, password) != self.credentials:
                self.refused.append(f"wrong credentials for {user!r}")
                client.sendall(b"\x01\x01")
                return None
            client.sendall(b"\x01\x00")
        _, command, _, address_type = _exactly(client, 4)
        if address_type == 1:
            kind, host = "ipv4", socket.inet_ntoa(_exactly(client, 4))
        elif address_type == 3:
            kind, host = "domain", _exactly(client, _exactly(client, 1)[0]).decode("idna")
        else:
            client.sendall(b"\x05\x08\x00\x01\x00\x00\x00\x00\x00\x00")  # address type not supported
            return None
        (port,) = struct.unpack("!H", _exactly(client, 2))
        request = SocksRequest(kind, host, port, user)
        self.requests.append(request)
        if command != 1 or not _on_loopback(host):
            client.sendall(b"\x05\x02\x00\x01\x00\x00\x00\x00\x00\x00")  # not allowed
            return None
        return request

    def _relay(self, client: socket.socket, origin: socket.socket) -> None:
        """Bytes both ways until either side closes (or the server stops)."""

        def pump(source: socket.socket, sink: socket.socket) -> None:
            with contextlib.suppress(OSError):
                while not self._stopping.is_set():
                    try:
                        data = source.recv(65536)
                    except TimeoutError:
                        continue
                    if not data:
                        break
                    sink.sendall(data)
            with contextlib.suppress(OSError):
                sink.shutdown(socket.SHUT_WR)

        client.settimeout(0.2)
        origin.settimeout(0.2)
        back = threading.Thread(target=pump, args=(origin, client), daemon=True)
        back.start()
        pump(client, origin)
        back.join(WAIT)

    def stop(self) -> None:
        self._stopping.set()
        shut_down(self._listener, self._lock, self._socks, self._accepting, self._threads, WAIT)

    def __enter__(self) -> Socks5Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _exactly(sock: socket.socket, count: int) -> bytes:
    """``count`` bytes from ``sock``; ValueError when it closes first."""
    data = b""
    while len(data) < count:
        piece = sock.recv(count - len(data))
        if not piece:
            raise ValueError("the client closed")
        data += piece
    return data
