"""The in-process transport: the SDK talks to a `FakePiecesOS(in_process=True)` without any socket.

`IN_PROCESS_TRANSPORT` is the one transport object that reaches every in-process fake
(``Configuration(transport=IN_PROCESS_TRANSPORT)``, which ``fake.configuration()`` returns); it hands
each request to the fake that owns the URL's origin (``http://fake-pieces-os-<n>.invalid``, a name
that never resolves), through the same recording, fault and answering code the socket server uses.
`AsyncApiClient` takes it too (each attempt runs in a worker thread). What a socket would add is
reproduced where a client can tell the difference:

- ``drop_next``: `ApiConnectionError` (``request_sent=True``), as when a server closes without answering;
- ``stall_next``: the call waits, for the stall or for the read timeout, whichever is shorter; a stall
  longer than the read timeout raises `ApiTimeoutError` and the request is never answered (a stopped
  fake ends the wait at once, with `ApiConnectionError`);
- a request body larger than the fake's ``max_body_bytes``: 400, not recorded;
- a response body larger than ``Configuration.max_response_bytes``: `ResponseTooLargeError` (checked
  above the transport, as for every transport).

TLS, proxies, pools and connection-level faults of a real network do not exist here: test those
against the socket server.
"""

from __future__ import annotations

import email.utils
import http
import itertools
import threading
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

from pieces_os_client._transport._errors import Kind, TransportFailure
from pieces_os_client._transport._seam import BytesResponse, TransportRequest
from pieces_os_client.exceptions import ApiConnectionError
from pieces_os_client.testing._server import Headers, _Handler
from pieces_os_client.testing._state import text

if TYPE_CHECKING:
    from pieces_os_client.testing._server import FakePiecesOS

__all__ = ["IN_PROCESS_TRANSPORT", "InProcessTransport"]

# Methods whose requests carry a Content-Length even without a body (RFC 9110, 8.6).
_METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})

_lock = threading.Lock()
_numbers = itertools.count(1)
# Origin (scheme://host) -> the running in-process fake that answers it.
_running: Dict[str, FakePiecesOS] = {}


def new_origin() -> str:
    """A fresh origin for one in-process fake."""
    with _lock:
        return f"http://fake-pieces-os-{next(_numbers)}.invalid"


def attach(origin: str, fake: FakePiecesOS) -> None:
    """Route requests for ``origin`` to ``fake`` (it has started)."""
    with _lock:
        _running[origin] = fake


def detach(origin: str, fake: FakePiecesOS) -> None:
    """Stop routing ``origin`` (its fake has stopped)."""
    with _lock:
        if _running.get(origin) is fake:
            del _running[origin]


def _find(origin: str) -> Optional[FakePiecesOS]:
    with _lock:
        return _running.get(origin)


class InProcessTransport:
    """A `Transport` whose requests are answered by in-process fakes, in the calling thread.

    It holds no state of its own: `IN_PROCESS_TRANSPORT` serves every client and every fake.
    """

    def handle_request(self, request: TransportRequest) -> BytesResponse:
        method, url, headers, body, timeout, _ = request
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        fake = _find(origin)
        if fake is None:
            raise ApiConnectionError(
                f"no in-process FakePiecesOS is running at {origin}: start it (or use it in a with block) "
                "before the call; IN_PROCESS_TRANSPORT reaches only FakePiecesOS(in_process=True), a real "
                "Pieces OS needs the default 'urllib3' transport",
                method=method,
                url=url,
                request_sent=False,
            )
        payload = body if body is not None else b""
        # The headers an HTTP/1.1 client adds to the SDK's (as urllib3 and http.client do).
        received: List[Tuple[str, str]] = [("Host", parts.netloc), *headers.items()]
        names = {name.lower() for name in headers}
        if "accept-encoding" not in names:
            received.append(("Accept-Encoding", "identity"))
        if "content-length" not in names and (body is not None or method in _METHODS_WITH_BODY):
            received.append(("Content-Length", str(len(payload))))
        if len(payload) > fake.max_body_bytes:  # what the socket server answers, unrecorded
            reply = text(
                400, f"request body too large: {len(payload)} bytes, the limit is {fake.max_body_bytes}"
            )
            close = True
        else:

            def stall(seconds: float) -> None:
                if fake._stopping.wait(min(seconds, timeout[1])):
                    raise ApiConnectionError(
                        f"{origin} was stopped while the request was stalled; the connection closed",
                        method=method,
                        url=url,
                    )
                if seconds > timeout[1]:
                    raise TransportFailure(Kind.READ_TIMEOUT)

            answered = fake._exchange(
                method, parts.path or "/", parts.query, Headers(received), payload, stall
            )
            if answered is None:
                raise TransportFailure(Kind.NO_RESPONSE)
            reply, close = answered, False
        response_headers = Headers(
            [
                ("Server", _Handler.server_version),
                ("Date", email.utils.formatdate(usegmt=True)),
                ("Content-Type", reply.content_type),
                ("Content-Length", str(len(reply.body))),
                *reply.headers.items(),
                *([("Connection", "close")] if close else []),
            ]
        )
        data = b"" if method == "HEAD" else reply.body
        try:
            reason = http.HTTPStatus(reply.status).phrase
        except ValueError:
            reason = ""

        return BytesResponse(reply.status, reason, response_headers, data, length=len(data))

    def close(self) -> None:
        """Nothing to close: no connection is ever opened."""

    def reset_after_fork(self) -> None:
        """Nothing to reset: no connection is ever opened."""


IN_PROCESS_TRANSPORT = InProcessTransport()
"""The ``Configuration.transport`` that reaches in-process fakes (``FakePiecesOS(in_process=True)``)."""
