# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`InstanceConfigurationEnabledEnum`: Whether a setting is switched on or off."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class InstanceConfigurationEnabledEnum(OpenEnum):
    """Whether a setting is switched on or off.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    ENABLED = "ENABLED"
    DISABLED = "DISABLED"
