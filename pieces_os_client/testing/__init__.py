"""Test your app against Pieces OS without Pieces OS: a built-in fake server and a pytest fixture.

`FakePiecesOS` is a real HTTP server on ``127.0.0.1`` that answers the Allocations API as
``openapi.yaml`` describes it, keeps state, records every request and can be told to fail, stall or
drop the connection. It needs only the standard library (and this SDK's models)::

    from pieces_os_client.testing import FakePiecesOS

    with FakePiecesOS() as fake:
        ...  # point your app at fake.url, or build a client from fake.configuration()

pytest users enable the ``pieces_os`` fixture (a fresh fake per test) with one line in
``conftest.py``: ``pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]``. Importing this
package does not import pytest.
"""

from __future__ import annotations

from pieces_os_client.testing._server import FakePiecesOS, Headers, RecordedRequest
from pieces_os_client.testing._state import sample_user_profile

__all__ = ["FakePiecesOS", "Headers", "RecordedRequest", "sample_user_profile"]
