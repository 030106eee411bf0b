"""`AsyncApiClient`: the asyncio twin of `ApiClient`, sending over aiohttp (``pieces-os-client[async]``).

It shares everything but the I/O with `ApiClient`: the request encoding, header and option checks, the
status-to-error mapping and the decoding (`ClientCore`), the retry state of a call (`Attempts`), and
the transport seam (`TransportRequest` in, a response out; the aiohttp transport is
`pieces_os_client._transport._aiohttp`) with the bounded body read and the error table above it::

    configuration = pieces_os_client.Configuration(host="http://localhost:39300")
    async with pieces_os_client.AsyncApiClient(configuration) as api_client:
        api = pieces_os_client.AsyncAllocationsApi(api_client)
        snapshot = await api.allocations_snapshot()

One client serves every task of one event loop; its aiohttp session (one connection pool of at most
``Configuration.connection_pool_maxsize`` connections) is created by the first call, inside the running
loop, and closed by ``await client.close()``. Cancelling a call closes the connection it was using: a
half-read connection never goes back to the pool. ``import pieces_os_client`` never imports aiohttp.
"""

from __future__ import annotations

import asyncio
import random as _random
import weakref
from types import TracebackType
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Mapping, Optional, Tuple, Type, Union

from pieces_os_client._async_deadline import Watch, Watchdog
from pieces_os_client._client_core import ClientCore
from pieces_os_client._core import Attempts, deadline_error
from pieces_os_client._model import PiecesModel
from pieces_os_client._operation import Operation, RequestTimeout
from pieces_os_client._redact import redact_url
from pieces_os_client._transport._aiohttp import INSTALL_HINT as INSTALL_HINT
from pieces_os_client._transport._build import build_async_transport
from pieces_os_client._transport._errors import TransportFailure
from pieces_os_client._transport._exchange import Checkouts, failure_error, read_body_async
from pieces_os_client._transport._seam import (
    AsyncTransport,
    AsyncTransportResponse,
    Transport,
    TransportRequest,
)
from pieces_os_client.api_response import ApiResponse
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import ClientClosedError, TransportError
from pieces_os_client.rest import RESTResponse, _Response

if TYPE_CHECKING:
    import aiohttp

__all__ = ["AsyncApiClient", "AsyncRESTResponse", "async_discover", "async_wait_until_ready"]


class AsyncRESTResponse(_Response):
    """A response whose body has not been read yet: ``await response.read()``, or ``async with``.

    ``status``, ``reason`` and ``headers`` are there at once. `read` returns the whole body (bounded by
    ``Configuration.max_response_bytes``) and gives the connection back to the pool; `close` drops the
    connection unread. ``async with`` closes it on the way out if it was not read.
    """

    __slots__ = ()

    def __init__(
        self,
        status: int,
        reason: str,
        headers: Mapping[str, str],
        reader: Callable[[], Awaitable[bytes]],
        discard: Callable[[], None],
        *,
        method: str,
        url: str,
    ) -> None:
        self.status = status
        self.reason = reason
        self.headers = headers
        self.method = method
        self.url = url
        self.data = None
        self._reader = reader
        self._discard = discard
        self._lost = False

    async def read(self) -> bytes:
        """The whole body; read on the first call, then kept on ``data``."""
        if self.data is None:
            reader = self._take_reader()
            if reader is None:
                self.data = b""
            else:
                self._lost = True  # until the read succeeds
                self.data = await reader()
                self._lost = False
        return self.data

    async def __aenter__(self) -> AsyncRESTResponse:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()


