"""The typed usage sample (tests/typecheck/usage.py) runs as written against the built-in fake.

`make typecheck` proves the sample type-checks under mypy and basedpyright; this proves that what the
checkers accept also works: models built by Python attribute names, every endpoint in its three forms,
the error fields, and the transport setting.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from pieces_os_client.testing import FakePiecesOS

SAMPLE = Path(__file__).resolve().parent / "usage.py"


def _load_sample() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pieces_typed_usage", SAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("transport", ["urllib3", "requests"])
def test_typed_usage_sample_runs_against_the_fake(transport: str) -> None:
    sample = _load_sample()
    with FakePiecesOS(cloud=True) as fake:
        sample.run(fake.url, transport)
        methods = [(request.method, request.path) for request in fake.requests]
    # Each of the six endpoints was called in each of its three forms.
    for path in ("/allocations/connect", "/allocations/create", "/allocations/reconnect"):
        assert methods.count(("POST", path)) == 3, path
    assert methods.count(("GET", "/allocations")) == 3
    assert methods.count(("POST", "/allocations/disconnect")) == 3
    assert methods.count(("POST", "/allocations/delete")) == 4  # and once more for the 404
    assert {request.headers.get("X-Application-ID") for request in fake.requests} == {"typed-usage"}
