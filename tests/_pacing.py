"""`Sleeps`: what the retry tests pass as a client's ``sleep`` and ``random``, so nothing waits.

``ApiClient(configuration, **sleeps.kwargs)`` records every delay the client would have slept in the
list itself and draws the backoff jitter from ``sleeps.draw`` (set it to pin the jitter).
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List


class Sleeps(List[float]):
    """The delays a client would have slept between attempts; nothing actually sleeps."""

    def __init__(self, draw: float) -> None:
        super().__init__()
        self.draw = draw

    def sleep(self, seconds: float) -> None:
        self.append(seconds)

    def random(self) -> float:
        return self.draw

    @property
    def kwargs(self) -> Dict[str, Callable[..., Any]]:
        """``sleep`` and ``random`` for `ApiClient`."""
        return {"sleep": self.sleep, "random": self.random}


def pacing_for(request: Any) -> Dict[str, Callable[..., Any]]:
    """``sleeps.kwargs`` when the test (a ``pytest.FixtureRequest``) uses the `sleeps` fixture, else {}."""
    if "sleeps" in request.fixturenames:
        sleeps: Sleeps = request.getfixturevalue("sleeps")
        return sleeps.kwargs
    return {}
