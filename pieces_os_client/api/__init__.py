# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""The API classes of ``openapi.yaml``, loaded on first use (PEP 562), as are their modules when read as
attributes (``pieces_os_client.api.allocations_api``, ``pieces_os_client.api.well_known_api``)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, Dict, List

if TYPE_CHECKING:  # pragma: no cover - names for type checkers and IDEs only
    from pieces_os_client.api.allocations_api import AllocationsApi as AllocationsApi
    from pieces_os_client.api.allocations_api import AsyncAllocationsApi as AsyncAllocationsApi
    from pieces_os_client.api.well_known_api import AsyncWellKnownApi as AsyncWellKnownApi
    from pieces_os_client.api.well_known_api import WellKnownApi as WellKnownApi

_API_MODULES: Dict[str, str] = {
    "AllocationsApi": "pieces_os_client.api.allocations_api",
    "AsyncAllocationsApi": "pieces_os_client.api.allocations_api",
    "WellKnownApi": "pieces_os_client.api.well_known_api",
    "AsyncWellKnownApi": "pieces_os_client.api.well_known_api",
}

__all__ = ["AllocationsApi", "AsyncAllocationsApi", "AsyncWellKnownApi", "WellKnownApi"]

# The API modules, which an attribute look-up imports too.
_SUBMODULES = frozenset(["allocations_api", "well_known_api"])


# Type checkers see the names imported above, and no __getattr__: one returning Any would make every
# misspelt name (`from pieces_os_client import AllocationsAPI`) pass silently as Any.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _API_MODULES.get(name)
        if module is None:
            if name in _SUBMODULES:  # importing it binds it here: later look-ups skip this function
                return importlib.import_module(f"pieces_os_client.api.{name}")
            from pieces_os_client._official_modules import missing_attribute

            raise missing_attribute(__name__, name)
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


def __dir__() -> List[str]:
    return sorted(set(globals()) | set(__all__))
