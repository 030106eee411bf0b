# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`SubscriptionTermEnum`: How often a subscription is billed."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class SubscriptionTermEnum(OpenEnum):
    """How often a subscription is billed.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    MONTH = "month"
    YEAR = "year"
    QUARTER = "quarter"
