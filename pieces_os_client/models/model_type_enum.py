# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`ModelTypeEnum`: What a model is tuned for: a balance, speed or accuracy."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class ModelTypeEnum(OpenEnum):
    """What a model is tuned for: a balance, speed or accuracy.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    BALANCED = "BALANCED"
    SPEED = "SPEED"
    ACCURACY = "ACCURACY"
