"""What the command line is waiting for, on one line of stderr: the status line and ``--verbose``.

`Progress` listens to the ``pieces_os_client`` logger while a command calls Pieces OS. Each DEBUG record of
a call carries an `AttemptEvent` (an attempt ended, a retry is scheduled, a retry is not made), so nothing
here parses log text. On a terminal, once the command has waited `SHOW_AFTER` seconds, a status line says
what it waits for and is redrawn in place every `REDRAW_EVERY` seconds::

    waiting for localhost:39300 (attempt 1 of 3, 4 s; deadline in 296 s)
    localhost:39300 answered 503 (attempt 1 of 3); retry in 1.2 s, deadline in 290 s

It is drawn with a carriage return and spaces only (no escape sequences, so a dumb terminal shows it too),
redrawn only when it changes, cut to the terminal's width so it never wraps (the deadline comes last), and
erased when the command is done, before anything else is printed. ``--verbose`` prints every DEBUG line
of the SDK, as ``Configuration.debug`` does, above the status line (worded for the command line by
``words``). Standard library only.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any, Callable, Optional, TextIO, TypeVar, cast

from pieces_os_client._core import EVENT, AttemptEvent
from pieces_os_client._text import escape_controls
from pieces_os_client._transport._errors import origin
from pieces_os_client.configuration import DEBUG_FORMAT, LOGGER_NAME

__all__ = ["REDRAW_EVERY", "SHOW_AFTER", "Progress", "terminal"]

# How long a command waits before the status line appears, and how often it is redrawn.
SHOW_AFTER = 1.0
REDRAW_EVERY = 0.1

A = TypeVar("A")


class Progress(logging.Handler):
    """The status line (``status=True``) and the ``--verbose`` lines (``verbose=True``) of one command.

    Use it as a context manager around the calls; `watch` wraps the API object so that each call it makes
    starts a fresh count of attempts and deadline. With neither option on, it does nothing at all (the
    logger is not touched).
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        host: str,
        attempts: int,
        total_timeout: float,
        status: bool,
        verbose: bool,
        words: Callable[[str], str] = lambda line: line,
        show_after: float = SHOW_AFTER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(logging.DEBUG)
        self.stream = stream
        self.status = status
        self.verbose = verbose
        self.words = words
        self.show_after = show_after
        self.clock = clock
        self.setFormatter(logging.Formatter(DEBUG_FORMAT))
        self._total_timeout = total_timeout
        self._origin = _shown(host)
        self._attempts = attempts
        self._write = threading.Lock()  # one writer at a time on the stream, and the state with it
        self._stop = threading.Event()
        self._thread: Optional[threading.Thread] = None
        self._shown = ""  # the status line now on screen ("": none)
        self._began = clock()
        self._call_started(self._began)
        self._previous_level = logging.NOTSET

    # -- the calls --

    def watch(self, api: A) -> A:
        """``api`` with each method call announced first: a new call, attempt 1, a new deadline."""
        return cast(A, _Watched(api, self))

    def _call_started(self, now: float) -> None:
        self._attempt = 1
        self._phase = "waiting"  # or "retrying"
        self._phase_since = now
        self._retry_at = now
        self._outcome = ""
        self._deadline_at = now + self._total_timeout

    def call_started(self) -> None:
        with self._write:
            self._call_started(self.clock())

    # -- logging.Handler --

    def emit(self, record: logging.LogRecord) -> None:
        event = getattr(record, EVENT, None)
        now = self.clock()
        with self._write:
            if isinstance(event, AttemptEvent):
                self._attempts = event.attempts
                self._deadline_at = now + event.deadline_left
                self._origin = _shown(event.url)
                if event.kind == "attempt":
                    self._attempt = event.attempt
                    self._outcome = event.outcome
                elif event.kind == "retry":
                    self._phase = "retrying"
                    self._retry_at = now + event.delay
            if self.verbose:
                self._erase()
                try:
                    self.stream.write(self.words(escape_controls(self.format(record))) + "\n")
                    self.stream.flush()
                except (OSError, ValueError):  # stderr closed: nothing to tell
                    pass

    # -- the status line --

    def line(self, now: float) -> str:
        """The status line as it reads at ``now``; the caller holds the lock.

        Once a retry's wait is over, the count moves on to the attempt it started.
        """
        left = max(0.0, self._deadline_at - now)
        of = f"attempt {self._attempt} of {self._attempts}"
        if self._phase == "retrying":
            if now < self._retry_at:
                return (
                    f"{self._origin} {_what_happened(self._outcome)} ({of}); "
                    f"retry in {self._retry_at - now:.1f} s, deadline in {left:.0f} s"
                )
            # The retry has started: waiting again, on the next attempt.
            self._attempt += 1
            self._phase = "waiting"
            self._phase_since = self._retry_at
            of = f"attempt {self._attempt} of {self._attempts}"
        waited = now - self._phase_since
        return f"waiting for {self._origin} ({of}, {waited:.0f} s; deadline in {left:.0f} s)"

    def _draw(self) -> None:
        with self._write:
            now = self.clock()
            if now - self._began < self.show_after:
                return
            text = self.line(now)[: _width(self.stream) - 1]
            if text == self._shown:
                return
            pad = " " * max(0, len(self._shown) - len(text))
            try:
                self.stream.write(f"\r{text}{pad}\r{text}" if pad else f"\r{text}")
                self.stream.flush()
            except (OSError, ValueError):
                return
            self._shown = text

    def _erase(self) -> None:
        """Clear the status line, if one is shown (the caller holds the lock)."""
        if self._shown:
            try:
                self.stream.write("\r" + " " * len(self._shown) + "\r")
                self.stream.flush()
            except (OSError, ValueError):
                pass
            self._shown = ""

    def _run(self) -> None:
        while not self._stop.wait(REDRAW_EVERY):
            self._draw()

    # -- context manager --

    def __enter__(self) -> Progress:
        if not (self.status or self.verbose):
            return self
        logger = logging.getLogger(LOGGER_NAME)
        self._previous_level = logger.level
        if not logger.isEnabledFor(logging.DEBUG):
            logger.setLevel(logging.DEBUG)  # the SDK formats its DEBUG lines only when someone listens
        logger.addHandler(self)
        if self.status:
            self._thread = threading.Thread(target=self._run, name="pieces-os-client-status", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if not (self.status or self.verbose):
            return
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
        logger = logging.getLogger(LOGGER_NAME)
        logger.removeHandler(self)
        logger.setLevel(self._previous_level)
        with self._write:
            self._erase()


class _Watched:
    """An API object whose method calls tell `Progress` that a new call begins."""

    def __init__(self, api: Any, progress: Progress) -> None:
        self._api = api
        self._progress = progress

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._api, name)
        if not callable(found):
            return found

        def call(*args: Any, **kwargs: Any) -> Any:
            self._progress.call_started()
            return found(*args, **kwargs)

        return call


def _shown(url: str) -> str:
    """Where a call goes, short: ``localhost:39300`` (the scheme only when it is not http)."""
    where = origin(url)
    if where.startswith("http://"):
        where = where[len("http://") :]
    return escape_controls(where)


# How the status line words an attempt that failed, by the error's type; a status is "answered 503".
_FAILURES = {
    "ApiTimeoutError": "timed out",
    "ApiConnectionError": "connection failed",
    "ProtocolError": "answered with invalid HTTP",
}


def _what_happened(outcome: str) -> str:
    if outcome.isdigit():
        return f"answered {outcome}"
    return _FAILURES.get(outcome, f"failed ({outcome})")


def _width(stream: TextIO) -> int:
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (OSError, ValueError, AttributeError):
        return 80


def terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is a terminal (False for a closed or replaced stream)."""
    try:
        return stream.isatty()
    except (OSError, ValueError, AttributeError):
        return False
