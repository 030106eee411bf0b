# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`CapabilitiesEnum`: Where processing happens: on this machine, in the cloud, or a mix of both."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class CapabilitiesEnum(OpenEnum):
    """Where processing happens: on this machine, in the cloud, or a mix of both.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    LOCAL = "LOCAL"
    CLOUD = "CLOUD"
    BLENDED = "BLENDED"
