"""The transport names `Configuration.transport` accepts: the built-in ones, and names registered the old way.

This module imports no transport and no HTTP library: `Configuration` checks names against it.
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Any, Callable, Dict, Optional, Tuple

from pieces_os_client.exceptions import ApiValueError

if TYPE_CHECKING:
    from pieces_os_client.configuration import Configuration

__all__ = ["BUILT_IN", "legacy_factory", "register_transport", "transport_names"]

BUILT_IN: Tuple[str, ...] = ("requests", "urllib3")

# Name -> factory(configuration), registered with the deprecated register_transport.
_LEGACY: Dict[str, Callable[[Configuration], Any]] = {}


def register_transport(name: str, factory: Callable[[Configuration], Any]) -> None:
    """Deprecated: pass the transport itself, ``ApiClient(configuration, transport=...)``.

    Makes ``Configuration(transport=name)`` build its transport with ``factory(configuration)``; the
    factory must return a transport with ``handle_request`` (see `pieces_os_client.transport.Transport`).
    """
    warnings.warn(
        "register_transport() is deprecated and will be removed in the next release: pass the transport "
        "object instead, ApiClient(configuration, transport=MyTransport(...)) or "
        "Configuration(transport=MyTransport(...))",
        DeprecationWarning,
        stacklevel=2,
    )
    if not name or not isinstance(name, str):
        raise ApiValueError("a transport name must be a non-empty string")
    if name in BUILT_IN:
        raise ApiValueError(f"{name!r} names a built-in transport; choose another name")
    if not callable(factory):
        raise ApiValueError(
            f"register_transport({name!r}, ...) needs a factory that takes a Configuration and returns a "
            f"transport, got {type(factory).__name__}"
        )
    _LEGACY[name] = factory


def transport_names() -> Tuple[str, ...]:
    """Every name `Configuration.transport` accepts, sorted."""
    return tuple(sorted({*BUILT_IN, *_LEGACY}))


def legacy_factory(name: str) -> Optional[Callable[[Configuration], Any]]:
    """The factory registered under ``name`` with `register_transport`, if any."""
    return _LEGACY.get(name)
