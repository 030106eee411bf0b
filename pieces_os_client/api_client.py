"""`ApiClient`: the one engine behind every API class: it sends, retries, maps errors and decodes.

API classes only describe an operation (`Operation`); `ApiClient.invoke` checks the body, builds the
request, sends it through the configured transport, retries what is safe to retry, turns error statuses
into `ApiException` subclasses and decodes the body straight from bytes into the declared model::

    configuration = pieces_os_client.Configuration(host="http://localhost:39300")
    with pieces_os_client.ApiClient(configuration) as api_client:
        api = pieces_os_client.AllocationsApi(api_client)
        snapshot = api.allocations_snapshot()

One client is safe to share between threads; it keeps its connections alive between calls. A
process forked from one that used a client (multiprocessing, a pre-forking server) opens connections
of its own on its first call: a child never shares a connection with its parent.

``ApiClient(configuration, transport=...)`` sends through a transport of your own (see
`pieces_os_client.transport`); the client closes only a transport it built itself.
"""

from __future__ import annotations

import contextlib
import os
import random as _random
import threading
import weakref
from types import TracebackType
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Mapping, Optional, Tuple, Type

from pieces_os_client._client_core import ClientCore
from pieces_os_client._core import Attempts, cause_of_its_own, deadline_error
from pieces_os_client._model import PiecesModel
from pieces_os_client._operation import Operation, RequestTimeout
from pieces_os_client._redact import redact_url
from pieces_os_client._transport._build import build_transport
from pieces_os_client._transport._deadline import Deadline
from pieces_os_client._transport._exchange import Checkouts, exchange
from pieces_os_client._transport._seam import Transport, TransportRequest
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import ClientClosedError, TransportError
from pieces_os_client.rest import RESTResponse
from pieces_os_client.retry import RetryPolicy, parse_retry_after  # noqa: F401  (re-exported)


