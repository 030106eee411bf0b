"""The async fixture, registered by the pytest plugin only when pytest-asyncio is loaded.

This module is imported by the plugin only then, so suites without pytest-asyncio never import it, and
it imports aiohttp only when a test asks for the fixture (the client is built then).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, AsyncIterator

import pytest
import pytest_asyncio

if TYPE_CHECKING:
    from pieces_os_client.async_api_client import AsyncApiClient
    from pieces_os_client.testing._server import FakePiecesOS

__all__ = ["pieces_os_async_client"]


@pytest_asyncio.fixture  # type: ignore[untyped-decorator, unused-ignore]  # typed when installed
async def pieces_os_async_client(pieces_os: FakePiecesOS) -> AsyncIterator[AsyncApiClient]:
    """An `AsyncApiClient` connected to this test's `pieces_os` fake, closed when the test ends.

    Use it from an async test (``@pytest.mark.asyncio``, or ``asyncio_mode = auto``)::

        async def test_snapshot(pieces_os_async_client):
            api = pieces_os_client.AsyncAllocationsApi(pieces_os_async_client)
            assert (await api.allocations_snapshot()).iterable == []

    The fake itself is ``pieces_os``: ask for both to queue faults or read the requests it saw.
    """
    if pieces_os.is_in_process:
        pytest.fail(
            "pieces_os_async_client needs the fake served over sockets; it cannot use the in-process "
            "transport: set pieces_os_in_process = false for this test suite",
            pytrace=False,
        )
    from pieces_os_client.async_api_client import AsyncApiClient

    async with AsyncApiClient(pieces_os.configuration()) as client:
        yield client
