"""The total deadline of the asyncio client's calls: one timer per client, not one per call.

``asyncio.timeout`` arms a timer of the event loop for every call it wraps, and a timer is not cheap
in asyncio: a handle, a push onto the loop's heap (ordered by a Python ``__lt__``), its cancellation
and its removal cost about as much as the rest of the client's own work on a small call. So the calls
of one `AsyncApiClient` share a `Watchdog`: a call registers its deadline (`Watchdog.watch`, a set
insertion) and drops it when it ends (`Watchdog.unwatch`), and one timer waits for the earliest
deadline. When calls end in time, that timer fires once per deadline length, finds nothing due and
is not armed again until the next call.

When a deadline passes, the watchdog cancels the task of that call, as ``asyncio.timeout`` does: the
await in progress (connecting, sending, reading, sleeping before a retry) gets CancelledError and
aiohttp closes the connection it was using. The call catches it and asks `Watch.caused` whether the
watchdog sent it (then it raises its deadline error) or someone else did (then it lets it through).
On Python 3.11 and later that is told exactly, with ``Task.cancelling()`` and ``Task.uncancel()``; on
3.10, which has neither, a cancellation of the task that arrives after its deadline passed is taken
for the deadline's.
"""

from __future__ import annotations

import asyncio
import math
import sys
import time
from typing import Callable, Optional, Set

__all__ = ["Watch", "Watchdog"]


class Watch:
    """One call's total deadline (``seconds`` from its creation), on the event loop's clock."""

    __slots__ = ("_cancelling", "_clock", "_task", "at", "closed", "expired", "seconds")

    def __init__(self, task: asyncio.Task[object], clock: Callable[[], float], seconds: float) -> None:
        self.seconds = seconds
        self.at = clock() + seconds
        self.expired = False  # the watchdog cancelled the call: its deadline passed, or ``closed``
        self.closed = False  # the client was closed while the call was in flight
        self._task = task
        self._clock = clock
        self._cancelling = 0
        if sys.version_info >= (3, 11):  # cancellations requested before this watch began
            self._cancelling = task.cancelling()

    def remaining(self) -> float:
        return self.at - self._clock()

    def passed(self) -> bool:
        return self._clock() >= self.at

    def caused(self) -> bool:
        """Called on CancelledError: whether this deadline's expiry caused it.

        If so the cancellation is taken back (``Task.uncancel``), so the task goes on as if it had
        not been cancelled; a cancellation from anywhere else is left alone, and re-raised by the caller.
        """
        if not self.expired:
            return False
        if sys.version_info < (3, 11):  # no count of cancellation requests to tell them apart
            return True
        return self._task.uncancel() <= self._cancelling

    async def settle(self) -> None:
        """The call ended without noticing that its deadline passed: receive the cancellation here.

        The watchdog's cancellation of the task is pending and would otherwise land on the caller's next
        ``await``; it lands here and is taken back (the call's result stands, as with ``asyncio.timeout``
        when the block ends first). A cancellation from anywhere else is re-raised.
        """
        try:
            await asyncio.sleep(0)
        except asyncio.CancelledError:
            if not self.caused():
                raise
        else:  # code below the call swallowed the cancellation: still take the request back
            self.caused()


class Watchdog:
    """Cancels the calls of one client (one event loop) whose total deadline has passed."""

    __slots__ = ("_clock", "_loop", "_timer", "_timer_at", "_watches")

    def __init__(self) -> None:
        self._watches: Set[Watch] = set()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._clock: Callable[[], float] = time.monotonic
        self._timer: Optional[asyncio.TimerHandle] = None
        self._timer_at = math.inf

    def watch(self, seconds: float) -> Watch:
        """Start the deadline of the call running in the current task: ``seconds`` from now."""
        task = asyncio.current_task()
        if task is None:
            raise RuntimeError("an AsyncApiClient call must run inside an asyncio task")
        loop = task.get_loop()
        if loop is not self._loop:  # the first call, or the client moved to another loop
            previous = self._loop
            if previous is not None and not previous.is_closed():
                # Its calls' deadlines run on that loop: dropping them would let those calls run on.
                from pieces_os_client.exceptions import EventLoopError

                raise EventLoopError(
                    "this AsyncApiClient serves another event loop, which is still running; one client "
                    "serves one event loop: create a client for each loop (or each thread that runs one)"
                )
            self.close()
            self._loop = loop
            # asyncio's own loops tell time by time.monotonic (called directly, it is a C call, not a
            # Python one); another loop (uvloop) keeps its own clock, which its timers follow.
            default = getattr(type(loop), "time", None) is asyncio.BaseEventLoop.time
            self._clock = time.monotonic if default else loop.time
        watch = Watch(task, self._clock, seconds)
        self._watches.add(watch)
        if watch.at < self._timer_at:
            self._arm(loop, watch.at)
        return watch

    def unwatch(self, watch: Watch) -> None:
        """The call has ended: its deadline no longer matters (the timer is left to lapse)."""
        self._watches.discard(watch)

    def end_calls(self) -> None:
        """The client is closing: cancel every call in flight (its watch says ``closed``), then `close`.

        Closing the session under a call that is reading a body would leave that read waiting for bytes
        that cannot come; cancelled, the call drops its connection and raises its closed-client error.
        """
        current = asyncio.current_task()
        for watch in list(self._watches):
            task = watch._task
            if task is not current and not task.done():
                watch.expired = watch.closed = True
                task.cancel()
        self.close()

    def close(self) -> None:
        """Forget every watch and cancel the timer."""
        if self._timer is not None:
            self._timer.cancel()
        self._timer, self._timer_at, self._loop = None, math.inf, None
        self._watches.clear()

    def _arm(self, loop: asyncio.AbstractEventLoop, at: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = loop.call_at(at, self._fire, loop, at)
        self._timer_at = at

    def _fire(self, loop: asyncio.AbstractEventLoop, armed_at: float) -> None:
        self._timer, self._timer_at = None, math.inf
        now = max(loop.time(), armed_at)  # the loop may run a timer up to its clock resolution early
        nearest = math.inf
        for watch in list(self._watches):
            if watch.at <= now:
                self._watches.discard(watch)
                watch.expired = True
                watch._task.cancel()
            elif watch.at < nearest:
                nearest = watch.at
        if nearest < math.inf:
            self._arm(loop, nearest)
