"""The sans-I/O core of a call, shared by the blocking and the asyncio clients.

Nothing here sends, reads, sleeps or draws random numbers: `Attempts` holds the retry state of one
call and tells its driver (the short loop of `ApiClient` or `AsyncApiClient`) what to do next, by
returning the timeout of the next attempt or the delay before it, or by raising the error the call
ends with.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Callable, Mapping, NamedTuple, Optional, Protocol, Tuple

from pieces_os_client._redact import redact_url
from pieces_os_client._text import escape_controls
from pieces_os_client.configuration import LOGGER_NAME
from pieces_os_client.exceptions import ApiTimeoutError, TransportError
from pieces_os_client.retry import RetryPolicy, parse_retry_after

if TYPE_CHECKING:  # logging itself is imported on first use (see logger)
    import logging

__all__ = [
    "EVENT",
    "AttemptEvent",
    "Attempts",
    "DeadlineLike",
    "cause_of_its_own",
    "deadline_error",
    "logger",
]

DEBUG = 10  # logging.DEBUG
_log: Optional[logging.Logger] = None


def logger() -> logging.Logger:
    """The ``pieces_os_client`` logger; logging is imported on first use, not by `import pieces_os_client`."""
    global _log
    if _log is None:
        import logging

        _log = logging.getLogger(LOGGER_NAME)
    return _log


# The attribute of each DEBUG record of a call that holds its facts as an `AttemptEvent`, for programs
# that show progress (the command line's status line) without parsing the text.
EVENT = "pieces_os_client_event"


class AttemptEvent(NamedTuple):
    """The facts of one DEBUG line of a call (``getattr(record, EVENT)``)."""

    kind: str  # "attempt": an attempt ended; "retry": the next one comes after `delay`; "no-retry"
    method: str
    url: str  # credentials masked
    attempt: int  # the attempt that ended ("attempt", "no-retry") or that comes next ("retry")
    attempts: int  # how many the retry policy allows in all
    deadline_left: float  # seconds left before the call's total deadline
    outcome: str = ""  # the status ("503"), or the error's type name
    delay: float = 0.0  # seconds before the next attempt ("retry") or that were asked for ("no-retry")


class DeadlineLike(Protocol):
    """The total deadline of a call as `Attempts` sees it."""

    seconds: float

    def remaining(self) -> float: ...

    def passed(self) -> bool: ...


class Attempts:
    """The retry state of one call: which attempt this is, whether a request may have been sent."""

    __slots__ = ("attempt", "deadline", "debug", "method", "policy", "sent", "started", "timeout", "url")

    def __init__(
        self,
        policy: RetryPolicy,
        method: str,
        url: str,
        timeout: Tuple[float, float],
        deadline: DeadlineLike,
    ) -> None:
        self.policy = policy
        self.method = method
        self.url = url
        self.timeout = timeout
        self.deadline = deadline
        self.attempt = 0
        self.sent = False  # whether an attempt may have reached the server
        self.debug = (_log or logger()).isEnabledFor(DEBUG)
        self.started = 0.0

    def start(self) -> Tuple[float, float]:
        """Begin the next attempt: its (connect, read) timeout, cut to the time left before the deadline."""
        self.attempt += 1
        left = self.deadline.remaining()
        if left <= 0:
            raise self.deadline_error(None, attempts=self.attempt - 1)
        if self.debug:
            self.started = time.perf_counter()
        timeout = self.timeout
        return timeout if left >= timeout[1] else (min(timeout[0], left), left)

    def failed(self, exc: TransportError, draw: Callable[[], float]) -> float:
        """The attempt raised ``exc``: the delay before the next attempt, or raise what the call ends with.

        ``draw()`` gives a random number in [0, 1) for the backoff jitter (called only to retry).
        Raises ``exc`` itself when it may not be retried, or the deadline error when no further attempt
        could finish in time.
        """
        exc.attempts = self.attempt
        self.sent = self.sent or exc.request_sent
        if self.deadline.passed():
            raise self.deadline_error(cause_of_its_own(exc, self.deadline)) from exc
        if self.debug:
            self._log_attempt(f"{type(exc).__name__}: {exc.message}", type(exc).__name__)
        policy = self.policy
        can_retry = policy.retries_error(self.method, request_sent=exc.request_sent, retryable=exc.retryable)
        if not can_retry or self.attempt >= policy.attempts:
            raise exc
        delay = policy.backoff(self.attempt, draw())
        if delay >= self.deadline.remaining():  # the retry could not finish in time: not started
            raise self.deadline_error(exc) from exc
        self._log_retry(delay)
        return delay

    def answered(self, status: int, headers: Mapping[str, str], draw: Callable[[], float]) -> Optional[float]:
        """The attempt got a response: None to return it to the caller, else the delay before a retry."""
        self.sent = True
        if self.debug:
            self._log_attempt(str(status), str(status))
        policy = self.policy
        # `status not in policy.statuses` first: the answer of nearly every call, without a call.
        if (
            status not in policy.statuses
            or self.attempt > policy.max_retries
            or not policy.retries_status(self.method, status)
        ):
            return None
        header = headers.get("Retry-After")
        delay = policy.next_delay(self.attempt, header, draw())
        if delay is None:
            if self.debug:
                asked = parse_retry_after(header)
                logger().debug(
                    "Retry-After %.0f s is above the %g s cap: not retrying",
                    asked,
                    policy.max_retry_after,
                    extra={EVENT: self._event("no-retry", self.attempt, str(status), asked or 0.0)},
                )
            return None  # the caller sees the real status
        if delay >= self.deadline.remaining():
            if self.debug:
                logger().debug(
                    "a retry in %.2f s would pass the total deadline: not retrying",
                    delay,
                    extra={EVENT: self._event("no-retry", self.attempt, str(status), delay)},
                )
            return None  # the caller sees the real status
        self._log_retry(delay)
        return delay

    def read_failed(self, exc: TransportError) -> TransportError:
        """Reading the body of a response to be retried failed: the error to raise."""
        if self.deadline.passed():
            return self.deadline_error(cause_of_its_own(exc, self.deadline))
        return exc

    def deadline_error(
        self, last: Optional[TransportError], *, attempts: Optional[int] = None
    ) -> ApiTimeoutError:
        return deadline_error(
            self.deadline.seconds,
            self.method,
            self.url,
            self.attempt if attempts is None else attempts,
            self.sent,
            last,
        )

    def _log_attempt(self, line: str, outcome: str) -> None:
        elapsed_ms = (time.perf_counter() - self.started) * 1000.0
        logger().debug(
            "%s %s -> %s in %.1f ms (attempt %d/%d)",
            self.method,
            redact_url(self.url),
            escape_controls(line),
            elapsed_ms,
            self.attempt,
            self.policy.attempts,
            extra={EVENT: self._event("attempt", self.attempt, outcome)},
        )

    def _log_retry(self, delay: float) -> None:
        if self.debug:
            logger().debug(
                "retrying %s %s in %.2f s (attempt %d/%d next)",
                self.method,
                redact_url(self.url),
                delay,
                self.attempt + 1,
                self.policy.attempts,
                extra={EVENT: self._event("retry", self.attempt + 1, "", delay)},
            )

    def _event(self, kind: str, attempt: int, outcome: str, delay: float = 0.0) -> AttemptEvent:
        return AttemptEvent(
            kind,
            self.method,
            redact_url(self.url),
            attempt,
            self.policy.attempts,
            self.deadline.remaining(),
            outcome,
            delay,
        )


def cause_of_its_own(exc: TransportError, deadline: DeadlineLike) -> Optional[TransportError]:
    """``exc`` when it says something the deadline error should repeat; None when the deadline caused it.

    A blocking call's watchdog shuts the socket down at the deadline, and what the read then saw (a cut
    status line, a body ended early) is damage it did, not the server's; a timeout at the deadline is
    one of the timeouts cut to the time left.
    """
    if getattr(deadline, "expired", False) or isinstance(exc, ApiTimeoutError):
        return None
    return exc


def deadline_error(
    seconds: float,
    method: str,
    url: str,
    attempts: int,
    request_sent: bool,
    last: Optional[TransportError],
) -> ApiTimeoutError:
    """The error of a call that reached its total deadline; it says how to allow more time."""
    after = f"; the last attempt failed with: {last.message}" if last is not None else ""
    return ApiTimeoutError(
        f"the call did not finish within the total deadline of {seconds:g} s{after}. "
        "Configuration.total_timeout (or _total_timeout for one call) sets the limit",
        method=method,
        url=url,
        attempts=max(attempts, 1),
        request_sent=request_sent,
        retryable=False,
    )
