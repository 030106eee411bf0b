# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`AllocationStatusEnum`: The state of a cloud allocation or of one of its addresses."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class AllocationStatusEnum(OpenEnum):
    """The state of a cloud allocation or of one of its addresses.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    PENDING = "PENDING"
    RUNNING = "RUNNING"
    FAILED = "FAILED"
    SUCCEEDED = "SUCCEEDED"
    DISCONNECTED = "DISCONNECTED"
