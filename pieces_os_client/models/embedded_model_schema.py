# Generated from openapi.yaml by `make generate`. Do not edit by hand.
"""`EmbeddedModelSchema`: The version of the schema an object was written with; lets readers and writers of
different ages agree."""

from __future__ import annotations

from pydantic import Field, StrictInt

from pieces_os_client._model import PiecesModel
from pieces_os_client.models.embedded_model_schema_semantic_version_enum import (
    EmbeddedModelSchemaSemanticVersionEnum,
)


class EmbeddedModelSchema(PiecesModel):
    """The version of the schema an object was written with; lets readers and writers of different ages agree.

    Fields not declared in ``openapi.yaml`` are kept in ``model_extra`` and written back unchanged.
    """

    migration: StrictInt = Field(description="Migration number of the schema.")
    semantic: EmbeddedModelSchemaSemanticVersionEnum = Field(description="Semantic version of the schema.")
