# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`EntityTypeEnum`: The kind of an entity: an organization or a team."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class EntityTypeEnum(OpenEnum):
    """The kind of an entity: an organization or a team.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    ORGANIZATION = "ORGANIZATION"
    TEAM = "TEAM"
