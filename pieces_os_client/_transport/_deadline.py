"""The total deadline of a call: one watchdog thread shuts down the socket of a call that outlives it.

A read timeout bounds each read from the socket, not the call: a server that sends one byte just
inside every read timeout holds a call for as long as it likes. `ApiClient` opens a `Deadline` for
every call; the transports' connection classes and body reader `watch` the socket the call is using
right now, and `Deadline.unwatch` it before the connection goes back to the pool. When the deadline passes,
the watchdog shuts the watched socket down (``shutdown(SHUT_RDWR)`` wakes a thread blocked in
``recv`` on it, whatever layer it blocks in: status line, headers, chunk-size lines or body), marks
the deadline expired, and the call's read fails at once; `ApiClient` reports the expired deadline.

The watchdog is one daemon thread per process, started by the first call. It sleeps until the
earliest open deadline, so an idle client, or calls that end in time, cost it nothing but a wake-up
per deadline length. After ``fork()`` the child starts a watchdog of its own on its first call.
This module imports no HTTP library.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING, Optional, Set, Type

if TYPE_CHECKING:
    import socket

__all__ = ["Deadline", "current", "watch"]


class Deadline:
    """Seconds allowed for one call (or one streamed read), counted from creation."""

    __slots__ = ("_previous", "_sock", "at", "expired", "seconds")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._sock: Optional[socket.socket] = None
        self._previous: Optional[Deadline] = None

    def remaining(self) -> float:
        """Seconds left (negative once passed)."""
        return self.at - time.monotonic()

    def passed(self) -> bool:
        """True once the deadline has been reached (the watchdog fired, or the clock says so)."""
        return self.expired or time.monotonic() >= self.at

    def watch(self, sock: Optional[socket.socket]) -> None:
        """Shut ``sock`` down when this deadline passes (at once if it has passed)."""
        if sock is not None:
            _State.attach(self, sock)

    def unwatch(self) -> None:
        """Stop watching this call's socket: it is about to go back to the pool."""
        if self._sock is not None:
            with _State.lock:
                self._sock = None

    def __enter__(self) -> Deadline:
        self._previous = getattr(_local, "deadline", None)
        _local.deadline = self
        _State.arm(self)
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        _State.disarm(self)
        _local.deadline, self._previous = self._previous, None


_local = threading.local()


def current() -> Optional[Deadline]:
    """The deadline of the call running on this thread, if any."""
    deadline: Optional[Deadline] = getattr(_local, "deadline", None)
    return deadline


def watch(sock: Optional[socket.socket]) -> None:
    """Let the current deadline shut ``sock`` down when it passes (at once if it has passed)."""
    deadline = current()
    if deadline is not None and sock is not None:
        _State.attach(deadline, sock)


def _shutdown(sock: socket.socket) -> None:
    import socket  # here: only a deadline that fires needs it, and `import pieces_os_client` stays cheap

    # The plain socket's method, also for a TLS socket: it acts on the file descriptor only.
    with contextlib.suppress(OSError, ValueError):  # already closed
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _State:
    """The watchdog's state, shared by every client of the process."""

    lock = threading.Lock()
    wake = threading.Condition(lock)
    active: Set[Deadline] = set()
    thread: Optional[threading.Thread] = None
    pid = 0
    wakes_at = math.inf

    @classmethod
    def arm(cls, deadline: Deadline) -> None:
        with cls.lock:
            if cls.pid != os.getpid() or cls.thread is None:
                cls.pid = os.getpid()
                cls.thread = threading.Thread(target=cls.run, name="pieces-os-client-deadline", daemon=True)
                cls.thread.start()
            cls.active.add(deadline)
            if deadline.at < cls.wakes_at:
                cls.wakes_at = deadline.at
                cls.wake.notify()

    @classmethod
    def disarm(cls, deadline: Deadline) -> None:
        with cls.lock:
            cls.active.discard(deadline)
            deadline._sock = None

    @classmethod
    def attach(cls, deadline: Deadline, sock: socket.socket) -> None:
        with cls.lock:
            if not deadline.expired:
                deadline._sock = sock
                return
        _shutdown(sock)

    @classmethod
    def run(cls) -> None:
        with cls.lock:
            while True:
                now = time.monotonic()
                soonest = math.inf
                due = [d for d in cls.active if d.at <= now]
                for deadline in due:
                    cls.active.discard(deadline)
                    deadline.expired = True
                    if deadline._sock is not None:
                        _shutdown(deadline._sock)
                for deadline in cls.active:
                    soonest = min(soonest, deadline.at)
                cls.wakes_at = soonest
                cls.wake.wait(None if soonest == math.inf else soonest - now)

    @classmethod
    def after_fork(cls) -> None:
        # The parent's watchdog does not exist in the child, and the lock may have been held by it.
        cls.lock = threading.Lock()
        cls.wake = threading.Condition(cls.lock)
        cls.active = set()
        cls.thread = None
        cls.pid = 0
        cls.wakes_at = math.inf


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_State.after_fork)
