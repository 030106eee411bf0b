"""The ``pieces_os`` pytest fixture: a fresh, running `FakePiecesOS` for each test.

Enable it with one line in your ``conftest.py``::

    pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]

then ask for it by name::

    def test_my_app_connects(pieces_os):
        app = MyApp(host=pieces_os.url)
        ...
        assert [r.path for r in pieces_os.requests] == ["/allocations/connect"]

Faults queued on the fixture's fake and never used fail the test at teardown (see `pieces_os`).
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

    A fault queued with ``fail_next``, ``respond_next``, ``stall_next`` or ``drop_next`` that no request
    used by the end of the test fails it at teardown: the test passed without exercising what it
    meant to. Set ``pieces_os.allow_unused_faults = True`` (or call ``pieces_os.reset_faults()``) when
    leaving faults unused is intended.
    """
    with FakePiecesOS() as fake:
        yield fake
        unused = fake.pending_faults()
    if unused and not fake.allow_unused_faults:
        pytest.fail(
            "faults queued on the fake Pieces OS were never used: "
            + "; ".join(unused)
            + " (set pieces_os.allow_unused_faults = True if that is intended)",
            pytrace=False,
        )
