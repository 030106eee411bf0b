"""`RetryPolicy`: which failed attempts a call repeats, and how long it waits before each repeat.

A policy is a frozen value: it does no I/O, never sleeps and draws no random numbers itself. The client
that uses it supplies the clock, the sleep and the jitter draw (``ApiClient(configuration, sleep=...,
random=...)``), so tests can make retries instant without patching anything::

    policy = RetryPolicy(max_retries=4, backoff_cap=2.0)
    configuration = pieces_os_client.Configuration(host="http://localhost:39300", retries=policy)

    delays = []
    client = pieces_os_client.ApiClient(configuration, sleep=delays.append, random=lambda: 0.0)

``Configuration(retries=3)`` is the default policy with three retries.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field, replace
from typing import FrozenSet, Iterable, Optional

from pieces_os_client import _constants as C
from pieces_os_client.exceptions import ConfigurationError

__all__ = ["RetryPolicy", "parse_retry_after"]


def _frozen_methods(values: Iterable[str]) -> FrozenSet[str]:
    if isinstance(values, str):
        raise ConfigurationError(
            f"RetryPolicy.methods must be a set of method names such as {{'GET'}}, got the str {values!r}"
        )
    methods = frozenset(values)
    for method in methods:
        if not isinstance(method, str) or not method.isalpha():
            raise ConfigurationError(f"RetryPolicy.methods must hold HTTP method names, got {method!r}")
    return frozenset(method.upper() for method in methods)


def _frozen_statuses(values: Iterable[int]) -> FrozenSet[int]:
    statuses = frozenset(values)
    for status in statuses:
        if isinstance(status, bool) or not isinstance(status, int) or not 100 <= status <= 599:
            raise ConfigurationError(f"RetryPolicy.statuses must hold statuses 100-599, not {status!r}")
    return statuses


def _seconds(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ConfigurationError(f"RetryPolicy.{name} must be seconds (a number), got {value!r}")
    seconds = float(value)
    if not math.isfinite(seconds) or seconds < 0 or seconds > C.MAX_TIMEOUT:
        raise ConfigurationError(
            f"RetryPolicy.{name} must be between 0 and {C.MAX_TIMEOUT:g} seconds, got {value!r}"
        )
    return seconds


@dataclass(frozen=True)
class RetryPolicy:
    """What to retry and how long to wait; the defaults are the SDK's (see the README's retries section).

    A failed attempt is repeated at most ``max_retries`` times, and only when repeating it is safe:

    - a retryable status (``statuses``) is retried for the ``methods`` that are safe to repeat;
    - a timeout or broken connection is retried for those methods too, and for any method when the
      request never reached the server (``retry_unsent``: nothing was sent, so nothing is repeated);
    - TLS failures, refused redirects and bodies over the size cap are never retried.

    The wait before retry *n* is ``min(backoff_base * 2**(n-1), backoff_cap)``, shortened by a random
    fraction of up to ``jitter``; a ``Retry-After`` header replaces it, unless it asks for more than
    ``max_retry_after`` seconds: then the call gives up at once with the real status.
    """

    max_retries: int = C.DEFAULT_MAX_RETRIES
    methods: FrozenSet[str] = field(default=C.IDEMPOTENT_METHODS)
    statuses: FrozenSet[int] = field(default=C.RETRYABLE_STATUSES)
    backoff_base: float = C.INITIAL_RETRY_DELAY
    backoff_cap: float = C.MAX_RETRY_DELAY
    jitter: float = C.RETRY_JITTER
    max_retry_after: float = C.MAX_RETRY_AFTER
    retry_unsent: bool = True

    def __post_init__(self) -> None:
        count = self.max_retries
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ConfigurationError(f"RetryPolicy.max_retries must be a whole number >= 0, got {count!r}")
        object.__setattr__(self, "methods", _frozen_methods(self.methods))
        object.__setattr__(self, "statuses", _frozen_statuses(self.statuses))
        for name in ("backoff_base", "backoff_cap", "max_retry_after"):
            object.__setattr__(self, name, _seconds(getattr(self, name), name))
        jitter = self.jitter
        if isinstance(jitter, bool) or not isinstance(jitter, (int, float)) or not 0.0 <= jitter <= 1.0:
            raise ConfigurationError(f"RetryPolicy.jitter must be a fraction from 0 to 1, got {jitter!r}")
        object.__setattr__(self, "jitter", float(jitter))
        if not isinstance(self.retry_unsent, bool):
            raise ConfigurationError(
                f"RetryPolicy.retry_unsent must be True or False, got {self.retry_unsent!r}"
            )

    @property
    def attempts(self) -> int:
        """Attempts a call may make in all: ``max_retries + 1``."""
        return self.max_retries + 1

    def with_retries(self, max_retries: int) -> RetryPolicy:
        """This policy with another ``max_retries`` (what a call's ``_retries`` does)."""
        if max_retries == self.max_retries:
            return self
        return replace(self, max_retries=max_retries)

    def retries_error(self, method: str, *, request_sent: bool, retryable: bool = True) -> bool:
        """Whether a transport error of kind ``retryable`` on a ``method`` request may be retried."""
        return retryable and (method in self.methods or (self.retry_unsent and not request_sent))

    def retries_status(self, method: str, status: int) -> bool:
        """Whether a response with ``status`` to a ``method`` request may be retried."""
        return status in self.statuses and method in self.methods

    def backoff(self, attempt: int, draw: float) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based); ``draw`` is in [0, 1)."""
        base = min(self.backoff_base * (2.0 ** min(attempt - 1, 64)), self.backoff_cap)
        return base * (1.0 - self.jitter * draw)

    def next_delay(
        self,
        attempt: int,
        retry_after_header: Optional[str],
        draw: float,
        *,
        now: Optional[float] = None,
    ) -> Optional[float]:
        """Seconds to wait before the attempt after ``attempt``, or None when the server asked for too long.

        ``retry_after_header`` is the raw ``Retry-After`` value of the response (None after a transport
        error or when absent); an unusable value falls back to the backoff. ``now`` is the wall clock
        for an HTTP-date value (``time.time()`` by default).
        """
        retry_after = parse_retry_after(retry_after_header, now)
        if retry_after is None:
            return self.backoff(attempt, draw)
        if retry_after > self.max_retry_after:
            return None
        return retry_after


DEFAULT_RETRY_POLICY = RetryPolicy()


def parse_retry_after(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds a ``Retry-After`` value asks for: delta-seconds or an HTTP date; None if unusable.

    Delta-seconds are ASCII digits (a decimal fraction is tolerated): ``1_0``, ``+5``, ``1e3`` and
    ``inf`` are not numbers here, whatever Python's ``float`` accepts. An HTTP date is the IMF-fixdate,
    or one of the two obsolete forms RFC 9110 still asks recipients to accept: RFC 850 and C's asctime
    (which names no zone: it is GMT). Malformed values give None (the caller falls back to its
    backoff); a date in the past gives 0.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if _DELAY_SECONDS.fullmatch(text):
        seconds = float(text)
        return seconds if math.isfinite(seconds) else None
    # Imported here, not at the top: email.utils costs ~10 ms of import time, and HTTP dates are rare.
    from email.utils import parsedate_to_datetime

    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        if not _ASCTIME.fullmatch(text):
            return None  # an HTTP date is always GMT; a zone-less date other than asctime is malformed
        from datetime import timezone

        when = when.replace(tzinfo=timezone.utc)
    try:
        delay = when.timestamp() - (time.time() if now is None else now)
    except (OverflowError, OSError, ValueError):
        return None
    return max(0.0, delay)


# delay-seconds (RFC 9110 10.2.3) is 1*DIGIT; a fraction is tolerated, since some servers send one.
_DELAY_SECONDS = re.compile(r"[0-9]+(?:\.[0-9]+)?", re.ASCII)
# asctime-date (RFC 9110 5.6.7): "Sun Nov  6 08:49:37 1994", day of month padded with a space.
_ASCTIME = re.compile(
    r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ 0-9][0-9] [0-9]{2}:[0-9]{2}:[0-9]{2} [0-9]{4}", re.ASCII
)
