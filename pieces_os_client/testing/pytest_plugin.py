"""The ``pieces_os`` pytest fixture: a fresh, running `FakePiecesOS` for each test.

Enable it with one line in your ``conftest.py``::

    pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]

then ask for it by name::

    def test_my_app_connects(pieces_os):
        app = MyApp(host=pieces_os.url)
        ...
        assert [r.path for r in pieces_os.requests] == ["/allocations/connect"]
"""

from __future__ import annotations

from typing import Iterator

import pytest

from pieces_os_client.testing import FakePiecesOS

__all__ = ["pieces_os"]


@pytest.fixture
def pieces_os() -> Iterator[FakePiecesOS]:
    """A running fake Pieces OS in local mode, stopped when the test ends.

    Switch it to cloud mode (``create``/``delete`` served) with ``pieces_os.cloud = True``.
    """
    with FakePiecesOS() as fake:
        yield fake
