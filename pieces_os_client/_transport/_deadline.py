"""The total deadline of a blocking call: a watchdog thread shuts down the socket of a call that outlives it.

A read timeout bounds each read from the socket, not the call: a server that sends one byte just
inside every read timeout holds a call for as long as it likes. `ApiClient` opens a `Deadline` for
every call, and the transports run each attempt inside an `Attempt`. The socket an attempt uses is
learnt from http.client's ``http.client.send`` audit event (raised by every request http.client sends,
with the connection as its first argument; `sys.addaudithook` is the documented way to observe it), so
the SDK needs no subclass of urllib3's or http.client's classes: the event marks the attempt as sent
and hands the connection's socket to the deadline, which `Deadline.unwatch` releases before the
connection goes back to the pool. When the deadline passes, the watchdog shuts the watched socket down
(``shutdown(SHUT_RDWR)`` wakes a thread blocked in ``recv`` on it, whatever layer it blocks in: status
line, headers, chunk-size lines or body), marks the deadline expired, and the call's read fails at
once; `ApiClient` reports the expired deadline.

What the event tells is used twice: it bounds a server that drips its status line, headers or body,
and it tells a timeout before anything was sent (a TLS handshake that stalls, which urllib3 reports
as a read timeout) from one after, so a POST whose request never left is retried like any connection
that was never made.

The hook is added once per process, by the first blocking transport built; it returns at once for
every other event. An audit hook cannot be removed: after that it stays, costing one string comparison
per audit event. If another hook refuses it (`sys.addaudithook` raising), the SDK still watches the socket
once the response headers are in, and a dripped header section is bounded only by the read timeout.

The watchdog is one daemon thread per process, started by the first call. It sleeps until the
earliest open deadline, so an idle client, or calls that end in time, cost it nothing but a wake-up
per deadline length. After ``fork()`` the child starts a watchdog of its own on its first call.
This module imports no HTTP library.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import threading
import time
from types import TracebackType
from typing import TYPE_CHECKING, Any, Optional, Set, Tuple, Type

if TYPE_CHECKING:
    import socket

__all__ = [
    "Attempt",
    "Deadline",
    "close_abandoned",
    "current",
    "hook_installed",
    "install_send_hook",
    "watch",
]


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
        self._previous = _local.deadline
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


class Attempt:
    """One attempt of the call on this thread: whether any of its request was sent, and its deadline.

    A transport sends inside ``with Attempt():``; the audit hook sets `sent` and lets the call's
    deadline watch the connection's socket.
    """

    __slots__ = ("_previous", "deadline", "sent", "sock")

    def __init__(self) -> None:
        self.sent = False
        self.sock: Optional[socket.socket] = None  # the socket the request went out on
        self.deadline: Optional[Deadline] = None
        self._previous: Optional[Attempt] = None

    def __enter__(self) -> Attempt:
        local = _local
        self._previous = local.attempt
        self.deadline = local.deadline
        local.attempt = self
        return self

    def __exit__(
        self,
        exc_type: Optional[Type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        _local.attempt, self._previous = self._previous, None


class _Local(threading.local):
    deadline: Optional[Deadline] = None
    attempt: Optional[Attempt] = None


_local = _Local()


def current() -> Optional[Deadline]:
    """The deadline of the call running on this thread, if any."""
    return _local.deadline


def _on_audit_event(event: str, args: Tuple[Any, ...]) -> None:
    """The audit hook: http.client is sending a request (or part of one) on this thread."""
    if event != "http.client.send":
        return
    attempt = _local.attempt
    if attempt is None:
        return
    if args[1][:8] == b"CONNECT ":  # the tunnel through a proxy: none of the request has gone yet
        return
    attempt.sent = True
    try:
        sock = attempt.sock = args[0].sock  # the HTTPConnection's socket, connected by now
    except Exception:  # never let the hook fail the send
        return
    deadline = attempt.deadline
    if deadline is not None and sock is not None and sock is not deadline._sock:
        _State.attach(deadline, sock)


_hook = {"installed": False}
_hook_lock = threading.Lock()


def close_abandoned(sock: Optional[socket.socket]) -> None:
    """Close the socket of an attempt that failed, now, even if a reader of it is still referenced.

    urllib3 closes the connection of a failed attempt, but a response http.client had already built
    for it (a head urllib3 then rejected) keeps the file descriptor open through its buffered reader
    until the garbage collector frees it. Detached from its socket object, the descriptor is closed at
    once; the socket object (and that reader) are left closed. The connection is never reused after a
    failed attempt, so nothing else is using it.
    """
    if sock is None:
        return
    with contextlib.suppress(OSError, ValueError):
        if sock.fileno() != -1:
            os.close(sock.detach())


def hook_installed() -> bool:
    """Whether the audit hook runs, so an attempt's ``sent`` can be trusted."""
    return _hook["installed"]


def install_send_hook() -> bool:
    """Add the audit hook (once per process); False if another audit hook refused it."""
    if _hook["installed"]:
        return True
    with _hook_lock:
        if not _hook["installed"]:
            try:
                sys.addaudithook(_on_audit_event)
            except Exception:  # an audit hook of the application refused the new hook
                return False
            _hook["installed"] = True
    return True


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
