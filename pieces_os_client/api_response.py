"""`ApiResponse`: what the ``*_with_http_info`` methods return."""

from __future__ import annotations

from typing import Generic, Mapping, TypeVar

T = TypeVar("T")


class ApiResponse(Generic[T]):
    """A decoded response with its status code, headers and the body bytes exactly as received.

    A plain class rather than a model: the body was validated once when it was decoded, and a
    response is built on every call.
    """

    __slots__ = ("data", "headers", "raw_data", "status_code")

    def __init__(self, status_code: int, headers: Mapping[str, str], data: T, raw_data: bytes) -> None:
        self.status_code = status_code
        self.headers = headers
        self.data = data
        self.raw_data = raw_data

    def __repr__(self) -> str:
        return (
            f"ApiResponse(status_code={self.status_code!r}, data={self.data!r}, "
            f"raw_data=<{len(self.raw_data)} bytes>)"
        )
