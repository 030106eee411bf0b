"""Calls and checks shared by the tests that meet a `RawServer`: the operations, bounded timing, the pool.

The fixtures that build the servers and clients (`serve`, `make_api`, `server`) are in tests/conftest.py."""

from __future__ import annotations

import time
from typing import Any, Callable, Tuple, Type, TypeVar

import pytest

from pieces_os_client import AllocationCloud, AllocationsApi, ApiClient
from tests._payloads import CLOUD_WIRE
from tests._server import checked_out

E = TypeVar("E", bound=BaseException)


def cloud() -> AllocationCloud:
    """The body of every POST in these tests (CLOUD_WIRE, tests/_payloads.py)."""
    return AllocationCloud.from_dict(CLOUD_WIRE)


def get(api: AllocationsApi, **kwargs: Any) -> Any:
    """The GET operation (idempotent: the retry policy may repeat it)."""
    return api.allocations_snapshot(**kwargs)


def post(api: AllocationsApi, **kwargs: Any) -> Any:
    """A POST operation with a JSON response (never repeated once it may have reached the server)."""
    return api.allocations_reconnect_cloud(cloud(), **kwargs)


def raises_within(
    kind: Type[E], seconds: float, fn: Callable[..., Any], *args: Any, **kwargs: Any
) -> Tuple[E, float]:
    """Call ``fn``; assert it raises exactly ``kind`` (not a subclass, not a foreign error) in time."""
    started = time.monotonic()
    with pytest.raises(Exception) as info:
        fn(*args, **kwargs)
    elapsed = time.monotonic() - started
    got = type(info.value)
    assert got is kind, f"expected {kind.__name__}, got {got.__name__}: {info.value}"
    assert elapsed < seconds, f"took {elapsed:.2f} s, bound {seconds} s"
    return info.value, elapsed


def returns_within(seconds: float, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    started = time.monotonic()
    result = fn(*args, **kwargs)
    elapsed = time.monotonic() - started
    assert elapsed < seconds, f"took {elapsed:.2f} s, bound {seconds} s"
    return result


def assert_released(client: ApiClient) -> None:
    """No pooled connection is left checked out: read off urllib3's pools, and as the client reports it."""
    assert checked_out(client) == 0
    assert client.connections_in_use() == 0
