# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`EmbeddedModelSchemaSemanticVersionEnum`: Semantic version of an object schema."""

from __future__ import annotations

from pieces_os_client._model import OpenEnum


class EmbeddedModelSchemaSemanticVersionEnum(OpenEnum):
    """Semantic version of an object schema.

    Open: a value not listed here still parses, is kept exactly and is sent back unchanged; its
    ``is_known`` is False.
    """

    UNKNOWN = "UNKNOWN"
    MAJOR_0_MINOR_0_PATCH_1 = "MAJOR_0_MINOR_0_PATCH_1"
