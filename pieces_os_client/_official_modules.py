"""Imports of the official SDK's modules that this package does not have fail with a message that says so.

This package installs under the official SDK's import name (``pieces_os_client``) and covers its
Allocations API and its well-known endpoints: ``pieces_os_client.api.allocations_api``,
``pieces_os_client.api.well_known_api``, the models they use, ``api_client``, ``configuration``,
``exceptions``, ``rest`` and ``api_response``. The official 5.0.1 also has the modules
below and a ``wrapper`` package. Importing one of them, or a model module this package lacks, raises
`ModuleNotProvidedError` (a ``ModuleNotFoundError``) naming this package and what it covers, instead of a
bare "No module named ...".

The finder is appended to ``sys.meta_path``, so it is asked only about modules no other finder found.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import TYPE_CHECKING, FrozenSet, Optional, Sequence

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

__all__ = ["OFFICIAL_API_MODULES", "install", "missing_attribute"]

_PACKAGE = "pieces_os_client"

# The API modules of the official pieces-os-client 5.0.1 wheel other than allocations_api and well_known_api.
OFFICIAL_API_MODULES: FrozenSet[str] = frozenset(
    [
        "activities_api",
        "activity_api",
        "allocation_api",
        "analyses_api",
        "anchor_api",
        "anchor_point_api",
        "anchor_points_api",
        "anchors_api",
        "annotation_api",
        "annotations_api",
        "applet_api",
        "application_api",
        "applications_api",
        "asset_api",
        "assets_api",
        "auth0_api",
        "backup_api",
        "backups_api",
        "classification_api",
        "code_analyses_api",
        "connector_api",
        "conversation_api",
        "conversation_message_api",
        "conversation_messages_api",
        "conversations_api",
        "database_api",
        "deep_research_api",
        "discovery_api",
        "distribution_api",
        "distributions_api",
        "entities_api",
        "entity_api",
        "external_provider_api",
        "format_api",
        "formats_api",
        "foundry_api",
        "github_api",
        "hint_api",
        "hints_api",
        "image_analyses_api",
        "linkify_api",
        "mac_os_api",
        "machine_learning_api",
        "metrics_api",
        "model_api",
        "model_context_protocol_api",
        "models_api",
        "notifications_api",
        "ocr_analyses_api",
        "ollama_api",
        "open_ai_api",
        "os_api",
        "paddle_checkout_api",
        "person_api",
        "persons_api",
        "piece_api",
        "pkce_api",
        "qgpt_api",
        "range_api",
        "ranges_api",
        "relationship_api",
        "relationships_api",
        "search_api",
        "sensitive_api",
        "sensitives_api",
        "share_api",
        "shares_api",
        "subscription_api",
        "subscriptions_api",
        "tag_api",
        "tags_api",
        "tunnel_api",
        "ultra_suite_api",
        "user_api",
        "users_api",
        "website_api",
        "websites_api",
        "workstream_api",
        "workstream_event_api",
        "workstream_events_api",
        "workstream_pattern_engine_api",
        "workstream_pattern_engine_source_api",
        "workstream_pattern_engine_source_window_api",
        "workstream_pattern_engine_source_windows_api",
        "workstream_pattern_engine_sources_api",
        "workstream_summaries_api",
        "workstream_summary_api",
    ]
)

_COVERS = (
    "this pieces_os_client is a typed SDK for the Pieces OS Allocations API and its well-known endpoints "
    "only (pieces_os_client.api.allocations_api, pieces_os_client.api.well_known_api and their models)"
)
_SAME_NAME = (
    "it installs under the same import name as the official SDK, so the two cannot share one environment: "
    "use the official pieces-os-client in a virtual environment of its own for the rest of the API"
)


def _message(fullname: str) -> Optional[str]:
    parts = fullname.split(".")
    if parts[0] != _PACKAGE or len(parts) < 2:
        return None
    if parts[1] == "wrapper":
        what = "the official SDK's wrapper package (pieces_os_client.wrapper)"
    elif parts[1] == "api" and len(parts) == 3 and parts[2] in OFFICIAL_API_MODULES:
        what = f"{fullname} (an API module of the official SDK)"
    elif parts[1] == "models" and len(parts) == 3:
        what = f"{fullname} (a model module)"
    else:
        return None
    return f"{what} is not here: {_COVERS}; {_SAME_NAME}"


def missing_attribute(package: str, name: str) -> AttributeError:
    """The error for ``package.name`` when ``name`` is neither a name nor a submodule of ``package``.

    ``pieces_os_client.models.asset`` (a model module of the official SDK) says what this package covers,
    as importing it does, but as an ``AttributeError``: ``hasattr()`` and ``getattr(x, name, default)``
    keep working.
    """
    message = f"module {package!r} has no attribute {name!r}"
    if name.isidentifier() and name.islower() and not name.startswith("_"):
        why = _message(f"{package}.{name}")
        if why is not None:
            message = f"{message}: {why}"
    return AttributeError(message, name=name)


class _OfficialModulesFinder:
    """Raises `ModuleNotProvidedError` for the official SDK's modules this package does not have.

    A meta path finder needs only ``find_spec``; not subclassing ``importlib.abc.MetaPathFinder`` keeps
    ``importlib.abc`` (which imports ``importlib.resources``, ``tempfile`` and the compression modules)
    off the import of ``pieces_os_client``.
    """

    def find_spec(
        self,
        fullname: str,
        path: Optional[Sequence[str]],
        target: Optional[ModuleType] = None,
    ) -> Optional[ModuleSpec]:
        message = _message(fullname)
        if message is None:
            return None
        from pieces_os_client.exceptions import ModuleNotProvidedError  # only when one is refused

        raise ModuleNotProvidedError(message, name=fullname)


_FINDER = _OfficialModulesFinder()


def install() -> None:
    """Append the finder to ``sys.meta_path`` once."""
    if _FINDER not in sys.meta_path:
        sys.meta_path.append(_FINDER)