class ApiClient(ClientCore):
    """Sends requests for the API classes; a context manager that owns one connection pool.

    ``header_name``/``header_value`` add one default header and ``cookie`` a Cookie header
    (the upstream constructor). ``transport`` sends through a transport of your own instead of the one
    ``Configuration.transport`` names (it stays yours to close). ``sleep`` replaces the wait between
    attempts and ``random`` the backoff jitter's `random.random` (``sleep=delays.append, random=lambda:
    0.0`` makes retries instant and exact in tests). Close the client (or use ``with``) to close its
    connections; a close from another thread also ends a wait between attempts at once.
    """

    _default: ClassVar[Optional[ApiClient]] = None
    _default_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
        *,
        transport: Optional[Transport] = None,
        sleep: Optional[Callable[[float], None]] = None,
        random: Optional[Callable[[], float]] = None,
    ) -> None:
        super().__init__(configuration, header_name, header_value, cookie)
        # Set by close(): a wait between attempts ends at once, and no further attempt starts.
        self._closing = threading.Event()
        # How this client waits between attempts and draws the backoff jitter (a number in [0, 1)).
        self._sleep: Callable[[float], Any] = self._closing.wait if sleep is None else sleep
        self._random: Callable[[], float] = _random.random if random is None else random
        self._transport, self._owns_transport = build_transport(self.configuration, transport)
        self._checkouts = Checkouts()
        self._closed = False
        _live_clients.add(self)
        # A transport that cannot be weakly referenced is not reset after a fork.
        with contextlib.suppress(TypeError):
            _live_transports.add(self._transport)

    # --- lifecycle ----------------------------------------------------------------------------------

    def __enter__(self) -> ApiClient:
        if self._closed:
            raise _closed_error()
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close every pooled connection; the client refuses calls after this. Closing again does nothing.

        Calls still running in other threads end at their next step (a wait between attempts ends at
        once) with `ClientClosedError`; a transport passed in is left open: it belongs to the caller.
        """
        if self._closed:
            return
        self._closed = True
        self._closing.set()
        if self._owns_transport:
            self._transport.close()

    @property
    def closed(self) -> bool:
        """True once `close` has been called (or the ``with`` block has ended)."""
        return self._closed

    def _reset_after_fork(self) -> None:
        """In a forked child: the parent's calls and connections are not this process's."""
        self._checkouts.reset()
        self._closing = threading.Event()
        if self._closed:
            self._closing.set()

    @classmethod
    def get_default(cls) -> ApiClient:
        """The process-wide default client (built from `Configuration.get_default` on first use)."""
        with cls._default_lock:
            if cls._default is None:
                cls._default = cls()
            return cls._default

    @classmethod
    def set_default(cls, default: Optional[ApiClient]) -> None:
        """Replace the process-wide default client."""
        with cls._default_lock:
            cls._default = default

    def connections_in_use(self) -> int:
        """Connections this client holds right now: attempts in flight and streamed responses not yet
        read or closed (0 when idle). Counted by the client, whatever the transport."""
        return self._checkouts.count

    @property
    def transport(self) -> Transport:
        """The transport this client sends through."""
        return self._transport

    def __repr__(self) -> str:
        transport = self.configuration.transport
        shown = transport if isinstance(transport, str) else type(self._transport).__name__
        return f"ApiClient(host={self.configuration.host!r}, transport={shown!r})"

    # --- calls --------------------------------------------------------------------------------------

    def invoke(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        *,
        request_timeout: RequestTimeout = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        total_timeout: Optional[float] = None,
    ) -> ApiResponse[Any]:
        """Send ``operation`` and return the decoded response; raise on an error status.

        ``request_timeout`` is seconds for each of connect and read, or a (connect, read) pair;
        ``headers`` are added to (and override) the default headers; ``retries`` overrides
        ``Configuration.retries`` and ``total_timeout`` ``Configuration.total_timeout`` for this call.
        """
        response, attempts = self._send(
            operation, body, request_timeout, headers, retries, total_timeout, preload=True
        )
        status = response.status
        raw = response.data if response.data is not None else b""
        if 200 <= status <= 299:
            data = self._decode(operation, response, raw)
            return ApiResponse(status, response.headers, data, raw)
        raise self._status_error(operation, response, raw, attempts)

    def invoke_raw(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        *,
        request_timeout: RequestTimeout = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        total_timeout: Optional[float] = None,
    ) -> RESTResponse:
        """Send ``operation`` and return the response unread, whatever its status.

        Retries apply as for `invoke`. The caller reads the body with ``read()`` or closes the
        response; either gives its connection back to the pool. The total deadline covers the call
        up to the response headers; ``read()`` gets the same number of seconds again, counted from
        when it is called.
        """
        seconds = self._resolve_total_timeout(total_timeout)
        response, _ = self._send(operation, body, request_timeout, headers, retries, seconds, preload=False)
        reader, discard = response._reader, response._discard
        if reader is not None and discard is not None:
            response._reader = self._read_within(reader, discard, seconds, operation.method, response.url)
        return response

    # --- the policy ---------------------------------------------------------------------------------

    def _send(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        request_timeout: RequestTimeout,
        headers: Optional[Mapping[str, str]],
        retries: Optional[int],
        total_timeout: Optional[float],
        *,
        preload: bool,
    ) -> Tuple[RESTResponse, int]:
        """The retry loop of one call: `Attempts` decides, `exchange` does one attempt's I/O."""
        if self._closed:
            raise _closed_error()
        call = self._prepare(operation, body, request_timeout, headers, retries, total_timeout)
        config = self.configuration
        method = operation.method
        url = config.host + operation.path
        limit = config.max_response_bytes
        transport, checkouts = self._transport, self._checkouts
        with Deadline(call.total_timeout) as deadline:
            state = Attempts(call.policy, method, url, call.timeout, deadline)
            while True:
                request = TransportRequest(
                    method, url, call.headers, call.payload, state.start(), not preload
                )
                try:
                    response = exchange(transport, request, limit, checkouts)
                except TransportError as exc:
                    delay = state.failed(exc, self._random)
                else:
                    if deadline.expired:  # the socket was shut down under the headers: they may be cut short
                        response.release_conn()
                        state.sent = True
                        raise state.deadline_error(None)
                    retry_in = state.answered(response.status, response.headers, self._random)
                    if retry_in is None:
                        return response, state.attempt  # the caller sees the real status
                    delay = retry_in
                    try:
                        response.read()  # bounded; frees the connection of a streamed response
                    except TransportError as exc:
                        raise state.read_failed(exc) from exc
                self._sleep(delay)
                if self._closed:  # closed while this call waited: no attempt after close()
                    raise _closed_in_flight_error(method, url)

    def _read_within(
        self,
        reader: Callable[[], bytes],
        discard: Callable[[], None],
        seconds: float,
        method: str,
        url: str,
    ) -> Callable[[], bytes]:
        """``reader`` bounded by a total deadline of ``seconds`` counted from when it is called; once
        this client is closed, a body not yet read is gone (`ClientClosedError`, its connection closed)."""

        def read() -> bytes:
            if self._closed:
                discard()
                raise _closed_in_flight_error(method, url, reading=True)
            with Deadline(seconds) as deadline:
                try:
                    return reader()
                except TransportError as exc:
                    if deadline.passed():
                        last = cause_of_its_own(exc, deadline)
                        raise deadline_error(deadline.seconds, method, url, 1, True, last) from exc
                    raise

        return read


def _closed_error() -> ClientClosedError:
    return ClientClosedError(
        "this ApiClient was closed; create a new one, or use it only inside its `with` block"
    )


def _closed_in_flight_error(method: str, url: str, *, reading: bool = False) -> ClientClosedError:
    if reading:
        return ClientClosedError(
            f"the ApiClient of this response to {method} {redact_url(url)} was closed before its body was "
            "read, so the body is gone; read() the response before closing its client"
        )
    return ClientClosedError(
        f"this ApiClient was closed while {method} {redact_url(url)} was in flight, so the call was ended "
        "before its next attempt; the request may have reached Pieces OS. Close the client after its calls "
        "have finished"
    )


# Every open client and every transport in use, so that a forked child can drop what it shares with
# its parent.
_live_clients: weakref.WeakSet[ApiClient] = weakref.WeakSet()
_live_transports: weakref.WeakSet[Any] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    # Only the forking thread survives a fork: a lock another thread held would never be released.
    ApiClient._default_lock = threading.Lock()
    for client in list(_live_clients):
        client._reset_after_fork()
    for transport in list(_live_transports):
        reset = getattr(transport, "reset_after_fork", None)
        if reset is not None:
            reset()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_after_fork_in_child)


if TYPE_CHECKING:
    from pieces_os_client.async_api_client import AsyncApiClient as AsyncApiClient
else:

    def __getattr__(name: str) -> Any:
        # AsyncApiClient is importable from here too; its module is loaded only when asked for.
        if name == "AsyncApiClient":
            from pieces_os_client.async_api_client import AsyncApiClient

            return AsyncApiClient
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
