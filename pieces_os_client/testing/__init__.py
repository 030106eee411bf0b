"""Test your app against Pieces OS without Pieces OS: a built-in fake server and pytest fixtures.

`FakePiecesOS` is a real HTTP server on ``127.0.0.1`` that answers the Allocations API as
``openapi.yaml`` describes it, keeps state, records every request and can be told to fail, stall or
drop the connection. It needs only the standard library (and this SDK's models)::

    from pieces_os_client.testing import FakePiecesOS

    with FakePiecesOS() as fake:
        ...  # point your app at fake.url, or build a client from fake.configuration()

``FakePiecesOS(in_process=True)`` serves the same answers without any socket, through the
`IN_PROCESS_TRANSPORT` that ``fake.configuration()`` selects.

With pytest installed, the ``pieces_os`` and ``pieces_os_session`` fixtures are available in every
test (the plugin registers itself through the ``pytest11`` entry point; the older
``pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]`` line keeps working). Importing this
package does not import pytest, and names are loaded on first use, so loading the plugin costs
nothing in suites that do not use it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict, List

if TYPE_CHECKING:  # pragma: no cover - names for type checkers and IDEs only
    from pieces_os_client.testing._in_process import IN_PROCESS_TRANSPORT as IN_PROCESS_TRANSPORT
    from pieces_os_client.testing._server import FakePiecesOS as FakePiecesOS
    from pieces_os_client.testing._server import Headers as Headers
    from pieces_os_client.testing._server import RecordedRequest as RecordedRequest
    from pieces_os_client.testing._state import sample_user_profile as sample_user_profile

_EXPORTS: Dict[str, str] = {
    "FakePiecesOS": "pieces_os_client.testing._server",
    "Headers": "pieces_os_client.testing._server",
    "IN_PROCESS_TRANSPORT": "pieces_os_client.testing._in_process",
    "RecordedRequest": "pieces_os_client.testing._server",
    "sample_user_profile": "pieces_os_client.testing._state",
}

__all__ = sorted(_EXPORTS)

if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _EXPORTS.get(name)
        if module is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> List[str]:
    return sorted({*globals(), *_EXPORTS})