class AsyncApiClient(ClientCore):
    """Sends requests for the async API classes over one aiohttp session; an async context manager.

    The arguments are `ApiClient`'s. ``transport`` sends through an `AsyncTransport` of your own (or a
    blocking `Transport`, run in a worker thread per attempt, as the in-process fake is); the client
    closes only a transport it built itself. ``sleep`` replaces `asyncio.sleep` between attempts (an
    async function taking seconds) and ``random`` the backoff jitter's `random.random`. Building one that
    sends over aiohttp without aiohttp installed raises ImportError. Close the client (``await
    client.close()`` or ``async with``) to close its connections.

    One client serves one event loop at a time: a call from another loop while the first one still runs
    raises `EventLoopError`; once that loop has closed, the next call binds the client to its own loop.
    """

    def __init__(
        self,
        configuration: Optional[Configuration] = None,
        header_name: Optional[str] = None,
        header_value: Optional[str] = None,
        cookie: Optional[str] = None,
        *,
        transport: Optional[Union[AsyncTransport, Transport]] = None,
        sleep: Optional[Callable[[float], Awaitable[Any]]] = None,
        random: Optional[Callable[[], float]] = None,
    ) -> None:
        super().__init__(configuration, header_name, header_value, cookie)
        self._sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep if sleep is None else sleep
        self._random: Callable[[], float] = _random.random if random is None else random
        self._transport, self._owns_transport = build_async_transport(self.configuration, transport)
        self._checkouts = Checkouts()
        self._watchdog = Watchdog()
        self._closed = False

    # --- lifecycle ----------------------------------------------------------------------------------

    async def __aenter__(self) -> AsyncApiClient:
        if self._closed:
            raise _closed_error()
        return self

    async def __aexit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.close()

    async def close(self) -> None:
        """Close the session and its connections; the client refuses calls after this. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._watchdog.end_calls()
        if self._owns_transport:
            await self._transport.aclose()

    @property
    def closed(self) -> bool:
        """True once `close` has been called (or the ``async with`` block has ended)."""
        return self._closed

    def connections_in_use(self) -> int:
        """Connections this client holds right now: attempts in flight and unread responses (0 when idle)."""
        return self._checkouts.count

    @property
    def transport(self) -> AsyncTransport:
        """The transport this client sends through."""
        return self._transport

    @property
    def _session(self) -> Optional[aiohttp.ClientSession]:
        """The aiohttp session, once the first call has made it (None for a transport of your own)."""
        session: Optional[aiohttp.ClientSession] = getattr(self._transport, "session", None)
        return session

    def __repr__(self) -> str:
        return f"AsyncApiClient(host={self.configuration.host!r})"

    # --- calls --------------------------------------------------------------------------------------

    async def invoke(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        *,
        request_timeout: RequestTimeout = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        total_timeout: Optional[float] = None,
    ) -> ApiResponse[Any]:
        """Send ``operation`` and return the decoded response; raise on an error status (as `ApiClient`)."""
        response, attempts = await self._send(
            operation, body, request_timeout, headers, retries, total_timeout, preload=True
        )
        assert isinstance(response, RESTResponse)
        raw = response.data if response.data is not None else b""
        if 200 <= response.status <= 299:
            data = self._decode(operation, response, raw)
            return ApiResponse(response.status, response.headers, data, raw)
        raise self._status_error(operation, response, raw, attempts)

    async def invoke_raw(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        *,
        request_timeout: RequestTimeout = None,
        headers: Optional[Mapping[str, str]] = None,
        retries: Optional[int] = None,
        total_timeout: Optional[float] = None,
    ) -> AsyncRESTResponse:
        """Send ``operation`` and return the response unread, whatever its status.

        Retries apply as for `invoke`. ``await response.read()`` reads the body within the same number
        of seconds as the total deadline again, counted from when it is called.
        """
        seconds = self._resolve_total_timeout(total_timeout)
        response, _ = await self._send(
            operation, body, request_timeout, headers, retries, seconds, preload=False
        )
        assert isinstance(response, AsyncRESTResponse)
        return response

    # --- the loop over the shared core --------------------------------------------------------------

    async def _send(
        self,
        operation: Operation,
        body: Optional[PiecesModel],
        request_timeout: RequestTimeout,
        headers: Optional[Mapping[str, str]],
        retries: Optional[int],
        total_timeout: Optional[float],
        *,
        preload: bool,
    ) -> Tuple[Union[RESTResponse, AsyncRESTResponse], int]:
        """The retry loop of one call: `Attempts` decides; each attempt sends and (unless streaming) reads.

        The call's total deadline is a `Watch` of the client's `Watchdog`, which cancels the task when it
        passes: the attempt, the read of a response before a retry and the sleep between attempts all
        end with the deadline error.
        """
        if self._closed:
            raise _closed_error()
        call = self._prepare(operation, body, request_timeout, headers, retries, total_timeout)
        method = operation.method
        config = self.configuration
        url = config._host + operation.path
        transport, limit, checkouts = self._transport, config._max_response_bytes, self._checkouts
        watchdog = self._watchdog
        deadline = watchdog.watch(call.total_timeout)
        state = Attempts(call.policy, method, url, call.timeout, deadline)
        try:
            while True:
                timeout = state.start()
                request = TransportRequest(method, url, call.headers, call.payload, timeout, not preload)
                try:
                    if preload:  # one attempt, its body read (inline: this is every ordinary call)
                        # One event loop: the count needs no lock, and is kept inline on this path.
                        checkouts.count += 1
                        try:
                            try:
                                answer = await transport.handle_request(request)
                            except TransportFailure as failure:
                                raise failure_error(failure, request) from failure.__cause__
                            data = await read_body_async(answer, request, limit)
                        finally:
                            checkouts.count -= 1
                        response: Union[RESTResponse, AsyncRESTResponse] = RESTResponse(
                            answer.status, answer.reason, answer.headers, data, method=method, url=url
                        )
                    else:
                        response = await self._attempt_unread(request, deadline.seconds)
                except TransportError as exc:
                    delay = state.failed(exc, self._random)
                except asyncio.CancelledError:
                    if deadline.caused():
                        state.sent = True
                        raise _cut_short(deadline, state) from None
                    raise
                else:
                    retry_in = state.answered(response.status, response.headers, self._random)
                    if retry_in is None:
                        if deadline.expired:
                            await deadline.settle()
                        return response, state.attempt
                    delay = retry_in
                    if isinstance(response, AsyncRESTResponse):
                        try:
                            await response.read()
                        except TransportError as exc:
                            raise state.read_failed(exc) from exc
                        except asyncio.CancelledError:
                            response.close()
                            if deadline.caused():
                                raise _cut_short(deadline, state) from None
                            raise
                try:
                    await self._sleep(delay)
                except asyncio.CancelledError:
                    if deadline.caused():
                        raise _cut_short(deadline, state) from None
                    raise
                if self._closed:  # closed during the wait, by this task itself (its sleep hook)
                    raise _closed_in_flight_error(method, url)
        finally:
            watchdog.unwatch(deadline)

    async def _attempt_unread(self, request: TransportRequest, seconds: float) -> AsyncRESTResponse:
        """One attempt of ``invoke_raw``: the response unread, its body read by ``await response.read()``."""
        limit = self.configuration.max_response_bytes
        checkouts = self._checkouts
        checkouts.take()
        try:
            response: AsyncTransportResponse = await self._transport.handle_request(request)
        except TransportFailure as failure:
            checkouts.give()
            raise failure_error(failure, request) from failure.__cause__
        except BaseException:
            checkouts.give()
            raise
        method, url = request.method, request.url
        watchdog = self._watchdog
        held = [True]

        def give_back() -> None:
            if held[0]:
                held[0] = False
                checkouts.give()

        def discard() -> None:
            if not held[0]:  # read, or closed, already
                return
            try:
                response.discard()
            finally:
                give_back()

        async def read() -> bytes:  # within the total deadline again, from when it is called
            if self._closed:
                discard()
                raise _closed_in_flight_error(method, url, reading=True)
            deadline = watchdog.watch(seconds)
            try:
                data = await read_body_async(response, request, limit)
            except asyncio.CancelledError:
                if deadline.caused():
                    if deadline.closed:
                        raise _closed_in_flight_error(method, url) from None
                    raise deadline_error(seconds, method, url, 1, True, None) from None
                raise
            finally:
                watchdog.unwatch(deadline)
                give_back()
            if deadline.expired:
                await deadline.settle()
            return data

        streamed = AsyncRESTResponse(
            response.status, response.reason, response.headers, read, discard, method=method, url=url
        )
        # Dropped unread, it gives its connection back when it is garbage collected.
        weakref.finalize(streamed, discard)
        return streamed


def _closed_error() -> ClientClosedError:
    return ClientClosedError(
        "this AsyncApiClient was closed; create a new one, or use it only inside its `async with` block"
    )


def _closed_in_flight_error(method: str, url: str, *, reading: bool = False) -> ClientClosedError:
    if reading:
        return ClientClosedError(
            f"the AsyncApiClient of this response to {method} {redact_url(url)} was closed before its body "
            "was read, so the body is gone; read() the response before closing its client"
        )
    return ClientClosedError(
        f"this AsyncApiClient was closed while {method} {redact_url(url)} was in flight, so the call was "
        "ended; the request may have reached Pieces OS. Close the client after its calls have finished "
        "(leave its `async with` block last)"
    )


def _cut_short(deadline: Watch, state: Attempts) -> Exception:
    """The error of a call its watchdog cancelled: the client was closed, or the deadline passed."""
    if deadline.closed:
        return _closed_in_flight_error(state.method, state.url)
    return state.deadline_error(None)


# --- discovery that does not block the loop: defined in pieces_os_client.discovery, importable here too ---

from pieces_os_client.discovery import async_discover as async_discover  # noqa: E402
from pieces_os_client.discovery import async_wait_until_ready as async_wait_until_ready  # noqa: E402
